// Attribute changes beyond chmod: chown, fchown, lchown, fchownat and utimensat (fs/open.c
// chown_common, fs/utimes.c). A uid or gid of -1 leaves that id alone. Any chown of a
// non-directory — even one that changes nothing — drops its setuid bit, and its setgid bit when
// it is group-executable (ATTR_KILL_SUID/SGID; measured in fs-differential.test.ts). utimensat takes two timespecs (atime, mtime) whose tv_nsec may
// be UTIME_NOW or UTIME_OMIT; a NULL array means "now" for both; a NULL path (Linux's own
// extension, what futimens uses) means the file dirfd names.

import type { SyscallContext } from '../context.js';
import type { SyscallDecl } from '../types.js';
import { numbersOf } from '../numbers.js';
import { EFAULT, EINVAL, EPERM, isErr } from '../../vfs/errno.js';
import { AT_EMPTY_PATH, AT_FDCWD, AT_SYMLINK_NOFOLLOW, S_IFMT, S_IFDIR, S_ISGID, S_ISUID } from '../../vfs/constants.js';
import type { Path } from '../../vfs/dentry.js';
import type { AttrChange, Timespec } from '../../vfs/inode.js';
import { envOf, fdPath, getFile, kfsOf, readPath, startDir } from './fs-common.js';

const UTIME_NOW = (1 << 30) - 1;
const UTIME_OMIT = (1 << 30) - 2;

/** Resolves (dirfd, path, flags) to a place; an empty path needs AT_EMPTY_PATH. */
export function placeOf(ctx: SyscallContext, dirfd: number, pathAddr: number, flags: number, nullMeansFd: boolean): Path | number {
  if (nullMeansFd && pathAddr === 0) return fdPath(ctx, dirfd);
  const path = readPath(ctx, pathAddr, (flags & AT_EMPTY_PATH) !== 0);
  if (isErr(path)) return path;
  if (path === '') return fdPath(ctx, dirfd);
  const start = startDir(ctx, dirfd, path);
  if (isErr(start)) return start;
  return kfsOf(ctx).vfs.lookup(envOf(ctx), start, path, (flags & AT_SYMLINK_NOFOLLOW) === 0);
}

function chownPlace(ctx: SyscallContext, place: Path, uid: number, gid: number): number {
  const inode = place.dentry.inode;
  const creds = ctx.process.creds;
  const change: AttrChange = {};
  if (uid !== -1) change.uid = uid >>> 0;
  if (gid !== -1) change.gid = gid >>> 0;
  // Without privilege: the owner may only change the group, to one of their own (chown(2)).
  if (creds.fsuid !== 0) {
    const attrs = inode.getattr();
    if (isErr(attrs)) return attrs;
    if (change.uid !== undefined && change.uid !== attrs.uid) return -EPERM;
    if (change.gid !== undefined && change.gid !== attrs.gid) {
      if (creds.fsuid !== attrs.uid || (change.gid !== creds.fsgid && !creds.groups.includes(change.gid))) return -EPERM;
    }
  }
  // chown_common asks to drop the bits on every non-directory, even for chown(f, -1, -1).
  if ((inode.mode & S_IFMT) !== S_IFDIR) {
    let mode = inode.mode & 0o7777;
    mode &= ~S_ISUID;
    if (mode & 0o010) mode &= ~S_ISGID;
    if (mode !== (inode.mode & 0o7777)) change.mode = mode;
  }
  return kfsOf(ctx).vfs.setattrAt(envOf(ctx), place, change);
}

function chownAt(ctx: SyscallContext, dirfd: number, pathAddr: number, uid: number, gid: number, flags: number): number {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  const place = placeOf(ctx, dirfd, pathAddr, flags, false);
  if (isErr(place)) return place;
  return chownPlace(ctx, place as Path, uid, gid);
}

/** Reads utimensat's two timespecs (16 bytes each; 8 on i386). */
function readTimes(ctx: SyscallContext, addr: number, now: Timespec): { atime?: Timespec; mtime?: Timespec } | number {
  if (addr === 0) return { atime: now, mtime: now };
  const wide = ctx.abi !== 'i386';
  const raw = addr < 0 ? null : ctx.mem.read(addr, wide ? 32 : 16);
  if (!raw) return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: { atime?: Timespec; mtime?: Timespec } = {};
  for (const [i, key] of [[0, 'atime'], [1, 'mtime']] as const) {
    const sec = wide ? Number(v.getBigInt64(i * 16, true)) : v.getInt32(i * 8, true);
    const nsec = wide ? Number(v.getBigInt64(i * 16 + 8, true)) : v.getInt32(i * 8 + 4, true);
    if (nsec === UTIME_OMIT) continue;
    if (nsec === UTIME_NOW) out[key] = now;
    else if (nsec < 0 || nsec >= 1e9) return -EINVAL;
    else out[key] = { sec, nsec };
  }
  return out;
}

export const attrSyscalls: SyscallDecl[] = [
  {
    name: 'chown', numbers: numbersOf('chown', { i386: 'chown32' }), classes: ['file'],
    args: [{ name: 'pathname', type: 'path' }, { name: 'owner', type: 'int' }, { name: 'group', type: 'int' }],
    handler: (ctx, a) => chownAt(ctx, AT_FDCWD, a.ptr(0), a.int(1), a.int(2), 0),
  },
  {
    name: 'lchown', numbers: numbersOf('lchown', { i386: 'lchown32' }), classes: ['file'],
    args: [{ name: 'pathname', type: 'path' }, { name: 'owner', type: 'int' }, { name: 'group', type: 'int' }],
    handler: (ctx, a) => chownAt(ctx, AT_FDCWD, a.ptr(0), a.int(1), a.int(2), AT_SYMLINK_NOFOLLOW),
  },
  {
    name: 'fchownat', numbers: numbersOf('fchownat'), classes: ['desc', 'file'],
    args: [{ name: 'dirfd', type: 'dirfd' }, { name: 'pathname', type: 'path' }, { name: 'owner', type: 'int' }, { name: 'group', type: 'int' }, { name: 'flags', type: 'atflags' }],
    handler: (ctx, a) => chownAt(ctx, a.int(0), a.ptr(1), a.int(2), a.int(3), a.int(4)),
  },
  {
    name: 'fchown', numbers: numbersOf('fchown', { i386: 'fchown32' }), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'owner', type: 'int' }, { name: 'group', type: 'int' }],
    handler(ctx, a) {
      const file = getFile(ctx, a.int(0));
      if (isErr(file)) return file;
      return chownPlace(ctx, file.path, a.int(1), a.int(2));
    },
  },
  {
    name: 'utimensat', numbers: numbersOf('utimensat'), classes: ['desc', 'file'],
    args: [{ name: 'dirfd', type: 'dirfd' }, { name: 'pathname', type: 'path' }, { name: 'times', type: 'ptr' }, { name: 'flags', type: 'atflags' }],
    handler(ctx, a) {
      const flags = a.int(3);
      if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
      const kfs = kfsOf(ctx);
      const times = readTimes(ctx, a.ptr(2), kfs.vfs.now());
      if (typeof times === 'number') return times;
      const dirfd = a.int(0);
      // utimensat(fd, NULL, …) is futimens(fd); with AT_FDCWD it is EFAULT.
      if (a.ptr(1) === 0 && dirfd === AT_FDCWD) return -EFAULT;
      const place = placeOf(ctx, dirfd, a.ptr(1), flags, true);
      if (isErr(place)) return place;
      if (!times.atime && !times.mtime) return 0;
      return kfs.vfs.setattrAt(envOf(ctx), place as Path, times);
    },
  },
];
