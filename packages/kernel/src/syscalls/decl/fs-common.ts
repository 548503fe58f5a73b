// Helpers every file syscall shares: finding the caller's fd table, fs context and the kernel's
// file system; reading a path argument (EFAULT for a bad pointer, ENAMETOOLONG when no NUL
// within PATH_MAX, ENOENT for ""); turning a dirfd into a start directory for the *at calls
// (AT_FDCWD = cwd; a bad fd → EBADF; a non-directory → ENOTDIR; ignored for absolute paths).

import type { SyscallContext } from '../context.js';
import { EBADF, EFAULT, ENAMETOOLONG, ENOENT, ENOTDIR, isErr, type Err } from '../../vfs/errno.js';
import { AT_FDCWD, PATH_MAX } from '../../vfs/constants.js';
import type { Path } from '../../vfs/dentry.js';
import { FdTable } from '../../vfs/fd-table.js';
import { FsContext } from '../../vfs/fs-context.js';
import type { IoCaller, OpenFile } from '../../vfs/file.js';
import type { WalkEnv } from '../../vfs/namei.js';
import { kernelFileSystemOf, type KernelFileSystem } from '../../fs/kernel-fs.js';
import { userSigInfo } from '../../signal/siginfo.js';

export function filesOf(ctx: SyscallContext): FdTable {
  const files = ctx.process.files;
  if (!(files instanceof FdTable)) throw new Error('process has no VFS fd table (KernelFileSystem.setupProcess not called)');
  return files;
}

export function fsOf(ctx: SyscallContext): FsContext {
  const fs = ctx.process.fs;
  if (!(fs instanceof FsContext)) throw new Error('process has no VFS fs context (KernelFileSystem.setupProcess not called)');
  return fs;
}

/** The kernel's file system; also records the caller as procfs's "self". */
export function kfsOf(ctx: SyscallContext): KernelFileSystem {
  const kfs = kernelFileSystemOf(ctx.kernel);
  kfs.currentProcess = ctx.process;
  return kfs;
}

/** The caller as path walks see it: its root and filesystem uid/gid. */
const SIGPIPE = 13;

export function envOf(ctx: SyscallContext): WalkEnv {
  const creds = ctx.process.creds;
  return { root: fsOf(ctx).root, creds: { uid: creds.fsuid, gid: creds.fsgid, groups: creds.groups } };
}

/** The calling thread as drivers see it. */
export function callerOf(ctx: SyscallContext, positional = false): IoCaller {
  return {
    mem: ctx.mem,
    positional,
    thread: ctx.thread,
    restart: {
      get: () => ctx.thread.restartState,
      set: (value: unknown) => {
        ctx.thread.restartState = value;
      },
    },
    signal(signo: number) {
      const kernel = ctx.kernel as { raiseSigpipe?: (t: typeof ctx.thread) => void };
      if (signo === SIGPIPE && typeof kernel.raiseSigpipe === 'function') {
        kernel.raiseSigpipe(ctx.thread);
        return;
      }
      // send_sig(sig, current, 0): si_code SI_USER with the sender's own pid and uid.
      ctx.thread.pendingSignals.push(userSigInfo(signo, ctx.process.pid, ctx.process.creds.uid));
    },
  };
}

/** Reads a NUL-terminated path of at most PATH_MAX bytes including the NUL (getname). */
export function readPath(ctx: SyscallContext, addr: number, allowEmpty = false): string | Err {
  if (addr < 0) return -EFAULT;
  const bytes = ctx.mem.readCString(addr, PATH_MAX - 1);
  if (bytes === null) return -EFAULT;
  if (bytes === 'toolong') return -ENAMETOOLONG;
  if (bytes.length === 0 && !allowEmpty) return -ENOENT;
  return Buffer.from(bytes).toString('latin1');
}

export function getFile(ctx: SyscallContext, fd: number): OpenFile | Err {
  return filesOf(ctx).get(fd) ?? -EBADF;
}

/** The directory a relative path of an *at call starts from. */
export function startDir(ctx: SyscallContext, dirfd: number, path: string): Path | Err {
  if (path.startsWith('/')) return fsOf(ctx).root;
  if (dirfd === AT_FDCWD) return fsOf(ctx).cwd;
  const file = filesOf(ctx).get(dirfd);
  if (!file) return -EBADF;
  if (!file.inode.isDir()) return -ENOTDIR;
  return file.path;
}

/** The place an fd or AT_EMPTY_PATH dirfd names. */
export function fdPath(ctx: SyscallContext, dirfd: number): Path | Err {
  if (dirfd === AT_FDCWD) return fsOf(ctx).cwd;
  const file = filesOf(ctx).get(dirfd);
  return file ? file.path : -EBADF;
}

/** Writes bytes to user memory: 0 or -EFAULT. */
export function putUser(ctx: SyscallContext, addr: number, data: Uint8Array): number {
  if (data.length === 0) return 0;
  return addr >= 0 && ctx.mem.write(addr, data) ? 0 : -EFAULT;
}

export function putInt32(ctx: SyscallContext, addr: number, values: number[]): number {
  const out = new Uint8Array(values.length * 4);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => v.setInt32(i * 4, x, true));
  return putUser(ctx, addr, out);
}

export const latin1 = (s: string): Uint8Array => Buffer.from(s, 'latin1');

export { isErr };
