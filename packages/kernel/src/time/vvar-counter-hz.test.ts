// The vvar page for a counter that does not count nanoseconds (ARM64's CNTVCT_EL0 at
// CNTFRQ_EL0 = 62.5 MHz): mult/shift turn ticks into ns, cycle_last is in ticks, and the
// vDSO's arithmetic at any later counter value gives a time no later than the syscall's and
// less than one tick behind it.
import { describe, expect, it } from 'vitest';
import type { MemoryMap } from '../mm/memory-map.js';
import { KernelClock } from './clock.js';
import { VVAR, VVAR_SHIFT, VvarTimekeeper, vvarMultFor } from './vvar.js';

function fakeMm(): { mm: MemoryMap; page: DataView } {
  const bytes = new Uint8Array(4096);
  const mm = {
    writeKernel(addr: number, data: Uint8Array): boolean {
      if (addr < 0x1000 || addr + data.length > 0x2000) return false;
      bytes.set(data, addr - 0x1000);
      return true;
    },
  } as unknown as MemoryMap;
  return { mm, page: new DataView(bytes.buffer) };
}

describe('VvarTimekeeper with a counter frequency', () => {
  it('mult for 62.5 MHz is 16 ns per tick at the shift; 1 GHz keeps 1:1', () => {
    expect(vvarMultFor(62_500_000n)).toBe(16 * 2 ** VVAR_SHIFT);
    expect(vvarMultFor(1_000_000_000n)).toBe(2 ** VVAR_SHIFT);
  });

  it('bases at the last tick: the vDSO time never runs ahead of the syscall and lags less than a tick', () => {
    const hz = 62_500_000n;
    let retired = 12_345;
    const clock = new KernelClock({ mode: 'deterministic', nsPerInstruction: 3 });
    clock.instructionCounter = () => retired;
    const tk = new VvarTimekeeper(clock, { counterHz: hz });
    const { mm, page } = fakeMm();
    expect(tk.attach(mm, 0x1000)).toBe(true);
    const cycleLast = page.getBigUint64(VVAR.CYCLE_LAST, true);
    expect(cycleLast).toBe((clock.monotonicNs() * hz) / 1_000_000_000n);
    expect(page.getUint32(VVAR.MULT, true)).toBe(vvarMultFor(hz));
    for (const later of [12_345, 12_346, 20_000, 400_000]) {
      retired = later;
      const counter = tk.counter(); // what CNTVCT_EL0 reads (the ARM64 machine's formula)
      expect(counter).toBe((clock.monotonicNs() * hz) / 1_000_000_000n);
      const ns =
        ((counter - cycleLast) * BigInt(page.getUint32(VVAR.MULT, true))) >> BigInt(page.getUint32(VVAR.SHIFT, true));
      for (const [clockId, now] of [[1, clock.monotonicNs()], [0, clock.realtimeNs()]] as const) {
        const sec = page.getBigUint64(VVAR.BASETIME + clockId * 16, true);
        const nsec = page.getBigUint64(VVAR.BASETIME + clockId * 16 + 8, true);
        const vdso = sec * 1_000_000_000n + nsec + ns;
        expect(vdso <= now).toBe(true);
        expect(now - vdso < 16n).toBe(true);
      }
    }
  });
});
