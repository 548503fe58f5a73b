// next_signal's order and legacy_queue (signal/pending.ts), checked against the rules of
// kernel/signal.c; the end-to-end order against Linux is the own case x86_64/sig_order.
import { describe, expect, it } from 'vitest';
import { alreadyQueued, nextSignalIndex } from './pending.js';
import { Sig, sigBit } from './signals.js';
import { SiCode, type SigInfo } from './siginfo.js';

const q = (...signos: number[]): SigInfo[] => signos.map((signo) => ({ signo, code: SiCode.SI_USER, pid: 1, uid: 0 }));

describe('nextSignalIndex', () => {
  it('takes the lowest number, not the first sent', () => {
    expect(nextSignalIndex(q(Sig.SIGUSR2, Sig.SIGUSR1, Sig.SIGHUP), 0n)).toBe(2);
  });
  it('takes a synchronous signal before a lower-numbered other one', () => {
    expect(nextSignalIndex(q(Sig.SIGHUP, Sig.SIGSEGV, Sig.SIGINT), 0n)).toBe(1);
    expect(nextSignalIndex(q(Sig.SIGHUP, Sig.SIGSYS, Sig.SIGFPE), 0n)).toBe(2); // the lowest synchronous
  });
  it('skips blocked signals, never SIGKILL', () => {
    expect(nextSignalIndex(q(Sig.SIGUSR2, Sig.SIGUSR1), sigBit(Sig.SIGUSR1))).toBe(0);
    expect(nextSignalIndex(q(Sig.SIGUSR1), sigBit(Sig.SIGUSR1))).toBe(-1);
    expect(nextSignalIndex(q(Sig.SIGKILL), ~0n)).toBe(0);
  });
  it('keeps the order of instances of one real-time signal', () => {
    expect(nextSignalIndex(q(40, 35, 35), 0n)).toBe(1);
  });
});

describe('alreadyQueued (legacy_queue)', () => {
  it('a standard signal pending is not queued again; real-time signals queue', () => {
    expect(alreadyQueued(q(Sig.SIGUSR1), Sig.SIGUSR1)).toBe(true);
    expect(alreadyQueued(q(Sig.SIGUSR1), Sig.SIGUSR2)).toBe(false);
    expect(alreadyQueued(q(35), 35)).toBe(false);
  });
});
