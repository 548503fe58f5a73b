// Signals: kill/tkill/tgkill rules (measured: kill(pid, 65) / (pid, -1) → EINVAL, kill(INT_MIN,
// 0) → ESRCH, tgkill(0, …) → EINVAL, a foreign tgid → ESRCH, tkill(-1) → EINVAL), rt_sigaction
// and rt_sigprocmask argument rules, default actions and exit statuses, SIGPIPE with SIG_IGN vs
// SIG_DFL (facts §7.2 #12), siginfo of CPU faults (signal/siginfo.ts).
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../../testing/harness.js';
import { errno } from '../errno.js';
import { getWords, putWords } from '../uaccess.js';
import { SiCode } from '../../signal/siginfo.js';
import type { SigInfo } from '../../signal/siginfo.js';
import { Kernel } from '../../kernel.js';
import { settleInterruptedSyscall } from '../../signal/restart.js';

const E = (n: number) => BigInt(-n);

function traced(h: ReturnType<typeof makeHarness>) {
  const events: string[] = [];
  const signals: SigInfo[] = [];
  h.kernel.tracer = {
    onSyscallExit: (_c, d, _a, r) => events.push(`${d.name} = ${r}`),
    onSignal: (_t, i) => {
      signals.push(i);
      events.push(`--- ${i.signo}`);
    },
    onExit: (_p, s) => events.push(`+++ ${Kernel.exitCode(s)}`),
  };
  return { events, signals };
}

describe('kill / tkill / tgkill', () => {
  it('checks arguments like Linux', () => {
    const h = makeHarness();
    const pid = h.process.pid;
    expect(h.ret('kill', pid, 0)).toBe(0n);
    expect(h.ret('kill', 999999, 0)).toBe(E(errno.ESRCH));
    expect(h.ret('kill', pid, 65)).toBe(E(errno.EINVAL));
    expect(h.ret('kill', pid, -1)).toBe(E(errno.EINVAL));
    expect(h.ret('kill', -2147483648, 0)).toBe(E(errno.ESRCH));
    expect(h.ret('kill', -1, 0)).toBe(E(errno.ESRCH)); // nobody else to signal
    expect(h.ret('kill', 0, 0)).toBe(0n); // own process group
    expect(h.ret('tgkill', 0, pid, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('tgkill', pid + 100000, pid, 0)).toBe(E(errno.ESRCH));
    expect(h.ret('tgkill', pid, pid, 0)).toBe(0n);
    expect(h.ret('tkill', -1, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('tkill', pid, 0)).toBe(0n);
    const t2 = h.kernel.createThread(h.process);
    expect(h.ret('kill', t2.tid, 0)).toBe(0n); // a tid names its thread group
  });

  it('kill(self, SIGTERM) with the default action ends the process after the call returns: 128+15', () => {
    const h = makeHarness();
    const { events, signals } = traced(h);
    expect(h.call('kill', h.process.pid, 15)).toEqual({ kind: 'exited' });
    expect(events).toEqual(['kill = 0', '--- 15', '+++ 143']);
    expect(signals[0]).toEqual({ signo: 15, code: SiCode.SI_USER, pid: h.process.pid, uid: 0 });
    expect(h.process.exitStatus).toEqual({ kind: 'signaled', signal: 15, core: false });
    expect(h.kernel.processes.has(h.process.pid)).toBe(false);
  });

  it('tgkill uses SI_TKILL; SIGCHLD is ignored by default', () => {
    const h = makeHarness();
    const { signals } = traced(h);
    expect(h.ret('tgkill', h.process.pid, h.thread.tid, 17)).toBe(0n);
    expect(signals).toEqual([{ signo: 17, code: SiCode.SI_TKILL, pid: h.process.pid, uid: 0 }]);
    expect(h.process.state).toBe('alive');
  });
});

describe('rt_sigaction / rt_sigprocmask', () => {
  it('argument rules: sigsetsize 8, SIGKILL only readable, EFAULT', () => {
    const h = makeHarness();
    expect(h.ret('rt_sigaction', 10, 0, 0, 4)).toBe(E(errno.EINVAL));
    expect(h.ret('rt_sigaction', 9, 8, 0, 8)).toBe(E(errno.EFAULT)); // act is read first
    expect(h.ret('rt_sigaction', 9, 0, 0, 8)).toBe(0n);
    expect(h.ret('rt_sigaction', 9, h.scratch, 0, 8)).toBe(E(errno.EINVAL));
    expect(h.ret('rt_sigaction', 0, 0, 0, 8)).toBe(E(errno.EINVAL));
    expect(h.ret('rt_sigaction', 65, 0, 0, 8)).toBe(E(errno.EINVAL));
    expect(h.ret('rt_sigaction', 10, 8, 0, 8)).toBe(E(errno.EFAULT));
    expect(h.ret('rt_sigprocmask', 5, 0, 0, 8)).toBe(0n); // how is not checked without a set
    expect(h.ret('rt_sigprocmask', 5, h.scratch, 0, 8)).toBe(E(errno.EINVAL));
    expect(h.ret('rt_sigprocmask', 0, 0, 0, 4)).toBe(E(errno.EINVAL));
    expect(h.ret('rt_sigprocmask', 0, 8, 0, 8)).toBe(E(errno.EFAULT));
  });

  it('stores and returns actions (x86-64 layout handler, flags, restorer, mask)', () => {
    const h = makeHarness();
    const mem = h.kernel.userMemory(h.process);
    putWords(mem, h.scratch, [0x401000n, 0x04000000n, 0x401100n, (1n << 9n) | (1n << 8n)], 8); // USR1 | KILL
    expect(h.ret('rt_sigaction', 10, h.scratch, 0, 8)).toBe(0n);
    expect(h.ret('rt_sigaction', 10, 0, h.scratch + 64, 8)).toBe(0n);
    expect(getWords(mem, h.scratch + 64, 4, 8)).toEqual([0x401000n, 0x04000000n, 0x401100n, 1n << 9n]);
    // SIGKILL/SIGSTOP are removed from an action's mask
    putWords(mem, h.scratch, [1n, 0n, 0n, (1n << 8n) | (1n << 18n) | 1n], 8);
    h.ret('rt_sigaction', 12, h.scratch, 0, 8);
    expect(h.process.signalActions.get(12).mask).toBe(1n);
  });

  it('SIG_BLOCK / SIG_UNBLOCK / SIG_SETMASK; SIGKILL cannot be blocked; a blocked signal waits', () => {
    const h = makeHarness();
    const mem = h.kernel.userMemory(h.process);
    const { events } = traced(h);
    putWords(mem, h.scratch, [(1n << 9n) | (1n << 14n) | (1n << 8n)], 8); // SIGUSR1(10), SIGTERM(15), SIGKILL(9)
    expect(h.ret('rt_sigprocmask', 0, h.scratch, 0, 8)).toBe(0n);
    expect(h.thread.sigmask).toBe((1n << 9n) | (1n << 14n));
    expect(h.ret('kill', h.process.pid, 15)).toBe(0n); // blocked: stays pending
    expect(h.process.state).toBe('alive');
    expect(h.ret('rt_sigpending', h.scratch + 8, 8)).toBe(0n);
    expect(getWords(mem, h.scratch + 8, 1, 8)).toEqual([1n << 14n]);
    putWords(mem, h.scratch, [1n << 14n], 8);
    expect(h.call('rt_sigprocmask', 1, h.scratch, h.scratch + 16, 8)).toEqual({ kind: 'exited' });
    expect(events.slice(-3)).toEqual(['rt_sigprocmask = 0', '--- 15', '+++ 143']);
    expect(getWords(mem, h.scratch + 16, 1, 8)).toBeNull(); // the address space is gone
  });
});

describe('SIGPIPE', () => {
  it('default action: killed, status 141; with SIG_IGN the call goes on', () => {
    const h = makeHarness();
    const { events } = traced(h);
    h.kernel.raiseSigpipe(h.thread);
    expect(h.call('getpid')).toEqual({ kind: 'exited' });
    expect(events).toEqual([`getpid = ${h.process.pid}`, '--- 13', '+++ 141']);

    const g = makeHarness();
    const t = traced(g);
    expect(g.ret('rt_sigaction', 13, g.scratch, 0, 8)).toBe(0n); // scratch is zero: SIG_DFL
    putWords(g.kernel.userMemory(g.process), g.scratch, [1n, 0n, 0n, 0n], 8); // SIG_IGN
    expect(g.ret('rt_sigaction', 13, g.scratch, 0, 8)).toBe(0n);
    g.kernel.raiseSigpipe(g.thread);
    expect(g.ret('getpid')).toBe(BigInt(g.process.pid));
    // strace still shows the ignored signal (ptraced tasks see it): onSignal fires
    expect(t.signals).toEqual([{ signo: 13, code: SiCode.SI_USER, pid: g.process.pid, uid: 0 }]);
    expect(g.process.state).toBe('alive');
  });
});

describe('CPU faults', () => {
  const cases: [string, Parameters<Kernel['handleFault']>[1], SigInfo, number][] = [
    ['#GP', { kind: 'gp' }, { signo: 11, code: SiCode.SI_KERNEL, addr: 0n }, 139],
    ['#UD', { kind: 'ud', pc: 0x401005n }, { signo: 4, code: SiCode.ILL_ILLOPN, addr: 0x401005n }, 132],
    ['#DE', { kind: 'de', pc: 0x401009n }, { signo: 8, code: SiCode.FPE_INTDIV, addr: 0x401009n }, 136],
    ['#BP', { kind: 'bp', pc: 0x40100an }, { signo: 5, code: SiCode.SI_KERNEL }, 133],
  ];
  for (const [name, fault, info, status] of cases) {
    it(`${name} → ${JSON.stringify(info, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v))}, exit ${status}`, () => {
      const h = makeHarness();
      const { signals, events } = traced(h);
      expect(h.kernel.handleFault(h.thread, fault)).toEqual({ kind: 'exited' });
      expect(signals).toEqual([info]);
      expect(events.at(-1)).toBe(`+++ ${status}`);
    });
  }

  it('a fault signal cannot be ignored or blocked (force_sig)', () => {
    const h = makeHarness();
    const mem = h.kernel.userMemory(h.process);
    putWords(mem, h.scratch, [1n, 0n, 0n, 0n], 8);
    h.ret('rt_sigaction', 11, h.scratch, 0, 8);
    putWords(mem, h.scratch, [1n << 10n], 8);
    h.ret('rt_sigprocmask', 0, h.scratch, 0, 8);
    expect(h.kernel.handleFault(h.thread, { kind: 'gp' })).toEqual({ kind: 'exited' });
    expect(h.process.exitStatus).toEqual({ kind: 'signaled', signal: 11, core: false });
  });

  it('with a handler installed the fault is reported for delivery', () => {
    const h = makeHarness();
    putWords(h.kernel.userMemory(h.process), h.scratch, [0x401000n, 0x04000000n, 0x401100n, 0n], 8);
    h.ret('rt_sigaction', 4, h.scratch, 0, 8);
    const out = h.kernel.handleFault(h.thread, { kind: 'ud', pc: 0x401000n });
    expect(out).toEqual({ kind: 'signal', info: { signo: 4, code: SiCode.ILL_ILLOPN, addr: 0x401000n } });
    expect(h.kernel.takeSignalForHandler(h.thread)).toEqual({ signo: 4, code: SiCode.ILL_ILLOPN, addr: 0x401000n });
  });
});

describe('sigaltstack', () => {
  it('reports disabled at first, validates (ENOMEM < 2048, EINVAL bad mode), remembers and disables (measured)', () => {
    const h = makeHarness();
    const mem = h.kernel.userMemory(h.process);
    const old = h.scratch + 256;
    expect(h.ret('sigaltstack', 0, old)).toBe(0n);
    expect(getWords(mem, old, 3, 8)).toEqual([0n, 2n, 0n]);
    putWords(mem, h.scratch, [0x1000n, 0n, 1000n], 8);
    expect(h.ret('sigaltstack', h.scratch, 0)).toBe(E(errno.ENOMEM));
    putWords(mem, h.scratch, [0x1000n, 5n, 4096n], 8);
    expect(h.ret('sigaltstack', h.scratch, 0)).toBe(E(errno.EINVAL));
    putWords(mem, h.scratch, [0x1000n, 1n, 4096n], 8); // SS_ONSTACK is accepted as 0
    expect(h.ret('sigaltstack', h.scratch, 0)).toBe(0n);
    expect(h.ret('sigaltstack', 0, old)).toBe(0n);
    expect(getWords(mem, old, 3, 8)).toEqual([0x1000n, 0n, 4096n]);
    putWords(mem, h.scratch, [0n, 2n, 0n], 8);
    expect(h.ret('sigaltstack', h.scratch, old)).toBe(0n);
    expect(getWords(mem, old, 3, 8)).toEqual([0x1000n, 0n, 4096n]); // the previous one
    expect(h.ret('sigaltstack', 0, old)).toBe(0n);
    expect(getWords(mem, old, 3, 8)).toEqual([0n, 2n, 0n]);
    expect(h.ret('sigaltstack', 8, 0)).toBe(E(errno.EFAULT));
  });
});

describe('signals interrupting sleeps', () => {
  const USR1 = 10;
  function catchSignal(h: ReturnType<typeof makeHarness>, sig: number, flags = 0n) {
    putWords(h.kernel.userMemory(h.process), h.scratch + 512, [0x401000n, flags | 0x04000000n, 0x401100n, 0n], 8);
    expect(h.ret('rt_sigaction', sig, h.scratch + 512, 0, 8)).toBe(0n);
  }
  const user = (h: ReturnType<typeof makeHarness>, signo: number) => ({ signo, code: SiCode.SI_USER, pid: 1, uid: 0 });
  /** What the arch's delivery does with the interrupted call for the handler of `signo`
   *  (signal/restart.ts): 'eintr' (the result register set to -EINTR) or 'restart'. */
  function settle(h: ReturnType<typeof makeHarness>, signo: number): string {
    let out = 'untouched';
    settleInterruptedSyscall(h.thread, h.process.signalActions.get(signo), {
      setResult: (v) => (out = v === E(errno.EINTR) ? 'eintr' : `result ${v}`),
      rewind: () => (out = 'restart'),
    });
    return out;
  }

  it('pause: a caught signal ends it with EINTR (the tracer sees the exit); the signal stays for the handler', () => {
    const h = makeHarness();
    catchSignal(h, USR1);
    const exits: string[] = [];
    h.kernel.tracer = { onSyscallExit: (_c, d, _a, r) => exits.push(`${d.name} = ${r}`) };
    expect(h.call('pause')).toEqual({ kind: 'blocked' });
    expect(h.kernel.schedule()).toEqual({ kind: 'deadlock' });
    h.kernel.sendSignal(h.process, user(h, USR1));
    expect(h.kernel.schedule()).toEqual({ kind: 'run', thread: h.thread });
    // -ERESTARTNOHAND for the tracer (strace: `pause() = ? ERESTARTNOHAND`), -EINTR once the
    // handler is delivered.
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: BigInt.asUintN(64, E(errno.ERESTARTNOHAND)) });
    expect(exits).toEqual([`pause = ${-errno.ERESTARTNOHAND}`]);
    expect(h.kernel.takeSignalForHandler(h.thread)?.signo).toBe(USR1);
    expect(settle(h, USR1)).toBe('eintr');
    expect(settle(h, USR1)).toBe('untouched'); // settled once
  });

  it('pause: an ignored signal changes nothing; a fatal one ends the process', () => {
    const h = makeHarness();
    expect(h.call('pause')).toEqual({ kind: 'blocked' });
    h.kernel.sendSignal(h.process, user(h, 17)); // SIGCHLD: ignored by default
    expect(h.kernel.schedule()).toEqual({ kind: 'run', thread: h.thread });
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'blocked' });
    h.kernel.sendSignal(h.process, user(h, 15));
    expect(h.kernel.schedule()).toEqual({ kind: 'run', thread: h.thread });
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'exited' });
    expect(h.process.exitStatus).toEqual({ kind: 'signaled', signal: 15, core: false });
  });

  it('a blocked signal does not wake the sleeper', () => {
    const h = makeHarness();
    catchSignal(h, USR1);
    putWords(h.kernel.userMemory(h.process), h.scratch, [1n << 9n], 8);
    h.ret('rt_sigprocmask', 0, h.scratch, 0, 8);
    expect(h.call('pause')).toEqual({ kind: 'blocked' });
    h.kernel.sendSignal(h.process, user(h, USR1));
    expect(h.kernel.schedule()).toEqual({ kind: 'deadlock' });
  });

  it('SA_RESTART restarts wait4 but not nanosleep (ERESTART_RESTARTBLOCK → EINTR)', () => {
    const h = makeHarness({ clock: { mode: 'deterministic' } });
    catchSignal(h, USR1, 0x10000000n);
    h.kernel.createProcess('x86_64', h.process);
    expect(h.call('wait4', -1, 0, 0, 0)).toEqual({ kind: 'blocked' });
    h.kernel.sendSignal(h.thread, user(h, USR1));
    expect(h.kernel.schedule()).toMatchObject({ kind: 'run' });
    // -ERESTARTSYS, rewound by the delivery of a SA_RESTART handler (made again after it).
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: BigInt.asUintN(64, E(errno.ERESTARTSYS)) });
    expect(settle(h, USR1)).toBe('restart');
    h.kernel.takeSignalForHandler(h.thread);
    const g = makeHarness({ clock: { mode: 'deterministic' } });
    catchSignal(g, USR1, 0x10000000n);
    putWords(g.kernel.userMemory(g.process), g.scratch, [5n, 0n], 8);
    expect(g.call('nanosleep', g.scratch, 0)).toEqual({ kind: 'blocked' });
    g.kernel.sendSignal(g.thread, user(g, USR1));
    expect(g.kernel.schedule()).toMatchObject({ kind: 'run' });
    expect(g.kernel.resumeSyscall(g.thread)).toEqual({ kind: 'return', value: BigInt.asUintN(64, E(errno.ERESTART_RESTARTBLOCK)) });
    expect(settle(g, USR1)).toBe('eintr');
  });

  it('an interrupted nanosleep writes the time left to rem', () => {
    let instructions = 0;
    const g = makeHarness({ clock: { mode: 'deterministic' } });
    g.kernel.clock.instructionCounter = () => instructions;
    catchSignal(g, USR1);
    const mem = g.kernel.userMemory(g.process);
    putWords(mem, g.scratch, [5n, 0n], 8);
    expect(g.call('nanosleep', g.scratch, g.scratch + 16)).toEqual({ kind: 'blocked' });
    instructions = 1_500_000_000; // 1.5 s pass
    g.kernel.sendSignal(g.thread, user(g, USR1));
    g.kernel.schedule();
    expect(g.kernel.resumeSyscall(g.thread)).toEqual({ kind: 'return', value: BigInt.asUintN(64, E(errno.ERESTART_RESTARTBLOCK)) });
    expect(getWords(mem, g.scratch + 16, 2, 8)).toEqual([3n, 500_000_000n]);
  });
});
