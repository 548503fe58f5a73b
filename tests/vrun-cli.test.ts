// `vrun` as a real child process (started from TypeScript sources): what a shell sees — the
// guest's stdout and exit status passing through, 128 + N after a signal, vrun's own statuses
// for missing and bad images, arguments after IMAGE reaching the guest untouched, the
// environment and the working directory passing through, and --stats on stderr.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess } from '@vsys/conformance';
import { srcCommand } from './support/commands.js';
import { GNU_MISSING, gnuProgram, haveGnu } from './support/gnu.js';

const have = haveGnu();
const dir = mkdtempSync(join(tmpdir(), 'vrun-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function program(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, gnuProgram(source), { mode: 0o755 });
  return path;
}

const vrun = (args: string[], env: Record<string, string> = { PATH: '/usr/bin:/bin' }, cwd = dir) =>
  runProcess([...srcCommand('vrun'), ...args], { cwd, env, timeoutMs: 110_000 });

// Prints argv[1..] and the first env string, one a line, then getcwd — all with raw syscalls.
const ECHO = `
    .globl _start
    .text
_start:
    mov (%rsp), %r12            # argc
    lea 16(%rsp), %r13          # &argv[1]
1:  dec %r12
    jz 2f
    mov (%r13), %rdi
    call puts
    add $8, %r13
    jmp 1b
2:  add $8, %r13                # skip argv's NULL: envp[0]
    mov (%r13), %rdi
    test %rdi, %rdi
    jz 3f
    call puts
3:  mov $79, %eax               # getcwd(buf, 256)
    lea buf(%rip), %rdi
    mov $256, %esi
    syscall
    lea buf(%rip), %rdi
    call puts
    mov $60, %eax
    mov $3, %edi
    syscall
puts:                           # write(1, s, strlen(s)); write(1, "\\n", 1)
    mov %rdi, %rsi
    xor %edx, %edx
4:  cmpb $0, (%rsi,%rdx)
    je 5f
    inc %rdx
    jmp 4b
5:  mov $1, %eax
    mov $1, %edi
    syscall
    mov $1, %eax
    mov $1, %edi
    lea nl(%rip), %rsi
    mov $1, %edx
    syscall
    ret
    .data
nl: .ascii "\\n"
    .bss
buf: .skip 256
`;

describe.skipIf(!have)(`vrun as a command${have ? '' : ` (skipped: ${GNU_MISSING})`}`, () => {
  it('passes arguments (even option-like ones), the environment and the cwd; exits with the guest status', async () => {
    const echo = program('echo', ECHO);
    const r = await vrun([echo, '--stats', 'two words', '-x'], { ONLY: 'this' });
    expect(r.stderr.toString()).toBe('');
    expect(r.stdout.toString()).toBe(`--stats\ntwo words\n-x\nONLY=this\n${dir}\n`);
    expect(r.status).toBe(3);
  });

  it('reports 128 + N when signal N kills the guest', async () => {
    const r = await vrun([program('segv', '.globl _start\n_start: hlt\n')]);
    expect(r.status).toBe(128 + 11);
    expect(r.stdout.length).toBe(0);
  });

  it('prints --stats on stderr', async () => {
    const r = await vrun(['--stats', program('getpid', '.globl _start\n_start: mov $39, %eax\n syscall\n mov $60, %eax\n xor %edi, %edi\n syscall\n')]);
    expect(r.status).toBe(0);
    const err = r.stderr.toString();
    expect(err).toMatch(/^ {2}instructions \(CPL 3\): 5$/m);
    expect(err).toMatch(/^ {2}instructions \(CPL 0\): \d+$/m);
    expect(err).toMatch(/^ {4}getpid: 1$/m);
    expect(err).toMatch(/^ {4}exit: 1$/m);
    expect(err).toMatch(/^ {2}mode switches: 4$/m);
  });

  it('says "No such file or directory" (127) for a missing image and one line (126) for a bad one', async () => {
    const missing = await vrun([join(dir, 'nope')]);
    expect(missing.status).toBe(127);
    expect(missing.stderr.toString()).toBe(`vrun: ${join(dir, 'nope')}: No such file or directory\n`);
    writeFileSync(join(dir, 'text'), '#!/bin/sh\necho hi\n');
    const bad = await vrun([join(dir, 'text')]);
    expect(bad.status).toBe(126);
    const lines = bad.stderr.toString().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^vrun: ${join(dir, 'text')}: `));
  });

  it('stops a guest at --max-instructions with 152 (128 + SIGXCPU)', async () => {
    const r = await vrun(['--max-instructions', '100000', program('spin', '.globl _start\n_start: jmp _start\n')]);
    expect(r.status).toBe(152);
    expect(r.stderr.toString()).toMatch(/^vrun: instruction limit reached/);
  });

  it('rejects bad usage with status 2 and no stack trace', async () => {
    const r = await vrun(['--max-memory', 'lots', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toMatch(/^vrun: bad --max-memory lots/);
    expect(r.stderr.toString()).not.toMatch(/\n\s+at /);
  });
});
