// ARM64 VMSAv8-64 translation tables (4 KiB granule, 48-bit VA, 4 levels): the
// AddressSpaceEditor that writes real descriptors into guest RAM, and the walk the CPU runs on a
// TLB miss.
//
// Arm ARM (DDI 0487) D8.2 "Translation tables and the translation process", D8.3 "Translation
// table descriptor formats" (table descriptor bits[1:0] = 0b11 at levels 0–2, page descriptor
// bits[1:0] = 0b11 at level 3), D8.4 "Memory access control": AP[2:1] (bits 7:6: AP[1] = EL0
// access, AP[2] = read-only), PXN (bit 53), UXN (bit 54), AF (bit 10; a clear AF gives an Access
// flag fault, the editor always sets it as Linux does for present pages), SH (9:8, inner
// shareable), AttrIndx (4:2, MAIR index 0 = normal memory).
//
// The upper half (VA[63:48] all ones) is translated through TTBR1_EL1, the lower half (all
// zeros) through TTBR0_EL1 (TCR_EL1.T0SZ = T1SZ = 16); anything else is a level-0 translation
// fault. The editor indexes the table by VA[47:12] only, so one kind of root serves both halves:
// the kernel keeps one root for TTBR1 and gives each process its own TTBR0 root — unlike x86,
// roots never need to share kernel entries (createRoot ignores shareKernelFrom).
//
// Permissions (Linux arch/arm64/include/asm/pgtable-prot.h): user pages have AP[1] = 1 and
// PXN = 1 (the kernel never executes user memory); kernel pages have AP[1] = 0 and UXN = 1.
// A PROT_NONE mapping (no permission at all) is an invalid descriptor that keeps the output
// address and software bit 58 (Linux's PTE_PROT_NONE idea), so translate() still reports it.

import {
  type AddressSpaceEditor, type MapResult, type PagePermissions, type Translation,
  type VirtualAddress, splitAddress,
} from '../memory/address-space.js';
import { FRAME_PAGE_TABLE, PAGE_SIZE, type PhysicalMemory } from '../memory/physical-memory.js';

/** Descriptor bits in the low word. */
export const DESC_VALID = 1 << 0;
export const DESC_TABLE = 1 << 1; // also "page" at level 3
export const DESC_AP1_EL0 = 1 << 6;
export const DESC_AP2_RO = 1 << 7;
export const DESC_SH_INNER = 3 << 8;
export const DESC_AF = 1 << 10;
/** Descriptor bits in the high word (bit n ≥ 32 is bit n−32 here). */
export const DESC_HI_PXN = 1 << (53 - 32);
export const DESC_HI_UXN = 1 << (54 - 32);
export const DESC_HI_SW_PROTNONE = 1 << (58 - 32);

/** Why a walk failed (Arm ARM D8.14 fault types), with the level for the DFSC/IFSC code. */
export const FAULT_NONE = 0;
export const FAULT_TRANSLATION = 1;
export const FAULT_ACCESS_FLAG = 2;
export const FAULT_PERMISSION = 3;

/** Access kinds for walk(). */
export const WALK_READ = 0;
export const WALK_WRITE = 1;
export const WALK_EXEC = 2;

/** The result of a walk, kept in fields so the CPU's miss path allocates nothing. */
export class WalkResult {
  fault = FAULT_NONE;
  level = 0;
  /** Physical address of the page (valid when fault = FAULT_NONE). */
  page = 0;
}

/** Index into the table at `level` (0 = top … 3 = last) for VA (lo, hi). */
function tableIndex(lo: number, hi: number, level: number): number {
  switch (level) {
    case 0: return (hi >>> 7) & 511; // VA[47:39]
    case 1: return ((hi & 0x7f) << 2) | (lo >>> 30); // VA[38:30]
    case 2: return (lo >>> 21) & 511; // VA[29:21]
    default: return (lo >>> 12) & 511; // VA[20:12]
  }
}

/** The upper 16 bits of a VA select the half: 0 → TTBR0, 0xffff → TTBR1, else no translation. */
export function vaHalf(hi: number): 0 | 1 | -1 {
  const top = hi >>> 16;
  return top === 0 ? 0 : top === 0xffff ? 1 : -1;
}

export class Arm64PageTables implements AddressSpaceEditor {
  private readonly listeners: Array<(lo: number, hi: number) => void> = [];
  constructor(readonly physical: PhysicalMemory) {}

  onInvalidate(listener: (lo: number, hi: number) => void): void {
    this.listeners.push(listener);
  }

  private invalidate(lo: number, hi: number): void {
    for (const l of this.listeners) l(lo, hi);
  }

  private newTable(): number | null {
    const f = this.physical.allocFrame();
    if (f === null) return null;
    this.physical.frameFlags[f / PAGE_SIZE]! |= FRAME_PAGE_TABLE;
    return f;
  }

  private isRoot(root: number): boolean {
    return Number.isInteger(root) && root > 0 && (root & (PAGE_SIZE - 1)) === 0 && this.physical.contains(root, PAGE_SIZE);
  }

  /** An empty level-0 table. `shareKernelFrom` is accepted for the interface and ignored: the
   *  kernel half lives in its own TTBR1 root. */
  createRoot(_shareKernelFrom?: number): number | null {
    return this.newTable();
  }

  destroyRoot(root: number): void {
    if (!this.isRoot(root)) return;
    const free = (table: number, level: number): void => {
      if (level < 3) {
        for (let i = 0; i < 512; i++) {
          const lo = this.physical.read32(table + i * 8);
          if ((lo & 3) === 3) free(lo & -4096, level + 1);
        }
      }
      this.physical.freeFrame(table);
    };
    free(root, 0);
    this.invalidate(-1, -1);
  }

  /** The physical address of the level-3 descriptor for `va`, creating tables when asked. */
  private leafSlot(root: number, lo: number, hi: number, create: boolean): number | null {
    let table = root;
    for (let level = 0; level < 3; level++) {
      const slot = table + tableIndex(lo, hi, level) * 8;
      const d = this.physical.read32(slot);
      if ((d & 3) === 3) {
        table = d & -4096;
        continue;
      }
      if (!create) return null;
      const next = this.newTable();
      if (next === null) return null;
      this.physical.write32(slot, next | DESC_VALID | DESC_TABLE);
      this.physical.write32(slot + 4, 0);
      table = next;
    }
    return table + tableIndex(lo, hi, 3) * 8;
  }

  private encode(frame: number, perm: PagePermissions): [number, number] {
    const none = !perm.read && !perm.write && !perm.exec;
    let lo = frame | DESC_AF | DESC_SH_INNER | DESC_TABLE; // AttrIndx 0 (normal memory)
    if (!none) lo |= DESC_VALID;
    if (perm.user) lo |= DESC_AP1_EL0;
    if (!perm.write) lo |= DESC_AP2_RO;
    let hi = 0;
    if (perm.user) hi |= DESC_HI_PXN; // never executable at EL1
    if (!perm.exec || !perm.user) hi |= DESC_HI_UXN; // kernel pages never executable at EL0
    if (!perm.exec && !perm.user) hi |= DESC_HI_PXN;
    if (none) hi |= DESC_HI_SW_PROTNONE;
    return [lo, hi];
  }

  private decode(lo: number, hi: number): PagePermissions {
    if (hi & DESC_HI_SW_PROTNONE) return { read: false, write: false, exec: false, user: (lo & DESC_AP1_EL0) !== 0 };
    const user = (lo & DESC_AP1_EL0) !== 0;
    return {
      read: true,
      write: (lo & DESC_AP2_RO) === 0,
      exec: user ? (hi & DESC_HI_UXN) === 0 : (hi & DESC_HI_PXN) === 0,
      user,
    };
  }

  map(root: number, va: VirtualAddress, frame: number, perm: PagePermissions): MapResult {
    if (!this.isRoot(root)) return { ok: false, error: 'bad-root' };
    const a = splitAddress(va);
    if (!a || vaHalf(a.hi) < 0) return { ok: false, error: 'bad-address' };
    if (!Number.isInteger(frame) || frame <= 0 || (frame & (PAGE_SIZE - 1)) !== 0 || !this.physical.contains(frame, PAGE_SIZE)) {
      return { ok: false, error: 'bad-frame' };
    }
    const slot = this.leafSlot(root, a.lo, a.hi, true);
    if (slot === null) return { ok: false, error: 'no-memory' };
    const [lo, hi] = this.encode(frame, perm);
    this.physical.write32(slot, lo);
    this.physical.write32(slot + 4, hi);
    this.invalidate(a.lo & -4096, a.hi);
    return { ok: true };
  }

  unmap(root: number, va: VirtualAddress): number | null {
    if (!this.isRoot(root)) return null;
    const a = splitAddress(va);
    if (!a || vaHalf(a.hi) < 0) return null;
    const slot = this.leafSlot(root, a.lo, a.hi, false);
    if (slot === null) return null;
    const lo = this.physical.read32(slot);
    const hi = this.physical.read32(slot + 4);
    if (!(lo & DESC_VALID) && !(hi & DESC_HI_SW_PROTNONE)) return null;
    this.physical.write32(slot, 0);
    this.physical.write32(slot + 4, 0);
    this.invalidate(a.lo & -4096, a.hi);
    return lo & -4096;
  }

  protect(root: number, va: VirtualAddress, perm: PagePermissions): boolean {
    if (!this.isRoot(root)) return false;
    const a = splitAddress(va);
    if (!a || vaHalf(a.hi) < 0) return false;
    const slot = this.leafSlot(root, a.lo, a.hi, false);
    if (slot === null) return false;
    const lo = this.physical.read32(slot);
    const hi = this.physical.read32(slot + 4);
    if (!(lo & DESC_VALID) && !(hi & DESC_HI_SW_PROTNONE)) return false;
    const [nlo, nhi] = this.encode(lo & -4096, perm);
    this.physical.write32(slot, nlo);
    this.physical.write32(slot + 4, nhi);
    this.invalidate(a.lo & -4096, a.hi);
    return true;
  }

  translate(root: number, va: VirtualAddress): Translation | null {
    if (!this.isRoot(root)) return null;
    const a = splitAddress(va);
    if (!a || vaHalf(a.hi) < 0) return null;
    const slot = this.leafSlot(root, a.lo, a.hi, false);
    if (slot === null) return null;
    const lo = this.physical.read32(slot);
    const hi = this.physical.read32(slot + 4);
    if (!(lo & DESC_VALID) && !(hi & DESC_HI_SW_PROTNONE)) return null;
    const frame = lo & -4096;
    return { phys: frame + (a.lo & 4095), frame, perm: this.decode(lo, hi), accessed: (lo & DESC_AF) !== 0, dirty: false };
  }
}

/**
 * The hardware walk (Arm ARM D8.2, with the access checks of D8.4): translates VA (lo, hi)
 * through `root` for an access at EL0 (`el0`) or EL1, filling `out`. The caller chose the root
 * from VA[55] (TTBR0 / TTBR1). No descriptor is written (AF is always set by the editor).
 */
export function walkTables(physical: PhysicalMemory, root: number, lo: number, hi: number, access: number, el0: boolean, out: WalkResult): void {
  let table = root;
  for (let level = 0; level < 3; level++) {
    const d = physical.read32(table + tableIndex(lo, hi, level) * 8);
    if ((d & 3) !== 3) {
      out.fault = FAULT_TRANSLATION;
      out.level = level;
      return;
    }
    table = d & -4096;
  }
  const slot = table + tableIndex(lo, hi, 3) * 8;
  const dlo = physical.read32(slot);
  const dhi = physical.read32(slot + 4);
  out.level = 3;
  if ((dlo & 3) !== 3) {
    out.fault = FAULT_TRANSLATION;
    return;
  }
  if (!(dlo & DESC_AF)) {
    out.fault = FAULT_ACCESS_FLAG;
    return;
  }
  const userPage = (dlo & DESC_AP1_EL0) !== 0;
  let ok: boolean;
  if (access === WALK_EXEC) {
    // EL0 execution needs UXN = 0; EL1 needs PXN = 0 and (implicitly) a page EL0 cannot write
    // (D8.4.3: privileged execute-never for EL0-writable memory).
    ok = el0 ? (dhi & DESC_HI_UXN) === 0 : (dhi & DESC_HI_PXN) === 0 && !(userPage && !(dlo & DESC_AP2_RO));
  } else if (access === WALK_WRITE) {
    ok = (dlo & DESC_AP2_RO) === 0 && (!el0 || userPage);
  } else {
    ok = !el0 || userPage;
  }
  if (!ok) {
    out.fault = FAULT_PERMISSION;
    return;
  }
  out.fault = FAULT_NONE;
  out.page = dlo & -4096;
}
