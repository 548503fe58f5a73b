// vstrace against real strace: every x86_64 case with a recorded `strace` (the shared corpus
// and this repository's own, tests/cases) is built with vasm, run under vstrace -o FILE in a
// fresh empty directory, and the file — passed through the corpus's own normalize_strace.py —
// must equal the lines strace wrote on real Linux. The guest's stdout is /dev/null, as in the
// recording (`record` runs strace with >/dev/null; a write(1, NULL, n) succeeds there).
// This repository's own cases call getpid/kill, whose pids the normalizer leaves alone: those
// are masked on both sides (mask_pids).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpus, KNOWN_PENDING, OWN_PENDING, ownCorpus } from './support/corpus.js';
import { havePython, normalize, normalizer, traceCase } from './support/trace.js';

/** Own cases only: pids differ between any two runs, so `getpid() = 123` and `kill(123, …)`
 *  compare as PID. */
function maskPids(lines: string[]): string[] {
  return lines.map((l) =>
    l
      .replace(/^(getpid|getppid|gettid|fork|vfork)\(\) = \d+$/, '$1() = PID')
      .replace(/^(kill|tgkill|tkill)\(\d+/, '$1(PID')
      // timers and signal queueing name pids and tids too
      .replace(/^(rt_sigqueueinfo|rt_tgsigqueueinfo)\(\d+(, \d+)?/, (_m, name: string, tid?: string) => `${name}(PID${tid ? ', PID' : ''}`)
      .replace(/sigev_notify_thread_id=\d+/, 'sigev_notify_thread_id=PID')
      // fcntl's file owner is a pid (F_SETOWN's argument, F_GETOWN's result, f_owner_ex.pid)
      .replace(/^(fcntl\(\d+, F_SETOWN, )[1-9]\d*/, '$1PID')
      .replace(/^(fcntl\(\d+, F_GETOWN\) = )[1-9]\d*$/, '$1PID')
      .replace(/^(fcntl\(\d+, F_[GS]ETOWN_EX, \{type=[^,]+, pid=)[1-9]\d*/, '$1PID'),
  );
}

/** Own cases whose trace needs something not built yet (besides corpus.ts's OWN_PENDING). */
const TRACE_PENDING: Record<string, string> = {

};

const cases = [...corpus('x86_64').map((c) => ({ c, own: false })), ...ownCorpus('x86_64').map((c) => ({ c, own: true }))].filter(
  ({ c }) => c.expect.strace !== undefined,
);

describe.skipIf(!havePython || !existsSync(normalizer))('vstrace output equals strace on real Linux', () => {
  it('finds recorded traces', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const { c, own } of cases) {
    const pending = KNOWN_PENDING[`x86_64/${c.name}`];
    const title = `${own ? 'own: ' : ''}${c.name}`;
    const why = own ? (OWN_PENDING[`x86_64/${c.name}`] ?? TRACE_PENDING[c.name]) : pending;
    if (why) {
      it.todo(`${title} (${why})`);
      continue;
    }
    it(title, async () => {
      const { trace } = await traceCase(c);
      const got = normalize(trace);
      if (own) expect(maskPids(got)).toEqual(maskPids(c.expect.strace!));
      else expect(got).toEqual(c.expect.strace);
    });
  }
});

// ARM64 prints the same lines as x86-64 for the same calls: each tests/cases/arm64/twin_*.s
// makes the calls its x86-64 twin makes (the *at family both ABIs share), and its vstrace
// output must equal the strace recording of the twin on real Linux.
const twins = ownCorpus('arm64').filter((c) => c.name.startsWith('twin_'));
const x86Twins = new Map(ownCorpus('x86_64').map((c) => [c.name, c]));
describe.skipIf(!havePython || !existsSync(normalizer))('vstrace on ARM64 prints the x86-64 lines', () => {
  it('finds twin cases', () => {
    expect(twins.length).toBeGreaterThan(0);
  });
  for (const c of twins) {
    it(c.name, async () => {
      const twin = x86Twins.get(c.name);
      expect(twin?.expect.strace, `tests/cases/x86_64/${c.name}.s with a recorded strace`).toBeDefined();
      const { trace, status } = await traceCase(c);
      expect(status).toBe(c.expect.exit);
      expect(normalize(trace)).toEqual(twin!.expect.strace);
    });
  }
});
