// Futex wait queues (futex(2)): threads of one process wait on a user address until another
// thread wakes that address. A key is (process, address) — one process shares one address
// space, so FUTEX_PRIVATE_FLAG changes nothing here. Each waiter is an entry in its key's FIFO;
// FUTEX_WAKE marks up to n entries woken (oldest first, as Linux's futex_wake walks the hash
// bucket) and wakes the key's queue; a syscall handler that finds its entry woken returns 0.
// The table hangs off the kernel (futexTableOf) so thread exit (CLONE_CHILD_CLEARTID) can wake
// the joiner.

import type { Process, Thread } from '../process/process.js';
import { KernelWaitQueue } from './wait-queue.js';

export interface FutexWaiter {
  thread: Thread;
  key: string;
  woken: boolean;
  deadlineNs?: bigint;
}

export class FutexTable {
  private readonly queues = new Map<string, { queue: KernelWaitQueue; waiters: FutexWaiter[] }>();
  /** The wait a thread is in (its handler runs again when woken and looks itself up here). */
  private readonly byThread = new Map<Thread, FutexWaiter>();

  static key(proc: Process, addr: number): string {
    return `${proc.pid}:${addr}`;
  }

  waiterOf(thread: Thread): FutexWaiter | undefined {
    return this.byThread.get(thread);
  }

  /** Enqueue `thread` on `key`; returns the queue it sleeps on. */
  enqueue(thread: Thread, key: string, deadlineNs?: bigint): KernelWaitQueue {
    let q = this.queues.get(key);
    if (!q) this.queues.set(key, (q = { queue: new KernelWaitQueue(), waiters: [] }));
    const w: FutexWaiter = { thread, key, woken: false, ...(deadlineNs !== undefined ? { deadlineNs } : {}) };
    q.waiters.push(w);
    this.byThread.set(thread, w);
    return q.queue;
  }

  /** The queue a still-waiting entry sleeps on (to block again after a wake meant for others). */
  queueOf(key: string): KernelWaitQueue | undefined {
    return this.queues.get(key)?.queue;
  }

  /** Forget `thread`'s wait (woken, timed out, interrupted, or the thread died). */
  remove(thread: Thread): void {
    const w = this.byThread.get(thread);
    if (!w) return;
    this.byThread.delete(thread);
    const q = this.queues.get(w.key);
    if (!q) return;
    const i = q.waiters.indexOf(w);
    if (i >= 0) q.waiters.splice(i, 1);
    if (q.waiters.length === 0) this.queues.delete(w.key);
  }

  /** FUTEX_WAKE: mark up to `n` waiters on `key` woken, oldest first; returns how many. */
  wake(key: string, n: number): number {
    const q = this.queues.get(key);
    if (!q) return 0;
    let count = 0;
    for (const w of q.waiters) {
      if (count >= n) break;
      if (w.woken || w.thread.state === 'dead') continue;
      w.woken = true;
      count++;
    }
    if (count > 0) q.queue.wakeAll();
    return count;
  }
}

const tables = new WeakMap<object, FutexTable>();

/** The futex table of a kernel (created on first use). */
export function futexTableOf(kernel: object): FutexTable {
  let t = tables.get(kernel);
  if (!t) tables.set(kernel, (t = new FutexTable()));
  return t;
}
