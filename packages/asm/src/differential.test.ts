// Differential tests against GNU as on hand-written sources that exercise the directives,
// expressions, macros and conditionals, Intel syntax, relaxation and relocations
// (testing/fixtures/*.s): the objects must match section by section, relocation by relocation,
// symbol by symbol. gcc-O0.s / gcc-O2.s are `gcc -S` output of gcc-source.c.txt; GNU as also
// builds .eh_frame from their .cfi_* directives, which vasm ignores, so that one section is
// left out of the comparison.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readObject, writeRelocatable } from '@vsys/elf';
import { assemble, formatDiagnostic } from './index.js';
import { comparable, gnuAssemble, hasTool } from './testing/gnu.js';

const dir = fileURLToPath(new URL('./testing/fixtures/', import.meta.url));
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.s')).sort();
const haveAs = hasTool('as');
if (!haveAs) console.warn('GNU as not found: differential tests skipped (install binutils)');

describe('objects identical to GNU as', () => {
  for (const name of fixtures) {
    it.skipIf(!haveAs)(name, () => {
      const source = readFileSync(join(dir, name), 'utf8');
      const ours = assemble(source, { arch: 'x86_64', file: name });
      expect(ours.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, source))).toEqual([]);
      const gnu = gnuAssemble(source);
      expect(gnu.bytes).not.toBeNull();
      // The same lines get warnings (GNU as: "FILE:LINE: Warning: …").
      const gnuWarningLines = [...gnu.stderr.matchAll(/:(\d+): Warning:/g)].map((m) => Number(m[1]));
      expect(ours.diagnostics.map((d) => d.loc.line)).toEqual(gnuWarningLines);
      const theirs = comparable(readObject(gnu.bytes!));
      theirs.sections = theirs.sections.filter((s) => s.name !== '.eh_frame');
      expect(comparable(readObject(writeRelocatable(ours.object!)))).toEqual(theirs);
    });
  }
});
