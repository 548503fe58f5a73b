// AArch64 relocations for a static executable ("ELF for the Arm 64-bit Architecture"
// (AAELF64) §5.7.x; Page(x) = x & ~0xfff; X is the computed value; overflow checks as listed
// there). Instruction fields (Arm ARM C4 "A64 Instruction Set Encoding"):
//   ADR/ADRP  immlo = bits 29-30, immhi = bits 5-23 (21-bit immediate)
//   ADD/LDR/STR (unsigned offset)  imm12 = bits 10-21 (LDST*: scaled by the access size)
//   B/BL      imm26 = bits 0-25 (×4);  B.cond / CBZ / LDR (literal)  imm19 = bits 5-23 (×4)
//   TBZ/TBNZ  imm14 = bits 5-18 (×4);  MOVZ/MOVK  imm16 = bits 5-20
// TLS local-exec (variant I): TPREL(S) = S + A - TLS block start + align_up(16, PT_TLS align)
// (the 16-byte TCB sits at TP, the block after it).

import { EM_AARCH64, R_AARCH64, nameOf } from '@vsys/elf';
import type { ArchRelocator, RelocationValues } from './arch.js';
import { checkEither, checkRange, checkSigned, checkUnsigned, type Field } from './field.js';

const R = R_AARCH64;
const page = (x: bigint): bigint => x & ~0xfffn;

function insn(field: Field, at: number, clearMask: number, bits: number): void {
  field.setU32(at, ((field.u32(at) & ~clearMask) | bits) >>> 0);
}

/** ADR/ADRP 21-bit immediate. */
function setAdr(field: Field, at: number, imm: bigint): void {
  const v = Number(BigInt.asUintN(21, imm));
  insn(field, at, (0x3 << 29) | (0x7ffff << 5), ((v & 3) << 29) | (((v >>> 2) & 0x7ffff) << 5));
}

function setImm12(field: Field, at: number, imm: bigint): void {
  insn(field, at, 0xfff << 10, (Number(imm & 0xfffn) << 10) >>> 0);
}

const SIZES: Record<number, number> = {
  [R.R_AARCH64_NONE]: 0,
  [R.R_AARCH64_ABS64]: 8,
  [R.R_AARCH64_PREL64]: 8,
  [R.R_AARCH64_ABS32]: 4,
  [R.R_AARCH64_PREL32]: 4,
  [R.R_AARCH64_ABS16]: 2,
  [R.R_AARCH64_PREL16]: 2,
};

const TLSIE_ADR_GOTTPREL_PAGE21 = 541;
const TLSIE_LD64_GOTTPREL_LO12_NC = 542;

export const aarch64Relocator: ArchRelocator = {
  machine: EM_AARCH64,
  name: 'AArch64',
  pageSize: 0x10000n,
  padFile: false,
  typeName: (type) =>
    nameOf(R, type) ??
    (type === TLSIE_ADR_GOTTPREL_PAGE21
      ? 'R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21'
      : type === TLSIE_LD64_GOTTPREL_LO12_NC
        ? 'R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC'
        : `R_AARCH64 type ${type}`),
  fieldSize: (type) => SIZES[type] ?? 4,
  absolute: (type) =>
    type === R.R_AARCH64_ABS64 || type === R.R_AARCH64_ABS32 || type === R.R_AARCH64_ABS16 ||
    (type >= R.R_AARCH64_MOVW_UABS_G0 && type <= R.R_AARCH64_MOVW_UABS_G3),

  gotKind(type) {
    if (type === R.R_AARCH64_ADR_GOT_PAGE || type === R.R_AARCH64_LD64_GOT_LO12_NC) return 'address';
    if (type === TLSIE_ADR_GOTTPREL_PAGE21 || type === TLSIE_LD64_GOTTPREL_LO12_NC) return 'tpoff';
    return undefined;
  },

  apply(v: RelocationValues): string | undefined {
    const { field, at, S, A, P } = v;
    switch (v.type) {
      case R.R_AARCH64_NONE:
        return undefined;
      case R.R_AARCH64_ABS64:
        field.setU64(at, S + A);
        return undefined;
      case R.R_AARCH64_PREL64:
        field.setU64(at, S + A - P);
        return undefined;
      case R.R_AARCH64_ABS32: {
        const x = S + A;
        checkEither(x, 32);
        field.setU32(at, x);
        return undefined;
      }
      case R.R_AARCH64_PREL32: {
        const x = S + A - P;
        checkEither(x, 32);
        field.setU32(at, x);
        return undefined;
      }
      case R.R_AARCH64_ABS16: {
        const x = S + A;
        checkEither(x, 16);
        field.setU16(at, x);
        return undefined;
      }
      case R.R_AARCH64_PREL16: {
        const x = S + A - P;
        checkEither(x, 16);
        field.setU16(at, x);
        return undefined;
      }
      case R.R_AARCH64_ADR_PREL_LO21: {
        const x = S + A - P;
        checkSigned(x, 21);
        setAdr(field, at, x);
        return undefined;
      }
      case R.R_AARCH64_ADR_PREL_PG_HI21:
      case R.R_AARCH64_ADR_PREL_PG_HI21_NC: {
        const x = page(S + A) - page(P);
        if (v.type === R.R_AARCH64_ADR_PREL_PG_HI21) checkSigned(x, 33);
        setAdr(field, at, x >> 12n);
        return undefined;
      }
      case R.R_AARCH64_ADD_ABS_LO12_NC:
      case R.R_AARCH64_LDST8_ABS_LO12_NC:
        setImm12(field, at, S + A);
        return undefined;
      case R.R_AARCH64_LDST16_ABS_LO12_NC:
        setImm12(field, at, ((S + A) & 0xfffn) >> 1n);
        return undefined;
      case R.R_AARCH64_LDST32_ABS_LO12_NC:
        setImm12(field, at, ((S + A) & 0xfffn) >> 2n);
        return undefined;
      case R.R_AARCH64_LDST64_ABS_LO12_NC:
        setImm12(field, at, ((S + A) & 0xfffn) >> 3n);
        return undefined;
      case R.R_AARCH64_LDST128_ABS_LO12_NC:
        setImm12(field, at, ((S + A) & 0xfffn) >> 4n);
        return undefined;
      case R.R_AARCH64_JUMP26:
      case R.R_AARCH64_CALL26: {
        // AAELF64 §5.7.8: a branch to an undefined weak symbol becomes a branch to the next
        // instruction.
        const x = v.undefinedWeak ? 4n : S + A - P;
        checkSigned(x, 28);
        insn(field, at, 0x3ffffff, Number(BigInt.asUintN(26, x >> 2n)));
        return undefined;
      }
      case R.R_AARCH64_CONDBR19:
      case R.R_AARCH64_LD_PREL_LO19: {
        const x = v.undefinedWeak && v.type === R.R_AARCH64_CONDBR19 ? 4n : S + A - P;
        checkSigned(x, 21);
        insn(field, at, 0x7ffff << 5, Number(BigInt.asUintN(19, x >> 2n)) << 5);
        return undefined;
      }
      case R.R_AARCH64_TSTBR14: {
        const x = v.undefinedWeak ? 4n : S + A - P;
        checkSigned(x, 16);
        insn(field, at, 0x3fff << 5, Number(BigInt.asUintN(14, x >> 2n)) << 5);
        return undefined;
      }
      case R.R_AARCH64_MOVW_UABS_G0:
      case R.R_AARCH64_MOVW_UABS_G0_NC:
      case R.R_AARCH64_MOVW_UABS_G1:
      case R.R_AARCH64_MOVW_UABS_G1_NC:
      case R.R_AARCH64_MOVW_UABS_G2:
      case R.R_AARCH64_MOVW_UABS_G2_NC:
      case R.R_AARCH64_MOVW_UABS_G3: {
        const group = [0, 0, 1, 1, 2, 2, 3][v.type - R.R_AARCH64_MOVW_UABS_G0]!;
        const checked = [true, false, true, false, true, false, false][v.type - R.R_AARCH64_MOVW_UABS_G0]!;
        const x = S + A;
        if (checked) checkUnsigned(x, 16 * (group + 1));
        insn(field, at, 0xffff << 5, Number((BigInt.asUintN(64, x) >> BigInt(16 * group)) & 0xffffn) << 5);
        return undefined;
      }
      case R.R_AARCH64_ADR_GOT_PAGE:
      case TLSIE_ADR_GOTTPREL_PAGE21: {
        const x = page(v.G! + A) - page(P);
        checkSigned(x, 33);
        setAdr(field, at, x >> 12n);
        return undefined;
      }
      case R.R_AARCH64_LD64_GOT_LO12_NC:
      case TLSIE_LD64_GOTTPREL_LO12_NC:
        setImm12(field, at, ((v.G! + A) & 0xfffn) >> 3n);
        return undefined;
      case R.R_AARCH64_TLSLE_ADD_TPREL_HI12: {
        const x = v.tpoff(S + A);
        checkRange(x, 0n, (1n << 24n) - 1n);
        setImm12(field, at, x >> 12n);
        return undefined;
      }
      case R.R_AARCH64_TLSLE_ADD_TPREL_LO12: {
        const x = v.tpoff(S + A);
        checkRange(x, 0n, (1n << 12n) - 1n);
        setImm12(field, at, x);
        return undefined;
      }
      case R.R_AARCH64_TLSLE_ADD_TPREL_LO12_NC:
        setImm12(field, at, v.tpoff(S + A));
        return undefined;
      case R.R_AARCH64_TLSLE_MOVW_TPREL_G0:
      case R.R_AARCH64_TLSLE_MOVW_TPREL_G0_NC: {
        const x = v.tpoff(S + A);
        if (v.type === R.R_AARCH64_TLSLE_MOVW_TPREL_G0) checkSigned(x, 17);
        insn(field, at, 0xffff << 5, Number(BigInt.asUintN(16, x)) << 5);
        return undefined;
      }
      default:
        return `unsupported relocation type ${this.typeName(v.type)} in a static link`;
    }
  },
};
