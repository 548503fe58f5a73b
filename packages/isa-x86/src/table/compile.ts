// Compiles the declarative table (./forms.ts) once at load time into the indexes the encoder,
// decoder and printers use: dense form and operation ids, a mnemonic -> candidate-forms map, and
// an opcode-indexed candidate list for the decoder (one slot per opcode byte of each map).

import { CONDITIONS, FORM_DEFS, type FormDef } from './forms.js';
import { parseOperandSpec, type OperandSpec } from './operands.js';

export type OpSize = 8 | 16 | 32 | 64;

export interface Form {
  /** Dense form id: index into FORMS. */
  id: number;
  /** Operation name (Intel spelling) and its dense id. */
  op: string;
  opId: number;
  def: FormDef;
  ops: OperandSpec[];
  /** Operand sizes the form has, in bits; empty = sizeless. */
  sizes: OpSize[];
  /** Opcode bytes after prefixes, 0F escape included. */
  opcode: number[];
  /** Opcode map: 0 one-byte, 1 = 0F two-byte, 2 = 0F 38, 3 = 0F 3A three-byte. */
  map: 0 | 1 | 2 | 3;
  digit: number;
  modrm: number;
  pfx: number;
  cc: boolean;
  hasModrm: boolean;
  /** Index in ops of the +r operand, or -1. */
  opregIndex: number;
  d64: boolean;
  noW: boolean;
  no66: boolean;
  commute: boolean;
  dup: boolean;
  a32: boolean;
  a64: boolean;
  /** No 66/F2/F3 may precede it (SDM "NP"): with one the bytes are another instruction. */
  np: boolean;
  /** VEX-encoded (FormDef.vex). */
  vex: boolean;
  /** AT&T operand order is the Intel order (enter). */
  sameOrder: boolean;
  /** Operands that must be written (the implicit ones left out). */
  explicitCount: number;
  xchg90: boolean;
  nop90: boolean;
  alwaysSuffix: boolean;
  neverSuffix: boolean;
  /** AT&T suffix only for a memory ModRM.rm operand, of that operand's size (crc32b). */
  rmSuffix: boolean;
  /** Decoder shortcuts: ModRM must be memory (mod != 11) / register (mod = 11); bit mask of
   *  `sizes` (8 -> 1, 16 -> 2, 32 -> 4, 64 -> 8); the size reported for a sizeless form. */
  memOnly: boolean;
  regOnly: boolean;
  sizeMask: number;
  sizelessSize: 32 | 64;
}

export const SIZE_LETTERS: Record<string, OpSize> = { b: 8, w: 16, l: 32, q: 64 };
export const LETTER_OF_SIZE: Record<number, string> = { 8: 'b', 16: 'w', 32: 'l', 64: 'q' };

export const OPS: string[] = [];
const opIds = new Map<string, number>();

function opIdOf(name: string): number {
  let id = opIds.get(name);
  if (id === undefined) {
    id = OPS.length;
    OPS.push(name);
    opIds.set(name, id);
  }
  return id;
}

const MODRM_KINDS = new Set(['reg', 'rm', 'mem', 'rmreg', 'sreg', 'creg', 'dreg']);

export const FORMS: Form[] = FORM_DEFS.map((def, id) => {
  const flags = new Set((def.flags ?? '').split(' ').filter(Boolean));
  const ops = def.ops.map(parseOperandSpec);
  const opcode = def.opcode;
  const map: 0 | 1 | 2 | 3 = opcode.length > 1 && opcode[0] === 0x0f
    ? opcode.length === 3 && opcode[1] === 0x38 ? 2 : opcode.length === 3 && opcode[1] === 0x3a ? 3 : 1
    : 0;
  const form: Form = {
    id,
    op: def.op,
    opId: opIdOf(def.op),
    def,
    ops,
    sizes: [...def.sizes].map((c) => SIZE_LETTERS[c]!),
    opcode,
    map,
    digit: def.digit ?? -1,
    modrm: def.modrm ?? -1,
    pfx: def.pfx ?? 0,
    cc: def.cc === true,
    hasModrm: def.digit !== undefined || def.modrm !== undefined || ops.some((o) => MODRM_KINDS.has(o.kind)),
    opregIndex: ops.findIndex((o) => o.kind === 'opreg'),
    d64: flags.has('d64'),
    noW: flags.has('noW'),
    no66: flags.has('no66'),
    commute: flags.has('commute'),
    dup: flags.has('dup'),
    a32: flags.has('a32'),
    a64: flags.has('a64'),
    np: flags.has('np'),
    vex: def.vex === true,
    sameOrder: flags.has('sameorder'),
    explicitCount: ops.filter((o) => !o.implicit).length,
    xchg90: flags.has('xchg90'),
    nop90: flags.has('nop90'),
    alwaysSuffix: flags.has('sfx'),
    neverSuffix: flags.has('nosfx'),
    rmSuffix: flags.has('rmsfx'),
    memOnly: ops.some((o) => o.kind === 'mem'),
    regOnly: ops.some((o) => o.kind === 'rmreg' && !o.anyMod) || flags.has('mod3'),
    sizeMask: [...def.sizes].reduce((m, c) => m | (SIZE_LETTERS[c]! >> 3), 0),
    // Branches and ret work on 64-bit RIP/RSP; other sizeless forms report 32.
    sizelessSize: ops.some((o) => o.kind === 'rel') || def.op === 'ret' ? 64 : 32,
  };
  if (opcode.length !== (map === 0 ? 1 : map === 1 ? 2 : 3)) throw new Error(`instruction table: opcode of form ${id} (${def.op}) not in map 0, 0F, 0F 38 or 0F 3A`);
  return form;
});

/** Look up an operation id by name (`add`, `jcc`, `movzx`); -1 when unknown. */
export function opId(name: string): number {
  return opIds.get(name) ?? -1;
}

/** One way a mnemonic names a form: fixed size (0 = infer from operands) and condition (-1 none). */
export interface MnemonicCandidate {
  form: Form;
  size: OpSize | 0;
  cond: number;
}

export const MNEMONICS = new Map<string, MnemonicCandidate[]>();

function addMnemonic(name: string, cand: MnemonicCandidate): void {
  let list = MNEMONICS.get(name);
  if (!list) MNEMONICS.set(name, (list = []));
  list.push(cand);
}

/** Mnemonics that exist only as Intel-syntax spellings (`stosd`, `iretd`, `loopd`): GNU as
 *  does not know them in AT&T syntax. */
export const INTEL_ONLY_MNEMONICS = new Set<string>();
const attSpellings = new Set<string>();

for (const form of FORMS) {
  for (const named of form.def.names) {
    const intelOnly = named.endsWith('!');
    const pattern = intelOnly ? named.slice(0, -1) : named; // `!`: Intel-syntax spelling
    if (intelOnly) INTEL_ONLY_MNEMONICS.add(pattern.split(':')[0]!);
    else if (!pattern.includes('{')) attSpellings.add(pattern.split(':')[0]!);
    const conds: [string, number][] = [];
    if (pattern.includes('{cc}')) {
      CONDITIONS.forEach((aliases, cc) => aliases.forEach((a) => conds.push([pattern.replace('{cc}', a), cc])));
    } else conds.push([pattern, -1]);
    for (const [p, cond] of conds) {
      const colon = p.indexOf(':');
      if (colon >= 0) {
        addMnemonic(p.slice(0, colon), { form, size: SIZE_LETTERS[p.slice(colon + 1)]!, cond });
      } else if (p.includes('{s}')) {
        for (const size of form.sizes) addMnemonic(p.replace('{s}', LETTER_OF_SIZE[size]!), { form, size, cond });
      } else {
        addMnemonic(p, { form, size: 0, cond });
      }
    }
  }
}

for (const name of [...INTEL_ONLY_MNEMONICS]) if (attSpellings.has(name) || !MNEMONICS.has(name)) INTEL_ONLY_MNEMONICS.delete(name);

/** Decoder index: candidates for opcode byte `b` of map `m` at DECODE_SLOTS[m * 256 + b].
 *  Forms with a mandatory prefix come first so that F3 0F BC is TZCNT before BSF. */
export const DECODE_SLOTS: Form[][] = Array.from({ length: 4 * 256 }, () => []);
for (const form of FORMS) {
  const last = form.opcode[form.opcode.length - 1]!;
  const span = form.cc ? 16 : form.opregIndex >= 0 ? 8 : 1;
  for (let i = 0; i < span; i++) DECODE_SLOTS[form.map * 256 + last + i]!.push(form);
}
for (const slot of DECODE_SLOTS) {
  slot.sort((a, b) => (b.pfx ? 1 : 0) - (a.pfx ? 1 : 0) || (b.modrm >= 0 ? 1 : 0) - (a.modrm >= 0 ? 1 : 0) || a.id - b.id);
}

/** True for mnemonics whose AT&T operands are written in Intel order too (`enter $size,$level`
 *  is `enter size, level`): an assembler reading Intel syntax must not reverse them. */
export function keepsIntelOperandOrder(mnemonic: string): boolean {
  return MNEMONICS.get(mnemonic.toLowerCase())?.some((c) => c.form.sameOrder) ?? false;
}
