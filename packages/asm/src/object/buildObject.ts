// From the assembler's sections and symbols to the ELF object model (@vsys/elf model.ts).
//
// What reaches the symbol table follows GNU as on ELF: `.file` names (STT_FILE), every label
// and `=` symbol except `.L…` and numeric local labels, common symbols, undefined symbols that
// are referenced or declared global, and the section symbols that relocations use (binutils
// ≥ 2.36 omits unused section symbols). A symbol that is referenced but never defined becomes
// global undefined. Section headers keep GNU as's order: .text, .data, .bss, then the others
// in order of first use.
import type { ObjectFile, ObjRelocation, ObjSection, ObjSymbol } from '@vsys/elf';
import type { Assembler } from '../assembler.js';
import type { Section } from '../sections/section.js';
import { labelOffset, type AsmSymbol } from '../symbols/symbol.js';
import type { PendingRelocation } from '../layout/fixups.js';
import { sectionBytes } from '../layout/layout.js';
import {
  SHF_TLS, STT_OBJECT, STT_TLS, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FILE, STT_SECTION,
} from './elfConstants.js';

const bindNumber = { local: STB_LOCAL, global: STB_GLOBAL, weak: STB_WEAK } as const;

export function buildObject(asm: Assembler, relocations: Map<Section, PendingRelocation[]>): ObjectFile {
  const sections: ObjSection[] = [];
  const symbols: ObjSymbol[] = [];
  const symbolIndex = new Map<AsmSymbol, number>();
  const sectionSymbolIndex = new Map<Section, number>();

  for (const name of asm.fileSymbols) {
    symbols.push({ name, value: 0n, size: 0n, bind: STB_LOCAL, type: STT_FILE, section: { kind: 'absolute' } });
  }

  for (const s of asm.sections) {
    const data = s.nobits ? new Uint8Array(0) : sectionBytes(asm, s);
    sections.push({
      name: s.name,
      type: s.type,
      flags: s.flags,
      align: BigInt(s.align),
      entsize: s.entsize !== 0n ? s.entsize : undefined,
      data,
      size: s.nobits ? s.size : undefined,
      relocations: [],
    });
  }
  const env = { mode: 'final' as const, lookup: (n: string) => asm.symbol(n), dot: () => asm.dotSymbol() };
  const sizeOf = (sym: AsmSymbol): bigint => {
    if (!sym.size) return 0n;
    const r = asm.evaluateValue(sym.size, env);
    return r.ok && r.value.terms.length === 0 ? r.value.constant : 0n;
  };
  for (const sym of asm.symbols.values()) {
    // Internal (.L, numeric) symbols appear only when a relocation must name them.
    if (sym.internal && !sym.usedInReloc) continue;
    const other = sym.visibility !== 0 ? sym.visibility : undefined;
    let size = 0n;
    if (sym.size) {
      const r = asm.evaluateValue(sym.size, env);
      if (r.ok && r.value.terms.length === 0) size = r.value.constant;
      else asm.error(sym.size.loc, r.ok ? `.size expression for '${sym.name}' is not absolute` : r.message);
    }
    switch (sym.kind) {
      case 'label':
        symbolIndex.set(sym, symbols.length);
        symbols.push({
          // Labels in TLS sections are STT_TLS (GNU as obj-elf.c elf_frob_symbol).
          name: sym.name, value: labelOffset(sym), size, bind: bindNumber[sym.bind],
          type: (sym.elfType === 0 || sym.elfType === STT_OBJECT) && (sym.section!.flags & SHF_TLS) !== 0n ? STT_TLS : sym.elfType, other,
          section: { kind: 'section', index: sym.section!.index },
        });
        break;
      case 'equ': {
        const r = asm.evaluateValue(sym.expr!, env);
        if (!r.ok) {
          asm.error(r.loc, r.message);
          break;
        }
        const { terms, constant } = r.value;
        if (terms.length === 0) {
          symbolIndex.set(sym, symbols.length);
          symbols.push({ name: sym.name, value: constant, size, bind: bindNumber[sym.bind], type: sym.elfType, other, section: { kind: 'absolute' } });
        } else if (terms.length === 1 && terms[0]!.coeff === 1n && terms[0]!.sym.kind === 'label') {
          const base = terms[0]!.sym;
          symbolIndex.set(sym, symbols.length);
          symbols.push({
            // GNU as copies the type and size of the symbol an alias is defined from.
            name: sym.name, value: labelOffset(base) + constant, size: sym.size ? size : sizeOf(base), bind: bindNumber[sym.bind],
            type: sym.elfType || base.elfType, other,
            section: { kind: 'section', index: base.section!.index },
          });
        } else if (sym.bind !== 'local') {
          asm.error(sym.defLoc ?? asm.stmtLoc, `symbol '${sym.name}' is global but its value is not an address or a number`);
        }
        break;
      }
      case 'common':
        symbolIndex.set(sym, symbols.length);
        symbols.push({
          name: sym.name, value: sym.commonAlign, size: sym.commonSize, bind: bindNumber[sym.bind === 'local' ? 'global' : sym.bind],
          type: sym.elfType, other, section: { kind: 'common' },
        });
        break;
      case 'undefined':
        if (!sym.usedInReloc && sym.bind === 'local') break;
        symbolIndex.set(sym, symbols.length);
        symbols.push({
          name: sym.name, value: 0n, size: 0n, bind: sym.bind === 'weak' ? STB_WEAK : STB_GLOBAL, type: sym.elfType, other,
          section: { kind: 'undefined' },
        });
        break;
    }
  }

  for (const s of asm.sections) {
    const list = relocations.get(s) ?? [];
    const out: ObjRelocation[] = [];
    for (const r of list) {
      let symbol = -1;
      if (r.target !== null) {
        if ('frags' in r.target) {
          const sec = r.target;
          let idx = sectionSymbolIndex.get(sec);
          if (idx === undefined) {
            idx = symbols.length;
            symbols.push({ name: '', value: 0n, size: 0n, bind: STB_LOCAL, type: STT_SECTION, section: { kind: 'section', index: sec.index } });
            sectionSymbolIndex.set(sec, idx);
          }
          symbol = idx;
        } else {
          const idx = symbolIndex.get(r.target);
          if (idx === undefined) {
            asm.error(asm.stmtLoc, `internal: relocation against unknown symbol '${r.target.name}'`);
            continue;
          }
          symbol = idx;
        }
      }
      out.push({ offset: r.offset, type: r.type, symbol, addend: r.addend });
    }
    sections[s.index]!.relocations = out;
  }

  return { machine: asm.backend.machine, sections, symbols };
}
