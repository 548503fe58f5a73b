// writeImage: an ELF64 executable (ET_EXEC) or shared object (ET_DYN) from a layout the
// caller (the linker) has already decided: where each section lives in the file and in
// memory, and the program headers that map them. This file only serializes and checks:
//   offset 0: Elf64_Ehdr; offset 64: the program header table (e_phoff = 64);
//   section contents at the offsets given; then (when section headers are wanted)
//   .symtab, .strtab and .shstrtab, and the section header table at the end.
// Checks (each an ElfError): sections overlap each other or the headers; a PT_LOAD whose
// p_vaddr and p_offset are not congruent modulo p_align (gABI "Program Header": "p_vaddr
// should equal p_offset, modulo p_align"); p_filesz > p_memsz.

import * as C from '../constants.js';
import { ElfError, hex } from '../errors.js';
import { ByteWriter, StringTable } from '../bytes/byte-writer.js';
import { EHDR_SIZE, PHDR_SIZE, SYM_SIZE, writeEhdr, writePhdr, writeShdr, writeSym } from './records.js';

export interface ImageSegment {
  type: number; // PT_*
  flags: number; // PF_*
  offset: bigint;
  vaddr: bigint;
  /** Defaults to vaddr. */
  paddr?: bigint;
  filesz: bigint;
  memsz: bigint;
  align: bigint;
}

export interface ImageSection {
  name: string;
  type: number; // SHT_*
  flags: bigint;
  addr: bigint;
  /** File offset of the contents (for SHT_NOBITS: where the section would start). */
  offset: bigint;
  /** Contents (empty for SHT_NOBITS). */
  data: Uint8Array;
  /** For SHT_NOBITS; otherwise data.length. */
  size?: bigint;
  align: bigint;
  entsize?: bigint;
  /** sh_link / sh_info: a section name from this spec (or '.symtab', '.strtab'), or a number. */
  link?: string | number;
  info?: string | number;
}

export interface ImageSymbol {
  name: string;
  value: bigint;
  size: bigint;
  bind: number;
  type: number;
  other?: number;
  /** A section name from the spec, or a SHN_* number (SHN_ABS, SHN_UNDEF). */
  section: string | number;
}

export interface ImageSpec {
  type: number; // ET_EXEC or ET_DYN
  machine: number;
  entry: bigint;
  flags?: number;
  osabi?: number;
  segments: ImageSegment[];
  sections: ImageSection[];
  /** Written as .symtab (+ .strtab) when section headers are written. Locals go first. */
  symbols?: ImageSymbol[];
  /** Default true. false → no section headers, no .symtab. */
  sectionHeaders?: boolean;
}

/** Bytes taken by the ELF header and `phnum` program headers: the first free file offset. */
export function imageHeadersSize(phnum: number): number {
  return EHDR_SIZE + PHDR_SIZE * phnum;
}

export function writeImage(spec: ImageSpec): Uint8Array {
  if (spec.type !== C.ET_EXEC && spec.type !== C.ET_DYN) {
    throw new ElfError(`writeImage writes ET_EXEC or ET_DYN, not e_type ${spec.type}`, 'e_type');
  }
  const headersEnd = imageHeadersSize(spec.segments.length);
  for (const [i, p] of spec.segments.entries()) {
    if (p.filesz > p.memsz) {
      throw new ElfError(`program header ${i}: p_filesz ${hex(p.filesz)} > p_memsz ${hex(p.memsz)}`, 'p_filesz');
    }
    if (p.type === C.PT_LOAD && p.align > 1n && p.vaddr % p.align !== p.offset % p.align) {
      throw new ElfError(
        `PT_LOAD ${i}: p_vaddr ${hex(p.vaddr)} and p_offset ${hex(p.offset)} are not congruent modulo p_align ${hex(p.align)}`,
        'p_align',
      );
    }
  }
  // Place and check section contents.
  const placed = spec.sections
    .filter((s) => s.type !== C.SHT_NOBITS && s.data.length > 0)
    .sort((a, b) => (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
  let end = headersEnd;
  let prev = '(headers)';
  for (const s of placed) {
    if (s.offset < BigInt(end)) {
      throw new ElfError(`section ${s.name} at file offset ${hex(s.offset)} overlaps ${prev} (which ends at ${hex(end)})`, 'sh_offset');
    }
    end = Number(s.offset) + s.data.length;
    prev = s.name;
  }
  // File end also covers PT_LOAD file ranges (a segment may extend past its last section).
  for (const p of spec.segments) {
    if (p.type === C.PT_LOAD) end = Math.max(end, Number(p.offset + p.filesz));
  }

  const w = new ByteWriter();
  w.zeros(headersEnd);
  for (const s of placed) {
    w.padTo(Number(s.offset));
    w.bytes(s.data);
  }
  w.padTo(end);

  const withHeaders = spec.sectionHeaders ?? true;
  let shoff = 0;
  let shnum = 0;
  let shstrndx = 0;
  if (withHeaders) {
    const all: ImageSection[] = [...spec.sections];
    const nameIndex = (name: string): number => {
      const i = all.findIndex((s) => s.name === name);
      return i < 0 ? -1 : i + 1;
    };
    const symbols = spec.symbols ?? [];
    if (symbols.length > 0) {
      const strtab = new StringTable();
      const sw = new ByteWriter();
      writeSym(sw, { name: 0, bind: 0, type: 0, other: 0, shndx: 0, value: 0n, size: 0n });
      const ordered = [...symbols.filter((s) => s.bind === C.STB_LOCAL), ...symbols.filter((s) => s.bind !== C.STB_LOCAL)];
      const firstGlobal = symbols.filter((s) => s.bind === C.STB_LOCAL).length + 1;
      for (const s of ordered) {
        let shndx: number;
        if (typeof s.section === 'number') shndx = s.section;
        else {
          shndx = nameIndex(s.section);
          if (shndx < 0) throw new ElfError(`symbol ${s.name} names section ${s.section}, which the image lacks`, 'st_shndx');
        }
        writeSym(sw, {
          name: s.name === '' ? 0 : strtab.add(s.name),
          bind: s.bind,
          type: s.type,
          other: s.other ?? 0,
          shndx,
          value: s.value,
          size: s.size,
        });
      }
      const symData = sw.finish();
      all.push({
        name: '.symtab', type: C.SHT_SYMTAB, flags: 0n, addr: 0n, offset: 0n, data: symData, align: 8n,
        entsize: BigInt(SYM_SIZE), link: '.strtab', info: firstGlobal,
      });
      all.push({ name: '.strtab', type: C.SHT_STRTAB, flags: 0n, addr: 0n, offset: 0n, data: strtab.finish(), align: 1n });
    }
    const shstr = new StringTable();
    const shstrSection: ImageSection = { name: '.shstrtab', type: C.SHT_STRTAB, flags: 0n, addr: 0n, offset: 0n, data: new Uint8Array(0), align: 1n };
    all.push(shstrSection);
    const nameOffsets = all.map((s) => shstr.add(s.name));
    shstrSection.data = shstr.finish();
    // Non-allocated trailing sections go after everything placed so far.
    for (const s of all.slice(spec.sections.length)) {
      s.offset = BigInt(w.align(Number(s.align > 0n ? s.align : 1n)));
      w.bytes(s.data);
    }
    const ref = (v: string | number | undefined, what: string, owner: string): number => {
      if (v === undefined) return 0;
      if (typeof v === 'number') return v;
      const i = nameIndex(v);
      if (i < 0) throw new ElfError(`section ${owner}: ${what} names section ${v}, which the image lacks`, what);
      return i;
    };
    shoff = w.align(8);
    writeShdr(w, { name: 0, type: 0, flags: 0n, addr: 0n, offset: 0n, size: 0n, link: 0, info: 0, addralign: 0n, entsize: 0n });
    all.forEach((s, i) => {
      writeShdr(w, {
        name: nameOffsets[i]!,
        type: s.type,
        flags: s.flags,
        addr: s.addr,
        offset: s.offset,
        size: s.type === C.SHT_NOBITS ? (s.size ?? 0n) : BigInt(s.data.length),
        link: ref(s.link, 'sh_link', s.name),
        info: ref(s.info, 'sh_info', s.name),
        addralign: s.align,
        entsize: s.entsize ?? 0n,
      });
    });
    shnum = all.length + 1;
    shstrndx = all.length;
    if (shnum >= C.SHN_LORESERVE) throw new ElfError(`too many sections (${shnum})`, 'e_shnum');
  }

  const out = w.finish();
  const hw = new ByteWriter();
  writeEhdr(hw, {
    type: spec.type,
    machine: spec.machine,
    entry: spec.entry,
    phoff: spec.segments.length > 0 ? BigInt(EHDR_SIZE) : 0n,
    shoff: BigInt(shoff),
    flags: spec.flags ?? 0,
    phnum: spec.segments.length,
    shnum,
    shstrndx,
    osabi: spec.osabi,
  });
  for (const p of spec.segments) {
    writePhdr(hw, { ...p, paddr: p.paddr ?? p.vaddr });
  }
  out.set(hw.finish(), 0);
  return out;
}
