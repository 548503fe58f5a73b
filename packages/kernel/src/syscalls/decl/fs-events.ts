// Event files: epoll (epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait,
// epoll_pwait2), eventfd/eventfd2, timerfd_create/settime/gettime (and i386's *_time64 forms),
// signalfd/signalfd4, memfd_create. The files themselves live in ../../events/ (a file per kind); this file
// checks the arguments in the order Linux does (fs/eventpoll.c, fs/eventfd.c, fs/timerfd.c,
// fs/signalfd.c) and moves structs between user memory and the kernel:
// - struct epoll_event is {u32 events; u64 data} packed to 12 bytes on x86-64 and i386
//   (__EPOLL_PACKED in include/uapi/linux/eventpoll.h) and 16 bytes on arm64 (data at 8);
// - struct itimerspec is {it_interval, it_value}, two timespecs of longs (4-byte words on i386,
//   64-bit in timerfd_*time64);
// - sigsets are 8 bytes (sizemask/sigsetsize must say 8: EINVAL otherwise).
// arm64 has only the newer calls (epoll_create1, epoll_pwait, eventfd2, signalfd4: the
// asm-generic table leaves out epoll_create, epoll_wait, eventfd, signalfd).
// epoll_pwait/epoll_pwait2 wait under their signal mask as sigsuspend does (the handler of the
// signal that ends the wait runs before the old mask is back). EPOLLWAKEUP is accepted and has
// no effect.

import type { SyscallContext } from '../context.js';
import { blocked, isBlocked, type Blocked, type SyscallAbi, type SyscallDecl } from '../types.js';
import { numbersOf } from '../numbers.js';
import { getWords, putWords } from '../uaccess.js';
import { EBADF, EEXIST, EFAULT, EINTR, EINVAL, ELOOP, ENOENT, ENOSYS, EPERM } from '../../vfs/errno.js';
import { restoreSavedSigmask, setSavedSigmask } from '../../signal/restart.js';
import { defaultAction, sigBit, UNBLOCKABLE } from '../../signal/signals.js';
import { SIG_DFL, SIG_IGN } from '../../signal/actions.js';
import { O_CLOEXEC, O_NONBLOCK, O_RDWR } from '../../vfs/constants.js';
import type { OpenFile } from '../../vfs/file.js';
import { FdTable } from '../../vfs/fd-table.js';
import { hasKernelFileSystem } from '../../fs/kernel-fs.js';
import { consoleOps } from '../../drivers/console.js';
import { anonInodeFsOf } from '../../events/anon-inode.js';
import {
  Epoll, epollOf, epollOps, wouldLoop, EPOLL_CLOEXEC, EPOLL_CTL_ADD, EPOLL_CTL_DEL, EPOLL_CTL_MOD, EPOLLERR, EPOLLEXCLUSIVE,
  EPOLLEXCLUSIVE_OK_BITS, EPOLLHUP, type EpollEvent,
} from '../../events/epoll.js';
import { EFD_FLAGS_SET, EFD_SEMAPHORE, EventCounter, eventfdOps } from '../../events/eventfd.js';
import { isAlarmClock, TFD_CREATE_FLAGS, TFD_SETTIME_FLAGS, TFD_TIMER_ABSTIME, TIMERFD_CLOCKS, TimerFd, timerfdOps } from '../../events/timerfd.js';
import { SFD_CLOEXEC, SFD_NONBLOCK, SignalFd, signalfdOps, signalfdWaitOf } from '../../events/signalfd.js';
import { createMemfd, MFD_ALL_FLAGS, MFD_CLOEXEC, MFD_EXEC, MFD_HUGE_BITS, MFD_HUGETLB, MFD_NAME_MAX_LEN, MFD_NOEXEC_SEAL } from '../../events/memfd.js';
import { filesOf, kfsOf } from './fs-common.js';

const NSEC = 1_000_000_000n;
const INT_MAX = 0x7fffffff;
/** sizeof(sigset_t) as the kernel wants it in sigsetsize / sizemask. */
const SIGSET_SIZE = 8;

/** The highest user address + 1 (TASK_SIZE): access_ok's limit. x86-64 4-level paging
 *  0x7ffffffff000, arm64 48-bit VA, i386 tasks on a 64-bit kernel 0xffffe000 (IA32_PAGE_OFFSET). */
function taskSize(abi: SyscallAbi): number {
  return abi === 'x86_64' ? 0x7ffffffff000 : abi === 'arm64' ? 2 ** 48 : 0xffffe000;
}

/** access_ok(addr, size): the range lies below TASK_SIZE (whether it is mapped is found later). */
function accessOk(abi: SyscallAbi, addr: number, size: number): boolean {
  return addr >= 0 && addr + size <= taskSize(abi);
}

/** Installs a new anonymous file at the lowest free fd. */
function install(ctx: SyscallContext, file: OpenFile, cloexec: boolean): number {
  const fd = filesOf(ctx).alloc(file, cloexec);
  if (fd < 0) file.ops.release?.(file);
  return fd;
}

function openAnon(ctx: SyscallContext, kind: string, ops: OpenFile['ops'], priv: unknown, flags: number): OpenFile {
  return anonInodeFsOf(kfsOf(ctx)).open(kind, ops, priv, flags);
}

// ---------------------------------------------------------------- epoll

/** sizeof(struct epoll_event) on the ABI. */
export function epollEventSize(abi: SyscallAbi): 12 | 16 {
  return abi === 'arm64' ? 16 : 12;
}

function readEpollEvent(ctx: SyscallContext, addr: number): EpollEvent | null {
  const size = epollEventSize(ctx.abi);
  const raw = addr < 0 ? null : ctx.mem.read(addr, size);
  if (!raw) return null;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return { events: v.getUint32(0, true), data: v.getBigUint64(size === 16 ? 8 : 4, true) };
}

function encodeEpollEvent(abi: SyscallAbi, ev: EpollEvent): Uint8Array {
  const size = epollEventSize(abi);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, ev.events >>> 0, true);
  v.setBigUint64(size === 16 ? 8 : 4, ev.data, true);
  return out;
}

/** file_can_poll: the target must have a poll method (regular files, directories and
 *  /dev/null do not: EPERM). The console over a host terminal or pipe stands for a tty or pipe,
 *  which can be polled (always ready here); over a host file or /dev/null it cannot. */
function canPoll(file: OpenFile): boolean {
  return typeof file.ops.poll === 'function' || file.ops === consoleOps;
}

function createEpoll(ctx: SyscallContext, flags: number): number {
  if (flags & ~EPOLL_CLOEXEC) return -EINVAL;
  const ep = new Epoll(ctx.kernel.clock);
  return install(ctx, openAnon(ctx, '[eventpoll]', epollOps, ep, O_RDWR), (flags & EPOLL_CLOEXEC) !== 0);
}

function epollCtl(ctx: SyscallContext, epfd: number, op: number, fd: number, eventAddr: number): number {
  // ep_op_has_event: every op but DEL copies the event first.
  let ev: EpollEvent = { events: 0, data: 0n };
  if (op !== EPOLL_CTL_DEL) {
    const read = readEpollEvent(ctx, eventAddr);
    if (!read) return -EFAULT;
    ev = read;
  }
  const files = filesOf(ctx);
  const epFile = files.get(epfd);
  if (!epFile) return -EBADF;
  const target = files.get(fd);
  if (!target) return -EBADF;
  if (!canPoll(target)) return -EPERM;
  const ep = epollOf(epFile);
  if (!ep || epFile === target) return -EINVAL;
  if (op !== EPOLL_CTL_DEL && ev.events & EPOLLEXCLUSIVE) {
    if (op === EPOLL_CTL_MOD) return -EINVAL;
    if (op === EPOLL_CTL_ADD && (epollOf(target) || ev.events & ~EPOLLEXCLUSIVE_OK_BITS)) return -EINVAL;
  }
  const nested = epollOf(target);
  if (op === EPOLL_CTL_ADD && nested && wouldLoop(ep, nested)) return -ELOOP;
  const item = ep.find(target, fd);
  switch (op) {
    case EPOLL_CTL_ADD:
      if (item) return -EEXIST;
      ep.insert(target, fd, (ev.events | EPOLLERR | EPOLLHUP) >>> 0, ev.data);
      return 0;
    case EPOLL_CTL_DEL:
      if (!item) return -ENOENT;
      ep.remove(item);
      return 0;
    case EPOLL_CTL_MOD:
      if (!item) return -ENOENT;
      if (item.events & EPOLLEXCLUSIVE) return -EINVAL;
      ep.modify(item, (ev.events | EPOLLERR | EPOLLHUP) >>> 0, ev.data);
      return 0;
    default:
      return -EINVAL;
  }
}

/** Between runs of a sleeping epoll_wait: when it gives up (null: never), and whether
 *  epoll_pwait installed a temporary signal mask. */
interface EpollWaitState {
  kind: 'epoll_wait';
  deadline: bigint | null;
  masked: boolean;
}

/** ep_poll: events first, then a zero timeout or a passed deadline (0), then a signal the caller
 *  would take (`interrupt`: -EINTR), then sleep. */
function epollWait(
  ctx: SyscallContext, epfd: number, eventsAddr: number, maxevents: number, timeoutNs: bigint | null,
  masked = false, interrupt?: () => boolean,
): number | Blocked {
  const size = epollEventSize(ctx.abi);
  // EP_MAX_EVENTS = INT_MAX / sizeof(struct epoll_event).
  if (maxevents <= 0 || maxevents > Math.floor(INT_MAX / size)) return -EINVAL;
  if (!accessOk(ctx.abi, eventsAddr, maxevents * size)) return -EFAULT;
  const file = filesOf(ctx).get(epfd);
  if (!file) return -EBADF;
  const ep = epollOf(file);
  if (!ep) return -EINVAL;
  const now = ctx.kernel.clock.monotonicNs();
  const prior = ctx.thread.restartState as EpollWaitState | null;
  const st: EpollWaitState =
    prior && prior.kind === 'epoll_wait' ? prior : { kind: 'epoll_wait', deadline: timeoutNs === null ? null : now + timeoutNs, masked };
  ctx.thread.restartState = st;
  const n = ep.sendEvents(maxevents, (ev, i) => ctx.mem.write(eventsAddr + i * size, encodeEpollEvent(ctx.abi, ev)));
  if (n === 'fault' || n > 0 || (st.deadline !== null && now >= st.deadline)) {
    ctx.thread.restartState = null;
    return n === 'fault' ? -EFAULT : n;
  }
  if (interrupt?.()) {
    ctx.thread.restartState = null;
    return -EINTR;
  }
  let deadline = st.deadline;
  const timed = ep.nextDeadline();
  if (timed !== undefined && (deadline === null || timed < deadline)) deadline = timed;
  return deadline === null ? blocked(ep.wait) : blocked(ep.wait, deadline);
}

/** Whether a pending signal the thread's (temporary) mask lets through would end a sleep: one
 *  with a handler, or one whose default action kills (signal_pending, for what get_signal then
 *  acts on). */
function signalWaiting(ctx: SyscallContext): boolean {
  const t = ctx.thread;
  for (const s of [...t.pendingSignals, ...t.process.pendingSignals]) {
    const bit = sigBit(s.signo);
    if (t.sigmask & bit && !(bit & UNBLOCKABLE)) continue;
    const h = t.process.signalActions.get(s.signo).handler;
    if (h === SIG_IGN) continue;
    if (h !== SIG_DFL) return true;
    const def = defaultAction(s.signo);
    if (def === 'term' || def === 'core') return true;
  }
  return false;
}

/** epoll_pwait / epoll_pwait2 (set_user_sigmask, restore_saved_sigmask_unless): a non-NULL mask
 *  (sigsetsize 8, else EINVAL; unreadable: EFAULT) replaces the thread's for the wait. It goes
 *  back when the call returns anything but EINTR; after EINTR it goes back when the signal is
 *  delivered, so the handler's frame saves it (as rt_sigsuspend's, signal/restart.ts). */
function epollPwait(ctx: SyscallContext, epfd: number, eventsAddr: number, maxevents: number, timeoutNs: bigint | null, maskAddr: number, maskSize: number): number | Blocked {
  const t = ctx.thread;
  const prior = t.restartState as EpollWaitState | null;
  let masked = prior !== null && prior.kind === 'epoll_wait' && prior.masked;
  if ((prior === null || prior.kind !== 'epoll_wait') && maskAddr !== 0) {
    if (maskSize !== SIGSET_SIZE) return -EINVAL;
    const w = maskAddr < 0 ? null : getWords(ctx.mem, maskAddr, 1, 8);
    if (!w) return -EFAULT;
    setSavedSigmask(t, t.sigmask);
    t.sigmask = w[0]! & ~UNBLOCKABLE;
    masked = true;
  }
  const r = epollWait(ctx, epfd, eventsAddr, maxevents, timeoutNs, masked, masked ? () => signalWaiting(ctx) : undefined);
  if (masked && !isBlocked(r) && r !== -EINTR) restoreSavedSigmask(t);
  return r;
}

/** A timespec timeout (epoll_pwait2: always 64-bit): ns, null for NULL, or -errno. */
function readTimeout64(ctx: SyscallContext, addr: number): bigint | null | number {
  if (addr === 0) return null;
  const w = addr < 0 ? null : getWords(ctx.mem, addr, 2, 8);
  if (!w) return -EFAULT;
  const sec = BigInt.asIntN(64, w[0]!);
  const nsec = BigInt.asIntN(64, w[1]!);
  if (sec < 0n || nsec < 0n || nsec >= NSEC) return -EINVAL;
  return sec * NSEC + nsec;
}

const msTimeout = (ms: number): bigint | null => (ms < 0 ? null : BigInt(ms) * 1_000_000n);

// ---------------------------------------------------------------- eventfd

function createEventfd(ctx: SyscallContext, initval: number, flags: number): number {
  if (flags & ~EFD_FLAGS_SET) return -EINVAL;
  const ctr = new EventCounter(initval, (flags & EFD_SEMAPHORE) !== 0);
  return install(ctx, openAnon(ctx, '[eventfd]', eventfdOps, ctr, O_RDWR | (flags & O_NONBLOCK)), (flags & O_CLOEXEC) !== 0);
}

// ---------------------------------------------------------------- timerfd

/** Reads a struct itimerspec ({it_interval, it_value}) of `word`-byte fields: 'fault' or
 *  'invalid' (a negative tv_sec or a tv_nsec outside [0, 1e9): itimerspec64_valid). */
function readItimerspec(ctx: SyscallContext, addr: number, word: 4 | 8): { intervalNs: bigint; valueNs: bigint } | 'fault' | 'invalid' {
  const w = addr < 0 ? null : getWords(ctx.mem, addr, 4, word);
  if (!w) return 'fault';
  const s = w.map((x) => (word === 8 ? BigInt.asIntN(64, x) : BigInt.asIntN(32, x)));
  const [isec, insec, vsec, vnsec] = s as [bigint, bigint, bigint, bigint];
  if (isec < 0n || insec < 0n || insec >= NSEC || vsec < 0n || vnsec < 0n || vnsec >= NSEC) return 'invalid';
  return { intervalNs: isec * NSEC + insec, valueNs: vsec * NSEC + vnsec };
}

function writeItimerspec(ctx: SyscallContext, addr: number, word: 4 | 8, spec: { intervalNs: bigint; valueNs: bigint }): boolean {
  return addr >= 0 && putWords(ctx.mem, addr, [spec.intervalNs / NSEC, spec.intervalNs % NSEC, spec.valueNs / NSEC, spec.valueNs % NSEC], word);
}

function timerOf(ctx: SyscallContext, fd: number): TimerFd | number {
  const file = filesOf(ctx).get(fd);
  if (!file) return -EBADF;
  return file.ops === timerfdOps && file.priv instanceof TimerFd ? file.priv : -EINVAL;
}

function timerfdCreate(ctx: SyscallContext, clockid: number, flags: number): number {
  if (flags & ~TFD_CREATE_FLAGS || !TIMERFD_CLOCKS.includes(clockid)) return -EINVAL;
  // CAP_WAKE_ALARM: held by euid 0 in this kernel.
  if (isAlarmClock(clockid) && !ctx.process.creds.privileged) return -EPERM;
  const timer = new TimerFd(ctx.kernel.clock, clockid);
  return install(ctx, openAnon(ctx, '[timerfd]', timerfdOps, timer, O_RDWR | (flags & O_NONBLOCK)), (flags & O_CLOEXEC) !== 0);
}

function timerfdSettime(ctx: SyscallContext, fd: number, flags: number, newAddr: number, oldAddr: number, word: 4 | 8): number {
  const spec = readItimerspec(ctx, newAddr, word);
  if (spec === 'fault') return -EFAULT;
  if (flags & ~TFD_SETTIME_FLAGS || spec === 'invalid') return -EINVAL;
  const timer = timerOf(ctx, fd);
  if (typeof timer === 'number') return timer;
  const old = timer.current();
  timer.set(spec, (flags & TFD_TIMER_ABSTIME) !== 0);
  if (oldAddr !== 0 && !writeItimerspec(ctx, oldAddr, word, old)) return -EFAULT;
  return 0;
}

function timerfdGettime(ctx: SyscallContext, fd: number, curAddr: number, word: 4 | 8): number {
  const timer = timerOf(ctx, fd);
  if (typeof timer === 'number') return timer;
  return writeItimerspec(ctx, curAddr, word, timer.current()) ? 0 : -EFAULT;
}

// ---------------------------------------------------------------- signalfd

function signalfd4(ctx: SyscallContext, ufd: number, maskAddr: number, sizemask: number, flags: number): number {
  if (sizemask !== SIGSET_SIZE) return -EINVAL;
  const w = maskAddr < 0 ? null : getWords(ctx.mem, maskAddr, 1, 8);
  if (!w) return -EFAULT;
  if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK)) return -EINVAL;
  const mask = w[0]!;
  if (ufd === -1) {
    const kernel = ctx.kernel;
    const sfd = new SignalFd(mask, ctx.thread, () => kernel.scheduler.current);
    return install(ctx, openAnon(ctx, '[signalfd]', signalfdOps, sfd, O_RDWR | (flags & O_NONBLOCK)), (flags & O_CLOEXEC) !== 0);
  }
  const file = filesOf(ctx).get(ufd);
  if (!file) return -EBADF;
  if (file.ops !== signalfdOps || !(file.priv instanceof SignalFd)) return -EINVAL;
  file.priv.mask = SignalFd.usable(mask);
  signalfdWaitOf(ctx.process).wakeAll();
  return ufd;
}

// ---------------------------------------------------------------- memfd_create

function memfdCreate(ctx: SyscallContext, nameAddr: number, flags: number): number {
  const allowed = flags & MFD_HUGETLB ? MFD_ALL_FLAGS | MFD_HUGE_BITS : MFD_ALL_FLAGS;
  if ((flags & ~allowed) !== 0) return -EINVAL;
  if (flags & MFD_EXEC && flags & MFD_NOEXEC_SEAL) return -EINVAL;
  // strnlen_user(name, MFD_NAME_MAX_LEN + 1): EFAULT when unreadable, EINVAL when too long.
  const name = nameAddr < 0 ? null : ctx.mem.readCString(nameAddr, MFD_NAME_MAX_LEN + 1);
  if (name === null) return -EFAULT;
  if (name === 'toolong') return -EINVAL;
  const creds = ctx.process.creds;
  const file = createMemfd(kfsOf(ctx), Buffer.from(name).toString('latin1'), flags, { uid: creds.fsuid, gid: creds.fsgid });
  return install(ctx, file, (flags & MFD_CLOEXEC) !== 0);
}

// ---------------------------------------------------------------- declarations

const epollEventArgs = [
  { name: 'epfd', type: 'fd' },
  { name: 'events', type: 'epollevents' },
  { name: 'maxevents', type: 'int' },
] as const;

const declared: SyscallDecl[] = [
  {
    name: 'epoll_create', numbers: numbersOf('epoll_create'), classes: ['desc'], ret: 'fd',
    args: [{ name: 'size', type: 'int' }],
    handler: (ctx, a) => (a.int(0) <= 0 ? -EINVAL : createEpoll(ctx, 0)),
  },
  {
    name: 'epoll_create1', numbers: numbersOf('epoll_create1'), classes: ['desc'], ret: 'fd',
    args: [{ name: 'flags', type: 'epollflags' }],
    handler: (ctx, a) => createEpoll(ctx, a.int(0)),
  },
  {
    name: 'epoll_ctl', numbers: numbersOf('epoll_ctl'), classes: ['desc'],
    args: [{ name: 'epfd', type: 'fd' }, { name: 'op', type: 'epollctlop' }, { name: 'fd', type: 'fd' }, { name: 'event', type: 'epollevent' }],
    handler: (ctx, a) => epollCtl(ctx, a.int(0), a.int(1), a.int(2), a.ptr(3)),
  },
  {
    name: 'epoll_wait', eintrAlways: true, numbers: numbersOf('epoll_wait'), classes: ['desc'],
    args: [...epollEventArgs, { name: 'timeout', type: 'int' }],
    handler: (ctx, a) => epollWait(ctx, a.int(0), a.ptr(1), a.int(2), msTimeout(a.int(3))),
  },
  {
    name: 'epoll_pwait', eintrAlways: true, numbers: numbersOf('epoll_pwait'), classes: ['desc'],
    args: [...epollEventArgs, { name: 'timeout', type: 'int' }, { name: 'sigmask', type: 'sizedsigset', len: 5 }, { name: 'sigsetsize', type: 'uint' }],
    handler: (ctx, a) => epollPwait(ctx, a.int(0), a.ptr(1), a.int(2), msTimeout(a.int(3)), a.ptr(4), a.size(5)),
  },
  {
    // The timeout is a struct timespec (64-bit on every ABI); strace prints it at exit, as an
    // address when the call failed (hence 'outtimespec').
    name: 'epoll_pwait2', eintrAlways: true, numbers: numbersOf('epoll_pwait2'), classes: ['desc'],
    args: [...epollEventArgs, { name: 'timeout', type: 'outtimespec' }, { name: 'sigmask', type: 'sizedsigset', len: 5 }, { name: 'sigsetsize', type: 'uint' }],
    handler(ctx, a) {
      const timeout = ctx.thread.restartState ? null : readTimeout64(ctx, a.ptr(3));
      if (typeof timeout === 'number') return timeout;
      return epollPwait(ctx, a.int(0), a.ptr(1), a.int(2), timeout, a.ptr(4), a.size(5));
    },
  },
  {
    name: 'eventfd', numbers: numbersOf('eventfd'), classes: ['desc'], ret: 'fd',
    args: [{ name: 'initval', type: 'uint' }],
    handler: (ctx, a) => createEventfd(ctx, a.int(0), 0),
  },
  {
    name: 'eventfd2', numbers: numbersOf('eventfd2'), classes: ['desc'], ret: 'fd',
    args: [{ name: 'initval', type: 'uint' }, { name: 'flags', type: 'efdflags' }],
    handler: (ctx, a) => createEventfd(ctx, a.int(0), a.int(1)),
  },
  {
    name: 'timerfd_create', numbers: numbersOf('timerfd_create'), classes: ['desc'], ret: 'fd',
    args: [{ name: 'clockid', type: 'clockid' }, { name: 'flags', type: 'tfdflags' }],
    handler: (ctx, a) => timerfdCreate(ctx, a.int(0), a.int(1)),
  },
  {
    name: 'timerfd_settime', numbers: numbersOf('timerfd_settime'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'flags', type: 'tfdsetflags' }, { name: 'new_value', type: 'itimerspec' }, { name: 'old_value', type: 'outitimerspec' }],
    handler: (ctx, a) => timerfdSettime(ctx, a.int(0), a.int(1), a.ptr(2), a.ptr(3), ctx.abi === 'i386' ? 4 : 8),
  },
  {
    name: 'timerfd_gettime', numbers: numbersOf('timerfd_gettime'), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'curr_value', type: 'outitimerspec' }],
    handler: (ctx, a) => timerfdGettime(ctx, a.int(0), a.ptr(1), ctx.abi === 'i386' ? 4 : 8),
  },
  {
    // i386's 64-bit-time forms (y2038): struct __kernel_itimerspec.
    name: 'timerfd_settime64', numbers: numbersOf('timerfd_settime64', { x86_64: null, arm64: null }), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'flags', type: 'tfdsetflags' }, { name: 'new_value', type: 'itimerspec' }, { name: 'old_value', type: 'outitimerspec' }],
    handler: (ctx, a) => timerfdSettime(ctx, a.int(0), a.int(1), a.ptr(2), a.ptr(3), 8),
  },
  {
    name: 'timerfd_gettime64', numbers: numbersOf('timerfd_gettime64', { x86_64: null, arm64: null }), classes: ['desc'],
    args: [{ name: 'fd', type: 'fd' }, { name: 'curr_value', type: 'outitimerspec' }],
    handler: (ctx, a) => timerfdGettime(ctx, a.int(0), a.ptr(1), 8),
  },
  {
    name: 'signalfd', numbers: numbersOf('signalfd'), classes: ['desc', 'signal'], ret: 'fd',
    args: [{ name: 'fd', type: 'fd' }, { name: 'mask', type: 'sizedsigset', len: 2 }, { name: 'sizemask', type: 'uint' }],
    handler: (ctx, a) => signalfd4(ctx, a.int(0), a.ptr(1), a.size(2), 0),
  },
  {
    name: 'signalfd4', numbers: numbersOf('signalfd4'), classes: ['desc', 'signal'], ret: 'fd',
    args: [{ name: 'fd', type: 'fd' }, { name: 'mask', type: 'sizedsigset', len: 2 }, { name: 'sizemask', type: 'uint' }, { name: 'flags', type: 'sfdflags' }],
    handler: (ctx, a) => signalfd4(ctx, a.int(0), a.ptr(1), a.size(2), a.int(3)),
  },
  {
    name: 'memfd_create', numbers: numbersOf('memfd_create'), classes: ['desc'], ret: 'fd',
    args: [{ name: 'name', type: 'cstring' }, { name: 'flags', type: 'mfdflags' }],
    handler: (ctx, a) => memfdCreate(ctx, a.ptr(0), a.int(1) >>> 0),
  },
];

/** Without a file system attached the calls answer ENOSYS (as decl/fs.ts does for the others). */
export const syscalls: readonly SyscallDecl[] = declared.map((decl) => ({
  ...decl,
  handler(ctx, args) {
    if (!hasKernelFileSystem(ctx.kernel) || !(ctx.process.files instanceof FdTable)) return -ENOSYS;
    return decl.handler(ctx, args);
  },
}));
