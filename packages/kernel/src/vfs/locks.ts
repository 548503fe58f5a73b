// Advisory file locks (fs/locks.c): POSIX record locks (fcntl F_SETLK/F_SETLKW/F_GETLK, owned
// by a process and dropped when it closes any descriptor of the file, fcntl(2) "the
// record locks … are released when … any file descriptor … is closed"), open file description
// locks (F_OFD_*, owned by the open file description, dropped when its last descriptor
// closes) and flock(2) locks (whole file, per open file description). Locks never stop I/O;
// they only make other lockers wait (F_SETLKW, flock without LOCK_NB) or fail (EAGAIN /
// EWOULDBLOCK). Locks are kept per file, keyed by st_dev:st_ino, so every path and every
// hostfs inode object of one file share them.

import { SimpleWaitQueue } from './wait-queue.js';

export const F_RDLCK = 0;
export const F_WRLCK = 1;
export const F_UNLCK = 2;

/** Who holds a lock: a process (POSIX) or an open file description (OFD, flock). */
export type LockOwner = { kind: 'process'; pid: number } | { kind: 'file'; id: number };

interface RangeLock {
  owner: LockOwner;
  type: number;
  start: number;
  /** Last byte, inclusive; Infinity for "to the end of the file, however it grows". */
  end: number;
}

interface FileLocks {
  ranges: RangeLock[];
  /** flock: holders by open file description id, shared or exclusive. */
  flocks: Map<number, number>;
  readonly wait: SimpleWaitQueue;
}

const sameOwner = (a: LockOwner, b: LockOwner): boolean =>
  a.kind === b.kind && (a.kind === 'process' ? a.pid === (b as { pid: number }).pid : a.id === (b as { id: number }).id);

export class LockTable {
  private readonly files = new Map<string, FileLocks>();

  private of(key: string): FileLocks {
    let f = this.files.get(key);
    if (!f) {
      f = { ranges: [], flocks: new Map(), wait: new SimpleWaitQueue() };
      this.files.set(key, f);
    }
    return f;
  }

  /** The queue lockers of `key` sleep on. */
  waitQueue(key: string): SimpleWaitQueue {
    return this.of(key).wait;
  }

  /** The first lock of another owner that conflicts with `type` on [start, end]. POSIX and OFD
   *  locks conflict with each other as record locks do. */
  conflict(key: string, owner: LockOwner, type: number, start: number, end: number): RangeLock | undefined {
    const f = this.files.get(key);
    if (!f) return undefined;
    return f.ranges.find((l) =>
      !sameOwner(l.owner, owner) && l.start <= end && start <= l.end && (type === F_WRLCK || l.type === F_WRLCK));
  }

  /** Sets (F_RDLCK/F_WRLCK) or clears (F_UNLCK) `owner`'s lock on [start, end]: its own locks
   *  there are replaced, split or merged (posix_lock_inode). The caller checked conflicts. */
  set(key: string, owner: LockOwner, type: number, start: number, end: number): void {
    const f = this.of(key);
    const kept: RangeLock[] = [];
    for (const l of f.ranges) {
      if (!sameOwner(l.owner, owner) || l.end < start || l.start > end) {
        kept.push(l);
        continue;
      }
      if (l.start < start) kept.push({ ...l, end: start - 1 });
      if (l.end > end) kept.push({ ...l, start: end + 1 });
    }
    if (type !== F_UNLCK) {
      let s = start;
      let e = end;
      // Merge with adjacent or overlapping locks of the same owner and type.
      for (let i = kept.length - 1; i >= 0; i--) {
        const l = kept[i]!;
        if (sameOwner(l.owner, owner) && l.type === type && l.start <= e + 1 && s <= l.end + 1) {
          s = Math.min(s, l.start);
          e = Math.max(e, l.end);
          kept.splice(i, 1);
        }
      }
      kept.push({ owner, type, start: s, end: e });
    }
    f.ranges = kept;
    f.wait.wakeAll();
  }

  /** Drops every record lock `owner` holds on the file (a POSIX owner closing a descriptor, an
   *  OFD going away). */
  releaseOwner(key: string, owner: LockOwner): void {
    const f = this.files.get(key);
    if (!f) return;
    const before = f.ranges.length;
    f.ranges = f.ranges.filter((l) => !sameOwner(l.owner, owner));
    if (f.ranges.length !== before) f.wait.wakeAll();
  }

  /** flock: whether the open file description `id` may take `exclusive` now. */
  flockConflicts(key: string, id: number, exclusive: boolean): boolean {
    const f = this.files.get(key);
    if (!f) return false;
    for (const [holder, ex] of f.flocks) if (holder !== id && (exclusive || ex)) return true;
    return false;
  }

  flockSet(key: string, id: number, exclusive: boolean): void {
    this.of(key).flocks.set(id, exclusive ? 1 : 0);
  }

  flockRelease(key: string, id: number): void {
    const f = this.files.get(key);
    if (f?.flocks.delete(id)) f.wait.wakeAll();
  }
}
