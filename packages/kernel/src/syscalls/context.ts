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
