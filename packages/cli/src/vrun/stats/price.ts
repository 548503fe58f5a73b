// Pricing a run with the cycle model (cycle-model.ts): each counted event × its cost, the total,
// and what the vDSO saved — calls it served in user mode, each of which would otherwise have
// been a system call round trip as this run's system calls went (their mode switches, their
// share of address-space switches and entry-code instructions, the kernel's handler).

import { cycleModel, type CostKey, type CycleModel } from './cycle-model.js';
import type { VdsoCounts } from './vdso-calls.js';

/** The counts a run produced (the machine's stats, the vDSO counters). */
export interface RunCounts {
  arch: 'x86_64' | 'arm64';
  userInstructions: number;
  kernelInstructions: number;
  /** CR3 loads (x86-64) / TTBR loads (arm64). */
  addressSpaceSwitches: number;
  tlbFlushes: number;
  tlbPageInvalidations: number;
  /** Exceptions taken (x86-64: faults and `int $0x80`; arm64: also every `svc`). */
  exceptions: number;
  /** Entries into the TypeScript kernel (one per system call, fault or vsyscall emulation). */
  hypercalls: number;
  /** System calls served, all tables. */
  syscalls: number;
  /** Calls to the vsyscall page the kernel emulated (x86-64). */
  vsyscalls: number;
  vdso: VdsoCounts | null;
}

export interface PriceLine {
  cost: CostKey;
  label: string;
  count: number;
  cyclesEach: number;
  cycles: number;
}

export interface RunPrice {
  model: CycleModel;
  lines: PriceLine[];
  totalCycles: number;
  vdso: {
    calls: number;
    /** Calls that returned without entering the kernel. */
    served: number;
    /** A system call round trip as this run's went, in cycles. */
    syscallRoundTrip: number;
    /** What one served call costs instead (model). */
    vdsoCall: number;
    savedCycles: number;
  } | null;
}

/**
 * The events of each kind, priced. On x86-64 a `syscall` reaches the kernel without an
 * exception, so the fast calls are the hypercalls that were not exceptions; faults and
 * `int $0x80` are exceptions. On arm64 every kernel entry is an exception: `svc` ones are the
 * system calls (priced as svc + eret), the rest are faults.
 */
export function priceRun(counts: RunCounts, model: CycleModel = cycleModel(counts.arch)): RunPrice {
  const c = model.costs;
  const arm64 = counts.arch === 'arm64';
  const fastCalls = arm64 ? Math.min(counts.syscalls, counts.exceptions) : Math.max(0, counts.hypercalls - counts.exceptions);
  const slowEntries = arm64 ? counts.exceptions - fastCalls : counts.exceptions;
  const counterReads = counts.vdso ? counts.vdso.counterReads : 0;
  const line = (cost: CostKey, label: string, count: number): PriceLine => ({ cost, label, count, cyclesEach: c[cost].cycles, cycles: count * c[cost].cycles });
  const lines = [
    line('userInstruction', `instructions at ${arm64 ? 'EL0' : 'CPL 3'}`, counts.userInstructions),
    line('kernelInstruction', `instructions at ${arm64 ? 'EL1' : 'CPL 0'}`, counts.kernelInstructions),
    line('syscallReturn', arm64 ? 'svc + eret' : 'syscall + sysretq', fastCalls),
    line('exceptionReturn', arm64 ? 'faults + eret' : 'exceptions, int $0x80 + iretq', slowEntries),
    line('addressSpaceSwitch', arm64 ? 'TTBR writes' : 'CR3 writes', counts.addressSpaceSwitches),
    line('tlbFlush', 'TLB flushes', counts.tlbFlushes),
    line('tlbPageInvalidation', 'TLB page invalidations', counts.tlbPageInvalidations),
    line('syscallHandler', 'kernel handlers (syscalls, vsyscalls)', counts.syscalls + counts.vsyscalls),
    line('counterRead', arm64 ? 'vDSO counter reads (cntvct_el0)' : 'vDSO counter reads (rdtsc)', counterReads),
  ];
  const totalCycles = lines.reduce((a, l) => a + l.cycles, 0);
  let vdso: RunPrice['vdso'] = null;
  if (counts.vdso) {
    const calls = [...counts.vdso.calls.values()].reduce((a, b) => a + b, 0);
    // Served calls: every call that did not make the system call from inside the vDSO.
    const servedCalls = Math.max(0, calls - counts.vdso.fallbacks);
    const perCall = (n: number): number => (counts.hypercalls > 0 ? n / counts.hypercalls : 0);
    const syscallRoundTrip =
      c.syscallReturn.cycles +
      c.syscallHandler.cycles +
      perCall(counts.addressSpaceSwitches) * c.addressSpaceSwitch.cycles +
      perCall(counts.kernelInstructions) * c.kernelInstruction.cycles;
    vdso = {
      calls,
      served: servedCalls,
      syscallRoundTrip,
      vdsoCall: c.vdsoCall.cycles,
      savedCycles: servedCalls * (syscallRoundTrip - c.vdsoCall.cycles),
    };
  }
  return { model, lines, totalCycles, vdso };
}
