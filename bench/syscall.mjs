#!/usr/bin/env node
// getpid() round trips per second on /work/shared/bench/x86_64/syscall_storm.s, through the
// whole entry path (syscall → entry.s → vmcall → kernel → sysretq) under vrun, against native
// Linux and qemu-x86_64 in the same run. The table is whole-process wall time (vrun's includes
// ~1.4 s of start-up); the lines after it give the CPU time inside X86Machine.run (the preload
// bench/x86-run-cpu.mjs), the figure docs/performance.md uses, as the machine is shared.
//   node bench/syscall.mjs [--iter N]   (default: the source's ITER, 1 000 000)
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildBenchmark, cleanup, option, printTable, repo, runEverywhere } from './common.mjs';

const iter = option('iter', undefined);
const { image, builtWith, dir } = buildBenchmark('syscall_storm.s', iter);
try {
  const rows = runEverywhere(image);
  const calls = Number(iter ?? 1_000_000);
  const vrun = rows.find((r) => r.name === 'vrun');
  const cpl0 = vrun.stats?.['instructions (CPL 0)'];
  printTable(`syscall_storm.s: ${calls.toLocaleString('en')} getpid calls; built with ${builtWith}`, rows, 'M calls/s', calls);
  if (cpl0) console.log(`  vrun ran ${(cpl0 / calls).toFixed(1)} kernel (CPL 0) instructions per call`);
  // The guest's run alone, in CPU time (best of 3: other work on the machine only adds).
  const vrunJs = join(repo, 'packages', 'cli', 'bin', 'vrun.js');
  const preload = new URL('./x86-run-cpu.mjs', import.meta.url).href;
  let best = null;
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, ['--import', preload, vrunJs, image], { encoding: 'utf8' });
    const m = /x86-run-cpu: ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
    if (m) runs.push(Number(m[1]).toFixed(3));
    if (m && (best === null || Number(m[1]) < best.cpu)) best = { cpu: Number(m[1]), wall: Number(m[2]) };
  }
  if (best) {
    console.log(`  vrun, CPU time inside X86Machine.run (best of 3): ${best.cpu.toFixed(3)} s = ${(calls / best.cpu / 1e6).toFixed(3)} M calls/s` +
      ` (wall ${best.wall.toFixed(3)} s); floor 1 M calls/s`);
    console.log(`    runs: ${runs.join(', ')} s CPU; load average ${loadavg()[0].toFixed(1)} (the machine's other work inflates CPU time too)`);
    for (const r of rows.filter((x) => x.name !== 'vrun' && !x.skipped && x.seconds > 0)) {
      console.log(`    ${(best.cpu / r.seconds).toFixed(1)}x ${r.name}'s whole-process wall time`);
    }
  }
} finally {
  cleanup(dir);
}
