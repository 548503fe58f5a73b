// vstrace -f on a threaded program against strace -f: the same vasm-built image (this repo's
// libc, pthread_create → clone, futex-based join and mutex) runs natively under real strace -f
// and under vstrace -f. Interleavings differ between any two runs, so each thread's own
// sequence of calls is compared: `<unfinished ...>` / `<... NAME resumed>` halves joined, threads
// taken in the order their clone calls returned, addresses masked, and the calls whose count depends on
// contention (futex, sched_yield) left out.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_ENV } from '@vsys/conformance';
import { main as vasmMain } from '../packages/cli/src/vasm.js';
import { runVstrace } from '../packages/cli/src/vstrace.js';

const haveStrace = spawnSync('strace', ['-V']).status === 0;
const program = join(import.meta.dirname, '..', 'packages', 'libc', 'programs', 'x86_64', 'threads.s');

/** Per-thread call sequences from an `strace -f -o` file (lines `PID  text`), the first task
 *  first and then each thread in the order the clone calls that made it returned (a child's
 *  first line can come before its parent's clone line when they run at once). */
export function perThread(text: string): string[][] {
  const byPid = new Map<string, string[]>();
  const order: string[] = [];
  const open = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const m = /^(\d+) +(.*)$/.exec(raw);
    if (!m) continue;
    const [, pid, body] = m as unknown as [string, string, string];
    if (body.startsWith('execve(')) continue;
    if (order.length === 0) order.push(pid);
    if (!byPid.has(pid)) byPid.set(pid, []);
    let line = body;
    if (line.endsWith(' <unfinished ...>')) {
      open.set(pid, line.slice(0, -' <unfinished ...>'.length));
      continue;
    }
    const resumed = /^<\.\.\. (\w+) resumed>(.*)$/.exec(line);
    if (resumed) line = `${open.get(pid) ?? `${resumed[1]}(`}${resumed[2]}`;
    open.delete(pid);
    const child = /^clone\(.*\) += (\d+)$/.exec(line);
    if (child) order.push(child[1]!);
    if (/^(futex|sched_yield)\(/.test(line)) continue;
    const masked = line
      .replace(/0x[0-9a-f]{5,}/g, '0xADDR')
      .replace(/\s+= /, ' = ')
      .replace(/^(set_tid_address\(0xADDR\)) = \d+$/, '$1 = TID')
      .replace(/(parent_tid=\[)\d+(\])/, '$1TID$2')
      .replace(/^(clone\(.*\)) = \d+$/, '$1 = TID');
    byPid.get(pid)!.push(masked);
  }
  return order.map((pid) => byPid.get(pid) ?? []);
}

describe.skipIf(!haveStrace)('vstrace -f on threads', () => {
  let work = '';
  let image = '';
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'vstrace-threads-'));
    image = join(work, 'threads');
    expect(await vasmMain(['build', '-o', image, program])).toBe(0);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('each thread makes the calls it makes under strace -f, printed the same way', async () => {
    const nativeOut = join(work, 'native.trace');
    const run = spawnSync('strace', ['-f', '-o', nativeOut, image], { cwd: work, env: { ...CASE_ENV }, stdio: 'ignore' });
    expect(run.status).toBe(0);
    const ourOut = join(work, 'vsys.trace');
    const fds: [number, number, number] = [openSync('/dev/null', 'r'), openSync('/dev/null', 'w'), openSync('/dev/null', 'w')];
    try {
      expect(await runVstrace(['-f', '-o', ourOut, image], { cwd: work, env: { ...CASE_ENV }, stderr: () => {}, stdio: fds })).toBe(0);
    } finally {
      for (const fd of fds) closeSync(fd);
    }
    expect(existsSync(ourOut)).toBe(true);
    const theirs = perThread(readFileSync(nativeOut, 'utf8'));
    const ours = perThread(readFileSync(ourOut, 'utf8'));
    expect(ours.length).toBe(theirs.length);
    expect(ours).toEqual(theirs);
  });

  it('without -f only the first thread is traced', async () => {
    const out = join(work, 'nofollow.trace');
    const fds: [number, number, number] = [openSync('/dev/null', 'r'), openSync('/dev/null', 'w'), openSync('/dev/null', 'w')];
    try {
      await runVstrace(['-o', out, image], { cwd: work, env: { ...CASE_ENV }, stderr: () => {}, stdio: fds });
    } finally {
      for (const fd of fds) closeSync(fd);
    }
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(/^\d+ /m);
    expect(text).not.toContain('/no/such/file'); // thread B's open
    expect(text).toContain('clone(child_stack=');
  });
});
