// Test helpers: the example programs of packages/libc/programs/<arch>/*.s and how to run them
// against glibc (gcc links the same assembly with glibc) on the host, so every libc test
// compares with what glibc does instead of hand-written expectations. ARM64 programs run under
// qemu-aarch64 (user mode), linked statically against the cross toolchain's glibc.
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

/** The host tools the ARM64 comparisons need: the cross gcc (with its static glibc), GNU as and
 *  ld for aarch64, and qemu-aarch64. The name of the first one missing, or null. */
export function missingArm64Tool(): string | null {
  for (const t of ['aarch64-linux-gnu-gcc', 'aarch64-linux-gnu-as', 'aarch64-linux-gnu-ld', 'qemu-aarch64']) {
    if (spawnSync(t, ['--version'], { stdio: 'ignore' }).error !== undefined) return t;
  }
  return null;
}

/** aarch64-linux-gnu-gcc links the assembly program statically against glibc (an ET_EXEC, as
 *  vasm makes). Throws with gcc's messages when it fails. */
export function buildWithGlibcArm64(program: string, output: string): void {
  const r = spawnSync('aarch64-linux-gnu-gcc', ['-static', '-o', output, program], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`aarch64-linux-gnu-gcc ${program} failed: ${r.stderr ?? String(r.error)}`);
}

/** Run an ARM64 program under qemu-aarch64 with an empty environment in `cwd` (qemu found on
 *  the caller's PATH, since the program's own environment is empty). */
export function runQemuArm64(path: string, cwd: string, args: string[] = []): Outcome {
  const where = spawnSync('sh', ['-c', 'command -v qemu-aarch64'], { encoding: 'utf8' });
  const qemu = where.status === 0 && where.stdout.trim() !== '' ? where.stdout.trim() : 'qemu-aarch64';
  return runNative(qemu, cwd, [path, ...args]);
}
