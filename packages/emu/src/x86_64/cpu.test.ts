// X86Cpu behaviour that the kernel relies on: address-space switches without TLB flushes,
// page-table edits seen at once, translated code dropped when its page is written, context
// save/restore, ring-0 system instructions, interrupts, rdtsc/cpuid, and shutdown on a
// triple fault (SDM Vol. 3A §6.15 "Interrupt 8—Double Fault Exception").

import { describe, expect, it } from 'vitest';
import { assembleText, haveTools, runKernelCode, runUserCode, KERNEL_TEST_CODE, TOOLS_MISSING, USER_TEXT, createMachine, startUser } from './testing/harness.js';
import { MSR_KERNEL_GS_BASE } from './cpu-state.js';

const RW = { read: true, write: true, exec: false, user: true };

describe.skipIf(!haveTools())('X86Cpu', () => {
  if (!haveTools()) console.warn(TOOLS_MISSING);

  it('switches address spaces with mov %cr3 without flushing the TLB', () => {
    const code = assembleText(`
      mov $0x600000, %esi
      mov (%rsi), %rax
      mov %r8, %cr3
      mov (%rsi), %rbx
      mov %r9, %cr3
      mov (%rsi), %rcx
      vmcall`);
    let root2 = 0;
    const { m, stop } = runKernelCode(code, {
      setup: (mm) => {
        const a = mm.physical.allocFrame()!, b = mm.physical.allocFrame()!;
        mm.physical.write64(a, 0xaaaan); mm.physical.write64(b, 0xbbbbn);
        mm.tables.map(mm.root, 0x600000, a, RW);
        root2 = mm.tables.createRoot(mm.root)!;
        mm.tables.map(root2, 0x600000, b, RW);
        mm.cpu.setReg(8, BigInt(root2)); mm.cpu.setReg(9, BigInt(mm.root));
      },
    });
    expect(stop.kind).toBe('requested');
    expect([m.cpu.getReg(0), m.cpu.getReg(3), m.cpu.getReg(1)]).toEqual([0xaaaan, 0xbbbbn, 0xaaaan]);
    expect(m.cpu.cr3).toBe(m.root);
    expect(m.cpu.counters.cr3Loads).toBeGreaterThanOrEqual(3);
    expect(m.cpu.counters.tlbFlushes).toBe(0);
  });

  it('sees unmap and protect done by the kernel between two accesses', () => {
    const code = assembleText(`
      mov $0x600000, %esi
      mov (%rsi), %rax
      mov $1, %edi
      mov $99, %eax
      syscall
      mov (%rsi), %rax
      ud2`);
    const m = runUserCode(code, {
      setup: (mm) => {
        mm.mapUser(0x600000, { write: true, exec: false });
        const inner = mm.cpu.hypercall!;
        mm.cpu.hypercall = (c) => {
          if (c.getReg(0) === 99n) { mm.tables.unmap(mm.root, 0x600000); c.setReg(0, 0n); return; }
          inner(c);
        };
      },
    });
    expect(m.exception?.vector).toBe(14);
    expect(m.exception?.errorCode).toBe(4); // not present, read, user
    expect(m.exception?.cr2).toBe(0x600000n);

    const code2 = assembleText(`
      mov $0x600000, %esi
      movq $1, (%rsi)
      mov $99, %eax
      syscall
      movq $2, (%rsi)
      ud2`);
    const m2 = runUserCode(code2, {
      setup: (mm) => {
        mm.mapUser(0x600000, { write: true, exec: false });
        const inner = mm.cpu.hypercall!;
        mm.cpu.hypercall = (c) => {
          if (c.getReg(0) === 99n) { mm.tables.protect(mm.root, 0x600000, { ...RW, write: false }); c.setReg(0, 0n); return; }
          inner(c);
        };
      },
    });
    expect(m2.exception?.vector).toBe(14);
    expect(m2.exception?.errorCode).toBe(7);
  });

  for (const hotThreshold of [0, 32]) {
    it(`runs self-modifying code correctly (hotThreshold ${hotThreshold})`, () => {
      // Each round patches the immediate of the `add` below, then runs it.
      const code = assembleText(`
        xor %ebx, %ebx
        mov $100, %ecx
      1:
        mov %cl, patch+2(%rip)
        jmp patch
      patch:
        add $0, %ebx
        dec %ecx
        jnz 1b
        mov %ebx, %edi
        mov $60, %eax
        syscall`);
      const m = runUserCode(code, { writableCode: true, hotThreshold });
      expect(m.exception).toBeNull();
      // sum of 100..1 as 8-bit sign-extended immediates: 1..100 are all < 128 → 5050, & 0xff
      expect(m.exitStatus).toBe(5050 & 0xff);
    });
  }

  for (const hotThreshold of [0, 32]) {
    it(`runs the new code after a hot code page is remapped, with no mode switch in between (chained blocks, hotThreshold ${hotThreshold})`, () => {
      // Ring-0 code: the remap happens in a vmcall, which changes neither CPL nor CR3.
      const code = assembleText(`
          xor %ebx, %ebx
          mov $2, %r12d
        2: mov $100, %ecx
        1: call f
          add %rax, %rbx
          dec %ecx
          jnz 1b
          vmcall
          dec %r12d
          jnz 2b
          ud2
          .org 0x1000
        f: mov $1, %eax
          ret`);
      const other = assembleText(`mov $2, %eax\n ret`);
      let calls = 0;
      const { m } = runKernelCode(code, {
        hotThreshold,
        onVmcall: (mm) => {
          if (++calls > 1) return false;
          const f = mm.physical.allocFrame()!;
          mm.physical.writeBytes(f, other);
          mm.tables.map(mm.root, KERNEL_TEST_CODE + 0x1000n, f, { read: true, write: false, exec: true, user: false });
          return true;
        },
      });
      expect(m.exception).toBeNull();
      expect(m.cpu.getReg(3)).toBe(100n * 1n + 100n * 2n);
    });
  }

  it('drops translated code when the kernel rewrites the page through physical memory', () => {
    const code = assembleText(`mov $1, %edi\n mov $60, %eax\n syscall`);
    const m = createMachine({ hotThreshold: 0 });
    const f = m.mapUser(USER_TEXT, { write: false, exec: true }, code);
    startUser(m, USER_TEXT);
    m.run(1000);
    expect(m.exitStatus).toBe(1);
    m.physical.write8(f + 1, 9); // mov $9, %edi
    m.exitStatus = null;
    startUser(m, USER_TEXT);
    m.run(1000);
    expect(m.exitStatus).toBe(9);
  });

  it('reads and writes registers as numbers without BigInt', () => {
    const m = createMachine();
    m.cpu.setRegNumber(7, -100);
    expect(m.cpu.getReg(7)).toBe(0xffffffffffffff9cn);
    expect(m.cpu.regNumber(7)).toBe(-100);
    m.cpu.setRegNumber(6, 2 ** 40 + 5);
    expect(m.cpu.getReg(6)).toBe(2n ** 40n + 5n);
    expect(m.cpu.regNumber(6)).toBe(2 ** 40 + 5);
  });

  it('saves and restores the whole register context', () => {
    const m = createMachine();
    startUser(m, USER_TEXT);
    for (let i = 0; i < 16; i++) m.cpu.setReg(i, BigInt(i) * 0x1111111111n);
    m.cpu.fsBase = 0x7000n; m.cpu.rflags = 0x8d7;
    const ctx = m.cpu.saveContext();
    for (let i = 0; i < 16; i++) m.cpu.setReg(i, 0);
    m.cpu.fsBase = 0n; m.cpu.rip = 0n; m.cpu.rflags = 2;
    m.cpu.setPrivilege(0, 0x10, 0x18);
    m.cpu.restoreContext(ctx);
    expect(m.cpu.saveContext()).toEqual(ctx);
    expect(m.cpu.cpl).toBe(3);
    expect(m.cpu.getReg(15)).toBe(15n * 0x1111111111n);
  });

  it('executes ring-0 system instructions: wrmsr/rdmsr, swapgs, lidt/sidt, cli/sti, hlt', () => {
    const code = assembleText(`
      mov $0xc0000102, %ecx
      mov $0x12345678, %eax
      mov $0x1abc, %edx
      wrmsr
      xor %eax, %eax
      xor %edx, %edx
      rdmsr
      mov %rax, %r8
      mov %rdx, %r9
      swapgs
      sub $16, %rsp
      sidt (%rsp)
      mov (%rsp), %r10
      mov 2(%rsp), %r11
      cli
      pushfq
      pop %r12
      sti
      pushfq
      pop %r13
      hlt
      ud2`);
    const { m, stop } = runKernelCode(code);
    expect(stop.kind).toBe('halt');
    expect(m.cpu.getReg(8)).toBe(0x12345678n);
    expect(m.cpu.getReg(9)).toBe(0x1abcn);
    expect(m.cpu.gsBase).toBe(0x1abc12345678n);
    expect(m.cpu.readMsr(MSR_KERNEL_GS_BASE)).toBe(0n);
    expect(m.cpu.getReg(10) & 0xffffn).toBe(0xfffn);
    expect(m.cpu.getReg(11)).toBe(m.cpu.idtrBase);
    expect(m.cpu.getReg(12) & 0x200n).toBe(0n);
    expect(m.cpu.getReg(13) & 0x200n).toBe(0x200n);
  });

  it('rdtsc reads instructions retired plus the kernel-set offset, or the kernel callback', () => {
    const code = assembleText(`nop\n nop\n rdtsc\n vmcall`);
    const { m } = runKernelCode(code, { setup: (mm) => { mm.cpu.tscOffset = 1000n; } });
    expect((m.cpu.getReg(2) << 32n) | m.cpu.getReg(0)).toBe(1002n);
    const r2 = runKernelCode(code, { setup: (mm) => { mm.cpu.tscSource = () => 0x1_0000_0005n; } });
    expect(r2.m.cpu.getReg(0)).toBe(5n);
    expect(r2.m.cpu.getReg(2)).toBe(1n);
  });

  it('cpuid reports the documented vendor and features', () => {
    const code = assembleText(`xor %eax, %eax\n cpuid\n mov %rbx, %r8\n mov %rdx, %r9\n mov %rcx, %r10\n mov $0x80000001, %eax\n cpuid\n vmcall`);
    const { m } = runKernelCode(code);
    const s = (v: bigint): string => Buffer.from(new BigUint64Array([v]).buffer).subarray(0, 4).toString();
    expect(s(m.cpu.getReg(8)) + s(m.cpu.getReg(9)) + s(m.cpu.getReg(10))).toBe('GenuineIntel');
    expect(m.cpu.getReg(2) & (1n << 29n)).toBe(1n << 29n); // long mode
    expect(m.cpu.getReg(2) & (1n << 11n)).toBe(1n << 11n); // syscall
  });

  it('delivers an external interrupt through the IDT when IF is set', () => {
    const code = assembleText(`1: jmp 1b`);
    const m = runUserCode(code, { budget: 10_000, setup: (mm) => mm.cpu.raiseInterrupt(0x20) });
    expect(m.exception?.vector).toBe(0x20);
    expect(m.exception?.rip).toBe(BigInt(USER_TEXT));
    expect(m.exception?.rflags! & 0x200).toBe(0x200);
  });

  it('shuts down on a triple fault (no usable IDT)', () => {
    const code = assembleText(`ud2`);
    let stop: unknown;
    runUserCode(code, { budget: 1000, setup: (mm) => { mm.cpu.idtrLimit = 0; const run = mm.run; mm.run = (b) => (stop = run(b)) as never; } });
    expect(stop).toMatchObject({ kind: 'shutdown' });
  });

  it('readVirtual/writeVirtual check user permissions and report failure without throwing', () => {
    const m = createMachine();
    m.mapUser(0x600000, { write: true, exec: false });
    m.mapUser(0x601000, { write: false, exec: false });
    expect(m.cpu.writeVirtual(0x600ffe, new Uint8Array([1, 2, 3, 4]), 3)).toBe(false); // second page read-only
    expect(m.cpu.readVirtual(0x600ffe, 4, 3)).toEqual(new Uint8Array([0, 0, 0, 0])); // nothing written
    expect(m.cpu.writeVirtual(0x600ff0, new Uint8Array([7, 8]), 3)).toBe(true);
    expect(m.cpu.readVirtual(0x600ff0, 2, 3)).toEqual(new Uint8Array([7, 8]));
    expect(m.cpu.readVirtual(0xffffffff81000000n, 4, 3)).toBeNull();
    expect(m.cpu.readVirtual(0xffffffff81000000n, 4, 0)).not.toBeNull();
    expect(m.cpu.readVirtual(0x0000800000000000n, 4, 0)).toBeNull();
    expect(m.cpu.cr2).toBe(0n);
  });

  it('kernel code reaches per-CPU data through %gs after swapgs', () => {
    const code = assembleText(`swapgs\n mov %gs:8, %rax\n movq $5, %gs:16\n swapgs\n vmcall`);
    const { m } = runKernelCode(code, {
      setup: (mm) => {
        const f = mm.physical.allocFrame()!;
        mm.physical.write64(f + 8, 0x4242n);
        mm.tables.map(mm.root, 0xffff888000000000n, f, { read: true, write: true, exec: false, user: false });
        mm.cpu.kernelGsBase = 0xffff888000000000n;
      },
    });
    expect(m.cpu.getReg(0)).toBe(0x4242n);
    expect(m.cpu.readVirtual(0xffff888000000010n, 1, 0)![0]).toBe(5);
    expect(m.cpu.kernelGsBase).toBe(0xffff888000000000n);
  });
});
