// What `readElf` returns: the file's headers and tables decoded into plain data, with every
// 64-bit quantity as a bigint (ELF32 fields are widened). Section and segment `data` are
// views into the input bytes (no copy); SHT_NOBITS sections have empty data.

export interface ElfHeader {
  /** 32 or 64 (EI_CLASS). */
  class: 32 | 64;
  /** Always 1 (little-endian): big-endian files are rejected. */
  data: number;
  osabi: number;
  abiversion: number;
  type: number; // e_type: ET_*
  machine: number; // e_machine: EM_*
  version: number;
  entry: bigint;
  phoff: bigint;
  shoff: bigint;
  flags: number;
  ehsize: number;
  phentsize: number;
  phnum: number;
  shentsize: number;
  shnum: number;
  shstrndx: number;
}

export interface ElfSection {
  index: number;
  name: string;
  /** sh_name (offset into .shstrtab). */
  nameOffset: number;
  type: number;
  flags: bigint;
  addr: bigint;
  offset: bigint;
  size: bigint;
  link: number;
  info: number;
  addralign: bigint;
  entsize: bigint;
  /** File contents (empty for SHT_NOBITS and SHT_NULL). */
  data: Uint8Array;
}

export interface ElfSegment {
  index: number;
  type: number; // PT_*
  flags: number; // PF_*
  offset: bigint;
  vaddr: bigint;
  paddr: bigint;
  filesz: bigint;
  memsz: bigint;
  align: bigint;
  /** File contents [offset, offset+filesz). */
  data: Uint8Array;
}

export interface ElfSymbol {
  /** Index in its table (0 is the null symbol, which is included). */
  index: number;
  name: string;
  value: bigint;
  size: bigint;
  bind: number; // STB_*
  type: number; // STT_*
  /** st_other & 3 */
  visibility: number;
  other: number;
  /** st_shndx (SHN_* or a section index; SHN_XINDEX already resolved through SHT_SYMTAB_SHNDX). */
  shndx: number;
  /** .dynsym only, when the file has .gnu.version: the version name (from .gnu.version_d or
   *  .gnu.version_r) and whether it is hidden (readelf prints `name@VER` for hidden or
   *  needed versions, `name@@VER` for the default defined version). */
  version?: { name: string; hidden: boolean; defined: boolean };
}

export interface ElfSymbolTable {
  /** Index of the SHT_SYMTAB / SHT_DYNSYM section. */
  section: number;
  name: string;
  type: number;
  symbols: ElfSymbol[];
}

export interface ElfRelocation {
  offset: bigint;
  type: number;
  /** Symbol index in the linked symbol table (0 = none). */
  symbol: number;
  /** r_addend for RELA; 0 for REL (the addend is in the section contents). */
  addend: bigint;
}

export interface ElfRelocationSection {
  /** Index of the SHT_RELA / SHT_REL section itself. */
  section: number;
  name: string;
  /** true for SHT_RELA. */
  rela: boolean;
  /** sh_link: the symbol table the symbol indices refer to. */
  symtab: number;
  /** sh_info: the section the relocations apply to (0 for dynamic relocations). */
  target: number;
  relocations: ElfRelocation[];
}

export interface ElfNote {
  name: string;
  type: number;
  desc: Uint8Array;
  /** Where the note was found: a SHT_NOTE section index, or a PT_NOTE segment index. */
  section?: number;
  segment?: number;
}

export interface ElfDynamicEntry {
  tag: bigint;
  value: bigint;
}

export interface ElfFile {
  bytes: Uint8Array;
  header: ElfHeader;
  sections: ElfSection[];
  segments: ElfSegment[];
  symbolTables: ElfSymbolTable[];
  relocationSections: ElfRelocationSection[];
  notes: ElfNote[];
  /** Entries of the SHT_DYNAMIC section (or PT_DYNAMIC when there are no sections), up to and
   *  including DT_NULL. Empty when the file has none. */
  dynamic: ElfDynamicEntry[];
}
