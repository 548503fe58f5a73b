// The vsys libc end to end on ARM64: each program in packages/libc/programs/arm64/ is built
// with `vasm build --arch arm64` (which adds crt0.o because the program defines main, and pulls
// libc.a members for what is left undefined) and run under vrun; aarch64-linux-gnu-gcc links the
// same assembly statically against glibc and qemu-aarch64 runs it. stdout, stderr and the exit
// status must be identical: errno after failing calls, strerror, printf formats, malloc and
// strings, two threads whose errno values stay apart (clone with CLONE_SETTLS → TPIDR_EL0) and a
// futex mutex, the time functions.
// Also: clock_gettime's system calls with and without the vDSO (__kernel_clock_gettime found by
// libc's versioned dynamic-symbol lookup), --nostdlib, and a program with its own _start.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readElf } from '@vsys/elf';
import { main as vasmMain } from '../packages/cli/src/vasm.js';
import { buildWithGlibcArm64, libcTestPrograms, missingArm64Tool, runQemuArm64 } from '../packages/libc/src/testing/programs.js';
import { vrunOutcome } from './support/vrun-outcome.js';

const dir = mkdtempSync(join(tmpdir(), 'libc-arm64-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MISSING = missingArm64Tool();
const skipNote = MISSING ? ` (skipped: ${MISSING} is not installed)` : '';

describe.skipIf(MISSING)(`libc arm64 under vrun behaves as glibc under qemu-aarch64${skipNote}`, () => {
  for (const program of libcTestPrograms('arm64')) {
    const name = basename(program, '.s');
    it(name, async () => {
      const image = join(dir, `${name}-vasm`);
      expect(await vasmMain(['build', '--arch', 'arm64', '-o', image, program])).toBe(0);
      const glibcImage = join(dir, `${name}-glibc`);
      buildWithGlibcArm64(program, glibcImage);
      const glibc = runQemuArm64(glibcImage, dir);
      expect(glibc.signal).toBeNull();
      const vrun = await vrunOutcome(image);
      expect(vrun.messages).toBe('');
      expect({ status: vrun.status, stdout: vrun.stdout, stderr: vrun.stderr }).toEqual({ status: glibc.status, stdout: glibc.stdout, stderr: glibc.stderr });
    });
  }
});

describe.skipIf(MISSING)(`libc arm64 threads under other interleavings${skipNote}`, () => {
  // --sched-seed varies the time slices: the mutex-protected counter, each thread's errno and
  // the heap shared by two allocating threads must come out the same whatever the preemption
  // points (inside LDAXR/STXR pairs included). (Without malloc's lock, threads_malloc.s
  // crashes with seed 3.)
  for (const name of ['threads', 'threads_malloc']) {
    it(`${name}.s prints what glibc prints with --sched-seed 1, 2 and 3`, async () => {
      const program = libcTestPrograms('arm64').find((p) => p.endsWith(`/${name}.s`))!;
      const image = join(dir, `${name}-seeded`);
      expect(await vasmMain(['build', '--arch', 'arm64', '-o', image, program])).toBe(0);
      const glibcImage = join(dir, `${name}-seeded-glibc`);
      buildWithGlibcArm64(program, glibcImage);
      const glibc = runQemuArm64(glibcImage, dir);
      for (const seed of ['1', '2', '3']) {
        const vrun = await vrunOutcome(image, ['--sched-seed', seed, '--stats']);
        expect({ seed, status: vrun.status, stdout: vrun.stdout }).toEqual({ seed, status: glibc.status, stdout: glibc.stdout });
        expect(syscallCount(vrun.messages, 'clone')).toBe(name === 'threads' ? 4 : 2);
      }
    });
  }
});

describe.skipIf(MISSING)(`clone for threads on arm64, without libc${skipNote}`, () => {
  // programs/arm64-nolibc/clone-thread.s exits with the bitmask of what held: the child saw
  // x0 = 0, sp = its stack, TPIDR_EL0 = tls, the parent's x19/x20, and *parent_tid = the tid;
  // 63 = all. qemu-aarch64 (Linux's ABI) and vrun must agree.
  it('the child resumes after svc with x0 = 0, the new sp and TPIDR_EL0, the other registers kept', async () => {
    const program = fileURLToPath(new URL('../packages/libc/programs/arm64-nolibc/clone-thread.s', import.meta.url));
    const image = join(dir, 'clone-thread');
    expect(await vasmMain(['build', '--arch', 'arm64', '--nostdlib', '-o', image, program])).toBe(0);
    const gnuObject = join(dir, 'clone-thread-gnu.o');
    const gnuImage = join(dir, 'clone-thread-gnu');
    for (const [tool, args] of [['aarch64-linux-gnu-as', ['-o', gnuObject, program]], ['aarch64-linux-gnu-ld', ['-o', gnuImage, gnuObject]]] as const) {
      const r = spawnSync(tool, [...args], { encoding: 'utf8' });
      expect(r.status, `${tool}: ${r.stderr}`).toBe(0);
    }
    const qemu = runQemuArm64(gnuImage, dir);
    const vrun = await vrunOutcome(image);
    expect(qemu.status).toBe(63);
    expect(vrun.status).toBe(qemu.status);
  });

  it('abort() ends the process with SIGABRT (tgkill to itself), as glibc\'s does', async () => {
    const src = join(dir, 'abort.s');
    writeFileSync(src, '.text\n.globl main\nmain:\n stp x29, x30, [sp, #-16]!\n bl abort\n');
    const image = join(dir, 'abort');
    expect(await vasmMain(['build', '--arch', 'arm64', '-o', image, src])).toBe(0);
    buildWithGlibcArm64(src, `${image}-glibc`);
    const glibc = runQemuArm64(`${image}-glibc`, dir);
    expect(glibc.signal).toBe('SIGABRT');
    const vrun = await vrunOutcome(image);
    expect(vrun.status).toBe(128 + 6);
  });
});

describe.skipIf(MISSING)(`libc arm64's vDSO lookup keeps to the version${skipNote}`, () => {
  // A stand-in vDSO made by GNU ld (-shared, one segment, DT_HASH, .gnu.version/_d) exports
  // __kernel_clock_gettime at LINUX_2.6 (not arm64's version) and __kernel_gettimeofday at
  // LINUX_2.6.39, and has no __kernel_clock_getres. The program points libc's auxv copy at a
  // fake auxiliary vector whose AT_SYSINFO_EHDR is that image (placed in .text, since its code
  // is called) and reruns
  // __vsys_init_vdso: only gettimeofday may be found, and calling it returns the stand-in's 39.
  it('finds name@LINUX_2.6.39 only, under qemu-aarch64 and under vrun', async () => {
    const fake = join(dir, 'fake-vdso');
    writeFileSync(`${fake}.s`, [
      '.text', '.globl __kernel_clock_gettime, __kernel_gettimeofday',
      '.type __kernel_clock_gettime, %function', '__kernel_clock_gettime:', ' mov x0, #26', ' ret',
      '.type __kernel_gettimeofday, %function', '__kernel_gettimeofday:', ' mov x0, #39', ' ret', '',
    ].join('\n'));
    writeFileSync(`${fake}.map`, 'LINUX_2.6 { global: __kernel_clock_gettime; };\nLINUX_2.6.39 { global: __kernel_gettimeofday; local: *; };\n');
    const steps: [string, string[]][] = [
      ['aarch64-linux-gnu-as', ['-o', `${fake}.o`, `${fake}.s`]],
      ['aarch64-linux-gnu-ld', ['-shared', '-N', '--hash-style=sysv', '--version-script', `${fake}.map`, '-soname', 'linux-vdso.so.1', '-o', `${fake}.so`, `${fake}.o`]],
    ];
    for (const [tool, args] of steps) {
      const r = spawnSync(tool, args, { encoding: 'utf8' });
      expect(r.status, `${tool}: ${r.stderr}`).toBe(0);
    }
    const blob = readFileSync(`${fake}.so`);
    const bytes: string[] = [];
    for (let i = 0; i < blob.length; i += 16) bytes.push(` .byte ${[...blob.subarray(i, i + 16)].join(', ')}`);
    const src = join(dir, 'vdso-lookup.s');
    writeFileSync(src, [
      '.text', '.globl main', 'main:', ' stp x29, x30, [sp, #-16]!',
      ' adrp x0, auxv', ' add x0, x0, :lo12:auxv', ' adrp x1, __vsys_auxv', ' str x0, [x1, :lo12:__vsys_auxv]',
      ' adrp x1, __vsys_vdso_clock_gettime', ' str xzr, [x1, :lo12:__vsys_vdso_clock_gettime]',
      ' adrp x1, __vsys_vdso_gettimeofday', ' str xzr, [x1, :lo12:__vsys_vdso_gettimeofday]',
      ' adrp x1, __vsys_vdso_clock_getres', ' str xzr, [x1, :lo12:__vsys_vdso_clock_getres]',
      ' bl __vsys_init_vdso',
      ' mov x2, #-1', ' adrp x9, __vsys_vdso_gettimeofday', ' ldr x9, [x9, :lo12:__vsys_vdso_gettimeofday]', ' cbz x9, 1f',
      ' blr x9', ' mov x2, x0',
      '1: adrp x9, __vsys_vdso_clock_gettime', ' ldr x1, [x9, :lo12:__vsys_vdso_clock_gettime]',
      ' adrp x9, __vsys_vdso_clock_getres', ' ldr x3, [x9, :lo12:__vsys_vdso_clock_getres]',
      ' adrp x0, fmt', ' add x0, x0, :lo12:fmt', ' bl printf', ' mov w0, #0', ' ldp x29, x30, [sp], #16', ' ret',
      '.section .rodata', 'fmt: .asciz "clock_gettime@LINUX_2.6 %lx, gettimeofday@LINUX_2.6.39 returns %ld, clock_getres %lx\\n"',
      '.text', '.p2align 4', 'image:', ...bytes, '.data', '.p2align 3', 'auxv: .xword 33, image, 0, 0', '',
    ].join('\n'));
    const expected = 'clock_gettime@LINUX_2.6 0, gettimeofday@LINUX_2.6.39 returns 39, clock_getres 0\n';
    const image = join(dir, 'vdso-lookup');
    expect(await vasmMain(['build', '--arch', 'arm64', '-o', image, src])).toBe(0);
    const vrun = await vrunOutcome(image);
    expect(vrun.stdout).toBe(expected);
    // The same program linked by GNU ld against this libc, under qemu-aarch64.
    const libc = await import('../packages/libc/src/build.js').then((m) => m.assembleLibc('arm64'));
    writeFileSync(join(dir, 'crt0.o'), libc.crt0);
    writeFileSync(join(dir, 'libc.a'), libc.archive);
    for (const [tool, args] of [
      ['aarch64-linux-gnu-as', ['-o', `${image}.o`, src]],
      ['aarch64-linux-gnu-ld', ['-o', `${image}-gnu`, join(dir, 'crt0.o'), `${image}.o`, join(dir, 'libc.a')]],
    ] as [string, string[]][]) {
      const r = spawnSync(tool, args, { encoding: 'utf8' });
      expect(r.status, `${tool}: ${r.stderr}`).toBe(0);
    }
    expect(runQemuArm64(`${image}-gnu`, dir).stdout).toBe(expected);
  });
});

/** The `name: N` count of one syscall in vrun --stats output (0 when absent). */
function syscallCount(stats: string, name: string): number {
  const m = new RegExp(`^\\s+${name}: ([0-9,]+)$`, 'm').exec(stats);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

describe('libc arm64 time calls and the vDSO under vrun', () => {
  // programs/arm64/clock.s makes 17 clock_gettime calls (time() is clock_gettime on arm64): 15
  // on clocks the vDSO serves (MONOTONIC ×10, REALTIME, REALTIME_COARSE ×3 for time(),
  // MONOTONIC_COARSE), one CPU-time clock and one invalid clock; one gettimeofday, one
  // clock_getres (which the vDSO answers from vvar even with the counter off, as Linux's does).
  it('clock_gettime through the vDSO makes no system call; --vdso-clock=off makes one per call', async () => {
    const image = join(dir, 'clock-stats');
    const program = libcTestPrograms('arm64').find((p) => p.endsWith('/clock.s'))!;
    expect(await vasmMain(['build', '--arch', 'arm64', '-o', image, program])).toBe(0);
    const on = await vrunOutcome(image, ['--stats']);
    const off = await vrunOutcome(image, ['--stats', '--vdso-clock=off']);
    expect(on.status).toBe(0);
    expect(off.status).toBe(0);
    expect(off.stdout).toBe(on.stdout);
    expect(syscallCount(on.messages, 'clock_gettime')).toBe(2);
    expect(syscallCount(on.messages, 'gettimeofday')).toBe(0);
    expect(syscallCount(on.messages, 'clock_getres')).toBe(0);
    expect(syscallCount(off.messages, 'clock_gettime')).toBe(17);
    expect(syscallCount(off.messages, 'gettimeofday')).toBe(1);
  });
});

describe('vasm build --arch arm64 and the libc', () => {
  it('--nostdlib links no libc: printf stays undefined', async () => {
    const src = join(dir, 'nostd.s');
    writeFileSync(src, '.text\n.globl _start\n_start:\n bl printf\n');
    const errs: string[] = [];
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (errs.push(String(chunk)), true)) as typeof process.stderr.write;
    let status: number;
    try {
      status = await vasmMain(['build', '--arch', 'arm64', '--nostdlib', '-o', join(dir, 'nostd'), src]);
    } finally {
      process.stderr.write = orig;
    }
    expect(status).toBe(1);
    expect(errs.join('')).toMatch(/undefined reference to .printf./);
  });

  it('a program with its own _start gets no crt0, but libc members for its undefined symbols', async () => {
    const src = join(dir, 'own-start.s');
    writeFileSync(src, '.text\n.globl _start\n_start:\n mov w0, #3\n bl exit\n');
    const image = join(dir, 'own-start');
    expect(await vasmMain(['build', '--arch', 'arm64', '-o', image, src])).toBe(0);
    const elf = readElf(new Uint8Array(readFileSync(image)));
    const syms = elf.symbolTables.flatMap((t) => t.symbols.map((s) => s.name));
    expect(syms).toContain('exit');
    expect(syms).not.toContain('__vsys_main_tcb');
    expect((await vrunOutcome(image)).status).toBe(3);
  });

  it.skipIf(MISSING)(`examples/libc/errno-arm64.s (docs/errno.md) runs as with glibc${skipNote}`, async () => {
    const program = fileURLToPath(new URL('../examples/libc/errno-arm64.s', import.meta.url));
    const image = join(dir, 'example-errno');
    expect(await vasmMain(['build', '--arch', 'arm64', '-o', image, program])).toBe(0);
    buildWithGlibcArm64(program, `${image}-glibc`);
    const glibc = runQemuArm64(`${image}-glibc`, dir);
    const vrun = await vrunOutcome(image);
    expect(glibc.stdout).toBe('open returned -1, errno 2 (No such file or directory)\n');
    expect({ status: vrun.status, stdout: vrun.stdout, stderr: vrun.stderr }).toEqual({ status: glibc.status, stdout: glibc.stdout, stderr: glibc.stderr });
  });

  it('a thread pointer set by the program is where errno lives: __errno_location follows TPIDR_EL0', async () => {
    // main points TPIDR_EL0 at its own block, fails close(-1), and exits with the byte at
    // block+8 (errno's offset from the thread pointer): EBADF = 9.
    const src = join(dir, 'tp.s');
    writeFileSync(src, [
      '.text', '.globl main', 'main:', ' stp x29, x30, [sp, #-16]!', ' adrp x0, block', ' add x0, x0, :lo12:block',
      ' msr tpidr_el0, x0', ' mov w0, #-1', ' bl close', ' bl __errno_location', ' adrp x1, block', ' add x1, x1, :lo12:block',
      ' sub x0, x0, x1', ' cmp x0, #8', ' b.ne 1f', ' ldr w0, [x1, #8]', ' ldp x29, x30, [sp], #16', ' ret',
      '1: mov w0, #100', ' ldp x29, x30, [sp], #16', ' ret', '.bss', '.p2align 4', 'block: .zero 64', '',
    ].join('\n'));
    const image = join(dir, 'tp');
    expect(await vasmMain(['build', '--arch', 'arm64', '-o', image, src])).toBe(0);
    expect((await vrunOutcome(image)).status).toBe(9);
  });
});
