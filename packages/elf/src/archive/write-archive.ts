// writeArchive: members → a GNU `ar` archive, as `ar rcsD` writes it: "!<arch>\n", the "/"
// symbol index (every defined global/weak symbol of each ELF member, in member order), the
// "//" long-name table when a name does not fit 15 characters, then the members.
// Deterministic: date, uid and gid are 0; mode defaults to 0644. See read-archive.ts for the
// header layout.

import * as C from '../constants.js';
import { ElfError } from '../errors.js';
import { readElf } from '../reader/read-elf.js';
import { AR_HEADER_SIZE, AR_MAGIC } from './read-archive.js';
import type { ArchiveInput } from './types.js';

const enc = new TextEncoder();

/** The symbols an archive index lists for one member: names of symbols in SHT_SYMTAB that are
 *  global or weak and defined (section, absolute or common), as GNU ar does. Non-ELF members
 *  contribute none. */
export function archiveSymbolsOf(data: Uint8Array): string[] {
  let elf;
  try {
    elf = readElf(data);
  } catch (e) {
    if (e instanceof ElfError) return [];
    throw e;
  }
  const symtab = elf.symbolTables.find((t) => t.type === C.SHT_SYMTAB);
  if (!symtab) return [];
  return symtab.symbols
    .filter((s) => s.index !== 0 && (s.bind === C.STB_GLOBAL || s.bind === C.STB_WEAK || s.bind === C.STB.STB_GNU_UNIQUE))
    .filter((s) => s.shndx !== C.SHN_UNDEF)
    .map((s) => s.name);
}

function pad(text: string, width: number): string {
  if (text.length > width) throw new ElfError(`ar header field '${text}' does not fit ${width} characters`, 'ar_hdr');
  return text.padEnd(width, ' ');
}

function header(name: string, size: number, mode: number): Uint8Array {
  const text =
    pad(name, 16) + pad('0', 12) + pad('0', 6) + pad('0', 6) + pad(mode.toString(8), 8) + pad(String(size), 10) + '`\n';
  return enc.encode(text);
}

export function writeArchive(members: ArchiveInput[]): Uint8Array {
  // Long-name table and the name field of each member.
  let longTable = '';
  const nameFields = members.map((m) => {
    if (m.name === '' || m.name.includes('/') || m.name.includes('\n')) {
      throw new ElfError(`archive member name '${m.name}' is empty or contains '/' or a newline`, 'ar_name');
    }
    if (m.name.length <= 15) return `${m.name}/`;
    const field = `/${enc.encode(longTable).length}`;
    longTable += `${m.name}/\n`;
    return field;
  });
  const longBytes = enc.encode(longTable);

  const perMember = members.map((m) => archiveSymbolsOf(m.data));
  const symbolCount = perMember.reduce((n, s) => n + s.length, 0);
  const names = perMember.flat().map((s) => enc.encode(s + '\0'));
  const namesSize = names.reduce((n, b) => n + b.length, 0);
  const indexSize = symbolCount > 0 ? 4 + 4 * symbolCount + namesSize : 0;

  const padded = (n: number): number => n + (n & 1);
  let at = 8;
  if (indexSize > 0) at += AR_HEADER_SIZE + padded(indexSize);
  if (longBytes.length > 0) at += AR_HEADER_SIZE + padded(longBytes.length);
  const offsets: number[] = [];
  for (const m of members) {
    offsets.push(at);
    at += AR_HEADER_SIZE + padded(m.data.length);
  }
  if (at > 0xffffffff) throw new ElfError('archive larger than 4 GiB needs /SYM64/, which is not written', 'ar_size');

  const out = new Uint8Array(at);
  let w = 0;
  const put = (b: Uint8Array): void => {
    out.set(b, w);
    w += b.length;
  };
  const padByte = (n: number): void => {
    if (n & 1) out[w++] = 0x0a;
  };
  put(enc.encode(AR_MAGIC));
  if (indexSize > 0) {
    put(header('/', indexSize, 0));
    const view = new DataView(out.buffer);
    view.setUint32(w, symbolCount, false);
    w += 4;
    perMember.forEach((syms, i) => {
      for (let k = 0; k < syms.length; k++) {
        view.setUint32(w, offsets[i]!, false);
        w += 4;
      }
    });
    for (const n of names) put(n);
    padByte(indexSize);
  }
  if (longBytes.length > 0) {
    put(header('//', longBytes.length, 0).map((b, i) => (i >= 40 && i < 48 ? 0x20 : b)));
    put(longBytes);
    padByte(longBytes.length);
  }
  members.forEach((m, i) => {
    put(header(nameFields[i]!, m.data.length, m.mode ?? 0o644));
    put(m.data);
    padByte(m.data.length);
  });
  return out;
}
