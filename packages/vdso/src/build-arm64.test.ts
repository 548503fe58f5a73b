// The arm64 vDSO image: readelf reads it cleanly, its versioned dynamic symbols are the ones
// GNU ld -shared makes from the same source (assembled by aarch64-linux-gnu-as) with the
// equivalent version script, the code is byte-identical to GNU's, and every vvar address it
// forms (`adr`) is 6 pages below the image (the loader's [vvar] + [vvar_vclock] layout).
import { afterAll, describe, expect, it } from 'vitest';
import { readElf, ET_DYN, PT_LOAD, EM_AARCH64 } from '@vsys/elf';
import { buildVdsoImage, vdsoExports, vdsoImage, vdsoSourcePath } from './build.js';
import { Scratch, missingTools, run, runOk } from '../../elf/src/testing/host-tools.js';

const scratch = new Scratch();
afterAll(() => scratch.dispose());

/** `readelf --dyn-syms` lines naming a versioned symbol: "TYPE BIND name@@VERSION". */
function dynsyms(path: string): string[] {
  return runOk('aarch64-linux-gnu-readelf', ['--dyn-syms', '-W', path])
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 8 && f[7]!.includes('@'))
    .map((f) => `${f[3]} ${f[4]} ${f[7]}`)
    .sort();
}

/** objdump -d's instructions (address-independent text: mnemonic and operands) per symbol. */
function disassembly(path: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of runOk('aarch64-linux-gnu-objdump', ['-d', '--no-show-raw-insn', path]).split('\n')) {
    const head = /^[0-9a-f]+ <([^>]+)>:$/.exec(line);
    if (head) {
      current = [];
      out.set(head[1]!, current);
      continue;
    }
    const insn = /^\s+[0-9a-f]+:\s+(.*)$/.exec(line);
    if (insn && current) current.push(insn[1]!.replace(/\s+\/\/.*$/, '').replace(/[0-9a-f]+ <[^>]+>/g, '<target>').replace(/\s+/g, ' ').trim());
  }
  return out;
}

describe('arm64 vDSO image', () => {
  const image = buildVdsoImage('arm64');

  it('is an AArch64 ET_DYN with one PT_LOAD at 0 and is cached by vdsoImage()', () => {
    const elf = readElf(image);
    expect(elf.header.type).toBe(ET_DYN);
    expect(elf.header.machine).toBe(EM_AARCH64);
    expect(elf.segments.filter((s) => s.type === PT_LOAD).map((s) => s.vaddr)).toEqual([0n]);
    expect(vdsoImage('arm64')).toBe(vdsoImage('arm64'));
    expect(image.length).toBeLessThanOrEqual(2 * 4096);
  });

  it.skipIf(missingTools('aarch64-linux-gnu-as', 'aarch64-linux-gnu-ld', 'aarch64-linux-gnu-readelf', 'aarch64-linux-gnu-objdump'))(
    'has the versioned symbols and the code GNU ld -shared gives the same source',
    () => {
      const path = scratch.write('vdso.so', image);
      expect(run('aarch64-linux-gnu-readelf', ['-a', '-W', path]).stderr).toBe('');
      const v = runOk('aarch64-linux-gnu-readelf', ['-V', '-W', path]);
      expect(v).toMatch(/Name: linux-vdso\.so\.1/);
      expect(v).toMatch(/Name: LINUX_2\.6\.39/);
      runOk('aarch64-linux-gnu-as', ['-o', scratch.path('vdso.o'), vdsoSourcePath('arm64')!]);
      const [ver] = vdsoExports.arm64.versions;
      scratch.write('vdso.lds', `${ver!.name} { global: ${ver!.symbols.join('; ')}; local: *; };\n`);
      runOk('aarch64-linux-gnu-ld', ['-shared', '--hash-style=sysv', '-soname', 'linux-vdso.so.1', '--version-script', scratch.path('vdso.lds'),
        '-o', scratch.path('vdso-ld.so'), scratch.path('vdso.o')]);
      const ours = dynsyms(path);
      expect(ours).toEqual(dynsyms(scratch.path('vdso-ld.so')));
      for (const name of ['__kernel_clock_gettime', '__kernel_gettimeofday', '__kernel_clock_getres', '__kernel_rt_sigreturn']) {
        expect(ours).toContain(`FUNC GLOBAL ${name}@@LINUX_2.6.39`);
      }
      // The same instructions, function by function (addresses differ between the two links).
      const gnu = disassembly(scratch.path('vdso-ld.so'));
      const mine = disassembly(path);
      expect([...mine.keys()].sort()).toEqual([...gnu.keys()].sort());
      for (const [name, insns] of mine) expect(insns, name).toEqual(gnu.get(name));
      // Every adr that forms the vvar address lands at image - 0x6000 (objdump's computed target).
      const raw = runOk('aarch64-linux-gnu-objdump', ['-d', path]);
      const targets = [...raw.matchAll(/adr\s+x9, ([0-9a-f]+)/g)].map((m) => m[1]);
      expect(targets.length).toBe(3);
      expect(new Set(targets)).toEqual(new Set(['ffffffffffffa000']));
      // The counter is read after an isb, and the sequence count with dmb ishld on both sides.
      const readLoop = mine.get('vclock_read')!;
      const mrs = readLoop.findIndex((i) => /^mrs x\d+, cntvct_el0$/.test(i));
      expect(readLoop[mrs - 1]).toBe('isb');
      expect(readLoop.filter((i) => i === 'dmb ishld').length).toBe(2);
    },
  );
});
