// Robustness: objects with corrupted relocations, symbols and sections (as a buggy assembler
// might produce) must give diagnostics, never a host exception.
import { describe, expect, it } from 'vitest';
import { readElf, EM_AARCH64, EM_X86_64, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_PROGBITS, STB_GLOBAL, STB_LOCAL, STB_WEAK, type ObjectFile } from '@vsys/elf';
import { link } from './link.js';

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

function randomObject(next: () => number, machine: number): ObjectFile {
  const nsec = 1 + (next() % 4);
  const kinds = [
    { name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR },
    { name: '.data', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE },
    { name: '.bss', type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE },
    { name: '.rodata.x', type: SHT_PROGBITS, flags: SHF_ALLOC },
    { name: '.tdata', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE | 0x400n },
  ];
  const obj: ObjectFile = { machine, sections: [], symbols: [] };
  for (let i = 0; i < nsec; i++) {
    const k = kinds[next() % kinds.length]!;
    const size = next() % 64;
    obj.sections.push({
      ...k,
      align: [0n, 1n, 4n, 16n, 3n, 4096n][next() % 6]!,
      data: k.type === SHT_NOBITS ? new Uint8Array(0) : new Uint8Array(size).map(() => next() & 0xff),
      size: k.type === SHT_NOBITS ? BigInt(size) : undefined,
      relocations: [],
    });
  }
  const nsym = next() % 6;
  for (let i = 0; i < nsym; i++) {
    const r = next() % 5;
    obj.symbols.push({
      name: i === 0 ? '_start' : `s${next() % 4}`,
      value: BigInt(next() % 80) - 8n,
      size: BigInt(next() % 8),
      bind: [STB_LOCAL, STB_GLOBAL, STB_WEAK][next() % 3]!,
      type: next() % 7,
      section:
        r === 0 ? { kind: 'undefined' } : r === 1 ? { kind: 'absolute' } : r === 2 ? { kind: 'common' } : { kind: 'section', index: next() % (nsec + 2) },
    });
  }
  const types = machine === EM_X86_64 ? [1, 2, 4, 9, 10, 11, 23, 22, 41, 42, 24, 12, 14, 99] : [257, 258, 261, 274, 275, 277, 286, 299, 280, 279, 282, 283, 311, 312, 549, 551, 700];
  for (const s of obj.sections) {
    const n = next() % 4 === 0 ? 1 + (next() % 4) : 0;
    for (let i = 0; i < n; i++) {
      s.relocations.push({
        offset: BigInt(next() % 72) - 4n,
        type: types[next() % types.length]!,
        symbol: (next() % (nsym + 3)) - 1,
        addend: BigInt(next() % 0x10000) - 0x8000n + (next() % 7 === 0 ? 1n << 40n : 0n),
      });
    }
  }
  return obj;
}

describe('link on corrupted objects', () => {
  for (const machine of [EM_X86_64, EM_AARCH64]) {
    it(`machine ${machine}: diagnostics only, no exceptions`, () => {
      const next = rng(machine * 7919);
      let images = 0;
      for (let i = 0; i < 400; i++) {
        const objs = [randomObject(next, machine), randomObject(next, machine)];
        let result;
        try {
          result = link(objs.map((object, k) => ({ kind: 'object' as const, name: `f${k}.o`, object })), { mapFile: i % 2 === 0 });
        } catch (e) {
          throw new Error(`case ${i}: ${(e as Error).stack}`);
        }
        if (result.image) {
          images++;
          readElf(result.image); // what we write, we can read back
        }
        else expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }
      expect(images).toBeGreaterThan(0);
    });
  }
});
