// A source buffer: the text of one file or one macro / `.rept` expansion, its tokens, and the
// cursor that hands out one statement at a time. Statements end at a newline or `;` (GNU as
// line_separator_chars). Buffers form a stack: `.include` and macro expansion push one.
import type { ILexingError, IToken } from 'chevrotain';
import { lexerFor } from '../lexer/tokens.js';
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
  lexErrors: ILexingError[];
}

let nextId = 1;

export function lexBuffer(text: string, file: string, dialect: LexerDialect, kind: SourceBuffer['kind'], lineOffset: number, depth: number): SourceBuffer {
  const r = lexerFor(dialect).tokenize(text);
  return { id: nextId++, file, text, tokens: r.tokens, pos: 0, lineOffset, kind, depth, lexErrors: r.errors };
}

export interface Statement {
  buffer: SourceBuffer;
  tokens: IToken[];
  /** The token that ended the statement (Newline / Semicolon), or null at end of buffer. */
  terminator: IToken | null;
}

/** The next statement's tokens (possibly empty for blank lines), or null at the end. */
export function nextStatement(buf: SourceBuffer): Statement | null {
  const toks = buf.tokens;
  const n = toks.length;
  let i = buf.pos;
  if (i >= n) return null;
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
