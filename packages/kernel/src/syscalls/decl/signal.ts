// Signal syscalls: kill, tkill, tgkill, rt_sigaction, rt_sigprocmask, rt_sigpending.
// Rules from kernel/signal.c (kill_something_info, do_tkill, do_sigaction, sigprocmask) and
// kill(2)/tgkill(2)/sigaction(2); error cases measured on the build machine (facts §7.2 #26 and
// the probe in this package's tests).
//
// struct sigaction as the kernel reads it (x86-64 and arm64 both define SA_RESTORER):
// {handler u64, flags u64, restorer u64, mask u64} = 32 bytes; i386 (compat):
// {handler u32, flags u32, restorer u32, mask u32[2]} = 20 bytes. sigsetsize must be 8.

import { errno } from '../errno.js';
import { numbersOf } from '../numbers.js';
import { blocked, type SyscallDecl } from '../types.js';
import type { SyscallContext } from '../context.js';
import { getWords, putWords } from '../uaccess.js';
import { SIG_IGN, SIG_DFL } from '../../signal/actions.js';
import { defaultAction, isValidSignal, NSIG, sigBit, UNBLOCKABLE } from '../../signal/signals.js';
import { SiCode, type SigInfo } from '../../signal/siginfo.js';
import { encodeSigInfo, SIGINFO_SIZE } from '../../signal/siginfo-layout.js';
import { nextSignalIndex } from '../../signal/pending.js';
import { ERESTARTNOHAND, noteInterruptedSyscall, setSavedSigmask } from '../../signal/restart.js';
import { changeAltStack, reportedAltStack } from '../../signal/altstack.js';
import type { Process } from '../../process/process.js';

const SIGSET_SIZE = 8;

/** May `sender` signal `target`? (kernel/signal.c kill_ok_by_cred: root, or matching uids). */
function maySignal(sender: Process, target: Process): boolean {
  const s = sender.creds;
  const t = target.creds;
  return s.euid === 0 || s.euid === t.suid || s.euid === t.uid || s.uid === t.suid || s.uid === t.uid;
}

function kill(ctx: SyscallContext, pid: number, sig: number) {
  const me = ctx.process;
  let targets: Process[];
  if (pid > 0) {
    // Any tid names its thread group (kill_pid_info → group_send_sig_info).
    const p = ctx.kernel.processes.get(pid) ?? ctx.kernel.threads.get(pid)?.process;
    targets = p ? [p] : [];
    if (targets.length === 0) return -errno.ESRCH;
  } else if (pid === -2147483648) return -errno.ESRCH;
  else if (pid === -1) {
    targets = [...ctx.kernel.processes.values()].filter((p) => p.pid > 1 && p !== me && p.state === 'alive');
    if (targets.length === 0) return -errno.ESRCH;
  } else {
    const pgid = pid === 0 ? me.pgid : -pid;
    targets = [...ctx.kernel.processes.values()].filter((p) => p.pgid === pgid);
    if (targets.length === 0) return -errno.ESRCH;
  }
  // The targets are looked up first: a bad signal number to a pid that does not exist is
  // ESRCH (kill_pid_info finds no task before group_send_sig_info checks valid_signal).
  if ((sig !== 0 && !isValidSignal(sig)) || sig < 0) return -errno.EINVAL;
  let sent = 0;
  let denied = false;
  for (const p of targets) {
    if (!maySignal(me, p)) {
      denied = true;
      continue;
    }
    sent++;
    if (sig !== 0 && p.state === 'alive') {
      ctx.kernel.sendSignal(p, { signo: sig, code: SiCode.SI_USER, pid: me.pid, uid: me.creds.uid });
    }
  }
  return sent > 0 ? 0 : denied ? -errno.EPERM : -errno.ESRCH;
}

function tkill(ctx: SyscallContext, tgid: number, tid: number, sig: number) {
  // do_tkill: tid <= 0 (and tgid <= 0 for tgkill) → EINVAL before the signal number check.
  if (tid <= 0 || (tgid !== -1 && tgid <= 0)) return -errno.EINVAL;
  // do_send_specific finds the task first (ESRCH), then check_kill_permission checks the signal.
  const t = ctx.kernel.threads.get(tid);
  if (!t || t.state === 'dead' || (tgid !== -1 && t.process.tgid !== tgid)) return -errno.ESRCH;
  if ((sig !== 0 && !isValidSignal(sig)) || sig < 0) return -errno.EINVAL;
  const me = ctx.process;
  if (!maySignal(me, t.process)) return -errno.EPERM;
  if (sig !== 0) ctx.kernel.sendSignal(t, { signo: sig, code: SiCode.SI_TKILL, pid: me.pid, uid: me.creds.uid });
  return 0;
}

function rtSigaction(ctx: SyscallContext, sig: number, actAddr: number, oldAddr: number, setsize: number) {
  if (setsize !== SIGSET_SIZE) return -errno.EINVAL;
  const compat = ctx.abi === 'i386';
  let act: { handler: bigint; flags: bigint; restorer: bigint; mask: bigint } | null = null;
  if (actAddr) {
    const w = compat ? getWords(ctx.mem, actAddr, 5, 4) : getWords(ctx.mem, actAddr, 4, 8);
    if (!w) return -errno.EFAULT;
    act = compat
      ? { handler: w[0]!, flags: w[1]!, restorer: w[2]!, mask: w[3]! | (w[4]! << 32n) }
      : { handler: w[0]!, flags: w[1]!, restorer: w[2]!, mask: w[3]! };
  }
  if (!isValidSignal(sig) || (act && sigBit(sig) & UNBLOCKABLE)) return -errno.EINVAL;
  const actions = ctx.process.signalActions;
  const old = actions.get(sig);
  if (act) {
    act.mask &= ~UNBLOCKABLE;
    actions.set(sig, act);
    // POSIX: setting SIG_IGN (or SIG_DFL for a default-ignored signal) discards pending ones.
    if (act.handler === SIG_IGN || (act.handler === SIG_DFL && defaultAction(sig) === 'ignore')) {
      for (const list of [ctx.process.pendingSignals, ...ctx.process.threads.map((t) => t.pendingSignals)]) {
        for (let i = list.length - 1; i >= 0; i--) if (list[i]!.signo === sig) list.splice(i, 1);
      }
    }
  }
  if (oldAddr) {
    const ok = compat
      ? putWords(ctx.mem, oldAddr, [old.handler, old.flags, old.restorer, old.mask & 0xffffffffn, old.mask >> 32n], 4)
      : putWords(ctx.mem, oldAddr, [old.handler, old.flags, old.restorer, old.mask], 8);
    if (!ok) return -errno.EFAULT;
  }
  return 0;
}

function rtSigprocmask(ctx: SyscallContext, how: number, setAddr: number, oldAddr: number, setsize: number) {
  if (setsize !== SIGSET_SIZE) return -errno.EINVAL;
  const t = ctx.thread;
  const old = t.sigmask;
  if (setAddr) {
    const w = getWords(ctx.mem, setAddr, 1, 8);
    if (!w) return -errno.EFAULT;
    const set = w[0]! & ~UNBLOCKABLE;
    const SIG_BLOCK = 0;
    const SIG_UNBLOCK = 1;
    const SIG_SETMASK = 2;
    if (how === SIG_BLOCK) t.sigmask = old | set;
    else if (how === SIG_UNBLOCK) t.sigmask = old & ~set;
    else if (how === SIG_SETMASK) t.sigmask = set;
    else return -errno.EINVAL;
  }
  if (oldAddr && !putWords(ctx.mem, oldAddr, [old], 8)) return -errno.EFAULT;
  return 0;
}

/** sigaltstack(2) (kernel/signal.c do_sigaltstack, signal/altstack.ts): copy the new stack in
 *  (EFAULT); with one, EPERM while the thread runs on its current alternate stack (its user sp,
 *  from the arch), else validate (mode 0, SS_ONSTACK or SS_DISABLE, optionally |
 *  SS_AUTODISARM, else EINVAL; size below MINSIGSTKSZ → ENOMEM); then copy the old one out
 *  (EFAULT) with sas_ss_flags(sp): SS_ONSTACK while on it. stack_t is {sp, int flags, size} =
 *  24 bytes (12 on i386). */
function sigaltstack(ctx: SyscallContext, ssAddr: number, oldAddr: number) {
  const compat = ctx.abi === 'i386';
  const t = ctx.thread;
  const sp = ctx.kernel.options.arch?.userStackPointer?.(t) ?? 0n;
  const old = reportedAltStack(t.altStack, sp);
  if (ssAddr) {
    const w = compat ? getWords(ctx.mem, ssAddr, 3, 4) : getWords(ctx.mem, ssAddr, 3, 8);
    if (!w) return -errno.EFAULT;
    const changed = changeAltStack(t.altStack, sp, { sp: w[0]!, flags: Number(BigInt.asIntN(32, w[1]! & 0xffffffffn)), size: w[2]! });
    if ('errno' in changed) return -errno[changed.errno];
    t.altStack = changed.ok;
  }
  if (oldAddr) {
    const flags = BigInt.asUintN(32, BigInt(old.flags));
    const ok = compat ? putWords(ctx.mem, oldAddr, [old.sp, flags, old.size], 4) : putWords(ctx.mem, oldAddr, [old.sp, flags, old.size], 8);
    if (!ok) return -errno.EFAULT;
  }
  return 0;
}

// ---- waiting for signals ----

/** Whether a pending signal that `mask` lets through would end a sleep now: one with a handler,
 *  or one whose default action kills (get_signal would act on either on the way out). */
function interruptingPending(ctx: SyscallContext, mask: bigint): boolean {
  for (const s of [...ctx.thread.pendingSignals, ...ctx.process.pendingSignals]) {
    const bit = sigBit(s.signo);
    if (mask & bit && !(bit & UNBLOCKABLE)) continue;
    const h = ctx.process.signalActions.get(s.signo).handler;
    if (h === SIG_IGN) continue;
    if (h !== SIG_DFL) return true;
    const def = defaultAction(s.signo);
    if (def === 'term' || def === 'core') return true;
  }
  return false;
}

/** rt_sigsuspend(2) / i386 sigsuspend(2) (kernel/signal.c sigsuspend): the mask is replaced by
 *  `mask` (SIGKILL/SIGSTOP never blocked) and the thread sleeps until a signal it lets through
 *  is delivered; the call then fails with EINTR (-ERESTARTNOHAND) and the old mask comes back
 *  when the signal is settled (the handler's frame saves it: set_restore_sigmask). */
function sigsuspend(ctx: SyscallContext, mask: bigint, firstArg: bigint) {
  const t = ctx.thread;
  if (t.restartState === null) {
    setSavedSigmask(t, t.sigmask);
    t.sigmask = mask & ~UNBLOCKABLE;
    t.restartState = { suspended: true };
  }
  if (interruptingPending(ctx, t.sigmask)) {
    // Already pending: no sleep at all (`while (!signal_pending(current))` never loops).
    noteInterruptedSyscall(t, { code: ERESTARTNOHAND, firstArg });
    return -ERESTARTNOHAND;
  }
  return blocked(null);
}

function rtSigsuspend(ctx: SyscallContext, setAddr: number, size: number, firstArg: bigint) {
  if (ctx.thread.restartState === null) {
    if (size !== SIGSET_SIZE) return -errno.EINVAL;
    const w = getWords(ctx.mem, setAddr, 1, 8);
    if (!w) return -errno.EFAULT;
    return sigsuspend(ctx, w[0]!, firstArg);
  }
  return sigsuspend(ctx, 0n, firstArg);
}

interface TimedWait {
  set: bigint;
  deadline: bigint | null;
}

/** rt_sigtimedwait(2) (kernel/signal.c do_sigtimedwait): takes a pending signal of `set` —
 *  blocked or not, the thread's own first, in next_signal's order — without running a handler,
 *  writes its siginfo (EFAULT after it was taken) and returns its number. With none pending it
 *  sleeps until one arrives (the set counts as unblocked for the sleep: tsk->real_blocked) or
 *  the timeout runs out (EAGAIN; a zero timeout polls); another signal delivered meanwhile
 *  ends it with EINTR. Checks: sigsetsize 8 (EINVAL), the set and the timeout copied (EFAULT),
 *  the timeout valid (EINVAL). */
function rtSigtimedwait(ctx: SyscallContext, setAddr: number, infoAddr: number, tsAddr: number, size: number, layout: 'long' | 'time64') {
  const t = ctx.thread;
  let st = t.restartState as TimedWait | null;
  if (st === null) {
    if (size !== SIGSET_SIZE) return -errno.EINVAL;
    const w = getWords(ctx.mem, setAddr, 1, 8);
    if (!w) return -errno.EFAULT;
    let deadline: bigint | null = null;
    if (tsAddr) {
      const word = layout === 'time64' || ctx.abi !== 'i386' ? 8 : 4;
      const ts = getWords(ctx.mem, tsAddr, 2, word);
      if (!ts) return -errno.EFAULT;
      const sec = word === 8 ? BigInt.asIntN(64, ts[0]!) : BigInt.asIntN(32, ts[0]!);
      const nsec = word === 8 ? BigInt.asIntN(64, ts[1]!) : BigInt.asIntN(32, ts[1]!);
      if (sec < 0n || nsec < 0n || nsec >= 1_000_000_000n) return -errno.EINVAL;
      deadline = ctx.kernel.clock.monotonicNs() + sec * 1_000_000_000n + nsec;
    }
    st = { set: w[0]! & ~UNBLOCKABLE, deadline };
    t.restartState = st;
  }
  for (const list of [t.pendingSignals, ctx.process.pendingSignals]) {
    const i = nextSignalIndex(list, ~st.set);
    if (i < 0 || !(st.set & sigBit(list[i]!.signo))) continue;
    const info = list.splice(i, 1)[0]!;
    t.waitedSignals = 0n;
    if (infoAddr && !ctx.mem.write(infoAddr, encodeSigInfo(info, ctx.abi))) return -errno.EFAULT;
    return info.signo;
  }
  if (st.deadline !== null && ctx.kernel.clock.monotonicNs() >= st.deadline) {
    t.waitedSignals = 0n;
    return -errno.EAGAIN;
  }
  t.waitedSignals = st.set;
  return st.deadline === null ? blocked(null) : blocked(null, st.deadline);
}

/** The siginfo_t a sender passes to rt_sigqueueinfo / rt_tgsigqueueinfo (128 bytes, copied as
 *  is; si_code at 8, then {pid, uid, sigval} at the union: 16, or 12 on i386). */
function readUserSigInfo(ctx: SyscallContext, addr: number, signo: number): SigInfo | null {
  const raw = ctx.mem.read(addr, SIGINFO_SIZE);
  if (!raw) return null;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const u = ctx.abi === 'i386' ? 12 : 16;
  const value = ctx.abi === 'i386' ? BigInt(v.getUint32(u + 8, true)) : v.getBigUint64(u + 8, true);
  return { signo, code: v.getInt32(8, true), pid: v.getInt32(u, true), uid: v.getUint32(u + 4, true), value, raw: raw.slice() };
}

/** rt_sigqueueinfo(2) (kernel/signal.c do_rt_sigqueueinfo → kill_proc_info): the siginfo
 *  copied (EFAULT); a sender may not impersonate the kernel or kill() towards another process
 *  (si_code ≥ 0 or SI_TKILL, to a pid other than its own: EPERM — checked before the target is
 *  looked up, measured); then the target (ESRCH), the signal number (EINVAL), permission. */
function rtSigqueueinfo(ctx: SyscallContext, pid: number, sig: number, infoAddr: number) {
  const info = readUserSigInfo(ctx, infoAddr, sig);
  if (!info) return -errno.EFAULT;
  if ((info.code >= 0 || info.code === SiCode.SI_TKILL) && pid !== ctx.thread.tid) return -errno.EPERM;
  const p = pid > 0 ? (ctx.kernel.processes.get(pid) ?? ctx.kernel.threads.get(pid)?.process) : undefined;
  if (!p || p.state !== 'alive') return -errno.ESRCH;
  if (sig !== 0 && !isValidSignal(sig)) return -errno.EINVAL;
  if (sig < 0) return -errno.EINVAL;
  if (!maySignal(ctx.process, p)) return -errno.EPERM;
  if (sig !== 0) ctx.kernel.sendSignal(p, info);
  return 0;
}

/** rt_tgsigqueueinfo(2) (do_rt_tgsigqueueinfo → do_send_specific): tid and tgid positive
 *  (EINVAL), the siginfo copied (EFAULT) and checked as rt_sigqueueinfo's, then the thread
 *  (ESRCH), the signal number (EINVAL), permission (EPERM). */
function rtTgsigqueueinfo(ctx: SyscallContext, tgid: number, tid: number, sig: number, infoAddr: number) {
  const info = readUserSigInfo(ctx, infoAddr, sig);
  if (!info) return -errno.EFAULT;
  if (tid <= 0 || tgid <= 0) return -errno.EINVAL;
  if ((info.code >= 0 || info.code === SiCode.SI_TKILL) && tid !== ctx.thread.tid) return -errno.EPERM;
  const t = ctx.kernel.threads.get(tid);
  if (!t || t.state === 'dead' || t.process.tgid !== tgid) return -errno.ESRCH;
  if ((sig !== 0 && !isValidSignal(sig)) || sig < 0) return -errno.EINVAL;
  if (!maySignal(ctx.process, t.process)) return -errno.EPERM;
  if (sig !== 0) ctx.kernel.sendSignal(t, info);
  return 0;
}

/** i386 sigprocmask(how, old_sigset_t *set, old_sigset_t *oset) (compat_sys_sigprocmask): the
 *  first 32 signals only — SIG_SETMASK leaves signals 33…64 as they were (measured) — and the
 *  old mask is the low 32 bits. Checks: the set copied (EFAULT), `how` (EINVAL), oset (EFAULT). */
function oldSigprocmask(ctx: SyscallContext, how: number, setAddr: number, oldAddr: number) {
  const t = ctx.thread;
  const old = t.sigmask & 0xffffffffn;
  if (setAddr) {
    const w = getWords(ctx.mem, setAddr, 1, 4);
    if (!w) return -errno.EFAULT;
    const set = w[0]! & ~UNBLOCKABLE;
    if (how === 0) t.sigmask |= set;
    else if (how === 1) t.sigmask &= ~set;
    else if (how === 2) t.sigmask = (t.sigmask & ~0xffffffffn) | set;
    else return -errno.EINVAL;
  }
  if (oldAddr && !putWords(ctx.mem, oldAddr, [old], 4)) return -errno.EFAULT;
  return 0;
}

const timedwaitArgs = [
  { name: 'set', type: 'sigset' as const },
  { name: 'info', type: 'outsiginfo' as const },
  { name: 'timeout', type: 'timespec' as const },
  { name: 'sigsetsize', type: 'uint' as const },
];

export const syscalls: readonly SyscallDecl[] = [
  {
    name: 'rt_sigsuspend',
    numbers: numbersOf('rt_sigsuspend'),
    args: [
      { name: 'mask', type: 'sigset' },
      { name: 'sigsetsize', type: 'uint' },
    ],
    classes: ['signal'],
    eintrAlways: true,
    handler: (ctx, a) => rtSigsuspend(ctx, a.ptr(0), a.size(1), a.u64(0)),
  },
  {
    // i386 sigsuspend(int, int, old_sigset_t mask): the 32-bit mask by value
    // (__ARCH_WANT_SYS_OLD_SIGSUSPEND); the upper 32 signals are left blocked as they were.
    name: 'sigsuspend',
    numbers: numbersOf('sigsuspend', { x86_64: null, arm64: null }),
    args: [
      { name: 'unused1', type: 'int' },
      { name: 'unused2', type: 'int' },
      { name: 'mask', type: 'sigsetval' }, // strace shows only the mask: sigsuspend([USR1])
    ],
    classes: ['signal'],
    eintrAlways: true,
    handler: (ctx, a) =>
      sigsuspend(ctx, ctx.thread.restartState === null ? (ctx.thread.sigmask & ~0xffffffffn) | (a.u64(2) & 0xffffffffn) : 0n, a.u64(0)),
  },
  {
    name: 'sigprocmask',
    numbers: numbersOf('sigprocmask', { x86_64: null, arm64: null }),
    args: [
      { name: 'how', type: 'sighow' },
      { name: 'set', type: 'oldsigset' },
      { name: 'oldset', type: 'outoldsigset' },
    ],
    classes: ['signal'],
    handler: (ctx, a) => oldSigprocmask(ctx, a.int(0), a.ptr(1), a.ptr(2)),
  },
  {
    // i386 sigpending(old_sigset_t *set): the blocked pending signals among the first 32.
    name: 'sigpending',
    numbers: numbersOf('sigpending', { x86_64: null, arm64: null }),
    args: [{ name: 'set', type: 'outoldsigset' }],
    classes: ['signal'],
    handler: (ctx, a) => {
      let set = 0n;
      for (const s of [...ctx.thread.pendingSignals, ...ctx.process.pendingSignals]) set |= sigBit(s.signo);
      set &= ctx.thread.sigmask & 0xffffffffn;
      return putWords(ctx.mem, a.ptr(0), [set], 4) ? 0 : -errno.EFAULT;
    },
  },
  {
    name: 'rt_sigtimedwait',
    numbers: numbersOf('rt_sigtimedwait'),
    args: timedwaitArgs,
    ret: 'signo',
    classes: ['signal'],
    handler: (ctx, a) => rtSigtimedwait(ctx, a.ptr(0), a.ptr(1), a.ptr(2), a.size(3), 'long'),
    interrupted: (ctx) => {
      ctx.thread.waitedSignals = 0n;
    },
  },
  {
    name: 'rt_sigtimedwait_time64',
    numbers: numbersOf('rt_sigtimedwait_time64', { x86_64: null, arm64: null }),
    args: timedwaitArgs,
    classes: ['signal'],
    ret: 'signo',
    handler: (ctx, a) => rtSigtimedwait(ctx, a.ptr(0), a.ptr(1), a.ptr(2), a.size(3), 'time64'),
    interrupted: (ctx) => {
      ctx.thread.waitedSignals = 0n;
    },
  },
  {
    name: 'rt_sigqueueinfo',
    numbers: numbersOf('rt_sigqueueinfo'),
    args: [
      { name: 'tgid', type: 'int' },
      { name: 'sig', type: 'signal' },
      { name: 'info', type: 'siginfo' },
    ],
    classes: ['signal', 'process'],
    handler: (ctx, a) => rtSigqueueinfo(ctx, a.int(0), a.int(1), a.ptr(2)),
  },
  {
    name: 'rt_tgsigqueueinfo',
    numbers: numbersOf('rt_tgsigqueueinfo'),
    args: [
      { name: 'tgid', type: 'int' },
      { name: 'tid', type: 'int' },
      { name: 'sig', type: 'signal' },
      { name: 'info', type: 'siginfo' },
    ],
    classes: ['signal', 'process'],
    handler: (ctx, a) => rtTgsigqueueinfo(ctx, a.int(0), a.int(1), a.int(2), a.ptr(3)),
  },
  {
    // rt_sigreturn(2) restores the registers a signal frame saved: arch code, served by the
    // machine (arch/x86_64/machine.ts) before dispatch, which also reports it to the tracer with
    // the address of the frame's uc_sigmask as the argument (strace: `rt_sigreturn({mask=[]})`).
    // A call that reaches this handler came through an ABI without signal-frame support: ENOSYS.
    name: 'rt_sigreturn',
    numbers: numbersOf('rt_sigreturn'),
    args: [{ name: 'uc_sigmask', type: 'sigmask_at' }],
    classes: ['signal'],
    handler: () => -errno.ENOSYS,
  },
  {
    // pause(2): sleeps until a signal is delivered: a caught one ends it with EINTR
    // (-ERESTARTNOHAND), a fatal one ends the process, an ignored one changes nothing.
    name: 'pause',
    numbers: numbersOf('pause'),
    args: [],
    classes: ['signal'],
    eintrAlways: true,
    handler: () => blocked(null),
  },
  {
    name: 'sigaltstack',
    numbers: numbersOf('sigaltstack'),
    args: [
      { name: 'ss', type: 'stack' },
      { name: 'old_ss', type: 'outstack' },
    ],
    classes: ['signal'],
    handler: (ctx, a) => sigaltstack(ctx, a.ptr(0), a.ptr(1)),
  },
  {
    name: 'kill',
    numbers: numbersOf('kill'),
    args: [
      { name: 'pid', type: 'int' },
      { name: 'sig', type: 'signal' },
    ],
    classes: ['signal', 'process'],
    handler: (ctx, a) => kill(ctx, a.int(0), a.int(1)),
  },
  {
    name: 'tkill',
    numbers: numbersOf('tkill'),
    args: [
      { name: 'tid', type: 'int' },
      { name: 'sig', type: 'signal' },
    ],
    classes: ['signal', 'process'],
    handler: (ctx, a) => tkill(ctx, -1, a.int(0), a.int(1)),
  },
  {
    name: 'tgkill',
    numbers: numbersOf('tgkill'),
    args: [
      { name: 'tgid', type: 'int' },
      { name: 'tid', type: 'int' },
      { name: 'sig', type: 'signal' },
    ],
    classes: ['signal', 'process'],
    handler: (ctx, a) => {
      const tgid = a.int(0);
      if (tgid <= 0) return -errno.EINVAL;
      return tkill(ctx, tgid, a.int(1), a.int(2));
    },
  },
  {
    name: 'rt_sigaction',
    numbers: numbersOf('rt_sigaction'),
    args: [
      { name: 'signum', type: 'signal' },
      { name: 'act', type: 'sigaction' },
      { name: 'oldact', type: 'outsigaction' },
      { name: 'sigsetsize', type: 'uint' },
    ],
    classes: ['signal'],
    handler: (ctx, a) => rtSigaction(ctx, a.int(0), a.ptr(1), a.ptr(2), a.size(3)),
  },
  {
    name: 'rt_sigprocmask',
    numbers: numbersOf('rt_sigprocmask'),
    args: [
      { name: 'how', type: 'sighow' },
      { name: 'set', type: 'sigset' },
      { name: 'oldset', type: 'outsigset' },
      { name: 'sigsetsize', type: 'uint' },
    ],
    classes: ['signal'],
    handler: (ctx, a) => rtSigprocmask(ctx, a.int(0), a.ptr(1), a.ptr(2), a.size(3)),
  },
  {
    // rt_sigpending(2): the blocked signals pending for the thread or the process.
    name: 'rt_sigpending',
    numbers: numbersOf('rt_sigpending'),
    args: [
      { name: 'set', type: 'outsigset' }, // written by the kernel: shown at exit
      { name: 'sigsetsize', type: 'uint' },
    ],
    classes: ['signal'],
    handler: (ctx, a) => {
      if (a.size(1) > SIGSET_SIZE) return -errno.EINVAL;
      let set = 0n;
      for (const s of [...ctx.thread.pendingSignals, ...ctx.process.pendingSignals])
        if (s.signo >= 1 && s.signo <= NSIG) set |= sigBit(s.signo);
      set &= ctx.thread.sigmask;
      const size = a.size(1);
      const bytes = new Uint8Array(8);
      new DataView(bytes.buffer).setBigUint64(0, set, true);
      return ctx.mem.write(a.ptr(0), bytes.subarray(0, size)) ? 0 : -errno.EFAULT;
    },
  },
];
