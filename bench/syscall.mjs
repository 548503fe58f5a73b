#!/usr/bin/env node
// getpid() round trips per second on /work/shared/bench/x86_64/syscall_storm.s, through the
// whole entry path (syscall → entry.s → vmcall → kernel → sysretq) under vrun, against native
// Linux and qemu-x86_64 in the same run.
//   node bench/syscall.mjs [--iter N]   (default: the source's ITER, 1 000 000)
import { buildBenchmark, cleanup, option, printTable, runEverywhere } from './common.mjs';

const iter = option('iter', undefined);
const { image, builtWith, dir } = buildBenchmark('syscall_storm.s', iter);
try {
  const rows = runEverywhere(image);
  const calls = Number(iter ?? 1_000_000);
  const vrun = rows.find((r) => r.name === 'vrun');
  const cpl0 = vrun.stats?.['instructions (CPL 0)'];
  printTable(`syscall_storm.s: ${calls.toLocaleString('en')} getpid calls; built with ${builtWith}`, rows, 'M calls/s', calls);
  if (cpl0) console.log(`  vrun ran ${(cpl0 / calls).toFixed(1)} kernel (CPL 0) instructions per call`);
} finally {
  cleanup(dir);
}
