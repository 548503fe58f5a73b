// epoll (fs/eventpoll.c, epoll(7)): an interest list of (file, fd) pairs and a ready list.
//
// - epoll_ctl ADD hooks a callback onto every wait queue the target file's poll names
//   (ep_ptable_queue_proc); when one fires, the item is appended to the ready list unless it is
//   there already, a keyed wake-up whose POLL* bits the item does not watch is ignored, and a
//   disarmed EPOLLONESHOT item is ignored (ep_poll_callback). An item that is ready when added
//   or modified goes on the ready list at once.
// - epoll_wait takes items off the ready list in order, polls each again (ep_item_poll) and
//   reports the bits that hold and are watched (EPOLLERR and EPOLLHUP always are: epoll_ctl adds
//   them). A level-triggered item that reported goes back to the tail of the list; an
//   edge-triggered one (EPOLLET) stays off until its file wakes it again; an EPOLLONESHOT item
//   is disarmed until EPOLL_CTL_MOD. Items not reached (maxevents) stay at the front.
// - The interest list is keyed by the open file and the fd number it was added with: closing
//   that fd while a dup of it stays open leaves the item in place (epoll(7) Q6); it goes when the
//   last descriptor of the file closes (eventpoll_release).
// - An epoll file is itself pollable (EPOLLIN when an item is really ready), so epolls nest;
//   adding an epoll that would close a loop, or nest deeper than EP_MAX_NESTS, is ELOOP.
// - Files whose readiness changes with time alone (timerfd) report a deadline in their poll
//   state: a sleeper in epoll_wait sets its wake-up no later than the nearest one, and the
//   items are re-polled when it passes (timerfd_tmrproc's wake-up, done lazily).

import { DEFAULT_POLLMASK, POLLIN, POLLRDNORM, type FileOps, type OpenFile, type PollState } from '../vfs/file.js';
import { timerfdOps } from './timerfd.js';
import { SimpleWaitQueue } from '../vfs/wait-queue.js';
import type { WaitQueue } from '../syscalls/types.js';
import type { KernelClock } from '../time/clock.js';

/** include/uapi/linux/eventpoll.h. */
export const EPOLL_CTL_ADD = 1;
export const EPOLL_CTL_DEL = 2;
export const EPOLL_CTL_MOD = 3;
export const EPOLLIN = 0x001;
export const EPOLLPRI = 0x002;
export const EPOLLOUT = 0x004;
export const EPOLLERR = 0x008;
export const EPOLLHUP = 0x010;
export const EPOLLRDHUP = 0x2000;
export const EPOLLEXCLUSIVE = 1 << 28;
export const EPOLLWAKEUP = 1 << 29;
export const EPOLLONESHOT = 1 << 30;
export const EPOLLET = 1 << 31;
/** EPOLL_CLOEXEC is O_CLOEXEC. */
export const EPOLL_CLOEXEC = 0o2000000;
/** Bits that are about the item, not events (EP_PRIVATE_BITS). */
export const EP_PRIVATE_BITS = EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE;
/** What EPOLLEXCLUSIVE may be combined with (EPOLLEXCLUSIVE_OK_BITS). */
export const EPOLLEXCLUSIVE_OK_BITS = EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE;
/** How deep epolls may nest (EP_MAX_NESTS). */
export const EP_MAX_NESTS = 4;

/** One entry of an interest list (struct epitem). */
export class EpItem {
  /** Watched bits plus the private ones (epi->event.events). */
  events: number;
  data: bigint;
  /** On the ready list (ep_is_linked). */
  ready = false;
  /** Unsubscribes the callbacks from the file's queues. */
  unhook: () => void = () => {};
  /** The file's release hook (removes the item when the file's last fd closes). */
  releaseHook: () => void = () => {};
  /** The last deadline the file's poll reported (timerfd's next expiry). */
  deadlineNs: bigint | undefined = undefined;
  /** The file's readiness may change with time alone (a timerfd, or an epoll that may hold
   *  one): it is re-polled before each scan instead of waiting for a wake-up. */
  readonly timed: boolean;

  constructor(
    readonly ep: Epoll,
    readonly file: OpenFile,
    readonly fd: number,
    events: number,
    data: bigint,
  ) {
    this.events = events;
    this.data = data;
    this.timed = file.ops === timerfdOps || file.ops === epollOps;
  }

  /** ep_item_poll: the watched bits the file reports now. */
  poll(depth = 0): number {
    const state = pollFile(this.file, depth);
    this.deadlineNs = state.deadlineNs;
    return state.mask & this.events & ~EP_PRIVATE_BITS;
  }
}

/** One reported event (struct epoll_event). */
export interface EpollEvent {
  events: number;
  data: bigint;
}

/** A file's poll, with epoll's nesting depth passed down to a nested epoll. */
export function pollFile(file: OpenFile, depth = 0): PollState {
  const ep = epollOf(file);
  if (ep) return ep.pollState(depth + 1);
  return file.ops.poll ? file.ops.poll(file) : { mask: DEFAULT_POLLMASK, queues: [] };
}

export function epollOf(file: OpenFile): Epoll | null {
  return file.ops === epollOps && file.priv instanceof Epoll ? file.priv : null;
}

/** Items by the file they watch: what closing a file's last descriptor removes. */
const itemsByFile = new WeakMap<OpenFile, Set<EpItem>>();
/** Files whose last close already runs releaseEpollItems (one hook however often items come and go). */
const releaseHooked = new WeakSet<OpenFile>();

export class Epoll {
  /** The interest list, keyed by file then fd (ep->rbr). */
  private readonly items = new Map<OpenFile, Map<number, EpItem>>();
  /** The ready list, in the order items became ready (ep->rdllist). */
  private readyList: EpItem[] = [];
  /** epoll_wait sleepers and pollers of this epoll (ep->wq and ep->poll_wait). */
  readonly wait = new SimpleWaitQueue();

  constructor(readonly clock: KernelClock) {}

  find(file: OpenFile, fd: number): EpItem | undefined {
    return this.items.get(file)?.get(fd);
  }

  /** The epolls this one watches (for the loop check). */
  *nestedEpolls(): Generator<Epoll> {
    for (const file of this.items.keys()) {
      const ep = epollOf(file);
      if (ep) yield ep;
    }
  }

  private markReady(item: EpItem): void {
    if (item.ready) return;
    item.ready = true;
    this.readyList.push(item);
    this.wait.wakeAll(POLLIN);
  }

  /** ep_insert. */
  insert(file: OpenFile, fd: number, events: number, data: bigint): void {
    const item = new EpItem(this, file, fd, events, data);
    let byFd = this.items.get(file);
    if (!byFd) this.items.set(file, (byFd = new Map()));
    byFd.set(fd, item);
    let set = itemsByFile.get(file);
    if (!set) itemsByFile.set(file, (set = new Set()));
    set.add(item);
    if (!releaseHooked.has(file)) {
      releaseHooked.add(file);
      file.onLastClose.push(releaseEpollItems(file));
    }
    // ep_ptable_queue_proc: the callback goes on every queue the file's poll names.
    const state = pollFile(file);
    const drops: (() => void)[] = [];
    for (const q of state.queues) {
      const sub = (q as WaitQueue & { subscribe?: (f: (key?: number) => void) => () => void }).subscribe;
      if (typeof sub === 'function') drops.push(sub.call(q, (key?: number) => this.callback(item, key)));
    }
    item.unhook = () => drops.forEach((d) => d());
    if (item.poll()) this.markReady(item);
  }

  /** ep_modify. */
  modify(item: EpItem, events: number, data: bigint): void {
    item.events = events;
    item.data = data;
    if (item.poll()) this.markReady(item);
  }

  /** ep_remove. */
  remove(item: EpItem): void {
    item.unhook();
    const byFd = this.items.get(item.file);
    byFd?.delete(item.fd);
    if (byFd && byFd.size === 0) this.items.delete(item.file);
    itemsByFile.get(item.file)?.delete(item);
    if (item.ready) {
      item.ready = false;
      this.readyList = this.readyList.filter((i) => i !== item);
    }
  }

  /** ep_poll_callback. */
  private callback(item: EpItem, key: number | undefined): void {
    if (!(item.events & ~EP_PRIVATE_BITS)) return; // a disarmed EPOLLONESHOT item
    if (key !== undefined && key !== 0 && !(key & item.events)) return;
    this.markReady(item);
  }

  /** Time-driven files (timerfd, nested epolls): poll them so an expiry wakes us (in Linux the
   *  timer interrupt does this). */
  private refreshTimed(): void {
    const now = this.clock.monotonicNs();
    for (const byFd of this.items.values()) {
      for (const item of byFd.values()) if (item.timed || (item.deadlineNs !== undefined && item.deadlineNs <= now)) item.poll();
    }
  }

  /** The nearest deadline of a time-driven item (for a sleeper's wake-up). */
  nextDeadline(): bigint | undefined {
    let best: bigint | undefined;
    for (const byFd of this.items.values()) {
      for (const item of byFd.values()) {
        if (item.timed) item.poll();
        const d = item.deadlineNs;
        if (d !== undefined && (best === undefined || d < best)) best = d;
      }
    }
    return best;
  }

  /** ep_send_events: up to `max` events; `put` stores one and says whether it could (a fault
   *  stops the scan: the item goes back to the front). */
  sendEvents(max: number, put: (ev: EpollEvent, index: number) => boolean): number | 'fault' {
    this.refreshTimed();
    const txlist = this.readyList;
    this.readyList = [];
    const requeue: EpItem[] = [];
    let n = 0;
    let i = 0;
    let fault = false;
    for (; i < txlist.length && n < max; i++) {
      const item = txlist[i]!;
      item.ready = false;
      const revents = item.poll();
      if (!revents) continue;
      if (!put({ events: revents, data: item.data }, n)) {
        item.ready = true; // stays at the head of what is left
        fault = n === 0;
        break;
      }
      n++;
      if (item.events & EPOLLONESHOT) item.events &= EP_PRIVATE_BITS;
      else if (!(item.events & EPOLLET)) requeue.push(item);
    }
    // ep_done_scan: what was not reached goes back in front, then what became ready meanwhile
    // (this.readyList), then the level-triggered items that reported.
    const rest = txlist.slice(i);
    const meanwhile = this.readyList;
    for (const item of requeue) item.ready = true;
    this.readyList = [...rest, ...meanwhile.filter((it) => !rest.includes(it) && !requeue.includes(it)), ...requeue];
    for (const item of this.readyList) item.ready = true;
    return fault ? 'fault' : n;
  }

  /** ep_eventpoll_poll: readable when some item on the ready list really has events. */
  pollState(depth: number): PollState {
    const state: PollState = { mask: 0, queues: [this.wait] };
    if (depth > EP_MAX_NESTS) return state;
    this.refreshTimed();
    for (const item of this.readyList) {
      if (item.poll(depth)) {
        state.mask = POLLIN | POLLRDNORM;
        break;
      }
    }
    const d = this.nextDeadline();
    if (d !== undefined) state.deadlineNs = d;
    return state;
  }

  /** The epoll file's last descriptor closed (ep_free): every item goes. */
  release(): void {
    for (const byFd of [...this.items.values()]) for (const item of [...byFd.values()]) this.remove(item);
  }
}

/** eventpoll_release: the last descriptor of `file` closed — it leaves every interest list. */
function releaseEpollItems(file: OpenFile): () => void {
  return () => {
    const set = itemsByFile.get(file);
    if (!set) return;
    for (const item of [...set]) item.ep.remove(item);
    itemsByFile.delete(file);
  };
}

/** ep_loop_check: would watching `target` from `ep` close a loop or nest too deep? */
export function wouldLoop(ep: Epoll, target: Epoll): boolean {
  const visit = (cur: Epoll, depth: number): boolean => {
    if (cur === ep) return true;
    if (depth > EP_MAX_NESTS) return true;
    for (const next of cur.nestedEpolls()) if (visit(next, depth + 1)) return true;
    return false;
  };
  return visit(target, 1);
}

export const epollOps: FileOps = {
  seekable: false,
  /** noop_llseek (fs/read_write.c): lseek succeeds and returns the position, which stays 0;
   *  pread/pwrite are still ESPIPE. */
  llseek: (file) => file.offset,
  poll(file): PollState {
    return (file.priv as Epoll).pollState(1);
  },
  release(file): void {
    (file.priv as Epoll).release();
  },
};
