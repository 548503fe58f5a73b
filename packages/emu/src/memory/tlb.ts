// Software TLB: caches virtual-page → physical-page translations per access type.
//
// Layout (after JSLinux / v86): direct-mapped, 1024 slots indexed by bits 12..21 of the virtual
// address XORed with its high word (tlbSlot); each slot holds the tag (the page-aligned low word and the high word of the virtual
// address) and the physical address of the page. There is one table per access type (read,
// write, execute), so a hit needs no permission check: an entry is only filled after the page
// walk allowed that access (and, for writes, after the dirty bit was set).
//
// Address-space ids: like PCID (Intel SDM Vol 3 §4.10.1), entries belong to an address space.
// Each (root, privilege) pair owns its own TlbSet, so switching CR3/TTBR or privilege level
// selects another set in O(1) and flushes nothing. Page-table edits made through an
// AddressSpaceEditor invalidate the page in every set (kernel-half mappings are shared between
// roots). User and supervisor accesses use different sets because the page walk checks U/S.

export const TLB_SLOTS = 1024;

/** The slot of the page holding (lo, hi). The high word is folded in so that pages 4 GiB apart
 *  do not collide: the x86-64 entry path reads the per-CPU area (0xfffffe0000003000) and the
 *  kernel stack (0xffffc90000003000) on every syscall, and with bits 12..21 alone both went to
 *  slot 3 and evicted each other twice per call (two page walks per getpid). User addresses
 *  below 4 GiB (hi = 0) keep the plain index. The CPUs' inline TLB probes use the same formula. */
export function tlbSlot(lo: number, hi: number): number {
  return ((lo >>> 12) ^ hi) & (TLB_SLOTS - 1);
}
/** tlbSlot as JavaScript source over two int32 expressions, for the CPUs' translated code (its
 *  inline TLB probes must pick the slot the TLB filled). */
export function tlbSlotSource(lo: string, hi: string): string {
  return `(((${lo})>>>12)^(${hi}))&${TLB_SLOTS - 1}`;
}
const INVALID_TAG = 1; // never equal to a page-aligned low word

export class TlbSet {
  readonly rLo = new Int32Array(TLB_SLOTS).fill(INVALID_TAG);
  readonly rHi = new Int32Array(TLB_SLOTS);
  readonly rPhys = new Int32Array(TLB_SLOTS);
  readonly wLo = new Int32Array(TLB_SLOTS).fill(INVALID_TAG);
  readonly wHi = new Int32Array(TLB_SLOTS);
  readonly wPhys = new Int32Array(TLB_SLOTS);
  readonly xLo = new Int32Array(TLB_SLOTS).fill(INVALID_TAG);
  readonly xHi = new Int32Array(TLB_SLOTS);
  readonly xPhys = new Int32Array(TLB_SLOTS);

  clear(): void {
    this.rLo.fill(INVALID_TAG);
    this.wLo.fill(INVALID_TAG);
    this.xLo.fill(INVALID_TAG);
  }

  invalidatePage(lo: number, hi: number): void {
    const i = tlbSlot(lo, hi);
    const tag = lo & -4096;
    if (this.rLo[i] === tag && this.rHi[i] === hi) this.rLo[i] = INVALID_TAG;
    if (this.wLo[i] === tag && this.wHi[i] === hi) this.wLo[i] = INVALID_TAG;
    if (this.xLo[i] === tag && this.xHi[i] === hi) this.xLo[i] = INVALID_TAG;
  }

  /** Drops write entries that point at physical page `physPage` (it now holds code). */
  dropWritesTo(physPage: number): void {
    for (let i = 0; i < TLB_SLOTS; i++) if (this.wPhys[i] === physPage) this.wLo[i] = INVALID_TAG;
  }
}

/** Access kinds used by fill(). */
export const ACCESS_READ = 0;
export const ACCESS_WRITE = 1;
export const ACCESS_EXEC = 2;

/** All TLB sets of one CPU, keyed by address-space root. */
export class Tlb {
  private readonly sets = new Map<number, [TlbSet, TlbSet]>();
  /** Number of times every entry was dropped (full flushes). */
  fullFlushes = 0;
  /** Number of single-page invalidations. */
  pageInvalidations = 0;
  private static readonly MAX_SPACES = 64;
  /** Bumped when the sets are dropped (too many address spaces): a CPU that keeps sets it
   *  selected must select them again. */
  epoch = 0;

  /** The set for `root` at the given privilege (user = CPL 3 / EL0 accesses). */
  select(root: number, user: boolean): TlbSet {
    let pair = this.sets.get(root);
    if (!pair) {
      if (this.sets.size >= Tlb.MAX_SPACES) { this.sets.clear(); this.epoch++; }
      pair = [new TlbSet(), new TlbSet()];
      this.sets.set(root, pair);
    }
    return user ? pair[0] : pair[1];
  }

  fill(set: TlbSet, access: number, lo: number, hi: number, physPage: number): void {
    const i = tlbSlot(lo, hi);
    const tag = lo & -4096;
    if (access === ACCESS_READ) {
      set.rLo[i] = tag; set.rHi[i] = hi; set.rPhys[i] = physPage;
    } else if (access === ACCESS_WRITE) {
      set.wLo[i] = tag; set.wHi[i] = hi; set.wPhys[i] = physPage;
    } else {
      set.xLo[i] = tag; set.xHi[i] = hi; set.xPhys[i] = physPage;
    }
  }

  invalidatePage(lo: number, hi: number): void {
    this.pageInvalidations++;
    for (const [u, s] of this.sets.values()) {
      u.invalidatePage(lo, hi);
      s.invalidatePage(lo, hi);
    }
  }

  /** Drops the entries of one address space (a CR3 write that asks for a flush). */
  flushRoot(root: number): void {
    const pair = this.sets.get(root);
    if (pair) { pair[0].clear(); pair[1].clear(); }
  }

  flushAll(): void {
    this.fullFlushes++;
    for (const [u, s] of this.sets.values()) { u.clear(); s.clear(); }
  }

  dropWritesTo(physPage: number): void {
    for (const [u, s] of this.sets.values()) { u.dropWritesTo(physPage); s.dropWritesTo(physPage); }
  }
}
