// A growable little-endian byte buffer for the writers: append, align, and patch at an
// offset (section headers and symbol indices are often known only after the data is placed).

export class ByteWriter {
  private buf = new Uint8Array(4096);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private ensure(end: number): void {
    if (end <= this.buf.length) return;
    let cap = this.buf.length;
    while (cap < end) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Pads with zero bytes up to a multiple of `align` (1 or a power of two). */
  align(align: number): number {
    const a = Math.max(1, align);
    const target = Math.ceil(this.length / a) * a;
    this.zeros(target - this.length);
    return this.length;
  }

  /** Pads with zeros up to absolute offset `offset` (which must not be behind the end). */
  padTo(offset: number): void {
    if (offset < this.length) throw new Error(`ByteWriter.padTo: ${offset} < ${this.length}`);
    this.zeros(offset - this.length);
  }

  zeros(n: number): void {
    this.ensure(this.length + n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
  }

  bytes(data: Uint8Array): void {
    this.ensure(this.length + data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  u8(v: number): void {
    this.ensure(this.length + 1);
    this.view.setUint8(this.length, v);
    this.length += 1;
  }
  u16(v: number): void {
    this.ensure(this.length + 2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }
  u32(v: number): void {
    this.ensure(this.length + 4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }
  u64(v: bigint | number): void {
    this.ensure(this.length + 8);
    this.view.setBigUint64(this.length, BigInt.asUintN(64, BigInt(v)), true);
    this.length += 8;
  }

  /** Writes bytes at an absolute offset inside what is already written (or just past it). */
  patch(offset: number, data: Uint8Array): void {
    this.ensure(offset + data.length);
    this.buf.set(data, offset);
    if (offset + data.length > this.length) this.length = offset + data.length;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Builds an ELF string table: offset 0 is the empty string; equal strings are shared. */
export class StringTable {
  private readonly parts: Uint8Array[] = [new Uint8Array(1)];
  private readonly offsets = new Map<string, number>([['', 0]]);
  private size = 1;
  private static readonly enc = new TextEncoder();

  add(s: string): number {
    const known = this.offsets.get(s);
    if (known !== undefined) return known;
    const enc = StringTable.enc.encode(s);
    const bytes = new Uint8Array(enc.length + 1);
    bytes.set(enc);
    const at = this.size;
    this.parts.push(bytes);
    this.size += bytes.length;
    this.offsets.set(s, at);
    return at;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
