// The A64 instruction table: every encoding this package knows, once. Each entry gives the
// canonical form name (what the decoder reports), its bit pattern (pattern.ts), the assembler
// operand syntax as operand kinds (operands.ts), and its aliases with the Arm ARM "preferred
// when" conditions (DDI 0487, chapter C6, the "Alias conditions" table of each instruction).
// The encoder tries, for a mnemonic, every entry and alias spelling it in table order, so the
// order below is also GNU as's order of preference (e.g. `mov` tries ADD #0 for SP, then MOVZ,
// MOVN, ORR immediate, ORR register — gas/config/tc-aarch64.c does the same).

import { decodeBitmask } from './bitmask.js';
import { pstateFields, type Fields } from './operands/index.js';

export interface A64AliasSpec {
  mnemonic: string;
  operands: string[];
  /** fields the alias fixes, e.g. Rd = 31 for CMP */
  fixed?: Fields;
  /** Arm ARM alias condition: the disassembler prints this alias when it holds */
  when?: (f: Fields) => boolean;
  /** the condition must hold when assembling too (MOV to/from SP only exists with SP) */
  encodeCheck?: boolean;
  /** spelling the assembler accepts but the disassembler never prints (e.g. ldr → LDUR) */
  encodeOnly?: boolean;
}

export interface A64FormSpec {
  form: string;
  /** `<cond>` in a mnemonic stands for the cond field (b.<cond>) */
  mnemonic: string;
  pattern: string;
  operands: string[];
  aliases?: A64AliasSpec[];
  /** unallocated encodings inside the pattern (→ UNDEFINED) */
  unallocated?: (f: Fields) => boolean;
  /** values the assembler writes into fields no operand sets (should-be-one fields) */
  encodeDefaults?: Fields;
  /** GNU as's warning for a CONSTRAINED UNPREDICTABLE combination it assembles anyway (Arm ARM
   *  K1.2; gas tc-aarch64.c warn_unpredictable_ldst, the exclusive-store checks) */
  warn?: (f: Fields) => string | undefined;
  /** the encoder ignores `unallocated` (it is the disassembler's view): GNU as assembles the
   *  combination with a `warn` (LDPSW with Rt == Rt2, which objdump calls undefined) */
  assemblesUnallocated?: boolean;
}

// GNU as's unpredictable-operand warnings (tc-aarch64.c warn_unpredictable_ldst and the
// store-exclusive checks), by the Arm ARM's CONSTRAINED UNPREDICTABLE cases (K1.2.1–K1.2.5)
const writebackOverlaps = (f: Fields, pair: boolean): boolean => f.Rn !== 31 && (f.Rn === f.Rt || (pair && f.Rn === f.Rt2));
const warnWriteback = (pair: boolean) => (f: Fields): string | undefined =>
  writebackOverlaps(f, pair) ? 'unpredictable transfer with writeback' : pair && f.L === 1 && f.Rt === f.Rt2 ? 'unpredictable load of register pair' : undefined;
const warnLoadPair = (f: Fields): string | undefined => (f.Rt === f.Rt2 ? 'unpredictable load of register pair' : undefined);
const warnStoreExclusive = (pair: boolean) => (f: Fields): string | undefined =>
  f.Rs === f.Rt || (pair && f.Rs === f.Rt2) ? 'unpredictable: identical transfer and status registers'
    : f.Rs === f.Rn ? 'unpredictable: identical base and status registers' : undefined; // GNU as compares the numbers: wzr and sp (31) count as identical

const t: A64FormSpec[] = [];
const add = (...specs: A64FormSpec[]): void => {
  t.push(...specs);
};

// ============================================================ C4.1.86 PC-rel. addressing
add(
  { form: 'ADR', mnemonic: 'adr', pattern: 'op:1=0 immlo:2 10000 immhi:19 Rd:5', operands: ['R:Rd:x', 'adr'] },
  { form: 'ADRP', mnemonic: 'adrp', pattern: 'op:1=1 immlo:2 10000 immhi:19 Rd:5', operands: ['R:Rd:x', 'adrp'] },
);

// ============================================================ Add/subtract (immediate), C6.2 ADD/ADDS/SUB/SUBS (immediate)
add(
  {
    form: 'ADD_imm', mnemonic: 'add', pattern: 'sf:1 op:1=0 S:1=0 100010 sh:1 imm12:12 Rn:5 Rd:5',
    operands: ['R:Rd:sf:sp', 'R:Rn:sf:sp', 'aimm:rel', 'sh12'],
    // MOV (to/from SP): alias when sh == 0 && imm12 == 0 && (Rd == '11111' || Rn == '11111')
    aliases: [
      { mnemonic: 'mov', operands: ['R:Rd:sf:sp', 'R:Rn:sf:sp'], fixed: { sh: 0, imm12: 0 }, when: (f) => f.sh === 0 && f.imm12 === 0 && (f.Rd === 31 || f.Rn === 31), encodeCheck: true },
      { mnemonic: 'sub', operands: ['R:Rd:sf:sp', 'R:Rn:sf:sp', 'aimm:neg', 'sh12'], encodeOnly: true },
    ],
  },
  {
    form: 'ADDS_imm', mnemonic: 'adds', pattern: 'sf:1 op:1=0 S:1=1 100010 sh:1 imm12:12 Rn:5 Rd:5',
    operands: ['R:Rd:sf', 'R:Rn:sf:sp', 'aimm', 'sh12'],
    aliases: [
      { mnemonic: 'cmn', operands: ['R:Rn:sf:sp', 'aimm', 'sh12'], fixed: { Rd: 31 }, when: (f) => f.Rd === 31 },
      { mnemonic: 'subs', operands: ['R:Rd:sf', 'R:Rn:sf:sp', 'aimm:neg', 'sh12'], encodeOnly: true },
      { mnemonic: 'cmp', operands: ['R:Rn:sf:sp', 'aimm:neg', 'sh12'], fixed: { Rd: 31 }, encodeOnly: true },
    ],
  },
  {
    form: 'SUB_imm', mnemonic: 'sub', pattern: 'sf:1 op:1=1 S:1=0 100010 sh:1 imm12:12 Rn:5 Rd:5', operands: ['R:Rd:sf:sp', 'R:Rn:sf:sp', 'aimm', 'sh12'],
    aliases: [{ mnemonic: 'add', operands: ['R:Rd:sf:sp', 'R:Rn:sf:sp', 'aimm:neg', 'sh12'], encodeOnly: true }],
  },
  {
    form: 'SUBS_imm', mnemonic: 'subs', pattern: 'sf:1 op:1=1 S:1=1 100010 sh:1 imm12:12 Rn:5 Rd:5',
    operands: ['R:Rd:sf', 'R:Rn:sf:sp', 'aimm', 'sh12'],
    aliases: [
      { mnemonic: 'cmp', operands: ['R:Rn:sf:sp', 'aimm', 'sh12'], fixed: { Rd: 31 }, when: (f) => f.Rd === 31 },
      { mnemonic: 'adds', operands: ['R:Rd:sf', 'R:Rn:sf:sp', 'aimm:neg', 'sh12'], encodeOnly: true },
      { mnemonic: 'cmn', operands: ['R:Rn:sf:sp', 'aimm:neg', 'sh12'], fixed: { Rd: 31 }, encodeOnly: true },
    ],
  },
);

// ============================================================ Move wide (immediate), C6.2 MOVN/MOVZ/MOVK
add(
  {
    form: 'MOVZ', mnemonic: 'movz', pattern: 'sf:1 opc:2=10 100101 hw:2 imm16:16 Rd:5', operands: ['R:Rd:sf', 'imm16w', 'hw'],
    unallocated: (f) => f.sf === 0 && f.hw! >= 2,
    // MOV (wide immediate): ! (IsZero(imm16) && hw != '00')
    aliases: [{ mnemonic: 'mov', operands: ['R:Rd:sf', 'movz'], when: (f) => !(f.imm16 === 0 && f.hw !== 0) }],
  },
  {
    form: 'MOVN', mnemonic: 'movn', pattern: 'sf:1 opc:2=00 100101 hw:2 imm16:16 Rd:5', operands: ['R:Rd:sf', 'imm16w', 'hw'],
    unallocated: (f) => f.sf === 0 && f.hw! >= 2,
    // MOV (inverted wide immediate): ! (IsZero(imm16) && hw != '00') && ! (sf == '0' && imm16 == '1…1')
    aliases: [{ mnemonic: 'mov', operands: ['R:Rd:sf', 'movn'], when: (f) => !(f.imm16 === 0 && f.hw !== 0) && !(f.sf === 0 && f.imm16 === 0xffff) }],
  },
  { form: 'MOVK', mnemonic: 'movk', pattern: 'sf:1 opc:2=11 100101 hw:2 imm16:16 Rd:5', operands: ['R:Rd:sf', 'imm16w:k', 'hw'], unallocated: (f) => f.sf === 0 && f.hw! >= 2 },
);

// ============================================================ Logical (immediate), C6.2 AND/ORR/EOR/ANDS (immediate)
// MOV (bitmask immediate) is printed for ORR Rd, ZR, #imm unless MOVZ/MOVN could express the
// value (Arm ARM: MoveWidePreferred()). objdump does not use MoveWidePreferred() on the raw fields but asks whether the *value*
// (or its inverse) is a MOVZ/MOVN immediate, and always prints MOV when Rd is SP, which MOVZ
// cannot write (binutils opcodes/aarch64-dis.c, convert_movebitmask_to_mov). The two differ
// only for non-canonical immr values; we follow objdump.
function isWideConstant(v: bigint, bits: 32 | 64): boolean {
  const m = v & ((1n << BigInt(bits)) - 1n);
  for (let hw = 0; hw < bits / 16; hw++) if ((m & ~(0xffffn << BigInt(16 * hw))) === 0n) return true;
  return false;
}
function orrPrintsAsMov(f: Fields): boolean {
  if (f.Rn !== 31) return false;
  if (f.Rd === 31) return true;
  const bits = f.sf ? 64 : 32;
  const v = decodeBitmask(f.N!, f.imms!, f.immr!, bits);
  if (v === null) return false;
  return !isWideConstant(v, bits) && !isWideConstant(~v, bits);
}
// sf = 0 with N = 1, and the reserved all-ones element of DecodeBitMasks(), are unallocated
const logicalImmUnallocated = (f: Fields): boolean => (f.sf === 0 && f.N === 1) || decodeBitmask(f.N!, f.imms!, f.immr!, f.sf ? 64 : 32) === null;
add(
  {
    form: 'AND_imm', mnemonic: 'and', pattern: 'sf:1 opc:2=00 100100 N:1 immr:6 imms:6 Rn:5 Rd:5', operands: ['R:Rd:sf:sp', 'R:Rn:sf', 'bimm'], unallocated: logicalImmUnallocated,
    // GNU as: `bic Rd, Rn, #imm` is AND with ~imm
    aliases: [{ mnemonic: 'bic', operands: ['R:Rd:sf:sp', 'R:Rn:sf', 'bimm:inv'], encodeOnly: true }],
  },
  {
    form: 'ORR_imm', mnemonic: 'orr', pattern: 'sf:1 opc:2=01 100100 N:1 immr:6 imms:6 Rn:5 Rd:5', operands: ['R:Rd:sf:sp', 'R:Rn:sf', 'bimm'], unallocated: logicalImmUnallocated,
    aliases: [{ mnemonic: 'mov', operands: ['R:Rd:sf:sp', 'bimm:mov'], fixed: { Rn: 31 }, when: orrPrintsAsMov }],
  },
  { form: 'EOR_imm', mnemonic: 'eor', pattern: 'sf:1 opc:2=10 100100 N:1 immr:6 imms:6 Rn:5 Rd:5', operands: ['R:Rd:sf:sp', 'R:Rn:sf', 'bimm'], unallocated: logicalImmUnallocated },
  {
    form: 'ANDS_imm', mnemonic: 'ands', pattern: 'sf:1 opc:2=11 100100 N:1 immr:6 imms:6 Rn:5 Rd:5', operands: ['R:Rd:sf', 'R:Rn:sf', 'bimm'], unallocated: logicalImmUnallocated,
    aliases: [{ mnemonic: 'tst', operands: ['R:Rn:sf', 'bimm'], fixed: { Rd: 31 }, when: (f) => f.Rd === 31 }],
  },
);

// ============================================================ Bitfield, C6.2 SBFM/BFM/UBFM and their aliases
/** BFXPreferred() from the Arm ARM shared pseudocode. */
function bfxPreferred(f: Fields, unsigned: boolean): boolean {
  const { sf, imms, immr } = f as Required<Fields>;
  if (imms! < immr!) return false;
  if (imms === (sf ? 63 : 31)) return false;
  if (immr === 0) {
    if (sf === 0 && (imms === 7 || imms === 15)) return false;
    if (sf === 1 && !unsigned && (imms === 7 || imms === 15 || imms === 31)) return false;
  }
  return true;
}
for (const sf of [0, 1]) {
  const bits = sf ? '1' : '0';
  const size = sf ? 64 : 32;
  // N must equal sf; in the 32-bit form immr/imms above 31 are reserved
  const bfUnallocated = (f: Fields): boolean => sf === 0 && (f.immr! >= 32 || f.imms! >= 32);
  add(
    {
      form: 'SBFM', mnemonic: 'sbfm', pattern: `sf:1=${bits} opc:2=00 100110 N:1=${bits} immr:6 imms:6 Rn:5 Rd:5`,
      operands: ['R:Rd:sf', 'R:Rn:sf', 'imm:immr:6:dec', 'imm:imms:6:dec'], unallocated: bfUnallocated,
      aliases: [
        { mnemonic: 'asr', operands: ['R:Rd:sf', 'R:Rn:sf', 'bf:shr'], when: (f) => f.imms === size - 1 },
        { mnemonic: 'sbfiz', operands: ['R:Rd:sf', 'R:Rn:sf', 'bf:ins_lsb', 'bf:ins_width'], when: (f) => f.imms! < f.immr! },
        { mnemonic: 'sbfx', operands: ['R:Rd:sf', 'R:Rn:sf', 'bf:ext_lsb', 'bf:ext_width'], when: (f) => bfxPreferred(f, false) },
        { mnemonic: 'sxtb', operands: ['R:Rd:sf', 'R:Rn:w'], fixed: { immr: 0, imms: 7 }, when: (f) => f.immr === 0 && f.imms === 7 },
        { mnemonic: 'sxth', operands: ['R:Rd:sf', 'R:Rn:w'], fixed: { immr: 0, imms: 15 }, when: (f) => f.immr === 0 && f.imms === 15 },
        ...(sf ? [{ mnemonic: 'sxtw', operands: ['R:Rd:sf', 'R:Rn:w'], fixed: { immr: 0, imms: 31 }, when: (f: Fields) => f.immr === 0 && f.imms === 31 }] : []),
      ],
    },
    {
      form: 'BFM', mnemonic: 'bfm', pattern: `sf:1=${bits} opc:2=01 100110 N:1=${bits} immr:6 imms:6 Rn:5 Rd:5`,
      operands: ['R:Rd:sf', 'R:Rn:sf', 'imm:immr:6:dec', 'imm:imms:6:dec'], unallocated: bfUnallocated,
      aliases: [
        { mnemonic: 'bfc', operands: ['R:Rd:sf', 'bf:ins_lsb', 'bf:ins_width'], fixed: { Rn: 31 }, when: (f) => f.Rn === 31 && f.imms! < f.immr! },
        { mnemonic: 'bfi', operands: ['R:Rd:sf', 'R:Rn:sf', 'bf:ins_lsb', 'bf:ins_width'], when: (f) => f.Rn !== 31 && f.imms! < f.immr! },
        { mnemonic: 'bfxil', operands: ['R:Rd:sf', 'R:Rn:sf', 'bf:ext_lsb', 'bf:ext_width'], when: (f) => f.imms! >= f.immr! },
      ],
    },
    {
      form: 'UBFM', mnemonic: 'ubfm', pattern: `sf:1=${bits} opc:2=10 100110 N:1=${bits} immr:6 imms:6 Rn:5 Rd:5`,
      operands: ['R:Rd:sf', 'R:Rn:sf', 'imm:immr:6:dec', 'imm:imms:6:dec'], unallocated: bfUnallocated,
      aliases: [
        { mnemonic: 'lsl', operands: ['R:Rd:sf', 'R:Rn:sf', 'bf:lsl'], when: (f) => f.imms !== size - 1 && f.imms! + 1 === f.immr },
        { mnemonic: 'lsr', operands: ['R:Rd:sf', 'R:Rn:sf', 'bf:shr'], when: (f) => f.imms === size - 1 },
        { mnemonic: 'ubfiz', operands: ['R:Rd:sf', 'R:Rn:sf', 'bf:ins_lsb', 'bf:ins_width'], when: (f) => f.imms! < f.immr! },
        { mnemonic: 'ubfx', operands: ['R:Rd:sf', 'R:Rn:sf', 'bf:ext_lsb', 'bf:ext_width'], when: (f) => bfxPreferred(f, true) },
        ...(sf
          ? []
          : [
              { mnemonic: 'uxtb', operands: ['R:Rd:sfany', 'R:Rn:w'], fixed: { immr: 0, imms: 7 }, when: (f: Fields) => f.immr === 0 && f.imms === 7 },
              { mnemonic: 'uxth', operands: ['R:Rd:sfany', 'R:Rn:w'], fixed: { immr: 0, imms: 15 }, when: (f: Fields) => f.immr === 0 && f.imms === 15 },
            ]),
      ],
    },
    {
      form: 'EXTR', mnemonic: 'extr', pattern: `sf:1=${bits} op21:2=00 100111 N:1=${bits} o0:1=0 Rm:5 imms:6 Rn:5 Rd:5`,
      operands: ['R:Rd:sf', 'R:Rn:sf', 'R:Rm:sf', 'imm:imms:6:dec'], unallocated: (f) => sf === 0 && f.imms! >= 32,
      aliases: [{ mnemonic: 'ror', operands: ['R:Rd:sf', 'R:Rn+Rm:sf', 'bf:ror'], when: (f) => f.Rn === f.Rm }],
    },
  );
}

// ============================================================ Branches, exception generation, system
add(
  { form: 'B_cond', mnemonic: 'b.<cond>', pattern: '0101010 o1:1=0 imm19:19 o0:1=0 cond:4', operands: ['label:imm19:cond'] },
  { form: 'SVC', mnemonic: 'svc', pattern: '11010100 opc:3=000 imm16:16 op2:3=000 LL:2=01', operands: ['imm:imm16:16:hex'] },
  { form: 'HVC', mnemonic: 'hvc', pattern: '11010100 opc:3=000 imm16:16 op2:3=000 LL:2=10', operands: ['imm:imm16:16:hex'] },
  { form: 'SMC', mnemonic: 'smc', pattern: '11010100 opc:3=000 imm16:16 op2:3=000 LL:2=11', operands: ['imm:imm16:16:hex'] },
  { form: 'BRK', mnemonic: 'brk', pattern: '11010100 opc:3=001 imm16:16 op2:3=000 LL:2=00', operands: ['imm:imm16:16:hex'] },
  { form: 'HLT', mnemonic: 'hlt', pattern: '11010100 opc:3=010 imm16:16 op2:3=000 LL:2=00', operands: ['imm:imm16:16:hex'] },
  // DCPS1..3 (Arm ARM C6.2 DCPS1): debug state only, UNDEFINED otherwise; the imm16 is optional
  { form: 'DCPS1', mnemonic: 'dcps1', pattern: '11010100 opc:3=101 imm16:16 op2:3=000 LL:2=01', operands: ['imm?:imm16:16:hex'] },
  { form: 'DCPS2', mnemonic: 'dcps2', pattern: '11010100 opc:3=101 imm16:16 op2:3=000 LL:2=10', operands: ['imm?:imm16:16:hex'] },
  { form: 'DCPS3', mnemonic: 'dcps3', pattern: '11010100 opc:3=101 imm16:16 op2:3=000 LL:2=11', operands: ['imm?:imm16:16:hex'] },
  { form: 'UDF', mnemonic: 'udf', pattern: '0000000000000000 imm16:16', operands: ['imm:imm16:16:dec'] },
);

// HINT space (Arm ARM C6.2 HINT): CRm:op2 selects the hint; named ones print by name.
const hints: [number, string, string[]][] = [
  [0, 'nop', []], [1, 'yield', []], [2, 'wfe', []], [3, 'wfi', []], [4, 'sev', []], [5, 'sevl', []],
  [7, 'xpaclri', []], [8, 'pacia1716', []], [10, 'pacib1716', []], [12, 'autia1716', []], [14, 'autib1716', []],
  [16, 'esb', []], [17, 'psb', ['lit:csync']], [18, 'tsb', ['lit:csync']], [20, 'csdb', []], [22, 'clearbhb', []],
  [24, 'paciaz', []], [25, 'paciasp', []], [26, 'pacibz', []], [27, 'pacibsp', []],
  [28, 'autiaz', []], [29, 'autiasp', []], [30, 'autibz', []], [31, 'autibsp', []],
  [32, 'bti', []], [34, 'bti', ['lit:c']], [36, 'bti', ['lit:j']], [38, 'bti', ['lit:jc']],
];
add({
  form: 'HINT', mnemonic: 'hint', pattern: '1101010100 L:1=0 00 op1:3=011 CRn:4=0010 CRm:4 op2:3 Rt:5=11111', operands: ['hint'],
  aliases: hints.map(([n, mnemonic, operands]) => ({ mnemonic, operands, fixed: { CRm: n >> 3, op2: n & 7 }, when: (f: Fields) => ((f.CRm! << 3) | f.op2!) === n })),
});
// SYS aliases (Arm ARM C5.3 "A64 System instructions for cache maintenance, address
// translation, TLB maintenance", C6.2 CFP/DVP/CPP): [mnemonic, operation, op1, CRn, CRm, op2,
// takes Xt]. The list is every operation aarch64-linux-gnu-objdump 2.40 names (read from it over
// all SYS words), so the printer names exactly what objdump names.
const systemOperations: [string, string, number, number, number, number, boolean][] = [
  ['ic', 'ialluis', 0, 7, 1, 0, false], ['ic', 'iallu', 0, 7, 5, 0, false], ['ic', 'ivau', 3, 7, 5, 1, true],
  ['dc', 'ivac', 0, 7, 6, 1, true], ['dc', 'isw', 0, 7, 6, 2, true], ['dc', 'igvac', 0, 7, 6, 3, true],
  ['dc', 'igsw', 0, 7, 6, 4, true], ['dc', 'igdvac', 0, 7, 6, 5, true], ['dc', 'igdsw', 0, 7, 6, 6, true],
  ['dc', 'csw', 0, 7, 10, 2, true], ['dc', 'cgsw', 0, 7, 10, 4, true], ['dc', 'cgdsw', 0, 7, 10, 6, true],
  ['dc', 'cisw', 0, 7, 14, 2, true], ['dc', 'cigsw', 0, 7, 14, 4, true], ['dc', 'cigdsw', 0, 7, 14, 6, true],
  ['dc', 'zva', 3, 7, 4, 1, true], ['dc', 'gva', 3, 7, 4, 3, true], ['dc', 'gzva', 3, 7, 4, 4, true],
  ['dc', 'cvac', 3, 7, 10, 1, true], ['dc', 'cgvac', 3, 7, 10, 3, true], ['dc', 'cgdvac', 3, 7, 10, 5, true],
  ['dc', 'cvau', 3, 7, 11, 1, true], ['dc', 'cvap', 3, 7, 12, 1, true], ['dc', 'cgvap', 3, 7, 12, 3, true],
  ['dc', 'cgdvap', 3, 7, 12, 5, true], ['dc', 'cvadp', 3, 7, 13, 1, true], ['dc', 'cgvadp', 3, 7, 13, 3, true],
  ['dc', 'cgdvadp', 3, 7, 13, 5, true], ['dc', 'civac', 3, 7, 14, 1, true], ['dc', 'cigvac', 3, 7, 14, 3, true],
  ['dc', 'cigdvac', 3, 7, 14, 5, true], ['dc', 'cipapa', 6, 7, 14, 1, true], ['dc', 'cigdpapa', 6, 7, 14, 5, true],
  ['at', 's1e1r', 0, 7, 8, 0, true], ['at', 's1e1w', 0, 7, 8, 1, true], ['at', 's1e0r', 0, 7, 8, 2, true],
  ['at', 's1e0w', 0, 7, 8, 3, true], ['at', 's1e1rp', 0, 7, 9, 0, true], ['at', 's1e1wp', 0, 7, 9, 1, true],
  ['at', 's1e2r', 4, 7, 8, 0, true], ['at', 's1e2w', 4, 7, 8, 1, true], ['at', 's12e1r', 4, 7, 8, 4, true],
  ['at', 's12e1w', 4, 7, 8, 5, true], ['at', 's12e0r', 4, 7, 8, 6, true], ['at', 's12e0w', 4, 7, 8, 7, true],
  ['at', 's1e3r', 6, 7, 8, 0, true], ['at', 's1e3w', 6, 7, 8, 1, true], ['tlbi', 'vmalle1os', 0, 8, 1, 0, false],
  ['tlbi', 'vae1os', 0, 8, 1, 1, true], ['tlbi', 'aside1os', 0, 8, 1, 2, true],
  ['tlbi', 'vaae1os', 0, 8, 1, 3, true], ['tlbi', 'vale1os', 0, 8, 1, 5, true],
  ['tlbi', 'vaale1os', 0, 8, 1, 7, true], ['tlbi', 'rvae1is', 0, 8, 2, 1, true],
  ['tlbi', 'rvaae1is', 0, 8, 2, 3, true], ['tlbi', 'rvale1is', 0, 8, 2, 5, true],
  ['tlbi', 'rvaale1is', 0, 8, 2, 7, true], ['tlbi', 'vmalle1is', 0, 8, 3, 0, false],
  ['tlbi', 'vae1is', 0, 8, 3, 1, true], ['tlbi', 'aside1is', 0, 8, 3, 2, true],
  ['tlbi', 'vaae1is', 0, 8, 3, 3, true], ['tlbi', 'vale1is', 0, 8, 3, 5, true],
  ['tlbi', 'vaale1is', 0, 8, 3, 7, true], ['tlbi', 'rvae1os', 0, 8, 5, 1, true],
  ['tlbi', 'rvaae1os', 0, 8, 5, 3, true], ['tlbi', 'rvale1os', 0, 8, 5, 5, true],
  ['tlbi', 'rvaale1os', 0, 8, 5, 7, true], ['tlbi', 'rvae1', 0, 8, 6, 1, true], ['tlbi', 'rvaae1', 0, 8, 6, 3, true],
  ['tlbi', 'rvale1', 0, 8, 6, 5, true], ['tlbi', 'rvaale1', 0, 8, 6, 7, true],
  ['tlbi', 'vmalle1', 0, 8, 7, 0, false], ['tlbi', 'vae1', 0, 8, 7, 1, true], ['tlbi', 'aside1', 0, 8, 7, 2, true],
  ['tlbi', 'vaae1', 0, 8, 7, 3, true], ['tlbi', 'vale1', 0, 8, 7, 5, true], ['tlbi', 'vaale1', 0, 8, 7, 7, true],
  ['tlbi', 'ipas2e1is', 4, 8, 0, 1, true], ['tlbi', 'ripas2e1is', 4, 8, 0, 2, true],
  ['tlbi', 'ipas2le1is', 4, 8, 0, 5, true], ['tlbi', 'ripas2le1is', 4, 8, 0, 6, true],
  ['tlbi', 'alle2os', 4, 8, 1, 0, false], ['tlbi', 'vae2os', 4, 8, 1, 1, true],
  ['tlbi', 'alle1os', 4, 8, 1, 4, false], ['tlbi', 'vale2os', 4, 8, 1, 5, true],
  ['tlbi', 'vmalls12e1os', 4, 8, 1, 6, false], ['tlbi', 'rvae2is', 4, 8, 2, 1, true],
  ['tlbi', 'rvale2is', 4, 8, 2, 5, true], ['tlbi', 'alle2is', 4, 8, 3, 0, false],
  ['tlbi', 'vae2is', 4, 8, 3, 1, true], ['tlbi', 'alle1is', 4, 8, 3, 4, false],
  ['tlbi', 'vale2is', 4, 8, 3, 5, true], ['tlbi', 'vmalls12e1is', 4, 8, 3, 6, false],
  ['tlbi', 'ipas2e1os', 4, 8, 4, 0, true], ['tlbi', 'ipas2e1', 4, 8, 4, 1, true],
  ['tlbi', 'ripas2e1', 4, 8, 4, 2, true], ['tlbi', 'ripas2e1os', 4, 8, 4, 3, true],
  ['tlbi', 'ipas2le1os', 4, 8, 4, 4, true], ['tlbi', 'ipas2le1', 4, 8, 4, 5, true],
  ['tlbi', 'ripas2le1', 4, 8, 4, 6, true], ['tlbi', 'ripas2le1os', 4, 8, 4, 7, true],
  ['tlbi', 'rvae2os', 4, 8, 5, 1, true], ['tlbi', 'rvale2os', 4, 8, 5, 5, true], ['tlbi', 'rvae2', 4, 8, 6, 1, true],
  ['tlbi', 'rvale2', 4, 8, 6, 5, true], ['tlbi', 'alle2', 4, 8, 7, 0, false], ['tlbi', 'vae2', 4, 8, 7, 1, true],
  ['tlbi', 'alle1', 4, 8, 7, 4, false], ['tlbi', 'vale2', 4, 8, 7, 5, true],
  ['tlbi', 'vmalls12e1', 4, 8, 7, 6, false], ['tlbi', 'alle3os', 6, 8, 1, 0, false],
  ['tlbi', 'vae3os', 6, 8, 1, 1, true], ['tlbi', 'paallos', 6, 8, 1, 4, false],
  ['tlbi', 'vale3os', 6, 8, 1, 5, true], ['tlbi', 'rvae3is', 6, 8, 2, 1, true],
  ['tlbi', 'rvale3is', 6, 8, 2, 5, true], ['tlbi', 'alle3is', 6, 8, 3, 0, false],
  ['tlbi', 'vae3is', 6, 8, 3, 1, true], ['tlbi', 'vale3is', 6, 8, 3, 5, true], ['tlbi', 'rpaos', 6, 8, 4, 3, true],
  ['tlbi', 'rpalos', 6, 8, 4, 7, true], ['tlbi', 'rvae3os', 6, 8, 5, 1, true],
  ['tlbi', 'rvale3os', 6, 8, 5, 5, true], ['tlbi', 'rvae3', 6, 8, 6, 1, true], ['tlbi', 'rvale3', 6, 8, 6, 5, true],
  ['tlbi', 'alle3', 6, 8, 7, 0, false], ['tlbi', 'vae3', 6, 8, 7, 1, true], ['tlbi', 'paall', 6, 8, 7, 4, false],
  ['tlbi', 'vale3', 6, 8, 7, 5, true], ['cfp', 'rctx', 3, 7, 3, 4, true], ['dvp', 'rctx', 3, 7, 3, 5, true],
  ['cpp', 'rctx', 3, 7, 3, 7, true],
];
add(
  { form: 'CLREX', mnemonic: 'clrex', pattern: '1101010100 L:1=0 00 op1:3=011 CRn:4=0011 CRm:4 op2:3=010 Rt:5=11111', operands: ['isb'] },
  {
    form: 'DSB', mnemonic: 'dsb', pattern: '1101010100 L:1=0 00 op1:3=011 CRn:4=0011 CRm:4 op2:3=100 Rt:5=11111', operands: ['barrier'],
    aliases: [
      { mnemonic: 'ssbb', operands: [], fixed: { CRm: 0 }, when: (f) => f.CRm === 0 },
      { mnemonic: 'pssbb', operands: [], fixed: { CRm: 4 }, when: (f) => f.CRm === 4 },
    ],
  },
  { form: 'DMB', mnemonic: 'dmb', pattern: '1101010100 L:1=0 00 op1:3=011 CRn:4=0011 CRm:4 op2:3=101 Rt:5=11111', operands: ['barrier'] },
  { form: 'ISB', mnemonic: 'isb', pattern: '1101010100 L:1=0 00 op1:3=011 CRn:4=0011 CRm:4 op2:3=110 Rt:5=11111', operands: ['isb'] },
  { form: 'SB', mnemonic: 'sb', pattern: '1101010100 L:1=0 00 op1:3=011 CRn:4=0011 CRm:4=0000 op2:3=111 Rt:5=11111', operands: [] },
  {
    form: 'MSR_imm', mnemonic: 'msr', pattern: '1101010100 L:1=0 00 op1:3 CRn:4=0100 CRm:4 op2:3 Rt:5=11111', operands: ['pstate', 'imm:CRm:4:hex'],
    unallocated: (f) => !Object.values(pstateFields).some(([op1, op2, max]) => op1 === f.op1 && op2 === f.op2 && f.CRm! <= max),
  },
  {
    form: 'SYS', mnemonic: 'sys', pattern: '1101010100 L:1=0 01 op1:3 CRn:4 CRm:4 op2:3 Rt:5', operands: ['imm:op1:3:dec', 'cr:CRn', 'cr:CRm', 'imm:op2:3:dec', 'R?zr:Rt:x'],
    aliases: systemOperations.map(([mnemonic, name, op1, CRn, CRm, op2, hasReg]) => ({
      mnemonic,
      operands: hasReg ? [`lit:${name}`, 'R:Rt:x'] : [`lit:${name}`],
      fixed: { op1, CRn, CRm, op2, ...(hasReg ? {} : { Rt: 31 }) },
      // objdump prints the alias whenever the operation is known (a register-less one with any Rt)
      when: (f: Fields) => f.op1 === op1 && f.CRn === CRn && f.CRm === CRm && f.op2 === op2,
    })),
  },
  { form: 'SYSL', mnemonic: 'sysl', pattern: '1101010100 L:1=1 01 op1:3 CRn:4 CRm:4 op2:3 Rt:5', operands: ['R:Rt:x', 'imm:op1:3:dec', 'cr:CRn', 'cr:CRm', 'imm:op2:3:dec'] },
  { form: 'MSR_reg', mnemonic: 'msr', pattern: '1101010100 L:1=0 1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5', operands: ['sysreg', 'R:Rt:x'] },
  { form: 'MRS', mnemonic: 'mrs', pattern: '1101010100 L:1=1 1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5', operands: ['R:Rt:x', 'sysreg'] },
  { form: 'BR', mnemonic: 'br', pattern: '1101011 opc:4=0000 op2:5=11111 op3:6=000000 Rn:5 op4:5=00000', operands: ['R:Rn:x'] },
  { form: 'BLR', mnemonic: 'blr', pattern: '1101011 opc:4=0001 op2:5=11111 op3:6=000000 Rn:5 op4:5=00000', operands: ['R:Rn:x'] },
  { form: 'RET', mnemonic: 'ret', pattern: '1101011 opc:4=0010 op2:5=11111 op3:6=000000 Rn:5 op4:5=00000', operands: ['R?:Rn:x'] },
  { form: 'ERET', mnemonic: 'eret', pattern: '1101011 opc:4=0100 op2:5=11111 op3:6=000000 Rn:5=11111 op4:5=00000', operands: [] },
  { form: 'DRPS', mnemonic: 'drps', pattern: '1101011 opc:4=0101 op2:5=11111 op3:6=000000 Rn:5=11111 op4:5=00000', operands: [] },
  { form: 'B', mnemonic: 'b', pattern: 'op:1=0 00101 imm26:26', operands: ['label:imm26:jump'] },
  { form: 'BL', mnemonic: 'bl', pattern: 'op:1=1 00101 imm26:26', operands: ['label:imm26:call'] },
  { form: 'CBZ', mnemonic: 'cbz', pattern: 'sf:1 011010 op:1=0 imm19:19 Rt:5', operands: ['R:Rt:sf', 'label:imm19'] },
  { form: 'CBNZ', mnemonic: 'cbnz', pattern: 'sf:1 011010 op:1=1 imm19:19 Rt:5', operands: ['R:Rt:sf', 'label:imm19'] },
  { form: 'TBZ', mnemonic: 'tbz', pattern: 'b5:1 011011 op:1=0 b40:5 imm14:14 Rt:5', operands: ['R:Rt:b5', 'tbit', 'label:imm14'] },
  { form: 'TBNZ', mnemonic: 'tbnz', pattern: 'b5:1 011011 op:1=1 b40:5 imm14:14 Rt:5', operands: ['R:Rt:b5', 'tbit', 'label:imm14'] },
);

// ============================================================ Loads and stores
// Single register, by size:opc (Arm ARM C4.1.94 "Load/store register"): [name, size, opc, Rt width, log2(access size), unscaled name]
const singleLoadStores: [string, number, number, 'x' | 'w', number, string][] = [
  ['STRB', 0, 0, 'w', 0, 'STURB'], ['LDRB', 0, 1, 'w', 0, 'LDURB'], ['LDRSB', 0, 2, 'x', 0, 'LDURSB'], ['LDRSB', 0, 3, 'w', 0, 'LDURSB'],
  ['STRH', 1, 0, 'w', 1, 'STURH'], ['LDRH', 1, 1, 'w', 1, 'LDURH'], ['LDRSH', 1, 2, 'x', 1, 'LDURSH'], ['LDRSH', 1, 3, 'w', 1, 'LDURSH'],
  ['STR', 2, 0, 'w', 2, 'STUR'], ['LDR', 2, 1, 'w', 2, 'LDUR'], ['LDRSW', 2, 2, 'x', 2, 'LDURSW'],
  ['STR', 3, 0, 'x', 3, 'STUR'], ['LDR', 3, 1, 'x', 3, 'LDUR'],
];
const bin = (v: number, width: number): string => v.toString(2).padStart(width, '0');
for (const [name, size, opc, w, scale, uname] of singleLoadStores) {
  const mn = name.toLowerCase();
  const head = `size:2=${bin(size, 2)} 111 V:1=0`;
  const o = `opc:2=${bin(opc, 2)}`;
  const rt = `R:Rt:${w}`;
  add(
    { form: `${name}_imm_unsigned`, mnemonic: mn, pattern: `${head} 01 ${o} imm12:12 Rn:5 Rt:5`, operands: [rt, `mem:uoff:${scale}`] },
    { form: `${name}_imm_pre`, mnemonic: mn, pattern: `${head} 00 ${o} 0 imm9:9 11 Rn:5 Rt:5`, operands: [rt, 'mem:pre9'], warn: warnWriteback(false) },
    { form: `${name}_imm_post`, mnemonic: mn, pattern: `${head} 00 ${o} 0 imm9:9 01 Rn:5 Rt:5`, operands: [rt, 'mem:post9'], warn: warnWriteback(false) },
    {
      form: `${name}_reg`, mnemonic: mn, pattern: `${head} 00 ${o} 1 Rm:5 option:3 S:1 10 Rn:5 Rt:5`, operands: [rt, `mem:reg:${scale}`],
      unallocated: (f) => (f.option! & 2) === 0,
    },
    {
      // GNU as assembles `ldr x0, [x1, #-8]` (an offset the scaled form cannot hold) as LDUR
      form: uname, mnemonic: uname.toLowerCase(), pattern: `${head} 00 ${o} 0 imm9:9 00 Rn:5 Rt:5`, operands: [rt, 'mem:simm9'],
      aliases: [{ mnemonic: mn, operands: [rt, 'mem:simm9'], encodeOnly: true }],
    },
  );
}
// Unprivileged LDTR/STTR family (Arm ARM C6.2 LDTR): like the unscaled form with bits 11:10 = 10
for (const [name, size, opc, w] of [
  ['STTRB', 0, 0, 'w'], ['LDTRB', 0, 1, 'w'], ['LDTRSB', 0, 2, 'x'], ['LDTRSB', 0, 3, 'w'],
  ['STTRH', 1, 0, 'w'], ['LDTRH', 1, 1, 'w'], ['LDTRSH', 1, 2, 'x'], ['LDTRSH', 1, 3, 'w'],
  ['STTR', 2, 0, 'w'], ['LDTR', 2, 1, 'w'], ['LDTRSW', 2, 2, 'x'], ['STTR', 3, 0, 'x'], ['LDTR', 3, 1, 'x'],
] as const) {
  add({ form: name, mnemonic: name.toLowerCase(), pattern: `size:2=${bin(size, 2)} 111 V:1=0 00 opc:2=${bin(opc, 2)} 0 imm9:9 10 Rn:5 Rt:5`, operands: [`R:Rt:${w}`, 'mem:simm9'] });
}
// PRFM (Arm ARM C6.2 PRFM): the prefetch operation sits in Rt
add(
  { form: 'PRFM_imm', mnemonic: 'prfm', pattern: 'size:2=11 111 V:1=0 01 opc:2=10 imm12:12 Rn:5 Rt:5', operands: ['prfop', 'mem:uoff:3'] },
  { form: 'PRFM_reg', mnemonic: 'prfm', pattern: 'size:2=11 111 V:1=0 00 opc:2=10 1 Rm:5 option:3 S:1 10 Rn:5 Rt:5', operands: ['prfop', 'mem:reg:3'], unallocated: (f) => (f.option! & 2) === 0 },
  {
    form: 'PRFUM', mnemonic: 'prfum', pattern: 'size:2=11 111 V:1=0 00 opc:2=10 0 imm9:9 00 Rn:5 Rt:5', operands: ['prfop', 'mem:simm9'],
    aliases: [{ mnemonic: 'prfm', operands: ['prfop', 'mem:simm9'], encodeOnly: true }],
  },
  { form: 'PRFM_lit', mnemonic: 'prfm', pattern: 'opc:2=11 011 V:1=0 00 imm19:19 Rt:5', operands: ['prfop', 'literal'] },
);
add(
  { form: 'LDR_lit', mnemonic: 'ldr', pattern: 'opc:2=00 011 V:1=0 00 imm19:19 Rt:5', operands: ['R:Rt:w', 'literal'] },
  { form: 'LDR_lit', mnemonic: 'ldr', pattern: 'opc:2=01 011 V:1=0 00 imm19:19 Rt:5', operands: ['R:Rt:x', 'literal'] },
  { form: 'LDRSW_lit', mnemonic: 'ldrsw', pattern: 'opc:2=10 011 V:1=0 00 imm19:19 Rt:5', operands: ['R:Rt:x', 'literal'] },
);

// Register pairs (Arm ARM C4.1.94 "Load/store register pair"): [name, opc, L, width, scale]
const pairs: [string, number, number, 'x' | 'w', number][] = [
  ['STP', 0, 0, 'w', 2], ['LDP', 0, 1, 'w', 2], ['LDPSW', 1, 1, 'x', 2], ['STP', 2, 0, 'x', 3], ['LDP', 2, 1, 'x', 3],
];
// GNU objdump rejects LDPSW with Rt == Rt2, or with writeback to Rt/Rt2 (CONSTRAINED
// UNPREDICTABLE, Arm ARM K1.2.1; binutils verify_ldpsw); the decoder follows it, so the
// emulator raises UNDEFINED for them — one of the behaviours the Arm ARM allows.
const ldpswUnpredictable = (writeback: boolean) => (f: Fields): boolean =>
  f.Rt === f.Rt2 || (writeback && f.Rn !== 31 && (f.Rn === f.Rt || f.Rn === f.Rt2));
for (const [name, opc, L, w, scale] of pairs) {
  const mn = name.toLowerCase();
  const un = (wb: boolean): { unallocated?: (f: Fields) => boolean; assemblesUnallocated?: boolean; warn?: (f: Fields) => string | undefined } => ({
    ...(name === 'LDPSW' ? { unallocated: ldpswUnpredictable(wb), assemblesUnallocated: true } : {}),
    warn: wb ? warnWriteback(true) : L ? warnLoadPair : undefined,
  });
  const regs = [`R:Rt:${w}`, `R:Rt2:${w}`];
  const head = `opc:2=${bin(opc, 2)} 101 V:1=0`;
  add(
    { form: `${name}_post`, mnemonic: mn, pattern: `${head} 001 L:1=${L} imm7:7 Rt2:5 Rn:5 Rt:5`, operands: [...regs, `mem:pairpost:${scale}`], ...un(true) },
    { form: `${name}_pre`, mnemonic: mn, pattern: `${head} 011 L:1=${L} imm7:7 Rt2:5 Rn:5 Rt:5`, operands: [...regs, `mem:pairpre:${scale}`], ...un(true) },
    { form: `${name}_offset`, mnemonic: mn, pattern: `${head} 010 L:1=${L} imm7:7 Rt2:5 Rn:5 Rt:5`, operands: [...regs, `mem:pair:${scale}`], ...un(false) },
  );
  // LDNP/STNP (non-temporal pair, Arm ARM C6.2 LDNP): offset form only, no LDPSW variant
  if (name !== 'LDPSW') {
    const np = name === 'LDP' ? 'LDNP' : 'STNP';
    add({ form: np, mnemonic: np.toLowerCase(), pattern: `${head} 000 L:1=${L} imm7:7 Rt2:5 Rn:5 Rt:5`, operands: [...regs, `mem:pair:${scale}`], ...(L ? { warn: warnLoadPair } : {}) });
  }
}

// Exclusive and ordered (Arm ARM C4.1.94 "Load/store exclusive", "Load-acquire/store-release"):
// size:2 001000 o2 L o1 Rs o0 Rt2 Rn Rt. [name, o2, L, o0, has Rs]
const exclusives: [string, number, number, number, boolean][] = [
  ['STXR', 0, 0, 0, true], ['STLXR', 0, 0, 1, true], ['LDXR', 0, 1, 0, false], ['LDAXR', 0, 1, 1, false],
  ['STLR', 1, 0, 1, false], ['LDAR', 1, 1, 1, false],
];
for (const [name, o2, L, o0, hasRs] of exclusives) {
  for (const [size, suffix, w] of [[0, 'B', 'w'], [1, 'H', 'w'], [2, '', 'w'], [3, '', 'x']] as const) {
    // Rs (when not a status register) and Rt2 are should-be-one: written as 31. objdump decodes
    // any value in them except for LDAR* (binutils treats those words as undefined); we follow it.
    const strict = name === 'LDAR';
    add({
      form: `${name}${suffix}`, mnemonic: `${name}${suffix}`.toLowerCase(),
      pattern: `size:2=${bin(size, 2)} 001000 o2:1=${o2} L:1=${L} o1:1=0 ${strict ? 'Rs:5=11111' : 'Rs:5'} o0:1=${o0} ${strict ? 'Rt2:5=11111' : 'Rt2:5'} Rn:5 Rt:5`,
      operands: [...(hasRs ? ['R:Rs:w'] : []), `R:Rt:${w}`, 'mem:base'],
      encodeDefaults: hasRs ? { Rt2: 31 } : { Rs: 31, Rt2: 31 },
      ...(hasRs ? { warn: warnStoreExclusive(false) } : {}),
    });
  }
}
// Exclusive pairs (Arm ARM C6.2 LDXP/LDAXP/STXP/STLXP): 1 sz 001000 0 L 1 Rs o0 Rt2 Rn Rt
for (const [name, L, o0, hasRs] of [['STXP', 0, 0, true], ['STLXP', 0, 1, true], ['LDXP', 1, 0, false], ['LDAXP', 1, 1, false]] as const) {
  for (const [sz, w] of [[0, 'w'], [1, 'x']] as const) {
    add({
      form: name, mnemonic: name.toLowerCase(),
      pattern: `1 sz:1=${sz} 001000 o2:1=0 L:1=${L} o1:1=1 Rs:5 o0:1=${o0} Rt2:5 Rn:5 Rt:5`,
      operands: [...(hasRs ? ['R:Rs:w'] : []), `R:Rt:${w}`, `R:Rt2:${w}`, 'mem:base'],
      encodeDefaults: hasRs ? {} : { Rs: 31 },
      warn: hasRs ? warnStoreExclusive(true) : warnLoadPair,
    });
  }
}

// Atomic memory operations, Armv8.1 LSE (Arm ARM C4.1.94 "Atomic memory operations"):
// size 111 V=0 00 A R 1 Rs o3 opc 00 Rn Rt. A = acquire, R = release; the ST<op> aliases are the
// LD<op> forms with A = 0 and Rt = ZR. One form name per operation; size/A/R are fields.
const sizeSuffix = ['b', 'h', '', ''];
const ordering: [number, number, string][] = [[0, 0, ''], [1, 0, 'a'], [0, 1, 'l'], [1, 1, 'al']];
const atomicOps = ['add', 'clr', 'eor', 'set', 'smax', 'smin', 'umax', 'umin'];
for (const [opc, op] of atomicOps.entries()) {
  for (const size of [0, 1, 2, 3]) {
    const w = size === 3 ? 'x' : 'w';
    for (const [A, R, ord] of ordering) {
      const aliases: A64AliasSpec[] = A === 0
        ? [{ mnemonic: `st${op}${ord}${sizeSuffix[size]}`, operands: [`R:Rs:${w}`, 'mem:base'], fixed: { Rt: 31 }, when: (f) => f.Rt === 31 }]
        : [];
      add({
        form: `LD${op.toUpperCase()}`, mnemonic: `ld${op}${ord}${sizeSuffix[size]}`,
        pattern: `size:2=${bin(size, 2)} 111 V:1=0 00 A:1=${A} R:1=${R} 1 Rs:5 o3:1=0 opc:3=${bin(opc, 3)} 00 Rn:5 Rt:5`,
        operands: [`R:Rs:${w}`, `R:Rt:${w}`, 'mem:base'], aliases,
      });
    }
  }
}
// Compare and swap pair (Armv8.1 LSE, Arm ARM C6.2 CASP): 0 sz 001000 0 L 1 Rs o0 11111 Rn Rt;
// Rs and Rt name even/odd pairs ("if Rs<0> == '1' then UNDEFINED", the same for Rt).
for (const [sz, w] of [[0, 'w'], [1, 'x']] as const) {
  for (const [A, R, ord] of ordering) {
    add({
      form: 'CASP', mnemonic: `casp${ord}`,
      pattern: `0 sz:1=${sz} 001000 o2:1=0 L:1=${A} o1:1=1 Rs:5 o0:1=${R} Rt2:5=11111 Rn:5 Rt:5`,
      operands: [`R:Rs:${w}`, `R+1:Rs:${w}`, `R:Rt:${w}`, `R+1:Rt:${w}`, 'mem:base'],
      unallocated: (f) => (f.Rs! & 1) === 1 || (f.Rt! & 1) === 1,
    });
  }
}
for (const size of [0, 1, 2, 3]) {
  const w = size === 3 ? 'x' : 'w';
  for (const [A, R, ord] of ordering) {
    add({
      form: 'SWP', mnemonic: `swp${ord}${sizeSuffix[size]}`,
      pattern: `size:2=${bin(size, 2)} 111 V:1=0 00 A:1=${A} R:1=${R} 1 Rs:5 o3:1=1 opc:3=000 00 Rn:5 Rt:5`,
      operands: [`R:Rs:${w}`, `R:Rt:${w}`, 'mem:base'],
    });
    // Compare and swap (Arm ARM C6.2 CAS): size 001000 1 L 1 Rs o0 11111 Rn Rt; L = acquire, o0 = release
    add({
      form: 'CAS', mnemonic: `cas${ord}${sizeSuffix[size]}`,
      pattern: `size:2=${bin(size, 2)} 001000 o2:1=1 L:1=${A} o1:1=1 Rs:5 o0:1=${R} Rt2:5=11111 Rn:5 Rt:5`,
      operands: [`R:Rs:${w}`, `R:Rt:${w}`, 'mem:base'],
    });
  }
  // LDAPR (Armv8.3 RCpc, Arm ARM C6.2 LDAPR): the LDADD-space encoding with o3 = 1, opc = 100, A = 1
  add({
    form: 'LDAPR', mnemonic: `ldapr${sizeSuffix[size]}`,
    pattern: `size:2=${bin(size, 2)} 111 V:1=0 00 A:1=1 R:1=0 1 Rs:5=11111 o3:1=1 opc:3=100 00 Rn:5 Rt:5`,
    operands: [`R:Rt:${w}`, 'mem:base'],
  });
}

// ============================================================ Data processing (register)
// Logical (shifted register), C6.2 AND … BICS: [name, opc, N]
const logicalShifted: [string, number, number][] = [['AND', 0, 0], ['BIC', 0, 1], ['ORR', 1, 0], ['ORN', 1, 1], ['EOR', 2, 0], ['EON', 2, 1], ['ANDS', 3, 0], ['BICS', 3, 1]];
const shiftedUnallocated = (f: Fields): boolean => f.sf === 0 && f.imm6! >= 32;
for (const [name, opc, N] of logicalShifted) {
  const aliases: A64AliasSpec[] = [];
  // MOV (register): ORR with Rn == ZR and no shift; MVN: ORN with Rn == ZR; TST: ANDS with Rd == ZR
  if (name === 'ORR') {
    aliases.push({ mnemonic: 'mov', operands: ['R:Rd:sf', 'R:Rm:sf'], fixed: { Rn: 31, shift: 0, imm6: 0 }, when: (f) => f.Rn === 31 && f.shift === 0 && f.imm6 === 0 });
    // GNU as assembles `uxtw Xd, Wn` (and `uxtw Wd, Wn`) as `mov Wd, Wn`: a 32-bit write zero-extends
    aliases.push({ mnemonic: 'uxtw', operands: ['R:Rd:sfany', 'R:Rm:sf'], fixed: { sf: 0, Rn: 31, shift: 0, imm6: 0 }, encodeOnly: true });
  }
  if (name === 'ORN') aliases.push({ mnemonic: 'mvn', operands: ['R:Rd:sf', 'R:Rm:sf', 'shift:logic'], fixed: { Rn: 31 }, when: (f) => f.Rn === 31 });
  if (name === 'ANDS') aliases.push({ mnemonic: 'tst', operands: ['R:Rn:sf', 'R:Rm:sf', 'shift:logic'], fixed: { Rd: 31 }, when: (f) => f.Rd === 31 });
  add({
    form: `${name}_shift`, mnemonic: name.toLowerCase(), pattern: `sf:1 opc:2=${bin(opc, 2)} 01010 shift:2 N:1=${N} Rm:5 imm6:6 Rn:5 Rd:5`,
    operands: ['R:Rd:sf', 'R:Rn:sf', 'R:Rm:sf', 'shift:logic'], unallocated: shiftedUnallocated, aliases,
  });
}

// Add/subtract (shifted register) and (extended register), C6.2 ADD … SUBS
const addSubShifted: [string, number, number][] = [['ADD', 0, 0], ['ADDS', 0, 1], ['SUB', 1, 0], ['SUBS', 1, 1]];
for (const [name, op, S] of addSubShifted) {
  const aliases: A64AliasSpec[] = [];
  if (name === 'ADDS') aliases.push({ mnemonic: 'cmn', operands: ['R:Rn:sf', 'R:Rm:sf', 'shift:arith'], fixed: { Rd: 31 }, when: (f) => f.Rd === 31 });
  if (name === 'SUB') aliases.push({ mnemonic: 'neg', operands: ['R:Rd:sf', 'R:Rm:sf', 'shift:arith'], fixed: { Rn: 31 }, when: (f) => f.Rn === 31 });
  if (name === 'SUBS') {
    aliases.push({ mnemonic: 'cmp', operands: ['R:Rn:sf', 'R:Rm:sf', 'shift:arith'], fixed: { Rd: 31 }, when: (f) => f.Rd === 31 });
    aliases.push({ mnemonic: 'negs', operands: ['R:Rd:sf', 'R:Rm:sf', 'shift:arith'], fixed: { Rn: 31 }, when: (f) => f.Rn === 31 });
  }
  add({
    form: `${name}_shift`, mnemonic: name.toLowerCase(), pattern: `sf:1 op:1=${op} S:1=${S} 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5`,
    operands: ['R:Rd:sf', 'R:Rn:sf', 'R:Rm:sf', 'shift:arith'], unallocated: (f) => f.shift === 3 || shiftedUnallocated(f), aliases,
  });
}
for (const [name, op, S] of addSubShifted) {
  const aliases: A64AliasSpec[] = [];
  if (name === 'ADDS') aliases.push({ mnemonic: 'cmn', operands: ['R:Rn:sf:sp', 'R:Rm:ext', 'ext:spn'], fixed: { Rd: 31 }, when: (f) => f.Rd === 31 });
  if (name === 'SUBS') aliases.push({ mnemonic: 'cmp', operands: ['R:Rn:sf:sp', 'R:Rm:ext', 'ext:spn'], fixed: { Rd: 31 }, when: (f) => f.Rd === 31 });
  add({
    form: `${name}_ext`, mnemonic: name.toLowerCase(), pattern: `sf:1 op:1=${op} S:1=${S} 01011 opt:2=00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5`,
    operands: [S ? 'R:Rd:sf' : 'R:Rd:sf:sp', 'R:Rn:sf:sp', 'R:Rm:ext', S ? 'ext:spn' : 'ext:sp'], unallocated: (f) => f.imm3! > 4, aliases,
  });
}

// Add/subtract with carry, C6.2 ADC/ADCS/SBC/SBCS (NGC/NGCS when Rn == ZR)
for (const [name, op, S] of [['ADC', 0, 0], ['ADCS', 0, 1], ['SBC', 1, 0], ['SBCS', 1, 1]] as const) {
  const aliases: A64AliasSpec[] = [];
  if (name === 'SBC' || name === 'SBCS') {
    aliases.push({ mnemonic: name === 'SBC' ? 'ngc' : 'ngcs', operands: ['R:Rd:sf', 'R:Rm:sf'], fixed: { Rn: 31 }, when: (f) => f.Rn === 31 });
  }
  add({ form: name, mnemonic: name.toLowerCase(), pattern: `sf:1 op:1=${op} S:1=${S} 11010000 Rm:5 000000 Rn:5 Rd:5`, operands: ['R:Rd:sf', 'R:Rn:sf', 'R:Rm:sf'], aliases });
}

// Conditional compare (register / immediate), C6.2 CCMN/CCMP
for (const [name, op] of [['CCMN', 0], ['CCMP', 1]] as const) {
  add(
    { form: `${name}_reg`, mnemonic: name.toLowerCase(), pattern: `sf:1 op:1=${op} S:1=1 11010010 Rm:5 cond:4 0 o2:1=0 Rn:5 o3:1=0 nzcv:4`, operands: ['R:Rn:sf', 'R:Rm:sf', 'imm:nzcv:4:hex', 'cond'] },
    { form: `${name}_imm`, mnemonic: name.toLowerCase(), pattern: `sf:1 op:1=${op} S:1=1 11010010 imm5:5 cond:4 1 o2:1=0 Rn:5 o3:1=0 nzcv:4`, operands: ['R:Rn:sf', 'imm:imm5:5:hex', 'imm:nzcv:4:hex', 'cond'] },
  );
}

// Conditional select, C6.2 CSEL/CSINC/CSINV/CSNEG and the CSET/CINC/… aliases
const notAlNv = (f: Fields): boolean => f.cond! < 14;
add(
  { form: 'CSEL', mnemonic: 'csel', pattern: 'sf:1 op:1=0 S:1=0 11010100 Rm:5 cond:4 0 o2:1=0 Rn:5 Rd:5', operands: ['R:Rd:sf', 'R:Rn:sf', 'R:Rm:sf', 'cond'] },
  {
    form: 'CSINC', mnemonic: 'csinc', pattern: 'sf:1 op:1=0 S:1=0 11010100 Rm:5 cond:4 0 o2:1=1 Rn:5 Rd:5', operands: ['R:Rd:sf', 'R:Rn:sf', 'R:Rm:sf', 'cond'],
    aliases: [
      { mnemonic: 'cset', operands: ['R:Rd:sf', 'invcond'], fixed: { Rn: 31, Rm: 31 }, when: (f) => f.Rn === 31 && f.Rm === 31 && notAlNv(f) },
      { mnemonic: 'cinc', operands: ['R:Rd:sf', 'R:Rn+Rm:sf', 'invcond'], when: (f) => f.Rn === f.Rm && f.Rn !== 31 && notAlNv(f) },
    ],
  },
  {
    form: 'CSINV', mnemonic: 'csinv', pattern: 'sf:1 op:1=1 S:1=0 11010100 Rm:5 cond:4 0 o2:1=0 Rn:5 Rd:5', operands: ['R:Rd:sf', 'R:Rn:sf', 'R:Rm:sf', 'cond'],
    aliases: [
      { mnemonic: 'csetm', operands: ['R:Rd:sf', 'invcond'], fixed: { Rn: 31, Rm: 31 }, when: (f) => f.Rn === 31 && f.Rm === 31 && notAlNv(f) },
      { mnemonic: 'cinv', operands: ['R:Rd:sf', 'R:Rn+Rm:sf', 'invcond'], when: (f) => f.Rn === f.Rm && f.Rn !== 31 && notAlNv(f) },
    ],
  },
  {
    form: 'CSNEG', mnemonic: 'csneg', pattern: 'sf:1 op:1=1 S:1=0 11010100 Rm:5 cond:4 0 o2:1=1 Rn:5 Rd:5', operands: ['R:Rd:sf', 'R:Rn:sf', 'R:Rm:sf', 'cond'],
    aliases: [{ mnemonic: 'cneg', operands: ['R:Rd:sf', 'R:Rn+Rm:sf', 'invcond'], when: (f) => f.Rn === f.Rm && notAlNv(f) }],
  },
);

// Data-processing (2 source), C6.2 UDIV/SDIV/LSLV/LSRV/ASRV/RORV (LSL/LSR/ASR/ROR are always preferred)
for (const [name, opcode, alias] of [['UDIV', 2, ''], ['SDIV', 3, ''], ['LSLV', 8, 'lsl'], ['LSRV', 9, 'lsr'], ['ASRV', 10, 'asr'], ['RORV', 11, 'ror']] as const) {
  const ops = ['R:Rd:sf', 'R:Rn:sf', 'R:Rm:sf'];
  add({
    form: name, mnemonic: name.toLowerCase(), pattern: `sf:1 0 S:1=0 11010110 Rm:5 opcode:6=${bin(opcode, 6)} Rn:5 Rd:5`, operands: ops,
    aliases: alias ? [{ mnemonic: alias, operands: ops, when: () => true }] : [],
  });
}

// CRC32 (Armv8.1 mandatory, Arm ARM C6.2 CRC32B…CRC32CX): sf 0 0 11010110 Rm 010 C sz Rn Rd;
// the X variants need sf = 1 and sz = 11, the others sf = 0.
for (const [C, c] of [[0, ''], [1, 'c']] as const) {
  for (const [sz, suffix] of [[0, 'b'], [1, 'h'], [2, 'w'], [3, 'x']] as const) {
    add({
      form: C ? 'CRC32C' : 'CRC32', mnemonic: `crc32${c}${suffix}`,
      pattern: `sf:1=${sz === 3 ? 1 : 0} 0 S:1=0 11010110 Rm:5 010 C:1=${C} sz:2=${bin(sz, 2)} Rn:5 Rd:5`,
      operands: ['R:Rd:w', 'R:Rn:w', `R:Rm:${sz === 3 ? 'x' : 'w'}`],
    });
  }
}

// Data-processing (1 source), C6.2 RBIT/REV16/REV32/REV/CLZ/CLS
for (const [name, sf, opcode] of [
  ['RBIT', -1, 0], ['REV16', -1, 1], ['REV', 0, 2], ['REV32', 1, 2], ['REV', 1, 3], ['CLZ', -1, 4], ['CLS', -1, 5],
] as const) {
  const sfPattern = sf < 0 ? 'sf:1' : `sf:1=${sf}`;
  // REV64 is an assembler spelling of the 64-bit REV (Arm ARM C6.2 REV64)
  const aliases: A64AliasSpec[] = name === 'REV' && sf === 1 ? [{ mnemonic: 'rev64', operands: ['R:Rd:sf', 'R:Rn:sf'], encodeOnly: true }] : [];
  add({ form: name, mnemonic: name.toLowerCase(), pattern: `${sfPattern} 1 S:1=0 11010110 opcode2:5=00000 opcode:6=${bin(opcode, 6)} Rn:5 Rd:5`, operands: ['R:Rd:sf', 'R:Rn:sf'], aliases });
}

// Data-processing (3 source), C6.2 MADD … UMULH
const threeSource: [string, number, number, string, string, string][] = [
  // name, op31, o0, alias (Ra == ZR), Rd/Ra width, Rn/Rm width
  ['MADD', 0, 0, 'mul', 'sf', 'sf'], ['MSUB', 0, 1, 'mneg', 'sf', 'sf'],
  ['SMADDL', 1, 0, 'smull', 'x', 'w'], ['SMSUBL', 1, 1, 'smnegl', 'x', 'w'],
  ['UMADDL', 5, 0, 'umull', 'x', 'w'], ['UMSUBL', 5, 1, 'umnegl', 'x', 'w'],
];
for (const [name, op31, o0, alias, wd, wn] of threeSource) {
  const sfPattern = wd === 'sf' ? 'sf:1' : 'sf:1=1';
  add({
    form: name, mnemonic: name.toLowerCase(), pattern: `${sfPattern} op54:2=00 11011 op31:3=${bin(op31, 3)} Rm:5 o0:1=${o0} Ra:5 Rn:5 Rd:5`,
    operands: [`R:Rd:${wd}`, `R:Rn:${wn}`, `R:Rm:${wn}`, `R:Ra:${wd}`],
    aliases: [{ mnemonic: alias, operands: [`R:Rd:${wd}`, `R:Rn:${wn}`, `R:Rm:${wn}`], fixed: { Ra: 31 }, when: (f) => f.Ra === 31 }],
  });
}
add(
  // Ra is "(1)(1)(1)(1)(1)" (should be one): the assembler writes 31, the decoder — like
  // objdump and hardware, which ignore should-be bits (Arm ARM K1.2.2 CONSTRAINED UNPREDICTABLE,
  // here taken as the instruction) — accepts any value
  { form: 'SMULH', mnemonic: 'smulh', pattern: 'sf:1=1 op54:2=00 11011 op31:3=010 Rm:5 o0:1=0 Ra:5 Rn:5 Rd:5', operands: ['R:Rd:x', 'R:Rn:x', 'R:Rm:x'], aliases: [], encodeDefaults: { Ra: 31 } },
  { form: 'UMULH', mnemonic: 'umulh', pattern: 'sf:1=1 op54:2=00 11011 op31:3=110 Rm:5 o0:1=0 Ra:5 Rn:5 Rd:5', operands: ['R:Rd:x', 'R:Rn:x', 'R:Rm:x'], aliases: [], encodeDefaults: { Ra: 31 } },
);

export const formSpecs: readonly A64FormSpec[] = t;
