// The timekeeper's half of the vDSO: the vvar page each process maps read-only below its vDSO
// ([vvar], loader), which the vDSO reads without entering the kernel. Linux keeps the same kind
// of data in struct vdso_data / vdso_time_data (include/vdso/datapage.h): a sequence count, the
// clock mode, the counter value at the last update (cycle_last), the counter-to-ns multiplier
// and shift, and each clock's base time. The layout here is vsys's own (the vDSO in
// packages/vdso/src/x86_64/vdso.s reads exactly these offsets):
//
//   0  u32 seq          odd while the kernel writes; readers retry when it changed
//   4  u32 clock_mode   1 = counter usable (VDSO_CLOCKMODE_TSC), 0 = none: make the syscall
//   8  u64 cycle_last   counter value at the last update
//   16 u32 mult         ns = ((counter - cycle_last) * mult) >> shift
//   20 u32 shift
//   24 u64 monotonic    CLOCK_MONOTONIC in ns at cycle_last
//   32 u64 realtime     CLOCK_REALTIME in ns at cycle_last
//   40 u64 coarse_res   the tick: COARSE clocks are truncated to a multiple of it
//   48 s32 tz_minuteswest, 52 s32 tz_dsttime (struct timezone, gettimeofday(2))
//   64 basetime[2]      { u64 sec, u64 nsec } at cycle_last for clock id 0 (REALTIME) and
//                       1 (MONOTONIC), Linux's vdso_timestamp basetime[clock id]
//
// The counter the vDSO reads (RDTSC) is made to count nanoseconds of the kernel clock, so
// mult = 2^24, shift = 24 turn a delta into the same nanoseconds, and the vDSO's time and the
// clock_gettime(2) syscall's agree. The bases are rewritten when REALTIME moves relative to
// MONOTONIC (a clock_settime) and at least once a second of clock time when the kernel runs
// (its tick), so the vDSO's nsec normalisation loop stays short; every write is under the
// sequence count.

import type { MemoryMap } from '../mm/memory-map.js';
import { COARSE_RESOLUTION_NS, type KernelClock } from './clock.js';

export const VVAR = {
  SEQ: 0,
  CLOCK_MODE: 4,
  CYCLE_LAST: 8,
  MULT: 16,
  SHIFT: 20,
  MONOTONIC_NS: 24,
  REALTIME_NS: 32,
  COARSE_RES_NS: 40,
  TZ_MINUTESWEST: 48,
  TZ_DSTTIME: 52,
  BASETIME: 64,
  SIZE: 96,
} as const;

export const VCLOCK_MODE_NONE = 0;
export const VCLOCK_MODE_TSC = 1;

/** The counter → ns conversion: the counter runs at 1 GHz, so (delta << 24) >> 24. */
export const VVAR_SHIFT = 24;
export const VVAR_MULT = 1 << VVAR_SHIFT;

export interface TimekeeperOptions {
  /** 'off' (vrun --vdso-clock=off): clock_mode 0, the vDSO makes the system call. */
  vdsoClock?: 'on' | 'off';
  /** The frequency of the counter the vDSO reads, in Hz (default 1 GHz: x86-64's RDTSC counts
   *  nanoseconds). ARM64's CNTVCT_EL0 counts at CNTFRQ_EL0 (62.5 MHz): the page then carries
   *  mult = 2^shift · 10^9 / Hz, cycle_last in counter ticks, and bases at that tick. */
  counterHz?: bigint;
}

/** mult for a counter of `hz` with VVAR_SHIFT: ns = (ticks · mult) >> shift (Linux's
 *  clocksource mult/shift, clocks_calc_mult_shift). */
export function vvarMultFor(hz: bigint): number {
  return Number(((1_000_000_000n << BigInt(VVAR_SHIFT)) + hz / 2n) / hz);
}

/** tick() reads the clock at least every this many ticks (system calls, scheduling steps)… */
const TICKS_PER_LOOK = 64;
/** …and once this many instructions retired since it last did (~10 ms of emulated work). */
const INSTRUCTIONS_PER_LOOK = 4_000_000;

interface Attached {
  mm: MemoryMap;
  vvar: number;
  seq: number;
}

export class VvarTimekeeper {
  readonly clockMode: number;
  private readonly attached: Attached[] = [];
  private realtimeOffset: bigint;
  private lastWrite = 0n;
  /** Ticks until the clock is read again, and the instruction count when it last was (tick()). */
  private ticksToLook = 0;
  private instructionsAtLook = 0;
  private readonly counterHz: bigint;
  private readonly mult: number;

  constructor(
    private readonly clock: KernelClock,
    options: TimekeeperOptions = {},
  ) {
    this.clockMode = options.vdsoClock === 'off' ? VCLOCK_MODE_NONE : VCLOCK_MODE_TSC;
    this.counterHz = options.counterHz ?? 1_000_000_000n;
    this.mult = this.counterHz === 1_000_000_000n ? VVAR_MULT : vvarMultFor(this.counterHz);
    this.realtimeOffset = clock.realtimeAt(0n);
    clock.onUpdate((_, timer) => this.tick(timer));
  }

  /** The counter value the vDSO reads: CLOCK_MONOTONIC's nanoseconds (at counterHz: the
   *  ticks of a counter started with the clock, as the ARM64 machine's CNTVCT_EL0). */
  counter(): bigint {
    return this.ticksAt(this.clock.monotonicNs());
  }

  private ticksAt(ns: bigint): bigint {
    return this.counterHz === 1_000_000_000n ? ns : (ns * this.counterHz) / 1_000_000_000n;
  }

  /** Start keeping the vvar page at `vvar` in `mm` current; writes it now. */
  attach(mm: MemoryMap, vvar: number): boolean {
    const a: Attached = { mm, vvar, seq: 0 };
    if (!this.write(a)) return false;
    this.attached.push(a);
    // fork copies the address space: the child's vvar page is kept current too.
    mm.forkHooks?.push((child) => void this.attach(child, vvar));
    return true;
  }

  /** Rewrite every page when REALTIME moved against MONOTONIC since the last write, or a
   *  second of clock time passed. The kernel ticks on every system call, and reading the clock
   *  (a host clock read plus BigInt arithmetic, ~0.2 µs) cost more than the rest of a getpid's
   *  kernel work; so the clock is looked at only every TICKS_PER_LOOK ticks or once
   *  INSTRUCTIONS_PER_LOOK instructions retired since the last look. Stale bases never make
   *  the vDSO's time wrong (it adds the counter's delta since cycle_last); past two seconds
   *  they only send it down its slower path (a division). The run loop's timer tick (one per
   *  time slice, ~10^5 instructions) always looks, so a program that only calls the vDSO
   *  finds bases at most about a second old, as under Linux's periodic tick. */
  private tick(timer: boolean): void {
    if (!timer && --this.ticksToLook > 0 && this.clock.instructionCounter() - this.instructionsAtLook < INSTRUCTIONS_PER_LOOK) return;
    this.ticksToLook = TICKS_PER_LOOK;
    this.instructionsAtLook = this.clock.instructionCounter();
    const offset = this.clock.realtimeAt(0n);
    if (offset === this.realtimeOffset && this.clock.monotonicNs() - this.lastWrite < 1_000_000_000n) return;
    this.realtimeOffset = offset;
    this.update();
  }

  /** Rewrite every attached vvar page (pages of released address spaces are dropped). */
  update(): void {
    for (let i = this.attached.length - 1; i >= 0; i--) if (!this.write(this.attached[i]!)) this.attached.splice(i, 1);
  }

  private write(a: Attached): boolean {
    // seq odd, data, seq even (Linux's vdso_write_begin / vdso_write_end).
    const seqWord = new Uint8Array(4);
    const dv = new DataView(seqWord.buffer);
    dv.setUint32(0, (a.seq + 1) >>> 0, true);
    if (!a.mm.writeKernel(a.vvar + VVAR.SEQ, seqWord)) return false;
    const page = new Uint8Array(VVAR.SIZE - 4);
    const v = new DataView(page.buffer);
    const at = (off: number) => off - 4;
    const now = this.clock.monotonicNs();
    this.lastWrite = now;
    // The bases are the time at the counter's last tick (exactly now at 1 GHz), so the vDSO's
    // time never runs ahead of the syscall's.
    const cycleLast = this.ticksAt(now);
    const monotonic = this.counterHz === 1_000_000_000n ? now : (cycleLast * 1_000_000_000n) / this.counterHz;
    const realtime = this.clock.realtimeAt(monotonic);
    v.setUint32(at(VVAR.CLOCK_MODE), this.clockMode, true);
    v.setBigUint64(at(VVAR.CYCLE_LAST), BigInt.asUintN(64, cycleLast), true);
    v.setUint32(at(VVAR.MULT), this.mult, true);
    v.setUint32(at(VVAR.SHIFT), VVAR_SHIFT, true);
    v.setBigUint64(at(VVAR.MONOTONIC_NS), BigInt.asUintN(64, monotonic), true);
    v.setBigUint64(at(VVAR.REALTIME_NS), BigInt.asUintN(64, realtime), true);
    v.setBigUint64(at(VVAR.COARSE_RES_NS), COARSE_RESOLUTION_NS, true);
    v.setInt32(at(VVAR.TZ_MINUTESWEST), 0, true);
    v.setInt32(at(VVAR.TZ_DSTTIME), 0, true);
    [realtime, monotonic].forEach((ns, clockId) => {
      v.setBigUint64(at(VVAR.BASETIME + clockId * 16), ns / 1_000_000_000n, true);
      v.setBigUint64(at(VVAR.BASETIME + clockId * 16 + 8), ns % 1_000_000_000n, true);
    });
    if (!a.mm.writeKernel(a.vvar + 4, page)) return false;
    a.seq = (a.seq + 2) >>> 0;
    dv.setUint32(0, a.seq, true);
    return a.mm.writeKernel(a.vvar + VVAR.SEQ, seqWord);
  }
}
