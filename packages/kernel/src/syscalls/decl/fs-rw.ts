// read, write, readv, writev, pread64, pwrite64, lseek (+ i386 _llseek), sendfile
// (fs/read_write.c). Each checks the fd (EBADF), the access mode (EBADF, read(2)/write(2)), and
// hands the driver a kernel buffer: a write copies the user bytes first (EFAULT before anything
// changes, so a bad buffer never corrupts a file — LTP write03), a read stores into user memory
// before the offset moves or a pipe is drained. Streams answer positioned I/O with ESPIPE.

import type { SyscallContext } from '../context.js';
import { isBlocked, type Blocked, type SyscallArgs, type SyscallDecl } from '../types.js';
import { numbersOf } from '../numbers.js';
import { EBADF, EFAULT, EINVAL, ENXIO, ESPIPE, EOVERFLOW, isErr } from '../../vfs/errno.js';
import { O_APPEND, SEEK_CUR, SEEK_DATA, SEEK_END, SEEK_HOLE, SEEK_SET } from '../../vfs/constants.js';
import type { OpenFile } from '../../vfs/file.js';
import { callerOf, getFile, putUser } from './fs-common.js';

/** Linux caps one read/write at MAX_RW_COUNT (INT_MAX rounded down to a page,
 *  include/linux/fs.h). vsys moves at most 16 MiB per call — a short count, which read(2) and
 *  write(2) allow — so a huge count never makes the host allocate gigabytes. */
const MAX_IO = 16 * 1024 * 1024;
const PAGE = 4096;

/** copy_to_user as read(2) uses it: stores `data` at `addr` page by page and returns how many
 *  bytes landed before the first page the caller cannot write. */
export function writeUserPrefix(ctx: SyscallContext, addr: number, data: Uint8Array): number {
  if (addr < 0) return 0;
  if (ctx.mem.write(addr, data)) return data.length;
  let done = 0;
  while (done < data.length) {
    const n = Math.min(data.length - done, PAGE - ((addr + done) % PAGE));
    if (!ctx.mem.write(addr + done, data.subarray(done, done + n))) break;
    done += n;
  }
  return done;
}

/** copy_from_user as write(2) uses it: the longest readable prefix of [addr, addr+len), page by
 *  page, so a buffer that runs into an unmapped page gives a short write (the bytes before the
 *  fault) and only a buffer bad from its first byte gives EFAULT. Null when nothing is readable. */
export function readUserPrefix(ctx: SyscallContext, addr: number, len: number): Uint8Array | null {
  if (addr < 0) return null;
  const whole = ctx.mem.read(addr, len);
  if (whole) return whole;
  const parts: Uint8Array[] = [];
  let done = 0;
  while (done < len) {
    const n = Math.min(len - done, PAGE - ((addr + done) % PAGE));
    const part = ctx.mem.read(addr + done, n);
    if (!part) break;
    parts.push(part);
    done += n;
  }
  if (done === 0) return null;
  const out = new Uint8Array(done);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
/** UIO_MAXIOV (include/uapi/linux/uio.h). */
const UIO_MAXIOV = 1024;


/** The current size of an open file (O_APPEND, SEEK_END). */
export function fileSize(file: OpenFile): number {
  if (file.ops.size) return file.ops.size(file);
  return file.inode.size;
}

export function doRead(ctx: SyscallContext, file: OpenFile, buf: number, count: number, pos: number | null): number | Blocked {
  if (!file.readable) return -EBADF;
  if (!file.ops.read) return -EINVAL;
  if (buf < 0) return -EFAULT;
  const len = Math.min(count, MAX_IO);
  const at = pos ?? (file.ops.seekable ? file.offset : 0);
  const result = file.ops.read(file, len, at, (data) => writeUserPrefix(ctx, buf, data), callerOf(ctx, pos !== null));
  if (isBlocked(result)) return result;
  if (result > 0 && pos === null && file.ops.seekable) file.offset = at + result;
  return result;
}

export function doWrite(ctx: SyscallContext, file: OpenFile, buf: number, count: number, pos: number | null): number | Blocked {
  if (!file.writable) return -EBADF;
  if (!file.ops.write) return -EINVAL;
  const len = Math.min(count, MAX_IO);
  let data: Uint8Array;
  if (len === 0) data = new Uint8Array(0);
  else if (file.ops.discardsWrites) data = new Uint8Array(len);
  else {
    const read = readUserPrefix(ctx, buf, len);
    if (!read) return -EFAULT;
    data = read.length < len ? faultCut(file, read) : read;
    if (data.length === 0) return -EFAULT;
  }
  return writeData(ctx, file, data, pos);
}

export function writeData(ctx: SyscallContext, file: OpenFile, data: Uint8Array, pos: number | null): number | Blocked {
  let at = pos ?? (file.ops.seekable ? file.offset : 0);
  // O_APPEND: every write goes to the end (pwrite too, a Linux quirk — pwrite(2) BUGS).
  if (file.flags & O_APPEND && file.ops.seekable) at = fileSize(file);
  const result = file.ops.write!(file, data, at, callerOf(ctx, pos !== null));
  if (isBlocked(result)) return result;
  if (result > 0 && pos === null && file.ops.seekable) file.offset = at + result;
  return result;
}

export interface IoVec {
  base: number;
  len: number;
}

/** Reads an iovec array: 16-byte {base, len} entries (8-byte on i386). */
export function readIovecs(ctx: SyscallContext, addr: number, count: number): IoVec[] | number {
  if (count < 0 || count > UIO_MAXIOV) return -EINVAL;
  if (count === 0) return [];
  const wide = ctx.abi !== 'i386';
  const size = wide ? 16 : 8;
  const raw = addr < 0 ? null : ctx.mem.read(addr, count * size);
  if (!raw) return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: IoVec[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    const base = wide ? v.getBigUint64(i * 16, true) : BigInt(v.getUint32(i * 8, true));
    const len = wide ? v.getBigInt64(i * 16 + 8, true) : BigInt(v.getInt32(i * 8 + 4, true));
    // A negative length, or a total that overflows ssize_t, is EINVAL (import_iovec).
    if (len < 0n) return -EINVAL;
    total += Number(len);
    if (total > Number.MAX_SAFE_INTEGER) return -EINVAL;
    out.push({ base: base < 1n << 53n ? Number(base) : -1, len: Number(len) });
  }
  return out;
}

export function doReadv(ctx: SyscallContext, fd: number, iovAddr: number, iovcnt: number, pos: number | null): number | Blocked {
  const file = getFile(ctx, fd);
  if (isErr(file)) return file;
  if (!file.readable) return -EBADF;
  const iovs = readIovecs(ctx, iovAddr, iovcnt);
  if (typeof iovs === 'number') return iovs;
  let total = 0;
  for (const iov of iovs) {
    if (iov.len === 0) continue;
    const r = doRead(ctx, file, iov.base, iov.len, pos === null ? null : pos + total);
    if (isBlocked(r)) return total > 0 ? total : r;
    if (r < 0) return total > 0 ? total : r;
    total += r;
    if (r < iov.len) break;
  }
  return total;
}

export function doWritev(ctx: SyscallContext, fd: number, iovAddr: number, iovcnt: number, pos: number | null): number | Blocked {
  const file = getFile(ctx, fd);
  if (isErr(file)) return file;
  if (!file.writable) return -EBADF;
  const iovs = readIovecs(ctx, iovAddr, iovcnt);
  if (typeof iovs === 'number') return iovs;
  // Gather first so the write is one operation (atomic on a pipe up to PIPE_BUF).
  const parts: Uint8Array[] = [];
  let total = 0;
  let faulted = false;
  for (const iov of iovs) {
    if (iov.len === 0) continue;
    const want = Math.min(iov.len, MAX_IO - total);
    if (want <= 0) break;
    if (file.ops.discardsWrites) {
      parts.push(new Uint8Array(want));
      total += want;
      continue;
    }
    const data = readUserPrefix(ctx, iov.base, want);
    if (!data) {
      faulted = true;
      break;
    }
    parts.push(data);
    total += data.length;
    if (data.length < want) {
      faulted = true;
      break;
    }
  }
  const gathered = new Uint8Array(total);
  let filled = 0;
  for (const p of parts) {
    gathered.set(p, filled);
    filled += p.length;
  }
  const all = faulted ? faultCut(file, gathered) : gathered;
  if (faulted && all.length === 0) return -EFAULT;
  if (!file.ops.write) return -EINVAL;
  return writeData(ctx, file, all, pos);
}

/** What of a buffer that faulted part-way a write keeps: all of it for files, whole pages for
 *  pipes. */
function faultCut(file: OpenFile, data: Uint8Array): Uint8Array {
  if (!file.ops.wholePagesOnFault) return data;
  return data.subarray(0, data.length - (data.length % PAGE));
}

/** A pread/pwrite offset: i386 passes it as two 32-bit halves (lo, hi). */
function offsetArg(ctx: SyscallContext, args: SyscallArgs, i: number): number {
  const off = ctx.abi === 'i386' ? (args.u64(i) & 0xffffffffn) | ((args.u64(i + 1) & 0xffffffffn) << 32n) : args.u64(i);
  const signed = BigInt.asIntN(64, off);
  if (signed < 0n) return -1;
  return signed > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(signed);
}

/** lseek's new position (generic_file_llseek / vfs_setpos), or -errno. */
export function seekFile(file: OpenFile, offset: bigint, whence: number): number {
  // A stream with its own llseek (the event files' noop_llseek) answers lseek; pread still fails.
  if (!file.ops.seekable && !file.ops.llseek) return -ESPIPE;
  if (whence < 0 || whence > SEEK_HOLE) return -EINVAL;
  if (file.ops.llseek) return file.ops.llseek(file, Number(offset), whence);
  let base: bigint;
  const dir = file.inode.isDir();
  switch (whence) {
    case SEEK_SET: base = 0n; break;
    case SEEK_CUR: base = BigInt(file.offset); break;
    case SEEK_END:
      if (dir) return -EINVAL;
      base = BigInt(fileSize(file));
      break;
    default: {
      if (dir) return -EINVAL;
      const size = BigInt(fileSize(file));
      if (offset < 0n || offset >= size) return -ENXIO;
      // No holes are tracked: data runs from 0 to the end, the only hole is at the end.
      const pos = whence === SEEK_DATA ? offset : size;
      file.offset = Number(pos);
      return Number(pos);
    }
  }
  const pos = base + offset;
  if (pos < 0n) return -EINVAL;
  if (pos > BigInt(Number.MAX_SAFE_INTEGER)) return -EOVERFLOW;
  file.offset = Number(pos);
  return file.offset;
}

export const rwSyscalls: SyscallDecl[] = [
  {
    name: 'read', numbers: numbersOf('read'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'buf', type: 'outstring' }, { name: 'count', type: 'uint' }],
    handler(ctx, a) {
      const file = getFile(ctx, a.int(0));
      if (isErr(file)) return file;
      return doRead(ctx, file, a.ptr(1), a.size(2), null);
    },
  },
  {
    name: 'write', numbers: numbersOf('write'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'buf', type: 'string', len: 2 }, { name: 'count', type: 'uint' }],
    handler(ctx, a) {
      const file = getFile(ctx, a.int(0));
      if (isErr(file)) return file;
      return doWrite(ctx, file, a.ptr(1), a.size(2), null);
    },
  },
  {
    name: 'readv', numbers: numbersOf('readv'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'iov', type: 'outiovec', len: 2 }, { name: 'iovcnt', type: 'int' }],
    handler: (ctx, a) => doReadv(ctx, a.int(0), a.ptr(1), a.int(2), null),
  },
  {
    name: 'writev', numbers: numbersOf('writev'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'iov', type: 'iovec', len: 2 }, { name: 'iovcnt', type: 'int' }],
    handler: (ctx, a) => doWritev(ctx, a.int(0), a.ptr(1), a.int(2), null),
  },
  {
    name: 'pread64', numbers: numbersOf('pread64'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'buf', type: 'outstring' }, { name: 'count', type: 'uint' }, { name: 'offset', type: 'int' }],
    handler(ctx, a) {
      // ksys_pread64: a negative offset, then the fd, then FMODE_PREAD (ESPIPE), then the mode.
      const pos = offsetArg(ctx, a, 3);
      if (pos < 0) return -EINVAL;
      const file = getFile(ctx, a.int(0));
      if (isErr(file)) return file;
      if (!file.ops.seekable) return -ESPIPE;
      return doRead(ctx, file, a.ptr(1), a.size(2), pos);
    },
  },
  {
    name: 'pwrite64', numbers: numbersOf('pwrite64'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'buf', type: 'string', len: 2 }, { name: 'count', type: 'uint' }, { name: 'offset', type: 'int' }],
    handler(ctx, a) {
      const pos = offsetArg(ctx, a, 3);
      if (pos < 0) return -EINVAL;
      const file = getFile(ctx, a.int(0));
      if (isErr(file)) return file;
      if (!file.ops.seekable) return -ESPIPE;
      return doWrite(ctx, file, a.ptr(1), a.size(2), pos);
    },
  },
  {
    name: 'lseek', numbers: numbersOf('lseek'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'offset', type: 'int' }, { name: 'whence', type: 'whence' }],
    handler(ctx, a) {
      const file = getFile(ctx, a.int(0));
      if (isErr(file)) return file;
      // i386 lseek takes a 32-bit off_t; larger results are EOVERFLOW there.
      const result = seekFile(file, a.i64(1), a.int(2) >>> 0);
      if (ctx.abi === 'i386' && result > 0x7fffffff) return -EOVERFLOW;
      return result;
    },
  },
  {
    // i386 _llseek(fd, offset_high, offset_low, loff_t *result, whence).
    name: '_llseek', numbers: numbersOf('_llseek'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'offset_high', type: 'uint' }, { name: 'offset_low', type: 'uint' }, { name: 'result', type: 'ptr' }, { name: 'whence', type: 'whence' }],
    handler(ctx, a) {
      const file = getFile(ctx, a.int(0));
      if (isErr(file)) return file;
      const offset = BigInt.asIntN(64, ((a.u64(1) & 0xffffffffn) << 32n) | (a.u64(2) & 0xffffffffn));
      const result = seekFile(file, offset, a.int(4) >>> 0);
      if (result < 0) return result;
      const out = new Uint8Array(8);
      new DataView(out.buffer).setBigInt64(0, BigInt(result), true);
      return putUser(ctx, a.ptr(3), out) || 0;
    },
  },
  {
    name: 'sendfile', numbers: numbersOf('sendfile'), classes: ['desc', 'network'],
    args: [{ name: 'out_fd', type: 'fd' }, { name: 'in_fd', type: 'fd' }, { name: 'offset', type: 'ptr' }, { name: 'count', type: 'uint' }],
    handler(ctx, a) {
      const out = getFile(ctx, a.int(0));
      const input = getFile(ctx, a.int(1));
      if (isErr(out) || isErr(input)) return -EBADF;
      if (!input.readable || !out.writable) return -EBADF;
      if (!input.ops.read || !out.ops.write) return -EINVAL;
      const offAddr = a.ptr(2);
      let pos = input.offset;
      if (offAddr !== 0) {
        if (!input.ops.seekable) return -ESPIPE;
        const raw = offAddr < 0 ? null : ctx.mem.read(offAddr, 8);
        if (!raw) return -EFAULT;
        const v = new DataView(raw.buffer, raw.byteOffset, 8).getBigInt64(0, true);
        if (v < 0n) return -EINVAL;
        pos = Number(v);
      }
      let chunk: Uint8Array | null = null;
      const got = input.ops.read(input, Math.min(a.size(3), 1 << 20), pos, (d) => ((chunk = d), d.length), callerOf(ctx, offAddr !== 0));
      if (isBlocked(got) || got <= 0) return got;
      const wrote = writeData(ctx, out, chunk!, null);
      if (isBlocked(wrote) || wrote < 0) return wrote;
      if (offAddr !== 0) {
        const o = new Uint8Array(8);
        new DataView(o.buffer).setBigInt64(0, BigInt(pos + wrote), true);
        if (putUser(ctx, offAddr, o)) return -EFAULT;
      } else if (input.ops.seekable) input.offset = pos + wrote;
      return wrote;
    },
  },
];

