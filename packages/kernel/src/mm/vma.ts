// A virtual memory area (struct vm_area_struct): a page-aligned [start, end) range with one set
// of permissions, what it maps, and how /proc/PID/maps names it. `may*` are VM_MAYREAD/
// MAYWRITE/MAYEXEC: mprotect may only add a permission the mapping allows (the [vvar] page has
// no VM_MAYWRITE, so mprotect(PROT_WRITE) there is EACCES — gVisor vdso.cc, facts §5.3).

export interface VmaProt {
  read: boolean;
  write: boolean;
  exec: boolean;
}

/** What fills a page on first touch: zeros, or bytes copied out of a file at map time. */
export interface VmaBacking {
  /** Contents for [vma.start - backingStartDelta …): byte i belongs at address `base + i`. */
  base: number;
  bytes: Uint8Array;
}

export interface Vma {
  start: number;
  end: number;
  prot: VmaProt;
  may: VmaProt;
  shared: boolean;
  /** File offset of `start` (maps column 3), device "MM:mm" and inode (0 for anonymous). */
  offset: number;
  dev: string;
  inode: number;
  /** Name shown in /proc/PID/maps: a path, "[heap]", "[stack]", "[vdso]", "[vvar]" or "". */
  name: string;
  /** VM_GROWSDOWN: the main stack grows into the gap below it on a fault. */
  growsDown: boolean;
  backing: VmaBacking | null;
  /** VM_LOCKED / VM_LOCKONFAULT (mlock(2), mlock2(2), mlockall(2)): 0 when not locked. */
  locked?: number;
  /** The file a file mapping was made from (mremap reads the pages a grown mapping gains). */
  file?: VmaFile | null;
}

/** VM_LOCKED: the pages stay resident (mlock); VM_LOCKONFAULT: locked as they fault in. */
export const VM_LOCKED = 1;
export const VM_LOCKONFAULT = 2;

/** What a file VMA keeps of its file: its bytes at an offset (MappableFile's reader). */
export interface VmaFile {
  read(offset: number, length: number): Uint8Array;
}

export function cloneVma(v: Vma, start: number, end: number): Vma {
  return { ...v, start, end, offset: v.offset + (start - v.start), prot: { ...v.prot }, may: { ...v.may } };
}

export function sameVmaKind(a: Vma, b: Vma): boolean {
  return (
    a.end === b.start &&
    a.prot.read === b.prot.read &&
    a.prot.write === b.prot.write &&
    a.prot.exec === b.prot.exec &&
    a.may.read === b.may.read &&
    a.may.write === b.may.write &&
    a.may.exec === b.may.exec &&
    a.shared === b.shared &&
    a.name === b.name &&
    a.dev === b.dev &&
    a.inode === b.inode &&
    a.growsDown === b.growsDown &&
    a.backing === b.backing &&
    (a.locked ?? 0) === (b.locked ?? 0) &&
    (a.inode === 0 || a.offset + (a.end - a.start) === b.offset)
  );
}
