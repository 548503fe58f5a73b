// tmpfs (mm/shmem.c): a filesystem that lives entirely in memory. It is the guest's root and
// /tmp. Directories are name → inode maps; each name gets a serial number when it is linked in
// (created, or renamed into the directory) and getdents lists the newest first, after `.` and
// `..` — the order measured on Linux 6.18 tmpfs. The serial also makes a stable getdents
// position, so removing entries between getdents calls (rm -r) skips nothing. Regular files are byte arrays that grow on write and
// read back zeros in holes; symlinks keep their target text; device nodes open the driver
// registered for their number; FIFOs are named pipes.

import {
  Inode, type Creds, type DirEntry, type FsStats, type InodeAttrs, type SuperBlock, type Timespec, type AttrChange,
} from '../../vfs/inode.js';
import { EEXIST, EFBIG, EINVAL, ENAMETOOLONG, ENOENT, ENOSPC, ENOTDIR, ENOTEMPTY, EISDIR, EMLINK, ENXIO, EPERM, type Err } from '../../vfs/errno.js';
import { S_IFDIR, S_IFLNK, S_IFREG, S_IFCHR, S_IFIFO, S_IFMT, S_IFSOCK, S_ISGID } from '../../vfs/constants.js';
import type { OpenFile } from '../../vfs/file.js';
import type { DeviceRegistry } from '../../vfs/devices.js';
import { regularFileOps } from '../../vfs/regular-file.js';
import { directoryOps } from '../../vfs/directory-file.js';
import { Pipe, openFifo } from '../../pipe/pipe.js';
import { F_SEAL_EXEC, F_SEAL_FUTURE_WRITE, F_SEAL_GROW, F_SEAL_SEAL, F_SEAL_SHRINK, F_SEAL_WRITE } from './seals.js';

/** Largest file tmpfs keeps (bytes actually stored; a truncate may declare a larger sparse size). */
export const TMPFS_MAX_STORED = 512 * 1024 * 1024;
/** s_maxbytes for tmpfs: MAX_LFS_FILESIZE on 64-bit. */
const MAX_FILE_SIZE = Number.MAX_SAFE_INTEGER;

export class TmpfsSuperBlock implements SuperBlock {
  private nextIno = 1;
  readonly readOnly = false;

  constructor(
    readonly dev: number,
    readonly now: () => Timespec,
    readonly devices?: DeviceRegistry,
    readonly fsType = 'tmpfs',
  ) {}

  /** TMPFS_MAGIC; sizes as a 1 GiB tmpfs with nothing counted against it. */
  readonly magic = 0x01021994;
  statfs(): FsStats {
    const blocks = TMPFS_MAX_STORED * 2 / 4096;
    return { type: this.magic, bsize: 4096, blocks, bfree: blocks, bavail: blocks, files: blocks, ffree: blocks - this.nextIno + 1, namelen: 255 };
  }

  allocIno(): number {
    return this.nextIno++;
  }

  /** A new empty root directory (mode 1777 for /tmp, 0755 for /). */
  makeRoot(mode = 0o755): TmpDir {
    const root = new TmpDir(this, S_IFDIR | mode, { uid: 0, gid: 0 });
    root.parent = root;
    return root;
  }
}

abstract class TmpInode extends Inode {
  readonly ino: number;
  mode: number;

  constructor(readonly sb: TmpfsSuperBlock, mode: number, creds: Creds) {
    super();
    this.ino = sb.allocIno();
    this.mode = mode;
    this.uid = creds.uid;
    this.gid = creds.gid;
    const t = sb.now();
    this.atime = t;
    this.mtime = t;
    this.ctime = t;
  }

  touchChange(): void {
    this.ctime = this.sb.now();
  }
}

export class TmpDir extends TmpInode {
  readonly entries = new Map<string, TmpInode>();
  /** When each name was linked in (larger = newer). */
  private readonly serials = new Map<string, number>();
  private nextSerial = 1;
  /** The directory containing this one ('..' in readdir). */
  parent: TmpDir = this;

  constructor(sb: TmpfsSuperBlock, mode: number, creds: Creds) {
    super(sb, mode, creds);
    this.nlink = 2;
  }

  get size(): number {
    // Linux tmpfs reports BOGO_DIRENT_SIZE (20) per entry plus 2 * 20 for . and ..
    return (this.entries.size + 2) * 20;
  }

  override lookup(name: string): Inode | Err {
    return this.entries.get(name) ?? -ENOENT;
  }

  private childCreds(creds: Creds, mode: number): { creds: Creds; mode: number } {
    // A setgid directory passes its group on, and its setgid bit to subdirectories (inode_init_owner).
    if (this.mode & S_ISGID) {
      return { creds: { uid: creds.uid, gid: this.gid }, mode: (mode & S_IFMT) === S_IFDIR ? mode | S_ISGID : mode };
    }
    return { creds, mode };
  }

  private add(name: string, inode: TmpInode): void {
    this.setEntry(name, inode);
    this.mtime = this.ctime = this.sb.now();
  }

  /** Links `name` to `inode` with a fresh serial (it lists as the newest entry). */
  setEntry(name: string, inode: TmpInode): void {
    this.entries.set(name, inode);
    this.serials.set(name, this.nextSerial++);
  }

  deleteEntry(name: string): void {
    this.entries.delete(name);
    this.serials.delete(name);
  }

  override create(name: string, mode: number, creds: Creds): Inode | Err {
    if (this.entries.has(name)) return -EEXIST;
    const owner = this.childCreds(creds, mode);
    const file = new TmpFile(this.sb, S_IFREG | (owner.mode & 0o7777), owner.creds);
    this.add(name, file);
    return file;
  }

  override mkdir(name: string, mode: number, creds: Creds): Inode | Err {
    if (this.entries.has(name)) return -EEXIST;
    const owner = this.childCreds(creds, S_IFDIR | (mode & 0o7777));
    const dir = new TmpDir(this.sb, owner.mode, owner.creds);
    dir.parent = this;
    this.add(name, dir);
    this.nlink++;
    return dir;
  }

  override symlink(name: string, target: string, creds: Creds): Inode | Err {
    if (this.entries.has(name)) return -EEXIST;
    // The target and its NUL must fit in a page (shmem_symlink).
    if (target.length + 1 > 4096) return -ENAMETOOLONG;
    const link = new TmpSymlink(this.sb, target, this.childCreds(creds, S_IFLNK).creds);
    this.add(name, link);
    return link;
  }

  override mknod(name: string, mode: number, rdev: number, creds: Creds): Inode | Err {
    if (this.entries.has(name)) return -EEXIST;
    const type = mode & S_IFMT;
    // Sockets too: bind(2) of an AF_UNIX socket to a path makes its name with mknod (S_IFSOCK).
    if (type !== S_IFCHR && type !== S_IFIFO && type !== S_IFSOCK) return -EINVAL;
    const node = new TmpSpecial(this.sb, mode, rdev, this.childCreds(creds, mode).creds);
    this.add(name, node);
    return node;
  }

  override link(name: string, target: Inode): number {
    if (this.entries.has(name)) return -EEXIST;
    if (!(target instanceof TmpInode) || target.sb !== this.sb) return -EINVAL;
    if (target.nlink >= 0xffffffff) return -EMLINK;
    target.nlink++;
    target.touchChange();
    this.add(name, target);
    return 0;
  }

  override unlink(name: string): number {
    const victim = this.entries.get(name);
    if (!victim) return -ENOENT;
    if (victim.isDir()) return -EISDIR;
    this.deleteEntry(name);
    victim.nlink--;
    victim.touchChange();
    this.mtime = this.ctime = this.sb.now();
    return 0;
  }

  override rmdir(name: string): number {
    const victim = this.entries.get(name);
    if (!victim) return -ENOENT;
    if (!(victim instanceof TmpDir)) return -ENOTDIR;
    if (victim.entries.size > 0) return -ENOTEMPTY;
    this.deleteEntry(name);
    victim.nlink = 0;
    this.nlink--;
    this.mtime = this.ctime = this.sb.now();
    return 0;
  }

  override rename(oldName: string, newDir: Inode, newName: string, exchange: boolean): number {
    if (!(newDir instanceof TmpDir) || newDir.sb !== this.sb) return -EINVAL;
    const source = this.entries.get(oldName);
    if (!source) return -ENOENT;
    const target = newDir.entries.get(newName);
    const now = this.sb.now();
    if (exchange) {
      if (!target) return -ENOENT;
      this.setEntry(oldName, target);
      newDir.setEntry(newName, source);
      if (source instanceof TmpDir) source.parent = newDir;
      if (target instanceof TmpDir) target.parent = this;
      if (source.isDir() !== target.isDir() && this !== newDir) {
        const [dirSide, other] = source.isDir() ? [newDir, this] : [this, newDir];
        dirSide.nlink++;
        other.nlink--;
      }
    } else {
      if (target) {
        if (target instanceof TmpDir) {
          if (!source.isDir()) return -EISDIR;
          if (target.entries.size > 0) return -ENOTEMPTY;
          target.nlink = 0;
          newDir.nlink--;
        } else {
          if (source.isDir()) return -ENOTDIR;
          target.nlink--;
        }
        target.touchChange();
      }
      this.deleteEntry(oldName);
      newDir.setEntry(newName, source);
      if (source instanceof TmpDir && newDir !== this) {
        source.parent = newDir;
        this.nlink--;
        newDir.nlink++;
      }
    }
    source.ctime = now;
    this.mtime = this.ctime = now;
    newDir.mtime = newDir.ctime = now;
    return 0;
  }

  /** Directory entries live in the dentry cache, not in pages: st_blocks is 0 (measured). */
  override getattr(): InodeAttrs | Err {
    return { ...(super.getattr() as InodeAttrs), blocks: 0 };
  }

  override readdir(): DirEntry[] | Err {
    const out: DirEntry[] = [
      { name: '.', ino: this.ino, type: S_IFDIR, pos: 0 },
      { name: '..', ino: this.parent.ino, type: S_IFDIR, pos: 1 },
    ];
    const named = [...this.entries].map(([name, inode]) => ({ name, inode, serial: this.serials.get(name)! }));
    named.sort((a, b) => b.serial - a.serial);
    // Positions grow along the listing: newer entries (larger serials) come first.
    for (const { name, inode, serial } of named) {
      out.push({ name, ino: inode.ino, type: inode.mode & S_IFMT, pos: 0x7fffffff - serial });
    }
    return out;
  }

  override open(file: OpenFile): number {
    file.ops = directoryOps;
    return 0;
  }
}

export class TmpFile extends TmpInode {
  /** Stored bytes; `length` may exceed `data.length` (a sparse tail of zeros). */
  data = new Uint8Array(0);
  length = 0;
  /** Pages that have been written (a hole takes no page): st_blocks counts these. */
  private readonly pages = new Set<number>();
  /** File seals (./seals.ts): shmem_get_inode starts every file with F_SEAL_SEAL. */
  seals = F_SEAL_SEAL;

  get size(): number {
    return this.length;
  }

  override getattr(): InodeAttrs | Err {
    return { ...(super.getattr() as InodeAttrs), blocks: this.pages.size * 8 };
  }

  override setattr(change: AttrChange): number {
    // shmem_setattr: F_SEAL_EXEC freezes the exec bits (EPERM before any change is made).
    if (this.seals & F_SEAL_EXEC && change.mode !== undefined && (change.mode ^ this.mode) & 0o111) return -EPERM;
    if (change.size !== undefined) {
      const err = this.truncate(change.size);
      if (err) return err;
    }
    return super.setattr({ ...change, size: undefined });
  }

  truncate(size: number): number {
    if (size < 0) return -EINVAL;
    if (size > MAX_FILE_SIZE) return -EFBIG;
    // shmem_setattr: F_SEAL_SHRINK forbids a smaller size, F_SEAL_GROW a larger one.
    if ((size < this.length && this.seals & F_SEAL_SHRINK) || (size > this.length && this.seals & F_SEAL_GROW)) return -EPERM;
    if (size < this.data.length) this.data.fill(0, size);
    const keep = Math.ceil(size / 4096);
    for (const page of [...this.pages]) if (page >= keep) this.pages.delete(page);
    this.length = size;
    this.mtime = this.ctime = this.sb.now();
    return 0;
  }

  /** Copies bytes [pos, pos+len) out, zeros in holes. */
  readAt(pos: number, len: number): Uint8Array {
    if (pos >= this.length) return new Uint8Array(0);
    const n = Math.min(len, this.length - pos);
    const out = new Uint8Array(n);
    if (pos < this.data.length) out.set(this.data.subarray(pos, Math.min(this.data.length, pos + n)));
    return out;
  }

  writeAt(pos: number, data: Uint8Array): number {
    // shmem_write_begin, called for each page-sized chunk of the write: F_SEAL_WRITE and
    // F_SEAL_FUTURE_WRITE refuse it; F_SEAL_GROW refuses a chunk that ends past the size, so
    // the write stops at the last page boundary inside the file (EPERM when that is none).
    if (this.seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)) return -EPERM;
    let bytes = data;
    if (this.seals & F_SEAL_GROW && pos + data.length > this.length) {
      const fits = Math.floor(this.length / 4096) * 4096 - pos;
      if (fits <= 0) return -EPERM;
      bytes = data.subarray(0, fits);
    }
    const end = pos + bytes.length;
    if (end > MAX_FILE_SIZE) return -EFBIG;
    if (end > TMPFS_MAX_STORED) return -ENOSPC;
    if (end > this.data.length) {
      // Grow by doubling; bytes past `length` in the buffer are always zero (see truncate).
      const grown = new Uint8Array(Math.min(TMPFS_MAX_STORED, Math.max(end, this.data.length * 2, 256)));
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(bytes, pos);
    for (let page = Math.floor(pos / 4096); page * 4096 < end; page++) this.pages.add(page);
    if (end > this.length) this.length = end;
    this.mtime = this.ctime = this.sb.now();
    return bytes.length;
  }

  override open(file: OpenFile): number {
    file.ops = regularFileOps;
    return 0;
  }
}

export class TmpSymlink extends TmpInode {
  constructor(sb: TmpfsSuperBlock, readonly target: string, creds: Creds) {
    super(sb, S_IFLNK | 0o777, creds);
  }

  get size(): number {
    return this.target.length;
  }

  override readlink(): string | Err {
    return this.target;
  }

  /** Targets up to SHORT_SYMLINK_LEN (128 bytes with the NUL) live in the inode itself and take
   *  no blocks; longer ones take a page (mm/shmem.c shmem_symlink; measured st_blocks 0). */
  override getattr(): InodeAttrs | Err {
    const base = super.getattr() as InodeAttrs;
    return { ...base, blocks: this.target.length + 1 <= 128 ? 0 : 8 };
  }
}

/** A character device node or a FIFO. */
export class TmpSpecial extends TmpInode {
  private pipe: Pipe | null = null;

  constructor(sb: TmpfsSuperBlock, mode: number, rdev: number, creds: Creds) {
    super(sb, mode, creds);
    this.rdev = rdev;
  }

  get size(): number {
    return 0;
  }

  override open(file: OpenFile): number {
    if ((this.mode & S_IFMT) === S_IFIFO) {
      this.pipe ??= new Pipe(this);
      return openFifo(this.pipe, file);
    }
    const device = this.sb.devices?.get(this.rdev);
    return device ? device.open(file) : -ENXIO;
  }
}

