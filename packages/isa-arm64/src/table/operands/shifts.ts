// Shifted-register and extended-register operands (Arm ARM C6.2 ADD (shifted register),
// ADD (extended register)), and condition operands (C1.2.4).

import { conditionCode, conditionNames } from '../conditions.js';
import { fail, regWidthOf, type Fields, type OperandKind } from './kind.js';

export const shiftNames = ['lsl', 'lsr', 'asr', 'ror'] as const;

/** Shifted register `, <shift> #amount` (Arm ARM C6.2 ADD (shifted register), AND (shifted register)). */
export function shiftKind(spec: string, allowRor: boolean): OperandKind {
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
      if (!Number.isInteger(op.amount) || op.amount < 0 || op.amount >= regWidthOf(s.fields)) fail('shift amount out of range');
      s.fields.shift = t;
      s.fields.imm6 = op.amount;
    },
    format: (f) => (f.shift === 0 && f.imm6 === 0 ? null : `${shiftNames[f.shift!]} #${f.imm6}`),
  };
}

export const extendNames = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'] as const;

/** Extended register `, <extend> {#amount}` incl. the LSL spelling when Rd/Rn is SP
 *  (Arm ARM C6.2 ADD (extended register)). `spFields` are the register fields that make LSL legal. */
export function extendKind(spec: string, spFields: string[]): OperandKind {
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
        if (!Number.isInteger(amount) || amount < 0 || amount > 4) fail('shift amount out of range 0..4');
        f.option = f.sf && rmWidth === 'x' ? 3 : 2;
        f.imm3 = amount;
        return;
      }
      if (op.kind !== 'extend') return fail('expected an extend');
      const option = extendNames.indexOf(op.extend);
      const amount = op.amount ?? 0;
      if (!Number.isInteger(amount) || amount < 0 || amount > 4) fail('extend amount out of range 0..4');
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


export function condKind(spec: string, inverted: boolean): OperandKind {
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
