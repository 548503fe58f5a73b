// mremap, mlock and msync beyond what the recorded cases show: the unprivileged limits
// (RLIMIT_MEMLOCK: EPERM at 0, ENOMEM past it, EAGAIN for growing a locked area, mm/mlock.c
// and mm/mremap.c), copy-on-write frames carried by a move, and file mappings that grow.
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../testing/harness.js';
import { errno } from '../syscalls/errno.js';
import { Resource } from '../process/rlimits.js';

const E = (n: number) => BigInt(-n);
const RW = 3;
const ANON = 0x22;
const FIXED = 0x10;

function unprivileged(limit: bigint) {
  const h = makeHarness();
  h.process.rlimits.set(Resource.RLIMIT_MEMLOCK, { cur: limit, max: limit });
  h.process.creds.euid = h.process.creds.uid = h.process.creds.suid = 1000;
  return h;
}

describe('mlock limits for an unprivileged caller', () => {
  it('EPERM with a zero RLIMIT_MEMLOCK, ENOMEM past it, counting what is already locked once', () => {
    const h0 = unprivileged(0n);
    expect(h0.ret('mlock', h0.scratch, 4096)).toBe(E(errno.EPERM));
    expect(h0.ret('mlockall', 1)).toBe(E(errno.EPERM));
    expect(h0.ret('munlock', h0.scratch, 4096)).toBe(0n);
    const h = unprivileged(8192n);
    expect(h.ret('mlock', h.scratch, 8192)).toBe(0n);
    expect(h.ret('mlock', h.scratch, 8192)).toBe(0n); // the same pages again: still within
    expect(h.ret('mlock', h.scratch + 8192, 4096)).toBe(E(errno.ENOMEM));
    expect(h.process.mm.lockedBytes()).toBe(8192);
    expect(h.ret('mlockall', 1)).toBe(E(errno.ENOMEM)); // total_vm > limit
    expect(h.ret('munlockall')).toBe(0n);
    expect(h.process.mm.lockedBytes()).toBe(0);
  });

  it('MAP_LOCKED and mlockall(MCL_FUTURE) lock new mappings; past the limit mmap is EAGAIN', () => {
    const h = unprivileged(8192n);
    const a = h.ret('mmap', 0, 4096, RW, ANON | 0x2000, -1, 0);
    expect(a > 0n).toBe(true);
    expect(h.process.mm.lockedBytes()).toBe(4096);
    expect(h.ret('mmap', 0, 8192, RW, ANON | 0x2000, -1, 0)).toBe(E(errno.EAGAIN));
    expect(h.ret('mlockall', 2)).toBe(0n);
    expect(h.ret('mmap', 0, 8192, RW, ANON, -1, 0)).toBe(E(errno.EAGAIN));
    expect(h.ret('mmap', 0, 4096, RW, ANON, -1, 0) > 0n).toBe(true);
    expect(h.process.mm.lockedBytes()).toBe(8192);
  });

  it('growing a locked area past the limit is EAGAIN (remap_is_valid)', () => {
    const h = unprivileged(8192n);
    expect(h.ret('mmap', 0x10000000, 4096, RW, ANON | FIXED, -1, 0)).toBe(0x10000000n);
    expect(h.ret('mlock', 0x10000000, 4096)).toBe(0n);
    expect(h.ret('mremap', 0x10000000, 4096, 8192, 0)).toBe(0x10000000n);
    expect(h.ret('mremap', 0x10000000, 8192, 16384, 0)).toBe(E(errno.EAGAIN));
  });
});

describe('mremap', () => {
  it('keeps the bytes, the VMA count and frees nothing twice when moving back and forth', () => {
    const h = makeHarness();
    const mm = h.process.mm;
    expect(h.ret('mmap', 0x10000000, 8192, RW, ANON | FIXED, -1, 0)).toBe(0x10000000n);
    mm.writeKernel(0x10000000, new Uint8Array([1, 2, 3]));
    mm.writeKernel(0x10001000, new Uint8Array([4]));
    expect(h.ret('mremap', 0x10000000, 8192, 8192, 3, 0x20000000)).toBe(0x20000000n);
    expect(h.ret('mremap', 0x20000000, 8192, 12288, 3, 0x10000000)).toBe(0x10000000n);
    const mem = h.kernel.userMemory(h.process);
    expect(Array.from(mem.read(0x10000000, 3)!)).toEqual([1, 2, 3]);
    expect(Array.from(mem.read(0x10001000, 1)!)).toEqual([4]);
    expect(Array.from(mem.read(0x10002000, 1)!)).toEqual([0]);
    expect(mm.findVma(0x20000000)).toBeUndefined();
    expect(mm.areas.filter((v) => v.start >= 0x10000000 && v.end <= 0x10003000).length).toBe(1);
  });

  it('a shared area moved with DONTUNMAP stays readable at both addresses with the same data', () => {
    const h = makeHarness();
    expect(h.ret('mmap', 0x10000000, 4096, RW, 0x21 | FIXED, -1, 0)).toBe(0x10000000n);
    const mem = h.kernel.userMemory(h.process);
    mem.write(0x10000000, new Uint8Array([9]));
    const b = h.ret('mremap', 0x10000000, 4096, 4096, 5, 0);
    expect(b > 0n && b !== 0x10000000n).toBe(true);
    expect(Array.from(mem.read(Number(b), 1)!)).toEqual([9]);
  });

  it('a new size past TASK_SIZE is EINVAL, one that fits nowhere ENOMEM (measured)', () => {
    const h = makeHarness();
    expect(h.ret('mremap', h.scratch, 4096, 2n ** 47n, 1)).toBe(E(errno.EINVAL));
    expect(h.ret('mremap', h.scratch, 4096, 2n ** 62n, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('mremap', h.scratch, 4096, 0x7ffffffff000, 1)).toBe(E(errno.ENOMEM));
    expect(h.ret('mremap', h.scratch, 4096, 2n ** 46n, 0)).toBe(E(errno.ENOMEM));
  });

  it('an address past 2^53 is EFAULT (no mapping) and an unaligned one EINVAL', () => {
    const h = makeHarness();
    expect(h.ret('mremap', 1n << 60n, 4096, 4096, 0)).toBe(E(errno.EFAULT));
    expect(h.ret('mremap', (1n << 60n) + 1n, 4096, 4096, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('mremap', h.scratch, 4096, 4096, 3, (1n << 60n) + 1n)).toBe(E(errno.EINVAL));
    expect(h.ret('mremap', h.scratch, 4096, 4096, 3, 1n << 60n)).toBe(E(errno.EINVAL));
  });
});

describe('mincore', () => {
  it('answers inside a 1 TiB reservation, ENOMEM past its end, EFAULT for a vector beyond user space', () => {
    const h = makeHarness();
    // 1 TiB of PROT_NONE reservation (2^28 pages); the vector is copied out in chunks
    const big = 2 ** 40;
    const a = h.ret('mmap', 0, big, 0, ANON | 0x4000, -1, 0);
    expect(a > 0n).toBe(true);
    const vec = h.scratch;
    expect(h.ret('mincore', a, 4 * 4096, vec)).toBe(0n);
    expect(h.ret('mincore', a + BigInt(big) - 4096n, 8192, vec)).toBe(E(errno.ENOMEM));
    expect(h.ret('mincore', a, 4096, (1n << 47n) - 2n)).toBe(E(errno.EFAULT));
  });
});
