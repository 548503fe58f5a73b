// struct pt_regs of the ARM64 entry code, in guest memory on the thread's kernel stack: x0–x30,
// sp (SP_EL0), pc (ELR_EL1), pstate (SPSR_EL1), orig_x0, syscallno — Linux's
// arch/arm64/include/asm/ptrace.h order. Offsets come from entry.s (Arm64EntryImage.constants).
// The kernel reads the number from syscallno (x8) and the arguments from regs[0..5], and writes
// the result into regs[0], as Linux's invoke_syscall() does.

import type { KernelVirtualMemory } from '../x86_64/machine-memory.js';
import type { Arm64EntryImage } from './entry-image.js';

export class Arm64PtRegs {
  /** A view of the frame: straight onto guest RAM when the machine knows the frame's physical
   *  address (the hot syscall path), else a copy read through the kernel page tables. */
  private readonly frame: DataView;
  private readonly base: number;
  private readonly direct: boolean;

  constructor(
    private readonly memory: KernelVirtualMemory,
    readonly address: bigint,
    private readonly layout: Arm64EntryImage['constants'],
    physical?: { view: DataView; offset: number },
  ) {
    if (physical) {
      this.frame = physical.view;
      this.base = physical.offset;
      this.direct = true;
    } else {
      const bytes = memory.read(address, layout.PT_REGS_SIZE);
      this.frame = new DataView(bytes.buffer);
      this.base = 0;
      this.direct = false;
    }
  }

  private get64(offset: number): bigint {
    return this.frame.getBigUint64(this.base + offset, true);
  }

  /** x0..x30. */
  x(n: number): bigint {
    return this.get64(this.layout.S_X0 + 8 * n);
  }

  setX(n: number, value: bigint): void {
    this.write(this.layout.S_X0 + 8 * n, value);
  }

  /** The syscall hot path, without BigInt: the number as a C `int` (low 32 bits of x8, as
   *  invoke_syscall's `scno`) … */
  syscallNumber(): number {
    return this.frame.getInt32(this.base + this.layout.S_SYSCALLNO, true);
  }

  /** … x0–x5 as (lo, hi) halves into `out` (12 entries) … */
  argumentHalves(out: Int32Array): void {
    const f = this.frame, at = this.base + this.layout.S_X0;
    for (let i = 0; i < 12; i++) out[i] = f.getInt32(at + 4 * i, true);
  }

  /** … and the result into x0 from its halves. */
  setXHalves(n: number, lo: number, hi: number): void {
    const offset = this.layout.S_X0 + 8 * n;
    if (!this.direct) {
      this.setX(n, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
      return;
    }
    this.frame.setInt32(this.base + offset, lo, true);
    this.frame.setInt32(this.base + offset + 4, hi, true);
  }

  get sp(): bigint { return this.get64(this.layout.S_SP); }
  get pc(): bigint { return this.get64(this.layout.S_PC); }
  get pstate(): bigint { return this.get64(this.layout.S_PSTATE); }
  get syscallno(): bigint { return this.get64(this.layout.S_SYSCALLNO); }
  /** SP_EL0, ELR_EL1 and SPSR_EL1 as ret_to_user will load them (signal frames set them). */
  setSp(value: bigint): void { this.write(this.layout.S_SP, value); }
  setPc(value: bigint): void { this.write(this.layout.S_PC, value); }
  setPstate(value: bigint): void { this.write(this.layout.S_PSTATE, value); }

  private write(offset: number, value: bigint): void {
    const v = BigInt.asUintN(64, value);
    this.frame.setBigUint64(this.base + offset, v, true);
    if (!this.direct) this.memory.write64(this.address + BigInt(offset), v);
  }

  /** A new thread's first frame: every register 0, then pc, sp, pstate. */
  static writeInitial(memory: KernelVirtualMemory, address: bigint, layout: Arm64EntryImage['constants'], pc: bigint, sp: bigint, pstate: bigint): void {
    const bytes = new Uint8Array(layout.PT_REGS_SIZE);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(layout.S_PC, BigInt.asUintN(64, pc), true);
    view.setBigUint64(layout.S_SP, BigInt.asUintN(64, sp), true);
    view.setBigUint64(layout.S_PSTATE, BigInt.asUintN(64, pstate), true);
    view.setBigUint64(layout.S_SYSCALLNO, BigInt.asUintN(64, -1n), true);
    memory.write(address, bytes);
  }
}
