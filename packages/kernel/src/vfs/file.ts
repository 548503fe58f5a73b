// Open file descriptions (struct file): what open(2) creates and dup(2)/fork share. It holds the
// access mode and status flags, the offset, and the operations of whatever the inode is — a
// tmpfs file, a device driver, a pipe end, a host file. The file syscalls talk only to
// `FileOps`, so one write() reaches a file, a pipe or the console the same way.

import type { Blocked, UserMemory, WaitQueue } from '../syscalls/types.js';
import type { Path } from './dentry.js';
import type { Inode, InodeAttrs } from './inode.js';
import { EFAULT, type Err } from './errno.js';
import { O_ACCMODE, O_RDONLY, O_WRONLY, O_RDWR, O_PATH } from './constants.js';

/** Receives the bytes a read produced and stores them in the caller's buffer; returns how many
 *  were stored — fewer when the buffer runs into memory the caller cannot write. A file then
 *  reports the short count (0 stored → EFAULT) and moves only that far; a pipe fails the read
 *  with EFAULT and keeps its bytes (copy_to_user as fs/read_write.c and fs/pipe.c use it). */
export type ReadSink = (data: Uint8Array) => number;

/** A read's result from what its sink stored: the count, or EFAULT when nothing was. */
export function storedOrFault(stored: number): number {
  return stored > 0 ? stored : -EFAULT;
}

/** What a driver may need from the calling thread. */
export interface IoCaller {
  /** Guest memory of the caller (ioctl arguments). */
  readonly mem: UserMemory;
  /** Sends a signal to the calling thread (SIGPIPE after EPIPE, write(2)). */
  signal(signo: number): void;
  /** True for pread/pwrite-style calls: `pos` is explicit and the file offset does not move. */
  positional?: boolean;
  /** State a blocking call keeps across its re-runs (the thread's restartState; cleared by the
   *  kernel when the call completes). Absent → no resumable state. */
  restart?: { get(): unknown; set(value: unknown): void };
  /** (Added for signalfd, additive.) The calling thread, for files whose reads depend on who
   *  reads (signalfd dequeues the reader's pending signals). */
  readonly thread?: import('../process/process.js').Thread;
}

export interface FileOps {
  /** Reads up to `len` bytes at `pos` (ignored by streams) and hands them to `sink`. Returns the
   *  byte count, -errno, or Blocked when a blocking read must wait. */
  read?(file: OpenFile, len: number, pos: number, sink: ReadSink, caller: IoCaller): number | Blocked;
  /** Writes `data` at `pos` (ignored by streams). Returns the count, -errno or Blocked. */
  write?(file: OpenFile, data: Uint8Array, pos: number, caller: IoCaller): number | Blocked;
  /** True for files with a position (regular files, directories, /dev/null); streams (pipes,
   *  terminals) answer lseek/pread/pwrite with ESPIPE. */
  readonly seekable: boolean;
  /** True when writes never look at the data (/dev/null): the buffer is not read, so a bad
   *  pointer is not EFAULT. */
  readonly discardsWrites?: boolean;
  /** Pipes copy a write in page-sized pieces and drop a piece that faults part-way
   *  (pipe_write): a buffer that runs into unmapped memory writes only whole pages of it, and
   *  EFAULT when that is none. Files keep every byte before the fault. */
  readonly wholePagesOnFault?: boolean;
  /** lseek(2) override (character devices); absent → the generic rules for `seekable` files. */
  llseek?(file: OpenFile, offset: number, whence: number): number;
  /** fstat through the open file (hostfs asks the host fd); absent → the inode's getattr. */
  getattr?(file: OpenFile): InodeAttrs | Err;
  /** Current size for O_APPEND, SEEK_END and FIONREAD; absent → the inode's size. */
  size?(file: OpenFile): number;
  /** ftruncate(2) through the open file; absent → the inode's setattr. */
  truncate?(file: OpenFile, size: number): number;
  /** Readiness for poll/select: POLL* bits that hold now, and the wait queues that are woken
   *  when they may change. Absent → always readable and writable (DEFAULT_POLLMASK), as for
   *  regular files. */
  poll?(file: OpenFile): PollState;
  /** ioctl(2); absent → ENOTTY. */
  ioctl?(file: OpenFile, cmd: number, arg: number, caller: IoCaller): number;
  /** Called when the last descriptor of the description closes. */
  release?(file: OpenFile): void;
  /** fsync/fdatasync; absent → 0 for files (nothing to flush), EINVAL for streams. */
  fsync?(file: OpenFile): number;
}

/** poll(2) event bits (include/uapi/asm-generic/poll.h). */
export const POLLIN = 0x1;
export const POLLPRI = 0x2;
export const POLLOUT = 0x4;
export const POLLERR = 0x8;
export const POLLHUP = 0x10;
export const POLLNVAL = 0x20;
export const POLLRDNORM = 0x40;
export const POLLWRNORM = 0x100;
/** What files without a poll method report (include/linux/poll.h DEFAULT_POLLMASK). */
export const DEFAULT_POLLMASK = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;

export interface PollState {
  mask: number;
  queues: WaitQueue[];
  /** (Added for timerfd, additive.) Kernel monotonic ns at which `mask` changes by itself with
   *  no queue woken (a timer expiring): a sleeper sets its deadline no later than this. */
  deadlineNs?: bigint;
}

let nextFileId = 1;

export class OpenFile {
  /** Number of fd table slots (in any process) that refer to this description. */
  refs = 0;
  /** Current position for seekable files; for directories, the index of the next getdents
   *  entry in the directory's listing. */
  offset = 0;
  /** getdents's listing of a directory without stable positions, taken at offset 0. */
  dirSnapshot: unknown = undefined;
  /** Driver-specific state (a pipe end, a host fd). */
  priv: unknown = undefined;
  readonly id = nextFileId++;

  constructor(
    /** Where it was opened: /proc/PID/fd/N shows this path, fchdir goes there. */
    readonly path: Path,
    readonly inode: Inode,
    /** Access mode and status flags (O_APPEND, O_NONBLOCK, …) in x86 values; O_CLOEXEC lives in
     *  the fd table, O_CREAT/O_EXCL/O_TRUNC are consumed by open. */
    public flags: number,
    public ops: FileOps,
  ) {}

  get accessMode(): number {
    return this.flags & O_ACCMODE;
  }
  get readable(): boolean {
    if (this.flags & O_PATH) return false;
    const mode = this.accessMode;
    return mode === O_RDONLY || mode === O_RDWR;
  }
  get writable(): boolean {
    if (this.flags & O_PATH) return false;
    const mode = this.accessMode;
    return mode === O_WRONLY || mode === O_RDWR;
  }

  /** Takes a reference (an fd slot now points here). */
  get(): this {
    this.refs++;
    return this;
  }

  /** Drops a reference; the last one releases the driver's state. */
  /** Run once when the last descriptor closes, before the driver's release (flock and OFD locks
   *  go away then). */
  readonly onLastClose: (() => void)[] = [];

  put(): void {
    if (--this.refs === 0) {
      for (const hook of this.onLastClose.splice(0)) hook();
      this.ops.release?.(this);
    }
  }
}

/** File operations for an O_PATH descriptor: it names a file but cannot do I/O (open(2)). */
export const pathOnlyOps: FileOps = { seekable: false };
