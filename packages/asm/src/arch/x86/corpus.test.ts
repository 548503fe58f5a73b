// x86-64 forms vasm must assemble as GNU as does, line by line: the corpus files in
// ../../testing/x86-corpus/ (written for vsys, grouped by the rule they exercise: prefixes,
// addressing, system instructions, aliases, Intel syntax, lines GAS rejects). For every line
// both assemblers must agree: same bytes and relocations, or both reject, and a warning from
// one is a warning from the other. gaps.s lists what vasm still does differently; each of its
// lines must still differ (move a line out when it is fixed). realworld.s.txt is compared as a
// whole object; the broken-source test checks vasm's diagnostics format and that it reports
// every error in one run, on the lines GAS reports.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readObject, writeRelocatable } from '@vsys/elf';
import { assemble, formatDiagnostic } from '../../index.js';
import { comparable, gnuAssemble, hasTool } from '../../testing/gnu.js';
import { compareLines } from '../../testing/x86-lines.js';

const dir = fileURLToPath(new URL('../../testing/x86-corpus/', import.meta.url));
const haveAs = hasTool('as');
if (!haveAs) console.warn('GNU as not found: x86 corpus tests skipped (install binutils)');

const corpusLines = (name: string): string[] =>
  readFileSync(join(dir, name), 'utf8').split('\n').filter((l) => l.trim() !== '' && !/^\s*#/.test(l));

const files = readdirSync(dir).filter((f) => f.endsWith('.s') && f !== 'gaps.s').sort();

describe('x86-64 corpus against GNU as, line by line', () => {
  for (const name of files) {
    it.skipIf(!haveAs)(name, () => {
      const lines = corpusLines(name);
      expect(lines.length).toBeGreaterThan(20);
      const differ = compareLines(lines).filter((v) => v.kind !== 'ok').map((v) => `${v.number}: ${v.line.trim()} — ${v.kind}: ${v.detail}`);
      expect(differ).toEqual([]);
    });
  }

  it.skipIf(!haveAs)('gaps.s: every known gap still differs', () => {
    const verdicts = compareLines(corpusLines('gaps.s'));
    const fixed = verdicts.filter((v) => v.kind === 'ok').map((v) => v.line);
    expect(fixed).toEqual([]);
    // The gaps are forms GAS accepts that vasm refuses; never silently different bytes.
    expect(verdicts.filter((v) => v.kind === 'mismatch').map((v) => v.line)).toEqual([]);
  });
});

describe('x86-64 whole sources against GNU as', () => {
  it.skipIf(!haveAs)('realworld.s.txt: the same object', () => {
    const source = readFileSync(join(dir, 'realworld.s.txt'), 'utf8');
    const ours = assemble(source, { arch: 'x86_64', file: 'realworld.s' });
    expect(ours.diagnostics.map((d) => formatDiagnostic(d, source))).toEqual([]);
    const gnu = gnuAssemble(source);
    expect(gnu.stderr).toBe('');
    const theirs = comparable(readObject(gnu.bytes!));
    expect(comparable(readObject(writeRelocatable(ours.object!)))).toEqual(theirs);
  });

  it.skipIf(!haveAs)('a broken source: every error in one run, on the lines GAS reports, with file:line:col and a caret', () => {
    const source = [
      '.text',
      'start:',
      '  movl %eax, %bx', // 3: size mismatch
      '  xacquire nop', // 4: HLE on a non-lockable instruction
      '  mov %rax, %rbx',
      '  bnd movl %eax, %ebx', // 6: bnd before a non-branch
      '  stosd', // 7: Intel-only spelling in AT&T
      '  lea 8(%rip,%rax), %rax', // 8: RIP with an index
      '  es nop', // 9: ES prefix in 64-bit mode
      '  mov $(1 == 1), %eax', // 10: '=' in an AT&T operand
      '  ret',
      '.intel_syntax noprefix',
      '  movzx eax, [rdi]', // 13: ambiguous operand size
      '  enter 16, 0',
    ].join('\n') + '\n';
    const ours = assemble(source, { arch: 'x86_64', file: 'broken.s' });
    const errors = ours.diagnostics.filter((d) => d.severity === 'error');
    const gnu = gnuAssemble(source);
    const gasLines = [...new Set([...gnu.stderr.matchAll(/:(\d+): Error:/g)].map((m) => Number(m[1])))];
    expect(gasLines).toEqual([3, 4, 6, 7, 8, 9, 10, 13]);
    expect([...new Set(errors.map((d) => d.loc.line))]).toEqual(gasLines);
    for (const d of errors) {
      const text = formatDiagnostic(d, source).split('\n');
      expect(text[0]).toMatch(new RegExp(`^broken\\.s:${d.loc.line}:\\d+: error: `));
      expect(text[1]).toBe(source.split('\n')[d.loc.line - 1]);
      expect(text[2]).toMatch(/^ *\^~*$/);
    }
  });
});
