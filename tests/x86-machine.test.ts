// The x86-64 machine end to end, in-process: GNU-built programs (the oracle toolchain) run on
// @vsys/emu's CPU through the real entry code (entry.s as vasm assembles it — the final
// build's path; entry-image.test.ts checks vasm's bytes equal GNU as's) into the Kernel and back.
import { describe, expect, it } from 'vitest';
import { createX86Machine, type MachineStop } from '@vsys/kernel';
import { loadImage } from '@vsys/loader';
import { GNU_MISSING, gnuProgram, haveGnu } from './support/gnu.js';

const have = haveGnu();

function run(source: string, opts: { maxInstructions?: number } = {}): { stop: MachineStop; stats: ReturnType<ReturnType<typeof createX86Machine>['stats']> } {
  const machine = createX86Machine({
    maxMemory: 32 * 1024 * 1024,
    kernelOptions: { loadImage: (k, p, img, argv, envp, execfn) => loadImage(k, p, img, argv, envp, execfn), warn: () => {} },
  });
  machine.spawn(gnuProgram(source), ['prog'], []);
  const stop = machine.run({ maxInstructions: opts.maxInstructions ?? 50_000_000 });
  return { stop, stats: machine.stats() };
}

const prologue = '.globl _start\n.text\n_start:\n';

describe.skipIf(!have)(`x86-64 machine${have ? '' : ` (skipped: ${GNU_MISSING})`}`, () => {
  it('exits with the status given to exit_group', () => {
    const { stop, stats } = run(`${prologue} mov $231, %eax\n mov $42, %edi\n syscall\n`);
    expect(stop).toEqual({ kind: 'exited', status: { kind: 'exited', code: 42 } });
    expect(stats.syscalls.get('exit_group')).toBe(1);
    expect(stats.userInstructions).toBe(3);
    expect(stats.kernelInstructions).toBeGreaterThan(20);
  });

  it('returns getpid through sysretq and keeps looping', () => {
    const { stop, stats } = run(
      `${prologue} mov $100, %ebx\n1: mov $39, %eax\n syscall\n dec %ebx\n jnz 1b\n mov %eax, %edi\n and $0, %edi\n mov $60, %eax\n syscall\n`,
    );
    expect(stop).toEqual({ kind: 'exited', status: { kind: 'exited', code: 0 } });
    expect(stats.syscalls.get('getpid')).toBe(100);
    // Each round trip: syscall + sysretq = 2 mode switches.
    expect(stats.modeSwitches).toBeGreaterThanOrEqual(200);
  });

  it('passes the pid back in rax (exit status = pid & 0xff)', () => {
    const { stop } = run(`${prologue} mov $39, %eax\n syscall\n mov %eax, %edi\n mov $60, %eax\n syscall\n`);
    expect(stop.kind).toBe('exited');
    if (stop.kind === 'exited' && stop.status.kind === 'exited') expect(stop.status.code).toBe(1000 & 0xff);
  });

  it('returns -ENOSYS for an unknown number (exit status = -rax)', () => {
    const { stop } = run(`${prologue} mov $1000, %eax\n syscall\n neg %eax\n mov %eax, %edi\n mov $60, %eax\n syscall\n`);
    expect(stop).toEqual({ kind: 'exited', status: { kind: 'exited', code: 38 } });
  });

  it('serves int $0x80 from the i386 table (exit = 1 there)', () => {
    const { stop, stats } = run(`${prologue} mov $1, %eax\n mov $7, %ebx\n int $0x80\n`);
    expect(stop).toEqual({ kind: 'exited', status: { kind: 'exited', code: 7 } });
    expect(stats.syscalls.get('exit')).toBe(1);
  });

  it.each([
    ['hlt (#GP → SIGSEGV)', ' hlt\n', 11],
    ['ud2 (#UD → SIGILL)', ' ud2\n', 4],
    ['int3 (#BP → SIGTRAP)', ' int3\n', 5],
    ['div by zero (#DE → SIGFPE)', ' xor %ecx, %ecx\n div %ecx\n', 8],
    ['store to NULL (#PF → SIGSEGV)', ' xor %eax, %eax\n movl $1, (%rax)\n', 11],
    ['read a kernel address (#PF, U/S → SIGSEGV)', ' mov $0xffffffff81000000, %rax\n mov (%rax), %rbx\n', 11],
    ['int $0x81 (DPL 0 gate → #GP → SIGSEGV)', ' int $0x81\n', 11],
    ['vmcall in ring 3 (#UD → SIGILL)', ' vmcall\n', 4],
    ['mov %cr3 in ring 3 (#GP → SIGSEGV)', ' mov %cr3, %rax\n', 11],
  ])('%s', (_name, body, signal) => {
    const { stop } = run(`${prologue}${body} mov $60, %eax\n xor %edi, %edi\n syscall\n`);
    expect(stop).toEqual({ kind: 'exited', status: { kind: 'signaled', signal, core: expect.any(Boolean) } });
  });

  it('preempts a thread after its quantum so another runnable one gets the CPU', () => {
    const machine = createX86Machine({
      maxMemory: 32 * 1024 * 1024,
      kernelOptions: {
        loadImage: (k, p, img, argv, envp, execfn) => loadImage(k, p, img, argv, envp, execfn),
        quantum: 1000,
        warn: () => {},
      },
    });
    // The first process spins forever; the second exits at once. Without preemption the
    // second would never run.
    machine.spawn(gnuProgram(`${prologue} xor %ecx, %ecx\n1: dec %rcx\n jnz 1b\n`), ['spin'], []);
    machine.spawn(gnuProgram(`${prologue} mov $231, %eax\n mov $9, %edi\n syscall\n`), ['quick'], []);
    const stop = machine.run({ maxInstructions: 100_000 });
    expect(stop.kind).toBe('instruction-limit');
    expect(machine.stats().syscalls.get('exit_group')).toBe(1);
  });

  it('ends the run when the first process exits, even while another still runs', () => {
    const machine = createX86Machine({
      maxMemory: 32 * 1024 * 1024,
      kernelOptions: { loadImage: (k, p, img, argv, envp, execfn) => loadImage(k, p, img, argv, envp, execfn), quantum: 500, warn: () => {} },
    });
    machine.spawn(gnuProgram(`${prologue} mov $5000, %ecx\n1: dec %ecx\n jnz 1b\n mov $231, %eax\n mov $3, %edi\n syscall\n`), ['first'], []);
    machine.spawn(gnuProgram(`${prologue} xor %ecx, %ecx\n1: dec %rcx\n jnz 1b\n`), ['spin'], []);
    expect(machine.run({ maxInstructions: 10_000_000 })).toEqual({ kind: 'exited', status: { kind: 'exited', code: 3 } });
  });

  it('runs a second thread made by cloneThread (a test-only clone: syscall 500 with a new stack)', () => {
    // Thread A: clone → spins until B stores 42 in `flag` → exit_group(flag).
    // Thread B (clone returned 0, on its own stack): pushes/pops through that stack, stores 42,
    // exit(0) — one thread only. Needs preemption (A spins) and shared memory (CLONE_VM).
    let machine: ReturnType<typeof createX86Machine> | null = null;
    machine = createX86Machine({
      maxMemory: 32 * 1024 * 1024,
      kernelOptions: {
        loadImage: (k, p, img, argv, envp, execfn) => loadImage(k, p, img, argv, envp, execfn),
        quantum: 2000,
        warn: () => {},
        extraSyscalls: [
          {
            name: 'test_clone',
            numbers: { x86_64: 500 },
            args: [{ name: 'stack', type: 'hex' }],
            classes: ['process'],
            handler: (ctx, args) => {
              const child = ctx.kernel.createThread(ctx.process, ctx.thread);
              machine!.cloneThread(ctx.thread, child, { stack: args.u64(0) });
              return child.tid;
            },
          },
        ],
      },
    });
    machine.spawn(
      gnuProgram(`${prologue} mov $500, %eax\n lea stack_top(%rip), %rdi\n syscall\n test %rax, %rax\n jz child\n` +
        `1: mov flag(%rip), %rdi\n test %rdi, %rdi\n jz 1b\n mov $231, %eax\n syscall\n` +
        `child: push $42\n pop %rax\n mov %rax, flag(%rip)\n mov $60, %eax\n xor %edi, %edi\n syscall\n` +
        `.bss\nflag: .skip 8\n .skip 4096\nstack_top:\n`),
      ['clone'],
      [],
    );
    expect(machine.run({ maxInstructions: 5_000_000 })).toEqual({ kind: 'exited', status: { kind: 'exited', code: 42 } });
    expect(machine.stats().syscalls.get('exit')).toBe(1);
  });

  it('stops at --max-instructions', () => {
    const { stop } = run(`${prologue}1: jmp 1b\n`, { maxInstructions: 10_000 });
    expect(stop.kind).toBe('instruction-limit');
  });
});
