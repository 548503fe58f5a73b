// UserMemory over a process's MemoryMap: what copy_from_user / copy_to_user / strncpy_from_user
// do. Every page is looked up in the page tables with user permissions; a missing page inside a
// VMA is faulted in exactly as a user access would be (demand paging); anything else — no VMA,
// a page the user may not read or write, an address beyond TASK_SIZE — fails the whole copy,
// which handlers report as EFAULT. Nothing here throws for bad guest addresses.

import type { UserMemory } from '../syscalls/types.js';
import type { MemoryMap } from './memory-map.js';
import { PAGE_SIZE } from './paging.js';

export class ProcessUserMemory implements UserMemory {
  constructor(private readonly mm: MemoryMap) {}

  /** The frame holding `va` if the user may access it that way, faulting it in if needed. */
  private frameFor(va: number, write: boolean): number | null {
    if (this.mm.released || !Number.isSafeInteger(va) || va < 0 || va >= this.mm.layout.taskSize) return null;
    const page = va - (va % PAGE_SIZE);
    let m = this.mm.backend.translate(page);
    if (!m || !m.perm.user || (write && !m.perm.write)) {
      if (this.mm.handlePageFault(va, write ? 'write' : 'read') !== 'retry') return null;
      m = this.mm.backend.translate(page);
      if (!m || !m.perm.user || (write && !m.perm.write)) return null;
    }
    return m.frame;
  }

  read(addr: number, len: number): Uint8Array | null {
    if (len < 0 || !Number.isSafeInteger(len)) return null;
    if (len === 0) return new Uint8Array(0);
    if (!Number.isSafeInteger(addr) || addr < 0 || addr + len > this.mm.layout.taskSize) return null;
    const out = new Uint8Array(len);
    let done = 0;
    while (done < len) {
      const va = addr + done;
      const frame = this.frameFor(va, false);
      if (frame === null) return null;
      const off = va % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - off, len - done);
      out.set(this.mm.backend.readFrame(frame, off, n), done);
      done += n;
    }
    return out;
  }

  write(addr: number, data: Uint8Array): boolean {
    const len = data.length;
    if (len === 0) return true;
    if (!Number.isSafeInteger(addr) || addr < 0 || addr + len > this.mm.layout.taskSize) return false;
    // Check every page first so a failing copy writes nothing (copy_to_user may write a prefix
    // on Linux; writing nothing is the stricter, still-valid choice).
    const frames: number[] = [];
    for (let va = addr - (addr % PAGE_SIZE); va < addr + len; va += PAGE_SIZE) {
      const frame = this.frameFor(Math.max(va, addr), true);
      if (frame === null) return false;
      frames.push(frame);
    }
    let done = 0;
    let i = 0;
    while (done < len) {
      const va = addr + done;
      const off = va % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - off, len - done);
      this.mm.backend.writeFrame(frames[i++]!, off, data.subarray(done, done + n));
      done += n;
    }
    return true;
  }

  readCString(addr: number, max: number): Uint8Array | 'toolong' | null {
    const parts: Uint8Array[] = [];
    let total = 0;
    let va = addr;
    while (total < max) {
      if (!Number.isSafeInteger(va) || va < 0) return null;
      const frame = this.frameFor(va, false);
      if (frame === null) return null;
      const off = va % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - off, max - total);
      const chunk = this.mm.backend.readFrame(frame, off, n);
      const nul = chunk.indexOf(0);
      if (nul >= 0) {
        parts.push(chunk.subarray(0, nul));
        total += nul;
        const out = new Uint8Array(total);
        let at = 0;
        for (const p of parts) {
          out.set(p, at);
          at += p.length;
        }
        return out;
      }
      parts.push(chunk);
      total += n;
      va += n;
    }
    return 'toolong';
  }
}
