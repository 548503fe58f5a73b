// Exceptions from EL0 as the Arm ARM defines them (D1.10, D19.2.37 ESR_ELx): the EC, ISS
// (imm16 / WnR / DFSC), ELR_EL1 and FAR_EL1 each exception leaves, checked on the bare CPU
// with a two-entry vector table (testing/harness.ts). Plus the translation regime: TTBR0
// switches without a flush, EL1-only pages, and code invalidation when code is written.
import { describe, expect, it } from 'vitest';
import { Arm64Cpu } from './cpu.js';
import { Arm64PageTables } from './page-table.js';
import { PhysicalMemory } from '../memory/physical-memory.js';
import { buildElf, haveTools, loadHarness, TOOLS_MISSING, KERNEL_VECTORS } from './testing/harness.js';

const have = haveTools();
const ESR_IL = 1 << 25;

/** Runs `body` (after `_start:`) and returns the harness's outcome plus the address of `here`. */
function run(body: string) {
  const image = buildElf(`.globl _start\n.text\n_start:\n${body}\n mov x0, #0\n mov x8, #93\n svc #0\n.data\n.balign 16\ndata: .quad 0, 0\n`);
  const h = loadHarness(image);
  const exit = h.run(1_000_000);
  return { h, exit };
}

describe.skipIf(!have)(`A64 exceptions from EL0${have ? '' : ` (skipped: ${TOOLS_MISSING})`}`, () => {
  it('svc #imm: EC 0x15, ISS = imm16, ELR = the next instruction', () => {
    const { h } = run(' mov x0, #0x40000000\n msr nzcv, x0\n mov x8, #500\n svc #0x1234\nafter:');
    expect(h.svcs.length).toBeGreaterThanOrEqual(1);
    const s = h.svcs[0]!;
    expect(Number(s.esr)).toBe(((0x15 << 26) | ESR_IL | 0x1234) >>> 0);
    expect(s.elr).toBe(0x400000n + 0xb0n + 16n); // _start (ld's default 0x4000b0) + 4 instructions
  });

  it('a load from an unmapped page: EC 0x24, WnR 0, translation fault, FAR = the address, ELR = the load', () => {
    const { exit } = run(' mov x1, #0x10000\n ldr x0, [x1, #8]');
    expect(exit.kind).toBe('exception');
    expect(exit.ec).toBe(0x24);
    expect(Number(exit.esr!) & (1 << 6)).toBe(0);
    expect(Number(exit.esr!) & 0x3c).toBe(0x04); // translation fault, some level
    expect(exit.far).toBe(0x10008n);
    expect(exit.elr).toBe(0x4000b0n + 4n);
  });

  it('a store to read-only text: EC 0x24, WnR 1, permission fault at level 3 (DFSC 0x0f)', () => {
    const { exit } = run(' adr x1, _start\n str x0, [x1]');
    expect(exit.ec).toBe(0x24);
    expect(Number(exit.esr!) & 0x7f).toBe((1 << 6) | 0x0f);
    expect(exit.far).toBe(0x4000b0n);
  });

  it('EL0 cannot read the kernel half: permission fault on an AP[1] = 0 page', () => {
    const { exit } = run(` mov x1, #0xffff000000000000\n ldr x0, [x1]`);
    expect(exit.ec).toBe(0x24);
    expect(Number(exit.esr!) & 0x3f).toBe(0x0f);
    expect(exit.far).toBe(KERNEL_VECTORS);
  });

  it('a branch to a data page: instruction abort EC 0x20, FAR = ELR = the target', () => {
    const { exit } = run(' adrp x1, data\n add x1, x1, :lo12:data\n br x1');
    expect(exit.ec).toBe(0x20);
    expect(Number(exit.esr!) & 0x3f).toBe(0x0f); // UXN: permission fault
    expect(exit.far).toBe(exit.elr);
  });

  it('a branch to a misaligned PC: EC 0x22, FAR = ELR = the target', () => {
    const { exit } = run(' adr x1, _start\n add x1, x1, #6\n br x1');
    expect(exit.ec).toBe(0x22);
    expect(exit.far).toBe(0x4000b6n);
    expect(exit.elr).toBe(0x4000b6n);
  });

  it('a load through a misaligned SP: SP alignment fault EC 0x26 (SCTLR_EL1.SA0)', () => {
    const { exit } = run(' sub sp, sp, #8\n ldr x0, [sp]');
    expect(exit.ec).toBe(0x26);
    expect(exit.elr).toBe(0x4000b4n);
  });

  it.each([
    ['udf #7', 0],
    ['msr vbar_el1, x0', 0],
    ['mrs x0, elr_el1', 0],
    ['hvc #0', 0],
    ['eret', 0],
    ['smc #0', 0],
    ['msr daifset, #2', 0],
    ['tlbi vmalle1', 0],
  ])('%s at EL0 is UNDEFINED: EC 0x00, ISS 0, ELR = the instruction', (insn) => {
    const { exit } = run(` ${insn}`);
    expect(exit.ec).toBe(0);
    expect(Number(exit.esr!)).toBe(ESR_IL);
    expect(exit.elr).toBe(0x4000b0n);
  });

  it('brk #imm: EC 0x3c with the immediate', () => {
    const { exit } = run(' brk #0x55');
    expect(exit.ec).toBe(0x3c);
    expect(Number(exit.esr!) & 0xffff).toBe(0x55);
  });

  it('EL0 may use TPIDR_EL0 (rw), read TPIDRRO_EL0, CNTVCT_EL0 and CNTFRQ_EL0', () => {
    const { h, exit } = run(' mov x1, #0x1234\n msr tpidr_el0, x1\n mrs x2, tpidr_el0\n mrs x3, tpidrro_el0\n mrs x4, cntfrq_el0\n mrs x5, cntvct_el0\n mov x6, x2\n mov x8, #500\n svc #0');
    expect(exit).toEqual({ kind: 'exit', code: 0 });
    expect(h.cpu.tpidr0).toBe(0x1234n);
    expect(h.cpu.getReg(6)).toBe(0x1234n);
    expect(h.cpu.getReg(4)).toBe(62_500_000n);
  });
});

describe('A64 translation regime and code cache', () => {
  function bare() {
    const physical = new PhysicalMemory({ maxBytes: 4 << 20 });
    const tables = new Arm64PageTables(physical);
    const cpu = new Arm64Cpu({ physical, pageTables: tables });
    return { physical, tables, cpu };
  }

  it('switching TTBR0 selects another address space without flushing (ASID-like TLB sets)', () => {
    const { physical, tables, cpu } = bare();
    const a = tables.createRoot()!;
    const b = tables.createRoot()!;
    const fa = physical.allocFrame()!;
    const fb = physical.allocFrame()!;
    physical.write32(fa, 0xaaaa);
    physical.write32(fb, 0xbbbb);
    tables.map(a, 0x10000, fa, { read: true, write: true, exec: false, user: true });
    tables.map(b, 0x10000, fb, { read: true, write: true, exec: false, user: true });
    cpu.setExceptionLevel(0);
    for (let i = 0; i < 3; i++) {
      cpu.setTtbr0(BigInt(a));
      expect(cpu.ld32(0x10000, 0)).toBe(0xaaaa);
      cpu.setTtbr0(BigInt(b));
      expect(cpu.ld32(0x10000, 0)).toBe(0xbbbb);
    }
    expect(cpu.counters.tlbFlushes).toBe(0);
    // unmapping invalidates the cached translation
    tables.unmap(a, 0x10000);
    cpu.setTtbr0(BigInt(a));
    cpu.ld32(0x10000, 0);
    expect(cpu.f).toBe(1);
  });

  it('translate() reports what map() wrote (AP, UXN/PXN round trip) and rejects non-canonical addresses', () => {
    const { physical, tables } = bare();
    const root = tables.createRoot()!;
    const f = physical.allocFrame()!;
    for (const perm of [
      { read: true, write: true, exec: false, user: true },
      { read: true, write: false, exec: true, user: true },
      { read: true, write: false, exec: true, user: false },
      { read: true, write: true, exec: false, user: false },
    ]) {
      expect(tables.map(root, 0xffff800000001000n, f, perm)).toEqual({ ok: true });
      expect(tables.translate(root, 0xffff800000001234n)?.perm).toEqual(perm);
      expect(tables.translate(root, 0xffff800000001234n)?.phys).toBe(f + 0x234);
    }
    expect(tables.map(root, 0x0001000000000000n, f, { read: true, write: true, exec: false, user: true })).toEqual({ ok: false, error: 'bad-address' });
  });

  it('a store into a page holding translated code drops the translation (self-modifying code)', () => {
    const { physical, tables, cpu } = bare();
    const root = tables.createRoot()!;
    const code = physical.allocFrame()!;
    tables.map(root, 0x20000, code, { read: true, write: true, exec: true, user: true });
    // movz x0, #1 ; movz x0, #2 (patched later) ; brk #0
    physical.write32(code, 0xd2800020);
    physical.write32(code + 4, 0xd2800020);
    physical.write32(code + 8, 0xd4200000);
    const vectors = tables.createRoot()!;
    const vpage = physical.allocFrame()!;
    tables.map(vectors, KERNEL_VECTORS, vpage, { read: true, write: false, exec: true, user: false });
    physical.write32(vpage + 0x400, 0xd4000002); // hvc #0
    cpu.setTtbr0(BigInt(root));
    cpu.setTtbr1(BigInt(vectors));
    cpu.vbar = KERNEL_VECTORS;
    cpu.hypercall = (c) => c.requestStop('trap');
    cpu.setExceptionLevel(0);
    cpu.pc = 0x20000n;
    cpu.run(100);
    expect(cpu.getReg(0)).toBe(1n);
    // EL0 writes `movz x0, #2` over the second instruction through the CPU's store path
    cpu.setExceptionLevel(0);
    cpu.st32(0x20004, 0, 0xd2800040);
    cpu.pc = 0x20000n;
    cpu.run(100);
    expect(cpu.getReg(0)).toBe(2n);
  });
});
