// Lazy arithmetic flags (after JSLinux's cc_op/cc_src/cc_dst and Bochs' lazy flags).
//
// Instead of computing CF, PF, AF, ZF, SF and OF after every instruction, the instruction stores
// what it did — an operation kind, the operand size, its operands and its result — into the
// Int32Array `F`; a flag is computed only when something reads it (jcc, setcc, pushf, adc…).
// The rules are those of the SDM Vol 1 §3.4.3.1 and each instruction's "Flags Affected" entry.
//
//   F[OP]  = kind << 2 | size code (0: 8 bits, 1: 16, 2: 32, 3: 64)
//   F[RL], F[RH]  result, low/high 32 bits (high word only for 64-bit operations)
//   F[AL], F[AH]  first operand (destination before the operation)
//   F[BL], F[BH]  second operand
//   F[AUX] carry-in (ADC/SBB), the preserved CF (INC/DEC: they leave CF alone), the explicit
//          CF|AF|OF bits (RESULT), or all six flags (NONE).

export const OP = 0, RL = 1, RH = 2, AL = 3, AH = 4, BL = 5, BH = 6, AUX = 7;

export const K_NONE = 0, K_ADD = 1, K_ADC = 2, K_SUB = 3, K_SBB = 4, K_LOGIC = 5, K_INC = 6, K_DEC = 7, K_RESULT = 8;

export const CF = 1 << 0, PF = 1 << 2, AF = 1 << 4, ZF = 1 << 6, SF = 1 << 7, TF = 1 << 8, IF = 1 << 9,
  DF = 1 << 10, OF = 1 << 11, IOPL = 3 << 12, NT = 1 << 14, RF = 1 << 16, VM = 1 << 17, AC = 1 << 18,
  VIF = 1 << 19, VIP = 1 << 20, ID = 1 << 21;
export const ARITH_FLAGS = CF | PF | AF | ZF | SF | OF;

export function sizeCode(bits: number): number {
  return bits === 8 ? 0 : bits === 16 ? 1 : bits === 32 ? 2 : 3;
}

/** Parity flag: set when the low byte of the result has an even number of 1 bits. */
const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let n = 0;
  for (let b = i; b; b >>= 1) n += b & 1;
  PARITY[i] = n % 2 === 0 ? PF : 0;
}

function signOf(sz: number, lo: number, hi: number): number {
  switch (sz) {
    case 0: return (lo >> 7) & 1;
    case 1: return (lo >> 15) & 1;
    case 2: return lo >>> 31;
    default: return hi >>> 31;
  }
}

function isZero(sz: number, lo: number, hi: number): boolean {
  switch (sz) {
    case 0: return (lo & 0xff) === 0;
    case 1: return (lo & 0xffff) === 0;
    case 2: return lo === 0;
    default: return (lo | hi) === 0;
  }
}

/** Unsigned a < b at size sz. */
function below(sz: number, al: number, ah: number, bl: number, bh: number): boolean {
  switch (sz) {
    case 0: return (al & 0xff) < (bl & 0xff);
    case 1: return (al & 0xffff) < (bl & 0xffff);
    case 2: return (al >>> 0) < (bl >>> 0);
    default: return (ah >>> 0) < (bh >>> 0) || (ah === bh && (al >>> 0) < (bl >>> 0));
  }
}

function equal(sz: number, al: number, ah: number, bl: number, bh: number): boolean {
  return isZero(sz, al ^ bl, ah ^ bh);
}

/** Computes the six arithmetic flags (as RFLAGS bits) from the lazy state. */
export function arithFlags(F: Int32Array): number {
  const op = F[OP]!;
  const kind = op >> 2;
  if (kind === K_NONE) return F[AUX]! & ARITH_FLAGS;
  const sz = op & 3;
  const rl = F[RL]!, rh = F[RH]!;
  let flags = PARITY[rl & 0xff]!;
  if (isZero(sz, rl, rh)) flags |= ZF;
  if (signOf(sz, rl, rh)) flags |= SF;
  const al = F[AL]!, ah = F[AH]!, bl = F[BL]!, bh = F[BH]!;
  switch (kind) {
    case K_ADD: case K_ADC: case K_INC: {
      if (kind === K_INC) flags |= F[AUX]! & CF;
      else if (kind === K_ADC && F[AUX]) { if (!below(sz, al, ah, rl, rh)) flags |= CF; } // r <= a
      else if (below(sz, rl, rh, al, ah)) flags |= CF; // r < a
      if (signOf(sz, (al ^ rl) & (bl ^ rl), (ah ^ rh) & (bh ^ rh))) flags |= OF;
      if ((al ^ bl ^ rl) & 0x10) flags |= AF;
      break;
    }
    case K_SUB: case K_SBB: case K_DEC: {
      if (kind === K_DEC) flags |= F[AUX]! & CF;
      else if (kind === K_SBB && F[AUX]) { if (below(sz, al, ah, bl, bh) || equal(sz, al, ah, bl, bh)) flags |= CF; }
      else if (below(sz, al, ah, bl, bh)) flags |= CF;
      if (signOf(sz, (al ^ bl) & (al ^ rl), (ah ^ bh) & (ah ^ rh))) flags |= OF;
      if ((al ^ bl ^ rl) & 0x10) flags |= AF;
      break;
    }
    case K_LOGIC:
      break; // CF = OF = 0; AF undefined (we leave it 0)
    case K_RESULT:
      flags |= F[AUX]! & (CF | AF | OF);
      break;
  }
  return flags;
}

/** CF alone (what INC/DEC preserve and ADC/SBB/RCL read), without the other five flags. */
export function carryFlag(F: Int32Array): number {
  const op = F[OP]!;
  const kind = op >> 2;
  const sz = op & 3;
  switch (kind) {
    case K_NONE: case K_INC: case K_DEC: case K_RESULT: return F[AUX]! & CF;
    case K_LOGIC: return 0;
    case K_ADD: return below(sz, F[RL]!, F[RH]!, F[AL]!, F[AH]!) ? 1 : 0;
    case K_ADC: return (F[AUX] ? !below(sz, F[AL]!, F[AH]!, F[RL]!, F[RH]!) : below(sz, F[RL]!, F[RH]!, F[AL]!, F[AH]!)) ? 1 : 0;
    case K_SUB: return below(sz, F[AL]!, F[AH]!, F[BL]!, F[BH]!) ? 1 : 0;
    case K_SBB: {
      const al = F[AL]!, ah = F[AH]!, bl = F[BL]!, bh = F[BH]!;
      return (F[AUX] ? below(sz, al, ah, bl, bh) || equal(sz, al, ah, bl, bh) : below(sz, al, ah, bl, bh)) ? 1 : 0;
    }
    default: return arithFlags(F) & CF;
  }
}

/** Evaluates condition code cc (0..15: o no b ae e ne be a s ns p np l ge le g). */
export function condition(F: Int32Array, cc: number): boolean {
  const f = arithFlags(F);
  let r: boolean;
  switch (cc >> 1) {
    case 0: r = (f & OF) !== 0; break;
    case 1: r = (f & CF) !== 0; break;
    case 2: r = (f & ZF) !== 0; break;
    case 3: r = (f & (CF | ZF)) !== 0; break;
    case 4: r = (f & SF) !== 0; break;
    case 5: r = (f & PF) !== 0; break;
    case 6: r = ((f & SF) !== 0) !== ((f & OF) !== 0); break;
    default: r = (f & ZF) !== 0 || ((f & SF) !== 0) !== ((f & OF) !== 0); break;
  }
  return (cc & 1) ? !r : r;
}

/** Replaces the lazy state by explicit flag bits. */
export function setArithFlags(F: Int32Array, bits: number): void {
  F[OP] = K_NONE << 2;
  F[AUX] = bits & ARITH_FLAGS;
}
