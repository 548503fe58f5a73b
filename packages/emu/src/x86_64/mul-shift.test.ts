// MUL (32/64-bit) and SHLD/SHRD (32/64-bit) compute on 32-bit words, without BigInt: checked
// here against BigInt arithmetic written from the SDM's definitions (Vol. 2B MUL: RDX:RAX =
// RAX × src, CF = OF = (RDX ≠ 0); SHLD/SHRD: the destination shifted with bits from the source
// filling in, CF = the last bit shifted out of the destination, OF = sign change for any count
// here) on random and edge-case operands.

import { describe, expect, it } from 'vitest';
import { PhysicalMemory } from '../memory/physical-memory.js';
import { X86Cpu } from './cpu.js';

const CF = 1, OF = 1 << 11, ZF = 1 << 6, SF = 1 << 7;
const M64 = (1n << 64n) - 1n;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s | 0;
  };
}

const edge = [0, 1, -1, 0x7fffffff, -0x80000000, 0xffff, 0x10000, 0x12345678];

function word(next: () => number): number {
  const r = next();
  return (r & 3) === 0 ? edge[(r >>> 2) % edge.length]! : next();
}

const big = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);

describe('X86Cpu mul and doubleShift without BigInt', () => {
  const cpu = new X86Cpu({ physical: new PhysicalMemory({ maxBytes: 1 << 20 }) });
  const next = rng(0x5eed);

  it('mul r/m64 and r/m32 agree with BigInt products', () => {
    for (let i = 0; i < 4000; i++) {
      const size = i & 1 ? 64 : 32;
      const al = word(next), ah = word(next), bl = word(next), bh = word(next);
      cpu.R[0] = al; cpu.R[1] = ah; cpu.R[4] = 0x55; cpu.R[5] = 0x66;
      cpu.mul(size, bl, bh);
      const a = size === 64 ? big(al, ah) : BigInt(al >>> 0);
      const b = size === 64 ? big(bl, bh) : BigInt(bl >>> 0);
      const p = a * b;
      const S = BigInt(size), mask = (1n << S) - 1n;
      expect(big(cpu.R[0]!, cpu.R[1]!)).toBe(p & mask);
      expect(big(cpu.R[4]!, cpu.R[5]!)).toBe(p >> S);
      const f = cpu.getRflags();
      expect([f & CF, f & OF]).toEqual(p >> S ? [CF, OF] : [0, 0]);
    }
  });

  it('shld/shrd r/m64 and r/m32 agree with BigInt shifts', () => {
    for (let i = 0; i < 4000; i++) {
      const size = i & 1 ? 64 : 32;
      const left = (i & 2) !== 0;
      const al = word(next), ah = size === 64 ? word(next) : 0, bl = word(next), bh = size === 64 ? word(next) : 0;
      const count = (next() >>> 0) % 70;
      const S = BigInt(size);
      const mask = (1n << S) - 1n;
      const a = big(al, ah) & mask, b = big(bl, bh) & mask;
      const c = count & (size === 64 ? 63 : 31);
      const lo = cpu.doubleShift(left, size, al, ah, bl, bh, count);
      const hi = cpu.th;
      if (c === 0) {
        expect([lo, hi]).toEqual([al, ah]);
        continue;
      }
      cpu.commitShiftFlags();
      const C = BigInt(c);
      const r = left ? ((a << C) | (b >> (S - C))) & mask : ((a >> C) | (b << (S - C))) & mask;
      const cf = left ? (a >> (S - C)) & 1n : (a >> (C - 1n)) & 1n;
      const of = ((r ^ a) >> (S - 1n)) & 1n;
      expect(big(lo, hi) & M64).toBe(r);
      const f = cpu.getRflags();
      expect([f & CF ? 1n : 0n, f & OF ? 1n : 0n]).toEqual([cf, of]);
      expect(f & ZF ? 0n : 1n).toBe(r === 0n ? 0n : 1n);
      expect(f & SF ? 1n : 0n).toBe((r >> (S - 1n)) & 1n);
    }
  });
});

describe('X86Cpu div without BigInt (RDX = 0, operands below 2^52)', () => {
  const cpu = new X86Cpu({ physical: new PhysicalMemory({ maxBytes: 1 << 20 }) });
  const next = rng(0xd1f);
  it('agrees with BigInt division for 64- and 32-bit operands, small and large', () => {
    for (let i = 0; i < 6000; i++) {
      const size = i & 1 ? 64 : 32;
      const shapes = [0, 0xfffff, 0x100000, -1];
      const nl = word(next), nh = size === 64 ? shapes[(next() >>> 0) % 4]! & word(next) : 0;
      let dl = (i % 3 === 0 ? 1_000_000_000 : word(next)) | 0, dh = size === 64 && i % 5 === 0 ? word(next) & 0xfffff : 0;
      if (dl === 0 && dh === 0) dl = 7;
      const rdxLo = i % 7 === 0 ? 1 : 0;
      cpu.R[0] = nl; cpu.R[1] = nh; cpu.R[4] = rdxLo; cpu.R[5] = 0;
      const S = BigInt(size);
      const n = ((size === 64 ? big(0, 0) | BigInt(rdxLo) : BigInt(rdxLo)) << S) | (size === 64 ? big(nl, nh) : BigInt(nl >>> 0));
      const d = size === 64 ? big(dl, dh) : BigInt(dl >>> 0);
      if (n / d >> S) continue; // would be #DE
      cpu.div(size, dl, dh);
      const got = [big(cpu.R[0]!, cpu.R[1]!), big(cpu.R[4]!, cpu.R[5]!)];
      expect(got).toEqual([n / d, n % d]);
    }
  });
});
