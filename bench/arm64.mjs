#!/usr/bin/env node
// The ARM64 benchmarks (/work/shared/bench/arm64): MIPS on cpu_loop.s (xorshift64 + sum, 6
// instructions a round) and getpid() round trips per second on syscall_storm.s (svc #0 →
// vector table → entry.s → hvc → kernel → eret), under qemu-aarch64 and vrun in the same run,
// with vrun's time relative to qemu's. There is no native ARM64 run on this host, so qemu-aarch64
// is the baseline. With --with-x86 the x86-64 benchmarks (cpu.mjs, syscall.mjs) run after it,
// so the two backends are measured beside each other on the same machine state.
//   node bench/arm64.mjs [--iter-cpu N] [--iter-sys N] [--with-x86]
// vrun runs from the built dist (`npm run setup` first). Times are wall-clock, as for x86-64;
// vrun's CPU time is printed too because a loaded host stretches wall time, and so is the CPU
// time spent inside Arm64Machine.run (bench/machine-run-time.mjs): the steady rate, without
// the ~1.5 s of start-up that dominates a whole-process figure.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, option, parseStats, repo, shared } from './common.mjs';

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Builds an arm64 benchmark with vasm (GNU aarch64 as+ld when vasm cannot), ITER replaced. */
function build(file, iter) {
  const dir = mkdtempSync(join(tmpdir(), 'vsys-bench64-'));
  let src = readFileSync(join(shared, 'bench', 'arm64', file), 'utf8');
  if (iter !== undefined) src = src.replace(/\.equ\s+ITER,\s*\d+/, `.equ ITER, ${Number(iter)}`);
  const source = join(dir, file);
  writeFileSync(source, src);
  const image = join(dir, 'prog');
  const vasm = join(repo, 'packages', 'cli', 'bin', 'vasm.js');
  const r = spawnSync(process.execPath, [vasm, 'build', '--arch', 'arm64', '-o', image, source], { encoding: 'utf8' });
  if (r.status === 0 && existsSync(image)) return { image, builtWith: 'vasm', dir };
  execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, 'o.o'), source]);
  execFileSync('aarch64-linux-gnu-ld', ['-o', image, join(dir, 'o.o')]);
  return { image, builtWith: 'GNU aarch64 as+ld (vasm could not build it)', dir };
}

/** Wall time and (for children) user+system CPU time of one run. */
function timed(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', ...argv], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const lines = (r.stderr ?? '').trim().split('\n');
  const [u, s] = (lines.at(-1) ?? '').split(' ').map(Number);
  return { seconds, cpu: (u ?? NaN) + (s ?? NaN), status: r.status ?? 128, stderr: lines.slice(0, -1).join('\n') };
}

function runBoth(image) {
  const rows = [];
  if (have('qemu-aarch64')) rows.push({ name: 'qemu-aarch64', ...timed(['qemu-aarch64', image]) });
  else rows.push({ name: 'qemu-aarch64', skipped: 'not installed' });
  const vrun = join(repo, 'packages', 'cli', 'bin', 'vrun.js');
  const preload = fileURLToPath(new URL('machine-run-time.mjs', import.meta.url));
  const v = timed([process.execPath, '--import', preload, vrun, '--stats', image]);
  const m = /vsys-bench: run\(\) cpu ([\d.]+) wall ([\d.]+)/.exec(v.stderr);
  rows.push({ name: 'vrun', ...v, stats: parseStats(v.stderr), runCpu: m ? Number(m[1]) : NaN, runWall: m ? Number(m[2]) : NaN });
  return rows;
}

function print(title, rows, unit, amount) {
  console.log(`\n${title}`);
  const base = rows.find((r) => r.name === 'qemu-aarch64' && !r.skipped);
  for (const r of rows) {
    if (r.skipped) {
      console.log(`  ${r.name.padEnd(13)} skipped: ${r.skipped}`);
      continue;
    }
    if (base && r.status !== base.status) {
      console.log(`  ${r.name.padEnd(13)} failed (status ${r.status}): ${r.stderr.trim().split('\n').slice(-2).join(' | ')}`);
      continue;
    }
    const ratio = base && r !== base ? `  ${(r.seconds / base.seconds).toFixed(1)}x qemu-aarch64 time` : '';
    const cpu = Number.isFinite(r.cpu) ? `  (${(amount / r.cpu / 1e6).toFixed(2)} ${unit} per CPU-second)` : '';
    console.log(`  ${r.name.padEnd(13)} ${r.seconds.toFixed(3).padStart(9)} s  ${(amount / r.seconds / 1e6).toFixed(2).padStart(10)} ${unit}${ratio}${cpu}`);
    if (Number.isFinite(r.runCpu) && r.runCpu > 0) {
      console.log(`  ${''.padEnd(13)} inside Arm64Machine.run: ${r.runCpu.toFixed(3)} s CPU (${(amount / r.runCpu / 1e6).toFixed(2)} ${unit}), ${r.runWall.toFixed(3)} s wall`);
    }
  }
}

const cpuIter = option('iter-cpu', undefined);
const sysIter = option('iter-sys', undefined);

{
  const { image, builtWith, dir } = build('cpu_loop.s', cpuIter);
  try {
    const rows = runBoth(image);
    const vrun = rows.find((r) => r.name === 'vrun');
    const counted = (vrun.stats?.['instructions (EL0)'] ?? 0) + (vrun.stats?.['instructions (EL1)'] ?? 0);
    const instructions = counted > 0 ? counted : Number(cpuIter ?? 20_000_000) * 6 + 6;
    print(`arm64 cpu_loop.s: ${instructions.toLocaleString('en')} instructions (${counted > 0 ? 'counted by vrun' : 'estimated 6 x ITER'}); built with ${builtWith}`, rows, 'MIPS', instructions);
  } finally {
    cleanup(dir);
  }
}
{
  const { image, builtWith, dir } = build('syscall_storm.s', sysIter);
  try {
    const rows = runBoth(image);
    const calls = Number(sysIter ?? 1_000_000);
    print(`arm64 syscall_storm.s: ${calls.toLocaleString('en')} getpid calls; built with ${builtWith}`, rows, 'M calls/s', calls);
    const el1 = rows.find((r) => r.name === 'vrun')?.stats?.['instructions (EL1)'];
    if (el1) console.log(`  vrun ran ${(el1 / calls).toFixed(1)} kernel (EL1) instructions per call`);
  } finally {
    cleanup(dir);
  }
}

if (process.argv.includes('--with-x86')) {
  for (const script of ['cpu.mjs', 'syscall.mjs']) {
    spawnSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit' });
  }
}
