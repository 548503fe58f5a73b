// The event-file decoders: the arm64 forms (16-byte struct epoll_event, data at 8) print the same
// text as the x86-64 ones (12 bytes, packed) for the same values — the x86-64 text is what the
// recorded cases (tests/cases/x86_64/ev_*) hold from strace on Linux; i386's 32-bit itimerspec
// prints as x86-64's 64-bit one; DEL's event is an address; unknown flags read `0x… /* X??? */`.
import { describe, expect, it } from 'vitest';
import { coreSyscalls, findSyscall, makeSyscallArgs, type SyscallAbi, type UserMemory } from '@vsys/kernel';
import { decodeArg, type CallView } from './decode.js';

const o = { strsize: 32, hex: 0 as const };
const BASE = 0x10000;

function memoryWith(bytes: Uint8Array): UserMemory {
  const inRange = (a: number, n: number) => a >= BASE && a + n <= BASE + bytes.length;
  return {
    read: (a, n) => (inRange(a, n) ? bytes.slice(a - BASE, a - BASE + n) : null),
    write: () => false,
    readCString: () => null,
  };
}

function view(abi: SyscallAbi, name: string, regs: (number | bigint)[], bytes: Uint8Array): CallView {
  const decl = findSyscall(coreSyscalls, name);
  if (!decl) throw new Error(`no ${name}`);
  return { abi, mem: memoryWith(bytes), args: makeSyscallArgs(regs.map((r) => BigInt(r)), abi), decl };
}

function events(wide: boolean, list: [number, bigint][]): Uint8Array {
  const size = wide ? 16 : 12;
  const b = new Uint8Array(list.length * size);
  const v = new DataView(b.buffer);
  list.forEach(([ev, data], i) => {
    v.setUint32(i * size, ev >>> 0, true);
    v.setBigUint64(i * size + (wide ? 8 : 4), data, true);
  });
  return b;
}

describe('event decoders', () => {
  const list: [number, bigint][] = [[0x1, 0x100000003n], [0x2000 | 0x4 | (1 << 30) | 2 ** 31, 7n]];

  it('epoll_wait events: arm64 (16 bytes) prints as x86-64 (12 bytes, packed)', () => {
    const x86 = decodeArg(view('x86_64', 'epoll_wait', [3, BASE, 4, -1], events(false, list)), 1, 'epollevents', undefined, 2n, o);
    expect(x86).toBe(
      '[{events=EPOLLIN, data={u32=3, u64=4294967299}}, {events=EPOLLOUT|EPOLLRDHUP|EPOLLONESHOT|EPOLLET, data={u32=7, u64=7}}]');
    expect(decodeArg(view('arm64', 'epoll_pwait', [3, BASE, 4, -1, 0, 8], events(true, list)), 1, 'epollevents', undefined, 2n, o)).toBe(x86);
    expect(decodeArg(view('x86_64', 'epoll_wait', [3, BASE, 4, 0], events(false, list)), 1, 'epollevents', undefined, 0n, o)).toBe('[]');
    expect(decodeArg(view('x86_64', 'epoll_wait', [3, BASE, 4, 0], events(false, list)), 1, 'epollevents', undefined, -22n, o)).toBe('0x10000');
  });

  it("epoll_ctl's event: decoded for ADD and MOD, an address for DEL; unknown bits", () => {
    const one = events(false, [[0x800, 0n]]);
    expect(decodeArg(view('x86_64', 'epoll_ctl', [3, 1, 0, BASE], one), 3, 'epollevent', undefined, 0n, o)).toBe('{events=0x800 /* EPOLL??? */, data={u32=0, u64=0}}');
    expect(decodeArg(view('x86_64', 'epoll_ctl', [3, 2, 0, BASE], one), 3, 'epollevent', undefined, 0n, o)).toBe('0x10000');
    expect(decodeArg(view('x86_64', 'epoll_ctl', [3, 7, 0, BASE], one), 1, 'epollctlop', undefined, 0n, o)).toBe('0x7 /* EPOLL_CTL_??? */');
  });

  it('flag words in strace table order, unknown-only words as PREFIX_???', () => {
    const none = new Uint8Array(0);
    expect(decodeArg(view('x86_64', 'eventfd2', [3, 0o2004001], none), 1, 'efdflags', undefined, 5n, o)).toBe('EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK');
    expect(decodeArg(view('x86_64', 'eventfd2', [0, 0x10], none), 1, 'efdflags', undefined, -22n, o)).toBe('0x10 /* EFD_??? */');
    expect(decodeArg(view('x86_64', 'timerfd_create', [1, 1], none), 1, 'tfdflags', undefined, -22n, o)).toBe('TFD_TIMER_ABSTIME');
    expect(decodeArg(view('x86_64', 'timerfd_settime', [0, 5, 0, 0], none), 1, 'tfdsetflags', undefined, -22n, o)).toBe('TFD_TIMER_ABSTIME|0x4');
    expect(decodeArg(view('x86_64', 'memfd_create', [0, 0x18], none), 1, 'mfdflags', undefined, -22n, o)).toBe('0x18 /* MFD_??? */');
  });

  it("i386's 32-bit itimerspec prints as x86-64's", () => {
    const w64 = new Uint8Array(32);
    const w32 = new Uint8Array(16);
    [1n, 500n, 2n, 999_999_999n].forEach((x, i) => {
      new DataView(w64.buffer).setBigInt64(i * 8, x, true);
      new DataView(w32.buffer).setInt32(i * 4, Number(x), true);
    });
    const want = '{it_interval={tv_sec=1, tv_nsec=500}, it_value={tv_sec=2, tv_nsec=999999999}}';
    expect(decodeArg(view('x86_64', 'timerfd_settime', [3, 0, BASE, 0], w64), 2, 'itimerspec', undefined, 0n, o)).toBe(want);
    expect(decodeArg(view('i386', 'timerfd_settime', [3, 0, BASE, 0], w32), 2, 'itimerspec', undefined, 0n, o)).toBe(want);
    expect(decodeArg(view('i386', 'timerfd_settime64', [3, 0, BASE, 0], w64), 2, 'itimerspec', undefined, 0n, o)).toBe(want);
  });

  it("epoll_pwait's mask: an address unless its size is 8 and the call succeeded", () => {
    const set = new Uint8Array(8);
    set[1] = 2; // SIGUSR1 (bit 9)
    expect(decodeArg(view('x86_64', 'epoll_pwait', [3, 0, 4, 0, BASE, 8], set), 4, 'sizedsigset', 5, 0n, o)).toBe('[USR1]');
    expect(decodeArg(view('x86_64', 'epoll_pwait', [3, 0, 4, 0, BASE, 4], set), 4, 'sizedsigset', 5, -22n, o)).toBe('0x10000');
    expect(decodeArg(view('x86_64', 'epoll_pwait', [3, 0, 4, 0, BASE, 8], set), 4, 'sizedsigset', 5, -4n, o)).toBe('0x10000');
    expect(decodeArg(view('x86_64', 'signalfd4', [-1, BASE, 8, 1], set), 1, 'sizedsigset', 2, -22n, o)).toBe('[USR1]');
  });
});
