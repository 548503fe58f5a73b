// Shared helpers for the benchmarks: build a benchmark program, run it natively, under
// qemu-x86_64 (when installed) and under vrun, time each run in the same process, and print a
// table with ratios. vrun runs from the built dist (`npm run setup` first).
//
// The program is built with vasm (`vasm build`); when vasm cannot build it yet, GNU as + ld is
// used instead and the table says so. The work size (the source's `.equ ITER, N`) can be
// scaled with --iter N so a slow emulator still finishes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const shared = process.env.VSYS_SHARED ?? resolve(repo, '..', 'shared');

export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Copies the benchmark source with ITER replaced, builds it; returns { image, builtWith, dir }. */
export function buildBenchmark(file, iter) {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-bench-'));
  let src = readFileSync(join(shared, 'bench', 'x86_64', file), 'utf8');
  if (iter !== undefined) src = src.replace(/\.equ\s+ITER,\s*\d+/, `.equ ITER, ${Number(iter)}`);
  const source = join(dir, file);
  writeFileSync(source, src);
  const image = join(dir, 'prog');
  const vasm = join(repo, 'packages', 'cli', 'bin', 'vasm.js');
  const r = spawnSync(process.execPath, [vasm, 'build', '--arch', 'x86_64', '-o', image, source], { encoding: 'utf8' });
  if (r.status === 0 && existsSync(image)) return { image, builtWith: 'vasm', dir };
  if (!have('as') || !have('ld')) throw new Error(`vasm cannot build ${file} and GNU binutils are missing:\n${r.stderr}`);
  execFileSync('as', ['-o', join(dir, 'o.o'), source]);
  execFileSync('ld', ['-o', image, join(dir, 'o.o')]);
  return { image, builtWith: 'GNU as+ld (vasm could not build it yet)', dir };
}

/** Runs argv, returns { seconds, status, stderr }. */
export function timed(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 24 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, status: r.status ?? 128, stderr: r.stderr ?? '', error: r.error };
}

/** Native, qemu-x86_64 (if installed) and vrun runs of one image. vrun runs with --stats so
 *  its instruction counts come back too. */
export function runEverywhere(image) {
  const rows = [];
  rows.push({ name: 'native', ...timed([image]) });
  if (have('qemu-x86_64')) rows.push({ name: 'qemu-x86_64', ...timed(['qemu-x86_64', image]) });
  else rows.push({ name: 'qemu-x86_64', skipped: 'not installed' });
  const vrun = join(repo, 'packages', 'cli', 'bin', 'vrun.js');
  const v = timed([process.execPath, vrun, '--stats', image]);
  rows.push({ name: 'vrun', ...v, stats: parseStats(v.stderr) });
  return rows;
}

/** Reads `vrun --stats` lines ("instructions (CPL 3): N" …) into numbers. */
export function parseStats(text) {
  const stats = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([a-zA-Z0-9 ()_-]+?):\s+([\d,]+)\s*$/.exec(line);
    if (m) stats[m[1].trim()] = Number(m[2].replace(/,/g, ''));
  }
  return stats;
}

/** One line a runner: time, rate (amount / time, in millions of `unit`), and time relative to
 *  native. A run whose exit status differs from the native run's is reported as failed. */
export function printTable(title, rows, unit, amount) {
  console.log(`\n${title}`);
  const base = rows.find((r) => r.name === 'native');
  for (const r of rows) {
    if (r.skipped) {
      console.log(`  ${r.name.padEnd(12)} skipped: ${r.skipped}`);
      continue;
    }
    if (r.error || (base && r.status !== base.status)) {
      console.log(`  ${r.name.padEnd(12)} failed (status ${r.status}): ${(r.error?.message ?? r.stderr).trim().split('\n').slice(-2).join(' | ')}`);
      continue;
    }
    const rate = amount / r.seconds;
    const ratio = base && !base.error ? base.seconds / r.seconds : NaN;
    console.log(
      `  ${r.name.padEnd(12)} ${r.seconds.toFixed(3).padStart(9)} s  ${(rate / 1e6).toFixed(2).padStart(10)} ${unit}` +
        `  ${Number.isNaN(ratio) ? '' : `${(1 / ratio).toFixed(1)}x native time`}`,
    );
  }
}

export function cleanup(dir) {
  rmSync(dir, { recursive: true, force: true });
}
