// The x86-64 page-table editor writes real 4-level entries (SDM Vol. 3A §4.5, Table 4-19/4-20):
// these tests read the entries back from physical memory and walk them like the CPU does.

import { describe, expect, it } from 'vitest';
import { PhysicalMemory } from '../memory/physical-memory.js';
import { PF_I, PF_P, PF_U, PF_W, X86PageTables, walkPageTables, type WalkMode } from './page-table.js';

const RX = { read: true, write: false, exec: true, user: true };
const RW = { read: true, write: true, exec: false, user: true };
const KRW = { read: true, write: true, exec: false, user: false };

function setup() {
  const physical = new PhysicalMemory({ maxBytes: 1 << 20 });
  const tables = new X86PageTables(physical);
  const root = tables.createRoot()!;
  return { physical, tables, root };
}

function entries(physical: PhysicalMemory, root: number, va: bigint): bigint[] {
  const idx = [(va >> 39n) & 511n, (va >> 30n) & 511n, (va >> 21n) & 511n, (va >> 12n) & 511n];
  const out: bigint[] = [];
  let table = root;
  for (const i of idx) {
    const e = physical.read64(table + Number(i) * 8);
    out.push(e);
    table = Number(e & 0x000ffffffffff000n);
  }
  return out;
}

describe('X86PageTables', () => {
  it('writes PML4E/PDPTE/PDE/PTE with P, R/W, U/S and XD as asked', () => {
    const { physical, tables, root } = setup();
    const code = physical.allocFrame()!, data = physical.allocFrame()!;
    expect(tables.map(root, 0x401000, code, RX)).toEqual({ ok: true });
    expect(tables.map(root, 0x7fffffffe000n, data, RW)).toEqual({ ok: true });
    const [pml4e, pdpte, pde, pte] = entries(physical, root, 0x401000n);
    for (const e of [pml4e!, pdpte!, pde!]) expect(e & 7n).toBe(7n); // P | R/W | U/S on the way down
    expect(pte! & 0xfffn).toBe(0x5n); // P | U/S, read-only
    expect(pte! >> 63n).toBe(0n); // executable
    expect(pte! & 0x000ffffffffff000n).toBe(BigInt(code));
    const dataPte = entries(physical, root, 0x7fffffffe000n)[3]!;
    expect(dataPte & 0xfffn).toBe(0x7n);
    expect(dataPte >> 63n).toBe(1n); // XD
    expect(tables.translate(root, 0x401234)).toMatchObject({ phys: code + 0x234, frame: code, perm: RX });
  });

  it('unmap returns the frame and protect changes permissions in place', () => {
    const { physical, tables, root } = setup();
    const f = physical.allocFrame()!;
    tables.map(root, 0x600000, f, RW);
    expect(tables.protect(root, 0x600000, RX)).toBe(true);
    expect(tables.translate(root, 0x600000)?.perm).toEqual(RX);
    expect(tables.protect(root, 0x601000, RX)).toBe(false);
    expect(tables.unmap(root, 0x600000)).toBe(f);
    expect(tables.unmap(root, 0x600000)).toBeNull();
    expect(tables.translate(root, 0x600000)).toBeNull();
  });

  it('keeps PROT_NONE mappings as not-present entries with their frame', () => {
    const { physical, tables, root } = setup();
    const f = physical.allocFrame()!;
    tables.map(root, 0x600000, f, { read: false, write: false, exec: false, user: true });
    expect(entries(physical, root, 0x600000n)[3]! & 1n).toBe(0n);
    expect(tables.translate(root, 0x600000)?.frame).toBe(f);
    expect(tables.unmap(root, 0x600000)).toBe(f);
  });

  it('shares the kernel half by copying PML4 entries 256..511', () => {
    const { physical, tables, root } = setup();
    const f = physical.allocFrame()!;
    tables.map(root, 0xffffffff81000000n, f, KRW);
    const proc = tables.createRoot(root)!;
    expect(tables.translate(proc, 0xffffffff81000000n)?.frame).toBe(f);
    // A later kernel mapping under the same top-level entry is seen by both.
    const g = physical.allocFrame()!;
    tables.map(root, 0xffffffff81001000n, g, KRW);
    expect(tables.translate(proc, 0xffffffff81001000n)?.frame).toBe(g);
    // User mappings stay private.
    tables.map(proc, 0x400000, physical.allocFrame()!, RX);
    expect(tables.translate(root, 0x400000)).toBeNull();
    const before = physical.allocatedFrames;
    tables.destroyRoot(proc);
    expect(physical.allocatedFrames).toBeLessThan(before);
    expect(tables.translate(root, 0xffffffff81001000n)?.frame).toBe(g);
  });

  it('reports bad input as results, not exceptions', () => {
    const { physical, tables, root } = setup();
    const f = physical.allocFrame()!;
    expect(tables.map(root, 0x0000800000000000n, f, RW)).toEqual({ ok: false, error: 'bad-address' });
    expect(tables.map(root, 0x1000, 123, RW)).toEqual({ ok: false, error: 'bad-frame' });
    expect(tables.map(f, 0x1000, f, RW)).toEqual({ ok: false, error: 'bad-root' });
    expect(tables.map(root, 2 ** 60, f, RW)).toEqual({ ok: false, error: 'bad-address' });
    expect(tables.translate(root, -1)).toBeNull();
  });

  it('runs out of frames gracefully', () => {
    const physical = new PhysicalMemory({ maxBytes: 3 * 4096 });
    const tables = new X86PageTables(physical);
    const root = tables.createRoot()!;
    const f = physical.allocFrame()!;
    expect(tables.map(root, 0x400000, f, RW)).toEqual({ ok: false, error: 'no-memory' });
  });

  it('the page walk checks U/S, R/W, XD, WP and sets A and D', () => {
    const { physical, tables, root } = setup();
    const f = physical.allocFrame()!, k = physical.allocFrame()!;
    tables.map(root, 0x400000, f, RX);
    tables.map(root, 0xffff800000000000n, k, KRW);
    const mode: WalkMode = { cr3: root, wp: true, nxe: true, smep: false, smap: false };
    const walk = (va: bigint, access: number, user: boolean) => {
      const lo = Number(va & 0xffffffffn) | 0, hi = Number(va >> 32n) | 0;
      return walkPageTables(physical, mode, lo, hi, access, user);
    };
    expect(walk(0x400000n, 0, true)).toBe(f);
    expect(walk(0x400000n, 2, true)).toBe(f);
    expect(walk(0x400000n, 1, true)).toBe(-(1 + (PF_P | PF_W | PF_U)));
    expect(walk(0x400000n, 1, false)).toBe(-(1 + (PF_P | PF_W))); // CR0.WP
    mode.wp = false;
    expect(walk(0x400000n, 1, false)).toBe(f);
    expect(walk(0xffff800000000000n, 0, true)).toBe(-(1 + (PF_P | PF_U)));
    expect(walk(0xffff800000000000n, 2, false)).toBe(-(1 + (PF_P | PF_I)));
    expect(walk(0x500000n, 0, true)).toBe(-(1 + PF_U));
    const pte = entries(physical, root, 0x400000n)[3]!;
    expect(pte & 0x60n).toBe(0x60n); // accessed and dirty (the supervisor write with WP=0)
    mode.smep = true;
    expect(walk(0x400000n, 2, false)).toBe(-(1 + (PF_P | PF_I)));
  });
});
