// Time syscalls: clock_gettime, clock_getres, gettimeofday, time, nanosleep, clock_nanosleep,
// with the i386 32-bit-time_t forms and the *_time64 variants.
//
// Clock ids (include/uapi/linux/time.h; kernel/time/posix-timers.c): REALTIME 0, MONOTONIC 1,
// PROCESS_CPUTIME_ID 2, THREAD_CPUTIME_ID 3, MONOTONIC_RAW 4, REALTIME_COARSE 5,
// MONOTONIC_COARSE 6, BOOTTIME 7, TAI 11. REALTIME_ALARM 8 / BOOTTIME_ALARM 9 need an RTC alarm
// device: EINVAL here, as on the build machine. Negative ids are CPU clocks of a pid/tid
// (posix-cpu-timers.c: id = (~pid << 3) | (perthread ? 4 : 0) | which, which = PROF 0, VIRT 1,
// SCHED 2; 3 → EINVAL); PROF/VIRT tick in jiffies (res 4 ms), SCHED in ns.
// Measured on the build machine (Linux 6.18): clock_nanosleep on THREAD_CPUTIME, MONOTONIC_RAW
// or a COARSE clock → EOPNOTSUPP; unknown id → EINVAL; tv_nsec ≥ 1e9 or tv_sec < 0 → EINVAL;
// bad pointers → EFAULT; gettimeofday(NULL, NULL) → 0; clock_getres(id, NULL) → 0.

import { errno } from '../errno.js';
import { numbersOf } from '../numbers.js';
import { blocked, type SyscallAbi, type SyscallDecl, type UserMemory } from '../types.js';
import type { SyscallContext } from '../context.js';
import { getWords, putWords } from '../uaccess.js';
import { ClockId, COARSE_RESOLUTION_NS } from '../../time/clock.js';
import type { Process, Thread } from '../../process/process.js';
import { setRestartBlock } from '../../signal/restart.js';

const NSEC = 1_000_000_000n;

type TimeLayout = 'long' | 'time64';

/** time_t width: `long` (8 bytes on x86-64/arm64, 4 on i386) or the 64-bit *_time64 form. */
function timeWordSize(abi: SyscallAbi, layout: TimeLayout): 4 | 8 {
  return layout === 'time64' || abi !== 'i386' ? 8 : 4;
}

function writeTimespec(mem: UserMemory, addr: number, ns: bigint, size: 4 | 8): boolean {
  return putWords(mem, addr, [ns / NSEC, ns % NSEC], size);
}

/** Reads a struct timespec; 'fault' or 'invalid' (nsec outside [0, 1e9) or sec < 0). */
function readTimespec(mem: UserMemory, addr: number, size: 4 | 8): bigint | 'fault' | 'invalid' {
  const w = getWords(mem, addr, 2, size);
  if (!w) return 'fault';
  const sec = size === 8 ? BigInt.asIntN(64, w[0]!) : BigInt.asIntN(32, w[0]!);
  // tv_nsec is a long: on a 64-bit kernel reading a compat (i386) timespec it is 32 bits.
  const nsec = size === 8 ? BigInt.asIntN(64, w[1]!) : BigInt.asIntN(32, w[1]!);
  if (sec < 0n || nsec < 0n || nsec >= NSEC) return 'invalid';
  return sec * NSEC + nsec;
}

function threadCpuNs(ctx: SyscallContext, t: Thread): bigint {
  return ctx.kernel.clock.cpuNs(t.userInstructions);
}

function processCpuNs(ctx: SyscallContext, p: Process): bigint {
  return p.threads.reduce((sum, t) => sum + threadCpuNs(ctx, t), 0n);
}

/** The clock's current value in ns, or -errno. */
function readClock(ctx: SyscallContext, id: number): bigint | number {
  const clock = ctx.kernel.clock;
  if (id < 0) {
    const which = id & 3;
    const perThread = (id & 4) !== 0;
    const pid = ~(id >> 3);
    if (which === 3) return -errno.EINVAL;
    if (perThread) {
      const t = pid === 0 ? ctx.thread : ctx.kernel.threads.get(pid);
      if (!t || t.process !== ctx.process) return -errno.EINVAL;
      return threadCpuNs(ctx, t);
    }
    const p = pid === 0 ? ctx.process : ctx.kernel.processes.get(pid);
    if (!p) return -errno.EINVAL;
    return processCpuNs(ctx, p);
  }
  switch (id) {
    case ClockId.CLOCK_REALTIME:
    case ClockId.CLOCK_TAI:
      return clock.realtimeNs();
    case ClockId.CLOCK_MONOTONIC:
    case ClockId.CLOCK_MONOTONIC_RAW:
    case ClockId.CLOCK_BOOTTIME:
      return clock.monotonicNs();
    case ClockId.CLOCK_REALTIME_COARSE:
      return clock.coarse(clock.realtimeNs());
    case ClockId.CLOCK_MONOTONIC_COARSE:
      return clock.coarse(clock.monotonicNs());
    case ClockId.CLOCK_PROCESS_CPUTIME_ID:
      return processCpuNs(ctx, ctx.process);
    case ClockId.CLOCK_THREAD_CPUTIME_ID:
      return threadCpuNs(ctx, ctx.thread);
    default:
      return -errno.EINVAL;
  }
}

function clockResolution(id: number): bigint | number {
  if (id < 0) {
    const which = id & 3;
    if (which === 3) return -errno.EINVAL;
    return which === 2 ? 1n : COARSE_RESOLUTION_NS;
  }
  switch (id) {
    case ClockId.CLOCK_REALTIME_COARSE:
    case ClockId.CLOCK_MONOTONIC_COARSE:
      return COARSE_RESOLUTION_NS;
    case ClockId.CLOCK_REALTIME:
    case ClockId.CLOCK_MONOTONIC:
    case ClockId.CLOCK_PROCESS_CPUTIME_ID:
    case ClockId.CLOCK_THREAD_CPUTIME_ID:
    case ClockId.CLOCK_MONOTONIC_RAW:
    case ClockId.CLOCK_BOOTTIME:
    case ClockId.CLOCK_TAI:
      return 1n;
    default:
      return -errno.EINVAL;
  }
}

function clockGettime(ctx: SyscallContext, id: number, addr: number, layout: TimeLayout) {
  const ns = readClock(ctx, id);
  if (typeof ns === 'number') return ns;
  return writeTimespec(ctx.mem, addr, ns, timeWordSize(ctx.abi, layout)) ? 0 : -errno.EFAULT;
}

function clockGetres(ctx: SyscallContext, id: number, addr: number, layout: TimeLayout) {
  // A pid-specific CPU clock must name an existing task (posix_cpu_clock_getres validates).
  if (id < 0 && typeof readClock(ctx, id) === 'number') return -errno.EINVAL;
  const res = clockResolution(id);
  if (typeof res === 'number') return res;
  if (addr === 0) return 0;
  return writeTimespec(ctx.mem, addr, res, timeWordSize(ctx.abi, layout)) ? 0 : -errno.EFAULT;
}

interface SleepState {
  deadline: bigint;
}

/** The sleeping part of nanosleep/clock_nanosleep: the first run computes the deadline on the
 *  monotonic clock and blocks; the re-run after the wake-up finds it passed and returns 0. */
function sleepUntil(ctx: SyscallContext, deadlineFromRequest: () => bigint) {
  let st = ctx.thread.restartState as SleepState | null;
  if (!st || typeof st.deadline !== 'bigint') {
    st = { deadline: deadlineFromRequest() };
    ctx.thread.restartState = st;
  }
  if (ctx.kernel.clock.monotonicNs() >= st.deadline) return 0;
  return blocked(null, st.deadline);
}

function nanosleep(ctx: SyscallContext, reqAddr: number, layout: TimeLayout) {
  const size = timeWordSize(ctx.abi, layout);
  const restarting = ctx.thread.restartState !== null;
  if (!restarting) {
    const req = readTimespec(ctx.mem, reqAddr, size);
    if (req === 'fault') return -errno.EFAULT;
    if (req === 'invalid') return -errno.EINVAL;
    return sleepUntil(ctx, () => ctx.kernel.clock.monotonicNs() + req);
  }
  return sleepUntil(ctx, () => 0n);
}

function clockNanosleep(ctx: SyscallContext, id: number, flags: number, reqAddr: number, layout: TimeLayout) {
  if (ctx.thread.restartState !== null) return sleepUntil(ctx, () => 0n);
  // common_nsleep exists for REALTIME, MONOTONIC, BOOTTIME, TAI and the CPU clocks; the others
  // have no nsleep → EOPNOTSUPP; unknown ids → EINVAL.
  const supported: number[] = [
    ClockId.CLOCK_REALTIME,
    ClockId.CLOCK_MONOTONIC,
    ClockId.CLOCK_BOOTTIME,
    ClockId.CLOCK_TAI,
    ClockId.CLOCK_PROCESS_CPUTIME_ID,
  ];
  if (id === ClockId.CLOCK_THREAD_CPUTIME_ID) return -errno.EOPNOTSUPP;
  // The alarm clocks exist but need an RTC: clock_gettime says EINVAL, nanosleep EOPNOTSUPP
  // (alarmtimer.c alarm_timer_nsleep; measured).
  if (id === ClockId.CLOCK_REALTIME_ALARM || id === ClockId.CLOCK_BOOTTIME_ALARM) return -errno.EOPNOTSUPP;
  if (id >= 0 && !supported.includes(id)) {
    return typeof clockResolution(id) === 'number' ? -errno.EINVAL : -errno.EOPNOTSUPP;
  }
  if (id < 0) {
    if (id & 4) return -errno.EINVAL; // a thread CPU clock: sleeping on it is refused
    if (typeof readClock(ctx, id) === 'number') return -errno.EINVAL;
  }
  const req = readTimespec(ctx.mem, reqAddr, timeWordSize(ctx.abi, layout));
  if (req === 'fault') return -errno.EFAULT;
  if (req === 'invalid') return -errno.EINVAL;
  const now = readClock(ctx, id) as bigint;
  const TIMER_ABSTIME = 1;
  const remaining = flags & TIMER_ABSTIME ? req - now : req;
  if (remaining <= 0n) return 0;
  return sleepUntil(ctx, () => ctx.kernel.clock.monotonicNs() + remaining);
}

/** nanosleep/clock_nanosleep interrupted by a signal: the time left goes to `rem` (when not
 *  NULL; relative sleeps only) — EFAULT if it cannot be written (hrtimer_nanosleep →
 *  nanosleep_copyout) — and the restart block is set, so that a restart without a handler
 *  goes on through restart_syscall to the same deadline (signal/restart.ts). */
function writeRemaining(ctx: SyscallContext, remAddr: number, layout: TimeLayout, name: string): number | void {
  const st = ctx.thread.restartState as SleepState | null;
  if (!st || typeof st.deadline !== 'bigint') return;
  return interruptSleep(ctx, { name, abi: ctx.abi, deadline: st.deadline, remAddr, layout });
}

function interruptSleep(
  ctx: SyscallContext,
  sleep: { name: string; abi: SyscallAbi; deadline: bigint; remAddr: number; layout: TimeLayout },
): number | void {
  setRestartBlock(ctx.thread, {
    name: sleep.name,
    abi: sleep.abi,
    resume: (again) => resumeSleep(again, sleep.deadline),
    interrupted: (again) => interruptSleep(again, sleep),
  });
  if (!sleep.remAddr) return;
  const left = sleep.deadline - ctx.kernel.clock.monotonicNs();
  if (!writeTimespec(ctx.mem, sleep.remAddr, left > 0n ? left : 0n, timeWordSize(sleep.abi, sleep.layout))) return -errno.EFAULT;
}

/** The sleep restart_syscall resumes: 0 once `deadline` (CLOCK_MONOTONIC) has passed. */
export function resumeSleep(ctx: SyscallContext, deadline: bigint) {
  if (ctx.kernel.clock.monotonicNs() >= deadline) return 0;
  return blocked(null, deadline);
}

function gettimeofday(ctx: SyscallContext, tvAddr: number, tzAddr: number) {
  const size = ctx.abi === 'i386' ? 4 : 8;
  if (tvAddr) {
    const ns = ctx.kernel.clock.realtimeNs();
    if (!putWords(ctx.mem, tvAddr, [ns / NSEC, (ns % NSEC) / 1000n], size)) return -errno.EFAULT;
  }
  // struct timezone {int tz_minuteswest; int tz_dsttime;}: UTC, no DST.
  if (tzAddr && !putWords(ctx.mem, tzAddr, [0, 0], 4)) return -errno.EFAULT;
  return 0;
}

const clockArgs = (out: 'outtimespec' | 'timespec') => [
  { name: 'clockid', type: 'clockid' as const },
  { name: 'tp', type: out },
];

export const syscalls: readonly SyscallDecl[] = [
  {
    name: 'clock_gettime',
    numbers: numbersOf('clock_gettime'),
    args: clockArgs('outtimespec'),
    classes: ['clock'],
    handler: (ctx, a) => clockGettime(ctx, a.int(0), a.ptr(1), 'long'),
  },
  {
    name: 'clock_gettime64',
    numbers: numbersOf('clock_gettime64', { x86_64: null, arm64: null }),
    args: clockArgs('outtimespec'),
    classes: ['clock'],
    handler: (ctx, a) => clockGettime(ctx, a.int(0), a.ptr(1), 'time64'),
  },
  {
    name: 'clock_getres',
    numbers: numbersOf('clock_getres'),
    args: clockArgs('outtimespec'),
    classes: ['clock'],
    handler: (ctx, a) => clockGetres(ctx, a.int(0), a.ptr(1), 'long'),
  },
  {
    name: 'clock_getres_time64',
    numbers: numbersOf('clock_getres_time64', { x86_64: null, arm64: null }),
    args: clockArgs('outtimespec'),
    classes: ['clock'],
    handler: (ctx, a) => clockGetres(ctx, a.int(0), a.ptr(1), 'time64'),
  },
  {
    name: 'gettimeofday',
    numbers: numbersOf('gettimeofday'),
    args: [
      { name: 'tv', type: 'timeval' },
      { name: 'tz', type: 'ptr' },
    ],
    classes: ['clock'],
    handler: (ctx, a) => gettimeofday(ctx, a.ptr(0), a.ptr(1)),
  },
  {
    // time(2): returns seconds, and stores them too when tloc is not NULL (EFAULT otherwise).
    name: 'time',
    numbers: numbersOf('time'),
    args: [{ name: 'tloc', type: 'ptr' }],
    classes: ['clock'],
    handler: (ctx, a) => {
      const sec = ctx.kernel.clock.realtimeNs() / NSEC;
      const addr = a.ptr(0);
      if (addr && !putWords(ctx.mem, addr, [sec], ctx.abi === 'i386' ? 4 : 8)) return -errno.EFAULT;
      return sec;
    },
  },
  {
    name: 'nanosleep',
    eintrAlways: true,
    numbers: numbersOf('nanosleep'),
    args: [
      { name: 'req', type: 'timespec' },
      { name: 'rem', type: 'remtimespec' },
    ],
    classes: ['clock'],
    handler: (ctx, a) => nanosleep(ctx, a.ptr(0), 'long'),
    interrupted: (ctx, a) => writeRemaining(ctx, a.ptr(1), 'long', 'nanosleep'),
  },
  {
    name: 'clock_nanosleep',
    eintrAlways: true,
    numbers: numbersOf('clock_nanosleep'),
    args: [
      { name: 'clockid', type: 'clockid' },
      { name: 'flags', type: 'hex' },
      { name: 'req', type: 'timespec' },
      { name: 'rem', type: 'remtimespec' },
    ],
    classes: ['clock'],
    handler: (ctx, a) => clockNanosleep(ctx, a.int(0), a.int(1), a.ptr(2), 'long'),
    interrupted: (ctx, a) => (a.int(1) & 1 ? undefined : writeRemaining(ctx, a.ptr(3), 'long', 'clock_nanosleep')),
  },
  {
    name: 'clock_nanosleep_time64',
    eintrAlways: true,
    numbers: numbersOf('clock_nanosleep_time64', { x86_64: null, arm64: null }),
    args: [
      { name: 'clockid', type: 'clockid' },
      { name: 'flags', type: 'hex' },
      { name: 'req', type: 'timespec' },
      { name: 'rem', type: 'remtimespec' },
    ],
    classes: ['clock'],
    handler: (ctx, a) => clockNanosleep(ctx, a.int(0), a.int(1), a.ptr(2), 'time64'),
    interrupted: (ctx, a) => (a.int(1) & 1 ? undefined : writeRemaining(ctx, a.ptr(3), 'time64', 'clock_nanosleep_time64')),
  },
];
