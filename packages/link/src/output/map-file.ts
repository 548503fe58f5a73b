// The link map (options.mapFile), in the spirit of `ld -Map`: archive members pulled and why,
// discarded input sections, then each output section with its address and size, the input
// sections in it (file, address, size) and the symbols they define, then the segments.

import { PT, STB_LOCAL, STT_FILE, STT_SECTION, nameOf, type ImageSegment, type ObjSymbol } from '@vsys/elf';
import type { LoadedObject } from '../inputs/loaded-object.js';
import type { PulledMember } from '../inputs/archive-pull.js';
import type { InputPiece, OutputSection } from '../layout/output-sections.js';

export interface MapInputs {
  title: string | undefined;
  sections: OutputSection[];
  segments: ImageSegment[];
  entry: bigint;
  pulled: PulledMember[];
  discarded: string[];
  objects: LoadedObject[];
  symbolAddress: (file: LoadedObject, sym: ObjSymbol) => bigint;
  commonPieces: Map<string, InputPiece>;
}

const h16 = (v: bigint): string => `0x${v.toString(16).padStart(16, '0')}`;
const hx = (v: bigint): string => `0x${v.toString(16)}`;

export function formatMap(m: MapInputs): string {
  const lines: string[] = [];
  if (m.title) lines.push(`Link map: ${m.title}`, '');
  if (m.pulled.length > 0) {
    lines.push('Archive member included to satisfy reference by file (symbol)', '');
    for (const p of m.pulled) lines.push(`${p.member}`, `                              (${p.symbol})`);
    lines.push('');
  }
  if (m.discarded.length > 0) {
    lines.push('Discarded input sections (not allocated)', '');
    for (const d of m.discarded) lines.push(` ${d}`);
    lines.push('');
  }
  lines.push('Memory map', '');
  lines.push(`Entry point ${h16(m.entry)}`, '');
  for (const out of m.sections) {
    lines.push(`${out.name.padEnd(16)} ${h16(out.addr)} ${hx(out.size).padStart(10)}`);
    for (const p of out.pieces) {
      const where = p.file ? p.file.name : '(linker)';
      lines.push(` ${p.name.padEnd(15)} ${h16(out.addr + p.offset)} ${hx(p.size).padStart(10)} ${where}`);
      if (!p.file) continue;
      if (p.sectionIndex >= 0) {
        const syms = p.file.object.symbols
          .filter((s) => s.section.kind === 'section' && s.section.index === p.sectionIndex && s.type !== STT_SECTION && s.type !== STT_FILE && s.name !== '')
          .map((s) => ({ s, addr: m.symbolAddress(p.file!, s) }))
          .sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
        for (const { s, addr } of syms) lines.push(`                 ${h16(addr)}            ${s.name}${s.bind === STB_LOCAL ? ' (local)' : ''}`);
      } else {
        for (const [name, piece] of m.commonPieces) if (piece === p) lines.push(`                 ${h16(out.addr + p.offset)}            ${name}`);
      }
    }
    lines.push('');
  }
  const abs = m.objects.flatMap((o) => o.object.symbols.filter((s) => s.section.kind === 'absolute' && s.type !== STT_FILE && s.bind !== STB_LOCAL).map((s) => `${s.name} = ${hx(s.value)} (${o.name})`));
  if (abs.length > 0) {
    lines.push('Absolute symbols', '', ...abs.map((a) => ` ${a}`), '');
  }
  lines.push('Program headers', '');
  lines.push('Type           Offset             VirtAddr           FileSiz            MemSiz             Flg Align');
  for (const p of m.segments) {
    const type = (nameOf(PT, p.type) ?? hx(BigInt(p.type))).replace(/^PT_/, '');
    const flg = `${p.flags & 4 ? 'R' : ' '}${p.flags & 2 ? 'W' : ' '}${p.flags & 1 ? 'E' : ' '}`;
    lines.push(`${type.padEnd(14)} ${h16(p.offset)} ${h16(p.vaddr)} ${h16(p.filesz)} ${h16(p.memsz)} ${flg} ${hx(p.align)}`);
  }
  lines.push('');
  return lines.join('\n');
}
