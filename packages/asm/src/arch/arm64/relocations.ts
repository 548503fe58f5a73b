// Fixups of AArch64 instructions and data, and the ELF relocations they become, as GNU as
// emits them (AAELF64 §5.7 "Relocation"; checked against aarch64-linux-gnu-as 2.40):
//   b → JUMP26, bl → CALL26, b.cond/cbz/cbnz → CONDBR19, tbz/tbnz → TSTBR14, adr → ADR_PREL_LO21,
//   ldr (literal) → LD_PREL_LO19: resolved in place when the target is a local label of the
//   same section, relocated otherwise (globals keep their relocation: they may be preempted);
//   adrp → ADR_PREL_PG_HI21, always relocated (the page depends on the final address);
//   `:lo12:` → ADD_ABS_LO12_NC or LDST{8,16,32,64,128}_ABS_LO12_NC; `:abs_gN:` → MOVW_UABS_GN;
//   `.xword`/`.dword` → ABS64, `.word` → ABS32, `.hword` → ABS16; `sym - .` → PREL64/32/16.
// Resolving a field writes it exactly as the relocation would (AAELF64 §5.7.6–5.7.9).
import { R_AARCH64 } from '@vsys/elf';
import { extraRelocationNumbers } from '@vsys/isa-arm64';
import type { Fixup, RelocationChoice, RelocationTarget } from '../backend.js';

/** Instruction fixups that are PC-relative (`target - P`). */
export const PC_RELATIVE_KINDS = new Set([
  'R_AARCH64_JUMP26', 'R_AARCH64_CALL26', 'R_AARCH64_CONDBR19', 'R_AARCH64_TSTBR14',
  'R_AARCH64_ADR_PREL_LO21', 'R_AARCH64_LD_PREL_LO19', 'R_AARCH64_ADR_PREL_PG_HI21',
  'R_AARCH64_MOVW_PREL_G0', 'R_AARCH64_MOVW_PREL_G0_NC', 'R_AARCH64_MOVW_PREL_G1', 'R_AARCH64_MOVW_PREL_G1_NC',
  'R_AARCH64_MOVW_PREL_G2', 'R_AARCH64_MOVW_PREL_G2_NC', 'R_AARCH64_MOVW_PREL_G3',
]);

/** PC-relative kinds a local same-section target resolves without a relocation. */
const RESOLVABLE_LOCALLY = new Set([
  'R_AARCH64_JUMP26', 'R_AARCH64_CALL26', 'R_AARCH64_CONDBR19', 'R_AARCH64_TSTBR14',
  'R_AARCH64_ADR_PREL_LO21', 'R_AARCH64_LD_PREL_LO19', 'R_AARCH64_PREL64', 'R_AARCH64_PREL32', 'R_AARCH64_PREL16',
]);

/** An instruction whose immediate only becomes known after layout is re-encoded whole. */
export const REENCODE_KIND = 'vsys_a64_reencode';
/** `.inst` words: 4 bytes written as they are, never relocated. */
export const INST_KIND = 'vsys_a64_inst';

export function dataFixupKind(size: 1 | 2 | 4 | 8, pcRelative: boolean): string {
  if (pcRelative) return size === 8 ? 'R_AARCH64_PREL64' : size === 4 ? 'R_AARCH64_PREL32' : size === 2 ? 'R_AARCH64_PREL16' : 'vsys_a64_byte_pc';
  return size === 8 ? 'R_AARCH64_ABS64' : size === 4 ? 'R_AARCH64_ABS32' : size === 2 ? 'R_AARCH64_ABS16' : 'vsys_a64_byte';
}

export function relocationType(f: Fixup, t: RelocationTarget): RelocationChoice {
  if (f.kind === REENCODE_KIND || f.kind === INST_KIND) return { error: 'expression must be an absolute value' };
  if (f.kind === 'vsys_a64_byte' || f.kind === 'vsys_a64_byte_pc') return { error: 'no AArch64 relocation for a 1-byte value' };
  const localHere = t.kind === 'symbol' && t.bind === 'local' && t.defined && t.sameSection;
  if (localHere && RESOLVABLE_LOCALLY.has(f.kind)) return { resolve: true };
  const type = (R_AARCH64 as Record<string, number>)[f.kind] ?? extraRelocationNumbers[f.kind];
  if (type === undefined) return { error: `internal: unknown AArch64 fixup kind '${f.kind}'` };
  return { resolve: false, type, threadLocal: f.kind.startsWith('R_AARCH64_TLS') };
}

function readWord(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function writeWord(bytes: Uint8Array, at: number, w: number): void {
  bytes[at] = w & 0xff;
  bytes[at + 1] = (w >>> 8) & 0xff;
  bytes[at + 2] = (w >>> 16) & 0xff;
  bytes[at + 3] = (w >>> 24) & 0xff;
}

function writeLE(bytes: Uint8Array, at: number, size: number, value: bigint): void {
  let v = BigInt.asUintN(size * 8, value);
  for (let k = 0; k < size; k++) {
    bytes[at + k] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** Place a word-offset into an immediate field (branch-style: `value` is a byte offset). */
function branchField(word: number, value: bigint, bits: number, lsb: number, what: string): number | string {
  if (value & 3n) return `${what} target is not 4-byte aligned`;
  const words = value >> 2n;
  const limit = 1n << BigInt(bits - 1);
  if (words < -limit || words >= limit) return `${what} target out of range (±${(limit * 4n).toString()} bytes)`;
  const mask = ((1 << bits) - 1) << lsb;
  return ((word & ~mask) | ((Number(BigInt.asUintN(bits, words)) << lsb) & mask)) >>> 0;
}

const LDST_SCALE: Record<string, number> = {
  R_AARCH64_LDST8_ABS_LO12_NC: 0, R_AARCH64_LDST16_ABS_LO12_NC: 1, R_AARCH64_LDST32_ABS_LO12_NC: 2,
  R_AARCH64_LDST64_ABS_LO12_NC: 3, R_AARCH64_LDST128_ABS_LO12_NC: 4,
};

/** Write a resolved value into an instruction or data item; an error message if it does not fit. */
export function applyFixup(bytes: Uint8Array, f: Fixup, value: bigint, reencode?: (value: bigint) => number | string): string | null {
  const at = f.offset;
  if (f.kind === REENCODE_KIND) {
    if (!reencode) return 'internal: lost the instruction to re-encode';
    const w = reencode(value);
    if (typeof w === 'string') return w;
    writeWord(bytes, at, w);
    return null;
  }
  if (f.kind === INST_KIND) {
    if (value < -(1n << 31n) || value >= 1n << 32n) return `.inst value ${value} does not fit in 32 bits`;
    writeWord(bytes, at, Number(BigInt.asUintN(32, value)));
    return null;
  }
  const word = f.size === 4 ? readWord(bytes, at) : 0;
  let out: number | string | undefined;
  switch (f.kind) {
    case 'R_AARCH64_JUMP26':
    case 'R_AARCH64_CALL26':
      out = branchField(word, value, 26, 0, 'branch');
      break;
    case 'R_AARCH64_CONDBR19':
      out = branchField(word, value, 19, 5, 'conditional branch');
      break;
    case 'R_AARCH64_LD_PREL_LO19':
      out = branchField(word, value, 19, 5, 'literal load');
      break;
    case 'R_AARCH64_TSTBR14':
      out = branchField(word, value, 14, 5, 'test-and-branch');
      break;
    case 'R_AARCH64_ADR_PREL_LO21': {
      if (value < -(1n << 20n) || value >= 1n << 20n) return 'adr target out of range (±1 MiB)';
      const u = Number(BigInt.asUintN(21, value));
      out = ((word & ~0x60ffffe0) | ((u & 3) << 29) | ((u >>> 2) << 5)) >>> 0;
      break;
    }
    case 'R_AARCH64_ADD_ABS_LO12_NC':
      out = ((word & ~(0xfff << 10)) | (Number(value & 0xfffn) << 10)) >>> 0;
      break;
    case 'R_AARCH64_MOVW_UABS_G0':
    case 'R_AARCH64_MOVW_UABS_G0_NC':
    case 'R_AARCH64_MOVW_UABS_G1':
    case 'R_AARCH64_MOVW_UABS_G1_NC':
    case 'R_AARCH64_MOVW_UABS_G2':
    case 'R_AARCH64_MOVW_UABS_G2_NC':
    case 'R_AARCH64_MOVW_UABS_G3': {
      const group = Number(f.kind.charAt(f.kind.indexOf('_G') + 2));
      const part = (value >> BigInt(16 * group)) & 0xffffn;
      if (!f.kind.endsWith('_NC') && value >> BigInt(16 * (group + 1)) !== 0n && group < 3) return `value does not fit in :abs_g${group}:`;
      out = ((word & ~(0xffff << 5)) | (Number(part) << 5)) >>> 0;
      break;
    }
    case 'R_AARCH64_MOVW_SABS_G0':
    case 'R_AARCH64_MOVW_SABS_G1':
    case 'R_AARCH64_MOVW_SABS_G2':
    case 'R_AARCH64_MOVW_PREL_G0':
    case 'R_AARCH64_MOVW_PREL_G1':
    case 'R_AARCH64_MOVW_PREL_G2':
    case 'R_AARCH64_MOVW_PREL_G3': {
      // signed groups (AAELF64 §5.7.7): a negative value makes the instruction MOVN with the
      // inverted group (opc bits 30:29 = 00), a positive one MOVZ (10)
      const group = Number(f.kind.charAt(f.kind.length - 1));
      const signed = BigInt.asIntN(64, value);
      // GNU as checks a signed (16·group + 16)-bit range (md_apply_fix: "signed value out of range")
      if (group < 3) {
        const limit = 1n << BigInt(15 + 16 * group);
        if (signed < -limit || signed >= limit) return 'signed value out of range';
      }
      const neg = signed < 0n;
      const part = ((neg ? ~signed : signed) >> BigInt(16 * group)) & 0xffffn;
      const opc = neg ? 0 : 2;
      out = ((word & ~(0xffff << 5) & ~(3 << 29)) | (opc << 29) | (Number(part) << 5)) >>> 0;
      break;
    }
    case 'R_AARCH64_MOVW_PREL_G0_NC':
    case 'R_AARCH64_MOVW_PREL_G1_NC':
    case 'R_AARCH64_MOVW_PREL_G2_NC': {
      const group = Number(f.kind.charAt(f.kind.indexOf('_G') + 2));
      out = ((word & ~(0xffff << 5)) | (Number((value >> BigInt(16 * group)) & 0xffffn) << 5)) >>> 0;
      break;
    }
    default: {
      const scale = LDST_SCALE[f.kind];
      if (scale !== undefined) {
        const lo = Number(value & 0xfffn);
        if (lo % (1 << scale) !== 0) return `:lo12: offset 0x${lo.toString(16)} is not a multiple of the access size`;
        out = ((word & ~(0xfff << 10)) | ((lo >> scale) << 10)) >>> 0;
        break;
      }
      if (f.kind.startsWith('R_AARCH64_') && f.size === 4 && !/^R_AARCH64_(ABS|PREL)(16|32|64)$/.test(f.kind)) {
        // a GOT/TLS relocation operator on a plain number: GNU as leaves it to the linker too,
        // which has no entry for it
        return 'this relocation modifier needs a symbol';
      }
      // data items
      const size = f.size;
      const bits = BigInt(size * 8);
      if (size < 8 && (value < -(1n << (bits - 1n)) || value >= 1n << bits)) {
        return `value ${value} (0x${BigInt.asUintN(64, value).toString(16)}) does not fit in a ${size}-byte field`;
      }
      writeLE(bytes, at, size, value);
      return null;
    }
  }
  if (typeof out === 'string') return out;
  writeWord(bytes, at, out);
  return null;
}
