// The file syscalls, collected for the syscall table (table.ts imports `syscalls` from here).
// Each group lives in its own file: fs-rw (read/write/seek), fs-open (open/close), fs-fd
// (dup/fcntl/pipe/ioctl/sync/ftruncate), fs-stat (stat/access/readlink/getdents), fs-names
// (mkdir/unlink/rename/link/symlink/getcwd/chdir/truncate/umask/chmod), fs-attr
// (chown family, utimensat), fs-poll (poll, ppoll, select, pselect6), fs-locks (fcntl locks, flock).

import type { SyscallDecl } from '../types.js';
import { rwSyscalls } from './fs-rw.js';
import { openSyscalls } from './fs-open.js';
import { fdSyscalls } from './fs-fd.js';
import { statfsSyscalls, statSyscalls } from './fs-stat.js';
import { nameSyscalls } from './fs-names.js';
import { attrSyscalls } from './fs-attr.js';
import { pollSyscalls } from './fs-poll.js';
import { lockSyscalls } from './fs-locks.js';
import { hasKernelFileSystem } from '../../fs/kernel-fs.js';
import { FdTable } from '../../vfs/fd-table.js';
import { FsContext } from '../../vfs/fs-context.js';
import { ENOSYS } from '../../vfs/errno.js';

/** A kernel built without a file system (KernelOptions.vfs unset) answers every file syscall
 *  with ENOSYS instead of failing inside the handler. */
function needsFileSystem(decl: SyscallDecl): SyscallDecl {
  const handler = decl.handler;
  return {
    ...decl,
    handler(ctx, args) {
      if (!hasKernelFileSystem(ctx.kernel) || !(ctx.process.files instanceof FdTable) || !(ctx.process.fs instanceof FsContext)) {
        return -ENOSYS;
      }
      return handler(ctx, args);
    },
  };
}

export const syscalls: readonly SyscallDecl[] = [
  ...rwSyscalls,
  ...openSyscalls,
  ...fdSyscalls,
  ...statSyscalls,
  ...statfsSyscalls,
  ...nameSyscalls,
  ...attrSyscalls,
  ...pollSyscalls,
  ...lockSyscalls,
].map(needsFileSystem);
