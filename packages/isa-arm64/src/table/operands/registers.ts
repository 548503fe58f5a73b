// Register operands: x/w registers, SP vs ZR for register number 31 (Arm ARM C1.2.5
// "Register names"), and the width rules that tie a register to sf, b5 or an extend.

import { fail, type EncodeState, type Fields, type OperandKind } from './kind.js';

export interface ParsedReg {
  num: number; // 0..31
  width: 'x' | 'w';
  /** 31 written as sp/wsp (true) or xzr/wzr (false); undefined for 0..30 */
  sp?: boolean;
}

/** Answers so far (every operand of every candidate form asks; the same few names recur).
 *  The records are frozen: callers share them. Bounded, since any identifier may be asked. */
const registerMemo = new Map<string, ParsedReg | null>();

/** GNU as register spellings incl. its aliases ip0/ip1/fp/lr (binutils gas/config/tc-aarch64.c). */
export function parseRegister(name: string): ParsedReg | undefined {
  const known = registerMemo.get(name);
  if (known !== undefined) return known ?? undefined;
  const r = readRegister(name);
  if (registerMemo.size >= 4096) registerMemo.clear();
  registerMemo.set(name, r ? Object.freeze(r) : null);
  return r;
}

function readRegister(name: string): ParsedReg | undefined {
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
export const widthRules: Record<string, WidthRule> = {
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

export function setWidth(rule: string, width: 'x' | 'w', s: EncodeState): void {
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
export const optionalZeroRegister: OperandKind = {
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

export function registerKind(spec: string, fieldList: string[], rule: string, allowSp: boolean, optional: boolean): OperandKind {
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

/** The second register of an even/odd pair, the one after the register in `field` (CASP's
 *  `<Ws>, <W(s+1)>`, Arm ARM C6.2 CASP): `R+1:<field>:<width rule>`. */
export function nextRegisterKind(spec: string, field: string, rule: string): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      if (!op || op.kind !== 'reg') return fail('expected a register');
      const r = parseRegister(op.reg);
      if (!r || (r.num === 31 && r.sp)) return fail(`unknown register '${op.reg}'`);
      setWidth(rule, r.width, s);
      if (r.num !== s.fields[field]! + 1) fail(`expected ${registerName(s.fields[field]! + 1, widthRules[rule]!(s.fields), false)}: the pair must be consecutive registers, the first even`);
    },
    format: (f) => registerName(f[field]! + 1, widthRules[rule]!(f), false),
  };
}
