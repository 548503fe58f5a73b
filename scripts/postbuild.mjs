#!/usr/bin/env node
// Build steps after `tsc -b` that need the built packages: assembling the kernel's entry code,
// the vDSO and libc with vasm itself. Each package that has such a step exports it from
// dist/build.js as `build()`; packages without one are skipped.
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

for (const name of ['kernel', 'vdso', 'libc']) {
  const script = `packages/${name}/dist/build.js`;
  if (!existsSync(script)) continue;
  const mod = await import(pathToFileURL(script).href);
  if (typeof mod.build === 'function') await mod.build();
}
void readdirSync;
