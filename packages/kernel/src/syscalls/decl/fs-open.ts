// open, openat, creat, close (fs/open.c). Linux reserves the descriptor before it walks the
// path (do_sys_openat2: get_unused_fd_flags first), so at the RLIMIT_NOFILE limit even a
// missing file reports EMFILE. Flags come in the ABI's encoding (arm64 moves four of them) and
// unknown bits are ignored, as open(2) does.

import type { SyscallContext } from '../context.js';
import type { SyscallDecl } from '../types.js';
import { numbersOf } from '../numbers.js';
import { EMFILE, isErr } from '../../vfs/errno.js';
import {
  AT_FDCWD, O_CLOEXEC, O_CREAT, O_TRUNC, O_WRONLY, VALID_OPEN_FLAGS, openFlagsFromAbi, O_LARGEFILE,
} from '../../vfs/constants.js';
import { checkOpenFlags } from '../../vfs/vfs.js';
import { envOf, filesOf, fsOf, kfsOf, readPath, startDir } from './fs-common.js';

export function doOpen(ctx: SyscallContext, dirfd: number, pathAddr: number, rawFlags: number, mode: number): number {
  let flags = openFlagsFromAbi(ctx.abi, rawFlags) & VALID_OPEN_FLAGS;
  // 64-bit kernels force O_LARGEFILE (force_o_largefile), so F_GETFL shows it.
  if (ctx.abi !== 'i386') flags |= O_LARGEFILE;
  const bad = checkOpenFlags(flags);
  if (bad) return bad;
  const files = filesOf(ctx);
  if (files.lowestFree() < 0) return -EMFILE;
  const path = readPath(ctx, pathAddr);
  if (isErr(path)) return path;
  const start = startDir(ctx, dirfd, path);
  if (isErr(start)) return start;
  const file = kfsOf(ctx).vfs.open(envOf(ctx), start, path, flags, mode, fsOf(ctx).umask);
  if (isErr(file)) return file;
  const fd = files.alloc(file, (flags & O_CLOEXEC) !== 0);
  if (fd < 0) file.ops.release?.(file);
  return fd;
}

export const openSyscalls: SyscallDecl[] = [
  {
    name: 'open', numbers: numbersOf('open'), classes: ['desc', 'file'], ret: 'fd',
    args: [{ name: 'pathname', type: 'path' }, { name: 'flags', type: 'oflags' }, { name: 'mode', type: 'mode' }],
    handler: (ctx, a) => doOpen(ctx, AT_FDCWD, a.ptr(0), a.int(1), a.int(2)),
  },
  {
    name: 'openat', numbers: numbersOf('openat'), classes: ['desc', 'file'], ret: 'fd',
    args: [{ name: 'dirfd', type: 'dirfd' }, { name: 'pathname', type: 'path' }, { name: 'flags', type: 'oflags' }, { name: 'mode', type: 'mode' }],
    handler: (ctx, a) => doOpen(ctx, a.int(0), a.ptr(1), a.int(2), a.int(3)),
  },
  {
    name: 'creat', numbers: numbersOf('creat'), classes: ['desc', 'file'], ret: 'fd',
    args: [{ name: 'pathname', type: 'path' }, { name: 'mode', type: 'mode' }],
    handler: (ctx, a) => doOpen(ctx, AT_FDCWD, a.ptr(0), O_CREAT | O_WRONLY | O_TRUNC, a.int(1)),
  },
  {
    name: 'close', numbers: numbersOf('close'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }],
    handler: (ctx, a) => filesOf(ctx).close(a.int(0)),
  },
];
