// Shared-object output (options.shared): not built yet; link() reports it as an error.
import { ElfError, type ImageSegment } from '@vsys/elf';
import type { LoadedObject } from '../inputs/loaded-object.js';
import type { SymbolTable } from '../symbols/symbol-table.js';
import type { OutputSections } from '../layout/output-sections.js';
import type { Layout } from '../layout/segments.js';
import type { Diagnostic, SharedOptions } from '../types.js';

export interface DynamicParts {
  finish(layout: Layout): void;
  sectionExtras(name: string): { link?: string; info?: number | string; entsize?: bigint } | undefined;
  segment(layout: Layout): ImageSegment;
}

export function buildDynamic(
  _options: SharedOptions,
  _objects: LoadedObject[],
  _symbols: SymbolTable,
  _outputs: OutputSections,
  _diagnostics: Diagnostic[],
): DynamicParts {
  throw new ElfError('shared-object output (options.shared) is not built yet');
}
