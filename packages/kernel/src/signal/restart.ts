// System call restart after a signal, as Linux does it. A blocking call that a signal interrupts
// does not pick EINTR itself: it returns one of four kernel-internal codes (include/linux/errno.h),
// and the arch's signal delivery decides, with the handler of the signal it delivers
// (arch/x86/kernel/signal.c handle_signal + arch_do_signal_or_restart, arch/arm64/kernel/signal.c
// do_signal):
//
//   code                    | caught, no SA_RESTART | caught, SA_RESTART | no handler
//   ------------------------+-----------------------+--------------------+-------------------------
//   -ERESTARTSYS            | -EINTR                | restart            | restart
//   -ERESTARTNOINTR         | restart               | restart            | restart
//   -ERESTARTNOHAND         | -EINTR                | -EINTR             | restart
//   -ERESTART_RESTARTBLOCK  | -EINTR                | -EINTR             | restart via restart_syscall
//
// "Restart" rewinds the saved user pc over the system call instruction and puts the call's number
// (x86-64: rax = orig_rax) or first argument (arm64: x0 = orig_x0) back, so the handler runs
// FIRST and the call is made again — a new entry, which strace shows as a second `read(` line.
// The tracer sees the code itself as the call's result: `read(…) = ? ERESTARTSYS (To be
// restarted if SA_RESTART is set)`.
//
// Which call returns which code (the Linux sources named): pipe/tty/socket read and write,
// wait4/waitid, futex wait without a timeout, accept/connect/recv: -ERESTARTSYS (fs/pipe.c
// pipe_read, kernel/exit.c do_wait, kernel/futex/waitwake.c futex_wait); nanosleep and relative
// clock_nanosleep, futex wait with a timeout, poll: -ERESTART_RESTARTBLOCK
// (kernel/time/hrtimer.c do_nanosleep, fs/select.c sys_poll — with or without a timeout);
// absolute clock_nanosleep, pause, rt_sigsuspend, select/pselect6/ppoll: -ERESTARTNOHAND
// (hrtimer_nanosleep, kernel/signal.c sys_pause / sigsuspend, fs/select.c
// poll_select_finish); epoll_wait: -EINTR directly (fs/eventpoll.c ep_poll).

import { errno } from '../syscalls/errno.js';
import type { Blocked, SyscallAbi, SyscallArgs, SyscallDecl, SyscallResult } from '../syscalls/types.js';
import { makeSyscallArgs, type SyscallContext } from '../syscalls/context.js';
import { syscallNumber } from '../syscalls/numbers.js';
import type { Thread } from '../process/process.js';
import { SaFlags, SIG_DFL, SIG_IGN, type SignalAction } from './actions.js';

export const ERESTARTSYS = errno.ERESTARTSYS;
export const ERESTARTNOINTR = errno.ERESTARTNOINTR;
export const ERESTARTNOHAND = errno.ERESTARTNOHAND;
export const ERESTART_RESTARTBLOCK = errno.ERESTART_RESTARTBLOCK;

/** TIMER_ABSTIME (clock_nanosleep's flags, include/uapi/linux/time.h). */
const TIMER_ABSTIME = 1;
/** FUTEX_CMD_MASK and the wait operations that sleep (include/uapi/linux/futex.h). */
const FUTEX_CMD_MASK = ~(128 | 256);
const FUTEX_WAIT = 0;
const FUTEX_WAIT_BITSET = 9;

/** A wait state (`Thread.restartState`) that settles the code itself, for calls whose code
 *  depends on how they wait: a socket wait with a finite SO_RCVTIMEO/SO_SNDTIMEO returns -EINTR,
 *  one without a timeout -ERESTARTSYS (net/core/sock.c sock_intr_errno). */
export interface RestartCodeOfWait {
  restartCode: number | null;
}

/** The code `decl` returns when a signal interrupts its sleep (the table above, or the sleeping
 *  call's wait state when it says), or null when the call fails with plain EINTR and is never
 *  restarted. */
export function restartCodeOf(decl: SyscallDecl, args: SyscallArgs, waitState: unknown = null): number | null {
  if (waitState !== null && typeof waitState === 'object' && 'restartCode' in waitState) {
    return (waitState as RestartCodeOfWait).restartCode;
  }
  switch (decl.name) {
    case 'nanosleep':
      return ERESTART_RESTARTBLOCK;
    case 'clock_nanosleep':
    case 'clock_nanosleep_time64':
      return args.int(1) & TIMER_ABSTIME ? ERESTARTNOHAND : ERESTART_RESTARTBLOCK;
    case 'poll':
      // sys_poll turns do_sys_poll's -ERESTARTNOHAND into -ERESTART_RESTARTBLOCK with or
      // without a timeout (do_restart_poll; measured: poll(NULL, 0, -1) too).
      return ERESTART_RESTARTBLOCK;
    case 'restart_syscall':
      // The resumed sleep ends the same way again (hrtimer_nanosleep_restart → do_nanosleep).
      return ERESTART_RESTARTBLOCK;
    case 'rt_sigtimedwait':
    case 'rt_sigtimedwait_time64':
      // do_sigtimedwait: -EINTR straight away when another signal ends the wait.
      return null;
    case 'epoll_wait':
    case 'epoll_pwait':
    case 'epoll_pwait2':
      return null;
    case 'futex': {
      const op = args.int(1) & FUTEX_CMD_MASK;
      if ((op === FUTEX_WAIT || op === FUTEX_WAIT_BITSET) && args.ptr(3) !== 0) return ERESTART_RESTARTBLOCK;
      return ERESTARTSYS;
    }
  }
  // Calls that always end with EINTR under a handler (pause, sigsuspend, select, ppoll…).
  if (decl.eintrAlways) return ERESTARTNOHAND;
  return ERESTARTSYS;
}

/** Whether `value` (a syscall's result, signed) is one of the restart codes. */
export function isRestartCode(value: bigint | number): boolean {
  const v = -Number(value);
  return v === ERESTARTSYS || v === ERESTARTNOINTR || v === ERESTARTNOHAND || v === ERESTART_RESTARTBLOCK;
}

/** What the delivery does with a call that returned -`code`: its result becomes -EINTR, or the
 *  call is made again (the handler, if any, runs first). `action` is the disposition of the
 *  signal being delivered, or null when no handler runs (ignored, default non-fatal). */
export function restartOutcome(code: number, action: SignalAction | null): 'eintr' | 'restart' {
  const handled = action !== null && action.handler !== SIG_DFL && action.handler !== SIG_IGN;
  if (!handled) return 'restart';
  switch (code) {
    case ERESTARTNOINTR:
      return 'restart';
    case ERESTARTSYS:
      return (action.flags & SaFlags.SA_RESTART) !== 0n ? 'restart' : 'eintr';
    default:
      return 'eintr';
  }
}

/** A system call of a thread that a signal interrupted, waiting for the delivery on the way
 *  back to user mode: its restart code and the first argument register it was made with (the
 *  arm64 restart puts it back in x0; x86-64 keeps orig_rax in pt_regs). */
export interface InterruptedSyscall {
  code: number;
  firstArg: bigint;
}

const interrupted = new WeakMap<Thread, InterruptedSyscall>();

/** The kernel records the call it ended with a restart code (Kernel.resumeSyscall)… */
export function noteInterruptedSyscall(thread: Thread, call: InterruptedSyscall): void {
  interrupted.set(thread, call);
}

/** Whether a call of `thread` waits to be settled (a traced call interrupted by a signal with
 *  no handler: the tracer saw the signal go, the restart is still to be made). */
export function hasInterruptedSyscall(thread: Thread): boolean {
  return interrupted.has(thread);
}

/** … and forgets one that never reached delivery. */
export function forgetInterruptedSyscall(thread: Thread): void {
  interrupted.delete(thread);
}

/** How an arch rewrites the interrupted call's saved user registers. */
export interface RestartRegs {
  /** The result register (rax / x0). */
  setResult(value: bigint): void;
  /** pc back over the syscall instruction; the number / first argument register as on entry. */
  rewind(call: InterruptedSyscall): void;
  /** (Optional) the system call number register (x86-64 rax, arm64 x8): a rewound call whose
   *  code was -ERESTART_RESTARTBLOCK becomes restart_syscall. Without it the call itself is
   *  made again. */
  setNumber?(nr: number): void;
}

/** What restart_syscall(2) resumes (Linux's struct restart_block, current->restart_block): the
 *  interrupted call's name, the ABI it came through, how to go on (`resume`, run again after
 *  each wake-up until it returns something other than Blocked) and what a further
 *  interruption does (nanosleep writes the time left to its `rem` again and sets a new block).
 *  Set by a call that returns -ERESTART_RESTARTBLOCK (nanosleep's `interrupted` hook, or
 *  `genericRestartBlock` for the others), used when no handler runs. */
export interface RestartBlock {
  name: string;
  abi: SyscallAbi;
  resume(ctx: SyscallContext): SyscallResult | Blocked;
  interrupted(ctx: SyscallContext): SyscallResult | void;
}

const restartBlocks = new WeakMap<Thread, RestartBlock>();

/** A restart block for a call without one of its own (poll, futex with a timeout: Linux's
 *  do_restart_poll, futex_wait_restart): the call's handler made again with its arguments and
 *  the wait state it had (`restartState`: poll's deadline), so it goes on where it stopped. */
export function genericRestartBlock(decl: SyscallDecl, abi: SyscallAbi, registers: readonly bigint[], state: unknown): RestartBlock {
  const args = makeSyscallArgs(registers, abi);
  let first = true;
  const block: RestartBlock = {
    name: decl.name,
    abi,
    resume: (ctx) => {
      if (first) ctx.thread.restartState = state;
      first = false;
      return decl.handler(ctx, args);
    },
    interrupted: (ctx) => {
      const r = decl.interrupted?.(ctx, args);
      setRestartBlock(ctx.thread, genericRestartBlock(decl, abi, registers, ctx.thread.restartState));
      return r;
    },
  };
  return block;
}

export function setRestartBlock(thread: Thread, block: RestartBlock): void {
  restartBlocks.set(thread, block);
}

/** restart_syscall takes the block (a second call without a new interruption gets EINTR,
 *  as do_no_restart_syscall). */
export function takeRestartBlock(thread: Thread): RestartBlock | null {
  const b = restartBlocks.get(thread) ?? null;
  restartBlocks.delete(thread);
  return b;
}

/** The block the thread's next restart_syscall would resume (the tracer names it). */
export function peekRestartBlock(thread: Thread): RestartBlock | null {
  return restartBlocks.get(thread) ?? null;
}

/** rt_sigsuspend's saved mask (current->saved_sigmask, set_restore_sigmask): the mask to put
 *  back when the call's interruption is settled at signal delivery (the handler's frame then
 *  saves it; without a handler it is simply restored, restore_saved_sigmask). */
const savedSigmasks = new WeakMap<Thread, bigint>();

export function setSavedSigmask(thread: Thread, mask: bigint): void {
  savedSigmasks.set(thread, mask);
}

/** Puts the saved mask back, if a call left one. */
export function restoreSavedSigmask(thread: Thread): void {
  const m = savedSigmasks.get(thread);
  if (m === undefined) return;
  savedSigmasks.delete(thread);
  thread.sigmask = m;
}

/** At signal delivery (before the frame is built, so the frame holds the outcome): settles the
 *  thread's interrupted call, if any, for the signal whose disposition is `action` (null: no
 *  handler runs). Each interrupted call is settled once, by the first delivery. */
export function settleInterruptedSyscall(thread: Thread, action: SignalAction | null, regs: RestartRegs): void {
  // rt_sigsuspend's mask goes back before the frame is built, so the frame saves it and
  // rt_sigreturn restores it (an approximation: Linux runs the handler with the suspend mask
  // plus sa_mask, vsys with the saved one plus sa_mask).
  restoreSavedSigmask(thread);
  const call = interrupted.get(thread);
  if (!call) return;
  interrupted.delete(thread);
  if (restartOutcome(call.code, action) === 'eintr') {
    regs.setResult(BigInt(-errno.EINTR));
    return;
  }
  regs.rewind(call);
  // -ERESTART_RESTARTBLOCK without a handler: the call goes on through restart_syscall
  // (x86-64 arch_do_signal_or_restart: `regs->ax = __NR_restart_syscall`; arm64 do_signal:
  // `regs->regs[8] = __NR_restart_syscall`; i386's number is 0).
  const block = call.code === ERESTART_RESTARTBLOCK ? restartBlocks.get(thread) : undefined;
  if (block && regs.setNumber) {
    const nr = syscallNumber(block.abi, 'restart_syscall');
    if (nr !== undefined) regs.setNumber(nr);
  } else if (call.code === ERESTART_RESTARTBLOCK) restartBlocks.delete(thread);
}
