// Path walk (fs/namei.c, path_resolution(7)). A path is split into components; each is looked
// up in the directory reached so far; `.` stays, `..` goes to the parent — across a mount root
// to the mountpoint in the parent mount, and never above the process's root; symlinks met in
// the middle are always followed, the last one only when asked (or when a trailing slash
// demands a directory). At most MAXSYMLINKS (40) links per walk (→ ELOOP); a component longer
// than NAME_MAX (255) → ENAMETOOLONG; a non-directory in the middle → ENOTDIR.
//
// Paths are JavaScript strings holding one byte per character (latin1), so any byte sequence a
// guest passes survives unchanged.

import { Dentry, type Path } from './dentry.js';
import { ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR, isErr, type Err } from './errno.js';
import type { Creds, Inode } from './inode.js';
import { MAXSYMLINKS, NAME_MAX } from './constants.js';
import { MAY_EXEC, permission } from './permission.js';

/** What a walk needs from the caller: where "/" is and who is asking. */
export interface WalkEnv {
  readonly root: Path;
  readonly creds: Creds;
}

/** Symlinks still allowed in this walk (shared by nested link resolutions). */
export interface LinkBudget {
  left: number;
}

export const newBudget = (): LinkBudget => ({ left: MAXSYMLINKS });

/** An inode that is a "magic link" (/proc/PID/fd/N, /proc/PID/exe, /proc/PID/cwd): following it
 *  jumps straight to a place instead of resolving its text. */
export interface MagicLink {
  magicTarget(): Path | Err;
}

const isMagic = (inode: Inode): inode is Inode & MagicLink =>
  typeof (inode as Partial<MagicLink>).magicTarget === 'function';

export interface SplitPath {
  absolute: boolean;
  components: string[];
  /** The path ends in '/' (after at least one component): the last one must be a directory. */
  trailingSlash: boolean;
}

/** Splits a path into components, checking NAME_MAX. An empty path is ENOENT (path_resolution(7)). */
export function splitPath(path: string): SplitPath | Err {
  if (path.length === 0) return -ENOENT;
  const components = path.split('/').filter((c) => c.length > 0);
  for (const c of components) if (c.length > NAME_MAX) return -ENAMETOOLONG;
  return {
    absolute: path.startsWith('/'),
    components,
    trailingSlash: components.length > 0 && path.endsWith('/'),
  };
}

/** Looks `name` up in the directory at `dir` through the dentry cache; never follows mounts. */
export function lookupDentry(dir: Dentry, name: string): Dentry | Err {
  const found = dir.inode.lookup(name);
  const cached = dir.children.get(name);
  if (isErr(found)) {
    if (cached && cached.mountCount === 0) dir.children.delete(name);
    return found;
  }
  if (cached && cached.inode.sameAs(found)) {
    cached.inode = found;
    return cached;
  }
  const dentry = new Dentry(name, dir, found);
  dir.children.set(name, dentry);
  return dentry;
}

/** Moves from a mountpoint onto the root of what is mounted there (follow_mount). */
export function followMounts(path: Path): Path {
  let { mnt, dentry } = path;
  for (let m = mnt.mountedAt(dentry); m; m = mnt.mountedAt(dentry)) {
    mnt = m;
    dentry = m.root;
  }
  return mnt === path.mnt ? path : { mnt, dentry };
}

/** `..` from `path` (follow_dotdot): stays at the process root, climbs out of mount roots. */
export function dotdot(env: WalkEnv, path: Path): Path {
  let { mnt, dentry } = path;
  for (;;) {
    if (mnt === env.root.mnt && dentry === env.root.dentry) return { mnt, dentry };
    if (dentry !== mnt.root) break;
    if (!mnt.parent || !mnt.mountpoint) return { mnt, dentry };
    dentry = mnt.mountpoint;
    mnt = mnt.parent;
  }
  return followMounts({ mnt, dentry: dentry.parent ?? dentry });
}

/** One step of a walk from directory `dir` by `name`, without following a final symlink. */
export function stepInto(env: WalkEnv, dir: Path, name: string): Path | Err {
  const inode = dir.dentry.inode;
  if (!inode.isDir()) return -ENOTDIR;
  const denied = permission(inode, MAY_EXEC, env.creds);
  if (denied) return denied;
  if (name === '.') return dir;
  if (name === '..') return dotdot(env, dir);
  const child = lookupDentry(dir.dentry, name);
  if (isErr(child)) return child;
  return followMounts({ mnt: dir.mnt, dentry: child });
}

/** Resolves the symlink at `link` (found in directory `dir`) to where it points, following
 *  symlinks all the way (the target's own last component too). */
export function followLink(env: WalkEnv, dir: Path, link: Path, budget: LinkBudget): Path | Err {
  if (budget.left-- <= 0) return -ELOOP;
  const inode = link.dentry.inode;
  if (isMagic(inode)) return inode.magicTarget();
  const target = inode.readlink();
  if (isErr(target)) return target;
  if (target.length === 0) return -ENOENT;
  return walk(env, dir, target, true, budget);
}

/** Walks every component of `path` from `start` (or the root for an absolute path). `followLast`
 *  says whether a symlink as the last component is followed (a trailing slash forces it). */
export function walk(env: WalkEnv, start: Path, path: string, followLast: boolean, budget = newBudget()): Path | Err {
  const split = splitPath(path);
  if (isErr(split)) return split;
  let cur = split.absolute ? env.root : start;
  const { components } = split;
  for (let i = 0; i < components.length; i++) {
    const last = i === components.length - 1;
    const next = stepInto(env, cur, components[i]!);
    if (isErr(next)) return next;
    if (next.dentry.inode.isSymlink() && (!last || followLast || split.trailingSlash)) {
      const target = followLink(env, cur, next, budget);
      if (isErr(target)) return target;
      cur = target;
    } else {
      cur = next;
    }
  }
  if (split.trailingSlash && !cur.dentry.inode.isDir()) return -ENOTDIR;
  return cur;
}

/** The parent directory of a path's last component, for calls that create or remove a name. */
export interface ParentWalk {
  parent: Path;
  /** The last component; '' when the path is only slashes ("/"). */
  last: string;
  /** 'norm' for an ordinary name, 'dot' / 'dotdot' / 'root' otherwise (LAST_* in namei.c). */
  kind: 'norm' | 'dot' | 'dotdot' | 'root';
  trailingSlash: boolean;
}

export function walkParent(env: WalkEnv, start: Path, path: string, budget = newBudget()): ParentWalk | Err {
  const split = splitPath(path);
  if (isErr(split)) return split;
  const base = split.absolute ? env.root : start;
  const { components } = split;
  if (components.length === 0) return { parent: base, last: '', kind: 'root', trailingSlash: false };
  let cur = base;
  for (let i = 0; i < components.length - 1; i++) {
    const next = stepInto(env, cur, components[i]!);
    if (isErr(next)) return next;
    if (next.dentry.inode.isSymlink()) {
      const target = followLink(env, cur, next, budget);
      if (isErr(target)) return target;
      cur = target;
    } else {
      cur = next;
    }
  }
  if (!cur.dentry.inode.isDir()) return -ENOTDIR;
  const last = components[components.length - 1]!;
  const kind = last === '.' ? 'dot' : last === '..' ? 'dotdot' : 'norm';
  return { parent: cur, last, kind, trailingSlash: split.trailingSlash };
}

/** Search permission on the parent, then the child (or ENOENT) without following anything. */
export function lookupLast(env: WalkEnv, walked: ParentWalk): Path | Err {
  if (walked.kind === 'root') return walked.parent;
  return stepInto(env, walked.parent, walked.last);
}

