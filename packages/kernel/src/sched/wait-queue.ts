// A wait queue (include/linux/wait.h): threads sleeping until some condition changes. Any
// WaitQueue with `subscribe` works with the scheduler (the VFS has its own SimpleWaitQueue);
// this one is the core's, used for wait4's child-state changes. Waking moves every sleeper back
// to the run queue; each re-runs its syscall and either finishes or sleeps again (Blocked
// restarts the call from the start, like -ERESTARTSYS without a signal).

import type { WaitQueue } from '../syscalls/types.js';

export class KernelWaitQueue implements WaitQueue {
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  wakeAll(): void {
    for (const l of [...this.listeners]) l();
  }
}
