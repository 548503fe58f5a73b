// The ARM64 (A64) CPU: registers, PSTATE, the EL1 system registers, the translation regime
// with its software TLB, exception entry and return, and the run loop over translated blocks.
//
// Arm ARM (DDI 0487) references: D1.10 exception entry (ELR_EL1, SPSR_EL1, ESR_EL1, FAR_EL1,
// vector offsets from VBAR_EL1: +0x000 current EL with SP_EL0, +0x200 current EL with SP_ELx,
// +0x400 lower EL using AArch64; synchronous exceptions at +0 of each group), D1.11 exception
// return (ERET restores PC from ELR_EL1 and PSTATE from SPSR_EL1), C5.2 PSTATE / SPSR layout
// (N Z C V in bits 31:28, D A I F in 9:6, M[3:0] = EL << 2 | SPSel), D19 ESR_ELx.EC values
// (0x00 unknown/UNDEFINED, 0x15 SVC, 0x20/0x21 instruction abort lower/same EL, 0x22 PC
// alignment, 0x24/0x25 data abort lower/same EL, 0x26 SP alignment, 0x3c BRK).
//
// Registers live as int32 halves in one Int32Array (R[2n] low word, R[2n+1] high word of Xn;
// slots 62/63 are XZR and stay 0; 64/65 the SP of the current EL; 66..69 N, Z, C, V as 0/1), so
// translated code (codegen.ts) never needs BigInt. BigInt is used only at the edges (getReg /
// setReg for the kernel glue, system registers, multiply-high and 64-bit divide).
//
// Memory: every access goes through the TLB (memory/tlb.ts) of the current (TTBR0, EL) pair —
// selecting another pair on a TTBR0 write or an exception is O(1), nothing is flushed. A miss
// walks the real translation tables (page-table.ts). Faults are recorded (`f`, pending
// ESR/FAR) and the translated code hands them to `abort()`, which takes the exception with
// ELR_EL1 = the faulting instruction, as the hardware does.

import type { PhysicalMemory } from '../memory/physical-memory.js';
import { FRAME_CODE, PAGE_SIZE } from '../memory/physical-memory.js';
import { ACCESS_EXEC, ACCESS_READ, ACCESS_WRITE, Tlb, type TlbSet } from '../memory/tlb.js';
import type { StopReason } from '../stop-reason.js';
import { EntryWatch } from '../entry-watch.js';
import type { AddressSpaceEditor } from '../memory/address-space.js';
import { compileBlock, type BlockFunction } from './codegen.js';
import {
  FAULT_ACCESS_FLAG, FAULT_NONE, FAULT_PERMISSION, WALK_EXEC, WALK_READ, WALK_WRITE, WalkResult, vaHalf, walkTables,
} from './page-table.js';
import { SYSREG, sysregKey } from './sysregs.js';

/** Register-file slots. */
export const SLOT_ZR = 62;
export const SLOT_SP = 64;
export const SLOT_N = 66;
export const SLOT_Z = 67;
export const SLOT_C = 68;
export const SLOT_V = 69;

/** ESR_ELx.EC values used here (Arm ARM D19.2.37). */
export const EC_UNKNOWN = 0x00;
export const EC_SVC64 = 0x15;
export const EC_IABT_LOW = 0x20;
export const EC_IABT_CUR = 0x21;
export const EC_PC_ALIGN = 0x22;
export const EC_DABT_LOW = 0x24;
export const EC_DABT_CUR = 0x25;
export const EC_SP_ALIGN = 0x26;
export const EC_BRK64 = 0x3c;
/** ESR.IL: a 32-bit instruction (always, in A64). */
const ESR_IL = 1 << 25;

export interface Arm64CpuOptions {
  physical: PhysicalMemory;
  /** The editor whose changes must drop TLB entries (Arm64PageTables). */
  pageTables?: AddressSpaceEditor;
}

export interface Arm64Counters {
  retiredUser: number;
  retiredKernel: number;
  /** EL changes: exception entries from EL0 and returns to EL0. */
  modeSwitches: number;
  /** TTBR0_EL1/TTBR1_EL1 writes (address-space switches; no flush, see tlb.ts). */
  ttbrLoads: number;
  tlbFlushes: number;
  tlbPageInvalidations: number;
  /** Exceptions taken (SVC, aborts, undefined …). */
  exceptions: number;
  hypercalls: number;
  blocksTranslated: number;
}

/** What saveContext() returns: everything a thread owns in the CPU. */
export interface Arm64Context {
  regs: Int32Array;
  pcLo: number;
  pcHi: number;
  el: number;
  spsel: number;
  daif: number;
  spBanks: Int32Array;
  elr: bigint;
  spsr: bigint;
  esr: bigint;
  far: bigint;
  tpidr0: bigint;
  tpidrro0: bigint;
  tpidr1: bigint;
  ttbr0: bigint;
}

interface Block {
  fn: BlockFunction;
  vaLo: number;
  vaHi: number;
  /** Chained successors (see run()): up to two blocks that followed this one, each with the
   *  TLB set and chain generation it was looked up with. */
  succ1: Block | null;
  ts1: TlbSet | null;
  gen1: number;
  succ2: Block | null;
  ts2: TlbSet | null;
  gen2: number;
}

const TWO32 = 4294967296;

/** Slots of the hot system registers in Arm64Cpu.S (low word, high word). */
const SYS_ELR = 0, SYS_SPSR = 2, SYS_ESR = 4, SYS_FAR = 6, SYS_VBAR = 8, SYS_TPIDR0 = 10;
const HOT_SP_EL0 = 100;

export class Arm64Cpu {
  readonly arch = 'arm64' as const;
  readonly physical: PhysicalMemory;
  readonly view: DataView;
  /** Guest RAM as 32-bit words, for translated code's aligned accesses (codegen.ts wordsAt). */
  readonly i32: Int32Array;
  /** x0..x30, XZR, SP, NZCV (see the header). */
  readonly R = new Int32Array(72);
  /** Scratch results of 64-bit helpers (lo, hi, …). */
  readonly T = new Int32Array(4);
  /** SP_EL0 (0, 1) and SP_EL1 (2, 3) while they are not the current SP. */
  readonly spBanks = new Int32Array(4);
  pcLo = 0;
  pcHi = 0;
  /** PSTATE.EL (0 or 1), PSTATE.SP (SPSel), PSTATE.DAIF (4 bits). */
  el = 1;
  spsel = 1;
  daif = 0xf;

  // ---- EL1 / EL0 system registers (Arm ARM D19) ----
  /** The registers every exception and every syscall touch, as int32 halves (no BigInt on the
   *  entry path): ELR_EL1, SPSR_EL1, ESR_EL1, FAR_EL1, VBAR_EL1, TPIDR_EL0 (see SYS_*). */
  readonly S = new Int32Array(12);
  get elr(): bigint { return this.sysPair(SYS_ELR); }
  set elr(v: bigint) { this.setSysPair(SYS_ELR, v); }
  get spsr(): bigint { return this.sysPair(SYS_SPSR); }
  set spsr(v: bigint) { this.setSysPair(SYS_SPSR, v & 0xffffffffn); }
  get esr(): bigint { return this.sysPair(SYS_ESR); }
  set esr(v: bigint) { this.setSysPair(SYS_ESR, v & 0xffffffffn); }
  get far(): bigint { return this.sysPair(SYS_FAR); }
  set far(v: bigint) { this.setSysPair(SYS_FAR, v); }
  get vbar(): bigint { return this.sysPair(SYS_VBAR); }
  set vbar(v: bigint) { this.setSysPair(SYS_VBAR, v & ~0x7ffn); }
  get tpidr0(): bigint { return this.sysPair(SYS_TPIDR0); }
  set tpidr0(v: bigint) { this.setSysPair(SYS_TPIDR0, v); }
  private sysPair(i: number): bigint {
    return (BigInt(this.S[i + 1]! >>> 0) << 32n) | BigInt(this.S[i]! >>> 0);
  }
  private setSysPair(i: number, value: bigint): void {
    const v = BigInt.asUintN(64, value);
    this.S[i] = Number(v & 0xffffffffn) | 0;
    this.S[i + 1] = Number(v >> 32n) | 0;
  }
  tpidrro0 = 0n;
  tpidr1 = 0n;
  ttbr0 = 0n;
  ttbr1 = 0n;
  /** SCTLR_EL1 as Linux sets it: M, C, SA, SA0, I, nTWI, nTWE, UCT, UCI … (INIT_SCTLR_EL1_MMU_ON). */
  sctlr = 0x34d5d91dn;
  tcr = 0n;
  mair = 0x000000000044ff00n;
  contextidr = 0n;
  cpacr = 0x300000n;
  cntkctl = 0x2n; // EL0VCTEN: CNTVCT_EL0 readable at EL0 (Linux arch_timer)
  /** CNTFRQ_EL0: the generic timer frequency (62.5 MHz, as qemu's virt board and many SoCs). */
  cntfrq = 62_500_000n;
  /** Returns CNTVCT_EL0; default: instructions retired. The kernel ties it to its clock. */
  counterSource: (() => bigint) | null = null;
  /** Other registers written at EL1 that have no behaviour here (kept so reads return them). */
  private readonly otherSysregs = new Map<number, bigint>();

  /** Called when `hvc` executes at EL1; PC already points past it. */
  hypercall: ((cpu: Arm64Cpu) => void) | null = null;

  readonly counters: Arm64Counters = {
    retiredUser: 0, retiredKernel: 0, modeSwitches: 0, ttbrLoads: 0, tlbFlushes: 0, tlbPageInvalidations: 0,
    exceptions: 0, hypercalls: 0, blocksTranslated: 0,
  };

  // ---- memory ----
  private readonly tlbs = new Tlb();
  /** The TLB set of the current (TTBR0, EL0?) pair; `ts` is what translated code uses. */
  ts: TlbSet;
  /** Accesses are checked as EL0 accesses (EL0, or LDTR/STTR at EL1). */
  private accessEl0 = false;
  private readonly walk = new WalkResult();
  /** A fault is pending: set by the memory helpers, consumed by abort(). */
  f = 0;
  private pendingEsr = 0;
  private pendingFar = 0n;
  /** The exclusive monitor (LDXR/STXR): address halves, or -1 when clear. */
  monitorLo = 0;
  monitorHi = 0;
  monitorSet = 0;

  /** Watched instruction addresses and their execution counts (watchEntry; entry-watch.ts). */
  private readonly entryWatch = new EntryWatch();
  /** Executions of watched instruction addresses, by slot (watchEntry). Translated code bumps
   *  them, so they stay exact across blocks, followed branches and loops inside a block. */
  readonly entryCounts: number[] = this.entryWatch.counts;

  // ---- code cache ----
  private readonly blocks = new Map<number, Block>();
  /** Bumped whenever a chained successor may no longer be what a lookup would find: a TLB
   *  flush or page invalidation (a translation changed) or code dropped from a frame. */
  private chainGen = 0;
  private readonly blocksOfFrame = new Map<number, number[]>();
  /** Translate blocks (default); false: every block is one instruction (precise, slow). */
  readonly maxBlockInstructions: number;

  private stopRequested = false;
  private stopValue: unknown = undefined;
  private halted = false;

  constructor(options: Arm64CpuOptions & { translateBlocks?: boolean }) {
    this.physical = options.physical;
    this.view = options.physical.view;
    const bytes = options.physical.bytes;
    this.i32 = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
    this.maxBlockInstructions = options.translateBlocks === false ? 1 : 128;
    this.ts = this.tlbs.select(0, false);
    options.pageTables?.onInvalidate((lo, hi) => {
      this.chainGen++;
      if (lo === -1 && hi === -1) {
        this.tlbs.flushAll();
        this.counters.tlbFlushes++;
      } else {
        this.tlbs.invalidatePage(lo, hi);
        this.counters.tlbPageInvalidations++;
      }
    });
    this.physical.onCodeWrite((frame) => this.dropCode(frame));
  }

  // ================================================================ registers (edges)

  /** Xn (n = 0..30; 31 reads as 0, XZR). */
  getReg(n: number): bigint {
    if (n < 0 || n > 31) return 0n;
    return (BigInt(this.R[2 * n + 1]! >>> 0) << 32n) | BigInt(this.R[2 * n]! >>> 0);
  }

  setReg(n: number, value: bigint | number): void {
    if (n < 0 || n > 30) return;
    const v = BigInt.asUintN(64, BigInt(value));
    this.R[2 * n] = Number(v & 0xffffffffn) | 0;
    this.R[2 * n + 1] = Number(v >> 32n) | 0;
  }

  /** The current SP (SP_EL0 at EL0 or with SPSel = 0, else SP_EL1). */
  get sp(): bigint {
    return (BigInt(this.R[SLOT_SP + 1]! >>> 0) << 32n) | BigInt(this.R[SLOT_SP]! >>> 0);
  }

  set sp(value: bigint) {
    const v = BigInt.asUintN(64, value);
    this.R[SLOT_SP] = Number(v & 0xffffffffn) | 0;
    this.R[SLOT_SP + 1] = Number(v >> 32n) | 0;
  }

  get pc(): bigint {
    return (BigInt(this.pcHi >>> 0) << 32n) | BigInt(this.pcLo >>> 0);
  }

  set pc(value: bigint) {
    const v = BigInt.asUintN(64, value);
    this.pcLo = Number(v & 0xffffffffn) | 0;
    this.pcHi = Number(v >> 32n) | 0;
  }

  /** NZCV as the 4-bit value of PSTATE bits 31:28. */
  get nzcv(): number {
    return (this.R[SLOT_N]! << 3) | (this.R[SLOT_Z]! << 2) | (this.R[SLOT_C]! << 1) | this.R[SLOT_V]!;
  }

  set nzcv(v: number) {
    this.R[SLOT_N] = (v >> 3) & 1;
    this.R[SLOT_Z] = (v >> 2) & 1;
    this.R[SLOT_C] = (v >> 1) & 1;
    this.R[SLOT_V] = v & 1;
  }

  /** SP_EL0 / SP_EL1 whichever is current or banked. */
  getSpOf(el: 0 | 1): bigint {
    if (this.currentSpBank() === el) return this.sp;
    return (BigInt(this.spBanks[2 * el + 1]! >>> 0) << 32n) | BigInt(this.spBanks[2 * el]! >>> 0);
  }

  setSpOf(el: 0 | 1, value: bigint): void {
    if (this.currentSpBank() === el) {
      this.sp = value;
      return;
    }
    const v = BigInt.asUintN(64, value);
    this.spBanks[2 * el] = Number(v & 0xffffffffn) | 0;
    this.spBanks[2 * el + 1] = Number(v >> 32n) | 0;
  }

  private currentSpBank(): 0 | 1 {
    return this.el === 0 || this.spsel === 0 ? 0 : 1;
  }

  /** PSTATE as SPSR_EL1 stores it (C5.2.18): NZCV, DAIF, M[3:0]. */
  pstate(): number {
    return ((this.nzcv << 28) | (this.daif << 6) | (this.el << 2) | this.spsel) >>> 0;
  }

  /** Sets EL / SPSel / DAIF / NZCV from an SPSR-format value, swapping the SP banks. Returns
   *  false (and changes nothing) when the value names a mode this CPU cannot return to. */
  setPstate(value: number): boolean {
    const m = value & 0x1f;
    if (m & 0x10) return false; // AArch32
    const el = (m >> 2) & 3;
    if (el > 1) return false;
    if (el === 0 && (m & 1)) return false; // EL0 has no SP_EL0/SP_ELx choice ("EL0h" is illegal)
    this.switchMode(el, m & 1);
    this.daif = (value >>> 6) & 0xf;
    this.nzcv = (value >>> 28) & 0xf;
    return true;
  }

  /** Changes EL and SPSel, moving the current SP to its bank and loading the new one. */
  private switchMode(el: number, spsel: number): void {
    const oldBank = this.currentSpBank();
    const oldEl = this.el;
    this.el = el;
    this.spsel = spsel;
    const newBank = this.currentSpBank();
    if (oldBank !== newBank) {
      this.spBanks[2 * oldBank] = this.R[SLOT_SP]!;
      this.spBanks[2 * oldBank + 1] = this.R[SLOT_SP + 1]!;
      this.R[SLOT_SP] = this.spBanks[2 * newBank]!;
      this.R[SLOT_SP + 1] = this.spBanks[2 * newBank + 1]!;
    }
    if (oldEl !== el) {
      this.counters.modeSwitches++;
      this.selectTlb();
    }
  }

  /** Puts the CPU at `el` (0 or 1, SPSel = 1 at EL1), for boot and the glue. */
  setExceptionLevel(el: 0 | 1): void {
    this.switchMode(el, el === 0 ? 0 : 1);
  }

  setTtbr0(value: bigint): void {
    this.ttbr0 = BigInt.asUintN(64, value);
    this.cachedRoot0 = Number(this.ttbr0 & 0x0000fffffffff000n);
    this.counters.ttbrLoads++;
    this.selectTlb();
  }

  setTtbr1(value: bigint): void {
    this.ttbr1 = BigInt.asUintN(64, value);
    this.counters.ttbrLoads++;
    this.tlbs.flushAll(); // the kernel half changed under every set
    this.chainGen++;
    this.counters.tlbFlushes++;
  }

  /** TTBR0_EL1.BADDR as a number, cached on every TTBR0 write (read on each EL change). */
  private cachedRoot0 = 0;

  private root0(): number {
    return this.cachedRoot0;
  }

  private root1(): number {
    return Number(this.ttbr1 & 0x0000fffffffff000n);
  }

  private selectTlb(): void {
    this.accessEl0 = this.el === 0;
    this.ts = this.tlbs.select(this.root0(), this.accessEl0);
  }

  /** LDTR/STTR at EL1 access memory with EL0 permissions (C6.2 LDTR). */
  unpriv(on: number): void {
    if (this.el === 0) return;
    this.accessEl0 = on === 1;
    this.ts = this.tlbs.select(this.root0(), this.accessEl0);
  }

  // ================================================================ translation

  /** Physical page of (lo, hi) for `access`, filling the TLB; -1 with a pending abort. */
  translatePage(lo: number, hi: number, access: number): number {
    const half = vaHalf(hi);
    const w = this.walk;
    const el0 = this.accessEl0;
    if (half < 0) {
      w.fault = 1; // translation fault, level 0
      w.level = 0;
    } else {
      const root = half === 0 ? this.root0() : this.root1();
      if (root === 0) {
        w.fault = 1;
        w.level = 0;
      } else walkTables(this.physical, root, lo, hi, access === ACCESS_EXEC ? WALK_EXEC : access === ACCESS_WRITE ? WALK_WRITE : WALK_READ, el0, w);
    }
    if (w.fault !== FAULT_NONE) {
      // FSC (D19.2.37, ISS encoding for an abort): translation 0b0001LL, access flag 0b0010LL,
      // permission 0b0011LL, where LL is the level.
      const base = w.fault === FAULT_PERMISSION ? 0x0c : w.fault === FAULT_ACCESS_FLAG ? 0x08 : 0x04;
      const fsc = base | (w.level & 3);
      const lower = this.el === 0;
      let esr: number;
      if (access === ACCESS_EXEC) esr = ((lower ? EC_IABT_LOW : EC_IABT_CUR) << 26) | ESR_IL | fsc;
      else esr = ((lower || el0 ? EC_DABT_LOW : EC_DABT_CUR) << 26) | ESR_IL | (access === ACCESS_WRITE ? 1 << 6 : 0) | fsc;
      if (!lower && el0) esr = (EC_DABT_CUR << 26) | ESR_IL | (access === ACCESS_WRITE ? 1 << 6 : 0) | fsc; // LDTR at EL1
      this.pendingEsr = esr;
      this.pendingFar = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
      this.f = 1;
      return -1;
    }
    const page = w.page;
    if (access !== ACCESS_WRITE || !(this.physical.frameFlags[page / PAGE_SIZE]! & FRAME_CODE)) {
      this.tlbs.fill(this.ts, access, lo, hi, page);
    }
    return page;
  }

  // ---- loads: values ≤ 32 bits are returned (zero-extended, as int32 for 4 bytes); 64-bit
  // values go to T[0], T[1]. On a fault `f` is set and 0 returned.

  ld8(lo: number, hi: number): number {
    const s = this.ts;
    const i = ((lo >>> 12) ^ hi) & 1023;
    if (s.rLo[i] === (lo & -4096) && s.rHi[i] === hi) return this.physical.bytes[s.rPhys[i]! + (lo & 4095)]!;
    return this.ldSlow(lo, hi, 1);
  }

  ld16(lo: number, hi: number): number {
    const s = this.ts;
    const i = ((lo >>> 12) ^ hi) & 1023;
    const off = lo & 4095;
    if (s.rLo[i] === (lo & -4096) && s.rHi[i] === hi && off <= 4094) return this.view.getUint16(s.rPhys[i]! + off, true);
    return this.ldSlow(lo, hi, 2);
  }

  ld32(lo: number, hi: number): number {
    const s = this.ts;
    const i = ((lo >>> 12) ^ hi) & 1023;
    const off = lo & 4095;
    if (s.rLo[i] === (lo & -4096) && s.rHi[i] === hi && off <= 4092) return this.view.getInt32(s.rPhys[i]! + off, true);
    return this.ldSlow(lo, hi, 4);
  }

  ld64(lo: number, hi: number): void {
    const s = this.ts;
    const i = ((lo >>> 12) ^ hi) & 1023;
    const off = lo & 4095;
    if (s.rLo[i] === (lo & -4096) && s.rHi[i] === hi && off <= 4088) {
      const p = s.rPhys[i]! + off;
      this.T[0] = this.view.getInt32(p, true);
      this.T[1] = this.view.getInt32(p + 4, true);
      return;
    }
    this.ldSlow(lo, hi, 8);
  }

  /** Byte by byte through the walk (page-crossing or TLB miss). */
  private ldSlow(lo: number, hi: number, size: number): number {
    let vlo = 0;
    let vhi = 0;
    let page = -1;
    let pageTag = 0;
    let aLo = lo;
    let aHi = hi;
    for (let k = 0; k < size; k++) {
      if (page < 0 || (aLo & -4096) !== pageTag) {
        page = this.translatePage(aLo, aHi, ACCESS_READ);
        if (page < 0) {
          this.T[0] = 0;
          this.T[1] = 0;
          return 0;
        }
        pageTag = aLo & -4096;
      }
      const b = this.physical.bytes[page + (aLo & 4095)]!;
      if (k < 4) vlo |= b << (8 * k);
      else vhi |= b << (8 * (k - 4));
      aLo = (aLo + 1) | 0;
      if (aLo === 0) aHi = (aHi + 1) | 0;
    }
    if (size === 8) {
      this.T[0] = vlo;
      this.T[1] = vhi;
      return 0;
    }
    return size === 4 ? vlo | 0 : vlo >>> 0;
  }

  st8(lo: number, hi: number, v: number): void {
    const s = this.ts;
    const i = ((lo >>> 12) ^ hi) & 1023;
    if (s.wLo[i] === (lo & -4096) && s.wHi[i] === hi) {
      this.physical.bytes[s.wPhys[i]! + (lo & 4095)] = v;
      return;
    }
    this.stSlow(lo, hi, 1, v, 0);
  }

  st16(lo: number, hi: number, v: number): void {
    const s = this.ts;
    const i = ((lo >>> 12) ^ hi) & 1023;
    const off = lo & 4095;
    if (s.wLo[i] === (lo & -4096) && s.wHi[i] === hi && off <= 4094) {
      this.view.setUint16(s.wPhys[i]! + off, v, true);
      return;
    }
    this.stSlow(lo, hi, 2, v, 0);
  }

  st32(lo: number, hi: number, v: number): void {
    const s = this.ts;
    const i = ((lo >>> 12) ^ hi) & 1023;
    const off = lo & 4095;
    if (s.wLo[i] === (lo & -4096) && s.wHi[i] === hi && off <= 4092) {
      this.view.setInt32(s.wPhys[i]! + off, v, true);
      return;
    }
    this.stSlow(lo, hi, 4, v, 0);
  }

  st64(lo: number, hi: number, vlo: number, vhi: number): void {
    const s = this.ts;
    const i = ((lo >>> 12) ^ hi) & 1023;
    const off = lo & 4095;
    if (s.wLo[i] === (lo & -4096) && s.wHi[i] === hi && off <= 4088) {
      const p = s.wPhys[i]! + off;
      this.view.setInt32(p, vlo, true);
      this.view.setInt32(p + 4, vhi, true);
      return;
    }
    this.stSlow(lo, hi, 8, vlo, vhi);
  }

  /** STP of two doublewords at (lo, hi) and 8 bytes on, when translated code's single probe
   *  missed: the first store, then (if it did not fault) the second, as two STRs would do. */
  stp64(lo: number, hi: number, al: number, ah: number, bl: number, bh: number): void {
    this.st64(lo, hi, al, ah);
    if (this.f) return;
    const lo2 = (lo + 8) | 0;
    this.st64(lo2, (lo2 >>> 0) < (lo >>> 0) ? (hi + 1) | 0 : hi, bl, bh);
  }

  /** LDP of two doublewords into T[0..1] and T[2..3] (translated code's probe missed). */
  ldp64(lo: number, hi: number): void {
    this.ld64(lo, hi);
    if (this.f) return;
    const T = this.T;
    const al = T[0]!, ah = T[1]!;
    const lo2 = (lo + 8) | 0;
    this.ld64(lo2, (lo2 >>> 0) < (lo >>> 0) ? (hi + 1) | 0 : hi);
    T[2] = T[0]!;
    T[3] = T[1]!;
    T[0] = al;
    T[1] = ah;
  }

  /** Translates every page first (a faulting store writes nothing), then writes through
   *  PhysicalMemory so that code in the frame is invalidated. */
  private stSlow(lo: number, hi: number, size: number, vlo: number, vhi: number): void {
    const first = this.translatePage(lo, hi, ACCESS_WRITE);
    if (first < 0) return;
    let second = first;
    const endLo = (lo + size - 1) | 0;
    const endHi = (endLo >>> 0) < (lo >>> 0) ? (hi + 1) | 0 : hi;
    if ((endLo & -4096) !== (lo & -4096)) {
      second = this.translatePage(endLo, endHi, ACCESS_WRITE);
      if (second < 0) return;
    }
    for (let k = 0; k < size; k++) {
      const b = (k < 4 ? vlo >>> (8 * k) : vhi >>> (8 * (k - 4))) & 0xff;
      const off = (lo & 4095) + k;
      const phys = off < 4096 ? first + off : second + (off - 4096);
      this.physical.write8(phys, b);
    }
  }

  // ================================================================ exceptions

  /** Hands a pending abort (set by a memory helper) to the exception logic with ELR = the
   *  faulting instruction; returns `retired` for the translated code to return. */
  abort(retired: number, pcLo: number, pcHi: number): number {
    this.f = 0;
    if (this.accessEl0 && this.el !== 0) this.unpriv(0);
    const esr = this.pendingEsr;
    this.takeException(esr >>> 26, esr & 0x1ffffff, pcLo, pcHi, this.pendingFar, true);
    return retired;
  }

  /** An UNDEFINED instruction at (pcLo, pcHi): EC 0x00. */
  undefinedInstruction(retired: number, pcLo: number, pcHi: number): number {
    this.takeException(EC_UNKNOWN, 0, pcLo, pcHi, 0n, false);
    return retired;
  }

  /** SP alignment fault (SCTLR_EL1.SA0/SA, D1.8.2): EC 0x26, FAR unchanged. */
  spAlignment(retired: number, pcLo: number, pcHi: number): number {
    this.takeException(EC_SP_ALIGN, 0, pcLo, pcHi, 0n, false);
    return retired;
  }

  /** SVC #imm: preferred return is the next instruction. */
  svc(retired: number, imm: number, nextLo: number, nextHi: number): number {
    this.takeException(EC_SVC64, imm & 0xffff, nextLo, nextHi, 0n, false);
    return retired + 1;
  }

  /** BRK #imm: EC 0x3c, ELR = the brk itself. */
  brk(retired: number, imm: number, pcLo: number, pcHi: number): number {
    this.takeException(EC_BRK64, imm & 0xffff, pcLo, pcHi, 0n, false);
    return retired;
  }

  /** HVC: at EL0 UNDEFINED; at EL1 the door into the host (the machine's TypeScript). */
  hvc(retired: number, pcLo: number, pcHi: number, nextLo: number, nextHi: number): number {
    if (this.el === 0) return this.undefinedInstruction(retired, pcLo, pcHi);
    this.pcLo = nextLo;
    this.pcHi = nextHi;
    this.counters.hypercalls++;
    if (this.hypercall) this.hypercall(this);
    return retired + 1;
  }

  /** ERET: at EL0 UNDEFINED; else PC ← ELR_EL1, PSTATE ← SPSR_EL1 (D1.11). */
  eret(retired: number, pcLo: number, pcHi: number): number {
    if (this.el === 0) return this.undefinedInstruction(retired, pcLo, pcHi);
    if (!this.setPstate(this.S[SYS_SPSR]! >>> 0)) {
      // An illegal exception return (D1.11.4): modelled as UNDEFINED at EL1, which the kernel
      // reports as a panic — only broken entry code gets here.
      return this.undefinedInstruction(retired, pcLo, pcHi);
    }
    this.pcLo = this.S[SYS_ELR]!;
    this.pcHi = this.S[SYS_ELR + 1]!;
    this.monitorSet = 0; // an exception return clears the local monitor
    return retired + 1;
  }

  /** Exception entry to EL1 (D1.10.2). */
  takeException(ec: number, iss: number, elrLo: number, elrHi: number, far: bigint, setFar: boolean): void {
    this.counters.exceptions++;
    // A watched instruction that faulted (ELR = the instruction itself) did not execute: it
    // runs again after the handler, or never. SVC's ELR is the next instruction; instruction
    // aborts and PC alignment faults happen before any translated code ran.
    if (this.entryWatch.active && ec !== EC_SVC64 && ec !== EC_IABT_LOW && ec !== EC_IABT_CUR && ec !== EC_PC_ALIGN) {
      const slot = this.entrySlotAt(elrLo, elrHi);
      if (slot >= 0) this.entryCounts[slot]!--;
    }
    const S = this.S;
    const fromEl = this.el;
    const offset = fromEl === 0 ? 0x400 : this.spsel ? 0x200 : 0x000;
    S[SYS_SPSR] = this.pstate() | 0;
    S[SYS_SPSR + 1] = 0;
    S[SYS_ELR] = elrLo;
    S[SYS_ELR + 1] = elrHi;
    // ESR: EC, IL = 1 (32-bit instruction), ISS (an unknown-reason exception has ISS 0).
    S[SYS_ESR] = (ec << 26) | ESR_IL | (ec === EC_UNKNOWN ? 0 : iss & 0x1ffffff);
    S[SYS_ESR + 1] = 0;
    if (setFar) this.far = far;
    if (ec === EC_PC_ALIGN) {
      S[SYS_FAR] = elrLo;
      S[SYS_FAR + 1] = elrHi;
    }
    this.switchMode(1, 1);
    this.daif = 0xf;
    this.monitorSet = 0;
    // VBAR_EL1 is 2 KiB aligned, so adding the offset never carries into the high word.
    this.pcLo = S[SYS_VBAR]! | offset;
    this.pcHi = S[SYS_VBAR + 1]!;
    if (fromEl === 1 && ((S[SYS_VBAR]! | S[SYS_VBAR + 1]!) === 0 || this.nestedFaults++ > 8)) {
      this.shutdown = { ec, elr: this.elr };
    }
  }

  /** Exceptions taken at EL1 without an instruction retiring in between (a broken vector). */
  private nestedFaults = 0;
  private shutdown: { ec: number; elr: bigint } | null = null;

  // ================================================================ system registers

  /** MRS Xt, <reg>: -1 when done, else the exception was taken (UNDEFINED at this EL). The
   *  registers of the syscall path are moved as int32 halves without BigInt. */
  mrs(key: number, rt: number, retired: number, pcLo: number, pcHi: number): number {
    const d = rt === 31 ? -1 : 2 * rt;
    const hot = this.hotSysreg(key);
    if (hot >= 0) {
      if (d >= 0) {
        if (hot === HOT_SP_EL0) {
          const b = this.currentSpBank() === 0 ? SLOT_SP : -1;
          this.R[d] = b >= 0 ? this.R[b]! : this.spBanks[0]!;
          this.R[d + 1] = b >= 0 ? this.R[b + 1]! : this.spBanks[1]!;
        } else {
          this.R[d] = this.S[hot]!;
          this.R[d + 1] = this.S[hot + 1]!;
        }
      }
      return -1;
    }
    const v = this.readSysreg(key);
    if (v === null) return this.undefinedInstruction(retired, pcLo, pcHi);
    if (rt !== 31) this.setReg(rt, v);
    return -1;
  }

  msr(key: number, rt: number, retired: number, pcLo: number, pcHi: number): number {
    const src = rt === 31 ? SLOT_ZR : 2 * rt;
    const hot = this.hotSysreg(key);
    if (hot >= 0) {
      const lo = this.R[src]!;
      const hi = this.R[src + 1]!;
      if (hot === HOT_SP_EL0) {
        if (this.currentSpBank() === 0) {
          this.R[SLOT_SP] = lo;
          this.R[SLOT_SP + 1] = hi;
        } else {
          this.spBanks[0] = lo;
          this.spBanks[1] = hi;
        }
      } else {
        this.S[hot] = lo;
        this.S[hot + 1] = hot === SYS_SPSR || hot === SYS_ESR ? 0 : hi;
      }
      return -1;
    }
    const v = rt === 31 ? 0n : this.getReg(rt);
    if (!this.writeSysreg(key, v)) return this.undefinedInstruction(retired, pcLo, pcHi);
    return -1;
  }

  /** The S slot of a register MRS/MSR may move without BigInt at this EL (HOT_SP_EL0 for
   *  SP_EL0), or -1. TPIDR_EL0 at any EL; the EL1 registers only at EL1. */
  private hotSysreg(key: number): number {
    if (key === SYSREG.tpidr_el0) return SYS_TPIDR0;
    if (this.el === 0) return -1;
    switch (key) {
      case SYSREG.elr_el1: return SYS_ELR;
      case SYSREG.spsr_el1: return SYS_SPSR;
      case SYSREG.esr_el1: return SYS_ESR;
      case SYSREG.far_el1: return SYS_FAR;
      case SYSREG.sp_el0: return HOT_SP_EL0;
      default: return -1;
    }
  }

  /** The out-of-line system instructions of translated code, which end their block: 0 MRS,
   *  1 MSR (key, rt), 2 MSR immediate (op1, op2, CRm), 3 SYS (op1, CRn, CRm, op2). Returns the
   *  retired count for the block to return, with PC at the next instruction — or at the
   *  exception vector when the instruction was UNDEFINED. */
  sysExit(kind: number, a: number, b: number, c: number, d: number, retired: number, pcLo: number, pcHi: number, nextLo: number, nextHi: number): number {
    let t: number;
    switch (kind) {
      case 0: t = this.mrs(a, b, retired, pcLo, pcHi); break;
      case 1: t = this.msr(a, b, retired, pcLo, pcHi); break;
      case 2: t = this.msrImm(a, b, c, retired, pcLo, pcHi); break;
      default: t = this.sys(a, b, c, d, retired, pcLo, pcHi);
    }
    if (t >= 0) return t;
    this.pcLo = nextLo;
    this.pcHi = nextHi;
    return retired + 1;
  }

  /** A system register value for MRS at the current EL, or null when that is UNDEFINED. */
  readSysreg(key: number): bigint | null {
    const el0 = this.el === 0;
    switch (key) {
      case SYSREG.nzcv: return BigInt(this.nzcv) << 28n;
      case SYSREG.fpcr: case SYSREG.fpsr: return this.otherSysregs.get(key) ?? 0n;
      case SYSREG.tpidr_el0: return this.tpidr0;
      case SYSREG.tpidrro_el0: return this.tpidrro0;
      case SYSREG.cntfrq_el0: return this.cntfrq;
      case SYSREG.cntvct_el0: return this.counterValue();
      case SYSREG.ctr_el0: return 0x84448004n; // IminLine/DminLine 16 words, as Cortex-A53 (SCTLR.UCT = 1)
      case SYSREG.dczid_el0: return 0x10n; // DZP: DC ZVA prohibited
    }
    if (el0) return null;
    switch (key) {
      case SYSREG.daif: return BigInt(this.daif << 6);
      case SYSREG.currentel: return BigInt(this.el << 2);
      case SYSREG.spsel: return BigInt(this.spsel);
      case SYSREG.elr_el1: return this.elr;
      case SYSREG.spsr_el1: return this.spsr;
      case SYSREG.esr_el1: return this.esr;
      case SYSREG.far_el1: return this.far;
      case SYSREG.vbar_el1: return this.vbar;
      case SYSREG.sp_el0: return this.getSpOf(0);
      case SYSREG.tpidr_el1: return this.tpidr1;
      case SYSREG.ttbr0_el1: return this.ttbr0;
      case SYSREG.ttbr1_el1: return this.ttbr1;
      case SYSREG.sctlr_el1: return this.sctlr;
      case SYSREG.tcr_el1: return this.tcr;
      case SYSREG.mair_el1: return this.mair;
      case SYSREG.contextidr_el1: return this.contextidr;
      case SYSREG.cpacr_el1: return this.cpacr;
      case SYSREG.cntkctl_el1: return this.cntkctl;
      case SYSREG.cntpct_el0: return this.counterValue();
      case SYSREG.midr_el1: return 0x410fd034n; // Cortex-A53 r0p4
      case SYSREG.mpidr_el1: return 0x80000000n;
      case SYSREG.id_aa64mmfr0_el1: return 0x5n; // 48-bit PA, 4 KiB granule
    }
    return this.otherSysregs.get(key) ?? (key >> 14 === 3 ? 0n : null);
  }

  /** MSR <reg>, Xt; false when UNDEFINED at this EL (or the register is read-only). */
  writeSysreg(key: number, v: bigint): boolean {
    switch (key) {
      case SYSREG.nzcv: this.nzcv = Number((v >> 28n) & 0xfn); return true;
      case SYSREG.fpcr: case SYSREG.fpsr: this.otherSysregs.set(key, v & 0xffffffffn); return true;
      case SYSREG.tpidr_el0: this.tpidr0 = v; return true;
    }
    if (this.el === 0) return false;
    switch (key) {
      case SYSREG.daif: this.daif = Number((v >> 6n) & 0xfn); return true;
      case SYSREG.spsel: this.switchMode(this.el, Number(v & 1n)); return true;
      case SYSREG.elr_el1: this.elr = v; return true;
      case SYSREG.spsr_el1: this.spsr = v & 0xffffffffn; return true;
      case SYSREG.esr_el1: this.esr = v & 0xffffffffn; return true;
      case SYSREG.far_el1: this.far = v; return true;
      case SYSREG.vbar_el1: this.vbar = v & ~0x7ffn; return true;
      case SYSREG.sp_el0: this.setSpOf(0, v); return true;
      case SYSREG.tpidr_el1: this.tpidr1 = v; return true;
      case SYSREG.tpidrro_el0: this.tpidrro0 = v; return true;
      case SYSREG.ttbr0_el1: this.setTtbr0(v); return true;
      case SYSREG.ttbr1_el1: this.setTtbr1(v); return true;
      case SYSREG.sctlr_el1: this.sctlr = v; return true;
      case SYSREG.tcr_el1: this.tcr = v; return true;
      case SYSREG.mair_el1: this.mair = v; return true;
      case SYSREG.contextidr_el1: this.contextidr = v; return true;
      case SYSREG.cpacr_el1: this.cpacr = v; return true;
      case SYSREG.cntkctl_el1: this.cntkctl = v; return true;
      case SYSREG.currentel: case SYSREG.cntvct_el0: case SYSREG.cntpct_el0: case SYSREG.cntfrq_el0:
      case SYSREG.ctr_el0: case SYSREG.dczid_el0: case SYSREG.midr_el1: case SYSREG.mpidr_el1:
        return false;
    }
    if (key >> 14 !== 3) return false;
    this.otherSysregs.set(key, v);
    return true;
  }

  private counterValue(): bigint {
    return this.counterSource ? BigInt.asUintN(64, this.counterSource()) : BigInt(this.counters.retiredUser + this.counters.retiredKernel);
  }

  /** MSR (immediate) to a PSTATE field (C5.1.3): SPSel, DAIFSet, DAIFClr; UNDEFINED at EL0. */
  msrImm(op1: number, op2: number, crm: number, retired: number, pcLo: number, pcHi: number): number {
    if (this.el === 0) return this.undefinedInstruction(retired, pcLo, pcHi);
    if (op1 === 0 && op2 === 5) this.switchMode(this.el, crm & 1);
    else if (op1 === 3 && op2 === 6) this.daif |= crm & 0xf;
    else if (op1 === 3 && op2 === 7) this.daif &= ~crm & 0xf;
    return -1;
  }

  /** SYS (dc, ic, tlbi, at): EL0 may run the cache maintenance Linux enables (SCTLR.UCI) —
   *  no effect here; TLBI at EL1 drops the TLB; everything else at EL0 is UNDEFINED. */
  sys(op1: number, crn: number, crm: number, op2: number, retired: number, pcLo: number, pcHi: number): number {
    if (this.el === 0) {
      const dcZva = op1 === 3 && crn === 7 && crm === 4 && op2 === 1;
      if (op1 !== 3 || crn !== 7 || dcZva) return this.undefinedInstruction(retired, pcLo, pcHi);
      return -1;
    }
    if (crn === 8) {
      this.tlbs.flushAll();
      this.chainGen++;
      this.counters.tlbFlushes++;
    }
    return -1;
  }

  /** WFI at EL1: stop the run loop as `halt`. At EL0 (SCTLR.nTWI = 1) it is a hint. */
  wfi(): void {
    if (this.el === 1) this.halted = true;
  }

  // ================================================================ the run loop

  requestStop(value?: unknown): void {
    this.stopRequested = true;
    this.stopValue = value;
  }

  /** Runs translated blocks until `budget` instructions retired, a stop was requested, or
   *  the CPU halted/shut down. */
  run(budget: number): StopReason {
    this.stopRequested = false;
    this.halted = false;
    let left = budget;
    const c = this.counters;
    let prev: Block | null = null;
    while (left > 0) {
      if (this.stopRequested) return { kind: 'requested', value: this.stopValue };
      if (this.halted) return { kind: 'halt' };
      if (this.shutdown) {
        const s = this.shutdown;
        this.shutdown = null;
        return { kind: 'shutdown', vector: s.ec, errorCode: 0 };
      }
      const pcLo = this.pcLo;
      const pcHi = this.pcHi;
      const s = this.ts;
      const gen = this.chainGen;
      // Block chaining: a block remembers the blocks that followed it, so the round trip
      // (user block, svc, vector, entry.s, hvc, ret_to_user, eret, user block) skips the TLB
      // probe and the cache lookup between its blocks. A link is keyed by the TLB set it was
      // found with (one per TTBR0 root and EL, like an ASID): the same set and generation mean
      // the same virtual→physical mapping and permissions, so the lookup would find the same
      // block — across exception entry and `eret` too.
      const p: Block | null = prev;
      let b: Block;
      if (p !== null && p.gen1 === gen && p.ts1 === s && p.succ1!.vaLo === pcLo && p.succ1!.vaHi === pcHi) b = p.succ1!;
      else if (p !== null && p.gen2 === gen && p.ts2 === s && p.succ2!.vaLo === pcLo && p.succ2!.vaHi === pcHi) b = p.succ2!;
      else {
        if (pcLo & 3) {
          // PC alignment fault on the fetch (D1.8.1): EC 0x22, FAR = the PC.
          this.takeException(EC_PC_ALIGN, 0, pcLo, pcHi, 0n, false);
          prev = null;
          continue;
        }
        const i = ((pcLo >>> 12) ^ pcHi) & 1023;
        let page: number;
        if (s.xLo[i] === (pcLo & -4096) && s.xHi[i] === pcHi) page = s.xPhys[i]!;
        else {
          page = this.translatePage(pcLo, pcHi, ACCESS_EXEC);
          if (page < 0) {
            this.abort(0, pcLo, pcHi);
            prev = null;
            continue;
          }
        }
        const phys = page + (pcLo & 4095);
        const found = this.blocks.get(phys);
        b = found === undefined || found.vaLo !== pcLo || found.vaHi !== pcHi ? this.translate(phys, pcLo, pcHi) : found;
        if (p !== null && this.chainGen === gen) {
          if (p.gen1 !== gen || p.succ1 === null) {
            p.succ1 = b; p.ts1 = s; p.gen1 = gen;
          } else {
            p.succ2 = b; p.ts2 = s; p.gen2 = gen;
          }
        }
      }
      const el = this.el;
      const n = b.fn(this, this.R, this.T, left);
      if (n > 0) this.nestedFaults = 0;
      if (el === 0) c.retiredUser += n;
      else c.retiredKernel += n;
      left -= n > 0 ? n : 1;
      prev = b;
    }
    if (this.stopRequested) return { kind: 'requested', value: this.stopValue };
    if (this.halted) return { kind: 'halt' };
    return { kind: 'budget' };
  }

  /** Counts every execution of the instruction at virtual `address` from now on (vrun --stats
   *  watches the vDSO's exported entry points). Returns its slot in `entryCounts`; watching an
   *  address twice gives the same slot. A new address drops the translated code, which was
   *  built without the counter. */
  watchEntry(address: bigint): number {
    return this.entryWatch.watch(address, () => {
      for (const frame of [...this.blocksOfFrame.keys()]) this.dropCode(frame);
    });
  }

  /** The entryCounts slot of the instruction at (lo, hi), or -1 (read by the block builder). */
  entrySlotAt(lo: number, hi: number): number {
    return this.entryWatch.slotAt(lo, hi);
  }

  private translate(phys: number, vaLo: number, vaHi: number): Block {
    const frame = Math.floor(phys / PAGE_SIZE);
    const pageStart = frame * PAGE_SIZE;
    const view = this.view;
    const watched = this.entryWatch.active ? (lo: number, hi: number) => this.entrySlotAt(lo, hi) : undefined;
    const fn = compileBlock((i) => view.getUint32(pageStart + 4 * i, true), (phys - pageStart) >> 2, vaLo, vaHi, this.maxBlockInstructions, watched);
    const block: Block = { fn, vaLo, vaHi, succ1: null, ts1: null, gen1: -1, succ2: null, ts2: null, gen2: -1 };
    this.blocks.set(phys, block);
    let list = this.blocksOfFrame.get(frame);
    if (!list) {
      list = [];
      this.blocksOfFrame.set(frame, list);
    }
    list.push(phys);
    if (!(this.physical.frameFlags[frame]! & FRAME_CODE)) {
      this.physical.markCode(frame);
      this.tlbs.dropWritesTo(pageStart);
    }
    this.counters.blocksTranslated++;
    return block;
  }

  private dropCode(frame: number): void {
    const list = this.blocksOfFrame.get(frame);
    if (!list) return;
    this.chainGen++;
    for (const p of list) this.blocks.delete(p);
    this.blocksOfFrame.delete(frame);
  }

  // ================================================================ context switch

  saveContext(): Arm64Context {
    return {
      regs: this.R.slice(),
      pcLo: this.pcLo, pcHi: this.pcHi, el: this.el, spsel: this.spsel, daif: this.daif,
      spBanks: this.spBanks.slice(),
      elr: this.elr, spsr: this.spsr, esr: this.esr, far: this.far,
      tpidr0: this.tpidr0, tpidrro0: this.tpidrro0, tpidr1: this.tpidr1, ttbr0: this.ttbr0,
    };
  }

  restoreContext(ctx: Arm64Context): void {
    this.R.set(ctx.regs);
    this.spBanks.set(ctx.spBanks);
    this.pcLo = ctx.pcLo;
    this.pcHi = ctx.pcHi;
    if (this.el !== ctx.el) this.counters.modeSwitches++;
    this.el = ctx.el;
    this.spsel = ctx.spsel;
    this.daif = ctx.daif;
    this.elr = ctx.elr;
    this.spsr = ctx.spsr;
    this.esr = ctx.esr;
    this.far = ctx.far;
    this.tpidr0 = ctx.tpidr0;
    this.tpidrro0 = ctx.tpidrro0;
    this.tpidr1 = ctx.tpidr1;
    if (ctx.ttbr0 !== this.ttbr0) this.setTtbr0(ctx.ttbr0);
    else this.selectTlb();
  }
}

export { sysregKey };
export const TWO_TO_32 = TWO32;
