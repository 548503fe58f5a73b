// Test support for the file syscalls: a kernel file system, one process, and guest memory as a
// plain byte array (a fake UserMemory: one mapped window, everything else unmapped → EFAULT).
// `call(name, ...args)` runs a declared syscall the way the dispatcher would; string and byte
// arguments are copied into guest memory first and passed as pointers. No CPU is involved.

import type { SyscallContext } from '../context.js';
import { makeSyscallArgs } from '../context.js';
import type { Blocked, SyscallAbi, UserMemory } from '../types.js';
import { Process, Thread } from '../../process/process.js';
import type { MemoryMap } from '../../mm/memory-map.js';
import { KernelFileSystem, attachKernelFileSystem, type KernelFileSystemOptions } from '../../fs/kernel-fs.js';
import type { HostIo } from '../../drivers/host-io.js';
import { syscalls } from './fs.js';

export const MEM_BASE = 0x10000;
export const MEM_SIZE = 1 << 20;

export class FakeMemory implements UserMemory {
  readonly bytes = new Uint8Array(MEM_SIZE);
  /** Bytes below this are free for `alloc`. */
  private next = MEM_BASE;
  /** Optional read-only window (writes there fail, as on a read-only page). */
  readOnly: { start: number; end: number } | null = null;

  private inRange(addr: number, len: number): boolean {
    return Number.isSafeInteger(addr) && addr >= MEM_BASE && addr + len <= MEM_BASE + MEM_SIZE;
  }

  read(addr: number, len: number): Uint8Array | null {
    if (len === 0) return new Uint8Array(0);
    if (!this.inRange(addr, len)) return null;
    return this.bytes.slice(addr - MEM_BASE, addr - MEM_BASE + len);
  }

  write(addr: number, data: Uint8Array): boolean {
    if (data.length === 0) return true;
    if (!this.inRange(addr, data.length)) return false;
    if (this.readOnly && addr < this.readOnly.end && addr + data.length > this.readOnly.start) return false;
    this.bytes.set(data, addr - MEM_BASE);
    return true;
  }

  readCString(addr: number, max: number): Uint8Array | 'toolong' | null {
    if (!this.inRange(addr, 1)) return null;
    for (let i = 0; i <= max; i++) {
      if (!this.inRange(addr + i, 1)) return null;
      if (this.bytes[addr - MEM_BASE + i] === 0) return this.bytes.slice(addr - MEM_BASE, addr - MEM_BASE + i);
      if (i === max) return 'toolong';
    }
    return 'toolong';
  }

  /** Reserves `len` bytes (8-aligned) and returns their address. */
  alloc(len: number): number {
    const addr = this.next;
    this.next += (len + 7) & ~7;
    if (this.next > MEM_BASE + MEM_SIZE) throw new Error('FakeMemory: out of scratch space');
    return addr;
  }

  put(data: Uint8Array | string): number {
    const bytes = typeof data === 'string' ? Buffer.from(data + '\0', 'latin1') : data;
    const addr = this.alloc(bytes.length);
    this.write(addr, bytes);
    return addr;
  }

  get(addr: number, len: number): Uint8Array {
    return this.bytes.slice(addr - MEM_BASE, addr - MEM_BASE + len);
  }

  text(addr: number, len: number): string {
    return Buffer.from(this.get(addr, len)).toString('latin1');
  }

  i32(addr: number, index = 0): number {
    return new DataView(this.bytes.buffer).getInt32(addr - MEM_BASE + index * 4, true);
  }

  u64(addr: number, offset = 0): bigint {
    return new DataView(this.bytes.buffer).getBigUint64(addr - MEM_BASE + offset, true);
  }

  u32(addr: number, offset = 0): number {
    return new DataView(this.bytes.buffer).getUint32(addr - MEM_BASE + offset, true);
  }
}

/** A HostIo over in-memory stdin/stdout/stderr. `kinds` says what each host fd is (a pipe by
 *  default; 'file' makes stdin a seekable regular file; 'null' is /dev/null). */
export class FakeHostIo implements HostIo {
  stdin: Uint8Array = new Uint8Array(0);
  private stdinPos = 0;
  readonly written: Record<number, number[]> = { 1: [], 2: [] };
  tty = false;
  kinds: Record<number, 'pipe' | 'file' | 'null'> = {};

  read(fd: number, buf: Uint8Array, position: number | null = null): number {
    if (fd !== 0) throw Object.assign(new Error('EBADF'), { code: 'EBADF' });
    const at = position ?? this.stdinPos;
    const n = Math.max(0, Math.min(buf.length, this.stdin.length - at));
    buf.set(this.stdin.subarray(at, at + n));
    if (position === null) this.stdinPos += n;
    return n;
  }
  write(fd: number, data: Uint8Array): number {
    (this.written[fd] ??= []).push(...data);
    return data.length;
  }
  isatty(): boolean {
    return this.tty;
  }
  isDevNull(fd: number): boolean {
    return this.kinds[fd] === 'null';
  }
  hostFlags: Record<number, number> = {};
  flags(fd: number): number | null {
    return this.hostFlags[fd] ?? null;
  }
  position(fd: number): number | null {
    return fd === 0 ? this.stdinPos : null;
  }
  fstat(fd: number): { mode: number; rdev: number; size: number } {
    if (this.tty) return { mode: 0o020620, rdev: 0x8800, size: 0 };
    const kind = this.kinds[fd] ?? 'pipe';
    if (kind === 'file') return { mode: 0o100644, rdev: 0, size: fd === 0 ? this.stdin.length : (this.written[fd]?.length ?? 0) };
    if (kind === 'null') return { mode: 0o020666, rdev: 0x103, size: 0 };
    return { mode: 0o010600, rdev: 0, size: 0 };
  }
  out(fd = 1): string {
    return Buffer.from(this.written[fd] ?? []).toString('latin1');
  }
}

export type Arg = number | bigint | string | Uint8Array;

export class FsHarness {
  readonly mem = new FakeMemory();
  /** The kernel's monotonic clock as poll timeouts see it; tests move it by hand. */
  nowNs = 1_000_000_000n;
  readonly kernel = { clock: { monotonicNs: (): bigint => this.nowNs } };
  readonly kfs: KernelFileSystem;
  readonly process: Process;
  readonly thread: Thread;
  readonly hostIo: FakeHostIo;
  abi: SyscallAbi;

  constructor(options: KernelFileSystemOptions & { abi?: SyscallAbi; pid?: number; setupIo?: (io: FakeHostIo) => void } = {}) {
    this.abi = options.abi ?? 'x86_64';
    this.hostIo = new FakeHostIo();
    options.setupIo?.(this.hostIo);
    this.kfs = new KernelFileSystem({ hostIo: this.hostIo, now: () => ({ sec: 1_700_000_000, nsec: 0 }), ...options });
    attachKernelFileSystem(this.kernel, this.kfs);
    this.process = new Process(options.pid ?? 100, this.abi === 'arm64' ? 'arm64' : 'x86_64', {} as MemoryMap, null);
    this.process.comm = 'test';
    this.thread = new Thread(this.process.pid, this.process);
    this.process.threads.push(this.thread);
    this.kfs.setupProcess(this.process);
  }

  ctx(): SyscallContext {
    return { abi: this.abi, mem: this.mem, process: this.process, thread: this.thread, kernel: this.kernel as never };
  }

  /** Runs syscall `name`; returns its result (a number, or the Blocked object). */
  callRaw(name: string, ...args: Arg[]): number | bigint | Blocked {
    const decl = syscalls.find((d) => d.name === name);
    if (!decl) throw new Error(`no syscall ${name}`);
    const regs = args.map((a) => (typeof a === 'string' || a instanceof Uint8Array ? BigInt(this.mem.put(a)) : BigInt(a)));
    return decl.handler(this.ctx(), makeSyscallArgs(regs, this.abi));
  }

  call(name: string, ...args: Arg[]): number {
    const r = this.callRaw(name, ...args);
    if (typeof r === 'object') throw new Error(`${name} blocked`);
    return Number(r);
  }
}
