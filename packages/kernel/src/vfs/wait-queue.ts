// A wait queue a blocked syscall sleeps on (include/linux/wait.h). The scheduler parks a thread
// whose handler returned `Blocked { wait }` and re-runs the call when `wakeAll` fires; it can
// either subscribe to the queue or compare `generation` before and after.

import type { WaitQueue } from '../syscalls/types.js';

export class SimpleWaitQueue implements WaitQueue {
  /** Bumped by every wakeAll. */
  generation = 0;
  private readonly listeners = new Set<(key?: number) => void>();

  /** Calls `listener` on every wake until the returned function is called. The listener gets
   *  the wake's key when it has one (epoll's callback ignores a keyed wake-up whose POLL* bits
   *  it does not watch, as ep_poll_callback does). */
  subscribe(listener: (key?: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Wakes every sleeper. `key` (optional): the POLL* bits the event is about
   *  (wake_up_poll(wq, key) in Linux); absent means "anything may have changed". */
  wakeAll(key?: number): void {
    this.generation++;
    for (const listener of [...this.listeners]) listener(key);
  }
}

/** Several queues seen as one (poll/select over many files): subscribing subscribes to each,
 *  and the returned function drops them all — so a sleeper woken by any one of them, by its
 *  deadline or by a signal leaves nothing behind. */
export class FanInWaitQueue implements WaitQueue {
  constructor(private readonly sources: readonly WaitQueue[]) {}

  subscribe(listener: (key?: number) => void): () => void {
    const drops: (() => void)[] = [];
    for (const q of this.sources) {
      const sub = (q as { subscribe?: (f: (key?: number) => void) => () => void }).subscribe;
      if (typeof sub === 'function') drops.push(sub.call(q, listener));
    }
    return () => drops.forEach((drop) => drop());
  }

  wakeAll(): void {
    for (const q of this.sources) q.wakeAll();
  }
}
