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
// clock_nanosleep, futex wait with a timeout, poll with a timeout: -ERESTART_RESTARTBLOCK
// (kernel/time/hrtimer.c do_nanosleep, fs/select.c do_sys_poll); absolute clock_nanosleep,
// pause, rt_sigsuspend, select/pselect6/ppoll, poll without a timeout: -ERESTARTNOHAND
// (hrtimer_nanosleep, kernel/signal.c sys_pause / sigsuspend, fs/select.c
// poll_select_finish); epoll_wait: -EINTR directly (fs/eventpoll.c ep_poll).

import { errno } from '../syscalls/errno.js';
import type { SyscallArgs, SyscallDecl } from '../syscalls/types.js';
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

/** The code `decl` returns when a signal interrupts its sleep (the table above), or null when
 *  the call fails with plain EINTR and is never restarted. */
export function restartCodeOf(decl: SyscallDecl, args: SyscallArgs): number | null {
  switch (decl.name) {
    case 'nanosleep':
      return ERESTART_RESTARTBLOCK;
    case 'clock_nanosleep':
    case 'clock_nanosleep_time64':
      return args.int(1) & TIMER_ABSTIME ? ERESTARTNOHAND : ERESTART_RESTARTBLOCK;
    case 'poll':
      return args.int(2) >= 0 ? ERESTART_RESTARTBLOCK : ERESTARTNOHAND;
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
}

/** At signal delivery (before the frame is built, so the frame holds the outcome): settles the
 *  thread's interrupted call, if any, for the signal whose disposition is `action` (null: no
 *  handler runs). Each interrupted call is settled once, by the first delivery. */
export function settleInterruptedSyscall(thread: Thread, action: SignalAction | null, regs: RestartRegs): void {
  const call = interrupted.get(thread);
  if (!call) return;
  interrupted.delete(thread);
  if (restartOutcome(call.code, action) === 'eintr') regs.setResult(BigInt(-errno.EINTR));
  else regs.rewind(call);
}
