// KernelClock.monotonicNsNumber: the number the vDSO's RDTSC reads must be the same clock as
// monotonicNs() (the clock_gettime syscall's), so that vDSO and syscall times interleave in
// order: read syscall-style, number-style, syscall-style — never decreasing.

import { describe, expect, it } from 'vitest';
import { KernelClock } from './clock.js';

describe('KernelClock.monotonicNsNumber', () => {
  it('agrees with monotonicNs (host clock): interleaved reads never go backwards', () => {
    const clock = new KernelClock();
    let last = 0;
    for (let i = 0; i < 20000; i++) {
      const a = Number(clock.monotonicNs());
      const b = clock.monotonicNsNumber();
      expect(a).toBeGreaterThanOrEqual(last);
      expect(b).toBeGreaterThanOrEqual(a);
      last = b;
      expect(Number.isInteger(b)).toBe(true);
    }
  });

  it('is monotonicNs in deterministic mode', () => {
    const clock = new KernelClock({ mode: 'deterministic', nsPerInstruction: 3 });
    let n = 0;
    clock.instructionCounter = () => n;
    for (n = 0; n < 5; n++) expect(clock.monotonicNsNumber()).toBe(Number(clock.monotonicNs()));
  });
});
