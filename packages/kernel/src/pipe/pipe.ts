// Pipes and FIFOs (fs/pipe.c, pipe(7)). A pipe is a ring buffer of 64 KiB — Linux's default
// capacity, 16 pages; fcntl(F_SETPIPE_SZ) sets another power-of-two number of pages — with a
// count of open read ends and write ends. Reads take what is
// there; an empty pipe gives EOF (0) when no writer is left, EAGAIN with O_NONBLOCK, and
// otherwise blocks. Writes of at most PIPE_BUF (4096) bytes are atomic: they wait until all of
// it fits; longer writes take what fits. A write with no reader left fails with EPIPE and
// raises SIGPIPE (write(2)). Pipes have no position: lseek/pread/pwrite → ESPIPE.
//
// Blocking uses the kernel's restart model: a handler that cannot finish returns
// `Blocked { wait }` and runs again from the start when woken. A long blocking write that
// filled the pipe part-way remembers how far it got in the thread's restart state and carries
// on from there when re-run, so it returns only when all of it is written, as Linux's
// pipe_write does.

import { blocked, type Blocked } from '../syscalls/types.js';
import { OpenFile, POLLERR, POLLHUP, POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM, type FileOps, type IoCaller, type PollState } from '../vfs/file.js';
import { Inode, type SuperBlock, type Timespec } from '../vfs/inode.js';
import { EAGAIN, EFAULT, ENXIO, EPIPE, ENOTTY } from '../vfs/errno.js';
import { FIONREAD, O_ACCMODE, O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY, S_IFIFO } from '../vfs/constants.js';
import { SimpleWaitQueue } from '../vfs/wait-queue.js';
import { Dentry, Mount, type Path } from '../vfs/dentry.js';

/** Default pipe capacity: 16 pages (pipe(7) "Pipe capacity"). */
export const PIPE_CAPACITY = 65536;
/** Writes up to this size are atomic (pipe(7) "PIPE_BUF"). */
export const PIPE_BUF = 4096;
const SIGPIPE = 13;
/** statfs f_type of pipefs (include/uapi/linux/magic.h). */
export const PIPEFS_MAGIC = 0x50495045;

/** /proc/sys/fs/pipe-max-size: the largest capacity F_SETPIPE_SZ gives a caller without
 *  CAP_SYS_RESOURCE (pipe(7)). */
export const PIPE_MAX_SIZE = 1048576;
const PAGE = 4096;

/** round_pipe_size (fs/pipe.c): a capacity request as a power-of-two number of pages — at least
 *  one page; 0 for a request above 2^31 (which F_SETPIPE_SZ then rejects with EINVAL). */
export function roundPipeSize(request: number): number {
  const size = request >>> 0;
  if (size > 2 ** 31) return 0;
  if (size < PAGE) return PAGE;
  return 2 ** Math.ceil(Math.log2(size));
}

export class Pipe {
  /** The bytes, a ring of `ring.length` ≤ capacity; it grows (doubling) as data arrives, so a
   *  large capacity set with F_SETPIPE_SZ costs nothing until it is used. */
  private ring = new Uint8Array(PAGE);
  private head = 0;
  /** Bytes queued. */
  count = 0;
  /** What F_GETPIPE_SZ reports and what a write may fill: 16 pages until F_SETPIPE_SZ. */
  capacity = PIPE_CAPACITY;
  readers = 0;
  writers = 0;
  readonly readWait = new SimpleWaitQueue();
  readonly writeWait = new SimpleWaitQueue();

  /** `inode` is what fstat shows for both ends (same st_ino; pipe.cc in gVisor checks it). */
  constructor(readonly inode: Inode) {}

  get free(): number {
    return this.capacity - this.count;
  }

  /** Pages (pipe buffers) the queued bytes occupy: what pipe_resize_ring compares with the new
   *  number of slots. Linux merges small writes into the last page, so this is the count
   *  rounded up to pages. */
  get occupiedPages(): number {
    return Math.ceil(this.count / PAGE);
  }

  /** F_SETPIPE_SZ's pipe_resize_ring: the new capacity in bytes (a power-of-two number of
   *  pages); the caller has checked that the queued data fits. Writers may now have room. */
  resize(capacity: number): void {
    this.relayout(Math.min(this.ring.length, capacity));
    this.capacity = capacity;
    this.writeWait.wakeAll(POLLOUT | POLLWRNORM);
  }

  /** Copies up to `n` queued bytes without removing them. */
  peek(n: number): Uint8Array {
    const len = Math.min(n, this.count);
    const out = new Uint8Array(len);
    const size = this.ring.length;
    const first = Math.min(len, size - this.head);
    out.set(this.ring.subarray(this.head, this.head + first));
    if (len > first) out.set(this.ring.subarray(0, len - first), first);
    return out;
  }

  consume(n: number): void {
    this.head = (this.head + n) % this.ring.length;
    this.count -= n;
    if (this.count === 0) this.head = 0;
  }

  push(bytes: Uint8Array): void {
    if (this.count + bytes.length > this.ring.length) {
      this.relayout(Math.min(this.capacity, Math.max(this.ring.length * 2, this.count + bytes.length)));
    }
    const size = this.ring.length;
    const tail = (this.head + this.count) % size;
    const first = Math.min(bytes.length, size - tail);
    this.ring.set(bytes.subarray(0, first), tail);
    if (bytes.length > first) this.ring.set(bytes.subarray(first), 0);
    this.count += bytes.length;
  }

  /** Moves the queued bytes to the start of a new ring of `size` (≥ count) bytes. */
  private relayout(size: number): void {
    const queued = this.peek(this.count);
    this.ring = new Uint8Array(Math.max(size, queued.length, 1));
    this.ring.set(queued);
    this.head = 0;
  }
}

interface PipeEnd {
  pipe: Pipe;
  reads: boolean;
  writes: boolean;
}

const endOf = (file: OpenFile): PipeEnd => file.priv as PipeEnd;

/** How far a blocking pipe write got before it slept. */
interface PipeWriteProgress {
  kind: 'pipe-write';
  file: OpenFile;
  length: number;
  done: number;
}

export const pipeOps: FileOps = {
  seekable: false,
  wholePagesOnFault: true,

  read(file, len, _pos, sink): number | Blocked {
    const { pipe } = endOf(file);
    if (len === 0) return 0;
    if (pipe.count === 0) {
      if (pipe.writers === 0) return 0;
      if (file.flags & O_NONBLOCK) return -EAGAIN;
      return blocked(pipe.readWait);
    }
    const data = pipe.peek(len);
    // A copy-out that faults part-way fails the read and leaves the bytes queued (pipe_read).
    if (sink(data) < data.length) return -EFAULT;
    pipe.consume(data.length);
    pipe.writeWait.wakeAll(POLLOUT | POLLWRNORM);
    return data.length;
  },

  write(file, data, _pos, caller: IoCaller): number | Blocked {
    const { pipe } = endOf(file);
    if (data.length === 0) return 0;
    // A re-run of a write that blocked part-way continues where it stopped.
    const prior = caller.restart?.get() as PipeWriteProgress | null | undefined;
    let done = prior && prior.kind === 'pipe-write' && prior.file === file && prior.length === data.length ? prior.done : 0;
    if (prior) caller.restart?.set(null);
    if (pipe.readers === 0) {
      caller.signal(SIGPIPE);
      return done > 0 ? done : -EPIPE;
    }
    const atomic = data.length <= PIPE_BUF;
    if (atomic ? pipe.free >= data.length : pipe.free > 0) {
      const n = Math.min(pipe.free, data.length - done);
      pipe.push(data.subarray(done, done + n));
      done += n;
      pipe.readWait.wakeAll(POLLIN | POLLRDNORM);
    }
    if (done === data.length) return done;
    if (file.flags & O_NONBLOCK) return done > 0 ? done : -EAGAIN;
    caller.restart?.set({ kind: 'pipe-write', file, length: data.length, done } satisfies PipeWriteProgress);
    return blocked(pipe.writeWait);
  },

  poll(file): PollState {
    // pipe_poll: readable when bytes are queued, HUP once no writer is left; writable while a
    // PIPE_BUF write would fit, ERR once no reader is left.
    const { pipe, reads, writes } = endOf(file);
    let mask = 0;
    if (reads) {
      if (pipe.count > 0) mask |= POLLIN | POLLRDNORM;
      if (pipe.writers === 0) mask |= POLLHUP;
    }
    if (writes) {
      if (pipe.free >= PIPE_BUF) mask |= POLLOUT | POLLWRNORM;
      if (pipe.readers === 0) mask |= POLLERR;
    }
    return { mask, queues: [pipe.readWait, pipe.writeWait] };
  },

  ioctl(file, cmd, arg, caller): number {
    if (cmd !== FIONREAD) return -ENOTTY;
    const out = new Uint8Array(4);
    new DataView(out.buffer).setInt32(0, endOf(file).pipe.count, true);
    return caller.mem.write(arg, out) ? 0 : -EFAULT;
  },

  release(file): void {
    const end = endOf(file);
    if (end.reads) end.pipe.readers--;
    if (end.writes) end.pipe.writers--;
    // Readers must see EOF, writers EPIPE: wake both sides.
    end.pipe.readWait.wakeAll();
    end.pipe.writeWait.wakeAll();
  },
};

/** Opens one end of `pipe` for `file` according to its access mode (fifo_open). A FIFO opened
 *  write-only and non-blocking with no reader fails with ENXIO (fifo(7)); this kernel never
 *  blocks in open, so other opens succeed at once. */
export function openFifo(pipe: Pipe, file: OpenFile): number {
  const mode = file.flags & O_ACCMODE;
  const reads = mode === O_RDONLY || mode === O_RDWR;
  const writes = mode === O_WRONLY || mode === O_RDWR;
  if (writes && !reads && file.flags & O_NONBLOCK && pipe.readers === 0) return -ENXIO;
  if (reads) pipe.readers++;
  if (writes) pipe.writers++;
  file.priv = { pipe, reads, writes } satisfies PipeEnd;
  file.ops = pipeOps;
  pipe.readWait.wakeAll();
  pipe.writeWait.wakeAll();
  return 0;
}

/** The inode of an anonymous pipe (pipefs). */
export class PipeInode extends Inode {
  readonly ino: number;
  mode = S_IFIFO | 0o600;
  pipe: Pipe;

  constructor(readonly sb: SuperBlock, ino: number, uid: number, gid: number) {
    super();
    this.ino = ino;
    this.uid = uid;
    this.gid = gid;
    const t = sb.now();
    this.atime = this.mtime = this.ctime = t;
    this.pipe = new Pipe(this);
  }

  get size(): number {
    return 0;
  }

  override open(file: OpenFile): number {
    return openFifo(this.pipe, file);
  }

  /** What /proc/PID/fd/N shows for it. */
  procLinkName(): string {
    return `pipe:[${this.ino}]`;
  }
}

/** pipefs: the invisible filesystem anonymous pipes live on (fs/pipe.c). */
export class PipeFs {
  readonly sb: SuperBlock;
  private readonly mnt: Mount;
  private nextIno = 1;

  constructor(dev: number, now: () => Timespec) {
    this.sb = { fsType: 'pipefs', dev, readOnly: false, now, magic: PIPEFS_MAGIC };
    const rootInode = new PipeInode(this.sb, 0, 0, 0);
    this.mnt = new Mount(this.sb, new Dentry('pipe:', null, rootInode), null, null, false, 'pipefs');
  }

  /** pipe2(2): a read end and a write end, with `statusFlags` (O_NONBLOCK) on both. */
  create(uid: number, gid: number, statusFlags: number): [OpenFile, OpenFile] {
    const inode = new PipeInode(this.sb, this.nextIno++, uid, gid);
    const path: Path = { mnt: this.mnt, dentry: new Dentry(inode.procLinkName(), this.mnt.root, inode) };
    const ends = [O_RDONLY, O_WRONLY].map((mode) => {
      const file = new OpenFile(path, inode, mode | statusFlags, pipeOps);
      openFifo(inode.pipe, file);
      return file;
    });
    return [ends[0]!, ends[1]!];
  }
}

