// The generated corpus (testing/lines.ts) encoded by us and assembled by `aarch64-linux-gnu-as`.
// Both must agree on the word, and on whether the line is an error at all (GNU as rejecting a
// line we accept, or the reverse, is a failure).
import { describe, expect, it } from 'vitest';
import { encodeA64 } from './encode.js';
import { decodeA64 } from './decode.js';
import { formatA64 } from './format.js';
import { GNU_AS, GNU_OBJDUMP, gnuAssemble, gnuDisassemble, haveTool } from './testing/gnu.js';
import { readInstruction } from './testing/readInstruction.js';
import { a64TestLines } from './testing/lines.js';

const haveAs = haveTool(GNU_AS) && haveTool(GNU_OBJDUMP);
if (!haveAs) console.warn(`skipping generated-set test: ${GNU_AS} not installed`);

const hex = (w: number): string => (w >>> 0).toString(16).padStart(8, '0');

describe.skipIf(!haveAs)('generated set vs aarch64-linux-gnu-as', () => {
  it('agrees with GNU as on every line (word, or rejection)', () => {
    const lines = a64TestLines();
    expect(lines.length).toBeGreaterThan(3000);
    // SB (v8.5), BFC (v8.2), PAN/UAO (v8.1/8.2), CSDB/ESB/PSB/TSB/BTI/PAC hints need a newer -march
    const gas = gnuAssemble(lines, ['-march=armv8.5-a']);
    // vasm has no -march and knows every system register objdump names (table/sysregTable.ts);
    // GNU as takes some only with the version or extension that defines them. Those lines are
    // assembled again with newer extensions, and what no -march of GNU as 2.40 accepts (the
    // Armv8-R registers, a few others) must at least disassemble to the name that was written.
    const gated = (i: number): boolean => { const g = gas[i]!; return 'error' in g && /does not support system register name/.test(g.error); };
    const gatedLines = lines.filter((_, i) => gated(i));
    const wide = gnuAssemble(gatedLines, ['-march=armv9.3-a+sme+memtag+tme']);
    const gatedAnswer = new Map(gatedLines.map((l, k) => [l, wide[k]!]));
    const unassemblable = gatedLines.filter((l) => 'error' in gatedAnswer.get(l)!);
    const ownWords = unassemblable.map((l) => encodeA64(readInstruction(l)).word);
    const ownTexts = gnuDisassemble(ownWords);
    const norm = (t: string): string => t.replace(/\s+/g, ' ').trim();
    const roundTrip = unassemblable.flatMap((l, k) => (norm(ownTexts[k]!) === norm(l) ? [] : [`${l}: objdump reads our word as '${ownTexts[k]}'`]));
    expect(roundTrip).toEqual([]);
    expect(gatedLines.length - unassemblable.length).toBeGreaterThan(100);
    const diffs: string[] = [];
    let agreedWords = 0;
    lines.forEach((line, i) => {
      const address = BigInt(i * 4);
      let mine: number | string;
      try {
        mine = encodeA64(readInstruction(line, { address })).word;
      } catch (e) {
        mine = `error: ${(e as Error).message}`;
      }
      let g = gas[i]!;
      if (gated(i)) {
        g = gatedAnswer.get(line)!;
        if ('error' in g) return; // checked by the disassembly round trip above
      }
      if ('error' in g) {
        if (typeof mine === 'number') diffs.push(`${line}: GNU as rejects (${g.error}), we encode ${hex(mine)}`);
      } else if (mine !== g.word) {
        diffs.push(`${line}: GNU ${hex(g.word)}, we ${typeof mine === 'number' ? hex(mine) : mine}`);
      } else agreedWords++;
    });
    expect(diffs).toEqual([]);
    expect(agreedWords).toBeGreaterThan(1500);

    // and every word GNU produced prints as objdump prints it
    const words = gas.map((g) => ('word' in g ? g.word : 0xdeadbeef));
    const texts = gnuDisassemble(words);
    const printed: string[] = [];
    words.forEach((w, i) => {
      if ('error' in gas[i]!) return;
      const d = decodeA64(w, BigInt(i * 4));
      const mine = d ? formatA64(d) : '(undecoded)';
      if (mine !== texts[i]) printed.push(`${lines[i]}: mine '${mine}' objdump '${texts[i]}'`);
    });
    expect(printed).toEqual([]);
  });
});
