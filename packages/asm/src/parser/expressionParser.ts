// The expression grammar (chevrotain, embedded actions): GNU as expressions with full operator
// precedence (see expr/ast.ts), unary `- ~ ! +`, parentheses, numbers, characters, symbols,
// `.`, and numeric local-label references. One flat rule `operand (op operand)*` collects the
// operators and the tree is built by precedence climbing: fewer rule calls than one rule per
// precedence level, which matters because every operand of every line goes through here.
import { EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';
import type { SourceLoc } from '../diagnostics/diagnostic.js';
import { binaryPrecedence, type BinaryOp, type Expr, type UnaryOp } from '../expr/ast.js';
import * as T from '../lexer/tokens.js';
import { parseChar, parseNumber } from './literals.js';

export interface ExpressionHost {
  /** Source location of a token (file, line, column, the line's text). */
  locOf(token: IToken, last?: IToken): SourceLoc;
  /** The internal name of `1f` / `1b` at this point of the source; null when there is no such
   *  label (`1b` before any `1:`). */
  localLabelRef(image: string): string | null;
  error(loc: SourceLoc, message: string): void;
}

class ExpressionGrammar extends EmbeddedActionsParser {
  host: ExpressionHost | null = null;
  failed = false;

  constructor() {
    super(T.allTokens, { recoveryEnabled: false, maxLookahead: 2, skipValidations: true });
    this.performSelfAnalysis();
  }

  public expression = this.RULE('expression', (): Expr => {
    const first = this.SUBRULE(this.unary);
    const ops: IToken[] = [];
    const operands: Expr[] = [first];
    this.MANY(() => {
      const op = this.CONSUME(T.BinaryOperator);
      // `a ! !b` (GNU as squeezes the blanks: `a !!b`) is exclusive or, not or-not of `!b`
      // (gas/expr.c operatorf, "!!" as "^"; checked against as 2.40).
      let xor = false;
      this.OPTION({
        GATE: () => op.tokenType === T.Bang,
        DEF: () => {
          this.CONSUME2(T.Bang);
          xor = true;
        },
      });
      ops.push(xor ? { ...op, image: '^' } : op);
      operands.push(this.SUBRULE2(this.unary));
    });
    return this.ACTION(() => climb(operands, ops, this.host!));
  });

  private unary = this.RULE('unary', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const t = this.OR2([
            { ALT: () => this.CONSUME(T.Minus) },
            { ALT: () => this.CONSUME(T.Tilde) },
            { ALT: () => this.CONSUME(T.Bang) },
            { ALT: () => this.CONSUME(T.Plus) },
          ]);
          const arg = this.SUBRULE(this.unary);
          return this.ACTION(() => ({ k: 'unary', op: t.image as UnaryOp, arg, loc: this.host!.locOf(t) }) as Expr);
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  private primary = this.RULE('primary', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(T.NumberLit);
          return this.ACTION(() => numberExpr(t, this.host!, this));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.CharLit);
          return this.ACTION(() => ({ k: 'num', value: parseChar(t.image), loc: this.host!.locOf(t) }) as Expr);
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.LocalRef);
          return this.ACTION(() => localRefExpr(t, this.host!, this));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.Ident);
          let mod: IToken | undefined;
          this.OPTION(() => {
            this.CONSUME(T.At);
            mod = this.CONSUME2(T.Ident);
          });
          return this.ACTION(() => {
            const e = identExpr(t, this.host!);
            if (mod && e.k === 'sym') e.modifier = mod.image.toLowerCase();
            return e;
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          const e = this.SUBRULE(this.expression);
          this.CONSUME(T.RParen);
          return e;
        },
      },
    ]);
  });
}

function numberExpr(t: IToken, host: ExpressionHost, g: { failed: boolean }): Expr {
  const loc = host.locOf(t);
  const v = parseNumber(t.image);
  if (v === null) {
    host.error(loc, `invalid number '${t.image}'`);
    g.failed = true;
    return { k: 'num', value: 0n, loc };
  }
  return { k: 'num', value: v, loc };
}

function identExpr(t: IToken, host: ExpressionHost): Expr {
  const loc = host.locOf(t);
  if (t.image === '.') return { k: 'dot', loc };
  return { k: 'sym', name: t.image, loc };
}

function localRefExpr(t: IToken, host: ExpressionHost, g: { failed: boolean }): Expr {
  const loc = host.locOf(t);
  const name = host.localLabelRef(t.image);
  if (name === null) {
    host.error(loc, `backward reference to unknown label "${t.image.slice(0, -1)}:"`);
    g.failed = true;
    return { k: 'num', value: 0n, loc };
  }
  return { k: 'sym', name, loc };
}

/** Precedence climbing over the flat operand/operator lists (all operators left-associative). */
function climb(operands: Expr[], ops: IToken[], host: ExpressionHost): Expr {
  if (ops.length === 0) return operands[0]!;
  let pos = 0;
  let opIndex = 0;
  const parseLevel = (minPrec: number): Expr => {
    let left = operands[pos++]!;
    while (opIndex < ops.length) {
      const opTok = ops[opIndex]!;
      const op = opTok.image as BinaryOp;
      const prec = binaryPrecedence[op];
      if (prec < minPrec) break;
      opIndex++;
      const right = parseLevel(prec + 1);
      left = { k: 'binary', op, left, right, loc: host.locOf(opTok) };
    }
    return left;
  };
  return parseLevel(0);
}

const grammar = new ExpressionGrammar();

/** Parse exactly `tokens` as one expression. Reports through `host` and returns null on a
 *  syntax error (including tokens left over after a complete expression). */
export function parseExpressionTokens(tokens: IToken[], host: ExpressionHost): Expr | null {
  // Fast paths for the commonest operands: one number, one symbol.
  if (tokens.length === 1) {
    const t = tokens[0]!;
    const type: TokenType = t.tokenType;
    if (type === T.NumberLit) {
      const g = { failed: false };
      const e = numberExpr(t, host, g);
      return g.failed ? null : e;
    }
    if (type === T.Ident) return identExpr(t, host);
  }
  // `-N`, `sym+N`, `sym-N`: the other common shapes (displacements, negative immediates).
  if (tokens.length === 2 && tokens[0]!.tokenType === T.Minus && tokens[1]!.tokenType === T.NumberLit) {
    const g = { failed: false };
    const n = numberExpr(tokens[1]!, host, g);
    if (g.failed) return null;
    return { k: 'unary', op: '-', arg: n, loc: host.locOf(tokens[0]!) };
  }
  if (
    tokens.length === 3 && tokens[0]!.tokenType === T.Ident && tokens[2]!.tokenType === T.NumberLit &&
    (tokens[1]!.tokenType === T.Plus || tokens[1]!.tokenType === T.Minus) && tokens[0]!.image !== '.'
  ) {
    const g = { failed: false };
    const n = numberExpr(tokens[2]!, host, g);
    if (g.failed) return null;
    return { k: 'binary', op: tokens[1]!.image as BinaryOp, left: identExpr(tokens[0]!, host), right: n, loc: host.locOf(tokens[1]!) };
  }
  if (tokens.length === 0) return null;
  grammar.host = host;
  grammar.failed = false;
  grammar.input = tokens;
  const e = grammar.expression();
  if (grammar.errors.length > 0) {
    const err = grammar.errors[0]!;
    const bad = err.token && err.token.tokenType !== undefined && err.token.image !== '' ? err.token : tokens[tokens.length - 1]!;
    const what = err.token && err.token.image !== '' ? `'${err.token.image}'` : 'end of operand';
    host.error(host.locOf(bad), err.name === 'NotAllInputParsedException' ? `junk ${what} after expression` : `syntax error in expression at ${what}`);
    return null;
  }
  if (grammar.failed) return null;
  return e;
}
