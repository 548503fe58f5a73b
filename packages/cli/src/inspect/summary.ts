// The data behind `vasm inspect`: an ELF file (or an ar archive) reduced to readelf-like
// names and hex strings, so the same object prints as text or serializes as JSON
// (`--json`; 64-bit numbers are "0x…" strings because JSON has no 64-bit integers).

import {
  DT, NT_GNU, PT, SHN, SHT, STB, STT, STV, relocationNames, nameOf, readArchive, readElf, isArchive,
  type ElfFile, type ElfSection, type ElfSegment,
  SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR, SHF_MERGE, SHF_STRINGS, SHF_INFO_LINK, SHF_LINK_ORDER,
  SHF_GROUP, SHF_TLS, SHF_COMPRESSED, SHF_EXCLUDE, PF_R, PF_W, PF_X, SHT_NOBITS, PT_TLS,
} from '@vsys/elf';

export interface HeaderSummary {
  class: string;
  type: string;
  machine: string;
  entry: string;
  flags: string;
  phnum: number;
  shnum: number;
}
export interface SectionSummary {
  index: number;
  name: string;
  type: string;
  addr: string;
  offset: string;
  size: string;
  entsize: string;
  flags: string;
  link: number;
  info: number;
  align: string;
}
export interface SegmentSummary {
  type: string;
  offset: string;
  vaddr: string;
  paddr: string;
  filesz: string;
  memsz: string;
  flags: string;
  align: string;
  sections: string[];
}
export interface SymbolSummary {
  index: number;
  value: string;
  size: string;
  type: string;
  bind: string;
  visibility: string;
  ndx: string;
  name: string;
}
export interface RelocationSummary {
  offset: string;
  type: string;
  symbol: string;
  addend: string;
}
export interface NoteSummary {
  where: string;
  owner: string;
  type: string;
  size: number;
  desc: string;
}
export interface DynamicSummary {
  tag: string;
  value: string;
}
export interface ElfSummary {
  kind: 'elf';
  notes: NoteSummary[];
  dynamic: DynamicSummary[];
  header: HeaderSummary;
  sections: SectionSummary[];
  segments: SegmentSummary[];
  symbolTables: Array<{ name: string; symbols: SymbolSummary[] }>;
  relocations: Array<{ name: string; target: string; relocations: RelocationSummary[] }>;
}
export interface ArchiveSummary {
  kind: 'archive';
  members: Array<{ name: string; size: number; elf?: ElfSummary; error?: string }>;
  index: Array<{ symbol: string; member: string }>;
}

const hex = (v: bigint | number): string => `0x${BigInt(v).toString(16)}`;
const strip = (name: string | undefined, prefix: string, value: number | bigint): string =>
  name ? name.slice(prefix.length) : `<unknown>: ${hex(value)}`;

const MACHINES: Record<number, string> = {
  3: 'Intel 80386',
  40: 'ARM',
  62: 'Advanced Micro Devices X86-64',
  183: 'AArch64',
  243: 'RISC-V',
};
const TYPES: Record<number, string> = {
  0: 'NONE (None)',
  1: 'REL (Relocatable file)',
  2: 'EXEC (Executable file)',
  3: 'DYN (Shared object file)',
  4: 'CORE (Core file)',
};
const SEGMENT_TYPES: Record<number, string> = {
  [PT.PT_GNU_EH_FRAME]: 'GNU_EH_FRAME',
  [PT.PT_GNU_STACK]: 'GNU_STACK',
  [PT.PT_GNU_RELRO]: 'GNU_RELRO',
  [PT.PT_GNU_PROPERTY]: 'GNU_PROPERTY',
};
const SECTION_TYPES: Record<number, string> = {
  [SHT.SHT_GNU_HASH]: 'GNU_HASH',
  [SHT.SHT_GNU_verdef]: 'VERDEF',
  [SHT.SHT_GNU_verneed]: 'VERNEED',
  [SHT.SHT_GNU_versym]: 'VERSYM',
  [SHT.SHT_GNU_ATTRIBUTES]: 'GNU_ATTRIBUTES',
};

/** readelf's section flag letters (readelf -S "Key to Flags"). */
function sectionFlags(flags: bigint): string {
  const letters: Array<[bigint, string]> = [
    [SHF_WRITE, 'W'], [SHF_ALLOC, 'A'], [SHF_EXECINSTR, 'X'], [SHF_MERGE, 'M'], [SHF_STRINGS, 'S'],
    [SHF_INFO_LINK, 'I'], [SHF_LINK_ORDER, 'L'], [SHF_GROUP, 'G'], [SHF_TLS, 'T'], [SHF_COMPRESSED, 'C'],
    [SHF_EXCLUDE, 'E'],
  ];
  return letters.filter(([bit]) => (flags & bit) !== 0n).map(([, l]) => l).join('');
}

function segmentFlags(flags: number): string {
  return `${flags & PF_R ? 'R' : ' '}${flags & PF_W ? 'W' : ' '}${flags & PF_X ? 'E' : ' '}`;
}

/** Sections a segment holds (readelf's "Section to Segment mapping", simplified: an
 *  allocated section whose address range lies inside the segment's memory image; TLS .tbss
 *  only counts for PT_TLS). */
function sectionsIn(p: ElfSegment, sections: ElfSection[]): string[] {
  return sections
    .filter((s) => s.index !== 0 && (s.flags & SHF_ALLOC) !== 0n)
    .filter((s) => !(s.type === SHT_NOBITS && (s.flags & SHF_TLS) !== 0n && p.type !== PT_TLS))
    .filter((s) => s.addr >= p.vaddr && s.addr + (s.size === 0n ? 0n : s.size) <= p.vaddr + p.memsz && !(s.size === 0n && s.addr === p.vaddr + p.memsz))
    .map((s) => s.name);
}

function ndx(shndx: number): string {
  if (shndx === SHN.SHN_UNDEF) return 'UND';
  if (shndx === SHN.SHN_ABS) return 'ABS';
  if (shndx === SHN.SHN_COMMON) return 'COM';
  return String(shndx);
}

export function summarizeElf(elf: ElfFile): ElfSummary {
  const h = elf.header;
  const header: HeaderSummary = {
    class: `ELF${h.class}`,
    type: TYPES[h.type] ?? `<unknown>: ${hex(h.type)}`,
    machine: MACHINES[h.machine] ?? `<unknown>: ${hex(h.machine)}`,
    entry: hex(h.entry),
    flags: hex(h.flags),
    phnum: elf.segments.length,
    shnum: elf.sections.length,
  };
  const sections = elf.sections.map((s) => ({
    index: s.index,
    name: s.name,
    type: SECTION_TYPES[s.type] ?? strip(nameOf(SHT, s.type), 'SHT_', s.type),
    addr: hex(s.addr),
    offset: hex(s.offset),
    size: hex(s.size),
    entsize: hex(s.entsize),
    flags: sectionFlags(s.flags),
    link: s.link,
    info: s.info,
    align: hex(s.addralign),
  }));
  const segments = elf.segments.map((p) => ({
    type: SEGMENT_TYPES[p.type] ?? strip(nameOf(PT, p.type), 'PT_', p.type),
    offset: hex(p.offset),
    vaddr: hex(p.vaddr),
    paddr: hex(p.paddr),
    filesz: hex(p.filesz),
    memsz: hex(p.memsz),
    flags: segmentFlags(p.flags),
    align: hex(p.align),
    sections: sectionsIn(p, elf.sections),
  }));
  const symbolTables = elf.symbolTables.map((t) => ({
    name: t.name,
    symbols: t.symbols.map((s) => ({
      index: s.index,
      value: hex(s.value),
      size: s.size.toString(),
      type: strip(nameOf(STT, s.type), 'STT_', s.type),
      bind: s.bind === STB.STB_GNU_UNIQUE ? 'UNIQUE' : strip(nameOf(STB, s.bind), 'STB_', s.bind),
      visibility: strip(nameOf(STV, s.visibility), 'STV_', s.visibility),
      ndx: ndx(s.shndx),
      name:
        (s.type === STT.STT_SECTION && s.name === '' ? (elf.sections[s.shndx]?.name ?? '') : s.name) +
        (s.version ? `${s.version.hidden || !s.version.defined ? '@' : '@@'}${s.version.name}` : ''),
    })),
  }));
  const relocNames = relocationNames(h.machine);
  const relocations = elf.relocationSections.map((rs) => {
    const table = elf.symbolTables.find((t) => t.section === rs.symtab);
    return {
      name: rs.name,
      target: elf.sections[rs.target]?.name ?? '',
      relocations: rs.relocations.map((r) => {
        const sym = table?.symbols[r.symbol];
        const symName =
          sym === undefined ? '' : sym.type === STT.STT_SECTION ? (elf.sections[sym.shndx]?.name ?? '') : sym.name;
        return {
          offset: hex(r.offset),
          type: (relocNames && nameOf(relocNames, r.type)) ?? `<unknown>: ${hex(r.type)}`,
          symbol: symName,
          addend: r.addend < 0n ? `-${hex(-r.addend)}` : hex(r.addend),
        };
      }),
    };
  });
  const notes = elf.notes.map((n) => ({
    where: n.section !== undefined ? (elf.sections[n.section]?.name ?? '') : `PT_NOTE ${n.segment}`,
    owner: n.name,
    type: (n.name === 'GNU' ? nameOf(NT_GNU, n.type) : undefined) ?? hex(n.type),
    size: n.desc.length,
    desc: [...n.desc.subarray(0, 64)].map((b) => b.toString(16).padStart(2, '0')).join(''),
  }));
  const dynamic = elf.dynamic.map((d) => ({
    tag: nameOf(DT, d.tag)?.replace(/^DT_/, '') ?? hex(BigInt.asUintN(64, d.tag)),
    value: hex(d.value),
  }));
  return { kind: 'elf', header, sections, segments, symbolTables, relocations, notes, dynamic };
}

/** Reads and summarizes FILE's bytes: an ELF file or an ar archive of them. Throws ElfError. */
export function summarize(bytes: Uint8Array): ElfSummary | ArchiveSummary {
  if (!isArchive(bytes)) return summarizeElf(readElf(bytes));
  const archive = readArchive(bytes);
  return {
    kind: 'archive',
    members: archive.members.map((m) => {
      try {
        return { name: m.name, size: m.data.length, elf: summarizeElf(readElf(m.data)) };
      } catch (e) {
        return { name: m.name, size: m.data.length, error: (e as Error).message };
      }
    }),
    index: archive.symbols.map((s) => ({ symbol: s.name, member: archive.members[s.member]!.name })),
  };
}
