// memfd_create (mm/memfd.c, memfd_create(2)): an anonymous regular file in memory. It lives
// on an internal tmpfs (Linux: the shmem mount) with no name in any directory — it is unlinked
// from the start (st_nlink 0) — and reads, writes, seeks, ftruncate and mmap (MAP_SHARED too)
// work as on any tmpfs file. /proc/PID/fd/N shows `/memfd:NAME (deleted)`; the mode is
// S_IFREG|0777 (0666 with MFD_NOEXEC_SEAL). Seals (fs/tmpfs/seals.ts): a memfd starts with
// F_SEAL_SEAL like every tmpfs file unless created with MFD_ALLOW_SEALING (no seals) or
// MFD_NOEXEC_SEAL (F_SEAL_EXEC alone: measured 0x20 on Linux 6.18).

import { Dentry, Mount, type Path } from '../vfs/dentry.js';
import { OpenFile } from '../vfs/file.js';
import type { Creds } from '../vfs/inode.js';
import { S_IFREG, O_LARGEFILE, O_RDWR } from '../vfs/constants.js';
import { TmpFile, TmpfsSuperBlock } from '../fs/tmpfs/tmpfs.js';
import type { KernelFileSystem } from '../fs/kernel-fs.js';
import { F_SEAL_EXEC } from '../fs/tmpfs/seals.js';

/** include/uapi/linux/memfd.h. */
export const MFD_CLOEXEC = 0x1;
export const MFD_ALLOW_SEALING = 0x2;
export const MFD_HUGETLB = 0x4;
export const MFD_NOEXEC_SEAL = 0x8;
export const MFD_EXEC = 0x10;
export const MFD_ALL_FLAGS = MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | MFD_NOEXEC_SEAL | MFD_EXEC;
/** MFD_HUGE_MASK << MFD_HUGE_SHIFT: a huge page size, allowed only with MFD_HUGETLB. */
export const MFD_HUGE_BITS = 0x3f << 26;
/** NAME_MAX - strlen("memfd:"): the longest name, without its NUL. */
export const MFD_NAME_MAX_LEN = 249;

/** A memfd's inode: a tmpfs file that names itself as Linux's d_path does for it. */
export class MemfdInode extends TmpFile {
  constructor(sb: TmpfsSuperBlock, mode: number, creds: Creds, readonly memfdName: string) {
    super(sb, mode, creds);
    this.nlink = 0;
  }

  procLinkName(): string {
    return `/memfd:${this.memfdName} (deleted)`;
  }
}

interface MemfdFs {
  sb: TmpfsSuperBlock;
  mnt: Mount;
}

const perFileSystem = new WeakMap<KernelFileSystem, MemfdFs>();

function memfdFsOf(kfs: KernelFileSystem): MemfdFs {
  let fs = perFileSystem.get(kfs);
  if (!fs) {
    const sb = new TmpfsSuperBlock(kfs.vfs.allocAnonDev(), kfs.vfs.now);
    const root = sb.makeRoot(0o1777);
    fs = { sb, mnt: new Mount(sb, new Dentry('/', null, root), null, null, false, 'shm') };
    perFileSystem.set(kfs, fs);
  }
  return fs;
}

/** shmem_file_setup for memfd_create: a new open file (O_RDWR | O_LARGEFILE). */
export function createMemfd(kfs: KernelFileSystem, name: string, flags: number, creds: Creds): OpenFile {
  const { sb, mnt } = memfdFsOf(kfs);
  const mode = S_IFREG | (flags & MFD_NOEXEC_SEAL ? 0o666 : 0o777);
  const inode = new MemfdInode(sb, mode, creds, name);
  if (flags & MFD_NOEXEC_SEAL) inode.seals = F_SEAL_EXEC;
  else if (flags & MFD_ALLOW_SEALING) inode.seals = 0;
  const dentry = new Dentry(`memfd:${name}`, mnt.root, inode);
  dentry.deleted = true;
  const path: Path = { mnt, dentry };
  const file = new OpenFile(path, inode, O_RDWR | O_LARGEFILE, { seekable: true });
  inode.open(file);
  return file;
}
