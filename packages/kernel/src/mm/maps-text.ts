// /proc/PID/maps, formatted as fs/proc/task_mmu.c show_map_vma does: "start-end perms offset
// MAJ:MIN inode", addresses in at least 8 lowercase hex digits, offset in 8, then — when the
// area has a name — padding to column 73 and the name. Every header ends with a space, so an
// unnamed line ends "… 0 " (measured on the build machine).

import type { MemoryMap } from './memory-map.js';

/** A file mapping shows its file offset; anonymous and special ones ([stack], [vdso]) show 0. */
function isFileMapping(name: string, inode: number): boolean {
  return inode !== 0 || (name !== '' && !name.startsWith('['));
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

export function formatMaps(mm: MemoryMap, extra: { start: bigint; end: bigint; perms: string; name: string }[] = []): string {
  const lines: string[] = [];
  for (const v of mm.areas) {
    let name = v.name;
    if (!name && v.start <= mm.brk && v.end >= mm.startBrk && mm.brk > mm.startBrk && v.start >= mm.startBrk) name = '[heap]';
    const perms = `${v.prot.read ? 'r' : '-'}${v.prot.write ? 'w' : '-'}${v.prot.exec ? 'x' : '-'}${v.shared ? 's' : 'p'}`;
    const header = `${hex(v.start, 8)}-${hex(v.end, 8)} ${perms} ${hex(isFileMapping(v.name, v.inode) ? v.offset : 0, 8)} ${v.dev} ${v.inode} `;
    lines.push(name ? header.padEnd(73, ' ') + name : header);
  }
  for (const e of extra) {
    const header = `${e.start.toString(16).padStart(8, '0')}-${e.end.toString(16).padStart(8, '0')} ${e.perms} 00000000 00:00 0 `;
    lines.push(e.name ? header.padEnd(73, ' ') + e.name : header);
  }
  return lines.map((l) => l + '\n').join('');
}
