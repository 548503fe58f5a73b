#!/usr/bin/env node
// `npm run bench`: the CPU and the syscall benchmarks, one after the other.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

let failed = false;
for (const script of ['cpu.mjs', 'syscall.mjs', 'trace.mjs']) {
  const r = spawnSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), ...process.argv.slice(2)], { stdio: 'inherit' });
  failed ||= r.status !== 0;
}
process.exitCode = failed ? 1 : 0;
