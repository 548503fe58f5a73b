// Directory records getdents writes (getdents(2)):
//  - struct linux_dirent64 (getdents64): u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, name,
//    NUL; the record padded to 8 bytes.
//  - struct linux_dirent (old getdents): long d_ino, long d_off, u16 d_reclen, name, NUL, then
//    d_type in the record's last byte; padded to sizeof(long) (8 on x86-64, 4 on i386).

import type { DirEntry } from './inode.js';
import { dtypeOf } from './constants.js';

const align = (n: number, a: number): number => (n + a - 1) & ~(a - 1);

/** Encodes entries from `entries[start]` on into at most `room` bytes. Returns the bytes and how
 *  many entries fit. `nextOffset(i)` is the d_off of entry i (the position after it). */
export function encodeDirents(
  kind: 'dirent64' | 'dirent' | 'dirent32',
  entries: readonly DirEntry[],
  start: number,
  room: number,
  nextOffset: (index: number) => number,
): { bytes: Uint8Array; count: number } {
  const chunks: Uint8Array[] = [];
  let used = 0;
  let i = start;
  for (; i < entries.length; i++) {
    const e = entries[i]!;
    const name = Buffer.from(e.name, 'latin1');
    let rec: Uint8Array;
    if (kind === 'dirent64') {
      const reclen = align(19 + name.length + 1, 8);
      if (used + reclen > room) break;
      rec = new Uint8Array(reclen);
      const v = new DataView(rec.buffer);
      v.setBigUint64(0, BigInt(e.ino), true);
      v.setBigInt64(8, BigInt(nextOffset(i)), true);
      v.setUint16(16, reclen, true);
      rec[18] = dtypeOf(e.type);
      rec.set(name, 19);
    } else {
      const word = kind === 'dirent' ? 8 : 4;
      const head = word * 2 + 2;
      const reclen = align(head + name.length + 2, word);
      if (used + reclen > room) break;
      rec = new Uint8Array(reclen);
      const v = new DataView(rec.buffer);
      if (word === 8) {
        v.setBigUint64(0, BigInt(e.ino), true);
        v.setBigInt64(8, BigInt(nextOffset(i)), true);
      } else {
        v.setUint32(0, e.ino >>> 0, true);
        v.setInt32(4, nextOffset(i), true);
      }
      v.setUint16(word * 2, reclen, true);
      rec.set(name, head);
      rec[reclen - 1] = dtypeOf(e.type);
    }
    chunks.push(rec);
    used += rec.length;
  }
  const bytes = new Uint8Array(used);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes, count: i - start };
}
