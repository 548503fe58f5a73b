// link(): objects + archives → an ELF executable (or, with options.shared, a shared object).
// The passes, in order:
//   1. load: objects as given; archive members pulled for undefined symbols (fixed point);
//   2. resolve: global symbols (symbols/symbol-table.ts), duplicate definitions reported;
//   3. merge: allocated input sections into output sections (layout/output-sections.ts),
//      COMMON symbols into .bss, GOT slots for GOT-using relocations into .got;
//   4. lay out: addresses, file offsets and program headers (layout/segments.ts);
//   5. define linker symbols (_end, __bss_start, __init_array_start, …) that are referenced;
//   6. relocate: per-architecture (relocate/x86-64.ts, relocate/aarch64.ts); undefined
//      references and overflows become diagnostics naming the file and section+offset;
//   7. write: @vsys/elf writeImage, with .symtab unless options.strip; the map if asked.

import {
  EM_AARCH64, EM_X86_64, ElfError, ET_DYN, ET_EXEC, SHF_ALLOC, SHF_WRITE, SHN_ABS, SHN_UNDEF, SHT_NOBITS,
  SHT_PROGBITS, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FILE, STT_NOTYPE, STT_SECTION, writeImage,
  type ImageSection, type ImageSymbol, type ObjSymbol,
} from '@vsys/elf';
import type { Diagnostic, LinkInput, LinkOptions, LinkResult } from './types.js';
import type { LoadedObject } from './inputs/loaded-object.js';
import { pullArchiveMembers, type ArchiveInput } from './inputs/archive-pull.js';
import { SymbolTable } from './symbols/symbol-table.js';
import { describeSite } from './symbols/describe.js';
import { OutputSections, isKept, type InputPiece, type OutputSection } from './layout/output-sections.js';
import { layoutSegments, type Layout } from './layout/segments.js';
import type { ArchRelocator, GotKind } from './relocate/arch.js';
import { Field, RelocationOverflow } from './relocate/field.js';
import { x86_64Relocator } from './relocate/x86-64.js';
import { aarch64Relocator } from './relocate/aarch64.js';
import { formatMap } from './output/map-file.js';
import { buildDynamic, type DynamicParts } from './output/shared.js';

const hex = (v: bigint): string => (v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);

/** Where a relocation's symbol points after resolution. */
type Target =
  | { kind: 'address'; key: string; address: () => bigint; defined: true }
  | { kind: 'undefined-weak'; key: string; defined: false }
  | { kind: 'undefined'; name: string; defined: false };

const STT_GNU_IFUNC = 10;

/** Symbols GNU ld's default script PROVIDEs; defined only when referenced and not defined. */
const LINKER_SYMBOLS = [
  '__executable_start', '__ehdr_start', 'etext', '_etext', '__etext', 'edata', '_edata', '__bss_start',
  'end', '_end', '__init_array_start', '__init_array_end', '__fini_array_start', '__fini_array_end',
  '__preinit_array_start', '__preinit_array_end', '_GLOBAL_OFFSET_TABLE_',
];

export function link(inputs: LinkInput[], options: LinkOptions = {}): LinkResult {
  const diagnostics: Diagnostic[] = [];
  const fail = (): LinkResult => ({ image: undefined, map: undefined, diagnostics });
  const error = (message: string): void => void diagnostics.push({ severity: 'error', message });

  // 1. Load.
  const objects: LoadedObject[] = [];
  const archives: ArchiveInput[] = [];
  for (const input of inputs) {
    if (input.kind === 'object') objects.push({ name: input.name, object: input.object, index: objects.length });
    else archives.push({ name: input.name, archive: input.archive });
  }
  if (objects.length === 0) {
    error('no input files');
    return fail();
  }
  const machine = objects[0]!.object.machine;
  const arch: ArchRelocator | undefined =
    machine === EM_X86_64 ? x86_64Relocator : machine === EM_AARCH64 ? aarch64Relocator : undefined;
  if (!arch) {
    error(`${objects[0]!.name}: unsupported machine ${machine} (x86-64 and AArch64 are supported)`);
    return fail();
  }

  // 2. Resolve.
  const symbols = new SymbolTable();
  for (const o of objects) symbols.addObject(o, diagnostics);
  if (!options.shared || options.entry) symbols.require(options.entry ?? '_start');
  const pulled = pullArchiveMembers(archives, symbols, objects, diagnostics);
  for (const o of objects) {
    if (o.object.machine !== machine) {
      error(`${o.name}: machine ${o.object.machine} is incompatible with ${arch.name} output (from ${objects[0]!.name})`);
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return fail();
  const provided = new Set<string>();
  for (const name of LINKER_SYMBOLS) {
    const g = symbols.globals.get(name);
    if (g && g.referenced && !symbols.resolve(name)) provided.add(name);
  }

  // 3. Merge.
  const outputs = new OutputSections();
  const pieces = new Map<LoadedObject, Array<InputPiece | undefined>>();
  const discarded: string[] = [];
  for (const o of objects) {
    const list: Array<InputPiece | undefined> = [];
    o.object.sections.forEach((s, index) => {
      if (!isKept(s.type, s.flags)) {
        if (s.data.length > 0 || (s.size ?? 0n) > 0n) discarded.push(`${o.name}(${s.name})`);
        list.push(undefined);
        return;
      }
      if (s.align < 0n || (s.align > 1n && (s.align & (s.align - 1n)) !== 0n)) {
        error(`${o.name}: section ${s.name} has alignment ${s.align}, which is not a power of two`);
        list.push(undefined);
        return;
      }
      const nobits = s.type === SHT_NOBITS;
      const size = nobits ? (s.size ?? 0n) : BigInt(s.data.length);
      const out = outputs.sectionFor(s.name, s.type, s.flags);
      list.push(
        outputs.add({ file: o, sectionIndex: index, name: s.name, type: s.type, flags: s.flags, align: s.align, size, data: nobits ? new Uint8Array(0) : s.data.slice() }, out),
      );
    });
    pieces.set(o, list);
  }
  const commonPieces = new Map<string, InputPiece>();
  for (const g of symbols.globals.values()) {
    if (!g.common || g.strong) continue;
    const out = outputs.sectionFor('.bss', SHT_NOBITS, SHF_ALLOC | SHF_WRITE);
    commonPieces.set(g.name, outputs.add({ file: g.common.file, sectionIndex: -1, name: 'COMMON', type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE, align: g.common.align, size: g.common.size, data: new Uint8Array(0) }, out));
  }

  const symbolAddress = (file: LoadedObject, sym: ObjSymbol): bigint => {
    switch (sym.section.kind) {
      case 'section': {
        const piece = pieces.get(file)![sym.section.index];
        return piece ? piece.out.addr + piece.offset + sym.value : sym.value;
      }
      case 'absolute':
        return sym.value;
      case 'common': {
        const piece = commonPieces.get(sym.name);
        return piece ? piece.out.addr + piece.offset : 0n;
      }
      default:
        return 0n;
    }
  };

  const targetOf = (file: LoadedObject, symIndex: number): Target => {
    if (symIndex === -1) return { kind: 'address', key: 'abs:0', address: () => 0n, defined: true };
    const sym = file.object.symbols[symIndex];
    if (!sym) return { kind: 'undefined', name: `#${symIndex}`, defined: false };
    if (sym.bind === STB_LOCAL || sym.type === STT_SECTION) {
      return { kind: 'address', key: `l:${file.index}:${symIndex}`, address: () => symbolAddress(file, sym), defined: true };
    }
    const r = symbols.resolve(sym.name);
    const key = `g:${sym.name}`;
    if (r?.kind === 'defined') return { kind: 'address', key, address: () => symbolAddress(r.def.file, r.sym), defined: true };
    if (r?.kind === 'common') {
      const piece = commonPieces.get(sym.name)!;
      return { kind: 'address', key, address: () => piece.out.addr + piece.offset, defined: true };
    }
    if (provided.has(sym.name)) {
      return { kind: 'address', key, address: () => symbols.globals.get(sym.name)!.linkerValue ?? 0n, defined: true };
    }
    if (sym.bind === STB_WEAK || symbols.globals.get(sym.name)?.strongReference === false) return { kind: 'undefined-weak', key, defined: false };
    return { kind: 'undefined', name: sym.name, defined: false };
  };

  // GOT slots (and undefined references), found by a first pass over the relocations.
  const gotSlots = new Map<string, { index: number; kind: GotKind; target: Target }>();
  const undefinedRefs: string[] = [];
  for (const o of objects) {
    o.object.sections.forEach((s, si) => {
      const piece = pieces.get(o)![si];
      if (!piece) return;
      const field = new Field(piece.data);
      for (const rel of s.relocations) {
        const t = targetOf(o, rel.symbol);
        const named = rel.symbol >= 0 ? o.object.symbols[rel.symbol] : undefined;
        const resolved = named && named.bind !== STB_LOCAL ? symbols.resolve(named.name) : undefined;
        const isIfunc = named?.type === STT_GNU_IFUNC || (resolved?.kind === 'defined' && resolved.sym.type === STT_GNU_IFUNC);
        if (named && isIfunc) {
          error(`${describeSite(o, s.name, rel.offset)}: '${named.name}' is an STT_GNU_IFUNC symbol; indirect functions need IRELATIVE relocations, which this static linker does not create`);
          continue;
        }
        if (t.kind === 'undefined') {
          undefinedRefs.push(`${describeSite(o, s.name, rel.offset)}: undefined reference to '${t.name}'`);
          continue;
        }
        const at = Number(rel.offset);
        if (!field.fits(at, 4) && !field.fits(at, arch.fieldSize(rel.type) ?? 8)) continue; // reported in pass 6
        if (options.shared && arch.absolute(rel.type) && t.kind === 'address' && rel.symbol !== -1) {
          error(
            `${describeSite(o, s.name, rel.offset)}: relocation ${arch.typeName(rel.type)} needs a dynamic relocation, which shared output does not support (use PC-relative addressing)`,
          );
          continue;
        }
        const kind = arch.gotKind(rel.type, field, at, t.defined);
        if (!kind) continue;
        if (options.shared) {
          error(`${describeSite(o, s.name, rel.offset)}: relocation ${arch.typeName(rel.type)} needs a GOT, which shared output does not support`);
          continue;
        }
        const key = `${kind}:${t.kind === 'address' || t.kind === 'undefined-weak' ? t.key : ''}`;
        if (!gotSlots.has(key)) gotSlots.set(key, { index: gotSlots.size, kind, target: t });
      }
    });
  }
  for (const m of [...new Set(undefinedRefs)]) error(m);
  let gotPiece: InputPiece | undefined;
  if (gotSlots.size > 0 || provided.has('_GLOBAL_OFFSET_TABLE_')) {
    const out = outputs.sectionFor('.got', SHT_PROGBITS, SHF_ALLOC | SHF_WRITE);
    const size = BigInt(8 * gotSlots.size);
    gotPiece = outputs.add({ file: undefined, sectionIndex: -1, name: '.got', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, align: 8n, size, data: new Uint8Array(Number(size)) }, out);
  }

  // Shared objects: .dynsym, .dynstr, .hash, versions and .dynamic become output sections.
  let dynamic: DynamicParts | undefined;
  if (options.shared) {
    try {
      dynamic = buildDynamic(options.shared, objects, symbols, outputs, diagnostics);
    } catch (e) {
      if (!(e instanceof ElfError)) throw e;
      error(e.message);
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return fail();

  // 4. Lay out.
  outputs.sortInitPriorities();
  outputs.removeEmpty((out) =>
    out.pieces.some((p) =>
      (p.file === undefined ||
        p.sectionIndex < 0 ||
        p.file.object.symbols.some((y) => y.type !== STT_SECTION && y.section.kind === 'section' && y.section.index === p.sectionIndex)),
    ) || (out.name === '.bss' && provided.has('__bss_start')),
  );
  const ordered = outputs.ordered();
  const base = options.base ?? (options.shared ? 0n : 0x400000n);
  const layout: Layout = layoutSegments(ordered, {
    base,
    pageSize: arch.pageSize,
    padFile: arch.padFile && !options.shared,
    singleSegment: !!options.shared,
    extraHeaders: dynamic ? 1 : 0,
  });

  // 5. Linker-defined symbols.
  const byName = (n: string): OutputSection | undefined => outputs.get(n);
  const textEnd = ordered.filter((s) => s.cls === 'text').reduce((e, s) => (s.addr + s.size > e ? s.addr + s.size : e), base);
  const dataSections = ordered.filter((s) => ['tdata', 'array', 'data', 'got'].includes(s.cls));
  const edata = dataSections.reduce((e, s) => (s.addr + s.size > e ? s.addr + s.size : e), textEnd);
  const bss = byName('.bss');
  const arrayBounds = (n: string): [bigint, bigint] => {
    const s = byName(n);
    return s ? [s.addr, s.addr + s.size] : [edata, edata];
  };
  const values: Record<string, bigint> = {
    __executable_start: base,
    __ehdr_start: base,
    etext: textEnd,
    _etext: textEnd,
    __etext: textEnd,
    edata,
    _edata: edata,
    __bss_start: bss ? bss.addr : edata,
    end: layout.end,
    _end: layout.end,
    __init_array_start: arrayBounds('.init_array')[0],
    __init_array_end: arrayBounds('.init_array')[1],
    __fini_array_start: arrayBounds('.fini_array')[0],
    __fini_array_end: arrayBounds('.fini_array')[1],
    __preinit_array_start: arrayBounds('.preinit_array')[0],
    __preinit_array_end: arrayBounds('.preinit_array')[1],
    _GLOBAL_OFFSET_TABLE_: gotPiece ? gotPiece.out.addr + gotPiece.offset : 0n,
  };
  for (const name of provided) symbols.globals.get(name)!.linkerValue = values[name] ?? 0n;

  // TLS: thread-pointer offsets (x86-64 variant II: block ends at TP; AArch64 variant I: block
  // starts after a 16-byte TCB, aligned to the PT_TLS alignment).
  const tls = layout.tls;
  const alignUp = (v: bigint, a: bigint): bigint => (a <= 1n ? v : (v + a - 1n) & ~(a - 1n));
  const tpoff = (address: bigint): bigint => {
    if (!tls) return address;
    return machine === EM_X86_64
      ? address - tls.vaddr - alignUp(tls.memsz, tls.align)
      : address - tls.vaddr + alignUp(16n, tls.align);
  };

  // 6. Relocate. First the GOT slots, then every relocation of every kept section.
  if (gotPiece) {
    const f = new Field(gotPiece.data);
    for (const slot of gotSlots.values()) {
      const t = slot.target;
      const addr = t.kind === 'address' ? t.address() : 0n;
      f.setU64(slot.index * 8, slot.kind === 'tpoff' ? tpoff(addr) : addr);
    }
  }
  const gotAddress = gotPiece ? gotPiece.out.addr + gotPiece.offset : 0n;
  for (const o of objects) {
    o.object.sections.forEach((s, si) => {
      const piece = pieces.get(o)![si];
      if (!piece) return;
      const field = new Field(piece.data);
      const placeBase = piece.out.addr + piece.offset;
      for (const rel of s.relocations) {
        const t = targetOf(o, rel.symbol);
        if (t.kind === 'undefined') continue; // reported above
        const at = Number(rel.offset);
        const size = arch.fieldSize(rel.type) ?? 4;
        if (rel.offset < 0n || !field.fits(at, size)) {
          error(`${describeSite(o, s.name, rel.offset)}: relocation ${arch.typeName(rel.type)} is outside the section (size ${hex(BigInt(piece.data.length))})`);
          continue;
        }
        const kind = arch.gotKind(rel.type, field, at, t.defined);
        const slot = kind ? gotSlots.get(`${kind}:${t.key}`) : undefined;
        const S = t.kind === 'address' ? t.address() : 0n;
        try {
          const problem = arch.apply({
            field,
            at,
            type: rel.type,
            S,
            A: rel.addend,
            P: placeBase + rel.offset,
            G: slot ? gotAddress + BigInt(slot.index * 8) : undefined,
            tpoff,
            undefinedWeak: t.kind === 'undefined-weak',
          });
          if (problem) error(`${describeSite(o, s.name, rel.offset)}: ${problem}`);
        } catch (e) {
          if (!(e instanceof RelocationOverflow)) throw e;
          const sym = rel.symbol >= 0 ? o.object.symbols[rel.symbol] : undefined;
          const symName = !sym ? '(none)' : sym.type === STT_SECTION ? `section ${o.object.sections[sym.section.kind === 'section' ? sym.section.index : 0]?.name ?? '?'}` : `'${sym.name}'`;
          const { value, min, max } = e.overflow;
          error(
            `${describeSite(o, s.name, rel.offset)}: relocation ${arch.typeName(rel.type)} against ${symName} out of range: ${hex(value)} is not in [${hex(min)}, ${hex(max)}]`,
          );
        }
      }
    });
  }
  if (dynamic) dynamic.finish(layout);
  if (diagnostics.some((d) => d.severity === 'error')) return fail();

  // Output section contents.
  for (const out of ordered) {
    if (out.type === SHT_NOBITS) continue;
    out.data = new Uint8Array(Number(out.size));
    for (const p of out.pieces) if (p.data.length > 0) out.data.set(p.data, Number(p.offset));
  }

  // Entry point.
  let entry = 0n;
  if (!options.shared || options.entry) {
    const entryName = options.entry ?? '_start';
    const r = symbols.resolve(entryName);
    if (/^0x[0-9a-f]+$/i.test(entryName) && !r) entry = BigInt(entryName); // ld -e ADDRESS
    else if (r?.kind === 'defined') entry = symbolAddress(r.def.file, r.sym);
    else if (r?.kind === 'common') entry = commonPieces.get(entryName)!.out.addr;
    else {
      const text = outputs.get('.text');
      entry = text ? text.addr : base;
      diagnostics.push({ severity: 'warning', message: `cannot find entry symbol ${entryName}; defaulting to ${hex(entry)}` });
    }
  }

  // 7. Write.
  const imageSections: ImageSection[] = ordered.map((s) => ({
    name: s.name,
    type: s.type,
    flags: s.flags,
    addr: s.addr,
    offset: s.fileOffset,
    data: s.data,
    size: s.size,
    align: s.align,
    ...(dynamic?.sectionExtras(s.name) ?? {}),
  }));
  const exportedNames = options.shared ? new Set(options.shared.versions.flatMap((v) => v.symbols)) : undefined;
  const imageSymbols: ImageSymbol[] = options.strip ? [] : collectSymbols(objects, symbols, pieces, commonPieces, provided, symbolAddress, ordered, exportedNames);
  if (dynamic) layout.segments.splice(layout.segments.findIndex((p) => p.type !== 1), 0, dynamic.segment(layout));
  let image: Uint8Array;
  try {
    image = writeImage({
      type: options.shared ? ET_DYN : ET_EXEC,
      machine,
      entry,
      segments: layout.segments,
      sections: imageSections,
      symbols: imageSymbols,
    });
  } catch (e) {
    if (!(e instanceof ElfError)) throw e;
    error(`internal layout error: ${e.message}`);
    return fail();
  }
  const map = options.mapFile
    ? formatMap({ title: typeof options.mapFile === 'string' ? options.mapFile : undefined, sections: ordered, segments: layout.segments, entry, pulled, discarded, objects, symbolAddress, commonPieces })
    : undefined;
  return { image, map, diagnostics };
}

/** .symtab for the image: each object's FILE and local symbols (section symbols left out, as
 *  ld does), then one entry per global: its winning definition, or a linker-defined value, or
 *  an undefined weak reference. Values are final addresses. */
function collectSymbols(
  objects: LoadedObject[],
  symbols: SymbolTable,
  pieces: Map<LoadedObject, Array<InputPiece | undefined>>,
  commonPieces: Map<string, InputPiece>,
  provided: Set<string>,
  symbolAddress: (file: LoadedObject, sym: ObjSymbol) => bigint,
  ordered: OutputSection[],
  exportedNames: Set<string> | undefined,
): ImageSymbol[] {
  // Shared output: globals that no version exports become local (a version script's
  // `local: *;`), as ld does.
  const bindOf = (name: string, bind: number): number => (exportedNames && !exportedNames.has(name) ? STB_LOCAL : bind);
  const out: ImageSymbol[] = [];
  const sectionOf = (file: LoadedObject, sym: ObjSymbol): string | number | undefined => {
    if (sym.section.kind === 'absolute') return SHN_ABS;
    if (sym.section.kind === 'section') return pieces.get(file)![sym.section.index]?.out.name;
    return undefined;
  };
  for (const o of objects) {
    for (const sym of o.object.symbols) {
      if (sym.bind !== STB_LOCAL || sym.type === STT_SECTION) continue;
      if (sym.type === STT_FILE) {
        out.push({ name: sym.name, value: 0n, size: 0n, bind: STB_LOCAL, type: STT_FILE, section: SHN_ABS });
        continue;
      }
      const section = sectionOf(o, sym);
      if (section === undefined) continue;
      out.push({ name: sym.name, value: symbolAddress(o, sym), size: sym.size, bind: STB_LOCAL, type: sym.type, other: sym.other, section });
    }
  }
  for (const g of symbols.globals.values()) {
    const r = symbols.resolve(g.name);
    if (r?.kind === 'defined') {
      const section = sectionOf(r.def.file, r.sym);
      if (section === undefined) continue;
      out.push({ name: g.name, value: symbolAddress(r.def.file, r.sym), size: r.sym.size, bind: bindOf(g.name, r.sym.bind), type: r.sym.type, other: r.sym.other, section });
    } else if (r?.kind === 'common') {
      const p = commonPieces.get(g.name)!;
      out.push({ name: g.name, value: p.out.addr + p.offset, size: g.common!.size, bind: bindOf(g.name, STB_GLOBAL), type: 1, section: p.out.name });
    } else if (provided.has(g.name)) {
      const v = g.linkerValue ?? 0n;
      const home = ordered.find((s) => v >= s.addr && v <= s.addr + s.size);
      out.push({ name: g.name, value: v, size: 0n, bind: bindOf(g.name, STB_GLOBAL), type: STT_NOTYPE, section: home ? home.name : SHN_ABS });
    } else if (g.referenced && !g.strongReference) {
      out.push({ name: g.name, value: 0n, size: 0n, bind: STB_WEAK, type: STT_NOTYPE, section: SHN_UNDEF });
    }
  }
  return out;
}
