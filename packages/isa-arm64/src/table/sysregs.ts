// System registers by name for MRS/MSR. Each is op0:op1:CRn:CRm:op2 as listed in the Arm ARM
// (DDI 0487) chapter D19 "AArch64 System Register Descriptions", section "Accessing …" of each
// register. Names GNU as does not know are written s<op0>_<op1>_c<CRn>_c<CRm>_<op2>.

export interface SysregEncoding {
  op0: number;
  op1: number;
  CRn: number;
  CRm: number;
  op2: number;
}

const named: Record<string, [number, number, number, number, number]> = {
  midr_el1: [3, 0, 0, 0, 0],
  mpidr_el1: [3, 0, 0, 0, 5],
  revidr_el1: [3, 0, 0, 0, 6],
  id_aa64pfr0_el1: [3, 0, 0, 4, 0],
  id_aa64pfr1_el1: [3, 0, 0, 4, 1],
  id_aa64dfr0_el1: [3, 0, 0, 5, 0],
  id_aa64isar0_el1: [3, 0, 0, 6, 0],
  id_aa64isar1_el1: [3, 0, 0, 6, 1],
  id_aa64mmfr0_el1: [3, 0, 0, 7, 0],
  id_aa64mmfr1_el1: [3, 0, 0, 7, 1],
  sctlr_el1: [3, 0, 1, 0, 0],
  actlr_el1: [3, 0, 1, 0, 1],
  cpacr_el1: [3, 0, 1, 0, 2],
  ttbr0_el1: [3, 0, 2, 0, 0],
  ttbr1_el1: [3, 0, 2, 0, 1],
  tcr_el1: [3, 0, 2, 0, 2],
  spsr_el1: [3, 0, 4, 0, 0],
  elr_el1: [3, 0, 4, 0, 1],
  sp_el0: [3, 0, 4, 1, 0],
  spsel: [3, 0, 4, 2, 0],
  currentel: [3, 0, 4, 2, 2],
  afsr0_el1: [3, 0, 5, 1, 0],
  afsr1_el1: [3, 0, 5, 1, 1],
  esr_el1: [3, 0, 5, 2, 0],
  far_el1: [3, 0, 6, 0, 0],
  par_el1: [3, 0, 7, 4, 0],
  mair_el1: [3, 0, 10, 2, 0],
  amair_el1: [3, 0, 10, 3, 0],
  vbar_el1: [3, 0, 12, 0, 0],
  contextidr_el1: [3, 0, 13, 0, 1],
  tpidr_el1: [3, 0, 13, 0, 4],
  cntkctl_el1: [3, 0, 14, 1, 0],
  ctr_el0: [3, 3, 0, 0, 1],
  dczid_el0: [3, 3, 0, 0, 7],
  nzcv: [3, 3, 4, 2, 0],
  daif: [3, 3, 4, 2, 1],
  fpcr: [3, 3, 4, 4, 0],
  fpsr: [3, 3, 4, 4, 1],
  tpidr_el0: [3, 3, 13, 0, 2],
  tpidrro_el0: [3, 3, 13, 0, 3],
  cntfrq_el0: [3, 3, 14, 0, 0],
  cntpct_el0: [3, 3, 14, 0, 1],
  cntvct_el0: [3, 3, 14, 0, 2],
  cntp_tval_el0: [3, 3, 14, 2, 0],
  cntp_ctl_el0: [3, 3, 14, 2, 1],
  cntp_cval_el0: [3, 3, 14, 2, 2],
  cntv_tval_el0: [3, 3, 14, 3, 0],
  cntv_ctl_el0: [3, 3, 14, 3, 1],
  cntv_cval_el0: [3, 3, 14, 3, 2],
  sp_el1: [3, 4, 4, 1, 0],
  mdscr_el1: [2, 0, 0, 2, 2],
  ccsidr_el1: [3, 1, 0, 0, 0],
  clidr_el1: [3, 1, 0, 0, 1],
  aidr_el1: [3, 1, 0, 0, 7],
  csselr_el1: [3, 2, 0, 0, 0],
  id_aa64afr0_el1: [3, 0, 0, 5, 4],
  id_aa64mmfr2_el1: [3, 0, 0, 7, 2],
  isr_el1: [3, 0, 12, 1, 0],
  pan: [3, 0, 4, 2, 3],
  uao: [3, 0, 4, 2, 4],
  dit: [3, 3, 4, 2, 5],
  sctlr_el2: [3, 4, 1, 0, 0],
  hcr_el2: [3, 4, 1, 1, 0],
  spsr_el2: [3, 4, 4, 0, 0],
  elr_el2: [3, 4, 4, 0, 1],
  esr_el2: [3, 4, 5, 2, 0],
  far_el2: [3, 4, 6, 0, 0],
  vbar_el2: [3, 4, 12, 0, 0],
  cnthctl_el2: [3, 4, 14, 1, 0],
  cntvoff_el2: [3, 4, 14, 0, 3],
  sp_el2: [3, 6, 4, 1, 0],
};

export const sysregNames: readonly string[] = Object.keys(named);

const byKey = new Map<number, string>();
const key = (e: SysregEncoding): number => (e.op0 << 14) | (e.op1 << 11) | (e.CRn << 7) | (e.CRm << 3) | e.op2;
for (const [name, [op0, op1, CRn, CRm, op2]] of Object.entries(named)) byKey.set(key({ op0, op1, CRn, CRm, op2 }), name);

/** Encoding of a register name (case-insensitive), incl. the generic s3_1_c2_c3_4 form. */
export function sysregByName(name: string): SysregEncoding | undefined {
  const lower = name.toLowerCase();
  const n = named[lower];
  if (n) return { op0: n[0], op1: n[1], CRn: n[2], CRm: n[3], op2: n[4] };
  const g = /^s([0-3])_([0-7])_c([0-9]|1[0-5])_c([0-9]|1[0-5])_([0-7])$/.exec(lower);
  if (!g) return undefined;
  const op0 = Number(g[1]);
  if (op0 < 2) return undefined; // op0 0/1 are instruction/hint spaces, not MRS/MSR registers
  return { op0, op1: Number(g[2]), CRn: Number(g[3]), CRm: Number(g[4]), op2: Number(g[5]) };
}

/** The name objdump prints for an encoding. */
export function sysregName(e: SysregEncoding): string {
  return byKey.get(key(e)) ?? `s${e.op0}_${e.op1}_c${e.CRn}_c${e.CRm}_${e.op2}`;
}
