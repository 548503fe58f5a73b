// `vrun --strace`: vstrace's default output on vrun's stderr. In-process it must print exactly
// what `vstrace IMAGE` prints for the same run; against real strace (the same source built by
// GNU as + ld, run natively) the normalized traces must agree; as a child process the trace
// goes to stderr while the guest's stdout and exit status pass through untouched.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_ENV, runProcess } from '@vsys/conformance';
import { parseVrunArgs } from '../packages/cli/src/vrun/options.js';
import { runVrun } from '../packages/cli/src/vrun/session.js';
import { runVstrace } from '../packages/cli/src/vstrace.js';
import { srcCommand } from './support/commands.js';
import { GNU_MISSING, gnuProgram, haveGnu } from './support/gnu.js';
import { buildTicker, TICKER_SOURCE } from './support/ticker.js';
import { havePython, normalize } from './support/trace.js';

const haveStrace = spawnSync('strace', ['-V']).status === 0;
let dir = '';
let ticker = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrun-strace-'));
  ticker = await buildTicker(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `run` with the guest's stdout/stderr in files; returns what vrun/vstrace said on its own
 *  stderr callback, and the guest's stdout. */
async function inProcess(run: (host: Parameters<typeof runVrun>[1]) => Promise<number> | number): Promise<{ status: number; messages: string; stdout: string }> {
  const fds: [number, number, number] = [openSync('/dev/null', 'r'), openSync(join(dir, 'out'), 'w'), openSync(join(dir, 'err'), 'w')];
  const messages: string[] = [];
  let status: number;
  try {
    status = await run({ cwd: dir, env: { ...CASE_ENV }, stderr: (t) => messages.push(t), stdio: fds });
  } finally {
    fds.forEach((fd) => closeSync(fd));
  }
  return { status, messages: messages.join(''), stdout: readFileSync(join(dir, 'out'), 'utf8') };
}

async function vrunStrace(args: string[]) {
  const parsed = await parseVrunArgs(['--strace', ...args]);
  if (parsed.ok !== true) throw new Error(JSON.stringify(parsed));
  return inProcess((host) => runVrun(parsed.options, host));
}

describe('vrun --strace', () => {
  it('parses as a flag, off by default', async () => {
    const on = await parseVrunArgs(['--strace', 'prog']);
    const off = await parseVrunArgs(['prog', '--strace']);
    expect(on).toMatchObject({ ok: true, options: { image: 'prog', strace: true } });
    // After IMAGE it is the guest's argument, not vrun's.
    expect(off).toMatchObject({ ok: true, options: { image: 'prog', args: ['--strace'], strace: false } });
  });

  it('prints exactly what vstrace prints by default', async () => {
    const viaVrun = await vrunStrace([ticker, '3']);
    const viaVstrace = await inProcess((host) => runVstrace([ticker, '3'], host));
    expect(viaVrun.status).toBe(0);
    expect(viaVstrace.status).toBe(0);
    expect(viaVrun.stdout).toBe('tick\n'.repeat(3));
    expect(viaVrun.messages).toBe(viaVstrace.messages);
    const lines = viaVrun.messages.split('\n');
    expect(lines).toContain('nanosleep({tv_sec=0, tv_nsec=1000000}, NULL) = 0');
    expect(lines.filter((l) => l === 'write(1, "tick\\n", 5)                   = 5')).toHaveLength(3);
    expect(lines.at(-2)).toBe('+++ exited with 0 +++');
  });

  it('without --strace prints no trace', async () => {
    const parsed = await parseVrunArgs([ticker, '2']);
    if (parsed.ok !== true) throw new Error(JSON.stringify(parsed));
    const r = await inProcess((host) => runVrun(parsed.options, host));
    expect(r).toMatchObject({ status: 0, messages: '', stdout: 'tick\ntick\n' });
  });

  it.skipIf(!haveStrace || !havePython || !haveGnu())('agrees with strace on the same program run natively', async () => {
    const native = join(dir, 'ticker-native');
    writeFileSync(native, gnuProgram(TICKER_SOURCE), { mode: 0o755 });
    const out = join(dir, 'native.trace');
    const r = spawnSync('strace', ['-o', out, native, '4', '2000'], { cwd: dir, env: { ...CASE_ENV }, stdio: ['ignore', 'ignore', 'ignore'] });
    expect(r.status).toBe(0);
    const ours = await vrunStrace([ticker, '4', '2000']);
    expect(normalize(ours.messages)).toEqual(normalize(readFileSync(out, 'utf8')));
  });
  if (!haveGnu()) it.skip(`native comparison: ${GNU_MISSING}`, () => {});

  it('as a command: the trace on stderr, the guest stdout and status untouched', async () => {
    const r = await runProcess([...srcCommand('vrun'), '--strace', ticker, '2'], { cwd: dir, env: { PATH: '/usr/bin:/bin' }, timeoutMs: 110_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toBe('tick\ntick\n');
    const err = r.stderr.toString().split('\n');
    expect(err.filter((l) => l.startsWith('nanosleep('))).toHaveLength(2);
    expect(err).toContain('+++ exited with 0 +++');
  });
});
