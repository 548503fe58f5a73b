// siginfo_t as Linux fills it for the cases the kernel raises (include/uapi/asm-generic/
// siginfo.h, arch/x86/kernel/traps.c, arch/x86/mm/fault.c, kernel/signal.c):
// - #GP in user mode: SIGSEGV, si_code SI_KERNEL, si_addr 0 (traps.c exc_general_protection →
//   force_sig(SIGSEGV)).
// - #PF: SIGSEGV SEGV_MAPERR (no mapping) or SEGV_ACCERR (mapping forbids the access), si_addr =
//   the faulting address (fault.c __bad_area_nosemaphore).
// - #UD: SIGILL ILL_ILLOPN, si_addr = the instruction pointer (do_error_trap).
// - #DE: SIGFPE FPE_INTDIV, si_addr = the instruction pointer.
// - int3 (#BP): SIGTRAP SI_KERNEL (do_int3_user → force_sig(SIGTRAP)).
// - single step (#DB with DR6.BS, RFLAGS.TF): SIGTRAP TRAP_TRACE, si_addr = the user RIP at the
//   trap, i.e. the next instruction (exc_debug_user → send_sigtrap(regs, 0, get_si_code(dr6))).
// - kill()/EPIPE: SI_USER with the sender's pid and uid; tgkill/tkill: SI_TKILL.

import { Sig } from './signals.js';

export const SiCode = {
  SI_USER: 0,
  SI_KERNEL: 0x80,
  SI_QUEUE: -1,
  SI_TIMER: -2,
  SI_TKILL: -6,
  SEGV_MAPERR: 1,
  SEGV_ACCERR: 2,
  ILL_ILLOPC: 1,
  ILL_ILLOPN: 2,
  ILL_PRVOPC: 5,
  FPE_INTDIV: 1,
  BUS_ADRALN: 1,
  TRAP_BRKPT: 1,
  TRAP_TRACE: 2,
  CLD_EXITED: 1,
  CLD_KILLED: 2,
  CLD_DUMPED: 3,
} as const;

export interface SigInfo {
  signo: number;
  code: number;
  errno?: number;
  /** Sender for SI_USER / SI_TKILL / SIGCHLD. */
  pid?: number;
  uid?: number;
  /** Fault address for SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGTRAP (bigint: kernel addresses too). */
  addr?: bigint;
  /** SIGCHLD: exit code or signal. */
  status?: number;
  /** SI_TIMER (timer_create): the timer id and the expiries missed while this one was queued. */
  timerId?: number;
  overrun?: number;
  /** SI_TIMER / SI_QUEUE: the sigval (sigev_value, sigqueue's value), as 64 bits. */
  value?: bigint;
  /** rt_sigqueueinfo / rt_tgsigqueueinfo: the siginfo_t bytes the sender wrote (128; the
   *  receiver gets them as written, with si_signo set to the signal sent). */
  raw?: Uint8Array;
}

export function userSigInfo(signo: number, pid: number, uid: number, code: number = SiCode.SI_USER): SigInfo {
  return { signo, code, pid, uid };
}

export function segvMapErr(addr: bigint): SigInfo {
  return { signo: Sig.SIGSEGV, code: SiCode.SEGV_MAPERR, addr };
}

export function segvAccErr(addr: bigint): SigInfo {
  return { signo: Sig.SIGSEGV, code: SiCode.SEGV_ACCERR, addr };
}

export function generalProtection(): SigInfo {
  return { signo: Sig.SIGSEGV, code: SiCode.SI_KERNEL, addr: 0n };
}

export function invalidOpcode(pc: bigint): SigInfo {
  return { signo: Sig.SIGILL, code: SiCode.ILL_ILLOPN, addr: pc };
}

export function divideError(pc: bigint): SigInfo {
  return { signo: Sig.SIGFPE, code: SiCode.FPE_INTDIV, addr: pc };
}

export function breakpoint(): SigInfo {
  return { signo: Sig.SIGTRAP, code: SiCode.SI_KERNEL };
}

export function singleStep(pc: bigint): SigInfo {
  return { signo: Sig.SIGTRAP, code: SiCode.TRAP_TRACE, addr: pc };
}
