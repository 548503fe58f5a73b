// System-register keys for MRS/MSR: op0:op1:CRn:CRm:op2 packed as in the instruction's
// o0:op1:CRn:CRm:op2 field run (bits 19:5), with op0 = 2 + o0 (Arm ARM C5.3 "A64 system
// instructions for ... MRS/MSR", and the encodings in D19). Names and encodings come from
// @vsys/isa-arm64's table, so the assembler, the disassembler and the CPU agree.

import { sysregByName } from '@vsys/isa-arm64';

/** Packs an encoding: op0 << 14 | op1 << 11 | CRn << 7 | CRm << 3 | op2. */
export function sysregKey(op0: number, op1: number, crn: number, crm: number, op2: number): number {
  return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

const NAMES = [
  'nzcv', 'daif', 'fpcr', 'fpsr', 'currentel', 'spsel', 'tpidr_el0', 'tpidrro_el0', 'cntfrq_el0', 'cntvct_el0',
  'cntpct_el0', 'ctr_el0', 'dczid_el0', 'elr_el1', 'spsr_el1', 'esr_el1', 'far_el1', 'vbar_el1', 'sp_el0',
  'tpidr_el1', 'ttbr0_el1', 'ttbr1_el1', 'sctlr_el1', 'tcr_el1', 'mair_el1', 'contextidr_el1', 'cpacr_el1',
  'cntkctl_el1', 'midr_el1', 'mpidr_el1', 'id_aa64mmfr0_el1',
] as const;

function keyOf(name: string): number {
  const e = sysregByName(name);
  if (!e) throw new Error(`isa-arm64 does not know the system register ${name}`);
  return sysregKey(e.op0, e.op1, e.CRn, e.CRm, e.op2);
}

/** Key of each system register the CPU implements. */
export const SYSREG = Object.fromEntries(NAMES.map((n) => [n, keyOf(n)])) as Record<(typeof NAMES)[number], number>;
