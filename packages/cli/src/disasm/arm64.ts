// AArch64 for the listing: @vsys/isa-arm64 decodes and prints; its `symbolize` hook gives
// branch, adr/adrp and literal targets objdump's ` <sym+0x…>`. A word that decodes to nothing
// prints as objdump's `.inst\t0x…  ; undefined`. Mapping symbols (`$x`, `$d`, `$x.…`) never name
// code (binutils opcodes/aarch64-dis.c, aarch64_symbol_is_valid), but they say where data
// sits in a code section (GNU as marks `.word`/`.byte` with `$d`), which prints as `.word`.

import { decodeA64, formatA64 } from '@vsys/isa-arm64';
import type { ArchReader } from './arch.js';
import type { SectionContext, SymbolTable } from './symbols.js';

/** Marks where formatA64 put a target, so the listing can print it objdump's way. */
const MARK = '\u0000';

export function isMappingSymbol(name: string): boolean {
  return name[0] === '$' && (name[1] === 'x' || name[1] === 'd') && (name.length === 2 || name[2] === '.');
}

/** Whether `address` lies in code or data by the AArch64 ELF mapping symbols (AAELF64 §5.7.2:
 *  `$x` starts code, `$d` data; objdump also takes a STT_FUNC symbol as the start of code): the
 *  last such symbol of this section at or before the address decides; none means code. */
export function mappingAt(symbols: SymbolTable, section: SectionContext, address: bigint): 'code' | 'data' {
  const marks = mappingMarks(symbols, section);
  // The last mark at or before the address (marks keep the symbol table's order).
  let lo = 0, hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid]!.value <= address) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 'code' : marks[lo - 1]!.kind;
}

const marksCache = new WeakMap<SymbolTable, Map<number, { value: bigint; kind: 'code' | 'data' }[]>>();

/** The symbols of a section that switch between code and data, in sorted-symbol order. */
function mappingMarks(symbols: SymbolTable, section: SectionContext): { value: bigint; kind: 'code' | 'data' }[] {
  let bySection = marksCache.get(symbols);
  if (!bySection) marksCache.set(symbols, (bySection = new Map()));
  let marks = bySection.get(section.index);
  if (!marks) {
    marks = [];
    for (const s of symbols.sorted) {
      if (s.section !== section.index) continue;
      if (s.isFunction) marks.push({ value: s.value, kind: 'code' });
      else if (isMappingSymbol(s.name)) marks.push({ value: s.value, kind: s.name[1] === 'd' ? 'data' : 'code' });
    }
    bySection.set(section.index, marks);
  }
  return marks;
}

export function arm64Reader(): ArchReader {
  return {
    format: 'elf64-littleaarch64',
    octetsPerLine: 4,
    chunk: 4,
    isValidSymbol: (name) => !isMappingSymbol(name),
    instruction: (data, offset, address, { addr, symbols, section, relocationAt }) => {
      const data32 = mappingAt(symbols, section, address) === 'data';
      let size = 4;
      if (data32) {
        // In a `$d` region objdump prints .word/.short/.byte: up to the next word boundary,
        // cut short by the next symbol of any kind; 3 bytes become 2 (or 1 at an odd address).
        size = 4 - Number(address & 3n);
        const next = symbols.sorted.find((s) => s.value > address);
        if (next && next.value - address < BigInt(size)) size = Number(next.value - address);
        if (size === 3) size = (address & 1n) !== 0n ? 1 : 2;
      }
      if (data.length - offset < size) {
        // A tail shorter than a word: the read fails and objdump prints the memory error
        // (opcodes/dis-buf.c, perror_memory) in place of the bytes, then stops.
        return { length: data.length - offset, text: `Address 0x${address.toString(16)} is out of bounds.`, outOfBounds: true };
      }
      if (data32) {
        let value = 0;
        for (let k = size - 1; k >= 0; k--) value = value * 256 + data[offset + k]!;
        const directive = size === 4 ? '.word' : size === 2 ? '.short' : '.byte';
        return { length: size, chunk: size, text: `${directive}\t0x${value.toString(16).padStart(size * 2, '0')}` };
      }
      const word = (data[offset]! | (data[offset + 1]! << 8) | (data[offset + 2]! << 16) | (data[offset + 3]! << 24)) >>> 0;
      // With a relocation on the instruction its PC-relative field is the addend, so objdump
      // decodes it at PC 0 and adds the relocation symbol's value to the target
      // (opcodes/aarch64-dis.c INSN_HAS_RELOC; binutils/objdump.c objdump_print_addr).
      const reloc = relocationAt(address);
      const d = decodeA64(word, reloc ? 0n : address);
      if (!d) return { length: 4, text: `.inst\t0x${word.toString(16).padStart(8, '0')} ; undefined` };
      const targets: bigint[] = [];
      let text = formatA64(d, {
        symbolize: (target) => {
          targets.push(target);
          return `${MARK}${targets.length - 1}`;
        },
      });
      // formatA64 writes `<bare address> <name>`; the whole pair is objdump_print_addr's.
      text = text.replace(/([0-9a-f]+) <\u0000(\d+)>/g, (_m, _bare: string, n: string) => {
        const target = targets[Number(n)]!;
        if (!reloc) return addr(target);
        const vma = BigInt.asUintN(64, target + reloc.value);
        if (!reloc.undefined) return addr(vma);
        const off = vma === 0n ? '' : `+0x${vma.toString(16)}`;
        return `${vma.toString(16)} <${reloc.name}${off}>`;
      });
      return { length: 4, text };
    },
  };
}
