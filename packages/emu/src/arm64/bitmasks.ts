// DecodeBitMasks() of the Arm ARM (DDI 0487, J1.1 shared/functions/bitmasks): the wmask/tmask
// pair that the bitfield moves (SBFM, BFM, UBFM — and their aliases lsl/lsr/asr #imm, sxtw,
// uxtb, bfi, ubfx …) and the logical immediates are made of. Computed once per instruction when
// a block is translated, so BigInt is fine here; the results are split into int32 halves.

const ones = (n: number): bigint => (1n << BigInt(n)) - 1n;

function ror(x: bigint, by: number, width: number): bigint {
  if (by === 0) return x;
  return ((x >> BigInt(by)) | (x << BigInt(width - by))) & ones(width);
}

function replicate(elem: bigint, esize: number, width: number): bigint {
  let out = 0n;
  for (let p = 0; p < width; p += esize) out |= elem << BigInt(p);
  return out & ones(width);
}

/** DecodeBitMasks(N, imms, immr, immediate, datasize) → {wmask, tmask}, or null when reserved. */
export function decodeBitMasks(N: number, imms: number, immr: number, immediate: boolean, datasize: 32 | 64): { wmask: bigint; tmask: bigint } | null {
  const combined = (N << 6) | (~imms & 0x3f);
  if (combined === 0) return null;
  const len = 31 - Math.clz32(combined);
  if (len < 1) return null;
  if (datasize === 32 && len === 6) return null;
  const levels = (1 << len) - 1;
  if (immediate && (imms & levels) === levels) return null;
  const S = imms & levels;
  const R = immr & levels;
  const diff = (S - R) & 0x3f;
  const esize = 1 << len;
  const d = diff & levels;
  const welem = ones(S + 1);
  const telem = ones(d + 1);
  return { wmask: replicate(ror(welem, R, esize), esize, datasize), tmask: replicate(telem, esize, datasize) };
}

/** A 64-bit value as [lo, hi] int32 halves. */
export function halves(v: bigint): [number, number] {
  const u = BigInt.asUintN(64, v);
  return [Number(u & 0xffffffffn) | 0, Number(u >> 32n) | 0];
}
