// Grouping input sections into output sections, following the shape of GNU ld's default
// linker script (ld --verbose): `.text : { *(.text .text.*) }`, `.rodata : { *(.rodata
// .rodata.*) }`, `.data`, `.bss : { *(.bss .bss.*) *(COMMON) }`, `.tdata`, `.tbss`,
// `.init_array`, `.fini_array`, `.preinit_array`, and each `.note.*` kept by name. Other
// allocated sections keep their own name and are placed by their flags. Non-allocated
// sections (.comment, .debug_*, .note.GNU-stack) are not copied into the image.

import {
  SHF_ALLOC, SHF_EXECINSTR, SHF_TLS, SHF_WRITE, SHT_INIT_ARRAY, SHT_FINI_ARRAY, SHT_NOBITS,
  SHT_NOTE, SHT_PREINIT_ARRAY, SHT_PROGBITS,
} from '@vsys/elf';
import type { LoadedObject } from '../inputs/loaded-object.js';

/** Where an output section goes, in segment order. */
export type SectionClass = 'note' | 'text' | 'rodata' | 'tdata' | 'tbss' | 'array' | 'data' | 'got' | 'bss' | 'dynamic';

export const CLASS_ORDER: SectionClass[] = ['dynamic', 'note', 'text', 'rodata', 'tdata', 'tbss', 'array', 'data', 'got', 'bss'];

/** A piece of an output section: an input section, or something the linker made (COMMON
 *  symbols, GOT slots). */
export interface InputPiece {
  file: LoadedObject | undefined;
  /** Index in file.object.sections; -1 for linker-made pieces. */
  sectionIndex: number;
  name: string;
  type: number;
  flags: bigint;
  align: bigint;
  size: bigint;
  /** Contents (a copy, relocated in place); empty for NOBITS. */
  data: Uint8Array;
  out: OutputSection;
  /** Offset inside the output section. */
  offset: bigint;
}

export interface OutputSection {
  name: string;
  type: number;
  flags: bigint;
  align: bigint;
  cls: SectionClass;
  pieces: InputPiece[];
  size: bigint;
  addr: bigint;
  fileOffset: bigint;
  /** Filled after layout (empty for NOBITS). */
  data: Uint8Array;
}

/** ld's output section name for an input section (ld --verbose default script). */
export function outputName(name: string, type: number, flags: bigint): string {
  const prefixes = ['.text', '.rodata', '.data.rel.ro', '.data', '.bss', '.tdata', '.tbss', '.init_array', '.fini_array', '.preinit_array'];
  for (const p of prefixes) {
    if (name === p || name.startsWith(p + '.')) return p === '.data.rel.ro' ? '.data' : p;
  }
  if (name.startsWith('.gnu.linkonce.t.')) return '.text';
  if (name.startsWith('.gnu.linkonce.r.')) return '.rodata';
  if (name.startsWith('.gnu.linkonce.d.')) return '.data';
  if (name.startsWith('.gnu.linkonce.b.')) return '.bss';
  if (type === SHT_INIT_ARRAY) return '.init_array';
  if (type === SHT_FINI_ARRAY) return '.fini_array';
  void flags;
  return name;
}

export function classify(name: string, type: number, flags: bigint): SectionClass {
  const tls = (flags & SHF_TLS) !== 0n;
  if (tls) return type === SHT_NOBITS ? 'tbss' : 'tdata';
  if (type === SHT_NOTE) return 'note';
  if (type === SHT_INIT_ARRAY || type === SHT_FINI_ARRAY || type === SHT_PREINIT_ARRAY) return 'array';
  if ((flags & SHF_EXECINSTR) !== 0n) return 'text';
  if (type === SHT_NOBITS) return 'bss';
  if ((flags & SHF_WRITE) !== 0n) return name === '.got' ? 'got' : 'data';
  return 'rodata';
}

/** Canonical order inside a class (ld's script order); unknown names follow in first-seen
 *  order. */
const KNOWN_ORDER = ['.hash', '.dynsym', '.dynstr', '.gnu.version', '.gnu.version_d', '.dynamic', '.init', '.text', '.fini', '.rodata', '.eh_frame', '.preinit_array', '.init_array', '.fini_array', '.data', '.got', '.bss'];

export function isKept(type: number, flags: bigint): boolean {
  return (flags & SHF_ALLOC) !== 0n && type !== 0;
}

export class OutputSections {
  readonly list: OutputSection[] = [];
  private readonly byName = new Map<string, OutputSection>();

  get(name: string): OutputSection | undefined {
    return this.byName.get(name);
  }

  /** The output section for an input section (created on first use). */
  sectionFor(name: string, type: number, flags: bigint): OutputSection {
    const outName = outputName(name, type, flags);
    let out = this.byName.get(outName);
    if (!out) {
      const cls = classify(outName, type, flags);
      out = {
        name: outName,
        type: type === SHT_NOBITS ? SHT_NOBITS : type,
        flags,
        align: 1n,
        cls,
        pieces: [],
        size: 0n,
        addr: 0n,
        fileOffset: 0n,
        data: new Uint8Array(0),
      };
      this.byName.set(outName, out);
      this.list.push(out);
    } else {
      // A PROGBITS input joining a NOBITS output makes it PROGBITS (ld does the same).
      if (out.type === SHT_NOBITS && type !== SHT_NOBITS) out.type = SHT_PROGBITS;
      out.flags |= flags;
    }
    return out;
  }

  add(piece: Omit<InputPiece, 'out' | 'offset'>, out: OutputSection): InputPiece {
    const align = piece.align > 0n ? piece.align : 1n;
    const offset = (out.size + align - 1n) & ~(align - 1n);
    const full: InputPiece = { ...piece, out, offset };
    out.pieces.push(full);
    out.size = offset + piece.size;
    if (align > out.align) out.align = align;
    return full;
  }

  /** ld's `KEEP (*(SORT_BY_INIT_PRIORITY(.init_array.*) …)) KEEP (*(.init_array …))`: in
   *  .init_array / .fini_array / .preinit_array, inputs named `<name>.<priority>` come first in
   *  increasing numeric priority, then the unnumbered ones in link order. Offsets are redone. */
  sortInitPriorities(): void {
    for (const out of this.list) {
      if (!['.init_array', '.fini_array', '.preinit_array'].includes(out.name)) continue;
      const priority = (p: InputPiece): number => {
        const m = /\.(\d+)$/.exec(p.name);
        return m && p.name.startsWith(out.name + '.') ? Number(m[1]) : Number.POSITIVE_INFINITY;
      };
      const sorted = out.pieces.map((p, i) => ({ p, i })).sort((a, b) => priority(a.p) - priority(b.p) || a.i - b.i).map((x) => x.p);
      out.pieces = [];
      out.size = 0n;
      for (const p of sorted) {
        const align = p.align > 0n ? p.align : 1n;
        p.offset = (out.size + align - 1n) & ~(align - 1n);
        out.pieces.push(p);
        out.size = p.offset + p.size;
      }
    }
  }

  /** Drops output sections that ended up empty and hold no symbol (GNU as gives every object
   *  empty .data and .bss; ld drops such output sections too). */
  removeEmpty(keep: (s: OutputSection) => boolean): void {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const s = this.list[i]!;
      if (s.size === 0n && !keep(s)) {
        this.list.splice(i, 1);
        this.byName.delete(s.name);
      }
    }
  }

  /** Output sections in image order: by class, then ld's order of known names, then first seen. */
  ordered(): OutputSection[] {
    const rank = (s: OutputSection): number => {
      const k = KNOWN_ORDER.indexOf(s.name);
      return k < 0 ? KNOWN_ORDER.length + this.list.indexOf(s) : k;
    };
    return [...this.list].sort((a, b) => CLASS_ORDER.indexOf(a.cls) - CLASS_ORDER.indexOf(b.cls) || rank(a) - rank(b));
  }
}
