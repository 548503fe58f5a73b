// GNU as's relocation operators (`#:lo12:sym`, `:got:sym`, `:tprel_hi12:v`, … — tc-aarch64.c
// reloc_table) on every class of instruction, against aarch64-linux-gnu-as: the same lines are
// rejected, and the accepted ones give the same words and the same relocations (type, symbol,
// addend). Also the TLS, GOT and literal sequences compilers and hand-written code use.
import { describe, expect, it } from 'vitest';
import { readObject, writeRelocatable } from '@vsys/elf';
import { relocOperators } from '@vsys/isa-arm64';
import { assembleArm64, GNU_AS, gnuLines, gnuObject, haveTool, summarize, vsysLines } from './testing.js';

const haveAs = haveTool(GNU_AS);
if (!haveAs) console.warn(`skipping arm64 relocation-operator tests: ${GNU_AS} not installed`);

const templates = [
  'b.eq :M:s', 'adr x0, :M:s', 'adrp x0, :M:s', 'movz x0, #:M:s', 'movk x0, #:M:s', 'movn x0, #:M:s', 'movz w0, #:M:s', 'movk w0, #:M:s',
  'add x0, x0, #:M:s', 'add x0, x0, #:M:s, lsl #12', 'add x0, x0, :M:s', 'adds x0, x0, #:M:s', 'sub x0, x0, #:M:s', 'add w0, w0, #:M:s',
  'cmp x0, #:M:s', 'mov x0, #:M:s', 'ldr x0, [x0, #:M:s]', 'ldr w0, [x0, :M:s]', 'ldrb w0, [x0, #:M:s]', 'ldrh w0, [x0, #:M:s]',
  'str x0, [x0, #:M:s]', 'ldrsw x0, [x0, #:M:s]', 'ldur x0, [x0, #:M:s]', 'ldp x0, x1, [x0, #:M:s]', 'prfm pldl1keep, [x0, #:M:s]',
  'ldr x0, :M:s', 'ldr w0, :M:s', 'ldrsw x0, :M:s', 'b :M:s', 'bl :M:s', 'cbz x0, :M:s',
];
const modifiers = [...Object.keys(relocOperators), 'gotpage_lo14', 'nosuch', 'LO12', 'Got'];
const lines = modifiers.flatMap((m) => templates.map((t) => t.replaceAll('M', m)));

describe.skipIf(!haveAs)('arm64 relocation operators vs GNU as', () => {
  it('rejects the same lines', () => {
    const gnu = gnuLines(lines, ['-march=armv8.5-a']);
    const ours = vsysLines(lines);
    const diffs = lines.flatMap((l, i) => ('error' in gnu[i]! === 'error' in ours[i]! ? [] : [`${l}: GNU ${'error' in gnu[i]! ? 'rejects' : 'accepts'}, vasm ${'error' in ours[i]! ? `rejects (${(ours[i] as { error: string }).error})` : 'accepts'}`]));
    expect(diffs).toEqual([]);
    // most combinations are errors; the rest must be a real set
    expect(gnu.filter((g) => 'hex' in g).length).toBeGreaterThan(250);
  });

  it('gives the same words and relocations for the accepted lines', () => {
    const gnu = gnuLines(lines, ['-march=armv8.5-a']);
    const accepted = lines.filter((_, i) => 'hex' in gnu[i]!);
    const source = accepted.map((l) => `\t${l}\n`).join('');
    const ours = assembleArm64(source);
    expect(ours.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.loc.line}: ${d.message}`)).toEqual([]);
    expect(summarize(readObject(writeRelocatable(ours.object!)))).toEqual(summarize(gnuObject(source)));
  });

  it('assembles TLS, GOT and literal sequences as GNU as does', () => {
    const source = [
      '\t.text',
      'f:\tmrs x3, tpidr_el0',
      '\tadd x3, x3, :tprel_hi12:tvar, lsl #12',
      '\tadd x3, x3, :tprel_lo12_nc:tvar',
      '\tadd x4, x3, #:tprel_hi12:lvar',
      '\tldr w5, [x3, #:tprel_lo12_nc:lvar]',
      '\tadrp x0, :tlsdesc:tvar',
      '\tldr x1, [x0, :tlsdesc_lo12:tvar]',
      '\tadd x0, x0, :tlsdesc_lo12:tvar',
      '\tblr x1',
      '\tadrp x0, :gottprel:lvar',
      '\tldr x0, [x0, :gottprel_lo12:lvar]',
      '\tmovz x0, #:tprel_g1:lvar',
      '\tmovk x0, #:tprel_g0_nc:lvar',
      '\tadrp x2, :got:gvar',
      '\tldr x2, [x2, :got_lo12:gvar]',
      '\tadrp x2, :got:local',
      '\tldr x2, [x2, #:got_lo12:local]',
      '\tldr x6, :got:gvar',
      '\tadrp x7, :pg_hi21_nc:local',
      '\tmovz x1, #:abs_g0_s:neg',
      '\tmovz x1, #:abs_g1_s:neg',
      '\tmovn x1, #:abs_g0_s:pos',
      '\tmovz x1, #:abs_g2:local',
      '\tmovk x1, #:abs_g1_nc:local',
      '\tand x0, x0, mask',
      '\torr w0, w0, bit',
      '\tret',
      '\t.data',
      'local:\t.xword 0',
      '\t.section .tbss,"awT",%nobits',
      '\t.p2align 3',
      'lvar:\t.space 8',
      '.set neg, -2048',
      '.set pos, 0x1234',
      '.set mask, ~0xf',
      '.set bit, 0x80000000',
      '',
    ].join('\n');
    const ours = assembleArm64(source);
    expect(ours.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.loc.line}: ${d.message}`)).toEqual([]);
    expect(summarize(readObject(writeRelocatable(ours.object!)))).toEqual(summarize(gnuObject(source)));
  });
});
