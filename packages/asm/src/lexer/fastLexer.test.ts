// The fast lexer must be indistinguishable from chevrotain's: same tokens (every field), same
// lexing errors, on every assembly source in the repository and ../shared, on fuzz mutants of
// them, on random character soup made of the characters that matter to the lexers (quotes,
// backslashes, comment starters, carriage returns, characters that are errors), and on the
// shapes that sit at the edges of its own rules.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LexerDialect } from '../arch/backend.js';
import { chunkEnd, tokenizeSource } from './fastLexer.js';
import { lexerFor } from './tokens.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const shared = process.env.VSYS_SHARED ?? join(repo, '..', 'shared');

function sources(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) sources(p, out);
    else if (name.endsWith('.s') || name.endsWith('.S') || name.endsWith('.s.txt')) out.push(p);
  }
  return out;
}

/** Every field of every token and error, as plain data. */
function snapshot(r: { tokens: object[]; errors: object[] }): unknown {
  return {
    tokens: r.tokens.map((t) => {
      const { tokenType, ...rest } = t as { tokenType: { name: string } };
      return { ...rest, tokenType: tokenType.name };
    }),
    errors: r.errors,
  };
}

function same(text: string, dialect: LexerDialect): void {
  const fast = snapshot(tokenizeSource(text, dialect));
  const slow = snapshot(lexerFor(dialect).tokenize(text));
  expect(fast).toEqual(slow);
}

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

const files = [...sources(join(repo, 'packages')), ...sources(join(repo, 'tests')), ...sources(shared)];
const texts = files.map((f) => readFileSync(f, 'utf8'));
const dialectOf = (f: string, text: string): LexerDialect =>
  /arm64|aarch64/.test(f) || /\bsvc\s+#0|\bx[0-9]+\s*,/.test(text) ? 'arm64' : 'x86';

describe('fast lexer = chevrotain lexer', () => {
  it('on every assembly source of the repository and ../shared, in both dialects', () => {
    expect(files.length).toBeGreaterThan(20);
    for (let i = 0; i < files.length; i++) {
      same(texts[i]!, dialectOf(files[i]!, texts[i]!));
      same(texts[i]!, dialectOf(files[i]!, texts[i]!) === 'x86' ? 'arm64' : 'x86');
    }
  });

  it('on the edges of its rules', () => {
    const cases = [
      '', '\n', 'a', 'a\n', '\n\n\n', ' \t \n', '1f 1b 12f 1fa 0b 0b1 0b2 0x 0x1f 0X1F 0xg 09 1b$ 1f. 1f_ 2f:',
      '%rax %1 % %_a a%b', '# c\n  # d\n\t#e\nx # f', 'mov x0, #1 // c\n#x\n a#b', 'a/b a//b a/*b*/c a/*b\nc*/d',
      'x: .byte \'a, \'\\n, \'\\101\', \'\\x41\', \'\\xg\'', '\'', 'a \'\nb', '\'\\', '\'\\\n\'x', '"abc" "a\\"b" "a\\\nb" "unterminated\nx',
      '"a\\', 'a\r\nb\r\n', 'a\rb', 'a?b`c', 'é # é\nb', 'a\\b \\@ \\()', '<< >> <= >= == != <> && || + - * / % & | ^ ! < > ~ = , ( ) [ ] { } : $ @ ; #',
      'a;b;c\n;', '.L1$x: foo.bar$ _x', '\f\v', '/* unterminated', '/*/ x */ y', 'a /* x */ # y\n b', '1: 2: jmp 1b',
      'x\n/*\n"\n*/\n"y\n', "'\"x\" y", "'/* z */",
    ];
    for (const c of cases) {
      same(c, 'x86');
      same(c, 'arm64');
    }
  });

  it('on 400 fuzz mutants of the corpus', () => {
    const rand = rng(424242);
    const small = texts.filter((t) => t.length < 20_000);
    const alphabet = ' \t\n\r,;:$%()[]*+-/<>=!&|^~"\'\\#.@0123456789abcfxLb_?é';
    for (let k = 0; k < 400; k++) {
      let s = small[k % small.length]!;
      const edits = 1 + Math.floor(rand() * 6);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * (s.length + 1));
        const ch = alphabet[Math.floor(rand() * alphabet.length)]!;
        const op = Math.floor(rand() * 3);
        s = op === 0 ? s.slice(0, at) + s.slice(at + 1) : op === 1 ? s.slice(0, at) + ch + s.slice(at) : s.slice(0, at) + ch + s.slice(at + 1);
      }
      same(s, k % 2 === 0 ? 'x86' : 'arm64');
    }
  });

  it('on 3,000 random character soups', () => {
    const rand = rng(7);
    const alphabet = ' \t\n\n\n\r,;:$%()[]*+-/<>=!&|^~"\'\\#.@019afxbX_?';
    for (let k = 0; k < 3000; k++) {
      let s = '';
      const len = Math.floor(rand() * 60);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)]!;
      same(s, k % 2 === 0 ? 'x86' : 'arm64');
    }
  });

  it('chunks end at a newline chevrotain reads as a Newline token', () => {
    expect(chunkEnd('"a\\\nb"\nc', 0, false)).toBe(7);
    expect(chunkEnd('/* a\nb */ x\ny', 0, false)).toBe(12);
    expect(chunkEnd('# "\ny', 0, false)).toBe(4);
    expect(chunkEnd('a # "\ny', 0, true)).toBe(6);
  });
});
