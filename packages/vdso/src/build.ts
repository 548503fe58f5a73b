// The vDSO's build: src/<arch>/vdso.s assembled by vasm (@vsys/asm) and linked by @vsys/link
// as a shared object (`shared`: ET_DYN with .dynsym, .dynstr, .hash, .gnu.version and
// .gnu.version_d), soname linux-vdso.so.1, exporting the symbols Linux's vDSO exports at the
// version Linux uses (arch/x86/entry/vdso/vdso.lds.S: LINUX_2.6; arch/arm64/kernel/vdso/
// vdso.lds.S: LINUX_2.6.39). `build()` (scripts/postbuild.mjs) writes dist/<arch>/vdso.so;
// `vdsoImage(arch)` reads it back, or builds in memory when it is missing (TypeScript sources).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble } from '@vsys/asm';
import { link, type SharedOptions } from '@vsys/link';
import { VdsoBuildError } from './errors.js';

export type VdsoArch = 'x86_64' | 'arm64';

/** What each architecture's vDSO exports, and at which version. */
export const vdsoExports: Record<VdsoArch, SharedOptions> = {
  x86_64: {
    soname: 'linux-vdso.so.1',
    versions: [
      {
        name: 'LINUX_2.6',
        symbols: [
          'clock_gettime', '__vdso_clock_gettime', 'gettimeofday', '__vdso_gettimeofday', 'time', '__vdso_time',
          'getcpu', '__vdso_getcpu', 'clock_getres', '__vdso_clock_getres',
        ],
      },
    ],
  },
  arm64: {
    soname: 'linux-vdso.so.1',
    versions: [
      { name: 'LINUX_2.6.39', symbols: ['__kernel_rt_sigreturn', '__kernel_gettimeofday', '__kernel_clock_gettime', '__kernel_clock_getres'] },
    ],
  },
};

function packageRoot(): string {
  return fileURLToPath(new URL('..', import.meta.url));
}

/** src/<arch>/vdso.s, or null when the architecture has no vDSO source yet. */
export function vdsoSourcePath(arch: VdsoArch): string | null {
  const p = join(packageRoot(), 'src', arch, 'vdso.s');
  return existsSync(p) ? p : null;
}

/** Assemble and link the vDSO of `arch` now. */
export function buildVdsoImage(arch: VdsoArch): Uint8Array {
  const path = vdsoSourcePath(arch);
  if (!path) throw new VdsoBuildError(`vdso: no source for ${arch}`);
  const r = assemble(readFileSync(path, 'utf8'), { arch, file: path });
  const err = r.diagnostics.find((d) => d.severity === 'error');
  if (!r.object || err) {
    throw new VdsoBuildError(`vdso: ${err ? `${err.loc.file}:${err.loc.line}:${err.loc.col}: ${err.message}` : `${path}: assembly failed`}`);
  }
  const linked = link([{ kind: 'object', name: 'vdso.o', object: r.object }], { shared: vdsoExports[arch], strip: false });
  const linkErr = linked.diagnostics.find((d) => d.severity === 'error');
  if (!linked.image || linkErr) throw new VdsoBuildError(`vdso: link: ${linkErr?.message ?? 'failed'}`);
  return linked.image;
}

export function prebuiltVdsoPath(arch: VdsoArch): string {
  return join(packageRoot(), 'dist', arch, 'vdso.so');
}

const cache = new Map<VdsoArch, Uint8Array>();

/** The vDSO image for `arch` (prebuilt when running from dist/, else built once per process);
 *  null when the architecture has no vDSO source. */
export function vdsoImage(arch: VdsoArch): Uint8Array | null {
  const hit = cache.get(arch);
  if (hit) return hit;
  if (!vdsoSourcePath(arch)) return null;
  const prebuilt = prebuiltVdsoPath(arch);
  const fromDist = !fileURLToPath(import.meta.url).endsWith('.ts') && existsSync(prebuilt);
  const image = fromDist ? new Uint8Array(readFileSync(prebuilt)) : buildVdsoImage(arch);
  cache.set(arch, image);
  return image;
}

/** The build step: dist/<arch>/vdso.so for each architecture with a source. */
export async function build(): Promise<void> {
  for (const arch of ['x86_64', 'arm64'] as const) {
    if (!vdsoSourcePath(arch)) continue;
    try {
      const image = buildVdsoImage(arch);
      mkdirSync(join(packageRoot(), 'dist', arch), { recursive: true });
      writeFileSync(prebuiltVdsoPath(arch), image);
    } catch (err) {
      process.stderr.write(`vdso build: ${(err as Error).message}\n`);
    }
  }
}
