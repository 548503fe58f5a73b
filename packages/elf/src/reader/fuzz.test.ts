// Fuzzing the readers: random bytes and randomly mutated real files (GNU as objects, a GNU ld
// executable, an ar archive) must either parse or throw ElfError — never a RangeError,
// TypeError or a hang. The generator is seeded so a failure is reproducible.
import { afterAll, describe, expect, it } from 'vitest';
import { readElf } from './read-elf.js';
import { readObject } from './read-object.js';
import { readArchive } from '../archive/read-archive.js';
import { ElfError } from '../errors.js';
import { Scratch, missingTools, runOk } from '../testing/host-tools.js';

/** xorshift32: small, seeded, good enough to pick offsets and bytes. */
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

function onlyElfErrors(parse: (b: Uint8Array) => unknown, input: Uint8Array, label: string): void {
  try {
    parse(input);
  } catch (e) {
    if (!(e instanceof ElfError)) {
      throw new Error(`${label}: ${(e as Error)?.name}: ${(e as Error)?.message}`);
    }
  }
}

function mutate(base: Uint8Array, next: () => number): Uint8Array {
  const b = base.slice();
  const edits = 1 + (next() % 8);
  for (let i = 0; i < edits; i++) {
    const kind = next() % 4;
    const at = next() % b.length;
    if (kind === 0) b[at] = next() & 0xff;
    else if (kind === 1) b[at] = 0xff;
    else if (kind === 2) b.fill(0xff, at, Math.min(b.length, at + 8));
    else b[at] = b[at]! ^ (1 << (next() % 8));
  }
  // Sometimes truncate as well.
  return next() % 5 === 0 ? b.subarray(0, next() % b.length) : b;
}

describe('fuzz: random bytes', () => {
  it('never throws anything but ElfError', () => {
    const next = rng(0x5eed);
    for (let i = 0; i < 3000; i++) {
      const len = next() % 300;
      const b = new Uint8Array(len);
      for (let j = 0; j < len; j++) b[j] = next() & 0xff;
      // Half of the inputs get a valid ident so parsing goes deeper.
      if (i % 2 === 0 && len >= 16) b.set([0x7f, 0x45, 0x4c, 0x46, 1 + (next() % 2), 1, 1]);
      onlyElfErrors(readElf, b, `random input ${i}`);
      onlyElfErrors(readObject, b, `random input ${i}`);
      if (i % 3 === 0 && len >= 8) b.set(new TextEncoder().encode('!<arch>\n'));
      onlyElfErrors(readArchive, b, `random archive ${i}`);
    }
  });
});

const scratch = new Scratch();
afterAll(() => scratch.dispose());

describe.skipIf(missingTools('as', 'ld', 'ar'))('fuzz: mutated real files', () => {
  const obj = scratch.assemble('f.o', `
    .text
    .globl _start
  _start: call f
    lea d(%rip), %rax
  f: ret
    .data
  d: .quad _start, f
    .section .note.x,"a",@note
    .long 4, 4, 7
    .asciz "abc"
    .long 9
  `);
  runOk('ld', ['-o', scratch.path('f'), scratch.path('f.o')]);
  runOk('ar', ['rcs', scratch.path('f.a'), scratch.path('f.o')]);
  const exe = scratch.read('f');
  const ar = scratch.read('f.a');

  it('the unmutated files parse', () => {
    expect(readObject(obj).symbols.length).toBeGreaterThan(0);
    expect(readElf(exe).segments.length).toBeGreaterThan(0);
    expect(readArchive(ar).members.length).toBe(1);
  });

  it('mutations give a result or an ElfError', () => {
    const next = rng(0xe1f);
    for (let i = 0; i < 1500; i++) {
      onlyElfErrors(readObject, mutate(obj, next), `mutated object ${i}`);
      onlyElfErrors(readElf, mutate(exe, next), `mutated executable ${i}`);
      onlyElfErrors(readArchive, mutate(ar, next), `mutated archive ${i}`);
    }
  });
});
