// Bounds-checked little-endian reads over a Uint8Array. Every read names the ELF field it
// serves so that a truncated or lying file produces an ElfError such as
// "e_shoff points past the end of the file (0x… > 0x…)" rather than a DataView RangeError.

import { ElfError, hex } from '../errors.js';

export class ByteReader {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  /** Throws unless [offset, offset+size) lies inside the file. */
  check(offset: number | bigint, size: number | bigint, field: string): void {
    const o = BigInt(offset);
    const s = BigInt(size);
    const len = BigInt(this.bytes.length);
    if (o < 0n || s < 0n) throw new ElfError(`${field} is negative (${hex(o)})`, field);
    if (o > len) throw new ElfError(`${field} points past the end of the file (${hex(o)} > ${hex(len)})`, field);
    if (o + s > len) {
      throw new ElfError(
        `${field} runs past the end of the file (${hex(o)} + ${hex(s)} > ${hex(len)})`,
        field,
      );
    }
  }

  u8(offset: number, field: string): number {
    this.check(offset, 1, field);
    return this.view.getUint8(offset);
  }
  u16(offset: number, field: string): number {
    this.check(offset, 2, field);
    return this.view.getUint16(offset, true);
  }
  u32(offset: number, field: string): number {
    this.check(offset, 4, field);
    return this.view.getUint32(offset, true);
  }
  i32(offset: number, field: string): number {
    this.check(offset, 4, field);
    return this.view.getInt32(offset, true);
  }
  u64(offset: number, field: string): bigint {
    this.check(offset, 8, field);
    return this.view.getBigUint64(offset, true);
  }
  i64(offset: number, field: string): bigint {
    this.check(offset, 8, field);
    return this.view.getBigInt64(offset, true);
  }
  /** A 32-bit or 64-bit unsigned word depending on the file class. */
  word(offset: number, is64: boolean, field: string): bigint {
    return is64 ? this.u64(offset, field) : BigInt(this.u32(offset, field));
  }

  /** A view of [offset, offset+size), checked. */
  slice(offset: number | bigint, size: number | bigint, field: string): Uint8Array {
    this.check(offset, size, field);
    return this.bytes.subarray(Number(offset), Number(offset) + Number(size));
  }

  /** A NUL-terminated string starting at `offset` inside `table` (a string table's bytes). */
  static cString(table: Uint8Array, offset: number, field: string): string {
    if (offset < 0 || offset >= table.length) {
      if (offset === 0 && table.length === 0) return '';
      throw new ElfError(
        `${field} ${hex(offset)} is outside its string table (size ${hex(table.length)})`,
        field,
      );
    }
    const end = table.indexOf(0, offset);
    if (end < 0) throw new ElfError(`${field} ${hex(offset)} has no terminating NUL in its string table`, field);
    return decodeLatin1OrUtf8(table.subarray(offset, end));
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
function decodeLatin1OrUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** A bigint that must fit a JS number index (offsets/sizes into a file held in memory). */
export function toIndex(value: bigint, field: string, limit: number): number {
  if (value < 0n || value > BigInt(limit)) {
    throw new ElfError(`${field} points past the end of the file (${hex(value)} > ${hex(limit)})`, field);
  }
  return Number(value);
}
