// What the listing needs from one instruction set: objdump's BFD format name, how many bytes
// a line shows and in what chunks, which symbols may name code, and one instruction's length
// and text. x86-64 and AArch64 implement it in x86.ts and arm64.ts over @vsys/isa-x86 and
// @vsys/isa-arm64 (no decoding here).

import type { SectionContext, SymbolTable } from './symbols.js';

export interface InstructionText {
  length: number;
  text: string;
  /** The bytes ran out before a whole instruction (AArch64 reads whole words): objdump prints
   *  its memory error (`Address 0x64 is out of bounds.`) and ends the block. */
  outOfBounds?: boolean;
  /** Bytes per printed group on this line, when not the reader's `chunk` (AArch64 data). */
  chunk?: number;
}

/** What a reader may look up about the place it decodes at. */
export interface DecodeContext {
  /** Prints a target address as objdump does: `401000 <_start>`. */
  addr: (vma: bigint) => string;
  symbols: SymbolTable;
  section: SectionContext;
  /** The relocation (of a relocatable file) whose field starts in [address, address+4), as
   *  objdump hands it to disassemblers that ask for relocations (AArch64 does). */
  relocationAt: (address: bigint) => RelocationTarget | undefined;
}

/** The symbol a relocation refers to, as far as printing needs it. */
export interface RelocationTarget {
  name: string;
  value: bigint;
  undefined: boolean;
}

export interface ArchReader {
  /** `file format` name objdump prints: elf64-x86-64, elf64-littleaarch64. */
  format: string;
  /** Bytes on one listing line (the disassembler's bytes_per_line: 7 on x86, 4 on AArch64). */
  octetsPerLine: number;
  /** Bytes printed as one group (1 on x86; 4 on AArch64, shown as a little-endian word). */
  chunk: 1 | 4;
  /** The target's symbol_is_valid hook. */
  isValidSymbol: (name: string) => boolean;
  /** Decode one instruction at `offset` of `data` (data ends where the current block ends, as
   *  objdump stops reads at the next symbol). */
  instruction: (data: Uint8Array, offset: number, address: bigint, context: DecodeContext) => InstructionText;
}
