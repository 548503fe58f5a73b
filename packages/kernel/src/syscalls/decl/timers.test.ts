// Timers and signal waits on a CPU-less kernel with the deterministic clock (time advances only
// when the test retires instructions or the scheduler skips to a deadline): alarm's rounding,
// setitimer/getitimer checks, ITIMER_REAL firing from the idle scheduler, the CPU-time itimers,
// POSIX timer ids, overruns, SIGEV_NONE and exec/fork, rt_sigtimedwait, rt_sigqueueinfo's EPERM
// rule, rt_sigsuspend's mask, clock_settime's checks, and restart_syscall's restart block.
// The same behaviour against Linux: tests/cases/x86_64/tm_*.s.
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../../testing/harness.js';
import { errno } from '../errno.js';
import { getWords, putWords } from '../uaccess.js';
import { SiCode } from '../../signal/siginfo.js';
import { settleInterruptedSyscall } from '../../signal/restart.js';
import { timersOf } from '../../time/posix-timers.js';

const E = (n: number) => BigInt(-n);
const MS = 1_000_000n;
const SIGALRM = 14;
const SIGUSR1 = 10;
const SIGVTALRM = 26;

function det() {
  let instructions = 0;
  const h = makeHarness({ clock: { mode: 'deterministic' } });
  h.kernel.clock.instructionCounter = () => instructions;
  const mem = h.kernel.userMemory(h.process);
  /** A handler for `sig` (so that its default action does not end the process). */
  const catchSignal = (sig: number) => {
    putWords(mem, h.scratch + 4096, [0x401000n, 0x04000000n, 0x401100n, 0n], 8);
    expect(h.ret('rt_sigaction', sig, h.scratch + 4096, 0, 8)).toBe(0n);
  };
  return { h, mem, run: (n: number) => (instructions += n), catchSignal };
}

describe('alarm / setitimer / getitimer', () => {
  it('alarm returns the old value rounded to the nearest second, never 0 while pending', () => {
    const { h, mem } = det();
    expect(h.ret('alarm', 5)).toBe(0n);
    expect(h.ret('alarm', 0)).toBe(5n);
    putWords(mem, h.scratch, [0, 0, 1, 600000], 8); // 1.6 s
    expect(h.ret('setitimer', 0, h.scratch, 0)).toBe(0n);
    expect(h.ret('alarm', 0)).toBe(2n);
    putWords(mem, h.scratch, [0, 0, 0, 300000], 8); // 0.3 s
    h.ret('setitimer', 0, h.scratch, 0);
    expect(h.ret('alarm', 0)).toBe(1n);
    expect(h.ret('alarm', 0)).toBe(0n);
  });

  it('checks in Linux order: EFAULT, invalid timeval, which; getitimer: which, then EFAULT', () => {
    const { h, mem } = det();
    putWords(mem, h.scratch, [0, 1000000, 0, 1], 8);
    expect(h.ret('setitimer', 0, h.scratch, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('setitimer', 9, 8, 0)).toBe(E(errno.EFAULT));
    putWords(mem, h.scratch, [0, 0, 0, 1], 8);
    expect(h.ret('setitimer', 9, h.scratch, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('setitimer', 0, h.scratch, 8)).toBe(E(errno.EFAULT)); // armed all the same
    expect(h.ret('getitimer', 3, 8)).toBe(E(errno.EINVAL));
    expect(h.ret('getitimer', 0, 8)).toBe(E(errno.EFAULT));
    expect(h.ret('setitimer', 0, 0, 0)).toBe(0n); // NULL: disarm
  });

  it('ITIMER_REAL fires SIGALRM (SI_KERNEL) from the idle scheduler and reloads its interval', () => {
    const { h, mem, catchSignal } = det();
    catchSignal(SIGALRM);
    putWords(mem, h.scratch, [0, 10000, 0, 20000], 8); // 20 ms, then every 10 ms
    expect(h.ret('setitimer', 0, h.scratch, 0)).toBe(0n);
    expect(h.call('pause')).toEqual({ kind: 'blocked' });
    const before = h.kernel.clock.monotonicNs();
    expect(h.kernel.schedule()).toEqual({ kind: 'run', thread: h.thread });
    expect(h.kernel.clock.monotonicNs() - before).toBe(20n * MS);
    expect(h.process.pendingSignals).toEqual([{ signo: SIGALRM, code: SiCode.SI_KERNEL }]);
    h.ret('getitimer', 0, h.scratch + 64);
    expect(getWords(mem, h.scratch + 64, 4, 8)).toEqual([0n, 10000n, 0n, 10000n]);
  });

  it('ITIMER_VIRTUAL counts the process CPU time (user instructions), not the wall clock', () => {
    const { h, mem, run, catchSignal } = det();
    catchSignal(SIGVTALRM);
    putWords(mem, h.scratch, [0, 0, 0, 1000], 8); // 1 ms of CPU = 1e6 instructions at 1 ns each
    expect(h.ret('setitimer', 1, h.scratch, 0)).toBe(0n);
    h.kernel.scheduler.expire(h.kernel.clock.monotonicNs());
    expect(h.process.pendingSignals).toEqual([]);
    run(2_000_000); // the clock moves, the thread has not run
    h.kernel.scheduler.expire(h.kernel.clock.monotonicNs());
    expect(h.process.pendingSignals).toEqual([]);
    h.thread.userInstructions += 1_000_000;
    h.kernel.scheduler.expire(h.kernel.clock.monotonicNs());
    expect(h.process.pendingSignals.map((s) => s.signo)).toEqual([SIGVTALRM]);
  });

  it('interval timers survive execve-like resets of POSIX timers and are not inherited by a new process', () => {
    const { h, mem } = det();
    putWords(mem, h.scratch, [0, 0, 5, 0], 8);
    h.ret('setitimer', 0, h.scratch, 0);
    expect(h.ret('timer_create', 1, 0, h.scratch + 64)).toBe(0n);
    timersOf(h.kernel).onExec(h.process);
    expect(h.ret('timer_gettime', 0, h.scratch + 64)).toBe(E(errno.EINVAL));
    h.ret('getitimer', 0, h.scratch + 64);
    expect(getWords(mem, h.scratch + 64, 4, 8)![2]).toBe(5n);
    const { process: other } = h.kernel.createProcess('x86_64', h.process);
    expect(timersOf(h.kernel).peek(other)).toBeUndefined();
  });
});

describe('POSIX timers', () => {
  it('ids count up and are not reused; bad sigevents use an id up; checks in Linux order', () => {
    const { h, mem } = det();
    const ev = h.scratch + 256;
    const id = h.scratch + 512;
    putWords(mem, ev, [42n, BigInt(SIGUSR1) | (0n << 32n), 0n], 8);
    expect(h.ret('timer_create', 99, ev, id)).toBe(E(errno.EINVAL));
    expect(h.ret('timer_create', 4, ev, id)).toBe(E(errno.EOPNOTSUPP));
    expect(h.ret('timer_create', 1, 8, id)).toBe(E(errno.EFAULT));
    expect(h.ret('timer_create', 1, ev, id)).toBe(0n);
    expect(getWords(mem, id, 1, 4)).toEqual([0n]);
    expect(h.ret('timer_create', 8, ev, id)).toBe(E(errno.EOPNOTSUPP)); // ALARM: id 1 spent
    putWords(mem, ev + 8, [0n], 8); // signal 0
    expect(h.ret('timer_create', 1, ev, id)).toBe(E(errno.EINVAL)); // id 2 spent
    expect(h.ret('timer_delete', 0)).toBe(0n);
    expect(h.ret('timer_create', 1, 0, id)).toBe(0n);
    expect(getWords(mem, id, 1, 4)).toEqual([3n]);
    expect(h.ret('timer_delete', 0)).toBe(E(errno.EINVAL));
  });

  it('SI_TIMER with id and value; overruns counted while the signal stays blocked', () => {
    const { h, mem, catchSignal } = det();
    catchSignal(SIGUSR1);
    const ev = h.scratch + 256;
    putWords(mem, ev, [42n, BigInt(SIGUSR1)], 8);
    h.ret('timer_create', 1, ev, h.scratch + 512);
    putWords(mem, h.scratch + 600, [1n << BigInt(SIGUSR1 - 1)], 8);
    h.ret('rt_sigprocmask', 0, h.scratch + 600, 0, 8);
    putWords(mem, h.scratch, [0, 10n * MS, 0, 10n * MS], 8);
    expect(h.ret('timer_settime', 0, 0, h.scratch, 0)).toBe(0n);
    putWords(mem, h.scratch + 64, [0, 55n * MS], 8);
    expect(h.call('nanosleep', h.scratch + 64, 0)).toEqual({ kind: 'blocked' });
    for (let i = 0; i < 10 && h.kernel.schedule().kind !== 'run'; i++);
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: 0n });
    const info = h.process.pendingSignals[0]!;
    expect(info).toMatchObject({ signo: SIGUSR1, code: SiCode.SI_TIMER, timerId: 0, value: 42n });
    expect(info.overrun).toBe(4); // expiries at 10…50 ms: one queued, four more
    // rt_sigtimedwait takes it with its siginfo; timer_getoverrun then reports it.
    expect(h.ret('rt_sigtimedwait', h.scratch + 600, h.scratch + 1024, 0, 8)).toBe(BigInt(SIGUSR1));
    const w = new DataView(mem.read(h.scratch + 1024, 32)!.buffer);
    expect([w.getInt32(8, true), w.getInt32(16, true), w.getInt32(20, true), Number(w.getBigUint64(24, true))]).toEqual([-2, 0, 4, 42]);
    expect(h.ret('timer_getoverrun', 0)).toBe(4n);
  });

  it('SIGEV_NONE runs down without a signal; TIMER_ABSTIME in the past fires at once', () => {
    const { h, mem, run, catchSignal } = det();
    catchSignal(SIGUSR1);
    const ev = h.scratch + 256;
    putWords(mem, ev, [0n, BigInt(SIGUSR1) | (1n << 32n)], 8);
    h.ret('timer_create', 1, ev, h.scratch + 512);
    putWords(mem, h.scratch, [0, 0, 0, 10n * MS], 8);
    h.ret('timer_settime', 0, 0, h.scratch, 0);
    run(20_000_000);
    h.kernel.scheduler.expire(h.kernel.clock.monotonicNs());
    expect(h.process.pendingSignals).toEqual([]);
    h.ret('timer_gettime', 0, h.scratch + 64);
    expect(getWords(mem, h.scratch + 64, 4, 8)).toEqual([0n, 0n, 0n, 0n]);
    putWords(mem, ev, [0n, BigInt(SIGUSR1)], 8);
    h.ret('timer_create', 1, ev, h.scratch + 512);
    putWords(mem, h.scratch, [0, 0, 0, 1], 8); // 1 ns after boot: long past
    expect(h.ret('timer_settime', 1, 1, h.scratch, 0)).toBe(0n);
    // Caught: left queued on the thread for the arch's frame code.
    expect(h.thread.pendingSignals.map((s) => s.signo)).toEqual([SIGUSR1]);
  });
});

describe('timer signal targets', () => {
  it('SIGEV_THREAD_ID queues on that thread; a thread of another process is EINVAL', () => {
    const { h, mem, catchSignal } = det();
    catchSignal(SIGUSR1);
    const t2 = h.kernel.createThread(h.process, h.thread);
    const ev = h.scratch + 256;
    putWords(mem, ev, [5n, BigInt(SIGUSR1) | (4n << 32n), BigInt(t2.tid)], 8);
    expect(h.ret('timer_create', 1, ev, h.scratch + 512)).toBe(0n);
    putWords(mem, h.scratch, [0, 0, 0, 1n * MS], 8);
    h.ret('timer_settime', 0, 0, h.scratch, 0);
    h.kernel.clock.skipTo(h.kernel.clock.monotonicNs() + 2n * MS);
    h.kernel.scheduler.expire(h.kernel.clock.monotonicNs());
    expect(t2.pendingSignals.map((s) => [s.signo, s.code, s.value])).toEqual([[SIGUSR1, SiCode.SI_TIMER, 5n]]);
    expect(h.process.pendingSignals).toEqual([]);
    const { thread: other } = h.kernel.createProcess('x86_64');
    putWords(mem, ev + 16, [BigInt(other.tid)], 8);
    expect(h.ret('timer_create', 1, ev, h.scratch + 512)).toBe(E(errno.EINVAL));
  });

  it('SIGALRM without a handler ends a process whose thread is out of the kernel at once', () => {
    const { h, mem } = det();
    putWords(mem, h.scratch, [0, 0, 0, 1000], 8);
    h.ret('setitimer', 0, h.scratch, 0);
    h.kernel.clock.skipTo(h.kernel.clock.monotonicNs() + 2n * MS);
    h.kernel.scheduler.expire(h.kernel.clock.monotonicNs());
    expect(h.process.exitStatus).toEqual({ kind: 'signaled', signal: SIGALRM, core: false });
  });
});

describe('waiting for signals', () => {
  it('rt_sigtimedwait: EINVAL, EAGAIN on timeout, a blocked signal sent later wakes it', () => {
    const { h, mem } = det();
    const set = h.scratch;
    putWords(mem, set, [1n << BigInt(SIGUSR1 - 1)], 8);
    h.ret('rt_sigprocmask', 0, set, 0, 8);
    expect(h.ret('rt_sigtimedwait', set, 0, 0, 4)).toBe(E(errno.EINVAL));
    putWords(mem, h.scratch + 16, [0, 1000000000], 8);
    expect(h.ret('rt_sigtimedwait', set, 0, h.scratch + 16, 8)).toBe(E(errno.EINVAL));
    putWords(mem, h.scratch + 16, [0, 0], 8);
    expect(h.ret('rt_sigtimedwait', set, 0, h.scratch + 16, 8)).toBe(E(errno.EAGAIN));
    putWords(mem, h.scratch + 16, [0, 5n * MS], 8);
    expect(h.call('rt_sigtimedwait', set, 0, h.scratch + 16, 8)).toEqual({ kind: 'blocked' });
    expect(h.kernel.schedule()).toEqual({ kind: 'run', thread: h.thread });
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: BigInt.asUintN(64, E(errno.EAGAIN)) });
    expect(h.call('rt_sigtimedwait', set, h.scratch + 64, 0, 8)).toEqual({ kind: 'blocked' });
    h.kernel.sendSignal(h.process, { signo: SIGUSR1, code: SiCode.SI_USER, pid: 7, uid: 0 });
    expect(h.kernel.schedule()).toEqual({ kind: 'run', thread: h.thread });
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: BigInt(SIGUSR1) });
    expect(h.thread.waitedSignals).toBe(0n);
    expect(getWords(mem, h.scratch + 64, 4, 4)).toEqual([BigInt(SIGUSR1), 0n, 0n, 0n]);
  });

  it('rt_sigqueueinfo: SI_QUEUE to oneself; si_code >= 0 or SI_TKILL to another pid is EPERM before ESRCH', () => {
    const { h, mem } = det();
    const info = h.scratch + 256;
    putWords(mem, info, [0, 0, -1 >>> 0, 0, 0, 0, 7, 0], 4); // si_code SI_QUEUE, si_int 7
    expect(h.ret('rt_sigqueueinfo', h.process.pid, SIGUSR1, 8)).toBe(E(errno.EFAULT));
    expect(h.ret('rt_sigqueueinfo', h.process.pid, 99, info)).toBe(E(errno.EINVAL));
    expect(h.ret('rt_sigqueueinfo', 999999, SIGUSR1, info)).toBe(E(errno.ESRCH));
    putWords(mem, h.scratch + 600, [1n << BigInt(SIGUSR1 - 1)], 8);
    h.ret('rt_sigprocmask', 0, h.scratch + 600, 0, 8);
    expect(h.ret('rt_sigqueueinfo', h.process.pid, SIGUSR1, info)).toBe(0n);
    expect(h.process.pendingSignals[0]).toMatchObject({ signo: SIGUSR1, code: SiCode.SI_QUEUE, pid: 0, value: 7n });
    putWords(mem, info + 8, [0], 4); // si_code SI_USER
    expect(h.ret('rt_sigqueueinfo', 999999, SIGUSR1, info)).toBe(E(errno.EPERM));
    expect(h.ret('rt_tgsigqueueinfo', h.process.pid, 0, SIGUSR1, info)).toBe(E(errno.EINVAL));
    expect(h.ret('rt_tgsigqueueinfo', h.process.pid, h.thread.tid, SIGUSR1, info)).toBe(0n);
  });

  it('rt_sigsuspend: the mask is swapped for the sleep and comes back when the interruption is settled', () => {
    const { h, mem } = det();
    putWords(mem, h.scratch + 512, [0x401000n, 0x04000000n, 0x401100n, 0n], 8);
    h.ret('rt_sigaction', SIGUSR1, h.scratch + 512, 0, 8);
    putWords(mem, h.scratch, [1n << BigInt(SIGUSR1 - 1)], 8);
    h.ret('rt_sigprocmask', 0, h.scratch, 0, 8);
    putWords(mem, h.scratch + 8, [0n], 8);
    expect(h.ret('rt_sigsuspend', h.scratch + 8, 4)).toBe(E(errno.EINVAL));
    expect(h.call('rt_sigsuspend', h.scratch + 8, 8)).toEqual({ kind: 'blocked' });
    expect(h.thread.sigmask).toBe(0n);
    h.kernel.sendSignal(h.process, { signo: SIGUSR1, code: SiCode.SI_USER, pid: 7, uid: 0 });
    h.kernel.schedule();
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: BigInt.asUintN(64, E(errno.ERESTARTNOHAND)) });
    let result = 0n;
    settleInterruptedSyscall(h.thread, h.process.signalActions.get(SIGUSR1), { setResult: (v) => (result = v), rewind: () => {} });
    expect(result).toBe(E(errno.EINTR));
    expect(h.thread.sigmask).toBe(1n << BigInt(SIGUSR1 - 1));
  });
});

describe('clock_settime / settimeofday', () => {
  it('EINVAL for clocks that cannot be set, EPERM for pid CPU clocks and for non-root, before-boot EINVAL', () => {
    const { h, mem } = det();
    putWords(mem, h.scratch, [1_800_000_000n, 0n], 8);
    expect(h.ret('clock_settime', 1, h.scratch)).toBe(E(errno.EINVAL));
    expect(h.ret('clock_settime', 99, h.scratch)).toBe(E(errno.EINVAL));
    expect(h.ret('clock_settime', 2, h.scratch)).toBe(E(errno.EINVAL)); // CLOCK_PROCESS_CPUTIME_ID: no clock_set
    expect(h.ret('clock_settime', -6, h.scratch)).toBe(E(errno.EPERM)); // a pid's CPU clock: never set
    expect(h.ret('clock_settime', 0, 8)).toBe(E(errno.EFAULT));
    putWords(mem, h.scratch + 32, [0n, 0n], 8);
    expect(h.ret('clock_settime', 0, h.scratch + 32)).toBe(E(errno.EINVAL));
    expect(h.ret('clock_settime', 0, h.scratch)).toBe(0n);
    h.ret('clock_gettime', 0, h.scratch + 64);
    expect(getWords(mem, h.scratch + 64, 1, 8)).toEqual([1_800_000_000n]);
    h.process.creds.euid = 1000;
    expect(h.ret('clock_settime', 0, h.scratch)).toBe(E(errno.EPERM));
    expect(h.ret('settimeofday', 0, 0)).toBe(E(errno.EPERM));
    putWords(mem, h.scratch + 32, [0n, 1_000_000n], 8);
    expect(h.ret('settimeofday', h.scratch + 32, 0)).toBe(E(errno.EINVAL));
  });
});

describe('restart_syscall', () => {
  it('without an interrupted call: EINTR; after a nanosleep restarted without a handler: the rest of the sleep', () => {
    const { h, mem } = det();
    expect(h.ret('restart_syscall')).toBe(E(errno.EINTR));
    h.kernel.tracer = {}; // traced: an ignored signal interrupts the sleep
    putWords(mem, h.scratch, [0, 50n * MS], 8);
    expect(h.call('nanosleep', h.scratch, 0)).toEqual({ kind: 'blocked' });
    h.kernel.sendSignal(h.process, { signo: 17, code: SiCode.SI_USER, pid: 7, uid: 0 }); // SIGCHLD: ignored
    h.kernel.schedule();
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: BigInt.asUintN(64, E(errno.ERESTART_RESTARTBLOCK)) });
    let nr = -1;
    let rewound = false;
    settleInterruptedSyscall(h.thread, null, { setResult: () => {}, rewind: () => (rewound = true), setNumber: (n) => (nr = n) });
    expect([rewound, nr]).toEqual([true, 219]); // x86-64 __NR_restart_syscall
    const start = h.kernel.clock.monotonicNs();
    expect(h.call('restart_syscall')).toEqual({ kind: 'blocked' });
    expect(h.kernel.schedule()).toEqual({ kind: 'run', thread: h.thread });
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: 0n });
    expect(h.kernel.clock.monotonicNs() - start).toBeLessThanOrEqual(50n * MS);
    expect(h.ret('restart_syscall')).toBe(E(errno.EINTR));
  });
});

describe('restart_syscall of a timed FUTEX_WAIT', () => {
  it('keeps the absolute expiry the wait started with (futex_wait_restart), not the whole timeout again', () => {
    const { h, mem, run } = det();
    h.kernel.tracer = {}; // traced: an ignored signal interrupts the wait
    putWords(mem, h.scratch, [0n], 4); // the futex word: 0
    putWords(mem, h.scratch + 16, [0n, 50n * MS], 8); // timeout 50 ms
    const start = h.kernel.clock.monotonicNs();
    expect(h.call('futex', h.scratch, 0 /* FUTEX_WAIT */, 0, h.scratch + 16, 0, 0)).toEqual({ kind: 'blocked' });
    run(30_000_000); // 30 ms pass
    h.kernel.sendSignal(h.process, { signo: 17, code: SiCode.SI_USER, pid: 7, uid: 0 }); // SIGCHLD: ignored
    h.kernel.schedule();
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: BigInt.asUintN(64, E(errno.ERESTART_RESTARTBLOCK)) });
    settleInterruptedSyscall(h.thread, null, { setResult: () => {}, rewind: () => {}, setNumber: () => {} });
    expect(h.call('restart_syscall')).toEqual({ kind: 'blocked' });
    expect(h.kernel.schedule()).toEqual({ kind: 'run', thread: h.thread });
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: BigInt.asUintN(64, E(errno.ETIMEDOUT)) });
    expect(h.kernel.clock.monotonicNs() - start).toBe(50n * MS);
  });
});

describe('the generated syscall reference', () => {
  it('lists the timer and signal-wait calls with their numbers on each ABI', async () => {
    const { syscallReference } = await import('../reference.js');
    const { coreSyscalls } = await import('../table.js');
    const text = syscallReference(coreSyscalls);
    expect(text).toContain('| `alarm` | 37 | 27 | — |');
    expect(text).toContain('| `timer_create` | 222 | 259 | 107 |');
    expect(text).toContain('| `rt_sigtimedwait` | 128 | 177 | 137 |');
    expect(text).toContain('| `restart_syscall` | 219 | 0 | 128 |');
    expect(text).toContain('| `sigsuspend` | — | 72 | — |');
  });
});
