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

/** Raised by a machine to stop itself with a panic (its stop reason is already set): it
 *  unwinds the CPU run and the run loop, which `runMachine` ends. */
export class MachinePanic extends Error {}

/** What the time-sliced run loop needs from a machine. */
export interface SlicedMachine {
  /** Instructions retired so far, at every privilege level. */
  retired(): number;
  /** The CPU is in user mode (CPL 3 / EL0), where a timer interrupt may preempt the thread;
   *  never inside the entry code, whose scratch state is per CPU, not per thread. */
  atUserLevel(): boolean;
  /** The thread on the CPU (a change during `runFor` restarts the slice). */
  current(): Thread | null;
  /** The machine has stopped (its stop reason is set). */
  stopped(): boolean;
  /** Puts the running thread at the back of the run queue with its CPU context. */
  preempt(): void;
  /** Charges the user instructions retired since the last charge to the running thread (its
   *  CPU time), as Linux's timer tick does (account_process_tick), so that CPU-time timers
   *  (ITIMER_VIRTUAL/PROF, CPUTIME clocks) see a thread that never enters the kernel. */
  chargeCpuTime(): void;
  /** Runs the CPU for at most `budget` instructions (a panic leaves by an exception). */
  runFor(budget: number): void;
}

/** Both machines' run loop, Linux's timer tick in instructions: with more than one runnable
 *  thread, each runs for the scheduler's quantum and is then preempted at user level. Alone, a
 *  thread's slice restarts at every turn; the budget is still one quantum, so a thread another
 *  one wakes or creates during the run (clone, futex wake) is preempted within a quantum rather
 *  than after the whole run. Returns the instruction-limit stop, or null once the machine
 *  stopped. */
export function runTimeSliced(
  kernel: Kernel,
  m: SlicedMachine,
  limit: number | null,
): { kind: 'instruction-limit'; executed: number } | null {
  const start = m.retired();
  let quantum = Math.max(1, kernel.scheduler.sliceQuantum());
  let sliceStart = start;
  while (!m.stopped()) {
    m.chargeCpuTime();
    const now = m.retired();
    const executed = now - start;
    const contended = kernel.scheduler.runnableCount > 1;
    if (contended && now - sliceStart >= quantum && m.atUserLevel()) {
      m.preempt();
      sliceStart = m.retired();
      quantum = Math.max(1, kernel.scheduler.sliceQuantum());
      continue;
    }
    if (!contended) sliceStart = now;
    let budget = Math.max(1, quantum - (now - sliceStart));
    if (limit !== null) {
      if (executed >= limit) return { kind: 'instruction-limit', executed };
      budget = Math.min(budget, limit - executed);
    }
    // The timer tick also keeps the clock's readers current (Linux's tick → update_wall_time →
    // update_vsyscall): the vvar bases stay about a second old at most even in a program that
    // only calls the vDSO and never enters the kernel.
    kernel.clock.tick(true);
    const before = m.current();
    m.runFor(budget);
    if (m.current() !== before) sliceStart = m.retired();
  }
  return null;
}

/** A machine's `run`: loads the first thread if none is on the CPU (`start`), then the
 *  time-sliced loop; a panic ends it with the stop reason the machine set. Returns the
 *  instruction-limit stop, or null when the machine stopped. */
export function runMachine(
  kernel: Kernel,
  m: SlicedMachine,
  limit: number | null,
  start: () => void,
): { kind: 'instruction-limit'; executed: number } | null {
  try {
    start();
    return runTimeSliced(kernel, m, limit);
  } catch (err) {
    if (!(err instanceof MachinePanic)) throw err;
    return null;
  }
}
