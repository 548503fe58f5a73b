// struct stat and struct statx as each ABI lays them out, written little-endian.
//  - x86-64 (arch/x86/include/uapi/asm/stat.h, 144 bytes): dev, ino, nlink (8 each), mode, uid,
//    gid (4 each), pad, rdev, size, blksize, blocks (8 each), then atime/mtime/ctime as
//    (sec, nsec) pairs of 8 bytes, then 3 reserved longs.
//  - arm64 (include/uapi/asm-generic/stat.h, 128 bytes): dev, ino (8), mode, nlink, uid, gid (4),
//    rdev, pad (8), size (8), blksize (4), pad (4), blocks (8), times as 8+8, 2 reserved ints.
//  - i386 struct stat64 (arch/x86/include/uapi/asm/stat.h, 96 bytes, 4-byte alignment): dev (8),
//    pad (4), __st_ino (4), mode, nlink, uid, gid (4), rdev (8), pad (4), size (8), blksize (4),
//    blocks (8), times as 4+4, ino (8). The old i386 struct stat (64 bytes) uses 16-bit
//    mode/nlink/uid/gid and 32-bit everything else.
//  - struct statx (include/uapi/linux/stat.h, 256 bytes), the same on every ABI.

import type { SyscallAbi } from '../syscalls/types.js';
import type { FsStats, InodeAttrs } from './inode.js';

const big = (n: number): bigint => BigInt(Math.trunc(n));

export function statSize(abi: SyscallAbi): number {
  return abi === 'x86_64' ? 144 : abi === 'arm64' ? 128 : 96;
}

/** struct stat for `abi` (on i386 this is struct stat64, what stat64/fstat64/fstatat64 fill).
 *  `base` gives the bytes the padding keeps (i386 leaves it untouched); zeros otherwise. */
export function encodeStat(abi: SyscallAbi, a: InodeAttrs, base?: Uint8Array): Uint8Array {
  const out = new Uint8Array(statSize(abi));
  if (base) out.set(base.subarray(0, out.length));
  const v = new DataView(out.buffer);
  if (abi === 'x86_64') {
    v.setBigUint64(0, big(a.dev), true);
    v.setBigUint64(8, big(a.ino), true);
    v.setBigUint64(16, big(a.nlink), true);
    v.setUint32(24, a.mode, true);
    v.setUint32(28, a.uid, true);
    v.setUint32(32, a.gid, true);
    v.setBigUint64(40, big(a.rdev), true);
    v.setBigInt64(48, big(a.size), true);
    v.setBigInt64(56, big(a.blksize), true);
    v.setBigInt64(64, big(a.blocks), true);
    putTimes64(v, 72, a);
  } else if (abi === 'arm64') {
    v.setBigUint64(0, big(a.dev), true);
    v.setBigUint64(8, big(a.ino), true);
    v.setUint32(16, a.mode, true);
    v.setUint32(20, a.nlink, true);
    v.setUint32(24, a.uid, true);
    v.setUint32(28, a.gid, true);
    v.setBigUint64(32, big(a.rdev), true);
    v.setBigInt64(48, big(a.size), true);
    v.setInt32(56, a.blksize, true);
    v.setBigInt64(64, big(a.blocks), true);
    putTimes64(v, 72, a);
  } else {
    v.setBigUint64(0, big(a.dev), true);
    v.setUint32(12, a.ino >>> 0, true);
    v.setUint32(16, a.mode, true);
    v.setUint32(20, a.nlink, true);
    v.setUint32(24, a.uid, true);
    v.setUint32(28, a.gid, true);
    v.setBigUint64(32, big(a.rdev), true);
    v.setBigInt64(44, big(a.size), true);
    v.setUint32(52, a.blksize, true);
    v.setBigUint64(56, big(a.blocks), true);
    const times = [a.atime, a.mtime, a.ctime];
    times.forEach((t, i) => {
      v.setUint32(64 + i * 8, t.sec >>> 0, true);
      v.setUint32(68 + i * 8, t.nsec, true);
    });
    v.setBigUint64(88, big(a.ino), true);
  }
  return out;
}

/** The old i386 struct stat (stat 106, lstat 107, fstat 108): 64 bytes, 16-bit ids. */
export function encodeOldStat386(a: InodeAttrs): Uint8Array {
  const out = new Uint8Array(64);
  const v = new DataView(out.buffer);
  v.setUint32(0, a.dev >>> 0, true);
  v.setUint32(4, a.ino >>> 0, true);
  v.setUint16(8, a.mode & 0xffff, true);
  v.setUint16(10, Math.min(a.nlink, 0xffff), true);
  v.setUint16(12, a.uid & 0xffff, true);
  v.setUint16(14, a.gid & 0xffff, true);
  v.setUint32(16, a.rdev >>> 0, true);
  v.setUint32(20, a.size >>> 0, true);
  v.setUint32(24, a.blksize, true);
  v.setUint32(28, a.blocks >>> 0, true);
  [a.atime, a.mtime, a.ctime].forEach((t, i) => {
    v.setUint32(32 + i * 8, t.sec >>> 0, true);
    v.setUint32(36 + i * 8, t.nsec, true);
  });
  return out;
}

function putTimes64(v: DataView, at: number, a: InodeAttrs): void {
  [a.atime, a.mtime, a.ctime].forEach((t, i) => {
    v.setBigInt64(at + i * 16, big(t.sec), true);
    v.setBigInt64(at + i * 16 + 8, big(t.nsec), true);
  });
}

/** STATX_BASIC_STATS: type, mode, nlink, uid, gid, atime, mtime, ctime, ino, size, blocks. */
export const STATX_BASIC_STATS = 0x7ff;

const major = (dev: number): number => (dev >>> 8) & 0xfff;
const minor = (dev: number): number => (dev & 0xff) | ((dev >>> 12) & 0xfff00);

/** STATX_MNT_ID: stx_mnt_id is always filled (Linux 5.8+). */
export const STATX_MNT_ID = 0x1000;

export function encodeStatx(a: InodeAttrs, extra: { mntId?: number; attributes?: number; attributesMask?: number } = {}): Uint8Array {
  const out = new Uint8Array(256);
  const v = new DataView(out.buffer);
  v.setUint32(0, STATX_BASIC_STATS | STATX_MNT_ID, true);
  v.setUint32(4, a.blksize, true);
  v.setBigUint64(8, BigInt(extra.attributes ?? 0), true);
  v.setBigUint64(56, BigInt(extra.attributesMask ?? 0), true);
  v.setBigUint64(144, BigInt(extra.mntId ?? 0), true);
  v.setUint32(16, a.nlink, true);
  v.setUint32(20, a.uid, true);
  v.setUint32(24, a.gid, true);
  v.setUint16(28, a.mode, true);
  v.setBigUint64(32, big(a.ino), true);
  v.setBigUint64(40, big(a.size), true);
  v.setBigUint64(48, big(a.blocks), true);
  const put = (at: number, t: { sec: number; nsec: number }): void => {
    v.setBigInt64(at, big(t.sec), true);
    v.setUint32(at + 8, t.nsec, true);
  };
  put(64, a.atime);
  put(96, a.ctime);
  put(112, a.mtime);
  v.setUint32(128, major(a.rdev), true);
  v.setUint32(132, minor(a.rdev), true);
  v.setUint32(136, major(a.dev), true);
  v.setUint32(140, minor(a.dev), true);
  return out;
}

/** struct statfs for x86-64 and arm64 (both 64-bit words, 120 bytes; asm-generic/statfs.h):
 *  f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree, f_fsid (2 × int), f_namelen,
 *  f_frsize, f_flags, f_spare[4]. */
export function encodeStatfs(s: FsStats, flags: number): Uint8Array {
  const out = new Uint8Array(120);
  const v = new DataView(out.buffer);
  const words = [s.type, s.bsize, s.blocks, s.bfree, s.bavail, s.files, s.ffree];
  words.forEach((w, i) => v.setBigInt64(i * 8, big(w), true));
  v.setBigInt64(64, big(s.namelen), true);
  v.setBigInt64(72, big(s.bsize), true);
  v.setBigInt64(80, big(flags), true);
  return out;
}
