// Where the entry code's object comes from. The build (packages/kernel/src/build.ts, run by
// scripts/postbuild.mjs) assembles entry.s with vasm and writes dist/arch/x86_64/entry.o;
// at run time that object is read back. When it is missing (running from TypeScript sources,
// as tests do) entry.s is assembled with vasm in-process, once per process.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as asm from '@vsys/asm';
import { type ObjectFile, readObject } from '@vsys/elf';
import { EntryImageError } from './entry-image.js';

/** entry.s: beside this module in src/, or back in src/ when this module runs from dist/. */
export function entrySourcePath(): string {
  const candidates = [
    new URL('./entry.s', import.meta.url),
    new URL('../../../src/arch/x86_64/entry.s', import.meta.url),
  ];
  for (const c of candidates) {
    const p = fileURLToPath(c);
    if (existsSync(p)) return p;
  }
  throw new EntryImageError('cannot find kernel/src/arch/x86_64/entry.s');
}

/** The prebuilt object written by build(), when this module runs from dist/. */
export function prebuiltEntryObjectPath(): string {
  return fileURLToPath(new URL('./entry.o', import.meta.url));
}

interface AssembleDiagnostic {
  severity?: string;
  message: string;
  line?: number;
  col?: number;
}
type AssembleFn = (
  source: string,
  options: { arch: 'x86_64' | 'arm64'; file: string },
) => { object: ObjectFile | null; diagnostics: AssembleDiagnostic[] };

/** Assembles entry.s with vasm (`@vsys/asm`'s assemble()). Throws EntryImageError with vasm's
 *  diagnostics when it cannot. */
export function assembleEntryWithVasm(path: string = entrySourcePath()): ObjectFile {
  const assemble = (asm as Record<string, unknown>).assemble as AssembleFn | undefined;
  if (typeof assemble !== 'function') throw new EntryImageError('@vsys/asm does not export assemble() yet');
  let result: ReturnType<AssembleFn>;
  try {
    result = assemble(readFileSync(path, 'utf8'), { arch: 'x86_64', file: path });
  } catch (err) {
    throw new EntryImageError(`vasm failed on ${path}: ${(err as Error).message}`);
  }
  const errors = result.diagnostics.filter((d) => d.severity === undefined || d.severity === 'error');
  if (result.object === null || errors.length > 0) {
    const shown = errors
      .slice(0, 5)
      .map((d) => `${path}:${d.line ?? '?'}:${d.col ?? '?'}: ${d.message}`)
      .join('\n');
    throw new EntryImageError(`vasm cannot assemble the entry code:\n${shown}`);
  }
  return result.object;
}

let cached: ObjectFile | null = null;

/** The entry object: prebuilt by build() when present and not older than entry.s, else
 *  assembled now with vasm. */
export function loadEntryObject(): ObjectFile {
  if (cached) return cached;
  const prebuilt = prebuiltEntryObjectPath();
  let fresh = false;
  if (existsSync(prebuilt)) {
    try {
      fresh = statSync(prebuilt).mtimeMs >= statSync(entrySourcePath()).mtimeMs;
    } catch {
      fresh = true; // no source beside the build: the prebuilt object is all there is
    }
  }
  cached = fresh ? readObject(new Uint8Array(readFileSync(prebuilt))) : assembleEntryWithVasm();
  return cached;
}
