// The encoder on arbitrary input: every mnemonic in the table with random operands (registers
// of every class, odd memory operands, huge and symbolic immediates, branch targets, prefixes)
// either encodes — and then the decoder reads back an instruction of the same length — or
// throws EncodeError. Nothing else may escape.
import { describe, expect, it } from 'vitest';
import { decode, encode, EncodeError, MNEMONICS, type X86Operand } from '../index.js';

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

const REGS = ['rax', 'eax', 'ax', 'al', 'ah', 'spl', 'r8', 'r9d', 'r10w', 'r11b', 'rsp', 'esp', 'cl', 'dx', 'es', 'cs', 'ds', 'fs', 'gs',
  'cr0', 'cr3', 'cr8', 'dr7', 'rip', 'eip', 'bogus', 'xmm0', 'st'];
const IMMS = [0n, 1n, -1n, 3n, 127n, 128n, -129n, 255n, 0xffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn, 1n << 40n, -(1n << 63n), (1n << 64n) - 1n, 1n << 70n];
const PREFIXES = ['lock', 'rep', 'repne', 'data16', 'addr32', 'fs', 'notrack', 'rex.w', 'bogus'];

describe('encode: random operands never escape as raw exceptions', () => {
  it('encodes or throws EncodeError, and what it encodes decodes to the same length', () => {
    const next = rng(0xe1c0de);
    const pick = <T>(xs: readonly T[]): T => xs[next() % xs.length]!;
    const mnemonics = [...MNEMONICS.keys()];
    const operand = (): X86Operand => {
      switch (next() % 5) {
        case 0: case 1: return { kind: 'reg', reg: pick(REGS) };
        case 2: return { kind: 'imm', value: pick(IMMS), symbolic: next() % 5 === 0 };
        case 3: return { kind: 'rel', target: pick(IMMS), symbolic: next() % 3 === 0 };
        default: {
          const m: Extract<X86Operand, { kind: 'mem' }> = { kind: 'mem', scale: pick([1, 2, 4, 8, 3] as const) as 1, disp: pick(IMMS) };
          if (next() % 4) m.base = pick(['rax', 'rsp', 'rbp', 'r13', 'eax', 'rip', 'ax', 'cs', 'bogus']);
          if (next() % 3 === 0) m.index = pick(['rbx', 'rsp', 'r12', 'ebx', 'rip', 'bogus']);
          if (next() % 5 === 0) m.seg = pick(['fs', 'gs', 'cs', 'xs']);
          if (next() % 4 === 0) m.size = pick([8, 16, 32, 64, 80, 128] as const);
          if (next() % 6 === 0) m.symbolic = true;
          return m;
        }
      }
    };
    let encoded = 0;
    for (let i = 0; i < 12000; i++) {
      const operands = Array.from({ length: next() % 4 }, operand);
      const prefixes = next() % 6 === 0 ? [pick(PREFIXES)] : undefined;
      const insn = { mnemonic: pick(mnemonics), operands, ...(prefixes ? { prefixes } : {}) };
      let bytes: Uint8Array;
      try {
        bytes = encode(insn, { address: 0x1000n, ...(next() % 3 === 0 ? { branchSize: pick([8, 32] as const) } : {}) }).bytes;
      } catch (e) {
        expect(e, JSON.stringify(insn, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).toBeInstanceOf(EncodeError);
        continue;
      }
      encoded++;
      const r = decode(bytes, 0, 0x1000n);
      // Everything the encoder writes is a real instruction (LOCK/REP rules included).
      expect(r.ok && r.insn.length, `${JSON.stringify(insn, (_k, v) => (typeof v === 'bigint' ? String(v) : v))} -> ${Buffer.from(bytes).toString('hex')}`).toBe(bytes.length);
    }
    expect(encoded).toBeGreaterThan(400);
  });
});
