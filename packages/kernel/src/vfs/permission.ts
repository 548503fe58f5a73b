// Access checks on inodes (fs/namei.c generic_permission, credentials(7)): owner, then group,
// then other permission bits. A uid-0 caller bypasses read/write checks and search on
// directories; for execution it still needs at least one x bit (CAP_DAC_OVERRIDE's rule).

import { EACCES } from './errno.js';
import type { Creds, Inode } from './inode.js';

export const MAY_EXEC = 1;
export const MAY_WRITE = 2;
export const MAY_READ = 4;

export function permission(inode: Inode, mask: number, creds: Creds, mode = inode.mode): number {
  if (creds.uid === 0) {
    if (mask & MAY_EXEC && !inode.isDir() && (mode & 0o111) === 0) return -EACCES;
    return 0;
  }
  let bits: number;
  if (creds.uid === inode.uid) bits = (mode >> 6) & 7;
  else if (creds.gid === inode.gid || (creds.groups ?? []).includes(inode.gid)) bits = (mode >> 3) & 7;
  else bits = mode & 7;
  return (bits & mask) === mask ? 0 : -EACCES;
}
