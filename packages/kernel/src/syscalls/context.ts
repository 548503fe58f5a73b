// What a syscall handler sees: which ABI the call came through, the caller's memory (with user
// permission checks), its process and thread, and the kernel. Handlers never touch CPU
// registers: the arch glue has already read the number and the six argument registers
// (x86-64 rdi rsi rdx r10 r8 r9; i386 ebx ecx edx esi edi ebp; arm64 x0–x5 — facts §1) and
// hands them over as `SyscallArgs`, built here.

import type { Kernel } from '../kernel.js';
import type { Process, Thread } from '../process/process.js';
import type { SyscallAbi, SyscallArgs, UserMemory } from './types.js';

export interface SyscallContext {
  abi: SyscallAbi;
  mem: UserMemory;
  process: Process;
  thread: Thread;
  kernel: Kernel;
}

const MASK64 = (1n << 64n) - 1n;

/** SyscallArgs over six saved registers. On i386 a register is 32 bits wide: the upper half is
 *  dropped so pointers and sizes come out as the 32-bit values the caller meant. */
export function makeSyscallArgs(registers: readonly (bigint | number)[], abi: SyscallAbi): SyscallArgs {
  const raw: bigint[] = [];
  for (let i = 0; i < 6; i++) {
    const r = registers[i] ?? 0n;
    let v = typeof r === 'bigint' ? r & MASK64 : BigInt.asUintN(64, BigInt(Math.trunc(r)));
    if (abi === 'i386') v &= 0xffffffffn;
    raw.push(v);
  }
  return new RegisterArgs(raw, abi);
}

class RegisterArgs implements SyscallArgs {
  constructor(
    private readonly raw: readonly bigint[],
    private readonly abi: SyscallAbi,
  ) {}

  private at(i: number): bigint {
    return this.raw[i] ?? 0n;
  }

  int(i: number): number {
    return Number(BigInt.asIntN(32, this.at(i)));
  }

  u64(i: number): bigint {
    return this.at(i);
  }

  i64(i: number): bigint {
    // An i386 long is 32 bits: sign-extend from bit 31 there.
    return this.abi === 'i386' ? BigInt.asIntN(32, this.at(i)) : BigInt.asIntN(64, this.at(i));
  }

  ptr(i: number): number {
    const v = this.at(i);
    return v < 1n << 53n ? Number(v) : -1;
  }

  size(i: number): number {
    const v = this.at(i);
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : Number.MAX_SAFE_INTEGER;
  }
}

/**
 * SyscallArgs over six registers given as 32-bit halves (lo0, hi0, lo1, hi1, … lo5, hi5), as
 * the CPUs keep them: the arch glue's hot path reads pt_regs / the saved x0–x5 this way, so a
 * call like getpid() builds no BigInt at all, and int/ptr/size come straight from the halves.
 * The halves are copied: the object stays valid after `halves` is reused (a parked call, a
 * tracer that keeps its args). `registers()` gives the bigint form for parking a blocked call.
 */
export function syscallArgsFromHalves(halves: Int32Array, abi: SyscallAbi): HalvesArgs {
  return new HalvesArgs(halves, abi === 'i386');
}

const TWO32 = 4294967296;

export class HalvesArgs implements SyscallArgs {
  private l0 = 0; private h0 = 0;
  private l1 = 0; private h1 = 0;
  private l2 = 0; private h2 = 0;
  private l3 = 0; private h3 = 0;
  private l4 = 0; private h4 = 0;
  private l5 = 0; private h5 = 0;
  private i386 = false;

  constructor(halves: Int32Array, i386: boolean) {
    this.load(halves, i386);
  }

  /** Takes six new registers: the kernel's hot path keeps one HalvesArgs as scratch and reloads
   *  it per call (Kernel.handleSyscallHalves hands a call that parks a fresh one). */
  load(halves: Int32Array, i386: boolean): this {
    this.i386 = i386;
    // i386 registers are 32 bits wide: the upper halves are dropped (as makeSyscallArgs does).
    const m = i386 ? 0 : -1;
    this.l0 = halves[0]! | 0; this.h0 = halves[1]! & m;
    this.l1 = halves[2]! | 0; this.h1 = halves[3]! & m;
    this.l2 = halves[4]! | 0; this.h2 = halves[5]! & m;
    this.l3 = halves[6]! | 0; this.h3 = halves[7]! & m;
    this.l4 = halves[8]! | 0; this.h4 = halves[9]! & m;
    this.l5 = halves[10]! | 0; this.h5 = halves[11]! & m;
    return this;
  }

  private lo(i: number): number {
    switch (i) {
      case 0: return this.l0; case 1: return this.l1; case 2: return this.l2;
      case 3: return this.l3; case 4: return this.l4; case 5: return this.l5;
      default: return 0;
    }
  }

  private hi(i: number): number {
    switch (i) {
      case 0: return this.h0; case 1: return this.h1; case 2: return this.h2;
      case 3: return this.h3; case 4: return this.h4; case 5: return this.h5;
      default: return 0;
    }
  }

  int(i: number): number {
    return this.lo(i);
  }

  u64(i: number): bigint {
    return (BigInt(this.hi(i) >>> 0) << 32n) | BigInt(this.lo(i) >>> 0);
  }

  i64(i: number): bigint {
    // An i386 long is 32 bits: sign-extend from bit 31 there.
    return this.i386 ? BigInt(this.lo(i)) : (BigInt(this.hi(i)) << 32n) | BigInt(this.lo(i) >>> 0);
  }

  ptr(i: number): number {
    const h = this.hi(i) >>> 0;
    return h < 0x200000 ? h * TWO32 + (this.lo(i) >>> 0) : -1; // below 2^53
  }

  size(i: number): number {
    const h = this.hi(i) >>> 0;
    return h < 0x200000 ? h * TWO32 + (this.lo(i) >>> 0) : Number.MAX_SAFE_INTEGER;
  }

  /** The six registers as unsigned 64-bit values (what Thread.parked keeps). */
  registers(): bigint[] {
    const out: bigint[] = [];
    for (let i = 0; i < 6; i++) out.push(this.u64(i));
    return out;
  }
}
