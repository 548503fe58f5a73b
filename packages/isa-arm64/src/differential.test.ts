// Differential tests against GNU binutils over a set generated from the table itself: for every
// table entry, words with its fixed bits and field values at the edges (0, 1, all ones) and at
// random. For each word that decodes:
//   - the decoder names that entry's form;
//   - formatA64(word) equals `aarch64-linux-gnu-objdump -d` text;
//   - reading that text back and encoding it gives what `aarch64-linux-gnu-as` gives for it,
//     and the original word (decode → print → encode round trip).
// Random words never make the decoder or printer throw.
import { describe, expect, it } from 'vitest';
import { decodeA64 } from './decode.js';
import { encodeA64 } from './encode.js';
import { formatA64 } from './format.js';
import { a64Mnemonics, compiledForms } from './table/compiled.js';
import { GNU_AS, GNU_OBJDUMP, gnuAssemble, gnuDisassemble, haveTool } from './testing/gnu.js';
import { readInstruction } from './testing/readInstruction.js';

const haveGnu = haveTool(GNU_AS) && haveTool(GNU_OBJDUMP);
if (!haveGnu) console.warn(`skipping GNU differential tests: ${GNU_AS}/${GNU_OBJDUMP} not installed`);

/** Small deterministic PRNG (xorshift32) so failures reproduce. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

function generateWords(perForm: number): { word: number; form: string }[] {
  const rnd = prng(0xa64);
  const out: { word: number; form: string }[] = [];
  for (const form of compiledForms) {
    for (let i = 0; i < perForm; i++) {
      let word = form.value;
      for (const f of form.fields) {
        if (f.name in form.fixedFields) continue;
        const max = (1 << f.width) - 1;
        const pick = rnd() % 5;
        const v = pick === 0 ? 0 : pick === 1 ? max : pick === 2 ? 1 : rnd() & max;
        word |= (v & max) << f.lsb;
      }
      out.push({ word: word >>> 0, form: form.spec.form });
    }
  }
  return out;
}

const hex = (w: number): string => (w >>> 0).toString(16).padStart(8, '0');
const addressOf = (i: number): bigint => BigInt(i * 4);

/** objdump's bare hex targets → `.+off` so GNU as reads them relative to the line's address. */
function toGasText(text: string, address: bigint): string {
  const m = /^(b\.\w+|b|bl|cbz|cbnz|tbz|tbnz|adr|adrp|ldr|ldrsw|prfm)\t(.*)$/.exec(text.replace(/\s*\/\/.*$/, ''));
  if (!m) return text.replace(/\s*\/\/.*$/, '');
  const ops = m[2]!.split(', ');
  const last = ops[ops.length - 1]!;
  if (!/^[0-9a-f]+$/.test(last)) return text.replace(/\s*\/\/.*$/, '');
  let target = BigInt.asIntN(64, BigInt(`0x${last}`));
  let base = address;
  if (m[1] === 'adrp') base = address & ~0xfffn;
  ops[ops.length - 1] = `.${target - base >= 0n ? '+' : ''}${target - base}`;
  if (m[1] === 'adrp') ops[ops.length - 1] = `.${target - address >= 0n ? '+' : ''}${target - address}`;
  target = 0n;
  return `${m[1]}\t${ops.join(', ')}`;
}

describe.skipIf(!haveGnu)('table-generated words vs GNU objdump and as', () => {
  const samples = generateWords(48);
  const decoded = samples.map((s, i) => ({ ...s, d: decodeA64(s.word, addressOf(i)) }));

  it('decodes generated words to their own form', () => {
    const wrong = decoded.filter((s) => s.d && s.d.form !== s.form).map((s) => `${hex(s.word)}: ${s.d!.form} (from ${s.form})`);
    expect(wrong).toEqual([]);
    // most generated words are allocated encodings
    expect(decoded.filter((s) => s.d).length).toBeGreaterThan(samples.length * 0.8);
  });

  it('prints exactly what objdump -d prints', () => {
    const theirs = gnuDisassemble(samples.map((s) => s.word));
    const diffs: string[] = [];
    decoded.forEach((s, i) => {
      if (!s.d) return;
      const mine = formatA64(s.d);
      // system registers objdump names but our table does not list print generically (s3_…)
      if (/\bs[23]_\d_c\d+_c\d+_\d\b/.test(mine) && mine.replace(/\bs[23]_\d_c\d+_c\d+_\d\b/, '') === theirs[i]!.replace(/\b[a-z0-9_]+_el[0-3]\b|\b[a-z0-9_]+\b(?=, x|$)/, '')) return;
      if (mine !== theirs[i]) diffs.push(`${hex(s.word)} ${s.form}: mine '${mine}' objdump '${theirs[i]}'`);
    });
    expect(diffs).toEqual([]);
  });

  it('encodes the printed text as GNU as does, and back to the same word', () => {
    const rows = decoded.map((s, i) => ({ ...s, i, text: s.d ? toGasText(formatA64(s.d), addressOf(i)) : 'nop' }));
    // -march=armv8.5-a: the table includes BFC (v8.2) and SB (v8.5), which default GNU as refuses
    const gas = gnuAssemble(rows.map((r) => r.text), ['-march=armv8.5-a']);
    const diffs: string[] = [];
    for (const r of rows) {
      if (!r.d) continue;
      const g = gas[r.i]!;
      let mine: number | string;
      try {
        mine = encodeA64(readInstruction(r.text, { address: addressOf(r.i) })).word;
      } catch (e) {
        mine = (e as Error).message;
      }
      if ('error' in g) {
        if (typeof mine === 'number') diffs.push(`${r.text}: GNU as rejects (${g.error}) but we encode ${hex(mine)}`);
        continue;
      }
      // GNU as always leaves ADRP to a relocation, even for a local target: compare with the word only
      if (r.d.form !== 'ADRP' && mine !== g.word) diffs.push(`${r.text}: mine ${typeof mine === 'number' ? hex(mine) : mine} GNU ${hex(g.word)}`);
      else if (mine !== r.word) {
        // a non-canonical encoding (e.g. bitmask immr bits above the element size) re-encodes
        // to GNU's canonical word; accept it only if that word prints the same text
        const again = typeof mine === 'number' ? decodeA64(mine, addressOf(r.i)) : null;
        if (!again || formatA64(again) !== formatA64(r.d)) diffs.push(`${r.text}: round trip ${hex(r.word)} → ${typeof mine === 'number' ? hex(mine) : mine}`);
      }
    }
    expect(diffs).toEqual([]);
  });
});

describe.skipIf(!haveGnu)('random words vs GNU objdump', () => {
  it('decodes exactly the in-scope words objdump decodes, and prints them the same', () => {
    const rnd = prng(0x5ca7);
    const words = Array.from({ length: 100000 }, () => rnd());
    const theirs = gnuDisassemble(words);
    const extra: string[] = [];
    const missing: string[] = [];
    const diffs: string[] = [];
    let compared = 0;
    words.forEach((w, i) => {
      const d = decodeA64(w, addressOf(i));
      const t = theirs[i]!;
      const mnemonic = t.split('\t')[0]!;
      if (!d) {
        // in scope: a mnemonic we assemble, with general-purpose registers only (no FP/SIMD/SVE/SME)
        if (!t.startsWith('.inst') && a64Mnemonics.includes(mnemonic) && !/\b([vqdshbzp]\d+|za)/.test(t.split('\t')[1] ?? '')) missing.push(`${hex(w)}: objdump '${t}'`);
        return;
      }
      const mine = formatA64(d);
      compared++;
      if (t.startsWith('.inst')) extra.push(`${hex(w)} ${d.form}: mine '${mine}', objdump undefined`);
      else if (mine !== t && !/\bs[23]_\d_c\d+_c\d+_\d\b/.test(mine)) diffs.push(`${hex(w)}: mine '${mine}' objdump '${t}'`);
    });
    expect({ extra, missing, diffs }).toEqual({ extra: [], missing: [], diffs: [] });
    expect(compared).toBeGreaterThan(10000);
  });
});

describe('robustness', () => {
  it('random words never throw', () => {
    const rnd = prng(12345);
    let allocated = 0;
    for (let i = 0; i < 100000; i++) {
      const w = rnd();
      const d = decodeA64(w, BigInt(i * 4));
      if (d) {
        allocated++;
        expect(typeof formatA64(d)).toBe('string');
      }
    }
    expect(allocated).toBeGreaterThan(0);
  });
});
