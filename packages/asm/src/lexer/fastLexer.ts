// A fast path in front of the chevrotain lexers (tokens.ts), which stay the lexers of record:
// `tokenizeSource(text, dialect)` returns exactly what `lexerFor(dialect).tokenize(text)`
// returns — the same token types, images, offsets, lines and columns, and the same lexing
// errors — but reads the common lines itself with a hand-written scanner, one character
// test per character and no regular expressions. Any line holding something it does not
// read itself (strings, character constants, block comments, backslashes, carriage returns,
// characters that are lexing errors, …) goes to chevrotain, as a chunk that starts at that
// line and ends at the first newline chevrotain reads as a Newline token (a string or a
// block comment may run over several lines). A chunk is lexed on its own and its positions
// are shifted to where it stands in the text; lexing is left to right and every token
// pattern looks at most at the rest of its own line, so lexing the text piecewise at Newline
// boundaries gives the same tokens as lexing it whole. fastLexer.test.ts checks the two
// against each other on the corpus, on fuzz mutants and on random character soup.
//
// Why: chevrotain's tokenizer costs a few microseconds per line (a regular expression per
// token, line-terminator bookkeeping), which was most of the assembler's per-line time.
import type { ILexingError, IToken, TokenType } from 'chevrotain';
import type { LexerDialect } from '../arch/backend.js';
import * as T from './tokens.js';

export interface TokenizeResult {
  tokens: IToken[];
  errors: ILexingError[];
}

// Character classes (ASCII only; anything else sends its line to chevrotain).
const SPACE = 1; // ' ' '\t' (not '\r' '\f' '\v': chevrotain counts '\r' as a line break)
const DIGIT = 2;
const IDENT_START = 4; // A-Z a-z _ .
const IDENT_PART = 8; // A-Z a-z 0-9 _ . $
const REG_START = 16; // A-Z a-z _  (after % on x86)
const REG_PART = 32; // A-Z a-z 0-9 _
const HEX = 64;
const cls = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  let k = 0;
  if (ch === ' ' || ch === '\t') k |= SPACE;
  if (ch >= '0' && ch <= '9') k |= DIGIT | IDENT_PART | REG_PART | HEX;
  if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch === '_') k |= IDENT_START | IDENT_PART | REG_START | REG_PART;
  if (ch === '.') k |= IDENT_START | IDENT_PART;
  if (ch === '$') k |= IDENT_PART;
  if ((ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')) k |= HEX;
  cls[c] = k;
}
const is = (c: number, k: number): boolean => c < 128 && (cls[c]! & k) !== 0;

/** One-character operator tokens (after the two-character ones were tried, in the order of
 *  tokens.ts). '#' and '/' and '%' are decided by the dialect below. */
const SINGLE: (TokenType | undefined)[] = [];
for (const [ch, t] of [
  ['+', T.Plus], ['-', T.Minus], ['*', T.Star], ['&', T.Amp], ['|', T.Pipe], ['^', T.Caret], ['!', T.Bang],
  ['<', T.Lt], ['>', T.Gt], ['~', T.Tilde], ['=', T.Equals], [',', T.Comma], ['(', T.LParen], [')', T.RParen],
  ['[', T.LBracket], [']', T.RBracket], ['{', T.LBrace], ['}', T.RBrace], [':', T.Colon], ['$', T.Dollar],
  ['@', T.At], [';', T.Semicolon],
] as const) SINGLE[ch.charCodeAt(0)] = t;

/** Two-character operators by first character: [second character, token] in tokens.ts order. */
const DOUBLE: ([number, TokenType][] | undefined)[] = [];
for (const [a, b, t] of [
  ['<', '<', T.Shl], ['>', '>', T.Shr], ['<', '=', T.Le], ['>', '=', T.Ge], ['=', '=', T.EqEq], ['!', '=', T.NotEq],
  ['<', '>', T.LtGt], ['&', '&', T.AndAnd], ['|', '|', T.OrOr],
] as const) (DOUBLE[a.charCodeAt(0)] ??= []).push([b.charCodeAt(0), t]);

function token(image: string, startOffset: number, tokenType: TokenType, startLine: number, startColumn: number): IToken {
  // The same fields, in the same order, as chevrotain's positionTracking 'onlyStart' tokens.
  return { image, startOffset, startLine, startColumn, tokenTypeIdx: tokenType.tokenTypeIdx!, tokenType } as IToken;
}

/**
 * Read one line starting at `start` (a line start) into `out`. Returns the offset just past
 * the line's newline (or the text's end), or -1 when the line needs chevrotain (then nothing
 * was added to `out`).
 */
function scanLine(text: string, start: number, line: number, arm64: boolean, out: IToken[]): number {
  const n = text.length;
  const mark = out.length;
  let i = start;
  let blankSoFar = true; // only blanks since the line start (arm64 '#' line comments)
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      out.push(token('\n', i, T.Newline, line, i - start + 1));
      return i + 1;
    }
    if (c >= 128) break;
    const k = cls[c]!;
    if (k & SPACE) {
      i++;
      continue;
    }
    const col = i - start + 1;
    const lineStartSoFar = blankSoFar;
    blankSoFar = false;
    if (k & IDENT_START) {
      let j = i + 1;
      while (j < n && is(text.charCodeAt(j), IDENT_PART)) j++;
      out.push(token(text.slice(i, j), i, T.Ident, line, col));
      i = j;
    } else if (k & DIGIT) {
      // LocalRef `[0-9]+[fb](?![0-9A-Za-z_.$])` is tried before NumberLit.
      let j = i + 1;
      while (j < n && is(text.charCodeAt(j), DIGIT)) j++;
      const d = j < n ? text.charCodeAt(j) : -1;
      if ((d === 102 || d === 98) && !(j + 1 < n && is(text.charCodeAt(j + 1), IDENT_PART))) {
        out.push(token(text.slice(i, j + 1), i, T.LocalRef, line, col));
        i = j + 1;
        continue;
      }
      // NumberLit `0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+` (first alternative that matches).
      if (c === 48) {
        const x = i + 1 < n ? text.charCodeAt(i + 1) : -1;
        if ((x === 120 || x === 88) && i + 2 < n && is(text.charCodeAt(i + 2), HEX)) {
          j = i + 3;
          while (j < n && is(text.charCodeAt(j), HEX)) j++;
        } else if ((x === 98 || x === 66) && i + 2 < n && (text.charCodeAt(i + 2) === 48 || text.charCodeAt(i + 2) === 49)) {
          j = i + 3;
          while (j < n && (text.charCodeAt(j) === 48 || text.charCodeAt(j) === 49)) j++;
        }
      }
      out.push(token(text.slice(i, j), i, T.NumberLit, line, col));
      i = j;
    } else if (c === 37 /* % */) {
      if (!arm64 && i + 1 < n && is(text.charCodeAt(i + 1), REG_START)) {
        let j = i + 2;
        while (j < n && is(text.charCodeAt(j), REG_PART)) j++;
        out.push(token(text.slice(i, j), i, T.Register, line, col));
        i = j;
      } else {
        out.push(token('%', i, T.Percent, line, col));
        i++;
      }
    } else if (c === 35 /* # */) {
      // x86: a comment to the end of the line; arm64: a comment only as the first non-blank
      // of the line (LineHashComment), else the immediate prefix.
      if (!arm64 || lineStartSoFar) {
        const e = text.indexOf('\n', i);
        i = e < 0 ? n : e;
        continue;
      }
      out.push(token('#', i, T.Hash, line, col));
      i++;
    } else if (c === 47 /* / */) {
      const d = i + 1 < n ? text.charCodeAt(i + 1) : -1;
      if (d === 42 /* * */) break; // a block comment (maybe over several lines): chevrotain
      if (arm64 && d === 47) {
        const e = text.indexOf('\n', i);
        i = e < 0 ? n : e;
        continue;
      }
      out.push(token('/', i, T.Slash, line, col));
      i++;
    } else {
      const pairs = DOUBLE[c];
      if (pairs !== undefined && i + 1 < n) {
        const d = text.charCodeAt(i + 1);
        let found: TokenType | undefined;
        for (const [second, t] of pairs) {
          if (second === d) {
            found = t;
            break;
          }
        }
        if (found) {
          out.push(token(text.slice(i, i + 2), i, found, line, col));
          i += 2;
          continue;
        }
      }
      const t = SINGLE[c];
      if (t === undefined) break; // '"', '\'', '\\', '\r', '?', '`', control characters …
      out.push(token(text[i]!, i, t, line, col));
      i++;
    }
  }
  if (i >= n) return n;
  out.length = mark;
  return -1;
}

/**
 * Where a chunk that starts at line start `start` ends for chevrotain: just past the first
 * newline that chevrotain lexes as a Newline token — one that is not inside a string, a
 * character constant, a block comment, or escaped by a backslash in one of those. Mirrors the
 * token patterns of tokens.ts that can hold a newline (BlockComment, StringLit/BadString,
 * CharLit) and the comments that hide quotes and slashes.
 */
export function chunkEnd(text: string, start: number, arm64: boolean): number {
  const n = text.length;
  let i = start;
  let blankSoFar = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    if (c === 47 /* / */ && i + 1 < n && text.charCodeAt(i + 1) === 42 /* * */) {
      // BlockComment `/\*[^]*?\*\//`: to the first `*/` after the `/*`; none: `/` and `*`.
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? i + 1 : e + 2;
    } else if ((c === 35 /* # */ && (!arm64 || blankSoFar)) || (arm64 && c === 47 && i + 1 < n && text.charCodeAt(i + 1) === 47)) {
      const e = text.indexOf('\n', i);
      return e < 0 ? n : e + 1;
    } else if (c === 34 /* " */) {
      // StringLit / BadString: `"(?:[^"\\\n]|\\[^])*"?`
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92 /* \ */) {
          if (j + 1 >= n) break;
          j += 2;
        } else if (d === 34) {
          j++;
          break;
        } else if (d === 10) break;
        else j++;
      }
      i = j;
    } else if (c === 39 /* ' */) {
      // CharLit `'(?:\\(?:[0-7]{1,3}|x[0-9a-fA-F]+|[^])|[^\\\n])'?`; no match: a lexing error
      // on the quote alone.
      let j = i + 1;
      const d = j < n ? text.charCodeAt(j) : -1;
      if (d === 92) {
        j++;
        if (j >= n) {
          i++;
          blankSoFar = false;
          continue;
        }
        const e = text.charCodeAt(j);
        if (e >= 48 && e <= 55) {
          const stop = Math.min(n, j + 3);
          while (j < stop && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 55) j++;
        } else if (e === 120 && j + 1 < n && is(text.charCodeAt(j + 1), HEX)) {
          j += 2;
          while (j < n && is(text.charCodeAt(j), HEX)) j++;
        } else j++;
      } else if (d === -1 || d === 10) {
        i++;
        blankSoFar = false;
        continue;
      } else j++;
      if (j < n && text.charCodeAt(j) === 39) j++;
      i = j;
    } else i++;
    blankSoFar = false;
  }
  return n;
}

const OFFSET_IN_MESSAGE = /at offset: (\d+)/;

/** Lex `text.slice(start, end)` with chevrotain and place its tokens and errors at `start`,
 *  on chevrotain's line `line`. Returns the line number after the chunk. */
function lexChunk(text: string, start: number, end: number, line: number, dialect: LexerDialect, out: TokenizeResult): number {
  const r = T.lexerFor(dialect).tokenize(start === 0 && end === text.length ? text : text.slice(start, end));
  const dl = line - 1;
  for (const t of r.tokens) {
    t.startOffset += start;
    t.startLine = t.startLine! + dl;
    out.tokens.push(t);
  }
  for (const e of r.errors) {
    out.errors.push({
      ...e,
      offset: e.offset + start,
      line: e.line === undefined ? undefined : e.line + dl,
      message: e.message.replace(OFFSET_IN_MESSAGE, (_, o: string) => `at offset: ${Number(o) + start}`),
    });
  }
  // The chunk ends with its Newline token (or at the text's end): the next line follows it.
  const last = r.tokens[r.tokens.length - 1];
  if (last && last.tokenType === T.Newline && last.startOffset === end - 1) return last.startLine! + 1;
  return line; // end of text: no further line
}

/** A piece of the text lexed by `lexPiece`: where the next piece starts, and its line. */
export interface LexedPiece extends TokenizeResult {
  end: number;
  nextLine: number;
}

/**
 * Lex the piece of `text` that starts at line start `pos` (chevrotain line `line`): one line,
 * or the lines a string or block comment spans. Pieces read one after another give the
 * tokens and errors of `lexerFor(dialect).tokenize(text)`, in order.
 */
export function lexPiece(text: string, pos: number, line: number, dialect: LexerDialect): LexedPiece {
  const out: LexedPiece = { tokens: [], errors: [], end: pos, nextLine: line };
  const arm64 = dialect === 'arm64';
  const next = scanLine(text, pos, line, arm64, out.tokens);
  if (next >= 0) {
    out.end = next;
    out.nextLine = line + 1;
    return out;
  }
  out.end = chunkEnd(text, pos, arm64);
  out.nextLine = lexChunk(text, pos, out.end, line, dialect, out);
  return out;
}

/** `lexerFor(dialect).tokenize(text)`, faster (see the header). */
export function tokenizeSource(text: string, dialect: LexerDialect): TokenizeResult {
  const out: TokenizeResult = { tokens: [], errors: [] };
  const arm64 = dialect === 'arm64';
  const n = text.length;
  let pos = 0;
  let line = 1;
  while (pos < n) {
    const next = scanLine(text, pos, line, arm64, out.tokens);
    if (next >= 0) {
      pos = next;
      line++;
      continue;
    }
    const end = chunkEnd(text, pos, arm64);
    line = lexChunk(text, pos, end, line, dialect, out);
    pos = end;
  }
  return out;
}

/** Characters or shapes at which chevrotain may report a lexing error (a character no token
 *  starts with: controls, non-ASCII, `?`, backquote; a `'` with nothing after it on its line).
 *  A text without any has no lexing errors, so it may be lexed piece by piece as it is read
 *  (errors are reported when a buffer is pushed, before its first statement runs). */
export function mayHaveLexErrors(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 32 && c < 127) {
      if (c === 63 /* ? */ || c === 96 /* ` */) return true;
      if (c === 39 /* ' */) {
        // `'` followed by a newline or the end, or `'\` at the very end: CharLit cannot match
        const d = i + 1 < n ? text.charCodeAt(i + 1) : -1;
        if (d === -1 || d === 10 || (d === 92 && i + 2 >= n)) return true;
      }
    } else if (c < 9 || c > 13) return true; // controls other than \t \n \v \f \r; non-ASCII
  }
  return false;
}
