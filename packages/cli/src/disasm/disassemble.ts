// An `objdump -d` listing of an ELF file (or of each member of an ar archive, after
// `In archive FILE:`): the `file format` header, then for every section
// with SHF_EXECINSTR and contents, `Disassembly of section NAME:` and its code in blocks that
// start at symbols (`0000000000401000 <_start>:`), one line per instruction:
// `  401000:\t31 c0                \txor    %eax,%eax`.
//
// The layout rules are GNU objdump's (binutils 2.40, binutils/objdump.c):
// - disassemble_section: blocks run from one symbol of the section to the next; the first
//   label is the symbol find_symbol_for_address picks for the section start (`<a-0x2>` when the
//   first symbol comes later, `<.text>` when there is none); reads stop at the block's end.
// - disassemble_bytes: the address column drops leading zeros in groups of four (keeping one
//   zero when the section's end address would need it) and pads the rest with spaces; bytes
//   beyond `octetsPerLine` continue on lines of their own; a run of 8 or more zero bytes (or a
//   run of fewer than 3 that ends the block) prints as `\t...`, rounded down to a multiple of 4
//   when more code follows.

import { ElfError, readElf, readArchive, isArchive, EM_X86_64, EM_AARCH64, SHF_EXECINSTR, SHT_NOBITS, SHN_UNDEF, STT_SECTION, type ElfFile } from '@vsys/elf';
import type { ArchReader, DecodeContext, RelocationTarget } from './arch.js';
import { x86Reader } from './x86.js';
import { arm64Reader } from './arm64.js';
import { listSymbols, SymbolTable, vma16, type SectionContext } from './symbols.js';

export type DisasmArch = 'x86_64' | 'arm64';

export interface DisasmOptions {
  /** x86 operand syntax: AT&T (objdump's default) or Intel (`-M intel`). */
  syntax?: 'att' | 'intel';
  /** When given, the file's e_machine must be this architecture. */
  arch?: DisasmArch;
}

/** A file that cannot be disassembled; the message is the reason, for `vasm: FILE: reason`. */
export class DisasmError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DisasmError';
  }
}

/** objdump skips zero runs of at least this many bytes (SKIP_ZEROES)… */
const SKIP_ZEROES = 8;
/** …and shorter runs that end a block (SKIP_ZEROES_AT_END: alignment padding). */
const SKIP_ZEROES_AT_END = 3;

const ET_REL = 1;

/** The listing `objdump -d FILE` prints for `bytes`, with `file` as the name in the header. */
export function disassembleElf(bytes: Uint8Array, file: string, options: DisasmOptions = {}): string {
  if (isArchive(bytes)) return disassembleArchive(bytes, file, options);
  let elf: ElfFile;
  try {
    elf = readElf(bytes);
  } catch (e) {
    if (e instanceof ElfError) throw new DisasmError(e.message);
    throw e;
  }
  const arch: DisasmArch | undefined = elf.header.machine === EM_X86_64 ? 'x86_64' : elf.header.machine === EM_AARCH64 ? 'arm64' : undefined;
  if (elf.header.class !== 64 || !arch) throw new DisasmError(`cannot disassemble this machine (e_machine ${elf.header.machine}, ELF${elf.header.class}): only ELF64 x86-64 and AArch64`);
  if (options.arch && options.arch !== arch) throw new DisasmError(`is an ${arch} file, not ${options.arch}`);
  const reader = arch === 'x86_64' ? x86Reader(options.syntax ?? 'att') : arm64Reader();
  const symbols = new SymbolTable(listSymbols(elf), elf.header.type === ET_REL, (s) => reader.isValidSymbol(s.name));

  let out = `\n${file}:     file format ${reader.format}\n\n`;
  for (const section of elf.sections) {
    if ((section.flags & SHF_EXECINSTR) === 0n || section.type === SHT_NOBITS || section.size === 0n) continue;
    out += `\nDisassembly of section ${section.name}:\n`;
    const relocations = elf.header.type === ET_REL ? relocationsOf(elf, section.index) : [];
    out += disassembleSection(section.data, { index: section.index, name: section.name, addr: section.addr, size: section.size }, symbols, reader, relocations);
  }
  return out;
}

/** The relocations that apply to section `index`, by offset, with their symbols. A section
 *  symbol shows under its section's name; symbol 0 is `*ABS*` (value 0). */
function relocationsOf(elf: ElfFile, index: number): { offset: bigint; target: RelocationTarget }[] {
  const out: { offset: bigint; target: RelocationTarget }[] = [];
  for (const rs of elf.relocationSections) {
    if (rs.target !== index) continue;
    const table = elf.symbolTables.find((t) => t.section === rs.symtab);
    for (const r of rs.relocations) {
      const s = table?.symbols[r.symbol];
      if (!s || r.symbol === 0) {
        out.push({ offset: r.offset, target: { name: '*ABS*', value: 0n, undefined: false } });
        continue;
      }
      const sec = elf.sections[s.shndx];
      const name = s.type === STT_SECTION && s.name === '' ? sec?.name ?? '' : s.name;
      out.push({ offset: r.offset, target: { name, value: (sec && s.shndx < 0xff00 ? sec.addr : 0n) + s.value, undefined: s.shndx === SHN_UNDEF } });
    }
  }
  return out.sort((a, b) => (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
}

/** An ar archive: `In archive FILE:`, then each member's listing under the member's name. */
function disassembleArchive(bytes: Uint8Array, file: string, options: DisasmOptions): string {
  let archive;
  try {
    archive = readArchive(bytes);
  } catch (e) {
    if (e instanceof ElfError) throw new DisasmError(e.message);
    throw e;
  }
  let out = `In archive ${file}:\n`;
  for (const member of archive.members) {
    try {
      out += disassembleElf(member.data, member.name, options);
    } catch (e) {
      if (e instanceof DisasmError) throw new DisasmError(`${member.name}: ${e.message}`);
      throw e;
    }
  }
  return out;
}

function disassembleSection(data: Uint8Array, sec: SectionContext, symbols: SymbolTable, reader: ArchReader, relocations: { offset: bigint; target: RelocationTarget }[]): string {
  const column = addressColumn(sec);
  const addr = (vma: bigint): string => symbols.address(vma, sec);
  const relocationAt = (address: bigint): RelocationTarget | undefined => {
    const offset = address - sec.addr;
    // The first relocation at or after `offset` (they are sorted), if it starts before offset+4.
    let lo = 0, hi = relocations.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (relocations[mid]!.offset < offset) lo = mid + 1;
      else hi = mid;
    }
    const r = relocations[lo];
    return r && r.offset < offset + 4n ? r.target : undefined;
  };
  const stop = data.length;
  let out = '';
  let found = symbols.find(sec.addr, sec, true);
  let offset = 0;
  while (offset < stop) {
    const here = sec.addr + BigInt(offset);
    const sym = found?.symbol;
    out += `\n${symbols.withSymbol(here, sym, sec, true)}:\n`;
    // The block ends at the next symbol of this section with a larger value.
    let next = found;
    if (found && found.symbol.value <= here) {
      next = undefined;
      for (let i = found.place; i < symbols.sorted.length; i++) {
        const s = symbols.sorted[i]!;
        if (s.sectionName === sec.name && s.value > found.symbol.value && reader.isValidSymbol(s.name)) {
          next = { symbol: s, place: i };
          break;
        }
      }
    }
    let end = next ? Number(next.symbol.value - sec.addr) : stop;
    if (end > stop || end <= offset) end = stop;
    // A block that starts at an STT_OBJECT symbol is data: objdump dumps its bytes (hex and
    // ASCII) instead of decoding them.
    const insns = !sym || sym.section !== sec.index || sym.value > here || !sym.isObject || sym.isFunction || /gnu_compiled|gcc2_compiled/.test(sym.name);
    out += disassembleBytes(data.subarray(0, end), offset, sec.addr, column, reader, { addr, symbols, section: sec, relocationAt }, insns);
    offset = end;
    found = next;
  }
  return out;
}

/** The listing lines for data[offset..data.length) (data ends at the block's end). */
function disassembleBytes(data: Uint8Array, offset: number, base: bigint, column: (vma: bigint) => string, reader: ArchReader, context: DecodeContext, insns: boolean): string {
  const stop = data.length;
  let out = '';
  while (offset < stop) {
    let z = offset;
    while (z < stop && data[z] === 0) z++;
    if (z - offset >= SKIP_ZEROES || (z === stop && z - offset < SKIP_ZEROES_AT_END)) {
      if (z !== stop) z = offset + ((z - offset) & ~3);
      out += '\t...\n';
      offset = z;
      continue;
    }
    if (!insns) {
      out += dataLine(data, offset, column(base + BigInt(offset)));
      offset = Math.min(stop, offset + DATA_OCTETS_PER_LINE);
      continue;
    }
    const insn = reader.instruction(data, offset, base + BigInt(offset), context);
    if (insn.outOfBounds) {
      out += `${column(base + BigInt(offset))}:\t${insn.text}\n\n`;
      break;
    }
    const length = Math.max(1, Math.min(insn.length, stop - offset));
    let first = Math.min(length, reader.octetsPerLine);
    const chunk = insn.chunk ?? reader.chunk;
    out += `${column(base + BigInt(offset))}:\t${byteGroups(data, offset, first, chunk)}`;
    for (let pb = first; pb < reader.octetsPerLine; pb += chunk) out += '  '.repeat(chunk) + ' ';
    out += `\t${insn.text}\n`;
    while (first < length) {
      const n = Math.min(reader.octetsPerLine, length - first);
      out += `${column(base + BigInt(offset + first))}:\t${byteGroups(data, offset + first, n, chunk)}\n`;
      first += n;
    }
    offset += length;
  }
  return out;
}

/** Bytes a line of data shows (objdump's octets_per_line when not disassembling). */
const DATA_OCTETS_PER_LINE = 16;

/** One line of an object's bytes: up to 16 in hex, padded, four spaces, then the same bytes as
 *  ASCII with `.` for anything unprintable. */
function dataLine(data: Uint8Array, offset: number, address: string): string {
  const bytes = data.subarray(offset, Math.min(data.length, offset + DATA_OCTETS_PER_LINE));
  const hexes = Array.from(bytes, (b) => `${b.toString(16).padStart(2, '0')} `).join('');
  const ascii = Array.from(bytes, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return `${address}:\t${hexes}${'   '.repeat(DATA_OCTETS_PER_LINE - bytes.length)}    ${ascii}\n`;
}

/** Bytes as objdump shows them: each group of `chunk` bytes as one little-endian number, then a space. */
function byteGroups(data: Uint8Array, offset: number, count: number, chunk: number): string {
  let s = '';
  for (let j = 0; j < count; j += chunk) {
    const n = Math.min(chunk, count - j);
    for (let k = n - 1; k >= 0; k--) s += data[offset + j + k]!.toString(16).padStart(2, '0');
    s += ' ';
  }
  return s;
}

/** The address column of a section: leading zeros of the section's end address are dropped in
 *  groups of four, one zero always kept; the remaining leading zeros print as spaces. */
function addressColumn(sec: SectionContext): (vma: bigint) => string {
  const end = vma16(sec.addr + sec.size);
  let skip = 0;
  while (end[skip] === '0') skip++;
  if (skip === end.length && sec.addr !== 0n) skip = 0;
  if (skip !== 0) skip = (skip - 1) & -4;
  return (vma) => {
    const digits = vma16(vma).slice(skip);
    const trimmed = digits.replace(/^0+/, '');
    return trimmed === '' ? ' '.repeat(digits.length - 1) + '0' : ' '.repeat(digits.length - trimmed.length) + trimmed;
  };
}
