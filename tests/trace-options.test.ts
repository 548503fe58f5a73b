// vstrace's options against strace's: the same vasm-built image runs natively under real
// strace and under vstrace with the same options, and the outputs must agree (after the
// corpus's normalize_strace.py and, where the option prints times or pids, after masking them).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_ENV, sharedCasesDir } from '@vsys/conformance';
import { main as vasmMain } from '../packages/cli/src/vasm.js';
import { runVstrace } from '../packages/cli/src/vstrace.js';
import { normalize } from './support/trace.js';

const haveStrace = spawnSync('strace', ['-V']).status === 0;
const havePython = spawnSync('python3', ['--version']).status === 0;

let work = '';
const image = (name: string): string => join(work, name);

async function build(name: string, source: string): Promise<string> {
  const out = image(name);
  const status = await vasmMain(['build', '-o', out, source]);
  if (status !== 0) throw new Error(`vasm build ${source} failed`);
  return out;
}

/** Runs `prog` under real strace with `opts`; returns the -o file's text. */
function straceNative(prog: string, opts: string[]): string {
  const run = mkdtempSync(join(tmpdir(), 'strace-native-'));
  const out = join(work, `native-${Math.random().toString(36).slice(2)}`);
  spawnSync('strace', [...opts, '-o', out, prog], { cwd: run, env: { ...CASE_ENV }, stdio: ['ignore', 'ignore', 'ignore'] });
  rmSync(run, { recursive: true, force: true });
  return readFileSync(out, 'utf8');
}

async function straceVsys(prog: string, opts: string[]): Promise<string> {
  const run = mkdtempSync(join(tmpdir(), 'vstrace-opt-'));
  const out = join(work, `vsys-${Math.random().toString(36).slice(2)}`);
  const fds: [number, number, number] = [openSync('/dev/null', 'r'), openSync('/dev/null', 'w'), openSync('/dev/null', 'w')];
  try {
    await runVstrace([...opts, '-o', out, prog], { cwd: run, env: { ...CASE_ENV }, stderr: () => {}, stdio: fds });
  } finally {
    for (const fd of fds) closeSync(fd);
    rmSync(run, { recursive: true, force: true });
  }
  return existsSync(out) ? readFileSync(out, 'utf8') : '';
}

const CASES = join(sharedCasesDir(), 'x86_64');

describe.skipIf(!haveStrace || !havePython)('vstrace options agree with strace', () => {
  let fileRw = '';
  let dirs = '';
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'vstrace-options-'));
    fileRw = await build('file_rw', join(CASES, 'file_rw.s'));
    dirs = await build('dirs', join(CASES, 'dirs.s'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const set of ['trace=write', 'trace=!write,close', 'trace=%file', 'trace=%desc', 'write,unlink', 'signal=none']) {
    it(`-e ${set}`, async () => {
      expect(normalize(await straceVsys(fileRw, ['-e', set]))).toEqual(normalize(straceNative(fileRw, ['-e', set])));
    });
  }

  it('-e with an unknown name is a usage error', async () => {
    const status = await runVstrace(['-e', 'trace=nosuchcall', fileRw], { cwd: work, env: {}, stderr: () => {} });
    expect(status).toBe(2);
  });

  it('-s 4 cuts string buffers', async () => {
    expect(normalize(await straceVsys(fileRw, ['-s', '4']))).toEqual(normalize(straceNative(fileRw, ['-s', '4'])));
  });

  it('-a 20 moves the result column', async () => {
    // Compare before normalization collapses the padding.
    const strip = (t: string): string[] => t.split('\n').filter((l) => l && !l.startsWith('execve('));
    expect(strip(await straceVsys(dirs, ['-a', '20']))).toEqual(strip(straceNative(dirs, ['-a', '20'])));
  });

  it('-f -o prefixes every line with the pid', async () => {
    const mask = (t: string): string[] => normalize(t.replace(/^\d+ +/gm, 'PID  ')).filter((l) => !/^PID\s+execve\(/.test(l));
    const ours = await straceVsys(dirs, ['-f']);
    expect(ours.split('\n').filter(Boolean).every((l) => /^\d+ {1,5}\S/.test(l))).toBe(true);
    expect(mask(ours)).toEqual(mask(straceNative(dirs, ['-f'])));
  });

  it('-T appends the time spent in each call', async () => {
    const ours = (await straceVsys(dirs, ['-T'])).split('\n').filter(Boolean);
    const theirs = straceNative(dirs, ['-T']).split('\n').filter((l) => l && !l.startsWith('execve('));
    const shape = (l: string): string => l.replace(/ <\d+\.\d{6}>$/, ' <T>').replace(/\s+= /, ' = ');
    expect(ours.map(shape)).toEqual(theirs.map(shape));
    expect(ours.filter((l) => !l.startsWith('+++') && !l.endsWith('= ?')).every((l) => / <\d+\.\d{6}>$/.test(l))).toBe(true);
  });

  for (const [flag, re] of [
    ['-t', /^\d\d:\d\d:\d\d /],
    ['-tt', /^\d\d:\d\d:\d\d\.\d{6} /],
    ['-ttt', /^\d{9,}\.\d{6} /],
  ] as const) {
    it(`${flag} prefixes the time`, async () => {
      const ours = (await straceVsys(dirs, [flag])).split('\n').filter(Boolean);
      const theirs = straceNative(dirs, [flag]).split('\n').filter((l) => l && !/execve\(/.test(l));
      expect(ours.every((l) => re.test(l))).toBe(true);
      const body = (l: string): string => l.replace(re, '').replace(/\s+= /, ' = ');
      expect(ours.map(body)).toEqual(theirs.map(body));
    });
  }

  it('-c prints the summary table with the same calls and errors', async () => {
    const table = (t: string): string[] =>
      t
        .split('\n')
        .filter((l) => /^\s*\d+\.\d\d\s/.test(l))
        .map((l) => l.trim().split(/\s+/))
        .map((f) => (f.length === 6 ? `${f[5]} ${f[3]} ${f[4]}` : `${f[4]} ${f[3]} 0`))
        .filter((l) => !l.startsWith('execve '))
        .sort();
    const ours = await straceVsys(dirs, ['-c']);
    expect(ours.split('\n')[0]).toBe('% time     seconds  usecs/call     calls    errors syscall');
    expect(ours).toMatch(/^-{6} -{11} -{11} -{9} -{9} -{16}$/m);
    // strace counts execve (1 call) in its total; vsys starts the image without one.
    const theirs = table(straceNative(dirs, ['-c'])).map((l) => (l.startsWith('total ') ? l.replace(/^total (\d+)/, (_m, n) => `total ${Number(n) - 1}`) : l));
    expect(table(ours)).toEqual(theirs);
  });

  it('-C prints the trace and then the summary', async () => {
    const ours = await straceVsys(dirs, ['-C']);
    expect(ours).toContain('mkdir("box", 0755)');
    expect(ours).toMatch(/total\n?$/);
  });

  it('--format=dtruss prints dtruss lines', async () => {
    const ours = (await straceVsys(dirs, ['--format=dtruss'])).split('\n');
    expect(ours).toContain('mkdir("box\\0", 0x1ED)\t\t = 0 0');
    expect(ours).toContain('mkdir("box\\0", 0x1ED)\t\t = -1 Err#17');
  });

  it('-p without a vrun --listen session is a clear usage error', async () => {
    const messages: string[] = [];
    const status = await runVstrace(['-p', '1234'], { cwd: work, env: {}, stderr: (t) => messages.push(t) });
    expect(status).toBe(2);
    expect(messages.join('')).toMatch(/-p PID/);
  });
});

// A process that dies from a signal: the last line names it; -e signal=none hides both the
// `--- SIGSEGV` and the `+++ killed by SIGSEGV +++` lines, as strace's print_signalled does.
describe.skipIf(!haveStrace || !havePython)('vstrace signals', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'vstrace-sig-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  it('-e signal=none hides the signal and killed-by lines', async () => {
    const src = join(work, 'segv.s');
    writeFileSync(src, '.globl _start\n_start:\n  movq 0, %rax\n');
    const prog = await build('segv', src);
    expect(normalize(await straceVsys(prog, ['-e', 'signal=none']))).toEqual(normalize(straceNative(prog, ['-e', 'signal=none'])));
    expect(normalize(await straceVsys(prog, []))).toEqual(normalize(straceNative(prog, [])));
  });
});
