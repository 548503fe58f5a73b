// The cycle model `vrun --stats` prices a run with: what each counted event would cost on a
// real core, one constant per event, each with where its figure comes from. This file is the
// model's only source: the printer (price.ts) reads it, and docs/stats.md carries the table
// renderCycleModelTable() makes from it (a test keeps the page and this data equal).
//
// The emulator counts events exactly; the model turns counts into cycles with round figures.
// It is a teaching model, not a simulator: it prices the *direct* cost of each event (the
// instructions, the mode switches, the address-space switches) and leaves out indirect costs
// (cache and TLB pollution after a mode switch, which FlexSC measured to be as large again).
// `basis` says how firm each figure is: 'measured' (a published measurement of that event),
// 'derived' (arithmetic on published measurements, shown in `source`), or 'assumed' (no
// published figure was found; the reasoning is given) — assumed figures are the first to replace.

export type CostKey =
  | 'userInstruction'
  | 'kernelInstruction'
  | 'syscallReturn'
  | 'exceptionReturn'
  | 'addressSpaceSwitch'
  | 'tlbFlush'
  | 'tlbPageInvalidation'
  | 'syscallHandler'
  | 'counterRead'
  | 'vdsoCall';

export interface CycleCost {
  /** Cycles per event. */
  cycles: number;
  /** What one event is, in this architecture's words. */
  event: string;
  basis: 'measured' | 'derived' | 'assumed';
  /** Where the figure comes from (and the arithmetic, for derived ones). */
  source: string;
}

export interface CycleModel {
  arch: 'x86_64' | 'arm64';
  /** The core the figures describe. */
  reference: string;
  /** Clock used to turn published nanoseconds into cycles (GHz). */
  clockGHz: number;
  costs: Record<CostKey, CycleCost>;
}

const AGNER = 'Agner Fog, "Instruction tables" (agner.org/optimize), Skylake';
const FREEBSD_PTI =
  'FreeBSD review D13985 (2018, PTI with PCID on Haswell): getppid 478 ns with PTI against 339 ns without, i.e. +139 ns for the two CR3 writes of one call ≈ 70 ns ≈ 200 cycles each at 3 GHz';
const UARCH_BENCH =
  'travisdowns/uarch-bench issue #34 (2018, Skylake, Linux with the Meltdown/Spectre mitigations): 632 unhalted core cycles for a direct non-existent syscall, 693 for getuid';
const ENTRY_BENCH =
  'J. Stecklina, kernel_entry_benchmark (github.com/blitz/kernel_entry_benchmark, "1001 ways of implementing a system call", x86.lol 2019): interrupt-gate round trip 610 cycles';
const VDSO_NS = 'G. Sauthoff, "On the costs of syscalls" (gms.tf, 2021): clock_gettime through the vDSO 13–33 ns on 15 x86-64 hosts';

export const X86_64_CYCLE_MODEL: CycleModel = {
  arch: 'x86_64',
  reference: 'a 3 GHz Skylake-class Intel core, Linux with KPTI and PCID',
  clockGHz: 3,
  costs: {
    userInstruction: {
      cycles: 1,
      event: 'an instruction retired at CPL 3',
      basis: 'assumed',
      source: `${AGNER}: simple integer instructions have latency 1 and reciprocal throughput 0.25–0.5; IPC 1 is a round figure for mixed code with loads and branches`,
    },
    kernelInstruction: {
      cycles: 1,
      event: 'an instruction retired at CPL 0 (the entry code)',
      basis: 'assumed',
      source: `as at CPL 3; FlexSC (Soares & Stumm, OSDI 2010, §2) shows kernel and user IPC both drop after a mode switch — an indirect cost this model leaves out`,
    },
    syscallReturn: {
      cycles: 150,
      event: '`syscall` + `sysretq` (the two mode switches of one call)',
      basis: 'derived',
      source: `${UARCH_BENCH}; minus two CR3 writes (2 × 200, below) and about 80 entry-code instructions leaves ≈ 150 for the instruction pair`,
    },
    exceptionReturn: {
      cycles: 610,
      event: 'an exception or `int $0x80` through the IDT + `iretq` (also faults and vsyscall emulation)',
      basis: 'measured',
      source: ENTRY_BENCH,
    },
    addressSpaceSwitch: {
      cycles: 200,
      event: '`mov` to CR3 (PCID: no flush)',
      basis: 'derived',
      source: FREEBSD_PTI,
    },
    tlbFlush: {
      cycles: 200,
      event: 'a flush of the whole TLB (the flushing write; refills are page walks, not counted)',
      basis: 'assumed',
      source: 'priced as the CR3 write that performs it (MOV to CR is serializing: Intel SDM Vol. 3A §8.3); the page walks that refill the TLB afterwards are not counted by vsys',
    },
    tlbPageInvalidation: {
      cycles: 200,
      event: '`invlpg` (one page)',
      basis: 'assumed',
      source: 'INVLPG is serializing like MOV to CR3 (Intel SDM Vol. 3A §8.3), so priced the same',
    },
    syscallHandler: {
      cycles: 60,
      event: "the kernel's C handler of one call (vsys runs it in TypeScript: no instructions to count)",
      basis: 'derived',
      source: `${UARCH_BENCH}: getuid − non-existent = 693 − 632 ≈ 60 cycles for a trivial handler`,
    },
    counterRead: {
      cycles: 25,
      event: '`rdtsc` in a vDSO call served without the kernel (beyond its 1 cycle as an instruction)',
      basis: 'measured',
      source: `${AGNER}: RDTSC reciprocal throughput ≈ 25 cycles`,
    },
    vdsoCall: {
      cycles: 60,
      event: 'a whole vDSO clock_gettime (what a served call costs, for the saving)',
      basis: 'derived',
      source: `${VDSO_NS}: ≈ 20 ns ≈ 60 cycles at 3 GHz`,
    },
  },
};

export const ARM64_CYCLE_MODEL: CycleModel = {
  arch: 'arm64',
  reference: 'a 2.5 GHz Cortex-A72 / Neoverse-class core, Linux',
  clockGHz: 2.5,
  costs: {
    userInstruction: {
      cycles: 1,
      event: 'an instruction retired at EL0',
      basis: 'assumed',
      source: 'Arm Cortex-A72 Software Optimization Guide (§3, instruction characteristics): integer ALU instructions have latency 1 on two ALU pipelines; IPC 1 is a round figure for mixed code',
    },
    kernelInstruction: {
      cycles: 1,
      event: 'an instruction retired at EL1 (the entry code)',
      basis: 'assumed',
      source: 'as at EL0 (indirect costs after a mode switch left out, as for x86-64)',
    },
    syscallReturn: {
      cycles: 150,
      event: '`svc #0` + `eret` (the two exception-level changes of one call)',
      basis: 'assumed',
      source: 'no published per-instruction figure was found; taken equal to x86-64 syscall + sysretq (both are context-synchronizing: Arm ARM D1.10/D1.11)',
    },
    exceptionReturn: {
      cycles: 150,
      event: 'a fault (data/instruction abort, undefined instruction) + `eret`',
      basis: 'assumed',
      source: 'AArch64 takes every synchronous exception the way it takes SVC (Arm ARM D1.10), so priced as svc + eret',
    },
    addressSpaceSwitch: {
      cycles: 200,
      event: '`msr ttbr0_el1` / `ttbr1_el1` (+ `isb`)',
      basis: 'assumed',
      source: 'no published figure found; priced as x86-64 CR3 with PCID (both switch the translation root with an ASID tag and no flush)',
    },
    tlbFlush: {
      cycles: 200,
      event: '`tlbi vmalle1` (+ `dsb`, `isb`)',
      basis: 'assumed',
      source: 'priced as the x86-64 full flush; the refill walks are not counted',
    },
    tlbPageInvalidation: {
      cycles: 200,
      event: '`tlbi vae1` (one page)',
      basis: 'assumed',
      source: 'priced as x86-64 invlpg',
    },
    syscallHandler: {
      cycles: 60,
      event: "the kernel's C handler of one call (vsys runs it in TypeScript)",
      basis: 'assumed',
      source: 'taken equal to the x86-64 figure (a trivial handler is the same C code)',
    },
    counterRead: {
      cycles: 25,
      event: '`isb; mrs cntvct_el0` in a vDSO call served without the kernel',
      basis: 'assumed',
      source: "Linux's arm64 vDSO reads CNTVCT_EL0 after an ISB (arch_counter_get_cntvct); priced as x86-64 rdtsc",
    },
    vdsoCall: {
      cycles: 60,
      event: 'a whole vDSO clock_gettime (what a served call costs, for the saving)',
      basis: 'assumed',
      source: 'taken equal to the x86-64 figure (the same ~30 instructions and one counter read)',
    },
  },
};

export function cycleModel(arch: 'x86_64' | 'arm64'): CycleModel {
  return arch === 'arm64' ? ARM64_CYCLE_MODEL : X86_64_CYCLE_MODEL;
}

/** The model as a Markdown table (docs/stats.md holds exactly this; a test checks it). */
export function renderCycleModelTable(model: CycleModel): string {
  const rows = (Object.keys(model.costs) as CostKey[]).map((key) => {
    const c = model.costs[key];
    return `| \`${key}\` | ${c.event} | ${c.cycles} | ${c.basis} | ${c.source} |`;
  });
  return [
    `Reference: ${model.reference} (${model.clockGHz} GHz turns published nanoseconds into cycles).`,
    '',
    '| key | event | cycles | basis | source |',
    '|---|---|---:|---|---|',
    ...rows,
  ].join('\n');
}
