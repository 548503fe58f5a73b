// The kernel's timekeeper. Two modes (KernelOptions.clock):
// - 'host' (default): CLOCK_MONOTONIC advances with the host's process.hrtime.bigint() from the
//   moment the kernel boots (starting at a fixed 1 s so it is never 0); CLOCK_REALTIME is the
//   host's wall clock at boot plus the monotonic time elapsed since.
// - 'deterministic': time is a pure function of work done: monotonic ns = instructions retired
//   (the integration provides the counter) × nsPerInstruction + time skipped while every
//   thread slept (the scheduler jumps the clock to the next deadline instead of waiting), and
//   REALTIME starts at a fixed epoch (default 2026-01-01T00:00:00Z). Two runs of the same
//   program then read the same times.
// CPU-time clocks count the instructions a thread/process retired × nsPerInstruction in both
// modes (CPU time of an emulated program is its instruction count, not the host's effort).
// Listeners registered with onUpdate are called whenever the clock is read by the kernel; the
// vDSO's vvar writer hooks in there.

export const ClockId = {
  CLOCK_REALTIME: 0,
  CLOCK_MONOTONIC: 1,
  CLOCK_PROCESS_CPUTIME_ID: 2,
  CLOCK_THREAD_CPUTIME_ID: 3,
  CLOCK_MONOTONIC_RAW: 4,
  CLOCK_REALTIME_COARSE: 5,
  CLOCK_MONOTONIC_COARSE: 6,
  CLOCK_BOOTTIME: 7,
  CLOCK_REALTIME_ALARM: 8,
  CLOCK_BOOTTIME_ALARM: 9,
  CLOCK_TAI: 11,
} as const;

/** Resolution of the coarse clocks: one jiffy. HZ=250 (Debian/Ubuntu x86-64 configs) → 4 ms. */
export const COARSE_RESOLUTION_NS = 4_000_000n;

export interface ClockOptions {
  mode?: 'host' | 'deterministic';
  /** Deterministic mode: ns per retired instruction (default 1). */
  nsPerInstruction?: number;
  /** Deterministic mode: CLOCK_REALTIME at boot, in ns since the epoch. */
  realtimeEpochNs?: bigint;
}

/** counterNs reads the host clock again after this many retired instructions (~1–3 µs). */
const COUNTER_READ_INSTRUCTIONS = 512;

export class KernelClock {
  readonly mode: 'host' | 'deterministic';
  readonly nsPerInstruction: bigint;
  private readonly bootHr = process.hrtime.bigint();
  /** bootHr as process.hrtime()'s [seconds, nanoseconds] (the same host clock), for monotonicNsNumber. */
  private readonly bootSec = Number(this.bootHr / 1_000_000_000n);
  private readonly bootNsec = Number(this.bootHr % 1_000_000_000n);
  private readonly realtimeAtBootNs: bigint;
  /** Time the scheduler skipped while idle (deterministic mode). */
  private skippedNs = 0n;
  /** Total instructions retired by the machine (set by the integration). */
  instructionCounter: () => number = () => 0;
  private readonly listeners: ((clock: KernelClock, timer: boolean) => void)[] = [];
  /** Adjustment of REALTIME relative to MONOTONIC (settimeofday would change it). */
  private realtimeOffsetNs = 0n;
  /** The counter (counterNs): its last value, and the clock reading and instruction count it
   *  advances from until the host clock is read again. */
  private counterLast = 0;
  private counterBase = 0;
  private counterBaseRetired = -Infinity;

  constructor(options: ClockOptions = {}) {
    this.mode = options.mode ?? 'host';
    this.nsPerInstruction = BigInt(Math.max(0, Math.round(options.nsPerInstruction ?? 1)));
    this.realtimeAtBootNs =
      this.mode === 'deterministic'
        ? (options.realtimeEpochNs ?? 1_767_225_600_000_000_000n)
        : BigInt(Date.now()) * 1_000_000n;
  }

  /** CLOCK_MONOTONIC in ns (also BOOTTIME and MONOTONIC_RAW: nothing suspends here). */
  monotonicNs(): bigint {
    const base = 1_000_000_000n;
    if (this.mode === 'deterministic') return base + BigInt(this.instructionCounter()) * this.nsPerInstruction + this.skippedNs;
    const ns = base + (process.hrtime.bigint() - this.bootHr);
    this.counterFloor(Number(ns));
    return ns;
  }

  /** monotonicNs() as a number, without BigInt in host mode (the vDSO's RDTSC reads it on every
   *  time call): the same value, exact while it is below 2^53 ns (104 days of uptime). */
  monotonicNsNumber(): number {
    if (this.mode === 'deterministic') return Number(this.monotonicNs());
    const ns = this.hostNsNumber();
    this.counterFloor(ns);
    return ns;
  }

  private hostNsNumber(): number {
    const t = process.hrtime();
    return 1e9 + (t[0] - this.bootSec) * 1e9 + (t[1] - this.bootNsec);
  }

  /**
   * The counter x86-64's RDTSC reads (the vDSO's clock source): CLOCK_MONOTONIC's nanoseconds,
   * given the machine's exact count of retired instructions. A host clock read costs ~80 ns,
   * as much as the rest of a vDSO call in the emulator, so in host mode the clock is read again
   * only once COUNTER_READ_INSTRUCTIONS instructions retired since it was last read (by any
   * path); in between the counter advances 1 ns per retired instruction, less than any emulated
   * instruction takes (≥ 3 ns here). So it never runs ahead of CLOCK_MONOTONIC, never goes back,
   * and never reads less than a time the kernel already handed out (each kernel read of the
   * clock moves its base: vvar's cycle_last and a clock_gettime(2) result included) — it lags
   * the clock by at most the time of those instructions. Deterministic mode: the clock itself
   * at that instruction count.
   */
  counterNs(retired: number): number {
    if (this.mode === 'deterministic') return 1e9 + retired * Number(this.nsPerInstruction) + Number(this.skippedNs);
    const since = retired - this.counterBaseRetired;
    let v: number;
    if (since > 0 && since < COUNTER_READ_INSTRUCTIONS) v = this.counterBase + since;
    else {
      v = this.counterBase = this.hostNsNumber();
      this.counterBaseRetired = retired;
    }
    if (v <= this.counterLast) v = this.counterLast + 1;
    this.counterLast = v;
    return v;
  }

  /** A read of the clock at `ns`: the counter goes on from there. */
  private counterFloor(ns: number): void {
    if (ns > this.counterLast) this.counterLast = ns;
    this.counterBase = this.counterLast;
    this.counterBaseRetired = this.instructionCounter();
  }

  realtimeNs(): bigint {
    return this.realtimeAtBootNs + this.realtimeOffsetNs + (this.monotonicNs() - 1_000_000_000n);
  }

  /** CLOCK_REALTIME at the moment CLOCK_MONOTONIC read `monotonic` (for the vvar writer, which
   *  must give the vDSO both clocks' bases at one instant). */
  realtimeAt(monotonic: bigint): bigint {
    return this.realtimeAtBootNs + this.realtimeOffsetNs + (monotonic - 1_000_000_000n);
  }

  /** clock_settime / settimeofday on CLOCK_REALTIME: from now on REALTIME reads `ns` and goes
   *  on from there (MONOTONIC is not affected; do_settimeofday64 moves wall_to_monotonic). */
  setRealtime(ns: bigint): void {
    this.realtimeOffsetNs += ns - this.realtimeNs();
  }

  /** Coarse clocks: the fine value truncated to the last jiffy. */
  coarse(ns: bigint): bigint {
    return ns - (ns % COARSE_RESOLUTION_NS);
  }

  /** Instructions → CPU-time ns. */
  cpuNs(instructions: number): bigint {
    return BigInt(instructions) * (this.nsPerInstruction || 1n);
  }

  /** Deterministic mode: jump forward to `ns` (monotonic) because every thread sleeps. */
  skipTo(ns: bigint): void {
    const now = this.monotonicNs();
    if (ns > now) this.skippedNs += ns - now;
  }

  onUpdate(listener: (clock: KernelClock, timer: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** Called by the kernel on each syscall and scheduling decision, and by the run loop at each
   *  time slice (`timer`: the periodic tick, Linux's tick_periodic → update_wall_time, after
   *  which the vDSO's data is current whether or not the program entered the kernel). */
  tick(timer = false): void {
    for (const l of this.listeners) l(this, timer);
  }
}

export function nsToTimespec(ns: bigint): { sec: bigint; nsec: bigint } {
  return { sec: ns / 1_000_000_000n, nsec: ns % 1_000_000_000n };
}
