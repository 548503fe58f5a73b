// The shapes that cross the package boundary of @vsys/isa-arm64.
//
// The A64 table lists each instruction form once: its fixed bits, its fields, and its
// assembler syntax. The encoder (used by @vsys/asm), the decoder (used by @vsys/emu and the
// disassembler) and the printer all read that one table.

/** An operand as the assembler parsed it. Register names are GNU as spellings: x0..x30, w0..w30,
 *  sp, wsp, xzr, wzr. Values the assembler cannot know yet are `symbolic`: the encoder leaves
 *  the field zero and reports it as a fixup. */
export type A64Operand =
  | { kind: 'reg'; reg: string }
  | { kind: 'imm'; value: bigint; symbolic?: boolean; /** `:lo12:sym` and friends */ modifier?: string }
  | { kind: 'shift'; shift: 'lsl' | 'lsr' | 'asr' | 'ror' | 'msl'; amount: number }
  | { kind: 'extend'; extend: 'uxtb' | 'uxth' | 'uxtw' | 'uxtx' | 'sxtb' | 'sxth' | 'sxtw' | 'sxtx'; amount?: number }
  | {
      kind: 'mem';
      base: string;
      /** [base, #imm] / [base, #imm]! / [base], #imm */
      mode: 'offset' | 'pre' | 'post';
      offset?: { kind: 'imm'; value: bigint; symbolic?: boolean; modifier?: string } | { kind: 'reg'; reg: string; extend?: string; amount?: number };
    }
  | { kind: 'label'; target: bigint; symbolic?: boolean } // branch / adr / ldr literal targets
  | { kind: 'cond'; cond: string } // eq, ne, cs/hs, cc/lo, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv
  | { kind: 'sysreg'; name: string } // tpidr_el0, nzcv, vbar_el1, s3_0_c1_c0_0 …
  | { kind: 'pstatefield'; name: string } // daifset, daifclr, spsel
  | { kind: 'barrier'; name: string }; // sy, ish, ld, …

export interface A64Instruction {
  mnemonic: string; // as written: add, b.eq, ldr, mov, …
  operands: A64Operand[];
  /** Address of the instruction, for PC-relative targets (`label`/absolute `imm` targets of
   *  b, bl, b.cond, cbz, tbz, adr, adrp, ldr literal). Default 0. (Added additively.) */
  address?: bigint;
}

/** A field the assembler must fill from a symbolic value, or relocate. `reloc` names the
 *  relocation GNU as would emit for it (R_AARCH64_CALL26, ADR_PREL_PG_HI21, LDST64_ABS_LO12_NC…). */
export interface A64Fixup {
  operand: number;
  reloc: string;
}

export interface A64EncodeResult {
  word: number; // the 32-bit instruction, fields of fixups left zero
  fixups: A64Fixup[];
  /** GNU as's warnings for a CONSTRAINED UNPREDICTABLE operand combination it still assembles
   *  ("unpredictable transfer with writeback", …). (Added additively.) */
  warnings?: string[];
}

export class A64EncodeError extends Error {
  constructor(message: string, public readonly operand?: number) {
    super(message);
    this.name = 'A64EncodeError';
  }
}

/** The decoder's answer. `form` names the canonical encoding (not the alias), e.g.
 *  'ADD_imm', 'SUBS_shift', 'LDR_imm_post', 'B_cond', 'SVC'. `fields` are the raw bit fields of
 *  that form, by the names the Arm ARM uses (sf, op, S, sh, imm12, Rn, Rd, Rm, Rt, Rt2, imm9,
 *  imm19, imm26, cond, N, immr, imms, hw, imm16, option, imm3, shift, imm6, size, opc, …). */
export interface A64Decoded {
  address: bigint;
  word: number;
  form: string;
  /** Dense integer id of `form`, for a switch in the emulator. */
  formId: number;
  fields: Record<string, number>;
}
