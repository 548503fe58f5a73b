// Test helpers: the example programs of packages/libc/programs/<arch>/*.s and how to run them
// against glibc (gcc links the same assembly with glibc) on the host, so every libc test
// compares with what glibc does instead of hand-written expectations.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Absolute paths of the test programs for `arch`, sorted. */
export function libcTestPrograms(arch: 'x86_64' | 'arm64'): string[] {
  const dir = fileURLToPath(new URL(`../../programs/${arch}/`, import.meta.url));
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.s'))
    .sort()
    .map((f) => join(dir, f));
}

/** Run a host program with an empty environment in `cwd`. */
export function runNative(path: string, cwd: string, args: string[] = []): Outcome {
  const r = spawnSync(path, args, { cwd, encoding: 'utf8', env: {}, timeout: 60_000 });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** true when the host can build and run x86-64 programs with gcc, GNU as and ld. */
export function haveNativeX86(): boolean {
  if (process.arch !== 'x64' || process.platform !== 'linux') return false;
  return ['gcc', 'as', 'ld'].every((t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).error === undefined);
}

/** gcc links the assembly program against glibc (non-PIE, as vasm's ET_EXEC). Throws with
 *  gcc's messages when it fails. */
export function buildWithGlibc(program: string, output: string): void {
  const r = spawnSync('gcc', ['-no-pie', '-z', 'noexecstack', '-o', output, program], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gcc ${program} failed: ${r.stderr ?? String(r.error)}`);
}
