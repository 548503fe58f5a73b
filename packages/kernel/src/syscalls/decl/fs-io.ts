// More file I/O: preadv, pwritev, preadv2, pwritev2 (fs/read_write.c), copy_file_range
// (fs/read_write.c vfs_copy_file_range, generic_copy_file_checks), splice, tee, vmsplice
// (fs/splice.c), fallocate (fs/open.c vfs_fallocate), fadvise64 / i386 fadvise64_64
// (mm/fadvise.c), readahead (mm/readahead.c), sync and syncfs (fs/sync.c). Each checks its
// arguments in Linux's order with Linux's errno; the data moves through the same FileOps as
// read(2) and write(2), so a pipe, a tmpfs file and a host file behave alike.
//
// How vsys models them: every file's data already lives in memory or on the host, so sync,
// syncfs, fadvise and readahead validate and return 0. splice/tee/vmsplice copy bytes (a pipe
// buffer is not shared by reference as in Linux; what a reader sees is the same).
// fallocate allocates by growing the file (mode 0), and PUNCH_HOLE / ZERO_RANGE write zeros.

import type { SyscallContext } from '../context.js';
import { blocked, isBlocked, type Blocked, type SyscallArgs, type SyscallDecl } from '../types.js';
import { numbersOf } from '../numbers.js';
import {
  EAGAIN, EBADF, EFAULT, EFBIG, EINVAL, EISDIR, ENODEV, ENOSYS, EOPNOTSUPP, EOVERFLOW, EPIPE, ESPIPE, EXDEV, isErr, type Err,
} from '../../vfs/errno.js';
import { O_APPEND, O_NONBLOCK, S_IFBLK, S_IFDIR, S_IFIFO, S_IFMT, S_IFREG } from '../../vfs/constants.js';
import type { OpenFile } from '../../vfs/file.js';
import { FdTable } from '../../vfs/fd-table.js';
import { FsContext } from '../../vfs/fs-context.js';
import { hasKernelFileSystem } from '../../fs/kernel-fs.js';
import { Pipe, pipeOps } from '../../pipe/pipe.js';
import { callerOf, filesOf } from './fs-common.js';
import { doReadv, doWritev, fileSize, readIovecs, readUserPrefix, writeData, writeUserPrefix } from './fs-rw.js';

const SIGPIPE = 13;
/** vsys moves at most this much per call (a short count, as read(2) allows). */
const MAX_IO = 16 * 1024 * 1024;
/** s_maxbytes of tmpfs and ext4 with 4 KiB blocks on 64-bit: MAX_LFS_FILESIZE = LLONG_MAX. */
const MAX_FILE = 2n ** 63n - 1n;

// RWF_* (include/uapi/linux/fs.h).
const RWF_HIPRI = 0x1;
const RWF_DSYNC = 0x2;
const RWF_SYNC = 0x4;
const RWF_NOWAIT = 0x8;
const RWF_APPEND = 0x10;
const RWF_NOAPPEND = 0x20;
const RWF_ATOMIC = 0x40;
const RWF_DONTCACHE = 0x80;
/** RWF_NOSIGNAL (Linux 6.14): a write to a pipe without readers gives EPIPE but no SIGPIPE. */
const RWF_NOSIGNAL = 0x100;
const RWF_SUPPORTED = RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | RWF_APPEND | RWF_NOAPPEND | RWF_ATOMIC | RWF_DONTCACHE | RWF_NOSIGNAL;

// SPLICE_F_* (include/linux/splice.h).
const SPLICE_F_NONBLOCK = 0x2;
const SPLICE_F_ALL = 0xf;

// FALLOC_FL_* (include/uapi/linux/falloc.h).
const FALLOC_FL_KEEP_SIZE = 0x01;
const FALLOC_FL_PUNCH_HOLE = 0x02;
const FALLOC_FL_NO_HIDE_STALE = 0x04;
const FALLOC_FL_COLLAPSE_RANGE = 0x08;
const FALLOC_FL_ZERO_RANGE = 0x10;
const FALLOC_FL_INSERT_RANGE = 0x20;
const FALLOC_FL_UNSHARE_RANGE = 0x40;
const FALLOC_FL_WRITE_ZEROES = 0x80;
const FALLOC_FL_SUPPORTED = FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE |
  FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_WRITE_ZEROES;

/** POSIX_FADV_NORMAL … POSIX_FADV_NOREUSE (0…5). */
const FADV_MAX = 5;

/** The file syscalls need a file system (as decl/fs.ts wraps its own). */
function withFiles(decl: SyscallDecl): SyscallDecl {
  const handler = decl.handler;
  return {
    ...decl,
    handler(ctx, args) {
      if (!hasKernelFileSystem(ctx.kernel) || !(ctx.process.files instanceof FdTable) || !(ctx.process.fs instanceof FsContext)) return -ENOSYS;
      return handler(ctx, args);
    },
  };
}

function fileAt(ctx: SyscallContext, fd: number): OpenFile | Err {
  return filesOf(ctx).get(fd) ?? -EBADF;
}

function typeOf(file: OpenFile): number {
  return file.inode.mode & S_IFMT;
}

/** The pipe behind a pipe or FIFO end (get_pipe_info), or null. */
export function pipeOf(file: OpenFile): Pipe | null {
  if (file.ops !== pipeOps) return null;
  const end = file.priv as { pipe?: unknown } | undefined;
  return end && end.pipe instanceof Pipe ? end.pipe : null;
}

/** A loff_t from a register pair (i386 passes 64-bit values as lo, hi). */
function pairArg(a: SyscallArgs, lo: number, hi: number): bigint {
  return BigInt.asIntN(64, ((a.u64(hi) & 0xffffffffn) << 32n) | (a.u64(lo) & 0xffffffffn));
}

/** preadv/pwritev's position: (pos_l, pos_h) — on 64-bit ABIs pos_l alone holds it
 *  (pos_from_hilo shifts pos_h out of a 64-bit value). */
function vecPos(ctx: SyscallContext, a: SyscallArgs): bigint {
  return ctx.abi === 'i386' ? pairArg(a, 3, 4) : BigInt.asIntN(64, a.u64(3));
}

function posNumber(pos: bigint): number {
  return pos > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(pos);
}

/** do_preadv / do_pwritev and the -1 ("current position") form of preadv2/pwritev2. */
function vectorIo(ctx: SyscallContext, a: SyscallArgs, write: boolean, flags: number): number | Blocked {
  const fd = a.int(0);
  const pos = vecPos(ctx, a);
  const positional = !(flags !== -1 && pos === -1n);
  if (positional && pos < 0n) return -EINVAL;
  const file = fileAt(ctx, fd);
  if (isErr(file)) return file;
  if (positional && !file.ops.seekable) return -ESPIPE;
  // vfs_readv / vfs_writev: the access mode, then the iovec array, then (when there is
  // anything to move) the RWF flags (kiocb_set_rw_flags: EOPNOTSUPP).
  if (write ? !file.writable : !file.readable) return -EBADF;
  if (write ? !file.ops.write : !file.ops.read) return -EINVAL;
  const iovs = readIovecs(ctx, a.ptr(1), a.int(2));
  if (typeof iovs === 'number') return iovs;
  const total = iovs.reduce((n, v) => n + v.len, 0);
  if (total === 0) return 0;
  const f = flags === -1 ? 0 : flags;
  if (f & ~RWF_SUPPORTED) return -EOPNOTSUPP;
  if (f & RWF_ATOMIC && !write) return -EOPNOTSUPP;
  if (f & (RWF_ATOMIC | RWF_DONTCACHE)) return -EOPNOTSUPP; // no file here has the capability
  if (f & RWF_NOWAIT && !file.ops.seekable && pipeOf(file) === null) return -EOPNOTSUPP;
  const at = positional ? posNumber(pos) : null;
  if (!write) {
    if (f & RWF_NOWAIT && pipeOf(file) !== null && pipeOf(file)!.count === 0) return -EAGAIN;
    return doReadv(ctx, fd, a.ptr(1), a.int(2), at);
  }
  // RWF_APPEND writes at the end (and, like O_APPEND, a positional write then leaves the offset
  // alone); RWF_NOAPPEND ignores O_APPEND for this call.
  const saved = file.flags;
  if (f & RWF_APPEND) file.flags |= O_APPEND;
  else if (f & RWF_NOAPPEND) file.flags &= ~O_APPEND;
  try {
    return doWritev(ctx, fd, a.ptr(1), a.int(2), at);
  } finally {
    file.flags = saved;
  }
}

/** (fd, iov, iovcnt, pos_l, pos_h[, flags]); strace shows the position as one number: pos_l on
 *  64-bit ABIs, the (pos_l, pos_h) pair on i386 ('lopair'), and never pos_h by itself. */
const vecArgs = (write: boolean, flags: boolean) => [
  { name: 'fd', type: 'fd' as const },
  { name: 'iov', type: write ? ('iovec' as const) : ('outiovec' as const), len: 2 },
  { name: 'iovcnt', type: 'int' as const },
  { name: 'offset', type: 'lopair' as const },
  { name: 'pos_h', type: 'hex' as const },
  ...(flags ? [{ name: 'flags', type: 'rwflags' as const }] : []),
];

// ---- splice, tee, vmsplice ----

function nonblocking(flags: number, ...files: OpenFile[]): boolean {
  return (flags & SPLICE_F_NONBLOCK) !== 0 || files.some((f) => (f.flags & O_NONBLOCK) !== 0);
}

/** Waits for bytes in `pipe` (ipipe_prep): 0 at end of file, EAGAIN or a sleep when empty. */
function waitForData(pipe: Pipe, nonblock: boolean): number | Blocked | null {
  if (pipe.count > 0) return null;
  if (pipe.writers === 0) return 0;
  return nonblock ? -EAGAIN : blocked(pipe.readWait);
}

/** Waits for room in `pipe` (opipe_prep / wait_for_space): EPIPE (and SIGPIPE) without
 *  readers, EAGAIN or a sleep when full. */
function waitForSpace(ctx: SyscallContext, pipe: Pipe, nonblock: boolean): number | Blocked | null {
  if (pipe.readers === 0) {
    callerOf(ctx).signal(SIGPIPE);
    return -EPIPE;
  }
  if (pipe.free > 0) return null;
  return nonblock ? -EAGAIN : blocked(pipe.writeWait);
}

function movedIntoPipe(pipe: Pipe, data: Uint8Array): void {
  pipe.push(data);
  pipe.readWait.wakeAll();
}

function takenFromPipe(pipe: Pipe, n: number): void {
  pipe.consume(n);
  pipe.writeWait.wakeAll();
}

function readLoff(ctx: SyscallContext, addr: number): bigint | null {
  const b = addr < 0 ? null : ctx.mem.read(addr, 8);
  return b ? new DataView(b.buffer, b.byteOffset, 8).getBigInt64(0, true) : null;
}

function writeLoff(ctx: SyscallContext, addr: number, v: number): boolean {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigInt64(0, BigInt(v), true);
  return ctx.mem.write(addr, b);
}

/** Reads up to `len` bytes of a file into a kernel buffer: at `pos` (a given offset), or, for
 *  null, at the file position as read(2) does it — then the position moves (a console on a
 *  host file keeps its position in the host fd). */
function readFileBytes(ctx: SyscallContext, file: OpenFile, len: number, pos: number | null): Uint8Array | number | Blocked {
  let got: Uint8Array = new Uint8Array(0);
  const at = pos ?? (file.ops.seekable ? file.offset : 0);
  const r = file.ops.read!(file, len, at, (d) => ((got = new Uint8Array(d)), d.length), callerOf(ctx, pos !== null));
  if (isBlocked(r) || r < 0) return r;
  if (r > 0 && pos === null && file.ops.seekable) file.offset = at + r;
  return got.subarray(0, r);
}

function splice(ctx: SyscallContext, a: SyscallArgs): number | Blocked {
  const len = Math.min(a.size(4), MAX_IO);
  let flags = a.int(5) >>> 0;
  if (a.u64(4) === 0n) return 0;
  if (flags & ~SPLICE_F_ALL) return -EINVAL;
  const input = fileAt(ctx, a.int(0));
  if (isErr(input)) return input;
  const output = fileAt(ctx, a.int(2));
  if (isErr(output)) return output;
  const offInAt = a.u64(1) === 0n ? null : a.ptr(1);
  const offOutAt = a.u64(3) === 0n ? null : a.ptr(3);
  const ipipe = pipeOf(input);
  const opipe = pipeOf(output);
  // __do_splice
  if (ipipe && offInAt !== null) return -ESPIPE;
  if (opipe && offOutAt !== null) return -ESPIPE;
  let offOut: bigint | null = null;
  let offIn: bigint | null = null;
  if (offOutAt !== null && (offOut = readLoff(ctx, offOutAt)) === null) return -EFAULT;
  if (offInAt !== null && (offIn = readLoff(ctx, offInAt)) === null) return -EFAULT;
  // do_splice
  if (!input.readable || !output.writable) return -EBADF;
  if (ipipe && opipe) {
    if (ipipe === opipe) return -EINVAL;
    const nb = nonblocking(flags, input, output);
    const data = waitForData(ipipe, nb);
    if (data !== null) return data;
    const space = waitForSpace(ctx, opipe, nb);
    if (space !== null) return space;
    const bytes = ipipe.peek(Math.min(len, opipe.free));
    movedIntoPipe(opipe, bytes);
    takenFromPipe(ipipe, bytes.length);
    return bytes.length;
  }
  if (ipipe) {
    // pipe → file
    let pos: number;
    if (offOut !== null) {
      if (!output.ops.seekable) return -EINVAL;
      if (offOut < 0n) return -EINVAL;
      pos = posNumber(offOut);
    } else pos = output.offset;
    if (output.flags & O_APPEND) return -EINVAL;
    if (!output.ops.write) return -EINVAL;
    if (input.flags & O_NONBLOCK) flags |= SPLICE_F_NONBLOCK;
    const data = waitForData(ipipe, (flags & SPLICE_F_NONBLOCK) !== 0);
    if (data !== null) return data;
    const bytes = ipipe.peek(len);
    // Without an offset the write is write(2)'s: at the file position, which then moves.
    const wrote = writeData(ctx, output, bytes, offOutAt !== null ? pos : null);
    if (isBlocked(wrote) || wrote <= 0) return wrote;
    takenFromPipe(ipipe, wrote);
    if (offOutAt !== null && !writeLoff(ctx, offOutAt, pos + wrote)) return -EFAULT;
    return wrote;
  }
  if (opipe) {
    // file → pipe
    let pos: number;
    if (offIn !== null) {
      if (!input.ops.seekable) return -EINVAL;
      if (offIn < 0n) return -EINVAL;
      pos = posNumber(offIn);
    } else pos = input.offset;
    if (!input.ops.read || typeOf(input) === S_IFDIR) return -EINVAL;
    if (output.flags & O_NONBLOCK) flags |= SPLICE_F_NONBLOCK;
    const space = waitForSpace(ctx, opipe, (flags & SPLICE_F_NONBLOCK) !== 0);
    if (space !== null) return space;
    const bytes = readFileBytes(ctx, input, Math.min(len, opipe.free), offInAt !== null ? pos : null);
    if (!(bytes instanceof Uint8Array)) return bytes;
    if (bytes.length === 0) return 0;
    movedIntoPipe(opipe, bytes);
    if (offInAt !== null && !writeLoff(ctx, offInAt, pos + bytes.length)) return -EFAULT;
    return bytes.length;
  }
  return -EINVAL;
}

function tee(ctx: SyscallContext, a: SyscallArgs): number | Blocked {
  let flags = a.int(3) >>> 0;
  if (flags & ~SPLICE_F_ALL) return -EINVAL;
  if (a.u64(2) === 0n) return 0;
  const len = Math.min(a.size(2), MAX_IO);
  const input = fileAt(ctx, a.int(0));
  if (isErr(input)) return input;
  const output = fileAt(ctx, a.int(1));
  if (isErr(output)) return output;
  if (!input.readable || !output.writable) return -EBADF;
  const ipipe = pipeOf(input);
  const opipe = pipeOf(output);
  if (!ipipe || !opipe || ipipe === opipe) return -EINVAL;
  if (nonblocking(flags, input, output)) flags |= SPLICE_F_NONBLOCK;
  const nb = (flags & SPLICE_F_NONBLOCK) !== 0;
  const data = waitForData(ipipe, nb);
  if (data !== null) return data;
  const space = waitForSpace(ctx, opipe, nb);
  if (space !== null) return space;
  const bytes = ipipe.peek(Math.min(len, opipe.free));
  movedIntoPipe(opipe, bytes);
  return bytes.length;
}

function vmsplice(ctx: SyscallContext, a: SyscallArgs): number | Blocked {
  const flags = a.int(3) >>> 0;
  if (flags & ~SPLICE_F_ALL) return -EINVAL;
  const file = fileAt(ctx, a.int(0));
  if (isErr(file)) return file;
  // vmsplice_type: a writable end takes user pages into the pipe, a readable one copies out.
  const toPipe = file.writable;
  if (!toPipe && !file.readable) return -EBADF;
  const iovs = readIovecs(ctx, a.ptr(1), a.int(2));
  if (typeof iovs === 'number') return iovs;
  const total = iovs.reduce((n, v) => n + v.len, 0);
  if (total === 0) return 0;
  const pipe = pipeOf(file);
  if (!pipe) return -EBADF;
  const nb = (flags & SPLICE_F_NONBLOCK) !== 0 || (file.flags & O_NONBLOCK) !== 0;
  if (toPipe) {
    const space = waitForSpace(ctx, pipe, nb);
    if (space !== null) return space;
    let done = 0;
    for (const iov of iovs) {
      const room = pipe.free;
      if (room === 0) break;
      const want = Math.min(iov.len, room);
      if (want === 0) continue;
      const bytes = readUserPrefix(ctx, iov.base, want);
      if (!bytes) return done > 0 ? done : -EFAULT;
      movedIntoPipe(pipe, bytes);
      done += bytes.length;
      if (bytes.length < want) return done;
    }
    return done;
  }
  const data = waitForData(pipe, nb);
  if (data !== null) return data;
  let done = 0;
  for (const iov of iovs) {
    if (pipe.count === 0) break;
    const bytes = pipe.peek(Math.min(iov.len, pipe.count));
    const stored = writeUserPrefix(ctx, iov.base, bytes);
    takenFromPipe(pipe, stored);
    done += stored;
    if (stored < bytes.length) return done > 0 ? done : -EFAULT;
  }
  return done;
}

// ---- copy_file_range ----

function copyFileRange(ctx: SyscallContext, a: SyscallArgs): number | Blocked {
  const input = fileAt(ctx, a.int(0));
  if (isErr(input)) return input;
  const output = fileAt(ctx, a.int(2));
  if (isErr(output)) return output;
  const offInAt = a.u64(1) === 0n ? null : a.ptr(1);
  const offOutAt = a.u64(3) === 0n ? null : a.ptr(3);
  let posIn = BigInt(input.offset);
  let posOut = BigInt(output.offset);
  if (offInAt !== null) {
    const v = readLoff(ctx, offInAt);
    if (v === null) return -EFAULT;
    posIn = v;
  }
  if (offOutAt !== null) {
    const v = readLoff(ctx, offOutAt);
    if (v === null) return -EFAULT;
    posOut = v;
  }
  // vfs_copy_file_range → generic_copy_file_checks → generic_file_rw_checks
  if (a.int(5) !== 0) return -EINVAL;
  if (typeOf(input) === S_IFDIR || typeOf(output) === S_IFDIR) return -EISDIR;
  if (typeOf(input) !== S_IFREG || typeOf(output) !== S_IFREG) return -EINVAL;
  if (!input.readable || !output.writable || output.flags & O_APPEND) return -EBADF;
  let count = a.u64(4);
  if (posIn < 0n || posOut < 0n) return -EINVAL;
  if (posIn + count > MAX_FILE || posOut + count > MAX_FILE) return -EOVERFLOW;
  const sizeIn = BigInt(fileSize(input));
  count = posIn >= sizeIn ? 0n : count < sizeIn - posIn ? count : sizeIn - posIn;
  if (input.inode === output.inode && posOut + count > posIn && posOut < posIn + count) return -EINVAL;
  if (count === 0n) return 0;
  if (!input.ops.read || !output.ops.write) return -EXDEV;
  // Explicit positions throughout; a file without an offset pointer then moves its position
  // by what was copied (the read may be longer than what the write took).
  const bytes = readFileBytes(ctx, input, Math.min(Number(count), MAX_IO), Number(posIn));
  if (!(bytes instanceof Uint8Array)) return bytes;
  if (bytes.length === 0) return 0;
  const wrote = offOutAt === null ? writeData(ctx, output, bytes, null) : writeData(ctx, output, bytes, Number(posOut));
  if (isBlocked(wrote) || wrote <= 0) return wrote;
  if (offInAt !== null) {
    if (!writeLoff(ctx, offInAt, Number(posIn) + wrote)) return -EFAULT;
  } else input.offset = Number(posIn) + wrote;
  if (offOutAt !== null && !writeLoff(ctx, offOutAt, Number(posOut) + wrote)) return -EFAULT;
  return wrote;
}

// ---- fallocate, fadvise, readahead ----

function fallocate(ctx: SyscallContext, fd: number, mode: number, offset: bigint, len: bigint): number {
  const file = fileAt(ctx, fd);
  if (isErr(file)) return file;
  if (offset < 0n || len <= 0n) return -EINVAL;
  if (mode & ~FALLOC_FL_SUPPORTED) return -EOPNOTSUPP;
  switch (mode & ~FALLOC_FL_KEEP_SIZE) {
    case 0:
    case FALLOC_FL_UNSHARE_RANGE:
    case FALLOC_FL_ZERO_RANGE:
      break;
    case FALLOC_FL_PUNCH_HOLE:
      if (!(mode & FALLOC_FL_KEEP_SIZE)) return -EOPNOTSUPP;
      break;
    case FALLOC_FL_COLLAPSE_RANGE:
    case FALLOC_FL_INSERT_RANGE:
    case FALLOC_FL_WRITE_ZEROES:
      if (mode & FALLOC_FL_KEEP_SIZE) return -EOPNOTSUPP;
      break;
    default:
      return -EOPNOTSUPP;
  }
  void FALLOC_FL_NO_HIDE_STALE;
  if (!file.writable) return -EBADF;
  const type = typeOf(file);
  if (type === S_IFIFO) return -ESPIPE;
  if (type === S_IFDIR) return -EISDIR;
  if (type !== S_IFREG && type !== S_IFBLK) return -ENODEV;
  if (offset + len > MAX_FILE) return -EFBIG;
  const size = BigInt(fileSize(file));
  const end = offset + len;
  const kind = mode & ~FALLOC_FL_KEEP_SIZE;
  if (kind === FALLOC_FL_COLLAPSE_RANGE || kind === FALLOC_FL_INSERT_RANGE || kind === FALLOC_FL_WRITE_ZEROES) return -EOPNOTSUPP;
  if (kind === FALLOC_FL_PUNCH_HOLE || kind === FALLOC_FL_ZERO_RANGE) {
    // Zeros over the part inside the file; ZERO_RANGE without KEEP_SIZE also extends it.
    const zeroEnd = end < size ? end : size;
    const saved = file.flags;
    file.flags &= ~O_APPEND;
    try {
      for (let at = offset; at < zeroEnd; ) {
        const n = Number(zeroEnd - at < 1n << 20n ? zeroEnd - at : 1n << 20n);
        const r = writeData(ctx, file, new Uint8Array(n), Number(at));
        if (isBlocked(r) || r <= 0) return isBlocked(r) ? -EINVAL : r;
        at += BigInt(r);
      }
    } finally {
      file.flags = saved;
    }
  }
  if (kind !== FALLOC_FL_PUNCH_HOLE && !(mode & FALLOC_FL_KEEP_SIZE) && end > size) {
    if (end > BigInt(Number.MAX_SAFE_INTEGER)) return -EFBIG;
    const grown = file.ops.truncate ? file.ops.truncate(file, Number(end)) : file.inode.setattr({ size: Number(end) });
    if (grown < 0) return grown;
  }
  return 0;
}

/** generic_fadvise: ESPIPE for a pipe, EINVAL for a negative length or unknown advice. */
function fadvise(ctx: SyscallContext, fd: number, len: bigint, advice: number): number {
  const file = fileAt(ctx, fd);
  if (isErr(file)) return file;
  if (pipeOf(file) !== null || typeOf(file) === S_IFIFO) return -ESPIPE;
  if (len < 0n) return -EINVAL;
  if (advice < 0 || advice > FADV_MAX) return -EINVAL;
  return 0;
}

function readahead(ctx: SyscallContext, fd: number): number {
  const file = fileAt(ctx, fd);
  if (isErr(file)) return file;
  if (!file.readable) return -EBADF;
  const type = typeOf(file);
  if (type !== S_IFREG && type !== S_IFBLK) return -EINVAL;
  return 0;
}

const loffArgs = [
  { name: 'fd_in', type: 'fd' as const },
  { name: 'off_in', type: 'loffptr' as const },
  { name: 'fd_out', type: 'fd' as const },
  { name: 'off_out', type: 'loffptr' as const },
  { name: 'len', type: 'uint' as const },
  { name: 'flags', type: 'spliceflags' as const },
];

export const ioSyscalls: SyscallDecl[] = [
  {
    name: 'preadv', numbers: numbersOf('preadv'), classes: ['desc'], args: vecArgs(false, false),
    handler: (ctx, a) => vectorIo(ctx, a, false, -1),
  },
  {
    name: 'pwritev', numbers: numbersOf('pwritev'), classes: ['desc'], args: vecArgs(true, false),
    handler: (ctx, a) => vectorIo(ctx, a, true, -1),
  },
  {
    // preadv2/pwritev2(fd, iov, iovcnt, pos_l, pos_h, flags): offset -1 means the file position.
    name: 'preadv2', numbers: numbersOf('preadv2'), classes: ['desc'], args: vecArgs(false, true),
    handler: (ctx, a) => vectorIo(ctx, a, false, a.int(5) >>> 0),
  },
  {
    name: 'pwritev2', numbers: numbersOf('pwritev2'), classes: ['desc'], args: vecArgs(true, true),
    handler: (ctx, a) => vectorIo(ctx, a, true, a.int(5) >>> 0),
  },
  {
    name: 'copy_file_range', numbers: numbersOf('copy_file_range'), classes: ['desc'],
    args: loffArgs.map((x, i) => (i === 5 ? { name: 'flags', type: 'uint' as const } : x)),
    handler: copyFileRange,
  },
  { name: 'splice', numbers: numbersOf('splice'), classes: ['desc'], args: loffArgs, handler: splice },
  {
    name: 'tee', numbers: numbersOf('tee'), classes: ['desc'],
    args: [{ name: 'fd_in', type: 'fd' }, { name: 'fd_out', type: 'fd' }, { name: 'len', type: 'uint' }, { name: 'flags', type: 'spliceflags' }],
    handler: tee,
  },
  {
    name: 'vmsplice', numbers: numbersOf('vmsplice'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'iov', type: 'iovec', len: 2 }, { name: 'nr_segs', type: 'uint' }, { name: 'flags', type: 'spliceflags' }],
    handler: vmsplice,
  },
  {
    name: 'fallocate', numbers: numbersOf('fallocate', { i386: null }), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'mode', type: 'fallocmode' }, { name: 'offset', type: 'int' }, { name: 'len', type: 'int' }],
    handler: (ctx, a) => fallocate(ctx, a.int(0), a.int(1), a.i64(2), a.i64(3)),
  },
  {
    // i386 fallocate(fd, mode, off_lo, off_hi, len_lo, len_hi).
    name: 'fallocate', numbers: { i386: numbersOf('fallocate').i386! }, classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'mode', type: 'fallocmode' }, { name: 'offset', type: 'lopair' }, { name: 'offset_hi', type: 'hex' }, { name: 'len', type: 'lopair' }, { name: 'len_hi', type: 'hex' }],
    handler: (ctx, a) => fallocate(ctx, a.int(0), a.int(1), pairArg(a, 2, 3), pairArg(a, 4, 5)),
  },
  {
    // x86-64/arm64 fadvise64(fd, offset, len, advice).
    name: 'fadvise64', numbers: numbersOf('fadvise64', { i386: null }), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'offset', type: 'int' }, { name: 'len', type: 'uint' }, { name: 'advice', type: 'fadvice' }],
    handler: (ctx, a) => fadvise(ctx, a.int(0), a.i64(2), a.int(3)),
  },
  {
    // i386 fadvise64(fd, off_lo, off_hi, len (32-bit), advice).
    name: 'fadvise64', numbers: { i386: numbersOf('fadvise64').i386! }, classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'offset', type: 'lopair' }, { name: 'offset_hi', type: 'hex' }, { name: 'len', type: 'uint' }, { name: 'advice', type: 'fadvice' }],
    handler: (ctx, a) => fadvise(ctx, a.int(0), BigInt(a.int(3) >>> 0), a.int(4)),
  },
  {
    // i386 fadvise64_64(fd, off_lo, off_hi, len_lo, len_hi, advice).
    name: 'fadvise64_64', numbers: numbersOf('fadvise64_64'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'offset', type: 'lopair' }, { name: 'offset_hi', type: 'hex' }, { name: 'len', type: 'lopair' }, { name: 'len_hi', type: 'hex' }, { name: 'advice', type: 'fadvice' }],
    handler: (ctx, a) => fadvise(ctx, a.int(0), pairArg(a, 3, 4), a.int(5)),
  },
  {
    name: 'readahead', numbers: numbersOf('readahead', { i386: null }), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'offset', type: 'int' }, { name: 'count', type: 'uint' }],
    handler: (ctx, a) => readahead(ctx, a.int(0)),
  },
  {
    // i386 readahead(fd, off_lo, off_hi, count).
    name: 'readahead', numbers: { i386: numbersOf('readahead').i386! }, classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'offset', type: 'lopair' }, { name: 'offset_hi', type: 'hex' }, { name: 'count', type: 'uint' }],
    handler: (ctx, a) => readahead(ctx, a.int(0)),
  },
  {
    // sync(2): everything is already where it belongs.
    name: 'sync', numbers: numbersOf('sync'), classes: [], args: [],
    handler: () => 0,
  },
  {
    name: 'syncfs', numbers: numbersOf('syncfs'), classes: ['desc'], args: [{ name: 'fd', type: 'fd' }],
    handler: (ctx, a) => {
      const file = fileAt(ctx, a.int(0));
      return isErr(file) ? file : 0;
    },
  },
];

export const syscalls: readonly SyscallDecl[] = ioSyscalls.map(withFiles);
