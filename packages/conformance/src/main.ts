// `vconform`: runs the recorded conformance corpus against vsys and prints one line a case,
// then `N passed, N failed`. Exit 0 when every selected case passed, 1 otherwise, 2 on bad usage.
//
//   vconform [--arch x86_64|arm64|all] [--cases DIR] [--build vasm|gnu] [--run vrun|native]
//            [--timeout MS] [--keep] [NAME…]
//
// `--build gnu` (GNU as + ld) and `--run native` are ORACLE modes: the first tests vrun alone
// while vasm cannot link, the second checks the corpus itself against the host / qemu-aarch64.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { type Arch, type ConformanceCase, listCases, sharedCasesDir } from './cases.js';
import { runCase } from './runner.js';
import { type Builder, gnuBuilder, nativeRunner, type Runner, vasmBuilder, vrunRunner } from './toolchain.js';

/** The built CLI launchers, next to this package: packages/cli/bin/{vasm,vrun}.js. */
function cliBin(name: 'vasm' | 'vrun'): string[] {
  const here = dirname(fileURLToPath(import.meta.url)); // packages/conformance/dist
  return [process.execPath, join(here, '..', '..', 'cli', 'bin', `${name}.js`)];
}

export async function main(argv: string[]): Promise<number> {
  let usageError: string | null = null;
  const args = await yargs(argv)
    .scriptName('vconform')
    .usage('$0 [options] [NAME…]')
    .option('arch', { choices: ['x86_64', 'arm64', 'all'] as const, default: 'x86_64' as const })
    .option('cases', { type: 'string', describe: 'corpus directory (holding x86_64/ and arm64/)' })
    .option('build', { choices: ['vasm', 'gnu'] as const, default: 'vasm' as const })
    .option('run', { choices: ['vrun', 'native'] as const, default: 'vrun' as const })
    .option('timeout', { type: 'number', default: 60_000, describe: 'per-case time limit in ms' })
    .option('keep', { type: 'boolean', default: false, describe: 'keep scratch directories' })
    // Unknown options are errors; positionals are case names.
    .strictOptions()
    .exitProcess(false)
    .fail((msg, err) => {
      usageError = msg ?? err?.message ?? 'bad usage';
    })
    .parseAsync();
  if (usageError !== null) {
    process.stderr.write(`vconform: ${usageError}\n`);
    return 2;
  }
  if (args.help || args.version) return 0;

  const dir = args.cases ?? sharedCasesDir();
  const arches: Arch[] = args.arch === 'all' ? ['x86_64', 'arm64'] : [args.arch];
  const names = new Set(args._.map(String));
  let cases: ConformanceCase[] = [];
  try {
    for (const arch of arches) cases.push(...listCases(dir, arch));
  } catch (err) {
    process.stderr.write(`vconform: ${(err as Error).message}\n`);
    return 2;
  }
  if (names.size > 0) cases = cases.filter((c) => names.has(c.name));
  if (cases.length === 0) {
    process.stderr.write(`vconform: no cases selected under ${dir}\n`);
    return 2;
  }
  const builder: Builder = args.build === 'gnu' ? gnuBuilder() : vasmBuilder(cliBin('vasm'));
  const runner: Runner = args.run === 'native' ? nativeRunner() : vrunRunner(cliBin('vrun'));
  if (args.build === 'gnu' || args.run === 'native') {
    process.stderr.write(`vconform: oracle mode: build with ${builder.label}, run with ${runner.label}\n`);
  }
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    const r = await runCase(c, { builder, runner, timeoutMs: args.timeout, keep: args.keep });
    if (r.pass) passed++;
    else failed++;
    process.stdout.write(`${r.pass ? 'PASS' : 'FAIL'} ${c.arch}/${c.name}${r.pass ? '' : `: ${r.differences.join('; ')}`}\n`);
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}
