// Privilege and exception tests: ring-3 code runs on the test machine (testing/harness.ts),
// whose IDT sends every vector to a ring-0 stub that reports the frame the CPU pushed.
// Expected vectors and error codes are those of the Intel SDM (Vol. 3A §6.15 exception
// reference; Vol. 2 "Protected Mode Exceptions" / "64-Bit Mode Exceptions" of each instruction).

import { describe, expect, it } from 'vitest';
import { buildWithSymbols, haveTools, runElfEmulated, KERNEL_STACK_TOP, TOOLS_MISSING, type TestMachine } from './testing/harness.js';

interface FaultCase {
  name: string;
  body: string; // code; the faulting instruction is labelled `f`
  vector: number;
  errorCode: number;
  /** true: the saved RIP is the instruction after `f` (traps: int3, int n). */
  trap?: boolean;
  /** Label of the saved RIP when it is neither `f` nor the next instruction (fetch faults). */
  ripAt?: string;
  cr2?: bigint | 'data';
  data?: string;
  setup?: (m: TestMachine) => void;
}

const GP0 = { vector: 13, errorCode: 0 };

const cases: FaultCase[] = [
  { name: 'hlt', body: 'f: hlt', ...GP0 },
  { name: 'cli (IOPL 0)', body: 'f: cli', ...GP0 },
  { name: 'sti (IOPL 0)', body: 'f: sti', ...GP0 },
  { name: 'mov to cr3', body: 'xor %eax, %eax\nf: mov %rax, %cr3', ...GP0 },
  { name: 'mov from cr0', body: 'f: mov %cr0, %rax', ...GP0 },
  { name: 'mov from cr2', body: 'f: mov %cr2, %rax', ...GP0 },
  { name: 'rdmsr', body: 'mov $0xc0000082, %ecx\nf: rdmsr', ...GP0 },
  { name: 'wrmsr', body: 'mov $0xc0000082, %ecx\nf: wrmsr', ...GP0 },
  { name: 'in', body: 'f: inb $0x60, %al', ...GP0 },
  { name: 'out', body: 'f: outb %al, $0x80', ...GP0 },
  { name: 'in (dx)', body: 'mov $0x3f8, %dx\nf: inb %dx, %al', ...GP0 },
  { name: 'swapgs', body: 'f: swapgs', ...GP0 },
  { name: 'sysretq', body: 'f: sysretq', ...GP0 },
  { name: 'lgdt', body: 'f: lgdt (%rsp)', ...GP0 },
  { name: 'lidt', body: 'f: lidt (%rsp)', ...GP0 },
  { name: 'invlpg', body: 'f: invlpg (%rsp)', ...GP0 },
  { name: 'ltr', body: 'mov $0x40, %ax\nf: ltr %ax', ...GP0 },
  { name: 'mov to dr7', body: 'f: mov %rax, %dr7', ...GP0 },
  { name: 'rdpmc', body: 'f: rdpmc', ...GP0 },
  { name: 'iretq to ring 0', body: 'push $0x18\npush %rsp\npushfq\npush $0x10\nlea f(%rip), %rax\npush %rax\nf: iretq', vector: 13, errorCode: 0x10 },
  { name: 'vmcall in ring 3', body: 'f: vmcall', vector: 6, errorCode: -1 },
  { name: 'ud2', body: 'f: ud2', vector: 6, errorCode: -1 },
  { name: 'invalid opcode', body: 'f: .byte 0x0f, 0xff', vector: 6, errorCode: -1 },
  { name: 'lock on a register destination', body: 'f: .byte 0xf0, 0x48, 0x01, 0xd8', vector: 6, errorCode: -1 },
  { name: 'lock on mov', body: 'f: .byte 0xf0, 0x48, 0x89, 0x04, 0x24', vector: 6, errorCode: -1 },
  { name: 'mov to cs', body: 'f: .byte 0x8e, 0xc8', vector: 6, errorCode: -1 },
  { name: 'int3', body: 'f: int3', vector: 3, errorCode: -1, trap: true },
  { name: 'int $0x80 through a DPL 3 gate', body: 'f: int $0x80', vector: 0x80, errorCode: -1, trap: true },
  { name: 'int $0x81 through a DPL 0 gate', body: 'f: int $0x81', vector: 13, errorCode: 0x81 * 8 + 2 },
  { name: 'int $0x0e from ring 3', body: 'f: int $0x0e', vector: 13, errorCode: 0x0e * 8 + 2 },
  { name: 'divide by zero', body: 'xor %ecx, %ecx\nmov $1, %eax\nf: div %ecx', vector: 0, errorCode: -1 },
  { name: 'idiv overflow', body: 'mov $0x80000000, %eax\ncltd\nmov $-1, %ecx\nf: idiv %ecx', vector: 0, errorCode: -1 },
  { name: 'non-canonical read', body: 'movabs $0x0000800000000000, %rax\nf: mov (%rax), %rbx', ...GP0 },
  { name: 'non-canonical jump', body: 'movabs $0x0000800000000000, %rax\nf: jmp *%rax', ...GP0 },
  { name: 'non-canonical ret', body: 'movabs $0x0000800000000000, %rax\npush %rax\nf: ret', ...GP0 },
  { name: 'non-canonical push (#SS)', body: 'movabs $0x0000800000000010, %rsp\nf: push %rax', vector: 12, errorCode: 0 },
  { name: 'non-canonical RBP-based load (#SS)', body: 'movabs $0x0000800000000010, %rbp\nf: mov 8(%rbp), %rax', vector: 12, errorCode: 0 },
  { name: '#PF read of an unmapped page', body: 'mov $0x10000000, %eax\nf: mov (%rax), %rbx', vector: 14, errorCode: 0x4, cr2: 0x10000000n },
  { name: '#PF write to an unmapped page', body: 'mov $0x10000008, %eax\nf: mov %rbx, (%rax)', vector: 14, errorCode: 0x6, cr2: 0x10000008n },
  { name: '#PF write to read-only code', body: 'f: movb $1, f(%rip)', vector: 14, errorCode: 0x7, cr2: 'data' },
  { name: '#PF read of a supervisor page', body: 'movabs $0xffffffff81000000, %rax\nf: mov (%rax), %rbx', vector: 14, errorCode: 0x5, cr2: 0xffffffff81000000n },
  { name: '#PF execute of a no-exec page', body: 'lea data(%rip), %rax\nf: jmp *%rax', vector: 14, errorCode: 0x15, cr2: 'data', data: 'data: .quad 0', ripAt: 'data' },
  { name: '#PF on a page-crossing write', body: 'mov $0x7ffffffd, %eax\nf: movl $0, (%rax)', vector: 14, errorCode: 0x6, cr2: 0x80000000n,
    setup: (m) => { m.mapUser(0x7ffff000, { write: true, exec: false }); } },
  { name: '#PF on push to an unmapped stack', body: 'mov $0x20000000, %esp\nf: push %rax', vector: 14, errorCode: 0x6, cr2: 0x1ffffff8n },
  { name: 'cmpxchg16b misaligned', body: 'lea 8(%rsp), %rax\nand $-16, %rax\nadd $8, %rax\nf: cmpxchg16b (%rax)', ...GP0 },
  { name: 'sysret with CPL 3 stays #GP even with a canonical RCX', body: 'xor %ecx, %ecx\nf: sysretq', ...GP0 },
  { name: 'rdtsc with CR4.TSD', body: 'f: rdtsc', ...GP0, setup: (m) => m.cpu.setCr4(m.cpu.cr4 | 4) },
  { name: 'rdfsbase without CR4.FSGSBASE', body: 'f: rdfsbase %rax', vector: 6, errorCode: -1 },
];

describe.skipIf(!haveTools())('privileged instructions and exceptions from ring 3', () => {
  if (!haveTools()) console.warn(TOOLS_MISSING);
  for (const c of cases) {
    it(`${c.name} → vector ${c.vector}${c.errorCode >= 0 ? ` error ${c.errorCode.toString(16)}` : ''}`, () => {
      const src = `.globl _start\n.text\n_start:\n${c.body}\nafter: nop\n.data\n${c.data ?? 'data: .quad 0'}\n`;
      const { elf, symbols } = buildWithSymbols(src);
      const m = runElfEmulated(elf, { budget: 10_000, setup: c.setup });
      expect(m.exception, 'an exception was delivered').not.toBeNull();
      const e = m.exception!;
      expect(e.vector).toBe(c.vector);
      expect(e.errorCode).toBe(c.errorCode);
      const f = symbols.get('f')!;
      expect(e.rip).toBe(c.ripAt ? symbols.get(c.ripAt)! : c.trap ? symbols.get('after')! : f);
      expect(e.cs).toBe(0x33);
      expect(e.ss).toBe(0x2b);
      if (c.cr2 !== undefined) expect(e.cr2).toBe(c.cr2 === 'data' ? (c.name.includes('code') ? f : symbols.get('data')!) : c.cr2);
      // The handler runs in ring 0 on the TSS.RSP0 stack (SDM Vol. 3A §6.14.2).
      expect(m.cpu.cpl).toBe(0);
      expect(m.cpu.getReg(4)).toBe(KERNEL_STACK_TOP - (c.errorCode >= 0 ? 48n : 40n));
      expect(m.cpu.counters.modeSwitches).toBeGreaterThanOrEqual(2);
    });
  }
});

describe.skipIf(!haveTools())('syscall and sysretq', () => {
  it('saves RIP in RCX and RFLAGS in R11, masks RFLAGS, switches to CPL 0, and sysretq restores them', () => {
    const src = `.globl _start\n.text\n_start:\n  mov $-1, %rcx\n  mov $-1, %r11\n  mov $0x1234, %eax\n  std\n  stc\nf: syscall\nafter:\n  pushfq\n  pop %rbx\n  mov $60, %eax\n  mov $3, %edi\n  syscall\n`;
    const { elf, symbols } = buildWithSymbols(src);
    const seen: { rcx: bigint; r11: bigint; rflags: number; cpl: number; cs: number; ss: number; rsp: bigint }[] = [];
    const m = runElfEmulated(elf, {
      budget: 10_000,
      setup: (mm) => {
        const inner = mm.cpu.hypercall!;
        mm.cpu.hypercall = (c) => {
          seen.push({ rcx: c.getReg(1), r11: c.getReg(11), rflags: c.rflags, cpl: c.cpl, cs: c.cs, ss: c.ss, rsp: c.getReg(4) });
          inner(c);
        };
      },
    });
    expect(m.exitStatus).toBe(3);
    const first = seen[0]!;
    expect(first.rcx).toBe(symbols.get('after')!);
    expect(first.r11 & 0x401n).toBe(0x401n); // DF and CF as they were in ring 3
    expect(first.rflags & 0x400).toBe(0); // DF masked by FMASK
    expect(first.rflags & 0x200).toBe(0); // IF masked
    expect(first.cpl).toBe(0);
    expect(first.cs).toBe(0x10);
    expect(first.ss).toBe(0x18);
    // After sysretq: RFLAGS from R11 (DF|CF|IF), CS/SS from STAR, CPL 3.
    expect(m.cpu.getReg(3) & 0x601n).toBe(0x601n);
    expect(m.cpu.counters.modeSwitches).toBe(4);
    expect(m.cpu.counters.retiredUser).toBeGreaterThan(5);
    expect(m.cpu.counters.retiredKernel).toBe(3); // vmcall, sysretq, vmcall
  });

  it('sysretq with a non-canonical RCX raises #GP(0) in ring 0', () => {
    const src = `.globl _start\n.text\n_start:\n  syscall\n`;
    const { elf } = buildWithSymbols(src);
    const m = runElfEmulated(elf, {
      budget: 10_000,
      setup: (mm) => {
        const inner = mm.cpu.hypercall!;
        let first = true;
        mm.cpu.hypercall = (c) => {
          if (first) { first = false; c.setReg(1, 0x0000800000000000n); return; }
          inner(c);
        };
      },
    });
    expect(m.exception?.vector).toBe(13);
    expect(m.exception?.errorCode).toBe(0);
    expect(m.exception?.cs).toBe(0x10); // delivered in kernel mode, as Intel CPUs do
  });

  it('iretq returns to ring 3 from an int $0x80 handler', () => {
    const src = `.globl _start\n.text\n_start:\n  mov $7, %ebx\n  int $0x80\n  mov %ebx, %edi\n  add $1, %edi\n  mov $60, %eax\n  syscall\n`;
    const { elf } = buildWithSymbols(src);
    const m = runElfEmulated(elf, {
      budget: 10_000,
      setup: (mm) => {
        const inner = mm.cpu.hypercall!;
        mm.cpu.hypercall = (c) => {
          const at = c.rip - 0xffffffff81000000n - 3n;
          if (at === 0x80n * 8n) {
            // Resume at the stub's `hlt`+1? No: point RIP at an iretq placed in a kernel page.
            c.rip = 0xffffffff81000000n + 0x900n;
            return;
          }
          inner(c);
        };
        // Put `iretq` at KERNEL_CODE + 0x900 (writable through physical memory).
        const t = mm.tables.translate(mm.root, 0xffffffff81000900n)!;
        mm.physical.writeBytes(t.phys, new Uint8Array([0x48, 0xcf]));
      },
    });
    expect(m.exception).toBeNull();
    expect(m.exitStatus).toBe(8);
    expect(m.cpu.cpl).toBe(0);
  });
});
