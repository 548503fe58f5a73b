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
    if (asm.errorCount > 0) return { object: null, diagnostics: asm.diagnostics };
    // Literal pools left at the end of a section are dumped there (as GNU as does).
    for (const s of [...asm.sections]) {
      asm.current = s;
      asm.flushLiteralPool();
    }
    for (const s of asm.sections) layoutSection(asm, s);
    const relocations = new Map<Section, PendingRelocation[]>();
    for (const s of asm.sections) relocations.set(s, resolveSection(asm, s));
    if (asm.errorCount > 0) return { object: null, diagnostics: asm.diagnostics };
    const object = buildObject(asm, relocations);
    if (asm.errorCount > 0) return { object: null, diagnostics: asm.diagnostics };
    return { object, diagnostics: asm.diagnostics };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    asm.error(asm.stmtLoc ?? { file: options.file, line: 1, col: 1 }, `internal assembler error: ${msg}`);
    return { object: null, diagnostics: asm.diagnostics };
  }
}
