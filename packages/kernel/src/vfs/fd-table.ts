// The per-process file descriptor table (struct files_struct, fs/file.c): small integers naming
// open file descriptions, each with its own close-on-exec bit. New descriptors take the lowest
// free number (POSIX, open(2)); numbers at or above RLIMIT_NOFILE cannot be allocated (EMFILE)
// and dup2/dup3/F_DUPFD to them fail (EBADF / EINVAL, dup(2), fcntl(2)).

import { EBADF, EMFILE } from './errno.js';
import type { OpenFile } from './file.js';

interface Slot {
  file: OpenFile;
  cloexec: boolean;
}

/** Linux's fs.nr_open default: no descriptor can reach this, whatever the rlimit says. */
export const NR_OPEN = 1024 * 1024;

export class FdTable {
  private slots: (Slot | undefined)[] = [];
  /** Called for every descriptor this table closes (close, dup2 over it, exec, exit): the
   *  owner's POSIX locks on that file go away (fcntl(2)). */
  onClose: ((file: OpenFile) => void) | null = null;

  /** `limit` reads the owner's RLIMIT_NOFILE soft limit each time (setrlimit may change it). */
  constructor(private readonly limit: () => number = () => 1024) {}

  /** The current descriptor limit. */
  get max(): number {
    return Math.min(this.limit(), NR_OPEN);
  }

  get(fd: number): OpenFile | undefined {
    if (!Number.isInteger(fd) || fd < 0) return undefined;
    return this.slots[fd]?.file;
  }

  getCloexec(fd: number): boolean {
    return this.slots[fd]?.cloexec ?? false;
  }

  setCloexec(fd: number, on: boolean): number {
    const slot = this.slots[fd];
    if (!slot) return -EBADF;
    slot.cloexec = on;
    return 0;
  }

  /** The lowest free descriptor ≥ `minFd`, or -EMFILE (get_unused_fd_flags, without taking it). */
  lowestFree(minFd = 0): number {
    const max = this.max;
    let fd = Math.max(0, minFd);
    while (fd < max && this.slots[fd]) fd++;
    return fd >= max ? -EMFILE : fd;
  }

  /** Installs `file` at the lowest free descriptor ≥ `minFd`; takes a reference on success. */
  alloc(file: OpenFile, cloexec = false, minFd = 0): number {
    const max = this.max;
    let fd = Math.max(0, minFd);
    while (fd < max && this.slots[fd]) fd++;
    if (fd >= max) return -EMFILE;
    this.slots[fd] = { file: file.get(), cloexec };
    return fd;
  }

  /** Puts `file` at exactly `fd` (dup2/dup3), closing what was there. The caller checked `fd`
   *  against the limit. */
  installAt(fd: number, file: OpenFile, cloexec: boolean): void {
    const old = this.slots[fd];
    this.slots[fd] = { file: file.get(), cloexec };
    if (old) this.dropped(old.file);
  }

  close(fd: number): number {
    const slot = Number.isInteger(fd) && fd >= 0 ? this.slots[fd] : undefined;
    if (!slot) return -EBADF;
    this.slots[fd] = undefined;
    this.dropped(slot.file);
    return 0;
  }

  private dropped(file: OpenFile): void {
    this.onClose?.(file);
    file.put();
  }

  /** fork(2): a new table whose descriptors share the same open file descriptions. */
  clone(limit: () => number = this.limit): FdTable {
    const copy = new FdTable(limit);
    copy.slots = this.slots.map((slot) => (slot ? { file: slot.file.get(), cloexec: slot.cloexec } : undefined));
    return copy;
  }

  /** execve(2): closes every close-on-exec descriptor. */
  closeOnExec(): void {
    this.slots.forEach((slot, fd) => {
      if (slot?.cloexec) this.close(fd);
    });
  }

  /** exit: closes everything. */
  closeAll(): void {
    this.slots.forEach((slot, fd) => {
      if (slot) this.close(fd);
    });
  }

  /** Open descriptors in ascending order (for /proc/PID/fd). */
  openFds(): number[] {
    const fds: number[] = [];
    this.slots.forEach((slot, fd) => {
      if (slot) fds.push(fd);
    });
    return fds;
  }
}
