// x86-64 relocations for a static executable (System V x86-64 psABI §4.4 "Relocation",
// Table 4.9; notation S symbol, A addend, P place, G+GOT the GOT slot address).
//   R_X86_64_64        S + A          64-bit
//   R_X86_64_PC32      S + A - P      signed 32
//   R_X86_64_PLT32     L + A - P      static link: no PLT, so L = S (as GNU ld does)
//   R_X86_64_32        S + A          zero-extended 32 (0 … 2^32-1)
//   R_X86_64_32S       S + A          sign-extended 32
//   R_X86_64_16/PC16/8/PC8, PC64
//   R_X86_64_GOTPCREL  G + GOT + A - P
//   R_X86_64_GOTPCRELX / REX_GOTPCRELX: the same, but the linker may rewrite the instruction
//       (psABI §B.2 "Optimize GOTPCRELX Relocations"): `mov foo@GOTPCREL(%rip), %reg`
//       (opcode 8b) becomes `lea foo(%rip), %reg` (opcode 8d) with S + A - P, when foo is
//       defined in the link. Other instructions load the address from a .got slot.
//   R_X86_64_TPOFF32 / TPOFF64: S + A - TP (variant II: the TLS block ends at TP).
//   R_X86_64_GOTTPOFF: G + GOT + A - P with the slot holding S - TP (initial-exec model).

import { EM_X86_64, R_X86_64, nameOf } from '@vsys/elf';
import type { ArchRelocator, RelocationValues } from './arch.js';
import { checkEither, checkSigned, checkUnsigned, type Field } from './field.js';

const R = R_X86_64;

const SIZES: Record<number, number> = {
  [R.R_X86_64_NONE]: 0,
  [R.R_X86_64_64]: 8,
  [R.R_X86_64_PC64]: 8,
  [R.R_X86_64_TPOFF64]: 8,
  [R.R_X86_64_PC32]: 4,
  [R.R_X86_64_PLT32]: 4,
  [R.R_X86_64_32]: 4,
  [R.R_X86_64_32S]: 4,
  [R.R_X86_64_GOTPCREL]: 4,
  [R.R_X86_64_GOTPCRELX]: 4,
  [R.R_X86_64_REX_GOTPCRELX]: 4,
  [R.R_X86_64_TPOFF32]: 4,
  [R.R_X86_64_GOTTPOFF]: 4,
  [R.R_X86_64_16]: 2,
  [R.R_X86_64_PC16]: 2,
  [R.R_X86_64_8]: 1,
  [R.R_X86_64_PC8]: 1,
};

/** `mov disp(%rip), %reg`: opcode 0x8b two bytes before the displacement, ModRM mod=00 rm=101. */
function isMovLoad(field: Field, at: number): boolean {
  return at >= 2 && field.u8(at - 2) === 0x8b && (field.u8(at - 1) & 0xc7) === 0x05;
}

export const x86_64Relocator: ArchRelocator = {
  machine: EM_X86_64,
  name: 'x86-64',
  pageSize: 0x1000n,
  padFile: true,
  typeName: (type) => nameOf(R, type) ?? `R_X86_64 type ${type}`,
  fieldSize: (type) => SIZES[type],
  absolute: (type) =>
    type === R.R_X86_64_64 || type === R.R_X86_64_32 || type === R.R_X86_64_32S || type === R.R_X86_64_16 || type === R.R_X86_64_8,

  gotKind(type, field, at, symbolDefined) {
    if (type === R.R_X86_64_GOTTPOFF) return 'tpoff';
    if (type === R.R_X86_64_GOTPCREL) return 'address';
    if (type === R.R_X86_64_GOTPCRELX || type === R.R_X86_64_REX_GOTPCRELX) {
      return symbolDefined && isMovLoad(field, at) ? undefined : 'address';
    }
    return undefined;
  },

  apply(v: RelocationValues): string | undefined {
    const { field, at, S, A, P } = v;
    switch (v.type) {
      case R.R_X86_64_NONE:
        return undefined;
      case R.R_X86_64_64:
        field.setU64(at, S + A);
        return undefined;
      case R.R_X86_64_PC64:
        field.setU64(at, S + A - P);
        return undefined;
      case R.R_X86_64_PC32:
      case R.R_X86_64_PLT32: {
        const x = S + A - P;
        checkSigned(x, 32);
        field.setU32(at, x);
        return undefined;
      }
      case R.R_X86_64_32: {
        const x = S + A;
        checkUnsigned(x, 32);
        field.setU32(at, x);
        return undefined;
      }
      case R.R_X86_64_32S: {
        const x = S + A;
        checkSigned(x, 32);
        field.setU32(at, x);
        return undefined;
      }
      case R.R_X86_64_16: {
        const x = S + A;
        checkEither(x, 16); // ld: complain_overflow_bitfield
        field.setU16(at, x);
        return undefined;
      }
      case R.R_X86_64_PC16: {
        const x = S + A - P;
        checkSigned(x, 16);
        field.setU16(at, x);
        return undefined;
      }
      case R.R_X86_64_8: {
        const x = S + A;
        checkEither(x, 8);
        field.setU8(at, x);
        return undefined;
      }
      case R.R_X86_64_PC8: {
        const x = S + A - P;
        checkSigned(x, 8);
        field.setU8(at, x);
        return undefined;
      }
      case R.R_X86_64_GOTPCREL:
      case R.R_X86_64_GOTPCRELX:
      case R.R_X86_64_REX_GOTPCRELX:
      case R.R_X86_64_GOTTPOFF: {
        if (v.G === undefined) {
          // Relaxed: mov foo@GOTPCREL(%rip) → lea foo(%rip) (psABI §B.2).
          field.setU8(at - 2, 0x8d);
          const x = S + A - P;
          checkSigned(x, 32);
          field.setU32(at, x);
          return undefined;
        }
        const x = v.G + A - P;
        checkSigned(x, 32);
        field.setU32(at, x);
        return undefined;
      }
      case R.R_X86_64_TPOFF32: {
        const x = v.tpoff(S + A);
        checkSigned(x, 32);
        field.setU32(at, x);
        return undefined;
      }
      case R.R_X86_64_TPOFF64:
        field.setU64(at, v.tpoff(S + A));
        return undefined;
      default:
        return `unsupported relocation type ${nameOf(R, v.type) ?? v.type} in a static link`;
    }
  },
};
