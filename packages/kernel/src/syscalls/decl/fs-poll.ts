// poll, ppoll, select, pselect6 (fs/select.c). Each file reports its readiness through
// FileOps.poll (pipes: data / space / hang-up; everything else is always ready, as regular
// files are). When nothing is ready and the timeout has not passed, the call sleeps on a wait
// queue fed by every polled file's queues, with the timeout as the deadline, and is re-run when
// woken; the deadline lives in the thread's restart state between runs. poll and select are
// never restarted after a signal handler: EINTR (eintrAlways; select(2), poll(2)).
// ppoll/select/pselect6 write the remaining time back, as Linux does. The signal mask argument
// of ppoll and pselect6 is not applied (the wait runs under the thread's own mask).

import type { SyscallContext } from '../context.js';
import { blocked, type Blocked, type SyscallDecl } from '../types.js';
import { numbersOf } from '../numbers.js';
import { EBADF, EFAULT, EINVAL } from '../../vfs/errno.js';
import {
  DEFAULT_POLLMASK, POLLERR, POLLHUP, POLLIN, POLLNVAL, POLLOUT, POLLPRI, POLLRDNORM, POLLWRNORM,
  type OpenFile, type PollState,
} from '../../vfs/file.js';
import { FanInWaitQueue } from '../../vfs/wait-queue.js';
import { filesOf, putUser } from './fs-common.js';

/** Between runs of a sleeping poll: when it gives up. */
interface PollWait {
  kind: 'poll';
  deadline: bigint | null;
}

function pollFile(file: OpenFile): PollState {
  return file.ops.poll ? file.ops.poll(file) : { mask: DEFAULT_POLLMASK, queues: [] };
}

const nowNs = (ctx: SyscallContext): bigint => ctx.kernel.clock.monotonicNs();

/** The previous run's wait state, or a fresh one whose deadline is `timeoutNs` from now (null:
 *  no timeout). */
function waitState(ctx: SyscallContext, timeoutNs: bigint | null): PollWait {
  const prior = ctx.thread.restartState as PollWait | null;
  if (prior && prior.kind === 'poll') return prior;
  const st: PollWait = { kind: 'poll', deadline: timeoutNs === null ? null : nowNs(ctx) + timeoutNs };
  ctx.thread.restartState = st;
  return st;
}

function finish(ctx: SyscallContext): void {
  ctx.thread.restartState = null;
}

/** Sleeps on every queue of `states` until one fires or the deadline passes. */
function sleep(st: PollWait, states: PollState[]): Blocked {
  const queue = new FanInWaitQueue(states.flatMap((s) => s.queues));
  // A file whose readiness changes by itself at a time (a timerfd) wakes the sleeper then.
  let deadline = st.deadline;
  for (const s of states) if (s.deadlineNs !== undefined && (deadline === null || s.deadlineNs < deadline)) deadline = s.deadlineNs;
  return deadline === null ? blocked(queue) : blocked(queue, deadline);
}

/** Remaining time for the write-back: deadline − now, at least 0. */
function remaining(ctx: SyscallContext, st: PollWait): bigint {
  if (st.deadline === null) return 0n;
  const left = st.deadline - nowNs(ctx);
  return left > 0n ? left : 0n;
}

// ---------------------------------------------------------------- poll / ppoll

function doPoll(ctx: SyscallContext, fdsAddr: number, nfds: number, timeoutNs: bigint | null, onDone?: (st: PollWait) => number): number | Blocked {
  const files = filesOf(ctx);
  if (nfds < 0 || nfds > files.max) return -EINVAL;
  const raw = nfds === 0 ? new Uint8Array(0) : fdsAddr < 0 ? null : ctx.mem.read(fdsAddr, nfds * 8);
  if (!raw) return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const st = waitState(ctx, timeoutNs);
  const states: PollState[] = [];
  let ready = 0;
  for (let i = 0; i < nfds; i++) {
    const fd = v.getInt32(i * 8, true);
    const events = v.getUint16(i * 8 + 4, true);
    let revents = 0;
    if (fd >= 0) {
      const file = files.get(fd);
      if (!file) revents = POLLNVAL;
      else {
        const s = pollFile(file);
        states.push(s);
        revents = s.mask & (events | POLLERR | POLLHUP);
      }
    }
    v.setUint16(i * 8 + 6, revents, true);
    if (revents) ready++;
  }
  const expired = st.deadline !== null && nowNs(ctx) >= st.deadline;
  if (ready === 0 && !expired) return sleep(st, states);
  const extra = onDone ? onDone(st) : 0;
  finish(ctx);
  if (extra < 0) return extra;
  return putUser(ctx, fdsAddr, raw) || ready;
}

/** Reads a struct timespec (16 bytes; 8 on i386) as ns: null for NULL, -EINVAL when invalid. */
function readTimespec(ctx: SyscallContext, addr: number, usec = false): bigint | null | number {
  if (addr === 0) return null;
  const wide = ctx.abi !== 'i386';
  const raw = addr < 0 ? null : ctx.mem.read(addr, wide ? 16 : 8);
  if (!raw) return -EFAULT;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const sec = wide ? v.getBigInt64(0, true) : BigInt(v.getInt32(0, true));
  const frac = wide ? v.getBigInt64(8, true) : BigInt(v.getInt32(4, true));
  const unit = usec ? 1000n : 1n;
  if (sec < 0n || frac < 0n || frac * unit >= 1_000_000_000n) return -EINVAL;
  return sec * 1_000_000_000n + frac * unit;
}

function writeTimespec(ctx: SyscallContext, addr: number, ns: bigint, usec = false): number {
  const wide = ctx.abi !== 'i386';
  const out = new Uint8Array(wide ? 16 : 8);
  const v = new DataView(out.buffer);
  const sec = ns / 1_000_000_000n;
  const frac = usec ? (ns % 1_000_000_000n) / 1000n : ns % 1_000_000_000n;
  if (wide) {
    v.setBigInt64(0, sec, true);
    v.setBigInt64(8, frac, true);
  } else {
    v.setInt32(0, Number(sec), true);
    v.setInt32(4, Number(frac), true);
  }
  return putUser(ctx, addr, out);
}

// ---------------------------------------------------------------- select / pselect6

/** The readiness select wants for each set (fs/select.c POLLIN_SET, POLLOUT_SET, POLLEX_SET). */
const POLLIN_SET = POLLIN | POLLRDNORM | POLLHUP | POLLERR;
const POLLOUT_SET = POLLOUT | POLLWRNORM | POLLERR;
const POLLEX_SET = POLLPRI;

function doSelect(
  ctx: SyscallContext, nfds: number, setAddrs: [number, number, number], timeoutNs: bigint | null,
  onDone?: (st: PollWait) => number,
): number | Blocked {
  if (nfds < 0) return -EINVAL;
  const files = filesOf(ctx);
  const n = Math.min(nfds, files.max);
  const word = ctx.abi === 'i386' ? 4 : 8;
  const bytes = Math.ceil(n / (word * 8)) * word;
  const sets = setAddrs.map((addr) => {
    if (addr === 0 || bytes === 0) return null;
    return addr < 0 ? undefined : ctx.mem.read(addr, bytes) ?? undefined;
  });
  if (sets.some((s) => s === undefined)) return -EFAULT;
  const bit = (set: Uint8Array | null | undefined, fd: number): boolean => !!set && (set[fd >> 3]! & (1 << (fd & 7))) !== 0;
  const st = waitState(ctx, timeoutNs);
  const out = sets.map((s) => (s ? new Uint8Array(s.length) : null));
  const states: PollState[] = [];
  let ready = 0;
  for (let fd = 0; fd < n; fd++) {
    const wanted = [0, 1, 2].filter((k) => bit(sets[k], fd));
    if (wanted.length === 0) continue;
    const file = files.get(fd);
    if (!file) {
      finish(ctx);
      return -EBADF;
    }
    const s = pollFile(file);
    states.push(s);
    const masks = [POLLIN_SET, POLLOUT_SET, POLLEX_SET];
    for (const k of wanted) {
      if (s.mask & masks[k]!) {
        out[k]![fd >> 3]! |= 1 << (fd & 7);
        ready++;
      }
    }
  }
  const expired = st.deadline !== null && nowNs(ctx) >= st.deadline;
  if (ready === 0 && !expired) return sleep(st, states);
  const extra = onDone ? onDone(st) : 0;
  finish(ctx);
  if (extra < 0) return extra;
  for (let k = 0; k < 3; k++) {
    const set = out[k];
    if (set) {
      const err = putUser(ctx, setAddrs[k]!, set);
      if (err) return err;
    }
  }
  return ready;
}

/** select/pselect6/ppoll ended by a signal: the time left is written back all the same
 *  (fs/select.c poll_select_finish — the Linux-specific update; a timeout that cannot be
 *  written is left alone here). */
function writeTimeLeft(ctx: SyscallContext, addr: number, usec: boolean): void {
  const st = ctx.thread.restartState as PollWait | null;
  if (addr && st && st.kind === 'poll' && st.deadline !== null) writeTimespec(ctx, addr, remaining(ctx, st), usec);
}

export const pollSyscalls: SyscallDecl[] = [
  {
    name: 'poll', eintrAlways: true, numbers: numbersOf('poll'), classes: ['desc'],
    args: [{ name: 'fds', type: 'ptr' }, { name: 'nfds', type: 'uint' }, { name: 'timeout', type: 'int' }],
    handler(ctx, a) {
      const ms = a.int(2);
      return doPoll(ctx, a.ptr(0), a.int(1), ms < 0 ? null : BigInt(ms) * 1_000_000n);
    },
  },
  {
    name: 'ppoll', eintrAlways: true, numbers: numbersOf('ppoll'), classes: ['desc'],
    args: [{ name: 'fds', type: 'ptr' }, { name: 'nfds', type: 'uint' }, { name: 'tmo_p', type: 'timespec' }, { name: 'sigmask', type: 'sigset' }, { name: 'sigsetsize', type: 'uint' }],
    handler(ctx, a) {
      const tmoAddr = a.ptr(2);
      const timeout = readTimespec(ctx, tmoAddr);
      if (typeof timeout === 'number') return timeout;
      return doPoll(ctx, a.ptr(0), a.int(1), timeout, (st) => (tmoAddr ? writeTimespec(ctx, tmoAddr, remaining(ctx, st)) : 0));
    },
    interrupted: (ctx, a) => writeTimeLeft(ctx, a.ptr(2), false),
  },
  {
    name: 'select', eintrAlways: true, numbers: numbersOf('select', { i386: '_newselect' }), classes: ['desc'],
    args: [{ name: 'nfds', type: 'int' }, { name: 'readfds', type: 'ptr' }, { name: 'writefds', type: 'ptr' }, { name: 'exceptfds', type: 'ptr' }, { name: 'timeout', type: 'timeval' }],
    handler(ctx, a) {
      const tvAddr = a.ptr(4);
      const timeout = readTimespec(ctx, tvAddr, true);
      if (typeof timeout === 'number') return timeout;
      return doSelect(ctx, a.int(0), [a.ptr(1), a.ptr(2), a.ptr(3)], timeout, (st) =>
        tvAddr ? writeTimespec(ctx, tvAddr, remaining(ctx, st), true) : 0);
    },
    interrupted: (ctx, a) => writeTimeLeft(ctx, a.ptr(4), true),
  },
  {
    name: 'pselect6', eintrAlways: true, numbers: numbersOf('pselect6'), classes: ['desc'],
    args: [{ name: 'nfds', type: 'int' }, { name: 'readfds', type: 'ptr' }, { name: 'writefds', type: 'ptr' }, { name: 'exceptfds', type: 'ptr' }, { name: 'timeout', type: 'timespec' }, { name: 'sigmask', type: 'ptr' }],
    handler(ctx, a) {
      const tsAddr = a.ptr(4);
      const timeout = readTimespec(ctx, tsAddr);
      if (typeof timeout === 'number') return timeout;
      return doSelect(ctx, a.int(0), [a.ptr(1), a.ptr(2), a.ptr(3)], timeout, (st) =>
        tsAddr ? writeTimespec(ctx, tsAddr, remaining(ctx, st)) : 0);
    },
    interrupted: (ctx, a) => writeTimeLeft(ctx, a.ptr(4), false),
  },
];
