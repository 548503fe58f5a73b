// The vvar writer: the page's fields after attach, the sequence count even and advancing by 2
// per write, clock mode off, and that the bases follow a clock_settime-like REALTIME change.
import { describe, expect, it } from 'vitest';
import type { MemoryMap } from '../mm/memory-map.js';
import { KernelClock } from './clock.js';
import { VCLOCK_MODE_NONE, VCLOCK_MODE_TSC, VVAR, VVAR_MULT, VVAR_SHIFT, VvarTimekeeper } from './vvar.js';

/** A stand-in address space: one page at 0x1000 that writeKernel writes into. */
function fakeMm(): { mm: MemoryMap; page: DataView; released: () => void } {
  const bytes = new Uint8Array(4096);
  let alive = true;
  const mm = {
    writeKernel(addr: number, data: Uint8Array): boolean {
      if (!alive || addr < 0x1000 || addr + data.length > 0x2000) return false;
      bytes.set(data, addr - 0x1000);
      return true;
    },
  } as unknown as MemoryMap;
  return { mm, page: new DataView(bytes.buffer), released: () => (alive = false) };
}

describe('VvarTimekeeper', () => {
  it('writes the bases, mult/shift and clock mode under an even sequence count', () => {
    let retired = 5000;
    const clock = new KernelClock({ mode: 'deterministic', nsPerInstruction: 2 });
    clock.instructionCounter = () => retired;
    const tk = new VvarTimekeeper(clock);
    const { mm, page } = fakeMm();
    expect(tk.attach(mm, 0x1000)).toBe(true);
    expect(page.getUint32(VVAR.SEQ, true)).toBe(2);
    expect(page.getUint32(VVAR.CLOCK_MODE, true)).toBe(VCLOCK_MODE_TSC);
    expect(page.getUint32(VVAR.MULT, true)).toBe(VVAR_MULT);
    expect(page.getUint32(VVAR.SHIFT, true)).toBe(VVAR_SHIFT);
    expect(page.getBigUint64(VVAR.MONOTONIC_NS, true)).toBe(clock.monotonicNs());
    expect(page.getBigUint64(VVAR.REALTIME_NS, true)).toBe(clock.realtimeNs());
    expect(page.getBigUint64(VVAR.CYCLE_LAST, true)).toBe(tk.counter());
    // The vDSO's arithmetic at a later counter value gives the syscall's clocks.
    retired = 9000;
    const delta = tk.counter() - page.getBigUint64(VVAR.CYCLE_LAST, true);
    const ns = (delta * BigInt(VVAR_MULT)) >> BigInt(VVAR_SHIFT);
    expect(page.getBigUint64(VVAR.MONOTONIC_NS, true) + ns).toBe(clock.monotonicNs());
    expect(page.getBigUint64(VVAR.REALTIME_NS, true) + ns).toBe(clock.realtimeNs());
    tk.update();
    expect(page.getUint32(VVAR.SEQ, true)).toBe(4);
  });

  it('says the counter is unusable with vdsoClock off, and drops released address spaces', () => {
    const clock = new KernelClock({ mode: 'deterministic' });
    const tk = new VvarTimekeeper(clock, { vdsoClock: 'off' });
    const { mm, page, released } = fakeMm();
    tk.attach(mm, 0x1000);
    expect(page.getUint32(VVAR.CLOCK_MODE, true)).toBe(VCLOCK_MODE_NONE);
    released();
    tk.update();
    expect(page.getUint32(VVAR.SEQ, true)).toBe(2);
    expect(tk.attach(mm, 0x1000)).toBe(false);
  });
});

describe('VvarTimekeeper basetime', () => {
  it('holds { sec, nsec } of REALTIME and MONOTONIC at cycle_last', () => {
    const clock = new KernelClock({ mode: 'deterministic', realtimeEpochNs: 1_767_225_600_987_654_321n });
    clock.instructionCounter = () => 123_456_789;
    const tk = new VvarTimekeeper(clock);
    const { mm, page } = fakeMm();
    tk.attach(mm, 0x1000);
    const real = clock.realtimeNs();
    const mono = clock.monotonicNs();
    expect(page.getBigUint64(VVAR.BASETIME, true)).toBe(real / 1_000_000_000n);
    expect(page.getBigUint64(VVAR.BASETIME + 8, true)).toBe(real % 1_000_000_000n);
    expect(page.getBigUint64(VVAR.BASETIME + 16, true)).toBe(mono / 1_000_000_000n);
    expect(page.getBigUint64(VVAR.BASETIME + 24, true)).toBe(mono % 1_000_000_000n);
  });
});
