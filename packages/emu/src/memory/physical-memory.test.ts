import { describe, expect, it } from 'vitest';
import { FRAME_CODE, PAGE_SIZE, PhysicalMemory } from './physical-memory.js';

describe('PhysicalMemory', () => {
  it('hands out zeroed, page-aligned frames, never frame 0, and reports exhaustion with null', () => {
    const mem = new PhysicalMemory({ maxBytes: 4 * PAGE_SIZE });
    const frames = [mem.allocFrame(), mem.allocFrame(), mem.allocFrame()];
    expect(frames).toEqual([PAGE_SIZE, 2 * PAGE_SIZE, 3 * PAGE_SIZE]);
    expect(mem.allocFrame()).toBeNull();
    expect(mem.allocatedFrames).toBe(3);
    mem.write32(frames[1]! + 8, 0xdeadbeef);
    expect(mem.freeFrame(frames[1]!)).toBe(true);
    expect(mem.freeFrame(frames[1]!)).toBe(false); // double free is refused
    const again = mem.allocFrame()!;
    expect(again).toBe(frames[1]);
    expect(mem.read32(again + 8)).toBe(0); // zeroed on allocation
  });

  it('reads and writes little-endian words and refuses out-of-range access without throwing', () => {
    const mem = new PhysicalMemory({ maxBytes: 2 * PAGE_SIZE });
    const f = mem.allocFrame()!;
    expect(mem.write64(f, 0x1122334455667788n)).toBe(true);
    expect(mem.read8(f)).toBe(0x88);
    expect(mem.read16(f + 6)).toBe(0x1122);
    expect(mem.read32(f + 4)).toBe(0x11223344);
    expect(mem.read64(f)).toBe(0x1122334455667788n);
    expect(mem.write32(2 * PAGE_SIZE - 2, 1)).toBe(false);
    expect(mem.write8(-1, 1)).toBe(false);
    expect(mem.readBytes(2 * PAGE_SIZE - 1, 2)).toBeNull();
    expect(mem.read32(1e12)).toBe(0);
    expect(mem.freeFrame(12345)).toBe(false);
  });

  it('calls the code-write hooks when a frame holding translated code is written', () => {
    const mem = new PhysicalMemory({ maxBytes: 4 * PAGE_SIZE });
    const f = mem.allocFrame()!;
    const seen: number[] = [];
    mem.onCodeWrite((frame) => seen.push(frame));
    mem.write8(f, 1);
    expect(seen).toEqual([]);
    mem.markCode(f / PAGE_SIZE);
    mem.writeBytes(f + 4090, new Uint8Array(4));
    expect(seen).toEqual([f / PAGE_SIZE]);
    expect(mem.frameFlags[f / PAGE_SIZE]! & FRAME_CODE).toBe(0);
  });
});

import { PageTableAddressSpace } from './page-table-address-space.js';
import { X86PageTables } from '../x86_64/page-table.js';

describe('PageTableAddressSpace (the kernel memory manager\'s view)', () => {
  it('maps frames through real page tables and copies frame contents', () => {
    const physical = new PhysicalMemory({ maxBytes: 64 * PAGE_SIZE });
    const tables = new X86PageTables(physical);
    const space = PageTableAddressSpace.create(physical, tables)!;
    const f = space.allocFrame()!;
    space.writeFrame(f, 4094, new Uint8Array([1, 2, 3, 4]));
    expect(space.readFrame(f, 4094, 10)).toEqual(new Uint8Array([1, 2]));
    expect(space.map(0x400000, f, { read: true, write: false, exec: true, user: true })).toBe(true);
    expect(space.translate(0x400123)).toEqual({ frame: f, perm: { read: true, write: false, exec: true, user: true } });
    space.unmap(0x400000);
    expect(space.translate(0x400000)).toBeNull();
    expect(space.map(2 ** 52, f, { read: true, write: false, exec: false, user: true })).toBe(false);
  });
});
