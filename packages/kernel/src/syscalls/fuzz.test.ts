// Robustness: every core syscall on every ABI with random arguments (valid pointers, small and
// huge integers, -1, unaligned and kernel addresses) must come back as a value, an errno, a
// block or an exit — never a host exception, never a handler crash (the dispatcher would
// report those as "internal error"). Deterministic seed.
import { describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../testing/harness.js';
import { coreSyscalls } from './table.js';
import { syscalls as fsSyscalls } from './decl/fs.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s;
  };
}

describe('core syscalls under random arguments', () => {
  it('never throw and never crash a handler', () => {
    const next = rng(12345);
    const fs = new Set(fsSyscalls);
    const decls = coreSyscalls.filter((d) => !fs.has(d));
    let h: Harness = makeHarness();
    let calls = 0;
    for (let round = 0; round < 3000; round++) {
      const decl = decls[next() % decls.length]!;
      const abis = Object.keys(decl.numbers) as (keyof typeof decl.numbers)[];
      const abi = abis[next() % abis.length]!;
      const nr = decl.numbers[abi]!;
      const pick = (): bigint => {
        switch (next() % 8) {
          case 0:
            return BigInt(h.scratch + (next() % 65536));
          case 1:
            return BigInt(next() % 64);
          case 2:
            return 0xffffffffffffffffn;
          case 3:
            return BigInt(next()) << 32n | BigInt(next());
          case 4:
            return 0xffff800000000000n + BigInt(next());
          case 5:
            return BigInt(h.scratch + 65536 - (next() % 16));
          case 6:
            return BigInt(next() % 0x2000);
          default:
            return 0n;
        }
      };
      const args = [pick(), pick(), pick(), pick(), pick(), pick()];
      let out;
      try {
        out = h.kernel.handleSyscall(h.thread, abi, nr, args);
      } catch (e) {
        throw new Error(`${decl.name} (${abi}) threw with ${args.map((a) => '0x' + a.toString(16)).join(', ')}: ${e}`);
      }
      calls++;
      const crash = h.warnings.find((w) => w.includes('internal error'));
      if (crash) throw new Error(`${decl.name} (${abi}): ${crash} with ${args.map((a) => '0x' + a.toString(16)).join(', ')}`);
      if (out.kind === 'return') {
        const v = abi === 'i386' ? out.value < 2n ** 32n : out.value < 2n ** 64n;
        expect(v).toBe(true);
      } else {
        h = makeHarness();
      }
    }
    expect(calls).toBe(3000);
  });
});

describe('mm invariants under random mmap/munmap/mprotect/brk', () => {
  it('VMAs stay sorted and disjoint; every mapped page lies in a VMA', () => {
    const next = rng(777);
    const h = makeHarness();
    const mm = h.process.mm;
    mm.startBrk = mm.brk = 0x600000;
    const pages = (n: number) => n * 4096;
    const base = 0x7ffff0000000;
    for (let i = 0; i < 2000; i++) {
      const addr = base + pages(next() % 64) + (next() % 8 === 0 ? 123 : 0);
      const len = pages(next() % 6) + (next() % 4 === 0 ? 7 : 0);
      switch (next() % 5) {
        case 0:
          h.ret('mmap', next() % 2 ? addr : 0, len, next() % 8, 0x22 | (next() % 3 === 0 ? 0x10 : 0), -1, 0);
          break;
        case 1:
          h.ret('munmap', addr, len);
          break;
        case 2:
          h.ret('mprotect', addr, len, next() % 8);
          break;
        case 3:
          h.ret('brk', 0x600000 + (next() % 0x40000));
          break;
        default:
          h.kernel.userMemory(h.process).write(addr, new Uint8Array(len % 9000));
      }
      const areas = mm.areas;
      for (let j = 0; j < areas.length; j++) {
        const v = areas[j]!;
        expect(v.start % 4096).toBe(0);
        expect(v.end % 4096).toBe(0);
        expect(v.start < v.end).toBe(true);
        if (j > 0) expect(areas[j - 1]!.end <= v.start).toBe(true);
      }
    }
    for (let va = base - pages(4096); va < base + pages(80); va += 4096) {
      if (h.process.mm.backend.translate(va)) expect(mm.findVma(va)).toBeDefined();
    }
  });
});
