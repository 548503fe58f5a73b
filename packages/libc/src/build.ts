// The libc's build: every `src/<arch>/*.s` is assembled with vasm (@vsys/asm). crt0.s becomes
// crt0.o; the rest become the members of libc.a (written with @vsys/elf's writeArchive, so the
// archive's symbol index lets the linker pull only the members a program needs).
// `build()` (called by scripts/postbuild.mjs after `tsc -b`) writes dist/<arch>/crt0.o and
// dist/<arch>/libc.a; `libcArtifacts(arch)` reads them back, or assembles in memory when they
// are missing (running from TypeScript sources, as the tests do) — once per process.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble } from '@vsys/asm';
import { writeArchive, writeRelocatable } from '@vsys/elf';
import { LibcBuildError } from './errors.js';

export type LibcArch = 'x86_64' | 'arm64';

export interface LibcArtifacts {
  /** crt0.o: the ELF relocatable object defining _start. */
  crt0: Uint8Array;
  /** libc.a: one member per source file, with a symbol index. */
  archive: Uint8Array;
}

/** The package root: this module is in src/ (tests) or dist/ (built); both sit one level down. */
function packageRoot(): string {
  return fileURLToPath(new URL('..', import.meta.url));
}

/** Sources written once for every architecture: data only (directives both assemblers take
 *  alike), such as strerror's message table. */
const COMMON_DIR = 'common';

/** The assembly sources of one architecture, sorted by file name (crt0.s included): its own
 *  src/<arch>/*.s and the shared src/common/*.s. None when the architecture has no sources. */
export function libcSourceFiles(arch: LibcArch): string[] {
  const dir = join(packageRoot(), 'src', arch);
  if (!existsSync(dir)) return [];
  const common = join(packageRoot(), 'src', COMMON_DIR);
  const sources = (d: string) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.s')).map((f) => ({ f, path: join(d, f) })) : []);
  return [...sources(dir), ...sources(common)]
    .sort((a, b) => (a.f < b.f ? -1 : a.f > b.f ? 1 : 0))
    .map((s) => s.path);
}

/** Assemble one source with vasm; the first error diagnostic becomes a LibcBuildError. */
function assembleSource(path: string, arch: LibcArch): Uint8Array {
  const source = readFileSync(path, 'utf8');
  const r = assemble(source, { arch, file: path });
  const err = r.diagnostics.find((d) => d.severity === 'error');
  if (!r.object || err) {
    const where = err ? `${err.loc.file}:${err.loc.line}:${err.loc.col}: ` : `${path}: `;
    throw new LibcBuildError(`libc: ${where}${err?.message ?? 'assembly failed'}`);
  }
  return writeRelocatable(r.object);
}

/** Assemble crt0.o and libc.a for `arch` in memory. */
export function assembleLibc(arch: LibcArch): LibcArtifacts {
  const files = libcSourceFiles(arch);
  const crt0File = files.find((f) => f.endsWith(`${arch}/crt0.s`) || f.endsWith('/crt0.s'));
  if (!crt0File) throw new LibcBuildError(`libc: no sources for ${arch} (src/${arch}/crt0.s is missing)`);
  const crt0 = assembleSource(crt0File, arch);
  const members = files
    .filter((f) => f !== crt0File)
    .map((f) => ({ name: f.slice(f.lastIndexOf('/') + 1).replace(/\.s$/, '.o'), data: assembleSource(f, arch) }));
  return { crt0, archive: writeArchive(members) };
}

/** Where build() puts the artifacts: dist/<arch>/crt0.o and dist/<arch>/libc.a. */
export function prebuiltLibcPaths(arch: LibcArch): { crt0: string; archive: string } {
  const dir = join(packageRoot(), 'dist', arch);
  return { crt0: join(dir, 'crt0.o'), archive: join(dir, 'libc.a') };
}

const cache = new Map<LibcArch, LibcArtifacts>();

/** crt0.o and libc.a for `arch`: the prebuilt files when present, else assembled now. */
export function libcArtifacts(arch: LibcArch): LibcArtifacts {
  const hit = cache.get(arch);
  if (hit) return hit;
  const paths = prebuiltLibcPaths(arch);
  let result: LibcArtifacts;
  if (existsSync(paths.crt0) && existsSync(paths.archive) && !fileURLToPath(import.meta.url).endsWith('.ts')) {
    result = { crt0: new Uint8Array(readFileSync(paths.crt0)), archive: new Uint8Array(readFileSync(paths.archive)) };
  } else {
    result = assembleLibc(arch);
  }
  cache.set(arch, result);
  return result;
}

/** The build step: write dist/<arch>/crt0.o and libc.a for each arch that has sources. */
export async function build(): Promise<void> {
  for (const arch of ['x86_64', 'arm64'] as const) {
    if (libcSourceFiles(arch).length === 0) continue;
    try {
      const a = assembleLibc(arch);
      const paths = prebuiltLibcPaths(arch);
      mkdirSync(join(packageRoot(), 'dist', arch), { recursive: true });
      writeFileSync(paths.crt0, a.crt0);
      writeFileSync(paths.archive, a.archive);
    } catch (err) {
      process.stderr.write(`libc build: ${(err as Error).message}\n`);
    }
  }
}
