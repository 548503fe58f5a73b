// The interval timers of getitimer(2)/setitimer(2)/alarm(2) (kernel/time/itimer.c), on top of
// the timer registry (time/posix-timers.ts):
// - ITIMER_REAL (0) counts down on CLOCK_MONOTONIC and sends SIGALRM; alarm(2) is
//   setitimer(ITIMER_REAL, {0, {seconds, 0}}) returning the old value in whole seconds rounded
//   to the nearest (and never 0 while one was pending: alarm_setitimer);
// - ITIMER_VIRTUAL (1) / ITIMER_PROF (2) count the process's CPU time and send SIGVTALRM /
//   SIGPROF (vsys's CPU time is the user-mode instructions retired; see posix-timers.ts);
// - a value of 0 disarms; the interval reloads it at each expiry;
// - what is reported (getitimer, the old value): ITIMER_REAL's time left, never 0 while armed
//   (itimer_get_remtime reports 1 µs for one about to fire); a CPU timer's time left, or one
//   tick (4 ms at HZ=250) when it is due but not yet fired (get_cpu_itimer).

import type { Kernel } from '../kernel.js';
import type { Process } from '../process/process.js';
import { SiCode } from '../signal/siginfo.js';
import { Sig } from '../signal/signals.js';
import { COARSE_RESOLUTION_NS } from './clock.js';
import { timersOf, existingTimersOf, type KernelTimer } from './posix-timers.js';

export const ITIMER_REAL = 0;
export const ITIMER_VIRTUAL = 1;
export const ITIMER_PROF = 2;

const SIGNAL_OF = [Sig.SIGALRM, Sig.SIGVTALRM, Sig.SIGPROF];
const NSEC = 1_000_000_000n;

/** An interval timer's setting, in ns. */
export interface ItimerValue {
  interval: bigint;
  value: bigint;
}

export function isItimerWhich(which: number): boolean {
  return which === ITIMER_REAL || which === ITIMER_VIRTUAL || which === ITIMER_PROF;
}

function itimerOf(kernel: Kernel, proc: Process, which: number, create: boolean): KernelTimer | null {
  const timers = create ? timersOf(kernel).of(proc) : existingTimersOf(kernel)?.peek(proc);
  if (!timers) return null;
  let t = timers.itimers[which] ?? null;
  if (!t && create) {
    const signo = SIGNAL_OF[which]!;
    t = {
      process: proc,
      clock: which === ITIMER_REAL ? { kind: 'monotonic' } : { kind: 'process-cpu', process: proc },
      expires: null,
      interval: 0n,
      notify: 'process',
      thread: null,
      signo,
      // SEND_SIG_PRIV: si_code SI_KERNEL, no sender.
      makeInfo: () => ({ signo, code: SiCode.SI_KERNEL }),
      queued: null,
      overrunLast: 0,
    };
    timers.itimers[which] = t;
  }
  return t;
}

/** getitimer(which): the time left and the interval (which already validated). */
export function getItimer(kernel: Kernel, proc: Process, which: number): ItimerValue {
  const t = itimerOf(kernel, proc, which, false);
  if (!t || t.expires === null) return { interval: t?.interval ?? 0n, value: 0n };
  const registry = timersOf(kernel);
  const left = t.expires - registry.now(t.clock);
  if (left > 0n) return { interval: t.interval, value: left };
  // Due but not fired yet: one µs (ITIMER_REAL) or one tick (the CPU timers).
  return { interval: t.interval, value: which === ITIMER_REAL ? 1000n : COARSE_RESOLUTION_NS };
}

/** setitimer(which, value): arms or disarms, returning the old setting. */
export function setItimer(kernel: Kernel, proc: Process, which: number, set: ItimerValue): ItimerValue {
  const old = getItimer(kernel, proc, which);
  if (set.value === 0n && !itimerOf(kernel, proc, which, false)) return old;
  const t = itimerOf(kernel, proc, which, true)!;
  // do_setitimer keeps the interval only with a value (it_real_incr = 0 when disarming).
  timersOf(kernel).arm(t, set.value, set.value === 0n ? 0n : set.interval);
  t.queued = null;
  return old;
}

/** alarm(seconds): ITIMER_REAL set to `seconds`; the old value in seconds, rounded to the
 *  nearest, and 1 rather than 0 for less than a second left (alarm_setitimer). */
export function alarm(kernel: Kernel, proc: Process, seconds: number): number {
  const old = setItimer(kernel, proc, ITIMER_REAL, { interval: 0n, value: BigInt(seconds >>> 0) * NSEC });
  let sec = old.value / NSEC;
  const nsec = old.value % NSEC;
  if ((sec === 0n && nsec !== 0n) || nsec >= NSEC / 2n) sec++;
  return Number(sec);
}
