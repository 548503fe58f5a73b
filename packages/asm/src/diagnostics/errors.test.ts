// The error suite: each bad line gives one diagnostic at the exact file:line:col, with the
// source line and a caret under the offending part, and no object. Several errors in one
// source are all reported in one run.
import { describe, expect, it } from 'vitest';
import { assemble, formatDiagnostic } from '../index.js';
import { gnuAssemble, hasTool } from '../testing/gnu.js';

function run(source: string): { text: string; object: boolean } {
  const r = assemble(source, { arch: 'x86_64', file: 'bad.s' });
  return { text: r.diagnostics.map((d) => formatDiagnostic(d, source)).join(''), object: r.object !== null };
}

/** One error expected: [source, `line:col: error: message`, caret line]. */
const cases: [string, string, string, string][] = [
  ['misspelled mnemonic', '.text\n  mvoq $1, %rax\n', "bad.s:2:3: error: unknown instruction 'mvoq'; did you mean 'movq'?", '  ^~~~'],
  ['misspelled mnemonic (extra letter)', 'sysscall\n', "bad.s:1:1: error: unknown instruction 'sysscall'; did you mean 'syscall'?", '^~~~~~~~'],
  ['misspelled directive', '.globll _start\n', "bad.s:1:1: error: unknown directive '.globll'; did you mean '.globl'?", '^~~~~~~'],
  ['unknown directive, nothing close', '.frobnicate 1\n', "bad.s:1:1: error: unknown directive '.frobnicate'", '^~~~~~~~~~~'],
  ['bad register', '  mov $1, %xyz\n', "bad.s:1:11: error: bad register name '%xyz'", '          ^~~~'],
  ['operand size mismatch', '  movb %rax, %bl\n', "bad.s:1:3: error: operand type mismatch for `movb'", '  ^~~~'],
  ['bad scale', '  mov (%rax,%rbx,3), %eax\n', 'bad.s:1:18: error: scale factor of 3 is not one of 1, 2, 4, 8', '                 ^'],
  ['junk after register', '  mov %rax %rbx, %rcx\n', "bad.s:1:12: error: junk '%rbx' after register", '           ^~~~'],
  ['undefined symbol in .skip', '.skip nsyms\n', ".skip size must be an absolute expression (symbol 'nsyms' is not defined)", '      ^~~~~'],
  ['undefined symbol in .fill', '.fill count, 1, 0\n', "bad.s:1:7: error: repeat count must be an absolute expression (symbol 'count' is not defined)", '      ^~~~~'],
  ['undefined symbol in .if', '.if DEBUG\n.endif\n', "bad.s:1:5: error: .if condition must be an absolute expression (symbol 'DEBUG' is not defined)", '    ^~~~~'],
  ['undefined symbol times two', '.quad ext * 2\n', "bad.s:1:11: error: invalid operands for '*': symbol 'ext' is not defined here, and the operator needs absolute values", '          ^'],
  ['branch out of range', '1: .skip 200\n  jrcxz 1b\n', 'bad.s:2:9: error: branch target out of range: displacement -202 does not fit in 1 byte', '        ^~'],
  ['data value out of range (relocated later)', '.byte 2f - 1f\n1: .skip 300\n2:\n', 'bad.s:1:7: error: value 300 (0x12c) does not fit in a 1-byte field', '      ^~~~~~~'],
  ['undefined local label', '  jmp 1f\n', 'bad.s:1:7: error: local label "1" is not defined (referenced as 1f)', '      ^~'],
  ['unknown backward label', '  jmp 3b\n', 'bad.s:1:7: error: backward reference to unknown label "3:"', '      ^~'],
  ['division by zero', '.long 4 / (2 - 2)\n', 'bad.s:1:9: error: division by zero', '        ^'],
  ['redefined label', 'a: nop\na: nop\n', "bad.s:2:1: error: symbol 'a' is already defined", '^'],
  ['alignment not a power of two', '.balign 3\n', 'bad.s:1:9: error: alignment 3 is not a power of 2', '        ^'],
  ['.error', '.error "stop here"\n', 'bad.s:1:1: error: stop here', '^~~~~~'],
  ['missing .endif', '.if 1\n.byte 1\n', 'bad.s:1:1: error: end of file inside a conditional (missing .endif)', '^~~'],
  ['missing .endm', '.macro m\n.byte 1\n', 'bad.s:1:1: error: missing .endm for .macro', '^~~~~~'],
  ['.endr alone', '.endr\n', 'bad.s:1:1: error: .endr without .rept, .irp or .irpc', '^~~~~'],
  ['unterminated string', '.ascii "abc\n', 'bad.s:1:8: error: unterminated string', '       ^~~~'],
  ['expression syntax', '.long 1 +\n', "bad.s:1:9: error: syntax error in expression at end of operand", '        ^'],
  ['junk after expression', '.long 1 2\n', "bad.s:1:9: error: junk '2' after expression", '        ^'],
  ['missing include', '.include "nope.inc"\n', "bad.s:1:10: error: can't open 'nope.inc' for reading", '         ^~~~~~~~~~'],
  ['macro missing required argument', '.macro m a:req\n.byte \\a\n.endm\n m\n', "bad.s:4:2: error: missing value for required parameter 'a' of macro 'm'", ' ^'],
  ['bss with data', '.bss\n.byte 1\n', "bad.s:2:1: error: attempt to store non-zero value in section '.bss'", '^~~~~~~'],
  ['Intel: ambiguous operand size', '.intel_syntax noprefix\n  add [rax], 1\n', "bad.s:2:3: error: ambiguous operand size for `add'", '  ^~~'],
  ['Intel: bad base/index', '.intel_syntax noprefix\n  mov rax, [rbx+rcx+rdx]\n', 'bad.s:2:21: error: too many registers in memory reference', '                    ^~~'],
  ['non-absolute .rept', '.rept n\n.endr\n', "bad.s:1:7: error: .rept count must be an absolute expression (symbol 'n' is not defined)", '      ^'],
];

describe('error diagnostics', () => {
  for (const [what, source, first, caret] of cases) {
    it(what, () => {
      const r = run(source);
      expect(r.object).toBe(false);
      const lines = r.text.split('\n');
      expect(lines[0]).toContain(first);
      expect(lines[0]!.startsWith('bad.s:')).toBe(true);
      expect(lines[2]).toBe(caret);
    });
  }

  it('reports every error of a file in one run, in source order', () => {
    const r = run('.text\n  mvoq $1, %rax\n  nop\n  mov $1, %xyz\n.skip undefined_sym\n  jmp 7f\n');
    const heads = r.text.split('\n').filter((l) => l.startsWith('bad.s:'));
    expect(heads.map((h) => h.split(': error')[0])).toEqual(['bad.s:2:3', 'bad.s:4:11', 'bad.s:5:7', 'bad.s:6:7']);
    expect(r.object).toBe(false);
  });

  it('prints warnings and still produces the object', () => {
    const r = assemble('.byte 300\n.warning "look"\n', { arch: 'x86_64', file: 'w.s' });
    expect(r.object).not.toBeNull();
    expect(r.diagnostics.map((d) => `${d.severity}: ${d.message}`)).toEqual([
      'warning: value 0x12c truncated to 0x2c',
      'warning: look',
    ]);
  });

  it('reports errors inside macro expansions at the body line, with the expanded text', () => {
    const src = '.macro load reg\n  mov $1, \\reg\n.endm\n  load %bogus\n';
    const r = run(src);
    expect(r.text).toBe("bad.s:2:11: error: bad register name '%bogus'\n  mov $1, %bogus\n          ^~~~~~\n");
  });
});

describe('line numbers in files with CRLF line ends', () => {
  // GNU as counts lines by LF only; a CR before it is whitespace (read.c). The lexer used to
  // count the CR as a second line break, doubling every line number after the first.
  const source = 'nop\r\nnop\r\n  bogus %eax\r\nnop\r\n  movl $1, %eax, %ebx\r\n.byte 1\r\n\r\n  mov $1, %xyz\r\n';
  const ours = (arch: 'x86_64'): number[] =>
    assemble(source, { arch, file: 'crlf.s' }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.loc.line);

  it('are the LF-counted lines', () => {
    expect(ours('x86_64')).toEqual([3, 5, 8]);
    const text = assemble(source, { arch: 'x86_64', file: 'crlf.s' }).diagnostics.map((d) => formatDiagnostic(d, source)).join('');
    expect(text).not.toContain('\r');
  });

  it.skipIf(!hasTool('as'))('equal the lines GNU as reports', () => {
    const { stderr } = gnuAssemble(source);
    const gnuLines = [...stderr.matchAll(/:(\d+): Error:/g)].map((m) => Number(m[1]));
    expect(gnuLines).toEqual(ours('x86_64'));
  });
});
