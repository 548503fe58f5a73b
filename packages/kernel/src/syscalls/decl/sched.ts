// Scheduling attributes: getpriority/setpriority (kernel/sys.c, the nice value with the
// kernel's 20 - nice return encoding), sched_setscheduler/getscheduler/setparam/getparam,
// sched_get_priority_max/min, sched_rr_get_interval and sched_setaffinity/getaffinity
// (kernel/sched/syscalls.c), in Linux's order of checks.
//
// How vsys models them: the machine has one CPU and a round-robin scheduler, so these are
// bookkeeping — every thread keeps its nice value, policy, real-time priority and
// SCHED_RESET_ON_FORK flag, which later calls report back, but the scheduler does not weigh them.
// The only CPU is CPU 0: an affinity mask must contain it (else EINVAL), and getaffinity
// reports {0} in a cpumask_size() mask of 32 bytes, as the reference kernel does.
// A thread that never set an attribute has its creator's: values are kept per thread, and
// before one changes, the threads and child processes still inheriting the old value get their
// own copy of it (so fork and clone see what the parent had when they were made).

import type { SyscallContext } from '../context.js';
import type { SyscallDecl } from '../types.js';
import { numbersOf } from '../numbers.js';
import { errno } from '../errno.js';
import { putWords } from '../uaccess.js';
import type { Process, Thread } from '../../process/process.js';
import { Resource } from '../../process/rlimits.js';

export const SCHED_NORMAL = 0;
export const SCHED_FIFO = 1;
export const SCHED_RR = 2;
export const SCHED_BATCH = 3;
export const SCHED_IDLE = 5;
export const SCHED_DEADLINE = 6;
export const SCHED_RESET_ON_FORK = 0x40000000;
const PRIO_PROCESS = 0;
const PRIO_PGRP = 1;
const PRIO_USER = 2;
const MIN_NICE = -20;
const MAX_NICE = 19;
const MAX_RT_PRIO = 100;
/** RR_TIMESLICE: 100 ms (include/linux/sched/rt.h). */
const RR_TIMESLICE_NS = 100_000_000;
/** cpumask_size(): BITS_TO_LONGS(nr_cpumask_bits) longs — 32 bytes on the reference kernel
 *  (an NR_CPUS = 256 build without CPUMASK_OFFSTACK; measured: sched_getaffinity(0, 128, …)
 *  returns 32). */
const CPUMASK_SIZE = 32;

export interface SchedAttrs {
  nice: number;
  policy: number;
  priority: number;
  resetOnFork: boolean;
}

const own = new WeakMap<Thread, SchedAttrs>();

/** The attributes `t` runs with: its own, or those of the thread that made it (its process's
 *  first thread, then the parent process's). */
export function schedAttrsOf(t: Thread): SchedAttrs {
  const mine = own.get(t);
  if (mine) return mine;
  const p = t.process;
  const first = p.threads[0];
  if (first && first !== t && own.has(first)) return own.get(first)!;
  const parentThread = p.parent?.threads[0];
  if (parentThread && parentThread.process !== p) return schedAttrsOf(parentThread);
  return { nice: 0, policy: SCHED_NORMAL, priority: 0, resetOnFork: false };
}

/** Gives every thread that inherits from `p` (its own threads, its children's, recursively)
 *  a copy of what it inherits now, before `p`'s change. */
function settleInheritors(p: Process, seen = new Set<Process>()): void {
  if (seen.has(p)) return;
  seen.add(p);
  for (const t of p.threads) if (!own.has(t)) own.set(t, { ...schedAttrsOf(t) });
  for (const c of p.children) settleInheritors(c, seen);
}

function setAttrs(t: Thread, change: Partial<SchedAttrs>): void {
  settleInheritors(t.process);
  for (const c of t.process.children) settleInheritors(c);
  own.set(t, { ...schedAttrsOf(t), ...change });
}

function liveThreads(ctx: SyscallContext): Thread[] {
  const out: Thread[] = [];
  for (const p of ctx.kernel.processes.values()) if (p.state === 'alive') out.push(...p.liveThreads());
  return out;
}

/** find_process_by_pid: 0 is the caller, else the thread with that id (any process). */
function threadById(ctx: SyscallContext, pid: number): Thread | null {
  if (pid === 0) return ctx.thread;
  return liveThreads(ctx).find((t) => t.tid === pid) ?? null;
}

// ---- getpriority / setpriority ----

function matching(ctx: SyscallContext, which: number, who: number): Thread[] | null {
  const creds = ctx.process.creds;
  switch (which) {
    case PRIO_PROCESS: {
      const t = threadById(ctx, who);
      return t ? [t] : [];
    }
    case PRIO_PGRP: {
      const pgid = who === 0 ? ctx.process.pgid : who;
      return liveThreads(ctx).filter((t) => t.process.pgid === pgid);
    }
    case PRIO_USER: {
      const uid = who === 0 ? creds.uid : who >>> 0;
      return liveThreads(ctx).filter((t) => t.process.creds.uid === uid);
    }
    default:
      return null;
  }
}

/** set_one_prio: EPERM unless the caller owns the target (its euid matches the target's uid
 *  or euid) or is privileged; EACCES for lowering the nice value past RLIMIT_NICE. */
function setOnePrio(ctx: SyscallContext, t: Thread, nice: number, error: number): number {
  const me = ctx.process.creds;
  const them = t.process.creds;
  if (!me.privileged && me.euid !== them.uid && me.euid !== them.euid) return -errno.EPERM;
  const rlim = ctx.process.rlimits.soft(Resource.RLIMIT_NICE);
  if (nice < schedAttrsOf(t).nice && !me.privileged && 20 - nice > rlim) return -errno.EACCES;
  setAttrs(t, { nice });
  return error === -errno.ESRCH ? 0 : error;
}

function setpriority(ctx: SyscallContext, which: number, who: number, niceval: number): number {
  if (which < PRIO_PROCESS || which > PRIO_USER) return -errno.EINVAL;
  const nice = Math.min(MAX_NICE, Math.max(MIN_NICE, niceval));
  let error = -errno.ESRCH;
  for (const t of matching(ctx, which, who)!) error = setOnePrio(ctx, t, nice, error);
  return error;
}

function getpriority(ctx: SyscallContext, which: number, who: number): number {
  if (which < PRIO_PROCESS || which > PRIO_USER) return -errno.EINVAL;
  let best = -errno.ESRCH;
  // The kernel returns 20 - nice (1…40) so that no value looks like an error; libc undoes it.
  for (const t of matching(ctx, which, who)!) best = Math.max(best, 20 - schedAttrsOf(t).nice);
  return best;
}

// ---- sched_setscheduler and friends ----

function validPolicy(policy: number): boolean {
  return [SCHED_NORMAL, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE, SCHED_DEADLINE].includes(policy);
}

const rtPolicy = (p: number): boolean => p === SCHED_FIFO || p === SCHED_RR;

/** do_sched_setscheduler: policy -1 keeps the current policy (sched_setparam). */
function setScheduler(ctx: SyscallContext, pid: number, policyArg: number, paramAt: number): number {
  if (paramAt === 0 || pid < 0) return -errno.EINVAL;
  const raw = paramAt < 0 ? null : ctx.mem.read(paramAt, 4);
  if (!raw) return -errno.EFAULT;
  const priority = new DataView(raw.buffer, raw.byteOffset, 4).getUint32(0, true);
  const t = threadById(ctx, pid);
  if (!t) return -errno.ESRCH;
  const cur = schedAttrsOf(t);
  let policy = policyArg;
  let resetOnFork = cur.resetOnFork;
  if (policy < 0) policy = cur.policy;
  else {
    resetOnFork = (policy & SCHED_RESET_ON_FORK) !== 0;
    policy &= ~SCHED_RESET_ON_FORK;
    if (!validPolicy(policy)) return -errno.EINVAL;
  }
  if (priority > MAX_RT_PRIO - 1) return -errno.EINVAL;
  // SCHED_DEADLINE needs sched_setattr's runtime/deadline/period: all zero here (EINVAL).
  if (policy === SCHED_DEADLINE || rtPolicy(policy) !== (priority !== 0)) return -errno.EINVAL;
  const me = ctx.process.creds;
  if (!me.privileged) {
    const them = t.process.creds;
    if (me.euid !== them.uid && me.euid !== them.euid) return -errno.EPERM;
    if (rtPolicy(policy)) {
      const rlim = ctx.process.rlimits.soft(Resource.RLIMIT_RTPRIO);
      if (rlim === 0 || priority > rlim) return -errno.EPERM;
    }
    if (cur.resetOnFork && !resetOnFork) return -errno.EPERM;
  }
  setAttrs(t, { policy, priority, resetOnFork });
  return 0;
}

function getScheduler(ctx: SyscallContext, pid: number): number {
  if (pid < 0) return -errno.EINVAL;
  const t = threadById(ctx, pid);
  if (!t) return -errno.ESRCH;
  const a = schedAttrsOf(t);
  return a.policy | (a.resetOnFork ? SCHED_RESET_ON_FORK : 0);
}

function getParam(ctx: SyscallContext, pid: number, paramAt: number): number {
  if (paramAt === 0 || pid < 0) return -errno.EINVAL;
  const t = threadById(ctx, pid);
  if (!t) return -errno.ESRCH;
  const a = schedAttrsOf(t);
  return putWords(ctx.mem, paramAt, [rtPolicy(a.policy) ? a.priority : 0], 4) ? 0 : -errno.EFAULT;
}

function priorityLimit(policy: number, max: boolean): number {
  if (rtPolicy(policy)) return max ? MAX_RT_PRIO - 1 : 1;
  if ([SCHED_NORMAL, SCHED_BATCH, SCHED_IDLE, SCHED_DEADLINE].includes(policy)) return 0;
  return -errno.EINVAL;
}

/** sched_rr_get_interval: 100 ms for SCHED_RR, 0 for SCHED_FIFO; the fair class reports its
 *  base slice, 0.75 ms × (1 + log2 CPUs) = 0.75 ms on one CPU, in whole jiffies of a 1000 Hz
 *  tick — 0 (get_rr_interval_fair → NS_TO_JIFFIES). */
function rrInterval(ctx: SyscallContext, pid: number, tpAt: number, compat: boolean): number {
  if (pid < 0) return -errno.EINVAL;
  const t = threadById(ctx, pid);
  if (!t) return -errno.ESRCH;
  const policy = schedAttrsOf(t).policy;
  const ns = policy === SCHED_RR ? RR_TIMESLICE_NS : 0;
  const words = [Math.floor(ns / 1e9), ns % 1e9];
  return putWords(ctx.mem, tpAt, words, compat ? 4 : 8) ? 0 : -errno.EFAULT;
}

// ---- affinity ----

function getAffinity(ctx: SyscallContext, pid: number, len: number, maskAt: number): number {
  // (len * BITS_PER_BYTE) < nr_cpu_ids, and len must be a multiple of sizeof(long).
  const long = ctx.abi === 'i386' ? 4 : 8;
  if (len * 8 < 1) return -errno.EINVAL;
  if (len % long) return -errno.EINVAL;
  if (pid < 0 || !threadById(ctx, pid)) return -errno.ESRCH;
  // compat_sys_sched_getaffinity: the same cpumask_size() bytes, in 32-bit words.
  const n = Math.min(len, CPUMASK_SIZE);
  const out = new Uint8Array(n);
  out[0] = 1; // CPU 0
  return ctx.mem.write(maskAt, out) ? n : -errno.EFAULT;
}

function setAffinity(ctx: SyscallContext, pid: number, len: number, maskAt: number): number {
  // get_user_cpu_mask: a shorter mask is zero-extended, a longer one cut to cpumask_size().
  const n = Math.min(len, CPUMASK_SIZE);
  let cpu0 = false;
  if (n > 0) {
    const b = maskAt < 0 ? null : ctx.mem.read(maskAt, n);
    if (!b) return -errno.EFAULT;
    cpu0 = (b[0]! & 1) !== 0;
  }
  if (pid < 0) return -errno.ESRCH;
  const t = threadById(ctx, pid);
  if (!t) return -errno.ESRCH;
  const me = ctx.process.creds;
  const them = t.process.creds;
  if (!me.privileged && me.euid !== them.uid && me.euid !== them.euid) return -errno.EPERM;
  return cpu0 ? 0 : -errno.EINVAL; // no CPU of the mask is online
}

export const syscalls: readonly SyscallDecl[] = [
  {
    name: 'getpriority', numbers: numbersOf('getpriority'), classes: [],
    args: [{ name: 'which', type: 'priowhich' }, { name: 'who', type: 'int' }],
    handler: (ctx, a) => getpriority(ctx, a.int(0), a.int(1)),
  },
  {
    name: 'setpriority', numbers: numbersOf('setpriority'), classes: [],
    args: [{ name: 'which', type: 'priowhich' }, { name: 'who', type: 'int' }, { name: 'prio', type: 'int' }],
    handler: (ctx, a) => setpriority(ctx, a.int(0), a.int(1), a.int(2)),
  },
  {
    // i386 nice(inc): the nice value moves by inc (clamped to -20…19); lowering it needs
    // privilege or RLIMIT_NICE (EPERM).
    name: 'nice', numbers: numbersOf('nice'), classes: [],
    args: [{ name: 'inc', type: 'int' }],
    handler: (ctx, a) => {
      const inc = Math.min(40, Math.max(-40, a.int(0)));
      const cur = schedAttrsOf(ctx.thread).nice;
      const nice = Math.min(MAX_NICE, Math.max(MIN_NICE, cur + inc));
      if (nice < cur && !ctx.process.creds.privileged && 20 - nice > ctx.process.rlimits.soft(Resource.RLIMIT_NICE)) return -errno.EPERM;
      setAttrs(ctx.thread, { nice });
      return 0;
    },
  },
  {
    name: 'sched_setscheduler', numbers: numbersOf('sched_setscheduler'), classes: [],
    args: [{ name: 'pid', type: 'int' }, { name: 'policy', type: 'schedpolicy' }, { name: 'param', type: 'schedparam' }],
    handler: (ctx, a) => setScheduler(ctx, a.int(0), a.int(1), a.ptr(2)),
  },
  {
    name: 'sched_setparam', numbers: numbersOf('sched_setparam'), classes: [],
    args: [{ name: 'pid', type: 'int' }, { name: 'param', type: 'schedparam' }],
    handler: (ctx, a) => setScheduler(ctx, a.int(0), -1, a.ptr(1)),
  },
  {
    name: 'sched_getscheduler', numbers: numbersOf('sched_getscheduler'), classes: [],
    args: [{ name: 'pid', type: 'int' }],
    handler: (ctx, a) => getScheduler(ctx, a.int(0)),
  },
  {
    name: 'sched_getparam', numbers: numbersOf('sched_getparam'), classes: [],
    args: [{ name: 'pid', type: 'int' }, { name: 'param', type: 'outschedparam' }],
    handler: (ctx, a) => getParam(ctx, a.int(0), a.ptr(1)),
  },
  {
    name: 'sched_get_priority_max', numbers: numbersOf('sched_get_priority_max'), classes: [],
    args: [{ name: 'policy', type: 'schedpolicy' }],
    handler: (ctx, a) => priorityLimit(a.int(0), true),
  },
  {
    name: 'sched_get_priority_min', numbers: numbersOf('sched_get_priority_min'), classes: [],
    args: [{ name: 'policy', type: 'schedpolicy' }],
    handler: (ctx, a) => priorityLimit(a.int(0), false),
  },
  {
    name: 'sched_rr_get_interval', numbers: numbersOf('sched_rr_get_interval'), classes: [],
    args: [{ name: 'pid', type: 'int' }, { name: 'tp', type: 'outtimespec' }],
    handler: (ctx, a) => rrInterval(ctx, a.int(0), a.ptr(1), ctx.abi === 'i386'),
  },
  {
    name: 'sched_rr_get_interval_time64', numbers: numbersOf('sched_rr_get_interval_time64'), classes: [],
    args: [{ name: 'pid', type: 'int' }, { name: 'tp', type: 'outtimespec' }],
    handler: (ctx, a) => rrInterval(ctx, a.int(0), a.ptr(1), false),
  },
  {
    name: 'sched_getaffinity', numbers: numbersOf('sched_getaffinity'), classes: [],
    args: [{ name: 'pid', type: 'int' }, { name: 'cpusetsize', type: 'uint' }, { name: 'mask', type: 'outcpuset' }],
    handler: (ctx, a) => getAffinity(ctx, a.int(0), a.size(1), a.ptr(2)),
  },
  {
    name: 'sched_setaffinity', numbers: numbersOf('sched_setaffinity'), classes: [],
    args: [{ name: 'pid', type: 'int' }, { name: 'cpusetsize', type: 'uint' }, { name: 'mask', type: 'cpuset', len: 1 }],
    handler: (ctx, a) => setAffinity(ctx, a.int(0), a.size(1), a.ptr(2)),
  },
];
