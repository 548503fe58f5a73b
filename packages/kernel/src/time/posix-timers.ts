// The kernel's signal-sending timers: the three interval timers of setitimer(2) (ITIMER_REAL,
// ITIMER_VIRTUAL, ITIMER_PROF; time/itimer.ts) and the POSIX timers of timer_create(2), kept per
// process in one registry per kernel (`timersOf(kernel)`).
//
// When timers fire. Linux's hrtimers fire from the timer interrupt; here the scheduler asks at
// every scheduling decision (Scheduler.timerSource: `expire()` fires what is due, and the next
// expiry counts as a sleeper's deadline, so an idle machine wakes for it — in deterministic mode
// the clock jumps there — and a thread running alone is preempted at the end of its slice once
// a timer is due, as a timer interrupt would find it). Firing queues the signal
// (Kernel.sendSignal), which wakes a sleeper whose mask lets it through; the handler runs on
// the thread's next return to user mode.
//
// Clocks (kernel/time/posix-timers.c, posix-cpu-timers.c; itimer.c):
// - ITIMER_REAL counts on CLOCK_MONOTONIC (it_real_fn's hrtimer), sends SIGALRM with si_code
//   SI_KERNEL to the process (kill_pid_info(SIGALRM, SEND_SIG_PRIV));
// - ITIMER_VIRTUAL / ITIMER_PROF count the process's CPU time, sending SIGVTALRM / SIGPROF
//   (SI_KERNEL). vsys charges a thread CPU time for the user-mode instructions it retires
//   (KernelClock.cpuNs: instructions × ns per instruction); the emulated kernel's work is not
//   guest CPU time, so VIRTUAL and PROF count the same time here;
// - POSIX timers count on their clock (REALTIME, MONOTONIC, BOOTTIME, TAI, the CPU clocks) and
//   notify by SIGEV_SIGNAL (to the process), SIGEV_THREAD_ID (to one thread) or SIGEV_NONE
//   (nothing: timer_gettime still shows it run down), with si_code SI_TIMER, si_timerid,
//   si_overrun and the sigev_value.
// An interval timer is re-armed at expiry by whole intervals past the current time
// (hrtimer_forward); the expiries missed meanwhile, and those while its signal is still queued
// (one queued signal per timer, as posix timers' preallocated sigqueue), count as overruns.
// Timers belong to the process: fork's child starts without any (copy_signal leaves them
// unset; timers are not inherited), execve keeps the interval timers and deletes POSIX timers
// (begin_new_exec → exit_itimers), and an exiting process's timers go with it.

import type { Kernel } from '../kernel.js';
import type { Process, Thread } from '../process/process.js';
import { SIG_DFL } from '../signal/actions.js';
import type { SigInfo } from '../signal/siginfo.js';
import { defaultAction, sigBit, UNBLOCKABLE } from '../signal/signals.js';
import { ClockId } from './clock.js';

/** What a timer counts (its clock). CPU clocks are a process's (sum of its threads) or one
 *  thread's user-mode CPU time. */
export type TimerClock =
  | { kind: 'monotonic' }
  | { kind: 'realtime' }
  | { kind: 'process-cpu'; process: Process }
  | { kind: 'thread-cpu'; thread: Thread };

export interface KernelTimer {
  process: Process;
  clock: TimerClock;
  /** The expiry on the timer's clock (ns), or null when disarmed. */
  expires: bigint | null;
  /** The reload value (ns); 0 for a one-shot timer. */
  interval: bigint;
  /** What an expiry sends: a signal to the process, to one thread, or nothing. */
  notify: 'process' | 'thread' | 'none';
  thread: Thread | null;
  signo: number;
  /** The siginfo an expiry queues, besides signo: SI_KERNEL for interval timers, SI_TIMER with
   *  the id, the overrun and the value for POSIX timers. */
  makeInfo(overrun: number): SigInfo;
  /** The signal of the last expiry while it is still queued (its overrun grows). */
  queued: SigInfo | null;
  /** timer_getoverrun: the overrun count of the last signal delivered. */
  overrunLast: number;
}

/** A process's timers: the three interval timers and the POSIX timers by id. */
export class ProcessTimers {
  readonly itimers: (KernelTimer | null)[] = [null, null, null];
  readonly posix = new Map<number, KernelTimer>();

  /** timer_create's id: the lowest free one from 0 (posix_timer_add hands out ids in order). */
  nextPosixId(): number {
    let id = 0;
    while (this.posix.has(id)) id++;
    return id;
  }

  *all(): Iterable<KernelTimer> {
    for (const t of this.itimers) if (t) yield t;
    yield* this.posix.values();
  }
}

/** The registry of every process's timers in one kernel, hooked into its scheduler. */
export class KernelTimers {
  private readonly byProcess = new Map<Process, ProcessTimers>();

  constructor(private readonly kernel: Kernel) {
    kernel.scheduler.timerSource = {
      nextDeadline: () => this.nextDeadline(),
      fire: (now) => this.fire(now),
    };
  }

  /** The timers of `proc` (made on first use). */
  of(proc: Process): ProcessTimers {
    let t = this.byProcess.get(proc);
    if (!t) {
      t = new ProcessTimers();
      this.byProcess.set(proc, t);
    }
    return t;
  }

  /** The timers of `proc` if it ever had any. */
  peek(proc: Process): ProcessTimers | undefined {
    return this.byProcess.get(proc);
  }

  /** execve: POSIX timers are deleted, interval timers kept (exit_itimers). */
  onExec(proc: Process): void {
    this.byProcess.get(proc)?.posix.clear();
  }

  /** The current value of a timer's clock, in ns. */
  now(clock: TimerClock): bigint {
    const k = this.kernel;
    switch (clock.kind) {
      case 'monotonic':
        return k.clock.monotonicNs();
      case 'realtime':
        return k.clock.realtimeNs();
      case 'process-cpu':
        return clock.process.threads.reduce((sum, t) => sum + k.clock.cpuNs(t.userInstructions), 0n);
      case 'thread-cpu':
        return k.clock.cpuNs(clock.thread.userInstructions);
    }
  }

  /** Arms (`value` > 0: expiry at now + value, or at `value` itself when `absolute`) or disarms
   *  (`value` 0) a timer. */
  arm(timer: KernelTimer, value: bigint, interval: bigint, absolute = false): void {
    timer.interval = interval;
    if (value === 0n) {
      timer.expires = null;
      return;
    }
    const now = this.now(timer.clock);
    timer.expires = absolute ? value : now + value;
    // An absolute time already past fires at once (hrtimer_start of a past expiry: the
    // interrupt comes before the return to user mode).
    if (timer.expires <= now) this.expire(timer, now);
  }

  /** The time left until the next expiry (0 when disarmed or already due). */
  remaining(timer: KernelTimer): bigint {
    if (timer.expires === null) return 0n;
    const now = this.now(timer.clock);
    let left = timer.expires - now;
    // A periodic timer not yet looked at since it ran out: its next period (common_timer_get
    // forwards it the same way).
    if (left <= 0n && timer.interval > 0n) left = timer.interval - ((now - timer.expires) % timer.interval);
    return left > 0n ? left : 0n;
  }

  /** The earliest expiry as a CLOCK_MONOTONIC deadline, for the scheduler. A CPU-time timer
   *  cannot be mapped to wall time (its clock advances only while the process runs): it gives
   *  an early estimate — no sooner than 1 ms ahead — so that a running thread is looked at
   *  again, never late. */
  nextDeadline(): bigint | null {
    let best: bigint | null = null;
    let mono: bigint | null = null;
    let realMinusMono = 0n;
    for (const [proc, timers] of this.byProcess) {
      if (proc.state !== 'alive') continue;
      for (const t of timers.all()) {
        // SIGEV_NONE wakes nobody: a program waiting on nothing else is deadlocked, as on Linux.
        if (t.expires === null || t.notify === 'none') continue;
        if (mono === null) {
          mono = this.kernel.clock.monotonicNs();
          realMinusMono = this.kernel.clock.realtimeNs() - mono;
        }
        let d: bigint;
        if (t.clock.kind === 'monotonic') d = t.expires;
        else if (t.clock.kind === 'realtime') d = t.expires - realMinusMono;
        else {
          // Due now (the time-sliced run loop charges the running thread's CPU time at every
          // tick): the scheduler must look at once, so the thread is preempted and the signal
          // delivered on its way back to user mode.
          const left = t.expires - this.now(t.clock);
          d = left <= 0n ? mono : mono + (left > 1_000_000n ? left : 1_000_000n);
        }
        if (best === null || d < best) best = d;
      }
    }
    return best;
  }

  /** Fires every timer that is due (the scheduler calls this with CLOCK_MONOTONIC's value;
   *  each timer reads its own clock). */
  fire(_monotonicNow: bigint): void {
    for (const [proc, timers] of [...this.byProcess]) {
      if (proc.state !== 'alive') {
        this.byProcess.delete(proc);
        continue;
      }
      for (const t of [...timers.all()]) {
        if (t.expires === null) continue;
        const now = this.now(t.clock);
        if (now < t.expires) continue;
        this.expire(t, now);
        if (proc.state !== 'alive') break;
      }
    }
  }

  /** One expiry: re-arm by whole intervals past `now` (missed ones are overruns), then send. */
  private expire(t: KernelTimer, now: bigint): void {
    let missed = 0;
    if (t.interval > 0n) {
      const late = (now - t.expires!) / t.interval;
      missed = Number(late);
      t.expires = t.expires! + (late + 1n) * t.interval;
    } else t.expires = null;
    if (t.notify === 'none') return;
    const target: Thread | Process = t.notify === 'thread' && t.thread ? t.thread : t.process;
    if (t.queued && stillQueued(target, t.queued)) {
      // One signal per timer stays queued; further expiries count on it (SI_TIMER's si_overrun).
      t.queued.overrun = (t.queued.overrun ?? 0) + 1 + missed;
      return;
    }
    if (t.queued) t.overrunLast = t.queued.overrun ?? 0;
    const info = t.makeInfo(missed);
    t.queued = info;
    this.kernel.sendSignal(target, info);
    this.actOnFatal(t.process, info);
  }

  /** A timer signal whose default action ends the process (SIGALRM without a handler: "Alarm
   *  clock") acts at once when a thread of the process is out of the kernel: on Linux the
   *  timer interrupt's return to user mode would deliver it (a thread asleep in a call was
   *  woken by sendSignal and dies in it). */
  private actOnFatal(proc: Process, info: SigInfo): void {
    if (proc.state !== 'alive') return;
    if (proc.signalActions.get(info.signo).handler !== SIG_DFL) return;
    const def = defaultAction(info.signo);
    if (def !== 'term' && def !== 'core') return;
    const bit = sigBit(info.signo);
    const runner = proc
      .liveThreads()
      .find((th) => th.parked === null && th.state !== 'blocked' && (!(th.sigmask & bit) || (bit & UNBLOCKABLE) !== 0n));
    if (runner) this.kernel.deliverSignals(runner);
  }
}

function stillQueued(target: Thread | Process, info: SigInfo): boolean {
  return target.pendingSignals.includes(info);
}

const registries = new WeakMap<Kernel, KernelTimers>();

/** The timer registry of `kernel` (made, and hooked into its scheduler, on first use). */
export function timersOf(kernel: Kernel): KernelTimers {
  let r = registries.get(kernel);
  if (!r) {
    r = new KernelTimers(kernel);
    registries.set(kernel, r);
  }
  return r;
}

/** The registry if `kernel` ever used a timer (execve and exit ask without making one). */
export function existingTimersOf(kernel: Kernel): KernelTimers | undefined {
  return registries.get(kernel);
}

/** Clock ids a POSIX timer may count on (clockid_to_kclock with a timer_create): REALTIME,
 *  MONOTONIC, BOOTTIME, TAI and the CPU clocks; MONOTONIC_RAW and the COARSE clocks have no
 *  timers (EINVAL); the ALARM clocks need an RTC (EINVAL here, as without CAP_WAKE_ALARM and
 *  an RTC device — the build machine says EINVAL too). */
export function timerClockOf(
  kernel: Kernel,
  caller: Thread,
  id: number,
): TimerClock | 'EINVAL' {
  if (id < 0) {
    // A CPU clock of a pid/tid: (~pid << 3) | perthread << 2 | which (posix-cpu-timers.c).
    const which = id & 3;
    if (which === 3) return 'EINVAL';
    const pid = ~(id >> 3);
    if (id & 4) {
      const t = pid === 0 ? caller : kernel.threads.get(pid);
      if (!t || t.process !== caller.process) return 'EINVAL';
      return { kind: 'thread-cpu', thread: t };
    }
    const p = pid === 0 ? caller.process : kernel.processes.get(pid);
    if (!p) return 'EINVAL';
    return { kind: 'process-cpu', process: p };
  }
  switch (id) {
    case ClockId.CLOCK_REALTIME:
    case ClockId.CLOCK_TAI:
      return { kind: 'realtime' };
    case ClockId.CLOCK_MONOTONIC:
    case ClockId.CLOCK_BOOTTIME:
      return { kind: 'monotonic' };
    case ClockId.CLOCK_PROCESS_CPUTIME_ID:
      return { kind: 'process-cpu', process: caller.process };
    case ClockId.CLOCK_THREAD_CPUTIME_ID:
      return { kind: 'thread-cpu', thread: caller };
    default:
      return 'EINVAL';
  }
}
