// Anonymous inodes (fs/anon_inodes.c): the files epoll_create, eventfd, timerfd_create and
// signalfd make have no name in any directory. Linux backs them all with one shared inode of the
// anon_inodefs pseudo filesystem, mode 0600 with no file-type bits (fstat shows st_mode 0600),
// and /proc/PID/fd/N reads `anon_inode:[eventfd]`, `anon_inode:[eventpoll]` … — the `name`
// passed to anon_inode_getfile. Here one AnonInodeFs per kernel file system holds that inode
// and hands out open files for it, each with its own FileOps and private state.

import { Dentry, Mount, type Path } from '../vfs/dentry.js';
import { Inode, type SuperBlock } from '../vfs/inode.js';
import { OpenFile, type FileOps } from '../vfs/file.js';
import type { KernelFileSystem } from '../fs/kernel-fs.js';

/** statfs f_type of anon_inodefs (include/uapi/linux/magic.h ANON_INODE_FS_MAGIC). */
export const ANON_INODE_FS_MAGIC = 0x09041934;

/** The one inode behind every anonymous file. */
export class AnonInode extends Inode {
  readonly ino = 1;
  /** anon_inode_mkinode: S_IRUSR | S_IWUSR and no S_IFMT bits. */
  mode = 0o600;

  constructor(readonly sb: SuperBlock) {
    super();
  }

  get size(): number {
    return 0;
  }
}

export class AnonInodeFs {
  readonly sb: SuperBlock;
  readonly inode: AnonInode;
  private readonly mnt: Mount;

  constructor(dev: number, now: SuperBlock['now']) {
    this.sb = { fsType: 'anon_inodefs', dev, readOnly: false, now, magic: ANON_INODE_FS_MAGIC };
    this.inode = new AnonInode(this.sb);
    this.mnt = new Mount(this.sb, new Dentry('anon_inode:', null, this.inode), null, null, false, 'anon_inodefs');
  }

  /** anon_inode_getfile(name, fops, priv, flags): a new open file named `[kind]`. `flags` are
   *  the access mode and status flags (O_RDWR | O_NONBLOCK …). */
  open(kind: string, ops: FileOps, priv: unknown, flags: number): OpenFile {
    const name = `anon_inode:${kind}`;
    const inode = new NamedAnonInode(this.inode, name);
    const path: Path = { mnt: this.mnt, dentry: new Dentry(name, this.mnt.root, inode) };
    const file = new OpenFile(path, inode, flags, ops);
    file.priv = priv;
    return file;
  }
}

/** A view of the shared anonymous inode that knows the name its file was opened with (procfs
 *  asks the inode for the link text). stat sees the shared inode's numbers. */
class NamedAnonInode extends Inode {
  constructor(
    private readonly shared: AnonInode,
    private readonly linkName: string,
  ) {
    super();
    this.uid = shared.uid;
    this.gid = shared.gid;
  }
  get sb(): SuperBlock {
    return this.shared.sb;
  }
  get ino(): number {
    return this.shared.ino;
  }
  get mode(): number {
    return this.shared.mode;
  }
  set mode(value: number) {
    this.shared.mode = value;
  }
  get size(): number {
    return 0;
  }
  override sameAs(other: Inode): boolean {
    return other === this || other === this.shared || (other instanceof NamedAnonInode && other.shared === this.shared);
  }
  procLinkName(): string {
    return this.linkName;
  }
}

const perFileSystem = new WeakMap<KernelFileSystem, AnonInodeFs>();

/** The anonymous-inode filesystem of a kernel file system (made on first use). */
export function anonInodeFsOf(kfs: KernelFileSystem): AnonInodeFs {
  let fs = perFileSystem.get(kfs);
  if (!fs) {
    fs = new AnonInodeFs(kfs.vfs.allocAnonDev(), kfs.vfs.now);
    perFileSystem.set(kfs, fs);
  }
  return fs;
}
