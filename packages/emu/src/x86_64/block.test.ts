// Compiled blocks that go on past a branch not taken, a CR3 write and a `vmcall`, and runs of
// pushes/pops that share one TLB probe (block.ts, codegen.ts): each fast path is checked
// against the one-instruction engine (translateBlocks: false), and each way out of it — a run
// that crosses a page or faults in the middle, tables that map the next instruction elsewhere
// after a CR3 write, a kernel that does not come back to the next instruction — is taken.

import { describe, expect, it } from 'vitest';
import {
  assembleText, buildWithSymbols, haveTools, KERNEL_TEST_CODE, runElfEmulated, runKernelCode, TOOLS_MISSING, USER_STACK_TOP, type TestMachine,
} from './testing/harness.js';

const PUSHES = ['%rax', '%rbx', '%rcx', '$-7', '%rdx', '%rsi', '%rdi', '%r8', '%r15'];

/** A stack of two pages at SPLIT_STACK (below) and SPLIT_STACK + 4096 whose frames are not
 *  adjacent in RAM, so a run that crossed the page with one probe would write the wrong frame. */
const SPLIT_STACK = 0x30000000;
function mapSplitStack(m: TestMachine): void {
  m.mapUser(SPLIT_STACK + 4096, { write: true, exec: false });
  m.physical.allocFrame();
  m.mapUser(SPLIT_STACK, { write: true, exec: false });
}

/** `src` run with hot blocks compiled at once, and with the one-instruction engine. */
function bothEngines(src: string): { compiled: TestMachine; single: TestMachine } {
  const { elf } = buildWithSymbols(src);
  return {
    compiled: runElfEmulated(elf, { budget: 100_000, hotThreshold: 0, setup: mapSplitStack }),
    single: runElfEmulated(elf, { budget: 100_000, translateBlocks: false, setup: mapSplitStack }),
  };
}

function regs(m: TestMachine): bigint[] {
  return Array.from({ length: 16 }, (_, i) => m.cpu.getReg(i));
}

const SET_REGS = [
  'movabs $0x1111222233334444, %rax', 'movabs $0x5555666677778888, %rbx', 'mov $-3, %rcx', 'mov $0x7fffffff, %edx',
  'movabs $0x8000000000000001, %rsi', 'mov $12, %edi', 'mov $-1, %r8d', 'movabs $0x0123456789abcdef, %r15',
].join('\n');

describe.skipIf(!haveTools())('runs of pushes and pops', () => {
  if (!haveTools()) console.warn(TOOLS_MISSING);

  for (const [name, stackSetup] of [
    ['inside one page', 'lea -64(%rsp), %rsp'],
    // Both pages written first, so their TLB entries are there when the runs start.
    ['across a page boundary (each instruction on its own)', `mov $${SPLIT_STACK}, %esp\nmovq $0, (%rsp)\nmovq $0, 4096(%rsp)\nmov 8(%rsp), %r9\nmov 4104(%rsp), %r9\nlea 4120(%rsp), %rsp`],
  ] as const) {
    it(`push and pop runs ${name} leave what the one-instruction engine leaves`, () => {
      const src = `.globl _start\n.text\n_start:\n${SET_REGS}\n${stackSetup}\n` +
        PUSHES.map((p) => `push ${p}`).join('\n') +
        '\npop %r10\npop %r11\npop %r12\npop %r13\npop %r14\npop %rbp\npop %rbx\npop %rax\npop %rcx\n' +
        'push %rcx\npush %rax\nmov $60, %eax\nxor %edi, %edi\nsyscall\n';
      const { compiled, single } = bothEngines(src);
      expect(compiled.exitStatus).toBe(0);
      expect(single.exitStatus).toBe(0);
      expect(regs(compiled)).toEqual(regs(single));
      const sp = compiled.cpu.getReg(4);
      const stack = (m: TestMachine): string => Buffer.from(m.cpu.readVirtual(sp - 48n, 96, 3)!).toString('hex');
      expect(stack(compiled)).toBe(stack(single));
    });
  }

  it('a push run that reaches an unmapped page faults at the push that touches it, with the earlier pushes done', () => {
    // Two slots left in the lowest page of the user stack: the third push (f) writes below it.
    const src = `.globl _start\n.text\n_start:\n${SET_REGS}\nmov $${USER_STACK_TOP - 0x10000 + 16}, %esp\n` +
      'push %rax\npush %rbx\nf: push %rcx\npush %rdx\npush %rsi\nafter: nop\n';
    const { elf, symbols } = buildWithSymbols(src);
    for (const options of [{ hotThreshold: 0 }, { translateBlocks: false }]) {
      const m = runElfEmulated(elf, { budget: 10_000, ...options });
      expect(m.exception?.vector).toBe(14);
      expect(m.exception?.errorCode).toBe(0x6); // write, not present, user
      expect(m.exception?.rip).toBe(symbols.get('f'));
      const top = m.exception!.rsp; // RSP as it was before the faulting push
      expect(m.exception!.cr2).toBe(top - 8n);
      expect(Buffer.from(m.cpu.readVirtual(top, 16, 3)!).toString('hex')).toBe('88887777666655554444333322221111');
    }
  });

  it('a pop run that reaches an unmapped page faults at the pop that reads it, with the earlier pops done', () => {
    // Two slots below the top of the user stack (nothing is mapped at USER_STACK_TOP).
    const src = `.globl _start\n.text\n_start:\nmov $${USER_STACK_TOP - 16}, %r9d\nmovq $5, (%r9)\nmovq $6, 8(%r9)\n` +
      'mov %r9, %rsp\nxor %eax, %eax\nxor %ebx, %ebx\nxor %ecx, %ecx\npop %rax\npop %rbx\nf: pop %rcx\npop %rdx\nafter: nop\n';
    const { elf, symbols } = buildWithSymbols(src);
    for (const options of [{ hotThreshold: 0 }, { translateBlocks: false }]) {
      const m = runElfEmulated(elf, { budget: 10_000, ...options });
      expect(m.exception?.vector).toBe(14);
      expect(m.exception?.rip).toBe(symbols.get('f'));
      expect(m.exception?.errorCode).toBe(0x4); // read, not present, user
      expect(m.cpu.getReg(0)).toBe(5n);
      expect(m.cpu.getReg(3)).toBe(6n);
      expect(m.cpu.getReg(1)).toBe(0n);
    }
  });
});

describe.skipIf(!haveTools())('blocks that go on', () => {
  it('past conditional branches not taken (and out at the one taken), as the one-instruction engine', () => {
    const src = `.globl _start\n.text\n_start:\n${SET_REGS}\nmov $40, %r10d\n` +
      '1: add %rax, %rbx\ncmp $7, %ecx\nje 2f\nxor %rbx, %rdx\ntest $1, %dl\njnz 3f\nadd $3, %ecx\n3: dec %r10d\njnz 1b\n' +
      '2: mov %edx, %edi\nand $127, %edi\nmov $60, %eax\nsyscall\n';
    const { compiled, single } = bothEngines(src);
    expect(compiled.exitStatus).not.toBeNull();
    expect(compiled.exitStatus).toBe(single.exitStatus);
    expect(regs(compiled)).toEqual(regs(single));
    expect(compiled.cpu.counters.retiredUser).toBe(single.cpu.counters.retiredUser);
  });

  it('past a CR3 write only while the new tables map the next instruction to the same frame', () => {
    // The same code page mapped in two address spaces from two frames that differ in one
    // immediate: each `mov %rax, %cr3` must fetch what follows through the new tables.
    const code = (n: number): Uint8Array =>
      assembleText(`1: mov %rax, %cr3\nmov $${n}, %ebx\nadd %rbx, %rcx\nxchg %rax, %rdx\ndec %esi\njnz 1b\nvmcall\n`);
    const { m, stop } = runKernelCode(code(1), {
      hotThreshold: 0,
      budget: 100_000,
      setup: (mm) => {
        const other = mm.tables.createRoot()!;
        const f = mm.physical.allocFrame()!;
        mm.physical.writeBytes(f, code(100));
        mm.tables.map(other, KERNEL_TEST_CODE, f, { read: true, write: false, exec: true, user: false });
        mm.cpu.setReg(0, BigInt(other)); // first switch: to the other tables
        mm.cpu.setReg(2, BigInt(mm.root));
        mm.cpu.setReg(6, 6n); // six turns: other, own, other, own, other, own
        mm.cpu.setReg(1, 0n);
      },
    });
    expect(stop.kind).toBe('requested');
    expect(m.cpu.getReg(1)).toBe(3n * 100n + 3n * 1n);
    expect(m.cpu.counters.cr3Loads).toBeGreaterThanOrEqual(6);
  });

  it('past a vmcall only when the kernel returns to the next instruction', () => {
    // The hook sends the first vmcall elsewhere (RIP moved): the rest of the block must not run.
    const bytes = assembleText('mov $1, %ebx\nvmcall\nmov $2, %ebx\nvmcall\nmov $3, %ebx\nvmcall\n');
    let calls = 0;
    const { m } = runKernelCode(bytes, {
      hotThreshold: 0,
      budget: 1000,
      onVmcall: (mm) => {
        calls++;
        // Resume at `mov $3, %ebx` (bb imm32 and 0f 01 c1: 5 + 3 + 5 + 3 bytes in).
        if (calls === 1) mm.cpu.rip = KERNEL_TEST_CODE + 16n;
        return calls < 2;
      },
    });
    expect(calls).toBe(2);
    expect(m.cpu.getReg(3)).toBe(3n);
  });
});
