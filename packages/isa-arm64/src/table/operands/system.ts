// System operands: system registers, PSTATE fields, barrier options, hints, SYS's Cn, PRFM
// operations, and fixed words (csync, c/j/jc).

import { sysregAccessWarning, sysregByName, sysregName } from '../sysregs.js';
import { fail, hex, immValue, type OperandKind } from './kind.js';

export const sysregKind: OperandKind = {
  spec: 'sysreg',
  optional: false,
  encode(op, s) {
    let name: string | undefined;
    if (op?.kind === 'sysreg' || op?.kind === 'pstatefield') name = op.name; // spsel is both
    else if (op?.kind === 'reg') name = op.reg; // a parser may not know every name
    if (name === undefined) return fail('expected a system register');
    const e = sysregByName(name);
    if (!e) return fail(`unknown system register '${name}'`);
    // L is fixed by the form: 0 = MSR (write), 1 = MRS (read)
    const warning = sysregAccessWarning(name, s.fields.L === 0);
    if (warning) (s.warnings ??= []).push(warning);
    s.fields.o0 = e.op0 - 2;
    s.fields.op1 = e.op1;
    s.fields.CRn = e.CRn;
    s.fields.CRm = e.CRm;
    s.fields.op2 = e.op2;
  },
  format: (f) => sysregName({ op0: 2 + f.o0!, op1: f.op1!, CRn: f.CRn!, CRm: f.CRm!, op2: f.op2! }, f.L === 0),
};

// MSR (immediate) PSTATE fields: op1, op2 and the largest immediate (Arm ARM C6.2 MSR (immediate);
// the single-bit fields take #0/#1 — GNU as: "immediate value out of range 0 to 1")
export const pstateFields: Record<string, [number, number, number]> = {
  spsel: [0, 5, 1], daifset: [3, 6, 15], daifclr: [3, 7, 15], uao: [0, 3, 1], pan: [0, 4, 1], dit: [3, 2, 1], ssbs: [3, 1, 1], tco: [3, 4, 1],
};

export const pstateKind: OperandKind = {
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
export const barrierNames: (string | undefined)[] = [undefined, 'oshld', 'oshst', 'osh', undefined, 'nshld', 'nshst', 'nsh', undefined, 'ishld', 'ishst', 'ish', undefined, 'ld', 'st', 'sy'];

export const barrierKind: OperandKind = {
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
export const isbOption: OperandKind = {
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
export function crKind(spec: string, field: string): OperandKind {
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
export const prfTypes = ['pld', 'pli', 'pst'];
export const prfTargets = ['l1', 'l2', 'l3'];
export const prfPolicies = ['keep', 'strm'];
export const prefetchOperation: OperandKind = {
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
export const hintNumber: OperandKind = {
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
export function literalWordKind(spec: string, word: string): OperandKind {
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
