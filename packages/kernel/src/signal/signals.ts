// Signal numbers, names and default actions. x86-64 and arm64 share the numbering
// (arch/x86/include/uapi/asm/signal.h and include/uapi/asm-generic/signal.h agree for 1–31);
// real-time signals run SIGRTMIN 32 … SIGRTMAX 64 (_NSIG 64). Default actions are signal(7)'s
// table: Term, Core (terminate + core dump), Ign, Stop, Cont; real-time signals terminate.

export const Sig = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGBUS: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGSTKFLT: 16,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGURG: 23,
  SIGXCPU: 24,
  SIGXFSZ: 25,
  SIGVTALRM: 26,
  SIGPROF: 27,
  SIGWINCH: 28,
  SIGIO: 29,
  SIGPWR: 30,
  SIGSYS: 31,
} as const;

/** _NSIG: signals are 1…64. */
export const NSIG = 64;
export const SIGRTMIN = 32;

const names: string[] = [];
for (const [name, nr] of Object.entries(Sig)) names[nr] = name;

/** "SIGPIPE" for 13; "SIGRT_3" for 35 as strace prints real-time signals; undefined outside 1…64. */
export function signalName(signal: number): string | undefined {
  if (signal >= 1 && signal < SIGRTMIN) return names[signal];
  if (signal >= SIGRTMIN && signal <= NSIG) return signal === SIGRTMIN ? 'SIGRTMIN' : `SIGRT_${signal - SIGRTMIN}`;
  return undefined;
}

export type DefaultAction = 'term' | 'core' | 'ignore' | 'stop' | 'continue';

const core = new Set<number>([
  Sig.SIGQUIT, Sig.SIGILL, Sig.SIGTRAP, Sig.SIGABRT, Sig.SIGBUS, Sig.SIGFPE, Sig.SIGSEGV, Sig.SIGXCPU, Sig.SIGXFSZ, Sig.SIGSYS,
]);
const ignore = new Set<number>([Sig.SIGCHLD, Sig.SIGURG, Sig.SIGWINCH]);
const stop = new Set<number>([Sig.SIGSTOP, Sig.SIGTSTP, Sig.SIGTTIN, Sig.SIGTTOU]);

export function defaultAction(signal: number): DefaultAction {
  if (core.has(signal)) return 'core';
  if (ignore.has(signal)) return 'ignore';
  if (stop.has(signal)) return 'stop';
  if (signal === Sig.SIGCONT) return 'continue';
  return 'term';
}

export function isValidSignal(signal: number): boolean {
  return Number.isInteger(signal) && signal >= 1 && signal <= NSIG;
}

/** A sigset_t bit for `signal` (bit signal-1, include/linux/signal.h sigmask()). */
export function sigBit(signal: number): bigint {
  return 1n << BigInt(signal - 1);
}

/** SIGKILL and SIGSTOP can never be caught, blocked or ignored (signal(7)). */
export const UNBLOCKABLE = sigBit(Sig.SIGKILL) | sigBit(Sig.SIGSTOP);
