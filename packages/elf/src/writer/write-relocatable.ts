// writeRelocatable: ObjectFile (model.ts) → ELF64 ET_REL bytes, laid out as GNU as does:
//   ELF header | section contents (each aligned) | .rela<name> after each section's data |
//   .symtab | .strtab | .shstrtab | section header table (8-aligned).
// Section header order: null, then each ObjSection followed directly by its `.rela<name>`
// (when it has relocations), then .symtab, .strtab, .shstrtab.
// Symbols: the null symbol, then every STB_LOCAL symbol in the order given, then the rest in
// the order given; .symtab's sh_info is the index of the first non-local (gABI "Symbol
// Table": "one greater than the symbol table index of the last local symbol").
// Relocations are renumbered to that order. STT_SECTION symbols are written with st_name 0,
// as GNU as does; use `sectionSymbol()` to get (or add) one for a section.

import * as C from '../constants.js';
import { ElfError } from '../errors.js';
import { ByteWriter, StringTable } from '../bytes/byte-writer.js';
import type { ObjectFile, ObjSymbol } from '../model.js';
import { EHDR_SIZE, RELA_SIZE, SYM_SIZE, writeEhdr, writeRela, writeShdr, writeSym } from './records.js';

interface PlannedSection {
  name: string;
  type: number;
  flags: bigint;
  addralign: bigint;
  entsize: bigint;
  data: Uint8Array;
  size: bigint;
  link: number;
  info: number;
  offset: bigint;
}

export function writeRelocatable(obj: ObjectFile): Uint8Array {
  const nsec = obj.sections.length;
  // Output section index of each ObjSection and of its .rela section.
  const outIndex: number[] = [];
  let next = 1;
  for (const s of obj.sections) {
    outIndex.push(next++);
    if (s.relocations.length > 0) next++;
  }
  const symtabIndex = next++;
  const strtabIndex = next++;
  const shstrtabIndex = next++;
  const shnum = next;
  if (shnum >= C.SHN_LORESERVE) {
    throw new ElfError(`too many sections (${shnum}); extended section numbering is not written`, 'e_shnum');
  }

  // Symbol order: locals first (stable), then globals and weaks.
  const order: number[] = [];
  obj.symbols.forEach((s, i) => {
    if (s.bind === C.STB_LOCAL) order.push(i);
  });
  const firstGlobal = order.length + 1;
  obj.symbols.forEach((s, i) => {
    if (s.bind !== C.STB_LOCAL) order.push(i);
  });
  const elfSymIndex = new Int32Array(obj.symbols.length);
  order.forEach((objIndex, pos) => {
    elfSymIndex[objIndex] = pos + 1;
  });

  const strtab = new StringTable();
  const symw = new ByteWriter();
  writeSym(symw, { name: 0, bind: 0, type: 0, other: 0, shndx: 0, value: 0n, size: 0n });
  for (const i of order) {
    const s = obj.symbols[i]!;
    writeSym(symw, {
      name: s.type === C.STT_SECTION && s.name === '' ? 0 : strtab.add(s.name),
      bind: s.bind,
      type: s.type,
      other: s.other ?? 0,
      shndx: symbolShndx(s, i, outIndex, nsec),
      value: s.value,
      size: s.size,
    });
  }

  const shstrtab = new StringTable();
  const planned: PlannedSection[] = [];
  obj.sections.forEach((s, i) => {
    const nobits = s.type === C.SHT_NOBITS;
    if (nobits && s.data.length !== 0) {
      throw new ElfError(`section ${s.name} is SHT_NOBITS but has ${s.data.length} data bytes`, 'sh_type');
    }
    planned.push({
      name: s.name,
      type: s.type,
      flags: s.flags,
      addralign: s.align,
      entsize: s.entsize ?? 0n,
      data: s.data,
      size: nobits ? (s.size ?? 0n) : BigInt(s.data.length),
      link: 0,
      info: 0,
      offset: 0n,
    });
    if (s.relocations.length > 0) {
      const rw = new ByteWriter();
      for (const r of s.relocations) {
        let sym = 0;
        if (r.symbol !== -1) {
          if (!Number.isInteger(r.symbol) || r.symbol < 0 || r.symbol >= obj.symbols.length) {
            throw new ElfError(
              `relocation at ${s.name}+0x${r.offset.toString(16)} names symbol ${r.symbol}, but there are ${obj.symbols.length}`,
              'r_info',
            );
          }
          sym = elfSymIndex[r.symbol]!;
        }
        writeRela(rw, r.offset, sym, r.type, r.addend);
      }
      const data = rw.finish();
      planned.push({
        name: `.rela${s.name}`,
        type: C.SHT_RELA,
        flags: C.SHF_INFO_LINK,
        addralign: 8n,
        entsize: BigInt(RELA_SIZE),
        data,
        size: BigInt(data.length),
        link: symtabIndex,
        info: outIndex[i]!,
        offset: 0n,
      });
    }
  });
  const symData = symw.finish();
  planned.push({
    name: '.symtab', type: C.SHT_SYMTAB, flags: 0n, addralign: 8n, entsize: BigInt(SYM_SIZE),
    data: symData, size: BigInt(symData.length), link: strtabIndex, info: firstGlobal, offset: 0n,
  });
  const strData = strtab.finish();
  planned.push({
    name: '.strtab', type: C.SHT_STRTAB, flags: 0n, addralign: 1n, entsize: 0n,
    data: strData, size: BigInt(strData.length), link: 0, info: 0, offset: 0n,
  });
  const shstrPlan: PlannedSection = {
    name: '.shstrtab', type: C.SHT_STRTAB, flags: 0n, addralign: 1n, entsize: 0n,
    data: new Uint8Array(0), size: 0n, link: 0, info: 0, offset: 0n,
  };
  planned.push(shstrPlan);
  const nameOffsets = planned.map((p) => shstrtab.add(p.name));
  shstrPlan.data = shstrtab.finish();
  shstrPlan.size = BigInt(shstrPlan.data.length);

  const w = new ByteWriter();
  w.zeros(EHDR_SIZE);
  for (const p of planned) {
    const align = Number(p.addralign > 1n ? p.addralign : 1n);
    if (!Number.isSafeInteger(align) || (align & (align - 1)) !== 0) {
      throw new ElfError(`section ${p.name} has alignment ${p.addralign}, which is not a power of two`, 'sh_addralign');
    }
    if (p.type === C.SHT_NOBITS) {
      p.offset = BigInt(w.align(Math.min(align, 4096)));
      continue;
    }
    p.offset = BigInt(w.align(Math.min(align, 4096)));
    w.bytes(p.data);
  }
  const shoff = w.align(8);
  writeShdr(w, { name: 0, type: 0, flags: 0n, addr: 0n, offset: 0n, size: 0n, link: 0, info: 0, addralign: 0n, entsize: 0n });
  planned.forEach((p, i) => {
    writeShdr(w, {
      name: nameOffsets[i]!,
      type: p.type,
      flags: p.flags,
      addr: 0n,
      offset: p.offset,
      size: p.size,
      link: p.link,
      info: p.info,
      addralign: p.addralign,
      entsize: p.entsize,
    });
  });
  const out = w.finish();
  const hw = new ByteWriter();
  writeEhdr(hw, {
    type: C.ET_REL,
    machine: obj.machine,
    entry: 0n,
    phoff: 0n,
    shoff: BigInt(shoff),
    flags: obj.flags ?? 0,
    phnum: 0,
    shnum,
    shstrndx: shstrtabIndex,
  });
  out.set(hw.finish(), 0);
  return out;
}

function symbolShndx(s: ObjSymbol, i: number, outIndex: number[], nsec: number): number {
  switch (s.section.kind) {
    case 'undefined':
      return C.SHN_UNDEF;
    case 'absolute':
      return C.SHN_ABS;
    case 'common':
      return C.SHN_COMMON;
    case 'section': {
      const idx = s.section.index;
      if (!Number.isInteger(idx) || idx < 0 || idx >= nsec) {
        throw new ElfError(`symbol ${i} (${s.name || 'unnamed'}) names section ${idx}, but there are ${nsec}`, 'st_shndx');
      }
      return outIndex[idx]!;
    }
    default:
      throw new ElfError(`symbol ${i} (${s.name || 'unnamed'}) has an unknown section kind`, 'st_shndx');
  }
}

/** The index of a STT_SECTION symbol for `sectionIndex` in `obj.symbols`, adding one (local,
 *  value 0) if there is none. Relocations against local labels usually go through these. */
export function sectionSymbol(obj: ObjectFile, sectionIndex: number): number {
  const found = obj.symbols.findIndex(
    (s) => s.type === C.STT_SECTION && s.section.kind === 'section' && s.section.index === sectionIndex,
  );
  if (found >= 0) return found;
  obj.symbols.push({
    name: '',
    value: 0n,
    size: 0n,
    bind: C.STB_LOCAL,
    type: C.STT_SECTION,
    section: { kind: 'section', index: sectionIndex },
  });
  return obj.symbols.length - 1;
}
