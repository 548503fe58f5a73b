// x86-64 for the listing: @vsys/isa-x86 decodes and prints (AT&T, or Intel with `-M intel`);
// this file only turns the printers' bare `0x…` branch targets and RIP-relative `# 0x…`
// comments into objdump's `addr <sym+0x…>` (binutils i386-dis.c prints both through
// info->print_address_func, which is objdump_print_addr), and spells undecodable bytes as
// objdump does: `(bad)` for an invalid opcode, `.byte 0x..` when the bytes end mid-instruction.

import { decode, formatAtt, formatIntel } from '@vsys/isa-x86';
import type { ArchReader } from './arch.js';

/** Legacy prefix bytes and the words objdump prints for them when they stand alone. */
const LEGACY_PREFIXES = new Map([
  [0x26, 'es'], [0x2e, 'cs'], [0x36, 'ss'], [0x3e, 'ds'], [0x64, 'fs'], [0x65, 'gs'],
  [0x66, 'data16'], [0x67, 'addr32'], [0xf0, 'lock'], [0xf2, 'repnz'], [0xf3, 'repz'],
]);

export function x86Reader(syntax: 'att' | 'intel'): ArchReader {
  const format = syntax === 'intel' ? formatIntel : formatAtt;
  return {
    format: 'elf64-x86-64',
    octetsPerLine: 7,
    chunk: 1,
    isValidSymbol: () => true,
    instruction: (data, offset, address, { addr }) => {
      // A REX byte followed by another REX or a legacy prefix does nothing (SDM Vol.2A §2.2.1:
      // REX must come right before the opcode); objdump ends the instruction there and lists
      // the prefixes up to it as words: `rex.XB`, `data16 rex.W`.
      let p = offset;
      while (p < data.length && LEGACY_PREFIXES.has(data[p]!)) p++;
      const next = data[p + 1];
      if (p < data.length && (data[p]! & 0xf0) === 0x40 && next !== undefined && ((next & 0xf0) === 0x40 || LEGACY_PREFIXES.has(next))) {
        const words = Array.from(data.subarray(offset, p), (b) => LEGACY_PREFIXES.get(b)!);
        return { length: p - offset + 1, text: [...words, rexName(data[p]!)].join(' ') };
      }
      const r = decode(data, offset, address);
      if (!r.ok) {
        const first = data[offset]!;
        // A REX byte with nothing after it: objdump names it alone (`rex.W`, `rex.WB`).
        if (r.reason === 'truncated' && (first & 0xf0) === 0x40 && offset + 1 === data.length) return { length: 1, text: rexName(first) };
        if (r.reason === 'truncated') return { length: 1, text: `.byte 0x${first.toString(16)}` };
        // objdump names the legacy prefixes it read before the bad opcode: `repz (bad)`.
        const length = Math.max(1, Math.min(r.length, data.length - offset));
        const words: string[] = [];
        for (let k = offset; k < offset + length - 1 && LEGACY_PREFIXES.has(data[k]!); k++) words.push(LEGACY_PREFIXES.get(data[k]!)!);
        return { length, text: [...words, '(bad)'].join(' ') };
      }
      let text = format(r.insn);
      for (const op of r.insn.operands) {
        if (op.kind !== 'rel') continue;
        const bare = `0x${op.target.toString(16)}`;
        if (text.endsWith(bare)) text = text.slice(0, -bare.length) + addr(op.target);
      }
      const comment = /( {8}# )0x([0-9a-f]+)$/.exec(text);
      if (comment) text = text.slice(0, comment.index) + comment[1] + addr(BigInt(`0x${comment[2]}`));
      return { length: r.insn.length, text };
    },
  };
}

/** objdump's name for a REX prefix byte (0100WRXB): `rex` and the set bits' letters. */
function rexName(b: number): string {
  const bits = ['W', 'R', 'X', 'B'].filter((_, i) => (b & (8 >> i)) !== 0).join('');
  return bits ? `rex.${bits}` : 'rex';
}
