// Immediate operands: plain fields, ADD/SUB imm12 with its LSL #12, MOVZ/MOVN/MOVK and the
// MOV aliases, and logical (bitmask) immediates.

import { decodeBitmask, encodeBitmask } from '../bitmask.js';
import { checkFits, fail, hex, immValue, maskTo, regWidthOf, type OperandKind } from './kind.js';
import { movwRelocFor, relocFor, relocOperator } from './relocOperators.js';



/** `imm:<field>:<width>:<hex|dec>`; `imm?:…` may be left out (0) and is then not printed
 *  (DCPS1 {#imm}, as objdump prints `dcps1` for imm16 = 0). */
export function unsignedImmKind(spec: string, field: string, width: number, style: 'hex' | 'dec', optional = false): OperandKind {
  return {
    spec,
    optional,
    encode(op, s) {
      if (op === undefined && optional) {
        s.fields[field] = 0;
        return;
      }
      const v = immValue(op);
      if (v < 0n || v >= 1n << BigInt(width)) fail(`immediate out of range 0..${(1 << width) - 1}`);
      s.fields[field] = Number(v);
    },
    format(f) {
      const v = f[field]!;
      if (optional && v === 0) return null;
      return style === 'hex' ? hex(v) : `#${v}`;
    },
  };
}

/** ADD/SUB immediate: imm12. On ADD (spec `aimm:rel`) also a relocation operator:
 *  `#:lo12:sym` → R_AARCH64_ADD_ABS_LO12_NC, `:tprel_hi12:`, `:tlsdesc_lo12:`, … (relocOperators.ts);
 *  GNU as refuses them on ADDS/SUB/SUBS/CMP/CMN ("bad expression"). */
function addImmKind(spec: string, relocations: boolean): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      if (!op || op.kind !== 'imm') return fail('expected an immediate');
      if (op.modifier) {
        if (!relocations) fail(`relocation modifier ':${op.modifier}:' is not allowed here`);
        const r = relocOperator(op.modifier);
        s.fixups.push({ operand: s.index, reloc: relocFor(op.modifier, 'add') });
        s.fields.imm12 = 0;
        if (r.addShift12) s.scratch.forceShift12 = 1;
        return;
      }
      if (op.symbolic) fail('symbolic value not allowed here');
      const v = op.value;
      if (v >= 0n && v < 4096n) {
        s.fields.imm12 = Number(v);
        return;
      }
      // GNU as also accepts a multiple of 4096 below 2^24 and encodes it with LSL #12
      if (v >= 0n && v < 1n << 24n && (v & 0xfffn) === 0n) {
        s.fields.imm12 = Number(v >> 12n);
        s.scratch.impliedShift12 = 1;
        return;
      }
      fail('immediate out of range for add/sub (0..4095, optionally lsl #12)');
    },
    format: (f) => hex(f.imm12!),
  };
}
export const addImm = addImmKind('aimm', false);
export const addImmRelocatable = addImmKind('aimm:rel', true);

/** GNU as turns `add Xd, Xn, #-imm` into `sub Xd, Xn, #imm` (and cmp into cmn, …): this kind
 *  accepts only negative values and encodes their magnitude; the table lists it on the
 *  opposite instruction as an assembler-only spelling. */
export const addImmNegated: OperandKind = {
  spec: 'aimm:neg',
  optional: false,
  encode(op, s) {
    if (!op || op.kind !== 'imm' || op.symbolic || op.value >= 0n) return fail('expected a negative immediate');
    addImm.encode({ kind: 'imm', value: -op.value }, s);
  },
  format: (f) => `#-0x${f.imm12!.toString(16)}`,
};

export const shift12: OperandKind = {
  spec: 'sh12',
  optional: true,
  encode(op, s) {
    if (op === undefined) {
      s.fields.sh = s.scratch.impliedShift12 || s.scratch.forceShift12 ? 1 : 0;
      return;
    }
    if (op.kind !== 'shift' || op.shift !== 'lsl' || (op.amount !== 0 && op.amount !== 12)) return fail('expected lsl #0 or lsl #12');
    if (s.scratch.impliedShift12) fail('immediate needs lsl #12 and cannot be shifted again');
    // :tprel_hi12: always sets the shift (GNU as writes sh = 1 even after `lsl #0`)
    s.fields.sh = op.amount === 12 || s.scratch.forceShift12 ? 1 : 0;
  },
  format: (f) => (f.sh ? 'lsl #12' : null),
};

/** MOVZ/MOVN/MOVK `lsl #16*hw`. */
export const hwShift: OperandKind = {
  spec: 'hw',
  optional: true,
  encode(op, s) {
    if (s.fields.hw !== undefined && op === undefined) return;
    if (op !== undefined && s.scratch.movwRelocation) fail("can't mix relocation modifier with explicit shift");
    if (op === undefined) {
      s.fields.hw = 0;
      return;
    }
    if (op.kind !== 'shift' || op.shift !== 'lsl' || op.amount % 16 !== 0) return fail('expected lsl #0/16/32/48');
    const hw = op.amount / 16;
    if (hw > (s.fields.sf ? 3 : 1)) fail('shift out of range');
    s.fields.hw = hw;
  },
  format: (f) => (f.hw ? `lsl #${f.hw * 16}` : null),
};

/** MOVZ/MOVN/MOVK imm16, also a relocation operator (`#:abs_g1:sym`, `#:tprel_g0_nc:v`, …):
 *  the group sets hw; GNU as refuses groups 2 and 3 on a w register, and the signed/checked
 *  groups on MOVK (`imm16w:k`). */
function imm16WideKind(spec: string, movk: boolean): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      if (!op || op.kind !== 'imm') return fail('expected an immediate');
      if (op.modifier) {
        const r = movwRelocFor(op.modifier);
        if (movk && r.noMovk) fail(`relocation modifier ':${op.modifier}:' is not allowed on movk`);
        if (!s.fields.sf && r.group >= 2) fail(`relocation modifier ':${op.modifier}:' needs a 64-bit register`);
        s.fields.imm16 = 0;
        s.fields.hw = r.group;
        s.scratch.movwRelocation = 1;
        s.fixups.push({ operand: s.index, reloc: r.reloc });
        return;
      }
      if (op.symbolic) fail('symbolic value not allowed here');
      if (op.value < 0n || op.value > 0xffffn) fail('immediate out of range 0..65535');
      s.fields.imm16 = Number(op.value);
    },
    format: (f) => hex(f.imm16!),
  };
}
export const imm16Wide = imm16WideKind('imm16w', false);
export const imm16WideMovk = imm16WideKind('imm16w:k', true);


/** objdump prints MOV immediates as `#0x` + hex digits padded to 20 columns and adds the signed
 *  decimal value as a comment (binutils opcodes/aarch64-opc.c, AARCH64_OPND_IMM_MOV). */
export const movImmText = (v: bigint): string => `#0x${v.toString(16).padEnd(20)}`;
export const movImmComment = (v: bigint, bits: 32 | 64): string => `#${BigInt.asIntN(bits, v)}`;


/** `mov Rd, #imm` as MOVZ (Arm ARM C6.2 MOV (wide immediate)). */
export const movzImm: OperandKind = {
  spec: 'movz',
  optional: false,
  encode(op, s) {
    const bits = regWidthOf(s.fields);
    const v = checkFits(immValue(op), bits);
    for (let hw = 0; hw < bits / 16; hw++) {
      if ((v & ~(0xffffn << BigInt(16 * hw))) === 0n) {
        s.fields.imm16 = Number(v >> BigInt(16 * hw));
        s.fields.hw = hw;
        return;
      }
    }
    fail('not a MOVZ immediate');
  },
  format: (f) => movImmText(BigInt(f.imm16!) << BigInt(16 * f.hw!)),
  comment: (f) => movImmComment(BigInt(f.imm16!) << BigInt(16 * f.hw!), regWidthOf(f)),
};

/** `mov Rd, #imm` as MOVN (Arm ARM C6.2 MOV (inverted wide immediate)). */
export const movnImm: OperandKind = {
  spec: 'movn',
  optional: false,
  encode(op, s) {
    const bits = regWidthOf(s.fields);
    const v = maskTo(~checkFits(immValue(op), bits), bits);
    for (let hw = 0; hw < bits / 16; hw++) {
      if ((v & ~(0xffffn << BigInt(16 * hw))) === 0n) {
        s.fields.imm16 = Number(v >> BigInt(16 * hw));
        s.fields.hw = hw;
        return;
      }
    }
    fail('not a MOVN immediate');
  },
  format: (f) => movImmText(maskTo(~(BigInt(f.imm16!) << BigInt(16 * f.hw!)), regWidthOf(f))),
  comment: (f) => movImmComment(maskTo(~(BigInt(f.imm16!) << BigInt(16 * f.hw!)), regWidthOf(f)), regWidthOf(f)),
};

/** Logical immediate N:immr:imms (see bitmask.ts). */
export const bitmaskImm: OperandKind = {
  spec: 'bimm',
  optional: false,
  encode(op, s) {
    const bits = regWidthOf(s.fields);
    const enc = encodeBitmask(checkFits(immValue(op), bits), bits);
    if (!enc) return fail('immediate is not a valid bitmask immediate');
    s.fields.N = enc.N;
    s.fields.immr = enc.immr;
    s.fields.imms = enc.imms;
  },
  format(f) {
    const v = decodeBitmask(f.N!, f.imms!, f.immr!, regWidthOf(f));
    return v === null ? '#<reserved>' : hex(v);
  },
};

/** `bic Rd, Rn, #imm`: GNU as encodes AND with the inverted immediate (assembler-only spelling). */
export const bitmaskInvertedImm: OperandKind = {
  spec: 'bimm:inv',
  optional: false,
  encode(op, s) {
    const bits = regWidthOf(s.fields);
    bitmaskImm.encode({ kind: 'imm', value: maskTo(~checkFits(immValue(op), bits), bits) }, s);
  },
  format(f) {
    const v = decodeBitmask(f.N!, f.imms!, f.immr!, regWidthOf(f));
    return v === null ? '#<reserved>' : hex(maskTo(~v, regWidthOf(f)));
  },
};

/** The same immediate as written in `mov Rd, #imm` (ORR alias): objdump's MOV layout. */
export const bitmaskMovImm: OperandKind = {
  ...bitmaskImm,
  spec: 'bimm:mov',
  format(f) {
    const v = decodeBitmask(f.N!, f.imms!, f.immr!, regWidthOf(f));
    return v === null ? '#<reserved>' : movImmText(v);
  },
  comment(f) {
    const v = decodeBitmask(f.N!, f.imms!, f.immr!, regWidthOf(f));
    return v === null ? undefined : movImmComment(v, regWidthOf(f));
  },
};
