// Evaluating expressions to "a constant plus a sum of symbols" (GNU as's expressionS with
// X_add_symbol / X_op_symbol, generalised to a list of terms).
//
// Two moments ask for values. While a line is read (`mode: 'now'`), a label's address is only
// known relative to the other labels of the same section and the same epoch (no variable
// fragment between them), so `. - msg` inside one data run is known but a jump target past a
// relaxable branch is not; an unknown value makes the backend choose the widest form, as GNU
// as does. After layout (`mode: 'final'`) every label has an offset and the terms of one
// section cancel; what remains becomes a relocation.
import type { SourceLoc } from '../diagnostics/diagnostic.js';
import type { Section } from '../sections/section.js';
import { labelOffset, type AsmSymbol } from '../symbols/symbol.js';
import type { BinaryOp, Expr } from './ast.js';

export interface Term {
  sym: AsmSymbol;
  coeff: bigint;
  /** `sym@modifier`: kept apart, never cancelled or resolved. */
  modifier?: string;
}

export interface Value {
  constant: bigint;
  terms: Term[];
}

export type EvalResult = { ok: true; value: Value } | { ok: false; message: string; loc: SourceLoc };

export interface EvalEnv {
  mode: 'now' | 'final';
  /** The symbol table entry for `name` (created as undefined when first referenced). */
  lookup(name: string): AsmSymbol;
  /** A position standing for `.` of the statement being evaluated. */
  dot(): AsmSymbol;
}

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

function err(message: string, loc: SourceLoc): EvalResult {
  return { ok: false, message, loc };
}

export function evaluate(expr: Expr, env: EvalEnv): EvalResult {
  switch (expr.k) {
    case 'num':
      return { ok: true, value: { constant: expr.value, terms: [] } };
    case 'dot':
      return { ok: true, value: { constant: 0n, terms: [{ sym: env.dot(), coeff: 1n }] } };
    case 'sym':
      if (expr.modifier !== undefined) {
        return { ok: true, value: { constant: 0n, terms: [{ sym: env.lookup(expr.name), coeff: 1n, modifier: expr.modifier }] } };
      }
      return evaluateSymbol(env.lookup(expr.name), env, expr.loc);
    case 'unary': {
      const a = evaluate(expr.arg, env);
      if (!a.ok) return a;
      if (expr.op === '+') return a;
      if (expr.op === '-') {
        return { ok: true, value: { constant: wrap(-a.value.constant), terms: a.value.terms.map((t) => ({ sym: t.sym, coeff: -t.coeff, modifier: t.modifier })) } };
      }
      const n = normalize(a.value, env.mode);
      if (n.terms.length > 0) return unknownOrError(env, expr.loc, `invalid operand for '${expr.op}': ${whyNotAbsolute(n.terms)}`);
      return { ok: true, value: { constant: expr.op === '~' ? wrap(~n.constant) : n.constant === 0n ? 1n : 0n, terms: [] } };
    }
    case 'binary': {
      const l = evaluate(expr.left, env);
      if (!l.ok) return l;
      const r = evaluate(expr.right, env);
      if (!r.ok) return r;
      if (expr.op === '+' || expr.op === '-') {
        const sign = expr.op === '+' ? 1n : -1n;
        return {
          ok: true,
          value: {
            constant: wrap(l.value.constant + sign * r.value.constant),
            terms: [...l.value.terms, ...r.value.terms.map((t) => ({ sym: t.sym, coeff: sign * t.coeff, modifier: t.modifier }))],
          },
        };
      }
      const a = normalize(l.value, env.mode);
      const b = normalize(r.value, env.mode);
      if (a.terms.length > 0 || b.terms.length > 0) {
        // Comparisons of two positions in one section are fine once they cancel; anything else
        // needs absolute operands (GNU as: "invalid operands (*UND* and *ABS* sections)").
        return unknownOrError(env, expr.loc, `invalid operands for '${expr.op}': ${whyNotAbsolute([...a.terms, ...b.terms])}`);
      }
      const v = applyBinary(expr.op, a.constant, b.constant);
      if (v === null) return err('division by zero', expr.loc);
      return { ok: true, value: { constant: v, terms: [] } };
    }
  }
}

/** Why a value with symbols left is not a number. */
function whyNotAbsolute(terms: Term[]): string {
  const t = terms[0]!;
  const name = t.sym.name.includes('\x02') ? t.sym.name.slice(0, t.sym.name.indexOf('\x02')) : t.sym.name;
  if (t.sym.kind === 'undefined') return `symbol '${name}' is not defined here, and the operator needs absolute values`;
  if (t.sym.kind === 'common') return `'${name}' is a common symbol, not an absolute value`;
  return `'${name}' is an address, not an absolute value`;
}

/** In pass 1 a non-absolute operand of `*` may still become absolute after layout. */
function unknownOrError(env: EvalEnv, loc: SourceLoc, message: string): EvalResult {
  if (env.mode === 'now') return { ok: false, message: UNKNOWN_YET, loc };
  return err(message, loc);
}

/** Marker message: "not known yet" (pass 1 only), not an error. */
export const UNKNOWN_YET = '\0unknown';

function evaluateSymbol(sym: AsmSymbol, env: EvalEnv, loc: SourceLoc): EvalResult {
  if (sym.kind === 'equ') {
    if (sym.evaluating) return err(`symbol '${sym.name}' is defined in terms of itself`, loc);
    sym.evaluating = true;
    try {
      return evaluate(sym.expr!, env);
    } finally {
      sym.evaluating = false;
    }
  }
  return { ok: true, value: { constant: 0n, terms: [{ sym, coeff: 1n }] } };
}

function applyBinary(op: BinaryOp, a: bigint, b: bigint): bigint | null {
  switch (op) {
    case '*': return wrap(a * b);
    case '/': return b === 0n ? null : wrap(a / b);
    case '%': return b === 0n ? null : wrap(a % b);
    case '<<': return b >= 64n || b < 0n ? 0n : wrap(a << b);
    case '>>': return b >= 64n || b < 0n ? 0n : wrap(BigInt.asUintN(64, a) >> b);
    case '|': return wrap(a | b);
    case '&': return wrap(a & b);
    case '^': return wrap(a ^ b);
    case '!': return wrap(a | ~b);
    // Comparisons yield -1 for true, 0 for false (as.info §6.2.4).
    case '==': return a === b ? -1n : 0n;
    case '!=': case '<>': return a !== b ? -1n : 0n;
    case '<': return a < b ? -1n : 0n;
    case '>': return a > b ? -1n : 0n;
    case '<=': return a <= b ? -1n : 0n;
    case '>=': return a >= b ? -1n : 0n;
    case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
    case '||': return a !== 0n || b !== 0n ? 1n : 0n;
    default: return null;
  }
}

/** The key under which label terms cancel: their section, and in pass 1 also their epoch. */
function positionKey(sym: AsmSymbol, mode: 'now' | 'final'): string | Section | null {
  if (sym.kind !== 'label' || sym.section === null || sym.frag === null) return null;
  if (mode === 'final') return sym.section;
  return `${sym.section.index}:${sym.frag.epoch}`;
}

function positionValue(sym: AsmSymbol, mode: 'now' | 'final'): bigint {
  return mode === 'final' ? labelOffset(sym) : BigInt(sym.frag!.epochOffset + sym.fragOffset);
}

/** Merge equal symbols, cancel label terms whose coefficients sum to zero per section (per
 *  epoch in pass 1), and drop zero terms. */
export function normalize(v: Value, mode: 'now' | 'final'): Value {
  if (v.terms.length === 0) return v;
  const kept: Term[] = [];
  const merged = new Map<AsmSymbol, bigint>();
  for (const t of v.terms) {
    if (t.modifier !== undefined) kept.push(t);
    else merged.set(t.sym, (merged.get(t.sym) ?? 0n) + t.coeff);
  }
  const sums = new Map<unknown, bigint>();
  for (const [sym, c] of merged) {
    const key = positionKey(sym, mode);
    if (key !== null) sums.set(key, (sums.get(key) ?? 0n) + c);
  }
  let constant = v.constant;
  const terms: Term[] = kept;
  for (const [sym, c] of merged) {
    if (c === 0n) continue;
    const key = positionKey(sym, mode);
    if (key !== null && sums.get(key) === 0n) constant = wrap(constant + c * positionValue(sym, mode));
    else terms.push({ sym, coeff: c });
  }
  return { constant, terms };
}
