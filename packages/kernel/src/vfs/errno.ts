// errno values the VFS, filesystems and file syscalls return (negated), as in
// include/uapi/asm-generic/errno-base.h and errno.h — identical on x86-64, i386 and arm64
// (facts/syscalls.md §3.1). VFS functions return either a value or `-E…`; `isErr` tells them apart.

export const EPERM = 1;
export const ENOENT = 2;
export const EINTR = 4;
export const EIO = 5;
export const ENXIO = 6;
export const EBADF = 9;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const EBUSY = 16;
export const EEXIST = 17;
export const EXDEV = 18;
export const ENODEV = 19;
export const ENOTDIR = 20;
export const EISDIR = 21;
export const EINVAL = 22;
export const ENFILE = 23;
export const EMFILE = 24;
export const ENOTTY = 25;
export const ETXTBSY = 26;
export const EFBIG = 27;
export const ENOSPC = 28;
export const ESPIPE = 29;
export const EROFS = 30;
export const EMLINK = 31;
export const EPIPE = 32;
export const ERANGE = 34;
export const ENAMETOOLONG = 36;
export const ENOSYS = 38;
export const ENOTEMPTY = 39;
export const ELOOP = 40;
export const EOVERFLOW = 75;
export const ENOTSUP = 95;
export const EOPNOTSUPP = 95;

/** A failed VFS operation: a negated errno (-4095…-1). */
export type Err = number;

/** True when a `T | Err` result is an error. Only numbers can be errors: VFS results that are
 *  themselves numbers (byte counts, fds) are never negative on success. */
export function isErr(value: unknown): value is Err {
  return typeof value === 'number' && value < 0;
}

/** Maps a Node.js host error (`err.code`) to a negated guest errno (hostfs, console). Host errors
 *  are Linux errno names when the host is Linux; anything unknown becomes EIO. */
export function hostErrno(error: unknown): Err {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT': return -ENOENT;
    case 'EACCES': return -EACCES;
    case 'EPERM': return -EPERM;
    case 'EEXIST': return -EEXIST;
    case 'ENOTDIR': return -ENOTDIR;
    case 'EISDIR': return -EISDIR;
    case 'ENOTEMPTY': return -ENOTEMPTY;
    case 'EXDEV': return -EXDEV;
    case 'EROFS': return -EROFS;
    case 'ENOSPC': return -ENOSPC;
    case 'EDQUOT': return -ENOSPC;
    case 'EBUSY': return -EBUSY;
    case 'EINVAL': return -EINVAL;
    case 'ELOOP': return -ELOOP;
    case 'ENAMETOOLONG': return -ENAMETOOLONG;
    case 'EMLINK': return -EMLINK;
    case 'EFBIG': return -EFBIG;
    case 'EAGAIN': return -EAGAIN;
    case 'EBADF': return -EBADF;
    case 'ENXIO': return -ENXIO;
    case 'ENODEV': return -ENODEV;
    case 'ETXTBSY': return -ETXTBSY;
    case 'EPIPE': return -EPIPE;
    case 'ESPIPE': return -ESPIPE;
    case 'EOVERFLOW': return -EOVERFLOW;
    case 'ENOTSUP': return -ENOTSUP;
    case 'EINTR': return -EINTR;
    default: return -EIO;
  }
}
