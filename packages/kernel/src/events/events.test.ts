// The event files through the real dispatcher and file system, no CPU: eventfd counting and
// limits, epoll's interest list rules and errno order, level/edge/one-shot reporting, what
// closing does to an interest list, nesting and loops, timerfd expirations on a deterministic
// clock, signalfd dequeuing blocked signals, and parking/waking of epoll_wait and reads.
import { describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../testing/harness.js';
import { KernelFileSystem } from '../fs/kernel-fs.js';
import { errno } from '../syscalls/errno.js';

const E = (n: number) => BigInt(-n);
const AT_FDCWD = -100;
const O_RDWR = 2;
const O_CREAT = 0o100;
const O_NONBLOCK = 0o4000;
const O_CLOEXEC = 0o2000000;
const EPOLLIN = 1;
const EPOLLOUT = 4;
const EPOLLHUP = 0x10;
const EPOLLONESHOT = 1 << 30;
const EPOLLET = 2 ** 31;
const ADD = 1;
const DEL = 2;
const MOD = 3;
const SIGUSR1 = 10;

function withFs(arch: 'x86_64' | 'arm64' = 'x86_64'): Harness {
  return makeHarness({ arch, vfs: new KernelFileSystem({ cwd: '/tmp' }), clock: { mode: 'deterministic' } });
}

const mem = (h: Harness) => h.kernel.userMemory(h.process);

function putU64(h: Harness, addr: number, v: bigint): number {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, v, true);
  mem(h).write(addr, b);
  return addr;
}
function getU64(h: Harness, addr: number): bigint {
  const b = mem(h).read(addr, 8)!;
  return new DataView(b.buffer, b.byteOffset).getBigUint64(0, true);
}

/** struct epoll_event at `addr` (12 bytes packed on x86-64, 16 on arm64). */
function putEvent(h: Harness, addr: number, events: number, data: bigint): number {
  const wide = h.abi === 'arm64';
  const b = new Uint8Array(wide ? 16 : 12);
  const v = new DataView(b.buffer);
  v.setUint32(0, events >>> 0, true);
  v.setBigUint64(wide ? 8 : 4, data, true);
  mem(h).write(addr, b);
  return addr;
}
function getEvents(h: Harness, addr: number, n: number): { events: number; data: bigint }[] {
  const size = h.abi === 'arm64' ? 16 : 12;
  const b = mem(h).read(addr, n * size)!;
  const v = new DataView(b.buffer, b.byteOffset);
  return Array.from({ length: n }, (_, i) => ({ events: v.getUint32(i * size, true), data: v.getBigUint64(i * size + (size === 16 ? 8 : 4), true) }));
}

function pipe(h: Harness): [number, number] {
  expect(h.ret('pipe2', h.scratch + 0x800, 0)).toBe(0n);
  const b = mem(h).read(h.scratch + 0x800, 8)!;
  const v = new DataView(b.buffer, b.byteOffset);
  return [v.getInt32(0, true), v.getInt32(4, true)];
}

describe('eventfd', () => {
  it('counts writes, a read takes all (or 1 with EFD_SEMAPHORE), empty → EAGAIN with EFD_NONBLOCK', () => {
    const h = withFs();
    const buf = h.scratch;
    const fd = Number(h.ret('eventfd2', 5, O_NONBLOCK));
    expect(h.ret('write', fd, putU64(h, buf, 7n), 8)).toBe(8n);
    expect(h.ret('read', fd, buf, 8)).toBe(8n);
    expect(getU64(h, buf)).toBe(12n);
    expect(h.ret('read', fd, buf, 8)).toBe(E(errno.EAGAIN));
    const sem = Number(h.ret('eventfd2', 2, 1 | O_NONBLOCK));
    expect(h.ret('read', sem, buf, 16)).toBe(8n);
    expect(getU64(h, buf)).toBe(1n);
    expect(h.ret('read', sem, buf, 8)).toBe(8n);
    expect(h.ret('read', sem, buf, 8)).toBe(E(errno.EAGAIN));
  });

  it('rejects short buffers, the value 2^64-1, unknown flags; overflow is EAGAIN', () => {
    const h = withFs();
    const buf = h.scratch;
    expect(h.ret('eventfd2', 0, 0x10)).toBe(E(errno.EINVAL));
    const fd = Number(h.ret('eventfd2', 0, O_NONBLOCK));
    expect(h.ret('read', fd, buf, 7)).toBe(E(errno.EINVAL));
    expect(h.ret('write', fd, putU64(h, buf, 1n), 4)).toBe(E(errno.EINVAL));
    expect(h.ret('write', fd, putU64(h, buf, 0xffffffffffffffffn), 8)).toBe(E(errno.EINVAL));
    expect(h.ret('write', fd, putU64(h, buf, 0xfffffffffffffffen), 8)).toBe(8n);
    expect(h.ret('write', fd, putU64(h, buf, 1n), 8)).toBe(E(errno.EAGAIN));
    expect(h.ret('read', fd, 8, 8)).toBe(E(errno.EFAULT)); // the value is consumed all the same
    expect(h.ret('read', fd, buf, 8)).toBe(E(errno.EAGAIN));
  });

  it('a blocking read parks and is woken by a write', () => {
    const h = withFs();
    const fd = Number(h.ret('eventfd2', 0, 0));
    expect(h.call('read', fd, h.scratch, 8).kind).toBe('blocked');
    // Another writer: write through the same file from a second harness call is not possible
    // while the thread is parked, so poke the counter through a dup'd fd's file directly.
    const file = (h.process.files as import('../vfs/fd-table.js').FdTable).get(fd)!;
    file.ops.write!(file, new Uint8Array([3, 0, 0, 0, 0, 0, 0, 0]), 0, { mem: mem(h), signal() {} });
    expect(h.kernel.schedule()).toEqual({ kind: 'run', thread: h.thread });
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: 8n });
    expect(getU64(h, h.scratch)).toBe(3n);
  });
});

describe('epoll_ctl', () => {
  it('checks in Linux order: EFAULT, EBADF, EPERM, EINVAL, EEXIST / ENOENT', () => {
    const h = withFs();
    const ev = putEvent(h, h.scratch, EPOLLIN, 0n);
    expect(h.ret('epoll_create', 0)).toBe(E(errno.EINVAL));
    expect(h.ret('epoll_create1', 1)).toBe(E(errno.EINVAL));
    const ep = Number(h.ret('epoll_create1', O_CLOEXEC));
    const [r] = pipe(h);
    const path = h.scratch + 0x100;
    mem(h).write(path, new TextEncoder().encode('/tmp/f\0'));
    const reg = Number(h.ret('openat', AT_FDCWD, path, O_RDWR | O_CREAT, 0o644));
    expect(h.ret('epoll_ctl', ep, ADD, 99, 8)).toBe(E(errno.EFAULT)); // the event is read first
    expect(h.ret('epoll_ctl', ep, DEL, 99, 8)).toBe(E(errno.EBADF)); // DEL reads none
    expect(h.ret('epoll_ctl', 99, ADD, r, ev)).toBe(E(errno.EBADF));
    expect(h.ret('epoll_ctl', ep, ADD, reg, ev)).toBe(E(errno.EPERM));
    expect(h.ret('epoll_ctl', r, ADD, r, ev)).toBe(E(errno.EINVAL)); // not an epoll
    expect(h.ret('epoll_ctl', ep, ADD, ep, ev)).toBe(E(errno.EINVAL)); // itself
    expect(h.ret('epoll_ctl', ep, 9, r, ev)).toBe(E(errno.EINVAL));
    expect(h.ret('epoll_ctl', ep, MOD, r, ev)).toBe(E(errno.ENOENT));
    expect(h.ret('epoll_ctl', ep, DEL, r, ev)).toBe(E(errno.ENOENT));
    expect(h.ret('epoll_ctl', ep, ADD, r, ev)).toBe(0n);
    expect(h.ret('epoll_ctl', ep, ADD, r, ev)).toBe(E(errno.EEXIST));
    expect(h.ret('epoll_ctl', ep, DEL, r, 0)).toBe(0n);
  });

  it('a loop of epolls is ELOOP', () => {
    const h = withFs();
    const a = Number(h.ret('epoll_create1', 0));
    const b = Number(h.ret('epoll_create1', 0));
    const ev = putEvent(h, h.scratch, EPOLLIN, 0n);
    expect(h.ret('epoll_ctl', a, ADD, b, ev)).toBe(0n);
    expect(h.ret('epoll_ctl', b, ADD, a, ev)).toBe(E(errno.ELOOP));
  });
});

describe('epoll_wait', () => {
  it('level-triggered reports while ready; edge-triggered once per wake-up; one-shot until MOD', () => {
    const h = withFs();
    const out = h.scratch + 0x1000;
    const [r, w] = pipe(h);
    const lt = Number(h.ret('epoll_create1', 0));
    const et = Number(h.ret('epoll_create1', 0));
    const os = Number(h.ret('epoll_create1', 0));
    expect(h.ret('epoll_ctl', lt, ADD, r, putEvent(h, h.scratch, EPOLLIN, 0x100000003n))).toBe(0n);
    expect(h.ret('epoll_ctl', et, ADD, r, putEvent(h, h.scratch, EPOLLIN | EPOLLET, 7n))).toBe(0n);
    expect(h.ret('epoll_ctl', os, ADD, r, putEvent(h, h.scratch, EPOLLIN | EPOLLONESHOT, 9n))).toBe(0n);
    for (const ep of [lt, et, os]) expect(h.ret('epoll_wait', ep, out, 4, 0)).toBe(0n);
    mem(h).write(h.scratch + 0x200, new Uint8Array([1, 2, 3]));
    expect(h.ret('write', w, h.scratch + 0x200, 3)).toBe(3n);
    expect(h.ret('epoll_wait', lt, out, 4, 0)).toBe(1n);
    expect(getEvents(h, out, 1)).toEqual([{ events: EPOLLIN, data: 0x100000003n }]);
    expect(h.ret('epoll_wait', lt, out, 4, 0)).toBe(1n);
    expect(h.ret('epoll_wait', et, out, 4, 0)).toBe(1n);
    expect(h.ret('epoll_wait', et, out, 4, 0)).toBe(0n);
    expect(h.ret('epoll_wait', os, out, 4, 0)).toBe(1n);
    expect(h.ret('epoll_wait', os, out, 4, 0)).toBe(0n);
    // Reading part of the data wakes writers (EPOLLOUT), which ET/EPOLLIN does not count.
    expect(h.ret('read', r, h.scratch + 0x300, 1)).toBe(1n);
    expect(h.ret('epoll_wait', et, out, 4, 0)).toBe(0n);
    expect(h.ret('write', w, h.scratch + 0x200, 1)).toBe(1n);
    expect(h.ret('epoll_wait', et, out, 4, 0)).toBe(1n);
    expect(h.ret('epoll_wait', os, out, 4, 0)).toBe(0n);
    expect(h.ret('epoll_ctl', os, MOD, r, putEvent(h, h.scratch, EPOLLIN | EPOLLONESHOT, 10n))).toBe(0n);
    expect(h.ret('epoll_wait', os, out, 4, 0)).toBe(1n);
    expect(getEvents(h, out, 1)[0]!.data).toBe(10n);
  });

  it('EPOLLHUP is reported without asking; the item leaves when the last fd of the file closes', () => {
    const h = withFs();
    const out = h.scratch + 0x1000;
    const [r, w] = pipe(h);
    const ep = Number(h.ret('epoll_create1', 0));
    expect(h.ret('epoll_ctl', ep, ADD, r, putEvent(h, h.scratch, EPOLLOUT, 1n))).toBe(0n);
    expect(h.ret('close', w)).toBe(0n);
    expect(h.ret('epoll_wait', ep, out, 4, 0)).toBe(1n);
    expect(getEvents(h, out, 1)[0]!.events).toBe(EPOLLHUP);
    const copy = Number(h.ret('dup', r));
    expect(h.ret('close', r)).toBe(0n);
    // The item is keyed by (file, fd 3): still there through the dup (epoll(7) Q6).
    expect(h.ret('epoll_wait', ep, out, 4, 0)).toBe(1n);
    expect(h.ret('epoll_ctl', ep, DEL, copy, 0)).toBe(E(errno.ENOENT));
    expect(h.ret('close', copy)).toBe(0n);
    expect(h.ret('epoll_wait', ep, out, 4, 0)).toBe(0n);
  });

  it('checks maxevents and the buffer range; an unreadable buffer with nothing ready is not EFAULT', () => {
    const h = withFs();
    const ep = Number(h.ret('epoll_create1', 0));
    expect(h.ret('epoll_wait', ep, h.scratch, 0, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('epoll_wait', ep, 0x7ffffffff000, 1, 0)).toBe(E(errno.EFAULT));
    expect(h.ret('epoll_wait', 99, h.scratch, 1, 0)).toBe(E(errno.EBADF));
    expect(h.ret('epoll_wait', ep, 16, 4, 0)).toBe(0n);
    const efd = Number(h.ret('eventfd2', 1, 0));
    expect(h.ret('epoll_ctl', ep, ADD, efd, putEvent(h, h.scratch, EPOLLIN, 0n))).toBe(0n);
    expect(h.ret('epoll_wait', ep, 16, 4, 0)).toBe(E(errno.EFAULT));
  });

  it('arm64 events are 16 bytes with data at offset 8', () => {
    const h = withFs('arm64');
    const out = h.scratch + 0x1000;
    const ep = Number(h.ret('epoll_create1', 0));
    const efd = Number(h.ret('eventfd2', 1, 0));
    expect(h.ret('epoll_ctl', ep, ADD, efd, putEvent(h, h.scratch, EPOLLIN | EPOLLOUT, 0xabcdef0123n))).toBe(0n);
    expect(h.ret('epoll_pwait', ep, out, 2, 0, 0, 8)).toBe(1n);
    expect(getEvents(h, out, 1)).toEqual([{ events: EPOLLIN | EPOLLOUT, data: 0xabcdef0123n }]);
  });

  it('parks with no timeout and wakes when an eventfd is written; nested epolls see it too', () => {
    const h = withFs();
    const out = h.scratch + 0x1000;
    const inner = Number(h.ret('epoll_create1', 0));
    const outer = Number(h.ret('epoll_create1', 0));
    const efd = Number(h.ret('eventfd2', 0, 0));
    expect(h.ret('epoll_ctl', inner, ADD, efd, putEvent(h, h.scratch, EPOLLIN, 5n))).toBe(0n);
    expect(h.ret('epoll_ctl', outer, ADD, inner, putEvent(h, h.scratch, EPOLLIN, 6n))).toBe(0n);
    expect(h.call('epoll_wait', outer, out, 4, -1).kind).toBe('blocked');
    const file = (h.process.files as import('../vfs/fd-table.js').FdTable).get(efd)!;
    file.ops.write!(file, new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0]), 0, { mem: mem(h), signal() {} });
    expect(h.kernel.schedule()).toEqual({ kind: 'run', thread: h.thread });
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: 1n });
    expect(getEvents(h, out, 1)).toEqual([{ events: EPOLLIN, data: 6n }]);
  });
});

describe('timerfd', () => {
  it('counts expirations of an interval timer on the kernel clock; gettime shows time left', () => {
    const h = withFs();
    const spec = h.scratch;
    const buf = h.scratch + 0x100;
    const fd = Number(h.ret('timerfd_create', 1, O_NONBLOCK));
    // it_interval = 1 ms, it_value = 5 ms
    for (const [i, v] of [0n, 1_000_000n, 0n, 5_000_000n].entries()) putU64(h, spec + i * 8, v);
    expect(h.ret('timerfd_settime', fd, 0, spec, 0)).toBe(0n);
    expect(h.ret('read', fd, buf, 8)).toBe(E(errno.EAGAIN));
    const now = h.kernel.clock.monotonicNs();
    h.kernel.clock.skipTo(now + 7_500_000n);
    expect(h.ret('read', fd, buf, 8)).toBe(8n);
    expect(getU64(h, buf)).toBe(3n); // at 5, 6 and 7 ms
    expect(h.ret('timerfd_gettime', fd, spec)).toBe(0n);
    expect(getU64(h, spec)).toBe(0n);
    expect(getU64(h, spec + 8)).toBe(1_000_000n);
    expect(getU64(h, spec + 24)).toBe(500_000n);
  });

  it('checks flags, clocks and itimerspec values; not a timerfd → EINVAL', () => {
    const h = withFs();
    const spec = h.scratch;
    expect(h.ret('timerfd_create', 3, 0)).toBe(E(errno.EINVAL)); // THREAD_CPUTIME
    expect(h.ret('timerfd_create', 1, 1)).toBe(E(errno.EINVAL));
    const fd = Number(h.ret('timerfd_create', 0, 0));
    for (const [i, v] of [0n, 1_000_000_000n, 0n, 0n].entries()) putU64(h, spec + i * 8, v);
    expect(h.ret('timerfd_settime', fd, 0, spec, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('timerfd_settime', fd, 0, 8, 0)).toBe(E(errno.EFAULT));
    putU64(h, spec + 8, 0n);
    expect(h.ret('timerfd_settime', fd, 4, spec, 0)).toBe(E(errno.EINVAL));
    const efd = Number(h.ret('eventfd2', 0, 0));
    expect(h.ret('timerfd_settime', efd, 0, spec, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('timerfd_gettime', 99, spec)).toBe(E(errno.EBADF));
  });

  it('epoll_wait on a timerfd sleeps until the expiry', () => {
    const h = withFs();
    const spec = h.scratch;
    const out = h.scratch + 0x1000;
    const fd = Number(h.ret('timerfd_create', 1, 0));
    for (const [i, v] of [0n, 0n, 0n, 2_000_000n].entries()) putU64(h, spec + i * 8, v);
    expect(h.ret('timerfd_settime', fd, 0, spec, 0)).toBe(0n);
    const ep = Number(h.ret('epoll_create1', 0));
    expect(h.ret('epoll_ctl', ep, ADD, fd, putEvent(h, h.scratch + 0x100, EPOLLIN | EPOLLET, 1n))).toBe(0n);
    expect(h.call('epoll_wait', ep, out, 1, -1).kind).toBe('blocked');
    expect(h.thread.deadlineNs).not.toBeNull();
    h.kernel.clock.skipTo(h.thread.deadlineNs!);
    expect(h.kernel.schedule()).toEqual({ kind: 'run', thread: h.thread });
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: 1n });
    expect(h.ret('epoll_wait', ep, out, 1, 0)).toBe(0n); // edge-triggered: once
  });
});

describe('signalfd', () => {
  it('reads a blocked pending signal as a 128-byte signalfd_siginfo', () => {
    const h = withFs();
    const set = putU64(h, h.scratch, 1n << BigInt(SIGUSR1 - 1));
    const buf = h.scratch + 0x100;
    expect(h.ret('rt_sigprocmask', 0, set, 0, 8)).toBe(0n);
    expect(h.ret('signalfd4', -1, set, 4, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('signalfd4', -1, 8, 8, 0)).toBe(E(errno.EFAULT));
    expect(h.ret('signalfd4', -1, set, 8, 1)).toBe(E(errno.EINVAL));
    const fd = Number(h.ret('signalfd4', -1, set, 8, O_NONBLOCK));
    expect(h.ret('read', fd, buf, 128)).toBe(E(errno.EAGAIN));
    expect(h.ret('kill', h.process.pid, SIGUSR1)).toBe(0n);
    expect(h.ret('read', fd, buf, 127)).toBe(E(errno.EINVAL));
    expect(h.ret('read', fd, buf, 256)).toBe(128n);
    const b = mem(h).read(buf, 128)!;
    const v = new DataView(b.buffer, b.byteOffset);
    expect(v.getUint32(0, true)).toBe(SIGUSR1);
    expect(v.getInt32(8, true)).toBe(0); // SI_USER
    expect(v.getUint32(12, true)).toBe(h.process.pid);
    expect(h.ret('read', fd, buf, 128)).toBe(E(errno.EAGAIN));
    expect(h.ret('signalfd4', fd, set, 8, 0)).toBe(BigInt(fd));
    const efd = Number(h.ret('eventfd2', 0, 0));
    expect(h.ret('signalfd4', efd, set, 8, 0)).toBe(E(errno.EINVAL));
  });
});

describe('i386 (int $0x80) layouts', () => {
  function i386(): Harness {
    return makeHarness({ arch: 'x86_64', abi: 'i386', vfs: new KernelFileSystem({ cwd: '/tmp' }), clock: { mode: 'deterministic' } });
  }

  it('struct epoll_event is 12 bytes, packed, as on x86-64', () => {
    const h = i386();
    const out = h.scratch + 0x1000;
    const ep = Number(h.ret('epoll_create', 1));
    const efd = Number(h.ret('eventfd', 1));
    expect(h.ret('epoll_ctl', ep, ADD, efd, putEvent(h, h.scratch, EPOLLIN, 0x1122334455667788n))).toBe(0n);
    expect(h.ret('epoll_wait', ep, out, 2, 0)).toBe(1n);
    expect(getEvents(h, out, 1)).toEqual([{ events: EPOLLIN, data: 0x1122334455667788n }]);
  });

  it('timerfd_settime takes 32-bit itimerspec words, timerfd_settime64 64-bit ones', () => {
    const h = i386();
    const spec = h.scratch;
    const fd = Number(h.ret('timerfd_create', 1, O_NONBLOCK));
    const w32 = new Uint8Array(16);
    new DataView(w32.buffer).setInt32(4, 3000, true); // it_interval.tv_nsec
    new DataView(w32.buffer).setInt32(8, 1, true); // it_value.tv_sec
    mem(h).write(spec, w32);
    expect(h.ret('timerfd_settime', fd, 0, spec, 0)).toBe(0n);
    expect(h.ret('timerfd_gettime', fd, spec + 0x100)).toBe(0n);
    const got = new DataView(mem(h).read(spec + 0x100, 16)!.buffer);
    expect(got.getInt32(4, true)).toBe(3000);
    // The deterministic clock moves only with retired instructions (none here): 1 s left exactly.
    expect(got.getInt32(8, true)).toBe(1);
    expect(got.getInt32(12, true)).toBe(0);
    for (const [i, v] of [0n, 7n, 2n, 0n].entries()) putU64(h, spec + i * 8, v);
    expect(h.ret('timerfd_settime64', fd, 0, spec, spec + 0x200)).toBe(0n);
    expect(getU64(h, spec + 0x208)).toBe(3000n); // old interval, 64-bit
    expect(h.ret('timerfd_gettime64', fd, spec + 0x300)).toBe(0n);
    expect(getU64(h, spec + 0x308)).toBe(7n);
    expect(getU64(h, spec + 0x310)).toBe(2n); // it_value.tv_sec as set
  });
});

describe('memfd_create', () => {
  it('makes an unlinked tmpfs file: read/write/ftruncate, fstat, its /proc link', () => {
    const h = withFs();
    const name = h.scratch;
    mem(h).write(name, new TextEncoder().encode('hello\0'));
    expect(h.ret('memfd_create', name, 0x20)).toBe(E(errno.EINVAL));
    expect(h.ret('memfd_create', name, 0x18)).toBe(E(errno.EINVAL)); // MFD_EXEC with MFD_NOEXEC_SEAL
    expect(h.ret('memfd_create', 8, 0)).toBe(E(errno.EFAULT));
    const long = h.scratch + 0x400;
    mem(h).write(long, new Uint8Array(250).fill(0x61));
    mem(h).write(long + 250, new Uint8Array([0]));
    expect(h.ret('memfd_create', long, 0)).toBe(E(errno.EINVAL)); // 250 > MFD_NAME_MAX_LEN
    mem(h).write(long + 249, new Uint8Array([0]));
    expect(h.ret('memfd_create', long, 0)).toBeGreaterThanOrEqual(0n);
    const fd = Number(h.ret('memfd_create', name, 3));
    mem(h).write(h.scratch + 0x100, new TextEncoder().encode('abcdef'));
    expect(h.ret('write', fd, h.scratch + 0x100, 6)).toBe(6n);
    expect(h.ret('ftruncate', fd, 3)).toBe(0n);
    expect(h.ret('lseek', fd, 0, 0)).toBe(0n);
    expect(h.ret('read', fd, h.scratch + 0x200, 16)).toBe(3n);
    expect(new TextDecoder().decode(mem(h).read(h.scratch + 0x200, 3)!)).toBe('abc');
    const link = h.scratch + 0x300;
    mem(h).write(link, new TextEncoder().encode(`/proc/self/fd/${fd}\0`));
    const n = Number(h.ret('readlinkat', AT_FDCWD, link, h.scratch + 0x800, 100));
    expect(new TextDecoder().decode(mem(h).read(h.scratch + 0x800, n)!)).toBe('/memfd:hello (deleted)');
  });
});

describe('epoll_pwait and poll with time-driven files', () => {
  it('epoll_pwait: a blocked pending signal its mask lets through is EINTR; a zero timeout returns 0 first; the mask comes back', () => {
    const h = withFs();
    const out = h.scratch + 0x1000;
    const usr1 = 1n << BigInt(SIGUSR1 - 1);
    const block = putU64(h, h.scratch, usr1);
    const empty = putU64(h, h.scratch + 8, 0n);
    expect(h.ret('rt_sigprocmask', 0, block, 0, 8)).toBe(0n);
    const ep = Number(h.ret('epoll_create1', 0));
    expect(h.ret('kill', h.process.pid, SIGUSR1)).toBe(0n);
    expect(h.ret('epoll_pwait', ep, out, 4, 0, empty, 8)).toBe(0n);
    expect(h.thread.sigmask).toBe(usr1);
    expect(h.ret('epoll_pwait', ep, out, 4, 0, empty, 4)).toBe(E(errno.EINVAL));
    expect(h.ret('epoll_pwait', ep, out, 4, 0, 8, 8)).toBe(E(errno.EFAULT));
    // No handler: SIGUSR1's default action ends the process once the mask lets it through.
    expect(h.call('epoll_pwait', ep, out, 4, 1000, empty, 8).kind).toBe('exited');
  });

  it('poll(2) on a timerfd sleeps until the expiry (PollState.deadlineNs)', () => {
    const h = withFs();
    const spec = h.scratch;
    const fd = Number(h.ret('timerfd_create', 1, 0));
    for (const [i, v] of [0n, 0n, 0n, 3_000_000n].entries()) putU64(h, spec + i * 8, v);
    expect(h.ret('timerfd_settime', fd, 0, spec, 0)).toBe(0n);
    const pfd = h.scratch + 0x100;
    const b = new Uint8Array(8);
    new DataView(b.buffer).setInt32(0, fd, true);
    new DataView(b.buffer).setInt16(4, 1, true); // POLLIN
    mem(h).write(pfd, b);
    expect(h.call('poll', pfd, 1, -1).kind).toBe('blocked');
    expect(h.thread.deadlineNs).not.toBeNull();
    h.kernel.clock.skipTo(h.thread.deadlineNs!);
    expect(h.kernel.schedule()).toEqual({ kind: 'run', thread: h.thread });
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: 1n });
    expect(new DataView(mem(h).read(pfd, 8)!.buffer).getInt16(6, true)).toBe(1);
  });
});

describe('epoll bookkeeping', () => {
  it('adding and deleting an item again and again leaves one close hook on the file', () => {
    const h = withFs();
    const ep = Number(h.ret('epoll_create1', 0));
    const efd = Number(h.ret('eventfd2', 0, 0));
    const ev = putEvent(h, h.scratch, EPOLLIN, 0n);
    for (let i = 0; i < 5; i++) {
      expect(h.ret('epoll_ctl', ep, ADD, efd, ev)).toBe(0n);
      expect(h.ret('epoll_ctl', ep, DEL, efd, 0)).toBe(0n);
    }
    const file = (h.process.files as import('../vfs/fd-table.js').FdTable).get(efd)!;
    expect(file.onLastClose.length).toBe(1);
  });
});
