// The part of @vsys/emu's X86Cpu the machine glue drives, as a structural type: the register
// file, control registers and MSRs that boot programs, the `vmcall` hook, run(budget), context
// save/restore for the scheduler, and the counters `vrun --stats` prints.

export type CpuStop =
  | { kind: 'budget' }
  | { kind: 'halt' }
  | { kind: 'requested'; value: unknown }
  | { kind: 'shutdown'; vector: number; errorCode: number };

export interface X86CpuCounters {
  retiredUser: number;
  retiredKernel: number;
  modeSwitches: number;
  cr3Loads: number;
  tlbFlushes: number;
  tlbPageInvalidations: number;
  exceptions: number;
  hypercalls: number;
}

export interface X86CpuPort<Ctx = unknown> {
  /** Optional fast access to the GPRs as int32 halves (R[2n] low, R[2n+1] high), as
   *  @vsys/emu's X86Cpu keeps them; getReg/setReg are used when absent. */
  readonly R?: Int32Array;
  getReg(n: number): bigint;
  setReg(n: number, value: bigint | number): void;
  rip: bigint;
  readonly cpl: number;
  cr0: number;
  cr2: bigint;
  readonly cr3: number;
  cr4: number;
  efer: number;
  fsBase: bigint;
  gsBase: bigint;
  kernelGsBase: bigint;
  gdtrBase: bigint;
  gdtrLimit: number;
  idtrBase: bigint;
  idtrLimit: number;
  trSelector: number;
  trBase: bigint;
  getRflags(): number;
  setRflags(v: number): void;
  setCr3(root: number): void;
  setPrivilege(cpl: number, cs: number, ss: number): void;
  writeMsr(msr: number, value: bigint): boolean;
  /** Where RDTSC's value comes from (null: instructions retired). The vDSO timekeeper
   *  (time/vvar.ts) points it at the kernel clock, so the TSC counts nanoseconds. */
  tscSource?: (() => bigint) | null;
  hypercall: ((cpu: never) => void) | null;
  requestStop(value?: unknown): void;
  run(budget: number): CpuStop;
  saveContext(): Ctx;
  restoreContext(ctx: Ctx): void;
  readonly counters: X86CpuCounters;
}

/** Hardware register numbers (SDM Vol. 2A Table 2-2 … the ModRM reg field order). */
export const REG = {
  rax: 0, rcx: 1, rdx: 2, rbx: 3, rsp: 4, rbp: 5, rsi: 6, rdi: 7,
  r8: 8, r9: 9, r10: 10, r11: 11, r12: 12, r13: 13, r14: 14, r15: 15,
} as const;
