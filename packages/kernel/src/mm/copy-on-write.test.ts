// fork's address-space copy (MemoryMap.copyInto) on backends that draw frames from one
// physical memory (as the machines' user address spaces do): private pages are shared
// read-only until the first write copies them, MAP_SHARED pages stay shared, and a frame is
// freed only when its last mapping goes. On a SoftAddressSpace (frames of its own) the copy
// is eager.
import { describe, expect, it } from 'vitest';
import { MemoryMap, layouts } from './memory-map.js';
import { PAGE_SIZE, SoftAddressSpace, type AddressSpaceBackend, type PageMapping, type PagePermissions } from './paging.js';

/** Guest RAM shared by several address spaces: frames in one Map, page tables per space. */
class Ram {
  readonly frames = new Map<number, Uint8Array>();
  next = 0x100000;
  freed: number[] = [];
}

class RamSpace implements AddressSpaceBackend {
  private readonly pages = new Map<number, PageMapping>();
  constructor(readonly ram: Ram) {}
  allocFrame(): number | null {
    const f = (this.ram.next += PAGE_SIZE);
    this.ram.frames.set(f, new Uint8Array(PAGE_SIZE));
    return f;
  }
  freeFrame(frame: number): void {
    if (!this.ram.frames.delete(frame)) throw new Error(`double free of ${frame}`);
    this.ram.freed.push(frame);
  }
  readFrame(frame: number, offset: number, length: number): Uint8Array {
    return this.ram.frames.get(frame)!.slice(offset, offset + length);
  }
  writeFrame(frame: number, offset: number, data: Uint8Array): void {
    this.ram.frames.get(frame)!.set(data, offset);
  }
  map(va: number, frame: number, perm: PagePermissions): boolean {
    this.pages.set(va / PAGE_SIZE, { frame, perm: { ...perm } });
    return true;
  }
  unmap(va: number): void {
    this.pages.delete(va / PAGE_SIZE);
  }
  protect(va: number, perm: PagePermissions): void {
    const m = this.pages.get(va / PAGE_SIZE);
    if (m) m.perm = { ...perm };
  }
  translate(va: number): PageMapping | null {
    const m = this.pages.get(Math.floor(va / PAGE_SIZE));
    return m ? { frame: m.frame, perm: { ...m.perm } } : null;
  }
}

const PRIVATE = 0x22;
const SHARED = 0x21;

function setup() {
  const ram = new Ram();
  const parent = new MemoryMap(new RamSpace(ram), layouts.x86_64);
  const child = new MemoryMap(new RamSpace(ram), layouts.x86_64);
  return { ram, parent, child };
}

const word = (mm: MemoryMap, va: number) => mm.backend.readFrame(mm.backend.translate(va)!.frame, va % PAGE_SIZE, 1)[0];

describe('fork on one physical memory: copy-on-write', () => {
  it('shares private pages read-only; the first write copies, the parent keeps its data', () => {
    const { ram, parent, child } = setup();
    const a = parent.mmap(0, 2 * PAGE_SIZE, 3, PRIVATE, null, 0);
    parent.writeKernel(a, new Uint8Array([1]));
    expect(parent.copyInto(child)).toBe(true);
    const frame = parent.backend.translate(a)!.frame;
    expect(child.backend.translate(a)!.frame).toBe(frame);
    expect(parent.backend.translate(a)!.perm.write).toBe(false);
    expect(child.backend.translate(a)!.perm.write).toBe(false);
    expect(child.backend.translate(a + PAGE_SIZE)).toBeNull(); // never touched: not copied
    // The child's write fault copies.
    expect(child.handlePageFault(a, 'write')).toBe('retry');
    const copy = child.backend.translate(a)!;
    expect(copy.frame).not.toBe(frame);
    expect(copy.perm.write).toBe(true);
    child.writeKernel(a, new Uint8Array([7]));
    expect([word(parent, a), word(child, a)]).toEqual([1, 7]);
    // The parent is the frame's only user now: its write fault just restores the write bit.
    expect(parent.handlePageFault(a, 'write')).toBe('retry');
    expect(parent.backend.translate(a)).toEqual({ frame, perm: { read: true, write: true, exec: false, user: true } });
    expect(ram.freed).toEqual([]);
    expect(parent.frameRefs!.sharedFrames).toBe(0);
  });

  it('kernel writes break the sharing too; a read-only VMA is never made writable', () => {
    const { parent, child } = setup();
    const a = parent.mmap(0, PAGE_SIZE, 3, PRIVATE, null, 0);
    const r = parent.mmap(0, PAGE_SIZE, 1, PRIVATE, null, 0);
    parent.writeKernel(a, new Uint8Array([5]));
    parent.populate(r, PAGE_SIZE);
    parent.copyInto(child);
    expect(parent.writeKernel(a, new Uint8Array([6]))).toBe(true);
    expect([word(parent, a), word(child, a)]).toEqual([6, 5]);
    expect(child.handlePageFault(r, 'write')).not.toBe('retry'); // SEGV_ACCERR
    // mprotect(PROT_READ|PROT_WRITE) on a shared page keeps it write-protected until a fault.
    const b = parent.mmap(0, PAGE_SIZE, 3, PRIVATE, null, 0);
    parent.writeKernel(b, new Uint8Array([9]));
    const c2 = new MemoryMap(new RamSpace((parent.backend as RamSpace).ram), layouts.x86_64);
    parent.copyInto(c2);
    expect(parent.mprotect(b, PAGE_SIZE, 3)).toBe(0);
    expect(parent.backend.translate(b)!.perm.write).toBe(false);
  });

  it('MAP_SHARED pages stay shared and writable', () => {
    const { parent, child } = setup();
    const s = parent.mmap(0, PAGE_SIZE, 3, SHARED, null, 0);
    parent.writeKernel(s, new Uint8Array([1]));
    parent.copyInto(child);
    expect(child.backend.translate(s)!.perm.write).toBe(true);
    child.writeKernel(s, new Uint8Array([42]));
    expect(word(parent, s)).toBe(42);
  });

  it('a shared frame is freed with its last mapping, not before', () => {
    const { ram, parent, child } = setup();
    const a = parent.mmap(0, PAGE_SIZE, 3, PRIVATE, null, 0);
    parent.writeKernel(a, new Uint8Array([1]));
    const frame = parent.backend.translate(a)!.frame;
    parent.copyInto(child);
    parent.release();
    expect(ram.freed).not.toContain(frame);
    expect(word(child, a)).toBe(1);
    child.dropPage(a); // madvise(MADV_DONTNEED)
    expect(ram.freed).toContain(frame);
    child.release();
  });
});

describe('fork on a backend with its own frames', () => {
  it('copies the present pages at once', () => {
    const parent = new MemoryMap(new SoftAddressSpace(), layouts.x86_64);
    const child = new MemoryMap(new SoftAddressSpace(), layouts.x86_64);
    const a = parent.mmap(0, PAGE_SIZE, 3, PRIVATE, null, 0);
    parent.writeKernel(a, new Uint8Array([3]));
    expect(parent.frameRefs).toBeNull();
    parent.copyInto(child);
    expect(child.backend.translate(a)!.perm.write).toBe(true);
    child.writeKernel(a, new Uint8Array([4]));
    expect([word(parent, a), word(child, a)]).toEqual([3, 4]);
  });
});
