// The vsyscall page under vrun, against Linux (vsyscall=xonly, the default since 5.x): calls to
// its three entry points are emulated (time and gettimeofday agree with the syscalls, getcpu
// gives CPU 0), and reading the page is SIGSEGV — the same program run natively must end the
// same way.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main as vasmMain } from '../packages/cli/src/vasm.js';
import { haveNativeX86, runNative } from '../packages/libc/src/testing/programs.js';
import { vrunOutcome } from './support/vrun-outcome.js';

const dir = mkdtempSync(join(tmpdir(), 'vsyscall-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function build(name: string, source: string): Promise<string> {
  const src = join(dir, `${name}.s`);
  writeFileSync(src, source);
  const image = join(dir, name);
  expect(await vasmMain(['build', '--nostdlib', '-o', image, src])).toBe(0);
  return image;
}

// exit status: bit 0 gettimeofday's tv_sec within 1 s of time(); bit 1 getcpu
// wrote a CPU number and returned 0; bit 2 time(&t) stored what it returned.
const CALLS = `
  .globl _start
  .text
_start:
  xor %ebx, %ebx
  lea tv(%rip), %rdi
  xor %esi, %esi
  mov $0xffffffffff600000, %rax
  call *%rax
  lea t(%rip), %rdi
  mov $0xffffffffff600400, %rax
  call *%rax
  mov %rax, %r12
  sub tv(%rip), %rax
  cmp $1, %rax
  ja 1f
  or $1, %ebx
1:cmp t(%rip), %r12
  jne 2f
  or $4, %ebx
2:movl $-1, cpu(%rip)
  lea cpu(%rip), %rdi
  lea node(%rip), %rsi
  xor %edx, %edx
  mov $0xffffffffff600800, %rax
  call *%rax
  test %rax, %rax
  jnz 3f
  cmpl $-1, cpu(%rip)               # written (the host's CPU number varies; vrun's is 0)
  je 3f
  or $2, %ebx
3:mov %ebx, %edi
  mov $60, %eax
  syscall
  .bss
tv: .zero 16
t: .zero 8
cpu: .zero 4
node: .zero 4
`;

const READ = `
  .globl _start
  .text
_start:
  mov $0xffffffffff600000, %rax
  mov (%rax), %rdi
  mov $60, %eax
  syscall
`;

describe.skipIf(!haveNativeX86())('vsyscall page', () => {
  it('gettimeofday, time and getcpu calls are emulated and return to the caller', async () => {
    const image = await build('calls', CALLS);
    const native = runNative(image, dir);
    expect(native.status).toBe(7);
    expect((await vrunOutcome(image)).status).toBe(native.status);
  });

  it('reading the page is SIGSEGV, as on Linux', async () => {
    const image = await build('read', READ);
    const native = runNative(image, dir);
    expect(native.signal).toBe('SIGSEGV');
    expect((await vrunOutcome(image)).status).toBe(128 + 11);
  });
});
