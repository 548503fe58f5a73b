// Dentries and mounts: the name tree the path walk moves through (fs/dcache.c, fs/namespace.c).
// A dentry ties a name in a parent directory to an inode; dentries are cached per parent so
// that a process's cwd, an open directory and getcwd(2) share one object whose name and parent
// follow renames. A mount grafts a filesystem's root dentry onto a dentry of another mount; a
// `Path` (mount + dentry) is therefore what names a place, as `struct path` does in Linux.

import type { Inode, SuperBlock } from './inode.js';

export class Dentry {
  /** Cached children by name. Only positive entries are cached. */
  readonly children = new Map<string, Dentry>();
  /** Set when the name was removed (unlink/rmdir) while the dentry was still in use. */
  deleted = false;
  /** How many mounts sit on this dentry (d_mountpoint). */
  mountCount = 0;

  constructor(
    public name: string,
    /** Null only for a filesystem's root. */
    public parent: Dentry | null,
    public inode: Inode,
  ) {}
}

let nextMountId = 21;

export class Mount {
  readonly children: Mount[] = [];
  /** The mount id statx reports (stx_mnt_id) and /proc/PID/mountinfo would show. */
  readonly id = nextMountId++;

  constructor(
    readonly sb: SuperBlock,
    readonly root: Dentry,
    /** The mount this one is attached to, and the dentry in it it covers (null for the root). */
    readonly parent: Mount | null,
    readonly mountpoint: Dentry | null,
    /** MS_RDONLY on this mount (writes → EROFS). */
    readonly readOnly: boolean,
    /** What /proc/mounts shows as the source ("tmpfs", a host directory, …). */
    readonly source: string,
  ) {}

  get isReadOnly(): boolean {
    return this.readOnly || this.sb.readOnly;
  }

  /** The mount attached at `dentry` inside this mount, the most recent first (as Linux stacks). */
  mountedAt(dentry: Dentry): Mount | undefined {
    if (dentry.mountCount === 0) return undefined;
    for (let i = this.children.length - 1; i >= 0; i--) {
      const child = this.children[i]!;
      if (child.mountpoint === dentry) return child;
    }
    return undefined;
  }
}

/** A place in the tree: a dentry seen through a mount (struct path). */
export interface Path {
  readonly mnt: Mount;
  readonly dentry: Dentry;
}

export const samePath = (a: Path, b: Path): boolean => a.mnt === b.mnt && a.dentry === b.dentry;
