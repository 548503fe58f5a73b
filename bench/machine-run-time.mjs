// Preload for the benchmarks (`node --import ./bench/machine-run-time.mjs vrun.js …`): wraps
// Arm64Machine.run and X86Machine.run and, when the process exits, prints the CPU time
// (process.cpuUsage(): user + system of every thread, so V8's background compiles count) and
// the wall time spent inside them on stderr, as
//   vsys-bench: run() cpu <seconds> wall <seconds>
// Process start-up (module loading, assembling the entry code) is left out, so a benchmark can
// report the steady rate of the emulator beside the whole-process time.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const kernel = await import(join(repo, 'packages', 'kernel', 'dist', 'index.js'));
let cpu = 0;
let wall = 0;
for (const cls of [kernel.Arm64Machine, kernel.X86Machine]) {
  if (typeof cls !== 'function') continue;
  const run = cls.prototype.run;
  cls.prototype.run = function timedRun(...args) {
    const c0 = process.cpuUsage();
    const w0 = process.hrtime.bigint();
    try {
      return run.apply(this, args);
    } finally {
      const c = process.cpuUsage(c0);
      cpu += (c.user + c.system) / 1e6;
      wall += Number(process.hrtime.bigint() - w0) / 1e9;
    }
  };
}
process.on('exit', () => process.stderr.write(`vsys-bench: run() cpu ${cpu.toFixed(4)} wall ${wall.toFixed(4)}\n`));
