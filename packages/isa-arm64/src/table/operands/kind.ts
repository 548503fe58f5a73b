// The shape of an operand kind and the helpers every kind uses. An operand kind says how one
// written operand maps onto encoding fields and back: the table names a kind by a short spec
// string (`R:Rd:sf:sp`, `aimm`, `mem:uoff:3`, …) and `operandKind(spec)` (index.ts) turns it
// into a pair of functions. The encoder runs `encode` left to right over the written operands
// (a kind may read fields set by earlier operands, as the Arm ARM's operand descriptions do,
// e.g. an extend depending on whether Rd/Rn is SP); the printer runs `format`. Operand rules
// follow the Arm ARM C6.2 instruction descriptions; printing follows GNU objdump (binutils
// opcodes/aarch64-opc.c) so that our text equals `objdump -d`.

import type { A64Fixup, A64Operand } from '../../types.js';
export type Fields = Record<string, number>;

export interface EncodeState {
  fields: Fields;
  address: bigint;
  fixups: A64Fixup[];
  /** index of the operand being encoded (for fixups and errors) */
  index: number;
  /** scratch values passed between operands of one instruction */
  scratch: Record<string, string | number>;
  /** warnings an operand gives (GNU as's, e.g. writing a read-only system register) */
  warnings?: string[];
}

export interface OperandKind {
  spec: string;
  /** may be left out at the end of the operand list */
  optional: boolean;
  /** Set fields from `op` (undefined = omitted optional operand). Throws OperandMismatch. */
  encode(op: A64Operand | undefined, s: EncodeState): void;
  /** Text of the operand, or null to omit it. */
  format(f: Fields, address: bigint): string | null;
  /** For PC-relative operands: the target address (the printer may add `<symbol>` after it). */
  target?(f: Fields, address: bigint): bigint;
  /** objdump's trailing comment for this operand, if any (e.g. `#-1` after `mov x0, #0x…`) */
  comment?(f: Fields): string | undefined;
}

/** Thrown when an operand does not fit a kind; the encoder then tries the next form. It is
 *  control flow (most candidates of a mnemonic reject most operand lists), so it is made
 *  without a stack trace: capturing one per rejected candidate was a third of the assembler's
 *  time on ARM64 sources. */
export class OperandMismatch extends Error {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}
OperandMismatch.prototype.name = 'OperandMismatch';

export const fail = (msg: string): never => {
  throw new OperandMismatch(msg);
};

/** The value of an immediate operand (symbolic values are not allowed by the caller's kind). */
export function immValue(op: A64Operand | undefined): bigint {
  if (!op || op.kind !== 'imm') return fail('expected an immediate');
  if (op.symbolic) fail('symbolic value not allowed here');
  return op.value;
}

export const hex = (v: bigint | number): string => `#0x${v.toString(16)}`;
export const regWidthOf = (f: Fields): 32 | 64 => (f.sf ? 64 : 32);
export const maskTo = (v: bigint, bits: 32 | 64): bigint => v & ((1n << BigInt(bits)) - 1n);

export function checkFits(v: bigint, bits: 32 | 64): bigint {
  // GNU as accepts both signed and unsigned spellings of a register-width value
  if (v < -(1n << BigInt(bits - 1)) || v >= 1n << BigInt(bits)) fail(`immediate does not fit in ${bits} bits`);
  return maskTo(v, bits);
}

export function signExtend(v: number, bits: number): number {
  const shift = 32 - bits;
  return (v << shift) >> shift;
}
