// x86-64 4-level paging: the AddressSpaceEditor that writes real page-table entries, and the
// page walk the CPU runs on a TLB miss.
//
// Intel SDM Vol 3A §4.5 (4-level paging), Table 4-19/4-20 (PML4E…PTE formats), §4.6 (access
// rights), §4.7 (page-fault error code), §4.8 (accessed and dirty flags).
// Entry bits used here: P (0), R/W (1), U/S (2), A (5), D (6), PS (7, 1 GiB / 2 MiB pages in
// PDPTE/PDE), address bits 12..51, XD (63, only with IA32_EFER.NXE = 1; otherwise reserved).
// Physical memory is below 2^31 here, so the address lives in the low word of an entry and
// the high word carries XD; address bits 32..51 of an entry must be 0 or the walk reports a
// reserved-bit fault (our RAM never has such addresses).
//
// The editor sets P|R/W|U/S on intermediate entries and puts the restrictions on the leaf, as
// Linux does; a mapping with no permission at all (PROT_NONE) is kept as a not-present leaf
// with software bit 9 set, so translate() still reports its frame.

import {
  type AddressSpaceEditor, type MapResult, type PagePermissions, type Translation,
  type VirtualAddress, splitAddress,
} from '../memory/address-space.js';
import { FRAME_PAGE_TABLE, PAGE_SIZE, type PhysicalMemory } from '../memory/physical-memory.js';

export const PTE_P = 1 << 0;
export const PTE_RW = 1 << 1;
export const PTE_US = 1 << 2;
export const PTE_A = 1 << 5;
export const PTE_D = 1 << 6;
export const PTE_PS = 1 << 7;
/** Software-available bit 9: "PROT_NONE mapping" (entry not present but frame kept). */
export const PTE_SW_PROTNONE = 1 << 9;
/** XD is bit 63 = bit 31 of the high word. */
export const PTE_HI_XD = 1 << 31;

/** Page-fault error code bits (SDM Vol 3A §4.7). */
export const PF_P = 1, PF_W = 2, PF_U = 4, PF_RSVD = 8, PF_I = 16;

/** True when (lo, hi) is a canonical 48-bit address: bits 63..47 all equal. */
export function isCanonical(hi: number): boolean {
  return (hi >> 15) === 0 || (hi >> 15) === -1;
}

/** Index into the table at `level` (3 = PML4 … 0 = PT) for the address (lo, hi). */
function tableIndex(lo: number, hi: number, level: number): number {
  switch (level) {
    case 3: return (hi >>> 7) & 511; // bits 47..39
    case 2: return ((hi & 0x7f) << 2) | (lo >>> 30); // bits 38..30
    case 1: return (lo >>> 21) & 511; // bits 29..21
    default: return (lo >>> 12) & 511; // bits 20..12
  }
}

export class X86PageTables implements AddressSpaceEditor {
  private readonly listeners: Array<(lo: number, hi: number) => void> = [];
  constructor(readonly physical: PhysicalMemory) {}

  onInvalidate(listener: (lo: number, hi: number) => void): void {
    this.listeners.push(listener);
  }

  private invalidate(lo: number, hi: number): void {
    for (const l of this.listeners) l(lo, hi);
  }

  private allocTable(): number | null {
    const frame = this.physical.allocFrame();
    if (frame === null) return null;
    this.physical.frameFlags[frame / PAGE_SIZE]! |= FRAME_PAGE_TABLE;
    return frame;
  }

  private isTable(addr: number): boolean {
    return this.physical.contains(addr, PAGE_SIZE) && (addr % PAGE_SIZE) === 0 &&
      (this.physical.frameFlags[addr / PAGE_SIZE]! & FRAME_PAGE_TABLE) !== 0;
  }

  createRoot(shareKernelFrom?: number): number | null {
    if (shareKernelFrom !== undefined && !this.isTable(shareKernelFrom)) return null;
    const root = this.allocTable();
    if (root === null) return null;
    if (shareKernelFrom !== undefined) {
      // Entries 256..511 of the PML4 map the upper (kernel) half: copy them.
      this.physical.bytes.copyWithin(root + 256 * 8, shareKernelFrom + 256 * 8, shareKernelFrom + 512 * 8);
    }
    return root;
  }

  destroyRoot(root: number): void {
    if (!this.isTable(root)) return;
    const free = (table: number, level: number): void => {
      for (let i = 0; i < 512; i++) {
        const lo = this.physical.view.getInt32(table + i * 8, true);
        if (!(lo & PTE_P) || (level > 0 && (lo & PTE_PS))) continue;
        if (level > 0) {
          const child = lo & -4096;
          if (this.isTable(child)) free(child, level - 1);
        }
      }
      this.physical.freeFrame(table);
    };
    for (let i = 0; i < 256; i++) {
      const lo = this.physical.view.getInt32(root + i * 8, true);
      if (lo & PTE_P) {
        const child = lo & -4096;
        if (this.isTable(child)) free(child, 2);
      }
    }
    this.physical.freeFrame(root);
    this.invalidate(-1, -1);
  }

  /** Finds (and with `create`, builds) the PT that holds the leaf for (lo, hi); returns the
   *  physical address of the leaf entry, -1 when absent, -2 when out of memory, -3 when a huge
   *  page covers the address. */
  private leafEntry(root: number, lo: number, hi: number, create: boolean): number {
    let table = root;
    for (let level = 3; level > 0; level--) {
      const entryAddr = table + tableIndex(lo, hi, level) * 8;
      const entry = this.physical.view.getInt32(entryAddr, true);
      if (entry & PTE_P) {
        if (entry & PTE_PS) return -3;
        table = entry & -4096;
        continue;
      }
      if (!create) return -1;
      const child = this.allocTable();
      if (child === null) return -2;
      this.physical.view.setInt32(entryAddr, child | PTE_P | PTE_RW | PTE_US, true);
      this.physical.view.setInt32(entryAddr + 4, 0, true);
      table = child;
    }
    return table + tableIndex(lo, hi, 0) * 8;
  }

  private static leafBits(frame: number, perm: PagePermissions): { lo: number; hi: number } {
    const any = perm.read || perm.write || perm.exec;
    let lo = frame | (any ? PTE_P : PTE_SW_PROTNONE);
    if (perm.write) lo |= PTE_RW;
    if (perm.user) lo |= PTE_US;
    return { lo, hi: perm.exec ? 0 : PTE_HI_XD };
  }

  map(root: number, va: VirtualAddress, frame: number, perm: PagePermissions): MapResult {
    if (!this.isTable(root)) return { ok: false, error: 'bad-root' };
    const a = splitAddress(va);
    if (!a || !isCanonical(a.hi)) return { ok: false, error: 'bad-address' };
    if (!this.physical.contains(frame, PAGE_SIZE) || frame % PAGE_SIZE !== 0) return { ok: false, error: 'bad-frame' };
    const entry = this.leafEntry(root, a.lo, a.hi, true);
    if (entry === -2) return { ok: false, error: 'no-memory' };
    if (entry < 0) return { ok: false, error: 'bad-address' };
    const bits = X86PageTables.leafBits(frame, perm);
    this.physical.view.setInt32(entry, bits.lo, true);
    this.physical.view.setInt32(entry + 4, bits.hi, true);
    this.invalidate(a.lo & -4096, a.hi);
    return { ok: true };
  }

  unmap(root: number, va: VirtualAddress): number | null {
    if (!this.isTable(root)) return null;
    const a = splitAddress(va);
    if (!a || !isCanonical(a.hi)) return null;
    const entry = this.leafEntry(root, a.lo, a.hi, false);
    if (entry < 0) return null;
    const lo = this.physical.view.getInt32(entry, true);
    if (!(lo & (PTE_P | PTE_SW_PROTNONE))) return null;
    this.physical.view.setInt32(entry, 0, true);
    this.physical.view.setInt32(entry + 4, 0, true);
    this.invalidate(a.lo & -4096, a.hi);
    return lo & -4096;
  }

  protect(root: number, va: VirtualAddress, perm: PagePermissions): boolean {
    if (!this.isTable(root)) return false;
    const a = splitAddress(va);
    if (!a || !isCanonical(a.hi)) return false;
    const entry = this.leafEntry(root, a.lo, a.hi, false);
    if (entry < 0) return false;
    const lo = this.physical.view.getInt32(entry, true);
    if (!(lo & (PTE_P | PTE_SW_PROTNONE))) return false;
    const bits = X86PageTables.leafBits(lo & -4096, perm);
    // Keep the hardware A/D bits of the old entry.
    this.physical.view.setInt32(entry, bits.lo | (lo & (PTE_A | PTE_D)), true);
    this.physical.view.setInt32(entry + 4, bits.hi, true);
    this.invalidate(a.lo & -4096, a.hi);
    return true;
  }

  translate(root: number, va: VirtualAddress): Translation | null {
    if (!this.isTable(root)) return null;
    const a = splitAddress(va);
    if (!a || !isCanonical(a.hi)) return null;
    const view = this.physical.view;
    let table = root;
    let write = true, user = true, exec = true;
    for (let level = 3; level >= 0; level--) {
      const entryAddr = table + tableIndex(a.lo, a.hi, level) * 8;
      const lo = view.getInt32(entryAddr, true);
      const hi = view.getInt32(entryAddr + 4, true);
      const present = (lo & PTE_P) !== 0;
      const leaf = level === 0 || (present && (lo & PTE_PS) !== 0);
      if (!present && !(leaf && (lo & PTE_SW_PROTNONE))) return null;
      if (level === 0 && !present) {
        const frame = lo & -4096;
        return { phys: frame + (a.lo & 4095), frame, perm: { read: false, write: false, exec: false, user: (lo & PTE_US) !== 0 }, accessed: false, dirty: false };
      }
      write &&= (lo & PTE_RW) !== 0;
      user &&= (lo & PTE_US) !== 0;
      exec &&= (hi & PTE_HI_XD) === 0;
      if (leaf) {
        const pageSize = level === 0 ? 4096 : level === 1 ? 1 << 21 : 1 << 30;
        const base = (lo & -4096) & ~(pageSize - 1);
        const offset = (a.lo >>> 0) % pageSize;
        return {
          phys: base + offset, frame: base + (offset & -4096),
          perm: { read: true, write, exec, user },
          accessed: (lo & PTE_A) !== 0, dirty: (lo & PTE_D) !== 0,
        };
      }
      table = lo & -4096;
    }
    return null;
  }
}

/** What the CPU's page walk needs to know about the current mode. */
export interface WalkMode {
  cr3: number;
  /** CR0.WP: supervisor writes honour R/W. */
  wp: boolean;
  /** IA32_EFER.NXE: bit 63 is XD (else it is reserved). */
  nxe: boolean;
  /** CR4.SMEP / (CR4.SMAP and not RFLAGS.AC). */
  smep: boolean;
  smap: boolean;
}

/**
 * The hardware page walk (SDM Vol 3A §4.5). `access` 0 = read, 1 = write, 2 = instruction
 * fetch; `user` = the access is made at CPL 3. Sets A on every entry used and D on the leaf of
 * a write (§4.8). Returns the physical address of the 4 KiB page holding (lo, hi), or a negative
 * number -(1 + page-fault error code).
 */
export function walkPageTables(physical: PhysicalMemory, mode: WalkMode, lo: number, hi: number, access: number, user: boolean): number {
  const view = physical.view;
  const fetch = access === 2;
  const write = access === 1;
  let errBase = (write ? PF_W : 0) | (user ? PF_U : 0) | (fetch && (mode.nxe || mode.smep) ? PF_I : 0);
  let table = mode.cr3 & -4096;
  let allowWrite = true, allowUser = true, allowExec = true;
  const used: number[] = [];
  for (let level = 3; level >= 0; level--) {
    const entryAddr = table + tableIndex(lo, hi, level) * 8;
    if (!physical.contains(entryAddr, 8)) return -(1 + (errBase | PF_RSVD));
    const e = view.getInt32(entryAddr, true);
    const eh = view.getInt32(entryAddr + 4, true);
    if (!(e & PTE_P)) return -(1 + errBase);
    // Reserved bits: address bits 51..32 must be 0 in our RAM; XD reserved without NXE; PS in PML4E.
    if ((eh & 0x000fffff) !== 0 || (!mode.nxe && (eh & PTE_HI_XD)) || (level === 3 && (e & PTE_PS))) {
      return -(1 + (errBase | PF_P | PF_RSVD));
    }
    allowWrite &&= (e & PTE_RW) !== 0;
    allowUser &&= (e & PTE_US) !== 0;
    if (mode.nxe && (eh & PTE_HI_XD)) allowExec = false;
    used.push(entryAddr);
    const leaf = level === 0 || (e & PTE_PS) !== 0;
    if (leaf) {
      // Access rights (SDM §4.6).
      let ok = true;
      if (user) {
        if (!allowUser) ok = false;
        else if (write && !allowWrite) ok = false;
        else if (fetch && !allowExec) ok = false;
      } else {
        if (write && !allowWrite && mode.wp) ok = false;
        if (fetch && (!allowExec || (allowUser && mode.smep))) ok = false;
        if (!fetch && allowUser && mode.smap) ok = false;
      }
      if (!ok) return -(1 + (errBase | PF_P));
      for (const a of used) view.setInt32(a, view.getInt32(a, true) | PTE_A, true);
      if (write) view.setInt32(entryAddr, view.getInt32(entryAddr, true) | PTE_D, true);
      const pageSize = level === 0 ? 4096 : level === 1 ? 1 << 21 : 1 << 30;
      const base = (e & -4096) & ~(pageSize - 1);
      const physPage = base + (((lo >>> 0) % pageSize) & -4096);
      if (!physical.contains(physPage, 4096)) return -(1 + (errBase | PF_P | PF_RSVD));
      return physPage;
    }
    table = e & -4096;
  }
  return -(1 + errBase);
}
