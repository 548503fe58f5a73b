// The registry of operand kinds: the spec strings the table uses (`R:Rd:sf:sp`, `aimm`,
// `mem:uoff:3`, …) resolved to kinds (kind.ts describes the protocol). Unknown specs are table
// bugs and throw when the table is compiled at load time.

import { nextRegisterKind, optionalZeroRegister, registerKind } from './registers.js';
import { addImm, addImmNegated, addImmRelocatable, bitmaskImm, bitmaskInvertedImm, bitmaskMovImm, hwShift, imm16Wide, imm16WideMovk, movnImm, movzImm, shift12, unsignedImmKind } from './immediates.js';
import { condKind, extendKind, shiftKind } from './shifts.js';
import { adrTarget, adrpTarget, branchKind, testBit } from './targets.js';
import { literalKind, memBaseOnly, memImm9, memPair, memRegOffset, memUnsignedOffset } from './memory.js';
import { barrierKind, crKind, hintNumber, isbOption, literalWordKind, prefetchOperation, pstateKind, sysregKind } from './system.js';
import { bitfieldKinds } from './bitfield.js';
import type { OperandKind } from './kind.js';

export { OperandMismatch, type EncodeState, type Fields, type OperandKind } from './kind.js';
export { parseRegister, registerName, type ParsedReg } from './registers.js';
export { pstateFields } from './system.js';

const fixedKinds: Record<string, OperandKind> = {
  aimm: addImm,
  'aimm:rel': addImmRelocatable,
  'aimm:neg': addImmNegated,
  sh12: shift12,
  hw: hwShift,
  imm16w: imm16Wide,
  'imm16w:k': imm16WideMovk,
  movz: movzImm,
  movn: movnImm,
  bimm: bitmaskImm,
  'bimm:mov': bitmaskMovImm,
  'bimm:inv': bitmaskInvertedImm,
  cond: condKind('cond', false),
  invcond: condKind('invcond', true),
  adr: adrTarget,
  adrp: adrpTarget,
  tbit: testBit,
  'mem:base': memBaseOnly,
  literal: literalKind,
  sysreg: sysregKind,
  pstate: pstateKind,
  barrier: barrierKind,
  isb: isbOption,
  hint: hintNumber,
  prfop: prefetchOperation,
  'cr:CRn': crKind('cr:CRn', 'CRn'),
  'cr:CRm': crKind('cr:CRm', 'CRm'),
  'R?zr:Rt:x': optionalZeroRegister,
  'shift:arith': shiftKind('shift:arith', false),
  'shift:logic': shiftKind('shift:logic', true),
  'ext:sp': extendKind('ext:sp', ['Rd', 'Rn']),
  'ext:spn': extendKind('ext:spn', ['Rn']),
  'label:imm26:jump': branchKind('label:imm26:jump', 'imm26', 26, 'R_AARCH64_JUMP26'),
  'label:imm26:call': branchKind('label:imm26:call', 'imm26', 26, 'R_AARCH64_CALL26'),
  // GNU as reads a CBZ/CBNZ target like a literal's (ADDR_PCREL19): `cbz x0, :got:s` gets
  // GOT_LD_PREL19; B.cond takes no operator
  'label:imm19': branchKind('label:imm19', 'imm19', 19, 'R_AARCH64_CONDBR19', 'literal'),
  'label:imm19:cond': branchKind('label:imm19:cond', 'imm19', 19, 'R_AARCH64_CONDBR19'),
  'label:imm14': branchKind('label:imm14', 'imm14', 14, 'R_AARCH64_TSTBR14'),
  ...bitfieldKinds,
};

const cache = new Map<string, OperandKind>();

/** The operand kind a table spec string names. Throws on an unknown spec (a table bug). */
export function operandKind(spec: string): OperandKind {
  const hit = cache.get(spec);
  if (hit) return hit;
  let kind = fixedKinds[spec];
  const parts = spec.split(':');
  if (!kind && parts[0] === 'R+1') {
    // R+1:<field>:<width rule> — the odd register of a pair starting at <field>
    kind = nextRegisterKind(spec, parts[1]!, parts[2]!);
  } else if (!kind && (parts[0] === 'R' || parts[0] === 'R?')) {
    // R:<field[+field]>:<width rule>[:sp]   (R? = optional register defaulting to x30)
    kind = registerKind(spec, parts[1]!.split('+'), parts[2]!, parts[3] === 'sp', parts[0] === 'R?');
  } else if (!kind && (parts[0] === 'imm' || parts[0] === 'imm?')) {
    // imm:<field>:<width>:<hex|dec>   (imm? = optional, 0 when left out)
    kind = unsignedImmKind(spec, parts[1]!, Number(parts[2]), parts[3] as 'hex' | 'dec', parts[0] === 'imm?');
  } else if (!kind && parts[0] === 'lit') {
    kind = literalWordKind(spec, parts[1]!);
  } else if (!kind && parts[0] === 'mem') {
    const scale = Number(parts[2]);
    if (parts[1] === 'uoff') kind = memUnsignedOffset(spec, scale);
    else if (parts[1] === 'reg') kind = memRegOffset(spec, scale);
    else if (parts[1] === 'pre9') kind = memImm9(spec, 'pre');
    else if (parts[1] === 'post9') kind = memImm9(spec, 'post');
    else if (parts[1] === 'simm9') kind = memImm9(spec, 'offset');
    else if (parts[1] === 'pair') kind = memPair(spec, scale, 'offset');
    else if (parts[1] === 'pairpre') kind = memPair(spec, scale, 'pre');
    else if (parts[1] === 'pairpost') kind = memPair(spec, scale, 'post');
  }
  if (!kind) throw new Error(`A64 table: unknown operand kind '${spec}'`);
  cache.set(spec, kind);
  return kind;
}
