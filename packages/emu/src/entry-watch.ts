// Exact execution counts of chosen instruction addresses, for both CPUs (vrun --stats watches
// the vDSO's exported entry points). The block builders put a counter bump before a watched
// instruction's code, so the counts stay exact across chained blocks, traces and loops inside a
// block; a CPU takes the bump back when the instruction faulted (it did not execute). The CPUs
// differ only in how they drop the translated code built without a new counter.

export class EntryWatch {
  /** Executions by slot (translated code bumps `counts[slot]`). */
  readonly counts: number[] = [];
  /** Watched addresses ("hi:lo" of the virtual address, as int32 words) → slot; null while
   *  nothing is watched, so that translated code then carries no counting at all. */
  private slots: Map<string, number> | null = null;

  /** Whether any address is watched. */
  get active(): boolean {
    return this.slots !== null;
  }

  /** The slot of `address` (the same slot when watched twice); `dropCode` runs when the
   *  address is new, since translated code was built without its counter. */
  watch(address: bigint, dropCode: () => void): number {
    const u = BigInt.asUintN(64, address);
    const key = `${Number(u >> 32n) | 0}:${Number(u & 0xffffffffn) | 0}`;
    this.slots ??= new Map();
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.counts.length;
      this.counts.push(0);
      this.slots.set(key, slot);
      dropCode();
    }
    return slot;
  }

  /** The slot of the instruction at (lo, hi), or -1. */
  slotAt(lo: number, hi: number): number {
    return this.slots?.get(`${hi | 0}:${lo | 0}`) ?? -1;
  }
}
