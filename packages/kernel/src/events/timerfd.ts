// timerfd (fs/timerfd.c, timerfd_create(2)): a timer whose expirations are read from a file
// descriptor as an 8-byte count. timerfd_settime arms it with a first expiry (relative, or
// absolute with TFD_TIMER_ABSTIME) and an optional interval; each read returns the number of
// expirations since the last read (or since settime) and resets it; a read with none blocks
// until the next expiry (EAGAIN with TFD_NONBLOCK). poll reports EPOLLIN while the count is
// non-zero.
//
// The timer runs on the kernel's clock (time/clock.ts): expirations are counted lazily from
// CLOCK_MONOTONIC whenever the timer is looked at (read, poll, epoll, gettime), and a sleeper
// waiting for one sets its deadline to the next expiry — the scheduler wakes it then, as it
// wakes nanosleep (at the end of a time slice while others run; at once, by skipping the clock
// ahead, in deterministic mode when everyone sleeps). CLOCK_REALTIME absolute times are turned
// into monotonic ones when the timer is set: a later clock_settime does not move the timer.

import { blocked, type Blocked } from '../syscalls/types.js';
import { POLLIN, type FileOps, type OpenFile, type PollState } from '../vfs/file.js';
import { EAGAIN, EFAULT, EINVAL } from '../vfs/errno.js';
import { O_NONBLOCK } from '../vfs/constants.js';
import { SimpleWaitQueue } from '../vfs/wait-queue.js';
import { ClockId, type KernelClock } from '../time/clock.js';

/** include/uapi/linux/timerfd.h. TFD_CLOEXEC / TFD_NONBLOCK are O_CLOEXEC / O_NONBLOCK. */
export const TFD_TIMER_ABSTIME = 1;
export const TFD_TIMER_CANCEL_ON_SET = 2;
export const TFD_CLOEXEC = 0o2000000;
export const TFD_NONBLOCK = 0o4000;
export const TFD_CREATE_FLAGS = TFD_CLOEXEC | TFD_NONBLOCK;
export const TFD_SETTIME_FLAGS = TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET;

/** The clocks timerfd_create accepts (timerfd.c: MONOTONIC, REALTIME, BOOTTIME and the two
 *  alarm clocks, which need CAP_WAKE_ALARM). */
export const TIMERFD_CLOCKS: readonly number[] = [
  ClockId.CLOCK_MONOTONIC, ClockId.CLOCK_REALTIME, ClockId.CLOCK_REALTIME_ALARM, ClockId.CLOCK_BOOTTIME, ClockId.CLOCK_BOOTTIME_ALARM,
];

export const isAlarmClock = (id: number): boolean => id === ClockId.CLOCK_REALTIME_ALARM || id === ClockId.CLOCK_BOOTTIME_ALARM;
const isRealtimeClock = (id: number): boolean => id === ClockId.CLOCK_REALTIME || id === ClockId.CLOCK_REALTIME_ALARM;

/** struct itimerspec in ns: the time to the next expiry (0: disarmed) and the period. */
export interface TimerSpec {
  valueNs: bigint;
  intervalNs: bigint;
}

export class TimerFd {
  /** Next expiry on CLOCK_MONOTONIC, or null while disarmed. */
  expiry: bigint | null = null;
  intervalNs = 0n;
  /** Expirations not yet read. */
  ticks = 0n;
  readonly wait = new SimpleWaitQueue();

  constructor(
    readonly clock: KernelClock,
    readonly clockid: number,
  ) {}

  /** Counts the expirations up to now (timerfd_tmrproc plus hrtimer_forward_now of an interval
   *  timer); wakes readers and epoll when there are new ones. */
  update(): void {
    if (this.expiry === null) return;
    const now = this.clock.monotonicNs();
    if (now < this.expiry) return;
    if (this.intervalNs > 0n) {
      const n = 1n + (now - this.expiry) / this.intervalNs;
      this.ticks += n;
      this.expiry += n * this.intervalNs;
    } else {
      this.ticks += 1n;
      this.expiry = null;
    }
    this.wait.wakeAll(POLLIN);
  }

  /** timerfd_gettime's view: time left (0 when disarmed or spent) and the interval. */
  current(): TimerSpec {
    this.update();
    const left = this.expiry === null ? 0n : this.expiry - this.clock.monotonicNs();
    return { valueNs: left > 0n ? left : 0n, intervalNs: this.intervalNs };
  }

  /** timerfd_setup: resets the count and arms (value 0 disarms). `value` is relative, or an
   *  absolute time on the timer's clock with TFD_TIMER_ABSTIME. */
  set(spec: TimerSpec, absolute: boolean): void {
    this.ticks = 0n;
    this.intervalNs = spec.intervalNs;
    if (spec.valueNs === 0n) {
      this.expiry = null;
      return;
    }
    const now = this.clock.monotonicNs();
    if (!absolute) this.expiry = now + spec.valueNs;
    else if (isRealtimeClock(this.clockid)) this.expiry = now + (spec.valueNs - this.clock.realtimeNs());
    else this.expiry = spec.valueNs;
    this.update();
  }
}

const timerOf = (file: OpenFile): TimerFd => file.priv as TimerFd;

export const timerfdOps: FileOps = {
  seekable: false,
  /** noop_llseek (fs/read_write.c): lseek succeeds and returns the position, which stays 0;
   *  pread/pwrite are still ESPIPE. */
  llseek: (file) => file.offset,

  read(file, len, _pos, sink): number | Blocked {
    const t = timerOf(file);
    if (len < 8) return -EINVAL;
    t.update();
    if (t.ticks === 0n) {
      if (file.flags & O_NONBLOCK) return -EAGAIN;
      return t.expiry === null ? blocked(t.wait) : blocked(t.wait, t.expiry);
    }
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigUint64(0, t.ticks, true);
    t.ticks = 0n;
    return sink(out) === 8 ? 8 : -EFAULT;
  },

  poll(file): PollState {
    const t = timerOf(file);
    t.update();
    const state: PollState = { mask: t.ticks > 0n ? POLLIN : 0, queues: [t.wait] };
    if (t.expiry !== null) state.deadlineNs = t.expiry;
    return state;
  },
};
