// @vsys/conformance: the conformance case format (see /work/shared/conformance/README.md), and a
// runner that builds a case, runs it in a fresh empty directory with the recorded environment,
// and compares its status and stdout with what real Linux did.
//
// Typical use:
//   const cases = listCases(sharedCasesDir(), 'x86_64');
//   const r = await runCase(cases[0], { builder: vasmBuilder(['vasm']), runner: vrunRunner(['vrun']) });
//   r.pass, r.differences

export { type Arch, type ConformanceCase, listCases, readCase, repoRoot, sharedCasesDir, sharedDir } from './cases.js';
export { CaseFormatError, type Expectation, expectedStatus, parseExpectation } from './expectation.js';
export { CASE_ENV, type ProcessOptions, type ProcessOutcome, runProcess } from './process.js';
export { type CaseResult, runCase, type RunCaseOptions } from './runner.js';
export { SIGNAL_NUMBERS, signalName } from './signals.js';
export {
  type Builder,
  type BuildResult,
  gnuBuilder,
  nativeRunner,
  type Runner,
  vasmBuilder,
  vrunRunner,
} from './toolchain.js';
export { main } from './main.js';
