// Hand-written AArch64 sources (corpus/*.s: libc-style routines with register aliases, kernel
// entry and system code, TLS/GOT sequences, macro-generated instruction lists in the style of
// GNU as's own testsuite) assembled by vasm and by aarch64-linux-gnu-as: the objects must be the
// same section by section, relocation by relocation, symbol by symbol, with warnings on the same
// lines. corpus/errors.s is broken on purpose: vasm must reject exactly the lines GNU as
// rejects, in one run, each with `file:line:col: error:`, the line and a caret.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readObject, writeRelocatable } from '@vsys/elf';
import { formatDiagnostic } from '../../index.js';
import { assembleArm64, GNU_AS, gnuRun, haveTool, summarize } from './testing.js';

const dir = fileURLToPath(new URL('./corpus/', import.meta.url));
const sources = readdirSync(dir).filter((f) => f.endsWith('.s') && f !== 'errors.s').sort();
const haveAs = haveTool(GNU_AS);
if (!haveAs) console.warn(`skipping the arm64 corpus tests: ${GNU_AS} not installed`);
// LSE atomics, LDAPR, PAC/BTI hints and DC CVAP need Armv8.1–8.5
const MARCH = ['-march=armv8.5-a'];

const linesOf = (stderr: string, kind: 'Error' | 'Warning'): number[] => [...stderr.matchAll(new RegExp(`:(\\d+): ${kind}:`, 'g'))].map((m) => Number(m[1]));

describe.skipIf(!haveAs)('arm64 corpus vs GNU as', () => {
  for (const name of sources) {
    it(name, () => {
      const source = readFileSync(join(dir, name), 'utf8');
      const ours = assembleArm64(source, name);
      expect(ours.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, source))).toEqual([]);
      const gnu = gnuRun(source, MARCH);
      expect(gnu.object, gnu.stderr).not.toBeNull();
      expect(ours.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.loc.line)).toEqual(linesOf(gnu.stderr, 'Warning'));
      expect(summarize(readObject(writeRelocatable(ours.object!)))).toEqual(summarize(gnu.object!));
    });
  }

  it('errors.s: the lines GNU as rejects, each reported once with a caret, in one run', () => {
    const source = readFileSync(join(dir, 'errors.s'), 'utf8');
    const gnu = gnuRun(source, MARCH, 'errors.s');
    const gnuLines = [...new Set(linesOf(gnu.stderr, 'Error'))].sort((a, b) => a - b);
    expect(gnuLines.length).toBeGreaterThan(80);
    const ours = assembleArm64(source, 'errors.s');
    const errors = ours.diagnostics.filter((d) => d.severity === 'error');
    expect([...new Set(errors.map((d) => d.loc.line))].sort((a, b) => a - b)).toEqual(gnuLines);
    const lines = source.split('\n');
    for (const d of errors) {
      const text = formatDiagnostic(d, source);
      const [head, shown, caret] = text.split('\n');
      expect(head).toMatch(new RegExp(`^errors\\.s:${d.loc.line}:${d.loc.col}: error: \\S`));
      // (tabs are shown as spaces so the caret lines up)
      expect(shown!.replace(/\s+/g, ' ').trim()).toBe(lines[d.loc.line - 1]!.replace(/\s+/g, ' ').trim());
      expect(caret).toMatch(/^\s*\^~*$/);
    }
  });

  it('register aliases: .req / .unreq diagnostics on the lines GNU as warns or fails', () => {
    const source = [
      'foo .req x1', 'FOO2 .req w3', 'bar .req foo', 'foo .req x1', 'foo .req x2', 'x0 .req x5', 'bad2 .req 5', 'bad3 .req',
      '\tmov foo, bar', '\tadd Foo, FOO, #1', '\tldr FOO2, [bar, foo]', '\tmov foo2, FOO2', '\t.unreq foo', '\t.unreq foo', '\t.unreq x0',
      '\tmov foo, x1', '\tmov bar, x2', '',
    ].join('\n');
    const gnu = gnuRun(source);
    const ours = assembleArm64(source);
    const of = (severity: string): number[] => ours.diagnostics.filter((d) => d.severity === severity).map((d) => d.loc.line);
    expect(of('error')).toEqual(linesOf(gnu.stderr, 'Error'));
    expect(of('warning')).toEqual(linesOf(gnu.stderr, 'Warning'));
    const good = source.split('\n').map((l, i) => (linesOf(gnu.stderr, 'Error').includes(i + 1) ? '' : l)).join('\n');
    expect(summarize(readObject(writeRelocatable(assembleArm64(good).object!)))).toEqual(summarize(gnuRun(good).object!));
  });
});
