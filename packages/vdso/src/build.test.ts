// The x86-64 vDSO image: readelf reads it cleanly, and its versioned dynamic symbols are the
// ones GNU ld -shared makes from the same object (assembled by GNU as) with the equivalent
// version script; the code reaches vvar 6 pages below the image start (the loader's layout).
import { afterAll, describe, expect, it } from 'vitest';
import { readElf, ET_DYN, PT_LOAD } from '@vsys/elf';
import { buildVdsoImage, vdsoExports, vdsoImage, vdsoSourcePath } from './build.js';
import { Scratch, missingTools, run, runOk } from '../../elf/src/testing/host-tools.js';

const scratch = new Scratch();
afterAll(() => scratch.dispose());

/** `readelf --dyn-syms -V` lines naming a versioned symbol: "TYPE BIND name@@VERSION". */
function dynsyms(path: string): string[] {
  return runOk('readelf', ['--dyn-syms', '-W', path])
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 8 && f[7]!.includes('@'))
    .map((f) => `${f[3]} ${f[4]} ${f[7]}`)
    .sort();
}

describe('x86-64 vDSO image', () => {
  const image = buildVdsoImage('x86_64');

  it('is ET_DYN with one PT_LOAD at 0 and is cached by vdsoImage()', () => {
    const elf = readElf(image);
    expect(elf.header.type).toBe(ET_DYN);
    expect(elf.segments.filter((s) => s.type === PT_LOAD).map((s) => s.vaddr)).toEqual([0n]);
    expect(vdsoImage('x86_64')).toBe(vdsoImage('x86_64'));
  });

  it.skipIf(missingTools('as', 'ld', 'readelf', 'objdump'))('has the versioned symbols GNU ld -shared gives the same object', () => {
    const path = scratch.write('vdso.so', image);
    expect(run('readelf', ['-a', '-W', path]).stderr).toBe('');
    const v = runOk('readelf', ['-V', '-W', path]);
    expect(v).toMatch(/Name: linux-vdso\.so\.1/);
    expect(v).toMatch(/Name: LINUX_2\.6/);
    runOk('as', ['--64', '-o', scratch.path('vdso.o'), vdsoSourcePath('x86_64')!]);
    const [ver] = vdsoExports.x86_64.versions;
    scratch.write('vdso.lds', `${ver!.name} { global: ${ver!.symbols.join('; ')}; local: *; };\n`);
    runOk('ld', ['-shared', '--hash-style=sysv', '-soname', 'linux-vdso.so.1', '--version-script', scratch.path('vdso.lds'),
      '-o', scratch.path('vdso-ld.so'), scratch.path('vdso.o')]);
    expect(dynsyms(path)).toEqual(dynsyms(scratch.path('vdso-ld.so')));
    expect(dynsyms(path)).toContain('FUNC GLOBAL __vdso_clock_gettime@@LINUX_2.6');
    expect(dynsyms(path)).toContain('FUNC GLOBAL __vdso_getcpu@@LINUX_2.6');
    // Every vvar reference is rip-relative to image address -0x6000 (objdump's computed target).
    const dis = runOk('objdump', ['-d', path]);
    const targets = [...dis.matchAll(/lea\s+-?0x[0-9a-f]+\(%rip\),%r8\s+# ([0-9a-f]+)/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(0);
    expect(new Set(targets)).toEqual(new Set(['ffffffffffffa000']));
  });
});
