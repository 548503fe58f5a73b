// vsyscall emulation: the three entry points return to the caller with the result (time and
// gettimeofday from the kernel clock, getcpu 0), bad entry offsets, an unreadable stack and
// unwritable pointers become SIGSEGV at the right address.
import { describe, expect, it } from 'vitest';
import { KernelClock } from '../../time/clock.js';
import { emulateVsyscall, inVsyscallPage, VSYSCALL_ADDR, type VsyscallThread } from './vsyscall.js';

const clock = new KernelClock({ mode: 'deterministic', realtimeEpochNs: 1_767_225_600_123_456_789n });

function thread(rip: bigint, rdi = 0n, rsi = 0n): VsyscallThread & { mem: Map<bigint, Uint8Array> } {
  const mem = new Map<bigint, Uint8Array>();
  return {
    rip, rsp: 0x7000n, rdi, rsi, mem,
    readU64: (a) => (a === 0x7000n ? 0x401234n : null),
    write: (a, d) => (a >= 0x9000n && a < 0xa000n ? (mem.set(a, d), true) : false),
  };
}

describe('vsyscall emulation', () => {
  it('time(t) at +0x400 returns the seconds, stores them, and returns to the caller', () => {
    const t = thread(VSYSCALL_ADDR + 0x400n, 0x9000n);
    const r = emulateVsyscall(t, clock);
    expect(r).toEqual({ kind: 'return', rip: 0x401234n, rsp: 0x7008n, rax: clock.realtimeNs() / 1_000_000_000n });
    expect(new DataView(t.mem.get(0x9000n)!.buffer).getBigUint64(0, true)).toBe(clock.realtimeNs() / 1_000_000_000n);
  });

  it('gettimeofday at +0x0 writes tv_sec/tv_usec; getcpu at +0x800 writes cpu 0 and node 0', () => {
    const g = thread(VSYSCALL_ADDR, 0x9000n);
    expect(emulateVsyscall(g, clock)).toMatchObject({ kind: 'return', rax: 0n });
    const tv = new DataView(g.mem.get(0x9000n)!.buffer);
    expect(tv.getBigUint64(0, true)).toBe(1_767_225_600n);
    expect(tv.getBigUint64(8, true)).toBe(((clock.realtimeNs() % 1_000_000_000n) / 1000n));
    const c = thread(VSYSCALL_ADDR + 0x800n, 0x9000n, 0x9010n);
    expect(emulateVsyscall(c, clock, 0)).toMatchObject({ kind: 'return', rax: 0n });
    expect([...c.mem.get(0x9000n)!, ...c.mem.get(0x9010n)!]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('faults: not an entry point, 0xc00, unreadable return address, unwritable pointer', () => {
    expect(emulateVsyscall(thread(VSYSCALL_ADDR + 0x10n), clock)).toEqual({ kind: 'segv', addr: VSYSCALL_ADDR + 0x10n });
    expect(emulateVsyscall(thread(VSYSCALL_ADDR + 0xc00n), clock)).toEqual({ kind: 'segv', addr: VSYSCALL_ADDR + 0xc00n });
    const noStack = { ...thread(VSYSCALL_ADDR + 0x400n), readU64: () => null };
    expect(emulateVsyscall(noStack, clock)).toEqual({ kind: 'segv', addr: 0x7000n });
    expect(emulateVsyscall(thread(VSYSCALL_ADDR + 0x400n, 0x10n), clock)).toEqual({ kind: 'segv', addr: 0x10n });
    expect(inVsyscallPage(VSYSCALL_ADDR + 0xfffn)).toBe(true);
    expect(inVsyscallPage(VSYSCALL_ADDR + 0x1000n)).toBe(false);
  });
});
