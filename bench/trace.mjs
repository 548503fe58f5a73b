#!/usr/bin/env node
// What tracing costs: cpu_loop.s and syscall_storm.s under vrun (no tracer), under
// `vstrace -o /dev/null` (every call decoded and printed) and `vstrace -e trace=none` (hooks
// attached, nothing printed), beside the native run and `strace -o /dev/null` natively, all in
// the same run. The tracer sits only at syscall entry/exit, so cpu_loop (one syscall) must not
// move; syscall_storm shows the per-call cost.
//   node bench/trace.mjs [--iter N]
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildBenchmark, cleanup, option, repo, timed } from './common.mjs';

const iter = option('iter', undefined);
const vrun = join(repo, 'packages', 'cli', 'bin', 'vrun.js');
const vstrace = join(repo, 'packages', 'cli', 'bin', 'vstrace.js');
const haveStrace = spawnSync('sh', ['-c', 'command -v strace'], { stdio: 'ignore' }).status === 0;

for (const file of ['cpu_loop.s', 'syscall_storm.s']) {
  const { image, builtWith, dir } = buildBenchmark(file, iter);
  try {
    const runs = [
      ['native', [image]],
      ...(haveStrace ? [['strace -o /dev/null', ['strace', '-o', '/dev/null', image]]] : []),
      ['vrun', [process.execPath, vrun, image]],
      ['vstrace -e trace=none', [process.execPath, vstrace, '-e', 'trace=none', '-o', '/dev/null', image]],
      ['vstrace -o /dev/null', [process.execPath, vstrace, '-o', '/dev/null', image]],
    ];
    console.log(`\n${file} (built with ${builtWith})`);
    const times = {};
    for (const [name, argv] of runs) {
      const r = timed(argv);
      times[name] = r.seconds;
      const rel = name.startsWith('vstrace') ? `  ${(r.seconds / times.vrun).toFixed(2)}x vrun` : name.startsWith('strace') ? `  ${(r.seconds / times.native).toFixed(2)}x native` : '';
      console.log(`  ${name.padEnd(24)} ${r.seconds.toFixed(3).padStart(8)} s${r.status === 0 ? '' : ` (status ${r.status})`}${rel}`);
    }
  } finally {
    cleanup(dir);
  }
}
