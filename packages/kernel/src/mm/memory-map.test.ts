// mm edge cases against Linux's rules (mm/mmap.c, mm/mprotect.c, brk), page faults and
// UserMemory's EFAULT paths, driven through the real syscall entry points.
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../testing/harness.js';
import { errno } from '../syscalls/errno.js';
import { SoftAddressSpace } from './paging.js';
import { formatMaps } from './maps-text.js';
import { SiCode } from '../signal/siginfo.js';

const E = (n: number) => BigInt(-n);
const PROT_RW = 3;
const ANON = 0x22; // MAP_PRIVATE | MAP_ANONYMOUS

describe('mmap', () => {
  it('places anonymous mappings top-down from mmap_base 0x7ffff7fff000', () => {
    const h = makeHarness();
    expect(h.scratch).toBe(0x7ffff7fff000 - 65536);
    const a = h.ret('mmap', 0, 4096, PROT_RW, ANON, -1, 0);
    expect(a).toBe(BigInt(h.scratch - 4096));
    const b = h.ret('mmap', 0, 10000, PROT_RW, ANON, -1, 0);
    expect(b).toBe(a - 12288n);
  });

  it('honours a free hint and MAP_FIXED, refuses MAP_FIXED_NOREPLACE over a mapping', () => {
    const h = makeHarness();
    expect(h.ret('mmap', 0x10000000, 4096, PROT_RW, ANON, -1, 0)).toBe(0x10000000n);
    expect(h.ret('mmap', 0x10000000, 4096, PROT_RW, ANON | 0x10, -1, 0)).toBe(0x10000000n);
    expect(h.ret('mmap', 0x10000000, 4096, PROT_RW, ANON | 0x100000, -1, 0)).toBe(E(errno.EEXIST));
    // an occupied hint falls back to top-down
    expect(h.ret('mmap', 0x10000000, 4096, PROT_RW, ANON, -1, 0)).not.toBe(0x10000000n);
  });

  it('root may map below mmap_min_addr, even at 0; others get EPERM; low hints rise to 64 KiB (measured)', () => {
    const h = makeHarness();
    expect(h.ret('mmap', 0x1000, 4096, PROT_RW, ANON | 0x10, -1, 0)).toBe(0x1000n);
    expect(h.ret('mmap', 0, 4096, PROT_RW, ANON | 0x10, -1, 0)).toBe(0n);
    expect(h.ret('mmap', 0x2000, 4096, PROT_RW, ANON, -1, 0)).toBe(0x10000n);
    expect(h.ret('mmap', 0x20000123, 4096, PROT_RW, ANON, -1, 0)).toBe(0x20000000n); // x86 rounds down
    const a = makeHarness({ arch: 'arm64' });
    expect(a.ret('mmap', 0x20000123, 4096, PROT_RW, ANON, -1, 0)).toBe(0x20001000n); // generic rounds up
    h.ret('setresuid', 1000, 1000, 1000);
    expect(h.ret('mmap', 0x3000, 4096, PROT_RW, ANON | 0x10, -1, 0)).toBe(E(errno.EPERM));
  });

  it('rejects bad arguments like Linux', () => {
    expect(makeHarness().ret('mmap', 0, 4096, PROT_RW, 0x03 | 0x20, -1, 0)).toBe(E(errno.EINVAL)); // SHARED_VALIDATE anon
    expect(makeHarness().ret('mmap', 0, 4096, PROT_RW, 0x0f | 0x20, -1, 0)).toBe(E(errno.EINVAL));
    expect(makeHarness().ret('mmap', 0, 4096, 0x40, ANON, -1, 0) > 0n).toBe(true); // prot bits unchecked
    expect(makeHarness().ret('mmap', 0, 0, PROT_RW, 0x02, -1, 0)).toBe(E(errno.EBADF)); // fd before length
    const h = makeHarness();
    expect(h.ret('mmap', 0, 0, PROT_RW, ANON, -1, 0)).toBe(E(errno.EINVAL)); // length 0
    expect(h.ret('mmap', 0, 4096, PROT_RW, 0x20, -1, 0)).toBe(E(errno.EINVAL)); // no MAP_TYPE
    expect(h.ret('mmap', 0, 4096, PROT_RW, ANON, -1, 123)).toBe(E(errno.EINVAL)); // unaligned offset
    expect(h.ret('mmap', 0x10000001, 4096, PROT_RW, ANON | 0x10, -1, 0)).toBe(E(errno.EINVAL)); // unaligned FIXED
    expect(h.ret('mmap', 0, 4096, PROT_RW, 0x02, 99, 0)).toBe(E(errno.EBADF)); // file mapping, no such fd
    expect(h.ret('mmap', 0, 2n ** 62n, PROT_RW, ANON, -1, 0)).toBe(E(errno.ENOMEM));
  });
});

describe('munmap / mprotect', () => {
  it('munmap: EINVAL unaligned or zero length; holes are fine; frames are freed', () => {
    const h = makeHarness();
    const backend = h.process.mm.backend as SoftAddressSpace;
    expect(h.ret('munmap', h.scratch + 1, 4096)).toBe(E(errno.EINVAL));
    expect(h.ret('munmap', h.scratch, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('munmap', 0x20000000, 8192)).toBe(0n);
    const before = backend.framesInUse;
    h.process.mm.populate(h.scratch, 8192);
    expect(backend.framesInUse).toBe(before + 2);
    expect(h.ret('munmap', h.scratch, 8192)).toBe(0n);
    expect(backend.framesInUse).toBe(before);
    expect(h.process.mm.findVma(h.scratch)).toBeUndefined();
    expect(h.process.mm.findVma(h.scratch + 8192)).toBeDefined();
  });

  it('mprotect: ENOMEM on unmapped, EINVAL unaligned or bad prot, EACCES beyond VM_MAY*', () => {
    const h = makeHarness();
    expect(h.ret('mprotect', 0x20000000, 4096, 1)).toBe(E(errno.ENOMEM));
    expect(h.ret('mprotect', h.scratch + 8, 4096, 1)).toBe(E(errno.EINVAL));
    expect(h.ret('mprotect', h.scratch, 4096, 0x40)).toBe(E(errno.EINVAL));
    expect(h.ret('mprotect', h.scratch, 0, 1)).toBe(0n);
    // a range running into a hole: ENOMEM
    expect(h.ret('mprotect', h.scratch + 65536 - 4096, 8192, 1)).toBe(E(errno.ENOMEM));
    const vvar = h.process.mm.mapFixed(0x30000000, 4096, { read: true, write: false, exec: false }, {
      name: '[vvar]',
      may: { read: true, write: false, exec: false },
    });
    expect(h.ret('mprotect', vvar.start, 4096, PROT_RW)).toBe(E(errno.EACCES));
    expect(h.ret('mprotect', h.scratch, 4096, 1)).toBe(0n);
    // split into [r--][rw-]
    const text = formatMaps(h.process.mm);
    expect(text).toContain(`${h.scratch.toString(16)}-${(h.scratch + 4096).toString(16)} r--p 00000000 00:00 0 \n`);
  });

  it('a write to a page made read-only faults with SEGV_ACCERR; unmapped with SEGV_MAPERR', () => {
    const h = makeHarness();
    h.ret('mprotect', h.scratch, 4096, 1);
    const acc = h.kernel.handleFault(h.thread, { kind: 'page', addr: BigInt(h.scratch + 16), access: 'write' });
    expect(acc).toMatchObject({ kind: 'exited' });
    expect(h.process.exitStatus).toEqual({ kind: 'signaled', signal: 11, core: false });
    const h2 = makeHarness();
    const sigs: unknown[] = [];
    h2.kernel.tracer = { onSignal: (_t, i) => sigs.push(i) };
    h2.kernel.handleFault(h2.thread, { kind: 'page', addr: 0x1234n, access: 'read' });
    expect(sigs).toEqual([{ signo: 11, code: SiCode.SEGV_MAPERR, addr: 0x1234n }]);
    const h3 = makeHarness();
    expect(h3.kernel.handleFault(h3.thread, { kind: 'page', addr: BigInt(h3.scratch + 5), access: 'write' })).toEqual({ kind: 'retry' });
  });
});

describe('brk', () => {
  it('follows Linux: query, grow (unaligned value kept), shrink, refuse below start_brk', () => {
    const h = makeHarness();
    const mm = h.process.mm;
    mm.startBrk = mm.brk = 0x4c0000;
    expect(h.ret('brk', 0)).toBe(0x4c0000n);
    expect(h.ret('brk', 0x4c0000 + 0x21000 + 5)).toBe(BigInt(0x4c0000 + 0x21000 + 5));
    expect(mm.findVma(0x4e0000)?.name).toBe('[heap]');
    expect(h.kernel.userMemory(h.process).write(0x4e1000, new Uint8Array([1, 2, 3]))).toBe(true);
    expect(h.ret('brk', 0x4c1000)).toBe(0x4c1000n);
    expect(mm.findVma(0x4c1000)).toBeUndefined();
    expect(h.ret('brk', 0x100)).toBe(0x4c1000n);
    // colliding with a mapping (within a guard page) fails: returns the current break
    mm.mapFixed(0x500000, 4096, { read: true, write: true, exec: false });
    expect(h.ret('brk', 0x4ff800)).toBe(0x4c1000n);
  });
});

describe('UserMemory', () => {
  it('copies across pages, faulting pages in, and reports EFAULT instead of throwing', () => {
    const h = makeHarness();
    const mem = h.kernel.userMemory(h.process);
    const data = new Uint8Array(6000).map((_, i) => i & 0xff);
    expect(mem.write(h.scratch + 4000, data)).toBe(true);
    expect(mem.read(h.scratch + 4000, 6000)).toEqual(data);
    expect(mem.read(0, 1)).toBeNull();
    expect(mem.read(h.scratch + 65536 - 2, 4)).toBeNull(); // runs off the end
    expect(mem.write(-5, new Uint8Array(1))).toBe(false);
    expect(mem.read(2 ** 60, 8)).toBeNull();
    h.ret('mprotect', h.scratch, 4096, 1);
    expect(mem.write(h.scratch, new Uint8Array(1))).toBe(false);
    expect(mem.read(h.scratch, 1)).not.toBeNull();
    h.ret('mprotect', h.scratch, 4096, 0);
    expect(mem.read(h.scratch, 1)).toBeNull();
  });

  it('readCString: string, toolong, unmapped', () => {
    const h = makeHarness();
    const mem = h.kernel.userMemory(h.process);
    const end = h.scratch + 65536;
    mem.write(end - 3, new TextEncoder().encode('ab\0'));
    expect(mem.readCString(end - 3, 100)).toEqual(new TextEncoder().encode('ab'));
    expect(mem.readCString(end - 3, 2)).toBe('toolong');
    mem.write(end - 2, new TextEncoder().encode('xy'));
    expect(mem.readCString(end - 3, 100)).toBeNull(); // no NUL before the unmapped page
  });
});

describe('/proc/PID/maps', () => {
  it('formats like fs/proc/task_mmu.c', () => {
    const h = makeHarness();
    const mm = h.process.mm;
    mm.mapFixed(0x400000, 4096, { read: true, write: false, exec: true }, { name: '/tmp/prog', offset: 0x1000 });
    const text = formatMaps(mm);
    expect(text.split('\n')[0]).toBe('00400000-00401000 r-xp 00001000 00:00 0' + ' '.repeat(34) + '/tmp/prog');
    expect(h.kernel.mapsText(h.process)).toContain(
      'ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n',
    );
  });
});
