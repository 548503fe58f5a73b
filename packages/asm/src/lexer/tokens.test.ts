// The two lexers: comment rules per architecture, `%reg` only on x86, local-label references,
// numbers, and stray characters reported (not thrown).
import { describe, expect, it } from 'vitest';
import { lexerFor } from './tokens.js';

const kinds = (dialect: 'x86' | 'arm64', text: string): string[] =>
  lexerFor(dialect).tokenize(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

describe('lexers', () => {
  it('x86: # and /* */ are comments, %name is a register', () => {
    expect(kinds('x86', 'mov $1, %eax # c\n/* a\nb */ ret')).toEqual([
      'Ident:mov', 'Dollar:$', 'Number:1', 'Comma:,', 'Register:%eax', 'Newline:\n', 'Ident:ret',
    ]);
  });
  it('arm64: // and /* */ are comments, # is an immediate prefix except at line start', () => {
    expect(kinds('arm64', '# line comment\n  # also\n\tmov x0, #1 // c\n')).toEqual([
      'Newline:\n', 'Newline:\n', 'Ident:mov', 'Ident:x0', 'Comma:,', 'Hash:#', 'Number:1', 'Newline:\n',
    ]);
    expect(kinds('arm64', 'a %b')).toEqual(['Ident:a', 'Percent:%', 'Ident:b']);
  });
  it('numbers, local label references, strings, characters', () => {
    expect(kinds('x86', "0x1f 0b101 017 1f 2b 'a \"s\\\"t\"")).toEqual([
      'Number:0x1f', 'Number:0b101', 'Number:017', 'LocalRef:1f', 'LocalRef:2b', "Char:'a", 'String:"s\\"t"',
    ]);
  });
  it('reports a stray character as a lexing error', () => {
    const r = lexerFor('x86').tokenize('nop ` ret');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.column).toBe(5);
    expect(r.tokens.map((t) => t.image)).toEqual(['nop', 'ret']);
  });
});
