// Every line of the recorded x86-64 encodings (/work/shared/conformance/encodings/x86_64.tsv:
// an instruction and the bytes GNU as emits for it alone in .text) goes through the whole
// assembler — lexer, operand grammar, expression evaluation, encoder, layout — and must give
// GNU as's bytes.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { assemble, formatDiagnostic } from '../../index.js';

const tsv = '/work/shared/conformance/encodings/x86_64.tsv';
const lines = existsSync(tsv)
  ? readFileSync(tsv, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split('\t') as [string, string])
  : [];

function textBytes(insn: string): string {
  const source = `.text\n${insn}\n`;
  const r = assemble(source, { arch: 'x86_64', file: 'line.s' });
  if (!r.object) return r.diagnostics.map((d) => formatDiagnostic(d, source)).join('');
  return Buffer.from(r.object.sections[0]!.data).toString('hex');
}

describe('x86_64 encodings through the assembler', () => {
  it.skipIf(lines.length === 0)('the corpus is there', () => {
    expect(lines.length).toBeGreaterThan(1000);
  });
  it.skipIf(lines.length === 0)('every line gives GNU as bytes', () => {
    const failures: string[] = [];
    for (const [insn, hex] of lines) {
      const got = textBytes(insn);
      if (got !== hex) failures.push(`${insn}: expected ${hex}, got ${got}`);
    }
    expect(failures).toEqual([]);
  });
});
