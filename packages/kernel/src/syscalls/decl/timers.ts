// Timer syscalls: alarm, getitimer, setitimer (kernel/time/itimer.c); timer_create,
// timer_settime, timer_gettime, timer_getoverrun, timer_delete (kernel/time/posix-timers.c);
// clock_settime and settimeofday (kernel/time/posix-timers.c, time.c); restart_syscall
// (kernel/signal.c). The timers themselves live in time/itimer.ts and time/posix-timers.ts.
//
// Argument checks in Linux's order:
// - setitimer: copy in (EFAULT), both timevals valid (tv_usec in [0, 1e6), tv_sec ≥ 0; EINVAL),
//   `which` (EINVAL), then the old value out (EFAULT); a NULL new value disarms. getitimer:
//   `which` (EINVAL), then EFAULT.
// - timer_create: copy the sigevent in (EFAULT); the clock (unknown → EINVAL; one without
//   timers — MONOTONIC_RAW, the COARSE clocks — EOPNOTSUPP); the sigevent (good_sigevent:
//   SIGEV_SIGNAL/SIGEV_THREAD need a signal 1…64, SIGEV_THREAD_ID a thread of the caller's
//   group, others EINVAL) — an id is used up by then; the id out (EFAULT); then the clock's
//   own check (the ALARM clocks without an RTC: EOPNOTSUPP, the id spent — measured). With
//   no sigevent: SIGEV_SIGNAL with SIGALRM and the id as the value. Ids count up from 0 per
//   process and are not reused (posix_timer_add's next_posix_timer_id).
// - timer_settime: NULL new value → EINVAL, copy in (EFAULT), valid timespecs (EINVAL), the
//   timer id (EINVAL), old value out (EFAULT). Flags other than TIMER_ABSTIME are ignored.
// - clock_settime: a settable clock (only REALTIME: others EINVAL; a pid's CPU clock id EPERM,
//   "you can never reset a CPU clock"), copy in (EFAULT), a valid time not before boot
//   (EINVAL), then CAP_SYS_TIME (EPERM for a non-root guest). settimeofday: tv copied and
//   checked (EFAULT, EINVAL), tz copied (EFAULT), then EPERM, then tz_minuteswest within ±15 h.
//
// i386 layouts: itimerval, itimerspec (timer_settime/gettime) and sigevent with 32-bit longs
// and pointers; timer_settime64/timer_gettime64/clock_settime64 take 64-bit time_t.

import { errno } from '../errno.js';
import { numbersOf } from '../numbers.js';
import { isBlocked, type SyscallAbi, type SyscallDecl, type UserMemory } from '../types.js';
import type { Thread } from '../../process/process.js';
import type { SyscallContext } from '../context.js';
import { getWords, longSize, putWords } from '../uaccess.js';
import { alarm, getItimer, isItimerWhich, setItimer } from '../../time/itimer.js';
import { timerClockOf, timersOf, existingTimersOf, type KernelTimer } from '../../time/posix-timers.js';
import { ClockId } from '../../time/clock.js';
import { SiCode } from '../../signal/siginfo.js';
import { isValidSignal, Sig } from '../../signal/signals.js';
import { takeRestartBlock, type RestartBlock } from '../../signal/restart.js';

const NSEC = 1_000_000_000n;

type TimeLayout = 'long' | 'time64';

function timeWordSize(abi: SyscallAbi, layout: TimeLayout): 4 | 8 {
  return layout === 'time64' || abi !== 'i386' ? 8 : 4;
}

function signedWord(w: bigint, size: 4 | 8): bigint {
  return size === 8 ? BigInt.asIntN(64, w) : BigInt.asIntN(32, w);
}

/** Two {sec, sub} pairs (interval first, then value); `unit` is ns per sub unit (1000 for
 *  timeval's µs, 1 for timespec's ns). Invalid: sec < 0 or sub outside [0, 1e9/unit). */
function readPairs(mem: UserMemory, addr: number, size: 4 | 8, unit: bigint): { interval: bigint; value: bigint } | 'fault' | 'invalid' {
  const w = getWords(mem, addr, 4, size);
  if (!w) return 'fault';
  const [is, isub, vs, vsub] = w.map((x) => signedWord(x, size)) as [bigint, bigint, bigint, bigint];
  const limit = NSEC / unit;
  if (is < 0n || vs < 0n || isub < 0n || vsub < 0n || isub >= limit || vsub >= limit) return 'invalid';
  return { interval: is * NSEC + isub * unit, value: vs * NSEC + vsub * unit };
}

function writePairs(mem: UserMemory, addr: number, size: 4 | 8, unit: bigint, v: { interval: bigint; value: bigint }): boolean {
  return putWords(mem, addr, [v.interval / NSEC, (v.interval % NSEC) / unit, v.value / NSEC, (v.value % NSEC) / unit], size);
}

// ---- interval timers ----

function setitimer(ctx: SyscallContext, which: number, newAddr: number, oldAddr: number) {
  const size = longSize(ctx.abi);
  let set = { interval: 0n, value: 0n };
  if (newAddr) {
    const r = readPairs(ctx.mem, newAddr, size, 1000n);
    if (r === 'fault') return -errno.EFAULT;
    if (r === 'invalid') return -errno.EINVAL;
    set = r;
  }
  if (!isItimerWhich(which)) return -errno.EINVAL;
  const old = setItimer(ctx.kernel, ctx.process, which, set);
  if (oldAddr && !writePairs(ctx.mem, oldAddr, size, 1000n, old)) return -errno.EFAULT;
  return 0;
}

function getitimer(ctx: SyscallContext, which: number, addr: number) {
  if (!isItimerWhich(which)) return -errno.EINVAL;
  const cur = getItimer(ctx.kernel, ctx.process, which);
  return writePairs(ctx.mem, addr, longSize(ctx.abi), 1000n, cur) ? 0 : -errno.EFAULT;
}

// ---- POSIX timers ----

const SIGEV_SIGNAL = 0;
const SIGEV_NONE = 1;
const SIGEV_THREAD = 2;
const SIGEV_THREAD_ID = 4;
const TIMER_ABSTIME = 1;

/** A process's POSIX timer ids count up (next_posix_timer_id), kept beside its timers. */
const nextIds = new WeakMap<object, number>();

function timerCreate(ctx: SyscallContext, clockId: number, evAddr: number, idAddr: number) {
  const compat = ctx.abi === 'i386';
  // struct sigevent: {sigval_t value; int signo; int notify; union {int tid; …}} — 64 bytes
  // (the value is 8 bytes on 64-bit ABIs, 4 on i386).
  let ev: { value: bigint; signo: number; notify: number; tid: number } | null = null;
  if (evAddr) {
    const b = ctx.mem.read(evAddr, compat ? 64 : 64);
    if (!b) return -errno.EFAULT;
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    ev = compat
      ? { value: BigInt(v.getUint32(0, true)), signo: v.getInt32(4, true), notify: v.getInt32(8, true), tid: v.getInt32(12, true) }
      : { value: v.getBigUint64(0, true), signo: v.getInt32(8, true), notify: v.getInt32(12, true), tid: v.getInt32(16, true) };
  }
  if (clockId === ClockId.CLOCK_MONOTONIC_RAW || clockId === ClockId.CLOCK_REALTIME_COARSE || clockId === ClockId.CLOCK_MONOTONIC_COARSE) {
    return -errno.EOPNOTSUPP;
  }
  // Known clocks, and any CPU clock id (clockid_to_kclock: its pid is checked only by the
  // clock's own timer_create, after an id was handed out and written).
  const known = [0, 1, 2, 3, 7, 8, 9, 11];
  if (clockId >= 0 ? !known.includes(clockId) : (clockId & 7) === 3) return -errno.EINVAL;
  const registry = timersOf(ctx.kernel);
  const timers = registry.of(ctx.process);
  const id = nextIds.get(timers) ?? 0;
  nextIds.set(timers, (id + 1) & 0x7fffffff);
  let notify: KernelTimer['notify'] = 'process';
  let thread = null;
  let signo: number = Sig.SIGALRM;
  let value = BigInt(id);
  if (ev) {
    if (ev.notify === (SIGEV_SIGNAL | SIGEV_THREAD_ID)) {
      const t = ctx.kernel.threads.get(ev.tid);
      if (!t || t.state === 'dead' || t.process !== ctx.process) return -errno.EINVAL;
      notify = 'thread';
      thread = t;
    } else if (ev.notify === SIGEV_NONE) notify = 'none';
    else if (ev.notify !== SIGEV_SIGNAL && ev.notify !== SIGEV_THREAD) return -errno.EINVAL;
    if (notify !== 'none' && !isValidSignal(ev.signo)) return -errno.EINVAL;
    signo = ev.signo;
    value = ev.value;
  }
  if (!ctx.mem.write(idAddr, new Uint8Array(new Int32Array([id]).buffer))) return -errno.EFAULT;
  // kc->timer_create: the alarm clocks need an RTC (alarm_timer_create: EOPNOTSUPP, measured —
  // the id was used up and written all the same); a CPU clock must name a live task.
  if (clockId === ClockId.CLOCK_REALTIME_ALARM || clockId === ClockId.CLOCK_BOOTTIME_ALARM) return -errno.EOPNOTSUPP;
  const clock = timerClockOf(ctx.kernel, ctx.thread, clockId);
  if (clock === 'EINVAL') return -errno.EINVAL;
  const timer: KernelTimer = {
    process: ctx.process,
    clock,
    expires: null,
    interval: 0n,
    notify,
    thread,
    signo,
    makeInfo: (overrun) => ({ signo, code: SiCode.SI_TIMER, timerId: id, overrun, value }),
    queued: null,
    overrunLast: 0,
  };
  timers.posix.set(id, timer);
  return 0;
}

function lookupTimer(ctx: SyscallContext, id: number): KernelTimer | undefined {
  return existingTimersOf(ctx.kernel)?.peek(ctx.process)?.posix.get(id);
}

function timerSettime(ctx: SyscallContext, id: number, flags: number, newAddr: number, oldAddr: number, layout: TimeLayout) {
  if (!newAddr) return -errno.EINVAL;
  const size = timeWordSize(ctx.abi, layout);
  const set = readPairs(ctx.mem, newAddr, size, 1n);
  if (set === 'fault') return -errno.EFAULT;
  if (set === 'invalid') return -errno.EINVAL;
  const t = lookupTimer(ctx, id);
  if (!t) return -errno.EINVAL;
  const registry = timersOf(ctx.kernel);
  const old = { interval: t.interval, value: registry.remaining(t) };
  registry.arm(t, set.value, set.interval, (flags & TIMER_ABSTIME) !== 0);
  if (oldAddr && !writePairs(ctx.mem, oldAddr, size, 1n, old)) return -errno.EFAULT;
  return 0;
}

function timerGettime(ctx: SyscallContext, id: number, addr: number, layout: TimeLayout) {
  const t = lookupTimer(ctx, id);
  if (!t) return -errno.EINVAL;
  const cur = { interval: t.interval, value: timersOf(ctx.kernel).remaining(t) };
  return writePairs(ctx.mem, addr, timeWordSize(ctx.abi, layout), 1n, cur) ? 0 : -errno.EFAULT;
}

function timerGetoverrun(ctx: SyscallContext, id: number) {
  const t = lookupTimer(ctx, id);
  if (!t) return -errno.EINVAL;
  // it_overrun_last: the overrun of the last signal delivered (one still queued is not yet).
  const q = t.queued;
  const target = t.notify === 'thread' && t.thread ? t.thread : t.process;
  if (q && !target.pendingSignals.includes(q)) return Math.min(q.overrun ?? 0, 0x7fffffff);
  return Math.min(t.overrunLast, 0x7fffffff);
}

function timerDelete(ctx: SyscallContext, id: number) {
  const timers = existingTimersOf(ctx.kernel)?.peek(ctx.process);
  if (!timers?.posix.has(id)) return -errno.EINVAL;
  timers.posix.delete(id);
  return 0;
}

// ---- setting the clock ----

/** The earliest REALTIME a root caller may set: not before the system booted
 *  (timekeeping_inject… / do_settimeofday64: wall_to_monotonic must stay ≤ 0). */
function validSettod(ctx: SyscallContext, ns: bigint): boolean {
  return ns >= ctx.kernel.clock.monotonicNs();
}

function clockSettime(ctx: SyscallContext, id: number, addr: number, layout: TimeLayout) {
  if (id < 0) {
    if (timerClockOf(ctx.kernel, ctx.thread, id) === 'EINVAL') return -errno.EINVAL;
    // posix_cpu_clock_set: the clock checked, then EPERM — a CPU clock is never set.
    return -errno.EPERM;
  }
  const known = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11];
  if (!known.includes(id)) return -errno.EINVAL;
  // Only REALTIME has a clock_set (CLOCK_PROCESS/THREAD_CPUTIME_ID's k_clocks have none:
  // EINVAL, measured; the pid-specific CPU clock ids above say EPERM).
  if (id !== ClockId.CLOCK_REALTIME) return -errno.EINVAL;
  const size = timeWordSize(ctx.abi, layout);
  const w = getWords(ctx.mem, addr, 2, size);
  if (!w) return -errno.EFAULT;
  const sec = signedWord(w[0]!, size);
  const nsec = signedWord(w[1]!, size);
  if (sec < 0n || nsec < 0n || nsec >= NSEC) return -errno.EINVAL;
  if (!ctx.process.creds.privileged) return -errno.EPERM; // security_settime64: CAP_SYS_TIME
  const ns = sec * NSEC + nsec;
  if (!validSettod(ctx, ns)) return -errno.EINVAL;
  ctx.kernel.clock.setRealtime(ns);
  return 0;
}

function settimeofday(ctx: SyscallContext, tvAddr: number, tzAddr: number) {
  const size = longSize(ctx.abi);
  let ns: bigint | null = null;
  if (tvAddr) {
    const w = getWords(ctx.mem, tvAddr, 2, size);
    if (!w) return -errno.EFAULT;
    const sec = signedWord(w[0]!, size);
    const usec = signedWord(w[1]!, size);
    if (usec < 0n || usec >= 1_000_000n) return -errno.EINVAL; // timeval_valid
    if (sec < 0n) return -errno.EINVAL;
    ns = sec * NSEC + usec * 1000n;
  }
  let minuteswest = 0;
  if (tzAddr) {
    const w = getWords(ctx.mem, tzAddr, 2, 4);
    if (!w) return -errno.EFAULT;
    minuteswest = Number(BigInt.asIntN(32, w[0]!));
  }
  if (!ctx.process.creds.privileged) return -errno.EPERM;
  if (tzAddr && (minuteswest > 15 * 60 || minuteswest < -15 * 60)) return -errno.EINVAL;
  if (ns !== null) {
    if (!validSettod(ctx, ns)) return -errno.EINVAL;
    ctx.kernel.clock.setRealtime(ns);
  }
  return 0;
}

// ---- restart_syscall ----

/** restart_syscall(2): continues the call a signal interrupted with -ERESTART_RESTARTBLOCK
 *  when no handler ran (the arch's delivery made the thread call this instead of rewinding),
 *  through the thread's restart block; run again after each wake-up until the call is done.
 *  Without one (a program calling it itself), do_no_restart_syscall: -EINTR. */
const resuming = new WeakMap<Thread, RestartBlock>();

function restartSyscall(ctx: SyscallContext) {
  let block = resuming.get(ctx.thread);
  if (!block) {
    block = takeRestartBlock(ctx.thread) ?? undefined;
    if (!block) return -errno.EINTR;
    resuming.set(ctx.thread, block);
  }
  const r = block.resume(ctx);
  if (!isBlocked(r)) resuming.delete(ctx.thread);
  return r;
}

const itimervalArgs = (out: 'outitimerval' | 'itimerval') => [
  { name: 'which', type: 'itimerwhich' as const },
  { name: 'value', type: out },
];

export const syscalls: readonly SyscallDecl[] = [
  {
    // alarm(2): x86-64 and i386 only (arm64 has setitimer).
    name: 'alarm',
    numbers: numbersOf('alarm'),
    args: [{ name: 'seconds', type: 'uint' }],
    ret: 'uint',
    classes: [],
    handler: (ctx, a) => alarm(ctx.kernel, ctx.process, a.int(0)),
  },
  {
    name: 'getitimer',
    numbers: numbersOf('getitimer'),
    args: itimervalArgs('outitimerval'),
    classes: [],
    handler: (ctx, a) => getitimer(ctx, a.int(0), a.ptr(1)),
  },
  {
    name: 'setitimer',
    numbers: numbersOf('setitimer'),
    args: [...itimervalArgs('itimerval'), { name: 'ovalue', type: 'outitimerval' }],
    classes: [],
    handler: (ctx, a) => setitimer(ctx, a.int(0), a.ptr(1), a.ptr(2)),
  },
  {
    name: 'timer_create',
    numbers: numbersOf('timer_create'),
    args: [
      { name: 'clockid', type: 'clockid' },
      { name: 'sevp', type: 'sigevent' },
      { name: 'timerid', type: 'outtimerid' },
    ],
    classes: [],
    handler: (ctx, a) => timerCreate(ctx, a.int(0), a.ptr(1), a.ptr(2)),
  },
  {
    name: 'timer_settime',
    numbers: numbersOf('timer_settime'),
    args: [
      { name: 'timerid', type: 'int' },
      { name: 'flags', type: 'timerflags' },
      { name: 'new_value', type: 'itimerspec' },
      { name: 'old_value', type: 'outitimerspec' },
    ],
    classes: [],
    handler: (ctx, a) => timerSettime(ctx, a.int(0), a.int(1), a.ptr(2), a.ptr(3), 'long'),
  },
  {
    name: 'timer_settime64',
    numbers: numbersOf('timer_settime64', { x86_64: null, arm64: null }),
    args: [
      { name: 'timerid', type: 'int' },
      { name: 'flags', type: 'timerflags' },
      { name: 'new_value', type: 'itimerspec' },
      { name: 'old_value', type: 'outitimerspec' },
    ],
    classes: [],
    handler: (ctx, a) => timerSettime(ctx, a.int(0), a.int(1), a.ptr(2), a.ptr(3), 'time64'),
  },
  {
    name: 'timer_gettime',
    numbers: numbersOf('timer_gettime'),
    args: [
      { name: 'timerid', type: 'int' },
      { name: 'curr_value', type: 'outitimerspec' },
    ],
    classes: [],
    handler: (ctx, a) => timerGettime(ctx, a.int(0), a.ptr(1), 'long'),
  },
  {
    name: 'timer_gettime64',
    numbers: numbersOf('timer_gettime64', { x86_64: null, arm64: null }),
    args: [
      { name: 'timerid', type: 'int' },
      { name: 'curr_value', type: 'outitimerspec' },
    ],
    classes: [],
    handler: (ctx, a) => timerGettime(ctx, a.int(0), a.ptr(1), 'time64'),
  },
  {
    name: 'timer_getoverrun',
    numbers: numbersOf('timer_getoverrun'),
    args: [{ name: 'timerid', type: 'int' }],
    classes: [],
    handler: (ctx, a) => timerGetoverrun(ctx, a.int(0)),
  },
  {
    name: 'timer_delete',
    numbers: numbersOf('timer_delete'),
    args: [{ name: 'timerid', type: 'int' }],
    classes: [],
    handler: (ctx, a) => timerDelete(ctx, a.int(0)),
  },
  {
    name: 'clock_settime',
    numbers: numbersOf('clock_settime'),
    args: [
      { name: 'clockid', type: 'clockid' },
      { name: 'tp', type: 'timespec' },
    ],
    classes: ['clock'],
    handler: (ctx, a) => clockSettime(ctx, a.int(0), a.ptr(1), 'long'),
  },
  {
    name: 'clock_settime64',
    numbers: numbersOf('clock_settime64', { x86_64: null, arm64: null }),
    args: [
      { name: 'clockid', type: 'clockid' },
      { name: 'tp', type: 'timespec' },
    ],
    classes: ['clock'],
    handler: (ctx, a) => clockSettime(ctx, a.int(0), a.ptr(1), 'time64'),
  },
  {
    name: 'settimeofday',
    numbers: numbersOf('settimeofday'),
    args: [
      { name: 'tv', type: 'timeval' },
      { name: 'tz', type: 'ptr' },
    ],
    classes: ['clock'],
    handler: (ctx, a) => settimeofday(ctx, a.ptr(0), a.ptr(1)),
  },
  {
    // restart_syscall(2): strace shows `restart_syscall(<... resuming interrupted nanosleep ...>)`.
    name: 'restart_syscall',
    numbers: numbersOf('restart_syscall'),
    args: [],
    classes: [],
    eintrAlways: true,
    handler: (ctx) => restartSyscall(ctx),
    interrupted: (ctx) => {
      const block = resuming.get(ctx.thread);
      resuming.delete(ctx.thread);
      if (block) return block.interrupted(ctx);
    },
  },
];

