// Prints an inspect summary the way `readelf -h -S -l -s -r -W` lays it out (the same column
// order and number widths), so a person who knows readelf can read it and a test can
// compare the two line by line.

import type { ArchiveSummary, ElfSummary } from './summary.js';

const pad = (s: string, n: number): string => s.padEnd(n);
const left = (s: string, n: number): string => s.padStart(n);
/** "0x1f" → "00001f" with width n (readelf's zero-padded hex columns). */
const z = (h: string, n: number): string => h.replace(/^0x/, '').padStart(n, '0');

export function formatElf(s: ElfSummary): string {
  const out: string[] = [];
  const h = s.header;
  out.push('ELF Header:');
  out.push(`  Class:                             ${h.class}`);
  out.push(`  Type:                              ${h.type}`);
  out.push(`  Machine:                           ${h.machine}`);
  out.push(`  Entry point address:               ${h.entry}`);
  out.push(`  Flags:                             ${h.flags}`);
  out.push(`  Number of program headers:         ${h.phnum}`);
  out.push(`  Number of section headers:         ${h.shnum}`);
  out.push('');
  if (s.sections.length > 0) {
    out.push('Section Headers:');
    out.push('  [Nr] Name              Type            Address          Off    Size   ES Flg Lk Inf Al');
    for (const x of s.sections) {
      out.push(
        `  [${left(String(x.index), 2)}] ${pad(x.name, 17)} ${pad(x.type, 15)} ${z(x.addr, 16)} ${z(x.offset, 6)} ${z(x.size, 6)} ${z(x.entsize, 2)} ${left(x.flags, 3)} ${left(String(x.link), 2)} ${left(String(x.info), 3)} ${left(String(BigInt(x.align)), 2)}`,
      );
    }
    out.push('');
  }
  if (s.segments.length > 0) {
    out.push('Program Headers:');
    out.push('  Type           Offset   VirtAddr           PhysAddr           FileSiz  MemSiz   Flg Align');
    for (const p of s.segments) {
      out.push(
        `  ${pad(p.type, 14)} 0x${z(p.offset, 6)} 0x${z(p.vaddr, 16)} 0x${z(p.paddr, 16)} 0x${z(p.filesz, 6)} 0x${z(p.memsz, 6)} ${p.flags} ${p.align}`,
      );
    }
    out.push('');
    out.push(' Section to Segment mapping:');
    out.push('  Segment Sections...');
    s.segments.forEach((p, i) => out.push(`   ${String(i).padStart(2, '0')}     ${p.sections.join(' ')}${p.sections.length ? ' ' : ''}`));
    out.push('');
  }
  if (s.dynamic.length > 0) {
    out.push(`Dynamic section contains ${s.dynamic.length} entries:`);
    out.push('  Tag                  Value');
    for (const d of s.dynamic) out.push(`  ${pad(d.tag, 20)} ${d.value}`);
    out.push('');
  }
  for (const n of s.notes) {
    out.push(`Note in ${n.where}: owner ${n.owner}, type ${n.type}, ${n.size} bytes${n.desc ? `: ${n.desc}` : ''}`);
  }
  if (s.notes.length > 0) out.push('');
  for (const r of s.relocations) {
    out.push(`Relocation section '${r.name}' applies to '${r.target}' and contains ${r.relocations.length} entries:`);
    out.push('    Offset             Type                     Symbol + Addend');
    for (const e of r.relocations) {
      const add = e.addend.startsWith('-') ? `- ${e.addend.slice(3)}` : `+ ${e.addend.slice(2)}`;
      out.push(`${z(e.offset, 16)}  ${pad(e.type, 24)} ${e.symbol} ${add}`);
    }
    out.push('');
  }
  for (const t of s.symbolTables) {
    out.push(`Symbol table '${t.name}' contains ${t.symbols.length} entries:`);
    out.push('   Num:    Value          Size Type    Bind   Vis      Ndx Name');
    for (const y of t.symbols) {
      out.push(
        `${left(String(y.index), 6)}: ${z(y.value, 16)} ${left(y.size, 5)} ${pad(y.type, 7)} ${pad(y.bind, 6)} ${pad(y.visibility, 8)} ${left(y.ndx, 3)} ${y.name}`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

export function formatArchive(a: ArchiveSummary): string {
  const out: string[] = [];
  out.push(`Archive with ${a.members.length} members:`);
  if (a.index.length > 0) {
    out.push('Archive index:');
    for (const e of a.index) out.push(`${e.symbol} in ${e.member}`);
    out.push('');
  }
  for (const m of a.members) {
    out.push(`File: ${m.name} (${m.size} bytes)`);
    if (m.elf) out.push(formatElf(m.elf));
    else out.push(`  not an ELF file: ${m.error}\n`);
  }
  return out.join('\n');
}
