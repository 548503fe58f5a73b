// Differential test against GNU as on the recorded conformance programs: every x86_64 case
// assembles, and our object has the same sections, contents, relocations and symbols as GNU
// as's for the same file. Then the object is linked with GNU ld and run natively, and must
// give the recorded exit status and stdout.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { readObject, writeRelocatable } from '@vsys/elf';
import { assemble, formatDiagnostic } from './index.js';
import { comparable, gnuAssemble, hasTool, tempDir } from './testing/gnu.js';

const casesDir = (process.env.VSYS_SHARED ? `${process.env.VSYS_SHARED}/conformance/cases/x86_64` : new URL('../../../../shared/conformance/cases/x86_64', import.meta.url).pathname);
const cases = existsSync(casesDir) ? readdirSync(casesDir).filter((f) => f.endsWith('.s')).sort() : [];
const haveAs = hasTool('as');
const haveLd = hasTool('ld');

describe('conformance cases (x86_64) against GNU as', () => {
  it('finds the corpus', () => {
    expect(cases.length).toBeGreaterThan(10);
  });
  for (const name of cases) {
    const path = join(casesDir, name);
    const source = readFileSync(path, 'utf8');
    it(`${name}: assembles without diagnostics`, () => {
      const r = assemble(source, { arch: 'x86_64', file: name });
      expect(r.diagnostics.map((d) => formatDiagnostic(d, source))).toEqual([]);
      expect(r.object).not.toBeNull();
    });
    it.skipIf(!haveAs)(`${name}: same object as GNU as`, () => {
      const ours = assemble(source, { arch: 'x86_64', file: name });
      expect(ours.object).not.toBeNull();
      const gnu = gnuAssemble(source);
      expect(gnu.stderr).toBe('');
      const theirs = comparable(readObject(gnu.bytes!));
      // Through the real ELF bytes, so the writer is part of the check.
      const mine = comparable(readObject(writeRelocatable(ours.object!)));
      expect(mine).toEqual(theirs);
    });
    const expectPath = path.replace(/\.s$/, '.expect.json');
    it.skipIf(!haveLd || !existsSync(expectPath) || existsSync(path.replace(/\.s$/, '.extra')))(
      `${name}: links with GNU ld and runs natively like the recording`,
      () => {
        const expected = JSON.parse(readFileSync(expectPath, 'utf8')) as { exit?: number; signal?: string; stdout?: string };
        const ours = assemble(source, { arch: 'x86_64', file: name });
        const { dir, cleanup } = tempDir();
        try {
          const obj = join(dir, 'prog.o');
          const exe = join(dir, 'prog');
          writeFileSync(obj, writeRelocatable(ours.object!));
          const ld = spawnSync('ld', ['-static', '-o', exe, obj], { encoding: 'utf8' });
          expect(ld.stderr).toBe('');
          const argsPath = path.replace(/\.s$/, '.args');
          const stdinPath = path.replace(/\.s$/, '.stdin');
          const args = existsSync(argsPath) ? readFileSync(argsPath, 'utf8').split('\n').filter((l) => l !== '') : [];
          const input = existsSync(stdinPath) ? readFileSync(stdinPath) : Buffer.alloc(0);
          const runDir = tempDir();
          try {
            const run = spawnSync(exe, args, {
              cwd: runDir.dir, input, env: { PATH: '/usr/bin:/bin', HOME: '/', LANG: 'C' }, timeout: 20_000,
            });
            if (expected.signal !== undefined) expect(run.signal).toBe(expected.signal);
            else expect(run.status).toBe(expected.exit);
            if (expected.stdout !== undefined) expect(run.stdout.toString('latin1')).toBe(expected.stdout);
          } finally {
            runDir.cleanup();
          }
        } finally {
          cleanup();
        }
      },
    );
  }
});
