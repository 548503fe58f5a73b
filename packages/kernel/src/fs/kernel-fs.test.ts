// The file system inside the real Kernel (no CPU): syscalls go through the core's dispatcher
// by number, processes get their fd tables and fs contexts from KernelFileSystem (the core's
// KernelVfs), SIGPIPE goes through the kernel's signal path, /proc/self/maps comes from the
// kernel's memory map, and mmap of a tmpfs file reads its bytes.
import { describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../testing/harness.js';
import { KernelFileSystem } from './kernel-fs.js';
import { syscalls as fsSyscalls } from '../syscalls/decl/fs.js';
import { FakeHostIo } from '../syscalls/decl/fs-test-kit.js';
import { ProcessUserMemory } from '../mm/user-memory.js';

function setup(): { h: Harness; io: FakeHostIo } {
  const io = new FakeHostIo();
  const vfs = new KernelFileSystem({ hostIo: io, cwd: '/tmp' });
  const h = makeHarness({ vfs, extraSyscalls: fsSyscalls });
  return { h, io };
}

/** Copies a C string into the process's scratch mapping (ordinary user memory). */
function putString(h: Harness, at: number, s: string): number {
  if (!new ProcessUserMemory(h.process.mm).write(at, Buffer.from(s + '\0', 'latin1'))) throw new Error('cannot write scratch');
  return at;
}

describe('KernelFileSystem in the Kernel', () => {
  it('a kernel without a file system answers the file syscalls with ENOSYS', () => {
    const h = makeHarness({ extraSyscalls: fsSyscalls });
    expect(h.ret('write', 1, h.scratch, 1)).toBe(-38n);
    expect(h.ret('open', h.scratch, 0)).toBe(-38n);
  });

  it('the first process has the console on 0, 1, 2 and starts in the configured cwd', () => {
    const { h, io } = setup();
    const msg = putString(h, h.scratch, 'hello\n');
    expect(h.ret('write', 1, msg, 6)).toBe(6n);
    expect(io.out()).toBe('hello\n');
    const buf = h.scratch + 256;
    expect(h.ret('getcwd', buf, 64)).toBe(5n);
  });

  it('a write to a pipe without readers is EPIPE and SIGPIPE kills the process (exit 141)', () => {
    const { h } = setup();
    const fds = h.scratch;
    expect(h.ret('pipe', fds)).toBe(0n);
    const mem = new ProcessUserMemory(h.process.mm);
    const raw = mem.read(fds, 8)!;
    const [r, w] = [raw[0]!, raw[4]!];
    expect(h.ret('close', r)).toBe(0n);
    const out = h.call('write', w, h.scratch + 64, 1);
    expect(out.kind).toBe('exited');
    expect(h.process.exitStatus).toMatchObject({ signal: 13 });
  });

  it('a thread blocked reading an empty pipe is woken by another thread\'s write and gets the bytes', () => {
    const { h } = setup();
    const mem = new ProcessUserMemory(h.process.mm);
    expect(h.ret('pipe', h.scratch)).toBe(0n);
    const raw = mem.read(h.scratch, 8)!;
    const [r, w] = [raw[0]!, raw[4]!];
    const reader = h.thread;
    const writer = h.kernel.createThread(h.process, reader);
    const out = h.kernel.handleSyscall(reader, 'x86_64', 0, [r, h.scratch + 64, 16]);
    expect(out.kind).toBe('blocked');
    expect(reader.state).toBe('blocked');
    putString(h, h.scratch + 128, 'wake');
    const wrote = h.kernel.handleSyscall(writer, 'x86_64', 1, [w, h.scratch + 128, 4]);
    expect(wrote).toEqual({ kind: 'return', value: 4n });
    expect(reader.state).not.toBe('blocked');
    expect(h.kernel.resumeSyscall(reader)).toEqual({ kind: 'return', value: 4n });
    expect(Buffer.from(mem.read(h.scratch + 64, 4)!).toString()).toBe('wake');
  });

  it('inode times come from the kernel clock', () => {
    const io = new FakeHostIo();
    const vfs = new KernelFileSystem({ hostIo: io });
    const h = makeHarness({ vfs, clock: { mode: 'deterministic', realtimeEpochNs: 1_234_000_000_000_000_000n } });
    const name = putString(h, h.scratch, '/tmp/stamped');
    const fd = Number(h.ret('open', name, 0o102, 0o644));
    expect(fd).toBeGreaterThan(2);
    expect(h.ret('fstat', fd, h.scratch + 256)).toBe(0n);
    const st = new ProcessUserMemory(h.process.mm).read(h.scratch + 256, 144)!;
    const mtime = new DataView(st.buffer, st.byteOffset).getBigInt64(88, true);
    const now = h.kernel.clock.realtimeNs() / 1_000_000_000n;
    expect(now < 1_300_000_000n).toBe(true); // the deterministic epoch, not the host's time
    expect(mtime <= now && mtime >= now - 2n).toBe(true);
  });

  it('/proc/self/maps is the kernel memory map, mmap of a tmpfs file reads its bytes', () => {
    const { h } = setup();
    const mem = new ProcessUserMemory(h.process.mm);
    const path = putString(h, h.scratch, '/proc/self/maps');
    const fd = Number(h.ret('open', path, 0));
    expect(fd).toBe(3);
    const buf = h.scratch + 1024;
    const n = Number(h.ret('read', fd, buf, 4096));
    const text = Buffer.from(mem.read(buf, n)!).toString();
    expect(text).toMatch(/^[0-9a-f]{8,}-[0-9a-f]{8,} rw-p 00000000 00:00 0 /m);
    const name = putString(h, h.scratch + 64, 'data.bin');
    const f = Number(h.ret('open', name, 0o102, 0o644));
    putString(h, h.scratch + 128, 'mapped bytes');
    expect(h.ret('write', f, h.scratch + 128, 12)).toBe(12n);
    const addr = h.ret('mmap', 0, 4096, 1, 2, f, 0);
    expect(addr > 0n).toBe(true);
    expect(Buffer.from(mem.read(Number(addr), 12)!).toString()).toBe('mapped bytes');
  });
});
