// futex(2) under vrun against Linux, with raw syscalls: FUTEX_WAIT returns EAGAIN when the word
// differs, ETIMEDOUT after its relative timeout, FUTEX_WAKE with no waiter wakes 0, an
// unaligned address is EINVAL, an unknown operation ENOSYS; clone without CLONE_THREAD's
// companions is EINVAL. Each result goes to stdout; both runs must print the same.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main as vasmMain } from '../packages/cli/src/vasm.js';
import { haveNativeX86, runNative } from '../packages/libc/src/testing/programs.js';
import { vrunOutcome } from './support/vrun-outcome.js';

const dir = mkdtempSync(join(tmpdir(), 'futex-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FUTEX = `
  .text
  .globl main
main:
  push %rbx
  # WAIT, word (5) != val (4): EAGAIN
  lea word(%rip), %rdi
  xor %esi, %esi
  mov $4, %edx
  xor %r10d, %r10d
  call futex
  # WAIT with a 20 ms timeout: ETIMEDOUT
  lea word(%rip), %rdi
  mov $128, %esi                  # FUTEX_WAIT_PRIVATE
  mov $5, %edx
  lea timeout(%rip), %r10
  call futex
  # WAKE with no waiters: 0
  lea word(%rip), %rdi
  mov $1, %esi
  mov $1, %edx
  xor %r10d, %r10d
  call futex
  # unaligned: EINVAL
  lea word+1(%rip), %rdi
  mov $1, %esi
  mov $1, %edx
  call futex
  # negative timeout: EINVAL
  lea word(%rip), %rdi
  xor %esi, %esi
  mov $5, %edx
  lea badtime(%rip), %r10
  call futex
  # CLONE_THREAD without CLONE_SIGHAND|CLONE_VM: EINVAL
  mov $0x10000, %edi
  xor %esi, %esi
  xor %edx, %edx
  xor %r10d, %r10d
  xor %r8d, %r8d
  mov $56, %eax
  syscall
  mov %rax, %rsi
  call show
  xor %eax, %eax
  pop %rbx
  ret

# futex(rdi, esi, edx, r10) as a raw syscall; prints the result
futex:
  mov $202, %eax
  syscall
  mov %rax, %rsi
  jmp show

show:
  sub $8, %rsp
  lea fmt(%rip), %rdi
  xor %eax, %eax
  call printf
  add $8, %rsp
  ret

  .section .rodata
fmt: .asciz "%ld\\n"
  .data
  .p2align 3
word: .long 5, 0
timeout: .quad 0, 20000000
badtime: .quad -1, 0
`;

describe.skipIf(!haveNativeX86())('futex and clone edge cases', () => {
  it('answer as Linux does', async () => {
    const src = join(dir, 'futex.s');
    writeFileSync(src, FUTEX);
    const image = join(dir, 'futex');
    expect(await vasmMain(['build', '-o', image, src])).toBe(0);
    const native = runNative(image, dir);
    expect(native.stdout).toBe(['-11', '-110', '0', '-22', '-22', '-22', ''].join('\n'));
    const vrun = await vrunOutcome(image);
    expect({ status: vrun.status, stdout: vrun.stdout }).toEqual({ status: native.status, stdout: native.stdout });
  });
});
