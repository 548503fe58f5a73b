// The recorded corpus (/work/shared/conformance, found as ../shared beside the repository):
// each case is built with `vasm build` and run with `vrun` in a fresh empty directory (both
// called in-process from TypeScript sources, support/in-process.ts; vrun-cli.test.ts runs the
// commands as child processes) and must give the status and stdout real Linux gave. One test per case; then the same for this repository's own recorded cases
// (tests/cases/ARCH: syscall error paths, faults, register preservation).
import { describe, expect, it } from 'vitest';
import { runCase, sharedCasesDir } from '@vsys/conformance';
import { inProcessVasmBuilder, inProcessVrunRunner } from './support/in-process.js';
import { archSkipReason, corpus, KNOWN_PENDING, OWN_PENDING, ownCorpus } from './support/corpus.js';

const builder = inProcessVasmBuilder();
const runner = inProcessVrunRunner();

for (const arch of ['x86_64', 'arm64'] as const) {
  const skip = archSkipReason(arch);
  const cases = corpus(arch);
  const own = ownCorpus(arch);
  describe.skipIf(skip !== null)(`conformance ${arch}${skip ? ` (skipped: ${skip})` : ''}`, () => {
    it('finds the recorded corpus', () => {
      expect(cases.length, `no cases under ${sharedCasesDir()}`).toBeGreaterThan(0);
    });
    for (const c of cases) {
      const pending = KNOWN_PENDING[`${arch}/${c.name}`];
      if (pending) {
        it.todo(`${c.name} (${pending})`);
        continue;
      }
      it(c.name, async () => {
        const r = await runCase(c, { builder, runner, timeoutMs: 60_000 });
        expect(r.differences).toEqual([]);
      });
    }
    for (const c of own) {
      const ownPending = OWN_PENDING[`${arch}/${c.name}`];
      if (ownPending) {
        it.todo(`own: ${c.name} (${ownPending})`);
        continue;
      }
      it(`own: ${c.name}`, async () => {
        const r = await runCase(c, { builder, runner, timeoutMs: 60_000 });
        expect(r.differences).toEqual([]);
      });
    }
  });
}
