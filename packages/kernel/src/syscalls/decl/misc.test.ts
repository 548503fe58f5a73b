// Identity, uname, rlimits, getrandom, arch_prctl: success and error paths as measured natively
// on the build machine (Linux 6.18, root; the probe's results are quoted in each test).
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../../testing/harness.js';
import { errno } from '../errno.js';
import { getWords, putWords } from '../uaccess.js';

const E = (n: number) => BigInt(-n);

describe('ids', () => {
  it('getpid/gettid/getppid and the uid family start as root', () => {
    const h = makeHarness();
    expect(h.ret('getpid')).toBe(1000n);
    expect(h.ret('gettid')).toBe(1000n);
    expect(h.ret('getppid')).toBe(0n);
    for (const n of ['getuid', 'geteuid', 'getgid', 'getegid']) expect(h.ret(n)).toBe(0n);
  });

  it('setuid(-1) → EINVAL, setresuid(-1,-1,-1) → 0; dropping root then regaining it → EPERM', () => {
    const h = makeHarness();
    expect(h.ret('setuid', 0xffffffff)).toBe(E(errno.EINVAL));
    expect(h.ret('setgid', 0xffffffff)).toBe(E(errno.EINVAL));
    expect(h.ret('setresuid', -1, -1, -1)).toBe(0n);
    expect(h.ret('setresgid', 100, 100, 100)).toBe(0n);
    expect(h.ret('setresuid', 1000, 1000, 1000)).toBe(0n);
    expect(h.ret('getuid')).toBe(1000n);
    expect(h.ret('getgid')).toBe(100n);
    expect(h.ret('setuid', 0)).toBe(E(errno.EPERM));
    expect(h.ret('setresuid', 0, -1, -1)).toBe(E(errno.EPERM));
    const out = h.scratch;
    expect(h.ret('getresuid', out, out + 4, out + 8)).toBe(0n);
    expect(getWords(h.kernel.userMemory(h.process), out, 3, 4)).toEqual([1000n, 1000n, 1000n]);
    expect(h.ret('getresuid', 8, out + 4, out + 8)).toBe(E(errno.EFAULT));
  });

  it('i386 16-bit and 32-bit forms', () => {
    const h = makeHarness({ abi: 'i386' });
    expect(h.ret('getuid32')).toBe(0n);
    expect(h.ret('setresuid32', 70000, 70000, 70000)).toBe(0n);
    expect(h.ret('getuid32')).toBe(70000n);
    expect(h.ret('getuid')).toBe(65534n); // i386 24 = getuid16: overflow uid
  });
});

describe('uname', () => {
  it('fills struct new_utsname; EFAULT on a bad buffer', () => {
    const h = makeHarness();
    expect(h.ret('uname', h.scratch)).toBe(0n);
    const b = h.kernel.userMemory(h.process).read(h.scratch, 390)!;
    const field = (i: number) => new TextDecoder().decode(b.subarray(i * 65, i * 65 + 65)).replace(/\0.*$/s, '');
    expect(field(0)).toBe('Linux');
    expect(field(2)).toBe('6.18.0-vsys');
    expect(field(4)).toBe('x86_64');
    expect(field(5)).toBe('(none)');
    expect(h.ret('uname', 8)).toBe(E(errno.EFAULT));
    const a = makeHarness({ arch: 'arm64' });
    a.ret('uname', a.scratch);
    const ab = a.kernel.userMemory(a.process).read(a.scratch + 4 * 65, 8)!;
    expect(new TextDecoder().decode(ab).replace(/\0.*$/s, '')).toBe('aarch64');
  });
});

describe('rlimits', () => {
  it('defaults: NOFILE 1024/4096, STACK 8 MiB/infinity', () => {
    const h = makeHarness();
    const mem = h.kernel.userMemory(h.process);
    expect(h.ret('getrlimit', 7, h.scratch)).toBe(0n);
    expect(getWords(mem, h.scratch, 2, 8)).toEqual([1024n, 4096n]);
    expect(h.ret('getrlimit', 3, h.scratch)).toBe(0n);
    expect(getWords(mem, h.scratch, 2, 8)).toEqual([8388608n, 2n ** 64n - 1n]);
  });

  it('errors: resource 16 / -1 → EINVAL, bad pointer → EFAULT, cur > max → EINVAL, NOFILE above nr_open → EPERM', () => {
    const h = makeHarness();
    const mem = h.kernel.userMemory(h.process);
    expect(h.ret('getrlimit', 16, h.scratch)).toBe(E(errno.EINVAL));
    expect(h.ret('getrlimit', -1, h.scratch)).toBe(E(errno.EINVAL));
    expect(h.ret('getrlimit', 7, 8)).toBe(E(errno.EFAULT));
    const put = (cur: bigint, max: bigint) => mem.write(h.scratch, new Uint8Array(new BigUint64Array([cur, max]).buffer));
    put(10n, 5n);
    expect(h.ret('setrlimit', 7, h.scratch)).toBe(E(errno.EINVAL));
    put(10n, 1048577n);
    expect(h.ret('setrlimit', 7, h.scratch)).toBe(E(errno.EPERM));
    expect(h.ret('setrlimit', 7, 8)).toBe(E(errno.EFAULT));
    put(8n, 8n);
    expect(h.ret('setrlimit', 7, h.scratch)).toBe(0n);
    expect(h.process.rlimits.soft(7)).toBe(8);
    // an unprivileged process cannot raise its hard limit again
    h.ret('setresuid', 1000, 1000, 1000);
    put(8n, 9n);
    expect(h.ret('setrlimit', 7, h.scratch)).toBe(E(errno.EPERM));
  });

  it('prlimit64: ESRCH for an unknown pid, NULL/NULL → 0, resource 99 → EINVAL, old value written', () => {
    const h = makeHarness();
    expect(h.ret('prlimit64', 999999, 7, 0, h.scratch)).toBe(E(errno.ESRCH));
    expect(h.ret('prlimit64', 0, 7, 0, 0)).toBe(0n);
    expect(h.ret('prlimit64', 0, 99, 0, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('prlimit64', h.process.pid, 7, 0, h.scratch)).toBe(0n);
    expect(getWords(h.kernel.userMemory(h.process), h.scratch, 2, 8)).toEqual([1024n, 4096n]);
  });

  it('i386 ugetrlimit clamps infinity to 0xffffffff', () => {
    const h = makeHarness({ abi: 'i386' });
    expect(h.ret('ugetrlimit', 3, h.scratch)).toBe(0n);
    expect(getWords(h.kernel.userMemory(h.process), h.scratch, 2, 4)).toEqual([8388608n, 0xffffffffn]);
  });
});

describe('getrandom', () => {
  it('flag checks and EFAULT (measured: flags 8, 0x10, 6 → EINVAL; 3 → ok; len 0 with a bad pointer → 0)', () => {
    const h = makeHarness({ randomBytes: (n) => new Uint8Array(n).fill(0xab) });
    expect(h.ret('getrandom', h.scratch, 8, 8)).toBe(E(errno.EINVAL));
    expect(h.ret('getrandom', h.scratch, 8, 0x10)).toBe(E(errno.EINVAL));
    expect(h.ret('getrandom', h.scratch, 8, 6)).toBe(E(errno.EINVAL));
    expect(h.ret('getrandom', h.scratch, 8, 3)).toBe(8n);
    expect(h.kernel.userMemory(h.process).read(h.scratch, 8)).toEqual(new Uint8Array(8).fill(0xab));
    expect(h.ret('getrandom', 8, 8, 0)).toBe(E(errno.EFAULT));
    expect(h.ret('getrandom', 8, 0, 0)).toBe(0n);
    // a buffer running off the mapping: the bytes up to the hole
    expect(h.ret('getrandom', h.scratch + 65536 - 100, 4096, 0)).toBe(100n);
  });
});

describe('arch_prctl', () => {
  it('SET_FS/GET_FS round trip and the arch hook; EINVAL unknown; EPERM kernel address; EFAULT', () => {
    const changed: bigint[] = [];
    const h = makeHarness({ arch: undefined, ...{ arch: 'x86_64' } });
    h.kernel.options.arch = { onTlsChange: (t) => changed.push(t.tls) };
    expect(h.ret('arch_prctl', 0x1002, 0x7fff12345000n)).toBe(0n);
    expect(changed).toEqual([0x7fff12345000n]);
    expect(h.ret('arch_prctl', 0x1003, h.scratch)).toBe(0n);
    expect(getWords(h.kernel.userMemory(h.process), h.scratch, 1, 8)).toEqual([0x7fff12345000n]);
    expect(h.ret('arch_prctl', 0x9999, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('arch_prctl', 0x1003, 8)).toBe(E(errno.EFAULT));
    expect(h.ret('arch_prctl', 0x1001, 0xffff800000000000n)).toBe(E(errno.EPERM));
  });
});

describe('thread setup calls', () => {
  it('set_tid_address returns the tid; set_robust_list needs len 24; rseq is ENOSYS', () => {
    const h = makeHarness();
    expect(h.ret('set_tid_address', h.scratch)).toBe(BigInt(h.thread.tid));
    expect(h.thread.clearChildTid).toBe(h.scratch);
    expect(h.ret('set_robust_list', 0, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('set_robust_list', h.scratch, 24)).toBe(0n);
    expect(h.ret('rseq', 0, 0, 0, 0)).toBe(E(errno.ENOSYS));
    expect(h.ret('sched_yield')).toBe(0n);
  });
});

describe('prctl, sysinfo, getcpu', () => {
  it('PR_SET_NAME/PR_GET_NAME keep 15 bytes; dumpable; unknown options EINVAL', () => {
    const h = makeHarness();
    const mem = h.kernel.userMemory(h.process);
    mem.write(h.scratch, new TextEncoder().encode('a-very-long-thread-name\0'));
    expect(h.ret('prctl', 15, h.scratch)).toBe(0n);
    expect(h.ret('prctl', 16, h.scratch + 100)).toBe(0n);
    expect(new TextDecoder().decode(mem.read(h.scratch + 100, 16)!)).toBe('a-very-long-thr\0');
    expect(h.ret('prctl', 3)).toBe(1n);
    expect(h.ret('prctl', 4, 0)).toBe(0n);
    expect(h.ret('prctl', 3)).toBe(0n);
    expect(h.ret('prctl', 4, 2)).toBe(E(errno.EINVAL));
    expect(h.ret('prctl', 9999)).toBe(E(errno.EINVAL));
  });

  it('sysinfo reports uptime, memory and the process count; getcpu says CPU 0 node 0', () => {
    const h = makeHarness();
    const mem = h.kernel.userMemory(h.process);
    expect(h.ret('sysinfo', h.scratch)).toBe(0n);
    const b = new DataView(mem.read(h.scratch, 112)!.buffer);
    expect(b.getBigUint64(32, true)).toBe(1n << 30n); // totalram
    expect(b.getUint16(80, true)).toBe(1); // procs
    expect(b.getUint32(104, true)).toBe(1); // mem_unit
    putWords(mem, h.scratch, [0xffffffffn, 0xffffffffn], 4);
    expect(h.ret('getcpu', h.scratch, h.scratch + 4, 0)).toBe(0n);
    expect(getWords(mem, h.scratch, 2, 4)).toEqual([0n, 0n]);
  });
});
