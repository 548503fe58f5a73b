// The scheduling step both machines share: ask the kernel for the next thread, stop the machine
// when nothing is left (or everything sleeps for ever), wait on the host while every thread
// sleeps until a deadline, load the chosen thread onto the CPU, and finish the system call it
// was parked in if it was woken from one. Only loading a thread and writing a syscall's result
// differ per architecture; those are the hooks.

import type { Kernel } from '../kernel.js';
import type { Thread } from '../process/process.js';
import type { ExitStatus } from '../process/exit-status.js';

export interface ScheduleHooks<Saved> {
  /** The machine's outcome when the kernel has no process left or deadlocks. */
  stop(reason: { kind: 'exited'; status: ExitStatus } | { kind: 'panic'; message: string } | { kind: 'deadlock' }): void;
  /** The status of the first process to exit (what vrun reports). */
  firstStatus(): ExitStatus | null;
  /** Loads `t` onto the CPU (its saved context, or a fresh entry). */
  switchTo(t: Thread): void;
  /** A parked syscall of `t` finished with `value`: write it as the arch returns results. */
  completeResumed(t: Thread, value: bigint, saved: Saved | null): void;
}

/** Picks the next thread to run and loads it; returns once a thread is on the CPU or the
 *  machine has been stopped. */
export function scheduleNextThread<Saved>(kernel: Kernel, hooks: ScheduleHooks<Saved>): void {
  for (;;) {
    const s = kernel.schedule();
    if (s.kind === 'done') {
      const status = hooks.firstStatus();
      hooks.stop(status ? { kind: 'exited', status } : { kind: 'panic', message: 'no process left' });
      return;
    }
    if (s.kind === 'deadlock') {
      hooks.stop({ kind: 'deadlock' });
      return;
    }
    if (s.kind === 'idle') {
      sleepNs(s.waitNs);
      continue;
    }
    const t = s.thread;
    hooks.switchTo(t);
    if (!t.parked) return;
    const saved = t.cpuContext as Saved | null;
    const out = kernel.resumeSyscall(t);
    if (out.kind === 'return') {
      hooks.completeResumed(t, out.value, saved);
      t.cpuContext = null;
      return;
    }
    if (out.kind === 'blocked') t.cpuContext = saved;
    // blocked again or exited: pick another
  }
}

/** Waits on the host for a sleeping guest (nanosleep with every thread asleep). */
export function sleepNs(ns: bigint): void {
  const ms = Number(ns / 1_000_000n);
  if (ms <= 0) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(ms, 60_000));
}
