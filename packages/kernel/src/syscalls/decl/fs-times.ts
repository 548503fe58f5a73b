// The older ways to set file times: utime (struct utimbuf, whole seconds), utimes and
// futimesat (two struct timeval), fs/utimes.c. They share utimensat's path walk and setattr
// (fs-attr.ts placeOf, Vfs.setattrAt): do_futimesat rejects tv_usec outside 0…999999 (which
// also catches UTIME_NOW/UTIME_OMIT), a NULL times pointer means "now" for both, and
// futimesat(fd, NULL, …) changes the file fd names (do_utimes_fd). x86-64 and i386 have these;
// arm64 (asm-generic) has only utimensat.

import type { SyscallContext } from '../context.js';
import type { SyscallDecl } from '../types.js';
import { numbersOf } from '../numbers.js';
import { EBADF, EFAULT, EINVAL, ENOSYS } from '../../vfs/errno.js';
import { AT_FDCWD } from '../../vfs/constants.js';
import type { Path } from '../../vfs/dentry.js';
import type { Timespec } from '../../vfs/inode.js';
import { FdTable } from '../../vfs/fd-table.js';
import { FsContext } from '../../vfs/fs-context.js';
import { hasKernelFileSystem } from '../../fs/kernel-fs.js';
import { envOf, filesOf, kfsOf } from './fs-common.js';
import { placeOf } from './fs-attr.js';

type Times = { atime: Timespec; mtime: Timespec } | null;

/** Two timevals (utimes, futimesat): 16-byte {sec, usec} pairs, 8-byte on i386. */
function readTimevals(ctx: SyscallContext, addr: number): Times | number {
  if (addr === 0) return null;
  const wide = ctx.abi !== 'i386';
  const raw = addr < 0 ? null : ctx.mem.read(addr, wide ? 32 : 16);
  if (!raw) return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const at = (i: number) => (wide ? Number(v.getBigInt64(i * 8, true)) : v.getInt32(i * 4, true));
  const [as, au, ms, mu] = [at(0), at(1), at(2), at(3)];
  if (au < 0 || au >= 1_000_000 || mu < 0 || mu >= 1_000_000) return -EINVAL;
  return { atime: { sec: as, nsec: au * 1000 }, mtime: { sec: ms, nsec: mu * 1000 } };
}

/** struct utimbuf {actime, modtime}: two longs. */
function readUtimbuf(ctx: SyscallContext, addr: number): Times | number {
  if (addr === 0) return null;
  const wide = ctx.abi !== 'i386';
  const raw = addr < 0 ? null : ctx.mem.read(addr, wide ? 16 : 8);
  if (!raw) return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const at = (i: number) => (wide ? Number(v.getBigInt64(i * 8, true)) : v.getInt32(i * 4, true));
  return { atime: { sec: at(0), nsec: 0 }, mtime: { sec: at(1), nsec: 0 } };
}

/** do_utimes: a NULL name with a real dirfd is that fd's file; otherwise a path walk. */
function doUtimes(ctx: SyscallContext, dirfd: number, pathAt: number, times: Times | number): number {
  if (!hasKernelFileSystem(ctx.kernel) || !(ctx.process.files instanceof FdTable) || !(ctx.process.fs instanceof FsContext)) return -ENOSYS;
  if (typeof times === 'number') return times;
  let place: Path | number;
  if (pathAt === 0 && dirfd !== AT_FDCWD) {
    const file = filesOf(ctx).get(dirfd);
    if (!file) return -EBADF;
    place = file.path;
  } else if (pathAt === 0) return -EFAULT;
  else place = placeOf(ctx, dirfd, pathAt, 0, false);
  if (typeof place === 'number') return place;
  const kfs = kfsOf(ctx);
  const now = kfs.vfs.now();
  return kfs.vfs.setattrAt(envOf(ctx), place, times ?? { atime: now, mtime: now });
}

export const syscalls: readonly SyscallDecl[] = [
  {
    name: 'utime', numbers: numbersOf('utime'), classes: ['file'],
    args: [{ name: 'filename', type: 'path' }, { name: 'times', type: 'utimbuf' }],
    handler: (ctx, a) => doUtimes(ctx, AT_FDCWD, a.ptr(0), readUtimbuf(ctx, a.ptr(1))),
  },
  {
    name: 'utimes', numbers: numbersOf('utimes'), classes: ['file'],
    args: [{ name: 'filename', type: 'path' }, { name: 'times', type: 'timevals' }],
    handler: (ctx, a) => doUtimes(ctx, AT_FDCWD, a.ptr(0), readTimevals(ctx, a.ptr(1))),
  },
  {
    name: 'futimesat', numbers: numbersOf('futimesat'), classes: ['desc', 'file'],
    args: [{ name: 'dirfd', type: 'dirfd' }, { name: 'pathname', type: 'path' }, { name: 'times', type: 'timevals' }],
    handler: (ctx, a) => doUtimes(ctx, a.int(0), a.ptr(1), readTimevals(ctx, a.ptr(2))),
  },
];

