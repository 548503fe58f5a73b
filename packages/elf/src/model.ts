// The in-memory model of a relocatable object: what the assembler produces and what the
// linker consumes. `writeRelocatable(obj)` turns it into ELF bytes (it adds .symtab,
// .strtab, .shstrtab and the .rela.* sections itself); `readObject(bytes)` turns ELF bytes
// (GNU as's or ours) back into it.

export interface ObjectFile {
  /** EM_X86_64 (62) or EM_AARCH64 (183). */
  machine: number;
  flags?: number;
  sections: ObjSection[];
  /** Symbol 0 (the null symbol) is implicit: do not list it. Order is free; the writer puts the
   *  locals first as ELF requires and renumbers the relocations to match. */
  symbols: ObjSymbol[];
}

export interface ObjSection {
  name: string;
  type: number; // SHT_PROGBITS, SHT_NOBITS, SHT_NOTE, SHT_INIT_ARRAY, …
  flags: bigint; // SHF_ALLOC | SHF_WRITE | SHF_EXECINSTR | SHF_MERGE | SHF_STRINGS | SHF_TLS | SHF_GROUP …
  align: bigint;
  entsize?: bigint;
  /** Contents; empty for SHT_NOBITS. */
  data: Uint8Array;
  /** Size for SHT_NOBITS (otherwise data.length). */
  size?: bigint;
  /** Written as a SHT_RELA section `.rela<name>` when non-empty. */
  relocations: ObjRelocation[];
}

export interface ObjRelocation {
  offset: bigint;
  type: number; // R_X86_64_* / R_AARCH64_*
  /** Index into ObjectFile.symbols, or -1 for no symbol (symbol index 0). */
  symbol: number;
  addend: bigint;
}

export type SymbolSection =
  | { kind: 'section'; index: number } // index into ObjectFile.sections
  | { kind: 'undefined' }
  | { kind: 'absolute' }
  | { kind: 'common' }; // value holds the alignment, as in ELF

export interface ObjSymbol {
  name: string; // '' for STT_SECTION symbols
  value: bigint;
  size: bigint;
  bind: number; // STB_LOCAL / STB_GLOBAL / STB_WEAK
  type: number; // STT_NOTYPE / OBJECT / FUNC / SECTION / FILE / TLS
  /** st_other: visibility (STV_DEFAULT, STV_HIDDEN, …). */
  other?: number;
  section: SymbolSection;
}
