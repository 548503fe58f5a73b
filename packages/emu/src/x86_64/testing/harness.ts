// Test support: a tiny machine around X86Cpu — identity-free page tables with user code/data/
// stack pages, a GDT/IDT/TSS in supervisor pages, and a ring-0 stub per vector that `vmcall`s
// into TypeScript — plus GNU as / ld / native-run helpers for differential tests.
//
// Kernel stub layout (supervisor-only page at KERNEL_CODE):
//   KERNEL_CODE + 8*v     : vmcall; hlt          (IDT gate v → here; the hook records the event)
//   KERNEL_CODE + 0x800   : vmcall; sysretq      (IA32_LSTAR: a minimal Linux-ABI syscall)
// The hook implements write(2) to capture output and exit/exit_group(2); any other number
// returns -ENOSYS. Exceptions stop the run and are reported with their frame.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PhysicalMemory } from '../../memory/physical-memory.js';
import { X86PageTables } from '../page-table.js';
import { X86Cpu } from '../cpu.js';
import { hasErrorCode, MSR_EFER, MSR_FMASK, MSR_LSTAR, MSR_STAR } from '../cpu-state.js';
import type { StopReason } from '../../stop-reason.js';

export const TOOLS_MISSING = 'GNU as/ld for x86-64 are not installed (apt-get install binutils) or the host is not x86-64';

export function haveTools(): boolean {
  if (process.arch !== 'x64') return false;
  try {
    execFileSync('as', ['--version'], { stdio: 'ignore' });
    execFileSync('ld', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const USER_TEXT = 0x401000;
export const KERNEL_CODE = 0xffffffff81000000n;
export const KERNEL_TABLES = 0xffffffff81100000n; // GDT at +0, IDT at +0x1000 (one page), TSS at +0x2000
export const KERNEL_STACK_TOP = 0xffffffff81210000n;
export const USER_STACK_TOP = 0x7ffff000;

/** Links `source` (GAS syntax, with a _start) into a static ELF at USER_TEXT. */
export function buildElf(source: string, extraLdArgs: string[] = []): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-emu-'));
  try {
    writeFileSync(join(dir, 'p.s'), source);
    execFileSync('as', ['--64', '-o', join(dir, 'p.o'), join(dir, 'p.s')], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('ld', ['-static', '-nostdlib', '-e', '_start', `-Ttext=0x${USER_TEXT.toString(16)}`, ...extraLdArgs, '-o', join(dir, 'p'), join(dir, 'p.o')], { stdio: ['ignore', 'ignore', 'pipe'] });
    return new Uint8Array(readFileSync(join(dir, 'p')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Assembles a fragment and returns the bytes of its .text (for raw-code tests). */
export function assembleText(source: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-emu-'));
  try {
    writeFileSync(join(dir, 'p.s'), source);
    execFileSync('as', ['--64', '-o', join(dir, 'p.o'), join(dir, 'p.s')], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('ld', ['-static', '-nostdlib', '-e', '0', `-Ttext=0x${USER_TEXT.toString(16)}`, '--oformat=binary', '-o', join(dir, 'p.bin'), join(dir, 'p.o')], { stdio: ['ignore', 'ignore', 'pipe'] });
    return new Uint8Array(readFileSync(join(dir, 'p.bin')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Links `source` at USER_TEXT and returns the ELF and its symbol values (from `nm`). */
export function buildWithSymbols(source: string): { elf: Uint8Array; symbols: Map<string, bigint> } {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-emu-'));
  try {
    writeFileSync(join(dir, 'p.s'), source);
    execFileSync('as', ['--64', '-o', join(dir, 'p.o'), join(dir, 'p.s')], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('ld', ['-static', '-nostdlib', '-e', '_start', `-Ttext=0x${USER_TEXT.toString(16)}`, '-o', join(dir, 'p'), join(dir, 'p.o')], { stdio: ['ignore', 'ignore', 'pipe'] });
    const symbols = new Map<string, bigint>();
    for (const line of execFileSync('nm', [join(dir, 'p')], { encoding: 'utf8' }).split('\n')) {
      const m = /^([0-9a-f]+) \w (\S+)$/.exec(line.trim());
      if (m) symbols.set(m[2]!, BigInt('0x' + m[1]));
    }
    return { elf: new Uint8Array(readFileSync(join(dir, 'p'))), symbols };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs an ELF natively on this Linux machine. */
export function runNative(elf: Uint8Array): { stdout: Buffer; status: number | null; signal: string | null } {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-emu-'));
  try {
    const path = join(dir, 'p');
    writeFileSync(path, elf, { mode: 0o755 });
    const r = spawnSync(path, [], { timeout: 20000 });
    return { stdout: r.stdout, status: r.status, signal: r.signal };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Segment { vaddr: number; data: Uint8Array; memsz: number; flags: number }

/** Reads the PT_LOAD segments of an ELF64 executable (ELF spec, program header table). */
export function loadSegments(elf: Uint8Array): { entry: number; segments: Segment[] } {
  const v = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const entry = Number(v.getBigUint64(24, true));
  const phoff = Number(v.getBigUint64(32, true));
  const phentsize = v.getUint16(54, true), phnum = v.getUint16(56, true);
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (v.getUint32(p, true) !== 1) continue;
    const flags = v.getUint32(p + 4, true);
    const offset = Number(v.getBigUint64(p + 8, true));
    const vaddr = Number(v.getBigUint64(p + 16, true));
    const filesz = Number(v.getBigUint64(p + 32, true));
    const memsz = Number(v.getBigUint64(p + 40, true));
    segments.push({ vaddr, data: elf.subarray(offset, offset + filesz), memsz, flags });
  }
  return { entry, segments };
}

export interface ExceptionEvent {
  vector: number;
  errorCode: number;
  rip: bigint;
  cs: number;
  rflags: number;
  rsp: bigint;
  ss: number;
  cr2: bigint;
}

export interface TestMachine {
  physical: PhysicalMemory;
  tables: X86PageTables;
  cpu: X86Cpu;
  root: number;
  stdout: number[];
  exitStatus: number | null;
  exception: ExceptionEvent | null;
  syscalls: number;
  /** Maps a user page (allocating a frame) with the given permissions. */
  mapUser(va: number, perm: { write: boolean; exec: boolean }, data?: Uint8Array): number;
  run(budget?: number): StopReason;
}

export interface MachineOptions {
  maxBytes?: number;
  translateBlocks?: boolean;
  hotThreshold?: number;
}

function u64(buf: Uint8Array, at: number, v: bigint): void {
  new DataView(buf.buffer, buf.byteOffset).setBigUint64(at, BigInt.asUintN(64, v), true);
}

/** A machine with the kernel stub, GDT/IDT/TSS and a user stack; user code is loaded by the caller. */
export function createMachine(options: MachineOptions = {}): TestMachine {
  const physical = new PhysicalMemory({ maxBytes: options.maxBytes ?? 32 << 20 });
  const tables = new X86PageTables(physical);
  const root = tables.createRoot()!;
  const cpu = new X86Cpu({ physical, pageTables: tables, translateBlocks: options.translateBlocks, hotThreshold: options.hotThreshold });
  const sup = { read: true, write: true, exec: false, user: false };
  const mapKernel = (va: bigint, data: Uint8Array, perm = sup): void => {
    for (let off = 0; off < data.length || off === 0; off += 4096) {
      const f = physical.allocFrame()!;
      physical.writeBytes(f, data.subarray(off, off + 4096));
      const r = tables.map(root, va + BigInt(off), f, perm);
      if (!r.ok) throw new Error(r.error);
    }
  };
  // Kernel stub code.
  const code = new Uint8Array(4096);
  for (let v = 0; v < 256; v++) code.set([0x0f, 0x01, 0xc1, 0xf4], v * 8);
  code.set([0x0f, 0x01, 0xc1, 0x48, 0x0f, 0x07], 0x800);
  mapKernel(KERNEL_CODE, code, { read: true, write: false, exec: true, user: false });
  // GDT: null, 0x08 unused, 0x10 kernel code, 0x18 kernel data, 0x20 user32 code, 0x28 user data, 0x30 user code, 0x40 TSS.
  const tbl = new Uint8Array(3 * 4096);
  u64(tbl, 0x10, 0x00af9a000000ffffn);
  u64(tbl, 0x18, 0x00cf92000000ffffn);
  u64(tbl, 0x20, 0x00cffa000000ffffn);
  u64(tbl, 0x28, 0x00cff2000000ffffn);
  u64(tbl, 0x30, 0x00affa000000ffffn);
  const tss = KERNEL_TABLES + 0x2000n;
  const tssLimit = 0x67n;
  const tssLow = tssLimit | ((tss & 0xffffffn) << 16n) | (0x89n << 40n) | (((tss >> 24n) & 0xffn) << 56n);
  u64(tbl, 0x40, tssLow);
  u64(tbl, 0x48, tss >> 32n);
  // IDT: interrupt gates to the stubs; DPL 3 for #BP (3), #OF (4) and 0x80.
  for (let v = 0; v < 256; v++) {
    const target = KERNEL_CODE + BigInt(v * 8);
    const dpl = v === 3 || v === 4 || v === 0x80 ? 3 : 0;
    const lo = (target & 0xffffn) | (0x10n << 16n) | (BigInt(0x8e | (dpl << 5)) << 40n) | (((target >> 16n) & 0xffffn) << 48n);
    u64(tbl, 0x1000 + v * 16, lo);
    u64(tbl, 0x1000 + v * 16 + 8, target >> 32n);
  }
  u64(tbl, 0x2000 + 4, KERNEL_STACK_TOP); // TSS.RSP0
  mapKernel(KERNEL_TABLES, tbl);
  mapKernel(KERNEL_STACK_TOP - 0x4000n, new Uint8Array(0x4000));

  cpu.setCr3(root);
  cpu.gdtrBase = KERNEL_TABLES; cpu.gdtrLimit = 0x4f;
  cpu.idtrBase = KERNEL_TABLES + 0x1000n; cpu.idtrLimit = 0xfff;
  cpu.trBase = tss; cpu.trSelector = 0x40;
  cpu.writeMsr(MSR_EFER, 0xd01n);
  cpu.writeMsr(MSR_STAR, (0x23n << 48n) | (0x10n << 32n));
  cpu.writeMsr(MSR_LSTAR, KERNEL_CODE + 0x800n);
  cpu.writeMsr(MSR_FMASK, 0x47700n); // TF DF IF IOPL AC NT, as Linux

  const m: TestMachine = {
    physical, tables, cpu, root, stdout: [], exitStatus: null, exception: null, syscalls: 0,
    mapUser(va, perm, data) {
      let f = tables.translate(root, va)?.frame;
      if (f === undefined) {
        f = physical.allocFrame()!;
        const r = tables.map(root, va, f, { read: true, write: perm.write, exec: perm.exec, user: true });
        if (!r.ok) throw new Error(r.error);
      }
      if (data) physical.writeBytes(f + (va & 4095), data);
      return f;
    },
    run(budget = 50_000_000) {
      return cpu.run(budget);
    },
  };
  for (let p = USER_STACK_TOP - 0x10000; p < USER_STACK_TOP; p += 4096) m.mapUser(p, { write: true, exec: false });

  cpu.hypercall = (c) => {
    const at = c.rip - KERNEL_CODE - 3n;
    if (at === 0x800n) {
      m.syscalls++;
      const nr = Number(c.getReg(0));
      if (nr === 1) {
        const buf = c.readVirtual(c.getReg(6), Number(c.getReg(2)), 3);
        if (!buf) { c.setReg(0, -14n); return; }
        for (const byte of buf) m.stdout.push(byte);
        c.setReg(0, BigInt(buf.length));
      } else if (nr === 60 || nr === 231) {
        m.exitStatus = Number(c.getReg(7) & 0xffn);
        c.requestStop('exit');
      } else {
        c.setReg(0, -38n);
      }
      return;
    }
    const vector = Number(at / 8n);
    let sp = c.getReg(4);
    const read = (): bigint => {
      const b = c.readVirtual(sp, 8, 0)!;
      sp += 8n;
      return new DataView(b.buffer).getBigUint64(0, true);
    };
    const errorCode = hasErrorCode(vector) ? Number(read()) : -1;
    const rip = read(), cs = Number(read()), rflags = Number(read()), rsp = read(), ss = Number(read());
    m.exception = { vector, errorCode, rip, cs, rflags, rsp, ss, cr2: c.cr2 };
    c.requestStop('exception');
  };
  return m;
}

/** Loads an ELF's PT_LOAD segments as user pages and points the CPU at its entry in ring 3. */
export function loadUserElf(m: TestMachine, elf: Uint8Array): void {
  const { entry, segments } = loadSegments(elf);
  for (const s of segments) {
    const write = (s.flags & 2) !== 0, exec = (s.flags & 1) !== 0;
    const start = s.vaddr & ~4095, end = s.vaddr + s.memsz;
    for (let p = start; p < end; p += 4096) m.mapUser(p, { write, exec });
    for (let k = 0; k < s.data.length;) {
      const n = Math.min(s.data.length - k, 4096 - ((s.vaddr + k) & 4095));
      m.mapUser(s.vaddr + k, { write, exec }, s.data.subarray(k, k + n));
      k += n;
    }
  }
  startUser(m, entry);
}

/** Puts the CPU in ring 3 at `entry` with the user stack. */
export function startUser(m: TestMachine, entry: number): void {
  m.cpu.setPrivilege(3, 0x33, 0x2b);
  m.cpu.rip = BigInt(entry);
  m.cpu.setReg(4, BigInt(USER_STACK_TOP - 64));
  m.cpu.setRflags(0x202);
}

/** Runs raw machine code (from assembleText) in ring 3 at USER_TEXT. */
export function runUserCode(bytes: Uint8Array, options: MachineOptions & { budget?: number; setup?: (m: TestMachine) => void; writableCode?: boolean } = {}): TestMachine {
  const m = createMachine(options);
  for (let off = 0; off < bytes.length; off += 4096) m.mapUser(USER_TEXT + off, { write: options.writableCode ?? false, exec: true }, bytes.subarray(off, off + 4096));
  startUser(m, USER_TEXT);
  options.setup?.(m);
  m.run(options.budget ?? 10_000_000);
  return m;
}

/** Builds `source` into an ELF, runs it on the emulator; returns the machine. */
export function runElfEmulated(elf: Uint8Array, options: MachineOptions & { budget?: number; setup?: (m: TestMachine) => void } = {}): TestMachine {
  const m = createMachine(options);
  loadUserElf(m, elf);
  options.setup?.(m);
  m.run(options.budget ?? 50_000_000);
  return m;
}

export const KERNEL_TEST_CODE = KERNEL_CODE + 0x1000n;

/** Runs code in ring 0 at KERNEL_TEST_CODE on the kernel stack; `vmcall` stops the run unless
 *  `onVmcall` is given (return true to keep running). */
export function runKernelCode(bytes: Uint8Array, options: MachineOptions & { budget?: number; setup?: (m: TestMachine) => void; onVmcall?: (m: TestMachine) => boolean } = {}): { m: TestMachine; stop: StopReason } {
  const m = createMachine(options);
  for (let off = 0; off < bytes.length || off === 0; off += 4096) {
    const f = m.physical.allocFrame()!;
    m.physical.writeBytes(f, bytes.subarray(off, off + 4096));
    m.tables.map(m.root, KERNEL_TEST_CODE + BigInt(off), f, { read: true, write: false, exec: true, user: false });
  }
  const stub = m.cpu.hypercall!;
  m.cpu.hypercall = (c) => {
    const rip = c.rip;
    if (rip >= KERNEL_TEST_CODE && rip < KERNEL_TEST_CODE + 0x100000n) {
      if (!options.onVmcall || !options.onVmcall(m)) c.requestStop('vmcall');
      return;
    }
    stub(c);
  };
  m.cpu.setPrivilege(0, 0x10, 0x18);
  m.cpu.rip = KERNEL_TEST_CODE;
  m.cpu.setReg(4, KERNEL_STACK_TOP);
  m.cpu.setRflags(0x2);
  options.setup?.(m);
  const stop = m.run(options.budget ?? 1_000_000);
  return { m, stop };
}
