// `assemble(source, options)`: the package's entry point. Reads the source (pass 1), lays out
// every section, resolves fixups, and returns the ELF object model with all diagnostics. No
// object is returned when there is any error; nothing is ever thrown at the caller.
import type { ObjectFile } from '@vsys/elf';
import { Assembler, type AssembleOptions } from './assembler.js';
import { backendFor } from './arch/registry.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { resolveSection, type PendingRelocation } from './layout/fixups.js';
import { layoutSection } from './layout/layout.js';
import { buildObject } from './object/buildObject.js';
import type { Section } from './sections/section.js';

export type { AssembleOptions };

export interface AssembleResult {
  object: ObjectFile | null;
  diagnostics: Diagnostic[];
}

/** Diagnostics in source order (pass-1 and layout errors interleaved by position). */
function sorted(ds: Diagnostic[]): Diagnostic[] {
  return ds
    .map((d, i) => ({ d, i }))
    .sort((x, y) => (x.d.loc.file === y.d.loc.file ? x.d.loc.line - y.d.loc.line || x.d.loc.col - y.d.loc.col : 0) || x.i - y.i)
    .map((x) => x.d);
}

export function assemble(source: string, options: AssembleOptions): AssembleResult {
  const backend = backendFor(options.arch);
  if (!backend) {
    return {
      object: null,
      diagnostics: [{ severity: 'error', message: `no assembler backend for architecture '${options.arch}' yet`, loc: { file: options.file, line: 1, col: 1 } }],
    };
  }
  const asm = new Assembler(backend, options);
  try {
    asm.run(source);
    // Layout and fixups run even after errors, so that their errors (undefined symbols where
    // an absolute value is needed, values out of range) are reported in the same run.
    // Literal pools left at the end of a section are dumped there (as GNU as does).
    for (const s of [...asm.sections]) {
      asm.current = s;
      asm.flushLiteralPool();
    }
    asm.allocateLocalCommons();
    for (const s of asm.sections) layoutSection(asm, s);
    const relocations = new Map<Section, PendingRelocation[]>();
    for (const s of asm.sections) relocations.set(s, resolveSection(asm, s));
    if (asm.errorCount > 0) return { object: null, diagnostics: sorted(asm.diagnostics) };
    const object = buildObject(asm, relocations);
    if (asm.errorCount > 0) return { object: null, diagnostics: sorted(asm.diagnostics) };
    return { object, diagnostics: sorted(asm.diagnostics) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    asm.error(asm.stmtLoc ?? { file: options.file, line: 1, col: 1 }, `internal assembler error: ${msg}`);
    return { object: null, diagnostics: sorted(asm.diagnostics) };
  }
}
