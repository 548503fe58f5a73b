// readElf: decodes an ELF32/ELF64 little-endian file (gABI chapter 4 "Object Files") into
// plain data. It validates every offset, size and count against the file before touching
// the bytes; any inconsistency raises ElfError naming the field. Work is bounded by the file
// size (entry counts come from sizes that were checked to lie inside the file), so a hostile
// file cannot make it hang or allocate without bound.

import * as C from '../constants.js';
import { ElfError, hex } from '../errors.js';
import { ByteReader, toIndex } from '../bytes/byte-reader.js';
import type {
  ElfDynamicEntry,
  ElfFile,
  ElfHeader,
  ElfNote,
  ElfRelocation,
  ElfRelocationSection,
  ElfSection,
  ElfSegment,
  ElfSymbol,
  ElfSymbolTable,
} from './types.js';

export function readElf(bytes: Uint8Array): ElfFile {
  const r = new ByteReader(bytes);
  const header = readHeader(r);
  const is64 = header.class === 64;
  const sections = readSections(r, header, is64);
  const segments = readSegments(r, header, is64);
  const symbolTables = readSymbolTables(sections, is64);
  readSymbolVersions(sections, symbolTables);
  const relocationSections = readRelocations(sections, is64);
  const notes = readNotes(sections, segments);
  const dynamic = readDynamic(sections, segments, is64);
  return { bytes, header, sections, segments, symbolTables, relocationSections, notes, dynamic };
}

function readHeader(r: ByteReader): ElfHeader {
  if (r.length < C.EI_NIDENT) {
    throw new ElfError(`file is too short for an ELF identification (${r.length} bytes < 16)`, 'e_ident');
  }
  for (let i = 0; i < 4; i++) {
    if (r.bytes[i] !== C.ELFMAG[i]) throw new ElfError('not an ELF file (bad magic in e_ident)', 'e_ident');
  }
  const cls = r.bytes[C.EI_CLASS]!;
  if (cls !== C.ELFCLASS32 && cls !== C.ELFCLASS64) {
    throw new ElfError(`unknown ELF class ${cls} in e_ident[EI_CLASS]`, 'EI_CLASS');
  }
  const data = r.bytes[C.EI_DATA]!;
  if (data === C.ELFDATA2MSB) {
    throw new ElfError('big-endian ELF (EI_DATA = 2) is not supported', 'EI_DATA');
  }
  if (data !== C.ELFDATA2LSB) throw new ElfError(`unknown data encoding ${data} in e_ident[EI_DATA]`, 'EI_DATA');
  const is64 = cls === C.ELFCLASS64;
  const ehsize = is64 ? 64 : 52;
  if (r.length < ehsize) {
    throw new ElfError(`file is too short for an ELF header (${r.length} bytes < ${ehsize})`, 'e_ehsize');
  }
  // Elf32_Ehdr / Elf64_Ehdr field offsets (gABI "ELF Header").
  const w = is64 ? 8 : 4;
  const h: ElfHeader = {
    class: is64 ? 64 : 32,
    data,
    osabi: r.bytes[C.EI_OSABI]!,
    abiversion: r.bytes[C.EI_ABIVERSION]!,
    type: r.u16(16, 'e_type'),
    machine: r.u16(18, 'e_machine'),
    version: r.u32(20, 'e_version'),
    entry: r.word(24, is64, 'e_entry'),
    phoff: r.word(24 + w, is64, 'e_phoff'),
    shoff: r.word(24 + 2 * w, is64, 'e_shoff'),
    flags: r.u32(24 + 3 * w, 'e_flags'),
    ehsize: r.u16(28 + 3 * w, 'e_ehsize'),
    phentsize: r.u16(30 + 3 * w, 'e_phentsize'),
    phnum: r.u16(32 + 3 * w, 'e_phnum'),
    shentsize: r.u16(34 + 3 * w, 'e_shentsize'),
    shnum: r.u16(36 + 3 * w, 'e_shnum'),
    shstrndx: r.u16(38 + 3 * w, 'e_shstrndx'),
  };
  return h;
}

function readSections(r: ByteReader, h: ElfHeader, is64: boolean): ElfSection[] {
  if (h.shoff === 0n) return [];
  const entSize = is64 ? 64 : 40;
  if (h.shentsize !== entSize) {
    throw new ElfError(`e_shentsize is ${h.shentsize}, expected ${entSize}`, 'e_shentsize');
  }
  const shoff = toIndex(h.shoff, 'e_shoff', r.length);
  let shnum = h.shnum;
  let shstrndx = h.shstrndx;
  // Extended numbering (gABI): e_shnum = 0 → the real count is in section 0's sh_size;
  // e_shstrndx = SHN_XINDEX → the real index is in section 0's sh_link.
  if (shnum === 0 || shstrndx === C.SHN_XINDEX) {
    r.check(shoff, entSize, 'e_shoff');
    if (shnum === 0) {
      const s = r.word(shoff + (is64 ? 32 : 20), is64, 'sh_size of section 0 (extended e_shnum)');
      shnum = toIndex(s, 'sh_size of section 0 (extended e_shnum)', Math.floor(r.length / entSize));
      if (shnum === 0) return [];
    }
    if (shstrndx === C.SHN_XINDEX) shstrndx = r.u32(shoff + (is64 ? 40 : 24), 'sh_link of section 0 (extended e_shstrndx)');
  }
  if (shoff + shnum * entSize > r.length) {
    throw new ElfError(
      `section header table runs past the end of the file (e_shoff ${hex(shoff)} + e_shnum ${shnum} × ${entSize} > ${hex(r.length)})`,
      'e_shnum',
    );
  }
  const sections: ElfSection[] = [];
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * entSize;
    const f = (what: string): string => `${what} of section ${i}`;
    const s: ElfSection = is64
      ? {
          index: i,
          name: '',
          nameOffset: r.u32(at, f('sh_name')),
          type: r.u32(at + 4, f('sh_type')),
          flags: r.u64(at + 8, f('sh_flags')),
          addr: r.u64(at + 16, f('sh_addr')),
          offset: r.u64(at + 24, f('sh_offset')),
          size: r.u64(at + 32, f('sh_size')),
          link: r.u32(at + 40, f('sh_link')),
          info: r.u32(at + 44, f('sh_info')),
          addralign: r.u64(at + 48, f('sh_addralign')),
          entsize: r.u64(at + 56, f('sh_entsize')),
          data: new Uint8Array(0),
        }
      : {
          index: i,
          name: '',
          nameOffset: r.u32(at, f('sh_name')),
          type: r.u32(at + 4, f('sh_type')),
          flags: BigInt(r.u32(at + 8, f('sh_flags'))),
          addr: BigInt(r.u32(at + 12, f('sh_addr'))),
          offset: BigInt(r.u32(at + 16, f('sh_offset'))),
          size: BigInt(r.u32(at + 20, f('sh_size'))),
          link: r.u32(at + 24, f('sh_link')),
          info: r.u32(at + 28, f('sh_info')),
          addralign: BigInt(r.u32(at + 32, f('sh_addralign'))),
          entsize: BigInt(r.u32(at + 36, f('sh_entsize'))),
          data: new Uint8Array(0),
        };
    if (i > 0 && s.type !== C.SHT_NOBITS && s.type !== C.SHT_NULL) {
      if (s.offset > BigInt(r.length)) {
        throw new ElfError(
          `sh_offset of section ${i} points past the end of the file (${hex(s.offset)} > ${hex(r.length)})`,
          'sh_offset',
        );
      }
      if (s.offset + s.size > BigInt(r.length)) {
        throw new ElfError(
          `sh_size of section ${i} runs past the end of the file (${hex(s.offset)} + ${hex(s.size)} > ${hex(r.length)})`,
          'sh_size',
        );
      }
      s.data = r.slice(s.offset, s.size, f('sh_offset'));
    }
    sections.push(s);
  }
  if (shstrndx !== C.SHN_UNDEF) {
    if (shstrndx >= sections.length) {
      throw new ElfError(`e_shstrndx ${shstrndx} is not a section index (e_shnum ${shnum})`, 'e_shstrndx');
    }
    const table = sections[shstrndx]!;
    if (table.type !== C.SHT_STRTAB) {
      throw new ElfError(`e_shstrndx ${shstrndx} names a section of type ${table.type}, not SHT_STRTAB`, 'e_shstrndx');
    }
    for (const s of sections) {
      if (s.index === 0 && s.nameOffset === 0) continue;
      s.name = ByteReader.cString(table.data, s.nameOffset, `sh_name of section ${s.index}`);
    }
  }
  return sections;
}

function readSegments(r: ByteReader, h: ElfHeader, is64: boolean): ElfSegment[] {
  if (h.phoff === 0n || h.phnum === 0) return [];
  const entSize = is64 ? 56 : 32;
  if (h.phentsize !== entSize) {
    throw new ElfError(`e_phentsize is ${h.phentsize}, expected ${entSize}`, 'e_phentsize');
  }
  const phoff = toIndex(h.phoff, 'e_phoff', r.length);
  if (phoff + h.phnum * entSize > r.length) {
    throw new ElfError(
      `program header table runs past the end of the file (e_phoff ${hex(phoff)} + e_phnum ${h.phnum} × ${entSize} > ${hex(r.length)})`,
      'e_phnum',
    );
  }
  const segments: ElfSegment[] = [];
  for (let i = 0; i < h.phnum; i++) {
    const at = phoff + i * entSize;
    const f = (what: string): string => `${what} of program header ${i}`;
    // Elf64_Phdr puts p_flags second (for alignment); Elf32_Phdr puts it seventh.
    const p: ElfSegment = is64
      ? {
          index: i,
          type: r.u32(at, f('p_type')),
          flags: r.u32(at + 4, f('p_flags')),
          offset: r.u64(at + 8, f('p_offset')),
          vaddr: r.u64(at + 16, f('p_vaddr')),
          paddr: r.u64(at + 24, f('p_paddr')),
          filesz: r.u64(at + 32, f('p_filesz')),
          memsz: r.u64(at + 40, f('p_memsz')),
          align: r.u64(at + 48, f('p_align')),
          data: new Uint8Array(0),
        }
      : {
          index: i,
          type: r.u32(at, f('p_type')),
          offset: BigInt(r.u32(at + 4, f('p_offset'))),
          vaddr: BigInt(r.u32(at + 8, f('p_vaddr'))),
          paddr: BigInt(r.u32(at + 12, f('p_paddr'))),
          filesz: BigInt(r.u32(at + 16, f('p_filesz'))),
          memsz: BigInt(r.u32(at + 20, f('p_memsz'))),
          flags: r.u32(at + 24, f('p_flags')),
          align: BigInt(r.u32(at + 28, f('p_align'))),
          data: new Uint8Array(0),
        };
    if (p.type !== C.PT_NULL) {
      if (p.offset > BigInt(r.length)) {
        throw new ElfError(
          `p_offset of program header ${i} points past the end of the file (${hex(p.offset)} > ${hex(r.length)})`,
          'p_offset',
        );
      }
      if (p.offset + p.filesz > BigInt(r.length)) {
        throw new ElfError(
          `p_filesz of program header ${i} runs past the end of the file (${hex(p.offset)} + ${hex(p.filesz)} > ${hex(r.length)})`,
          'p_filesz',
        );
      }
      p.data = r.slice(p.offset, p.filesz, f('p_offset'));
    }
    segments.push(p);
  }
  return segments;
}

function linkedSection(sections: ElfSection[], from: ElfSection, what: string): ElfSection {
  const target = sections[from.link];
  if (from.link === 0 || target === undefined) {
    throw new ElfError(
      `sh_link ${from.link} of section ${from.index} (${from.name}) is not a valid ${what} section`,
      'sh_link',
    );
  }
  return target;
}

function readSymbolTables(sections: ElfSection[], is64: boolean): ElfSymbolTable[] {
  const tables: ElfSymbolTable[] = [];
  const entSize = is64 ? 24 : 16;
  for (const s of sections) {
    if (s.type !== C.SHT_SYMTAB && s.type !== C.SHT_DYNSYM) continue;
    if (s.size % BigInt(entSize) !== 0n) {
      throw new ElfError(
        `sh_size ${hex(s.size)} of symbol table ${s.index} (${s.name}) is not a multiple of ${entSize}`,
        'sh_size',
      );
    }
    const strtab = linkedSection(sections, s, 'string table');
    if (strtab.type !== C.SHT_STRTAB) {
      throw new ElfError(`sh_link of symbol table ${s.index} (${s.name}) names section ${strtab.index}, which is not SHT_STRTAB`, 'sh_link');
    }
    // SHT_SYMTAB_SHNDX holds the real section index for symbols whose st_shndx is SHN_XINDEX.
    const shndxSection = sections.find((x) => x.type === C.SHT_SYMTAB_SHNDX && x.link === s.index);
    const sr = new ByteReader(s.data);
    const count = s.data.length / entSize;
    const symbols: ElfSymbol[] = [];
    for (let i = 0; i < count; i++) {
      const at = i * entSize;
      const f = (what: string): string => `${what} of symbol ${i} in ${s.name || `section ${s.index}`}`;
      let nameOffset: number, info: number, other: number, shndx: number, value: bigint, size: bigint;
      if (is64) {
        nameOffset = sr.u32(at, f('st_name'));
        info = sr.u8(at + 4, f('st_info'));
        other = sr.u8(at + 5, f('st_other'));
        shndx = sr.u16(at + 6, f('st_shndx'));
        value = sr.u64(at + 8, f('st_value'));
        size = sr.u64(at + 16, f('st_size'));
      } else {
        nameOffset = sr.u32(at, f('st_name'));
        value = BigInt(sr.u32(at + 4, f('st_value')));
        size = BigInt(sr.u32(at + 8, f('st_size')));
        info = sr.u8(at + 12, f('st_info'));
        other = sr.u8(at + 13, f('st_other'));
        shndx = sr.u16(at + 14, f('st_shndx'));
      }
      if (shndx === C.SHN_XINDEX && shndxSection) {
        shndx = new ByteReader(shndxSection.data).u32(i * 4, f('SHT_SYMTAB_SHNDX entry'));
      }
      const name = nameOffset === 0 ? '' : ByteReader.cString(strtab.data, nameOffset, f('st_name'));
      symbols.push({
        index: i,
        name,
        value,
        size,
        bind: info >> 4,
        type: info & 0xf,
        visibility: other & 3,
        other,
        shndx,
      });
    }
    tables.push({ section: s.index, name: s.name, type: s.type, symbols });
  }
  return tables;
}

function readRelocations(sections: ElfSection[], is64: boolean): ElfRelocationSection[] {
  const out: ElfRelocationSection[] = [];
  for (const s of sections) {
    if (s.type !== C.SHT_RELA && s.type !== C.SHT_REL) continue;
    const rela = s.type === C.SHT_RELA;
    const entSize = (is64 ? 8 : 4) * (rela ? 3 : 2);
    if (s.size % BigInt(entSize) !== 0n) {
      throw new ElfError(
        `sh_size ${hex(s.size)} of relocation section ${s.index} (${s.name}) is not a multiple of ${entSize}`,
        'sh_size',
      );
    }
    if (s.info >= sections.length) {
      throw new ElfError(`sh_info ${s.info} of relocation section ${s.index} (${s.name}) is not a section index`, 'sh_info');
    }
    if (s.link >= sections.length) {
      throw new ElfError(`sh_link ${s.link} of relocation section ${s.index} (${s.name}) is not a section index`, 'sh_link');
    }
    const sr = new ByteReader(s.data);
    const relocations: ElfRelocation[] = [];
    const count = s.data.length / entSize;
    for (let i = 0; i < count; i++) {
      const at = i * entSize;
      const f = (what: string): string => `${what} of relocation ${i} in ${s.name || `section ${s.index}`}`;
      if (is64) {
        const offset = sr.u64(at, f('r_offset'));
        const info = sr.u64(at + 8, f('r_info'));
        const addend = rela ? sr.i64(at + 16, f('r_addend')) : 0n;
        // ELF64_R_SYM(i) = i >> 32, ELF64_R_TYPE(i) = i & 0xffffffff.
        relocations.push({ offset, type: Number(info & 0xffffffffn), symbol: Number(info >> 32n), addend });
      } else {
        const offset = BigInt(sr.u32(at, f('r_offset')));
        const info = sr.u32(at + 4, f('r_info'));
        const addend = rela ? BigInt(sr.i32(at + 8, f('r_addend'))) : 0n;
        // ELF32_R_SYM(i) = i >> 8, ELF32_R_TYPE(i) = i & 0xff.
        relocations.push({ offset, type: info & 0xff, symbol: info >>> 8, addend });
      }
    }
    out.push({ section: s.index, name: s.name, rela, symtab: s.link, target: s.info, relocations });
  }
  return out;
}

/** Parses a note area (gABI "Note Section"): namesz, descsz, type, then name and desc, each
 *  padded to 4 bytes. In 8-aligned note sections/segments (NT_GNU_PROPERTY_TYPE_0 on
 *  ELF64) the descriptor and the next note start at 8-byte boundaries instead. */
export function parseNotes(data: Uint8Array, align: number, where: string): ElfNote[] {
  const pad = align === 8 ? 8 : 4;
  const r = new ByteReader(data);
  const notes: ElfNote[] = [];
  let at = 0;
  const up = (n: number): number => Math.ceil(n / pad) * pad;
  while (at < data.length) {
    if (data.length - at < 12) throw new ElfError(`truncated note header at offset ${hex(at)} in ${where}`, 'n_namesz');
    const namesz = r.u32(at, `n_namesz in ${where}`);
    const descsz = r.u32(at + 4, `n_descsz in ${where}`);
    const type = r.u32(at + 8, `n_type in ${where}`);
    const nameAt = at + 12;
    r.check(nameAt, namesz, `n_namesz in ${where}`);
    const raw = data.subarray(nameAt, nameAt + namesz);
    const nul = raw.indexOf(0);
    const name = new TextDecoder().decode(nul >= 0 ? raw.subarray(0, nul) : raw);
    // The descriptor starts at the next `pad` boundary after the name, counted from the
    // note's start (for 8-aligned notes the 12-byte header leaves the name at offset 12).
    const descAt = at + up(12 + namesz);
    r.check(descAt, descsz, `n_descsz in ${where}`);
    const desc = data.subarray(descAt, descAt + descsz);
    notes.push({ name, type, desc });
    at = descAt + up(descsz);
  }
  return notes;
}

function readNotes(sections: ElfSection[], segments: ElfSegment[]): ElfNote[] {
  const notes: ElfNote[] = [];
  const fromSections = sections.filter((s) => s.type === C.SHT_NOTE);
  for (const s of fromSections) {
    for (const n of parseNotes(s.data, Number(s.addralign), `note section ${s.index} (${s.name})`)) {
      notes.push({ ...n, section: s.index });
    }
  }
  if (fromSections.length === 0) {
    for (const p of segments) {
      if (p.type !== C.PT_NOTE) continue;
      for (const n of parseNotes(p.data, Number(p.align), `PT_NOTE program header ${p.index}`)) {
        notes.push({ ...n, segment: p.index });
      }
    }
  }
  return notes;
}

function readDynamic(sections: ElfSection[], segments: ElfSegment[], is64: boolean): ElfDynamicEntry[] {
  let data: Uint8Array | undefined;
  let where = '';
  const s = sections.find((x) => x.type === C.SHT_DYNAMIC);
  if (s) {
    data = s.data;
    where = `section ${s.index} (${s.name})`;
  } else if (sections.length === 0) {
    const p = segments.find((x) => x.type === C.PT_DYNAMIC);
    if (p) {
      data = p.data;
      where = `PT_DYNAMIC program header ${p.index}`;
    }
  }
  if (!data) return [];
  const entSize = is64 ? 16 : 8;
  const r = new ByteReader(data);
  const out: ElfDynamicEntry[] = [];
  for (let at = 0; at + entSize <= data.length; at += entSize) {
    const tag = is64 ? r.i64(at, `d_tag in ${where}`) : BigInt(r.i32(at, `d_tag in ${where}`));
    const value = r.word(at + entSize / 2, is64, `d_val in ${where}`);
    out.push({ tag, value });
    if (tag === 0n) break;
  }
  return out;
}

/** Symbol versioning (LSB "Symbol Versioning"; GNU extension): .gnu.version holds one
 *  Elf_Half per .dynsym entry (bit 15 = hidden, low 15 bits = version index; 0 local,
 *  1 global); .gnu.version_d (Verdef: vd_version, vd_flags, vd_ndx, vd_cnt, vd_hash, vd_aux,
 *  vd_next; Verdaux: vda_name, vda_next) and .gnu.version_r (Verneed: vn_version, vn_cnt,
 *  vn_file, vn_aux, vn_next; Vernaux: vna_hash, vna_flags, vna_other, vna_name, vna_next)
 *  name the indices. Walks are bounded by the section sizes. */
function readSymbolVersions(sections: ElfSection[], tables: ElfSymbolTable[]): void {
  const versym = sections.find((s) => s.type === C.SHT_GNU_versym);
  if (!versym) return;
  const dynsym = tables.find((t) => t.section === versym.link && t.type === C.SHT_DYNSYM);
  if (!dynsym) return;
  const names = new Map<number, { name: string; defined: boolean }>();
  const strtabOf = (s: ElfSection): Uint8Array => {
    const t = sections[s.link];
    if (!t || t.type !== C.SHT_STRTAB) throw new ElfError(`sh_link of ${s.name} does not name a string table`, 'sh_link');
    return t.data;
  };
  for (const s of sections) {
    if (s.type === C.SHT_GNU_verdef) {
      const r = new ByteReader(s.data);
      const strtab = strtabOf(s);
      let at = 0;
      for (let i = 0; i < s.info && at + 20 <= s.data.length; i++) {
        const ndx = r.u16(at + 4, 'vd_ndx');
        const aux = r.u32(at + 12, 'vd_aux');
        const next = r.u32(at + 16, 'vd_next');
        const name = ByteReader.cString(strtab, r.u32(at + aux, 'vda_name'), 'vda_name');
        names.set(ndx, { name, defined: true });
        if (next === 0) break;
        at += next;
      }
    } else if (s.type === C.SHT_GNU_verneed) {
      const r = new ByteReader(s.data);
      const strtab = strtabOf(s);
      let at = 0;
      for (let i = 0; i < s.info && at + 16 <= s.data.length; i++) {
        const cnt = r.u16(at + 2, 'vn_cnt');
        let auxAt = at + r.u32(at + 8, 'vn_aux');
        for (let k = 0; k < cnt; k++) {
          const other = r.u16(auxAt + 6, 'vna_other');
          names.set(other, { name: ByteReader.cString(strtab, r.u32(auxAt + 8, 'vna_name'), 'vna_name'), defined: false });
          const nextAux = r.u32(auxAt + 12, 'vna_next');
          if (nextAux === 0) break;
          auxAt += nextAux;
        }
        const next = r.u32(at + 12, 'vn_next');
        if (next === 0) break;
        at += next;
      }
    }
  }
  const vr = new ByteReader(versym.data);
  for (const sym of dynsym.symbols) {
    if (sym.index * 2 + 2 > versym.data.length) break;
    const raw = vr.u16(sym.index * 2, 'versym entry');
    const index = raw & 0x7fff;
    const known = names.get(index);
    // Index 1 (VER_NDX_GLOBAL) is the base definition: readelf prints no version for it.
    if (index <= 1 || !known) continue;
    sym.version = { name: known.name, hidden: (raw & 0x8000) !== 0, defined: known.defined };
  }
}
