// Random expressions (seeded) over every operator, in `.quad` lines, assembled by vasm and by
// GNU as: the data must be identical. This pins down precedence, associativity, signed
// division and remainder, shifts, comparisons (-1 for true) and the logical operators.
import { describe, expect, it } from 'vitest';
import { assemble, formatDiagnostic } from '../index.js';
import { gnuAssemble, hasTool } from '../testing/gnu.js';
import { readObject } from '@vsys/elf';

const BINARY = ['*', '/', '%', '<<', '>>', '|', '&', '^', '!', '+', '-', '==', '!=', '<>', '<', '>', '<=', '>=', '&&', '||'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function randomExpr(rand: () => number, depth: number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  if (depth === 0 || rand() < 0.25) {
    const n = Math.floor(rand() * 200) - 60;
    return n < 0 ? `(${n})` : rand() < 0.2 ? `0x${n.toString(16)}` : String(n);
  }
  const r = rand();
  if (r < 0.15) return `${pick(['-', '~', '!'])}${randomExpr(rand, depth - 1)}`;
  if (r < 0.3) return `(${randomExpr(rand, depth - 1)})`;
  const op = pick(BINARY);
  let right = randomExpr(rand, depth - 1);
  // Keep divisors non-zero and shift counts small (as GNU as warns on out-of-range shifts).
  if (op === '/' || op === '%') right = `(${Math.floor(rand() * 9) + 1})`;
  if (op === '<<' || op === '>>') right = String(Math.floor(rand() * 9));
  return `${randomExpr(rand, depth - 1)} ${op} ${right}`;
}

describe.skipIf(!hasTool('as'))('expressions vs GNU as', () => {
  it.each([4242, 7, 20261127])('800 random expressions evaluate the same (seed %i)', (seed) => {
    const rand = rng(seed);
    const lines = Array.from({ length: 800 }, () => `\t.quad ${randomExpr(rand, 4)}`);
    const source = `\t.data\n${lines.join('\n')}\n`;
    const ours = assemble(source, { arch: 'x86_64', file: 'expr.s' });
    expect(ours.diagnostics.map((d) => formatDiagnostic(d, source))).toEqual([]);
    const gnu = gnuAssemble(source);
    expect(gnu.stderr).toBe('');
    const theirs = readObject(gnu.bytes!).sections.find((s) => s.name === '.data')!.data;
    const mine = ours.object!.sections.find((s) => s.name === '.data')!.data;
    const diffs: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const a = Buffer.from(mine.subarray(i * 8, i * 8 + 8)).toString('hex');
      const b = Buffer.from(theirs.subarray(i * 8, i * 8 + 8)).toString('hex');
      if (a !== b) diffs.push(`${lines[i]!.trim()}: vasm ${a}, GNU as ${b}`);
    }
    expect(diffs.slice(0, 10)).toEqual([]);
  });
});
