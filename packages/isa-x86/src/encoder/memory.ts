// ModRM / SIB / displacement encoding of a memory operand in 64-bit mode.
//
// Rules (Intel SDM Vol.2A §2.1.5, Tables 2-2 and 2-3; §2.2.1.6 RIP-relative addressing):
// - mod=00 rm=101 is RIP-relative disp32 in 64-bit mode, so an absolute address needs a SIB
//   byte with base=101, index=100 (none): GAS writes `mov 0x1234,%eax` as 8B 04 25 disp32.
// - rm=100 (rsp/r12 as base) always needs a SIB byte; index=100 without REX.X means no index,
//   so rsp cannot be an index register.
// - base=101 with mod=00 means "no base, disp32", so rbp/r13 as base need at least a disp8.
// - 32-bit address registers (`(%eax)`) are selected with the 67 address-size prefix.
// GAS picks no displacement for 0, disp8 when the value fits in a signed byte, disp32 otherwise,
// and always disp32 for a symbolic value (the linker fills it).

import { EncodeError, type X86Operand } from '../types.js';
import { registerInfo } from '../registers/registers.js';

export interface EncodedMemory {
  /** mod and rm bits of the ModRM byte (reg bits are the caller's). */
  mod: number;
  rm: number;
  /** SIB byte or -1. */
  sib: number;
  dispSize: 0 | 1 | 4;
  disp: bigint;
  rexX: boolean;
  rexB: boolean;
  /** Needs the 67 address-size prefix (32-bit address registers). */
  addr32: boolean;
  /** Segment override prefix byte or 0. */
  segPrefix: number;
  ripRelative: boolean;
}

const SEG_PREFIX: Record<string, number> = { es: 0x26, cs: 0x2e, ss: 0x36, ds: 0x3e, fs: 0x64, gs: 0x65 };

export function segmentPrefix(seg: string | undefined, operand: number): number {
  if (!seg) return 0;
  const p = SEG_PREFIX[seg.toLowerCase().replace(/^%/, '')];
  if (p === undefined) throw new EncodeError(`bad segment register \`${seg}'`, operand);
  return p;
}

const fitsS8 = (v: bigint): boolean => v >= -128n && v <= 127n;
const fitsS32 = (v: bigint): boolean => v >= -0x80000000n && v <= 0x7fffffffn;

/** The segment an address uses when none is written: SS for an rSP/rBP base, DS otherwise
 *  (SDM Vol.1 §3.7.4.1; GAS counts r12/r13 as DS too). GNU as leaves out an
 *  override that names this default (`mov %ds:(%rax),%eax` is 8B 00; tc-i386.c default_seg). */
export function encodeMemory(m: Extract<X86Operand, { kind: 'mem' }>, operand: number, forceDisp: 0 | 8 | 32 = 0): EncodedMemory {
  const r = encodeMemoryWithSegment(m, operand, forceDisp);
  if (r.segPrefix === 0x3e || r.segPrefix === 0x36) {
    const base = m.base !== undefined ? registerInfo(m.base) : undefined;
    const stackBase = base !== undefined && base.class === 'gpr' && (base.number === 4 || base.number === 5);
    if (r.segPrefix === (stackBase ? 0x36 : 0x3e)) r.segPrefix = 0;
  }
  return r;
}

function encodeMemoryWithSegment(m: Extract<X86Operand, { kind: 'mem' }>, operand: number, forceDisp: 0 | 8 | 32): EncodedMemory {
  const segPrefix = segmentPrefix(m.seg, operand);
  const base = m.base !== undefined ? registerInfo(m.base) : undefined;
  const index = m.index !== undefined ? registerInfo(m.index) : undefined;
  if (m.base !== undefined && !base) throw new EncodeError(`bad register name \`%${m.base}'`, operand);
  if (m.index !== undefined && !index) throw new EncodeError(`bad register name \`%${m.index}'`, operand);
  let disp = m.disp;
  const symbolic = m.symbolic === true;
  const result: EncodedMemory = {
    mod: 0, rm: 0, sib: -1, dispSize: 0, disp, rexX: false, rexB: false, addr32: false, segPrefix, ripRelative: false,
  };
  const bad = (): never => {
    throw new EncodeError(`\`${describe(m)}' is not a valid base/index expression`, operand);
  };

  if (base && base.class === 'rip') {
    if (index) bad();
    if (!symbolic && !fitsS32(disp)) throw new EncodeError('displacement out of range for RIP-relative address', operand);
    result.mod = 0;
    result.rm = 5;
    result.dispSize = 4;
    result.ripRelative = true;
    result.addr32 = base.size === 32;
    return result;
  }
  if (base && (base.class !== 'gpr' || base.size < 32)) bad();
  if (index && (index.class !== 'gpr' || index.size < 32 || index.number === 4)) bad();
  if (base && index && base.size !== index.size) bad();
  const addrSize = base?.size ?? index?.size ?? 64;
  result.addr32 = addrSize === 32;
  if (!symbolic && !(fitsS32(disp) || (addrSize === 32 && disp >= 0n && disp <= 0xffffffffn))) {
    throw new EncodeError(`displacement 0x${disp.toString(16)} out of range`, operand);
  }
  // A 32-bit address wraps at 4 GiB: GAS sizes 0x80000000..0xffffffff as the negative value it
  // is there (`0xffffffff(%eax)` is disp8 -1).
  if (addrSize === 32 && !symbolic && disp >= 0x80000000n) result.disp = disp = disp - 0x100000000n;
  const scaleBits = { 1: 0, 2: 1, 4: 2, 8: 3 }[m.scale];
  if (scaleBits === undefined) throw new EncodeError(`scale factor of ${m.scale} in address is not 1, 2, 4 or 8`, operand);

  if (!base) {
    // No base: SIB with base=101 and mod=00 means disp32 only (+ scaled index, if any).
    result.mod = 0;
    result.rm = 4;
    result.sib = (scaleBits << 6) | ((index ? index.number & 7 : 4) << 3) | 5;
    result.rexX = index !== undefined && index.number >= 8;
    result.dispSize = 4;
    return result;
  }
  result.rexB = base.number >= 8;
  if (symbolic) result.dispSize = 4;
  else if (disp === 0n && (base.number & 7) !== 5) result.dispSize = 0;
  else if (fitsS8(disp)) result.dispSize = 1;
  else result.dispSize = 4;
  // `{disp8}` / `{disp32}` (GAS pseudo-prefixes): a wider displacement than the value needs.
  if (forceDisp === 32) result.dispSize = 4;
  else if (forceDisp === 8 && result.dispSize === 0) result.dispSize = 1;
  result.mod = result.dispSize === 0 ? 0 : result.dispSize === 1 ? 1 : 2;
  if (index || (base.number & 7) === 4) {
    result.rm = 4;
    result.sib = (scaleBits << 6) | ((index ? index.number & 7 : 4) << 3) | (base.number & 7);
    result.rexX = index !== undefined && index.number >= 8;
  } else {
    result.rm = base.number & 7;
  }
  return result;
}

function describe(m: Extract<X86Operand, { kind: 'mem' }>): string {
  const parts = [m.base ? `%${m.base}` : '', m.index ? `%${m.index}` : '', m.index ? String(m.scale) : ''].filter((s, i) => i < 1 || s);
  return `(${parts.join(',')})`;
}
