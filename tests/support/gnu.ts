// GNU binutils as oracles in end-to-end tests: assemble entry.s (until vasm can) and build
// small test programs. Tests skip with GNU_MISSING when they are absent; CI installs them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ObjectFile, readObject } from '@vsys/elf';

export const GNU_MISSING = 'GNU as/ld for x86-64 are not installed (apt-get install binutils)';

export function haveGnu(): boolean {
  if (process.arch !== 'x64') return false;
  try {
    execFileSync('as', ['--version'], { stdio: 'ignore' });
    execFileSync('ld', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** GNU as on a file → the object model. */
export function gnuObject(path: string): ObjectFile {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-gnu-'));
  try {
    execFileSync('as', ['--64', '-o', join(dir, 'o.o'), path]);
    return readObject(new Uint8Array(readFileSync(join(dir, 'o.o'))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** GNU as + ld on source text → the ELF image bytes. */
export function gnuProgram(source: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-gnu-'));
  try {
    writeFileSync(join(dir, 'p.s'), source);
    execFileSync('as', ['--64', '-o', join(dir, 'p.o'), join(dir, 'p.s')]);
    execFileSync('ld', ['-o', join(dir, 'p'), join(dir, 'p.o')]);
    return new Uint8Array(readFileSync(join(dir, 'p')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
