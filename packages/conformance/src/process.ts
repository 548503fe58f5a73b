// Running one host process for the runner: a fixed environment, stdin from a file, stdout and
// stderr captured, a time limit. A child killed by signal N reports status 128 + N, as a shell
// does, so a native run and a vrun run compare the same way.

import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { constants } from 'node:os';

export interface ProcessOutcome {
  status: number;
  stdout: Buffer;
  stderr: Buffer;
  timedOut: boolean;
  /** Set when the program could not be started at all (ENOENT …). */
  spawnError?: string;
}

export interface ProcessOptions {
  cwd: string;
  env: Record<string, string>;
  stdin?: string | null;
  timeoutMs?: number;
}

/** The environment the corpus was recorded with (README: `env -i PATH=/usr/bin:/bin HOME=/ LANG=C`). */
export const CASE_ENV: Readonly<Record<string, string>> = { PATH: '/usr/bin:/bin', HOME: '/', LANG: 'C' };

export function runProcess(argv: string[], opts: ProcessOptions): Promise<ProcessOutcome> {
  return new Promise((resolvePromise) => {
    const stdinFd = openSync(opts.stdin ?? '/dev/null', 'r');
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let settled = false;
    const finish = (o: Omit<ProcessOutcome, 'stdout' | 'stderr'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        closeSync(stdinFd);
      } catch {
        /* already closed */
      }
      resolvePromise({ ...o, stdout: Buffer.concat(out), stderr: Buffer.concat(err) });
    };
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: opts.cwd,
      env: opts.env,
      stdio: [stdinFd, 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 60_000);
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => finish({ status: 127, timedOut: false, spawnError: e.message }));
    child.on('close', (code, signal) => {
      const status =
        code ?? (signal ? 128 + ((constants.signals as Record<string, number>)[signal] ?? 0) : 1);
      finish({ status, timedOut });
    });
  });
}
