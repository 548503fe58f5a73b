// The VFS proper: the mount table and every path-based operation of the file syscalls
// (fs/namei.c, fs/open.c, fs/stat.c). Each function takes the caller's walk environment (root
// and credentials), a start directory for relative paths (cwd, or a dirfd's directory for the
// *at calls) and byte-string paths, and returns a value or a negated errno in the order Linux
// checks things (e.g. mkdir reports EEXIST before EROFS, unlink reports EROFS before ENOENT).

import { Dentry, Mount, type Path, samePath } from './dentry.js';
import {
  EBUSY, EEXIST, EINVAL, EISDIR, ELOOP, ENOENT, ENOTDIR, ENOTEMPTY, EPERM, EROFS, EXDEV, EOPNOTSUPP,
  isErr, type Err,
} from './errno.js';
import type { AttrChange, Inode, InodeAttrs, SuperBlock, Timespec } from './inode.js';
import {
  O_ACCMODE, O_CREAT, O_EXCL, O_NOFOLLOW, O_TRUNC, O_DIRECTORY, O_PATH, O_CLOEXEC, O_NOCTTY,
  O_RDONLY, O_TMPFILE, S_IFREG, S_IFDIR, S_IFMT, S_ISVTX, RENAME_EXCHANGE, RENAME_NOREPLACE,
  RENAME_WHITEOUT, X_OK, W_OK, R_OK, S_IFLNK,
} from './constants.js';
import {
  followMounts, lookupDentry, newBudget, walk, walkParent, type LinkBudget, type WalkEnv,
} from './namei.js';
import { MAY_EXEC, MAY_READ, MAY_WRITE, permission } from './permission.js';
import { OpenFile, pathOnlyOps } from './file.js';

/** The result of open before a descriptor is assigned. */
export type OpenResult = OpenFile | Err;

/** Where a new filesystem goes and how (mount(2) without the syscall). */
export interface MountOptions {
  readOnly?: boolean;
  source?: string;
}

export class Vfs {
  private nextAnonMinor = 0x20;
  private rootMount: Mount | null = null;

  /** CLOCK_REALTIME for inode times. Filesystems hold `now`, which always asks the current
   *  `clock` — so a kernel can supply its own clock after the tree is built. */
  clock: () => Timespec;
  readonly now = (): Timespec => this.clock();

  constructor(clock: () => Timespec = wallClock) {
    this.clock = clock;
  }

  /** A fresh anonymous device number 0:N (get_anon_bdev), for st_dev of in-memory filesystems. */
  allocAnonDev(): number {
    return encodeDev(0, this.nextAnonMinor++);
  }

  /** Makes `root` (a directory inode of `sb`) the root of the tree. */
  mountRoot(sb: SuperBlock, root: Inode, options: MountOptions = {}): Path {
    const dentry = new Dentry('/', null, root);
    this.rootMount = new Mount(sb, dentry, null, null, options.readOnly ?? false, options.source ?? sb.fsType);
    return { mnt: this.rootMount, dentry };
  }

  get root(): Path {
    if (!this.rootMount) throw new Error('Vfs: no root filesystem mounted');
    return { mnt: this.rootMount, dentry: this.rootMount.root };
  }

  /** Mounts `root` of `sb` on the directory `at`. */
  mount(at: Path, sb: SuperBlock, root: Inode, options: MountOptions = {}): Path | Err {
    if (!at.dentry.inode.isDir()) return -ENOTDIR;
    const dentry = new Dentry(at.dentry.name, null, root);
    const mnt = new Mount(sb, dentry, at.mnt, at.dentry, options.readOnly ?? false, options.source ?? sb.fsType);
    at.mnt.children.push(mnt);
    at.dentry.mountCount++;
    return { mnt, dentry };
  }

  /** Every mount, parents before children (for /proc/mounts). */
  mounts(): Mount[] {
    const out: Mount[] = [];
    const visit = (m: Mount): void => {
      out.push(m);
      m.children.forEach(visit);
    };
    if (this.rootMount) visit(this.rootMount);
    return out;
  }

  // ------------------------------------------------------------------ lookups

  /** Resolves a path to a place (stat, chdir, readlink…). */
  lookup(env: WalkEnv, start: Path, path: string, follow: boolean): Path | Err {
    return walk(env, start, path, follow);
  }

  stat(env: WalkEnv, start: Path, path: string, follow: boolean): InodeAttrs | Err {
    const found = walk(env, start, path, follow);
    if (isErr(found)) return found;
    return found.dentry.inode.getattr();
  }

  readlink(env: WalkEnv, start: Path, path: string): string | Err {
    const found = walk(env, start, path, false);
    if (isErr(found)) return found;
    const inode = found.dentry.inode;
    if (!inode.isSymlink()) return -EINVAL;
    return inode.readlink();
  }

  /** access/faccessat (fs/open.c do_faccessat). `mode` is F_OK or R_OK|W_OK|X_OK. */
  access(env: WalkEnv, start: Path, path: string, mode: number, follow: boolean): number {
    if (mode & ~(R_OK | W_OK | X_OK)) return -EINVAL;
    const found = walk(env, start, path, follow);
    if (isErr(found)) return found;
    return this.accessPlace(env, found, mode);
  }

  /** access on a resolved place (faccessat2 with AT_EMPTY_PATH). */
  accessPlace(env: WalkEnv, found: Path, mode: number): number {
    const inode = found.dentry.inode;
    const type = inode.mode & S_IFMT;
    if (mode & W_OK && found.mnt.isReadOnly && (type === S_IFREG || type === S_IFDIR || type === S_IFLNK)) {
      return -EROFS;
    }
    return permission(inode, mode, env.creds);
  }

  chdirTarget(env: WalkEnv, start: Path, path: string): Path | Err {
    const found = walk(env, start, path, true);
    if (isErr(found)) return found;
    if (!found.dentry.inode.isDir()) return -ENOTDIR;
    const denied = permission(found.dentry.inode, MAY_EXEC, env.creds);
    return denied ? denied : found;
  }

  /** The path of a place as seen from `root` (d_path): "(unreachable)" prefix when it is outside
   *  the root, " (deleted)" suffix when its name was removed. */
  pathOf(root: Path, place: Path): string {
    const parts: string[] = [];
    let { mnt, dentry } = place;
    let reachable = true;
    for (;;) {
      if (mnt === root.mnt && dentry === root.dentry) break;
      if (dentry === mnt.root) {
        if (!mnt.parent || !mnt.mountpoint) {
          reachable = false;
          break;
        }
        dentry = mnt.mountpoint;
        mnt = mnt.parent;
        continue;
      }
      parts.push(dentry.name);
      dentry = dentry.parent ?? dentry;
    }
    const path = '/' + parts.reverse().join('/');
    const deleted = place.dentry.deleted ? ' (deleted)' : '';
    return (reachable ? '' : '(unreachable)') + path + deleted;
  }

  // ------------------------------------------------------------------ open

  /** open/openat/creat (fs/namei.c path_openat, do_open; fs/open.c build_open_flags). `flags`
   *  are x86 values; `umask` is the caller's. The file comes back with no references. */
  open(env: WalkEnv, start: Path, path: string, flags: number, mode: number, umask: number): OpenResult {
    const early = checkOpenFlags(flags);
    if (early) return early;
    if ((flags & O_TMPFILE) === O_TMPFILE) return -EOPNOTSUPP;
    if (flags & O_PATH) flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    const budget = newBudget();
    let created = false;
    let target: Path | Err;
    if (flags & O_CREAT && !(flags & O_PATH)) {
      const made = this.openCreate(env, start, path, flags, mode, umask, budget);
      if (isErr(made)) return made;
      target = made.path;
      created = made.created;
    } else {
      target = walk(env, start, path, !(flags & O_NOFOLLOW), budget);
    }
    if (isErr(target)) return target;
    const inode = target.dentry.inode;
    const accmode = flags & O_ACCMODE;
    if (flags & O_PATH) {
      if (flags & O_DIRECTORY && !inode.isDir()) return -ENOTDIR;
      return new OpenFile(target, inode, flags & ~(O_CLOEXEC | O_NOFOLLOW), pathOnlyOps);
    }
    if (flags & O_DIRECTORY && !inode.isDir()) return -ENOTDIR;
    if (inode.isSymlink()) return -ELOOP; // O_NOFOLLOW met a link (may_open)
    if (inode.isDir() && (accmode !== O_RDONLY || flags & O_TRUNC || (flags & O_CREAT && !created))) {
      return -EISDIR;
    }
    const type = inode.mode & S_IFMT;
    const wantsWrite = accmode !== O_RDONLY || (flags & O_TRUNC) !== 0;
    if (wantsWrite && (type === S_IFREG || type === S_IFDIR) && target.mnt.isReadOnly) return -EROFS;
    if (!created) {
      let mask = 0;
      if (accmode === 0 || accmode === 2 || accmode === 3) mask |= MAY_READ;
      if (accmode !== 0 || flags & O_TRUNC) mask |= MAY_WRITE;
      const denied = permission(inode, mask, env.creds);
      if (denied) return denied;
    }
    const file = new OpenFile(target, inode, flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC), pathOnlyOps);
    if (flags & O_TRUNC && type === S_IFREG && !created) {
      const err = inode.setattr({ size: 0 });
      if (err) return err;
    }
    const opened = inode.open(file);
    if (opened < 0) return opened;
    return file;
  }

  private openCreate(
    env: WalkEnv, start: Path, path: string, flags: number, mode: number, umask: number, budget: LinkBudget,
  ): { path: Path; created: boolean } | Err {
    const walked = walkParent(env, start, path, budget);
    if (isErr(walked)) return walked;
    const { parent, last } = walked;
    if (walked.kind !== 'norm' || walked.trailingSlash) return -EISDIR;
    const existing = lookupDentry(parent.dentry, last);
    if (!isErr(existing)) {
      if (flags & O_EXCL) return -EEXIST;
      const place = followMounts({ mnt: parent.mnt, dentry: existing });
      if (existing.inode.isSymlink()) {
        if (flags & O_NOFOLLOW) return -ELOOP;
        if (budget.left-- <= 0) return -ELOOP;
        const inode = existing.inode as Inode & { magicTarget?: () => Path | Err };
        if (typeof inode.magicTarget === 'function') {
          const magic = inode.magicTarget();
          return isErr(magic) ? magic : { path: magic, created: false };
        }
        const text = existing.inode.readlink();
        if (isErr(text)) return text;
        if (text.length === 0) return -ENOENT;
        // A link's target is created when missing (open(2): O_CREAT follows a dangling link).
        return this.openCreate(env, parent, text, flags, mode, umask, budget);
      }
      return { path: place, created: false };
    }
    if (existing !== -ENOENT) return existing;
    if (parent.dentry.deleted) return -ENOENT;
    if (parent.mnt.isReadOnly) return -EROFS;
    const denied = permission(parent.dentry.inode, MAY_WRITE | MAY_EXEC, env.creds);
    if (denied) return denied;
    const inode = parent.dentry.inode.create(last, S_IFREG | (mode & 0o7777 & ~umask), env.creds);
    if (isErr(inode)) return inode;
    const dentry = lookupDentry(parent.dentry, last);
    if (isErr(dentry)) return dentry;
    return { path: { mnt: parent.mnt, dentry }, created: true };
  }

  // ------------------------------------------------------------------ namespace changes

  /** Shared front half of mkdir/mknod/symlink (filename_create): EEXIST before EROFS. */
  private prepareCreate(env: WalkEnv, start: Path, path: string, allowTrailingSlash: boolean): { parent: Path; name: string } | Err {
    const walked = walkParent(env, start, path);
    if (isErr(walked)) return walked;
    if (walked.kind !== 'norm') return -EEXIST;
    const { parent, last } = walked;
    const existing = lookupDentry(parent.dentry, last);
    if (!isErr(existing)) return -EEXIST;
    if (existing !== -ENOENT) return existing;
    if (walked.trailingSlash && !allowTrailingSlash) return -ENOENT;
    if (parent.mnt.isReadOnly) return -EROFS;
    if (parent.dentry.deleted) return -ENOENT;
    const denied = permission(parent.dentry.inode, MAY_WRITE | MAY_EXEC, env.creds);
    if (denied) return denied;
    return { parent, name: last };
  }

  mkdir(env: WalkEnv, start: Path, path: string, mode: number, umask: number): number {
    const place = this.prepareCreate(env, start, path, true);
    if (isErr(place)) return place;
    const made = place.parent.dentry.inode.mkdir(place.name, S_IFDIR | (mode & (0o777 | S_ISVTX) & ~umask), env.creds);
    return isErr(made) ? made : 0;
  }

  /** mknod/mknodat for the types a filesystem supports (regular files, FIFOs). */
  mknod(env: WalkEnv, start: Path, path: string, mode: number, rdev: number, umask: number): number {
    const type = mode & S_IFMT;
    if (type === S_IFDIR) return -EPERM;
    const place = this.prepareCreate(env, start, path, false);
    if (isErr(place)) return place;
    const perms = mode & 0o7777 & ~umask;
    const made = type === S_IFREG || type === 0
      ? place.parent.dentry.inode.create(place.name, S_IFREG | perms, env.creds)
      : place.parent.dentry.inode.mknod(place.name, type | perms, rdev, env.creds);
    return isErr(made) ? made : 0;
  }

  symlink(env: WalkEnv, target: string, start: Path, path: string): number {
    if (target.length === 0) return -ENOENT;
    const place = this.prepareCreate(env, start, path, false);
    if (isErr(place)) return place;
    const made = place.parent.dentry.inode.symlink(place.name, target, env.creds);
    return isErr(made) ? made : 0;
  }

  /** link/linkat (fs/namei.c do_linkat). */
  link(env: WalkEnv, oldStart: Path, oldPath: string, newStart: Path, newPath: string, follow: boolean): number {
    const old = walk(env, oldStart, oldPath, follow);
    if (isErr(old)) return old;
    return this.linkPlace(env, old, newStart, newPath);
  }

  /** link to an already resolved file (linkat with AT_EMPTY_PATH). */
  linkPlace(env: WalkEnv, old: Path, newStart: Path, newPath: string): number {
    const place = this.prepareCreate(env, newStart, newPath, false);
    if (isErr(place)) return place;
    if (place.parent.mnt !== old.mnt) return -EXDEV;
    if (old.dentry.inode.isDir()) return -EPERM;
    return place.parent.dentry.inode.link(place.name, old.dentry.inode);
  }

  /** unlink/unlinkat without AT_REMOVEDIR (do_unlinkat). */
  unlink(env: WalkEnv, start: Path, path: string): number {
    const walked = walkParent(env, start, path);
    if (isErr(walked)) return walked;
    if (walked.kind !== 'norm') return -EISDIR;
    const { parent, last } = walked;
    if (parent.mnt.isReadOnly) return -EROFS;
    const victim = lookupDentry(parent.dentry, last);
    if (isErr(victim)) return victim;
    if (walked.trailingSlash) return victim.inode.isDir() ? -EISDIR : -ENOTDIR;
    if (victim.inode.isDir()) return -EISDIR;
    const denied = this.mayDelete(env, parent, victim);
    if (denied) return denied;
    if (victim.mountCount > 0) return -EBUSY;
    const err = parent.dentry.inode.unlink(last);
    if (err) return err;
    this.dropDentry(parent.dentry, victim);
    return 0;
  }

  /** rmdir / unlinkat(AT_REMOVEDIR) (do_rmdir). */
  rmdir(env: WalkEnv, start: Path, path: string): number {
    const walked = walkParent(env, start, path);
    if (isErr(walked)) return walked;
    if (walked.kind === 'dot') return -EINVAL;
    if (walked.kind === 'dotdot') return -ENOTEMPTY;
    if (walked.kind === 'root') return -EBUSY;
    const { parent, last } = walked;
    if (parent.mnt.isReadOnly) return -EROFS;
    const victim = lookupDentry(parent.dentry, last);
    if (isErr(victim)) return victim;
    if (!victim.inode.isDir()) return -ENOTDIR;
    const denied = this.mayDelete(env, parent, victim);
    if (denied) return denied;
    if (victim.mountCount > 0 || samePath(env.root, { mnt: parent.mnt, dentry: victim })) return -EBUSY;
    const err = parent.dentry.inode.rmdir(last);
    if (err) return err;
    this.dropDentry(parent.dentry, victim);
    return 0;
  }

  /** rename/renameat/renameat2 (do_renameat2, vfs_rename). */
  rename(env: WalkEnv, oldStart: Path, oldPath: string, newStart: Path, newPath: string, flags: number): number {
    if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) return -EINVAL;
    if (flags & RENAME_NOREPLACE && flags & RENAME_EXCHANGE) return -EINVAL;
    const from = walkParent(env, oldStart, oldPath);
    if (isErr(from)) return from;
    const to = walkParent(env, newStart, newPath);
    if (isErr(to)) return to;
    if (from.parent.mnt !== to.parent.mnt) return -EXDEV;
    if (from.kind !== 'norm' || to.kind !== 'norm') return -EBUSY;
    if (from.parent.mnt.isReadOnly) return -EROFS;
    const exchange = (flags & RENAME_EXCHANGE) !== 0;
    const source = lookupDentry(from.parent.dentry, from.last);
    if (isErr(source)) return source;
    const existingTarget = lookupDentry(to.parent.dentry, to.last);
    const target = isErr(existingTarget) ? null : existingTarget;
    if (!target && existingTarget !== -ENOENT) return existingTarget as Err;
    if (exchange && !target) return -ENOENT;
    // RENAME_WHITEOUT (for overlayfs) is not supported by these filesystems.
    if (flags & RENAME_WHITEOUT) return -EINVAL;
    if (!exchange && !source.inode.isDir() && (from.trailingSlash || to.trailingSlash)) return -ENOTDIR;
    if (exchange && (from.trailingSlash || to.trailingSlash)) {
      if (!source.inode.isDir() || !target!.inode.isDir()) return -ENOTDIR;
    }
    if (flags & RENAME_NOREPLACE && target) return -EEXIST;
    // A directory cannot move into itself (EINVAL); the target cannot be an ancestor of the
    // source (ENOTEMPTY, which the directory-emptiness check gives).
    if (isAncestor(source, to.parent.dentry)) return -EINVAL;
    if (target && exchange && isAncestor(target, from.parent.dentry)) return -EINVAL;
    if (target && target.inode.sameAs(source.inode)) return 0;
    if (target) {
      if (!exchange) {
        if (source.inode.isDir() && !target.inode.isDir()) return -ENOTDIR;
        if (!source.inode.isDir() && target.inode.isDir()) return -EISDIR;
      }
    }
    let denied = this.mayDelete(env, from.parent, source);
    if (!denied) denied = permission(to.parent.dentry.inode, MAY_WRITE | MAY_EXEC, env.creds);
    if (denied) return denied;
    if (source.mountCount > 0 || (target && target.mountCount > 0)) return -EBUSY;
    if (to.parent.dentry.deleted) return -ENOENT;
    const err = from.parent.dentry.inode.rename(from.last, to.parent.dentry.inode, to.last, exchange);
    if (err) return err;
    // d_move: the dentries follow their inodes to the new names.
    from.parent.dentry.children.delete(from.last);
    to.parent.dentry.children.delete(to.last);
    if (target) {
      if (exchange) {
        target.name = from.last;
        target.parent = from.parent.dentry;
        from.parent.dentry.children.set(from.last, target);
      } else {
        target.deleted = true;
      }
    }
    source.name = to.last;
    source.parent = to.parent.dentry;
    to.parent.dentry.children.set(to.last, source);
    return 0;
  }

  /** truncate(2) on a path (do_sys_truncate). */
  truncate(env: WalkEnv, start: Path, path: string, length: number): number {
    if (length < 0) return -EINVAL;
    const found = walk(env, start, path, true);
    if (isErr(found)) return found;
    const inode = found.dentry.inode;
    if (inode.isDir()) return -EISDIR;
    if ((inode.mode & S_IFMT) !== S_IFREG) return -EINVAL;
    if (found.mnt.isReadOnly) return -EROFS;
    const denied = permission(inode, MAY_WRITE, env.creds);
    if (denied) return denied;
    return inode.setattr({ size: length });
  }

  /** chmod/fchmodat on a path. */
  chmod(env: WalkEnv, start: Path, path: string, mode: number, follow: boolean): number {
    const found = walk(env, start, path, follow);
    if (isErr(found)) return found;
    return this.setattrAt(env, found, { mode: mode & 0o7777 });
  }

  /** chmod/chown/utimens on a resolved place: EROFS, then ownership (EPERM). */
  setattrAt(env: WalkEnv, place: Path, change: AttrChange): number {
    if (place.mnt.isReadOnly) return -EROFS;
    const inode = place.dentry.inode;
    if (change.mode !== undefined && env.creds.uid !== 0 && env.creds.uid !== inode.uid) return -EPERM;
    return inode.setattr(change);
  }

  private mayDelete(env: WalkEnv, parent: Path, victim: Dentry): number {
    const dir = parent.dentry.inode;
    const denied = permission(dir, MAY_WRITE | MAY_EXEC, env.creds);
    if (denied) return denied;
    // Sticky directories: only the owner of the file or the directory may remove it.
    if (dir.mode & S_ISVTX && env.creds.uid !== 0 && env.creds.uid !== victim.inode.uid && env.creds.uid !== dir.uid) {
      return -EPERM;
    }
    return 0;
  }

  private dropDentry(parent: Dentry, victim: Dentry): void {
    if (parent.children.get(victim.name) === victim) parent.children.delete(victim.name);
    victim.deleted = true;
  }
}

/** Flag combinations open rejects before anything else (build_open_flags): O_CREAT together
 *  with O_DIRECTORY is EINVAL since Linux 6.4. */
export function checkOpenFlags(flags: number): number {
  if ((flags & (O_CREAT | O_DIRECTORY)) === (O_CREAT | O_DIRECTORY)) return -EINVAL;
  return 0;
}

function isAncestor(ancestor: Dentry, dentry: Dentry): boolean {
  for (let d: Dentry | null = dentry; d; d = d.parent) if (d === ancestor) return true;
  return false;
}

/** dev_t as stat reports it (new_encode_dev, include/linux/kdev_t.h). */
export function encodeDev(major: number, minor: number): number {
  return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xff) << 12);
}

/** CLOCK_REALTIME from the host, for a Vfs built without a kernel clock. */
export function wallClock(): Timespec {
  const ns = process.hrtime.bigint();
  const ms = Date.now();
  return { sec: Math.floor(ms / 1000), nsec: (ms % 1000) * 1_000_000 + Number(ns % 1_000_000n) };
}

