// PC-relative targets of branches, ADR/ADRP and literal loads, and the TBZ/TBNZ bit number.
// A symbolic target leaves the field zero and reports the relocation GNU as emits.

import type { A64Operand } from '../../types.js';
import { fail, immValue, signExtend, type EncodeState, type OperandKind } from './kind.js';
import { relocFor, type RelocClass } from './relocOperators.js';

/** The offset to a target, or null after recording a fixup for a symbolic one. `cls` names the
 *  instruction class for relocation operators (`adrp x0, :got:sym`); without one (branches) an
 *  operator is an error, as in GNU as. */
export function labelTarget(op: A64Operand | undefined, s: EncodeState, reloc: string, cls?: RelocClass): bigint | null {
  if (!op) return fail('expected a label');
  if (op.kind === 'imm' && op.modifier) {
    if (!cls) return fail(`relocation modifier ':${op.modifier}:' is not allowed here`);
    s.fixups.push({ operand: s.index, reloc: relocFor(op.modifier, cls) });
    return null;
  }
  if (op.kind === 'label') {
    if (op.symbolic) {
      s.fixups.push({ operand: s.index, reloc });
      return null;
    }
    return op.target - s.address;
  }
  if (op.kind === 'imm') {
    // a bare number is an absolute target address, as in GNU as
    if (op.symbolic) {
      s.fixups.push({ operand: s.index, reloc });
      return null;
    }
    return op.value - s.address;
  }
  return fail('expected a label');
}

export const targetText = (t: bigint): string => BigInt.asUintN(64, t).toString(16);


/** imm26/imm19/imm14 word offsets of B/BL/B.cond/CBZ/TBZ/LDR (literal). */
export function branchKind(spec: string, field: string, bits: number, reloc: string, cls?: RelocClass): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      const off = labelTarget(op, s, reloc, cls);
      if (off === null) {
        s.fields[field] = 0;
        return;
      }
      if (off & 3n) fail('branch target is not 4-byte aligned');
      const words = off >> 2n;
      if (words < -(1n << BigInt(bits - 1)) || words >= 1n << BigInt(bits - 1)) fail('branch target out of range');
      s.fields[field] = Number(BigInt.asUintN(bits, words));
    },
    format: (f, address) => targetText(address + BigInt(signExtend(f[field]!, bits) * 4)),
    target: (f, address) => BigInt.asUintN(64, address + BigInt(signExtend(f[field]!, bits) * 4)),
  };
}

export const adrTarget: OperandKind = {
  spec: 'adr',
  optional: false,
  encode(op, s) {
    const off = labelTarget(op, s, 'R_AARCH64_ADR_PREL_LO21', 'adr');
    const v = off ?? 0n;
    if (v < -(1n << 20n) || v >= 1n << 20n) fail('adr target out of range');
    const u = Number(BigInt.asUintN(21, v));
    s.fields.immlo = u & 3;
    s.fields.immhi = u >>> 2;
  },
  format: (f, address) => targetText(address + BigInt(signExtend((f.immhi! << 2) | f.immlo!, 21))),
  target: (f, address) => BigInt.asUintN(64, address + BigInt(signExtend((f.immhi! << 2) | f.immlo!, 21))),
};

export const adrpTarget: OperandKind = {
  spec: 'adrp',
  optional: false,
  encode(op, s) {
    if (op && (op.kind === 'imm' || op.kind === 'label') && (op.symbolic || (op.kind === 'imm' && op.modifier))) {
      // `adrp x0, sym` and `adrp x0, :pg_hi21:sym` are the page of sym; `:got:`, `:tlsdesc:`, …
      // the page of its GOT/TLS entry
      s.fixups.push({ operand: s.index, reloc: op.kind === 'imm' && op.modifier ? relocFor(op.modifier, 'adrp') : 'R_AARCH64_ADR_PREL_PG_HI21' });
      s.fields.immlo = 0;
      s.fields.immhi = 0;
      return;
    }
    const saved = s.address;
    s.address = saved & ~0xfffn;
    const off = labelTarget(op, s, 'R_AARCH64_ADR_PREL_PG_HI21')!;
    s.address = saved;
    const pages = off >> 12n;
    if (pages < -(1n << 20n) || pages >= 1n << 20n) fail('adrp target out of range');
    const u = Number(BigInt.asUintN(21, pages));
    s.fields.immlo = u & 3;
    s.fields.immhi = u >>> 2;
  },
  format: (f, address) => targetText((address & ~0xfffn) + (BigInt(signExtend((f.immhi! << 2) | f.immlo!, 21)) << 12n)),
  target: (f, address) => BigInt.asUintN(64, (address & ~0xfffn) + (BigInt(signExtend((f.immhi! << 2) | f.immlo!, 21)) << 12n)),
};


export const testBit: OperandKind = {
  spec: 'tbit',
  optional: false,
  encode(op, s) {
    const v = immValue(op);
    const regIsX = s.scratch.b5Width === 'x';
    if (v < 0n || v >= (regIsX ? 64n : 32n)) fail('bit number out of range');
    s.fields.b5 = Number(v >> 5n);
    s.fields.b40 = Number(v & 31n);
  },
  format: (f) => `#${(f.b5! << 5) | f.b40!}`,
};
