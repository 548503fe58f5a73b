// The larger differential run, by hand:
//   node --import tsx --import ./tests/support/register-src.mjs \
//        tests/support/x86-differential/main.ts --count 20000 --seed 7 [--batch 500] [--max 10] [--ops add,shl] [--print]
// Prints every mismatch (sequence, input state, both outputs, the first differing instruction)
// and a summary; exits 1 when anything differs.
import { buildProgram } from './program.js';
import { generateBatch, runDifferential } from './run.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const count = Number(arg('count', '2000'));
const seed = Number(arg('seed', '1'));
const batch = Number(arg('batch', '500'));
const max = Number(arg('max', '10'));
const ops = arg('ops', '') ? arg('ops', '').split(',') : undefined;
const cpu0 = process.cpuUsage();
const seqs = generateBatch(seed, count, { maxInstructions: max, ops });
if (process.argv.includes('--print')) {
  // The program's source (without the .data bytes), to read or to assemble by hand.
  const source = buildProgram(seqs.map((seq) => ({ seq }))).source;
  process.stdout.write(process.argv.includes('--full') ? source : source.split('\n').filter((l) => !l.includes('.byte')).join('\n'));
  process.exit(0);
}
const result = await runDifferential(seqs, batch, Number(arg('shrink', '20')));
for (const m of result.mismatches) process.stdout.write(`${m.report}\n\n`);
if (result.failure) process.stdout.write(`FAILURE: ${result.failure}\n`);
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${result.sequences} sequences (seed ${seed}), ${result.mismatches.length} mismatching; ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU in this process\n`);
process.exitCode = result.mismatches.length || result.failure ? 1 : 0;
