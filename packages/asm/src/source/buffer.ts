// A source buffer: the text of one file or one macro / `.rept` expansion, its tokens, and the
// cursor that hands out one statement at a time. Statements end at a newline or `;` (GNU as
// line_separator_chars). Buffers form a stack: `.include` and macro expansion push one.
import type { ILexingError, IToken } from 'chevrotain';
import { lexPiece, mayHaveLexErrors, tokenizeSource } from '../lexer/fastLexer.js';
import * as T from '../lexer/tokens.js';
import type { LexerDialect } from '../arch/backend.js';

export interface SourceBuffer {
  id: number;
  file: string;
  text: string;
  tokens: IToken[];
  pos: number;
  /** Added to token lines (an expansion's line 1 is the macro body's first line). */
  lineOffset: number;
  /** Added to token columns on the expansion's first line when the body started mid-line. */
  kind: 'file' | 'expansion';
  /** Nesting depth of includes / expansions (guards runaway recursion). */
  depth: number;
  /** For macro expansions: the macro (so `.exitm` can leave it). */
  macroName?: string;
  /** Conditionals open when the buffer was pushed: `.exitm` closes the ones its macro opened. */
  condDepth?: number;
  lexErrors: ILexingError[];
  dialect: LexerDialect;
  /** Text not lexed yet starts here (on chevrotain line `lexLine`): a buffer whose text cannot
   *  have lexing errors is lexed a line at a time as it is read, so that its tokens die young
   *  instead of all living until the end (the garbage collector's copying was a large part of
   *  the assembler's time). Other buffers are lexed whole up front (lexPos = text.length). */
  lexPos: number;
  lexLine: number;
}

let nextId = 1;

/** Testing knob: lex every buffer whole up front (the reference behaviour piecewise lexing
 *  must match; see source/pieceLexing.test.ts). */
export const lexing = { whole: false };

export function lexBuffer(text: string, file: string, dialect: LexerDialect, kind: SourceBuffer['kind'], lineOffset: number, depth: number): SourceBuffer {
  if (!lexing.whole && !mayHaveLexErrors(text)) {
    return { id: nextId++, file, text, tokens: [], pos: 0, lineOffset, kind, depth, lexErrors: [], dialect, lexPos: 0, lexLine: 1 };
  }
  const r = tokenizeSource(text, dialect); // = lexerFor(dialect).tokenize(text), faster
  return { id: nextId++, file, text, tokens: r.tokens, pos: 0, lineOffset, kind, depth, lexErrors: r.errors, dialect, lexPos: text.length, lexLine: 0 };
}

/** Lex the next line (or lines) of a buffer read piece by piece; false at the end. */
function refill(buf: SourceBuffer): boolean {
  if (buf.lexPos >= buf.text.length) return false;
  const piece = lexPiece(buf.text, buf.lexPos, buf.lexLine, buf.dialect);
  buf.tokens = piece.tokens;
  buf.pos = 0;
  buf.lexPos = piece.end;
  buf.lexLine = piece.nextLine;
  return true;
}

/** Skip the rest of a buffer (`.exitm`). */
export function exhaust(buf: SourceBuffer): void {
  buf.pos = buf.tokens.length;
  buf.lexPos = buf.text.length;
}

export interface Statement {
  buffer: SourceBuffer;
  tokens: IToken[];
  /** The token that ended the statement (Newline / Semicolon), or null at end of buffer. */
  terminator: IToken | null;
}

/** The next statement's tokens (possibly empty for blank lines), or null at the end. */
export function nextStatement(buf: SourceBuffer): Statement | null {
  while (buf.pos >= buf.tokens.length) {
    if (!refill(buf)) return null;
  }
  const toks = buf.tokens;
  const n = toks.length;
  let i = buf.pos;
  const start = i;
  while (i < n) {
    const tt = toks[i]!.tokenType;
    if (tt === T.Newline || tt === T.Semicolon) break;
    i++;
  }
  const terminator = i < n ? toks[i]! : null;
  buf.pos = i + 1;
  return { buffer: buf, tokens: start === i ? [] : toks.slice(start, i), terminator };
}

/** Offset in `buf.text` just past a statement's terminator (where the next one starts). */
export function offsetAfter(st: Statement): number {
  return st.terminator ? T.endOffsetOf(st.terminator) + 1 : st.buffer.text.length;
}
