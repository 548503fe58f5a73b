// The decoder on bad input: truncated instructions say 'truncated', undefined opcodes and
// prefix soup say 'invalid', and random bytes never make it throw.
import { describe, expect, it } from 'vitest';
import { decode, encode, formatAtt, formatIntel } from '../index.js';
import { readAtt } from '../testing/att-reader.js';

/** Deterministic xorshift32 so a failure is reproducible. */
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

describe('decode: truncation and invalid bytes', () => {
  it("answers 'truncated' for every proper prefix of a valid instruction", () => {
    for (const line of ['movabsq $0x1122334455667788, %rax', 'addl $0x12345678, 0x7f(%rax,%rbx,4)', 'lock cmpxchg16b (%r15)', 'jne .+0x1000', 'lea 0x10(%rip), %rax', 'enter $16, $0']) {
      const bytes = encode(readAtt(line)).bytes;
      for (let n = 0; n < bytes.length; n++) {
        const r = decode(bytes.subarray(0, n), 0, 0n);
        expect(r.ok, `${line} cut at ${n}`).toBe(false);
        if (!r.ok) expect(r.reason, `${line} cut at ${n}`).toBe('truncated');
      }
      const full = decode(bytes, 0, 0n);
      expect(full.ok && full.insn.length).toBe(bytes.length);
    }
  });

  it("answers 'invalid' for opcodes that are not instructions in 64-bit mode", () => {
    // 06/07 push/pop es, 27 daa, 37 aaa, 60/61 pusha/popa, 62 bound, 82 (alias of 80), 9a far call,
    // ce into, d4 aam, d6 salc, ea far jmp, 0f 0f (3DNow!), 0f 0e (femms), 8c with sreg 6, fe /2, ff /7.
    // LOCK (SDM Vol.2A "LOCK") is #UD on a register destination or a non-RMW instruction.
    const invalid = ['06', '07', '27', '37', '60', '61', '62c0', '8200', '9a0000000000', 'ce', 'd40a', 'd6', 'ea000000000000',
      '0f0fc0', '8cf0', '0f0e', 'fe10', 'ff38', 'f001c0', 'f08b00', 'f03800', 'f090', 'f0a4'];
    for (const hex of invalid) {
      const r = decode(Uint8Array.from(Buffer.from(hex, 'hex')), 0, 0n);
      expect(r.ok, hex).toBe(false);
      if (!r.ok) expect(r.reason, hex).toBe('invalid');
    }
    const locked = decode(Uint8Array.from([0xf0, 0x01, 0x00]), 0, 0n);
    expect(locked.ok && locked.insn.lock).toBe(true);
  });

  it('limits an instruction to 15 bytes', () => {
    const bytes = Uint8Array.from([...new Array(14).fill(0x66), 0x05, 0x01, 0x00]);
    const r = decode(bytes, 0, 0n);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('invalid');
  });

  it('never throws on random bytes, and what it decodes prints', () => {
    const next = rng(0x5eed);
    const buf = new Uint8Array(32);
    let ok = 0;
    for (let i = 0; i < 10000; i++) {
      for (let j = 0; j < buf.length; j++) buf[j] = next() & 0xff;
      const len = next() % 18;
      const r = decode(buf.subarray(0, len), 0, BigInt(next()));
      if (r.ok) {
        ok++;
        expect(r.insn.length).toBeLessThanOrEqual(Math.min(15, len));
        expect(typeof formatAtt(r.insn)).toBe('string');
        expect(typeof formatIntel(r.insn)).toBe('string');
      } else {
        expect(['invalid', 'truncated']).toContain(r.reason);
      }
    }
    expect(ok).toBeGreaterThan(500);
  });
});
