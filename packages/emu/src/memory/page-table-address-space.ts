// One address space seen through the shape the kernel's memory manager uses
// (kernel/src/mm/paging.ts `AddressSpaceBackend`): frames plus one root's page tables.
// Structural typing makes it fit without @vsys/emu depending on the kernel.

import type { AddressSpaceEditor, PagePermissions, VirtualAddress } from './address-space.js';
import { PAGE_SIZE, type PhysicalMemory } from './physical-memory.js';

export class PageTableAddressSpace {
  constructor(readonly physical: PhysicalMemory, readonly editor: AddressSpaceEditor, readonly root: number) {}

  /** A new address space whose kernel half is shared with `kernelRoot` (null when out of frames). */
  static create(physical: PhysicalMemory, editor: AddressSpaceEditor, kernelRoot?: number): PageTableAddressSpace | null {
    const root = editor.createRoot(kernelRoot);
    return root === null ? null : new PageTableAddressSpace(physical, editor, root);
  }

  allocFrame(): number | null {
    return this.physical.allocFrame();
  }
  freeFrame(frame: number): void {
    this.physical.freeFrame(frame);
  }
  /** Copies bytes out of one frame; out-of-range requests are clipped to the frame. */
  readFrame(frame: number, offset: number, length: number): Uint8Array {
    const start = Math.max(0, Math.min(offset, PAGE_SIZE));
    const end = Math.max(start, Math.min(offset + length, PAGE_SIZE));
    return this.physical.readBytes(frame + start, end - start) ?? new Uint8Array(0);
  }
  writeFrame(frame: number, offset: number, data: Uint8Array): void {
    const start = Math.max(0, Math.min(offset, PAGE_SIZE));
    this.physical.writeBytes(frame + start, data.subarray(0, PAGE_SIZE - start));
  }
  map(va: VirtualAddress, frame: number, perm: PagePermissions): boolean {
    return this.editor.map(this.root, va, frame, perm).ok;
  }
  unmap(va: VirtualAddress): void {
    this.editor.unmap(this.root, va);
  }
  protect(va: VirtualAddress, perm: PagePermissions): void {
    this.editor.protect(this.root, va, perm);
  }
  translate(va: VirtualAddress): { frame: number; perm: PagePermissions } | null {
    const t = this.editor.translate(this.root, va);
    return t ? { frame: t.frame, perm: t.perm } : null;
  }
  /** Frees the user half's page-table pages (not the mapped frames). */
  destroy(): void {
    this.editor.destroyRoot(this.root);
  }
}
