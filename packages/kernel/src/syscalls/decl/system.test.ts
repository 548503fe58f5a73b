// The paths of sched.ts and system.ts the recorded cases leave out because they would change
// the recording host or depend on its capabilities: successful sethostname/setdomainname (read
// back through uname), capget/capset of root's sets, real-time policies, and the unprivileged
// refusals (EPERM/EACCES) after dropping root.
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../../testing/harness.js';
import { errno } from '../errno.js';

const E = (n: number) => BigInt(-n);

function text(h: ReturnType<typeof makeHarness>, s: string): number {
  const at = h.scratch + 4096;
  h.kernel.userMemory(h.process).write(at, new TextEncoder().encode(s + '\0'));
  return at;
}

function read(h: ReturnType<typeof makeHarness>, at: number, n: number): Uint8Array {
  return h.kernel.userMemory(h.process).read(at, n)!;
}

function dropRoot(h: ReturnType<typeof makeHarness>) {
  expect(h.ret('setresuid', 1000, 1000, 1000)).toBe(0n);
}

describe('host and domain names', () => {
  it('root changes them and uname reports them; others get EPERM, a bad length EINVAL first', () => {
    const h = makeHarness();
    expect(h.ret('sethostname', text(h, 'box'), 3)).toBe(0n);
    expect(h.ret('setdomainname', text(h, 'example.org'), 11)).toBe(0n);
    const u = h.scratch + 8192;
    expect(h.ret('uname', u)).toBe(0n);
    const field = (i: number) => new TextDecoder().decode(read(h, u + 65 * i, 65)).replace(/\0.*$/s, '');
    expect([field(1), field(5)]).toEqual(['box', 'example.org']);
    dropRoot(h);
    expect(h.ret('sethostname', text(h, 'x'), 65)).toBe(E(errno.EINVAL));
    expect(h.ret('sethostname', text(h, 'x'), 1)).toBe(E(errno.EPERM));
  });
});

describe('capabilities', () => {
  const V3 = 0x20080522;
  function header(h: ReturnType<typeof makeHarness>, pid = 0): number {
    const at = h.scratch + 12288;
    const b = new Uint8Array(8);
    new DataView(b.buffer).setUint32(0, V3, true);
    new DataView(b.buffer).setInt32(4, pid, true);
    h.kernel.userMemory(h.process).write(at, b);
    return at;
  }
  const data = (h: ReturnType<typeof makeHarness>) => h.scratch + 16384;
  const words = (h: ReturnType<typeof makeHarness>) => {
    const v = new DataView(read(h, data(h), 24).buffer);
    return [0, 1, 2, 3, 4, 5].map((i) => v.getUint32(i * 4, true));
  };

  it('root has capabilities 0…40 effective and permitted; capset may drop but not regain them', () => {
    const h = makeHarness();
    expect(h.ret('capget', header(h), data(h))).toBe(0n);
    expect(words(h)).toEqual([0xffffffff, 0xffffffff, 0, 0x1ff, 0x1ff, 0]);
    // drop CAP_CHOWN (bit 0) from both sets
    const w = new Uint8Array(24);
    const v = new DataView(w.buffer);
    [0xfffffffe, 0xfffffffe, 0, 0x1ff, 0x1ff, 0].forEach((x, i) => v.setUint32(i * 4, x, true));
    h.kernel.userMemory(h.process).write(data(h), w);
    expect(h.ret('capset', header(h), data(h))).toBe(0n);
    expect(h.ret('capget', header(h), data(h))).toBe(0n);
    expect(words(h)[0]).toBe(0xfffffffe);
    v.setUint32(4, 0xffffffff, true); // permitted back: not allowed
    h.kernel.userMemory(h.process).write(data(h), w);
    expect(h.ret('capset', header(h), data(h))).toBe(E(errno.EPERM));
  });

  it('a process that dropped root has empty sets', () => {
    const h = makeHarness();
    dropRoot(h);
    expect(h.ret('capget', header(h), data(h))).toBe(0n);
    expect(words(h)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('scheduling policies and priorities', () => {
  it('root may choose SCHED_FIFO with a priority; getparam and getscheduler report it', () => {
    const h = makeHarness();
    const p = h.scratch + 20480;
    h.kernel.userMemory(h.process).write(p, new Uint8Array([10, 0, 0, 0]));
    expect(h.ret('sched_setscheduler', 0, 1, p)).toBe(0n);
    expect(h.ret('sched_getscheduler', 0)).toBe(1n);
    expect(h.ret('sched_getparam', 0, p + 8)).toBe(0n);
    expect(read(h, p + 8, 4)[0]).toBe(10);
    h.kernel.userMemory(h.process).write(p, new Uint8Array([100, 0, 0, 0]));
    expect(h.ret('sched_setscheduler', 0, 1, p)).toBe(E(errno.EINVAL)); // > 99
    const ts = p + 16;
    expect(h.ret('sched_rr_get_interval', 0, ts)).toBe(0n); // FIFO: 0
  });

  it('without privilege: no real-time policy (RLIMIT_RTPRIO 0), no lower nice (RLIMIT_NICE 0)', () => {
    const h = makeHarness();
    expect(h.ret('setpriority', 0, 0, 5)).toBe(0n);
    dropRoot(h);
    const p = h.scratch + 20480;
    h.kernel.userMemory(h.process).write(p, new Uint8Array([1, 0, 0, 0]));
    expect(h.ret('sched_setscheduler', 0, 2, p)).toBe(E(errno.EPERM));
    expect(h.ret('setpriority', 0, 0, 10)).toBe(0n); // raising is fine
    expect(h.ret('setpriority', 0, 0, 2)).toBe(E(errno.EACCES));
    expect(h.ret('getpriority', 0, 0)).toBe(10n);
  });
});

describe('membarrier', () => {
  it('private expedited barriers need registration; GET_REGISTRATIONS reports it', () => {
    const h = makeHarness();
    expect(h.ret('membarrier', 8, 0, 0)).toBe(E(errno.EPERM));
    expect(h.ret('membarrier', 16, 0, 0)).toBe(0n);
    expect(h.ret('membarrier', 8, 0, 0)).toBe(0n);
    expect(h.ret('membarrier', 512, 0, 0)).toBe(16n);
  });
});
