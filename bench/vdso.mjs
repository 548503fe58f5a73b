#!/usr/bin/env node
// clock_gettime(CLOCK_MONOTONIC) through the vDSO against the raw system call, inside vrun and
// natively (bench/vdso-clock.s, built with `vasm build` against vsys libc — natively our libc
// finds the host kernel's vDSO the same way). The goal inside vrun is a speed-up of at least 5x
// (native is about 7.5x here).
//
// Two measures per row:
// - CPU: vrun runs in a child process that takes process.cpuUsage() (user + system) around
//   runVrun; the run with --iter calls minus a run with --base calls, divided by the difference,
//   is the CPU cost of one call (start-up and translation cancel out). This is the figure to
//   compare: the machine is shared, and wall time stretches with its load.
// - guest: the program's own loop time (CLOCK_MONOTONIC around the loop, i.e. host wall time
//   inside vrun), per call — what the guest sees, load included.
// - slices: the CPU time of each X86Cpu.run call (one time slice, ~10^5 instructions) per guest
//   instruction, times the instructions of one call; the 10th percentile over the big run's
//   slices and over the repeats. On a loaded 2-core machine a whole run's CPU time swings by
//   2-5x (a hyperthread sibling, caches); the quietest slices move far less, so rows measured
//   at different loads stay comparable.
//   node bench/vdso.mjs [--iter N] [--base N] [--native-iter N] [--repeat K] [--vdso-factor F]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { option, repo } from './common.mjs';

const iter = Number(option('iter', 200_000));
const base = Number(option('base', 1_000));
const nativeIter = Number(option('native-iter', 5_000_000));
const repeat = Number(option('repeat', 3));
const vdsoFactor = Number(option('vdso-factor', 10));
const dir = mkdtempSync(join(tmpdir(), 'vsys-bench-vdso-'));

// The child: runVrun in-process from the built dist, CPU time around it, the guest's stdout
// (its loop time) to a file; prints {cpuUs, guestNs, status}.
const session = pathToFileURL(join(repo, 'packages', 'cli', 'dist', 'vrun', 'session.js')).href;
const cpuModule = pathToFileURL(join(repo, 'packages', 'emu', 'dist', 'x86_64', 'cpu.js')).href;
const options = pathToFileURL(join(repo, 'packages', 'cli', 'dist', 'vrun', 'options.js')).href;
const driver = `
import { openSync, closeSync, readFileSync } from 'node:fs';
const { X86Cpu } = await import(${JSON.stringify(cpuModule)});
const slices = [];
const run = X86Cpu.prototype.run;
X86Cpu.prototype.run = function (budget) {
  const c = this.counters, r0 = c.retiredUser + c.retiredKernel, t0 = process.cpuUsage();
  const stop = run.call(this, budget);
  const t = process.cpuUsage(t0), n = c.retiredUser + c.retiredKernel - r0;
  if (n >= 50000) slices.push(((t.user + t.system) * 1000) / n);
  return stop;
};
const { runVrun } = await import(${JSON.stringify(session)});
const { parseVrunArgs } = await import(${JSON.stringify(options)});
const [out, ...args] = process.argv.slice(1);
const parsed = await parseVrunArgs(args);
const fds = [openSync('/dev/null', 'r'), openSync(out, 'w'), openSync('/dev/null', 'w')];
const t0 = process.cpuUsage();
const status = runVrun(parsed.options, { cwd: process.cwd(), env: {}, stderr: (t) => process.stderr.write(t), stdio: fds });
const t = process.cpuUsage(t0);
for (const fd of fds) closeSync(fd);
slices.sort((a, b) => a - b);
const p10 = slices.length ? slices[Math.floor(0.1 * (slices.length - 1))] : NaN;
process.stdout.write(JSON.stringify({ cpuUs: t.user + t.system, guestNs: Number(readFileSync(out, 'utf8').trim()), status, sliceNsPerInsn: p10 }));
`;

function vrunOnce(vrunArgs, mode, n) {
  const out = join(dir, 'out');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', driver, out, ...vrunArgs, image, mode, String(n)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vrun ${vrunArgs.join(' ')} ${mode} ${n} failed: ${r.stderr}`);
  const res = JSON.parse(r.stdout);
  if (res.status !== 0) throw new Error(`guest exited ${res.status}`);
  return res;
}

/** CPU ns per call (best of `repeat` differences), the guest's loop ns per call (best), and
 *  the slices' CPU ns per instruction (best 10th percentile) times the instructions per call
 *  (from the two runs' instruction counts, vrun --stats --json). */
function vrunRow(vrunArgs, mode, calls) {
  let cpu = Infinity, guest = Infinity, slice = Infinity;
  for (let k = 0; k < repeat; k++) {
    const small = vrunOnce(vrunArgs, mode, base);
    const big = vrunOnce(vrunArgs, mode, calls);
    cpu = Math.min(cpu, ((big.cpuUs - small.cpuUs) * 1000) / (calls - base));
    guest = Math.min(guest, big.guestNs / calls);
    slice = Math.min(slice, big.sliceNsPerInsn);
  }
  return { cpu, guest, slices: slice * instructionsPerCall(vrunArgs, mode) };
}

/** Guest instructions per call: the difference of two runs' counts (vrun --stats --json). */
const perCall = new Map();
function instructionsPerCall(vrunArgs, mode) {
  const key = `${vrunArgs.join(' ')} ${mode}`;
  if (!perCall.has(key)) {
    const count = (n) => {
      const r = spawnSync(process.execPath, [join(repo, 'packages', 'cli', 'bin', 'vrun.js'), '--stats', '--json', ...vrunArgs, image, mode, String(n)], { encoding: 'utf8' });
      const stats = JSON.parse(r.stderr.slice(r.stderr.indexOf('{')));
      return stats.instructions.user + stats.instructions.kernel;
    };
    perCall.set(key, (count(2 * base) - count(base)) / base);
  }
  return perCall.get(key);
}

let image = '';
try {
  image = join(dir, 'vdso-clock');
  const vasm = join(repo, 'packages', 'cli', 'bin', 'vasm.js');
  const b = spawnSync(process.execPath, [vasm, 'build', '-o', image, join(repo, 'bench', 'vdso-clock.s')], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`vasm build failed:\n${b.stderr}`);
  const native = (mode) => {
    const r = spawnSync(image, [mode, String(nativeIter)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`native ${mode} failed (${r.status}): ${r.stderr}`);
    return Number(r.stdout.trim()) / nativeIter;
  };
  console.log(`\nclock_gettime(CLOCK_MONOTONIC): ns per call through libc (vDSO) and the raw syscall (load ${loadavg()[0].toFixed(1)})`);
  const nv = Math.min(native('vdso'), native('vdso')), ns = Math.min(native('syscall'), native('syscall'));
  console.log(`  ${'native (wall)'.padEnd(24)} vDSO ${nv.toFixed(1).padStart(8)} ns   syscall ${ns.toFixed(1).padStart(8)} ns   speed-up ${(ns / nv).toFixed(1)}x`);
  for (const [name, args] of [['vrun', []], ['vrun --vdso-clock=off', ['--vdso-clock=off']]]) {
    // The vDSO loop runs vdsoFactor times the calls: at ~0.2 µs a call, 200 000 calls cost about
    // what V8's optimising compile of the loop's block does, which the difference would count.
    const v = vrunRow(args, 'vdso', args.length === 0 ? iter * vdsoFactor : iter);
    const s = vrunRow(args, 'syscall', iter);
    console.log(`  ${`${name} (CPU)`.padEnd(24)} vDSO ${v.cpu.toFixed(1).padStart(8)} ns   syscall ${s.cpu.toFixed(1).padStart(8)} ns   speed-up ${(s.cpu / v.cpu).toFixed(1)}x`);
    console.log(`  ${`${name} (guest wall)`.padEnd(24)} vDSO ${v.guest.toFixed(1).padStart(8)} ns   syscall ${s.guest.toFixed(1).padStart(8)} ns   speed-up ${(s.guest / v.guest).toFixed(1)}x`);
    console.log(`  ${`${name} (CPU, slices p10)`.padEnd(24)} vDSO ${v.slices.toFixed(1).padStart(8)} ns   syscall ${s.slices.toFixed(1).padStart(8)} ns   speed-up ${(s.slices / v.slices).toFixed(1)}x`);
  }
  console.log(`  (load ${loadavg()[0].toFixed(1)} at the end; vrun rows: ${iter} − ${base} calls (vDSO through libc: ${iter * vdsoFactor}), best of ${repeat})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
