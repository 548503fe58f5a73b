// The encoder: an A64Instruction (mnemonic + parsed operands) → the 32-bit word and the
// fixups the assembler must resolve. It tries every table entry and alias spelling the
// mnemonic in table order (= GNU as's preference) and returns the first that accepts all
// operands; if none does, it reports the error of the candidate that got furthest.

import { A64EncodeError, type A64EncodeResult, type A64Instruction, type A64Operand } from './types.js';
import { candidatesFor, type EncodingCandidate } from './table/compiled.js';
import { conditionCode } from './table/conditions.js';
import { OperandMismatch, type EncodeState } from './table/operands/index.js';
import { insertField } from './table/pattern.js';

export interface A64EncodeOptions {
  /** address of the instruction, for PC-relative targets (default 0) */
  address?: bigint;
}

function tryCandidate(c: EncodingCandidate, operands: A64Operand[], address: bigint, preset: Record<string, number>): A64EncodeResult {
  const s: EncodeState = { fields: { ...c.form.spec.encodeDefaults, ...c.form.fixedFields, ...c.fixed, ...preset }, address, fixups: [], index: 0, scratch: {} };
  if (operands.length > c.operands.length) throw new OperandMismatch(`too many operands (expected at most ${c.operands.length})`);
  for (let i = 0; i < c.operands.length; i++) {
    const kind = c.operands[i]!;
    const op = operands[i];
    if (op === undefined && !kind.optional) throw new OperandMismatch(`missing operand ${i + 1}`);
    s.index = i;
    try {
      kind.encode(op, s);
    } catch (e) {
      if (e instanceof OperandMismatch) (e as OperandMismatch & { operand?: number }).operand = i;
      throw e;
    }
  }
  const f = s.fields;
  if (c.alias?.spec.encodeCheck && c.alias.spec.when && !c.alias.spec.when(f)) throw new OperandMismatch('operands do not fit this form');
  let word = c.form.value;
  for (const field of c.form.fields) {
    const v = f[field.name] ?? 0;
    word = insertField(word, field, v);
  }
  word >>>= 0;
  if ((word & c.form.mask) >>> 0 !== c.form.value) throw new OperandMismatch('operands conflict with fixed bits');
  if (!c.form.spec.assemblesUnallocated && c.form.spec.unallocated?.(f)) throw new OperandMismatch('operand combination is unallocated');
  const warning = c.form.spec.warn?.(f);
  const warnings = [...(s.warnings ?? []), ...(warning ? [warning] : [])];
  return warnings.length ? { word, fixups: s.fixups, warnings } : { word, fixups: s.fixups };
}

/** Split `b.eq` / `beq` into the b.<cond> template and its condition field. */
function conditionalBranch(mnemonic: string): { template: string; cond: number } | undefined {
  const m = /^b(\.?)([a-z]{2})$/.exec(mnemonic);
  if (!m || mnemonic === 'bl') return undefined;
  // GNU as takes `beq` as well as `b.eq`, but `b.al`/`b.nv` only with the dot
  if (m[1] === '' && (m[2] === 'al' || m[2] === 'nv')) return undefined;
  const cond = conditionCode(m[2]!);
  return cond === undefined ? undefined : { template: 'b.<cond>', cond };
}

/** Whether the assembler knows `mnemonic` (incl. alias spellings and `b.eq`/`beq`). */
export function isA64Mnemonic(mnemonic: string): boolean {
  const m = mnemonic.toLowerCase();
  return candidatesFor(m) !== undefined || conditionalBranch(m) !== undefined;
}

/** Encode one instruction. Throws A64EncodeError (never another exception) for bad input. */
export function encodeA64(insn: A64Instruction, options: A64EncodeOptions = {}): A64EncodeResult {
  const address = options.address ?? insn.address ?? 0n;
  const mnemonic = insn.mnemonic.toLowerCase();
  let candidates = candidatesFor(mnemonic);
  const preset: Record<string, number> = {};
  if (!candidates) {
    const cb = conditionalBranch(mnemonic);
    if (cb) {
      candidates = candidatesFor(cb.template);
      preset.cond = cb.cond;
    }
  }
  if (!candidates) throw new A64EncodeError(`unknown mnemonic '${insn.mnemonic}'`);
  let best: { error: OperandMismatch; operand: number } | undefined;
  for (const c of candidates) {
    try {
      return tryCandidate(c, insn.operands, address, preset);
    } catch (e) {
      if (!(e instanceof OperandMismatch)) {
        throw new A64EncodeError(`internal encoder error for '${insn.mnemonic}': ${(e as Error).message}`);
      }
      const operand = (e as OperandMismatch & { operand?: number }).operand ?? -1;
      if (!best || operand > best.operand) best = { error: e, operand };
    }
  }
  const where = best && best.operand >= 0 ? ` (operand ${best.operand + 1})` : '';
  throw new A64EncodeError(`invalid operands for '${insn.mnemonic}': ${best?.error.message ?? 'no form matches'}${where}`, best && best.operand >= 0 ? best.operand : undefined);
}
