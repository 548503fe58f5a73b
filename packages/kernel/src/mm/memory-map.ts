// A process's address space (struct mm_struct): the sorted VMA list, the program break, the
// mmap layout, and the page tables behind them (through an AddressSpaceBackend).
//
// Paging policy: demand paging. mmap/brk only create VMAs; the first touch of a page faults
// (`handlePageFault`), which allocates a zeroed frame, fills it from the VMA's backing bytes
// (file contents copied at map time), and maps it with the VMA's permissions. The loader and
// MAP_POPULATE call `populate` to map pages eagerly. Kernel copies (UserMemory) fault pages in
// the same way, as copy_from_user does. MAP_PRIVATE file mappings copy the file bytes at mmap
// time, so later writes to the file are not seen (mmap(2) leaves this unspecified).
// Not modelled yet: MAP_SHARED file mappings do not write back to the file.
//
// fork shares pages (`copyInto`): a private page present in the parent is mapped into the child
// too, read-only on both sides, its frame's reference count raised (frame-refs.ts); the first
// write to it faults, and the writer gets its own copy (copy-on-write, mm/memory.c wp_page_copy)
// — or, when nobody else maps the frame any more, simply the write permission back. MAP_SHARED
// pages stay shared and writable in both. Frames return to the allocator when their last
// mapping goes. Kernel writes (writeKernel, and UserMemory through the write fault) break the
// sharing the same way. A backend whose frames are its own (SoftAddressSpace) cannot share:
// there fork copies the present pages at once.
//
// Layout without ASLR (Linux with randomization off, arch/x86/mm/mmap.c mmap_base): TASK_SIZE
// is 0x7ffffffff000 on x86-64 (47-bit, minus one guard page) and 2^48 on arm64 (48-bit VA);
// the stack top is TASK_SIZE; mmap_base = TASK_SIZE − clamp(RLIMIT_STACK + stack_guard_gap,
// 128 MiB, …) = 0x7ffff7fff000 on x86-64; mmap allocates top-down below it
// (mm/mmap.c arch_get_unmapped_area_topdown). mmap_min_addr is 64 KiB (the usual sysctl).

import { errno } from '../syscalls/errno.js';
import { segvAccErr, segvMapErr, type SigInfo } from '../signal/siginfo.js';
import { Sig } from '../signal/signals.js';
import { PAGE_SIZE, type AddressSpaceBackend, type PagePermissions } from './paging.js';
import { cloneVma, sameVmaKind, VM_LOCKED, VM_LOCKONFAULT, type Vma, type VmaBacking, type VmaProt } from './vma.js';
import { frameRefsOf, type FrameRefs } from './frame-refs.js';

export const PROT_NONE = 0;
export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;
export const PROT_SEM = 8;
export const PROT_GROWSDOWN = 0x01000000;
export const PROT_GROWSUP = 0x02000000;

export const MAP_SHARED = 0x01;
export const MAP_PRIVATE = 0x02;
export const MAP_SHARED_VALIDATE = 0x03;
export const MAP_TYPE = 0x0f;
export const MAP_FIXED = 0x10;
export const MAP_ANONYMOUS = 0x20;
export const MAP_GROWSDOWN = 0x0100;
export const MAP_DENYWRITE = 0x0800;
export const MAP_EXECUTABLE = 0x1000;
export const MAP_LOCKED = 0x2000;
export const MAP_NORESERVE = 0x4000;
export const MAP_POPULATE = 0x8000;
export const MAP_NONBLOCK = 0x10000;
export const MAP_STACK = 0x20000;
export const MAP_HUGETLB = 0x40000;
export const MAP_SYNC = 0x80000;
export const MAP_FIXED_NOREPLACE = 0x100000;
/** mm/mmap.c LEGACY_MAP_MASK: the flags MAP_SHARED_VALIDATE accepts. */
const LEGACY_MAP_MASK =
  MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | MAP_EXECUTABLE | MAP_UNINITIALIZED() |
  MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB;
function MAP_UNINITIALIZED(): number {
  return 0x4000000;
}

export const MIN_MMAP_ADDR = 0x10000;
const MIN_GAP = 128 * 1024 * 1024;
const STACK_GUARD_GAP = 256 * PAGE_SIZE;
/** One PMD: 2 MiB with 4 KiB pages on x86-64 and arm64. */
const PMD_SIZE = 2 * 1024 * 1024;

export interface MemoryLayout {
  /** One past the highest user address (TASK_SIZE). */
  taskSize: number;
  /** Where the initial stack ends (STACK_TOP). */
  stackTop: number;
  /** x86's arch_get_unmapped_area_topdown rounds a hint down (`addr &= PAGE_MASK`, measured:
   *  0x10000123 → 0x10000000); the generic code (arm64) rounds it up (PAGE_ALIGN). */
  hintRoundsDown: boolean;
  /** x86-64 only: the 32-bit address space that i386 syscalls (int $0x80 from a 64-bit
   *  process) allocate in — IA32_PAGE_OFFSET 0xffffe000 (arch/x86/mm/mmap.c mmap_compat_base;
   *  measured: mmap2 via int $0x80 returns 0xf7ffd000 first). */
  compatTaskSize?: number;
}

export const layouts: Record<'x86_64' | 'arm64', MemoryLayout> = {
  x86_64: { taskSize: 0x7ffffffff000, stackTop: 0x7ffffffff000, hintRoundsDown: true, compatTaskSize: 0xffffe000 },
  arm64: { taskSize: 2 ** 48, stackTop: 2 ** 48, hintRoundsDown: false },
};

/** A file the VFS lets us map: access mode and a reader for its contents. */
export interface MappableFile {
  readable: boolean;
  writable: boolean;
  /** Bytes at [offset, offset+length) — shorter at end of file. Never throws. */
  read(offset: number, length: number): Uint8Array;
  path: string;
  dev: string;
  inode: number;
  /** The file carries F_SEAL_WRITE or F_SEAL_FUTURE_WRITE (memfd seals): no shared mapping of
   *  it may be writable, now or after mprotect (mm/memfd.c memfd_check_seals_mmap). */
  writeSealed?: boolean;
}

export type FaultAccess = 'read' | 'write' | 'exec';

export function pageFloor(x: number): number {
  return x - (x % PAGE_SIZE);
}

export function pageCeil(x: number): number {
  const r = x % PAGE_SIZE;
  return r === 0 ? x : x + (PAGE_SIZE - r);
}

export function protFromBits(prot: number): VmaProt {
  return { read: (prot & PROT_READ) !== 0, write: (prot & PROT_WRITE) !== 0, exec: (prot & PROT_EXEC) !== 0 };
}

export class MemoryMap {
  /** Sorted by start, non-overlapping. */
  private vmas: Vma[] = [];
  /** mm->start_brk and mm->brk (brk keeps the caller's unaligned value, as Linux does). */
  startBrk = 0;
  brk = 0;
  readonly mmapBase: number;
  /** The top-down start for i386 (compat) syscalls, or null when the arch has none. */
  readonly compatMmapBase: number | null;
  /** RLIMIT_STACK / RLIMIT_DATA soft limits, read at fault/brk time (set by the process). */
  stackLimit: () => number = () => 8 * 1024 * 1024;
  /** RLIMIT_MEMLOCK's soft limit in bytes (mlock, MAP_LOCKED, mremap of a locked area). */
  memlockLimit: () => number = () => 8 * 1024 * 1024;
  /** mm->def_flags' lock bits: what mlockall(MCL_FUTURE[|MCL_ONFAULT]) gives new mappings. */
  defLocked = 0;
  dataLimit: () => number = () => Infinity;
  /** Reference counts of frames shared with other address spaces (null: this backend's frames
   *  cannot be shared). */
  readonly frameRefs: FrameRefs | null;

  constructor(
    readonly backend: AddressSpaceBackend,
    readonly layout: MemoryLayout,
    stackRlimit = 8 * 1024 * 1024,
  ) {
    const base = (taskSize: number) =>
      pageFloor(taskSize - Math.max(MIN_GAP, Math.min(stackRlimit + STACK_GUARD_GAP, (taskSize / 6) * 5)));
    this.mmapBase = base(layout.taskSize);
    this.frameRefs = frameRefsOf(backend);
    this.compatMmapBase = layout.compatTaskSize ? base(layout.compatTaskSize) : null;
  }

  get areas(): readonly Vma[] {
    return this.vmas;
  }

  findVma(addr: number): Vma | undefined {
    // The VMA containing addr (binary search over the sorted list).
    let lo = 0;
    let hi = this.vmas.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.vmas[mid]!;
      if (addr < v.start) hi = mid - 1;
      else if (addr >= v.end) lo = mid + 1;
      else return v;
    }
    return undefined;
  }

  private overlaps(start: number, end: number): boolean {
    return this.vmas.some((v) => v.start < end && v.end > start);
  }

  // ---- creating and removing areas ----

  /** Inserts a VMA over [start, end), replacing whatever was there (MAP_FIXED semantics). */
  insertVma(vma: Vma): void {
    this.removeRange(vma.start, vma.end);
    const i = this.vmas.findIndex((v) => v.start > vma.start);
    if (i < 0) this.vmas.push(vma);
    else this.vmas.splice(i, 0, vma);
    this.mergeAround(vma);
  }

  private mergeAround(vma: Vma): void {
    const i = this.vmas.indexOf(vma);
    const next = this.vmas[i + 1];
    if (next && sameVmaKind(vma, next)) {
      vma.end = next.end;
      this.vmas.splice(i + 1, 1);
    }
    const prev = this.vmas[i - 1];
    if (prev && sameVmaKind(prev, vma)) {
      prev.end = vma.end;
      this.vmas.splice(i, 1);
    }
  }

  /** Unmaps [start, end): splits VMAs at the edges, frees the frames. */
  removeRange(start: number, end: number): void {
    const kept: Vma[] = [];
    for (const v of this.vmas) {
      if (v.end <= start || v.start >= end) {
        kept.push(v);
        continue;
      }
      if (v.start < start) kept.push(cloneVma(v, v.start, start));
      if (v.end > end) kept.push(cloneVma(v, end, v.end));
      this.freePages(Math.max(v.start, start), Math.min(v.end, end));
    }
    this.vmas = kept;
  }

  private freePages(start: number, end: number): void {
    for (let va = start; va < end; va += PAGE_SIZE) this.dropPage(va);
  }

  /** Unmaps one page, keeping its VMA (munmap's work per page; madvise(MADV_DONTNEED)): the
   *  frame is freed unless another address space still maps it. */
  dropPage(va: number): void {
    const m = this.backend.translate(va);
    if (!m) return;
    this.backend.unmap(va);
    this.releaseFrame(m.frame);
  }

  private releaseFrame(frame: number): void {
    if (!this.frameRefs || this.frameRefs.release(frame)) this.backend.freeFrame(frame);
  }

  /** A private page whose frame another address space also maps: written only after a copy. */
  private isCopyOnWrite(v: Vma, frame: number): boolean {
    return !v.shared && this.frameRefs !== null && this.frameRefs.isShared(frame);
  }

  /** The page-table permissions of a present page of `v`: the VMA's, without write while the
   *  frame is shared copy-on-write. */
  private presentPerm(v: Vma, frame: number): PagePermissions {
    const perm = pagePerm(v.prot) ?? { read: false, write: false, exec: false, user: false };
    return perm.write && this.isCopyOnWrite(v, frame) ? { ...perm, write: false } : perm;
  }

  /** The write fault on a copy-on-write page (wp_page_copy): a private copy of the frame, mapped
   *  writable at `page`; the shared frame loses one mapping. False when memory ran out. */
  private breakCopyOnWrite(v: Vma, page: number, frame: number): boolean {
    const copy = this.backend.allocFrame();
    if (copy === null) return false;
    this.backend.writeFrame(copy, 0, this.backend.readFrame(frame, 0, PAGE_SIZE));
    this.backend.unmap(page);
    if (!this.backend.map(page, copy, pagePerm(v.prot)!)) {
      this.backend.freeFrame(copy);
      this.backend.map(page, frame, this.presentPerm(v, frame));
      return false;
    }
    this.releaseFrame(frame);
    return true;
  }

  /** A new anonymous or backed area at a fixed place (the loader's PT_LOAD segments). */
  mapFixed(
    start: number,
    length: number,
    prot: VmaProt,
    opts: Partial<Pick<Vma, 'name' | 'shared' | 'offset' | 'dev' | 'inode' | 'growsDown' | 'backing' | 'may' | 'file' | 'locked'>> = {},
  ): Vma {
    const vma: Vma = {
      start,
      end: start + pageCeil(length),
      prot: { ...prot },
      may: opts.may ?? { read: true, write: true, exec: true },
      shared: opts.shared ?? false,
      offset: opts.offset ?? 0,
      dev: opts.dev ?? '00:00',
      inode: opts.inode ?? 0,
      name: opts.name ?? '',
      growsDown: opts.growsDown ?? false,
      backing: opts.backing ?? null,
      locked: opts.locked ?? 0,
      file: opts.file ?? null,
    };
    this.insertVma(vma);
    return vma;
  }

  /** The lowest address of a free gap of `length` bytes searching down from `below`
   *  (arch_get_unmapped_area_topdown), or -1. */
  /** vm_start_gap: a VM_GROWSDOWN area (the stack) keeps stack_guard_gap (256 pages) free
   *  below it; nothing else is placed there. */
  private startGap(v: Vma): number {
    return v.growsDown ? Math.max(0, v.start - STACK_GUARD_GAP) : v.start;
  }

  private findGapTopDown(length: number, below: number): number {
    let hi = below;
    for (let i = this.vmas.length - 1; i >= 0; i--) {
      const v = this.vmas[i]!;
      if (v.end <= hi && hi - v.end >= length) return hi - length;
      hi = Math.min(hi, this.startGap(v));
    }
    return hi - MIN_MMAP_ADDR >= length ? hi - length : -1;
  }

  /** Is [start, start+length) free, guard gaps included? */
  private fits(start: number, length: number): boolean {
    return !this.vmas.some((v) => this.startGap(v) < start + length && v.end > start);
  }

  /** get_unmapped_area for a non-fixed request: the hint — raised to mmap_min_addr
   *  (round_hint_to_min) and page-aligned per arch — when that range is free (guard gaps
   *  included), else top-down. A hint-less anonymous request whose length is a multiple of
   *  2 MiB is aligned to 2 MiB for transparent huge pages (mm/mmap.c __get_unmapped_area →
   *  thp_get_unmapped_area: search length + 2 MiB, then round up; measured: a 1 GiB mapping
   *  lands on a 2 MiB boundary). */
  private unmappedArea(hint: number, length: number, anonymous: boolean, compat: boolean): number {
    // A compat (i386) call allocates below 4 GiB, from mmap_compat_base, and never
    // THP-aligns (thp_get_unmapped_area refuses in_compat_syscall()).
    const inCompat = compat && this.compatMmapBase !== null;
    const limit = inCompat ? this.layout.compatTaskSize! : this.layout.taskSize;
    const top = inCompat ? this.compatMmapBase! : this.mmapBase;
    if (length > limit) return -errno.ENOMEM;
    if (hint) {
      const raised = Math.max(hint, MIN_MMAP_ADDR);
      const h = this.layout.hintRoundsDown ? pageFloor(raised) : pageCeil(raised);
      if (limit - length >= h && this.fits(h, length)) return h;
    }
    if (anonymous && !inCompat && !hint && length % PMD_SIZE === 0) {
      const padded = this.findGapTopDown(length + PMD_SIZE, top);
      if (padded >= 0) {
        const sub = (PMD_SIZE - (padded % PMD_SIZE)) % PMD_SIZE;
        // thp_get_unmapped_area: an already aligned top-down result moves up by one PMD.
        return sub === 0 ? padded + PMD_SIZE : padded + sub;
      }
    }
    const a = this.findGapTopDown(length, top);
    return a < 0 ? -errno.ENOMEM : a;
  }

  // ---- the syscalls (Linux semantics; return value or -errno) ----

  /** mmap(2) after fd lookup: `file` is null for MAP_ANONYMOUS. `pgoff` in pages. */
  mmap(
    addr: number,
    length: number,
    protBits: number,
    flags: number,
    file: MappableFile | null,
    offset: number,
    /** CAP_SYS_RAWIO (root): may map below mmap_min_addr, even at 0 (measured as root). */
    privileged = false,
    /** An i386 (compat) syscall: allocate below 4 GiB. */
    compat = false,
  ): number {
    // do_mmap (mm/mmap.c) in its order of checks.
    if (length === 0) return -errno.EINVAL;
    const len = pageCeil(length);
    if (len > this.layout.taskSize || length > Number.MAX_SAFE_INTEGER - PAGE_SIZE) return -errno.ENOMEM;
    const type = flags & MAP_TYPE;
    const prot = protFromBits(protBits);
    let shared = false;
    const may = { read: true, write: true, exec: true };
    if (file) {
      if (type === MAP_SHARED || type === MAP_SHARED_VALIDATE) {
        if (type === MAP_SHARED_VALIDATE && flags & ~LEGACY_MAP_MASK & ~MAP_SYNC) return -errno.EOPNOTSUPP;
        if (prot.write && !file.writable) return -errno.EACCES;
        if (!file.writable) may.write = false;
        if (file.writeSealed) {
          if (prot.write) return -errno.EPERM;
          may.write = false;
        }
        shared = true;
      } else if (type !== MAP_PRIVATE) return -errno.EINVAL;
      if (!file.readable) return -errno.EACCES;
    } else if (type === MAP_SHARED) {
      // Anonymous memory knows only MAP_SHARED and MAP_PRIVATE (do_mmap's switch): even
      // MAP_SHARED_VALIDATE is EINVAL here (measured).
      shared = true;
    } else if (type !== MAP_PRIVATE) return -errno.EINVAL;

    let start: number;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
      if (addr % PAGE_SIZE !== 0) return -errno.EINVAL;
      if (addr > this.layout.taskSize - len) return -errno.ENOMEM;
      if (addr < MIN_MMAP_ADDR && !privileged) return -errno.EPERM;
      if (flags & MAP_FIXED_NOREPLACE && !(flags & MAP_FIXED) && this.overlaps(addr, addr + len)) return -errno.EEXIST;
      if (flags & MAP_FIXED_NOREPLACE && flags & MAP_FIXED) {
        // MAP_FIXED wins when both are given only on kernels before 4.17; today NOREPLACE is checked.
        if (this.overlaps(addr, addr + len)) return -errno.EEXIST;
      }
      start = addr;
    } else {
      // Only private anonymous memory is THP-aligned: MAP_SHARED anonymous memory is shmem,
      // whose get_unmapped_area does not align (huge shmem is off by default; measured).
      start = this.unmappedArea(addr, len, file === null && !shared, compat);
      if (start < 0) return start;
    }

    // MAP_LOCKED / mlockall(MCL_FUTURE) (do_mmap): EPERM without a RLIMIT_MEMLOCK and
    // CAP_IPC_LOCK, EAGAIN when the locked total would pass the limit (mlock_future_ok).
    const lockFlags = (flags & MAP_LOCKED ? VM_LOCKED : 0) | this.defLocked;
    if (flags & MAP_LOCKED && !privileged && this.memlockLimit() === 0) return -errno.EPERM;
    if (lockFlags && !privileged && this.lockedBytes() + len > this.memlockLimit()) return -errno.EAGAIN;

    let backing: VmaBacking | null = null;
    if (file) backing = { base: start, bytes: file.read(offset, len) };
    this.mapFixed(start, len, prot, {
      shared,
      may,
      backing,
      offset: file ? offset : 0,
      dev: file?.dev ?? '00:00',
      inode: file?.inode ?? 0,
      name: file?.path ?? '',
      growsDown: (flags & MAP_GROWSDOWN) !== 0,
      file,
      locked: lockFlags,
    });
    if (flags & MAP_POPULATE || (lockFlags & (VM_LOCKED | VM_LOCKONFAULT)) === VM_LOCKED) this.populate(start, len);
    return start;
  }

  /** munmap(2): EINVAL for an unaligned address, a zero length or a range past TASK_SIZE;
   *  holes inside the range are fine (mm/mmap.c do_vmi_munmap). */
  munmap(addr: number, length: number): number {
    if (addr % PAGE_SIZE !== 0 || addr < 0) return -errno.EINVAL;
    const len = pageCeil(length);
    if (len === 0 || len > this.layout.taskSize || addr > this.layout.taskSize - len) return -errno.EINVAL;
    this.removeRange(addr, addr + len);
    return 0;
  }

  /** mprotect(2) (mm/mprotect.c do_mprotect_pkey): EINVAL for an unaligned start or unknown
   *  prot bits; ENOMEM when the range (or a part reached before a hole) is unmapped; EACCES when
   *  the mapping may not gain a permission (VM_MAY*). VMAs before a hole keep their change. */
  mprotect(addr: number, length: number, protBits: number): number {
    const grows = protBits & (PROT_GROWSDOWN | PROT_GROWSUP);
    const bits = protBits & ~grows;
    if (grows === (PROT_GROWSDOWN | PROT_GROWSUP)) return -errno.EINVAL;
    if (addr % PAGE_SIZE !== 0 || addr < 0) return -errno.EINVAL;
    if (length === 0) return 0;
    const len = pageCeil(length);
    const end = addr + len;
    if (end <= addr || end > this.layout.taskSize) return -errno.ENOMEM;
    if (bits & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM)) return -errno.EINVAL;
    const prot = protFromBits(bits);
    let at = addr;
    while (at < end) {
      const v = this.findVma(at);
      if (!v) return -errno.ENOMEM;
      if ((prot.read && !v.may.read) || (prot.write && !v.may.write) || (prot.exec && !v.may.exec)) return -errno.EACCES;
      const segEnd = Math.min(v.end, end);
      this.changeProt(v, at, segEnd, prot);
      at = segEnd;
    }
    return 0;
  }

  private changeProt(v: Vma, start: number, end: number, prot: VmaProt): void {
    // Split v into up to three pieces and give the middle one the new protection.
    const idx = this.vmas.indexOf(v);
    const pieces: Vma[] = [];
    if (v.start < start) pieces.push(cloneVma(v, v.start, start));
    const mid = cloneVma(v, start, end);
    mid.prot = { ...prot };
    pieces.push(mid);
    if (v.end > end) pieces.push(cloneVma(v, end, v.end));
    this.vmas.splice(idx, 1, ...pieces);
    this.mergeAround(mid);
    const perm = pagePerm(prot);
    for (let va = start; va < end; va += PAGE_SIZE) {
      const m = this.backend.translate(va);
      if (!m) continue;
      if (!perm) {
        // PROT_NONE: keep the frame (contents survive) but make the page not present… the
        // backend has no "not present but kept" state, so unmap and remember nothing: Linux
        // keeps the data. We keep it by leaving the mapping with no access instead.
        this.backend.protect(va, { read: false, write: false, exec: false, user: false });
      } else this.backend.protect(va, this.presentPerm(mid, m.frame));
    }
  }

  /** brk(2) (mm/mmap.c SYSCALL_DEFINE1(brk)): returns the new break, or the current one when
   *  the request is refused (below start_brk, over RLIMIT_DATA, or colliding with a mapping
   *  within one guard page). */
  setBrk(requested: number): number {
    if (requested < this.startBrk || requested > this.layout.taskSize) return this.brk;
    const newEnd = pageCeil(requested);
    const oldEnd = pageCeil(this.brk);
    if (newEnd === oldEnd) {
      this.brk = requested;
      return this.brk;
    }
    if (requested <= this.brk) {
      this.removeRange(newEnd, oldEnd);
      this.brk = requested;
      return this.brk;
    }
    if (requested - this.startBrk > this.dataLimit()) return this.brk;
    // find_vma_intersection(mm, oldbrk, newbrk + PAGE_SIZE): keep a guard page free.
    if (this.vmas.some((v) => v.start < newEnd + PAGE_SIZE && v.end > oldEnd && v.name !== '[heap]')) return this.brk;
    this.mapFixed(oldEnd, newEnd - oldEnd, { read: true, write: true, exec: false }, { name: '[heap]' });
    this.brk = requested;
    return this.brk;
  }

  // ---- mremap, mlock, mincore, msync (mm/mremap.c, mm/mlock.c, mm/mincore.c, mm/msync.c) ----

  /** Sum of the sizes of the locked areas (mm->locked_vm, in bytes). */
  lockedBytes(): number {
    let n = 0;
    for (const v of this.vmas) if (v.locked) n += v.end - v.start;
    return n;
  }

  /** Bytes of [start, end) that lie in locked areas (count_mm_mlocked_page_nr). */
  private lockedBytesIn(start: number, end: number): number {
    let n = 0;
    for (const v of this.vmas) if (v.locked && v.start < end && v.end > start) n += Math.min(v.end, end) - Math.max(v.start, start);
    return n;
  }

  /** Sum of all areas' sizes (mm->total_vm, in bytes). */
  totalBytes(): number {
    let n = 0;
    for (const v of this.vmas) n += v.end - v.start;
    return n;
  }

  /** Splits `v` so that [start, end) (inside it) is one VMA, applies `change` to that piece,
   *  and merges it with equal neighbours again (the split/merge of mprotect and mlock_fixup). */
  private changeRange(v: Vma, start: number, end: number, change: (piece: Vma) => void): Vma {
    const idx = this.vmas.indexOf(v);
    const pieces: Vma[] = [];
    if (v.start < start) pieces.push(cloneVma(v, v.start, start));
    const mid = cloneVma(v, start, end);
    change(mid);
    pieces.push(mid);
    if (v.end > end) pieces.push(cloneVma(v, end, v.end));
    this.vmas.splice(idx, 1, ...pieces);
    this.mergeAround(mid);
    return mid;
  }

  /** VM_SPECIAL areas (the vDSO, vvar and vsyscall pages: VM_DONTEXPAND/VM_PFNMAP): mlock skips
   *  them, mremap refuses to grow (EFAULT) or DONTUNMAP them (EINVAL). */
  private isSpecial(v: Vma): boolean {
    return v.name === '[vdso]' || v.name === '[vvar]' || v.name === '[vvar_vclock]' || v.name === '[vsyscall]';
  }

  /** apply_vma_lock_flags: sets (or clears, lockFlags 0) the lock bits of every area in
   *  [start, start+len); ENOMEM at the first hole (areas before it keep the change). */
  private applyLock(start: number, len: number, lockFlags: number): number {
    const end = start + len;
    if (end === start) return 0;
    let v = this.findVma(start);
    if (!v) return -errno.ENOMEM;
    let at = start;
    for (;;) {
      const segEnd = Math.min(v.end, end);
      if (!this.isSpecial(v) && (v.locked ?? 0) !== lockFlags) {
        const piece = this.changeRange(v, at, segEnd, (p) => (p.locked = lockFlags));
        v = this.findVma(piece.start)!;
      }
      at = segEnd;
      if (at >= end) return 0;
      const next = this.findVma(at);
      if (!next) return -errno.ENOMEM;
      v = next;
    }
  }

  /** mlock(2)/mlock2(2) after the flag check (do_mlock): `start`/`length` as the caller gave
   *  them. EPERM without a memlock limit or privilege (can_do_mlock), ENOMEM past the limit or
   *  for unmapped parts; locked (not on-fault) pages are faulted in. */
  mlock(start: number, length: number, onFault: boolean, privileged: boolean): number {
    const limit = this.memlockLimit();
    if (!privileged && limit === 0) return -errno.EPERM;
    const len = pageCeil(length + (start % PAGE_SIZE));
    start = pageFloor(start);
    if (start + len > Number.MAX_SAFE_INTEGER) return -errno.ENOMEM;
    let locked = len + this.lockedBytes();
    if (locked > limit && !privileged) locked -= this.lockedBytesIn(start, start + len);
    if (locked > limit && !privileged) return -errno.ENOMEM;
    const err = this.applyLock(start, len, VM_LOCKED | (onFault ? VM_LOCKONFAULT : 0));
    if (err) return err;
    if (!onFault && !this.populate(start, len)) return -errno.EAGAIN; // __mlock_posix_error_return
    return 0;
  }

  /** munlock(2): clears the lock bits; ENOMEM for unmapped parts. */
  munlock(start: number, length: number): number {
    const len = pageCeil(length + (start % PAGE_SIZE));
    start = pageFloor(start);
    if (start + len > Number.MAX_SAFE_INTEGER) return -errno.ENOMEM;
    return this.applyLock(start, len, 0);
  }

  /** mlockall(2) with valid flags (MCL_CURRENT 1, MCL_FUTURE 2, MCL_ONFAULT 4). */
  mlockall(flags: number, privileged: boolean): number {
    const limit = this.memlockLimit();
    if (!privileged && limit === 0) return -errno.EPERM;
    if (flags & 1 && !privileged && this.totalBytes() > limit) return -errno.ENOMEM;
    const lock = VM_LOCKED | (flags & 4 ? VM_LOCKONFAULT : 0);
    this.defLocked = flags & 2 ? lock : 0;
    if (!(flags & 1)) return 0;
    for (const v of [...this.vmas]) {
      const cur = this.findVma(v.start);
      if (cur && !this.isSpecial(cur) && (cur.locked ?? 0) !== lock) this.changeRange(cur, cur.start, cur.end, (p) => (p.locked = lock));
    }
    if (!(flags & 4)) for (const v of [...this.vmas]) if (!this.isSpecial(v) && (v.prot.read || v.prot.write || v.prot.exec)) this.populate(v.start, v.end - v.start);
    return 0;
  }

  /** munlockall(2): no area locked, no lock for future ones. */
  munlockall(): number {
    this.defLocked = 0;
    for (const v of [...this.vmas]) {
      const cur = this.findVma(v.start);
      if (cur && cur.locked) this.changeRange(cur, cur.start, cur.end, (p) => (p.locked = 0));
    }
    return 0;
  }

  /**
   * mincore(2) after the argument checks: residency of the pages of [start, start+pages*4K),
   * one byte each (bit 0). A present page is resident; an absent page of a file mapping is
   * resident when the file has a byte there (its page cache — tmpfs and the host files keep
   * everything cached), of anonymous memory not. ENOMEM when the range meets a hole: the bytes
   * for the areas before it are returned along with the error (the caller copies them out
   * area by area, as do_mincore does).
   */
  mincore(start: number, pages: number): { vec: Uint8Array; error: number } {
    const vec = new Uint8Array(pages);
    for (let i = 0; i < pages; i++) {
      const va = start + i * PAGE_SIZE;
      const v = this.findVma(va);
      if (!v) return { vec: vec.subarray(0, i), error: -errno.ENOMEM };
      const m = this.backend.translate(va);
      if (m) vec[i] = 1;
      else if (v.backing && v.inode !== 0) vec[i] = va - v.backing.base < v.backing.bytes.length ? 1 : 0;
    }
    return { vec, error: 0 };
  }

  /** msync(2) (mm/msync.c): EINVAL for unknown flags, an unaligned start or MS_ASYNC with
   *  MS_SYNC; ENOMEM when the range meets unmapped memory (MS_SYNC alone stops there, the others
   *  go on and report it at the end); EBUSY for MS_INVALIDATE on a locked area. Shared file
   *  mappings have nothing to write back here (their pages are this kernel's only copy). */
  msync(start: number, length: number, flags: number): number {
    const MS_ASYNC = 1;
    const MS_INVALIDATE = 2;
    const MS_SYNC = 4;
    if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) return -errno.EINVAL;
    if (start % PAGE_SIZE !== 0) return -errno.EINVAL;
    if (flags & MS_ASYNC && flags & MS_SYNC) return -errno.EINVAL;
    const len = pageCeil(length);
    const end = start + len;
    if (end > Number.MAX_SAFE_INTEGER) return -errno.ENOMEM;
    if (end === start) return 0;
    let unmapped = 0;
    let at = start;
    for (;;) {
      const v = this.vmas.find((x) => x.end > at);
      if (!v) return -errno.ENOMEM;
      if (at < v.start) {
        if (flags === MS_SYNC) return -errno.ENOMEM;
        at = v.start;
        if (at >= end) return -errno.ENOMEM;
        unmapped = -errno.ENOMEM;
      }
      if (flags & MS_INVALIDATE && v.locked) return -errno.EBUSY;
      at = v.end;
      if (at >= end) return unmapped;
    }
  }

  /**
   * mremap(2) (mm/mremap.c do_mremap), in Linux's order of checks. `newAddr` is ignored unless
   * MREMAP_FIXED or MREMAP_DONTUNMAP is set. Growing keeps the area in place when the pages
   * after it are free, else moves it (MREMAP_MAYMOVE) to a new place chosen as mmap would;
   * a move takes the page-table entries along (the frames, shared copy-on-write ones included,
   * are not copied). MREMAP_DONTUNMAP leaves the old area mapped but empty: private anonymous
   * pages read zeros again, file pages refill from the file; shared pages stay shared.
   */
  mremap(addr: number, oldLength: number, newLength: number, flags: number, newAddr: number, privileged: boolean, compat: boolean): number {
    const MAYMOVE = 1;
    const FIXED = 2;
    const DONTUNMAP = 4;
    // check_mremap_params
    if (flags & ~(MAYMOVE | FIXED | DONTUNMAP)) return -errno.EINVAL;
    if (addr % PAGE_SIZE !== 0) return -errno.EINVAL;
    const newLen = pageCeil(newLength);
    if (newLen === 0 || newLength > Number.MAX_SAFE_INTEGER - PAGE_SIZE) return -errno.EINVAL;
    // A new size past TASK_SIZE is EINVAL whether or not it may move (measured on 6.18: 2^47
    // and 2^62 → EINVAL, TASK_SIZE itself → ENOMEM).
    const limit = compat && this.layout.compatTaskSize ? this.layout.compatTaskSize : this.layout.taskSize;
    if (newLen > limit) return -errno.EINVAL;
    const impliesNew = (flags & (FIXED | DONTUNMAP)) !== 0;
    if (impliesNew) {
      if (newAddr % PAGE_SIZE !== 0) return -errno.EINVAL;
      if (!(flags & MAYMOVE)) return -errno.EINVAL;
      if (flags & DONTUNMAP && oldLength !== newLength) return -errno.EINVAL;
    }
    let oldLen = pageCeil(Math.min(oldLength, Number.MAX_SAFE_INTEGER - PAGE_SIZE));
    let v = this.findVma(addr);
    if (!v) return -errno.EFAULT;
    const anonymous = v.inode === 0 && !v.shared;

    if (impliesNew) {
      // mremap_to
      if (newLen > this.layout.taskSize || newAddr > this.layout.taskSize - newLen) return -errno.EINVAL;
      if (addr + oldLen > newAddr && newAddr + newLen > addr) return -errno.EINVAL;
      if (flags & FIXED) {
        const r = this.munmap(newAddr, newLen);
        if (r) return r;
        v = this.findVma(addr);
        if (!v) return -errno.EFAULT;
      }
      if (oldLen > newLen) {
        const r = this.munmap(addr + newLen, oldLen - newLen);
        if (r) return r;
        v = this.findVma(addr);
        if (!v) return -errno.EFAULT;
        oldLen = newLen;
      }
      const bad = this.remapIsValid(v, addr, oldLen, newLen, flags, privileged);
      if (bad) return bad;
      let dest = newAddr;
      if (!(flags & FIXED)) {
        dest = this.unmappedArea(newAddr, newLen, anonymous, compat);
        if (dest < 0) return dest;
      }
      return this.moveArea(v, addr, oldLen, dest, newLen, (flags & DONTUNMAP) !== 0);
    }

    // mremap_at
    if (oldLen === newLen) return addr;
    if (oldLen > newLen) {
      const r = this.munmap(addr + newLen, oldLen - newLen);
      return r ? r : addr;
    }
    const bad = this.remapIsValid(v, addr, oldLen, newLen, flags, privileged);
    if (bad) return bad;
    const delta = newLen - oldLen;
    if (v.end - addr === oldLen && v.end + delta <= this.layout.taskSize && !this.overlaps(v.end, v.end + delta)) {
      const oldEnd = v.end;
      v.end += delta;
      this.extendBacking(v, oldEnd);
      this.mergeAround(v);
      if (v.locked && !(v.locked & VM_LOCKONFAULT)) this.populate(oldEnd, delta);
      return addr;
    }
    if (!(flags & MAYMOVE)) return -errno.ENOMEM;
    const dest = this.unmappedArea(0, newLen, anonymous, compat);
    if (dest < 0) return dest;
    return this.moveArea(v, addr, oldLen, dest, newLen, false);
  }

  /** remap_is_valid: EINVAL for duplicating a private area (old_len 0) or DONTUNMAP of a
   *  special one, EFAULT for a range past the area's end or growing a special area, EAGAIN
   *  when growing a locked area would pass RLIMIT_MEMLOCK. */
  private remapIsValid(v: Vma, addr: number, oldLen: number, newLen: number, flags: number, privileged: boolean): number {
    if (oldLen === 0 && !v.shared) return -errno.EINVAL;
    if (flags & 4 && this.isSpecial(v)) return -errno.EINVAL;
    if (oldLen > v.end - addr) return -errno.EFAULT;
    if (newLen === oldLen) return 0;
    if (this.isSpecial(v)) return -errno.EFAULT;
    if (v.locked && !privileged && this.lockedBytes() + (newLen - oldLen) > this.memlockLimit()) return -errno.EAGAIN;
    return 0;
  }

  /** A file area that grew past `oldEnd` gets the file's bytes for the new pages. */
  private extendBacking(v: Vma, oldEnd: number): void {
    if (!v.file || !v.backing || v.end <= oldEnd) return;
    const keep = Math.max(0, Math.min(v.backing.bytes.length, oldEnd - v.backing.base));
    const fileAt = v.offset + (oldEnd - v.start);
    const more = v.file.read(fileAt, v.end - oldEnd);
    // Bytes past the old end of file stay absent (zeros), as the old backing was short there.
    const bytes = new Uint8Array(oldEnd - v.backing.base + more.length);
    bytes.set(v.backing.bytes.subarray(0, keep));
    bytes.set(more, oldEnd - v.backing.base);
    v.backing = { base: v.backing.base, bytes };
  }

  /** move_vma: a new area at `dest` of `newLen` bytes describing what [addr, addr+oldLen) of
   *  `v` mapped, the page-table entries moved over, the old range unmapped (or, with
   *  DONTUNMAP, kept empty and unlocked). Returns `dest`. */
  private moveArea(v: Vma, addr: number, oldLen: number, dest: number, newLen: number, dontUnmap: boolean): number {
    const moved = cloneVma(v, addr, addr + oldLen);
    moved.start = dest;
    moved.end = dest + newLen;
    if (v.backing) moved.backing = { base: v.backing.base + (dest - addr), bytes: v.backing.bytes };
    this.removeRange(dest, dest + newLen);
    const i = this.vmas.findIndex((x) => x.start > dest);
    if (i < 0) this.vmas.push(moved);
    else this.vmas.splice(i, 0, moved);
    this.extendBacking(moved, dest + oldLen);
    const shareInstead = (dontUnmap || oldLen === 0) && v.shared && this.frameRefs !== null;
    // old_size 0 on a shared area: a second view of its first new_size bytes (the "duplicate
    // shm area" case): both map the same frames, faulted in now so they start out shared.
    const span = oldLen === 0 ? Math.min(newLen, v.end - addr) : oldLen;
    if (oldLen === 0) this.populate(addr, span);
    for (let off = 0; off < span; off += PAGE_SIZE) {
      const m = this.backend.translate(addr + off);
      if (!m) continue;
      if (shareInstead) this.frameRefs!.share(m.frame);
      else this.backend.unmap(addr + off);
      if (!this.backend.map(dest + off, m.frame, m.perm)) {
        // No page-table page for the destination: the frame goes back where it was.
        if (shareInstead) this.frameRefs!.release(m.frame);
        else this.backend.map(addr + off, m.frame, m.perm);
      }
    }
    this.mergeAround(moved);
    if (dontUnmap) {
      const old = this.findVma(addr);
      if (old && old.locked) this.changeRange(old, addr, Math.min(old.end, addr + oldLen), (p) => (p.locked = 0));
    } else this.removeRange(addr, addr + oldLen);
    const now = this.findVma(dest);
    if (now && now.locked && !(now.locked & VM_LOCKONFAULT) && newLen > oldLen) this.populate(dest + oldLen, newLen - oldLen);
    return dest;
  }

  // ---- faults and eager mapping ----

  /** A user-mode page fault (or a kernel copy touching user memory). 'retry' when the page is
   *  now mapped; otherwise the signal Linux raises: SIGSEGV SEGV_MAPERR outside any VMA,
   *  SEGV_ACCERR when the VMA forbids the access; SIGKILL when memory is exhausted (Linux's OOM
   *  killer). */
  handlePageFault(va: number, access: FaultAccess): 'retry' | SigInfo {
    if (this.released) return segvMapErr(BigInt(Math.max(0, Math.trunc(va))));
    if (!Number.isFinite(va) || va < 0 || va >= this.layout.taskSize) return segvMapErr(BigInt(Math.max(0, Math.trunc(va))));
    let v = this.findVma(va);
    if (!v) v = this.growStack(va);
    if (!v) return segvMapErr(BigInt(va));
    if (
      (access === 'write' && !v.prot.write) ||
      (access === 'exec' && !v.prot.exec) ||
      (access === 'read' && !v.prot.read && !v.prot.write && !v.prot.exec)
    )
      return segvAccErr(BigInt(va));
    const page = pageFloor(va);
    const present = this.backend.translate(page);
    if (present) {
      // A write to a page shared copy-on-write since fork: the writer gets its own copy.
      if (access === 'write' && this.isCopyOnWrite(v, present.frame)) {
        return this.breakCopyOnWrite(v, page, present.frame) ? 'retry' : { signo: Sig.SIGKILL, code: 0x80 };
      }
      // Already present (a PROT_NONE page made accessible again, or a copy-on-write page whose
      // other mappings are gone): refresh permissions.
      this.backend.protect(page, this.presentPerm(v, present.frame));
      return 'retry';
    }
    return this.faultIn(v, page) ? 'retry' : { signo: Sig.SIGKILL, code: 0x80 };
  }

  private faultIn(v: Vma, page: number): boolean {
    const frame = this.backend.allocFrame();
    if (frame === null) return false;
    if (v.backing) {
      const off = page - v.backing.base;
      if (off < v.backing.bytes.length && off + PAGE_SIZE > 0) {
        const from = Math.max(0, off);
        const to = Math.min(v.backing.bytes.length, off + PAGE_SIZE);
        if (to > from) this.backend.writeFrame(frame, from - off, v.backing.bytes.subarray(from, to));
      }
    }
    const perm = pagePerm(v.prot) ?? { read: false, write: false, exec: false, user: false };
    if (!this.backend.map(page, frame, perm)) {
      this.backend.freeFrame(frame);
      return false;
    }
    return true;
  }

  /** Stack growth (mm/mmap.c expand_downwards): a fault below a VM_GROWSDOWN VMA extends it
   *  when the new size stays within RLIMIT_STACK and a guard gap remains above the VMA below. */
  private growStack(va: number): Vma | undefined {
    const above = this.vmas.find((v) => v.start > va);
    if (!above || !above.growsDown) return undefined;
    const newStart = pageFloor(va);
    if (above.end - newStart > this.stackLimit()) return undefined;
    const belowIdx = this.vmas.indexOf(above) - 1;
    const below = this.vmas[belowIdx];
    if (below && below.end + STACK_GUARD_GAP > newStart) return undefined;
    above.start = newStart;
    return above;
  }

  /** Maps every page of [start, start+length) now (MAP_POPULATE, the loader). False when memory
   *  ran out. */
  populate(start: number, length: number): boolean {
    if (this.released) return false;
    for (let va = pageFloor(start); va < start + length; va += PAGE_SIZE) {
      if (this.backend.translate(va)) continue;
      const v = this.findVma(va);
      if (!v) continue;
      if (!this.faultIn(v, va)) return false;
    }
    return true;
  }

  /** Kernel-privileged write into the process's memory (execve building the stack, the loader
   *  filling segments): faults pages in and ignores page permissions. False outside any VMA or
   *  when memory ran out. */
  writeKernel(addr: number, data: Uint8Array): boolean {
    if (this.released) return false;
    let done = 0;
    while (done < data.length) {
      const va = addr + done;
      const page = pageFloor(va);
      let m = this.backend.translate(page);
      if (!m) {
        const v = this.findVma(va);
        if (!v || !this.faultIn(v, page)) return false;
        m = this.backend.translate(page)!;
      } else if (this.frameRefs?.isShared(m.frame)) {
        const v = this.findVma(va);
        if (v && this.isCopyOnWrite(v, m.frame)) {
          if (!this.breakCopyOnWrite(v, page, m.frame)) return false;
          m = this.backend.translate(page)!;
        }
      }
      const n = Math.min(PAGE_SIZE - (va - page), data.length - done);
      this.backend.writeFrame(m.frame, va - page, data.subarray(done, done + n));
      done += n;
    }
    return true;
  }

  /** Run after `copyInto` made `child` from this address space (fork): whoever keeps a page
   *  of every address space up to date — the vvar timekeeper — attaches the child's copy. */
  readonly forkHooks: ((child: MemoryMap) => void)[] = [];

  /**
   * fork(2) without CLONE_VM (kernel/fork.c dup_mmap): `child` — an empty address space of the
   * same layout — gets every VMA, the program break, and every page that is present now.
   * When both draw frames from one physical memory, the pages are shared: private ones
   * read-only on both sides until the first write copies them (copy-on-write; the parent's
   * page-table entries lose the write bit here, and the page-table editor invalidates those
   * TLB entries), MAP_SHARED ones writable and shared for good. Otherwise (a SoftAddressSpace)
   * each present page is copied now. Pages not yet touched stay unmapped in both and fault in
   * later from the same backing bytes, which never change. Returns false when memory ran out;
   * the caller releases `child` (fork → ENOMEM).
   */
  copyInto(child: MemoryMap): boolean {
    if (this.released || child.released) return false;
    child.clear();
    // mlock is not inherited (dup_mmap clears VM_LOCKED; mm_init keeps no lock def_flags).
    child.vmas = this.vmas.map((v) => ({ ...cloneVma(v, v.start, v.end), locked: 0 }));
    child.defLocked = 0;
    child.startBrk = this.startBrk;
    child.brk = this.brk;
    const refs = this.frameRefs !== null && this.frameRefs === child.frameRefs ? this.frameRefs : null;
    for (const v of this.vmas) {
      for (let va = v.start; va < v.end; va += PAGE_SIZE) {
        const m = this.backend.translate(va);
        if (!m) continue;
        if (refs) {
          const perm = v.shared ? m.perm : { ...m.perm, write: false };
          refs.share(m.frame);
          if (!child.backend.map(va, m.frame, perm)) {
            refs.release(m.frame);
            return false;
          }
          if (m.perm.write && !perm.write) this.backend.protect(va, perm);
          continue;
        }
        const frame = child.backend.allocFrame();
        if (frame === null) return false;
        child.backend.writeFrame(frame, 0, this.backend.readFrame(m.frame, 0, PAGE_SIZE));
        if (!child.backend.map(va, frame, m.perm)) {
          child.backend.freeFrame(frame);
          return false;
        }
      }
    }
    for (const hook of this.forkHooks) hook(child);
    return true;
  }

  /** Tears everything down (exit, execve). */
  clear(): void {
    if (this.released) return;
    for (const v of this.vmas) this.freePages(v.start, v.end);
    this.vmas = [];
  }

  /** True once `release` ran: the address space is gone and every access fails. */
  released = false;

  /** The process is gone: frees every frame and the page tables (backend.destroy). */
  release(): void {
    if (this.released) return;
    this.clear();
    this.released = true;
    this.backend.destroy?.();
  }
}

/** Page-table permissions for a VMA protection; null for PROT_NONE. On x86-64 and arm64 a
 *  present user page is always readable (x86 has no write-only/exec-only pages without PKU),
 *  so any access right implies read at the page level; the VMA check above is exact. */
export function pagePerm(prot: VmaProt): PagePermissions | null {
  if (!prot.read && !prot.write && !prot.exec) return null;
  return { read: true, write: prot.write, exec: prot.exec, user: true };
}
