// Inodes: the VFS's view of one file object (inode(7)). Every filesystem subclasses `Inode`;
// the defaults here give the errno Linux gives when an operation does not apply to the file's
// type (lookup on a non-directory → ENOTDIR, readlink on a non-link → EINVAL, …). A directory's
// operations receive single names: the VFS has already split the path, handled `.` and `..`,
// crossed mounts and resolved symlinks, so a filesystem never sees a path.

import { EACCES, EINVAL, ENOTDIR, EPERM, ENXIO, type Err } from './errno.js';
import { S_IFMT, S_IFDIR, S_IFLNK } from './constants.js';
import type { OpenFile } from './file.js';

/** A point in time as struct timespec carries it. */
export interface Timespec {
  sec: number;
  nsec: number;
}

/** Who performs an operation: the filesystem uid/gid (credentials(7)). */
export interface Creds {
  uid: number;
  gid: number;
  /** Supplementary groups (getgroups(2)). */
  groups?: readonly number[];
}

/** What stat(2) reports. */
export interface InodeAttrs {
  dev: number;
  ino: number;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: number;
  size: number;
  blksize: number;
  blocks: number;
  atime: Timespec;
  mtime: Timespec;
  ctime: Timespec;
}

/** A change requested by chmod/chown/truncate/utimens (struct iattr). */
export interface AttrChange {
  mode?: number;
  uid?: number;
  gid?: number;
  size?: number;
  atime?: Timespec;
  mtime?: Timespec;
}

/** One directory entry as readdir produces it. */
export interface DirEntry {
  name: string;
  ino: number;
  /** S_IFMT bits of the entry's type. */
  type: number;
  /** A stable position (increasing along the listing) getdents can resume from, when the
   *  filesystem has one; otherwise the index in the listing is used. */
  pos?: number;
}

/** A mounted filesystem instance (struct super_block). */
export interface SuperBlock {
  /** Filesystem type name as /proc/mounts shows it ("tmpfs", "proc", "devtmpfs", "hostfs"). */
  readonly fsType: string;
  /** st_dev of every inode on it (new_encode_dev form). */
  readonly dev: number;
  /** Read-only for every mount of it (a `:ro` hostfs). */
  readonly readOnly: boolean;
  now(): Timespec;
  /** statfs(2) numbers; absent → an in-memory filesystem of `magic` with nothing counted. */
  statfs?(): FsStats | Err;
  /** f_type for statfs (include/uapi/linux/magic.h); absent → TMPFS_MAGIC. */
  readonly magic?: number;
}

/** What statfs(2) reports about a filesystem. */
export interface FsStats {
  type: number;
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
  namelen: number;
}

export abstract class Inode {
  abstract readonly sb: SuperBlock;
  abstract ino: number;
  /** Type bits and permission bits. */
  abstract mode: number;
  nlink = 1;
  uid = 0;
  gid = 0;
  rdev = 0;
  atime: Timespec = { sec: 0, nsec: 0 };
  mtime: Timespec = { sec: 0, nsec: 0 };
  ctime: Timespec = { sec: 0, nsec: 0 };

  get type(): number {
    return this.mode & S_IFMT;
  }

  /** Current size in bytes (st_size). */
  abstract get size(): number;

  /** st_* for stat(2). Filesystems backed by something else (hostfs) override this. */
  getattr(): InodeAttrs | Err {
    const size = this.size;
    return {
      dev: this.sb.dev, ino: this.ino, mode: this.mode, nlink: this.nlink, uid: this.uid,
      gid: this.gid, rdev: this.rdev, size, blksize: 4096, blocks: Math.ceil(size / 512 / 8) * 8,
      atime: this.atime, mtime: this.mtime, ctime: this.ctime,
    };
  }

  /** chmod/chown/truncate/utimensat. The VFS has checked permissions and read-only mounts. */
  setattr(change: AttrChange): number {
    if (change.size !== undefined) return -EINVAL;
    if (change.mode !== undefined) this.mode = (this.mode & S_IFMT) | (change.mode & 0o7777);
    if (change.uid !== undefined) this.uid = change.uid;
    if (change.gid !== undefined) this.gid = change.gid;
    if (change.atime) this.atime = change.atime;
    if (change.mtime) this.mtime = change.mtime;
    this.ctime = this.sb.now();
    return 0;
  }

  /** Same underlying object? (hostfs hands out fresh objects for the same host file.) */
  sameAs(other: Inode): boolean {
    return other === this;
  }

  // ---- directory operations (fs/namei.c calls these on the parent directory) ----
  // A directory whose filesystem lacks an operation answers as vfs_create/vfs_mkdir/… do when
  // the inode_operations slot is empty: EACCES for create, EPERM for the rest (/proc, say).
  lookup(_name: string): Inode | Err { return this.notDir(); }
  create(_name: string, _mode: number, _creds: Creds): Inode | Err { return this.isDir() ? -EACCES : this.notDir(); }
  mkdir(_name: string, _mode: number, _creds: Creds): Inode | Err { return this.noOp(); }
  symlink(_name: string, _target: string, _creds: Creds): Inode | Err { return this.noOp(); }
  mknod(_name: string, _mode: number, _rdev: number, _creds: Creds): Inode | Err { return -EPERM; }
  link(_name: string, _target: Inode): number { return this.noOp(); }
  unlink(_name: string): number { return this.noOp(); }
  rmdir(_name: string): number { return this.noOp(); }
  /** Moves `oldName` here to `newName` in `newDir` (same superblock). When the target exists the
   *  VFS has already checked the type rules; `exchange` swaps the two (RENAME_EXCHANGE). */
  rename(_oldName: string, _newDir: Inode, _newName: string, _exchange: boolean): number {
    return this.noOp();
  }
  readdir(): DirEntry[] | Err { return this.notDir(); }

  // ---- symlinks ----
  readlink(): string | Err { return -EINVAL; }

  /** Prepares `file` (sets `file.ops`) when this inode is opened. The default gives device-less
   *  special files nothing to talk to. */
  open(_file: OpenFile): number { return -ENXIO; }

  private notDir(): Err {
    return -ENOTDIR;
  }

  private noOp(): Err {
    return this.isDir() ? -EPERM : -ENOTDIR;
  }

  isDir(): boolean {
    return (this.mode & S_IFMT) === S_IFDIR;
  }

  isSymlink(): boolean {
    return (this.mode & S_IFMT) === S_IFLNK;
  }
}
