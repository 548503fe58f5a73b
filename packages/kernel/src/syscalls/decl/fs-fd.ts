// Descriptor calls: dup, dup2, dup3, fcntl, pipe, pipe2, ioctl, fsync, fdatasync, ftruncate
// (fs/file.c, fs/fcntl.c, fs/pipe.c, fs/ioctl.c, fs/open.c). Measured rules (facts §7.2):
// dup2(fd, fd) returns fd, dup3(fd, fd, 0) is EINVAL, dup2 to ≥ RLIMIT_NOFILE is EBADF,
// pipe2 with unknown flags is EINVAL, fcntl on a bad fd is EBADF.

import type { SyscallContext } from '../context.js';
import type { Blocked, SyscallArgs, SyscallDecl } from '../types.js';
import { numbersOf } from '../numbers.js';
import { EBADF, EFAULT, EINVAL, ENOTTY, isErr } from '../../vfs/errno.js';
import {
  F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_GETFL, F_SETFD, F_SETFL, FD_CLOEXEC, FIOCLEX, FIONBIO, FIONCLEX,
  FIONREAD, O_CLOEXEC, O_DIRECT, O_NONBLOCK, SETFL_MASK, S_IFMT, S_IFREG, openFlagsFromAbi, openFlagsToAbi,
} from '../../vfs/constants.js';
import { callerOf, filesOf, getFile, kfsOf, putInt32 } from './fs-common.js';
import { fileSize } from './fs-rw.js';
import { MORE_FCNTL_COMMANDS, moreFcntl } from './fs-fcntl-more.js';
import { LOCK_COMMANDS, lockCommand, F_GETLK64, F_SETLK64, F_SETLKW64, F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW } from './fs-locks.js';

/** F_LINUX_SPECIFIC_BASE + 7: pipe2's O_NOTIFICATION_PIPE (= O_EXCL), rejected without watch_queue. */
const PIPE2_FLAGS = O_CLOEXEC | O_NONBLOCK | O_DIRECT;

function doDup3(ctx: SyscallContext, oldfd: number, newfd: number, flags: number): number {
  if (flags & ~O_CLOEXEC) return -EINVAL;
  if (oldfd === newfd) return -EINVAL;
  const files = filesOf(ctx);
  if (newfd < 0 || newfd >= files.max) return -EBADF;
  const file = files.get(oldfd);
  if (!file) return -EBADF;
  files.installAt(newfd, file, (flags & O_CLOEXEC) !== 0);
  return newfd;
}

function doPipe(ctx: SyscallContext, fdsAddr: number, rawFlags: number): number {
  const flags = openFlagsFromAbi(ctx.abi, rawFlags);
  if (flags & ~PIPE2_FLAGS) return -EINVAL;
  const files = filesOf(ctx);
  const cloexec = (flags & O_CLOEXEC) !== 0;
  const creds = ctx.process.creds;
  const [r, w] = kfsOf(ctx).pipefs.create(creds.fsuid, creds.fsgid, flags & (O_NONBLOCK | O_DIRECT));
  const rfd = files.alloc(r, cloexec);
  if (rfd < 0) {
    r.ops.release?.(r);
    w.ops.release?.(w);
    return rfd;
  }
  const wfd = files.alloc(w, cloexec);
  if (wfd < 0) {
    files.close(rfd);
    w.ops.release?.(w);
    return wfd;
  }
  if (putInt32(ctx, fdsAddr, [rfd, wfd])) {
    files.close(rfd);
    files.close(wfd);
    return -EFAULT;
  }
  return 0;
}

export const fdSyscalls: SyscallDecl[] = [
  {
    name: 'dup', numbers: numbersOf('dup'), classes: ['desc'], ret: 'fd',
    args: [{ name: 'oldfd', type: 'fd' }],
    handler(ctx, a) {
      const file = getFile(ctx, a.int(0));
      if (isErr(file)) return file;
      return filesOf(ctx).alloc(file);
    },
  },
  {
    name: 'dup2', numbers: numbersOf('dup2'), classes: ['desc'], ret: 'fd',
    args: [{ name: 'oldfd', type: 'fd' }, { name: 'newfd', type: 'fd' }],
    handler(ctx, a) {
      const oldfd = a.int(0);
      const newfd = a.int(1);
      if (oldfd === newfd) return filesOf(ctx).get(oldfd) ? oldfd : -EBADF;
      return doDup3(ctx, oldfd, newfd, 0);
    },
  },
  {
    name: 'dup3', numbers: numbersOf('dup3'), classes: ['desc'], ret: 'fd',
    args: [{ name: 'oldfd', type: 'fd' }, { name: 'newfd', type: 'fd' }, { name: 'flags', type: 'fdflags' }],
    handler: (ctx, a) => doDup3(ctx, a.int(0), a.int(1), openFlagsFromAbi(ctx.abi, a.int(2))),
  },
  {
    name: 'fcntl', numbers: numbersOf('fcntl'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'cmd', type: 'fcntlcmd' }, { name: 'arg', type: 'hex' }],
    handler: (ctx, a) => doFcntl(ctx, a, false),
  },
  {
    name: 'fcntl64', numbers: numbersOf('fcntl64'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'cmd', type: 'fcntlcmd' }, { name: 'arg', type: 'hex' }],
    handler: (ctx, a) => doFcntl(ctx, a, true),
  },
  {
    name: 'pipe', numbers: numbersOf('pipe'), classes: ['desc'],
    args: [{ name: 'pipefd', type: 'pipefds' }],
    handler: (ctx, a) => doPipe(ctx, a.ptr(0), 0),
  },
  {
    name: 'pipe2', numbers: numbersOf('pipe2'), classes: ['desc'],
    args: [{ name: 'pipefd', type: 'pipefds' }, { name: 'flags', type: 'fdflags' }],
    handler: (ctx, a) => doPipe(ctx, a.ptr(0), a.int(1)),
  },
  {
    name: 'ioctl', numbers: numbersOf('ioctl'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'request', type: 'ioctlcmd' }, { name: 'arg', type: 'hex' }],
    handler(ctx, a) {
      const fd = a.int(0);
      const files = filesOf(ctx);
      const file = files.get(fd);
      if (!file) return -EBADF;
      const cmd = a.int(1) >>> 0;
      const arg = a.ptr(2);
      // Generic requests first (fs/ioctl.c do_vfs_ioctl).
      switch (cmd) {
        case FIOCLEX:
          return files.setCloexec(fd, true);
        case FIONCLEX:
          return files.setCloexec(fd, false);
        case FIONBIO: {
          const raw = arg < 0 ? null : ctx.mem.read(arg, 4);
          if (!raw) return -EFAULT;
          const on = new DataView(raw.buffer, raw.byteOffset, 4).getInt32(0, true) !== 0;
          file.flags = on ? file.flags | O_NONBLOCK : file.flags & ~O_NONBLOCK;
          return 0;
        }
        case FIONREAD:
          // Regular files answer with the bytes left after the offset (file_ioctl).
          if ((file.inode.mode & S_IFMT) === S_IFREG) return putInt32(ctx, arg, [Math.max(0, fileSize(file) - file.offset)]);
          break;
      }
      if (!file.ops.ioctl) return -ENOTTY;
      return file.ops.ioctl(file, cmd, arg, callerOf(ctx));
    },
  },
  {
    name: 'fsync', numbers: numbersOf('fsync'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }],
    handler(ctx, a) {
      const file = getFile(ctx, a.int(0));
      if (isErr(file)) return file;
      if (file.ops.fsync) return file.ops.fsync(file);
      return file.ops.seekable ? 0 : -EINVAL;
    },
  },
  {
    name: 'fdatasync', numbers: numbersOf('fdatasync'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }],
    handler(ctx, a) {
      const file = getFile(ctx, a.int(0));
      if (isErr(file)) return file;
      if (file.ops.fsync) return file.ops.fsync(file);
      return file.ops.seekable ? 0 : -EINVAL;
    },
  },
  {
    name: 'ftruncate', numbers: numbersOf('ftruncate'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'length', type: 'int' }],
    handler: (ctx, a) => ftruncateFd(ctx, a.int(0), a.i64(1)),
  },
  {
    // i386 ftruncate64(fd, length_lo, length_hi).
    name: 'ftruncate64', numbers: numbersOf('ftruncate64'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'length_lo', type: 'uint' }, { name: 'length_hi', type: 'uint' }],
    handler: (ctx, a) => ftruncateFd(ctx, a.int(0), BigInt.asIntN(64, (a.u64(2) << 32n) | (a.u64(1) & 0xffffffffn))),
  },
  {
    name: 'close_range', numbers: numbersOf('close_range'), classes: ['desc'],
    args: [{ name: 'first', type: 'uint' }, { name: 'last', type: 'uint' }, { name: 'flags', type: 'hex' }],
    handler(ctx, a) {
      // CLOSE_RANGE_UNSHARE 2, CLOSE_RANGE_CLOEXEC 4 (include/uapi/linux/close_range.h).
      const first = a.int(0) >>> 0;
      const last = a.int(1) >>> 0;
      const flags = a.int(2) >>> 0;
      if (flags & ~(2 | 4) || first > last) return -EINVAL;
      const files = filesOf(ctx);
      for (const fd of files.openFds()) {
        if (fd < first || fd > last) continue;
        if (flags & 4) files.setCloexec(fd, true);
        else files.close(fd);
      }
      return 0;
    },
  },
];

function ftruncateFd(ctx: SyscallContext, fd: number, length: bigint): number {
  const file = getFile(ctx, fd);
  if (isErr(file)) return file;
  if (length < 0n) return -EINVAL;
  if ((file.inode.mode & S_IFMT) !== S_IFREG || !file.writable) return -EINVAL;
  if (file.path.mnt.isReadOnly) return -EINVAL;
  const size = length > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(length);
  return file.ops.truncate ? file.ops.truncate(file, size) : file.inode.setattr({ size });
}

/** Which lock commands a call accepts: 64-bit kernels have no F_*LK64 (they are the plain ones
 *  there); i386's fcntl takes only the 32-bit struct flock commands, fcntl64 all of them
 *  (compat_sys_fcntl rejects F_*LK64 and F_OFD_*). */
function lockCommandAllowed(ctx: SyscallContext, cmd: number, viaFcntl64: boolean): boolean {
  if (!LOCK_COMMANDS.has(cmd)) return false;
  const is64 = cmd === F_GETLK64 || cmd === F_SETLK64 || cmd === F_SETLKW64;
  const ofd = cmd === F_OFD_GETLK || cmd === F_OFD_SETLK || cmd === F_OFD_SETLKW;
  if (ctx.abi !== 'i386') return !is64;
  return viaFcntl64 || (!is64 && !ofd);
}

function doFcntl(ctx: SyscallContext, a: SyscallArgs, viaFcntl64: boolean): number | Blocked {
  const fd = a.int(0);
  const files = filesOf(ctx);
  const file = files.get(fd);
  if (!file) return -EBADF;
  const cmd = a.int(1);
  switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC: {
      const min = a.int(2);
      if (min < 0 || min >= files.max) return -EINVAL;
      return files.alloc(file, cmd === F_DUPFD_CLOEXEC, min);
    }
    case F_GETFD:
      return files.getCloexec(fd) ? FD_CLOEXEC : 0;
    case F_SETFD:
      return files.setCloexec(fd, (a.int(2) & FD_CLOEXEC) !== 0);
    case F_GETFL:
      return openFlagsToAbi(ctx.abi, file.flags);
    case F_SETFL: {
      const arg = openFlagsFromAbi(ctx.abi, a.int(2));
      file.flags = (file.flags & ~SETFL_MASK) | (arg & SETFL_MASK);
      return 0;
    }
    default:
      if (MORE_FCNTL_COMMANDS.has(cmd)) return moreFcntl(ctx, file, cmd, a);
      if (lockCommandAllowed(ctx, cmd, viaFcntl64)) return lockCommand(ctx, file, cmd, a.ptr(2));
      return -EINVAL;
  }
}
