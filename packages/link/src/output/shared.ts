// Shared-object output (options.shared), enough for a vDSO as Linux builds one
// (arch/x86/entry/vdso/Makefile: -shared, -soname, a version script, --hash-style=sysv):
//   .hash          SysV hash table (gABI "Hash Table": nbucket, nchain, buckets, chains)
//   .dynsym        the exported symbols (global or weak as defined; symbol 0 is the null symbol)
//   .dynstr        their names, the soname and the version names
//   .gnu.version   one Elf64_Half per .dynsym entry: the version index (LSB "Symbol Versioning")
//   .gnu.version_d Elf64_Verdef + Elf64_Verdaux records: index 1 is the base version (named
//                  after the soname, VER_FLG_BASE), then one per options.shared.versions entry
//   .dynamic       DT_SONAME, DT_HASH, DT_STRTAB, DT_SYMTAB, DT_STRSZ, DT_SYMENT, DT_VERSYM,
//                  DT_VERDEF, DT_VERDEFNUM, DT_NULL
// The image has one PT_LOAD (R+X, from address 0), PT_DYNAMIC, and PT_NOTE when notes exist.
// Sizes are fixed before layout (they depend only on names); contents are written by
// finish() once addresses are known. A symbol named in a version but not defined is an error.

import {
  DT, ElfError, PF_R, PF_W, PT_DYNAMIC, SHF_ALLOC, SHF_WRITE, SHT_DYNAMIC, SHT_DYNSYM, SHT_GNU_verdef,
  SHT_GNU_versym, SHT_HASH, SHT_STRTAB, STB_GLOBAL, STB_WEAK, StringTable, ByteWriter, VER_DEF_CURRENT, VER_FLG_BASE,
  type ImageSegment, type ObjSymbol,
} from '@vsys/elf';
import type { LoadedObject } from '../inputs/loaded-object.js';
import type { SymbolTable } from '../symbols/symbol-table.js';
import type { InputPiece, OutputSection, OutputSections } from '../layout/output-sections.js';
import type { Layout } from '../layout/segments.js';
import type { Diagnostic, SharedOptions } from '../types.js';

export interface DynamicParts {
  finish(layout: Layout): void;
  sectionExtras(name: string): { link?: string; info?: number | string; entsize?: bigint } | undefined;
  segment(layout: Layout): ImageSegment;
}

/** The SysV ELF hash (gABI "Hash Table" figure). */
export function elfHash(name: string): number {
  let h = 0;
  for (const byte of new TextEncoder().encode(name)) {
    h = ((h << 4) + byte) >>> 0;
    const g = h & 0xf0000000;
    if (g !== 0) h ^= g >>> 24;
    h &= ~g >>> 0;
    h >>>= 0;
  }
  return h >>> 0;
}

interface Exported {
  name: string;
  version: number; // version index (2…)
  file: LoadedObject;
  sym: ObjSymbol;
}

export function buildDynamic(
  options: SharedOptions,
  _objects: LoadedObject[],
  symbols: SymbolTable,
  outputs: OutputSections,
  diagnostics: Diagnostic[],
): DynamicParts {
  const exported: Exported[] = [];
  options.versions.forEach((v, vi) => {
    for (const name of v.symbols) {
      const r = symbols.resolve(name);
      if (r?.kind !== 'defined' || r.sym.section.kind !== 'section') {
        diagnostics.push({ severity: 'error', message: `version ${v.name} exports '${name}', which is not defined in any input` });
        continue;
      }
      if (exported.some((e) => e.name === name)) {
        diagnostics.push({ severity: 'error', message: `'${name}' is listed in more than one version` });
        continue;
      }
      exported.push({ name, version: vi + 2, file: r.def.file, sym: r.sym });
    }
  });

  // .dynstr: soname, version names, symbol names.
  const dynstr = new StringTable();
  const sonameOffset = dynstr.add(options.soname);
  const versionOffsets = options.versions.map((v) => dynstr.add(v.name));
  const nameOffsets = exported.map((e) => dynstr.add(e.name));
  const dynstrData = dynstr.finish();

  const nsyms = exported.length + 1;
  const nbucket = Math.max(1, nsyms <= 3 ? nsyms : Math.ceil(nsyms / 2));
  const nverdef = options.versions.length + 1;
  const dynamicEntries = 10;

  const make = (name: string, type: number, flags: bigint, align: bigint, size: number): InputPiece => {
    const out = outputs.sectionFor(name, type, flags);
    out.cls = 'dynamic';
    return outputs.add({ file: undefined, sectionIndex: -1, name, type, flags, align, size: BigInt(size), data: new Uint8Array(size) }, out);
  };
  const hash = make('.hash', SHT_HASH, SHF_ALLOC, 8n, 4 * (2 + nbucket + nsyms));
  const dynsym = make('.dynsym', SHT_DYNSYM, SHF_ALLOC, 8n, 24 * nsyms);
  const dynstrPiece = make('.dynstr', SHT_STRTAB, SHF_ALLOC, 1n, dynstrData.length);
  const versym = make('.gnu.version', SHT_GNU_versym, SHF_ALLOC, 2n, 2 * nsyms);
  const verdef = make('.gnu.version_d', SHT_GNU_verdef, SHF_ALLOC, 8n, 28 * nverdef);
  const dynamic = make('.dynamic', SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE, 8n, 16 * dynamicEntries);
  dynstrPiece.data.set(dynstrData);

  const addr = (p: InputPiece): bigint => p.out.addr + p.offset;

  return {
    sectionExtras(name) {
      switch (name) {
        case '.hash':
          return { link: '.dynsym', entsize: 4n };
        case '.dynsym':
          return { link: '.dynstr', info: 1, entsize: 24n };
        case '.gnu.version':
          return { link: '.dynsym', entsize: 2n };
        case '.gnu.version_d':
          return { link: '.dynstr', info: nverdef };
        case '.dynamic':
          return { link: '.dynstr', entsize: 16n };
        default:
          return undefined;
      }
    },

    segment(): ImageSegment {
      return {
        type: PT_DYNAMIC,
        flags: PF_R | PF_W,
        offset: dynamic.out.fileOffset + dynamic.offset,
        vaddr: addr(dynamic),
        filesz: dynamic.size,
        memsz: dynamic.size,
        align: 8n,
      };
    },

    finish() {
      const ordered: OutputSection[] = outputs.ordered();
      const shndxOf = (out: OutputSection): number => ordered.indexOf(out) + 1;
      // .dynsym
      const sw = new ByteWriter();
      sw.zeros(24);
      exported.forEach((e, i) => {
        const sec = e.sym.section;
        if (sec.kind !== 'section') throw new ElfError(`exported symbol ${e.name} is not in a section`);
        const piece = findPiece(outputs, e.file, sec.index);
        if (!piece) throw new ElfError(`exported symbol ${e.name} is in a section that is not allocated`);
        sw.u32(nameOffsets[i]!);
        sw.u8(((e.sym.bind === STB_WEAK ? STB_WEAK : STB_GLOBAL) << 4) | (e.sym.type & 0xf));
        sw.u8(e.sym.other ?? 0);
        sw.u16(shndxOf(piece.out));
        sw.u64(piece.out.addr + piece.offset + e.sym.value);
        sw.u64(e.sym.size);
      });
      dynsym.data.set(sw.finish());
      // .hash: bucket[h % nbucket] heads a chain through chain[] (gABI).
      const buckets = new Uint32Array(nbucket);
      const chains = new Uint32Array(nsyms);
      exported.forEach((e, i) => {
        const index = i + 1;
        const b = elfHash(e.name) % nbucket;
        chains[index] = buckets[b]!;
        buckets[b] = index;
      });
      const hw = new ByteWriter();
      hw.u32(nbucket);
      hw.u32(nsyms);
      for (const b of buckets) hw.u32(b);
      for (const c of chains) hw.u32(c);
      hash.data.set(hw.finish());
      // .gnu.version
      const vw = new ByteWriter();
      vw.u16(0); // VER_NDX_LOCAL for the null symbol
      for (const e of exported) vw.u16(e.version);
      versym.data.set(vw.finish());
      // .gnu.version_d: Elf64_Verdef (20 bytes) + one Elf64_Verdaux (8 bytes) each.
      const dw = new ByteWriter();
      const defs = [{ name: options.soname, offset: sonameOffset, flags: VER_FLG_BASE }].concat(
        options.versions.map((v, i) => ({ name: v.name, offset: versionOffsets[i]!, flags: 0 })),
      );
      defs.forEach((d, i) => {
        dw.u16(VER_DEF_CURRENT); // vd_version
        dw.u16(d.flags); // vd_flags
        dw.u16(i + 1); // vd_ndx
        dw.u16(1); // vd_cnt
        dw.u32(elfHash(d.name)); // vd_hash
        dw.u32(20); // vd_aux: the Verdaux follows
        dw.u32(i === defs.length - 1 ? 0 : 28); // vd_next
        dw.u32(d.offset); // vda_name
        dw.u32(0); // vda_next
      });
      verdef.data.set(dw.finish());
      // .dynamic
      const tw = new ByteWriter();
      const entries: Array<[number, bigint]> = [
        [DT.DT_SONAME, BigInt(sonameOffset)],
        [DT.DT_HASH, addr(hash)],
        [DT.DT_STRTAB, addr(dynstrPiece)],
        [DT.DT_SYMTAB, addr(dynsym)],
        [DT.DT_STRSZ, BigInt(dynstrData.length)],
        [DT.DT_SYMENT, 24n],
        [DT.DT_VERSYM, addr(versym)],
        [DT.DT_VERDEF, addr(verdef)],
        [DT.DT_VERDEFNUM, BigInt(nverdef)],
        [DT.DT_NULL, 0n],
      ];
      for (const [tag, value] of entries) {
        tw.u64(BigInt(tag));
        tw.u64(value);
      }
      dynamic.data.set(tw.finish());
    },
  };
}

function findPiece(outputs: OutputSections, file: LoadedObject, sectionIndex: number): InputPiece | undefined {
  for (const out of outputs.list) {
    for (const p of out.pieces) if (p.file === file && p.sectionIndex === sectionIndex) return p;
  }
  return undefined;
}
