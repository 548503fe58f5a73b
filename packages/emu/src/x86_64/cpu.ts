// The x86-64 CPU: architectural state, the memory path (software TLB → page walk), exception
// and interrupt delivery through the IDT, the system instructions, and the dispatcher that runs
// translated blocks (see block.ts / codegen.ts).
//
// Model: a single logical processor in IA-32e 64-bit mode (CS.L = 1; compatibility mode,
// real mode and virtual-8086 mode are not emulated). CPL is 0 or 3 (rings 1/2 work the same
// way but nobody uses them). Segment bases are 0 except FS and GS (SDM Vol. 3A §3.4.4).

import * as isa from '@vsys/isa-x86';
import type { DecodedInstruction } from '@vsys/isa-x86';
import * as addressSpace from '../memory/address-space.js';
import type { AddressSpaceEditor, VirtualAddress } from '../memory/address-space.js';
import * as physicalMemory from '../memory/physical-memory.js';
import type { PhysicalMemory } from '../memory/physical-memory.js';
import * as tlbModule from '../memory/tlb.js';
import type { TlbSet } from '../memory/tlb.js';
import type { StopReason } from '../stop-reason.js';
import { EntryWatch } from '../entry-watch.js';
import * as blockModule from './block.js';
import type { Block } from './block.js';
import * as state from './cpu-state.js';
import * as flagsModule from './flags.js';
import * as pageTable from './page-table.js';
import type { WalkMode } from './page-table.js';
import * as cpuidModule from './cpuid.js';

// Imported bindings are copied into module constants once: some loaders (tsx, vite) turn
// ES module exports into getter calls, which would sit on the hot path otherwise.
const { decode } = isa;
const { joinAddress, splitAddress } = addressSpace;
const { FRAME_CODE, FRAME_PAGE_TABLE, PAGE_SIZE } = physicalMemory;
const { ACCESS_EXEC, ACCESS_READ, ACCESS_WRITE, Tlb } = tlbModule;
const { buildBlock } = blockModule;
const {
  CR0_WP, CR4_FSGSBASE, CR4_SMAP, CR4_SMEP, CR4_TSD, CR4_UMIP, EFER_LMA, EFER_LME, EFER_NXE, EFER_SCE,
  MSR_APIC_BASE, MSR_CSTAR, MSR_EFER, MSR_FMASK, MSR_FS_BASE, MSR_GS_BASE, MSR_KERNEL_GS_BASE, MSR_LSTAR,
  MSR_MISC_ENABLE, MSR_PAT, MSR_STAR, MSR_SYSENTER_CS, MSR_SYSENTER_EIP, MSR_SYSENTER_ESP, MSR_TSC, MSR_TSC_AUX,
  exceptionClass, hasErrorCode,
} = state;
const { AC, AF, ARITH_FLAGS, AUX, CF, DF, IF, IOPL, NT, OF, OP, PF, RF, SF, TF, VM, ZF, arithFlags, carryFlag, condition, setArithFlags, sizeCode, K_RESULT } = flagsModule;
const { walkPageTables, isCanonical } = pageTable;
const { cpuidLeaf } = cpuidModule;

/** Thrown (as this one object) by anything that raises an exception inside a block. */
export const FAULT = { fault: true } as const;

const U32 = 4294967296;
/** Executions of an address (one instruction at a time) before it gets a compiled block. */
const HOT_THRESHOLD = 32;

/** The whole per-thread register state, for the scheduler (saveContext / restoreContext). */
export interface X86Context {
  regs: Int32Array; // 32 words: GPR n = (regs[2n], regs[2n+1])
  rip: bigint;
  rflags: number;
  cs: number; ss: number; ds: number; es: number; fs: number; gs: number;
  fsBase: bigint; gsBase: bigint; kernelGsBase: bigint;
  cr2: bigint;
  cr3: number;
}

export interface X86CpuOptions {
  physical: PhysicalMemory;
  /** The page-table editor whose edits this CPU must see (its TLB listens to it). */
  pageTables?: AddressSpaceEditor;
  /** Translate hot straight-line code into JS functions (default true). false: one
   *  instruction per block — the "precise" single-step engine. */
  translateBlocks?: boolean;
  /** Executions of an address before it gets a compiled block (default 32; 0 = at once). */
  hotThreshold?: number;
}

export interface X86Counters {
  retiredUser: number;
  retiredKernel: number;
  /** CPL changes (syscall, sysret, interrupts/exceptions from ring 3, iretq to ring 3). */
  modeSwitches: number;
  /** CR3 loads (address-space switches; they do not empty the TLB, see tlb.ts). */
  cr3Loads: number;
  /** TLB flushes of everything (global invalidations) and single-page invalidations. */
  tlbFlushes: number;
  tlbPageInvalidations: number;
  exceptions: number;
  hypercalls: number;
  blocksTranslated: number;
}

/** The unsigned 128-bit product of (ah:al) and (bh:bl) into out[0..3] (32-bit words, low
 *  first), by 16-bit limbs so every partial sum stays exact in a double (< 2^53). */
function mulU64(al: number, ah: number, bl: number, bh: number, out: Int32Array): void {
  const a0 = al & 0xffff, a1 = al >>> 16, a2 = ah & 0xffff, a3 = ah >>> 16;
  const b0 = bl & 0xffff, b1 = bl >>> 16, b2 = bh & 0xffff, b3 = bh >>> 16;
  let t = a0 * b0;
  const r0 = t % 65536;
  t = Math.floor(t / 65536) + a0 * b1 + a1 * b0;
  const r1 = t % 65536;
  t = Math.floor(t / 65536) + a0 * b2 + a1 * b1 + a2 * b0;
  const r2 = t % 65536;
  t = Math.floor(t / 65536) + a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
  const r3 = t % 65536;
  t = Math.floor(t / 65536) + a1 * b3 + a2 * b2 + a3 * b1;
  const r4 = t % 65536;
  t = Math.floor(t / 65536) + a2 * b3 + a3 * b2;
  const r5 = t % 65536;
  t = Math.floor(t / 65536) + a3 * b3;
  const r6 = t % 65536;
  const r7 = Math.floor(t / 65536);
  out[0] = r0 | (r1 << 16); out[1] = r2 | (r3 << 16); out[2] = r4 | (r5 << 16); out[3] = r6 | (r7 << 16);
}

export class X86Cpu {
  readonly arch = 'x86_64' as const;
  readonly physical: PhysicalMemory;
  /** GPRs as int32 halves: R[2n] = low 32 bits of register n, R[2n+1] = high 32 bits. */
  readonly R = new Int32Array(32);
  /** Lazy arithmetic flags (flags.ts). */
  readonly F = new Int32Array(8);
  /** RIP halves. */
  rl = 0; rh = 0;
  /** RFLAGS bits other than the six arithmetic flags and DF (bit 1 always set). */
  private flagsRest = 0x2;
  df = 0;
  cpl = 0;
  /** Segment selectors. */
  cs = 0; ss = 0; ds = 0; es = 0; fsSel = 0; gsSel = 0;
  /** FS/GS bases as halves (read by translated code). */
  fsl = 0; fsh = 0; gsl = 0; gsh = 0;
  /** IA32_KERNEL_GS_BASE as halves, so `swapgs` (twice per syscall) swaps numbers, not BigInts. */
  kgsl = 0; kgsh = 0;
  get kernelGsBase(): bigint { return joinAddress(this.kgsl, this.kgsh); }
  set kernelGsBase(v: bigint) { const a = splitAddress(BigInt.asUintN(64, v))!; this.kgsl = a.lo; this.kgsh = a.hi; }
  cr0 = 0x80050033; // PG | WP | NE | ET | MP | PE
  cr2 = 0n;
  cr3 = 0;
  cr4 = 0x20; // PAE
  cr8 = 0;
  efer = EFER_LME | EFER_LMA | EFER_NXE | EFER_SCE;
  gdtrBase = 0n; gdtrLimit = 0;
  idtrBase = 0n; idtrLimit = 0;
  trSelector = 0;
  /** Base of the 64-bit TSS (RSP0 at +4, IST1..7 at +36...). Settable directly or via `ltr`. */
  trBase = 0n;
  cstar = 0n;
  // STAR, LSTAR and FMASK are read by every `syscall`/`sysret`: kept as BigInt for the MSR
  // interface and as numbers (selectors, address halves, mask) for the instructions.
  private starValue = 0n; private starKernelSel = 0; private starUserSel = 0;
  private lstarValue = 0n; private lstarLo = 0; private lstarHi = 0;
  private fmaskValue = 0n; private fmaskBits = 0;
  get star(): bigint { return this.starValue; }
  set star(v: bigint) {
    this.starValue = BigInt.asUintN(64, v);
    this.starKernelSel = Number((this.starValue >> 32n) & 0xffffn);
    this.starUserSel = Number((this.starValue >> 48n) & 0xffffn);
  }
  get lstar(): bigint { return this.lstarValue; }
  set lstar(v: bigint) {
    this.lstarValue = BigInt.asUintN(64, v);
    const a = splitAddress(this.lstarValue)!;
    this.lstarLo = a.lo; this.lstarHi = a.hi;
  }
  get fmask(): bigint { return this.fmaskValue; }
  set fmask(v: bigint) { this.fmaskValue = BigInt.asUintN(64, v); this.fmaskBits = Number(this.fmaskValue & 0xffffffffn) | 0; }
  tscAux = 0;
  private readonly otherMsrs = new Map<number, bigint>([[MSR_PAT, 0x0007040600070406n], [MSR_APIC_BASE, 0xfee00900n], [MSR_MISC_ENABLE, 1n]]);
  readonly debugRegisters = new Array<bigint>(8).fill(0n);
  /** Time-stamp counter = tscOffset + instructions retired, unless `tscSource` is set. */
  tscOffset = 0n;
  tscSource: (() => bigint) | null = null;
  /** The same counter as a number (an integer below 2^53), when the kernel can give it without
   *  BigInt: RDTSC then uses it (the vDSO executes one per clock_gettime). It is given the
   *  exact number of instructions retired before the RDTSC (translated code passes its own
   *  count, which the counters only receive when the block returns). */
  tscSourceNs: ((retired: number) => number) | null = null;

  /** Called synchronously when `vmcall` runs at CPL 0. RIP already points past the vmcall. */
  hypercall: ((cpu: X86Cpu) => void) | null = null;
  /** Port I/O at CPL 0 (or IOPL 3). Default: reads return all ones, writes are dropped. */
  portIn: ((port: number, size: number) => number) | null = null;
  portOut: ((port: number, size: number, value: number) => void) | null = null;

  readonly counters: X86Counters = {
    retiredUser: 0, retiredKernel: 0, modeSwitches: 0, cr3Loads: 0, tlbFlushes: 0, tlbPageInvalidations: 0,
    exceptions: 0, hypercalls: 0, blocksTranslated: 0,
  };
  /** Mnemonics the decoder knew but this CPU could not execute (raised #UD): for reports. */
  readonly untranslated = new Set<string>();
  /** Watched instruction addresses and their execution counts (watchEntry; entry-watch.ts). */
  private readonly entryWatch = new EntryWatch();
  /** Executions of watched instruction addresses, by slot (watchEntry). Translated code bumps
   *  them, so they stay exact across chained blocks, traces and loops inside a block. */
  readonly entryCounts: number[] = this.entryWatch.counts;

  // --- internal machinery (public so translated code can reach it; not part of the API) ---
  /** Scratch: the 128-bit product of mul (four 32-bit words, low first). */
  private readonly mulOut = new Int32Array(4);
  /** Scratch: high word of the last r64/shift/mul result. */
  th = 0;
  tl = 0;
  /** Index (within the running block, counting loop iterations) of the instruction that may fault. */
  n = 0;
  tlb: TlbSet;
  readonly tlbs = new Tlb();
  private readonly mem: Uint8Array;
  private readonly dv: DataView;
  /** Guest RAM as 32-bit words (little-endian, as the guest): translated code's aligned
   *  accesses of 32 and 64 bits (codegen.ts inlineRead/inlineWrite). */
  readonly i32: Int32Array;
  private readonly walkMode: WalkMode = { cr3: 0, wp: true, nxe: true, smep: false, smap: false };
  private pendingVector = 0;
  private pendingError = -1;
  private stopRequested = false;
  private stopValue: StopReason | null = null;
  private readonly blocks = new Map<number, Block>();
  private readonly blocksByFrame = new Map<number, number[]>();
  private readonly translateBlocks: boolean;
  private singleStep = false;
  /** Bumped whenever a chained successor may no longer be what a lookup would find. */
  private chainGen = 0;
  private readonly hotThreshold: number;
  private pendingInterrupts: number[] = [];
  private pendingShiftFlags = 0; // 0 none, 1 result-type (shl/shr/sar), 2 CF/OF override (rotates)
  private shiftBits = 0;
  private shiftSize = 0;
  private shiftRl = 0; private shiftRh = 0;

  constructor(options: X86CpuOptions) {
    this.physical = options.physical;
    this.mem = this.physical.bytes;
    this.dv = this.physical.view;
    const bytes = this.physical.bytes;
    this.i32 = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
    this.translateBlocks = options.translateBlocks ?? true;
    this.hotThreshold = options.hotThreshold ?? HOT_THRESHOLD;
    this.tlb = this.tlbs.select(0, false);
    this.F[OP] = 0;
    options.pageTables?.onInvalidate((lo, hi) => {
      this.chainGen++;
      if (lo === -1 && hi === -1) { this.tlbs.flushAll(); this.chainGen++; this.counters.tlbFlushes++; }
      else { this.tlbs.invalidatePage(lo, hi); this.counters.tlbPageInvalidations++; }
    });
    this.physical.onCodeWrite((frame) => this.dropCode(frame));
  }

  // ================================ registers ===============================================

  getReg(n: number): bigint {
    return joinAddress(this.R[2 * n]!, this.R[2 * n + 1]!);
  }
  setReg(n: number, value: bigint | number): void {
    const v = BigInt.asUintN(64, BigInt(value));
    this.R[2 * n] = Number(v & 0xffffffffn) | 0;
    this.R[2 * n + 1] = Number(v >> 32n) | 0;
  }
  /** Register n as a JS number, read as signed 64-bit (exact within ±2^53; no BigInt). */
  regNumber(n: number): number {
    return this.R[2 * n + 1]! * 4294967296 + (this.R[2 * n]! >>> 0);
  }
  /** Sets register n from a JS integer (negative values are two's complement). */
  setRegNumber(n: number, v: number): void {
    const hi = Math.floor(v / 4294967296);
    this.R[2 * n] = (v - hi * 4294967296) | 0;
    this.R[2 * n + 1] = hi | 0;
  }
  get rip(): bigint { return joinAddress(this.rl, this.rh); }
  set rip(v: bigint) { const a = splitAddress(BigInt.asUintN(64, v))!; this.rl = a.lo; this.rh = a.hi; }
  get fsBase(): bigint { return joinAddress(this.fsl, this.fsh); }
  set fsBase(v: bigint) { const a = splitAddress(BigInt.asUintN(64, v))!; this.fsl = a.lo; this.fsh = a.hi; }
  get gsBase(): bigint { return joinAddress(this.gsl, this.gsh); }
  set gsBase(v: bigint) { const a = splitAddress(BigInt.asUintN(64, v))!; this.gsl = a.lo; this.gsh = a.hi; }

  /** RFLAGS as the architecture defines it (bit 1 always set). */
  getRflags(): number {
    return (this.flagsRest & ~(ARITH_FLAGS | DF)) | arithFlags(this.F) | (this.df ? DF : 0) | 2;
  }
  setRflags(v: number): void {
    setArithFlags(this.F, v);
    this.df = v & DF ? 1 : 0;
    this.flagsRest = (v & ~(ARITH_FLAGS | DF) & 0x3f7fff) | 2;
  }
  get rflags(): number { return this.getRflags(); }
  set rflags(v: number) { this.setRflags(v); }

  /** CPL (0 = kernel, 3 = user); also the RPL of CS. */
  get privilegeLevel(): number { return this.cpl; }

  /** Loads CR3 (physical address of a PML4). Tagged TLB: no flush. */
  setCr3(root: number): void {
    this.cr3 = root;
    this.walkMode.cr3 = root;
    this.selectTlb();
    this.counters.cr3Loads++;
    // No chainGen bump: chained successors are keyed by TLB set (see run()).
  }

  /** Sets CPL and the CS/SS selectors together (used to start user code, or by the kernel). */
  setPrivilege(cpl: number, cs: number, ss: number): void {
    if (cpl !== this.cpl) this.counters.modeSwitches++;
    this.cpl = cpl & 3;
    this.cs = cs & 0xffff;
    this.ss = ss & 0xffff;
    this.selectTlb();
  }

  private selectTlb(): void {
    // Two address spaces alternate on every syscall (the process's and the kernel's): their
    // sets are kept here, so a CR3 write or a mode switch does not hash the root (Tlb.select).
    const root = this.cr3 & -4096, user = this.cpl === 3;
    if (this.tlbs.epoch !== this.setsEpoch) {
      this.setsEpoch = this.tlbs.epoch;
      this.setsRootA = -1; this.setsRootB = -1;
    }
    if (root === this.setsRootA) { this.tlb = user ? this.setsUserA! : this.setsKernelA!; return; }
    if (root === this.setsRootB) { this.tlb = user ? this.setsUserB! : this.setsKernelB!; return; }
    this.setsRootB = this.setsRootA; this.setsUserB = this.setsUserA; this.setsKernelB = this.setsKernelA;
    this.setsRootA = root;
    this.setsUserA = this.tlbs.select(root, true);
    this.setsKernelA = this.tlbs.select(root, false);
    this.tlb = user ? this.setsUserA : this.setsKernelA;
  }
  /** The TLB sets (user, supervisor) of the last two roots selectTlb() saw, while Tlb.epoch is
   *  setsEpoch (-1: none). */
  private setsEpoch = -1;
  private setsRootA = -1; private setsUserA: TlbSet | null = null; private setsKernelA: TlbSet | null = null;
  private setsRootB = -1; private setsUserB: TlbSet | null = null; private setsKernelB: TlbSet | null = null;

  saveContext(): X86Context {
    return {
      regs: this.R.slice(), rip: this.rip, rflags: this.getRflags(),
      cs: this.cs, ss: this.ss, ds: this.ds, es: this.es, fs: this.fsSel, gs: this.gsSel,
      fsBase: this.fsBase, gsBase: this.gsBase, kernelGsBase: this.kernelGsBase, cr2: this.cr2, cr3: this.cr3,
    };
  }
  restoreContext(ctx: X86Context): void {
    this.R.set(ctx.regs.subarray(0, 32));
    this.rip = ctx.rip;
    this.setRflags(ctx.rflags);
    this.ds = ctx.ds; this.es = ctx.es; this.fsSel = ctx.fs; this.gsSel = ctx.gs;
    this.fsBase = ctx.fsBase; this.gsBase = ctx.gsBase; this.kernelGsBase = ctx.kernelGsBase; this.cr2 = ctx.cr2;
    if (ctx.cr3 !== this.cr3) this.setCr3(ctx.cr3);
    this.setPrivilege(ctx.cs & 3, ctx.cs, ctx.ss);
  }

  /** Asks run() to return after the current instruction with { kind: 'requested', value }. */
  requestStop(value: unknown = null): void {
    this.stopRequested = true;
    this.stopValue = { kind: 'requested', value };
  }

  /** Queues an external interrupt; it is delivered through the IDT when RFLAGS.IF = 1. */
  raiseInterrupt(vector: number): void {
    this.pendingInterrupts.push(vector & 255);
  }

  // ================================ MSRs ====================================================

  /** Reads an MSR; null for one this CPU does not have (rdmsr raises #GP(0) then). */
  readMsr(msr: number): bigint | null {
    switch (msr) {
      case MSR_EFER: return BigInt(this.efer);
      case MSR_STAR: return this.star;
      case MSR_LSTAR: return this.lstar;
      case MSR_CSTAR: return this.cstar;
      case MSR_FMASK: return this.fmask;
      case MSR_FS_BASE: return this.fsBase;
      case MSR_GS_BASE: return this.gsBase;
      case MSR_KERNEL_GS_BASE: return this.kernelGsBase;
      case MSR_TSC_AUX: return BigInt(this.tscAux);
      case MSR_TSC: return this.readTsc();
      case MSR_SYSENTER_CS: case MSR_SYSENTER_ESP: case MSR_SYSENTER_EIP:
        return this.otherMsrs.get(msr) ?? 0n;
      default: return this.otherMsrs.get(msr) ?? null;
    }
  }

  /** Writes an MSR; false when the MSR does not exist or the value is invalid (→ #GP(0)). */
  writeMsr(msr: number, value: bigint): boolean {
    value = BigInt.asUintN(64, value);
    const canonical = (): boolean => isCanonical(Number(value >> 32n) | 0);
    switch (msr) {
      case MSR_EFER: {
        // SCE, LME, LMA (read-only here: long mode stays active), NXE; others reserved.
        if (value & ~0xd01n) return false;
        const v = Number(value) | EFER_LMA | EFER_LME;
        if ((v ^ this.efer) & EFER_NXE) { this.tlbs.flushAll(); this.chainGen++; this.counters.tlbFlushes++; }
        this.efer = v;
        this.walkMode.nxe = (v & EFER_NXE) !== 0;
        return true;
      }
      case MSR_STAR: this.star = value; return true;
      case MSR_LSTAR: if (!canonical()) return false; this.lstar = value; return true;
      case MSR_CSTAR: if (!canonical()) return false; this.cstar = value; return true;
      case MSR_FMASK: this.fmask = value & 0xffffffffn; return true;
      case MSR_FS_BASE: if (!canonical()) return false; this.fsBase = value; return true;
      case MSR_GS_BASE: if (!canonical()) return false; this.gsBase = value; return true;
      case MSR_KERNEL_GS_BASE: if (!canonical()) return false; this.kernelGsBase = value; return true;
      case MSR_TSC_AUX: if (value >> 32n) return false; this.tscAux = Number(value); return true;
      case MSR_TSC: this.tscOffset = value - this.retired(); return true;
      case MSR_SYSENTER_CS: case MSR_SYSENTER_ESP: case MSR_SYSENTER_EIP: case MSR_PAT: case MSR_APIC_BASE: case MSR_MISC_ENABLE:
        this.otherMsrs.set(msr, value); return true;
      default: return false;
    }
  }

  /** Counts every execution of the instruction at virtual `address` from now on (vrun --stats
   *  watches the vDSO's exported entry points). Returns its slot in `entryCounts`; watching an
   *  address twice gives the same slot. A new address drops the translated code, which was
   *  built without the counter. */
  watchEntry(address: bigint): number {
    return this.entryWatch.watch(address, () => this.flushCodeCache());
  }

  /** The entryCounts slot of the instruction at (lo, hi), or -1 (read by the block builder). */
  entrySlotAt(lo: number, hi: number): number {
    return this.entryWatch.slotAt(lo, hi);
  }

  private retired(): bigint {
    return BigInt(this.counters.retiredUser + this.counters.retiredKernel);
  }
  readTsc(): bigint {
    return this.tscSource ? BigInt.asUintN(64, this.tscSource()) : BigInt.asUintN(64, this.tscOffset + this.retired());
  }

  /** Writes CR0 / CR4 with the side effects on the page walk. */
  setCr0(v: number): void {
    if (((v ^ this.cr0) & CR0_WP) !== 0) { this.tlbs.flushAll(); this.chainGen++; this.counters.tlbFlushes++; }
    this.cr0 = v | 0x80000001; // paging and protection stay on (64-bit mode)
    this.walkMode.wp = (this.cr0 & CR0_WP) !== 0;
  }
  setCr4(v: number): void {
    if (((v ^ this.cr4) & (CR4_SMEP | CR4_SMAP)) !== 0) { this.tlbs.flushAll(); this.chainGen++; this.counters.tlbFlushes++; }
    this.cr4 = v | 0x20;
    this.walkMode.smep = (v & CR4_SMEP) !== 0;
  }

  // ================================ memory ==================================================

  /** Raises exception `vector` (error code -1 = none) from inside an instruction. */
  fault(vector: number, errorCode: number): never {
    this.pendingVector = vector;
    this.pendingError = errorCode;
    throw FAULT;
  }

  /** Translates a linear address for `access` at the current CPL; fills the TLB. Returns the
   *  physical page address; raises #GP(0) (non-canonical) or #PF. */
  translate(lo: number, hi: number, access: number): number {
    if (!isCanonical(hi)) this.fault(13, 0);
    const user = this.cpl === 3;
    this.walkMode.smap = (this.cr4 & CR4_SMAP) !== 0 && (this.flagsRest & AC) === 0;
    const p = walkPageTables(this.physical, this.walkMode, lo, hi, access, user);
    if (p < 0) {
      this.cr2 = joinAddress(lo, hi);
      this.fault(14, -p - 1);
    }
    const frame = p / PAGE_SIZE;
    const flags = this.physical.frameFlags[frame]!;
    if (access === ACCESS_WRITE) {
      if (flags & FRAME_CODE) this.physical.invalidateCode(frame);
      // A page-table page written by the guest: never cache; the write path flushes the TLB.
      if (flags & FRAME_PAGE_TABLE) return p;
    }
    if (!this.walkMode.smap || user) this.tlbs.fill(this.tlb, access, lo, hi, p);
    return p;
  }

  private afterWriteTo(p: number): void {
    if (this.physical.frameFlags[p / PAGE_SIZE]! & FRAME_PAGE_TABLE) {
      this.tlbs.flushAll(); this.chainGen++;
      this.counters.tlbFlushes++;
    }
  }

  r8(lo: number, hi: number): number {
    const t = this.tlb, i = ((lo >>> 12) ^ hi) & 1023;
    if (t.rLo[i] === (lo & -4096) && t.rHi[i] === hi) return this.mem[t.rPhys[i]! + (lo & 4095)]!;
    return this.mem[this.translate(lo, hi, ACCESS_READ) + (lo & 4095)]!;
  }
  r16(lo: number, hi: number): number {
    const t = this.tlb, i = ((lo >>> 12) ^ hi) & 1023;
    if (t.rLo[i] === (lo & -4096) && t.rHi[i] === hi && (lo & 4095) <= 4094) return this.dv.getUint16(t.rPhys[i]! + (lo & 4095), true);
    return this.readSlow(lo, hi, 2);
  }
  r32(lo: number, hi: number): number {
    const t = this.tlb, i = ((lo >>> 12) ^ hi) & 1023;
    if (t.rLo[i] === (lo & -4096) && t.rHi[i] === hi && (lo & 4095) <= 4092) return this.dv.getInt32(t.rPhys[i]! + (lo & 4095), true);
    return this.readSlow(lo, hi, 4) | 0;
  }
  /** Returns the low word; the high word is left in `th`. */
  r64(lo: number, hi: number): number {
    const t = this.tlb, i = ((lo >>> 12) ^ hi) & 1023;
    if (t.rLo[i] === (lo & -4096) && t.rHi[i] === hi && (lo & 4095) <= 4088) {
      const p = t.rPhys[i]! + (lo & 4095);
      this.th = this.dv.getInt32(p + 4, true);
      return this.dv.getInt32(p, true);
    }
    const l = this.readSlow(lo, hi, 4) | 0;
    const nl = (lo + 4) | 0, nh = (hi + ((lo >>> 0) + 4 > 0xffffffff ? 1 : 0)) | 0;
    this.th = this.readSlow(nl, nh, 4) | 0;
    return l;
  }
  w8(lo: number, hi: number, v: number): void {
    const t = this.tlb, i = ((lo >>> 12) ^ hi) & 1023;
    if (t.wLo[i] === (lo & -4096) && t.wHi[i] === hi) { this.mem[t.wPhys[i]! + (lo & 4095)] = v; return; }
    const p = this.translate(lo, hi, ACCESS_WRITE);
    this.mem[p + (lo & 4095)] = v;
    this.afterWriteTo(p);
  }
  w16(lo: number, hi: number, v: number): void {
    const t = this.tlb, i = ((lo >>> 12) ^ hi) & 1023;
    if (t.wLo[i] === (lo & -4096) && t.wHi[i] === hi && (lo & 4095) <= 4094) { this.dv.setUint16(t.wPhys[i]! + (lo & 4095), v, true); return; }
    this.writeSlow(lo, hi, 2, v, 0);
  }
  w32(lo: number, hi: number, v: number): void {
    const t = this.tlb, i = ((lo >>> 12) ^ hi) & 1023;
    if (t.wLo[i] === (lo & -4096) && t.wHi[i] === hi && (lo & 4095) <= 4092) { this.dv.setInt32(t.wPhys[i]! + (lo & 4095), v, true); return; }
    this.writeSlow(lo, hi, 4, v, 0);
  }
  w64(lo: number, hi: number, vl: number, vh: number): void {
    const t = this.tlb, i = ((lo >>> 12) ^ hi) & 1023;
    if (t.wLo[i] === (lo & -4096) && t.wHi[i] === hi && (lo & 4095) <= 4088) {
      const p = t.wPhys[i]! + (lo & 4095);
      this.dv.setInt32(p, vl, true);
      this.dv.setInt32(p + 4, vh, true);
      return;
    }
    this.writeSlow(lo, hi, 8, vl, vh);
  }

  // Stack-segment accesses (push/pop/call/ret and RSP/RBP-based operands): a non-canonical
  // address is #SS(0) rather than #GP(0).
  r8s(lo: number, hi: number): number { if (!isCanonical(hi)) this.fault(12, 0); return this.r8(lo, hi); }
  r16s(lo: number, hi: number): number { if (!isCanonical(hi)) this.fault(12, 0); return this.r16(lo, hi); }
  r32s(lo: number, hi: number): number { if (!isCanonical(hi)) this.fault(12, 0); return this.r32(lo, hi); }
  r64s(lo: number, hi: number): number { if (!isCanonical(hi)) this.fault(12, 0); return this.r64(lo, hi); }
  w8s(lo: number, hi: number, v: number): void { if (!isCanonical(hi)) this.fault(12, 0); this.w8(lo, hi, v); }
  w16s(lo: number, hi: number, v: number): void { if (!isCanonical(hi)) this.fault(12, 0); this.w16(lo, hi, v); }
  w32s(lo: number, hi: number, v: number): void { if (!isCanonical(hi)) this.fault(12, 0); this.w32(lo, hi, v); }
  w64s(lo: number, hi: number, vl: number, vh: number): void { if (!isCanonical(hi)) this.fault(12, 0); this.w64(lo, hi, vl, vh); }

  /** Reads `len` (≤ 4) bytes little-endian, across a page boundary if needed. */
  private readSlow(lo: number, hi: number, len: number): number {
    const off = lo & 4095;
    if (off + len <= 4096) {
      const p = this.translate(lo, hi, ACCESS_READ) + off;
      return len === 2 ? this.dv.getUint16(p, true) : this.dv.getUint32(p, true);
    }
    const p1 = this.translate(lo, hi, ACCESS_READ);
    const nl = (lo & -4096) + 4096 | 0, nh = (nl === 0 ? hi + 1 : hi) | 0;
    const p2 = this.translate(nl, nh, ACCESS_READ);
    let v = 0;
    for (let k = len - 1; k >= 0; k--) {
      const o = off + k;
      v = v * 256 + (o < 4096 ? this.mem[p1 + o]! : this.mem[p2 + o - 4096]!);
    }
    return v;
  }

  /** Writes `len` bytes (value in vl, vh) — both pages are translated before any byte changes. */
  private writeSlow(lo: number, hi: number, len: number, vl: number, vh: number): void {
    const off = lo & 4095;
    const p1 = this.translate(lo, hi, ACCESS_WRITE);
    let p2 = p1;
    if (off + len > 4096) {
      const nl = (lo & -4096) + 4096 | 0, nh = (nl === 0 ? hi + 1 : hi) | 0;
      p2 = this.translate(nl, nh, ACCESS_WRITE);
    }
    for (let k = 0; k < len; k++) {
      const byte = (k < 4 ? vl >>> (8 * k) : vh >>> (8 * (k - 4))) & 255;
      const o = off + k;
      if (o < 4096) this.mem[p1 + o] = byte; else this.mem[p2 + o - 4096] = byte;
    }
    this.afterWriteTo(p1);
    if (p2 !== p1) this.afterWriteTo(p2);
  }

  /** Reads guest virtual memory with the permissions of CPL `cpl` (default: the current one)
   *  through the current CR3. Returns null on any fault; never throws, never changes CR2. */
  readVirtual(va: VirtualAddress, len: number, cpl = this.cpl): Uint8Array | null {
    const a = splitAddress(va);
    if (!a || len < 0) return null;
    const out = new Uint8Array(len);
    const ok = this.withPrivilege(cpl, () => {
      let lo = a.lo, hi = a.hi;
      for (let k = 0; k < len;) {
        const p = this.translate(lo, hi, ACCESS_READ) + (lo & 4095);
        const n = Math.min(len - k, 4096 - (lo & 4095));
        out.set(this.mem.subarray(p, p + n), k);
        k += n;
        const t = (lo >>> 0) + n; lo = t | 0; hi = (hi + (t > 0xffffffff ? 1 : 0)) | 0;
      }
    });
    return ok ? out : null;
  }

  /** Writes guest virtual memory (all pages are checked before any byte is written). */
  writeVirtual(va: VirtualAddress, data: Uint8Array, cpl = this.cpl): boolean {
    const a = splitAddress(va);
    if (!a) return false;
    return this.withPrivilege(cpl, () => {
      const pages: number[] = [];
      let lo = a.lo, hi = a.hi;
      for (let k = 0; k < data.length;) {
        pages.push(this.translate(lo, hi, ACCESS_WRITE) + (lo & 4095));
        const n = Math.min(data.length - k, 4096 - (lo & 4095));
        k += n;
        const t = (lo >>> 0) + n; lo = t | 0; hi = (hi + (t > 0xffffffff ? 1 : 0)) | 0;
      }
      let k = 0;
      for (const p of pages) {
        const n = Math.min(data.length - k, 4096 - (p & 4095));
        this.physical.writeBytes(p, data.subarray(k, k + n));
        k += n;
      }
    });
  }

  private withPrivilege(cpl: number, body: () => void): boolean {
    const savedCpl = this.cpl, savedTlb = this.tlb, savedCr2 = this.cr2;
    this.cpl = cpl;
    this.selectTlb();
    try {
      body();
      return true;
    } catch (e) {
      if (e === FAULT) return false;
      throw e;
    } finally {
      this.cpl = savedCpl;
      this.tlb = savedTlb;
      this.cr2 = savedCr2;
    }
  }

  // ================================ flags helpers ===========================================

  cf(): number { return carryFlag(this.F); }
  cond(cc: number): boolean { return condition(this.F, cc); }
  setFlagBit(bit: number, v: number): void {
    const f = arithFlags(this.F);
    setArithFlags(this.F, v ? f | bit : f & ~bit);
  }
  sahf(): void {
    const f = arithFlags(this.F) & ~(CF | PF | AF | ZF | SF);
    setArithFlags(this.F, f | ((this.R[0]! >> 8) & (CF | PF | AF | ZF | SF)));
  }
  pushf(size: number): void {
    // PUSHF pushes RFLAGS with VM and RF cleared (SDM PUSHF).
    const v = this.getRflags() & ~(VM | RF);
    const t = (this.R[8]! >>> 0) - size / 8;
    const sl = t | 0, sh = (this.R[9]! - (t < 0 ? 1 : 0)) | 0;
    if (size === 64) this.w64(sl, sh, v, 0); else this.w16(sl, sh, v & 0xffff);
    this.R[8] = sl; this.R[9] = sh;
  }
  popf(size: number): void {
    const v = size === 64 ? this.r64(this.R[8]!, this.R[9]!) : this.r16(this.R[8]!, this.R[9]!);
    const t = (this.R[8]! >>> 0) + size / 8;
    this.R[8] = t | 0; this.R[9] = (this.R[9]! + (t > 0xffffffff ? 1 : 0)) | 0;
    this.loadFlags(v, size === 16 ? 0xffff : 0xffffffff, false);
  }

  /** POPF/IRET rules (SDM POPF table): CPL 0 changes IOPL and IF; CPL > 0 keeps IOPL, and IF
   *  unless CPL ≤ IOPL. VM, VIP, VIF and RF are not loaded by POPF. */
  private loadFlags(v: number, sizeMask: number, iret: boolean): void {
    const old = this.getRflags();
    let modifiable = CF | PF | AF | ZF | SF | TF | DF | OF | NT | AC | (1 << 21);
    if (iret) modifiable |= RF;
    const iopl = (old & IOPL) >> 12;
    if (this.cpl === 0) modifiable |= IOPL | IF;
    else if (this.cpl <= iopl) modifiable |= IF;
    modifiable &= sizeMask;
    this.setRflags((old & ~modifiable) | (v & modifiable));
  }

  // ================================ arithmetic helpers ======================================

  private static big(size: number, lo: number, hi: number): bigint {
    return size === 64 ? joinAddress(lo, hi) : BigInt(lo >>> 0) & ((1n << BigInt(size)) - 1n);
  }
  private static signed(size: number, lo: number, hi: number): bigint {
    return BigInt.asIntN(size, X86Cpu.big(size, lo, hi));
  }
  private setResultFlags(size: number, rl: number, rh: number, bits: number): void {
    const F = this.F;
    F[OP] = (K_RESULT << 2) | sizeCode(size);
    F[1] = rl; F[2] = rh; F[AUX] = bits;
  }
  /** Writes accumulator-style register pairs (AL/AX/EAX/RAX and AH/DX/EDX/RDX). */
  private writeAccPair(size: number, low: bigint, high: bigint): void {
    if (size === 8) {
      this.R[0] = (this.R[0]! & -65536) | Number(BigInt.asUintN(8, low)) | (Number(BigInt.asUintN(8, high)) << 8);
      return;
    }
    this.writeReg(0, size, low);
    this.writeReg(2, size, high);
  }
  writeReg(reg: number, size: number, v: bigint): void {
    const u = BigInt.asUintN(64, v);
    const lo = Number(u & 0xffffffffn) | 0;
    if (size === 64) { this.R[2 * reg] = lo; this.R[2 * reg + 1] = Number(u >> 32n) | 0; }
    else if (size === 32) { this.R[2 * reg] = lo; this.R[2 * reg + 1] = 0; }
    else if (size === 16) this.R[2 * reg] = (this.R[2 * reg]! & -65536) | (lo & 0xffff);
    else this.R[2 * reg] = (this.R[2 * reg]! & -256) | (lo & 0xff);
  }
  private readReg(reg: number, size: number): bigint {
    return X86Cpu.big(size, this.R[2 * reg]!, this.R[2 * reg + 1]!);
  }

  mul(size: number, al: number, ah: number): void {
    if (size === 64 || size === 32) {
      // RDX:RAX = RAX * src (EDX:EAX for 32 bits), in 16-bit limbs: no BigInt (the vDSO's
      // counter-to-ns scaling runs one per clock_gettime). CF = OF = upper half non-zero.
      const R = this.R, p = this.mulOut;
      mulU64(R[0]!, size === 64 ? R[1]! : 0, al, size === 64 ? ah : 0, p);
      if (size === 64) {
        R[0] = p[0]!; R[1] = p[1]!; R[4] = p[2]!; R[5] = p[3]!;
        this.setResultFlags(64, p[0]!, p[1]!, (p[2]! | p[3]!) !== 0 ? CF | OF : 0);
      } else {
        R[0] = p[0]!; R[1] = 0; R[4] = p[1]!; R[5] = 0;
        this.setResultFlags(32, p[0]!, 0, p[1]! !== 0 ? CF | OF : 0);
      }
      return;
    }
    const a = this.readReg(0, size), b = X86Cpu.big(size, al, ah);
    const p = a * b;
    const low = BigInt.asUintN(size, p), high = p >> BigInt(size);
    this.writeAccPair(size, low, high);
    const ov = high !== 0n ? CF | OF : 0;
    this.setResultFlags(size, Number(low & 0xffffffffn) | 0, Number(BigInt.asUintN(64, low) >> 32n) | 0, ov);
  }
  /** The unsigned 128-bit product of (ah:al) and (bh:bl) as four 32-bit words, low first, in a
   *  scratch array valid until the next call (translated MUL reads it; no register is touched). */
  mulWide(al: number, ah: number, bl: number, bh: number): Int32Array {
    mulU64(al, ah, bl, bh, this.mulOut);
    return this.mulOut;
  }
  imul1(size: number, al: number, ah: number): void {
    const a = BigInt.asIntN(size, this.readReg(0, size)), b = X86Cpu.signed(size, al, ah);
    const p = a * b;
    const low = BigInt.asUintN(size, p), high = BigInt.asUintN(size, p >> BigInt(size));
    this.writeAccPair(size, low, high);
    const ov = BigInt.asIntN(size, p) !== p ? CF | OF : 0;
    this.setResultFlags(size, Number(low & 0xffffffffn) | 0, Number(low >> 32n) | 0, ov);
  }
  imul2(size: number, al: number, ah: number, bl: number, bh: number): number {
    let low: bigint, ov: boolean;
    if (size === 32) {
      const r = Math.imul(al, bl);
      ov = r !== al * bl;
      low = BigInt(r >>> 0);
    } else {
      const p = X86Cpu.signed(size, al, ah) * X86Cpu.signed(size, bl, bh);
      low = BigInt.asUintN(size, p);
      ov = BigInt.asIntN(size, p) !== p;
    }
    const lo = Number(low & 0xffffffffn) | 0, hi = Number(low >> 32n) | 0;
    this.setResultFlags(size, lo, hi, ov ? CF | OF : 0);
    this.th = hi;
    return lo;
  }
  div(size: number, al: number, ah: number): void {
    if ((size === 64 || size === 32) && this.divSmall(size, al, ah)) return;
    const d = X86Cpu.big(size, al, ah);
    if (d === 0n) this.fault(0, -1);
    const n = size === 8 ? BigInt(this.R[0]! & 0xffff) : (this.readReg(2, size) << BigInt(size)) | this.readReg(0, size);
    const q = n / d, r = n % d;
    if (q >> BigInt(size) !== 0n) this.fault(0, -1);
    this.writeAccPair(size, q, r);
  }
  /** DIV r/m64, r/m32 when RDX (EDX) is 0 and dividend and divisor are below 2^52: the
   *  quotient and remainder in doubles, exact (q·d ≤ n + d < 2^53), one correction step for the
   *  rounding of n / d. Not taken (false) otherwise, nor for a zero divisor (#DE on the BigInt
   *  path). The vDSO divides the nanoseconds by 10^9 this way when its bases are old. */
  private divSmall(size: number, al: number, ah: number): boolean {
    const R = this.R;
    if (R[4] !== 0 || (size === 64 && R[5] !== 0)) return false;
    const nHi = size === 64 ? R[1]! >>> 0 : 0, dHi = size === 64 ? ah >>> 0 : 0;
    if (nHi >= 0x100000 || dHi >= 0x100000) return false;
    const n = nHi * 4294967296 + (R[0]! >>> 0), d = dHi * 4294967296 + (al >>> 0);
    if (d === 0) return false;
    let q = Math.floor(n / d), r = n - q * d;
    if (r < 0) { q--; r += d; } else if (r >= d) { q++; r -= d; }
    R[0] = q % 4294967296 | 0; R[1] = Math.floor(q / 4294967296) | 0;
    R[4] = r % 4294967296 | 0; R[5] = Math.floor(r / 4294967296) | 0;
    return true;
  }
  idiv(size: number, al: number, ah: number): void {
    const d = X86Cpu.signed(size, al, ah);
    if (d === 0n) this.fault(0, -1);
    const n = size === 8 ? BigInt.asIntN(16, BigInt(this.R[0]! & 0xffff))
      : BigInt.asIntN(2 * size, (this.readReg(2, size) << BigInt(size)) | this.readReg(0, size));
    const q = n / d, r = n % d; // BigInt division truncates toward zero, as IDIV does
    if (BigInt.asIntN(size, q) !== q) this.fault(0, -1);
    this.writeAccPair(size, q, r);
  }

  /** Shifts and rotates by a count (SDM "SAL/SAR/SHL/SHR" and "RCL/RCR/ROL/ROR"). Returns the
   *  low word (high in `th`); the flag changes are applied by commitShiftFlags() after the
   *  destination was written. */
  shift(kind: string, size: number, al: number, ah: number, count: number): number {
    const masked = count & (size === 64 ? 63 : 31);
    this.pendingShiftFlags = 0;
    if (masked === 0) { this.th = ah; return al; }
    if (kind === 'rcl' || kind === 'rcr') return this.rotateThroughCarry(kind, size, al, ah, masked);
    let rl: number, rh = 0, cf: number, of: number;
    if (size === 64) {
      const c = masked;
      switch (kind) {
        case 'shl':
          if (c < 32) { rh = (ah << c) | (al >>> (32 - c)); rl = al << c; cf = (ah >>> (32 - c)) & 1; }
          else if (c === 32) { rh = al; rl = 0; cf = ah & 1; }
          else { rh = al << (c - 32); rl = 0; cf = (al >>> (64 - c)) & 1; }
          of = (rh >>> 31) ^ cf;
          break;
        case 'shr':
          if (c < 32) { rl = (al >>> c) | (ah << (32 - c)); rh = ah >>> c; cf = (al >>> (c - 1)) & 1; }
          else if (c === 32) { rl = ah; rh = 0; cf = al >>> 31; }
          else { rl = ah >>> (c - 32); rh = 0; cf = (ah >>> (c - 33)) & 1; }
          of = ah >>> 31;
          break;
        case 'sar':
          if (c < 32) { rl = (al >>> c) | (ah << (32 - c)); rh = ah >> c; cf = (al >>> (c - 1)) & 1; }
          else if (c === 32) { rl = ah; rh = ah >> 31; cf = al >>> 31; }
          else { rl = ah >> (c - 32); rh = ah >> 31; cf = (ah >>> (c - 33)) & 1; }
          of = 0;
          break;
        default: { // rol / ror: a rotate right by k is a rotate left by 64 - k
          const k = kind === 'rol' ? c : (64 - c) & 63;
          let l = al, h = ah;
          let kk = k;
          if (kk >= 32) { const t = l; l = h; h = t; kk -= 32; }
          if (kk) { const nl = (l << kk) | (h >>> (32 - kk)); h = (h << kk) | (l >>> (32 - kk)); l = nl; }
          rl = l; rh = h;
          if (kind === 'rol') { cf = rl & 1; of = (rh >>> 31) ^ cf; }
          else { cf = rh >>> 31; of = cf ^ ((rh >>> 30) & 1); }
        }
      }
      rl |= 0; rh |= 0;
    } else {
      const S = size, mask = S === 32 ? -1 : (1 << S) - 1;
      const a = S === 32 ? al : al & mask;
      const c = masked;
      const msb = (v: number): number => (v >>> (S - 1)) & 1;
      switch (kind) {
        case 'shl':
          rl = c < 32 ? (a << c) & mask : 0;
          cf = c <= S ? (S - c === 32 ? 0 : (a >>> (S - c)) & 1) : 0;
          of = msb(rl) ^ cf;
          break;
        case 'shr':
          rl = (a >>> c) & mask;
          cf = (a >>> (c - 1)) & 1;
          of = msb(a);
          break;
        case 'sar': {
          const sa = (a << (32 - S)) >> (32 - S);
          rl = (sa >> c) & mask;
          cf = (sa >> (c - 1)) & 1;
          of = 0;
          break;
        }
        default: {
          const k = c % S;
          const left = kind === 'rol' ? k : (S - k) % S;
          rl = left === 0 ? a : ((a << left) | (a >>> (S - left))) & mask;
          if (kind === 'rol') { cf = rl & 1; of = msb(rl) ^ cf; }
          else { cf = msb(rl); of = cf ^ ((rl >>> (S - 2)) & 1); }
        }
      }
      rl |= 0;
    }
    this.shiftBits = (cf ? CF : 0) | (of ? OF : 0);
    this.pendingShiftFlags = kind === 'rol' || kind === 'ror' ? 2 : 1;
    this.shiftSize = size; this.shiftRl = rl; this.shiftRh = rh;
    this.th = rh;
    return rl;
  }
  /** RCL/RCR (SDM): rotate through CF; 8/16-bit counts are taken modulo size + 1. */
  private rotateThroughCarry(kind: string, size: number, al: number, ah: number, masked: number): number {
    const S = BigInt(size);
    const a = X86Cpu.big(size, al, ah);
    const msb = (v: bigint): number => Number((v >> (S - 1n)) & 1n);
    const k = size < 32 ? BigInt(masked) % (S + 1n) : BigInt(masked);
    if (k === 0n) { this.th = ah; return al; }
    const cin = BigInt(this.cf());
    const wide = (cin << S) | a; // size+1 bits: CF above the operand
    const W = S + 1n;
    const rot = kind === 'rcl'
      ? BigInt.asUintN(size + 1, (wide << k) | (wide >> (W - k)))
      : BigInt.asUintN(size + 1, (wide >> k) | (wide << (W - k)));
    const r = BigInt.asUintN(size, rot);
    const cf = Number(rot >> S);
    const of = kind === 'rcl' ? msb(r) ^ cf : msb(a) ^ Number(cin);
    const lo = Number(r & 0xffffffffn) | 0, hi = Number(r >> 32n) | 0;
    this.shiftBits = (cf ? CF : 0) | (of ? OF : 0);
    this.pendingShiftFlags = 2;
    this.shiftSize = size; this.shiftRl = lo; this.shiftRh = hi;
    this.th = hi;
    return lo;
  }
  commitShiftFlags(): void {
    if (this.pendingShiftFlags === 1) this.setResultFlags(this.shiftSize, this.shiftRl, this.shiftRh, this.shiftBits);
    else if (this.pendingShiftFlags === 2) setArithFlags(this.F, (arithFlags(this.F) & ~(CF | OF)) | this.shiftBits);
    this.pendingShiftFlags = 0;
  }
  /** SHLD/SHRD (SDM): count masked to 5/6 bits; count > size for 16-bit is undefined. */
  doubleShift(left: boolean, size: number, al: number, ah: number, bl: number, bh: number, count: number): number {
    const masked = count & (size === 64 ? 63 : 31);
    this.pendingShiftFlags = 0;
    if (masked === 0) { this.th = ah; return al; }
    if (size === 64 || size === 32) return this.doubleShiftWords(left, size, al, ah, bl, bh, masked);
    const S = BigInt(size), c = BigInt(masked);
    const a = X86Cpu.big(size, al, ah), b = X86Cpu.big(size, bl, bh);
    let r: bigint, cf: number;
    if (left) {
      const wide = (a << S) | b;
      r = BigInt.asUintN(size, (wide << c) >> S);
      cf = Number((wide >> (2n * S - c)) & 1n);
    } else {
      const wide = (b << S) | a;
      r = BigInt.asUintN(size, wide >> c);
      cf = Number((wide >> (c - 1n)) & 1n);
    }
    const of = Number((r >> (S - 1n)) & 1n) ^ Number((a >> (S - 1n)) & 1n);
    const lo = Number(r & 0xffffffffn) | 0, hi = Number(r >> 32n) | 0;
    this.shiftBits = (cf ? CF : 0) | (of ? OF : 0);
    this.pendingShiftFlags = 1;
    this.shiftSize = size; this.shiftRl = lo; this.shiftRh = hi;
    this.th = hi;
    return lo;
  }

  /** doubleShift for 32 and 64 bits on 32-bit words (count 1…size-1): SHLD dest = dest << c |
   *  src >> (size-c), CF = the last bit shifted out of dest; SHRD mirrored; OF = sign change. */
  private doubleShiftWords(left: boolean, size: number, al: number, ah: number, bl: number, bh: number, c: number): number {
    let lo: number, hi: number, cf: number, of: number;
    if (size === 32) {
      lo = left ? (al << c) | (bl >>> (32 - c)) : (al >>> c) | (bl << (32 - c));
      cf = left ? (al >>> (32 - c)) & 1 : (al >>> (c - 1)) & 1;
      of = ((lo ^ al) >>> 31) & 1;
      hi = 0;
    } else {
      if (left) {
        // dest << c
        const dl = c < 32 ? al << c : 0, dh = c < 32 ? (ah << c) | (al >>> (32 - c)) : al << (c - 32);
        // src >> (64 - c), 64 - c in 1…63
        const k = 64 - c;
        const sl = k < 32 ? (bl >>> k) | (bh << (32 - k)) : bh >>> (k - 32), sh = k < 32 ? bh >>> k : 0;
        lo = dl | sl; hi = dh | sh;
        cf = k < 32 ? (al >>> k) & 1 : (ah >>> (k - 32)) & 1; // bit 64 - c of dest
      } else {
        const dl = c < 32 ? (al >>> c) | (ah << (32 - c)) : ah >>> (c - 32), dh = c < 32 ? ah >>> c : 0;
        const k = 64 - c;
        const sl = k < 32 ? bl << k : 0, sh = k < 32 ? (bh << k) | (bl >>> (32 - k)) : bl << (k - 32);
        lo = dl | sl; hi = dh | sh;
        cf = c - 1 < 32 ? (al >>> (c - 1)) & 1 : (ah >>> (c - 33)) & 1; // bit c - 1 of dest
      }
      of = ((hi ^ ah) >>> 31) & 1;
    }
    lo |= 0; hi |= 0;
    this.shiftBits = (cf ? CF : 0) | (of ? OF : 0);
    this.pendingShiftFlags = 1;
    this.shiftSize = size; this.shiftRl = lo; this.shiftRh = hi;
    this.th = hi;
    return lo;
  }

  bitOp(kind: string, size: number, al: number, ah: number, bit: number): number {
    let lo = al, hi = ah;
    const inHi = bit >= 32;
    const m = 1 << (bit & 31);
    const word = inHi ? hi : lo;
    this.shiftBits = (word & m) !== 0 ? CF : 0;
    const nw = kind === 'bts' ? word | m : kind === 'btr' ? word & ~m : kind === 'btc' ? word ^ m : word;
    if (inHi) hi = nw; else lo = nw;
    if (size === 16) lo &= 0xffff;
    this.th = size === 64 ? hi : 0;
    return lo;
  }
  commitBitFlags(): void {
    setArithFlags(this.F, (arithFlags(this.F) & ~CF) | this.shiftBits);
  }
  /** BT* with a memory operand and a register bit offset (may reach outside the operand). */
  bitMemory(kind: string, size: number, el: number, eh: number, ol: number, oh: number): void {
    const off = size === 64 ? BigInt.asIntN(64, joinAddress(ol, oh)) : BigInt.asIntN(size, BigInt(ol >>> 0));
    const S = BigInt(size);
    let word = off / S;
    if (off < 0n && off % S !== 0n) word -= 1n;
    const bit = Number(off - word * S);
    const addr = BigInt.asUintN(64, joinAddress(el, eh) + word * (S / 8n));
    const a = splitAddress(addr)!;
    let vl: number, vh = 0;
    if (size === 64) { vl = this.r64(a.lo, a.hi); vh = this.th; }
    else if (size === 32) vl = this.r32(a.lo, a.hi);
    else vl = this.r16(a.lo, a.hi);
    const rl = this.bitOp(kind, size, vl, vh, bit), rh = this.th;
    if (kind !== 'bt') {
      if (size === 64) this.w64(a.lo, a.hi, rl, rh);
      else if (size === 32) this.w32(a.lo, a.hi, rl);
      else this.w16(a.lo, a.hi, rl);
    }
    this.commitBitFlags();
  }
  /** BSF/BSR/POPCNT/LZCNT/TZCNT: result in `tl`; returns true when the destination must stay
   *  unchanged (BSF/BSR of 0). Flags per SDM (undefined ones are left as they were). */
  bitCount(kind: string, size: number, al: number, ah: number): boolean {
    const v = X86Cpu.big(size, al, ah);
    let flags = arithFlags(this.F);
    let keep = false, r = 0;
    const S = size;
    const lz = (): number => { let n = 0; for (let k = S - 1; k >= 0 && !((v >> BigInt(k)) & 1n); k--) n++; return n; };
    const tz = (): number => { let n = 0; for (let k = 0; k < S && !((v >> BigInt(k)) & 1n); k++) n++; return n; };
    switch (kind) {
      case 'bsf': case 'bsr':
        if (v === 0n) { keep = true; flags |= ZF; } else { flags &= ~ZF; r = kind === 'bsf' ? tz() : S - 1 - lz(); }
        break;
      case 'popcnt': {
        let n = 0; for (let x = v; x; x >>= 1n) n += Number(x & 1n);
        r = n; flags = v === 0n ? ZF : 0;
        break;
      }
      case 'lzcnt': case 'tzcnt':
        r = kind === 'lzcnt' ? lz() : tz();
        flags = (flags & ~(CF | ZF)) | (v === 0n ? CF : 0) | (r === 0 ? ZF : 0);
        break;
    }
    setArithFlags(this.F, flags);
    this.tl = r;
    return keep;
  }
  cmpxchg8b(el: number, eh: number): void {
    const lo = this.r32(el, eh);
    const nl = (el + 4) | 0, nh = (eh + ((el >>> 0) + 4 > 0xffffffff ? 1 : 0)) | 0;
    const hi = this.r32(nl, nh);
    const eq = lo === this.R[0] && hi === this.R[4];
    if (eq) { this.w32(el, eh, this.R[6]!); this.w32(nl, nh, this.R[2]!); }
    else { this.w32(el, eh, lo); this.w32(nl, nh, hi); this.R[0] = lo; this.R[1] = 0; this.R[4] = hi; this.R[5] = 0; }
    this.setFlagBit(ZF, eq ? 1 : 0);
  }
  cmpxchg16b(el: number, eh: number): void {
    if (el & 15) this.fault(13, 0); // the operand must be 16-byte aligned (SDM CMPXCHG16B)
    const base = joinAddress(el, eh);
    const at = (k: number): { lo: number; hi: number } => splitAddress(BigInt.asUintN(64, base + BigInt(k)))!;
    const a0 = at(0), a8 = at(8);
    const l0 = this.r64(a0.lo, a0.hi), h0 = this.th, l1 = this.r64(a8.lo, a8.hi), h1 = this.th;
    const R = this.R;
    const eq = l0 === R[0] && h0 === R[1] && l1 === R[4] && h1 === R[5];
    if (eq) { this.w64(a0.lo, a0.hi, R[6]!, R[7]!); this.w64(a8.lo, a8.hi, R[2]!, R[3]!); }
    else { this.w64(a0.lo, a0.hi, l0, h0); this.w64(a8.lo, a8.hi, l1, h1); R[0] = l0; R[1] = h0; R[4] = l1; R[5] = h1; }
    this.setFlagBit(ZF, eq ? 1 : 0);
  }
  enter(frameSize: number, level: number, size: number): void {
    // ENTER (SDM): push RBP; frame := RSP; copy level-1 frame pointers; RBP := frame; RSP -= size.
    const w = size / 8;
    const R = this.R;
    let sp = joinAddress(R[8]!, R[9]!);
    const bp = joinAddress(R[10]!, R[11]!);
    const push = (v: bigint): void => {
      sp = BigInt.asUintN(64, sp - BigInt(w));
      const a = splitAddress(sp)!;
      const vv = splitAddress(BigInt.asUintN(64, v))!;
      if (w === 8) this.w64(a.lo, a.hi, vv.lo, vv.hi); else this.w16(a.lo, a.hi, vv.lo);
    };
    push(bp);
    const frame = sp;
    let tbp = bp;
    for (let i = 1; i < level; i++) {
      tbp = BigInt.asUintN(64, tbp - BigInt(w));
      const a = splitAddress(tbp)!;
      const v = w === 8 ? joinAddress(this.r64(a.lo, a.hi), this.th) : BigInt(this.r16(a.lo, a.hi));
      push(v);
    }
    if (level > 0) push(frame);
    sp = BigInt.asUintN(64, sp - BigInt(frameSize));
    // Probe the lowest byte of the new frame, as the hardware's final stack access would fault.
    if (frameSize > 0) { const a = splitAddress(sp)!; this.translate(a.lo, a.hi, ACCESS_WRITE); }
    if (w === 8) this.setReg(5, frame); else this.writeReg(5, 16, frame);
    this.setReg(4, sp);
  }

  /** MOVS/CMPS/STOS/LODS/SCAS/INS/OUTS with optional REP/REPE/REPNE (SDM Vol. 2B). Returns false
   *  when a REP is not finished yet (the instruction is restarted; registers show the progress). */
  stringOp(kind: string, size: number, rep: number, addrSize: number, seg: number): boolean {
    const R = this.R;
    const w = size / 8;
    const step = this.df ? -w : w;
    const a32 = addrSize === 32;
    if ((kind === 'ins' || kind === 'outs') && this.cpl > ((this.flagsRest & IOPL) >> 12)) this.fault(13, 0);
    const countZero = (): boolean => (a32 ? R[2] === 0 : (R[2]! | R[3]!) === 0);
    if (rep && countZero()) return true;
    const segBase = seg === 4 ? [this.fsl, this.fsh] : seg === 5 ? [this.gsl, this.gsh] : null;
    const addr = (reg: number, useSeg: boolean): [number, number] => {
      let lo = R[2 * reg]!, hi = a32 ? 0 : R[2 * reg + 1]!;
      if (useSeg && segBase) { const t = (lo >>> 0) + (segBase[0]! >>> 0); lo = t | 0; hi = (hi + segBase[1]! + (t > 0xffffffff ? 1 : 0)) | 0; }
      return [lo, hi];
    };
    const advance = (reg: number): void => {
      if (a32) { R[2 * reg] = (R[2 * reg]! + step) | 0; R[2 * reg + 1] = 0; return; }
      const t = (R[2 * reg]! >>> 0) + step;
      R[2 * reg] = t | 0;
      R[2 * reg + 1] = (R[2 * reg + 1]! + (t > 0xffffffff ? 1 : t < 0 ? -1 : 0)) | 0;
    };
    const read = (lo: number, hi: number): [number, number] => {
      switch (size) {
        case 8: return [this.r8(lo, hi), 0];
        case 16: return [this.r16(lo, hi), 0];
        case 32: return [this.r32(lo, hi), 0];
        default: { const l = this.r64(lo, hi); return [l, this.th]; }
      }
    };
    const write = (lo: number, hi: number, v: [number, number]): void => {
      switch (size) {
        case 8: this.w8(lo, hi, v[0]); break;
        case 16: this.w16(lo, hi, v[0]); break;
        case 32: this.w32(lo, hi, v[0]); break;
        default: this.w64(lo, hi, v[0], v[1]);
      }
    };
    const compare = (a: [number, number], b: [number, number]): void => {
      const F = this.F;
      const mask = size === 8 ? 0xff : size === 16 ? 0xffff : -1;
      const al = a[0] & mask, bl = b[0] & mask;
      let rl: number, rh = 0;
      if (size === 64) {
        const t = (al >>> 0) - (bl >>> 0);
        rl = t | 0; rh = (a[1] - b[1] - (t < 0 ? 1 : 0)) | 0;
      } else rl = size === 32 ? (al - bl) | 0 : (al - bl) & mask;
      F[OP] = (3 << 2) | sizeCode(size); // K_SUB
      F[1] = rl; F[2] = rh; F[3] = al; F[4] = size === 64 ? a[1] : 0; F[5] = bl; F[6] = size === 64 ? b[1] : 0;
    };
    for (let iter = 0; ; iter++) {
      switch (kind) {
        case 'movs': { const s = addr(6, true); const d = addr(7, false); write(d[0], d[1], read(s[0], s[1])); advance(6); advance(7); break; }
        case 'stos': { const d = addr(7, false); write(d[0], d[1], [R[0]!, R[1]!]); advance(7); break; }
        case 'lods': { const s = addr(6, true); const v = read(s[0], s[1]); this.writeReg(0, size, joinAddress(v[0], v[1])); advance(6); break; }
        case 'cmps': { const s = addr(6, true); const d = addr(7, false); const a = read(s[0], s[1]); const b = read(d[0], d[1]); compare(a, b); advance(6); advance(7); break; }
        case 'scas': { const d = addr(7, false); const b = read(d[0], d[1]); compare([R[0]!, R[1]!], b); advance(7); break; }
        case 'ins': { const d = addr(7, false); write(d[0], d[1], [this.doPortIn(R[4]! & 0xffff, size), 0]); advance(7); break; }
        case 'outs': { const s = addr(6, true); this.doPortOut(R[4]! & 0xffff, size, read(s[0], s[1])[0]); advance(6); break; }
        default: this.fault(6, -1);
      }
      if (!rep) return true;
      if (a32) { R[2] = (R[2]! - 1) | 0; R[3] = 0; }
      else { const t = (R[2]! >>> 0) - 1; R[2] = t | 0; R[3] = (R[3]! - (t < 0 ? 1 : 0)) | 0; }
      if (countZero()) return true;
      if (kind === 'cmps' || kind === 'scas') {
        const zf = (arithFlags(this.F) & ZF) !== 0;
        if (rep === 1 && !zf) return true; // REPE stops on "not equal"
        if (rep === 2 && zf) return true; // REPNE stops on "equal"
      }
      if (iter >= 4095) return false;
    }
  }

  // ================================ system instructions =====================================

  private requireCpl0(): void {
    if (this.cpl !== 0) this.fault(13, 0);
  }
  privileged(): void { this.requireCpl0(); }
  invalidOpcodeUnlessPrivileged(): void { this.requireCpl0(); this.fault(6, -1); }

  selector(sreg: number): number {
    return [this.es, this.cs, this.ss, this.ds, this.fsSel, this.gsSel][sreg] ?? 0;
  }
  /** MOV/POP to a segment register. In 64-bit mode only the selector matters for DS/ES/SS;
   *  loading FS/GS with a null selector keeps the base (as Intel CPUs do), others load base 0
   *  from the flat descriptors the kernel uses. Loading CS is #UD (SDM MOV). */
  loadSegment(sreg: number, sel: number): void {
    if (sreg === 1) this.fault(6, -1);
    if (sreg === 2 && (sel & 3) !== this.cpl) this.fault(13, sel & 0xfffc);
    if (sel > 3 && (sel | 7) > this.gdtrLimit && !(sel & 4)) this.fault(13, sel & 0xfffc);
    switch (sreg) {
      case 0: this.es = sel; break;
      case 2: this.ss = sel; break;
      case 3: this.ds = sel; break;
      case 4: this.fsSel = sel; if (sel > 3) this.fsBase = 0n; break;
      case 5: this.gsSel = sel; if (sel > 3) this.gsBase = 0n; break;
    }
  }
  movSegment(insn: DecodedInstruction): void {
    const [d, s] = insn.operands;
    if (d!.kind === 'sreg') {
      let v: number;
      if (s!.kind === 'reg') v = this.R[2 * s!.reg]! & 0xffff;
      else if (s!.kind === 'mem') { const a = this.memAddress(insn, s!); v = this.r16(a[0], a[1]); }
      else { this.fault(6, -1); }
      this.loadSegment(d!.reg, v);
    } else if (s!.kind === 'sreg') {
      const v = this.selector(s!.reg);
      if (d!.kind === 'reg') this.writeReg(d!.reg, d!.size === 64 ? 64 : d!.size === 16 ? 16 : 32, BigInt(v));
      else if (d!.kind === 'mem') { const a = this.memAddress(insn, d!); this.w16(a[0], a[1], v); }
    }
  }
  private memAddress(insn: DecodedInstruction, m: DecodedInstruction['operands'][number]): [number, number] {
    if (m.kind !== 'mem') return [0, 0];
    let a: bigint;
    if (m.base === 16) a = insn.address + BigInt(insn.length) + BigInt(m.disp);
    else {
      a = BigInt(m.disp);
      if (m.base >= 0) a += this.getReg(m.base);
      if (m.index >= 0) a += this.getReg(m.index) * BigInt(m.scale);
    }
    a = BigInt.asUintN(insn.addrSize, a);
    if (m.seg === 4) a += this.fsBase; else if (m.seg === 5) a += this.gsBase;
    const s = splitAddress(BigInt.asUintN(64, a))!;
    return [s.lo, s.hi];
  }

  /** MOV to/from CRn and DRn (SDM MOV—Move to/from Control Registers). CPL 0 only. */
  movSystemRegister(insn: DecodedInstruction): void {
    this.requireCpl0();
    const [d, s] = insn.operands;
    if (d!.kind === 'creg') {
      if (s!.kind !== 'reg') this.fault(6, -1);
      if (d!.reg === 3) {
        this.movToCr3(s!.reg);
        return;
      }
      const v = this.getReg(s!.reg);
      const lo = Number(v & 0xffffffffn) | 0;
      switch (d!.reg) {
        case 0: if (v >> 32n) this.fault(13, 0); this.setCr0(lo); break;
        case 2: this.cr2 = v; break;
        case 3: {
          // Bits 63 (no-flush with PCIDE) and 11:0 (PCID/flags) are not address bits.
          const root = Number(v & 0x000ffffffffff000n);
          if (v & 0x7ff0000000000000n) this.fault(13, 0);
          this.setCr3(root);
          break;
        }
        case 4: if (v >> 32n) this.fault(13, 0); this.setCr4(lo); break;
        case 8: if (v >> 4n) this.fault(13, 0); this.cr8 = lo; break;
        default: this.fault(6, -1);
      }
    } else if (s!.kind === 'creg') {
      if (d!.kind !== 'reg') this.fault(6, -1);
      let v: bigint;
      switch (s!.reg) {
        case 0: v = BigInt(this.cr0 >>> 0); break;
        case 2: v = this.cr2; break;
        case 3: v = BigInt(this.cr3); break;
        case 4: v = BigInt(this.cr4 >>> 0); break;
        case 8: v = BigInt(this.cr8); break;
        default: this.fault(6, -1);
      }
      this.setReg(d!.reg, v);
    } else if (d!.kind === 'dreg' && s!.kind === 'reg') {
      if (d!.reg > 7) this.fault(6, -1);
      this.debugRegisters[d!.reg] = this.getReg(s!.reg);
    } else if (s!.kind === 'dreg' && d!.kind === 'reg') {
      if (s!.reg > 7) this.fault(6, -1);
      this.setReg(d!.reg, this.debugRegisters[s!.reg]!);
    } else this.fault(6, -1);
  }

  /** MOV to CR3 from GPR `reg` (CPL 0). The entry path writes CR3 twice per syscall: no BigInt
   *  here. Bits 63 (no-flush with PCIDE) and 11:0 (PCID/flags) are not address bits; 62:52 are
   *  reserved (#GP(0)); SDM Vol. 2B MOV—Move to/from Control Registers, Vol. 3A 4.5. */
  movToCr3(reg: number): void {
    this.movToCr3Value(this.R[2 * reg]!, this.R[2 * reg + 1]!);
  }
  /** movToCr3 with the register's value as halves: translated code passes its register
   *  locals, so the call needs no register write-back. */
  movToCr3Value(lo: number, hi: number): void {
    if (this.cpl !== 0 || (hi & 0x7ff00000) !== 0) this.fault(13, 0);
    // setCr3, inline (twice per system call).
    const root = (hi & 0xfffff) * 4294967296 + ((lo & -4096) >>> 0);
    this.cr3 = root;
    this.walkMode.cr3 = root;
    this.selectTlb();
    this.counters.cr3Loads++;
  }

  hlt(): void {
    this.requireCpl0();
    this.stopRequested = true;
    this.stopValue = { kind: 'halt' };
  }
  cli(): void {
    if (this.cpl > ((this.flagsRest & IOPL) >> 12)) this.fault(13, 0);
    this.flagsRest &= ~IF;
  }
  sti(): void {
    if (this.cpl > ((this.flagsRest & IOPL) >> 12)) this.fault(13, 0);
    this.flagsRest |= IF;
  }
  swapgs(): void {
    this.requireCpl0();
    const l = this.gsl, h = this.gsh;
    this.gsl = this.kgsl; this.gsh = this.kgsh;
    this.kgsl = l; this.kgsh = h;
  }
  rdmsr(): void {
    this.requireCpl0();
    const v = this.readMsr(this.R[2]! >>> 0);
    if (v === null) this.fault(13, 0);
    this.writeReg(0, 32, v & 0xffffffffn);
    this.writeReg(2, 32, v >> 32n);
  }
  wrmsr(): void {
    this.requireCpl0();
    const v = (BigInt(this.R[4]! >>> 0) << 32n) | BigInt(this.R[0]! >>> 0);
    if (!this.writeMsr(this.R[2]! >>> 0, v)) this.fault(13, 0);
  }
  /** The time-stamp counter for translated RDTSC/RDTSCP: the low word returned, the high word
   *  in `th`; #GP(0) when CR4.TSD forbids it at CPL > 0 (SDM Vol. 2B RDTSC). No register is
   *  touched, so translated code keeps its registers in locals around it. */
  tscRead(inBlock: number): number {
    if ((this.cr4 & CR4_TSD) && this.cpl !== 0) this.fault(13, 0);
    if (this.tscSourceNs !== null) {
      const n = this.tscSourceNs(this.counters.retiredUser + this.counters.retiredKernel + inBlock);
      this.th = Math.floor(n / 4294967296) | 0;
      return n % 4294967296 | 0;
    }
    const t = this.readTsc();
    this.th = Number(t >> 32n) | 0;
    return Number(t & 0xffffffffn) | 0;
  }
  rdtsc(withAux: number): void {
    if ((this.cr4 & CR4_TSD) && this.cpl !== 0) this.fault(13, 0);
    if (this.tscSourceNs !== null) {
      // EDX:EAX = the counter, upper halves of RAX/RDX cleared (SDM Vol. 2B RDTSC).
      const n = this.tscSourceNs(this.counters.retiredUser + this.counters.retiredKernel), R = this.R;
      R[0] = n % 4294967296 | 0; R[1] = 0;
      R[4] = Math.floor(n / 4294967296) | 0; R[5] = 0;
      if (withAux) { R[2] = this.tscAux | 0; R[3] = 0; }
      return;
    }
    const t = this.readTsc();
    this.writeReg(0, 32, t & 0xffffffffn);
    this.writeReg(2, 32, t >> 32n);
    if (withAux) this.writeReg(1, 32, BigInt(this.tscAux));
  }
  cpuid(): void {
    const r = cpuidLeaf(this.R[0]! >>> 0, this.R[2]! >>> 0);
    this.writeReg(0, 32, BigInt(r[0])); this.writeReg(3, 32, BigInt(r[1]));
    this.writeReg(1, 32, BigInt(r[2])); this.writeReg(2, 32, BigInt(r[3]));
  }
  descriptorTable(kind: string, el: number, eh: number): void {
    if (kind === 'lgdt' || kind === 'lidt') {
      this.requireCpl0();
      const limit = this.r16(el, eh);
      const t = (el >>> 0) + 2;
      const bl = this.r64(t | 0, (eh + (t > 0xffffffff ? 1 : 0)) | 0), bh = this.th;
      if (!isCanonical(bh)) this.fault(13, 0);
      if (kind === 'lgdt') { this.gdtrLimit = limit; this.gdtrBase = joinAddress(bl, bh); }
      else { this.idtrLimit = limit; this.idtrBase = joinAddress(bl, bh); }
    } else {
      if ((this.cr4 & CR4_UMIP) && this.cpl !== 0) this.fault(13, 0);
      const base = kind === 'sgdt' ? this.gdtrBase : this.idtrBase;
      const limit = kind === 'sgdt' ? this.gdtrLimit : this.idtrLimit;
      const b = splitAddress(base)!;
      const t = (el >>> 0) + 2;
      const nl = t | 0, nh = (eh + (t > 0xffffffff ? 1 : 0)) | 0;
      this.translate(el, eh, ACCESS_WRITE);
      this.translate(nl, nh, ACCESS_WRITE);
      this.w16(el, eh, limit);
      this.w64(nl, nh, b.lo, b.hi);
    }
  }
  invlpg(el: number, eh: number): void {
    this.requireCpl0();
    if (isCanonical(eh)) this.tlbs.invalidatePage(el & -4096, eh);
    this.chainGen++;
    this.counters.tlbPageInvalidations++;
  }
  /** LTR: loads TR from a 16-byte TSS descriptor in the GDT (SDM Vol. 3A §7.2.3). */
  ltr(sel: number): void {
    this.requireCpl0();
    sel &= 0xffff;
    if ((sel & 4) || sel < 8 || (sel | 7) + 8 > this.gdtrLimit) this.fault(13, sel & 0xfffc);
    const d = this.readLinear(this.gdtrBase + BigInt(sel & 0xfff8), 16);
    const type = d[5]! & 0x1f;
    if (type !== 0x09 || !(d[5]! & 0x80)) this.fault(13, sel & 0xfffc); // available 64-bit TSS, present
    const base = BigInt(d[2]! | (d[3]! << 8) | (d[4]! << 16)) | (BigInt(d[7]!) << 24n) |
      (BigInt((d[8]! | (d[9]! << 8) | (d[10]! << 16) | (d[11]! << 24)) >>> 0) << 32n);
    this.trSelector = sel;
    this.trBase = base;
    // Mark busy (type 0xB), as the processor does.
    const a = splitAddress(BigInt.asUintN(64, this.gdtrBase + BigInt(sel & 0xfff8) + 5n))!;
    this.w8(a.lo, a.hi, d[5]! | 2);
  }
  private doPortIn(port: number, size: number): number {
    return this.portIn ? this.portIn(port, size) : size === 8 ? 0xff : size === 16 ? 0xffff : -1;
  }
  private doPortOut(port: number, size: number, v: number): void {
    this.portOut?.(port, size, v);
  }
  portInInsn(port: number, size: number): void {
    if (this.cpl > ((this.flagsRest & IOPL) >> 12)) this.fault(13, 0);
    this.writeReg(0, size, BigInt(this.doPortIn(port, size) >>> 0));
  }
  portOutInsn(port: number, size: number): void {
    if (this.cpl > ((this.flagsRest & IOPL) >> 12)) this.fault(13, 0);
    this.doPortOut(port, size, this.R[0]! & (size === 8 ? 0xff : size === 16 ? 0xffff : -1));
  }
  fsgsbase(kind: string, reg: number, size: number): void {
    if (!(this.cr4 & CR4_FSGSBASE)) this.fault(6, -1);
    if (kind === 'rdfsbase') this.writeReg(reg, size, size === 64 ? this.fsBase : this.fsBase & 0xffffffffn);
    else if (kind === 'rdgsbase') this.writeReg(reg, size, size === 64 ? this.gsBase : this.gsBase & 0xffffffffn);
    else {
      const v = size === 64 ? this.getReg(reg) : this.getReg(reg) & 0xffffffffn;
      if (!isCanonical(Number(v >> 32n) | 0)) this.fault(13, 0);
      if (kind === 'wrfsbase') this.fsBase = v; else this.gsBase = v;
    }
  }
  /** Far RET to the same privilege level (SDM RET, "far return"; Vol. 3A §5.8.6): pops the
   *  offset and the CS selector (operand size 16/32/64, each in an operand-size slot), checks the
   *  code-segment descriptor in the GDT, then releases `extra` more bytes. A return to an outer
   *  level (RPL > CPL, which would also pop SS:RSP) and to a 16/32-bit code segment
   *  (compatibility mode is not emulated) raise #GP(selector). */
  farReturn(size: number, extra = 0): void {
    const R = this.R, w = size / 8;
    const sp = joinAddress(R[8]!, R[9]!);
    const read = (k: number): bigint => {
      const a = splitAddress(BigInt.asUintN(64, sp + BigInt(k)))!;
      if (size === 64) { const lo = this.r64s(a.lo, a.hi); return joinAddress(lo, this.th); }
      return BigInt((size === 32 ? this.r32s(a.lo, a.hi) : this.r16s(a.lo, a.hi)) >>> 0);
    };
    const offset = read(0);
    const sel = Number(read(w) & 0xffffn);
    this.checkFarCodeSelector(sel);
    const target = splitAddress(offset)!;
    if (!isCanonical(target.hi)) this.fault(13, 0);
    const nsp = splitAddress(BigInt.asUintN(64, sp + BigInt(2 * w + extra)))!;
    R[8] = nsp.lo; R[9] = nsp.hi;
    this.cs = sel; this.rl = target.lo; this.rh = target.hi;
  }
  /** Far JMP/CALL through an m16:32 pointer (SDM JMP/CALL "far", same privilege, 64-bit mode):
   *  the 32-bit offset (zero-extended), then the selector; CALL pushes CS and the return EIP in
   *  4-byte slots (what `lret` of operand size 32 pops). */
  farIndirect(call: boolean, el: number, eh: number, nextLo: number, nextHi: number): void {
    const p = joinAddress(el, eh);
    const a1 = splitAddress(BigInt.asUintN(64, p + 4n))!;
    const offset = this.r32(el, eh) >>> 0;
    const sel = this.r16(a1.lo, a1.hi);
    this.checkFarCodeSelector(sel);
    if (call) {
      const R = this.R;
      const sp = joinAddress(R[8]!, R[9]!);
      const s1 = splitAddress(BigInt.asUintN(64, sp - 4n))!, s2 = splitAddress(BigInt.asUintN(64, sp - 8n))!;
      this.w32s(s1.lo, s1.hi, this.cs);
      this.w32s(s2.lo, s2.hi, nextLo);
      void nextHi;
      R[8] = s2.lo; R[9] = s2.hi;
    }
    this.cs = sel; this.rl = offset | 0; this.rh = 0;
  }
  /** CS checks of a far transfer at the same privilege level (SDM Vol. 3A §5.8.1-2): a GDT code
   *  segment, RPL = CPL, DPL = CPL (non-conforming) or DPL <= CPL (conforming), present (#NP),
   *  and 64-bit (L = 1). The GDT is read with supervisor rights, as the processor does. */
  private checkFarCodeSelector(sel: number): void {
    if ((sel & 0xfffc) === 0) this.fault(13, 0);
    if ((sel & 4) || (sel | 7) > this.gdtrLimit) this.fault(13, sel & 0xfffc);
    const saved = this.cpl;
    this.cpl = 0; this.selectTlb();
    let d: Uint8Array;
    try { d = this.readLinear(this.gdtrBase + BigInt(sel & 0xfff8), 8); } finally { this.cpl = saved; this.selectTlb(); }
    const access = d[5]!, dpl = (access >> 5) & 3;
    if ((access & 0x18) !== 0x18 || (sel & 3) !== this.cpl) this.fault(13, sel & 0xfffc);
    if ((access & 4) ? dpl > this.cpl : dpl !== this.cpl) this.fault(13, sel & 0xfffc);
    if (!(access & 0x80)) this.fault(11, sel & 0xfffc);
    if (!(d[6]! & 0x20)) this.fault(13, sel & 0xfffc);
  }

  /** SYSCALL (SDM Vol. 2B): RCX := RIP, R11 := RFLAGS, RFLAGS &= ~FMASK, CS/SS from STAR, CPL 0. */
  syscall(): void {
    if (!(this.efer & EFER_SCE)) this.fault(6, -1);
    const R = this.R, F = this.F;
    R[2] = this.rl; R[3] = this.rh; // rip was set to the next instruction by the block
    // R11 := RFLAGS with RF cleared in the saved image (SDM); getRflags() inline.
    const fl = (this.flagsRest & ~(ARITH_FLAGS | DF | RF)) | arithFlags(F) | (this.df ? DF : 0) | 2;
    R[22] = fl; R[23] = 0;
    // RFLAGS &= ~IA32_FMASK (and RF): setRflags() inline.
    const nf = fl & ~this.fmaskBits;
    F[OP] = 0; F[AUX] = nf & ARITH_FLAGS;
    this.df = nf & DF ? 1 : 0;
    this.flagsRest = (nf & ~(ARITH_FLAGS | DF) & 0x3f7fff) | 2;
    this.rl = this.lstarLo; this.rh = this.lstarHi;
    // CS := STAR[47:32] & FFFCH, SS := STAR[47:32] + 8, CPL 0: setPrivilege() inline.
    if (this.cpl !== 0) this.counters.modeSwitches++;
    const sel = this.starKernelSel;
    this.cpl = 0; this.cs = sel & 0xfffc; this.ss = (sel + 8) & 0xfffc;
    this.selectTlb();
  }
  /** SYSRET (SDM Vol. 2B): #GP(0) if CPL ≠ 0 or RCX non-canonical; RIP := RCX,
   *  RFLAGS := (R11 & 3C7FD7H) | 2, CS := STAR[63:48]+16 | 3, SS := STAR[63:48]+8 | 3. */
  sysret(size: number): void {
    if (size !== 64) {
      if (!(this.efer & EFER_SCE)) this.fault(6, -1);
      this.requireCpl0();
      this.fault(13, 0); // return to compatibility mode is not emulated
    }
    this.sysret64(this.R[2]!, this.R[3]!, this.R[22]!);
  }
  /** SYSRETQ with RCX (as halves) and R11's low word passed in: translated code hands over its
   *  register locals, so the call needs no register write-back. */
  sysret64(rcxLo: number, rcxHi: number, r11: number): void {
    if (!(this.efer & EFER_SCE)) this.fault(6, -1);
    if (this.cpl !== 0 || !isCanonical(rcxHi)) this.fault(13, 0);
    this.rl = rcxLo; this.rh = rcxHi;
    // RFLAGS := (R11 & 3C7FD7H) | 2: setRflags() inline.
    const fl = (r11 & 0x3c7fd7) | 2, F = this.F;
    F[OP] = 0; F[AUX] = fl & ARITH_FLAGS;
    this.df = fl & DF ? 1 : 0;
    this.flagsRest = fl & ~(ARITH_FLAGS | DF);
    // CPL 3, CS/SS from STAR[63:48]: setPrivilege() inline.
    this.counters.modeSwitches++;
    const sel = this.starUserSel;
    this.cpl = 3; this.cs = ((sel + 16) & 0xffff) | 3; this.ss = ((sel + 8) & 0xffff) | 3;
    this.selectTlb();
  }
  vmcall(): void {
    if (this.cpl !== 0 || !this.hypercall) this.fault(6, -1);
    this.counters.hypercalls++;
    this.hypercall!(this);
  }
  /** INT n / INT3 / INT1: a software interrupt, a trap (saved RIP = next instruction). */
  softwareInterrupt(vector: number): void {
    this.interrupt(vector, -1, true, false);
  }

  /** IRETQ (SDM Vol. 2A IRET, IA-32e mode): pops RIP, CS, RFLAGS, RSP, SS. */
  iret(size: number): void {
    const w = size / 8;
    const R = this.R;
    const sp = joinAddress(R[8]!, R[9]!);
    const pop = (k: number): bigint => {
      const a = splitAddress(BigInt.asUintN(64, sp + BigInt(k * w)))!;
      if (w === 8) return joinAddress(this.r64(a.lo, a.hi), this.th);
      if (w === 4) return BigInt(this.r32(a.lo, a.hi) >>> 0);
      return BigInt(this.r16(a.lo, a.hi));
    };
    const rip = pop(0), cs = Number(pop(1) & 0xffffn), fl = Number(pop(2) & 0xffffffffn);
    const rsp = pop(3), ss = Number(pop(4) & 0xffffn);
    if ((cs & 0xfffc) === 0) this.fault(13, 0);
    const newCpl = cs & 3;
    if (newCpl < this.cpl) this.fault(13, cs & 0xfffc);
    if (newCpl !== 0 && (ss & 0xfffc) === 0) this.fault(13, 0);
    const target = splitAddress(rip)!;
    if (!isCanonical(target.hi)) this.fault(13, 0);
    this.loadFlags(fl, size === 16 ? 0xffff : size === 32 ? 0xffffffff : 0xffffffff, true);
    this.rl = target.lo; this.rh = target.hi;
    this.setReg(4, rsp);
    this.setPrivilege(newCpl, cs, ss);
  }

  // ================================ exceptions and interrupts ===============================

  private readLinear(addr: bigint, len: number): Uint8Array {
    const a = splitAddress(BigInt.asUintN(64, addr))!;
    const out = new Uint8Array(len);
    let lo = a.lo, hi = a.hi;
    for (let k = 0; k < len; k++) {
      out[k] = this.r8(lo, hi);
      const t = (lo >>> 0) + 1; lo = t | 0; hi = (hi + (t > 0xffffffff ? 1 : 0)) | 0;
    }
    return out;
  }

  /**
   * Delivers vector `vector` through the IDT (SDM Vol. 3A §6.12, §6.14 for IA-32e mode).
   * `software`: INT n / INT3 (gate DPL is checked); `external`: sets EXT in error codes.
   * The saved RIP is the current `rip` (set by the caller: next instruction for traps).
   */
  private interrupt(vector: number, errorCode: number, software: boolean, external: boolean): void {
    const ext = external ? 1 : 0;
    const idtErr = vector * 8 + 2 + ext;
    if (vector * 16 + 15 > this.idtrLimit) this.fault(13, idtErr);
    const oldCpl = this.cpl;
    // Gate reads are supervisor ("implicit") accesses.
    const savedCpl = this.cpl;
    this.cpl = 0; this.selectTlb();
    let gate: Uint8Array;
    try { gate = this.readLinear(this.idtrBase + BigInt(vector * 16), 16); }
    finally { this.cpl = savedCpl; this.selectTlb(); }
    const type = gate[5]! & 0x1f;
    const dpl = (gate[5]! >> 5) & 3;
    const present = (gate[5]! & 0x80) !== 0;
    if (type !== 0x0e && type !== 0x0f) this.fault(13, idtErr);
    if (software && dpl < oldCpl) this.fault(13, idtErr);
    if (!present) this.fault(11, idtErr);
    const sel = gate[2]! | (gate[3]! << 8);
    const ist = gate[4]! & 7;
    const offset = BigInt(gate[0]! | (gate[1]! << 8) | (gate[6]! << 16)) | (BigInt(gate[7]!) << 24n) |
      (BigInt((gate[8]! | (gate[9]! << 8) | (gate[10]! << 16) | (gate[11]! << 24)) >>> 0) << 32n);
    if ((sel & 0xfffc) === 0) this.fault(13, ext);
    // The new CPL is the DPL of the target code segment; without a GDT we take the RPL.
    let newCpl = sel & 3;
    if (this.gdtrLimit >= (sel | 7)) {
      this.cpl = 0; this.selectTlb();
      try { newCpl = (this.readLinear(this.gdtrBase + BigInt(sel & 0xfff8) + 5n, 1)[0]! >> 5) & 3; }
      finally { this.cpl = savedCpl; this.selectTlb(); }
    }
    if (newCpl > oldCpl) this.fault(13, (sel & 0xfffc) + ext);
    const target = splitAddress(offset)!;
    if (!isCanonical(target.hi)) this.fault(13, ext);

    const oldRsp = joinAddress(this.R[8]!, this.R[9]!);
    let rsp = oldRsp;
    const readTss = (off: number): bigint => {
      this.cpl = 0; this.selectTlb();
      try { const b = this.readLinear(this.trBase + BigInt(off), 8); return new DataView(b.buffer).getBigUint64(0, true); }
      finally { this.cpl = savedCpl; this.selectTlb(); }
    };
    if (ist) rsp = readTss(36 + (ist - 1) * 8);
    else if (newCpl < oldCpl) rsp = readTss(4 + newCpl * 8);
    rsp &= ~0xfn; // 64-bit mode aligns the new stack on 16 bytes (SDM §6.14.2)
    const rflags = this.getRflags();
    const frame = [BigInt(this.ss), oldRsp, BigInt(rflags >>> 0), BigInt(this.cs), this.rip];
    if (errorCode >= 0) frame.push(BigInt(errorCode >>> 0));
    // Write the frame at the new privilege level; state changes only after every push worked.
    this.cpl = newCpl; this.selectTlb();
    try {
      let p = rsp;
      for (const v of frame) {
        p = BigInt.asUintN(64, p - 8n);
        const a = splitAddress(p)!;
        const val = splitAddress(BigInt.asUintN(64, v))!;
        this.w64(a.lo, a.hi, val.lo, val.hi);
      }
      rsp = p;
    } catch (e) {
      this.cpl = oldCpl; this.selectTlb();
      throw e;
    }
    this.cpl = oldCpl; this.selectTlb();
    const newSs = newCpl < oldCpl ? newCpl : this.ss; // SS := NULL selector with RPL = new CPL
    this.setReg(4, rsp);
    let fl = rflags & ~(TF | NT | RF | VM);
    if (type === 0x0e) fl &= ~IF;
    this.setRflags(fl);
    this.rl = target.lo; this.rh = target.hi;
    this.setPrivilege(newCpl, (sel & 0xfffc) | newCpl, newSs);
  }

  /** Delivers an exception with the double/triple-fault rules (SDM Vol. 3A Table 6-5).
   *  `rip` must hold the faulting instruction's address (faults) before the call. */
  private deliverException(vector: number, errorCode: number, software: boolean): void {
    let v = vector, err = errorCode, soft = software;
    const faultRip = this.rip;
    this.counters.exceptions++;
    for (let attempt = 0; attempt < 8; attempt++) {
      const code = hasErrorCode(v) && !soft ? Math.max(err, 0) : -1;
      try {
        this.interrupt(v, code, soft, !soft);
        return;
      } catch (e) {
        if (e !== FAULT) throw e;
        const nv = this.pendingVector, ne = this.pendingError;
        this.rip = faultRip;
        const first = exceptionClass(v), second = exceptionClass(nv);
        if (first === 'double-fault') {
          this.stopRequested = true;
          this.stopValue = { kind: 'shutdown', vector: nv, errorCode: ne };
          return;
        }
        if ((first === 'contributory' && second === 'contributory') ||
            (first === 'page-fault' && (second === 'contributory' || second === 'page-fault'))) {
          v = 8; err = 0;
        } else {
          v = nv; err = ne;
        }
        soft = false;
      }
    }
    this.stopRequested = true;
    this.stopValue = { kind: 'shutdown', vector: v, errorCode: err };
  }

  /** Raises exception `vector` now, as if the instruction at RIP had faulted (for the kernel
   *  and tests). */
  raiseException(vector: number, errorCode = -1): void {
    this.deliverException(vector, errorCode, false);
  }

  // ================================ code cache and dispatcher ===============================

  private dropCode(frame: number): void {
    this.chainGen++;
    const keys = this.blocksByFrame.get(frame);
    if (!keys) return;
    for (const k of keys) this.blocks.delete(k);
    this.blocksByFrame.delete(frame);
  }

  /** Drops every translated block (e.g. after changing translation options). */
  flushCodeCache(): void {
    this.chainGen++;
    this.blocks.clear();
    for (const frame of this.blocksByFrame.keys()) this.physical.frameFlags[frame]! &= ~FRAME_CODE;
    this.blocksByFrame.clear();
  }

  /** Fetches bytes for decoding at (lo, hi): the rest of the page, or 15 bytes across the
   *  page boundary. */
  fetchPhysical(lo: number, hi: number): number {
    const t = this.tlb, i = ((lo >>> 12) ^ hi) & 1023;
    if (t.xLo[i] === (lo & -4096) && t.xHi[i] === hi) return t.xPhys[i]! + (lo & 4095);
    return this.translate(lo, hi, ACCESS_EXEC) + (lo & 4095);
  }

  /** The frame address of the page at (lo, hi) when the current mode may execute from it,
   *  else -1: the page walk of an instruction fetch without its fault (the block builder
   *  follows a trace onto such pages; revalidateTrace checks them again). */
  execPhysical(lo: number, hi: number): number {
    if (!isCanonical(hi)) return -1;
    const p = walkPageTables(this.physical, this.walkMode, lo, hi, ACCESS_EXEC, this.cpl === 3);
    return p < 0 ? -1 : p - (p % PAGE_SIZE);
  }

  /** Translated code, at a followed target of a trace after the page tables, the TLB, the code
   *  cache or the mode changed: whether the block is still cached (none of its code written)
   *  and every other page it entered still maps to the frame it was built from (then the check
   *  holds until the next change). */
  revalidateTrace(b: Block): boolean {
    if (this.blocks.get(b.phys) !== b) return false;
    const p = b.pages;
    for (let i = 0; i < p.length; i += 3) if (this.execPhysical(p[i]!, p[i + 1]!) !== p[i + 2]) return false;
    b.vg = this.chainGen; b.vt = this.tlb;
    return true;
  }

  /** Where the cold-tier block at `phys` (virtual lo, hi) went when it last ran, or null. */
  predictedTarget(phys: number, lo: number, hi: number): { lo: number; hi: number } | null {
    const b = this.blocks.get(phys);
    return b !== undefined && b.tier === 0 && b.exitSeen && b.lo === lo && b.hi === hi ? { lo: b.exitLo, hi: b.exitHi } : null;
  }

  private lookupBlock(): Block {
    const lo = this.rl, hi = this.rh;
    if (!isCanonical(hi)) this.fault(13, 0);
    const phys = this.fetchPhysical(lo, hi);
    if (this.singleStep) return buildBlock(this, decode, lo, hi, phys, 1, 0);
    let b = this.blocks.get(phys);
    if (b !== undefined && b.lo === lo && b.hi === hi) {
      // Tier-up: an address executed HOT_THRESHOLD times starts a compiled block.
      if (b.tier === 1 || ++b.hits < this.hotThreshold || !this.translateBlocks) return b;
      b = buildBlock(this, decode, lo, hi, phys, 64, 1);
      this.counters.blocksTranslated++;
    } else {
      const tier = this.translateBlocks && this.hotThreshold <= 0 ? 1 : 0;
      b = buildBlock(this, decode, lo, hi, phys, tier ? 64 : 1, tier);
      if (tier) this.counters.blocksTranslated++;
    }
    if (b.cacheable) {
      this.blocks.set(phys, b);
      // A trace is dropped by a write to any frame its code came from.
      for (const frame of [phys / PAGE_SIZE | 0, ...b.frames]) {
        if (!(this.physical.frameFlags[frame]! & FRAME_CODE)) {
          this.physical.markCode(frame);
          this.tlbs.dropWritesTo(frame * PAGE_SIZE);
        }
        let list = this.blocksByFrame.get(frame);
        if (!list) { list = []; this.blocksByFrame.set(frame, list); }
        list.push(phys);
      }
    }
    return b;
  }

  /**
   * Runs until `budget` instructions retired, or hlt / a stop request / a triple fault.
   * Exceptions go through the IDT to the guest kernel's handlers like on hardware.
   */
  run(budget: number): StopReason {
    this.stopRequested = false;
    this.stopValue = null;
    let done = 0;
    const R = this.R, F = this.F;
    let prev: Block | null = null;
    while (done < budget && !this.stopRequested) {
      if (this.pendingInterrupts.length > 0 && (this.flagsRest & IF)) {
        const v = this.pendingInterrupts.shift()!;
        this.deliverException(v, -1, false);
        prev = null;
        continue;
      }
      let block: Block | null = null;
      const cpl = this.cpl;
      // RFLAGS.TF at the start of an instruction: it runs alone and a #DB trap follows (SDM
      // Vol. 3A §17.3.1.4), unless it faulted or changed the privilege level (its own delivery
      // or SYSCALL's FMASK clears TF). A REP string instruction traps once, when it ends.
      const traced = (this.flagsRest & TF) !== 0;
      const wasSingleStep = this.singleStep;
      if (traced) this.singleStep = true;
      try {
        // Block chaining: a compiled block remembers its compiled successors, so a hot loop
        // with branches inside skips the TLB and cache lookups between its blocks.
        // A link is keyed by the TLB set it was found with (one per address space and
        // privilege, like a PCID): the same set means the same virtual→physical mapping.
        const p: Block | null = traced ? null : prev; // a traced instruction runs alone
        const lo = this.rl, hi = this.rh, gen = this.chainGen, tlb = this.tlb;
        if (p !== null && p.succ1 !== null && p.gen1 === gen && p.tlb1 === tlb && p.succ1.lo === lo && p.succ1.hi === hi) block = p.succ1;
        else if (p !== null && p.succ2 !== null && p.gen2 === gen && p.tlb2 === tlb && p.succ2.lo === lo && p.succ2.hi === hi) block = p.succ2;
        else {
          block = this.lookupBlock();
          if (p !== null && block.tier === 1 && this.chainGen === gen && this.tlb === tlb) {
            if (p.gen1 !== gen || p.succ1 === null) { p.succ1 = block; p.gen1 = gen; p.tlb1 = tlb; }
            else { p.succ2 = block; p.gen2 = gen; p.tlb2 = tlb; }
          }
        }
        const b: Block = block;
        this.n = 0;
        const k = b.fn(this, R, F, budget - done);
        done += k;
        if (cpl === 3) this.counters.retiredUser += k; else this.counters.retiredKernel += k;
        if (b.tier === 1) prev = b;
        else { prev = null; b.exitLo = this.rl; b.exitHi = this.rh; b.exitSeen = true; }
        if (traced) {
          this.singleStep = wasSingleStep;
          prev = null;
          if (k > 0 && this.cpl === cpl) this.deliverException(1, -1, false);
        }
      } catch (e) {
        prev = null;
        if (traced) this.singleStep = wasSingleStep;
        if (e !== FAULT) throw e;
        if (block) {
          const k = this.n;
          const idx = k % block.count;
          done += k;
          if (cpl === 3) this.counters.retiredUser += k; else this.counters.retiredKernel += k;
          // A watched instruction that faulted did not execute: it runs again (or never).
          if (block.entrySlots !== null && block.entrySlots[idx]! >= 0) this.entryCounts[block.entrySlots[idx]!]!--;
          this.rl = block.addrLo[idx]!;
          this.rh = block.addrHi[idx]!;
        }
        const vec = this.pendingVector;
        if (vec === -1) continue; // an instruction restarts (nothing to deliver)
        this.deliverException(vec, this.pendingError, false);
      }
    }
    if (this.stopRequested && this.stopValue) return this.stopValue;
    return { kind: 'budget' };
  }

  /** Executes exactly one instruction (precise mode, for debuggers and tests). */
  step(): StopReason {
    this.singleStep = true;
    try { return this.run(1); } finally { this.singleStep = false; }
  }
}
