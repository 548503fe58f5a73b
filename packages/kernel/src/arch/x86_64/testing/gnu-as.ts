// Test support: assemble a source with GNU as (the oracle) and read the object back. Tests that
// use it skip with a clear message when `as` is missing (CI installs binutils).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ObjectFile, readObject } from '@vsys/elf';

export const GNU_AS_MISSING = 'GNU as for x86-64 is not installed (apt-get install binutils)';

export function haveGnuAs(): boolean {
  if (process.arch !== 'x64') return false;
  try {
    execFileSync('as', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function gnuAssembleFile(path: string): ObjectFile {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-gnu-as-'));
  try {
    const out = join(dir, 'o.o');
    execFileSync('as', ['--64', '-o', out, path], { stdio: ['ignore', 'ignore', 'pipe'] });
    return readObject(new Uint8Array(readFileSync(out)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
