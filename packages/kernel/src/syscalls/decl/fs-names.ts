// Calls that change or query the name space: mkdir(at), rmdir, unlink(at), rename(at/at2),
// link(at), symlink(at), mknod(at), getcwd, chdir, fchdir, truncate, umask, chmod, fchmod,
// fchmodat (fs/namei.c, fs/d_path.c, fs/open.c). The VFS does the work; these read the
// arguments, pick the start directories and check flags.

import type { SyscallContext } from '../context.js';
import type { SyscallDecl } from '../types.js';
import { numbersOf } from '../numbers.js';
import { EBADF, EINVAL, ENOENT, ENOTDIR, ERANGE, isErr } from '../../vfs/errno.js';
import { AT_EMPTY_PATH, AT_FDCWD, AT_REMOVEDIR, AT_SYMLINK_FOLLOW } from '../../vfs/constants.js';
import { MAY_EXEC, permission } from '../../vfs/permission.js';
import { envOf, filesOf, fsOf, getFile, kfsOf, latin1, putUser, readPath, startDir } from './fs-common.js';

/** Reads a path and finds its start directory; then runs `op`. */
function atPath(ctx: SyscallContext, dirfd: number, pathAddr: number, op: (start: import('../../vfs/dentry.js').Path, path: string) => number): number {
  const path = readPath(ctx, pathAddr);
  if (isErr(path)) return path;
  const start = startDir(ctx, dirfd, path);
  if (isErr(start)) return start;
  return op(start, path);
}

const vfs = (ctx: SyscallContext) => kfsOf(ctx).vfs;

function mkdirAt(ctx: SyscallContext, dirfd: number, pathAddr: number, mode: number): number {
  return atPath(ctx, dirfd, pathAddr, (start, path) => vfs(ctx).mkdir(envOf(ctx), start, path, mode, fsOf(ctx).umask));
}

function mknodAt(ctx: SyscallContext, dirfd: number, pathAddr: number, mode: number, dev: number): number {
  return atPath(ctx, dirfd, pathAddr, (start, path) => vfs(ctx).mknod(envOf(ctx), start, path, mode, dev, fsOf(ctx).umask));
}

function unlinkAt(ctx: SyscallContext, dirfd: number, pathAddr: number, flags: number): number {
  if (flags & ~AT_REMOVEDIR) return -EINVAL;
  return atPath(ctx, dirfd, pathAddr, (start, path) =>
    flags & AT_REMOVEDIR ? vfs(ctx).rmdir(envOf(ctx), start, path) : vfs(ctx).unlink(envOf(ctx), start, path));
}

function renameAt(ctx: SyscallContext, olddirfd: number, oldAddr: number, newdirfd: number, newAddr: number, flags: number): number {
  const oldPath = readPath(ctx, oldAddr);
  if (isErr(oldPath)) return oldPath;
  const newPath = readPath(ctx, newAddr);
  if (isErr(newPath)) return newPath;
  const oldStart = startDir(ctx, olddirfd, oldPath);
  if (isErr(oldStart)) return oldStart;
  const newStart = startDir(ctx, newdirfd, newPath);
  if (isErr(newStart)) return newStart;
  return vfs(ctx).rename(envOf(ctx), oldStart, oldPath, newStart, newPath, flags);
}

function linkAt(ctx: SyscallContext, olddirfd: number, oldAddr: number, newdirfd: number, newAddr: number, flags: number): number {
  if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  const oldPath = readPath(ctx, oldAddr, (flags & AT_EMPTY_PATH) !== 0);
  if (isErr(oldPath)) return oldPath;
  const newPath = readPath(ctx, newAddr);
  if (isErr(newPath)) return newPath;
  const newStart = startDir(ctx, newdirfd, newPath);
  if (isErr(newStart)) return newStart;
  if (oldPath === '') {
    // linkat(fd, "", …, AT_EMPTY_PATH): link the open file itself.
    const file = getFile(ctx, olddirfd);
    if (isErr(file)) return file;
    return vfs(ctx).linkPlace(envOf(ctx), file.path, newStart, newPath);
  }
  const oldStart = startDir(ctx, olddirfd, oldPath);
  if (isErr(oldStart)) return oldStart;
  return vfs(ctx).link(envOf(ctx), oldStart, oldPath, newStart, newPath, (flags & AT_SYMLINK_FOLLOW) !== 0);
}

function symlinkAt(ctx: SyscallContext, targetAddr: number, dirfd: number, pathAddr: number): number {
  const target = readPath(ctx, targetAddr, true);
  if (isErr(target)) return target;
  return atPath(ctx, dirfd, pathAddr, (start, path) => vfs(ctx).symlink(envOf(ctx), target, start, path));
}

function chmodAt(ctx: SyscallContext, dirfd: number, pathAddr: number, mode: number): number {
  return atPath(ctx, dirfd, pathAddr, (start, path) => vfs(ctx).chmod(envOf(ctx), start, path, mode, true));
}

export const nameSyscalls: SyscallDecl[] = [
  {
    name: 'mkdir', numbers: numbersOf('mkdir'), classes: ['file'],
    args: [{ name: 'pathname', type: 'path' }, { name: 'mode', type: 'mode' }],
    handler: (ctx, a) => mkdirAt(ctx, AT_FDCWD, a.ptr(0), a.int(1)),
  },
  {
    name: 'mkdirat', numbers: numbersOf('mkdirat'), classes: ['desc', 'file'],
    args: [{ name: 'dirfd', type: 'dirfd' }, { name: 'pathname', type: 'path' }, { name: 'mode', type: 'mode' }],
    handler: (ctx, a) => mkdirAt(ctx, a.int(0), a.ptr(1), a.int(2)),
  },
  {
    name: 'mknod', numbers: numbersOf('mknod'), classes: ['file'],
    args: [{ name: 'pathname', type: 'path' }, { name: 'mode', type: 'mode' }, { name: 'dev', type: 'hex' }],
    handler: (ctx, a) => mknodAt(ctx, AT_FDCWD, a.ptr(0), a.int(1), a.int(2)),
  },
  {
    name: 'mknodat', numbers: numbersOf('mknodat'), classes: ['desc', 'file'],
    args: [{ name: 'dirfd', type: 'dirfd' }, { name: 'pathname', type: 'path' }, { name: 'mode', type: 'mode' }, { name: 'dev', type: 'hex' }],
    handler: (ctx, a) => mknodAt(ctx, a.int(0), a.ptr(1), a.int(2), a.int(3)),
  },
  {
    name: 'rmdir', numbers: numbersOf('rmdir'), classes: ['file'],
    args: [{ name: 'pathname', type: 'path' }],
    handler: (ctx, a) => unlinkAt(ctx, AT_FDCWD, a.ptr(0), AT_REMOVEDIR),
  },
  {
    name: 'unlink', numbers: numbersOf('unlink'), classes: ['file'],
    args: [{ name: 'pathname', type: 'path' }],
    handler: (ctx, a) => unlinkAt(ctx, AT_FDCWD, a.ptr(0), 0),
  },
  {
    name: 'unlinkat', numbers: numbersOf('unlinkat'), classes: ['desc', 'file'],
    args: [{ name: 'dirfd', type: 'dirfd' }, { name: 'pathname', type: 'path' }, { name: 'flags', type: 'atflags' }],
    handler: (ctx, a) => unlinkAt(ctx, a.int(0), a.ptr(1), a.int(2)),
  },
  {
    name: 'rename', numbers: numbersOf('rename'), classes: ['file'],
    args: [{ name: 'oldpath', type: 'path' }, { name: 'newpath', type: 'path' }],
    handler: (ctx, a) => renameAt(ctx, AT_FDCWD, a.ptr(0), AT_FDCWD, a.ptr(1), 0),
  },
  {
    name: 'renameat', numbers: numbersOf('renameat'), classes: ['desc', 'file'],
    args: [{ name: 'olddirfd', type: 'dirfd' }, { name: 'oldpath', type: 'path' }, { name: 'newdirfd', type: 'dirfd' }, { name: 'newpath', type: 'path' }],
    handler: (ctx, a) => renameAt(ctx, a.int(0), a.ptr(1), a.int(2), a.ptr(3), 0),
  },
  {
    name: 'renameat2', numbers: numbersOf('renameat2'), classes: ['desc', 'file'],
    args: [{ name: 'olddirfd', type: 'dirfd' }, { name: 'oldpath', type: 'path' }, { name: 'newdirfd', type: 'dirfd' }, { name: 'newpath', type: 'path' }, { name: 'flags', type: 'hex' }],
    handler: (ctx, a) => renameAt(ctx, a.int(0), a.ptr(1), a.int(2), a.ptr(3), a.int(4) >>> 0),
  },
  {
    name: 'link', numbers: numbersOf('link'), classes: ['file'],
    args: [{ name: 'oldpath', type: 'path' }, { name: 'newpath', type: 'path' }],
    handler: (ctx, a) => linkAt(ctx, AT_FDCWD, a.ptr(0), AT_FDCWD, a.ptr(1), 0),
  },
  {
    name: 'linkat', numbers: numbersOf('linkat'), classes: ['desc', 'file'],
    args: [{ name: 'olddirfd', type: 'dirfd' }, { name: 'oldpath', type: 'path' }, { name: 'newdirfd', type: 'dirfd' }, { name: 'newpath', type: 'path' }, { name: 'flags', type: 'atflags' }],
    handler: (ctx, a) => linkAt(ctx, a.int(0), a.ptr(1), a.int(2), a.ptr(3), a.int(4)),
  },
  {
    name: 'symlink', numbers: numbersOf('symlink'), classes: ['file'],
    args: [{ name: 'target', type: 'path' }, { name: 'linkpath', type: 'path' }],
    handler: (ctx, a) => symlinkAt(ctx, a.ptr(0), AT_FDCWD, a.ptr(1)),
  },
  {
    name: 'symlinkat', numbers: numbersOf('symlinkat'), classes: ['desc', 'file'],
    args: [{ name: 'target', type: 'path' }, { name: 'newdirfd', type: 'dirfd' }, { name: 'linkpath', type: 'path' }],
    handler: (ctx, a) => symlinkAt(ctx, a.ptr(0), a.int(1), a.ptr(2)),
  },
  {
    name: 'getcwd', numbers: numbersOf('getcwd'), classes: ['file'],
    args: [{ name: 'buf', type: 'outstring' }, { name: 'size', type: 'uint' }],
    handler(ctx, a) {
      const fsCtx = fsOf(ctx);
      if (fsCtx.cwd.dentry.deleted) return -ENOENT;
      const path = kfsOf(ctx).vfs.pathOf(fsCtx.root, fsCtx.cwd);
      const bytes = latin1(path + '\0');
      if (a.size(1) < bytes.length) return -ERANGE;
      return putUser(ctx, a.ptr(0), bytes) || bytes.length;
    },
  },
  {
    name: 'chdir', numbers: numbersOf('chdir'), classes: ['file'],
    args: [{ name: 'path', type: 'path' }],
    handler: (ctx, a) => atPath(ctx, AT_FDCWD, a.ptr(0), (start, path) => {
      const place = vfs(ctx).chdirTarget(envOf(ctx), start, path);
      if (isErr(place)) return place;
      fsOf(ctx).cwd = place;
      return 0;
    }),
  },
  {
    name: 'fchdir', numbers: numbersOf('fchdir'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }],
    handler(ctx, a) {
      const file = filesOf(ctx).get(a.int(0));
      if (!file) return -EBADF;
      if (!file.inode.isDir()) return -ENOTDIR;
      const denied = permission(file.inode, MAY_EXEC, envOf(ctx).creds);
      if (denied) return denied;
      fsOf(ctx).cwd = file.path;
      return 0;
    },
  },
  {
    name: 'truncate', numbers: numbersOf('truncate'), classes: ['file'],
    args: [{ name: 'path', type: 'path' }, { name: 'length', type: 'int' }],
    handler(ctx, a) {
      const length = a.i64(1);
      return atPath(ctx, AT_FDCWD, a.ptr(0), (start, path) =>
        vfs(ctx).truncate(envOf(ctx), start, path, length < 0n ? -1 : Number(length)));
    },
  },
  {
    // i386 truncate64(path, length_lo, length_hi).
    name: 'truncate64', numbers: numbersOf('truncate64'), classes: ['file'],
    args: [{ name: 'path', type: 'path' }, { name: 'length_lo', type: 'uint' }, { name: 'length_hi', type: 'uint' }],
    handler(ctx, a) {
      const length = BigInt.asIntN(64, (a.u64(2) << 32n) | (a.u64(1) & 0xffffffffn));
      return atPath(ctx, AT_FDCWD, a.ptr(0), (start, path) =>
        vfs(ctx).truncate(envOf(ctx), start, path, length < 0n ? -1 : Number(length)));
    },
  },
  {
    name: 'umask', numbers: numbersOf('umask'), classes: [],
    args: [{ name: 'mask', type: 'mode' }], ret: 'uint',
    handler(ctx, a) {
      const fsCtx = fsOf(ctx);
      const old = fsCtx.umask;
      fsCtx.umask = a.int(0) & 0o777;
      return old;
    },
  },
  {
    name: 'chmod', numbers: numbersOf('chmod'), classes: ['file'],
    args: [{ name: 'pathname', type: 'path' }, { name: 'mode', type: 'mode' }],
    handler: (ctx, a) => chmodAt(ctx, AT_FDCWD, a.ptr(0), a.int(1)),
  },
  {
    name: 'fchmodat', numbers: numbersOf('fchmodat'), classes: ['desc', 'file'],
    args: [{ name: 'dirfd', type: 'dirfd' }, { name: 'pathname', type: 'path' }, { name: 'mode', type: 'mode' }],
    handler: (ctx, a) => chmodAt(ctx, a.int(0), a.ptr(1), a.int(2)),
  },
  {
    name: 'fchmod', numbers: numbersOf('fchmod'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'mode', type: 'mode' }],
    handler(ctx, a) {
      const file = getFile(ctx, a.int(0));
      if (isErr(file)) return file;
      return vfs(ctx).setattrAt(envOf(ctx), file.path, { mode: a.int(1) & 0o7777 });
    },
  },
];
