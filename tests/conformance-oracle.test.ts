// ORACLE MODE, clearly separate from conformance.test.ts: the same recorded cases built with
// GNU as + ld instead of vasm, then run with `vrun`. It tests vrun (loader, CPU, entry code,
// kernel) on its own while vasm's linker is not finished; conformance.test.ts is the real test.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { gnuBuilder, runCase } from '@vsys/conformance';
import { inProcessVrunRunner } from './support/in-process.js';
import { corpus, KNOWN_PENDING, OWN_PENDING, ownCorpus } from './support/corpus.js';

function hasGnuBinutils(): boolean {
  try {
    execFileSync('as', ['--version'], { stdio: 'ignore' });
    execFileSync('ld', ['--version'], { stdio: 'ignore' });
    return process.arch === 'x64';
  } catch {
    return false;
  }
}

const runner = inProcessVrunRunner();
const haveBinutils = hasGnuBinutils();

describe.skipIf(!haveBinutils)(
  `oracle: GNU as+ld build, vrun run, x86_64${haveBinutils ? '' : ' (skipped: needs GNU as/ld for x86-64)'}`,
  () => {
    for (const c of [...corpus('x86_64'), ...ownCorpus('x86_64').map((o) => ({ ...o, name: `own: ${o.name}` }))]) {
      const pending = KNOWN_PENDING[`x86_64/${c.name}`] ?? OWN_PENDING[`x86_64/${c.name.replace(/^own: /, '')}`];
      if (pending) {
        it.todo(`${c.name} (${pending})`);
        continue;
      }
      it(c.name, async () => {
        const r = await runCase(c, { builder: gnuBuilder(), runner, timeoutMs: 60_000 });
        expect(r.differences).toEqual([]);
      });
    }
  },
);
