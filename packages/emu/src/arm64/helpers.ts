// 64-bit operations that translated A64 code calls rather than inlines (multiplies, divides,
// variable shifts, bit reversal, counting leading bits). Operands arrive as int32 halves and
// results leave in T[0] (low word) and T[1] (high word), so nothing is allocated on the hot
// path. Multiply-high and 64-bit division use BigInt: they are rare in integer code and the
// exact Arm ARM semantics (C6.2: UDIV/SDIV round toward zero, divide by zero gives 0, SDIV of
// INT64_MIN by −1 gives INT64_MIN) are easiest to read that way.

const TWO32 = 4294967296;

function toBig(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

function fromBig(T: Int32Array, v: bigint): void {
  const u = BigInt.asUintN(64, v);
  T[0] = Number(u & 0xffffffffn) | 0;
  T[1] = Number(u >> 32n) | 0;
}

/** Full 64-bit product of two unsigned 32-bit values into T[0], T[1] (16-bit limbs, exact). */
function mul32x32(T: Int32Array, a: number, b: number): void {
  const a0 = a & 0xffff, a1 = a >>> 16;
  const b0 = b & 0xffff, b1 = b >>> 16;
  const p00 = a0 * b0;
  const mid = a1 * b0 + a0 * b1; // < 2^33
  const p11 = a1 * b1;
  const low = p00 + (mid % 65536) * 65536; // < 2^33
  const lo = low % TWO32;
  const hi = p11 + Math.floor(mid / 65536) + Math.floor(low / TWO32);
  T[0] = lo | 0;
  T[1] = hi | 0;
}

export const helpers = {
  /** Low 64 bits of a 64×64 product. */
  mul64(T: Int32Array, al: number, ah: number, bl: number, bh: number): void {
    mul32x32(T, al >>> 0, bl >>> 0);
    const cross = (Math.imul(al, bh) + Math.imul(ah, bl)) | 0;
    T[1] = (T[1]! + cross) | 0;
  },
  /** 32×32 → 64 (SMULL/UMULL family: SMADDL, UMADDL, …). */
  mulWide(T: Int32Array, a: number, b: number, signed: number): void {
    if (!signed) {
      mul32x32(T, a >>> 0, b >>> 0);
      return;
    }
    const p = BigInt(a | 0) * BigInt(b | 0);
    fromBig(T, p);
  },
  umulh(T: Int32Array, al: number, ah: number, bl: number, bh: number): void {
    fromBig(T, (toBig(al, ah) * toBig(bl, bh)) >> 64n);
  },
  smulh(T: Int32Array, al: number, ah: number, bl: number, bh: number): void {
    const a = BigInt.asIntN(64, toBig(al, ah));
    const b = BigInt.asIntN(64, toBig(bl, bh));
    fromBig(T, (a * b) >> 64n);
  },
  udiv64(T: Int32Array, al: number, ah: number, bl: number, bh: number): void {
    const b = toBig(bl, bh);
    if (b === 0n) {
      T[0] = 0;
      T[1] = 0;
      return;
    }
    if (ah === 0 && bh === 0) {
      T[0] = Math.floor((al >>> 0) / (bl >>> 0)) | 0;
      T[1] = 0;
      return;
    }
    fromBig(T, toBig(al, ah) / b);
  },
  sdiv64(T: Int32Array, al: number, ah: number, bl: number, bh: number): void {
    const b = BigInt.asIntN(64, toBig(bl, bh));
    if (b === 0n) {
      T[0] = 0;
      T[1] = 0;
      return;
    }
    fromBig(T, BigInt.asIntN(64, toBig(al, ah)) / b); // BigInt division truncates toward zero
  },
  /** LSLV/LSRV/ASRV/RORV (C6.2): the amount is Rm modulo the data size. type 0..3 = LSL LSR ASR ROR. */
  shiftVar(T: Int32Array, type: number, lo: number, hi: number, amount: number, sf: number): void {
    if (!sf) {
      const n = amount & 31;
      let r: number;
      if (n === 0) r = lo;
      else if (type === 0) r = lo << n;
      else if (type === 1) r = lo >>> n;
      else if (type === 2) r = lo >> n;
      else r = (lo >>> n) | (lo << (32 - n));
      T[0] = r | 0;
      T[1] = 0;
      return;
    }
    const n = amount & 63;
    if (n === 0) {
      T[0] = lo;
      T[1] = hi;
      return;
    }
    switch (type) {
      case 0:
        if (n < 32) { T[1] = (hi << n) | (lo >>> (32 - n)); T[0] = lo << n; }
        else { T[1] = lo << (n - 32); T[0] = 0; }
        return;
      case 1:
        if (n < 32) { T[0] = (lo >>> n) | (hi << (32 - n)); T[1] = (hi >>> n) | 0; }
        else { T[0] = (hi >>> (n - 32)) | 0; T[1] = 0; }
        return;
      case 2:
        if (n < 32) { T[0] = (lo >>> n) | (hi << (32 - n)); T[1] = hi >> n; }
        else { T[0] = hi >> (n - 32); T[1] = hi >> 31; }
        return;
      default:
        if (n < 32) { T[0] = (lo >>> n) | (hi << (32 - n)); T[1] = (hi >>> n) | (lo << (32 - n)); }
        else if (n === 32) { T[0] = hi; T[1] = lo; }
        else { const m = n - 32; T[0] = (hi >>> m) | (lo << (32 - m)); T[1] = (lo >>> m) | (hi << (32 - m)); }
    }
  },
  rbit32(x: number): number {
    let v = x >>> 0;
    let r = 0;
    for (let i = 0; i < 32; i++) {
      r = (r << 1) | (v & 1);
      v >>>= 1;
    }
    return r | 0;
  },
  bswap32(x: number): number {
    return ((x >>> 24) | ((x >>> 8) & 0xff00) | ((x << 8) & 0xff0000) | (x << 24)) | 0;
  },
  rev16(x: number): number {
    return (((x >>> 8) & 0x00ff00ff) | ((x << 8) & 0xff00ff00)) | 0;
  },
  clz64(lo: number, hi: number, sf: number): number {
    if (!sf) return Math.clz32(lo);
    return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
  },
  /** CLS: leading bits equal to the sign bit, not counting the sign bit itself. */
  cls64(lo: number, hi: number, sf: number): number {
    if (!sf) return Math.clz32(lo ^ (lo >> 31)) - 1;
    const s = hi >> 31;
    const xl = lo ^ s;
    const xh = hi ^ s;
    // count leading zeros of (x ^ sign) as 64 bits, minus 1
    const z = xh !== 0 ? Math.clz32(xh) : 32 + Math.clz32(xl);
    return z - 1;
  },
};

export type Helpers = typeof helpers;
