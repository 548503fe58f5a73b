// KernelClock.counterNs, the counter x86-64's RDTSC reads: interleaved with the kernel's own
// reads of CLOCK_MONOTONIC it never goes back, never reads less than a time the kernel handed
// out before it nor more than one the kernel reads after it, and it reads the host clock again
// once enough instructions retired (so it keeps up with time across a long pause).

import { describe, expect, it } from 'vitest';
import { KernelClock } from './clock.js';

function spin(ms: number): void {
  const end = process.hrtime.bigint() + BigInt(ms) * 1_000_000n;
  while (process.hrtime.bigint() < end) { /* wait on the host clock */ }
}

describe('KernelClock.counterNs', () => {
  it('stays between the kernel clock reads around it and never goes back', () => {
    const clock = new KernelClock();
    let retired = 0;
    clock.instructionCounter = () => retired;
    let last = 0;
    for (let i = 0; i < 20_000; i++) {
      retired += 1 + (i % 97); // calls a few instructions to a hundred apart
      const before = Number(i % 7 === 0 ? clock.monotonicNs() : 0n);
      const c = clock.counterNs(retired);
      const after = Number(clock.monotonicNs());
      expect(c).toBeGreaterThan(last);
      if (before) expect(c).toBeGreaterThanOrEqual(before);
      expect(c).toBeLessThanOrEqual(after);
      last = c;
      // Only some reads by the kernel: most counter reads go without one in between.
      if (i % 3 !== 0) retired += 1;
    }
  });

  it('reads the host clock again after a run of instructions, not only at kernel reads', () => {
    const clock = new KernelClock();
    let retired = 1000;
    const first = clock.counterNs(retired);
    spin(20);
    // A few instructions later: the same reading advanced by one ns per instruction.
    expect(clock.counterNs(retired + 10)).toBe(first + 10);
    // Thousands of instructions later: the host clock again (≥ the 20 ms that passed).
    retired += 5000;
    expect(clock.counterNs(retired) - first).toBeGreaterThanOrEqual(20_000_000);
  });

  it('after the kernel reads the clock (a vvar update), continues from that reading', () => {
    const clock = new KernelClock();
    let retired = 0;
    clock.instructionCounter = () => retired;
    clock.counterNs(++retired);
    spin(5);
    retired += 3;
    const kernelRead = Number(clock.monotonicNs());
    // One instruction later the counter is past what the kernel read: a vvar cycle_last
    // written then is never ahead of the counter the vDSO subtracts it from.
    expect(clock.counterNs(retired + 1)).toBeGreaterThanOrEqual(kernelRead);
  });

  it('in deterministic mode is the clock at that instruction count', () => {
    const clock = new KernelClock({ mode: 'deterministic', nsPerInstruction: 2 });
    clock.instructionCounter = () => 500;
    expect(clock.counterNs(500)).toBe(Number(clock.monotonicNs()));
    expect(clock.counterNs(800)).toBe(Number(clock.monotonicNs()) + 600);
  });
});
