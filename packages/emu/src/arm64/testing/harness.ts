// Test support: a tiny machine around Arm64Cpu — user pages mapped from a static ELF through
// TTBR0, one kernel page through TTBR1 holding a vector table whose entries `hvc #0` into
// TypeScript — plus aarch64 GNU as / ld / qemu-aarch64 helpers for differential tests.
//
// Kernel page (KERNEL_VECTORS, supervisor-only, VBAR_EL1):
//   +0x200 (EL1 sync) and +0x400 (EL0 sync): hvc #0; eret
// The hook implements write(2) (captured) and exit/exit_group(2) for SVC; any other SVC
// returns -ENOSYS; every other exception stops the run and is recorded with ESR/ELR/FAR.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PhysicalMemory } from '../../memory/physical-memory.js';
import { Arm64PageTables } from '../page-table.js';
import { Arm64Cpu } from '../cpu.js';

export const TOOLS_MISSING = 'aarch64-linux-gnu-as/-ld or qemu-aarch64 are not installed (apt-get install binutils-aarch64-linux-gnu qemu-user)';

export function haveTools(): boolean {
  try {
    execFileSync('aarch64-linux-gnu-as', ['--version'], { stdio: 'ignore' });
    execFileSync('aarch64-linux-gnu-ld', ['--version'], { stdio: 'ignore' });
    execFileSync('qemu-aarch64', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const KERNEL_VECTORS = 0xffff000000000000n;
export const USER_STACK_TOP = 0x7ffff0000000n;
const STACK_PAGES = 16;

/** GNU as + ld (aarch64) on source text → a static ELF image. */
export function buildElf(source: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-a64-'));
  try {
    writeFileSync(join(dir, 'p.s'), source);
    execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, 'p.o'), join(dir, 'p.s')], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('aarch64-linux-gnu-ld', ['-static', '-o', join(dir, 'p'), join(dir, 'p.o')], { stdio: ['ignore', 'ignore', 'pipe'] });
    return new Uint8Array(readFileSync(join(dir, 'p')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs an image under qemu-aarch64: its stdout and exit status. */
export function runQemu(image: Uint8Array): { stdout: Buffer; status: number | null; signal: string | null } {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-a64-'));
  try {
    writeFileSync(join(dir, 'p'), image, { mode: 0o755 });
    const r = spawnSync('qemu-aarch64', [join(dir, 'p')], { maxBuffer: 64 << 20 });
    return { stdout: r.stdout, status: r.status, signal: r.signal };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface HarnessExit {
  kind: 'exit' | 'exception' | 'budget' | 'other';
  code?: number;
  ec?: number;
  esr?: bigint;
  elr?: bigint;
  far?: bigint;
}

export interface Harness {
  cpu: Arm64Cpu;
  physical: PhysicalMemory;
  tables: Arm64PageTables;
  userRoot: number;
  kernelRoot: number;
  stdout: number[];
  /** ESR_EL1 and ELR_EL1 of every SVC taken. */
  svcs: Array<{ esr: bigint; elr: bigint }>;
  exit: HarnessExit | null;
  run(budget?: number): HarnessExit;
}

/** Maps the PT_LOAD segments of a static ELF (R/W/X from p_flags) and a stack; EL0 at e_entry. */
export function loadHarness(image: Uint8Array, options: { translateBlocks?: boolean } = {}): Harness {
  const physical = new PhysicalMemory({ maxBytes: 32 << 20 });
  const tables = new Arm64PageTables(physical);
  const cpu = new Arm64Cpu({ physical, pageTables: tables, ...(options.translateBlocks === false ? { translateBlocks: false } : {}) });
  const userRoot = tables.createRoot()!;
  const kernelRoot = tables.createRoot()!;
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const entry = view.getBigUint64(24, true);
  const phoff = Number(view.getBigUint64(32, true));
  const phnum = view.getUint16(56, true);
  const pages = new Map<number, number>();
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * 56;
    if (view.getUint32(ph, true) !== 1) continue;
    const flags = view.getUint32(ph + 4, true);
    const offset = Number(view.getBigUint64(ph + 8, true));
    const vaddr = Number(view.getBigUint64(ph + 16, true));
    const filesz = Number(view.getBigUint64(ph + 32, true));
    const memsz = Number(view.getBigUint64(ph + 40, true));
    for (let va = vaddr & -4096; va < vaddr + memsz; va += 4096) {
      let frame = pages.get(va);
      if (frame === undefined) {
        frame = physical.allocFrame()!;
        pages.set(va, frame);
      }
      tables.map(userRoot, va, frame, { read: true, write: (flags & 2) !== 0, exec: (flags & 1) !== 0, user: true });
    }
    for (let k = 0; k < filesz; k++) {
      const va = vaddr + k;
      physical.write8(pages.get(va & -4096)! + (va & 4095), image[offset + k]!);
    }
  }
  for (let p = 1; p <= STACK_PAGES; p++) {
    tables.map(userRoot, Number(USER_STACK_TOP) - p * 4096, physical.allocFrame()!, { read: true, write: true, exec: false, user: true });
  }
  const kframe = physical.allocFrame()!;
  tables.map(kernelRoot, KERNEL_VECTORS, kframe, { read: true, write: false, exec: true, user: false });
  for (const off of [0x000, 0x200, 0x400]) {
    physical.write32(kframe + off, 0xd4000002); // hvc #0
    physical.write32(kframe + off + 4, 0xd69f03e0); // eret
  }
  cpu.setTtbr0(BigInt(userRoot));
  cpu.setTtbr1(BigInt(kernelRoot));
  cpu.vbar = KERNEL_VECTORS;
  const h: Harness = {
    cpu, physical, tables, userRoot, kernelRoot, stdout: [], svcs: [], exit: null,
    run(budget = 50_000_000) {
      const r = cpu.run(budget);
      if (h.exit) return h.exit;
      if (r.kind === 'budget') return { kind: 'budget' };
      return { kind: 'other' };
    },
  };
  cpu.hypercall = (c) => {
    const esr = c.esr;
    const ec = Number(esr >> 26n);
    if (ec === 0x15) {
      h.svcs.push({ esr, elr: c.elr });
      const nr = Number(c.getReg(8));
      if (nr === 64) {
        const buf = c.getReg(1);
        const len = Number(c.getReg(2));
        for (let k = 0; k < len; k++) {
          const t = tables.translate(userRoot, buf + BigInt(k));
          if (!t) break;
          h.stdout.push(physical.read8(t.phys));
        }
        c.setReg(0, BigInt(len));
      } else if (nr === 93 || nr === 94) {
        h.exit = { kind: 'exit', code: Number(c.getReg(0) & 0xffn) };
        c.requestStop('exit');
      } else c.setReg(0, -38n);
      return;
    }
    h.exit = { kind: 'exception', ec, esr, elr: c.elr, far: c.far };
    c.requestStop('exception');
  };
  // Enter EL0 at the entry point with the user stack, as an eret would.
  cpu.setExceptionLevel(0);
  cpu.sp = USER_STACK_TOP - 64n;
  cpu.pc = entry;
  return h;
}
