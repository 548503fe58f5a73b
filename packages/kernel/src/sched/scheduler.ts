// The deterministic round-robin scheduler: one run queue in FIFO order, a quantum counted in
// retired instructions (the integration runs the current thread for at most `quantum`
// instructions, then asks for the next one), blocked threads parked on WaitQueues and/or a
// deadline on the kernel's monotonic clock. Same program + same input ⇒ same interleaving.
//
// A sleeper whose deadline has passed counts as runnable (`runnableCount`) before anything has
// moved it back to the run queue: on Linux the timer interrupt wakes it (hrtimer expiry →
// wake_up_process), so a thread spinning in user mode without system calls is preempted at the
// end of its slice and the sleeper runs. Here the machines look at `runnableCount` at every
// preemption point, and the next `Kernel.schedule()` moves the expired sleeper to the run queue.

import type { Thread } from '../process/process.js';
import type { WaitQueue } from '../syscalls/types.js';

export class Scheduler {
  private readonly runQueue: Thread[] = [];
  private readonly sleepers = new Set<Thread>();
  private readonly unsubscribe = new Map<Thread, () => void>();
  current: Thread | null = null;
  /** Timers that fire at deadlines of their own (time/posix-timers.ts: alarm, setitimer,
   *  timer_create): `expire` fires what is due, and their next expiry counts as a sleeper's
   *  deadline (idle waits end for it; a running thread is preempted once it is due). */
  timerSource: { nextDeadline(): bigint | null; fire(nowNs: bigint): void } | null = null;

  /** xorshift32 state for seeded quanta (0: every slice is `quantum` long). */
  private seedState: number;

  /** `seed` (vrun --sched-seed N): each slice's length is drawn from [quantum/2, 3·quantum/2)
   *  by a xorshift32 generator (Marsaglia 2003) seeded with it, so the interleaving of threads
   *  changes with the seed and is the same for the same seed. */
  constructor(
    readonly quantum = 100_000,
    readonly seed: number | null = null,
    /** The kernel's CLOCK_MONOTONIC in ns, to see sleepers whose deadline has passed. */
    private readonly nowNs: (() => bigint) | null = null,
  ) {
    this.seedState = seed === null ? 0 : (seed >>> 0) || 0x9e3779b9;
  }

  /** The length in instructions of the next time slice. */
  sliceQuantum(): number {
    if (this.seed === null) return this.quantum;
    let x = this.seedState;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seedState = x >>> 0;
    const half = Math.max(1, Math.floor(this.quantum / 2));
    return half + (this.seedState % Math.max(1, this.quantum));
  }

  /** A new or woken thread joins the back of the run queue. */
  enqueue(thread: Thread): void {
    if (thread.state === 'dead') return;
    thread.state = 'runnable';
    if (!this.runQueue.includes(thread)) this.runQueue.push(thread);
  }

  /** Parks `thread` on `wait` (may be null) until woken or until `deadlineNs`. */
  block(thread: Thread, wait: WaitQueue | null, deadlineNs: bigint | null): void {
    thread.state = 'blocked';
    thread.waitQueue = wait;
    thread.deadlineNs = deadlineNs;
    this.removeFromRunQueue(thread);
    this.sleepers.add(thread);
    if (wait?.subscribe) this.unsubscribe.set(thread, wait.subscribe(() => this.wake(thread)));
  }

  wake(thread: Thread): void {
    if (!this.sleepers.delete(thread)) return;
    this.dropSubscription(thread);
    thread.waitQueue = null;
    thread.deadlineNs = null;
    this.enqueue(thread);
  }

  /** Wakes the sleepers whose deadline has passed. */
  expire(nowNs: bigint): void {
    this.timerSource?.fire(nowNs);
    for (const t of [...this.sleepers]) if (t.deadlineNs !== null && t.deadlineNs <= nowNs) this.wake(t);
  }

  /** The earliest sleeper deadline, or null when none sleeps with a timeout. */
  nextDeadline(): bigint | null {
    let best: bigint | null = null;
    for (const t of this.sleepers) if (t.deadlineNs !== null && (best === null || t.deadlineNs < best)) best = t.deadlineNs;
    const timer = this.timerSource?.nextDeadline() ?? null;
    if (timer !== null && (best === null || timer < best)) best = timer;
    return best;
  }

  /** Removes a dead thread from every queue. */
  remove(thread: Thread): void {
    this.removeFromRunQueue(thread);
    this.sleepers.delete(thread);
    this.dropSubscription(thread);
    if (this.current === thread) this.current = null;
  }

  private dropSubscription(thread: Thread): void {
    this.unsubscribe.get(thread)?.();
    this.unsubscribe.delete(thread);
  }

  private removeFromRunQueue(thread: Thread): void {
    const i = this.runQueue.indexOf(thread);
    if (i >= 0) this.runQueue.splice(i, 1);
  }

  /** Round robin: the current thread (if still runnable) goes to the back; the head runs. */
  pickNext(): Thread | null {
    const cur = this.current;
    if (cur && (cur.state === 'running' || cur.state === 'runnable')) this.enqueue(cur);
    const next = this.runQueue.shift() ?? null;
    if (next) next.state = 'running';
    this.current = next;
    return next;
  }

  /** Threads that want the CPU: the run queue, the running thread, and sleepers whose deadline
   *  has passed (the timer interrupt's wake-up, not yet acted on; the clock is read only when a
   *  sleeper has a deadline). */
  get runnableCount(): number {
    const n = this.runQueue.length + (this.current && this.current.state === 'running' ? 1 : 0);
    if (this.nowNs === null || (this.sleepers.size === 0 && this.timerSource === null)) return n;
    const deadline = this.nextDeadline();
    return deadline !== null && deadline <= this.nowNs() ? n + 1 : n;
  }

  get sleeperCount(): number {
    return this.sleepers.size;
  }
}
