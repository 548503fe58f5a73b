#!/usr/bin/env node
// MIPS on /work/shared/bench/x86_64/cpu_loop.s (xorshift64 + sum, 11 instructions a round):
// native, qemu-x86_64 and vrun in the same run, with ratios to native. The instruction count
// is vrun's own (--stats: retired at CPL 3 and CPL 0), else the source's 11 × ITER.
//   node bench/cpu.mjs [--iter N]     (default: the source's ITER, 20 000 000)
import { buildBenchmark, cleanup, option, printTable, runEverywhere } from './common.mjs';

const iter = option('iter', undefined);
const { image, builtWith, dir } = buildBenchmark('cpu_loop.s', iter);
try {
  const rows = runEverywhere(image);
  const vrun = rows.find((r) => r.name === 'vrun');
  const counted = (vrun.stats?.['instructions (CPL 3)'] ?? 0) + (vrun.stats?.['instructions (CPL 0)'] ?? 0);
  const rounds = Number(iter ?? 20_000_000);
  const instructions = counted > 0 ? counted : rounds * 11 + 8;
  printTable(
    `cpu_loop.s: ${instructions.toLocaleString('en')} instructions (${counted > 0 ? 'counted by vrun' : 'estimated 11 x ITER'}); built with ${builtWith}`,
    rows,
    'MIPS',
    instructions,
  );
} finally {
  cleanup(dir);
}
