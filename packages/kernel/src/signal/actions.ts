// The per-process signal disposition table (struct sighand_struct: shared by all threads of a
// process). Each entry is a struct k_sigaction as rt_sigaction(2) reads and writes it:
// handler (SIG_DFL 0, SIG_IGN 1, or a user address), flags (SA_*), restorer, mask.

import { NSIG } from './signals.js';

export const SIG_DFL = 0n;
export const SIG_IGN = 1n;

export const SaFlags = {
  SA_NOCLDSTOP: 0x1n,
  SA_NOCLDWAIT: 0x2n,
  SA_SIGINFO: 0x4n,
  SA_RESTORER: 0x04000000n,
  SA_ONSTACK: 0x08000000n,
  SA_RESTART: 0x10000000n,
  SA_NODEFER: 0x40000000n,
  SA_RESETHAND: 0x80000000n,
} as const;

export interface SignalAction {
  handler: bigint;
  flags: bigint;
  restorer: bigint;
  mask: bigint;
}

export class SignalActions {
  private readonly actions: SignalAction[] = [];

  constructor(from?: SignalActions) {
    for (let s = 1; s <= NSIG; s++) {
      const a = from?.get(s);
      this.actions[s] = a ? { ...a } : { handler: SIG_DFL, flags: 0n, restorer: 0n, mask: 0n };
    }
  }

  get(signal: number): SignalAction {
    const a = this.actions[signal];
    if (!a) throw new RangeError(`signal ${signal} out of range`);
    return { ...a };
  }

  set(signal: number, action: SignalAction): void {
    if (!this.actions[signal]) throw new RangeError(`signal ${signal} out of range`);
    this.actions[signal] = { ...action };
  }

  /** execve(2): caught signals go back to SIG_DFL; ignored ones stay ignored. */
  resetForExec(): void {
    for (let s = 1; s <= NSIG; s++) {
      const a = this.actions[s]!;
      if (a.handler !== SIG_IGN) this.actions[s] = { handler: SIG_DFL, flags: 0n, restorer: 0n, mask: 0n };
    }
  }
}
