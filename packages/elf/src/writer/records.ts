// Encoders for the fixed-size ELF64 records (gABI / "ELF-64 Object File Format" 1.5):
// Elf64_Ehdr (64 bytes), Elf64_Shdr (64), Elf64_Phdr (56), Elf64_Sym (24), Elf64_Rela (24).
// The writers only produce ELF64 little-endian.

import * as C from '../constants.js';
import type { ByteWriter } from '../bytes/byte-writer.js';

export const EHDR_SIZE = 64;
export const SHDR_SIZE = 64;
export const PHDR_SIZE = 56;
export const SYM_SIZE = 24;
export const RELA_SIZE = 24;

export interface EhdrFields {
  type: number;
  machine: number;
  entry: bigint;
  phoff: bigint;
  shoff: bigint;
  flags: number;
  phnum: number;
  shnum: number;
  shstrndx: number;
  osabi?: number;
}

export function writeEhdr(w: ByteWriter, h: EhdrFields): void {
  w.bytes(Uint8Array.from(C.ELFMAG));
  w.u8(C.ELFCLASS64);
  w.u8(C.ELFDATA2LSB);
  w.u8(C.EV_CURRENT);
  w.u8(h.osabi ?? C.ELFOSABI_NONE);
  w.zeros(8); // EI_ABIVERSION + padding
  w.u16(h.type);
  w.u16(h.machine);
  w.u32(C.EV_CURRENT);
  w.u64(h.entry);
  w.u64(h.phoff);
  w.u64(h.shoff);
  w.u32(h.flags);
  w.u16(EHDR_SIZE);
  w.u16(h.phnum === 0 ? 0 : PHDR_SIZE);
  w.u16(h.phnum);
  w.u16(h.shnum === 0 ? 0 : SHDR_SIZE);
  w.u16(h.shnum);
  w.u16(h.shstrndx);
}

export interface ShdrFields {
  name: number;
  type: number;
  flags: bigint;
  addr: bigint;
  offset: bigint;
  size: bigint;
  link: number;
  info: number;
  addralign: bigint;
  entsize: bigint;
}

export function writeShdr(w: ByteWriter, s: ShdrFields): void {
  w.u32(s.name);
  w.u32(s.type);
  w.u64(s.flags);
  w.u64(s.addr);
  w.u64(s.offset);
  w.u64(s.size);
  w.u32(s.link);
  w.u32(s.info);
  w.u64(s.addralign);
  w.u64(s.entsize);
}

export interface PhdrFields {
  type: number;
  flags: number;
  offset: bigint;
  vaddr: bigint;
  paddr: bigint;
  filesz: bigint;
  memsz: bigint;
  align: bigint;
}

export function writePhdr(w: ByteWriter, p: PhdrFields): void {
  w.u32(p.type);
  w.u32(p.flags);
  w.u64(p.offset);
  w.u64(p.vaddr);
  w.u64(p.paddr);
  w.u64(p.filesz);
  w.u64(p.memsz);
  w.u64(p.align);
}

export interface SymFields {
  name: number;
  bind: number;
  type: number;
  other: number;
  shndx: number;
  value: bigint;
  size: bigint;
}

export function writeSym(w: ByteWriter, s: SymFields): void {
  w.u32(s.name);
  w.u8(((s.bind & 0xf) << 4) | (s.type & 0xf));
  w.u8(s.other);
  w.u16(s.shndx);
  w.u64(s.value);
  w.u64(s.size);
}

export function writeRela(w: ByteWriter, offset: bigint, symbol: number, type: number, addend: bigint): void {
  w.u64(offset);
  // ELF64_R_INFO(sym, type) = (sym << 32) + type
  w.u64((BigInt(symbol) << 32n) | BigInt(type >>> 0));
  w.u64(BigInt.asUintN(64, addend));
}
