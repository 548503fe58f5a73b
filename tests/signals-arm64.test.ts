// ARM64 signal handlers end to end, for what the recorded cases (tests/cases/arm64/sig_*, run
// by conformance.test.ts against qemu-aarch64's behaviour) cannot hold because qemu-user 7.2
// differs from Linux there: the esr_context record, x1/x2 without SA_SIGINFO, the vDSO's
// sigreturn trampoline as the default return address, rt_sigreturn's frame checks, and
// force_sigsegv when a frame cannot be written (programs in
// packages/kernel/src/arch/arm64/testing/, expectations from arch/arm64/kernel/signal.c).
// And vstrace's lines for a caught signal on ARM64 are the ones strace prints for the same
// program on x86-64 Linux.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CASE_ENV } from '@vsys/conformance';
import { main as vasmMain } from '../packages/cli/src/vasm.js';
import { runVstrace } from '../packages/cli/src/vstrace.js';
import { vrunOutcome } from './support/vrun-outcome.js';
import { havePython, normalize } from './support/trace.js';

const dir = mkdtempSync(join(tmpdir(), 'signals-arm64-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const programs = join(import.meta.dirname, '..', 'packages', 'kernel', 'src', 'arch', 'arm64', 'testing');

async function build(name: string, source?: string): Promise<string> {
  const image = join(dir, name);
  let path = join(programs, `${name}.s`);
  if (source !== undefined) {
    path = join(dir, `${name}.s`);
    writeFileSync(path, source);
  }
  expect(await vasmMain(['build', '--arch', 'arm64', '-o', image, path])).toBe(0);
  return image;
}

async function vstrace(image: string): Promise<string> {
  const out = join(dir, `${image.split('/').pop()}.trace`);
  const fds: [number, number, number] = [openSync('/dev/null', 'r'), openSync('/dev/null', 'w'), openSync('/dev/null', 'w')];
  try {
    await runVstrace(['-o', out, image], { cwd: dir, env: { ...CASE_ENV }, stderr: () => {}, stdio: fds });
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  return readFileSync(out, 'utf8');
}

describe('arm64 signal frames: Linux details', () => {
  it('esr_context after a data abort (EC 0x24, WnR), none after udf; x1/x2 kept without SA_SIGINFO; x30 = the vDSO trampoline', async () => {
    const r = await vrunOutcome(await build('sig-records'));
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: 'records ok\n' });
  });

  it('a bad PSTATE in the frame makes rt_sigreturn raise SIGSEGV (SI_KERNEL), fatal without a handler', async () => {
    const image = await build('sig-badframe');
    const r = await vrunOutcome(image);
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 128 + 11, stdout: 'handler returns with a bad pstate\n' });
    const trace = await vstrace(image);
    expect(trace).toMatch(/^rt_sigreturn\(\{mask=\[\]\}\) += 0\n--- SIGSEGV \{si_signo=SIGSEGV, si_code=SI_KERNEL, si_addr=NULL\} ---\n\+\+\+ killed by SIGSEGV \+\+\+\n$/m);
  });

  it('a frame that cannot be written: force_sigsegv, SIGSEGV (SI_KERNEL) kills the process', async () => {
    const image = await build('sig-nostack');
    const r = await vrunOutcome(image);
    expect(r.status).toBe(128 + 11);
    const trace = await vstrace(image);
    expect(trace).toContain('--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER');
    expect(trace).toMatch(/--- SIGSEGV \{si_signo=SIGSEGV, si_code=SI_KERNEL, si_addr=NULL\} ---\n\+\+\+ killed by SIGSEGV \+\+\+\n$/);
  });
});

/** The same program for both machines: SIGUSR2 caught (SA_RESTORER), raised with kill(). */
const ARM64_KILL = `
    .globl _start
    .text
_start:
    adr     x1, act
    adr     x2, handler
    str     x2, [x1]
    mov     x2, #0x04000000
    str     x2, [x1, #8]
    adr     x2, restorer
    str     x2, [x1, #16]
    mov     x0, #12
    mov     x2, #0
    mov     x3, #8
    mov     x8, #134
    svc     #0
    mov     x8, #172
    svc     #0
    mov     x1, #12
    mov     x8, #129
    svc     #0
    mov     x0, #0
    mov     x8, #93
    svc     #0
handler:
    ret
restorer:
    mov     x8, #139
    svc     #0
    .data
act: .quad 0, 0, 0, 0
`;
const X86_KILL = `
    .globl _start
    .text
_start:
    lea act(%rip), %rsi
    lea handler(%rip), %rax
    mov %rax, (%rsi)
    movq $0x04000000, 8(%rsi)
    lea restorer(%rip), %rax
    mov %rax, 16(%rsi)
    mov $12, %edi
    xor %edx, %edx
    mov $8, %r10d
    mov $13, %eax
    syscall
    mov $39, %eax
    syscall
    mov %eax, %edi
    mov $12, %esi
    mov $62, %eax
    syscall
    xor %edi, %edi
    mov $60, %eax
    syscall
handler:
    ret
restorer:
    mov $15, %eax
    syscall
    .data
act: .quad 0, 0, 0, 0
`;

function haveX86Strace(): boolean {
  return process.arch === 'x64' && havePython && ['as', 'ld', 'strace'].every((t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).status === 0);
}

/** Normalised lines with the traced process's pid (getpid's result) masked. */
function comparable(trace: string): string[] {
  const lines = normalize(trace);
  const pid = /^getpid\(\) = (\d+)$/m.exec(lines.join('\n'))?.[1];
  return lines.map((l) => (pid ? l.replaceAll(pid, 'PID') : l));
}

describe.skipIf(!haveX86Strace())('vstrace on arm64 prints what strace prints on x86-64', () => {
  it('rt_sigaction, kill, --- SIGUSR2 {…} ---, rt_sigreturn({mask=[]}), exit', async () => {
    writeFileSync(join(dir, 'x86.s'), X86_KILL);
    execFileSync('as', ['--64', '-o', join(dir, 'x86.o'), join(dir, 'x86.s')]);
    execFileSync('ld', ['-o', join(dir, 'x86'), join(dir, 'x86.o')]);
    execFileSync('strace', ['-o', join(dir, 'x86.trace'), join(dir, 'x86')], { cwd: dir, env: { ...CASE_ENV } });
    const native = comparable(readFileSync(join(dir, 'x86.trace'), 'utf8'));
    const ours = comparable(await vstrace(await build('kill-arm64', ARM64_KILL)));
    expect(native).toContain('rt_sigreturn({mask=[]}) = 0');
    expect(ours).toEqual(native);
  });
});
