import { describe, expect, it } from 'vitest';
import {
  decodeGate, encodeTss, interruptGate, KERNEL_CS, linuxGdt, tssDescriptor, USER_CS, USER_DS, USER32_CS,
} from './descriptors.js';

describe('GDT', () => {
  it("matches Linux's gdt_page values (arch/x86/kernel/cpu/common.c)", () => {
    const hex = linuxGdt().slice(0, 7).map((d) => `0x${d.toString(16).padStart(16, '0')}`);
    expect(hex).toEqual([
      '0x0000000000000000',
      '0x00cf9b000000ffff',
      '0x00af9b000000ffff',
      '0x00cf93000000ffff',
      '0x00cffb000000ffff',
      '0x00cff3000000ffff',
      '0x00affb000000ffff',
    ]);
  });
  it('gives the selectors Linux reports (cs=0x33 ss=0x2b; STAR: 0x10 and 0x23)', () => {
    expect([KERNEL_CS, USER32_CS, USER_DS, USER_CS]).toEqual([0x10, 0x23, 0x2b, 0x33]);
    // SYSRET64 loads CS = STAR[63:48] + 16 and SS = STAR[63:48] + 8 (SDM SYSRET).
    expect((USER32_CS & ~3) + 16 + 3).toBe(USER_CS);
    expect((USER32_CS & ~3) + 8 + 3).toBe(USER_DS);
  });
  it('encodes a TSS descriptor with its 64-bit base split over both words', () => {
    const [lo, hi] = tssDescriptor(0xfffffe0000002000n, 103);
    expect(lo & 0xffffn).toBe(103n);
    expect((lo >> 40n) & 0xffn).toBe(0x89n);
    expect(((lo >> 16n) & 0xffffffn) | (((lo >> 56n) & 0xffn) << 24n) | (hi << 32n)).toBe(0xfffffe0000002000n);
  });
});

describe('TSS and IDT gates', () => {
  it('puts RSP0 at offset 4 and the I/O map base past the limit', () => {
    const t = encodeTss(0xffffc90000004000n);
    const v = new DataView(t.buffer);
    expect(v.getBigUint64(4, true)).toBe(0xffffc90000004000n);
    expect(v.getUint16(102, true)).toBe(104);
  });
  it('round-trips a DPL 3 interrupt gate', () => {
    const g = interruptGate(0xffffffff81000123n, KERNEL_CS, 3);
    expect(g[5]).toBe(0xee); // P=1 DPL=3 type=1110
    expect(decodeGate(g)).toEqual({ offset: 0xffffffff81000123n, selector: 0x10, dpl: 3, type: 0xe, present: true });
    expect(interruptGate(0n, KERNEL_CS, 0)[5]).toBe(0x8e);
  });
});
