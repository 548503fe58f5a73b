// The memory manager over two AddressSpaceBackends — the self-contained SoftAddressSpace and
// the real x86-64 4-level page tables in @vsys/emu's physical memory (the backend vrun uses,
// arch/x86_64/user-address-space.ts) — must behave identically: the same random sequence of
// mmap/munmap/mprotect/brk/copies gives the same syscall results and the same bytes through
// UserMemory on both. Also: frames go back to physical memory on munmap and exit.
import { describe, expect, it } from 'vitest';
import { PhysicalMemory, X86PageTables } from '@vsys/emu';
import { makeHarness, type Harness } from '../testing/harness.js';
import { X86UserAddressSpace } from '../arch/x86_64/user-address-space.js';

function emuHarness(): { h: Harness; physical: PhysicalMemory; baseline: number } {
  const physical = new PhysicalMemory({ maxBytes: 64 * 1024 * 1024 });
  const tables = new X86PageTables(physical);
  const baseline = physical.allocatedFrames;
  const h = makeHarness({
    newAddressSpace: () => {
      const root = tables.createRoot();
      if (root === null) throw new Error('no root');
      return new X86UserAddressSpace(physical, tables, root);
    },
  });
  return { h, physical, baseline };
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0);
}

describe('mm over SoftAddressSpace and the x86-64 page tables', () => {
  it('gives the same results and bytes for the same random operations', () => {
    const soft = makeHarness();
    const { h: emu } = emuHarness();
    const next = rng(4242);
    const base = 0x7ffff0000000;
    for (const h of [soft, emu]) h.process.mm.startBrk = h.process.mm.brk = 0x600000;
    for (let i = 0; i < 1500; i++) {
      const op = next() % 6;
      const addr = base + (next() % 48) * 4096;
      const len = (next() % 5) * 4096 + (next() % 3 === 0 ? 100 : 0);
      const prot = next() % 8;
      const fill = next() & 0xff;
      const brk = 0x600000 + (next() % 0x30000);
      const results = [soft, emu].map((h) => {
        const mem = h.kernel.userMemory(h.process);
        switch (op) {
          case 0:
            return h.ret('mmap', addr, len, prot, 0x32, -1, 0);
          case 1:
            return h.ret('munmap', addr, len);
          case 2:
            return h.ret('mprotect', addr, len, prot);
          case 3:
            return h.ret('brk', brk);
          case 4:
            return mem.write(addr + 17, new Uint8Array(len).fill(fill)) ? 1n : 0n;
          default: {
            const r = mem.read(addr + 5, len);
            return r ? BigInt(r.reduce((a, b) => (a * 31 + b) >>> 0, 7)) : -1n;
          }
        }
      });
      expect([i, op, results[1]]).toEqual([i, op, results[0]]);
    }
  });

  it('returns frames to physical memory on munmap, and every frame incl. page tables at exit', () => {
    const { h, physical, baseline } = emuHarness();
    const used0 = physical.allocatedFrames * 4096;
    const a = Number(h.ret('mmap', 0, 64 * 4096, 3, 0x22 | 0x8000, -1, 0)); // MAP_POPULATE
    expect(physical.allocatedFrames * 4096 - used0).toBeGreaterThanOrEqual(64 * 4096);
    expect(h.ret('munmap', a, 64 * 4096)).toBe(0n);
    const afterUnmap = physical.allocatedFrames * 4096;
    expect(afterUnmap - used0).toBeLessThan(64 * 4096);
    h.kernel.userMemory(h.process).write(h.scratch, new Uint8Array(65536).fill(1));
    h.call('exit_group', 0);
    expect(physical.allocatedFrames).toBe(baseline);
    // the dead process's memory answers EFAULT, not garbage from freed page tables
    expect(h.kernel.userMemory(h.process).read(h.scratch, 8)).toBeNull();
  });
});
