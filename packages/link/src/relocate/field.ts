// Reading and writing relocated fields inside a section's bytes, and the range checks every
// relocation type needs. A failed check is returned as an Overflow (the caller turns it into
// a diagnostic naming the symbol and the site), never thrown.

export interface Overflow {
  value: bigint;
  min: bigint;
  max: bigint;
}

export class RelocationOverflow extends Error {
  constructor(readonly overflow: Overflow) {
    super('relocation out of range');
  }
}

/** Throws RelocationOverflow unless min ≤ value ≤ max. */
export function checkRange(value: bigint, min: bigint, max: bigint): void {
  if (value < min || value > max) throw new RelocationOverflow({ value, min, max });
}

/** Signed `bits`-bit range. */
export function checkSigned(value: bigint, bits: number): void {
  checkRange(value, -(1n << BigInt(bits - 1)), (1n << BigInt(bits - 1)) - 1n);
}

/** Unsigned `bits`-bit range. */
export function checkUnsigned(value: bigint, bits: number): void {
  checkRange(value, 0n, (1n << BigInt(bits)) - 1n);
}

/** Either interpretation fits (AAELF64's ABS32/PREL32: -2^31 ≤ X < 2^32). */
export function checkEither(value: bigint, bits: number): void {
  checkRange(value, -(1n << BigInt(bits - 1)), (1n << BigInt(bits)) - 1n);
}

export class Field {
  private readonly view: DataView;
  constructor(readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }
  fits(at: number, size: number): boolean {
    return at >= 0 && at + size <= this.data.length;
  }
  u8(at: number): number {
    return this.view.getUint8(at);
  }
  setU8(at: number, v: bigint | number): void {
    this.view.setUint8(at, Number(BigInt.asUintN(8, BigInt(v))));
  }
  setU16(at: number, v: bigint): void {
    this.view.setUint16(at, Number(BigInt.asUintN(16, v)), true);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  setU32(at: number, v: bigint | number): void {
    this.view.setUint32(at, Number(BigInt.asUintN(32, BigInt(v))), true);
  }
  setU64(at: number, v: bigint): void {
    this.view.setBigUint64(at, BigInt.asUintN(64, v), true);
  }
}
