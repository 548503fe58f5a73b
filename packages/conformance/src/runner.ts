// Runs one conformance case: build it in a scratch directory, run it in a fresh EMPTY
// directory (the corpus was recorded that way), and compare the status (exit, or 128 + the
// signal) and the stdout bytes with the recorded expectation.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConformanceCase } from './cases.js';
import { expectedStatus } from './expectation.js';
import { signalName } from './signals.js';
import type { Builder, Runner } from './toolchain.js';

export interface CaseResult {
  name: string;
  arch: string;
  pass: boolean;
  /** 'build' when the build failed, 'run' when the run differed, null when it passed. */
  failedAt: 'build' | 'run' | null;
  /** One line a difference, for people. */
  differences: string[];
  status?: number;
  stdout?: Buffer;
  stderr?: string;
}

export interface RunCaseOptions {
  builder: Builder;
  runner: Runner;
  timeoutMs?: number;
  /** Keep the scratch directories (for debugging). */
  keep?: boolean;
}

const describeStatus = (s: number): string => (s > 128 && s < 160 ? `${s} (${signalName(s - 128)})` : String(s));

function showBytes(b: Uint8Array): string {
  const text = Buffer.from(b).toString('utf8');
  const shown = JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
  return `${shown} (${b.length} bytes)`;
}

export async function runCase(c: ConformanceCase, opts: RunCaseOptions): Promise<CaseResult> {
  const work = mkdtempSync(join(tmpdir(), `vconform-build-${c.name}-`));
  const runDir = mkdtempSync(join(tmpdir(), `vconform-run-${c.name}-`));
  try {
    const image = join(work, 'prog');
    const built = await opts.builder.build(c, image, work);
    if (!built.ok) {
      return {
        name: c.name,
        arch: c.arch,
        pass: false,
        failedAt: 'build',
        differences: [`build failed (${opts.builder.label}): ${built.log.trim().split('\n').slice(0, 8).join(' | ')}`],
      };
    }
    const r = await opts.runner.run(c, image, runDir, opts.timeoutMs ?? 60_000);
    const differences: string[] = [];
    if (r.spawnError) differences.push(`could not start ${opts.runner.label}: ${r.spawnError}`);
    if (r.timedOut) differences.push(`timed out after ${opts.timeoutMs ?? 60_000} ms`);
    const want = expectedStatus(c.expect);
    if (r.status !== want) differences.push(`status ${describeStatus(r.status)}, expected ${describeStatus(want)}`);
    if (!Buffer.from(c.expect.stdout).equals(r.stdout)) {
      differences.push(`stdout ${showBytes(r.stdout)}, expected ${showBytes(c.expect.stdout)}`);
    }
    const stderr = r.stderr.toString();
    if (differences.length > 0 && stderr.trim() !== '') {
      differences.push(`stderr: ${stderr.trim().split('\n').slice(0, 6).join(' | ')}`);
    }
    return {
      name: c.name,
      arch: c.arch,
      pass: differences.length === 0,
      failedAt: differences.length === 0 ? null : 'run',
      differences,
      status: r.status,
      stdout: r.stdout,
      stderr,
    };
  } finally {
    if (!opts.keep) {
      rmSync(work, { recursive: true, force: true });
      rmSync(runDir, { recursive: true, force: true });
    }
  }
}
