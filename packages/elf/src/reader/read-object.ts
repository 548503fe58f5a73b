// readObject: an ET_REL file (GNU as's or ours) → the ObjectFile model of model.ts.
//
// What is kept: every section except the null section, the symbol table, its string table,
// the section-name string table, SHT_RELA/SHT_REL sections (their entries move onto the
// section they apply to) and SHT_GROUP / SHT_SYMTAB_SHNDX bookkeeping. Symbols keep their
// order (minus the null symbol), so ObjectFile symbol i is ELF symbol i+1. SHT_REL entries
// (implicit addends, ELF32 style) are read with addend 0n: the addend stays in the bytes.

import * as C from '../constants.js';
import { ElfError } from '../errors.js';
import type { ObjectFile, ObjSection, ObjSymbol, SymbolSection } from '../model.js';
import { readElf } from './read-elf.js';
import type { ElfFile } from './types.js';

export function readObject(bytes: Uint8Array): ObjectFile {
  return objectFromElf(readElf(bytes));
}

export function objectFromElf(elf: ElfFile): ObjectFile {
  if (elf.header.type !== C.ET_REL) {
    throw new ElfError(`e_type is ${elf.header.type}, not ET_REL (1): not a relocatable object`, 'e_type');
  }
  const symtabs = elf.symbolTables.filter((t) => t.type === C.SHT_SYMTAB);
  if (symtabs.length > 1) throw new ElfError('more than one SHT_SYMTAB section', 'sh_type');
  const symtab = symtabs[0];
  const dropped = new Set<number>([0, elf.header.shstrndx]);
  if (symtab) {
    dropped.add(symtab.section);
    dropped.add(elf.sections[symtab.section]!.link);
  }
  for (const s of elf.sections) {
    if (
      s.type === C.SHT_RELA ||
      s.type === C.SHT_REL ||
      s.type === C.SHT_GROUP ||
      s.type === C.SHT_SYMTAB_SHNDX ||
      s.type === C.SHT_SYMTAB
    ) {
      dropped.add(s.index);
    }
  }
  const indexMap = new Map<number, number>(); // ELF section index → ObjectFile section index
  const sections: ObjSection[] = [];
  for (const s of elf.sections) {
    if (dropped.has(s.index)) continue;
    indexMap.set(s.index, sections.length);
    const nobits = s.type === C.SHT_NOBITS;
    const section: ObjSection = {
      name: s.name,
      type: s.type,
      flags: s.flags,
      align: s.addralign,
      data: nobits ? new Uint8Array(0) : s.data.slice(),
      relocations: [],
    };
    if (s.entsize !== 0n) section.entsize = s.entsize;
    if (nobits) section.size = s.size;
    sections.push(section);
  }

  const symbols: ObjSymbol[] = [];
  if (symtab) {
    for (const sym of symtab.symbols) {
      if (sym.index === 0) continue;
      let section: SymbolSection;
      if (sym.shndx === C.SHN_UNDEF) section = { kind: 'undefined' };
      else if (sym.shndx === C.SHN_ABS) section = { kind: 'absolute' };
      else if (sym.shndx === C.SHN_COMMON) section = { kind: 'common' };
      else {
        const mapped = indexMap.get(sym.shndx);
        if (mapped === undefined) {
          throw new ElfError(
            `st_shndx ${sym.shndx} of symbol ${sym.index} (${sym.name || 'unnamed'}) does not name a kept section`,
            'st_shndx',
          );
        }
        section = { kind: 'section', index: mapped };
      }
      const out: ObjSymbol = {
        name: sym.name,
        value: sym.value,
        size: sym.size,
        bind: sym.bind,
        type: sym.type,
        section,
      };
      if (sym.other !== 0) out.other = sym.other;
      symbols.push(out);
    }
  }

  for (const rs of elf.relocationSections) {
    const target = indexMap.get(rs.target);
    if (target === undefined) {
      throw new ElfError(`sh_info ${rs.target} of relocation section ${rs.section} (${rs.name}) does not name a kept section`, 'sh_info');
    }
    if (!symtab || rs.symtab !== symtab.section) {
      throw new ElfError(`sh_link ${rs.symtab} of relocation section ${rs.section} (${rs.name}) is not the symbol table`, 'sh_link');
    }
    for (const rel of rs.relocations) {
      if (rel.symbol >= symtab.symbols.length) {
        throw new ElfError(
          `relocation in ${rs.name} names symbol ${rel.symbol}, but the symbol table has ${symtab.symbols.length}`,
          'r_info',
        );
      }
      sections[target]!.relocations.push({
        offset: rel.offset,
        type: rel.type,
        symbol: rel.symbol === 0 ? -1 : rel.symbol - 1,
        addend: rel.addend,
      });
    }
  }
  const obj: ObjectFile = { machine: elf.header.machine, sections, symbols };
  if (elf.header.flags !== 0) obj.flags = elf.header.flags;
  return obj;
}
