// Operand kinds: how one written operand maps onto encoding fields and back. The table names
// a kind by a short spec string (`R:Rd:sf:sp`, `aimm`, `mem:uoff:3`, …); `operandKind(spec)`
// turns it into a pair of functions. The encoder runs `encode` left to right over the written
// operands (a kind may read fields set by earlier operands, as the Arm ARM's operand
// descriptions do, e.g. an extend depending on whether Rd/Rn is SP), the printer runs `format`.
// Register/operand rules follow the Arm ARM C6.2 instruction descriptions; printing follows
// GNU objdump (binutils opcodes/aarch64-opc.c) so that our text equals `objdump -d`.

import type { A64Fixup, A64Operand } from '../types.js';
import { decodeBitmask, encodeBitmask } from './bitmask.js';
import { conditionCode, conditionNames } from './conditions.js';
import { sysregByName, sysregName } from './sysregs.js';

export type Fields = Record<string, number>;

export interface EncodeState {
  fields: Fields;
  address: bigint;
  fixups: A64Fixup[];
  /** index of the operand being encoded (for fixups and errors) */
  index: number;
  /** scratch values passed between operands of one instruction */
  scratch: Record<string, string | number>;
}

export interface OperandKind {
  spec: string;
  /** may be left out at the end of the operand list */
  optional: boolean;
  /** Set fields from `op` (undefined = omitted optional operand). Throws OperandMismatch. */
  encode(op: A64Operand | undefined, s: EncodeState): void;
  /** Text of the operand, or null to omit it. */
  format(f: Fields, address: bigint): string | null;
  /** objdump's trailing comment for this operand, if any (e.g. `#-1` after `mov x0, #0x…`) */
  comment?(f: Fields): string | undefined;
}

/** Thrown when an operand does not fit a kind; the encoder then tries the next form. */
export class OperandMismatch extends Error {
  override name = 'OperandMismatch';
}

const fail = (msg: string): never => {
  throw new OperandMismatch(msg);
};

// ---------------------------------------------------------------- registers

export interface ParsedReg {
  num: number; // 0..31
  width: 'x' | 'w';
  /** 31 written as sp/wsp (true) or xzr/wzr (false); undefined for 0..30 */
  sp?: boolean;
}

/** GNU as register spellings incl. its aliases ip0/ip1/fp/lr (binutils gas/config/tc-aarch64.c). */
export function parseRegister(name: string): ParsedReg | undefined {
  const n = name.toLowerCase();
  if (n === 'sp') return { num: 31, width: 'x', sp: true };
  if (n === 'wsp') return { num: 31, width: 'w', sp: true };
  if (n === 'xzr') return { num: 31, width: 'x', sp: false };
  if (n === 'wzr') return { num: 31, width: 'w', sp: false };
  if (n === 'fp') return { num: 29, width: 'x' };
  if (n === 'lr') return { num: 30, width: 'x' };
  if (n === 'ip0') return { num: 16, width: 'x' };
  if (n === 'ip1') return { num: 17, width: 'x' };
  const m = /^([xw])([0-9]|[12][0-9]|30)$/.exec(n);
  if (!m) return undefined;
  return { num: Number(m[2]), width: m[1] as 'x' | 'w' };
}

export function registerName(num: number, width: 'x' | 'w', spFor31: boolean): string {
  if (num === 31) return spFor31 ? (width === 'x' ? 'sp' : 'wsp') : width === 'x' ? 'xzr' : 'wzr';
  return `${width}${num}`;
}

type WidthRule = (f: Fields) => 'x' | 'w';
const widthRules: Record<string, WidthRule> = {
  x: () => 'x',
  w: () => 'w',
  sf: (f) => (f.sf ? 'x' : 'w'),
  // TBZ/TBNZ: Xt when b5 = 1 (Arm ARM C6.2 TBZ)
  b5: (f) => (f.b5 ? 'x' : 'w'),
  // accepts an x or w register when assembling, prints by sf (GNU as takes `uxtb x1, w2`)
  sfany: (f) => (f.sf ? 'x' : 'w'),
  // extended register: Xm only for UXTX/SXTX in the 64-bit form (Arm ARM C6.2 ADD (extended register))
  ext: (f) => (f.sf && (f.option! & 3) === 3 ? 'x' : 'w'),
};

function setWidth(rule: string, width: 'x' | 'w', s: EncodeState): void {
  const f = s.fields;
  if (rule === 'sf') {
    const want = width === 'x' ? 1 : 0;
    if (f.sf === undefined) f.sf = want;
    else if (f.sf !== want) fail(`register width mismatch: expected ${f.sf ? 'x' : 'w'} register`);
  } else if (rule === 'sfany') {
    // either width
  } else if (rule === 'b5' || rule === 'ext') {
    s.scratch[`${rule}Width`] = width;
  } else if (rule !== width) {
    fail(`expected a ${rule} register`);
  }
}

/** SYS's optional Xt, which defaults to XZR and is then not printed (Arm ARM C6.2 SYS). */
const optionalZeroRegister: OperandKind = {
  spec: 'R?zr:Rt:x',
  optional: true,
  encode(op, s) {
    if (op === undefined) {
      s.fields.Rt = 31;
      return;
    }
    const r = op.kind === 'reg' ? parseRegister(op.reg) : undefined;
    if (!r || r.width !== 'x' || (r.num === 31 && r.sp)) return fail('expected an x register');
    s.fields.Rt = r.num;
  },
  format: (f) => (f.Rt === 31 ? null : registerName(f.Rt!, 'x', false)),
};

function registerKind(spec: string, fieldList: string[], rule: string, allowSp: boolean, optional: boolean): OperandKind {
  return {
    spec,
    optional,
    encode(op, s) {
      if (op === undefined) {
        // an omitted optional register defaults to x30 (RET: "Xn defaults to X30", Arm ARM C6.2 RET)
        for (const fl of fieldList) s.fields[fl] = 30;
        return;
      }
      if (op.kind !== 'reg') fail('expected a register');
      const r = parseRegister((op as { reg: string }).reg);
      if (!r) return fail(`unknown register '${(op as { reg: string }).reg}'`);
      if (r.num === 31 && r.sp !== allowSp) fail(allowSp ? 'zero register not allowed here' : 'sp not allowed here');
      setWidth(rule, r.width, s);
      for (const fl of fieldList) s.fields[fl] = r.num;
    },
    format(f) {
      const num = f[fieldList[0]!]!;
      if (optional && num === 30) return null;
      return registerName(num, widthRules[rule]!(f), allowSp);
    },
  };
}

// ---------------------------------------------------------------- immediates

function immValue(op: A64Operand | undefined): bigint {
  if (!op || op.kind !== 'imm') return fail('expected an immediate');
  if (op.symbolic) fail('symbolic value not allowed here');
  return op.value;
}

const hex = (v: bigint | number): string => `#0x${v.toString(16)}`;

function unsignedImmKind(spec: string, field: string, width: number, style: 'hex' | 'dec'): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      const v = immValue(op);
      if (v < 0n || v >= 1n << BigInt(width)) fail(`immediate out of range 0..${(1 << width) - 1}`);
      s.fields[field] = Number(v);
    },
    format(f) {
      const v = f[field]!;
      return style === 'hex' ? hex(v) : `#${v}`;
    },
  };
}

/** ADD/SUB immediate: imm12 (optionally `:lo12:sym`, relocated by R_AARCH64_ADD_ABS_LO12_NC). */
const addImm: OperandKind = {
  spec: 'aimm',
  optional: false,
  encode(op, s) {
    if (!op || op.kind !== 'imm') return fail('expected an immediate');
    if (op.symbolic) {
      if (op.modifier !== 'lo12') fail('only :lo12: symbols are allowed in an add/sub immediate');
      s.fixups.push({ operand: s.index, reloc: 'R_AARCH64_ADD_ABS_LO12_NC' });
      s.fields.imm12 = 0;
      return;
    }
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

/** GNU as turns `add Xd, Xn, #-imm` into `sub Xd, Xn, #imm` (and cmp into cmn, …): this kind
 *  accepts only negative values and encodes their magnitude; the table lists it on the
 *  opposite instruction as an assembler-only spelling. */
const addImmNegated: OperandKind = {
  spec: 'aimm:neg',
  optional: false,
  encode(op, s) {
    if (!op || op.kind !== 'imm' || op.symbolic || op.value >= 0n) return fail('expected a negative immediate');
    addImm.encode({ kind: 'imm', value: -op.value }, s);
  },
  format: (f) => `#-0x${f.imm12!.toString(16)}`,
};

const shift12: OperandKind = {
  spec: 'sh12',
  optional: true,
  encode(op, s) {
    if (op === undefined) {
      s.fields.sh = s.scratch.impliedShift12 ? 1 : 0;
      return;
    }
    if (op.kind !== 'shift' || op.shift !== 'lsl' || (op.amount !== 0 && op.amount !== 12)) return fail('expected lsl #0 or lsl #12');
    if (s.scratch.impliedShift12) fail('immediate needs lsl #12 and cannot be shifted again');
    s.fields.sh = op.amount === 12 ? 1 : 0;
  },
  format: (f) => (f.sh ? 'lsl #12' : null),
};

/** MOVZ/MOVN/MOVK `lsl #16*hw`. */
const hwShift: OperandKind = {
  spec: 'hw',
  optional: true,
  encode(op, s) {
    if (s.fields.hw !== undefined && op === undefined) return;
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

/** MOVZ/MOVN/MOVK imm16, also `#:abs_g0:sym`-style modifiers → R_AARCH64_MOVW_UABS_G*. */
const imm16Wide: OperandKind = {
  spec: 'imm16w',
  optional: false,
  encode(op, s) {
    if (!op || op.kind !== 'imm') return fail('expected an immediate');
    if (op.symbolic || op.modifier) {
      const m = /^abs_g([0-3])(_nc)?$/.exec(op.modifier ?? '');
      if (!m) return fail('symbolic move-wide immediate needs :abs_g0: … :abs_g3:');
      s.fields.imm16 = 0;
      s.fields.hw = Number(m[1]);
      s.fixups.push({ operand: s.index, reloc: `R_AARCH64_MOVW_UABS_G${m[1]}${m[2] ? '_NC' : ''}` });
      return;
    }
    if (op.value < 0n || op.value > 0xffffn) fail('immediate out of range 0..65535');
    s.fields.imm16 = Number(op.value);
  },
  format: (f) => hex(f.imm16!),
};

const regWidthOf = (f: Fields): 32 | 64 => (f.sf ? 64 : 32);

/** objdump prints MOV immediates as `#0x` + hex digits padded to 20 columns and adds the signed
 *  decimal value as a comment (binutils opcodes/aarch64-opc.c, AARCH64_OPND_IMM_MOV). */
const movImmText = (v: bigint): string => `#0x${v.toString(16).padEnd(20)}`;
const movImmComment = (v: bigint, bits: 32 | 64): string => `#${BigInt.asIntN(bits, v)}`;
const maskTo = (v: bigint, bits: 32 | 64): bigint => v & ((1n << BigInt(bits)) - 1n);

function checkFits(v: bigint, bits: 32 | 64): bigint {
  // GNU as accepts both signed and unsigned spellings of a register-width value
  if (v < -(1n << BigInt(bits - 1)) || v >= 1n << BigInt(bits)) fail(`immediate does not fit in ${bits} bits`);
  return maskTo(v, bits);
}

/** `mov Rd, #imm` as MOVZ (Arm ARM C6.2 MOV (wide immediate)). */
const movzImm: OperandKind = {
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
const movnImm: OperandKind = {
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
const bitmaskImm: OperandKind = {
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
const bitmaskInvertedImm: OperandKind = {
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
const bitmaskMovImm: OperandKind = {
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

// ---------------------------------------------------------------- shifts and extends

const shiftNames = ['lsl', 'lsr', 'asr', 'ror'] as const;

/** Shifted register `, <shift> #amount` (Arm ARM C6.2 ADD (shifted register), AND (shifted register)). */
function shiftKind(spec: string, allowRor: boolean): OperandKind {
  return {
    spec,
    optional: true,
    encode(op, s) {
      if (op === undefined) {
        s.fields.shift = 0;
        s.fields.imm6 = 0;
        return;
      }
      if (op.kind !== 'shift') return fail('expected a shift');
      const t = shiftNames.indexOf(op.shift as (typeof shiftNames)[number]);
      if (t < 0 || (t === 3 && !allowRor)) fail(`shift ${op.shift} not allowed here`);
      if (op.amount < 0 || op.amount >= regWidthOf(s.fields)) fail('shift amount out of range');
      s.fields.shift = t;
      s.fields.imm6 = op.amount;
    },
    format: (f) => (f.shift === 0 && f.imm6 === 0 ? null : `${shiftNames[f.shift!]} #${f.imm6}`),
  };
}

const extendNames = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'] as const;

/** Extended register `, <extend> {#amount}` incl. the LSL spelling when Rd/Rn is SP
 *  (Arm ARM C6.2 ADD (extended register)). `spFields` are the register fields that make LSL legal. */
function extendKind(spec: string, spFields: string[]): OperandKind {
  const spInvolved = (f: Fields): boolean => spFields.some((n) => f[n] === 31);
  return {
    spec,
    optional: true,
    encode(op, s) {
      const f = s.fields;
      const rmWidth = s.scratch.extWidth as 'x' | 'w';
      // The 32-bit form only has Wm. In the 64-bit form GNU as takes Wm or Xm with any extend
      // and encodes only the option (binutils gas: "add x1, x2, x3, uxtb" is accepted).
      if (!f.sf && rmWidth !== 'w') fail('the 32-bit form needs a w register');
      if (op === undefined || (op.kind === 'shift' && op.shift === 'lsl')) {
        // LSL (or nothing) is only allowed when Rd/Rn is SP; it means UXTX for Xm, UXTW for Wm
        const amount = op === undefined ? 0 : op.amount;
        if (!spInvolved(f)) fail(op === undefined ? 'an extend is required' : 'lsl not allowed with this register');
        if (amount > 4) fail('shift amount out of range 0..4');
        f.option = f.sf && rmWidth === 'x' ? 3 : 2;
        f.imm3 = amount;
        return;
      }
      if (op.kind !== 'extend') return fail('expected an extend');
      const option = extendNames.indexOf(op.extend);
      const amount = op.amount ?? 0;
      if (amount < 0 || amount > 4) fail('extend amount out of range 0..4');
      f.option = option;
      f.imm3 = amount;
    },
    format(f) {
      const lslOption = f.sf ? 3 : 2;
      if (spInvolved(f) && f.option === lslOption) return f.imm3 ? `lsl #${f.imm3}` : null;
      return f.imm3 ? `${extendNames[f.option!]} #${f.imm3}` : extendNames[f.option!]!;
    },
  };
}

// ---------------------------------------------------------------- conditions

function condKind(spec: string, inverted: boolean): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      if (!op || op.kind !== 'cond') return fail('expected a condition');
      const c = conditionCode(op.cond);
      if (c === undefined) return fail(`unknown condition '${op.cond}'`);
      // CSET/CINC/… invert the condition; AL and NV are not allowed (Arm ARM C6.2 CSET)
      if (inverted && c >= 14) fail('al/nv not allowed here');
      s.fields.cond = inverted ? c ^ 1 : c;
    },
    format: (f) => conditionNames[inverted ? f.cond! ^ 1 : f.cond!]!,
  };
}

// ---------------------------------------------------------------- PC-relative targets

function labelTarget(op: A64Operand | undefined, s: EncodeState, reloc: string): bigint | null {
  if (!op) return fail('expected a label');
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

const targetText = (t: bigint): string => BigInt.asUintN(64, t).toString(16);

function signExtend(v: number, bits: number): number {
  const shift = 32 - bits;
  return (v << shift) >> shift;
}

/** imm26/imm19/imm14 word offsets of B/BL/B.cond/CBZ/TBZ/LDR (literal). */
function branchKind(spec: string, field: string, bits: number, reloc: string): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      const off = labelTarget(op, s, reloc);
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
  };
}

const adrTarget: OperandKind = {
  spec: 'adr',
  optional: false,
  encode(op, s) {
    const off = labelTarget(op, s, 'R_AARCH64_ADR_PREL_LO21');
    const v = off ?? 0n;
    if (v < -(1n << 20n) || v >= 1n << 20n) fail('adr target out of range');
    const u = Number(BigInt.asUintN(21, v));
    s.fields.immlo = u & 3;
    s.fields.immhi = u >>> 2;
  },
  format: (f, address) => targetText(address + BigInt(signExtend((f.immhi! << 2) | f.immlo!, 21))),
};

const adrpTarget: OperandKind = {
  spec: 'adrp',
  optional: false,
  encode(op, s) {
    if (op && (op.kind === 'imm' || op.kind === 'label') && (op.symbolic || (op.kind === 'imm' && op.modifier))) {
      s.fixups.push({ operand: s.index, reloc: 'R_AARCH64_ADR_PREL_PG_HI21' });
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
};

// ---------------------------------------------------------------- TBZ bit number

const testBit: OperandKind = {
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

// ---------------------------------------------------------------- memory operands

function memBase(op: A64Operand | undefined, s: EncodeState, mode: 'offset' | 'pre' | 'post'): Extract<A64Operand, { kind: 'mem' }> {
  if (!op || op.kind !== 'mem') return fail('expected a memory operand');
  if (op.mode !== mode) fail(`expected ${mode === 'offset' ? 'an offset' : mode + '-index'} address`);
  const r = parseRegister(op.base);
  if (!r || r.width !== 'x' || (r.num === 31 && !r.sp)) fail('base register must be an x register or sp');
  s.fields.Rn = r!.num;
  return op;
}

const baseName = (f: Fields): string => registerName(f.Rn!, 'x', true);

function immOffset(m: Extract<A64Operand, { kind: 'mem' }>): bigint | undefined {
  if (!m.offset) return undefined;
  if (m.offset.kind !== 'imm') return fail('expected an immediate offset');
  if (m.offset.symbolic) return fail('symbolic offset not allowed here');
  return m.offset.value;
}

const lo12Reloc = ['R_AARCH64_LDST8_ABS_LO12_NC', 'R_AARCH64_LDST16_ABS_LO12_NC', 'R_AARCH64_LDST32_ABS_LO12_NC', 'R_AARCH64_LDST64_ABS_LO12_NC', 'R_AARCH64_LDST128_ABS_LO12_NC'];

/** [Xn|SP{, #pimm}] with imm12 scaled by the access size (Arm ARM C6.2 LDR (immediate), unsigned offset). */
function memUnsignedOffset(spec: string, scale: number): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      const m = memBase(op, s, 'offset');
      if (m.offset && m.offset.kind === 'imm' && m.offset.symbolic) {
        if (m.offset.modifier !== 'lo12') fail('only :lo12: symbols are allowed as an offset');
        s.fixups.push({ operand: s.index, reloc: lo12Reloc[scale]! });
        s.fields.imm12 = 0;
        return;
      }
      const v = immOffset(m) ?? 0n;
      if (v < 0n || v % (1n << BigInt(scale)) !== 0n || v >> BigInt(scale) >= 4096n) fail('offset out of range for a scaled unsigned offset');
      s.fields.imm12 = Number(v >> BigInt(scale));
    },
    format: (f) => (f.imm12 ? `[${baseName(f)}, #${f.imm12 << scale}]` : `[${baseName(f)}]`),
  };
}

/** imm9 forms: pre-index `[Xn|SP, #simm]!`, post-index `[Xn|SP], #simm`, unscaled `[Xn|SP{, #simm}]`. */
function memImm9(spec: string, mode: 'offset' | 'pre' | 'post'): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      const m = memBase(op, s, mode);
      const v = immOffset(m) ?? 0n;
      if (mode !== 'offset' && !m.offset) fail('index needs an offset');
      if (v < -256n || v > 255n) fail('offset out of range -256..255');
      s.fields.imm9 = Number(BigInt.asUintN(9, v));
    },
    format(f) {
      const v = signExtend(f.imm9!, 9);
      if (mode === 'pre') return `[${baseName(f)}, #${v}]!`;
      if (mode === 'post') return `[${baseName(f)}], #${v}`;
      return v ? `[${baseName(f)}, #${v}]` : `[${baseName(f)}]`;
    },
  };
}

/** Register offset `[Xn|SP, (Wm|Xm){, extend {#amount}}]` (Arm ARM C6.2 LDR (register)). */
function memRegOffset(spec: string, scale: number): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      const m = memBase(op, s, 'offset');
      if (!m.offset || m.offset.kind !== 'reg') return fail('expected a register offset');
      const r = parseRegister(m.offset.reg);
      if (!r || (r.num === 31 && r.sp)) return fail('bad offset register');
      const ext = (m.offset.extend ?? (r.width === 'x' ? 'lsl' : '')).toLowerCase();
      const option = { uxtw: 2, lsl: 3, sxtw: 6, sxtx: 7 }[ext];
      if (option === undefined) return fail('offset register needs lsl, uxtw, sxtw or sxtx');
      if ((option & 1 ? 'x' : 'w') !== r.width) fail(`${ext} needs a ${option & 1 ? 'x' : 'w'} register`);
      const amount = m.offset.amount;
      if (amount !== undefined && amount !== 0 && amount !== scale) fail(`shift amount must be 0 or ${scale}`);
      if (m.offset.extend === 'lsl' && amount === undefined) fail('lsl needs an amount');
      s.fields.Rm = r.num;
      s.fields.option = option;
      // GNU as sets S when an amount is written and equals the scale; for byte accesses
      // an explicit #0 sets S (Arm ARM C6.2 LDRB (register): "S=1 … LSL #0")
      s.fields.S = amount === undefined ? 0 : scale === 0 ? 1 : amount === scale ? 1 : 0;
    },
    format(f) {
      const rm = registerName(f.Rm!, f.option! & 1 ? 'x' : 'w', false);
      const ext = ['', '', 'uxtw', 'lsl', '', '', 'sxtw', 'sxtx'][f.option!] ?? `#${f.option}`;
      let text = `[${baseName(f)}, ${rm}`;
      if (f.S) text += `, ${ext} #${scale}`;
      else if (f.option !== 3) text += `, ${ext}`;
      return `${text}]`;
    },
  };
}

/** LDP/STP imm7 scaled offsets, offset / pre-index / post-index (Arm ARM C6.2 LDP). */
function memPair(spec: string, scale: number, mode: 'offset' | 'pre' | 'post'): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      const m = memBase(op, s, mode);
      const v = immOffset(m) ?? 0n;
      if (mode !== 'offset' && !m.offset) fail('index needs an offset');
      const unit = 1n << BigInt(scale);
      if (v % unit !== 0n) fail(`offset must be a multiple of ${unit}`);
      const q = v / unit;
      if (q < -64n || q > 63n) fail('offset out of range');
      s.fields.imm7 = Number(BigInt.asUintN(7, q));
    },
    format(f) {
      const v = signExtend(f.imm7!, 7) << scale;
      if (mode === 'pre') return `[${baseName(f)}, #${v}]!`;
      if (mode === 'post') return `[${baseName(f)}], #${v}`;
      return v ? `[${baseName(f)}, #${v}]` : `[${baseName(f)}]`;
    },
  };
}

/** `[Xn|SP{, #0}]` of the exclusive and acquire/release instructions. */
const memBaseOnly: OperandKind = {
  spec: 'mem:base',
  optional: false,
  encode(op, s) {
    const m = memBase(op, s, 'offset');
    if ((immOffset(m) ?? 0n) !== 0n) fail('offset must be 0');
  },
  format: (f) => `[${baseName(f)}]`,
};

/** `ldr Xt, label`: imm19 word offset (R_AARCH64_LD_PREL_LO19). */
const literalKind = branchKind('literal', 'imm19', 19, 'R_AARCH64_LD_PREL_LO19');

// ---------------------------------------------------------------- bitfield aliases (Arm ARM C6.2 LSL/LSR/ASR (immediate), UBFX, BFI, …)

const sizeOf = (f: Fields): number => (f.sf ? 64 : 32);

function bitfieldKind(spec: string, encode: (n: number, f: Fields, size: number) => void, format: (f: Fields, size: number) => number): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      const v = immValue(op);
      const size = sizeOf(s.fields);
      if (v < 0n || v > BigInt(size)) fail('immediate out of range');
      encode(Number(v), s.fields, size);
    },
    format: (f) => `#${format(f, sizeOf(f))}`,
  };
}

const bitfieldKinds: Record<string, OperandKind> = {
  // LSL #n = UBFM immr = -n MOD size, imms = size-1-n
  'bf:lsl': bitfieldKind('bf:lsl', (n, f, size) => {
    if (n >= size) fail('shift out of range');
    f.immr = (size - n) % size;
    f.imms = size - 1 - n;
  }, (f, size) => size - 1 - f.imms!),
  // LSR/ASR #n = UBFM/SBFM immr = n, imms = size-1
  'bf:shr': bitfieldKind('bf:shr', (n, f, size) => {
    if (n >= size) fail('shift out of range');
    f.immr = n;
    f.imms = size - 1;
  }, (f) => f.immr!),
  // BFI/SBFIZ/UBFIZ #lsb: immr = -lsb MOD size
  'bf:ins_lsb': bitfieldKind('bf:ins_lsb', (n, f, size) => {
    if (n >= size) fail('lsb out of range');
    f.immr = (size - n) % size;
  }, (f, size) => (size - f.immr!) % size),
  // … #width: imms = width-1
  'bf:ins_width': bitfieldKind('bf:ins_width', (n, f, size) => {
    const lsb = (size - f.immr!) % size;
    if (n < 1 || lsb + n > size) fail('width out of range');
    f.imms = n - 1;
  }, (f) => f.imms! + 1),
  // BFXIL/SBFX/UBFX #lsb: immr = lsb
  'bf:ext_lsb': bitfieldKind('bf:ext_lsb', (n, f, size) => {
    if (n >= size) fail('lsb out of range');
    f.immr = n;
  }, (f) => f.immr!),
  // … #width: imms = lsb+width-1
  'bf:ext_width': bitfieldKind('bf:ext_width', (n, f, size) => {
    if (n < 1 || f.immr! + n > size) fail('width out of range');
    f.imms = f.immr! + n - 1;
  }, (f) => f.imms! - f.immr! + 1),
  // ROR #n = EXTR Rn=Rm, imms = n
  'bf:ror': bitfieldKind('bf:ror', (n, f, size) => {
    if (n >= size) fail('rotate out of range');
    f.imms = n;
  }, (f) => f.imms!),
};

// ---------------------------------------------------------------- system operands

const sysregKind: OperandKind = {
  spec: 'sysreg',
  optional: false,
  encode(op, s) {
    let name: string | undefined;
    if (op?.kind === 'sysreg' || op?.kind === 'pstatefield') name = op.name; // spsel is both
    else if (op?.kind === 'reg') name = op.reg; // a parser may not know every name
    if (name === undefined) return fail('expected a system register');
    const e = sysregByName(name);
    if (!e) return fail(`unknown system register '${name}'`);
    s.fields.o0 = e.op0 - 2;
    s.fields.op1 = e.op1;
    s.fields.CRn = e.CRn;
    s.fields.CRm = e.CRm;
    s.fields.op2 = e.op2;
  },
  format: (f) => sysregName({ op0: 2 + f.o0!, op1: f.op1!, CRn: f.CRn!, CRm: f.CRm!, op2: f.op2! }),
};

// MSR (immediate) PSTATE fields: op1, op2 and the largest immediate (Arm ARM C6.2 MSR (immediate);
// the single-bit fields take #0/#1 — GNU as: "immediate value out of range 0 to 1")
export const pstateFields: Record<string, [number, number, number]> = {
  spsel: [0, 5, 1], daifset: [3, 6, 15], daifclr: [3, 7, 15], uao: [0, 3, 1], pan: [0, 4, 1], dit: [3, 2, 1], ssbs: [3, 1, 1], tco: [3, 4, 1],
};

const pstateKind: OperandKind = {
  spec: 'pstate',
  optional: false,
  encode(op, s) {
    const name = op?.kind === 'pstatefield' ? op.name : op?.kind === 'sysreg' ? op.name : op?.kind === 'reg' ? op.reg : undefined;
    const e = name === undefined ? undefined : pstateFields[name.toLowerCase()];
    if (!e) return fail('expected a PSTATE field (spsel, daifset, daifclr, …)');
    s.fields.op1 = e[0];
    s.fields.op2 = e[1];
  },
  format(f) {
    for (const [n, [op1, op2]] of Object.entries(pstateFields)) if (op1 === f.op1 && op2 === f.op2) return n;
    return `#<pstate ${f.op1}:${f.op2}>`;
  },
};

// DMB/DSB options by CRm (Arm ARM C6.2 DMB, "<option>")
const barrierNames: (string | undefined)[] = [undefined, 'oshld', 'oshst', 'osh', undefined, 'nshld', 'nshst', 'nsh', undefined, 'ishld', 'ishst', 'ish', undefined, 'ld', 'st', 'sy'];

const barrierKind: OperandKind = {
  spec: 'barrier',
  optional: false,
  encode(op, s) {
    if (op?.kind === 'imm') {
      const v = immValue(op);
      if (v < 0n || v > 15n) fail('barrier option out of range 0..15');
      s.fields.CRm = Number(v);
      return;
    }
    const name = op?.kind === 'barrier' ? op.name : op?.kind === 'sysreg' ? op.name : op?.kind === 'reg' ? op.reg : undefined;
    const i = name === undefined ? -1 : barrierNames.indexOf(name.toLowerCase());
    if (i < 0) return fail('expected a barrier option');
    s.fields.CRm = i;
  },
  format: (f) => barrierNames[f.CRm!] ?? `#0x${f.CRm!.toString(16).padStart(2, '0')}`,
};

/** ISB's option: only SY (15) exists and is the default (Arm ARM C6.2 ISB). */
const isbOption: OperandKind = {
  spec: 'isb',
  optional: true,
  encode(op, s) {
    if (op === undefined) {
      s.fields.CRm = 15;
      return;
    }
    if (op.kind === 'imm') {
      const v = immValue(op);
      if (v < 0n || v > 15n) fail('option out of range 0..15');
      s.fields.CRm = Number(v);
      return;
    }
    const name = op.kind === 'barrier' ? op.name : op.kind === 'sysreg' ? op.name : op.kind === 'reg' ? op.reg : '';
    if (name.toLowerCase() !== 'sy') fail('isb accepts only sy');
    s.fields.CRm = 15;
  },
  format: (f) => (f.CRm === 15 ? null : `#0x${f.CRm!.toString(16)}`),
};

/** `Cn` of SYS/SYSL: CRn or CRm, written c0..c15 (objdump prints C0..C15). */
function crKind(spec: string, field: string): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      const name = op?.kind === 'sysreg' || op?.kind === 'barrier' || op?.kind === 'pstatefield' ? op.name : op?.kind === 'reg' ? op.reg : undefined;
      const m = name === undefined ? null : /^c([0-9]|1[0-5])$/i.exec(name);
      if (!m) return fail('expected C0..C15');
      s.fields[field] = Number(m[1]);
    },
    format: (f) => `C${f[field]}`,
  };
}

/** PRFM's <prfop> in Rt: type (pld, pli, pst) : target (l1, l2, l3) : policy (keep, strm), or #imm5
 *  (Arm ARM C6.2 PRFM (immediate)). Unnamed values print as `#0x..` as objdump does. */
const prfTypes = ['pld', 'pli', 'pst'];
const prfTargets = ['l1', 'l2', 'l3'];
const prfPolicies = ['keep', 'strm'];
const prefetchOperation: OperandKind = {
  spec: 'prfop',
  optional: false,
  encode(op, s) {
    if (op?.kind === 'imm') {
      const v = immValue(op);
      if (v < 0n || v > 31n) fail('prefetch operation out of range 0..31');
      s.fields.Rt = Number(v);
      return;
    }
    const name = op?.kind === 'sysreg' || op?.kind === 'barrier' || op?.kind === 'pstatefield' ? op.name : op?.kind === 'reg' ? op.reg : undefined;
    const m = name === undefined ? null : /^(pld|pli|pst)(l[123])(keep|strm)$/.exec(name.toLowerCase());
    if (!m) return fail('expected a prefetch operation (pldl1keep, …)');
    s.fields.Rt = (prfTypes.indexOf(m[1]!) << 3) | (prfTargets.indexOf(m[2]!) << 1) | prfPolicies.indexOf(m[3]!);
  },
  format(f) {
    const rt = f.Rt!;
    const type = rt >> 3;
    const target = (rt >> 1) & 3;
    if (type > 2 || target > 2) return `#0x${rt.toString(16).padStart(2, '0')}`;
    return `${prfTypes[type]}${prfTargets[target]}${prfPolicies[rt & 1]}`;
  },
};

/** HINT #imm: CRm:op2. */
const hintNumber: OperandKind = {
  spec: 'hint',
  optional: false,
  encode(op, s) {
    const v = immValue(op);
    if (v < 0n || v > 127n) fail('hint number out of range 0..127');
    s.fields.CRm = Number(v) >> 3;
    s.fields.op2 = Number(v) & 7;
  },
  format: (f) => hex((f.CRm! << 3) | f.op2!),
};

/** A fixed word operand such as `csync` (PSB/TSB) or `c`/`j`/`jc` (BTI). */
function literalWordKind(spec: string, word: string): OperandKind {
  return {
    spec,
    optional: false,
    encode(op) {
      const name = op?.kind === 'reg' ? op.reg : op?.kind === 'barrier' || op?.kind === 'sysreg' || op?.kind === 'pstatefield' ? op.name : op?.kind === 'cond' ? op.cond : undefined;
      if (name?.toLowerCase() !== word) fail(`expected '${word}'`);
    },
    format: () => word,
  };
}

// ---------------------------------------------------------------- registry

const fixedKinds: Record<string, OperandKind> = {
  aimm: addImm,
  'aimm:neg': addImmNegated,
  sh12: shift12,
  hw: hwShift,
  imm16w: imm16Wide,
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
  'label:imm19': branchKind('label:imm19', 'imm19', 19, 'R_AARCH64_CONDBR19'),
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
  if (!kind && (parts[0] === 'R' || parts[0] === 'R?')) {
    // R:<field[+field]>:<width rule>[:sp]   (R? = optional register defaulting to x30)
    kind = registerKind(spec, parts[1]!.split('+'), parts[2]!, parts[3] === 'sp', parts[0] === 'R?');
  } else if (!kind && parts[0] === 'imm') {
    // imm:<field>:<width>:<hex|dec>
    kind = unsignedImmKind(spec, parts[1]!, Number(parts[2]), parts[3] as 'hex' | 'dec');
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
