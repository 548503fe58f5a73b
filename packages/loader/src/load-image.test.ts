// loadImage against the real thing: a static program built with GNU as/ld dumps its own
// initial stack (from SP to STACK_TOP) when run natively with ASLR off (setarch -R) and an
// exact environment (env -i); the loader must build the same bytes for the same argv/envp/
// execfn. The host-specific auxv values (AT_HWCAP, AT_HWCAP2, AT_MINSIGSTKSZ) and the 16
// AT_RANDOM bytes are taken from the native dump; everything else (order, addresses, strings,
// alignment, padding) is compared byte for byte. Plus: segment mapping and typed errors.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kernel } from '@vsys/kernel';
import { loadImage } from './load-image.js';
import { LoaderError } from './errors.js';
import { AT } from './stack/auxv.js';

function have(tool: string): boolean {
  return spawnSync('which', [tool]).status === 0;
}

const DUMP_STACK = `
  .globl _start
_start:
  mov %rsp, %rsi
  movabs $0x7ffffffff000, %rdx
  sub %rsp, %rdx
  mov $1, %edi
  mov $1, %eax
  syscall
  mov $60, %eax
  xor %edi, %edi
  syscall
  .data
value: .quad 42
  .bss
buffer: .zero 20000
`;

function buildStatic(dir: string, source: string, name = 'prog', pie = false): Uint8Array {
  writeFileSync(join(dir, `${name}.s`), source);
  execFileSync('as', ['-o', join(dir, `${name}.o`), join(dir, `${name}.s`)]);
  const ldArgs = pie ? ['-static', '-pie', '--no-dynamic-linker'] : ['-static'];
  execFileSync('ld', [...ldArgs, '-o', join(dir, name), join(dir, `${name}.o`)]);
  return new Uint8Array(readFileSync(join(dir, name)));
}

function auxvOf(stack: Uint8Array): { type: number; value: bigint }[] {
  const v = new DataView(stack.buffer, stack.byteOffset, stack.byteLength);
  const argc = Number(v.getBigUint64(0, true));
  let i = 8 * (argc + 2);
  while (v.getBigUint64(i, true) !== 0n) i += 8;
  i += 8;
  const out: { type: number; value: bigint }[] = [];
  for (;;) {
    const type = Number(v.getBigUint64(i, true));
    const value = v.getBigUint64(i + 8, true);
    out.push({ type, value });
    i += 16;
    if (type === 0) return out;
  }
}

const toolsMissing = !have('as') || !have('ld') || !have('setarch');

describe('loadImage vs Linux', () => {
  for (const pie of [false, true])
  it.skipIf(toolsMissing)(`builds the same initial stack as the host kernel (GNU as/ld${pie ? ' -static -pie' : ''}, setarch -R)`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsys-loader-'));
    try {
      const image = buildStatic(dir, DUMP_STACK, 'prog', pie);
      const run = spawnSync('setarch', ['-R', 'env', '-i', 'A=1', 'B=hello world', './prog', 'one', 'two'], { cwd: dir });
      if (run.status !== 0 || run.stdout.length === 0) {
        console.warn(`skipped: native run failed (${run.stderr.toString().trim()})`);
        return;
      }
      const native = new Uint8Array(run.stdout);
      const nativeAux = auxvOf(native);
      // The kernel's order (facts §6.1), as measured.
      expect(nativeAux.map((a) => a.type)).toEqual([33, 51, 16, 6, 17, 3, 4, 5, 7, 8, 9, 11, 12, 13, 14, 23, 25, 26, 31, 15, 27, 28, 0]);
      const get = (t: number) => nativeAux.find((a) => a.type === t)!.value;
      const nativeSp = 0x7ffffffff000 - native.length;
      const rnd = native.slice(Number(get(AT.AT_RANDOM)) - nativeSp, Number(get(AT.AT_RANDOM)) - nativeSp + 16);

      const kernel = new Kernel({ warn: () => {} });
      const { process } = kernel.createProcess('x86_64');
      const r = loadImage(kernel, process, image, ['./prog', 'one', 'two'], ['A=1', 'B=hello world'], './prog', {
        vdso: new Uint8Array(8192),
        random: rnd,
        aux: { hwcap: get(AT.AT_HWCAP), hwcap2: get(AT.AT_HWCAP2), minsigstksz: get(AT.AT_MINSIGSTKSZ) },
      });
      expect(r.vdsoBase).toBe(get(AT.AT_SYSINFO_EHDR));
      expect(Number(r.sp)).toBe(nativeSp);
      expect(Number(r.sp) % 16).toBe(0);
      const ours = kernel.userMemory(process).read(Number(r.sp), native.length);
      expect(ours).toEqual(native);
      expect(r.entry).toBe(get(AT.AT_ENTRY));
      expect(r.phdr).toBe(get(AT.AT_PHDR));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!have('as') || !have('ld'))('maps PT_LOAD segments with their permissions, zeroes bss, sets brk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsys-loader-'));
    try {
      const image = buildStatic(dir, DUMP_STACK);
      const kernel = new Kernel({ warn: () => {} });
      const { process } = kernel.createProcess('x86_64');
      const r = loadImage(kernel, process, image, ['prog'], [], '/bin/prog');
      const mm = process.mm;
      const text = mm.findVma(0x401000)!;
      expect(text.prot).toEqual({ read: true, write: false, exec: true });
      const readelf = execFileSync('readelf', ['-lW', join(dir, 'prog')]).toString();
      // every LOAD line's address range is mapped with the flags readelf prints
      for (const m of readelf.matchAll(/LOAD\s+0x[0-9a-f]+ (0x[0-9a-f]+) 0x[0-9a-f]+ 0x[0-9a-f]+ (0x[0-9a-f]+) ([RWE ]{3})/g)) {
        const vaddr = Number(m[1]);
        const memsz = Number(m[2]);
        const flags = m[3]!;
        for (const at of [vaddr, vaddr + memsz - 1]) {
          const v = mm.findVma(at)!;
          expect(v.prot).toEqual({ read: flags.includes('R'), write: flags.includes('W'), exec: flags.includes('E') });
        }
      }
      const mem = kernel.userMemory(process);
      // _start's first bytes are the instruction GNU as emitted (mov %rsp,%rsi = 48 89 e6)
      expect(mem.read(Number(r.entry), 3)).toEqual(new Uint8Array([0x48, 0x89, 0xe6]));
      // .data holds 42, .bss is zero, brk is just past the bss
      const nm = execFileSync('nm', [join(dir, 'prog')]).toString();
      const sym = (n: string) => parseInt(new RegExp(`([0-9a-f]+) . ${n}$`, 'm').exec(nm)![1]!, 16);
      expect(mem.read(sym('value'), 8)).toEqual(new Uint8Array([42, 0, 0, 0, 0, 0, 0, 0]));
      expect(mem.read(sym('buffer'), 20000)!.every((b) => b === 0)).toBe(true);
      expect(Number(r.brk)).toBe(Math.ceil((sym('buffer') + 20000) / 4096) * 4096);
      expect(mm.findVma(0x7ffffffff000 - 1)!.name).toBe('[stack]');
      // AT_PHDR points at the program headers in memory
      const phdr = r.auxv.find((a) => a.type === AT.AT_PHDR)!.value;
      expect(mem.read(Number(phdr), 4)).toEqual(image.slice(64, 68));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const PRINT_BRK = `
  .globl _start
_start:
  mov $12, %eax
  xor %edi, %edi
  syscall
  push %rax
  mov %rsp, %rsi
  mov $8, %edx
  mov $1, %edi
  mov $1, %eax
  syscall
  mov $60, %eax
  xor %edi, %edi
  syscall
  .bss
buffer: .zero 12345
`;

describe('the initial break vs Linux', () => {
  for (const pie of [false, true])
    it.skipIf(toolsMissing)(`brk(0) is where the host kernel puts it${pie ? ' (static PIE)' : ''}`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'vsys-loader-brk-'));
      try {
        const image = buildStatic(dir, PRINT_BRK, 'brk', pie);
        const run = spawnSync('setarch', ['-R', './brk'], { cwd: dir });
        if (run.status !== 0 || run.stdout.length !== 8) {
          console.warn(`skipped: native run failed (${run.stderr.toString().trim()})`);
          return;
        }
        const native = new DataView(new Uint8Array(run.stdout).buffer).getBigUint64(0, true);
        const kernel = new Kernel({ warn: () => {} });
        const { process } = kernel.createProcess('x86_64');
        const r = loadImage(kernel, process, image, ['./brk'], [], './brk', { vdso: new Uint8Array(8192) });
        expect(r.brk).toBe(native);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
});

const PRINT_MAPS = `
  .globl _start
_start:
  mov $257, %eax
  mov $-100, %rdi
  lea path(%rip), %rsi
  xor %edx, %edx
  syscall
  mov %rax, %rdi
  xor %eax, %eax
  lea buffer(%rip), %rsi
  mov $16384, %edx
  syscall
  mov %rax, %rdx
  mov $1, %edi
  lea buffer(%rip), %rsi
  mov $1, %eax
  syscall
  mov $60, %eax
  xor %edi, %edi
  syscall
  .section .rodata
path: .asciz "/proc/self/maps"
  .bss
buffer: .zero 16384
`;

describe('/proc/self/maps after exec vs Linux', () => {
  it.skipIf(toolsMissing)('has the same areas, permissions, offsets and names (path, dev and inode aside)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsys-loader-maps-'));
    try {
      const image = buildStatic(dir, PRINT_MAPS, 'maps');
      const run = spawnSync('setarch', ['-R', './maps'], { cwd: dir });
      if (run.status !== 0 || run.stdout.length === 0) {
        console.warn(`skipped: native run failed (${run.stderr.toString().trim()})`);
        return;
      }
      // start-end perms offset, and the name only when it is [special]; the binary's path, device
      // and inode are the host file system's.
      const norm = (text: string) =>
        text
          .trim()
          .split('\n')
          .map((l) => {
            const f = l.split(/\s+/);
            const name = f[5] ?? '';
            return `${f[0]} ${f[1]} ${f[2]} ${name.startsWith('[') ? name : name ? 'FILE' : ''}`.trim();
          });
      const native = norm(run.stdout.toString());
      const kernel = new Kernel({ warn: () => {} });
      const { process } = kernel.createProcess('x86_64');
      loadImage(kernel, process, image, ['./maps'], [], './maps', { vdso: new Uint8Array(8192) });
      expect(norm(kernel.mapsText(process))).toEqual(native);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('loadImage errors', () => {
  const kernel = new Kernel({ warn: () => {} });
  const load = (bytes: Uint8Array, arch: 'x86_64' | 'arm64' = 'x86_64') => {
    const { process } = kernel.createProcess(arch);
    try {
      loadImage(kernel, process, bytes, ['x'], [], 'x');
      return 'loaded';
    } catch (e) {
      if (e instanceof LoaderError) return e.kind;
      throw e;
    }
  };

  it('rejects non-ELF, 32-bit, truncated and random input with typed errors', () => {
    expect(load(new TextEncoder().encode('#!/bin/sh\necho hi\n'))).toBe('not-elf');
    expect(load(new Uint8Array(0))).toBe('not-elf');
    const ident32 = new Uint8Array(64);
    ident32.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
    expect(load(ident32)).toBe('wrong-class');
    const trunc = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
    expect(load(trunc)).toBe('truncated');
    for (let seed = 1; seed < 50; seed++) {
      const junk = new Uint8Array(200).map((_, i) => (i * 7919 * seed + seed) & 0xff);
      junk.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
      expect(['truncated', 'wrong-machine', 'wrong-type', 'no-load', 'bad-segment', 'interpreter']).toContain(load(junk));
    }
  });

  it.skipIf(!have('as') || !have('ld'))('rejects a wrong machine and a file without PT_LOAD', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsys-loader-'));
    try {
      const image = buildStatic(dir, DUMP_STACK);
      expect(load(image, 'arm64')).toBe('wrong-machine');
      const noLoad = image.slice();
      // turn every program header's p_type into PT_NULL
      const v = new DataView(noLoad.buffer);
      const phoff = Number(v.getBigUint64(32, true));
      const phnum = v.getUint16(56, true);
      for (let i = 0; i < phnum; i++) v.setUint32(phoff + i * 56, 0, true);
      expect(load(noLoad)).toBe('no-load');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
