// The symbol table as `objdump -d` uses it to label code and name addresses: which symbols it
// keeps, the order it sorts them in, and how it picks one symbol for an address. GNU objdump
// (binutils 2.40, binutils/objdump.c: remove_useless_symbols, compare_symbols,
// find_symbol_for_address, objdump_print_addr_with_sym) is the reference; this file follows its
// documented behaviour so that `<sym+0x…>` annotations and block labels come out the same.

import { STB_GLOBAL, STB_LOCAL, STT, STT_FILE, STT_FUNC, STT_OBJECT, STT_SECTION, SHN_UNDEF, SHN_COMMON, SHN_ABS, SHT_SYMTAB, SHT_DYNSYM, type ElfFile } from '@vsys/elf';

export interface ListedSymbol {
  /** Name as objdump shows it: a section symbol takes its section's name. */
  name: string;
  value: bigint;
  /** st_shndx (a section index, or SHN_ABS). */
  section: number;
  /** The section's name (`*ABS*` for absolute symbols): objdump compares sections by name. */
  sectionName: string;
  size: bigint;
  isSection: boolean;
  isFunction: boolean;
  isObject: boolean;
  isLocal: boolean;
  isGlobal: boolean;
}

/** The parts of the file the lookups need: the current section and whether the file is
 *  relocatable (objdump then prefers symbols of the section being disassembled). */
export interface SectionContext {
  index: number;
  name: string;
  addr: bigint;
  size: bigint;
}

/** Symbols kept for disassembly: named, defined, not COMMON, not STT_FILE (BFD marks file
 *  symbols BSF_DEBUGGING, which remove_useless_symbols drops). The target's symbol_is_valid
 *  hook (AArch64 rejects its `$x`/`$d` mapping symbols) is applied by SymbolTable. */
export function listSymbols(elf: ElfFile): ListedSymbol[] {
  const out: ListedSymbol[] = [];
  // objdump -d reads the static symbol table and, when there is one, the dynamic one too
  // (BFD names a versioned dynamic symbol `name@@VER`, or `name@VER` when hidden).
  for (const table of elf.symbolTables) {
    const dynamic = table.type === SHT_DYNSYM;
    if (table.type !== SHT_SYMTAB && !dynamic) continue;
    for (const s of table.symbols) {
      if (s.index === 0 || s.type === STT_FILE) continue;
      if (s.shndx === SHN_UNDEF || s.shndx === SHN_COMMON) continue;
      const sec = s.shndx === SHN_ABS ? undefined : elf.sections[s.shndx];
      if (s.shndx !== SHN_ABS && !sec) continue;
      const isSection = s.type === STT_SECTION;
      let name = isSection && s.name === '' ? sec?.name ?? '' : s.name;
      if (name === '') continue;
      if (dynamic && s.version?.defined) name += `${s.version.hidden ? '@' : '@@'}${s.version.name}`;
      // In a relocatable file a symbol's value is an offset into its section; BFD adds the
      // section's address (0 in objects, so this changes nothing for GNU as output).
      const value = elf.header.type === 1 && sec ? sec.addr + s.value : s.value;
      out.push({
        name,
        value,
        section: s.shndx,
        sectionName: sec ? sec.name : '*ABS*',
        size: s.size,
        isSection,
        isFunction: s.type === STT_FUNC || s.type === STT.STT_GNU_IFUNC,
        isObject: s.type === STT_OBJECT,
        isLocal: s.bind === STB_LOCAL,
        isGlobal: s.bind === STB_GLOBAL,
      });
    }
  }
  return out;
}

const isFileLike = (name: string): boolean => name.length > 2 && name[name.length - 2] === '.' && (name.endsWith('o') || name.endsWith('a'));
const isCompilerMark = (name: string): boolean => name.includes('gnu_compiled') || name.includes('gcc2_compiled');

/** objdump's compare_symbols: by value; then ordinary names before gcc2_compiled marks and
 *  file-like names (`x.o`); then function, object, global, local, section; larger st_size
 *  first; names not starting with '.' first; then by name. */
export function compareSymbols(a: ListedSymbol, b: ListedSymbol): number {
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  const am = isCompilerMark(a.name), bm = isCompilerMark(b.name);
  if (am !== bm) return am ? 1 : -1;
  const af = isFileLike(a.name), bf = isFileLike(b.name);
  if (af !== bf) return af ? 1 : -1;
  if (a.isSection !== b.isSection) return a.isSection ? 1 : -1;
  if (a.isFunction !== b.isFunction) return a.isFunction ? -1 : 1;
  if (a.isObject !== b.isObject) return a.isObject ? -1 : 1;
  if (a.isLocal !== b.isLocal) return a.isLocal ? 1 : -1;
  if (a.isGlobal !== b.isGlobal) return a.isGlobal ? -1 : 1;
  const as = a.isSection ? 0n : a.size, bs = b.isSection ? 0n : b.size;
  if (as !== bs) return as > bs ? -1 : 1;
  const ad = a.name.startsWith('.'), bd = b.name.startsWith('.');
  if (ad !== bd) return ad ? 1 : -1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** 16 hex digits, as bfd_sprintf_vma prints a 64-bit address. */
export const vma16 = (v: bigint): string => BigInt.asUintN(64, v).toString(16).padStart(16, '0');

export class SymbolTable {
  readonly sorted: ListedSymbol[];

  constructor(symbols: ListedSymbol[], private readonly relocatable: boolean, private readonly isValid: (s: ListedSymbol) => boolean) {
    this.sorted = [...symbols].sort(compareSymbols);
  }

  get empty(): boolean {
    return this.sorted.length === 0;
  }

  private ok(wantSection: boolean, i: number, sec: SectionContext): boolean {
    const s = this.sorted[i]!;
    if (wantSection && (s.section !== sec.index || s.sectionName !== sec.name)) return false;
    return this.isValid(s);
  }

  /** find_symbol_for_address: the symbol objdump names `vma` after, and its index in `sorted`.
   *  `requireSection` is set when labelling blocks; in a relocatable file an address inside the
   *  current section also wants a symbol of that section. */
  find(vma: bigint, sec: SectionContext, requireSection = false): { symbol: ListedSymbol; place: number } | undefined {
    const n = this.sorted.length;
    if (n === 0) return undefined;
    // Binary search for the last symbol whose value is <= vma (or the first one when none is).
    let lo = 0, hi = n;
    while (lo + 1 < hi) {
      const mid = (lo + hi) >> 1;
      const v = this.sorted[mid]!.value;
      if (v > vma) hi = mid;
      else if (v < vma) lo = mid;
      else {
        lo = mid;
        break;
      }
    }
    let place = lo;
    const value = this.sorted[place]!.value;
    while (place > 0 && this.sorted[place - 1]!.value === value) place--;
    // Among symbols of equal value, one in the current section wins.
    for (let i = place; i < n && this.sorted[i]!.value === value; i++) {
      if (this.ok(true, i, sec)) return { symbol: this.sorted[i]!, place: i };
    }
    const wantSection = requireSection || (this.relocatable && vma >= sec.addr && vma < sec.addr + sec.size);
    if (!this.ok(wantSection, place, sec)) {
      let found = -1;
      for (let i = place - 1; i >= 0; i--) {
        if (!this.ok(wantSection, i, sec)) continue;
        if (found >= 0 && this.sorted[i]!.value !== this.sorted[found]!.value) break;
        found = i; // keep going back to the first symbol of that value
      }
      if (found < 0) {
        for (let i = place + 1; i < n; i++) {
          if (this.ok(wantSection, i, sec)) {
            found = i;
            break;
          }
        }
      }
      if (found < 0) return undefined;
      place = found;
    }
    return { symbol: this.sorted[place]!, place };
  }

  /** objdump_print_addr_with_sym: `addr <sym+0x…>` (or `<section+0x…>` without a symbol).
   *  `full` prints the address with all 16 digits (block labels); else leading zeros go. */
  withSymbol(vma: bigint, sym: ListedSymbol | undefined, sec: SectionContext, full: boolean): string {
    const addr = full ? vma16(vma) : BigInt.asUintN(64, vma).toString(16);
    const [name, base] = sym ? [sym.name, sym.value] : [sec.name, sec.addr];
    const off = vma === base ? '' : vma < base ? `-0x${(base - vma).toString(16)}` : `+0x${(vma - base).toString(16)}`;
    return `${addr} <${name}${off}>`;
  }

  /** objdump_print_addr: how a branch target or a RIP-relative address is printed. */
  address(vma: bigint, sec: SectionContext): string {
    if (this.empty) return `0x${BigInt.asUintN(64, vma).toString(16)}`;
    return this.withSymbol(vma, this.find(vma, sec)?.symbol, sec, false);
  }
}
