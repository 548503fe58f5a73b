// Signal sets and siginfo as strace prints them: `[PIPE INT]` (names without SIG, ascending),
// `~[KILL STOP]` when more than half the set is full, and
// `{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x…}` with the si_code named per signal
// (include/uapi/asm-generic/siginfo.h).

import { signalName, type SigInfo } from '@vsys/kernel';

const NSIG = 64;

function shortName(signo: number): string {
  // strace (ASM_SIGRTMIN 32): 32 is RTMIN, then RT_1 … RT_32 (measured: kill(pid, 40) prints
  // SIGRT_8, a set with 32, 33, 34, 64 prints [RTMIN RT_1 RT_2 RT_32]).
  if (signo === 32) return 'RTMIN';
  if (signo > 32 && signo <= NSIG) return `RT_${signo - 32}`;
  return (signalName(signo) ?? String(signo)).replace(/^SIG/, '');
}

/** `SIGPIPE`; a value outside 1..64 as its number. */
export function formatSignal(signo: number): string {
  if (signo <= 0 || signo > NSIG) return String(signo);
  const short = shortName(signo);
  return /^\d/.test(short) ? short : `SIG${short}`;
}

/** A kernel sigset (bit N-1 = signal N). */
export function formatSigset(mask: bigint, setSize = 8): string {
  const bits = setSize * 8;
  const members: number[] = [];
  for (let s = 1; s <= Math.min(bits, NSIG); s++) if ((mask >> BigInt(s - 1)) & 1n) members.push(s);
  if (members.length > Math.min(bits, NSIG) / 2) {
    const missing: number[] = [];
    for (let s = 1; s <= Math.min(bits, NSIG); s++) if (!members.includes(s)) missing.push(s);
    return `~[${missing.map(shortName).join(' ')}]`;
  }
  return `[${members.map(shortName).join(' ')}]`;
}

const CODES_BY_SIGNAL: Record<number, Record<number, string>> = {
  4: { 1: 'ILL_ILLOPC', 2: 'ILL_ILLOPN', 3: 'ILL_ILLADR', 4: 'ILL_ILLTRP', 5: 'ILL_PRVOPC', 6: 'ILL_PRVREG', 7: 'ILL_COPROC', 8: 'ILL_BADSTK' },
  5: { 1: 'TRAP_BRKPT', 2: 'TRAP_TRACE', 3: 'TRAP_BRANCH', 4: 'TRAP_HWBKPT' },
  7: { 1: 'BUS_ADRALN', 2: 'BUS_ADRERR', 3: 'BUS_OBJERR' },
  8: { 1: 'FPE_INTDIV', 2: 'FPE_INTOVF', 3: 'FPE_FLTDIV', 4: 'FPE_FLTOVF', 5: 'FPE_FLTUND', 6: 'FPE_FLTRES', 7: 'FPE_FLTINV', 8: 'FPE_FLTSUB' },
  11: { 1: 'SEGV_MAPERR', 2: 'SEGV_ACCERR', 3: 'SEGV_BNDERR', 4: 'SEGV_PKUERR' },
  17: { 1: 'CLD_EXITED', 2: 'CLD_KILLED', 3: 'CLD_DUMPED', 4: 'CLD_TRAPPED', 5: 'CLD_STOPPED', 6: 'CLD_CONTINUED' },
};
const GENERIC_CODES: Record<number, string> = { 0: 'SI_USER', 0x80: 'SI_KERNEL', [-1]: 'SI_QUEUE', [-2]: 'SI_TIMER', [-3]: 'SI_MESGQ', [-4]: 'SI_ASYNCIO', [-5]: 'SI_SIGIO', [-6]: 'SI_TKILL' };

function codeName(info: SigInfo): string {
  if (info.code > 0 && info.code < 0x80) return CODES_BY_SIGNAL[info.signo]?.[info.code] ?? String(info.code);
  return GENERIC_CODES[info.code] ?? String(info.code);
}

function addr(a: bigint | undefined): string {
  return !a ? 'NULL' : `0x${BigInt.asUintN(64, a).toString(16)}`;
}

const FAULT_SIGNALS = [4, 5, 7, 8, 11];

/** printsigval: `si_int=N, si_ptr=0x…` (the sigval as int and as pointer). */
function sigval(v: bigint): string[] {
  return [`si_int=${Number(BigInt.asIntN(32, v))}`, `si_ptr=${v === 0n ? 'NULL' : `0x${BigInt.asUintN(64, v).toString(16)}`}`];
}

/** The `{…}` part of `--- SIGSEGV {…} ---`. */
export function formatSigInfo(info: SigInfo): string {
  const parts = [`si_signo=${formatSignal(info.signo)}`, `si_code=${codeName(info)}`];
  const fault = info.code > 0 && info.code < 0x80 && [4, 5, 7, 8, 11].includes(info.signo);
  if (info.signo === 17) {
    // CLD_KILLED / CLD_DUMPED carry the signal in si_status: strace names it.
    const status = info.code === 2 || info.code === 3 ? formatSignal(info.status ?? 0) : String(info.status ?? 0);
    parts.push(`si_pid=${info.pid ?? 0}`, `si_uid=${info.uid ?? 0}`, `si_status=${status}`, 'si_utime=0', 'si_stime=0');
  } else if (fault || (info.code === 0x80 && FAULT_SIGNALS.includes(info.signo))) {
    // SI_KERNEL fault signals carry si_addr too (NULL for #GP, int3), as strace prints them.
    parts.push(`si_addr=${addr(info.addr)}`);
  } else if (info.code === -2) {
    // SI_TIMER (printsiginfo: si_timerid %#x, si_overrun, then the sigval).
    const id = info.timerId ?? 0;
    parts.push(`si_timerid=${id === 0 ? '0' : `0x${(id >>> 0).toString(16)}`}`, `si_overrun=${info.overrun ?? 0}`, ...sigval(info.value ?? 0n));
  } else if (info.code <= 0) {
    parts.push(`si_pid=${info.pid ?? 0}`, `si_uid=${info.uid ?? 0}`);
    if (info.value) parts.push(...sigval(info.value));
  } else if (info.pid || info.uid || info.value) {
    // Other kernel codes (SI_KERNEL of SIGALRM from an interval timer: nothing more).
    if (info.pid || info.uid) parts.push(`si_pid=${info.pid ?? 0}`, `si_uid=${info.uid ?? 0}`);
    if (info.value) parts.push(...sigval(info.value));
  }
  return `{${parts.join(', ')}}`;
}
