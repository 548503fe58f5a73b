// Finding and reading conformance cases. A case is `DIR/ARCH/NAME.s` with `NAME.expect.json`
// beside it and optional `NAME.args` (one argument a line), `NAME.stdin`, and `NAME.extra`
// (more source files beside it, one a line). The format is /work/shared/conformance/README.md.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Expectation, parseExpectation } from './expectation.js';

export type Arch = 'x86_64' | 'arm64';

export interface ConformanceCase {
  name: string;
  arch: Arch;
  /** The main source, then the extra sources, as absolute paths. */
  sources: string[];
  args: string[];
  /** Absolute path of the stdin file, or null for /dev/null. */
  stdin: string | null;
  expect: Expectation;
}

/** Reads one case from its `.s` path. Throws CaseFormatError for a malformed expectation. */
export function readCase(sourcePath: string, arch: Arch): ConformanceCase {
  const src = resolve(sourcePath);
  const base = src.replace(/\.s$/, '');
  const name = base.slice(dirname(base).length + 1);
  const lines = (file: string): string[] =>
    readFileSync(file, 'utf8').split('\n').filter((l, i, all) => !(l === '' && i === all.length - 1));
  const extra = existsSync(`${base}.extra`) ? lines(`${base}.extra`).filter((l) => l !== '') : [];
  const expectFile = `${base}.expect.json`;
  return {
    name,
    arch,
    sources: [src, ...extra.map((x) => join(dirname(src), x))],
    args: existsSync(`${base}.args`) ? lines(`${base}.args`) : [],
    stdin: existsSync(`${base}.stdin`) ? `${base}.stdin` : null,
    expect: parseExpectation(readFileSync(expectFile, 'utf8'), expectFile),
  };
}

/** Every case under `dir/arch/` that has an expectation, sorted by name. Sources named in some
 *  case's `.extra` are helpers, not cases. */
export function listCases(dir: string, arch: Arch): ConformanceCase[] {
  const archDir = join(dir, arch);
  if (!existsSync(archDir)) return [];
  const files = readdirSync(archDir);
  return files
    .filter((f) => f.endsWith('.s') && files.includes(f.replace(/\.s$/, '.expect.json')))
    .sort()
    .map((f) => readCase(join(archDir, f), arch));
}

/** The repository root: the nearest directory above this file holding pnpm-workspace.yaml. */
export function repoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = up;
  }
}

/** The shared corpus: `$VSYS_SHARED`, else `../shared` beside the repository (as CI lays it out). */
export function sharedDir(): string {
  return process.env.VSYS_SHARED ?? resolve(repoRoot(), '..', 'shared');
}

/** The recorded corpus: `<shared>/conformance/cases`. */
export function sharedCasesDir(): string {
  return join(sharedDir(), 'conformance', 'cases');
}
