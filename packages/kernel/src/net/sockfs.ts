// sockfs (net/socket.c): every socket is an inode of an invisible filesystem, mode S_IFSOCK|0777,
// with one open file description. fstat(2) on a socket shows S_IFSOCK; /proc/PID/fd/N reads
// `socket:[INO]`. One SockFs per kernel file system (made on first use), as pipefs is.

import { Dentry, Mount, type Path } from '../vfs/dentry.js';
import { Inode, type SuperBlock } from '../vfs/inode.js';
import { OpenFile, type FileOps } from '../vfs/file.js';
import { O_RDWR, S_IFSOCK } from '../vfs/constants.js';
import type { KernelFileSystem } from '../fs/kernel-fs.js';

/** statfs f_type of sockfs (include/uapi/linux/magic.h SOCKFS_MAGIC). */
export const SOCKFS_MAGIC = 0x534f434b;

export class SockInode extends Inode {
  /** sock_alloc: S_IFSOCK | S_IRWXUGO. */
  mode = S_IFSOCK | 0o777;

  constructor(readonly sb: SuperBlock, readonly ino: number, readonly socket: unknown, uid: number, gid: number) {
    super();
    this.uid = uid;
    this.gid = gid;
    const t = sb.now();
    this.atime = this.mtime = this.ctime = t;
  }

  get size(): number {
    return 0;
  }

  procLinkName(): string {
    return `socket:[${this.ino}]`;
  }
}

export class SockFs {
  readonly sb: SuperBlock;
  private readonly mnt: Mount;
  private nextIno = 1;

  constructor(dev: number, now: SuperBlock['now']) {
    this.sb = { fsType: 'sockfs', dev, readOnly: false, now, magic: SOCKFS_MAGIC };
    const root = new SockInode(this.sb, 0, null, 0, 0);
    this.mnt = new Mount(this.sb, new Dentry('socket:', null, root), null, null, false, 'sockfs');
  }

  /** sock_alloc_file: the socket's one open file, O_RDWR plus `statusFlags` (O_NONBLOCK). */
  open(socket: unknown, ops: FileOps, statusFlags: number, uid: number, gid: number): OpenFile {
    const inode = new SockInode(this.sb, this.nextIno++, socket, uid, gid);
    const path: Path = { mnt: this.mnt, dentry: new Dentry(inode.procLinkName(), this.mnt.root, inode) };
    const file = new OpenFile(path, inode, O_RDWR | statusFlags, ops);
    file.priv = socket;
    return file;
  }
}

const perFileSystem = new WeakMap<KernelFileSystem, SockFs>();

export function sockFsOf(kfs: KernelFileSystem): SockFs {
  let fs = perFileSystem.get(kfs);
  if (!fs) {
    fs = new SockFs(kfs.vfs.allocAnonDev(), kfs.vfs.now);
    perFileSystem.set(kfs, fs);
  }
  return fs;
}
