// fcntl's lock commands and flock(2) (fs/locks.c). struct flock as each ABI lays it out
// (include/uapi/asm-generic/fcntl.h): on x86-64 and arm64 l_type, l_whence (2 bytes each),
// l_start, l_len (8 each, from offset 8), l_pid (4) — 32 bytes; i386's struct flock has 32-bit
// l_start/l_len (16 bytes) and struct flock64 (F_*LK64, and the OFD commands) 64-bit ones at
// offsets 4 and 12 (24 bytes).

import type { SyscallContext } from '../context.js';
import { blocked, type Blocked, type SyscallDecl } from '../types.js';
import { numbersOf } from '../numbers.js';
import { EAGAIN, EBADF, EFAULT, EINVAL, EOVERFLOW, isErr } from '../../vfs/errno.js';
import { O_PATH, SEEK_CUR, SEEK_END, SEEK_SET } from '../../vfs/constants.js';
import type { OpenFile } from '../../vfs/file.js';
import { F_RDLCK, F_UNLCK, F_WRLCK, type LockOwner } from '../../vfs/locks.js';
import { lockKey } from '../../fs/kernel-fs.js';
import { getFile, kfsOf, putUser } from './fs-common.js';
import { fileSize } from './fs-rw.js';

export const F_GETLK = 5;
export const F_SETLK = 6;
export const F_SETLKW = 7;
export const F_GETLK64 = 12;
export const F_SETLK64 = 13;
export const F_SETLKW64 = 14;
export const F_OFD_GETLK = 36;
export const F_OFD_SETLK = 37;
export const F_OFD_SETLKW = 38;
export const LOCK_COMMANDS = new Set([F_GETLK, F_SETLK, F_SETLKW, F_GETLK64, F_SETLK64, F_SETLKW64, F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW]);

interface Flock {
  type: number;
  whence: number;
  start: bigint;
  len: bigint;
  pid: number;
}

type Layout = 'flock' | 'flock32' | 'flock64_32';

function layoutFor(ctx: SyscallContext, cmd: number): Layout {
  if (ctx.abi !== 'i386') return 'flock';
  return cmd === F_GETLK || cmd === F_SETLK || cmd === F_SETLKW ? 'flock32' : 'flock64_32';
}

const sizeOf = (l: Layout): number => (l === 'flock' ? 32 : l === 'flock32' ? 16 : 24);

function readFlock(ctx: SyscallContext, addr: number, layout: Layout): Flock | null {
  const raw = addr < 0 ? null : ctx.mem.read(addr, sizeOf(layout));
  if (!raw) return null;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const type = v.getInt16(0, true);
  const whence = v.getInt16(2, true);
  if (layout === 'flock') return { type, whence, start: v.getBigInt64(8, true), len: v.getBigInt64(16, true), pid: v.getInt32(24, true) };
  if (layout === 'flock32') return { type, whence, start: BigInt(v.getInt32(4, true)), len: BigInt(v.getInt32(8, true)), pid: v.getInt32(12, true) };
  return { type, whence, start: v.getBigInt64(4, true), len: v.getBigInt64(12, true), pid: v.getInt32(20, true) };
}

function writeFlock(ctx: SyscallContext, addr: number, layout: Layout, f: Flock): number {
  const current = addr < 0 ? null : ctx.mem.read(addr, sizeOf(layout));
  if (!current) return -EFAULT;
  const out = new Uint8Array(current);
  const v = new DataView(out.buffer);
  v.setInt16(0, f.type, true);
  v.setInt16(2, f.whence, true);
  if (layout === 'flock') {
    v.setBigInt64(8, f.start, true);
    v.setBigInt64(16, f.len, true);
    v.setInt32(24, f.pid, true);
  } else if (layout === 'flock32') {
    if (f.start > 0x7fffffffn || f.len > 0x7fffffffn) return -EOVERFLOW;
    v.setInt32(4, Number(f.start), true);
    v.setInt32(8, Number(f.len), true);
    v.setInt32(12, f.pid, true);
  } else {
    v.setBigInt64(4, f.start, true);
    v.setBigInt64(12, f.len, true);
    v.setInt32(20, f.pid, true);
  }
  return putUser(ctx, addr, out);
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** [start, end] of a struct flock (flock_to_posix_lock): l_len 0 is "to the end, however far";
 *  a negative l_len counts backwards from l_start. */
function rangeOf(file: OpenFile, f: Flock): { start: number; end: number } | number {
  let base: bigint;
  if (f.whence === SEEK_SET) base = 0n;
  else if (f.whence === SEEK_CUR) base = BigInt(file.offset);
  else if (f.whence === SEEK_END) base = BigInt(fileSize(file));
  else return -EINVAL;
  let start = base + f.start;
  if (start < 0n) return -EINVAL;
  let end: bigint;
  if (f.len > 0n) {
    end = start + f.len - 1n;
  } else if (f.len < 0n) {
    end = start - 1n;
    start += f.len;
    if (start < 0n) return -EINVAL;
  } else end = -1n;
  if (start > MAX || end > MAX) return -EOVERFLOW;
  return { start: Number(start), end: end < 0n ? Infinity : Number(end) };
}

/** fcntl(fd, F_*LK*, struct flock *). */
export function lockCommand(ctx: SyscallContext, file: OpenFile, cmd: number, arg: number): number | Blocked {
  const layout = layoutFor(ctx, cmd);
  const f = readFlock(ctx, arg, layout);
  if (!f) return -EFAULT;
  const ofd = cmd === F_OFD_GETLK || cmd === F_OFD_SETLK || cmd === F_OFD_SETLKW;
  // OFD locks need l_pid 0 (fcntl(2)).
  if (ofd && f.pid !== 0) return -EINVAL;
  const owner: LockOwner = ofd ? { kind: 'file', id: file.id } : { kind: 'process', pid: ctx.process.pid };
  const locks = kfsOf(ctx).locks;
  const key = lockKey(file);
  const getlk = cmd === F_GETLK || cmd === F_GETLK64 || cmd === F_OFD_GETLK;
  if (getlk) {
    if (f.type !== F_RDLCK && f.type !== F_WRLCK) return -EINVAL;
    const range = rangeOf(file, f);
    if (typeof range === 'number') return range;
    const c = locks.conflict(key, owner, f.type, range.start, range.end);
    if (!c) return writeFlock(ctx, arg, layout, { ...f, type: F_UNLCK });
    return writeFlock(ctx, arg, layout, {
      type: c.type, whence: SEEK_SET, start: BigInt(c.start), len: c.end === Infinity ? 0n : BigInt(c.end - c.start + 1),
      pid: c.owner.kind === 'process' ? c.owner.pid : -1,
    });
  }
  if (f.type !== F_RDLCK && f.type !== F_WRLCK && f.type !== F_UNLCK) return -EINVAL;
  if (file.flags & O_PATH) return -EBADF;
  if ((f.type === F_RDLCK && !file.readable) || (f.type === F_WRLCK && !file.writable)) return -EBADF;
  const range = rangeOf(file, f);
  if (typeof range === 'number') return range;
  if (f.type !== F_UNLCK && locks.conflict(key, owner, f.type, range.start, range.end)) {
    const wait = cmd === F_SETLKW || cmd === F_SETLKW64 || cmd === F_OFD_SETLKW;
    return wait ? blocked(locks.waitQueue(key)) : -EAGAIN;
  }
  locks.set(key, owner, f.type, range.start, range.end);
  if (ofd) releaseWithFile(file, () => locks.releaseOwner(key, owner));
  return 0;
}

/** Registers `release` once per open file description and purpose. */
function releaseWithFile(file: OpenFile, release: () => void, tag = 'ofd'): void {
  const marks = (file as unknown as { lockMarks?: Set<string> });
  marks.lockMarks ??= new Set();
  if (marks.lockMarks.has(tag)) return;
  marks.lockMarks.add(tag);
  file.onLastClose.push(release);
}

const LOCK_SH = 1;
const LOCK_EX = 2;
const LOCK_NB = 4;
const LOCK_UN = 8;
const LOCK_MAND = 32;

export const lockSyscalls: SyscallDecl[] = [
  {
    name: 'flock', numbers: numbersOf('flock'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'operation', type: 'hex' }],
    handler(ctx, a) {
      // sys_flock's order: LOCK_MAND (removed in 5.15, accepted and ignored), the operation,
      // then the descriptor (measured: flock(fd, 99) = 0).
      const op = a.int(1);
      if (op & LOCK_MAND) return 0;
      const kind = op & ~LOCK_NB;
      if (kind !== LOCK_SH && kind !== LOCK_EX && kind !== LOCK_UN) return -EINVAL;
      const file = getFile(ctx, a.int(0));
      if (isErr(file)) return file;
      if (file.flags & O_PATH) return -EBADF;
      const locks = kfsOf(ctx).locks;
      const key = lockKey(file);
      if (kind === LOCK_UN) {
        locks.flockRelease(key, file.id);
        return 0;
      }
      if (locks.flockConflicts(key, file.id, kind === LOCK_EX)) {
        return op & LOCK_NB ? -EAGAIN : blocked(locks.waitQueue(key));
      }
      locks.flockSet(key, file.id, kind === LOCK_EX);
      releaseWithFile(file, () => locks.flockRelease(key, file.id), 'flock');
      return 0;
    },
  },
];
