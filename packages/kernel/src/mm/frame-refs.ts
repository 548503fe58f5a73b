// Reference counts of physical frames mapped by more than one address space (struct page's
// _mapcount): fork shares the parent's pages with the child instead of copying them
// (copy-on-write, MemoryMap.copyInto), and a frame may only go back to the allocator when its
// last mapping is gone. Frames nobody shares have no entry (count 1).
//
// Address spaces can share frames only when their backends draw frames from the same physical
// memory: the machines' user address spaces all wrap one guest RAM (X86UserAddressSpace.ram,
// used by both machines), which is the key here. A backend with its own frame store
// (SoftAddressSpace: a Map per instance) has no key, and fork copies its pages eagerly instead.

import type { AddressSpaceBackend } from './paging.js';

export class FrameRefs {
  private readonly counts = new Map<number, number>();

  /** One more mapping of `frame`. */
  share(frame: number): void {
    this.counts.set(frame, (this.counts.get(frame) ?? 1) + 1);
  }

  /** Whether more than one mapping uses `frame`. */
  isShared(frame: number): boolean {
    return (this.counts.get(frame) ?? 1) > 1;
  }

  /** One mapping of `frame` is gone: true when it was the last (the frame may be freed). */
  release(frame: number): boolean {
    const n = this.counts.get(frame) ?? 1;
    if (n <= 2) this.counts.delete(frame);
    else this.counts.set(frame, n - 1);
    return n <= 1;
  }

  /** Frames currently shared (tests). */
  get sharedFrames(): number {
    return this.counts.size;
  }
}

const byStore = new WeakMap<object, FrameRefs>();

/** The physical memory a backend takes its frames from, when it says (`frameStore`) or is a
 *  machine's user address space (`ram`); null when its frames are its own. */
export function frameStoreOf(backend: AddressSpaceBackend): object | null {
  const b = backend as { frameStore?: unknown; ram?: unknown };
  const store = b.frameStore ?? b.ram;
  return typeof store === 'object' && store !== null ? store : null;
}

/** The reference counts of `backend`'s physical memory (one table per memory), or null. */
export function frameRefsOf(backend: AddressSpaceBackend): FrameRefs | null {
  const store = frameStoreOf(backend);
  if (!store) return null;
  let refs = byStore.get(store);
  if (!refs) byStore.set(store, (refs = new FrameRefs()));
  return refs;
}
