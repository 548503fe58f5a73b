// Fuzzing: mutated sources (characters deleted, inserted, replaced; lines duplicated, swapped
// or cut) must never make the assembler throw or report an internal error — every problem is a
// diagnostic, and an object is returned exactly when there is no error. Deterministic (seeded).
// Mutant 448 of this sequence (testing/known-hang-fuzz448.s.txt: a macro that calls itself
// unconditionally) once made assemble() run for ever; it is kept as a regression test.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { assemble } from './index.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ' \t\n,;:$%()[]*+-/<>=!&|^~"\'\\#.@0123456789abcxyzLfb_';

function mutate(src: string, rand: () => number): string {
  let s = src;
  const n = 1 + Math.floor(rand() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rand() * (s.length + 1));
    const op = Math.floor(rand() * 6);
    const ch = ALPHABET[Math.floor(rand() * ALPHABET.length)]!;
    if (op === 0) s = s.slice(0, at) + s.slice(at + 1);
    else if (op === 1) s = s.slice(0, at) + ch + s.slice(at);
    else if (op === 2) s = s.slice(0, at) + ch + s.slice(at + 1);
    else {
      const lines = s.split('\n');
      const i = Math.floor(rand() * lines.length);
      const j = Math.floor(rand() * lines.length);
      if (op === 3) lines.splice(i, 0, lines[j]!);
      else if (op === 4) [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      else lines[i] = lines[i]!.slice(0, Math.floor(rand() * (lines[i]!.length + 1)));
      s = lines.join('\n');
    }
  }
  return s;
}

const fixtures = fileURLToPath(new URL('./testing/fixtures/', import.meta.url));
const corpus = (process.env.VSYS_SHARED ? `${process.env.VSYS_SHARED}/conformance/cases/x86_64` : new URL('../../../../shared/conformance/cases/x86_64', import.meta.url).pathname);
const seeds: string[] = [
  ...readdirSync(fixtures).filter((f) => f.endsWith('.s')).map((f) => readFileSync(join(fixtures, f), 'utf8')),
  ...(existsSync(corpus) ? readdirSync(corpus).filter((f) => f.endsWith('.s')).map((f) => readFileSync(join(corpus, f), 'utf8')) : []),
];

describe('fuzz: mutated sources never throw', () => {
  it('600 mutants', () => {
    const rand = rng(20261127);
    const problems: string[] = [];
    for (let i = 0; i < 600; i++) {
      const src = mutate(seeds[i % seeds.length]!, rand);
      let r;
      try {
        r = assemble(src, { arch: 'x86_64', file: 'fuzz.s' });
      } catch (e) {
        problems.push(`threw ${(e as Error).message} on:\n${src}`);
        continue;
      }
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      const internal = errors.find((d) => d.message.includes('internal'));
      if (internal) problems.push(`${internal.message} at line ${internal.loc.line} of:\n${src}`);
      if ((errors.length === 0) !== (r.object !== null)) problems.push(`object/error mismatch on:\n${src}`);
    }
    expect(problems.slice(0, 3)).toEqual([]);
  });

  it('a macro that recurses without end stops with an error, as in GNU as', () => {
    const src = readFileSync(fileURLToPath(new URL('./testing/known-hang-fuzz448.s.txt', import.meta.url)), 'utf8');
    const r = assemble(src, { arch: 'x86_64', file: 'fuzz448.s' });
    expect(r.object).toBeNull();
    expect(r.diagnostics.map((d) => d.message)).toContain('macros or includes nested too deeply (recursion?); stopping');
  });
});
