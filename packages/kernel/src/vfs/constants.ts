// Flag and mode constants of the file syscalls. Values are the asm-generic ones that x86-64,
// i386 and arm64 share (include/uapi/asm-generic/fcntl.h, include/uapi/linux/stat.h,
// include/uapi/linux/fcntl.h); arm64 differs from x86 only in O_DIRECTORY/O_NOFOLLOW/O_DIRECT/
// O_LARGEFILE (arch/arm64/include/uapi/asm/fcntl.h), which `openFlagsFor` translates.

import type { SyscallAbi } from '../syscalls/types.js';

// File type bits of st_mode (stat(7), inode(7)).
export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;
export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;
export const S_ISVTX = 0o1000;
/** Permission bits plus setuid/setgid/sticky: what chmod may change. */
export const S_IALLUGO = 0o7777;

export const isDir = (mode: number): boolean => (mode & S_IFMT) === S_IFDIR;
export const isReg = (mode: number): boolean => (mode & S_IFMT) === S_IFREG;
export const isLnk = (mode: number): boolean => (mode & S_IFMT) === S_IFLNK;

// open(2) flags, x86 / asm-generic values (octal, as in the headers).
export const O_ACCMODE = 0o3;
export const O_RDONLY = 0o0;
export const O_WRONLY = 0o1;
export const O_RDWR = 0o2;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_DSYNC = 0o10000;
export const O_DIRECT = 0o40000;
export const O_LARGEFILE = 0o100000;
export const O_DIRECTORY = 0o200000;
export const O_NOFOLLOW = 0o400000;
export const O_NOATIME = 0o1000000;
export const O_CLOEXEC = 0o2000000;
export const O_SYNC = 0o4010000;
export const O_PATH = 0o10000000;
export const O_TMPFILE = 0o20200000;

// arm64's own values for the four flags that differ (arch/arm64/include/uapi/asm/fcntl.h).
const ARM64_O_DIRECTORY = 0o40000;
const ARM64_O_NOFOLLOW = 0o100000;
const ARM64_O_DIRECT = 0o200000;
const ARM64_O_LARGEFILE = 0o400000;

/** Translates an ABI's open flags into the x86 values the VFS uses internally. */
export function openFlagsFromAbi(abi: SyscallAbi, flags: number): number {
  if (abi !== 'arm64') return flags;
  const moved = ARM64_O_DIRECTORY | ARM64_O_NOFOLLOW | ARM64_O_DIRECT | ARM64_O_LARGEFILE;
  let out = flags & ~moved;
  if (flags & ARM64_O_DIRECTORY) out |= O_DIRECTORY;
  if (flags & ARM64_O_NOFOLLOW) out |= O_NOFOLLOW;
  if (flags & ARM64_O_DIRECT) out |= O_DIRECT;
  if (flags & ARM64_O_LARGEFILE) out |= O_LARGEFILE;
  return out;
}

/** Translates internal (x86) open flags back into an ABI's values (fcntl F_GETFL). */
export function openFlagsToAbi(abi: SyscallAbi, flags: number): number {
  if (abi !== 'arm64') return flags;
  const moved = O_DIRECTORY | O_NOFOLLOW | O_DIRECT | O_LARGEFILE;
  let out = flags & ~moved;
  if (flags & O_DIRECTORY) out |= ARM64_O_DIRECTORY;
  if (flags & O_NOFOLLOW) out |= ARM64_O_NOFOLLOW;
  if (flags & O_DIRECT) out |= ARM64_O_DIRECT;
  if (flags & O_LARGEFILE) out |= ARM64_O_LARGEFILE;
  return out;
}

/** Every open flag Linux accepts (VALID_OPEN_FLAGS, include/linux/fcntl.h); others are ignored by
 *  open() and openat() (only openat2 rejects them). */
export const VALID_OPEN_FLAGS =
  O_RDONLY | O_WRONLY | O_RDWR | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK |
  O_DSYNC | 0o20000 /* FASYNC */ | O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME |
  O_CLOEXEC | 0o4000000 /* __O_SYNC */ | O_PATH | 0o20000000 /* __O_TMPFILE */;

/** Status flags F_SETFL may change (fs/fcntl.c SETFL_MASK). */
export const SETFL_MASK = O_APPEND | O_NONBLOCK | 0o20000 /* FASYNC */ | O_DIRECT | O_NOATIME;

// *at() conventions (include/uapi/linux/fcntl.h).
export const AT_FDCWD = -100;
export const AT_SYMLINK_NOFOLLOW = 0x100;
export const AT_REMOVEDIR = 0x200;
export const AT_EACCESS = 0x200;
export const AT_SYMLINK_FOLLOW = 0x400;
export const AT_NO_AUTOMOUNT = 0x800;
export const AT_EMPTY_PATH = 0x1000;
export const AT_STATX_SYNC_TYPE = 0x6000;

// renameat2 flags (include/uapi/linux/fs.h).
export const RENAME_NOREPLACE = 1;
export const RENAME_EXCHANGE = 2;
export const RENAME_WHITEOUT = 4;

// access(2) modes.
export const F_OK = 0;
export const X_OK = 1;
export const W_OK = 2;
export const R_OK = 4;

// lseek(2) whence.
export const SEEK_SET = 0;
export const SEEK_CUR = 1;
export const SEEK_END = 2;
export const SEEK_DATA = 3;
export const SEEK_HOLE = 4;

// fcntl(2) commands (include/uapi/asm-generic/fcntl.h).
export const F_DUPFD = 0;
export const F_GETFD = 1;
export const F_SETFD = 2;
export const F_GETFL = 3;
export const F_SETFL = 4;
export const F_DUPFD_CLOEXEC = 1030;
export const FD_CLOEXEC = 1;

// ioctl requests (include/uapi/asm-generic/ioctls.h; x86 and arm64 share them).
export const TCGETS = 0x5401;
export const TIOCGWINSZ = 0x5413;
export const FIONREAD = 0x541b;
export const FIONBIO = 0x5421;
export const FIOCLEX = 0x5451;
export const FIONCLEX = 0x5450;

// Limits (include/uapi/linux/limits.h): a path including its NUL fits in PATH_MAX; a component
// has at most NAME_MAX bytes; path walks follow at most MAXSYMLINKS links (fs/namei.c).
export const PATH_MAX = 4096;
export const NAME_MAX = 255;
export const MAXSYMLINKS = 40;

// d_type values for getdents (include/linux/fs_types.h: the S_IFMT bits shifted right by 12).
export const dtypeOf = (mode: number): number => (mode & S_IFMT) >>> 12;
