// AArch64 for the listing: @vsys/isa-arm64 decodes and prints; its `symbolize` hook gives
// branch, adr/adrp and literal targets objdump's ` <sym+0x…>`. A word that decodes to nothing
// prints as objdump's `.inst\t0x…  ; undefined`. Mapping symbols (`$x`, `$d`, `$x.…`) never name
// code (binutils opcodes/aarch64-dis.c, aarch64_symbol_is_valid).

import { decodeA64, formatA64 } from '@vsys/isa-arm64';
import type { ArchReader } from './arch.js';

/** Marks a target that has no symbol at all; objdump then prints `0x…` instead of `… <sym>`. */
const NO_SYMBOLS = '\u0000';

export function isMappingSymbol(name: string): boolean {
  return name[0] === '$' && (name[1] === 'x' || name[1] === 'd') && (name.length === 2 || name[2] === '.');
}

export function arm64Reader(): ArchReader {
  return {
    format: 'elf64-littleaarch64',
    octetsPerLine: 4,
    chunk: 4,
    isValidSymbol: (name) => !isMappingSymbol(name),
    instruction: (data, offset, address, addr) => {
      if (data.length - offset < 4) {
        // A tail shorter than a word: the read fails and objdump prints the memory error
        // (opcodes/dis-buf.c, perror_memory) in place of the bytes, then stops.
        return { length: data.length - offset, text: `Address 0x${address.toString(16)} is out of bounds.`, outOfBounds: true };
      }
      const word = (data[offset]! | (data[offset + 1]! << 8) | (data[offset + 2]! << 16) | (data[offset + 3]! << 24)) >>> 0;
      const d = decodeA64(word, address);
      if (!d) return { length: 4, text: `.inst\t0x${word.toString(16).padStart(8, '0')} ; undefined` };
      let text = formatA64(d, {
        symbolize: (target) => {
          const printed = addr(target);
          if (printed.startsWith('0x')) return NO_SYMBOLS;
          return printed.slice(printed.indexOf('<') + 1, -1);
        },
      });
      // formatA64 writes the bare address before ` <name>`; with no symbols at all objdump
      // writes `0x` + address and no name.
      if (text.includes(NO_SYMBOLS)) text = text.replace(/([0-9a-f]+) <\u0000>/g, '0x$1');
      return { length: 4, text };
    },
  };
}
