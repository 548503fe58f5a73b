// mmap of files through the VFS (the core's mm + the VFS's KernelFileSystem.mmapFile), and
// SIGPIPE end to end (a pipe without readers: -EPIPE, then the default action or SIG_IGN) —
// the kernel with its real file system, no CPU.
import { describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../../testing/harness.js';
import { KernelFileSystem } from '../../fs/kernel-fs.js';
import { errno } from '../errno.js';
import { getWords, putWords } from '../uaccess.js';
import { Kernel } from '../../kernel.js';

const E = (n: number) => BigInt(-n);
const AT_FDCWD = -100;
const O_RDONLY = 0;
const O_RDWR = 2;
const O_CREAT = 0o100;
const PROT_READ = 1;
const PROT_WRITE = 2;
const MAP_SHARED = 1;
const MAP_PRIVATE = 2;

function withFs(): Harness {
  return makeHarness({ vfs: new KernelFileSystem({ cwd: '/tmp' }) });
}

function putString(h: Harness, addr: number, s: string): number {
  const b = new TextEncoder().encode(s + '\0');
  h.kernel.userMemory(h.process).write(addr, b);
  return addr;
}

describe('mmap of a file', () => {
  it('MAP_PRIVATE maps the file contents, zero past EOF; offsets in pages; maps text names it', () => {
    const h = withFs();
    const mem = h.kernel.userMemory(h.process);
    const path = putString(h, h.scratch, '/tmp/data');
    const fd = Number(h.ret('openat', AT_FDCWD, path, O_RDWR | O_CREAT, 0o644));
    expect(fd).toBe(3);
    const content = new Uint8Array(5000).map((_, i) => (i * 31) & 0xff);
    mem.write(h.scratch + 4096, content);
    expect(h.ret('write', fd, h.scratch + 4096, 5000)).toBe(5000n);
    const addr = Number(h.ret('mmap', 0, 8192, PROT_READ, MAP_PRIVATE, fd, 0));
    expect(addr % 4096).toBe(0);
    expect(mem.read(addr, 5000)).toEqual(content);
    expect(mem.read(addr + 5000, 3192)!.every((b) => b === 0)).toBe(true);
    const second = Number(h.ret('mmap', 0, 4096, PROT_READ, MAP_PRIVATE, fd, 4096));
    expect(mem.read(second, 904)).toEqual(content.subarray(4096));
    // read-only mapping: the kernel's copy_to_user fails like a user write would
    expect(mem.write(addr, new Uint8Array([1]))).toBe(false);
    const maps = h.kernel.mapsText(h.process);
    expect(maps).toMatch(new RegExp(`^${second.toString(16)}-${(second + 4096).toString(16)} r--p 00001000 \\S+ \\d+ +/tmp/data$`, 'm'));
    // closing the fd keeps the mapping (it holds its own reference / copy)
    expect(h.ret('close', fd)).toBe(0n);
    expect(mem.read(addr, 16)).toEqual(content.subarray(0, 16));
  });

  it('EACCES for a shared writable mapping of a read-only fd, EBADF / ENODEV for the wrong fds', () => {
    const h = withFs();
    const path = putString(h, h.scratch, '/tmp/ro');
    const fd = Number(h.ret('openat', AT_FDCWD, path, O_RDWR | O_CREAT, 0o644));
    h.ret('close', fd);
    const ro = Number(h.ret('openat', AT_FDCWD, path, O_RDONLY, 0));
    expect(h.ret('mmap', 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0)).toBe(E(errno.EACCES));
    // private writable is fine (copy-on-write)
    expect(h.ret('mmap', 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0) > 0n).toBe(true);
    // shared read-only is fine, but mprotect cannot add PROT_WRITE later (no VM_MAYWRITE)
    const shared = h.ret('mmap', 0, 4096, PROT_READ, MAP_SHARED, ro, 0);
    expect(shared > 0n).toBe(true);
    expect(h.ret('mprotect', shared, 4096, PROT_READ | PROT_WRITE)).toBe(E(errno.EACCES));
    expect(h.ret('mmap', 0, 4096, PROT_READ, MAP_PRIVATE, 77, 0)).toBe(E(errno.EBADF));
    const dir = putString(h, h.scratch + 100, '/tmp');
    const dfd = Number(h.ret('openat', AT_FDCWD, dir, O_RDONLY, 0));
    expect(h.ret('mmap', 0, 4096, PROT_READ, MAP_PRIVATE, dfd, 0)).toBe(E(errno.ENODEV));
  });
});

describe('SIGPIPE end to end', () => {
  function brokenPipe(h: Harness): number {
    expect(h.ret('pipe2', h.scratch, 0)).toBe(0n);
    const [r, w] = getWords(h.kernel.userMemory(h.process), h.scratch, 2, 4)!.map(Number);
    expect(h.ret('close', r!)).toBe(0n);
    return w!;
  }

  it('default action: write returns -EPIPE to the tracer, then the process is killed (141)', () => {
    const h = withFs();
    const events: string[] = [];
    h.kernel.tracer = {
      onSyscallExit: (_c, d, _a, r) => events.push(`${d.name} = ${r}`),
      onSignal: (_t, i) => events.push(`--- ${i.signo} code ${i.code} pid ${i.pid}`),
      onExit: (_p, s) => events.push(`+++ ${Kernel.exitCode(s)}`),
    };
    const w = brokenPipe(h);
    putString(h, h.scratch + 64, 'x');
    expect(h.call('write', w, h.scratch + 64, 1)).toEqual({ kind: 'exited' });
    expect(events.slice(-3)).toEqual([`write = ${-errno.EPIPE}`, `--- 13 code 0 pid ${h.process.pid}`, '+++ 141']);
  });

  it('SIG_IGN: write returns -EPIPE and the process goes on', () => {
    const h = withFs();
    putWords(h.kernel.userMemory(h.process), h.scratch + 128, [1n, 0n, 0n, 0n], 8);
    expect(h.ret('rt_sigaction', 13, h.scratch + 128, 0, 8)).toBe(0n);
    const w = brokenPipe(h);
    expect(h.ret('write', w, h.scratch + 64, 1)).toBe(E(errno.EPIPE));
    expect(h.ret('write', w, h.scratch + 64, 1)).toBe(E(errno.EPIPE));
    expect(h.process.state).toBe('alive');
  });
});
