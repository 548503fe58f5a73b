// The dispatcher's bounds rule (facts §1.1/§1.4, measured: nr 1000, -1 and the no-entry slots
// give ENOSYS; the upper 32 bits of RAX are ignored), the once-only warning, and the tracer
// hooks' order.
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../testing/harness.js';
import { errno } from './errno.js';

const ENOSYS = BigInt(-errno.ENOSYS);

function raw(h: ReturnType<typeof makeHarness>, nr: bigint) {
  const out = h.kernel.handleSyscall(h.thread, h.abi, nr, [0n, 0n, 0n, 0n, 0n, 0n]);
  if (out.kind !== 'return') throw new Error(out.kind);
  return BigInt.asIntN(64, out.value);
}

describe('dispatcher', () => {
  it('returns -ENOSYS past the end, for -1 and for holes', () => {
    const h = makeHarness();
    expect(raw(h, 1000n)).toBe(ENOSYS);
    expect(raw(h, 0xffffffffffffffffn)).toBe(ENOSYS); // -1
    expect(raw(h, 0x7fffffffn)).toBe(ENOSYS);
    expect(raw(h, 205n)).toBe(ENOSYS); // set_thread_area: no entry on x86-64
    expect(raw(h, 174n)).toBe(ENOSYS); // create_module
  });

  it('ignores the upper 32 bits of RAX (0x1_0000_0027 is getpid)', () => {
    const h = makeHarness();
    expect(raw(h, 0x1_0000_0027n)).toBe(BigInt(h.process.pid));
    // ...but 0x1_ffff_ffff is -1 in the low half
    expect(raw(h, 0x1_ffff_ffffn)).toBe(ENOSYS);
  });

  it('warns once per unimplemented number, naming it from Linux tables', () => {
    const h = makeHarness();
    raw(h, 205n);
    raw(h, 205n);
    raw(h, 1000n);
    expect(h.warnings).toEqual(['vrun: unimplemented syscall 205 (set_thread_area)\n', 'vrun: unimplemented syscall 1000\n']);
  });

  it('uses each ABI its own table (i386 20 = getpid, arm64 172 = getpid)', () => {
    const h = makeHarness();
    const i386 = h.kernel.handleSyscall(h.thread, 'i386', 20, [0, 0, 0, 0, 0, 0]);
    expect(i386).toEqual({ kind: 'return', value: BigInt(h.process.pid) });
    const a = makeHarness({ arch: 'arm64' });
    expect(a.ret('getpid')).toBe(BigInt(a.process.pid));
    expect(a.kernel.handleSyscall(a.thread, 'arm64', 5000, [0, 0, 0, 0, 0, 0])).toEqual({
      kind: 'return',
      value: BigInt.asUintN(64, ENOSYS),
    });
  });

  it('i386 results are 32-bit register values', () => {
    const h = makeHarness();
    const out = h.kernel.handleSyscall(h.thread, 'i386', 5000, [0, 0, 0, 0, 0, 0]);
    expect(out).toEqual({ kind: 'return', value: 0xffffffdan });
  });

  it('calls the tracer at entry and exit, and only at entry for exit_group', () => {
    const h = makeHarness();
    const events: string[] = [];
    h.kernel.tracer = {
      onSyscallEnter: (_c, d) => events.push(`enter ${d.name}`),
      onSyscallExit: (_c, d, _a, r) => events.push(`exit ${d.name} ${r}`),
      onExit: (_p, s) => events.push(`exit-process ${JSON.stringify(s)}`),
    };
    h.ret('getpid');
    raw(h, 1000n);
    expect(h.call('exit_group', 3)).toEqual({ kind: 'exited' });
    expect(events).toEqual([
      'enter getpid',
      `exit getpid ${h.process.pid}`,
      'enter syscall_0x3e8',
      'exit syscall_0x3e8 -38',
      'enter exit_group',
      'exit-process {"kind":"exited","code":3}',
    ]);
  });

  it('declares every number once per ABI, matching Linux names', () => {
    const h = makeHarness();
    for (const abi of ['x86_64', 'i386', 'arm64'] as const) {
      const t = h.kernel.table[abi];
      expect(t.length).toBeGreaterThan(100);
    }
    expect(h.kernel.table.x86_64[39]?.name).toBe('getpid');
    expect(h.kernel.table.arm64[222]?.name).toBe('mmap');
    expect(h.kernel.table.i386[192]?.name).toBe('mmap2');
    expect(h.kernel.table.i386[199]?.name).toBe('getuid32');
    expect(h.kernel.table.i386[24]?.name).toBe('getuid'); // getuid16, named as strace names it
    expect(h.kernel.table.i386[191]?.name).toBe('ugetrlimit');
    expect(h.kernel.table.i386[76]?.name).toBe('getrlimit');
    expect(h.kernel.table.i386[90]?.name).toBe('mmap');
    expect(h.kernel.table.i386[205]?.name).toBe('getgroups32');
    expect(h.kernel.table.i386[80]?.name).toBe('getgroups');
  });
});
