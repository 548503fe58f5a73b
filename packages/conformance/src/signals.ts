// Linux signal numbers by name, for turning an expectation's `"signal": "SIGSEGV"` into the
// status a shell (and `vrun`) reports: 128 + N.
//
// Source: signal(7) "Standard signals" — the numbers for x86 and ARM (arm64 uses the same
// asm-generic numbering for all of these; they differ only on Alpha, SPARC and MIPS).

export const SIGNAL_NUMBERS: Readonly<Record<string, number>> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15,
  SIGSTKFLT: 16, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22,
  SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29,
  SIGPWR: 30, SIGSYS: 31,
};

/** The name of signal `n` (e.g. 11 → 'SIGSEGV'), or `SIG<n>` for one without a name. */
export function signalName(n: number): string {
  for (const [name, num] of Object.entries(SIGNAL_NUMBERS)) if (num === n) return name;
  return `SIG${n}`;
}
