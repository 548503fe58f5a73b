// readArchive: GNU/SysV `ar` format (ar(5); binutils bfd/archive.c documents the GNU
// extensions). Layout: the magic "!<arch>\n", then members, each a 60-byte ASCII header
//   ar_name[16] ar_date[12] ar_uid[6] ar_gid[6] ar_mode[8] ar_size[10] ar_fmag[2]="`\n"
// followed by ar_size bytes and one '\n' pad byte when ar_size is odd. Special members:
//   "/"        symbol index: big-endian u32 count, count u32 header offsets, count NUL-ended names
//   "/SYM64/"  the same with u64 count and offsets
//   "//"       long-name table: "name/\n" entries; a member named "/123" uses the entry at 123
// BSD-style "#1/len" names (name stored at the start of the data) are read too.
// Malformed archives raise ElfError naming the header field.

import { ElfError, hex } from '../errors.js';
import type { ArchiveFile, ArchiveMember, ArchiveSymbol } from './types.js';

export const AR_MAGIC = '!<arch>\n';
export const AR_HEADER_SIZE = 60;

const latin1 = new TextDecoder('latin1');

export function isArchive(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && latin1.decode(bytes.subarray(0, 8)) === AR_MAGIC;
}

function field(bytes: Uint8Array, at: number, len: number): string {
  return latin1.decode(bytes.subarray(at, at + len)).trimEnd();
}

function number(text: string, radix: number, name: string, at: number): number {
  if (text === '') return 0;
  const ok = radix === 8 ? /^[0-7]+$/.test(text) : /^[0-9]+$/.test(text);
  if (!ok) throw new ElfError(`${name} of the member header at ${hex(at)} is not a number ('${text}')`, name);
  return parseInt(text, radix);
}

export function readArchive(bytes: Uint8Array): ArchiveFile {
  if (bytes.length >= 8 && latin1.decode(bytes.subarray(0, 8)) === '!<thin>\n') {
    throw new ElfError('thin archives are not supported', 'ar_magic');
  }
  if (!isArchive(bytes)) throw new ElfError('not an ar archive (bad magic)', 'ar_magic');
  const members: ArchiveMember[] = [];
  let longNames: Uint8Array | undefined;
  let rawIndex: { data: Uint8Array; wide: boolean; at: number } | undefined;
  let at = 8;
  while (at < bytes.length) {
    if (bytes.length - at < AR_HEADER_SIZE) {
      throw new ElfError(`truncated member header at ${hex(at)} (${bytes.length - at} bytes left)`, 'ar_name');
    }
    if (bytes[at + 58] !== 0x60 || bytes[at + 59] !== 0x0a) {
      throw new ElfError(`bad ar_fmag in the member header at ${hex(at)}`, 'ar_fmag');
    }
    const rawName = field(bytes, at, 16);
    const date = number(field(bytes, at + 16, 12), 10, 'ar_date', at);
    const uid = number(field(bytes, at + 28, 6), 10, 'ar_uid', at);
    const gid = number(field(bytes, at + 34, 6), 10, 'ar_gid', at);
    const mode = number(field(bytes, at + 40, 8), 8, 'ar_mode', at);
    const size = number(field(bytes, at + 48, 10), 10, 'ar_size', at);
    const dataAt = at + AR_HEADER_SIZE;
    if (dataAt + size > bytes.length) {
      throw new ElfError(
        `ar_size of member '${rawName}' runs past the end of the archive (${hex(dataAt)} + ${hex(size)} > ${hex(bytes.length)})`,
        'ar_size',
      );
    }
    let data = bytes.subarray(dataAt, dataAt + size);
    const headerOffset = at;
    at = dataAt + size + (size & 1);

    if (rawName === '/' || rawName === '/SYM64/') {
      rawIndex = { data, wide: rawName === '/SYM64/', at: headerOffset };
      continue;
    }
    if (rawName === '//') {
      longNames = data;
      continue;
    }
    let name: string;
    if (/^\/\d+$/.test(rawName)) {
      const off = Number(rawName.slice(1));
      if (!longNames) throw new ElfError(`member name '${rawName}' refers to a long-name table the archive lacks`, 'ar_name');
      if (off >= longNames.length) {
        throw new ElfError(`member name '${rawName}' points past the long-name table (size ${hex(longNames.length)})`, 'ar_name');
      }
      let end = longNames.indexOf(0x0a, off);
      if (end < 0) end = longNames.length;
      name = latin1.decode(longNames.subarray(off, end)).replace(/\/$/, '');
    } else if (/^#1\/\d+$/.test(rawName)) {
      const len = Number(rawName.slice(3));
      if (len > data.length) throw new ElfError(`BSD long name of member at ${hex(headerOffset)} is longer than its data`, 'ar_name');
      name = latin1.decode(data.subarray(0, len)).replace(/\0+$/, '');
      data = data.subarray(len);
    } else {
      name = rawName.replace(/\/$/, '');
    }
    members.push({ name, data, date, uid, gid, mode, headerOffset });
  }

  const symbols: ArchiveSymbol[] = [];
  if (rawIndex) {
    const { data, wide, at: indexAt } = rawIndex;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const w = wide ? 8 : 4;
    const read = (o: number): number => (wide ? Number(view.getBigUint64(o, false)) : view.getUint32(o, false));
    if (data.length < w) throw new ElfError(`archive symbol index at ${hex(indexAt)} is too short for its count`, 'ar_size');
    const count = read(0);
    if (count > (data.length - w) / w) {
      throw new ElfError(`archive symbol index claims ${count} symbols but holds at most ${Math.floor((data.length - w) / w)}`, 'ar_symcount');
    }
    const byOffset = new Map(members.map((m, i) => [m.headerOffset, i]));
    let strAt = w + count * w;
    for (let i = 0; i < count; i++) {
      const off = read(w + i * w);
      const member = byOffset.get(off);
      if (member === undefined) {
        throw new ElfError(`archive symbol ${i} points at ${hex(off)}, which is not a member header`, 'ar_symoffset');
      }
      const end = data.indexOf(0, strAt);
      if (end < 0) throw new ElfError(`archive symbol name ${i} runs past the end of the index`, 'ar_symname');
      symbols.push({ name: latin1.decode(data.subarray(strAt, end)), member });
      strAt = end + 1;
    }
  }
  return { members, symbols };
}
