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
import { SiCode } from '../../signal/siginfo.js';
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

export const syscalls: readonly SyscallDecl[] = [
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
