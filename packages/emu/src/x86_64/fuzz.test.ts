// Fuzz: random bytes executed in ring 3. Whatever the bytes are, the outcome must be an
// architectural one — an exception delivered through the IDT, a system call, or the budget
// running out — never a JavaScript exception escaping from the emulator. The same bytes run
// on both engines (single instructions and compiled blocks) must end in the same state.

import { describe, expect, it } from 'vitest';
import { runUserCode, type TestMachine } from './testing/harness.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s;
  };
}

/** Random code biased toward real instruction starts (REX, common opcodes, ModRM). */
function randomCode(next: () => number, len: number): Uint8Array {
  const common = [0x48, 0x49, 0x4c, 0x4d, 0x89, 0x8b, 0x01, 0x29, 0x31, 0x39, 0x85, 0x83, 0x81, 0xc1, 0xd3, 0xf7, 0xff, 0x0f, 0x66, 0xf3, 0x74, 0x75, 0xe8, 0xc3, 0x50, 0x58, 0x8d, 0xa4, 0xab, 0xcd, 0xcc];
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = next() % 3 === 0 ? common[next() % common.length]! : next() & 0xff;
  return out;
}

function summary(m: TestMachine): string {
  const regs = Array.from({ length: 16 }, (_, i) => m.cpu.getReg(i).toString(16)).join(',');
  const e = m.exception;
  return `${regs} flags=${(m.cpu.rflags & 0xcd5).toString(16)} ex=${e ? `${e.vector}/${e.errorCode}@${e.rip.toString(16)} cr2=${e.cr2.toString(16)}` : 'none'} out=${m.stdout.length} exit=${m.exitStatus}`;
}

describe('fuzz: random bytes in ring 3', () => {
  const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
  it(`${RUNS} random programs end in an exception, a syscall or the budget, identically on both engines`, () => {
    const next = rng(Number(process.env.FUZZ_SEED ?? 0xc0ffee));
    const outcomes = new Map<string, number>();
    const mismatches: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const code = randomCode(next, 96);
      const regs = Array.from({ length: 16 }, () => BigInt(next()) * (next() % 2 ? 1n : 0x100000001n));
      const count = BigInt(next() % 64);
      const setup = (m: TestMachine): void => {
        regs.forEach((v, i) => { if (i !== 4) m.cpu.setReg(i, v); });
        // Some registers point at mapped memory so loads and stores get somewhere.
        m.cpu.setReg(3, 0x7fff0000n); m.cpu.setReg(6, 0x7fff8000n); m.cpu.setReg(7, 0x7fffa000n);
        m.cpu.setReg(1, count);
      };
      const results: string[] = [];
      for (const engine of [{ translateBlocks: false }, { translateBlocks: true, hotThreshold: 0 }]) {
        let m: TestMachine;
        try {
          m = runUserCode(code, { ...engine, budget: 2000, setup, maxBytes: 8 << 20 });
        } catch (e) {
          throw new Error(`run ${run} (${Buffer.from(code).toString('hex')}) threw ${(e as Error).stack}`);
        }
        const kind = m.exception ? `vector ${m.exception.vector}` : m.exitStatus !== null ? 'exit' : 'budget';
        outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
        results.push(summary(m));
      }
      if (results[0] !== results[1]) mismatches.push(`run ${run} ${Buffer.from(code).toString('hex')}\n  single:   ${results[0]}\n  compiled: ${results[1]}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    // Random code mostly faults: #UD, #GP and #PF must all have been seen.
    expect(outcomes.get('vector 6') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('vector 13') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('vector 14') ?? 0).toBeGreaterThan(0);
  });
});
