// @vsys/isa-arm64: the A64 instruction table (src/table/) and the encoder, decoder and
// printer that read it. See types.ts for the shapes that cross the package boundary.

export * from './types.js';
export { encodeA64, isA64Mnemonic, type A64EncodeOptions } from './encode.js';
export { decodeA64 } from './decode.js';
export { formatA64, type A64FormatOptions } from './format.js';
export { a64FormIds, a64FormNames, a64Mnemonics } from './table/compiled.js';
export { conditionCode, conditionNames } from './table/conditions.js';
export { sysregByName, sysregName, sysregNames, type SysregEncoding } from './table/sysregs.js';
export { decodeBitmask, encodeBitmask } from './table/bitmask.js';
export { parseRegister, registerName } from './table/operands/index.js';
/** GNU as's relocation operators (`:lo12:`, `:got:`, `:tprel_hi12:`, …) and the relocation
 *  numbers (AAELF64) of those @vsys/elf's R_AARCH64 does not list. */
export { relocOperators, extraRelocationNumbers, type RelocOperator, type MovwRelocation } from './table/operands/relocOperators.js';
/** A generated corpus of assembler lines (≈3500, some invalid on purpose) for differential tests. */
export { a64TestLines } from './testing/lines.js';
