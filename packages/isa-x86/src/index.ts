// @vsys/isa-x86: the x86-64 instruction table (src/table/) and the encoder, decoder and
// AT&T/Intel printers that all read it. Contract types live in ./types.ts.
export * from './types.js';
export { encode } from './encoder/encode.js';
export { registerInfo, gprName, type RegisterInfo, type RegisterClass } from './registers/registers.js';
export { OPS, FORMS, MNEMONICS, INTEL_ONLY_MNEMONICS, opId, keepsIntelOperandOrder, type Form, type OpSize, type MnemonicCandidate } from './table/compile.js';
export { CONDITIONS, type FormDef } from './table/forms.js';
export { decode } from './decoder/decode.js';
export { formatAtt } from './printer/att.js';
export { formatIntel } from './printer/intel.js';
export { toInstruction } from './decoder/to-instruction.js';
