// x86 operand syntax, AT&T and Intel, turned into one operand record (values stay expressions
// until encoding). One generic grammar serves every mnemonic; the instruction table decides
// later which operand combinations are valid.
//
// AT&T (as.info §9.16.3 "i386-Syntax", §9.16.7 "Memory References"):
//   %reg | $expr | [%seg:] [disp] ( [%base] [, %index [, scale]] ) | [%seg:] expr | *operand
// Intel (`.intel_syntax noprefix`, as.info §9.16.3):
//   reg | expr | offset expr | [size ptr] [seg:] [ base + index*scale + disp ] | size ptr [seg:] expr
// Intel operands come in destination-first order; the backend reverses them into AT&T order.
import type { IToken, TokenType } from 'chevrotain';
import { registerInfo } from '@vsys/isa-x86';
import type { ParseContext } from '../backend.js';
import type { SourceLoc } from '../../diagnostics/diagnostic.js';
import type { Expr } from '../../expr/ast.js';
import * as T from '../../lexer/tokens.js';

export type ParsedOperand =
  | { kind: 'reg'; reg: string; loc: SourceLoc; /** written `*%rax` */ indirect?: boolean }
  | { kind: 'imm'; expr: Expr; loc: SourceLoc }
  | {
      kind: 'mem';
      seg?: string;
      base?: string;
      index?: string;
      scale: Expr | null;
      disp: Expr | null;
      size?: 8 | 16 | 32 | 48 | 64 | 80 | 128;
      indirect: boolean;
      loc: SourceLoc;
    }
  | { kind: 'rel'; expr: Expr; loc: SourceLoc };

function isRegisterName(name: string): boolean {
  return registerInfo(name) !== undefined;
}

/** `%rax` → `rax` (checked). */
function registerOf(t: IToken, ctx: ParseContext): string | null {
  const name = t.image.slice(1).toLowerCase();
  if (!isRegisterName(name)) {
    ctx.error(ctx.locOf(t), `bad register name '${t.image}'`);
    return null;
  }
  return name;
}

/** Parse one AT&T operand. `branch`: a bare expression is a branch target (jmp/call/jcc…). */
export function parseAttOperand(tokens: IToken[], branch: boolean, ctx: ParseContext, fallback: SourceLoc): ParsedOperand | null {
  if (tokens.length === 0) {
    ctx.error(fallback, 'missing operand');
    return null;
  }
  const loc = ctx.locOf(tokens[0]!, tokens[tokens.length - 1]);
  let toks = tokens;
  let indirect = false;
  if (toks[0]!.tokenType === T.Star) {
    indirect = true;
    toks = toks.slice(1);
    if (toks.length === 0) {
      ctx.error(loc, "missing operand after '*'");
      return null;
    }
  }
  const first = toks[0]!;
  if (first.tokenType === T.Dollar) {
    if (indirect) {
      ctx.error(loc, "immediate operand is not allowed after '*'");
      return null;
    }
    const rest = toks.slice(1);
    if (rest.length === 0) {
      ctx.error(loc, "missing value after '$'");
      return null;
    }
    const e = ctx.parseExpression(rest);
    return e ? { kind: 'imm', expr: e, loc } : null;
  }
  let seg: string | undefined;
  if (first.tokenType === T.Register) {
    if (toks.length === 1) {
      const r = registerOf(first, ctx);
      return r ? (indirect ? { kind: 'reg', reg: r, loc, indirect } : { kind: 'reg', reg: r, loc }) : null;
    }
    if (toks[1]!.tokenType !== T.Colon) {
      ctx.error(ctx.locOf(toks[1]!), `junk '${toks[1]!.image}' after register`);
      return null;
    }
    const r = registerOf(first, ctx);
    if (!r) return null;
    if (registerInfo(r)!.class !== 'sreg') {
      ctx.error(ctx.locOf(first), `'${first.image}' is not a segment register`);
      return null;
    }
    seg = r;
    toks = toks.slice(2);
    if (toks.length === 0) {
      ctx.error(loc, 'missing memory reference after segment override');
      return null;
    }
  }
  // A trailing `( … )` whose contents start with a register or a comma is the base/index part.
  let tail: IToken[] | null = null;
  let dispToks = toks;
  const last = toks[toks.length - 1]!;
  if (last.tokenType === T.RParen) {
    let depth = 0;
    let open = -1;
    for (let i = toks.length - 1; i >= 0; i--) {
      const tt = toks[i]!.tokenType;
      if (tt === T.RParen) depth++;
      else if (tt === T.LParen && --depth === 0) {
        open = i;
        break;
      }
    }
    const inner = open >= 0 ? toks[open + 1] : undefined;
    if (open >= 0 && inner && (inner.tokenType === T.Register || inner.tokenType === T.Comma)) {
      tail = toks.slice(open + 1, toks.length - 1);
      dispToks = toks.slice(0, open);
    }
  }
  let disp: Expr | null = null;
  if (dispToks.length > 0) {
    disp = ctx.parseExpression(dispToks);
    if (!disp) return null;
  }
  if (!tail) {
    if (disp === null) return null;
    if (branch && !indirect && seg === undefined) return { kind: 'rel', expr: disp, loc };
    return { kind: 'mem', seg, scale: null, disp, indirect, loc };
  }
  // ( base , index , scale )
  const parts: IToken[][] = [[]];
  for (const t of tail) {
    if (t.tokenType === T.Comma) parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  if (parts.length > 3) {
    ctx.error(loc, 'too many items in memory reference');
    return null;
  }
  const mem: Extract<ParsedOperand, { kind: 'mem' }> = { kind: 'mem', seg, scale: null, disp, indirect, loc };
  const basePart = parts[0]!;
  if (basePart.length > 0) {
    if (basePart.length !== 1 || basePart[0]!.tokenType !== T.Register) {
      ctx.error(ctx.locOf(basePart[0]!, basePart[basePart.length - 1]), 'base must be a register');
      return null;
    }
    const r = registerOf(basePart[0]!, ctx);
    if (!r) return null;
    mem.base = r;
  }
  if (parts.length >= 2) {
    const idx = parts[1]!;
    if (idx.length !== 1 || idx[0]!.tokenType !== T.Register) {
      ctx.error(idx[0] ? ctx.locOf(idx[0], idx[idx.length - 1]) : loc, 'index must be a register');
      return null;
    }
    const r = registerOf(idx[0]!, ctx);
    if (!r) return null;
    mem.index = r;
  }
  // `(%rax,%rbx,)`: GAS takes an empty scale as 1 (`-0xccddef(,%eiz,)` in its own testsuite).
  if (parts.length === 3 && parts[2]!.length > 0) {
    mem.scale = ctx.parseExpression(parts[2]!);
    if (!mem.scale) return null;
  }
  return mem;
}

const INTEL_SIZES: Record<string, 8 | 16 | 32 | 48 | 64 | 80 | 128> = {
  byte: 8, word: 16, dword: 32, fword: 48, qword: 64, tbyte: 80, xword: 80, oword: 128, xmmword: 128,
};

/** MASM-style operator words GNU as reads in Intel syntax (as.info "i386-Syntax": `shl`,
 *  `shr`, `and`, `or`, `xor`, `not`, `mod`, and the comparisons), as the tokens of the
 *  operators they name. */
const INTEL_OPERATOR_WORDS: Record<string, [TokenType, string]> = {
  shl: [T.Shl, '<<'], shr: [T.Shr, '>>'], mod: [T.Percent, '%'], and: [T.Amp, '&'], or: [T.Pipe, '|'], xor: [T.Caret, '^'],
  not: [T.Tilde, '~'], eq: [T.EqEq, '=='], ne: [T.NotEq, '!='], lt: [T.Lt, '<'], le: [T.Le, '<='], gt: [T.Gt, '>'], ge: [T.Ge, '>='],
};

function intelOperatorWord(t: IToken): IToken {
  if (t.tokenType !== T.Ident) return t;
  const op = INTEL_OPERATOR_WORDS[t.image.toLowerCase()];
  if (!op) return t;
  return { ...t, image: op[1], tokenType: op[0], tokenTypeIdx: op[0].tokenTypeIdx! };
}

/** Parse one Intel-syntax operand. */
export function parseIntelOperand(
  tokens: IToken[], branch: boolean, ctx: ParseContext, fallback: SourceLoc, isAbsoluteNow: (e: Expr) => boolean,
): ParsedOperand | null {
  if (tokens.length === 0) {
    ctx.error(fallback, 'missing operand');
    return null;
  }
  const loc = ctx.locOf(tokens[0]!, tokens[tokens.length - 1]);
  // `.intel_syntax prefix` writes registers as `%rax`: read them as bare names.
  let toks = tokens.some((t) => t.tokenType === T.Register) ? tokens.map(unprefixRegister) : tokens;
  toks = toks.map(intelOperatorWord);
  let size: (8 | 16 | 32 | 48 | 64 | 80 | 128) | undefined;
  const w0 = toks[0]!.tokenType === T.Ident ? toks[0]!.image.toLowerCase() : '';
  if (INTEL_SIZES[w0] !== undefined && toks.length > 1) {
    size = INTEL_SIZES[w0];
    toks = toks.slice(1);
    if (toks[0]?.tokenType === T.Ident && toks[0].image.toLowerCase() === 'ptr') toks = toks.slice(1);
    if (toks.length === 0) {
      ctx.error(loc, 'missing memory reference after size');
      return null;
    }
  }
  const head = toks[0]!;
  const headWord = head.tokenType === T.Ident ? head.image.toLowerCase() : '';
  if (headWord === 'offset' && toks.length > 1 && size === undefined) {
    let rest = toks.slice(1);
    if (rest.length > 2 && rest[0]!.image.toLowerCase() === 'flat' && rest[1]!.tokenType === T.Colon) rest = rest.slice(2);
    const e = ctx.parseExpression(rest);
    return e ? { kind: 'imm', expr: e, loc } : null;
  }
  if (toks.length === 1 && head.tokenType === T.Ident && isRegisterName(headWord) && size === undefined) {
    return { kind: 'reg', reg: headWord, loc };
  }
  let seg: string | undefined;
  if (toks.length > 2 && head.tokenType === T.Ident && toks[1]!.tokenType === T.Colon && registerInfo(headWord)?.class === 'sreg') {
    seg = headWord;
    toks = toks.slice(2);
  }
  const open = toks.findIndex((t) => t.tokenType === T.LBracket);
  if (open >= 0) {
    const close = toks.length - 1;
    if (toks[close]!.tokenType !== T.RBracket) {
      ctx.error(ctx.locOf(toks[close]!), "expected ']' at the end of the memory operand");
      return null;
    }
    const outer = toks.slice(0, open);
    // `[rbx][rcx*8]`, `16[rbx][rcx*8]`: adjacent bracket groups add up (MASM style, which
    // GNU as reads): `][` is a `+`.
    const inner = toks.slice(open + 1, close).flatMap((t, i, all) =>
      t.tokenType === T.RBracket && all[i + 1]?.tokenType === T.LBracket ? [{ ...t, image: '+', tokenType: T.Plus, tokenTypeIdx: T.Plus.tokenTypeIdx! }]
        : t.tokenType === T.LBracket && all[i - 1]?.tokenType === T.RBracket ? [] : [t]);
    if (inner.length === 0) {
      ctx.error(loc, 'empty memory reference');
      return null;
    }
    const mem = decomposeIntelAddress(inner, ctx, loc);
    if (!mem) return null;
    if (outer.length > 0) {
      const d = ctx.parseExpression(outer);
      if (!d) return null;
      mem.disp = mem.disp ? { k: 'binary', op: '+', left: d, right: mem.disp, loc: d.loc } : d;
    }
    return { kind: 'mem', seg, size, indirect: false, loc, ...mem };
  }
  const e = ctx.parseExpression(toks);
  if (!e) return null;
  if (seg !== undefined || size !== undefined) return { kind: 'mem', seg, size, scale: null, disp: e, indirect: false, loc };
  if (isAbsoluteNow(e)) return { kind: 'imm', expr: e, loc };
  if (branch) return { kind: 'rel', expr: e, loc };
  // GNU as Intel syntax: a bare symbol is a memory operand (`mov eax, var` loads var).
  return { kind: 'mem', scale: null, disp: e, indirect: false, loc };
}

function unprefixRegister(t: IToken): IToken {
  if (t.tokenType !== T.Register) return t;
  return {
    ...t, image: t.image.slice(1), tokenType: T.Ident, tokenTypeIdx: T.Ident.tokenTypeIdx!,
    startOffset: t.startOffset + 1, startColumn: (t.startColumn ?? 0) + 1,
  };
}

interface Address {
  base?: string;
  index?: string;
  scale: Expr | null;
  disp: Expr | null;
}

/** `[rbx + rcx*8 + 16]` → base, index, scale, disp: parse as an expression in which register
 *  names are symbols, then split the top-level sum. */
function decomposeIntelAddress(inner: IToken[], ctx: ParseContext, loc: SourceLoc): Address | null {
  const e = ctx.parseExpression(inner);
  if (!e) return null;
  const terms: { e: Expr; neg: boolean }[] = [];
  const flatten = (x: Expr, neg: boolean): void => {
    if (x.k === 'binary' && (x.op === '+' || x.op === '-')) {
      flatten(x.left, neg);
      flatten(x.right, x.op === '-' ? !neg : neg);
    } else terms.push({ e: x, neg });
  };
  flatten(e, false);
  const out: Address = { scale: null, disp: null };
  const isReg = (x: Expr): x is Extract<Expr, { k: 'sym' }> => x.k === 'sym' && isRegisterName(x.name.toLowerCase());
  for (const t of terms) {
    const x = t.e;
    if (isReg(x)) {
      if (t.neg) {
        ctx.error(x.loc, 'a register cannot be subtracted in an address');
        return null;
      }
      const r = x.name.toLowerCase();
      if (out.base === undefined) out.base = r;
      else if (out.index === undefined) out.index = r;
      else {
        ctx.error(x.loc, 'too many registers in memory reference');
        return null;
      }
      continue;
    }
    if (x.k === 'binary' && x.op === '*' && (isReg(x.left) || isReg(x.right))) {
      const reg = isReg(x.left) ? x.left : (x.right as Extract<Expr, { k: 'sym' }>);
      const factor = reg === x.left ? x.right : x.left;
      if (t.neg || out.index !== undefined) {
        ctx.error(x.loc, t.neg ? 'a register cannot be subtracted in an address' : 'too many index registers in memory reference');
        return null;
      }
      out.index = reg.name.toLowerCase();
      out.scale = factor;
      continue;
    }
    if (containsRegister(x, isReg)) {
      ctx.error(x.loc, 'invalid use of a register in an address expression');
      return null;
    }
    const term: Expr = t.neg ? { k: 'unary', op: '-', arg: x, loc: x.loc } : x;
    out.disp = out.disp ? { k: 'binary', op: '+', left: out.disp, right: term, loc: x.loc } : term;
  }
  // `[rcx*8 + rbx]`: a scaled register found before the base is still the index.
  void loc;
  return out;
}

function containsRegister(x: Expr, isReg: (x: Expr) => boolean): boolean {
  if (isReg(x)) return true;
  if (x.k === 'unary') return containsRegister(x.arg, isReg);
  if (x.k === 'binary') return containsRegister(x.left, isReg) || containsRegister(x.right, isReg);
  return false;
}
