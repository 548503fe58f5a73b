// Measures the emulator's speed on /work/shared/bench/x86_64/cpu_loop.s (or a file given on
// the command line): builds it with GNU as/ld, runs it natively and on X86Cpu, prints MIPS.
// Usage: npx tsx packages/emu/scripts/mips.ts [file.s] [iterations]
import { readFileSync } from 'node:fs';
import { buildElf, runElfEmulated, runNative } from '../src/x86_64/testing/harness.js';

const file = process.argv[2] ?? '/work/shared/bench/x86_64/cpu_loop.s';
const iterations = process.argv[3];
let src = readFileSync(file, 'utf8');
if (iterations) src = src.replace(/\.equ ITER, \d+/, `.equ ITER, ${iterations}`);
const elf = buildElf(src);
let t = process.hrtime.bigint();
const native = runNative(elf);
const nativeMs = Number(process.hrtime.bigint() - t) / 1e6;
for (let run = 0; run < 3; run++) {
  t = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const m = runElfEmulated(elf, { budget: 1e12 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const cpu1 = process.cpuUsage(cpu0);
  const cpuMs = (cpu1.user + cpu1.system) / 1000;
  const n = m.cpu.counters.retiredUser + m.cpu.counters.retiredKernel;
  // The machine is shared: CPU time (what this process got) is the fairer denominator.
  console.log(`run ${run}: exit ${m.exitStatus} (native ${native.status}), ${n} instructions: wall ${ms.toFixed(0)} ms = ${(n / ms / 1000).toFixed(1)} MIPS, CPU ${cpuMs.toFixed(0)} ms = ${(n / cpuMs / 1000).toFixed(1)} MIPS; native wall ${nativeMs.toFixed(0)} ms`);
}
