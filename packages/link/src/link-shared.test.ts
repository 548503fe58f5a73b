// Shared-object output (the vDSO shape): .dynsym/.dynstr/.hash/.dynamic/.gnu.version(_d)
// checked with readelf against GNU ld -shared with an equivalent version script, and loaded
// for real by glibc's dynamic loader (dlopen + dlvsym), which walks .hash and the versions.
import { afterAll, describe, expect, it } from 'vitest';
import { readElf, readObject, PT_LOAD, PT_DYNAMIC, ET_DYN } from '@vsys/elf';
import { link } from './link.js';
import { elfHash } from './output/shared.js';
import { Scratch, hasTool, missingTools, run, runOk } from '../../elf/src/testing/host-tools.js';

const scratch = new Scratch();
afterAll(() => scratch.dispose());
const native = process.platform === 'linux' && process.arch === 'x64';

const vdso = `
  .text
  .globl __vdso_time, __vdso_getcpu
  .type __vdso_time, @function
__vdso_time:
  lea answer(%rip), %rax
  mov (%rax), %eax
  ret
  .size __vdso_time, . - __vdso_time
  .type __vdso_getcpu, @function
__vdso_getcpu:
  xor %eax, %eax
  ret
  .size __vdso_getcpu, . - __vdso_getcpu
  .weak time
  .set time, __vdso_time
  .globl hidden_helper
hidden_helper: ret
  .section .rodata
answer: .long 4242
  .section .note.Linux,"a",@note
  .balign 4
  .long 6, 4, 0
  .asciz "Linux"
  .balign 4
  .long 0x060000
`;

const versions = { soname: 'linux-vdso.so.1', versions: [{ name: 'LINUX_2.6', symbols: ['__vdso_time', 'time', '__vdso_getcpu'] }] };

function dynsyms(path: string): string[] {
  return runOk('readelf', ['--dyn-syms', '-W', path])
    .split('\n')
    .filter((l) => /^\s*\d+:/.test(l))
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[6] !== 'ABS' && f[7])
    .map((f) => `${f[3]} ${f[4]} ${f[7]}`)
    .sort();
}

describe.skipIf(missingTools('as', 'ld', 'readelf'))('shared output (vDSO)', () => {
  const object = readObject(scratch.assemble('vdso.o', vdso));
  const r = link([{ kind: 'object', name: 'vdso.o', object }], { shared: versions });
  const path = scratch.write('vdso.so', r.image ?? new Uint8Array(0));

  it('links without diagnostics into ET_DYN with one PT_LOAD and PT_DYNAMIC', () => {
    expect(r.diagnostics).toEqual([]);
    const elf = readElf(r.image!);
    expect(elf.header.type).toBe(ET_DYN);
    expect(elf.segments.filter((p) => p.type === PT_LOAD)).toHaveLength(1);
    expect(elf.segments.filter((p) => p.type === PT_DYNAMIC)).toHaveLength(1);
    expect(run('readelf', ['-a', '-W', path]).stderr).toBe('');
  });

  it('exports the same versioned symbols as GNU ld -shared with a version script', () => {
    scratch.write('vdso.lds', `LINUX_2.6 { global: __vdso_time; time; __vdso_getcpu; local: *; };\n`);
    runOk('ld', ['-shared', '--hash-style=sysv', '-soname', 'linux-vdso.so.1', '--version-script', scratch.path('vdso.lds'), '-o', scratch.path('vdso-ld.so'), scratch.path('vdso.o')]);
    expect(dynsyms(path)).toEqual(dynsyms(scratch.path('vdso-ld.so')));
    expect(dynsyms(path)).toEqual(['FUNC GLOBAL __vdso_getcpu@@LINUX_2.6', 'FUNC GLOBAL __vdso_time@@LINUX_2.6', 'FUNC WEAK time@@LINUX_2.6'].sort());
    const dyn = runOk('readelf', ['-d', path]);
    expect(dyn).toMatch(/\(SONAME\)\s+Library soname: \[linux-vdso\.so\.1\]/);
    const ver = runOk('readelf', ['-V', '-W', path]);
    expect(ver).toMatch(/Rev: 1\s+Flags: BASE\s+Index: 1\s+Cnt: 1\s+Name: linux-vdso\.so\.1/);
    expect(ver).toMatch(/Rev: 1\s+Flags: none\s+Index: 2\s+Cnt: 1\s+Name: LINUX_2\.6/);
  });

  it.skipIf(!native || !hasTool('gcc'))('glibc dlopen + dlvsym finds and calls the versioned symbols', () => {
    scratch.write('use.c', `
      #define _GNU_SOURCE
      #include <dlfcn.h>
      #include <stdio.h>
      int main(int argc, char **argv) {
        void *h = dlopen(argv[1], RTLD_NOW);
        if (!h) { printf("dlopen: %s\\n", dlerror()); return 1; }
        int (*t)(void) = (int (*)(void))dlvsym(h, "time", "LINUX_2.6");
        int (*c)(void) = (int (*)(void))dlvsym(h, "__vdso_getcpu", "LINUX_2.6");
        void *hidden = dlsym(h, "hidden_helper");
        printf("%d %d %s\\n", t ? t() : -1, c ? c() : -1, hidden ? "visible" : "hidden");
        return 0;
      }`);
    runOk('gcc', ['-o', scratch.path('use'), scratch.path('use.c'), '-ldl']);
    // dlopen() adds the load bias to .dynamic's entries in place (glibc elf_get_dynamic_info),
    // so it needs .dynamic writable; the kernel-mapped vDSO is read-only and glibc's vDSO setup
    // path does not write it. So this copy gets p_flags = RWX on its single PT_LOAD.
    const rw = r.image!.slice();
    new DataView(rw.buffer).setUint32(64 + 4, 7, true);
    const out = run(scratch.path('use'), [scratch.write('vdso-rw.so', rw)]);
    expect(out.stdout).toBe('4242 0 hidden\n');
  });

  it('reports undefined exports and absolute relocations', () => {
    const bad = link([{ kind: 'object', name: 'vdso.o', object }], { shared: { soname: 'x.so', versions: [{ name: 'V1', symbols: ['nope'] }] } });
    expect(bad.diagnostics.map((d) => d.message)).toEqual(["version V1 exports 'nope', which is not defined in any input"]);
    const abs = readObject(scratch.assemble('abs.o', '.data\n.globl f\nf: .quad f\n'));
    const r2 = link([{ kind: 'object', name: 'abs.o', object: abs }], { shared: { soname: 'x.so', versions: [{ name: 'V1', symbols: ['f'] }] } });
    expect(r2.diagnostics[0]!.message).toMatch(/^abs\.o:\(\.data\+0x0\): relocation R_X86_64_64 needs a dynamic relocation/);
  });

  it('elfHash matches the gABI examples', () => {
    // Values computed by hand from the gABI algorithm.
    expect(elfHash('')).toBe(0);
    expect(elfHash('printf')).toBe(0x077905a6);
    expect(elfHash('LINUX_2.6')).toBe(0x3ae75f6);
  });
});

describe.skipIf(missingTools('aarch64-linux-gnu-as', 'aarch64-linux-gnu-ld', 'readelf'))('shared output (arm64 vDSO)', () => {
  it('matches aarch64-linux-gnu-ld -shared dynamic symbols and versions', () => {
    const src = `
      .text
      .globl __kernel_clock_gettime, __kernel_rt_sigreturn
      .type __kernel_clock_gettime, %function
    __kernel_clock_gettime:
      adrp x2, base
      add x2, x2, :lo12:base
      ldr x0, [x2]
      ret
      .size __kernel_clock_gettime, . - __kernel_clock_gettime
      .type __kernel_rt_sigreturn, %function
    __kernel_rt_sigreturn:
      mov x8, #139
      svc #0
      .size __kernel_rt_sigreturn, . - __kernel_rt_sigreturn
      .section .rodata
      .balign 8
    base: .quad 42
    `;
    const o = readObject(scratch.assemble('avdso.o', src, 'arm64'));
    const shared = { soname: 'linux-vdso.so.1', versions: [{ name: 'LINUX_2.6.39', symbols: ['__kernel_clock_gettime', '__kernel_rt_sigreturn'] }] };
    const r = link([{ kind: 'object', name: 'avdso.o', object: o }], { shared });
    expect(r.diagnostics).toEqual([]);
    const path = scratch.write('avdso.so', r.image!);
    expect(run('readelf', ['-a', '-W', path]).stderr).toBe('');
    scratch.write('avdso.lds', 'LINUX_2.6.39 { global: __kernel_clock_gettime; __kernel_rt_sigreturn; local: *; };\n');
    runOk('aarch64-linux-gnu-ld', ['-shared', '--hash-style=sysv', '-soname', 'linux-vdso.so.1', '--version-script', scratch.path('avdso.lds'), '-o', scratch.path('avdso-ld.so'), scratch.path('avdso.o')]);
    expect(dynsyms(path)).toEqual(dynsyms(scratch.path('avdso-ld.so')));
    const elf = readElf(r.image!);
    expect(elf.segments.filter((p) => p.type === PT_LOAD).map((p) => [p.vaddr, p.offset])).toEqual([[0n, 0n]]);
    const sym = elf.symbolTables.find((t) => t.name === '.dynsym')!.symbols.find((s) => s.name === '__kernel_clock_gettime')!;
    expect(sym.version).toEqual({ name: 'LINUX_2.6.39', hidden: false, defined: true });
  });
});
