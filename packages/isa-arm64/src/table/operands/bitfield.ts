// Operands of the bitfield aliases: LSL/LSR/ASR/ROR (immediate), UBFX/SBFX/BFXIL, BFI/UBFIZ/
// SBFIZ/BFC (Arm ARM C6.2), each mapping its written values onto immr/imms.

import { fail, immValue, type Fields, type OperandKind } from './kind.js';

export const sizeOf = (f: Fields): number => (f.sf ? 64 : 32);

export function bitfieldKind(spec: string, encode: (n: number, f: Fields, size: number) => void, format: (f: Fields, size: number) => number): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      const v = immValue(op);
      const size = sizeOf(s.fields);
      if (v < 0n || v > BigInt(size)) fail('immediate out of range');
      encode(Number(v), s.fields, size);
    },
    format: (f) => `#${format(f, sizeOf(f))}`,
  };
}

export const bitfieldKinds: Record<string, OperandKind> = {
  // LSL #n = UBFM immr = -n MOD size, imms = size-1-n
  'bf:lsl': bitfieldKind('bf:lsl', (n, f, size) => {
    if (n >= size) fail('shift out of range');
    f.immr = (size - n) % size;
    f.imms = size - 1 - n;
  }, (f, size) => size - 1 - f.imms!),
  // LSR/ASR #n = UBFM/SBFM immr = n, imms = size-1
  'bf:shr': bitfieldKind('bf:shr', (n, f, size) => {
    if (n >= size) fail('shift out of range');
    f.immr = n;
    f.imms = size - 1;
  }, (f) => f.immr!),
  // BFI/SBFIZ/UBFIZ #lsb: immr = -lsb MOD size
  'bf:ins_lsb': bitfieldKind('bf:ins_lsb', (n, f, size) => {
    if (n >= size) fail('lsb out of range');
    f.immr = (size - n) % size;
  }, (f, size) => (size - f.immr!) % size),
  // … #width: imms = width-1
  'bf:ins_width': bitfieldKind('bf:ins_width', (n, f, size) => {
    const lsb = (size - f.immr!) % size;
    if (n < 1 || lsb + n > size) fail('width out of range');
    f.imms = n - 1;
  }, (f) => f.imms! + 1),
  // BFXIL/SBFX/UBFX #lsb: immr = lsb
  'bf:ext_lsb': bitfieldKind('bf:ext_lsb', (n, f, size) => {
    if (n >= size) fail('lsb out of range');
    f.immr = n;
  }, (f) => f.immr!),
  // … #width: imms = lsb+width-1
  'bf:ext_width': bitfieldKind('bf:ext_width', (n, f, size) => {
    if (n < 1 || f.immr! + n > size) fail('width out of range');
    f.imms = f.immr! + n - 1;
  }, (f) => f.imms! - f.immr! + 1),
  // ROR #n = EXTR Rn=Rm, imms = n
  'bf:ror': bitfieldKind('bf:ror', (n, f, size) => {
    if (n >= size) fail('rotate out of range');
    f.imms = n;
  }, (f) => f.imms!),
};
