// Decoder and printer on the recorded conformance encodings: every word decodes, prints as
// objdump prints it, and the printed text encodes back to the same word.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { decodeA64 } from './decode.js';
import { encodeA64 } from './encode.js';
import { formatA64 } from './format.js';
import { a64FormNames } from './table/compiled.js';
import { GNU_AS, GNU_OBJDUMP, gnuDisassemble, haveTool, readTsv } from './testing/gnu.js';
import { readInstruction } from './testing/readInstruction.js';

const TSV = (process.env.VSYS_SHARED ? `${process.env.VSYS_SHARED}/conformance/encodings/arm64.tsv` : new URL('../../../../shared/conformance/encodings/arm64.tsv', import.meta.url).pathname);
const haveGnu = haveTool(GNU_AS) && haveTool(GNU_OBJDUMP);
const hex = (w: number): string => (w >>> 0).toString(16).padStart(8, '0');

describe.skipIf(!existsSync(TSV))('decodeA64/formatA64 on arm64.tsv', () => {
  const rows = existsSync(TSV) ? readTsv(TSV) : [];

  it('decodes every word, and printed text re-encodes to the same word', () => {
    const bad: string[] = [];
    rows.forEach(({ text, word }, i) => {
      const address = BigInt(i * 4);
      const d = decodeA64(word, address);
      if (!d) return bad.push(`${text}: ${hex(word)} did not decode`);
      expect(a64FormNames[d.formId]).toBe(d.form);
      const printed = formatA64(d);
      const again = encodeA64(readInstruction(printed, { address, bareHexTargets: true })).word;
      if (again !== word) bad.push(`${text}: printed '${printed}' re-encodes to ${hex(again)}`);
    });
    expect(bad).toEqual([]);
  });

  it.skipIf(!haveGnu)('prints what aarch64-linux-gnu-objdump -d prints, <symbol> suffixes included', () => {
    const theirs = gnuDisassemble(rows.map((r) => r.word), true);
    // the words sit alone in .text with no symbols: objdump names targets .text+offset
    const symbolize = (a: bigint): string => (a === 0n ? '.text' : `.text+0x${a.toString(16)}`);
    const bad: string[] = [];
    rows.forEach(({ word }, i) => {
      const mine = formatA64(decodeA64(word, BigInt(i * 4))!, { symbolize });
      if (mine !== theirs[i]) bad.push(`${hex(word)}: mine '${mine}' objdump '${theirs[i]}'`);
    });
    expect(bad).toEqual([]);
  });
});

describe('decoded fields for the emulator', () => {
  it('names fields as the Arm ARM does', () => {
    expect(decodeA64(0x910004aa, 0n)).toEqual({ address: 0n, word: 0x910004aa, form: 'ADD_imm', formId: a64FormNames.indexOf('ADD_imm'), fields: { sf: 1, op: 0, S: 0, sh: 0, imm12: 1, Rn: 5, Rd: 10 } });
    expect(decodeA64(0xd4000001, 0x400n)?.form).toBe('SVC');
    expect(decodeA64(0xf85f8020, 0n)?.fields).toMatchObject({ size: 3, opc: 1, imm9: 0x1f8, Rn: 1, Rt: 0 });
    expect(decodeA64(0xd503201f, 0n)?.form).toBe('HINT');
    expect(decodeA64(0xd69f03e0, 0n)?.form).toBe('ERET');
  });

  it('adds objdump-style <symbol> suffixes when asked', () => {
    const sym = (a: bigint): string => (a === 0x40n ? 'main' : `.text+0x${a.toString(16)}`);
    expect(formatA64(decodeA64(0x94000010, 0n)!, { symbolize: sym })).toBe('bl\t40 <main>');
    expect(formatA64(decodeA64(0x54080002, 0n)!, { symbolize: sym })).toBe('b.cs\t10000 <.text+0x10000>  // b.hs, b.nlast');
    expect(formatA64(decodeA64(0x910004aa, 0n)!, { symbolize: sym })).toBe('add\tx10, x5, #0x1');
  });

  it('returns null for unallocated words', () => {
    expect(decodeA64(0x00010000, 0n)).toBeNull(); // UDF is only 0x0000xxxx
    expect(decodeA64(0x923ffd2c, 0n)).toBeNull(); // AND (immediate) with a reserved bitmask
    expect(decodeA64(0x8b200000 | (7 << 10), 0n)).toBeNull(); // ADD (extended) with imm3 > 4
  });

  it('lists form names densely and uniquely', () => {
    expect(new Set(a64FormNames).size).toBe(a64FormNames.length);
    expect(a64FormNames).toContain('LDR_imm_post');
    expect(a64FormNames).toContain('B_cond');
  });
});
