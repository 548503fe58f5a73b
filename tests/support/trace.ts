// Helpers for the tracer suites: the corpus's own strace normalizer (normalize_strace.py, run
// with python3) and building + tracing one recorded case in-process.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASE_ENV, sharedCasesDir, type ConformanceCase } from '@vsys/conformance';
import { main as vasmMain } from '../../packages/cli/src/vasm.js';
import { runVstrace } from '../../packages/cli/src/vstrace.js';

export const normalizer = join(sharedCasesDir(), '..', 'normalize_strace.py');
export const havePython = spawnSync('python3', ['--version']).status === 0;

export function normalize(text: string): string[] {
  const r = spawnSync('python3', [normalizer], { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`normalize_strace.py failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l !== '');
}

/** Builds `c` and traces it; returns the raw trace file text. */
export async function traceCase(c: ConformanceCase, extraOptions: string[] = []): Promise<{ trace: string; status: number }> {
  const work = mkdtempSync(join(tmpdir(), 'vstrace-case-'));
  const runDir = mkdtempSync(join(tmpdir(), 'vstrace-run-'));
  try {
    const image = join(work, 'prog');
    const built = await vasmMain(['build', '--arch', c.arch, '-o', image, ...c.sources]);
    if (built !== 0) throw new Error(`vasm build failed for ${c.name}`);
    const tracePath = join(work, 'trace');
    const fds: [number, number, number] = [openSync(c.stdin ?? '/dev/null', 'r'), openSync('/dev/null', 'w'), openSync('/dev/null', 'w')];
    let status: number;
    try {
      status = await runVstrace([...extraOptions, '-o', tracePath, '--max-instructions=2000000000', image, ...c.args], {
        cwd: runDir,
        env: { ...CASE_ENV },
        stderr: () => {},
        stdio: fds,
      });
    } finally {
      for (const fd of fds) closeSync(fd);
    }
    return { trace: existsSync(tracePath) ? readFileSync(tracePath, 'utf8') : '', status };
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(runDir, { recursive: true, force: true });
  }
}

