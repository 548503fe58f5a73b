// hostfs: a host directory mounted at a guest path, all I/O through node:fs. It can never reach
// outside its host directory:
//  - the VFS hands it single names only; `.` and `..` are resolved by the guest VFS, so `..` at
//    the mount root goes to the guest parent, never the host's;
//  - host symlinks are never followed by the host: lookups use lstat, files are opened with
//    O_NOFOLLOW, symlink text goes back to the guest VFS, which resolves it in the guest tree
//    (an absolute target is a guest path);
//  - before every operation the directory it works in is checked with realpath: it must still
//    be the host root or inside it, and still be the same host directory (device and inode) that
//    was looked up. A directory that has moved or been replaced (say by a symlink to "/")
//    is stale: ENOENT.
// Host special files (devices, FIFOs, sockets) are shown but cannot be opened (EACCES, ENXIO
// for sockets as Linux gives). Timestamps set through utimensat keep microseconds only
// (node:fs's utimes takes seconds as a double). Host errors become guest errnos (hostErrno). A `:ro` mount is
// read-only (EROFS, checked by the VFS). Concurrent changes made on the host by other programs
// while a call runs are outside this guarantee (the emulator itself is single-threaded, so a
// guest cannot race its own calls).

import { storedOrFault } from '../../vfs/file.js';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { Inode, type AttrChange, type Creds, type DirEntry, type FsStats, type InodeAttrs, type SuperBlock, type Timespec } from '../../vfs/inode.js';
import { EACCES, EINVAL, ENOENT, ENXIO, EXDEV, hostErrno, isErr, type Err } from '../../vfs/errno.js';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK, O_ACCMODE } from '../../vfs/constants.js';
import type { FileOps, OpenFile } from '../../vfs/file.js';
import { directoryOps } from '../../vfs/directory-file.js';

const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

export class HostfsSuperBlock implements SuperBlock {
  readonly fsType = 'hostfs';
  /** realpath of the host directory, as a byte string. */
  readonly hostRoot: Buffer;

  constructor(hostDir: string, readonly dev: number, readonly readOnly: boolean, readonly now: () => Timespec) {
    this.hostRoot = fs.realpathSync.native(hostDir, { encoding: 'buffer' });
  }

  /** The host filesystem's numbers (statfs(2) of the host directory). */
  statfs(): FsStats | Err {
    try {
      const st = fs.statfsSync(this.hostRoot);
      return {
        type: st.type, bsize: st.bsize, blocks: st.blocks, bfree: st.bfree, bavail: st.bavail,
        files: st.files, ffree: st.ffree, namelen: 255,
      };
    } catch (e) {
      return hostErrno(e);
    }
  }

  /** True when `real` (a realpath) is the root or below it. */
  contains(real: Buffer): boolean {
    const root = this.hostRoot;
    if (real.equals(root)) return true;
    const prefix = root[root.length - 1] === 0x2f ? root : Buffer.concat([root, Buffer.from('/')]);
    return real.length > prefix.length && real.subarray(0, prefix.length).equals(prefix);
  }

  makeRoot(): HostInode | Err {
    try {
      const st = fs.lstatSync(this.hostRoot, { bigint: true });
      if ((Number(st.mode) & S_IFMT) !== S_IFDIR) return -EINVAL;
      return new HostInode(this, this.hostRoot, st, null);
    } catch (e) {
      return hostErrno(e);
    }
  }
}

const join = (dir: Buffer, name: string): Buffer => Buffer.concat([dir, Buffer.from('/'), Buffer.from(name, 'latin1')]);

/** A name the VFS may hand to a filesystem: never empty, `.`, `..`, or containing '/' or NUL. */
function badName(name: string): boolean {
  return name.length === 0 || name === '.' || name === '..' || name.includes('/') || name.includes('\0');
}

const ts = (ns: bigint): Timespec => ({ sec: Number(ns / 1_000_000_000n), nsec: Number(ns % 1_000_000_000n) });

export class HostInode extends Inode {
  readonly ino: number;
  private readonly hostDev: bigint;
  private readonly hostIno: bigint;
  private cachedMode: number;

  constructor(
    readonly sb: HostfsSuperBlock,
    /** The host path (bytes) this inode was found at. */
    readonly hostPath: Buffer,
    st: fs.BigIntStats,
    /** The directory it was found in (null for the mount root). */
    readonly dir: HostInode | null,
  ) {
    super();
    this.hostDev = st.dev;
    this.hostIno = st.ino;
    this.ino = Number(st.ino);
    this.cachedMode = Number(st.mode);
    this.nlink = Number(st.nlink);
    this.uid = Number(st.uid);
    this.gid = Number(st.gid);
  }

  get mode(): number {
    return this.cachedMode;
  }
  set mode(value: number) {
    this.cachedMode = value;
  }

  get size(): number {
    const a = this.getattr();
    return isErr(a) ? 0 : a.size;
  }

  override sameAs(other: Inode): boolean {
    return other instanceof HostInode && other.hostIno === this.hostIno && other.hostDev === this.hostDev;
  }

  /** Checks that this directory is still inside the mount and still the same host directory;
   *  returns its host path or -errno. */
  private checkedDir(): Buffer | Err {
    let real: Buffer;
    let st: fs.BigIntStats;
    try {
      real = fs.realpathSync.native(this.hostPath, { encoding: 'buffer' });
      st = fs.statSync(real, { bigint: true });
    } catch (e) {
      return hostErrno(e);
    }
    if (!this.sb.contains(real)) return -ENOENT;
    if (st.ino !== this.hostIno || st.dev !== this.hostDev) return -ENOENT;
    return real;
  }

  /** The host path of `name` in this (checked) directory. */
  private child(name: string): Buffer | Err {
    if (badName(name)) return -ENOENT;
    const dir = this.checkedDir();
    return isErr(dir) ? dir : join(dir, name);
  }

  /** This inode's own path, re-derived through its (checked) parent directory. */
  private selfPath(): Buffer | Err {
    if (!this.dir) return this.checkedDir();
    const dir = this.dir.checkedDir();
    if (isErr(dir)) return dir;
    return Buffer.concat([dir, this.hostPath.subarray(this.dir.hostPath.length)]);
  }

  /** lstat of this inode, verified to still be the same host file. */
  private lstatSelf(): { path: Buffer; st: fs.BigIntStats } | Err {
    const path = this.selfPath();
    if (isErr(path)) return path;
    try {
      const st = fs.lstatSync(path, { bigint: true });
      if (st.ino !== this.hostIno || st.dev !== this.hostDev) return -ENOENT;
      return { path, st };
    } catch (e) {
      return hostErrno(e);
    }
  }

  override getattr(): InodeAttrs | Err {
    const found = this.lstatSelf();
    if (isErr(found)) return found;
    const { st } = found;
    this.cachedMode = Number(st.mode);
    return {
      dev: this.sb.dev, ino: this.ino, mode: Number(st.mode), nlink: Number(st.nlink), uid: Number(st.uid),
      gid: Number(st.gid), rdev: Number(st.rdev), size: Number(st.size), blksize: Number(st.blksize),
      blocks: Number(st.blocks), atime: ts(st.atimeNs), mtime: ts(st.mtimeNs), ctime: ts(st.ctimeNs),
    };
  }

  override setattr(change: AttrChange): number {
    const found = this.lstatSelf();
    if (isErr(found)) return found;
    const { path, st } = found;
    const isLink = (Number(st.mode) & S_IFMT) === S_IFLNK;
    try {
      if (change.size !== undefined) {
        if (isLink) return -EINVAL;
        const fd = fs.openSync(path, fs.constants.O_WRONLY | NOFOLLOW);
        try {
          fs.ftruncateSync(fd, change.size);
        } finally {
          fs.closeSync(fd);
        }
      }
      if (change.mode !== undefined && !isLink) fs.chmodSync(path, change.mode & 0o7777);
      if (change.uid !== undefined || change.gid !== undefined) {
        fs.lchownSync(path, change.uid ?? Number(st.uid), change.gid ?? Number(st.gid));
      }
      if (change.atime || change.mtime) {
        const at = change.atime ?? ts(st.atimeNs);
        const mt = change.mtime ?? ts(st.mtimeNs);
        // libuv turns the double into microseconds by truncation: aim at the middle of the
        // microsecond so rounding errors of the double cannot drop one.
        const secs = (t: Timespec): number => t.sec + (Math.floor(t.nsec / 1000) + 0.5) / 1e6;
        fs.lutimesSync(path, secs(at), secs(mt));
      }
    } catch (e) {
      return hostErrno(e);
    }
    if (change.mode !== undefined) this.cachedMode = (this.cachedMode & S_IFMT) | (change.mode & 0o7777);
    return 0;
  }

  override lookup(name: string): Inode | Err {
    const path = this.child(name);
    if (isErr(path)) return path;
    try {
      return new HostInode(this.sb, path, fs.lstatSync(path, { bigint: true }), this);
    } catch (e) {
      return hostErrno(e);
    }
  }

  private made(path: Buffer): Inode | Err {
    try {
      return new HostInode(this.sb, path, fs.lstatSync(path, { bigint: true }), this);
    } catch (e) {
      return hostErrno(e);
    }
  }

  override create(name: string, mode: number, _creds: Creds): Inode | Err {
    const path = this.child(name);
    if (isErr(path)) return path;
    try {
      const c = fs.constants;
      const fd = fs.openSync(path, c.O_CREAT | c.O_EXCL | c.O_WRONLY | NOFOLLOW, mode & 0o7777);
      try {
        // The host's umask must not change the mode the guest asked for (its own umask applied).
        fs.fchmodSync(fd, mode & 0o7777);
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      return hostErrno(e);
    }
    return this.made(path);
  }

  override mkdir(name: string, mode: number, _creds: Creds): Inode | Err {
    const path = this.child(name);
    if (isErr(path)) return path;
    try {
      fs.mkdirSync(path, { mode: mode & 0o7777 });
      fs.chmodSync(path, mode & 0o7777);
    } catch (e) {
      return hostErrno(e);
    }
    return this.made(path);
  }

  override symlink(name: string, target: string, _creds: Creds): Inode | Err {
    const path = this.child(name);
    if (isErr(path)) return path;
    try {
      fs.symlinkSync(Buffer.from(target, 'latin1'), path);
    } catch (e) {
      return hostErrno(e);
    }
    return this.made(path);
  }

  override link(name: string, target: Inode): number {
    if (!(target instanceof HostInode) || target.sb !== this.sb) return -EXDEV;
    const path = this.child(name);
    if (isErr(path)) return path;
    const from = target.lstatSelf();
    if (isErr(from)) return from;
    try {
      fs.linkSync(from.path, path);
      return 0;
    } catch (e) {
      return hostErrno(e);
    }
  }

  override unlink(name: string): number {
    const path = this.child(name);
    if (isErr(path)) return path;
    try {
      fs.unlinkSync(path);
      return 0;
    } catch (e) {
      return hostErrno(e);
    }
  }

  override rmdir(name: string): number {
    const path = this.child(name);
    if (isErr(path)) return path;
    try {
      fs.rmdirSync(path);
      return 0;
    } catch (e) {
      return hostErrno(e);
    }
  }

  override rename(oldName: string, newDir: Inode, newName: string, exchange: boolean): number {
    if (!(newDir instanceof HostInode) || newDir.sb !== this.sb) return -EXDEV;
    if (exchange) return -EINVAL; // RENAME_EXCHANGE has no node:fs equivalent
    const from = this.child(oldName);
    if (isErr(from)) return from;
    const to = newDir.child(newName);
    if (isErr(to)) return to;
    try {
      fs.renameSync(from, to);
      return 0;
    } catch (e) {
      return hostErrno(e);
    }
  }

  override readdir(): DirEntry[] | Err {
    const dir = this.checkedDir();
    if (isErr(dir)) return dir;
    let names: Buffer[];
    try {
      names = fs.readdirSync(dir, { encoding: 'buffer' });
    } catch (e) {
      return hostErrno(e);
    }
    const parentIno = this.dir ? this.dir.ino : this.ino;
    const out: DirEntry[] = [
      { name: '.', ino: this.ino, type: S_IFDIR },
      { name: '..', ino: parentIno, type: S_IFDIR },
    ];
    for (const raw of names) {
      try {
        const st = fs.lstatSync(Buffer.concat([dir, Buffer.from('/'), raw]), { bigint: true });
        out.push({ name: raw.toString('latin1'), ino: Number(st.ino), type: Number(st.mode) & S_IFMT });
      } catch {
        // Vanished between readdir and lstat: skip it.
      }
    }
    return out;
  }

  override readlink(): string | Err {
    const found = this.lstatSelf();
    if (isErr(found)) return found;
    if ((Number(found.st.mode) & S_IFMT) !== S_IFLNK) return -EINVAL;
    try {
      return fs.readlinkSync(found.path, { encoding: 'buffer' }).toString('latin1');
    } catch (e) {
      return hostErrno(e);
    }
  }

  override open(file: OpenFile): number {
    const found = this.lstatSelf();
    if (isErr(found)) return found;
    const type = Number(found.st.mode) & S_IFMT;
    if (type === S_IFDIR) {
      // Keep a host fd on it so fstat works after it is removed or moved, as on Linux.
      try {
        file.priv = fs.openSync(found.path, fs.constants.O_RDONLY | (fs.constants.O_DIRECTORY ?? 0) | NOFOLLOW);
      } catch (e) {
        return hostErrno(e);
      }
      file.ops = hostDirOps;
      return 0;
    }
    if (type === S_IFSOCK) return -ENXIO;
    if (type !== S_IFREG) return -EACCES;
    const c = fs.constants;
    const acc = file.flags & O_ACCMODE;
    const hostFlags = (acc === 1 ? c.O_WRONLY : acc === 2 ? c.O_RDWR : c.O_RDONLY) | NOFOLLOW;
    try {
      file.priv = fs.openSync(found.path, hostFlags);
    } catch (e) {
      return hostErrno(e);
    }
    file.ops = hostFileOps;
    return 0;
  }
}

const hostFd = (file: OpenFile): number => file.priv as number;

/** fstat through a host fd. */
function fstatHost(file: OpenFile): InodeAttrs | Err {
  try {
    const st = fs.fstatSync(hostFd(file), { bigint: true });
    return {
      dev: file.inode.sb.dev, ino: file.inode.ino, mode: Number(st.mode), nlink: Number(st.nlink),
      uid: Number(st.uid), gid: Number(st.gid), rdev: Number(st.rdev), size: Number(st.size),
      blksize: Number(st.blksize), blocks: Number(st.blocks), atime: ts(st.atimeNs), mtime: ts(st.mtimeNs),
      ctime: ts(st.ctimeNs),
    };
  } catch (e) {
    return hostErrno(e);
  }
}

function closeHost(file: OpenFile): void {
  try {
    fs.closeSync(hostFd(file));
  } catch {
    /* the host fd is gone already */
  }
}

/** An open host directory: listing goes by path (checked), attributes by the host fd. */
const hostDirOps: FileOps = { ...directoryOps, getattr: fstatHost, release: closeHost };

/** I/O on an open host file: by host fd, at explicit positions. */
export const hostFileOps: FileOps = {
  seekable: true,
  read(file, len, pos, sink) {
    const buf = Buffer.alloc(Math.min(len, 1 << 24));
    let n: number;
    try {
      n = fs.readSync(hostFd(file), buf, 0, buf.length, pos);
    } catch (e) {
      return hostErrno(e);
    }
    if (n === 0) return 0;
    return storedOrFault(sink(buf.subarray(0, n)));
  },
  write(file, data, pos) {
    try {
      let done = 0;
      while (done < data.length) done += fs.writeSync(hostFd(file), data, done, data.length - done, pos + done);
      return done;
    } catch (e) {
      return hostErrno(e);
    }
  },
  getattr: fstatHost,
  size(file) {
    try {
      return fs.fstatSync(hostFd(file)).size;
    } catch {
      return 0;
    }
  },
  truncate(file, size) {
    try {
      fs.ftruncateSync(hostFd(file), size);
      return 0;
    } catch (e) {
      return hostErrno(e);
    }
  },
  fsync(file) {
    try {
      fs.fsyncSync(hostFd(file));
      return 0;
    } catch (e) {
      return hostErrno(e);
    }
  },
  release: closeHost,
};

/** Mounts the host directory `hostDir`: a superblock and its root inode. */
export function createHostfs(hostDir: string, dev: number, readOnly: boolean, now: () => Timespec): { sb: HostfsSuperBlock; root: HostInode } | Err {
  let sb: HostfsSuperBlock;
  try {
    sb = new HostfsSuperBlock(nodePath.resolve(hostDir), dev, readOnly, now);
  } catch (e) {
    return hostErrno(e);
  }
  const root = sb.makeRoot();
  if (isErr(root)) return root;
  return { sb, root };
}


