// Time syscalls: the clock ids, resolutions and error cases measured on the build machine
// (clock 8/9/10/12 → EINVAL; CPU clock ids -8…-2 valid, -5/-1 EINVAL; COARSE res 4 ms;
// clock_nanosleep on THREAD_CPUTIME / MONOTONIC_RAW / COARSE → EOPNOTSUPP, id 99 → EINVAL;
// tv_nsec = 1e9 → EINVAL; NULL pointers → EFAULT), and sleeping as Blocked with a deadline.
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../../testing/harness.js';
import { errno } from '../errno.js';
import { getWords, putWords } from '../uaccess.js';

const E = (n: number) => BigInt(-n);

describe('clock_gettime / clock_getres', () => {
  it('accepts the ids Linux accepts and rejects the rest with EINVAL', () => {
    const h = makeHarness();
    const ok = [0, 1, 2, 3, 4, 5, 6, 7, 11, -8, -7, -6, -4, -3, -2];
    const bad = [8, 9, 10, 12, 99, -1, -5, -9, -10];
    for (const id of ok) expect([id, h.ret('clock_gettime', id, h.scratch)]).toEqual([id, 0n]);
    for (const id of bad) expect([id, h.ret('clock_gettime', id, h.scratch)]).toEqual([id, E(errno.EINVAL)]);
    for (const id of bad) expect([id, h.ret('clock_getres', id, h.scratch)]).toEqual([id, E(errno.EINVAL)]);
    expect(h.ret('clock_gettime', 0, 0)).toBe(E(errno.EFAULT));
    expect(h.ret('clock_gettime', 0, 8)).toBe(E(errno.EFAULT));
    expect(h.ret('clock_getres', 0, 0)).toBe(0n);
  });

  it('resolutions: 1 ns, 4 ms for COARSE and the PROF/VIRT CPU clocks', () => {
    const h = makeHarness();
    const mem = h.kernel.userMemory(h.process);
    const res = (id: number) => {
      h.ret('clock_getres', id, h.scratch);
      return getWords(mem, h.scratch, 2, 8);
    };
    expect(res(1)).toEqual([0n, 1n]);
    expect(res(5)).toEqual([0n, 4000000n]);
    expect(res(6)).toEqual([0n, 4000000n]);
    expect(res(-8)).toEqual([0n, 4000000n]);
    expect(res(-6)).toEqual([0n, 1n]);
  });

  it('REALTIME is near the host clock; MONOTONIC never goes back; i386 uses 32-bit fields', () => {
    const h = makeHarness();
    const mem = h.kernel.userMemory(h.process);
    h.ret('clock_gettime', 0, h.scratch);
    const [sec] = getWords(mem, h.scratch, 2, 8)!;
    expect(Math.abs(Number(sec) - Date.now() / 1000)).toBeLessThan(5);
    h.ret('clock_gettime', 1, h.scratch);
    const a = getWords(mem, h.scratch, 2, 8)!;
    h.ret('clock_gettime', 1, h.scratch);
    const b = getWords(mem, h.scratch, 2, 8)!;
    expect(b[0]! * 1000000000n + b[1]!).toBeGreaterThanOrEqual(a[0]! * 1000000000n + a[1]!);
    const i = makeHarness({ abi: 'i386' });
    const im = i.kernel.userMemory(i.process);
    putWords(im, i.scratch, [0xdeadbeefn, 0xdeadbeefn, 0xdeadbeefn], 4);
    expect(i.ret('clock_gettime', 0, i.scratch)).toBe(0n);
    const w = getWords(im, i.scratch, 3, 4)!;
    expect(Math.abs(Number(w[0]) - Date.now() / 1000)).toBeLessThan(5);
    expect(w[2]).toBe(0xdeadbeefn); // only 8 bytes written
  });

  it('deterministic mode: time is instructions × ns/instruction from a fixed epoch', () => {
    let instructions = 0;
    const h = makeHarness({ clock: { mode: 'deterministic', nsPerInstruction: 2 } });
    h.kernel.clock.instructionCounter = () => instructions;
    const mem = h.kernel.userMemory(h.process);
    h.ret('clock_gettime', 1, h.scratch);
    expect(getWords(mem, h.scratch, 2, 8)).toEqual([1n, 0n]);
    instructions = 1_500_000_000;
    h.ret('clock_gettime', 1, h.scratch);
    expect(getWords(mem, h.scratch, 2, 8)).toEqual([4n, 0n]);
    h.ret('clock_gettime', 0, h.scratch);
    expect(getWords(mem, h.scratch, 2, 8)).toEqual([1767225600n + 3n, 0n]);
  });
});

describe('gettimeofday / time', () => {
  it('NULL/NULL → 0; bad pointers → EFAULT; time(NULL) returns seconds', () => {
    const h = makeHarness();
    expect(h.ret('gettimeofday', 0, 0)).toBe(0n);
    expect(h.ret('gettimeofday', 8, 0)).toBe(E(errno.EFAULT));
    expect(h.ret('gettimeofday', h.scratch, 8)).toBe(E(errno.EFAULT));
    expect(h.ret('gettimeofday', h.scratch, h.scratch + 16)).toBe(0n);
    const [sec, usec] = getWords(h.kernel.userMemory(h.process), h.scratch, 2, 8)!;
    expect(Math.abs(Number(sec) - Date.now() / 1000)).toBeLessThan(5);
    expect(usec! < 1000000n).toBe(true);
    expect(Math.abs(Number(h.ret('time', 0)) - Date.now() / 1000)).toBeLessThan(5);
    expect(h.ret('time', 8)).toBe(E(errno.EFAULT));
  });
});

describe('nanosleep / clock_nanosleep', () => {
  it('validates the request (EINVAL for nsec ≥ 1e9 or sec < 0, EFAULT for NULL)', () => {
    const h = makeHarness();
    const mem = h.kernel.userMemory(h.process);
    putWords(mem, h.scratch, [0, 1000000000], 8);
    expect(h.ret('nanosleep', h.scratch, 0)).toBe(E(errno.EINVAL));
    putWords(mem, h.scratch, [-1, 0], 8);
    expect(h.ret('nanosleep', h.scratch, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('nanosleep', 0, 0)).toBe(E(errno.EFAULT));
    putWords(mem, h.scratch, [0, 0], 8);
    expect(h.ret('nanosleep', h.scratch, 0)).toBe(0n);
    expect(h.ret('clock_nanosleep', 3, 0, h.scratch, 0)).toBe(E(errno.EOPNOTSUPP));
    expect(h.ret('clock_nanosleep', 4, 0, h.scratch, 0)).toBe(E(errno.EOPNOTSUPP));
    expect(h.ret('clock_nanosleep', 6, 0, h.scratch, 0)).toBe(E(errno.EOPNOTSUPP));
    expect(h.ret('clock_nanosleep', 99, 0, h.scratch, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('clock_nanosleep', 2, 0, h.scratch, 0)).toBe(0n);
    expect(h.ret('clock_nanosleep', 1, 1, h.scratch, 0)).toBe(0n); // absolute time in the past
    expect(h.ret('clock_nanosleep', 0, 2, h.scratch, 0)).toBe(0n); // unknown flag bits are ignored
  });

  it('blocks with a deadline; the deterministic scheduler skips to it and the call completes', () => {
    let instructions = 1000;
    const h = makeHarness({ clock: { mode: 'deterministic' } });
    h.kernel.clock.instructionCounter = () => instructions;
    const mem = h.kernel.userMemory(h.process);
    putWords(mem, h.scratch, [2, 500], 8);
    const start = h.kernel.clock.monotonicNs();
    expect(h.call('nanosleep', h.scratch, 0)).toEqual({ kind: 'blocked' });
    expect(h.thread.state).toBe('blocked');
    expect(h.thread.deadlineNs).toBe(start + 2_000_000_500n);
    const next = h.kernel.schedule();
    expect(next).toEqual({ kind: 'run', thread: h.thread });
    expect(h.kernel.clock.monotonicNs()).toBe(start + 2_000_000_500n);
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: 0n });
    instructions += 10;
    // a fresh sleep computes a fresh deadline
    putWords(mem, h.scratch, [0, 100], 8);
    expect(h.call('nanosleep', h.scratch, 0)).toEqual({ kind: 'blocked' });
    expect(h.thread.deadlineNs).toBe(h.kernel.clock.monotonicNs() + 100n);
  });

  it('host mode: schedule() reports idle with the remaining wait', () => {
    const h = makeHarness();
    const mem = h.kernel.userMemory(h.process);
    putWords(mem, h.scratch, [0, 20_000_000], 8);
    expect(h.call('nanosleep', h.scratch, 0)).toEqual({ kind: 'blocked' });
    const s = h.kernel.schedule();
    expect(s.kind).toBe('idle');
    if (s.kind === 'idle') {
      expect(s.waitNs > 0n && s.waitNs <= 20_000_000n).toBe(true);
      h.kernel.idleWait(s.waitNs);
    }
    const again = h.kernel.schedule();
    expect(again).toEqual({ kind: 'run', thread: h.thread });
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: 0n });
  });
});
