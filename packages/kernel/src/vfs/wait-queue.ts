// A wait queue a blocked syscall sleeps on (include/linux/wait.h). The scheduler parks a thread
// whose handler returned `Blocked { wait }` and re-runs the call when `wakeAll` fires; it can
// either subscribe to the queue or compare `generation` before and after.

import type { WaitQueue } from '../syscalls/types.js';

export class SimpleWaitQueue implements WaitQueue {
  /** Bumped by every wakeAll. */
  generation = 0;
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` on every wake until the returned function is called. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  wakeAll(): void {
    this.generation++;
    for (const listener of [...this.listeners]) listener();
  }
}
