// A process's address space on the x86-64 machine: the kernel's memory manager (mm/) edits it
// through the AddressSpaceBackend interface; underneath, every edit is a real page-table entry
// written by @vsys/emu's 4-level page-table editor into guest RAM, in a root whose kernel half
// is shared with the kernel page tables (KernelSpace.createUserRoot).

import type { AddressSpaceBackend, PageMapping, PagePermissions } from '../../mm/paging.js';
import { KernelMemoryError, type PageTableEditor, type PhysicalRam } from './machine-memory.js';

export class X86UserAddressSpace implements AddressSpaceBackend {
  constructor(
    readonly ram: PhysicalRam,
    readonly tables: PageTableEditor,
    /** Physical address of this process's PML4: the user CR3. */
    readonly root: number,
  ) {}

  allocFrame(): number | null {
    return this.ram.allocFrame();
  }

  freeFrame(frame: number): void {
    this.ram.freeFrame(frame);
  }

  readFrame(frame: number, offset: number, length: number): Uint8Array {
    return this.ram.readBytes(frame + offset, length) ?? new Uint8Array(length);
  }

  writeFrame(frame: number, offset: number, data: Uint8Array): void {
    if (!this.ram.writeBytes(frame + offset, data)) throw new KernelMemoryError(`frame 0x${frame.toString(16)} is outside RAM`);
  }

  map(va: number, frame: number, perm: PagePermissions): boolean {
    return this.tables.map(this.root, va, frame, perm).ok;
  }

  unmap(va: number): void {
    this.tables.unmap(this.root, va);
  }

  protect(va: number, perm: PagePermissions): void {
    this.tables.protect(this.root, va, perm);
  }

  translate(va: number): PageMapping | null {
    const t = this.tables.translate(this.root, va);
    return t ? { frame: t.frame, perm: { ...t.perm } } : null;
  }

  /** Frees the user half's page-table pages (the mapped frames were freed by mm). */
  destroy(): void {
    this.tables.destroyRoot(this.root);
  }
}
