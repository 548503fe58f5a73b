// The arch-neutral interface for editing address spaces, as the kernel sees it.
//
// A "root" is the physical address of an address space's top-level table (CR3 on x86-64,
// TTBR0_EL1/TTBR1_EL1 on ARM64). The kernel builds address spaces through this interface; each
// architecture writes real page-table entries into PhysicalMemory, so the CPU's page walker —
// and a debugger dumping the tables — sees exactly what the kernel asked for.
//
// Virtual addresses are accepted as number (exact below 2^53, enough for user space) or bigint
// (kernel-half addresses such as 0xffff800000000000). Failures are results, never exceptions.

export interface PagePermissions {
  read: boolean;
  write: boolean;
  exec: boolean;
  /** Accessible from user mode (x86 U/S=1, ARM64 AP[1]=1). */
  user: boolean;
}

export interface Translation {
  /** Physical address of the byte at `va` (frame + page offset). */
  phys: number;
  /** Physical address of the mapped frame. */
  frame: number;
  perm: PagePermissions;
  /** Hardware-maintained bits (x86: A and D); false where the architecture has none. */
  accessed: boolean;
  dirty: boolean;
}

export type MapError = 'no-memory' | 'bad-address' | 'bad-frame' | 'bad-root';
export type MapResult = { ok: true } | { ok: false; error: MapError };

export type VirtualAddress = number | bigint;

export interface AddressSpaceEditor {
  /** Creates an empty address space and returns its root, or null when out of frames.
   *  With `shareKernelFrom`, the kernel half of that root is shared: its top-level entries are
   *  copied, as Linux does for every new mm (later kernel mappings under an already-present
   *  top-level entry are seen by all sharers). */
  createRoot(shareKernelFrom?: number): number | null;
  /** Frees the table pages of the user half of `root` (not the mapped frames, not shared tables). */
  destroyRoot(root: number): void;
  /** Maps the 4 KiB page at `va` (rounded down) to `frame`, replacing any mapping there. */
  map(root: number, va: VirtualAddress, frame: number, perm: PagePermissions): MapResult;
  /** Removes the mapping; returns the frame that was mapped there, or null if none. */
  unmap(root: number, va: VirtualAddress): number | null;
  /** Changes the permissions of an existing mapping; false when `va` is not mapped. */
  protect(root: number, va: VirtualAddress, perm: PagePermissions): boolean;
  /** Looks `va` up as the page walker would (without setting accessed/dirty bits). */
  translate(root: number, va: VirtualAddress): Translation | null;
  /** Called with (va lo32, va hi32) for every page whose mapping changed, so CPUs can drop TLB
   *  entries; (-1, -1) means "everything". */
  onInvalidate(listener: (lo: number, hi: number) => void): void;
}

/** Splits a virtual address into its low and high 32-bit halves (as int32). Returns null for a
 *  value that is not an integer in [-(2^63), 2^64). */
export function splitAddress(va: VirtualAddress): { lo: number; hi: number } | null {
  if (typeof va === 'number') {
    if (!Number.isSafeInteger(va)) return null;
    const lo = va % 4294967296;
    const hi = Math.floor(va / 4294967296);
    return { lo: lo | 0, hi: hi | 0 };
  }
  if (va < -(1n << 63n) || va >= 1n << 64n) return null;
  const u = BigInt.asUintN(64, va);
  return { lo: Number(u & 0xffffffffn) | 0, hi: Number(u >> 32n) | 0 };
}

/** Joins (lo, hi) halves back into an unsigned 64-bit bigint. */
export function joinAddress(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}
