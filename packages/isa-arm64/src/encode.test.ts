// Every line of the recorded conformance encodings (GNU as output) must encode exactly.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { encodeA64 } from './encode.js';
import { A64EncodeError, type A64Operand } from './types.js';
import { a64Mnemonics } from './table/compiled.js';
import { readInstruction } from './testing/readInstruction.js';
import { readTsv } from './testing/gnu.js';

const TSV = (process.env.VSYS_SHARED ? `${process.env.VSYS_SHARED}/conformance/encodings/arm64.tsv` : new URL('../../../../shared/conformance/encodings/arm64.tsv', import.meta.url).pathname);
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

  it('throws only A64EncodeError for random operand lists', () => {
    let x = 0xfeed;
    const rnd = (n: number): number => {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      return x % n;
    };
    const values = [0n, 1n, -1n, 4095n, 4096n, 1n << 63n, -(1n << 70n), 1n << 70n, 0xffffn, -65536n];
    const pick = <T,>(a: T[]): T => a[rnd(a.length)]!;
    const operands: (() => A64Operand)[] = [
      () => ({ kind: 'reg', reg: pick(['x0', 'W5', 'sp', 'wzr', 'x31', 'q0', '', 'lr']) }),
      () => ({ kind: 'imm', value: pick(values), symbolic: rnd(4) === 0, modifier: pick([undefined, 'lo12', 'abs_g2', 'got']) }),
      () => ({ kind: 'shift', shift: pick(['lsl', 'lsr', 'asr', 'ror', 'msl'] as const), amount: pick([0, 3, 12, 64, -1, 1.5]) }),
      () => ({ kind: 'extend', extend: pick(['uxtb', 'sxtw', 'uxtx'] as const), amount: pick([undefined, 0, 4, 5]) }),
      () => ({ kind: 'mem', base: pick(['x1', 'sp', 'w1', 'xzr']), mode: pick(['offset', 'pre', 'post'] as const), offset: pick([undefined, { kind: 'imm' as const, value: pick(values) }, { kind: 'reg' as const, reg: pick(['x2', 'w2', 'sp']), extend: pick([undefined, 'lsl', 'uxtw', 'foo']), amount: pick([undefined, 0, 3, 9]) }]) }),
      () => ({ kind: 'label', target: pick(values), symbolic: rnd(3) === 0 }),
      () => ({ kind: 'cond', cond: pick(['eq', 'hs', 'al', 'xx']) }),
      () => ({ kind: 'sysreg', name: pick(['tpidr_el0', 's3_0_c1_c0_0', 'bogus', 'c7']) }),
      () => ({ kind: 'pstatefield', name: pick(['daifset', 'spsel', 'nope']) }),
      () => ({ kind: 'barrier', name: pick(['sy', 'ish', 'zz']) }),
    ];
    for (let i = 0; i < 20000; i++) {
      const mnemonic = a64Mnemonics[rnd(a64Mnemonics.length)]!;
      const ops = Array.from({ length: rnd(5) }, () => pick(operands)());
      try {
        const r = encodeA64({ mnemonic, operands: ops, address: BigInt(rnd(1 << 20)) * 4n });
        expect(Number.isInteger(r.word)).toBe(true);
      } catch (e) {
        if (!(e instanceof A64EncodeError)) throw new Error(`${mnemonic} ${JSON.stringify(ops, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}: ${(e as Error).stack}`);
      }
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
