// Reading a buffer piece by piece as it is assembled (buffer.ts) must not change anything the
// user sees: the same object bytes and the same diagnostics (text, order, locations) as lexing
// every buffer whole first — on the fixtures, the conformance corpus, fuzz mutants of them
// (strings, comments, macros, `.exitm`, `.end`, errors everywhere) and both architectures.
// Also: a text that passes the "no lexing error possible" check really has none.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRelocatable } from '@vsys/elf';
import { assemble } from '../assemble.js';
import { mayHaveLexErrors } from '../lexer/fastLexer.js';
import { lexerFor } from '../lexer/tokens.js';
import { lexing } from './buffer.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const shared = process.env.VSYS_SHARED ?? join(here, '..', '..', '..', '..', '..', 'shared');
function dir(path: string): string[] {
  return existsSync(path) ? readdirSync(path).filter((f) => f.endsWith('.s')).map((f) => readFileSync(join(path, f), 'utf8')) : [];
}
const x86 = [...dir(join(here, '..', 'testing', 'fixtures')), ...dir(join(shared, 'conformance', 'cases', 'x86_64'))];
const arm64 = dir(join(shared, 'conformance', 'cases', 'arm64'));

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
    const ch = ALPHABET[Math.floor(rand() * ALPHABET.length)]!;
    const op = Math.floor(rand() * 4);
    if (op === 0) s = s.slice(0, at) + s.slice(at + 1);
    else if (op === 1) s = s.slice(0, at) + ch + s.slice(at);
    else if (op === 2) s = s.slice(0, at) + ch + s.slice(at + 1);
    else {
      const lines = s.split('\n');
      const i = Math.floor(rand() * lines.length);
      lines.splice(i, 0, lines[Math.floor(rand() * lines.length)]!);
      s = lines.join('\n');
    }
  }
  return s;
}

function outcome(src: string, arch: 'x86_64' | 'arm64', whole: boolean): unknown {
  lexing.whole = whole;
  const r = assemble(src, { arch, file: 't.s', include: (p) => (p === 'inc.s' ? '\tnop\n.exitm\n' : null) });
  return { diagnostics: r.diagnostics, bytes: r.object ? Array.from(writeRelocatable(r.object)) : null };
}

afterEach(() => {
  lexing.whole = false;
});

describe('piecewise lexing = whole lexing', () => {
  it('same objects and diagnostics on the corpus and 400 mutants (x86-64 and ARM64)', () => {
    const rand = rng(99);
    const extra = [
      '.macro m a\n\t.if \\a\n\t.exitm\n\t.endif\n\tnop\n.endm\n\tm 0\n\tm 1\n\t.rept 3\n\tret\n\t.endr\n\t.end\n\tbad bad\n',
      '\t.ascii "a\\\nb" /* c\n d */ nop\n\tmovl $1, %eax ; ret\n',
      '\t.include "inc.s"\n\tjmp 1f\n1:\n',
    ];
    const cases: [string, 'x86_64' | 'arm64'][] = [...x86, ...extra].map((s) => [s, 'x86_64']);
    for (const s of arm64) cases.push([s, 'arm64']);
    const seeds = cases.slice();
    for (let k = 0; k < 400; k++) {
      const [s, a] = seeds[k % seeds.length]!;
      cases.push([mutate(s, rand), a]);
    }
    expect(cases.length).toBeGreaterThan(400);
    for (const [src, arch] of cases) expect(outcome(src, arch, false)).toEqual(outcome(src, arch, true));
  });

  it('a text without a possible lexing error has none', () => {
    const rand = rng(5);
    const alphabet = ' \t\n\r,;:$%()[]*+-/<>=!&|^~"\'\\#.@019afxb_?`\u00e9\u0001';
    let checked = 0;
    for (let k = 0; k < 4000; k++) {
      let s = '';
      const len = Math.floor(rand() * 40);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)]!;
      if (mayHaveLexErrors(s)) continue;
      checked++;
      expect(lexerFor(k % 2 ? 'x86' : 'arm64').tokenize(s).errors).toEqual([]);
    }
    expect(checked).toBeGreaterThan(200);
  });
});
