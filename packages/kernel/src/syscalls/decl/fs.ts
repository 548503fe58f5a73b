// The file syscalls, collected for the syscall table (table.ts imports `syscalls` from here).
// Each group lives in its own file: fs-rw (read/write/seek), fs-open (open/close), fs-fd
// (dup/fcntl/pipe/ioctl/sync/ftruncate), fs-stat (stat/access/readlink/getdents), fs-names
// (mkdir/unlink/rename/link/symlink/getcwd/chdir/truncate/umask/chmod), fs-attr
// (chown family, utimensat).

import type { SyscallDecl } from '../types.js';
import { rwSyscalls } from './fs-rw.js';
import { openSyscalls } from './fs-open.js';
import { fdSyscalls } from './fs-fd.js';
import { statSyscalls } from './fs-stat.js';
import { nameSyscalls } from './fs-names.js';
import { attrSyscalls } from './fs-attr.js';

export const syscalls: readonly SyscallDecl[] = [
  ...rwSyscalls,
  ...openSyscalls,
  ...fdSyscalls,
  ...statSyscalls,
  ...nameSyscalls,
  ...attrSyscalls,
];
