// Differential programs: each one is built with GNU as/ld, run natively on this Linux machine
// and on the emulator (ring 3 + the test machine's syscall stub), and must produce the same
// stdout and exit status. They exercise memory operands, the stack, string instructions,
// page-crossing accesses and control flow — what the register-only flags test does not.

import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildElf, haveTools, runElfEmulated, runNative, TOOLS_MISSING } from './testing/harness.js';

const EPILOGUE = `
  mov $1, %eax
  mov $1, %edi
  lea out(%rip), %rsi
  mov %r15, %rdx
  sub %rsi, %rdx
  syscall
  mov $60, %eax
  mov %r14d, %edi
  syscall
`;

/** r15 is the output cursor (into `out`), r14 the exit status; `emit` stores %rax. */
function program(body: string, data = ''): string {
  return `.globl _start
.macro emit reg
  mov \\reg, (%r15)
  add $8, %r15
.endm
.macro emitflags
  pushfq
  pop %r13
  and $0xcd5, %r13
  mov %r13, (%r15)
  add $8, %r15
.endm
.text
_start:
  lea out(%rip), %r15
  xor %r14d, %r14d
${body}
${EPILOGUE}
.data
.align 4096
${data}
.bss
.align 16
out: .skip 65536
`;
}

const programs: Record<string, { body: string; data?: string }> = {
  'string instructions': {
    body: `
  lea src(%rip), %rsi
  lea dst(%rip), %rdi
  mov $37, %ecx
  rep movsb
  emit %rsi
  emit %rdi
  emit %rcx
  lea dst+64(%rip), %rdi
  mov $0x1122334455667788, %rax
  mov $5, %ecx
  rep stosq
  lea src+40(%rip), %rsi
  lea dst+300(%rip), %rdi
  mov $6, %ecx
  std
  rep movsq
  cld
  emit %rsi
  emit %rdi
  lea src(%rip), %rsi
  lea src2(%rip), %rdi
  mov $64, %ecx
  repe cmpsb
  emitflags
  emit %rcx
  emit %rsi
  lea src(%rip), %rdi
  mov $'q', %al
  mov $100, %ecx
  repne scasb
  emitflags
  emit %rcx
  lea src+3(%rip), %rsi
  lodsw
  emit %rax
  lodsl
  emit %rax
  lea dst(%rip), %rsi
  mov $60, %ecx
1: mov (%rsi), %rax
  emit %rax
  add $8, %rsi
  loop 1b
  xor %ecx, %ecx
  rep movsb          # count 0: nothing happens
  emit %rsi
`,
    data: `src: .ascii "The quick brown fox jumps over the lazy dog, again and again.!!!!"
src2: .ascii "The quick brown fox jumps over the lazy cat, again and again.!!!!"
dst: .skip 512`,
  },
  'stack, calls, enter/leave': {
    body: `
  mov %rsp, %rbp
  push $-5
  pushw $7
  popw %ax
  emit %rax
  pop %rax
  emit %rax
  mov $10, %edi
  call fact
  emit %rax
  enter $32, $0
  mov %rbp, %rax
  sub %rsp, %rax
  emit %rax
  leave
  lea 1f(%rip), %rax
  push %rax
  ret
  ud2
1: pushfq
  popfq
  sub $8, %rsp
  movq $0x77, (%rsp)
  xchg %rax, (%rsp)
  emit %rax
  pop %rax
  emit %rax
  jmp 2f
fact:
  cmp $1, %rdi
  jbe 3f
  push %rdi
  dec %rdi
  call fact
  pop %rdi
  imul %rdi, %rax
  ret
3: mov $1, %eax
  ret
2:
`,
  },
  'memory operands, atomics, bit strings': {
    body: `
  lea buf(%rip), %rbx
  movq $100, (%rbx)
  addq $23, (%rbx)
  lock incq (%rbx)
  mov $5, %eax
  lock xadd %rax, (%rbx)
  emit %rax
  mov (%rbx), %rax
  emit %rax
  mov $124, %eax
  mov $9, %ecx
  lock cmpxchg %rcx, 8(%rbx)
  emitflags
  emit %rax
  mov $0, %eax
  cmpxchg %rcx, 8(%rbx)
  emitflags
  mov 8(%rbx), %rax
  emit %rax
  mov $1000, %rcx
  bts %rcx, 16(%rbx)
  emitflags
  mov $-3, %rcx
  btc %rcx, 64(%rbx)
  mov 56(%rbx), %rax
  emit %rax
  mov 16+120(%rbx), %rax
  emit %rax
  btl $31, 16+124(%rbx)
  setc %al
  movzbl %al, %eax
  emit %rax
  imulq $-3, (%rbx), %rax
  emit %rax
  mov $7, %ecx
  xor %edx, %edx
  mov (%rbx), %rax
  divq 8(%rbx)
  emit %rax
  emit %rdx
  mov $0x12345678, %eax
  mov %eax, 200(%rbx)
  movsbl 201(%rbx), %eax
  emit %rax
  movzwq 202(%rbx), %rax
  emit %rax
  notl 200(%rbx)
  negw 200(%rbx)
  mov 200(%rbx), %rax
  emit %rax
  shlq $4, 200(%rbx)
  sarl %cl, 200(%rbx)
  rolw $3, 200(%rbx)
  mov 200(%rbx), %rax
  emit %rax
  emitflags
  cmpl $5, 200(%rbx)
  setg 208(%rbx)
  cmovl 200(%rbx), %rdx
  mov 208(%rbx), %rax
  emit %rax
  emit %rdx
  bswap %eax
  emit %rax
`,
    data: 'buf: .skip 512',
  },
  'page-crossing accesses': {
    body: `
  lea edge(%rip), %rbx
  movabs $0x0102030405060708, %rax
  mov %rax, -3(%rbx)
  mov -3(%rbx), %rcx
  emit %rcx
  movl $0xaabbccdd, -2(%rbx)
  mov -4(%rbx), %rcx
  emit %rcx
  movw $0x4142, -1(%rbx)
  movzwl -1(%rbx), %ecx
  emit %rcx
  lea -5(%rbx), %rdi
  mov $0x5a, %al
  mov $10, %ecx
  rep stosb
  mov -8(%rbx), %rax
  emit %rax
  mov (%rbx), %rax
  emit %rax
`,
    data: `.skip 4096
edge: .skip 64`,
  },
  'sort and checksum': {
    body: `
  # fill 200 dwords with an LCG, bubble-sort them, emit a checksum and some elements
  lea arr(%rip), %rdi
  mov $12345, %eax
  mov $200, %ecx
1: imul $1103515245, %eax, %eax
  add $12345, %eax
  mov %eax, (%rdi)
  add $4, %rdi
  dec %ecx
  jnz 1b
  mov $199, %r8d
2: xor %ecx, %ecx
  lea arr(%rip), %rdi
3: mov (%rdi,%rcx,4), %eax
  mov 4(%rdi,%rcx,4), %edx
  cmp %edx, %eax
  jle 4f
  mov %edx, (%rdi,%rcx,4)
  mov %eax, 4(%rdi,%rcx,4)
4: inc %ecx
  cmp %r8d, %ecx
  jb 3b
  dec %r8d
  jnz 2b
  xor %eax, %eax
  xor %ecx, %ecx
5: rol $5, %eax
  xor (%rdi,%rcx,4), %eax
  inc %ecx
  cmp $200, %ecx
  jne 5b
  emit %rax
  mov (%rdi), %eax
  emit %rax
  mov 796(%rdi), %eax
  emit %rax
  and $127, %eax
  mov %eax, %r14d
`,
    data: 'arr: .skip 800',
  },
  'cmpxchg8b/16b, enter with nesting, xlat, loop variants, jrcxz': {
    body: `
  lea buf(%rip), %rbx
  movq $5, (%rbx)
  movq $6, 8(%rbx)
  mov $5, %eax
  mov $0, %edx
  mov $0x11, %ebx
  mov $0x22, %ecx
  lea buf(%rip), %rsi
  cmpxchg8b (%rsi)
  emitflags
  mov (%rsi), %rax
  emit %rax
  mov $1, %eax
  cmpxchg8b (%rsi)
  emitflags
  emit %rax
  emit %rdx
  mov $6, %edx
  mov (%rsi), %rax
  mov $0x33, %ebx
  mov $0x44, %ecx
  cmpxchg16b (%rsi)
  emitflags
  mov (%rsi), %rax
  emit %rax
  mov 8(%rsi), %rax
  emit %rax
  mov %rsp, %r12
  mov %rsp, %rbp
  push %rbp
  mov %rsp, %rbp
  enter $16, $3
  mov %r12, %rax
  sub %rsp, %rax
  emit %rax
  mov (%rbp), %rax
  sub %r12, %rax
  emit %rax
  leave
  mov %r12, %rsp
  lea table(%rip), %rbx
  mov $3, %eax
  xlat
  emit %rax
  mov $10, %ecx
  xor %eax, %eax
1: inc %eax
  cmp $4, %eax
  loopne 1b
  emit %rax
  emit %rcx
  mov $10, %ecx
  xor %eax, %eax
2: inc %eax
  cmp %eax, %eax
  loope 2b
  emit %rax
  emit %rcx
  xor %ecx, %ecx
  mov $1, %eax
  jrcxz 3f
  mov $2, %eax
3: emit %rax
  mov $0x100000000, %rcx
  jecxz 4f
  mov $3, %eax
4: emit %rax
  mov %fs, %eax
  emit %rax
  push %fs
  pop %rax
  emit %rax
  xchg %eax, %eax
  emit %rax
  mov $-1, %rax
  xchg %eax, %edx
  emit %rax
  emit %rdx
`,
    data: `.align 16
buf: .skip 64
table: .byte 10, 11, 12, 13, 14, 15`,
  },
  'cpu_loop.s instruction mix (shortened)': {
    body: `
  mov $20000, %rcx
  mov $88172645463325252, %rax
  xor %rbx, %rbx
1: mov %rax, %rdx
  shl $13, %rdx
  xor %rdx, %rax
  mov %rax, %rdx
  shr $7, %rdx
  xor %rdx, %rax
  mov %rax, %rdx
  shl $17, %rdx
  xor %rdx, %rax
  add %rax, %rbx
  dec %rcx
  jnz 1b
  emit %rbx
  emit %rax
`,
  },
};

describe.skipIf(!haveTools())('programs: emulator vs native Linux', () => {
  if (!haveTools()) console.warn(TOOLS_MISSING);
  for (const [name, p] of Object.entries(programs)) {
    for (const hotThreshold of [0, 32]) {
      it(`${name} (${hotThreshold ? 'tiered' : 'compiled blocks'})`, () => {
        const elf = buildElf(program(p.body, p.data));
        const native = runNative(elf);
        const m = runElfEmulated(elf, { hotThreshold, budget: 50_000_000 });
        expect(native.stdout.length).toBeGreaterThan(8);
        expect(m.exception).toBeNull();
        expect(m.cpu.untranslated.size).toBe(0);
        expect(Buffer.from(m.stdout).toString('hex')).toBe(native.stdout.toString('hex'));
        expect(m.exitStatus).toBe(native.status);
      });
    }
  }

  const bench = (process.env.VSYS_SHARED ? `${process.env.VSYS_SHARED}/bench/x86_64/cpu_loop.s` : new URL('../../../../../shared/bench/x86_64/cpu_loop.s', import.meta.url).pathname);
  it.skipIf(!existsSync(bench))('the shared cpu_loop.s benchmark exits with the native status', () => {
    const src = readFileSync(bench, 'utf8').replace(/\.equ ITER, \d+/, '.equ ITER, 300000');
    const elf = buildElf(src);
    const native = runNative(elf);
    const m = runElfEmulated(elf, { budget: 50_000_000 });
    expect(m.exitStatus).toBe(native.status);
  });
});
