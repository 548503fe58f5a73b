// signalfd (fs/signalfd.c, signalfd(2)): a file that hands out pending signals as 128-byte
// struct signalfd_siginfo records instead of running handlers. The file holds a set of signals
// (SIGKILL and SIGSTOP are silently dropped from it); read(2) dequeues the reader's pending
// signals in that set — the thread's own queue first, then the process's, in the order normal
// delivery takes them (signal/pending.ts) — as many as fit in the buffer (at least one record:
// a shorter buffer is EINVAL). With none pending a read blocks (EAGAIN with SFD_NONBLOCK) until
// one arrives; poll reports EPOLLIN while one is pending. The signals are meant to be blocked
// with sigprocmask, or normal delivery takes them first.
//
// Linux wakes signalfd readers from the signal sender (signalfd_notify in kernel/signal.c →
// sighand->signalfd_wqh): `notifySignalfd(process)` is that hook, called by Kernel.sendSignal.

import { blocked, type Blocked } from '../syscalls/types.js';
import { POLLIN, type FileOps, type OpenFile, type PollState } from '../vfs/file.js';
import { EAGAIN, EFAULT, EINVAL } from '../vfs/errno.js';
import { O_NONBLOCK } from '../vfs/constants.js';
import { SimpleWaitQueue } from '../vfs/wait-queue.js';
import type { Process, Thread } from '../process/process.js';
import type { SigInfo } from '../signal/siginfo.js';
import { SiCode } from '../signal/siginfo.js';
import { nextSignalIndex } from '../signal/pending.js';
import { Sig, sigBit } from '../signal/signals.js';

/** include/uapi/linux/signalfd.h: SFD_CLOEXEC / SFD_NONBLOCK are O_CLOEXEC / O_NONBLOCK. */
export const SFD_CLOEXEC = 0o2000000;
export const SFD_NONBLOCK = 0o4000;
/** sizeof(struct signalfd_siginfo), the same on every ABI. */
export const SIGNALFD_SIGINFO_SIZE = 128;
const ALL_SIGNALS = (1n << 64n) - 1n;

/** The wait queue signalfd readers of a process sleep on (sighand->signalfd_wqh). */
const signalfdWaits = new WeakMap<Process, SimpleWaitQueue>();

export function signalfdWaitOf(process: Process): SimpleWaitQueue {
  let q = signalfdWaits.get(process);
  if (!q) {
    q = new SimpleWaitQueue();
    signalfdWaits.set(process, q);
  }
  return q;
}

/** signalfd_notify: a signal was queued for `process` (or one of its threads). */
export function notifySignalfd(process: Process): void {
  signalfdWaits.get(process)?.wakeAll();
}

export class SignalFd {
  /** The signals this file hands out (never SIGKILL or SIGSTOP). */
  mask: bigint;

  constructor(
    mask: bigint,
    /** The thread that made it: poll looks at its pending signals when no reader is known. */
    readonly owner: Thread,
    /** Who is running now (the scheduler's current thread), for poll. */
    private readonly currentThread: () => Thread | null,
  ) {
    this.mask = SignalFd.usable(mask);
  }

  static usable(mask: bigint): bigint {
    return mask & ~(sigBit(Sig.SIGKILL) | sigBit(Sig.SIGSTOP));
  }

  /** The thread whose signals poll reports: the caller of poll/epoll_wait when it belongs to
   *  the same process (Linux polls `current`), else the creator. */
  pollThread(): Thread {
    const cur = this.currentThread();
    return cur && cur.process === this.owner.process ? cur : this.owner;
  }

  /** Takes the next pending signal of `thread` in the mask (dequeue_signal with the inverted
   *  mask), or undefined. */
  dequeue(thread: Thread): SigInfo | undefined {
    const blockedSet = ~this.mask & ALL_SIGNALS;
    for (const list of [thread.pendingSignals, thread.process.pendingSignals]) {
      const i = nextSignalIndex(list, blockedSet);
      // nextSignalIndex lets SIGKILL/SIGSTOP through whatever the mask: they are never ours.
      if (i >= 0 && this.mask & sigBit(list[i]!.signo)) return list.splice(i, 1)[0];
    }
    return undefined;
  }

  hasPending(thread: Thread): boolean {
    const blockedSet = ~this.mask & ALL_SIGNALS;
    for (const list of [thread.pendingSignals, thread.process.pendingSignals]) {
      const i = nextSignalIndex(list, blockedSet);
      if (i >= 0 && this.mask & sigBit(list[i]!.signo)) return true;
    }
    return false;
  }
}

/** Optional fields a queued signal may carry (sigqueue's value, a POSIX timer's id/overrun). */
type RichSigInfo = SigInfo & { value?: bigint | number; tid?: number; overrun?: number; utime?: bigint; stime?: bigint };

const FAULT_SIGNALS = new Set<number>([Sig.SIGSEGV, Sig.SIGBUS, Sig.SIGILL, Sig.SIGFPE, Sig.SIGTRAP]);

/** struct signalfd_siginfo (include/uapi/linux/signalfd.h), filled as signalfd_copyinfo does
 *  per siginfo layout (kernel/signal.c siginfo_layout): a kernel fault → ssi_addr; SIGCHLD →
 *  pid, uid, status; a POSIX timer (SI_TIMER) → tid, overrun, int, ptr; other negative codes
 *  (sigqueue, tkill) → pid, uid, int, ptr; kill → pid, uid. */
export function encodeSignalfdSiginfo(info: SigInfo): Uint8Array {
  const rich = info as RichSigInfo;
  const out = new Uint8Array(SIGNALFD_SIGINFO_SIZE);
  const v = new DataView(out.buffer);
  v.setUint32(0, info.signo, true);
  v.setInt32(4, info.errno ?? 0, true);
  v.setInt32(8, info.code, true);
  const value = rich.value === undefined ? 0n : BigInt.asUintN(64, BigInt(rich.value));
  const kernelCode = info.code > SiCode.SI_USER && info.code < SiCode.SI_KERNEL;
  if (kernelCode && FAULT_SIGNALS.has(info.signo)) {
    v.setBigUint64(72, BigInt.asUintN(64, info.addr ?? 0n), true);
  } else if (kernelCode && info.signo === Sig.SIGCHLD) {
    v.setUint32(12, info.pid ?? 0, true);
    v.setUint32(16, info.uid ?? 0, true);
    v.setInt32(40, info.status ?? 0, true);
    v.setBigUint64(56, BigInt.asUintN(64, rich.utime ?? 0n), true);
    v.setBigUint64(64, BigInt.asUintN(64, rich.stime ?? 0n), true);
  } else if (info.code === SiCode.SI_TIMER) {
    v.setUint32(24, rich.tid ?? 0, true);
    v.setUint32(32, rich.overrun ?? 0, true);
    v.setInt32(44, Number(BigInt.asIntN(32, value)), true);
    v.setBigUint64(48, value, true);
  } else {
    v.setUint32(12, info.pid ?? 0, true);
    v.setUint32(16, info.uid ?? 0, true);
    if (info.code < 0) {
      v.setInt32(44, Number(BigInt.asIntN(32, value)), true);
      v.setBigUint64(48, value, true);
    }
  }
  return out;
}

const signalfdOf = (file: OpenFile): SignalFd => file.priv as SignalFd;

export const signalfdOps: FileOps = {
  seekable: false,
  /** noop_llseek (fs/read_write.c): lseek succeeds and returns the position, which stays 0;
   *  pread/pwrite are still ESPIPE. */
  llseek: (file) => file.offset,

  read(file, len, _pos, sink, caller): number | Blocked {
    const sfd = signalfdOf(file);
    const count = Math.floor(len / SIGNALFD_SIGINFO_SIZE);
    if (count === 0) return -EINVAL;
    const thread = caller.thread ?? sfd.owner;
    const first = sfd.dequeue(thread);
    if (!first) {
      if (file.flags & O_NONBLOCK) return -EAGAIN;
      return blocked(signalfdWaitOf(thread.process));
    }
    const infos = [first];
    while (infos.length < count) {
      const next = sfd.dequeue(thread);
      if (!next) break;
      infos.push(next);
    }
    const out = new Uint8Array(infos.length * SIGNALFD_SIGINFO_SIZE);
    infos.forEach((info, i) => out.set(encodeSignalfdSiginfo(info), i * SIGNALFD_SIGINFO_SIZE));
    const stored = sink(out);
    const whole = Math.floor(stored / SIGNALFD_SIGINFO_SIZE) * SIGNALFD_SIGINFO_SIZE;
    return whole > 0 ? whole : -EFAULT;
  },

  poll(file): PollState {
    const sfd = signalfdOf(file);
    const thread = sfd.pollThread();
    return { mask: sfd.hasPending(thread) ? POLLIN : 0, queues: [signalfdWaitOf(thread.process)] };
  },
};
