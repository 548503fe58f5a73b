// GNU as's relocation operators — `#:lo12:sym`, `:got:sym`, `:tprel_hi12:sym`, … — and the
// relocation each one gives on each class of instruction (GNU as tc-aarch64.c reloc_table:
// an operator lists one relocation per class, and an operator without one for the
// instruction's class is an error). Relocation names and numbers: AAELF64 §5.7.
// What this table says was checked against aarch64-linux-gnu-as 2.40 for every operator on
// adr, adrp, movz/movn/movk (w and x), add (with and without lsl #12), ldr/str/prfm with a
// scaled offset and ldr (literal): see arm64/relocOperators.test.ts in @vsys/asm.

import { fail } from './kind.js';

/** A move-wide relocation: which 16-bit group it fills (hw), and where GNU as refuses it. */
export interface MovwRelocation {
  reloc: string;
  group: 0 | 1 | 2 | 3;
  /** GNU as refuses it on MOVK (signed and pc-relative groups that may flip MOVZ↔MOVN, and
   *  the checked TLS groups: process_movw_reloc_info) */
  noMovk?: boolean;
}

export interface RelocOperator {
  adr?: string;
  adrp?: string;
  movw?: MovwRelocation;
  add?: string;
  /** GNU as sets the ADD's lsl #12 itself (`add x0, x0, #:tprel_hi12:v` has sh = 1) */
  addShift12?: boolean;
  /** by log2(access size) 0..4, or one relocation for every size */
  ldst?: string | readonly string[];
  literal?: string;
}

const R = (s: string): string => `R_AARCH64_${s}`;
const sized = (fmt: (bits: number) => string): string[] => [8, 16, 32, 64, 128].map((b) => R(fmt(b)));
const movw = (reloc: string, group: 0 | 1 | 2 | 3, noMovk = false): MovwRelocation => ({ reloc: R(reloc), group, ...(noMovk ? { noMovk } : {}) });

export const relocOperators: Readonly<Record<string, RelocOperator>> = {
  lo12: { add: R('ADD_ABS_LO12_NC'), ldst: sized((b) => `LDST${b}_ABS_LO12_NC`) },
  pg_hi21: { adrp: R('ADR_PREL_PG_HI21') },
  pg_hi21_nc: { adrp: R('ADR_PREL_PG_HI21_NC') },
  abs_g0: { movw: movw('MOVW_UABS_G0', 0) },
  abs_g0_s: { movw: movw('MOVW_SABS_G0', 0, true) },
  abs_g0_nc: { movw: movw('MOVW_UABS_G0_NC', 0) },
  abs_g1: { movw: movw('MOVW_UABS_G1', 1) },
  abs_g1_s: { movw: movw('MOVW_SABS_G1', 1, true) },
  abs_g1_nc: { movw: movw('MOVW_UABS_G1_NC', 1) },
  abs_g2: { movw: movw('MOVW_UABS_G2', 2) },
  abs_g2_s: { movw: movw('MOVW_SABS_G2', 2, true) },
  abs_g2_nc: { movw: movw('MOVW_UABS_G2_NC', 2) },
  abs_g3: { movw: movw('MOVW_UABS_G3', 3) },
  prel_g0: { movw: movw('MOVW_PREL_G0', 0, true) },
  prel_g0_nc: { movw: movw('MOVW_PREL_G0_NC', 0) },
  prel_g1: { movw: movw('MOVW_PREL_G1', 1, true) },
  prel_g1_nc: { movw: movw('MOVW_PREL_G1_NC', 1) },
  prel_g2: { movw: movw('MOVW_PREL_G2', 2, true) },
  prel_g2_nc: { movw: movw('MOVW_PREL_G2_NC', 2) },
  prel_g3: { movw: movw('MOVW_PREL_G3', 3, true) },
  got: { adrp: R('ADR_GOT_PAGE'), literal: R('GOT_LD_PREL19') },
  // the LP64 forms of GNU as's "pseudo" GOT/TLS relocations (fixed up to LD64 for ELF64)
  got_lo12: { ldst: R('LD64_GOT_LO12_NC') },
  gotoff_g0_nc: { movw: movw('MOVW_GOTOFF_G0_NC', 0) },
  gotoff_g1: { movw: movw('MOVW_GOTOFF_G1', 1) },
  gotoff_lo15: { ldst: R('LD64_GOTOFF_LO15') },
  gottprel_g0_nc: { movw: movw('TLSIE_MOVW_GOTTPREL_G0_NC', 0) },
  gottprel_g1: { movw: movw('TLSIE_MOVW_GOTTPREL_G1', 1) },
  tlsgd: { adr: R('TLSGD_ADR_PREL21'), adrp: R('TLSGD_ADR_PAGE21') },
  tlsgd_lo12: { add: R('TLSGD_ADD_LO12_NC') },
  tlsgd_g0_nc: { movw: movw('TLSGD_MOVW_G0_NC', 0) },
  tlsgd_g1: { movw: movw('TLSGD_MOVW_G1', 1, true) },
  tlsdesc: { adr: R('TLSDESC_ADR_PREL21'), adrp: R('TLSDESC_ADR_PAGE21'), literal: R('TLSDESC_LD_PREL19') },
  tlsdesc_lo12: { add: R('TLSDESC_ADD_LO12'), ldst: R('TLSDESC_LD64_LO12') },
  tlsldm: { adr: R('TLSLD_ADR_PREL21'), adrp: R('TLSLD_ADR_PAGE21') },
  tlsldm_lo12_nc: { add: R('TLSLD_ADD_LO12_NC') },
  dtprel_lo12: { add: R('TLSLD_ADD_DTPREL_LO12'), ldst: sized((b) => `TLSLD_LDST${b}_DTPREL_LO12`) },
  dtprel_lo12_nc: { add: R('TLSLD_ADD_DTPREL_LO12_NC'), ldst: sized((b) => `TLSLD_LDST${b}_DTPREL_LO12_NC`) },
  dtprel_hi12: { add: R('TLSLD_ADD_DTPREL_HI12') },
  dtprel_g0: { movw: movw('TLSLD_MOVW_DTPREL_G0', 0) },
  dtprel_g0_nc: { movw: movw('TLSLD_MOVW_DTPREL_G0_NC', 0) },
  dtprel_g1: { movw: movw('TLSLD_MOVW_DTPREL_G1', 1) },
  dtprel_g1_nc: { movw: movw('TLSLD_MOVW_DTPREL_G1_NC', 1) },
  dtprel_g2: { movw: movw('TLSLD_MOVW_DTPREL_G2', 2) },
  tlsdesc_off_g0_nc: { movw: movw('TLSDESC_OFF_G0_NC', 0) },
  tlsdesc_off_g1: { movw: movw('TLSDESC_OFF_G1', 1) },
  gottprel: { adrp: R('TLSIE_ADR_GOTTPREL_PAGE21'), literal: R('TLSIE_LD_GOTTPREL_PREL19') },
  gottprel_lo12: { ldst: R('TLSIE_LD64_GOTTPREL_LO12_NC') },
  tprel: { add: R('TLSLE_ADD_TPREL_LO12') },
  tprel_lo12: { add: R('TLSLE_ADD_TPREL_LO12'), ldst: sized((b) => `TLSLE_LDST${b}_TPREL_LO12`) },
  tprel_hi12: { add: R('TLSLE_ADD_TPREL_HI12'), addShift12: true },
  tprel_lo12_nc: { add: R('TLSLE_ADD_TPREL_LO12_NC'), ldst: sized((b) => `TLSLE_LDST${b}_TPREL_LO12_NC`) },
  tprel_g2: { movw: movw('TLSLE_MOVW_TPREL_G2', 2, true) },
  tprel_g1: { movw: movw('TLSLE_MOVW_TPREL_G1', 1, true) },
  tprel_g1_nc: { movw: movw('TLSLE_MOVW_TPREL_G1_NC', 1) },
  tprel_g0: { movw: movw('TLSLE_MOVW_TPREL_G0', 0, true) },
  tprel_g0_nc: { movw: movw('TLSLE_MOVW_TPREL_G0_NC', 0) },
  gotpage_lo15: { ldst: R('LD64_GOTPAGE_LO15') },
};

export type RelocClass = 'adr' | 'adrp' | 'add' | 'literal';

const classText: Record<RelocClass | 'movw' | 'ldst', string> = {
  adr: 'adr', adrp: 'adrp', add: 'add', literal: 'a literal load', movw: 'a move-wide instruction', ldst: 'a load/store offset',
};

/** The operator's entry; an unknown name is an error (GNU as: "unknown relocation modifier"). */
export function relocOperator(name: string): RelocOperator {
  const op = relocOperators[name.toLowerCase()];
  if (!op) return fail(`unknown relocation modifier ':${name}:'`);
  return op;
}

/** The relocation `:name:` gives on an instruction of this class (or an operand error). */
export function relocFor(name: string, cls: RelocClass): string {
  const r = relocOperator(name)[cls];
  if (!r) return fail(`relocation modifier ':${name}:' is not allowed on ${classText[cls]}`);
  return r;
}

export function movwRelocFor(name: string): MovwRelocation {
  const r = relocOperator(name).movw;
  if (!r) return fail(`relocation modifier ':${name}:' is not allowed on ${classText.movw}`);
  return r;
}

/** A load/store's relocation for an access of 2^scale bytes. */
export function ldstRelocFor(name: string, scale: number): string {
  const r = relocOperator(name).ldst;
  if (!r) return fail(`relocation modifier ':${name}:' is not allowed on ${classText.ldst}`);
  if (typeof r === 'string') return r;
  const s = r[scale];
  if (!s) return fail(`relocation modifier ':${name}:' does not fit this access size`);
  return s;
}

/** AAELF64 §5.7 numbers of the relocations above that @vsys/elf's R_AARCH64 does not list. */
export const extraRelocationNumbers: Readonly<Record<string, number>> = {
  R_AARCH64_MOVW_SABS_G0: 270, R_AARCH64_MOVW_SABS_G1: 271, R_AARCH64_MOVW_SABS_G2: 272,
  R_AARCH64_MOVW_PREL_G0: 287, R_AARCH64_MOVW_PREL_G0_NC: 288, R_AARCH64_MOVW_PREL_G1: 289, R_AARCH64_MOVW_PREL_G1_NC: 290,
  R_AARCH64_MOVW_PREL_G2: 291, R_AARCH64_MOVW_PREL_G2_NC: 292, R_AARCH64_MOVW_PREL_G3: 293,
  R_AARCH64_MOVW_GOTOFF_G0_NC: 301, R_AARCH64_MOVW_GOTOFF_G1: 302,
  R_AARCH64_GOT_LD_PREL19: 309, R_AARCH64_LD64_GOTOFF_LO15: 310, R_AARCH64_LD64_GOTPAGE_LO15: 313,
  R_AARCH64_TLSGD_ADR_PREL21: 512, R_AARCH64_TLSGD_ADR_PAGE21: 513, R_AARCH64_TLSGD_ADD_LO12_NC: 514,
  R_AARCH64_TLSGD_MOVW_G1: 515, R_AARCH64_TLSGD_MOVW_G0_NC: 516,
  R_AARCH64_TLSLD_ADR_PREL21: 517, R_AARCH64_TLSLD_ADR_PAGE21: 518, R_AARCH64_TLSLD_ADD_LO12_NC: 519,
  R_AARCH64_TLSLD_MOVW_DTPREL_G2: 523, R_AARCH64_TLSLD_MOVW_DTPREL_G1: 524, R_AARCH64_TLSLD_MOVW_DTPREL_G1_NC: 525,
  R_AARCH64_TLSLD_MOVW_DTPREL_G0: 526, R_AARCH64_TLSLD_MOVW_DTPREL_G0_NC: 527,
  R_AARCH64_TLSLD_ADD_DTPREL_HI12: 528, R_AARCH64_TLSLD_ADD_DTPREL_LO12: 529, R_AARCH64_TLSLD_ADD_DTPREL_LO12_NC: 530,
  R_AARCH64_TLSLD_LDST8_DTPREL_LO12: 531, R_AARCH64_TLSLD_LDST8_DTPREL_LO12_NC: 532,
  R_AARCH64_TLSLD_LDST16_DTPREL_LO12: 533, R_AARCH64_TLSLD_LDST16_DTPREL_LO12_NC: 534,
  R_AARCH64_TLSLD_LDST32_DTPREL_LO12: 535, R_AARCH64_TLSLD_LDST32_DTPREL_LO12_NC: 536,
  R_AARCH64_TLSLD_LDST64_DTPREL_LO12: 537, R_AARCH64_TLSLD_LDST64_DTPREL_LO12_NC: 538,
  R_AARCH64_TLSIE_MOVW_GOTTPREL_G1: 539, R_AARCH64_TLSIE_MOVW_GOTTPREL_G0_NC: 540,
  R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21: 541, R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC: 542, R_AARCH64_TLSIE_LD_GOTTPREL_PREL19: 543,
  R_AARCH64_TLSLE_MOVW_TPREL_G2: 544, R_AARCH64_TLSLE_MOVW_TPREL_G1: 545, R_AARCH64_TLSLE_MOVW_TPREL_G1_NC: 546,
  R_AARCH64_TLSLE_LDST8_TPREL_LO12: 552, R_AARCH64_TLSLE_LDST8_TPREL_LO12_NC: 553,
  R_AARCH64_TLSLE_LDST16_TPREL_LO12: 554, R_AARCH64_TLSLE_LDST16_TPREL_LO12_NC: 555,
  R_AARCH64_TLSLE_LDST32_TPREL_LO12: 556, R_AARCH64_TLSLE_LDST32_TPREL_LO12_NC: 557,
  R_AARCH64_TLSLE_LDST64_TPREL_LO12: 558, R_AARCH64_TLSLE_LDST64_TPREL_LO12_NC: 559,
  R_AARCH64_TLSDESC_LD_PREL19: 560, R_AARCH64_TLSDESC_ADR_PREL21: 561, R_AARCH64_TLSDESC_ADR_PAGE21: 562,
  R_AARCH64_TLSDESC_LD64_LO12: 563, R_AARCH64_TLSDESC_ADD_LO12: 564, R_AARCH64_TLSDESC_OFF_G1: 565, R_AARCH64_TLSDESC_OFF_G0_NC: 566,
  R_AARCH64_TLSDESC_CALL: 569,
  R_AARCH64_TLSLE_LDST128_TPREL_LO12: 570, R_AARCH64_TLSLE_LDST128_TPREL_LO12_NC: 571,
  R_AARCH64_TLSLD_LDST128_DTPREL_LO12: 572, R_AARCH64_TLSLD_LDST128_DTPREL_LO12_NC: 573,
};
