// stat, fstat, lstat, newfstatat (+ i386 stat64 family), statx, access, faccessat,
// faccessat2, readlink, readlinkat, getdents, getdents64 (fs/stat.c, fs/open.c, fs/readdir.c).
// struct stat is written in the caller's ABI layout (stat-layout.ts).

import type { SyscallContext } from '../context.js';
import type { SyscallArgs, SyscallDecl } from '../types.js';
import { numbersOf } from '../numbers.js';
import { EFAULT, EINVAL, ENOENT, ENOTDIR, isErr, type Err } from '../../vfs/errno.js';
import {
  AT_EACCESS, AT_EMPTY_PATH, AT_FDCWD, AT_NO_AUTOMOUNT, AT_STATX_SYNC_TYPE, AT_SYMLINK_NOFOLLOW,
} from '../../vfs/constants.js';
import type { DirEntry, FsStats, InodeAttrs } from '../../vfs/inode.js';
import type { Path } from '../../vfs/dentry.js';
import type { OpenFile } from '../../vfs/file.js';
import { encodeOldStat386, encodeStat, encodeStatfs, encodeStatx } from '../../vfs/stat-layout.js';
import { encodeDirents } from '../../vfs/dirent-layout.js';
import { envOf, fdPath, getFile, kfsOf, latin1, putUser, readPath, startDir } from './fs-common.js';

type StatKind = 'native' | 'old386';

function attrsOfFile(file: OpenFile): InodeAttrs | Err {
  return file.ops.getattr ? file.ops.getattr(file) : file.inode.getattr();
}

function writeStat(ctx: SyscallContext, addr: number, attrs: InodeAttrs | Err, kind: StatKind): number {
  if (isErr(attrs)) return attrs;
  if (kind === 'native' && ctx.abi === 'i386') {
    // The compat cp_stat64 stores field by field and leaves the padding as it was (measured):
    // start from the caller's bytes.
    const current = addr < 0 ? null : ctx.mem.read(addr, 96);
    if (!current) return -EFAULT;
    return putUser(ctx, addr, encodeStat(ctx.abi, attrs, current));
  }
  const bytes = kind === 'old386' ? encodeOldStat386(attrs) : encodeStat(ctx.abi, attrs);
  return putUser(ctx, addr, bytes);
}

/** stat/lstat/newfstatat on a path (vfs_statx). `flags` are AT_* flags. */
function statAt(ctx: SyscallContext, dirfd: number, pathAddr: number, flags: number): InodeAttrs | Err {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) return -EINVAL;
  const emptyOk = (flags & AT_EMPTY_PATH) !== 0;
  // With AT_EMPTY_PATH a NULL path means "" (Linux 6.11+).
  const path = emptyOk && pathAddr === 0 ? '' : readPath(ctx, pathAddr, emptyOk);
  if (isErr(path)) return path;
  if (path === '') {
    if (dirfd === AT_FDCWD) return cwdAttrs(ctx);
    const file = getFile(ctx, dirfd);
    if (isErr(file)) return file;
    return attrsOfFile(file);
  }
  const start = startDir(ctx, dirfd, path);
  if (isErr(start)) return start;
  return kfsOf(ctx).vfs.stat(envOf(ctx), start, path, (flags & AT_SYMLINK_NOFOLLOW) === 0);
}

function cwdAttrs(ctx: SyscallContext): InodeAttrs | Err {
  const place = fdPath(ctx, AT_FDCWD);
  return isErr(place) ? place : place.dentry.inode.getattr();
}

function statHandler(flags: number, kind: StatKind) {
  return (ctx: SyscallContext, a: SyscallArgs) => writeStat(ctx, a.ptr(1), statAt(ctx, AT_FDCWD, a.ptr(0), flags), kind);
}

function fstatHandler(kind: StatKind) {
  return (ctx: SyscallContext, a: SyscallArgs) => {
    const file = getFile(ctx, a.int(0));
    if (isErr(file)) return file;
    return writeStat(ctx, a.ptr(1), attrsOfFile(file), kind);
  };
}

function fstatatHandler(ctx: SyscallContext, a: SyscallArgs): number {
  const dirfd = a.int(0);
  const flags = a.int(3);
  const pathAddr = a.ptr(1);
  // fstatat(AT_FDCWD, "", …, AT_EMPTY_PATH) is the cwd itself.
  if (dirfd === AT_FDCWD && flags & AT_EMPTY_PATH) {
    const path = pathAddr === 0 ? '' : readPath(ctx, pathAddr, true);
    if (path === '') return writeStat(ctx, a.ptr(2), cwdAttrs(ctx), 'native');
  }
  return writeStat(ctx, a.ptr(2), statAt(ctx, dirfd, pathAddr, flags), 'native');
}

/** Old i386 stat for 106/107/108 only; everything else uses the ABI's struct stat. */
const oldOn386 = (abi: string): StatKind => (abi === 'i386' ? 'old386' : 'native');

function accessAt(ctx: SyscallContext, dirfd: number, pathAddr: number, mode: number, flags: number): number {
  if (mode & ~7) return -EINVAL;
  if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  const emptyOk = (flags & AT_EMPTY_PATH) !== 0;
  const path = readPath(ctx, pathAddr, emptyOk);
  if (isErr(path)) return path;
  const kfs = kfsOf(ctx);
  if (path === '') {
    const place = fdPath(ctx, dirfd);
    if (isErr(place)) return place;
    return kfs.vfs.accessPlace(envOf(ctx), place, mode);
  }
  const start = startDir(ctx, dirfd, path);
  if (isErr(start)) return start;
  return kfs.vfs.access(envOf(ctx), start, path, mode, (flags & AT_SYMLINK_NOFOLLOW) === 0);
}

function readlinkAt(ctx: SyscallContext, dirfd: number, pathAddr: number, buf: number, size: number): number {
  if (size <= 0) return -EINVAL;
  const path = readPath(ctx, pathAddr, true);
  if (isErr(path)) return path;
  const kfs = kfsOf(ctx);
  let text: string | Err;
  if (path === '') {
    // readlinkat(fd, "") reads the link an O_PATH|O_NOFOLLOW descriptor names.
    const file = dirfd === AT_FDCWD ? null : getFile(ctx, dirfd);
    if (!file || isErr(file) || !file.inode.isSymlink()) return -ENOENT;
    text = file.inode.readlink();
  } else {
    const start = startDir(ctx, dirfd, path);
    if (isErr(start)) return start;
    text = kfs.vfs.readlink(envOf(ctx), start, path);
  }
  if (isErr(text)) return text;
  const bytes = latin1(text).subarray(0, Math.min(size, text.length));
  return putUser(ctx, buf, bytes) || bytes.length;
}

function getdents(ctx: SyscallContext, fd: number, buf: number, count: number, kind: 'dirent64' | 'dirent'): number {
  const file = getFile(ctx, fd);
  if (isErr(file)) return file;
  if (!file.inode.isDir()) return -ENOTDIR;
  // A removed directory lists nothing: ENOENT (iterate_dir, IS_DEADDIR).
  if (file.path.dentry.deleted) return -ENOENT;
  // Filesystems without stable positions (hostfs, procfs) are listed from a snapshot taken at
  // the start (offset 0), so removing entries between calls (rm -r) does not shift the rest.
  const snapshot = file.offset !== 0 ? (file.dirSnapshot as DirEntry[] | undefined) : undefined;
  const entries = snapshot ?? file.inode.readdir();
  if (isErr(entries)) return entries;
  if (!snapshot) file.dirSnapshot = entries.some((e) => e.pos === undefined) ? entries : undefined;
  const layout = kind === 'dirent' && ctx.abi === 'i386' ? 'dirent32' : kind;
  // Each entry's position; resume at the first entry at or after the file's offset.
  const posOf = (i: number): number => entries[i]!.pos ?? i;
  let start = 0;
  while (start < entries.length && posOf(start) < file.offset) start++;
  if (start >= entries.length) return 0;
  const nextPos = (i: number): number => (i + 1 < entries.length ? posOf(i + 1) : posOf(i) + 1);
  const { bytes, count: n } = encodeDirents(layout, entries, start, Math.min(count, 1 << 20), nextPos);
  // Not even one record fits: EINVAL (getdents(2) "Result buffer is too small").
  if (n === 0) return -EINVAL;
  const err = putUser(ctx, buf, bytes);
  if (err) return err;
  file.offset = nextPos(start + n - 1);
  return bytes.length;
}

export const statSyscalls: SyscallDecl[] = [
  {
    name: 'stat', numbers: numbersOf('stat'), classes: ['file', 'stat'],
    args: [{ name: 'pathname', type: 'path' }, { name: 'statbuf', type: 'stat' }],
    handler: (ctx, a) => statHandler(0, oldOn386(ctx.abi))(ctx, a),
  },
  {
    name: 'lstat', numbers: numbersOf('lstat'), classes: ['file', 'stat'],
    args: [{ name: 'pathname', type: 'path' }, { name: 'statbuf', type: 'stat' }],
    handler: (ctx, a) => statHandler(AT_SYMLINK_NOFOLLOW, oldOn386(ctx.abi))(ctx, a),
  },
  {
    name: 'fstat', numbers: numbersOf('fstat'), classes: ['desc', 'stat'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'statbuf', type: 'stat' }],
    handler: (ctx, a) => fstatHandler(oldOn386(ctx.abi))(ctx, a),
  },
  {
    name: 'stat64', numbers: numbersOf('stat64'), classes: ['file', 'stat'],
    args: [{ name: 'pathname', type: 'path' }, { name: 'statbuf', type: 'stat' }],
    handler: statHandler(0, 'native'),
  },
  {
    name: 'lstat64', numbers: numbersOf('lstat64'), classes: ['file', 'stat'],
    args: [{ name: 'pathname', type: 'path' }, { name: 'statbuf', type: 'stat' }],
    handler: statHandler(AT_SYMLINK_NOFOLLOW, 'native'),
  },
  {
    name: 'fstat64', numbers: numbersOf('fstat64'), classes: ['desc', 'stat'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'statbuf', type: 'stat' }],
    handler: fstatHandler('native'),
  },
  {
    name: 'newfstatat', numbers: numbersOf('newfstatat', { i386: 'fstatat64' }), classes: ['desc', 'file', 'stat'],
    args: [{ name: 'dirfd', type: 'dirfd' }, { name: 'pathname', type: 'path' }, { name: 'statbuf', type: 'stat' }, { name: 'flags', type: 'atflags' }],
    handler: fstatatHandler,
  },
  {
    name: 'statx', numbers: numbersOf('statx'), classes: ['desc', 'file', 'stat'],
    args: [{ name: 'dirfd', type: 'dirfd' }, { name: 'pathname', type: 'path' }, { name: 'flags', type: 'atflags' }, { name: 'mask', type: 'hex' }, { name: 'statxbuf', type: 'ptr' }],
    handler(ctx, a) {
      const dirfd = a.int(0);
      const flags = a.int(2);
      // STATX__RESERVED (bit 31) in the mask is EINVAL.
      if (a.int(3) & 0x80000000) return -EINVAL;
      if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) return -EINVAL;
      if ((flags & AT_STATX_SYNC_TYPE) === AT_STATX_SYNC_TYPE) return -EINVAL;
      const pathAddr = a.ptr(1);
      const path = flags & AT_EMPTY_PATH && pathAddr === 0 ? '' : readPath(ctx, pathAddr, (flags & AT_EMPTY_PATH) !== 0);
      if (isErr(path)) return path;
      let place: Path | Err;
      let attrs: InodeAttrs | Err;
      if (path === '') {
        if (dirfd === AT_FDCWD) place = fdPath(ctx, dirfd);
        else {
          const file = getFile(ctx, dirfd);
          if (isErr(file)) return file;
          place = file.path;
          attrs = attrsOfFile(file);
        }
      } else {
        const start = startDir(ctx, dirfd, path);
        if (isErr(start)) return start;
        place = kfsOf(ctx).vfs.lookup(envOf(ctx), start, path, (flags & AT_SYMLINK_NOFOLLOW) === 0);
      }
      if (isErr(place)) return place;
      attrs ??= place.dentry.inode.getattr();
      if (isErr(attrs)) return attrs;
      // Linux adds what the VFS always knows: the mount id, and which attribute flags the
      // filesystem can report (tmpfs: append, immutable, nodump) plus automount, mount-root, DAX.
      const tmpfsLike = place.mnt.sb.fsType === 'tmpfs' || place.mnt.sb.fsType === 'rootfs' || place.mnt.sb.fsType === 'devtmpfs';
      return putUser(ctx, a.ptr(4), encodeStatx(attrs, {
        mntId: place.mnt.id,
        attributesMask: STATX_ATTR_AUTOMOUNT | STATX_ATTR_MOUNT_ROOT | STATX_ATTR_DAX | (tmpfsLike ? 0x70 : 0),
        attributes: place.dentry === place.mnt.root ? STATX_ATTR_MOUNT_ROOT : 0,
      }));
    },
  },
  {
    name: 'access', numbers: numbersOf('access'), classes: ['file'],
    args: [{ name: 'pathname', type: 'path' }, { name: 'mode', type: 'accessmode' }],
    handler: (ctx, a) => accessAt(ctx, AT_FDCWD, a.ptr(0), a.int(1), 0),
  },
  {
    name: 'faccessat', numbers: numbersOf('faccessat'), classes: ['desc', 'file'],
    args: [{ name: 'dirfd', type: 'dirfd' }, { name: 'pathname', type: 'path' }, { name: 'mode', type: 'accessmode' }],
    handler: (ctx, a) => accessAt(ctx, a.int(0), a.ptr(1), a.int(2), 0),
  },
  {
    name: 'faccessat2', numbers: numbersOf('faccessat2'), classes: ['desc', 'file'],
    args: [{ name: 'dirfd', type: 'dirfd' }, { name: 'pathname', type: 'path' }, { name: 'mode', type: 'accessmode' }, { name: 'flags', type: 'atflags' }],
    handler: (ctx, a) => accessAt(ctx, a.int(0), a.ptr(1), a.int(2), a.int(3)),
  },
  {
    name: 'readlink', numbers: numbersOf('readlink'), classes: ['file'],
    args: [{ name: 'pathname', type: 'path' }, { name: 'buf', type: 'outstring' }, { name: 'bufsiz', type: 'uint' }],
    handler: (ctx, a) => readlinkAt(ctx, AT_FDCWD, a.ptr(0), a.ptr(1), a.int(2)),
  },
  {
    name: 'readlinkat', numbers: numbersOf('readlinkat'), classes: ['desc', 'file'],
    args: [{ name: 'dirfd', type: 'dirfd' }, { name: 'pathname', type: 'path' }, { name: 'buf', type: 'outstring' }, { name: 'bufsiz', type: 'uint' }],
    handler: (ctx, a) => readlinkAt(ctx, a.int(0), a.ptr(1), a.ptr(2), a.int(3)),
  },
  {
    name: 'getdents64', numbers: numbersOf('getdents64'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'dirp', type: 'dirents' }, { name: 'count', type: 'uint' }],
    handler: (ctx, a) => getdents(ctx, a.int(0), a.ptr(1), a.int(2) >>> 0, 'dirent64'),
  },
  {
    name: 'getdents', numbers: numbersOf('getdents'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'dirp', type: 'dirents' }, { name: 'count', type: 'uint' }],
    handler: (ctx, a) => getdents(ctx, a.int(0), a.ptr(1), a.int(2) >>> 0, 'dirent'),
  },
];

const STATX_ATTR_AUTOMOUNT = 0x1000;
const STATX_ATTR_MOUNT_ROOT = 0x2000;
const STATX_ATTR_DAX = 0x200000;

/** statfs f_flags (include/linux/statfs.h): ST_VALID on every filesystem, ST_RELATIME on the
 *  mounted ones (Linux's default mount option, measured), ST_RDONLY on read-only mounts. */
const ST_RDONLY = 0x1;
const ST_VALID = 0x20;
const ST_RELATIME = 0x1000;

function statfsOf(place: Path): { stats: FsStats | Err; flags: number } {
  const sb = place.mnt.sb;
  const stats: FsStats | Err = sb.statfs?.() ?? {
    type: sb.magic ?? 0x01021994, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, namelen: 255,
  };
  // pipefs is never mounted, so it has no mount options (measured: f_flags 0x20 on a pipe).
  const flags = ST_VALID | (sb.fsType === 'pipefs' ? 0 : ST_RELATIME) | (place.mnt.isReadOnly ? ST_RDONLY : 0);
  return { stats, flags };
}

function writeStatfs(ctx: SyscallContext, addr: number, place: Path | Err): number {
  if (isErr(place)) return place;
  const { stats, flags } = statfsOf(place);
  if (isErr(stats)) return stats;
  return putUser(ctx, addr, encodeStatfs(stats, flags));
}

export const statfsSyscalls: SyscallDecl[] = [
  {
    // i386's statfs/fstatfs use 32-bit words (and statfs64 another layout): not provided there.
    name: 'statfs', numbers: numbersOf('statfs', { i386: null }), classes: ['file'],
    args: [{ name: 'path', type: 'path' }, { name: 'buf', type: 'ptr' }],
    handler(ctx, a) {
      const path = readPath(ctx, a.ptr(0));
      if (isErr(path)) return path;
      const start = startDir(ctx, AT_FDCWD, path);
      if (isErr(start)) return start;
      return writeStatfs(ctx, a.ptr(1), kfsOf(ctx).vfs.lookup(envOf(ctx), start, path, true));
    },
  },
  {
    name: 'fstatfs', numbers: numbersOf('fstatfs', { i386: null }), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'buf', type: 'ptr' }],
    handler(ctx, a) {
      const file = getFile(ctx, a.int(0));
      if (isErr(file)) return file;
      return writeStatfs(ctx, a.ptr(1), file.path);
    },
  },
];
