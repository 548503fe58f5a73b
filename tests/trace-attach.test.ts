// Attaching a tracer to a running guest: `vrun --listen SOCKET` serves the control socket
// (packages/cli/src/vrun/control.ts), `vstrace -p PID --socket SOCKET` attaches through it and
// detaches on SIGINT. The guest is tests/support/ticker.ts (nanosleep + write in a bounded loop,
// ended early by a stop file), so every run has a bound; the socket is checked to be gone after
// each vrun. Trace lines are checked against what real strace prints for the same program run
// natively (GNU as + ld), when strace and GNU binutils are installed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseVrunArgs } from '../packages/cli/src/vrun/options.js';
import { runVrunSliced } from '../packages/cli/src/vrun/session.js';
import { ControlSocketError, serveControlSocket, type ControlMessage } from '../packages/cli/src/vrun/control.js';
import { attachAndTrace } from '../packages/cli/src/vstrace/attach.js';
import { runVstrace } from '../packages/cli/src/vstrace.js';
import { srcCommand } from './support/commands.js';
import { gnuProgram, haveGnu } from './support/gnu.js';
import { buildTicker, buildWaiter, TICKER_SOURCE, WAITER_SOURCE } from './support/ticker.js';

const haveStrace = spawnSync('strace', ['-V']).status === 0;
/** Upper bound for anything a test waits for (a loaded machine starts node + tsx slowly). */
const PATIENCE_MS = 90_000;
/** Ticks at 50 ms: the guest ends by itself after at most 2 minutes even if a test fails. */
const TICKS = '2400';
const SLEEP_NS = '50000000';

let dir = '';
let ticker = '';
/** strace's lines for the ticker run natively (no stop file): the forms vstrace must print. */
let nativeLines: Set<string> | null = null;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vattach-'));
  ticker = await buildTicker(dir);
  if (haveStrace && haveGnu()) {
    const native = join(dir, 'ticker-native');
    writeFileSync(native, gnuProgram(TICKER_SOURCE), { mode: 0o755 });
    const out = join(dir, 'native.trace');
    spawnSync('strace', ['-o', out, native, '3', '1000', 'stop'], { cwd: dir, stdio: 'ignore' });
    nativeLines = new Set(readFileSync(out, 'utf8').split('\n'));
  }
});
afterEach(() => {
  // Children a failed test left behind (only the ones this file started).
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function waitFor(what: string, cond: () => boolean): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > PATIENCE_MS) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function startChild(argv: string[], cwd: string) {
  const child = spawn(argv[0]!, argv.slice(1), { cwd, env: { PATH: '/usr/bin:/bin' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out.stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out.stderr += d));
  const exited = new Promise<number | string>((resolve) => child.on('close', (code, signal) => resolve(code ?? String(signal))));
  return { child, out, exited };
}

/** A raw protocol client: sends request objects, collects every message. */
async function connect(path: string): Promise<{ socket: Socket; messages: ControlMessage[]; send(m: object): void }> {
  const socket = createConnection(path);
  const messages: ControlMessage[] = [];
  let buffer = '';
  socket.setEncoding('utf8').on('data', (d: string) => {
    buffer += d;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      messages.push(JSON.parse(buffer.slice(0, nl)) as ControlMessage);
      buffer = buffer.slice(nl + 1);
    }
  });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return { socket, messages, send: (m) => socket.write(`${JSON.stringify(m)}\n`) };
}

const replies = (messages: ControlMessage[], name: string) => messages.filter((m) => 'reply' in m && m.reply === name);
const traceText = (messages: ControlMessage[]) =>
  messages.map((m) => ('event' in m && m.event === 'trace' ? m.text : '')).join('');

/** Each complete line is one strace printed natively for the same program. */
function expectStraceLines(lines: string[]): void {
  for (const l of lines) {
    expect(l).toMatch(/^(nanosleep\(\{tv_sec=0, tv_nsec=\d+\}, NULL\) = 0|write\(1, "tick\\n", 5\) += 5|open\("stop", O_RDONLY\) += -1 ENOENT \(No such file or directory\))$/);
  }
  if (nativeLines) {
    // The native run slept 1000 ns; the line forms are otherwise the same.
    for (const l of lines) expect(nativeLines.has(l.replace(`tv_nsec=${SLEEP_NS}`, 'tv_nsec=1000'))).toBe(true);
  }
}

describe('vrun --listen + vstrace -p as commands', () => {
  it('attaches, streams strace lines, detaches on SIGINT; the guest runs on to its normal exit', async () => {
    const work = mkdtempSync(join(dir, 'cmd-'));
    const sock = join(work, 'ctl.sock');
    const vrun = startChild([...srcCommand('vrun'), '--listen', sock, ticker, TICKS, SLEEP_NS, 'stop'], work);
    try {
      await waitFor('the control socket', () => existsSync(sock) || vrun.child.exitCode !== null);
      expect(existsSync(sock)).toBe(true);
      // `list` names the guest's pid.
      const probe = await connect(sock);
      probe.send({ op: 'list' });
      await waitFor('the list reply', () => probe.messages.length > 0);
      probe.socket.end();
      const list = probe.messages[0]!;
      expect(list).toMatchObject({ reply: 'list', ok: true });
      const proc = (list as { processes: { pid: number; comm: string }[] }).processes.find((p) => p.comm === 'ticker');
      expect(proc).toBeDefined();
      const pid = proc!.pid;

      const vstrace = startChild([...srcCommand('vstrace'), '-p', String(pid), '--socket', sock], work);
      await waitFor('two traced writes', () => (vstrace.out.stderr.match(/^write\(1, /gm) ?? []).length >= 2 || vstrace.child.exitCode !== null);
      vstrace.child.kill('SIGINT');
      // strace re-raises the signal that made it detach (strace.c terminate()): killed by
      // SIGINT, status 130 in a shell.
      expect(await vstrace.exited).toBe('SIGINT');

      const lines = vstrace.out.stderr.split('\n');
      expect(lines[0]).toBe(`strace: Process ${pid} attached`);
      expect(lines.at(-1)).toBe('');
      // On stderr the detach notice follows whatever the open call's line held, as strace's does.
      const last = lines.at(-2)!;
      expect(last.endsWith(`strace: Process ${pid} detached`)).toBe(true);
      expectStraceLines(lines.slice(1, -2));
      expect(lines.slice(1, -2).filter((l) => l.startsWith('write(')).length).toBeGreaterThanOrEqual(2);

      // Detached, the guest keeps ticking; the stop file ends it normally.
      const ticksAtDetach = (vrun.out.stdout.match(/tick/g) ?? []).length;
      await waitFor('a tick after the detach', () => (vrun.out.stdout.match(/tick/g) ?? []).length > ticksAtDetach || vrun.child.exitCode !== null);
      writeFileSync(join(work, 'stop'), '');
      expect(await vrun.exited).toBe(0);
      expect(vrun.out.stderr).toBe('');
      expect(vrun.out.stdout).toMatch(/^(tick\n)+$/);
      expect(existsSync(sock)).toBe(false);
    } finally {
      writeFileSync(join(work, 'stop'), '');
    }
  }, 4 * PATIENCE_MS);
});

describe('vrun --listen cleans up', () => {
  it('removes its socket when killed by SIGTERM, and still dies of the signal', async () => {
    const work = mkdtempSync(join(dir, 'term-'));
    const sock = join(work, 'ctl.sock');
    const vrun = startChild([...srcCommand('vrun'), '--listen', sock, ticker, TICKS, SLEEP_NS, 'stop'], work);
    await waitFor('the control socket', () => existsSync(sock) || vrun.child.exitCode !== null);
    expect(existsSync(sock)).toBe(true);
    vrun.child.kill('SIGTERM');
    expect(await vrun.exited).toBe('SIGTERM');
    expect(existsSync(sock)).toBe(false);
  }, 2 * PATIENCE_MS);
});

/** vrun --listen in this process (the guest's stdio in files), for the protocol's details. */
async function listenInProcess(work: string, sock: string, extra: string[] = []) {
  const parsed = await parseVrunArgs(['--listen', sock, ...extra, ticker, TICKS, SLEEP_NS, 'stop']);
  if (parsed.ok !== true) throw new Error(JSON.stringify(parsed));
  const fds: [number, number, number] = [openSync('/dev/null', 'r'), openSync(join(work, 'out'), 'w'), openSync(join(work, 'err'), 'w')];
  const messages: string[] = [];
  let listening = false;
  const done = runVrunSliced(parsed.options, { cwd: work, env: {}, stderr: (t) => messages.push(t), stdio: fds }, async (kernel) => {
    const close = await serveControlSocket(sock, kernel);
    listening = true;
    return close;
  }).finally(() => fds.forEach((fd) => closeSync(fd)));
  await waitFor('the in-process server', () => listening);
  return { done, messages, stop: () => writeFileSync(join(work, 'stop'), '') };
}

describe('the control protocol (in-process)', () => {
  it('lists, refuses bad attaches as ptrace does, filters with -e trace, detaches', async () => {
    const work = mkdtempSync(join(dir, 'proto-'));
    const sock = join(work, 'ctl.sock');
    const run = await listenInProcess(work, sock);
    try {
      const a = await connect(sock);
      a.send({ op: 'list' });
      a.send({ op: 'attach', pid: 999_999 });
      a.send('not an object');
      a.send({ op: 'frobnicate' });
      await waitFor('four replies', () => a.messages.length >= 4);
      const list = a.messages[0] as { processes: { pid: number; argv: string[] }[] };
      expect(list.processes).toHaveLength(1);
      expect(list.processes[0]!.argv).toEqual([ticker, TICKS, SLEEP_NS, 'stop']);
      const pid = list.processes[0]!.pid;
      expect(a.messages[1]).toEqual({ reply: 'attach', ok: false, errno: 'ESRCH', message: 'No such process' });
      expect(a.messages[2]).toMatchObject({ reply: 'error', ok: false, errno: 'EINVAL' });
      expect(a.messages[3]).toMatchObject({ reply: 'error', ok: false, errno: 'EINVAL' });

      a.send({ op: 'attach', pid, options: { trace: 'write' } });
      await waitFor('the attach reply', () => replies(a.messages, 'attach').length === 2);
      expect(replies(a.messages, 'attach')[1]).toEqual({ reply: 'attach', ok: true, pid, threads: [pid] });
      // One tracer at a time: a second client gets EPERM, as PTRACE_SEIZE on a traced process.
      const b = await connect(sock);
      b.send({ op: 'attach', pid });
      await waitFor('the second attach reply', () => b.messages.length > 0);
      expect(b.messages[0]).toMatchObject({ reply: 'attach', ok: false, errno: 'EPERM' });
      b.socket.end();

      await waitFor('three traced lines', () => traceText(a.messages).split('\n').length > 3);
      a.send({ op: 'detach' });
      await waitFor('the detach reply', () => replies(a.messages, 'detach').length > 0);
      const detach = replies(a.messages, 'detach')[0] as { ok: boolean; pid: number; pending: string[] };
      expect(detach).toMatchObject({ ok: true, pid });
      const text = traceText(a.messages);
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.slice(0, -1).split('\n');
      expect(lines.every((l) => l.startsWith('write('))).toBe(true);
      expectStraceLines(lines);
      // Detached: no more lines, and a new attach is allowed again.
      const count = a.messages.length;
      a.send({ op: 'detach' });
      await waitFor('the second detach reply', () => replies(a.messages, 'detach').length > 1);
      expect(replies(a.messages, 'detach')[1]).toMatchObject({ ok: false, errno: 'ESRCH' });
      expect(a.messages.slice(count).every((m) => 'reply' in m)).toBe(true);
      a.socket.end();
      run.stop();
      expect(await run.done).toBe(0);
      expect(run.messages.join('')).toBe('');
      expect(existsSync(sock)).toBe(false);
    } finally {
      run.stop();
    }
  }, 2 * PATIENCE_MS);

  it('vstrace -p -o FILE: lines into the file, the exit line and the end when the guest exits', async () => {
    const work = mkdtempSync(join(dir, 'file-'));
    const sock = join(work, 'ctl.sock');
    const run = await listenInProcess(work, sock);
    const notices: string[] = [];
    try {
      const traced = runVstrace(['-p', '1000', '-o', join(work, 'trace'), '--socket', sock], { cwd: work, env: {}, stderr: (t) => notices.push(t) });
      await waitFor('the attach notice', () => notices.length > 0);
      await waitFor('two traced writes', () => (readFileSync(join(work, 'trace'), 'utf8').match(/^write\(/gm) ?? []).length >= 2);
      run.stop();
      expect(await traced).toBe(0);
      expect(await run.done).toBe(0);
      expect(notices.join('')).toBe('strace: Process 1000 attached\n');
      const lines = readFileSync(join(work, 'trace'), 'utf8').split('\n');
      expect(lines.slice(-4)).toEqual(['open("stop", O_RDONLY)                  = 3', 'exit_group(0)                           = ?', '+++ exited with 0 +++', '']);
      expectStraceLines(lines.slice(0, -4));
    } finally {
      run.stop();
    }
  }, 2 * PATIENCE_MS);

  it('a detach while a call is open ends its line with <detached ...> in an -o file', async () => {
    const work = mkdtempSync(join(dir, 'open-'));
    const sock = join(work, 'ctl.sock');
    const run = await listenInProcess(work, sock);
    try {
      const written: string[] = [];
      const notices: string[] = [];
      let detach: () => void = () => {};
      const traced = attachAndTrace({
        socket: sock,
        pid: 1000,
        options: { toFile: true },
        write: (t) => written.push(t),
        stderr: (t) => notices.push(t),
        toFile: true,
        onInterrupt: (d) => {
          detach = d;
          return () => {};
        },
      });
      await waitFor('a traced line', () => written.length > 0);
      detach();
      expect(await traced).toBe(0);
      expect(notices).toEqual(['strace: Process 1000 attached\n', 'strace: Process 1000 detached\n']);
      const lines = written.join('').split('\n');
      expect(lines.at(-1)).toBe('');
      const body = lines.slice(0, -1);
      // Between slices the guest is rarely inside a call, so the last line is usually complete;
      // when it is not, it is strace's partial line plus ` <detached ...>`.
      const open = body.filter((l) => l.endsWith(' <detached ...>'));
      expect(open.length).toBeLessThanOrEqual(1);
      for (const l of open) expect(l).toMatch(/^(nanosleep\(\{tv_sec=0, tv_nsec=\d+\}, |write\(1, "tick\\n", 5|open\("stop", O_RDONLY) <detached \.\.\.>$/);
      expectStraceLines(body.filter((l) => !l.endsWith(' <detached ...>')));
      run.stop();
      expect(await run.done).toBe(0);
    } finally {
      run.stop();
    }
  }, 2 * PATIENCE_MS);

  it('a call in progress at detach (the main thread in read) ends as strace ends it', async () => {
    const work = mkdtempSync(join(dir, 'wait4-'));
    // strace's own line: the same program natively, strace -o -p attached while it waits.
    let expected = 'read(3,  <detached ...>';
    if (haveStrace && haveGnu()) {
      const native = join(work, 'waiter-native');
      writeFileSync(native, gnuProgram(WAITER_SOURCE), { mode: 0o755 });
      const prog = startChild([native, '1', '100', 'stop'], work);
      const out = join(work, 'native.trace');
      const strace = startChild(['strace', '-o', out, '-p', String(prog.child.pid)], work);
      await waitFor('strace to attach', () => strace.out.stderr.includes('attached') || strace.child.exitCode !== null);
      strace.child.kill('SIGINT');
      expect(await strace.exited).toBe('SIGINT');
      writeFileSync(join(work, 'stop'), '');
      prog.child.kill('SIGKILL');
      await prog.exited;
      rmSync(join(work, 'stop'));
      expected = readFileSync(out, 'utf8').split('\n').at(-2)!;
      expect(expected).toMatch(/<detached \.\.\.>$/);
    }
    const waiter = await buildWaiter(work);
    const sock = join(work, 'ctl.sock');
    const parsed = await parseVrunArgs(['--listen', sock, waiter, '600', '4', 'stop']);
    if (parsed.ok !== true) throw new Error(JSON.stringify(parsed));
    const fds: [number, number, number] = [openSync('/dev/null', 'r'), openSync('/dev/null', 'w'), openSync('/dev/null', 'w')];
    let listening = false;
    const done = runVrunSliced(parsed.options, { cwd: work, env: {}, stderr: () => {}, stdio: fds }, async (kernel) => {
      const close = await serveControlSocket(sock, kernel);
      listening = true;
      return close;
    }).finally(() => fds.forEach((fd) => closeSync(fd)));
    try {
      await waitFor('the in-process server', () => listening);
      // The detach lands between slices; the main thread is almost always inside read then, but
      // a slice may end between clone's return and read's entry: try again (a few times at most).
      let last = '';
      for (let attempt = 0; attempt < 5 && !last.endsWith('<detached ...>'); attempt++) {
        const written: string[] = [];
        let detach: () => void = () => {};
        const traced = attachAndTrace({
          socket: sock,
          pid: 1000,
          options: { toFile: true },
          write: (t) => written.push(t),
          stderr: () => {},
          toFile: true,
          onInterrupt: (d) => {
            detach = d;
            return () => {};
          },
        });
        await waitFor('a clone line', () => /^clone\(/m.test(written.join('')));
        detach();
        expect(await traced).toBe(0);
        last = written.join('').split('\n').at(-2)!;
      }
      expect(last).toBe(expected);
    } finally {
      writeFileSync(join(work, 'stop'), '');
    }
    expect(await done).toBe(0);
  }, 3 * PATIENCE_MS);

  it('refuses a --listen path that is a regular file', async () => {
    const work = mkdtempSync(join(dir, 'busy-'));
    const path = join(work, 'file');
    writeFileSync(path, 'x');
    const parsed = await parseVrunArgs(['--listen', path, ticker, '1']);
    if (parsed.ok !== true) throw new Error(JSON.stringify(parsed));
    await expect(runVrunSliced(parsed.options, { cwd: work, env: {}, stderr: () => {} }, (kernel) => serveControlSocket(path, kernel))).rejects.toBeInstanceOf(
      ControlSocketError,
    );
    expect(readFileSync(path, 'utf8')).toBe('x');
  });
});

describe('vstrace -p usage', () => {
  const vstrace = async (argv: string[], env: Record<string, string> = {}) => {
    const messages: string[] = [];
    const status = await runVstrace(argv, { cwd: dir, env, stderr: (t) => messages.push(t) });
    return { status, text: messages.join('') };
  };
  it('needs a socket, a numeric pid, and no IMAGE', async () => {
    expect(await vstrace(['-p', '1000'])).toMatchObject({ status: 2, text: expect.stringMatching(/-p PID needs --socket SOCKET or VSYS_SOCKET/) });
    expect(await vstrace(['-p', 'x1', '--socket', 's'])).toMatchObject({ status: 2, text: expect.stringMatching(/Invalid process id: 'x1'/) });
    expect(await vstrace(['-p', '1000', '--socket', 's', ticker])).toMatchObject({ status: 2 });
    expect(await vstrace(['--socket', 's', ticker])).toMatchObject({ status: 2 });
  });
  it('reports a socket nobody listens on (VSYS_SOCKET) with status 1', async () => {
    const r = await vstrace(['-p', '1000'], { VSYS_SOCKET: join(dir, 'nobody.sock') });
    expect(r.status).toBe(1);
    expect(r.text).toMatch(/nobody\.sock: No such file or directory/);
  });
});
