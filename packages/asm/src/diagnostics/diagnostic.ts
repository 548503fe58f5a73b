// Diagnostics: what the assembler reports instead of throwing. Every problem the user can cause
// (bad syntax, unknown mnemonic, out-of-range value, undefined symbol where an absolute value is
// needed) becomes one of these, with the exact place in the source so the formatter can print
// the line and a caret under the offending operand (the chibicc / GCC style).

export interface SourceLoc {
  /** File name as given to `assemble` or to `.include`. */
  file: string;
  /** 1-based line and column. */
  line: number;
  col: number;
  /** How many characters the caret underlines (at least 1). */
  length?: number;
  /** The text of the line (for lines produced by macro expansion this is the expanded text,
   *  which is not in the original source). */
  lineText?: string;
  /** Internal: the assembler's source buffer id (lets it find the line text only when a
   *  diagnostic is actually reported). */
  buffer?: number;
}

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  message: string;
  loc: SourceLoc;
}

/** `file:line:col: error: message`, then the source line and a caret under the column.
 *  `sourceText` is the text of `d.loc.file`; when the diagnostic carries its own line text
 *  (macro expansions, included files) that wins. */
export function formatDiagnostic(d: Diagnostic, sourceText?: string): string {
  const { file, line, col } = d.loc;
  let text = d.loc.lineText;
  if (text === undefined && sourceText !== undefined) text = lineOf(sourceText, line);
  let out = `${file}:${line}:${col}: ${d.severity}: ${d.message}\n`;
  if (text !== undefined) {
    const shown = text.replace(/\t/g, ' ');
    out += `${shown}\n`;
    const width = Math.max(1, d.loc.length ?? 1);
    out += `${' '.repeat(Math.max(0, col - 1))}^${'~'.repeat(width - 1)}\n`;
  }
  return out;
}

/** The text of 1-based line `line` of `text`, without its newline. */
export function lineOf(text: string, line: number): string | undefined {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (start > text.length) return undefined;
  return text.slice(start, end).replace(/\r$/, '');
}
