// AArch64 operand syntax (GNU as, as.info §9.1.3 "AArch64 Syntax"; Arm ARM C1.2 "Structure of
// the A64 assembler language") turned into operand records whose values are still expressions:
//   register            x0 w1 sp wsp xzr wzr (and gas's fp lr ip0 ip1)
//   #expr | expr        immediates (the `#` is optional in GNU as), `#:lo12:sym`, `:abs_g1:sym`
//   =expr               a literal-pool load (`ldr x0, =value`)
//   lsl #n, uxtw #n     shifts and extends
//   [xn{, #imm}]{!}     memory; `[xn], #imm` is post-index (the backend merges the two operands)
//   [xn, xm{, lsl #n}]  register offset, also with uxtw/sxtw/sxtx
//   eq / lo / …         conditions; system registers, barrier options, PSTATE fields by name
// Names (conditions, sysregs, barriers) are recognised only for the mnemonics that take them,
// so a symbol called `lo` stays a symbol after `b`.
import type { IToken } from 'chevrotain';
import { conditionCode, parseRegister, sysregByName } from '@vsys/isa-arm64';
import type { ParseContext } from '../backend.js';
import type { SourceLoc } from '../../diagnostics/diagnostic.js';
import type { Expr } from '../../expr/ast.js';
import * as T from '../../lexer/tokens.js';

export interface ImmValue {
  expr: Expr;
  /** `lo12`, `abs_g0_nc`, … from `:lo12:sym` */
  modifier?: string;
}

export type Arm64Operand =
  | { kind: 'reg'; reg: string; loc: SourceLoc }
  | ({ kind: 'imm'; loc: SourceLoc } & ImmValue)
  | { kind: 'literal'; expr: Expr; loc: SourceLoc }
  | { kind: 'shift'; shift: 'lsl' | 'lsr' | 'asr' | 'ror' | 'msl'; amount: Expr; loc: SourceLoc }
  | { kind: 'extend'; extend: 'uxtb' | 'uxth' | 'uxtw' | 'uxtx' | 'sxtb' | 'sxth' | 'sxtw' | 'sxtx'; amount?: Expr; loc: SourceLoc }
  | {
      kind: 'mem';
      base: string;
      mode: 'offset' | 'pre' | 'post';
      offset?: ({ kind: 'imm' } & ImmValue) | { kind: 'reg'; reg: string; extend?: string; amount?: Expr };
      loc: SourceLoc;
    }
  | { kind: 'cond'; cond: string; loc: SourceLoc }
  | { kind: 'sysreg'; name: string; loc: SourceLoc }
  | { kind: 'pstatefield'; name: string; loc: SourceLoc }
  | { kind: 'barrier'; name: string; loc: SourceLoc };

const SHIFTS = new Set(['lsl', 'lsr', 'asr', 'ror', 'msl']);
const EXTENDS = new Set(['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx']);
const BARRIERS = new Set(['sy', 'st', 'ld', 'ish', 'ishst', 'ishld', 'nsh', 'nshst', 'nshld', 'osh', 'oshst', 'oshld']);
const PSTATE = new Set(['spsel', 'daifset', 'daifclr', 'uao', 'pan', 'dit', 'ssbs', 'tco']);

/** SYS aliases whose first operand names an operation (Arm ARM C5.3; CFP/DVP/CPP take `rctx`). */
const SYS_ALIASES = new Set(['tlbi', 'dc', 'ic', 'at', 'cfp', 'dvp', 'cpp']);

/** Mnemonics whose operands include a condition name (Arm ARM C6.2 CSEL, CCMP, CSET, …). */
const CONDITION_TAKERS = new Set(['csel', 'csinc', 'csinv', 'csneg', 'cset', 'csetm', 'cinc', 'cinv', 'cneg', 'ccmp', 'ccmn']);

/** What a bare word means for this mnemonic, if it is not a register or symbol. */
function wordOperand(word: string, mnemonic: string, loc: SourceLoc): Arm64Operand | null {
  const w = word.toLowerCase();
  if (CONDITION_TAKERS.has(mnemonic) && conditionCode(w) !== undefined) return { kind: 'cond', cond: w, loc };
  // CCMP/CCMN flags spelled as letters (GNU as convenience): an upper-case letter sets its
  // bit, a lower-case one clears it — `NzCv` is #0b1010
  if ((mnemonic === 'ccmp' || mnemonic === 'ccmn') && /^[nN][zZ][cC][vV]$/.test(word)) {
    const value = [...word].reduce((v, ch) => (v << 1n) | (ch === ch.toUpperCase() ? 1n : 0n), 0n);
    return { kind: 'imm', expr: { k: 'num', value, loc }, loc };
  }
  if ((mnemonic === 'mrs' || mnemonic === 'msr') && PSTATE.has(w)) return { kind: 'pstatefield', name: w, loc };
  if ((mnemonic === 'mrs' || mnemonic === 'msr') && sysregByName(w)) return { kind: 'sysreg', name: w, loc };
  if ((mnemonic === 'dmb' || mnemonic === 'dsb' || mnemonic === 'isb') && BARRIERS.has(w)) return { kind: 'barrier', name: w, loc };
  if ((mnemonic === 'psb' || mnemonic === 'tsb') && w === 'csync') return { kind: 'barrier', name: w, loc };
  if (mnemonic === 'bti' && (w === 'c' || w === 'j' || w === 'jc')) return { kind: 'barrier', name: w, loc };
  // SYS/SYSL `Cn` and the operation names of its aliases (tlbi vae1, dc civac, ic iallu, at s1e1r)
  if ((mnemonic === 'sys' || mnemonic === 'sysl') && /^c([0-9]|1[0-5])$/.test(w)) return { kind: 'sysreg', name: w, loc };
  if (SYS_ALIASES.has(mnemonic)) return { kind: 'sysreg', name: w, loc };
  if ((mnemonic === 'prfm' || mnemonic === 'prfum') && /^(pld|pli|pst)l[1-3](keep|strm)$/.test(w)) return { kind: 'sysreg', name: w, loc };
  return null;
}

function splitCommas(tokens: IToken[]): IToken[][] {
  const parts: IToken[][] = [[]];
  for (const t of tokens) {
    if (t.tokenType === T.Comma) parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts;
}

/** `#expr`, `expr`, `#:mod:expr`, `:mod:expr`. */
function parseImmediate(tokens: IToken[], ctx: ParseContext, loc: SourceLoc): ImmValue | null {
  let toks = tokens;
  if (toks[0]?.tokenType === T.Hash) toks = toks.slice(1);
  let modifier: string | undefined;
  if (toks[0]?.tokenType === T.Colon && toks[1]?.tokenType === T.Ident && toks[2]?.tokenType === T.Colon) {
    modifier = toks[1].image.toLowerCase();
    toks = toks.slice(3);
  }
  if (toks.length === 0) {
    ctx.error(loc, 'missing value');
    return null;
  }
  const expr = ctx.parseExpression(toks);
  if (!expr) return null;
  return modifier ? { expr, modifier } : { expr };
}

/** `lsl #3`, `uxtw`, `sxtw #2` (tokens start with the operator word). */
function parseShiftOrExtend(tokens: IToken[], ctx: ParseContext, loc: SourceLoc): Arm64Operand | null {
  const name = tokens[0]!.image.toLowerCase();
  const rest = tokens.slice(1);
  if (SHIFTS.has(name)) {
    if (rest.length === 0) {
      ctx.error(loc, `missing shift amount after '${name}'`);
      return null;
    }
    const v = parseImmediate(rest, ctx, loc);
    if (!v) return null;
    return { kind: 'shift', shift: name as 'lsl', amount: v.expr, loc };
  }
  if (rest.length === 0) return { kind: 'extend', extend: name as 'uxtw', loc };
  const v = parseImmediate(rest, ctx, loc);
  if (!v) return null;
  return { kind: 'extend', extend: name as 'uxtw', amount: v.expr, loc };
}

function isShiftOrExtendStart(tokens: IToken[]): boolean {
  const t = tokens[0];
  if (!t || t.tokenType !== T.Ident) return false;
  const w = t.image.toLowerCase();
  if (SHIFTS.has(w)) return tokens.length > 1;
  return EXTENDS.has(w);
}

function parseMemory(tokens: IToken[], ctx: ParseContext, loc: SourceLoc): Arm64Operand | null {
  // tokens: '[' … ']' ['!']
  let end = tokens.length - 1;
  let pre = false;
  if (tokens[end]!.tokenType === T.Bang) {
    pre = true;
    end--;
  }
  if (tokens[end]?.tokenType !== T.RBracket) {
    ctx.error(loc, "missing ']' in address");
    return null;
  }
  const inner = splitCommas(tokens.slice(1, end));
  const baseToks = inner[0]!;
  if (baseToks.length !== 1 || baseToks[0]!.tokenType !== T.Ident || !parseRegister(baseToks[0]!.image)) {
    ctx.error(baseToks[0] ? ctx.locOf(baseToks[0], baseToks[baseToks.length - 1]) : loc, 'expected a base register (x0–x30 or sp)');
    return null;
  }
  const base = baseToks[0]!.image.toLowerCase();
  const mode = pre ? 'pre' : 'offset';
  if (inner.length === 1) {
    if (pre) {
      ctx.error(loc, 'pre-index needs an offset');
      return null;
    }
    return { kind: 'mem', base, mode, loc };
  }
  const second = inner[1]!;
  if (second.length === 0) {
    ctx.error(loc, 'missing offset');
    return null;
  }
  const first = second[0]!;
  if (second.length === 1 && first.tokenType === T.Ident && parseRegister(first.image)) {
    const offset: { kind: 'reg'; reg: string; extend?: string; amount?: Expr } = { kind: 'reg', reg: first.image.toLowerCase() };
    if (inner[2]) {
      const ext = inner[2];
      const w = ext[0]?.image.toLowerCase() ?? '';
      if (!(SHIFTS.has(w) || EXTENDS.has(w))) {
        ctx.error(ext[0] ? ctx.locOf(ext[0], ext[ext.length - 1]) : loc, 'expected lsl, uxtw, sxtw or sxtx');
        return null;
      }
      offset.extend = w;
      if (ext.length > 1) {
        const v = parseImmediate(ext.slice(1), ctx, loc);
        if (!v) return null;
        offset.amount = v.expr;
      }
    }
    if (inner.length > 3) {
      ctx.error(loc, 'too many parts in address');
      return null;
    }
    return { kind: 'mem', base, mode, offset, loc };
  }
  if (inner.length > 2) {
    ctx.error(loc, 'too many parts in address');
    return null;
  }
  const v = parseImmediate(second, ctx, ctx.locOf(first, second[second.length - 1]));
  if (!v) return null;
  return { kind: 'mem', base, mode, offset: { kind: 'imm', ...v }, loc };
}

/** Parse one operand (tokens between top-level commas). */
export function parseArm64Operand(tokens: IToken[], mnemonic: string, ctx: ParseContext, fallback: SourceLoc): Arm64Operand | null {
  if (tokens.length === 0) {
    ctx.error(fallback, 'missing operand');
    return null;
  }
  const loc = ctx.locOf(tokens[0]!, tokens[tokens.length - 1]);
  const first = tokens[0]!;
  if (first.tokenType === T.LBracket) return parseMemory(tokens, ctx, loc);
  if (first.tokenType === T.Equals) {
    if (tokens.length === 1) {
      ctx.error(loc, "missing value after '='");
      return null;
    }
    const expr = ctx.parseExpression(tokens.slice(1));
    return expr ? { kind: 'literal', expr, loc } : null;
  }
  if (first.tokenType === T.Hash || first.tokenType === T.Colon) {
    const v = parseImmediate(tokens, ctx, loc);
    return v ? { kind: 'imm', ...v, loc } : null;
  }
  if (first.tokenType === T.Ident) {
    if (tokens.length === 1) {
      const name = first.image;
      if (parseRegister(name)) return { kind: 'reg', reg: name.toLowerCase(), loc };
      const word = wordOperand(name, mnemonic, loc);
      if (word) return word;
      if (EXTENDS.has(name.toLowerCase())) return { kind: 'extend', extend: name.toLowerCase() as 'uxtw', loc };
    } else if (isShiftOrExtendStart(tokens)) {
      return parseShiftOrExtend(tokens, ctx, loc);
    }
  }
  const expr = ctx.parseExpression(tokens);
  return expr ? { kind: 'imm', expr, loc } : null;
}
