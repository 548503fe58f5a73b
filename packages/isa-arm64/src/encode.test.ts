// Every line of the recorded conformance encodings (GNU as output) must encode exactly.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { encodeA64 } from './encode.js';
import { A64EncodeError } from './types.js';
import { readInstruction } from './testing/readInstruction.js';
import { readTsv } from './testing/gnu.js';

const TSV = '/work/shared/conformance/encodings/arm64.tsv';
const hex = (w: number): string => (w >>> 0).toString(16).padStart(8, '0');

describe('encodeA64 against conformance/encodings/arm64.tsv', () => {
  it.skipIf(!existsSync(TSV))('encodes every recorded line exactly', () => {
    const rows = readTsv(TSV);
    expect(rows.length).toBeGreaterThan(500);
    const failures: string[] = [];
    for (const { text, word } of rows) {
      try {
        const got = encodeA64(readInstruction(text)).word;
        if (got !== word) failures.push(`${text}: got ${hex(got)} want ${hex(word)}`);
      } catch (e) {
        failures.push(`${text}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('encodeA64 errors', () => {
  it('rejects bad input with A64EncodeError', () => {
    const bad = ['add x0, x1, #4097', 'mov x0, #0x123456789', 'ldr x0, [x1, #3]!x', 'frob x0', 'add w0, x1, x2', 'and x0, x1, #0', 'ldr x0, [x1, #-300]', 'b.xx .+4', 'tbz w0, #32, .+8', 'lsl x0, x1, #64', 'msr bogus_el9, x0'];
    for (const line of bad) {
      let err: unknown;
      try {
        encodeA64(readInstruction(line));
      } catch (e) {
        err = e;
      }
      if (line.includes('!x')) continue; // reader-level error, not the encoder's
      expect(err, line).toBeInstanceOf(A64EncodeError);
    }
  });

  it('reports fixups for symbolic targets and :lo12:', () => {
    expect(encodeA64({ mnemonic: 'bl', operands: [{ kind: 'label', target: 0n, symbolic: true }] })).toEqual({ word: 0x94000000, fixups: [{ operand: 0, reloc: 'R_AARCH64_CALL26' }] });
    expect(encodeA64(readInstruction('add x0, x0, #:lo12:foo')).fixups).toEqual([{ operand: 2, reloc: 'R_AARCH64_ADD_ABS_LO12_NC' }]);
    expect(encodeA64(readInstruction('ldr x1, [x0, #:lo12:foo]')).fixups).toEqual([{ operand: 1, reloc: 'R_AARCH64_LDST64_ABS_LO12_NC' }]);
    expect(encodeA64(readInstruction('adrp x0, foo')).fixups).toEqual([{ operand: 1, reloc: 'R_AARCH64_ADR_PREL_PG_HI21' }]);
    expect(encodeA64(readInstruction('b.ne foo')).fixups).toEqual([{ operand: 0, reloc: 'R_AARCH64_CONDBR19' }]);
    expect(encodeA64(readInstruction('tbz x0, #3, foo')).fixups).toEqual([{ operand: 2, reloc: 'R_AARCH64_TSTBR14' }]);
  });
});
