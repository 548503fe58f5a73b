// Running the differential test: the same source assembled by GNU as + ld and run on the host
// CPU, and built by `vasm build` and run by vrun in this process; records compared byte for
// byte (arithmetic flags under each sequence's undefined-flags mask), and a mismatching sequence
// shrunk to the first instruction after which the states differ.

import { spawnSync, execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as vasmMain } from '../../../packages/cli/src/vasm.js';
import { parseVrunArgs } from '../../../packages/cli/src/vrun/options.js';
import { runVrun } from '../../../packages/cli/src/vrun/session.js';
import { ARITH, DF, flagNames } from './flags.js';
import { type Sequence, Random, generateSequence, renderSequence, type GeneratorOptions, STACK_LO, SCRATCH } from './generator.js';
import { FLAGS_OFFSET, ITERATIONS, MEMORY_OFFSET, REG_NAMES, RIPBUF_OFFSET, RECORD_BYTES, buildProgram, parseRecords, type ProgramEntry } from './program.js';

export interface RunOutput { status: number; stdout: Uint8Array; stderr: string }

/** GNU as + ld, then the host runs it. */
export function runNative(source: string): RunOutput {
  const dir = mkdtempSync(join(tmpdir(), 'x86diff-native-'));
  try {
    writeFileSync(join(dir, 'p.s'), source);
    try {
      execFileSync('as', ['--64', '-o', join(dir, 'p.o'), join(dir, 'p.s')], { stdio: ['ignore', 'ignore', 'pipe'] });
      execFileSync('ld', ['-static', '-nostdlib', '-o', join(dir, 'p'), join(dir, 'p.o')], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      const text = String((e as { stderr?: Buffer }).stderr ?? e).split('\n').slice(0, 20).join('\n');
      return { status: -1, stdout: new Uint8Array(), stderr: `GNU as/ld failed:\n${text}` };
    }
    const r = spawnSync(join(dir, 'p'), [], { maxBuffer: 1 << 30 });
    // Killed by a signal: 128 + its number, as a shell (and vrun) reports it.
    const status = r.status ?? 128 + (r.signal ? constants.signals[r.signal] : 0);
    return { status, stdout: new Uint8Array(r.stdout), stderr: `${r.signal ?? ''}${r.stderr.toString()}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `vasm build` and vrun, both in this process. */
export async function runUnderVrun(source: string): Promise<RunOutput> {
  const dir = mkdtempSync(join(tmpdir(), 'x86diff-vrun-'));
  try {
    writeFileSync(join(dir, 'p.s'), source);
    const image = join(dir, 'p');
    const errors: string[] = [];
    const origWrite = process.stderr.write.bind(process.stderr);
    // vasm prints its diagnostics on stderr: keep them for the report.
    (process.stderr as unknown as { write: (s: string) => boolean }).write = (s: string) => { errors.push(String(s)); return true; };
    let built: number;
    try {
      built = await vasmMain(['build', '--arch', 'x86_64', '--nostdlib', '-o', image, join(dir, 'p.s')]);
    } finally {
      (process.stderr as unknown as { write: typeof origWrite }).write = origWrite;
    }
    if (process.env.X86DIFF_TIMING) { const c = process.cpuUsage(); process.stderr.write(`x86diff: after vasm build: ${((c.user + c.system) / 1e6).toFixed(2)} s CPU total\n`); }
    if (built !== 0) return { status: -1, stdout: new Uint8Array(), stderr: `vasm build failed:\n${errors.join('')}` };
    const outPath = join(dir, 'stdout');
    const errPath = join(dir, 'stderr');
    const fds: [number, number, number] = [openSync('/dev/null', 'r'), openSync(outPath, 'w'), openSync(errPath, 'w')];
    const messages: string[] = [];
    let status: number;
    try {
      const parsed = await parseVrunArgs(['--max-instructions', '2000000000', image]);
      if (parsed.ok !== true) throw new Error(`vrun arguments: ${JSON.stringify(parsed)}`);
      status = runVrun(parsed.options, { cwd: dir, env: {}, stderr: (t) => messages.push(t), stdio: fds });
    } finally {
      for (const fd of fds) closeSync(fd);
    }
    return { status, stdout: new Uint8Array(readFileSync(outPath)), stderr: readFileSync(errPath, 'utf8') + messages.join('') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const hex64 = (b: Uint8Array, off: number): string => {
  let s = '';
  for (let i = 7; i >= 0; i--) s += b[off + i]!.toString(16).padStart(2, '0');
  return `0x${s}`;
};

/** Differences between two records, as report lines (empty: equal under the mask). */
export function diffRecords(native: Uint8Array, emulated: Uint8Array, undefinedMask: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 16; i++) {
    const a = hex64(native, 8 * i), b = hex64(emulated, 8 * i);
    if (a !== b) out.push(`${REG_NAMES[i]}: native ${a}, vrun ${b}`);
  }
  const keep = (ARITH | DF) & ~undefinedMask;
  const fa = native[FLAGS_OFFSET]! | (native[FLAGS_OFFSET + 1]! << 8);
  const fb = emulated[FLAGS_OFFSET]! | (emulated[FLAGS_OFFSET + 1]! << 8);
  if ((fa & keep) !== (fb & keep)) {
    out.push(`rflags: native ${flagNames(fa & keep)}, vrun ${flagNames(fb & keep)} (differ: ${flagNames((fa ^ fb) & keep)}; undefined, not compared: ${flagNames(undefinedMask)})`);
  }
  for (let i = MEMORY_OFFSET; i < RECORD_BYTES; i++) {
    if (native[i] !== emulated[i]) {
      const where = i >= RIPBUF_OFFSET ? `ripbuf+${i - RIPBUF_OFFSET}` : `0x${(SCRATCH + i - MEMORY_OFFSET).toString(16)}${i - MEMORY_OFFSET >= STACK_LO - SCRATCH ? ' (stack)' : ''}`;
      out.push(`memory ${where}: native 0x${native[i]!.toString(16)}, vrun 0x${emulated[i]!.toString(16)}`);
      if (out.length > 40) break;
    }
  }
  return out;
}

export function describeSequence(seq: Sequence, count = seq.groups.length): string {
  const lines: string[] = [];
  lines.push(`input: ${seq.regs.map((v, i) => `${REG_NAMES[i]}=0x${v.toString(16)}`).join(' ')}`);
  lines.push(`       rflags=0x${seq.rflags.toString(16)} (${flagNames(seq.rflags & (ARITH | DF))})`);
  const { lines: body } = renderSequence(seq, '.L', count);
  lines.push(...body.map((l) => `  ${l}`));
  return lines.join('\n');
}

export interface Mismatch {
  index: number;
  seq: Sequence;
  diff: string[];
  /** After shrinking: the number of groups after which the states first differ, and the
   *  differences then. */
  firstBadGroup?: number;
  shrunkDiff?: string[];
  report: string;
}

export interface RunResult {
  sequences: number;
  mismatches: Mismatch[];
  /** A whole-program failure (build error, crash, status) instead of record differences. */
  failure?: string;
}

/** Runs entries natively and under vrun; returns per-entry differences (null when equal). */
export async function compareEntries(entries: ProgramEntry[]): Promise<{ diffs: (string[] | null)[]; failure?: string }> {
  const t0 = performance.now(), c0 = process.cpuUsage();
  const program = buildProgram(entries);
  const native = runNative(program.source);
  const t1 = performance.now(), c1 = process.cpuUsage();
  const emulated = await runUnderVrun(program.source);
  if (process.env.X86DIFF_TIMING) {
    const c2 = process.cpuUsage();
    const cpu = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage): string => ((b.user + b.system - a.user - a.system) / 1e6).toFixed(2);
    process.stderr.write(`x86diff: ${entries.length} sequences: native ${(t1 - t0).toFixed(0)} ms wall (${cpu(c0, c1)} s CPU here), vasm+vrun ${(performance.now() - t1).toFixed(0)} ms wall (${cpu(c1, c2)} s CPU)\n`);
  }
  // Two records per entry: the first run and the last (ITERATIONS) run; the native ones agree.
  const a = parseRecords(native.stdout), b = parseRecords(emulated.stdout);
  const entryOf = (records: number): number => Math.floor(records / 2);
  const where = (n: number): string => (n < entries.length ? ` in sequence ${n}:\n${describeSequence(entries[n]!.seq, entries[n]!.count)}` : '');
  if (native.status !== 0) return { diffs: [], failure: `native run exited ${native.status} ${native.stderr}${where(entryOf(a.length))}` };
  if (emulated.status !== 0) return { diffs: [], failure: `vrun exited ${emulated.status} ${emulated.stderr}${where(entryOf(b.length))}` };
  if (a.length !== 2 * entries.length || b.length !== 2 * entries.length) {
    return { diffs: [], failure: `record count: native ${a.length}, vrun ${b.length}, expected ${2 * entries.length}` };
  }
  return {
    diffs: entries.map((_, i) => {
      const mask = program.undefinedMasks[i]!;
      const cold = diffRecords(a[2 * i]!, b[2 * i]!, mask);
      const hot = diffRecords(a[2 * i + 1]!, b[2 * i + 1]!, mask);
      const d = [...cold.map((l) => `first run (interpreted): ${l}`), ...hot.map((l) => `run ${ITERATIONS} (compiled block): ${l}`)];
      return d.length ? d : null;
    }),
  };
}

/** Finds the shortest prefix of `seq` whose end state differs: its last group is the culprit. */
export async function shrink(seq: Sequence): Promise<{ count: number; diff: string[] } | null> {
  const entries = seq.groups.map((_, i) => ({ seq, count: i + 1 }));
  const { diffs, failure } = await compareEntries(entries);
  if (failure) return null;
  const k = diffs.findIndex((d) => d !== null);
  return k < 0 ? null : { count: k + 1, diff: diffs[k]! };
}

export function generateBatch(seed: number, count: number, options: GeneratorOptions = {}): Sequence[] {
  const r = new Random(seed);
  return Array.from({ length: count }, () => generateSequence(r, options));
}

/** Runs sequences in programs of `batch` and shrinks every mismatch. */
export async function runDifferential(seqs: Sequence[], batch = 500, maxShrink = 10): Promise<RunResult> {
  const mismatches: Mismatch[] = [];
  for (let start = 0; start < seqs.length; start += batch) {
    const part = seqs.slice(start, start + batch);
    const { diffs, failure } = await compareEntries(part.map((seq) => ({ seq })));
    if (failure) return { sequences: seqs.length, mismatches, failure: `${failure}\n(batch starting at sequence ${start})` };
    for (const [i, d] of diffs.entries()) {
      if (!d) continue;
      const seq = part[i]!;
      const m: Mismatch = { index: start + i, seq, diff: d, report: '' };
      if (mismatches.length < maxShrink) {
        const s = await shrink(seq);
        if (s) { m.firstBadGroup = s.count; m.shrunkDiff = s.diff; }
      }
      m.report = formatMismatch(m);
      mismatches.push(m);
    }
  }
  return { sequences: seqs.length, mismatches };
}

export function formatMismatch(m: Mismatch): string {
  const out = [`sequence ${m.index}:`, describeSequence(m.seq), 'differences:', ...m.diff.map((l) => `  ${l}`)];
  if (m.firstBadGroup !== undefined) {
    const g = m.seq.groups[m.firstBadGroup - 1]!;
    out.push(`first differing instruction (after ${m.firstBadGroup} of ${m.seq.groups.length}): ${g.lines[g.lines.length - 1]}`);
    out.push(...g.lines.slice(0, -1).map((l) => `  (set-up: ${l})`));
    out.push(...(m.shrunkDiff ?? []).map((l) => `  ${l}`));
  }
  return out.join('\n');
}
