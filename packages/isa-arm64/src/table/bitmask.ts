// Logical ("bitmask") immediates of AND/ORR/EOR/ANDS (immediate).
// Arm ARM C6.2 (AND immediate) and J1 pseudocode DecodeBitMasks(): the immediate is an element
// of 2, 4, 8, 16, 32 or 64 bits holding a rotated run of ones, replicated across the register.
// N:imms gives the element size and run length, immr the rotation. Encoding looks for the
// smallest element the value repeats, checks that element is one rotated run of ones, and
// derives N/immr/imms — the encoding of any valid value is unique, so this is exactly what
// GNU as produces.

export interface BitmaskFields {
  N: number;
  immr: number;
  imms: number;
}

const mask64 = (1n << 64n) - 1n;
const ones = (n: number): bigint => (1n << BigInt(n)) - 1n;

function rotateRight(x: bigint, by: number, width: number): bigint {
  if (by === 0) return x;
  const w = BigInt(width);
  const b = BigInt(by);
  return ((x >> b) | (x << (w - b))) & ones(width);
}

/** DecodeBitMasks(N, imms, immr, immediate=TRUE) → the register-width value, or null if reserved. */
export function decodeBitmask(N: number, imms: number, immr: number, regWidth: 32 | 64): bigint | null {
  const combined = (N << 6) | (~imms & 0x3f);
  if (combined === 0) return null;
  const len = 31 - Math.clz32(combined);
  if (len < 1) return null;
  if (regWidth === 32 && len === 6) return null;
  const levels = (1 << len) - 1;
  if ((imms & levels) === levels) return null; // all-ones element is reserved
  const s = imms & levels;
  const r = immr & levels;
  const esize = 1 << len;
  const elem = rotateRight(ones(s + 1), r, esize);
  let result = 0n;
  for (let pos = 0; pos < regWidth; pos += esize) result |= elem << BigInt(pos);
  return result & ones(regWidth);
}

/** Find N:immr:imms for `value` at register width `regWidth`, or null when not encodable. */
export function encodeBitmask(value: bigint, regWidth: 32 | 64): BitmaskFields | null {
  const v = value & ones(regWidth);
  if (v === 0n || v === ones(regWidth)) return null;
  // smallest element size the value repeats
  let esize = regWidth as number;
  while (esize > 2) {
    const half = esize / 2;
    const lo = v & ones(half);
    let repeats = true;
    for (let pos = half; pos < regWidth; pos += half) {
      if (((v >> BigInt(pos)) & ones(half)) !== lo) { repeats = false; break; }
    }
    if (!repeats) break;
    esize = half;
  }
  const elem = v & ones(esize);
  // count the ones; the element must be a rotation of ones(count)
  let count = 0;
  for (let i = 0; i < esize; i++) if ((elem >> BigInt(i)) & 1n) count++;
  const run = ones(count);
  let rotation = -1;
  for (let r = 0; r < esize; r++) {
    if (rotateRight(run, r, esize) === elem) { rotation = r; break; }
  }
  if (rotation < 0) return null;
  const N = esize === 64 ? 1 : 0;
  // imms: high bits encode the element size (0 for 32, 10 for 16, 110 for 8, …), low bits count-1
  const sizeBits = (~(esize * 2 - 1)) & 0x3f;
  const imms = (sizeBits | (count - 1)) & 0x3f;
  return { N, immr: rotation, imms };
}

export { mask64 };
