// The token vocabulary of GNU as syntax and the two lexers built from it (chevrotain).
//
// One vocabulary serves both architectures so that one expression parser serves both; only the
// comment rules differ (GNU as, as.info §3.3 "Comments" and the per-target "Syntax" chapters):
// x86 `#` to end of line and `/* … */`; AArch64 `//` to end of line and `/* … */`, where `#`
// is the immediate prefix. `;` separates statements on both. A `%name` is an AT&T register
// only in the x86 lexer (on AArch64 `%` is just the modulo operator).
import { createToken, Lexer, type ILexerConfig, type IToken, type TokenType } from 'chevrotain';
import type { LexerDialect } from '../arch/backend.js';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\f\v]+/, group: Lexer.SKIPPED });
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[^]*?\*\//,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
export const HashComment = createToken({ name: 'HashComment', pattern: /#[^\n]*/, group: Lexer.SKIPPED });
export const SlashComment = createToken({ name: 'SlashComment', pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED });
/** AArch64: `#` is a comment only as the first non-blank character of a line
 *  (tc-aarch64.c line_comment_chars); elsewhere it prefixes an immediate. */
export const LineHashComment = createToken({
  name: 'LineHashComment',
  pattern: {
    exec: (text: string, offset: number): RegExpExecArray | null => {
      if (text.charCodeAt(offset) !== 35 /* # */) return null;
      for (let i = offset - 1; i >= 0; i--) {
        const c = text.charCodeAt(i);
        if (c === 10) break;
        if (c !== 32 && c !== 9) return null;
      }
      let end = text.indexOf('\n', offset);
      if (end < 0) end = text.length;
      const m = [text.slice(offset, end)] as unknown as RegExpExecArray;
      m.index = offset;
      m.input = text;
      return m;
    },
  },
  start_chars_hint: ['#'],
  line_breaks: false,
  group: Lexer.SKIPPED,
});
export const Newline = createToken({ name: 'Newline', pattern: /\n/, line_breaks: true });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/ });

/** "…" with C-style escapes (as.info §3.6.1.1 "Strings"). Unterminated strings are an error
 *  token of their own so the diagnostic can say so. */
export const StringLit = createToken({ name: 'String', pattern: /"(?:[^"\\\n]|\\[^])*"/ });
export const BadString = createToken({ name: 'BadString', pattern: /"(?:[^"\\\n]|\\[^])*/ });
/** 'c (as.info §3.6.1.2 "Characters"); a closing quote is accepted too. */
export const CharLit = createToken({ name: 'Char', pattern: /'(?:\\(?:[0-7]{1,3}|x[0-9a-fA-F]+|[^])|[^\\\n])'?/ });

/** `1f` / `1b`: the next / previous definition of local label `1:` (as.info §5.3). */
export const LocalRef = createToken({ name: 'LocalRef', pattern: /[0-9]+[fb](?![0-9A-Za-z_.$])/ });
export const NumberLit = createToken({
  name: 'Number',
  pattern: /0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+/,
});
/** `%rax` (x86 only). */
export const Register = createToken({ name: 'Register', pattern: /%[A-Za-z_][A-Za-z0-9_]*/ });
/** Symbols: letters, digits, `_`, `.`, `$` (not first, since `$` is AT&T's immediate prefix). */
export const Ident = createToken({ name: 'Ident', pattern: /[A-Za-z_.][A-Za-z0-9_.$]*/ });
/** A macro argument reference left after expansion failed, or a stray backslash. */
export const Backslash = createToken({ name: 'Backslash', pattern: /\\/ });

/** Category of every binary operator token, so the expression rule can take "any operator". */
export const BinaryOperator = createToken({ name: 'BinaryOperator', pattern: Lexer.NA });

const op = (name: string, pattern: RegExp, binary = true): TokenType =>
  createToken({ name, pattern, categories: binary ? [BinaryOperator] : [] });

export const Shl = op('Shl', /<</);
export const Shr = op('Shr', />>/);
export const Le = op('Le', /<=/);
export const Ge = op('Ge', />=/);
export const EqEq = op('EqEq', /==/);
export const NotEq = op('NotEq', /!=/);
export const LtGt = op('LtGt', /<>/);
export const AndAnd = op('AndAnd', /&&/);
export const OrOr = op('OrOr', /\|\|/);
export const Plus = op('Plus', /\+/);
export const Minus = op('Minus', /-/);
export const Star = op('Star', /\*/);
export const Slash = op('Slash', /\//);
export const Percent = op('Percent', /%/);
export const Amp = op('Amp', /&/);
export const Pipe = op('Pipe', /\|/);
export const Caret = op('Caret', /\^/);
export const Bang = op('Bang', /!/);
export const Lt = op('Lt', /</);
export const Gt = op('Gt', />/);
export const Tilde = op('Tilde', /~/, false);
export const Equals = op('Equals', /=/, false);
export const Comma = op('Comma', /,/, false);
export const LParen = op('LParen', /\(/, false);
export const RParen = op('RParen', /\)/, false);
export const LBracket = op('LBracket', /\[/, false);
export const RBracket = op('RBracket', /\]/, false);
export const LBrace = op('LBrace', /\{/, false);
export const RBrace = op('RBrace', /\}/, false);
export const Colon = op('Colon', /:/, false);
export const Dollar = op('Dollar', /\$/, false);
export const At = op('At', /@/, false);
export const Hash = op('Hash', /#/, false);
/** Any other character is a lexing error (reported as a diagnostic, then skipped). There is
 *  no catch-all token: a complement set would disable chevrotain's first-character dispatch. */

const common = [
  WhiteSpace, BlockComment, Newline, Semicolon, StringLit, BadString, CharLit, LocalRef, NumberLit,
];
const operators = [
  Shl, Shr, Le, Ge, EqEq, NotEq, LtGt, AndAnd, OrOr, Plus, Minus, Star, Slash, Percent, Amp, Pipe,
  Caret, Bang, Lt, Gt, Tilde, Equals, Comma, LParen, RParen, LBracket, RBracket, LBrace, RBrace,
  Colon, Dollar, At,
];

/** Every token type (the parser's vocabulary). */
export const allTokens: TokenType[] = [
  WhiteSpace, BlockComment, HashComment, SlashComment, LineHashComment, Newline, Semicolon, StringLit, BadString,
  CharLit, LocalRef, NumberLit, Register, Ident, Backslash, BinaryOperator, ...operators, Hash,
];

/** Only LF ends a line, as in GNU as (read.c: `\r` is whitespace, so a CRLF file's line numbers
 *  are its LF count). Chevrotain's default also counts a `\r` as a line break, which made every
 *  line of a CRLF file report at twice its number. */
const lexerOptions: ILexerConfig = {
  positionTracking: 'onlyStart',
  ensureOptimizations: true,
  skipValidations: true,
  lineTerminatorsPattern: /\n/g,
  lineTerminatorCharacters: ['\n'],
};

const x86Lexer = new Lexer(
  [...common, HashComment, Register, Ident, Backslash, ...operators],
  lexerOptions,
);
const arm64Lexer = new Lexer(
  [...common, SlashComment, LineHashComment, Ident, Backslash, ...operators, Hash],
  lexerOptions,
);

/** Offset of a token's last character (the lexers track start positions only). */
export function endOffsetOf(t: IToken): number {
  return t.startOffset + t.image.length - 1;
}

export function lexerFor(dialect: LexerDialect): Lexer {
  return dialect === 'x86' ? x86Lexer : arm64Lexer;
}
