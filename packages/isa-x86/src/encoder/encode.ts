// The encoder: one AT&T-ordered X86Instruction in, GNU-as-identical bytes out.
//
// It looks the mnemonic up in the compiled table, tries every candidate form (and, without a
// size suffix, every operand size the operands allow), encodes each match and keeps the shortest
// — ties to the form listed first in the table. See table/forms.ts for why that reproduces GAS.
//
// Byte layout (SDM Vol.2A §2.1): legacy prefixes, REX, opcode, ModRM, SIB, displacement,
// immediate. GAS orders legacy prefixes as segment, 67, 66, F2/F3 (rep or mandatory), F0 (lock),
// and so does this encoder.

import { EncodeError, type EncodedField, type EncodeOptions, type EncodeResult, type X86Instruction, type X86Operand } from '../types.js';
import { gprName, registerInfo, type RegisterInfo } from '../registers/registers.js';
import { FORMS, LETTER_OF_SIZE, MNEMONICS, type Form, type MnemonicCandidate, type OpSize } from '../table/compile.js';
import type { OperandSpec } from '../table/operands.js';
import { encodeMemory, segmentPrefix, type EncodedMemory } from './memory.js';

type MemOperand = Extract<X86Operand, { kind: 'mem' }>;

/** One operand matched to one spec: the input operand, its index in the AT&T list, and the resolved register. */
interface Bound {
  spec: OperandSpec;
  operand: X86Operand | undefined; // undefined for an implicit operand left out
  index: number; // AT&T operand index, -1 when implicit
  reg?: RegisterInfo;
  /** GAS's warning for an operand it takes although it is not the one the form names. */
  warning?: string;
}

/** A memory operand as GAS quotes it in a diagnostic: `%fs:8(%rsi,%rax,2)`. */
function memoryText(m: MemOperand): string {
  const inner = [m.base ? `%${m.base}` : '', m.index ? `%${m.index}` : '', m.index && m.scale !== 1 ? String(m.scale) : ''];
  while (inner.length > 1 && inner[inner.length - 1] === '') inner.pop();
  return `${m.seg ? `%${m.seg}:` : ''}${m.disp !== 0n ? m.disp.toString() : ''}(${inner.join(',')})`;
}

interface Match {
  form: Form;
  size: OpSize | 0;
  cond: number;
  bound: Bound[];
  constrained: boolean;
}

type PrefixSlot = 'rep' | 'lock' | 'data' | 'addr' | 'seg' | 'rex' | 'bnd' | 'hle';
const PREFIX_BYTES: Record<string, { slot: PrefixSlot; byte: number }> = {
  lock: { slot: 'lock', byte: 0xf0 },
  // MPX `bnd` (F2 before a branch) and the HLE hints (F2/F3 before a locked instruction) sit where
  // a REP prefix goes (SDM Vol.1 §16.3.1 and §17.3).
  bnd: { slot: 'bnd', byte: 0xf2 }, xacquire: { slot: 'hle', byte: 0xf2 }, xrelease: { slot: 'hle', byte: 0xf3 },
  rep: { slot: 'rep', byte: 0xf3 }, repe: { slot: 'rep', byte: 0xf3 }, repz: { slot: 'rep', byte: 0xf3 },
  repne: { slot: 'rep', byte: 0xf2 }, repnz: { slot: 'rep', byte: 0xf2 },
  data16: { slot: 'data', byte: 0x66 }, addr32: { slot: 'addr', byte: 0x67 },
  notrack: { slot: 'seg', byte: 0x3e }, ds: { slot: 'seg', byte: 0x3e }, cs: { slot: 'seg', byte: 0x2e },
  es: { slot: 'seg', byte: 0x26 }, ss: { slot: 'seg', byte: 0x36 }, fs: { slot: 'seg', byte: 0x64 }, gs: { slot: 'seg', byte: 0x65 },
  rex: { slot: 'rex', byte: 0x40 }, 'rex64': { slot: 'rex', byte: 0x48 },
};
// `rex.w`, `rex.rb`, `rex.wrxb` ...: REX with the named bits (W=8, R=4, X=2, B=1).
for (let bits = 1; bits < 16; bits++) {
  PREFIX_BYTES[`rex.${'wrxb'.split('').filter((_, i) => bits & (8 >> i)).join('')}`] = { slot: 'rex', byte: 0x40 | bits };
}

const bitsMask = (bits: number): bigint => (1n << BigInt(bits)) - 1n;
/** Two's-complement value of v taken as a `bits`-wide signed number. */
function signedIn(v: bigint, bits: number): bigint {
  const m = v & bitsMask(bits);
  return m >= 1n << BigInt(bits - 1) ? m - (1n << BigInt(bits)) : m;
}
/** Does v fit in `bits` bits as either a signed or an unsigned value (GAS accepts both)? */
function fitsEither(v: bigint, bits: number): boolean {
  return v >= -(1n << BigInt(bits - 1)) && v <= bitsMask(bits);
}
const fitsSigned = (v: bigint, bits: number): boolean => v >= -(1n << BigInt(bits - 1)) && v < 1n << BigInt(bits - 1);

/** Encode one instruction. Throws EncodeError when no form of the mnemonic takes these operands. */
export function encode(insn: X86Instruction, opts: EncodeOptions = {}): EncodeResult {
  const mnemonic = insn.mnemonic.toLowerCase();
  const candidates = MNEMONICS.get(mnemonic);
  if (!candidates) {
    // `pushl`: a known mnemonic with a size suffix it does not take (GAS's wording).
    const base = mnemonic.slice(0, -1);
    if (/[bwlq]$/.test(mnemonic) && MNEMONICS.has(base)) throw new EncodeError(`invalid instruction suffix for \`${base}'`);
    throw new EncodeError(`no such instruction: \`${insn.mnemonic}'`);
  }
  const prefixes = (insn.prefixes ?? []).map((p) => {
    const info = PREFIX_BYTES[p.toLowerCase()];
    if (!info) throw new EncodeError(`unknown prefix \`${p}'`);
    // ES and SS overrides do nothing in 64-bit mode; GAS refuses the words (CS/DS stay: branch hints).
    if (info.slot === 'seg' && (info.byte === 0x26 || info.byte === 0x36)) throw new EncodeError(`\`${p.toLowerCase()}' is not supported in 64-bit mode`);
    return info;
  });
  // bnd and the HLE hints share the REP slot (gas tc-i386.c: BND_PREFIX = HLE_PREFIX = REP_PREFIX).
  const slotOf = (p: { slot: PrefixSlot }): PrefixSlot => (p.slot === 'bnd' || p.slot === 'hle' ? 'rep' : p.slot);
  for (let i = 0; i < prefixes.length; i++) {
    for (let j = 0; j < i; j++) if (slotOf(prefixes[j]!) === slotOf(prefixes[i]!)) throw new EncodeError('same type of prefix used twice');
  }
  for (let i = 0; i < insn.operands.length; i++) validateOperand(insn.operands[i]!, i);

  // GNU as writes `int $3` as the one-byte breakpoint INT3 (CC), not CD 03.
  const only = insn.operands[0];
  if (mnemonic === 'int' && insn.operands.length === 1 && only!.kind === 'imm' && !only!.symbolic && only!.value === 3n && !insn.prefixes?.length) {
    return { bytes: Uint8Array.of(0xcc), fields: [] };
  }

  let best: EncodeResult | undefined;
  let firstError: EncodeError | undefined;
  let countMismatch = true;
  const matches: Match[] = [];
  for (const cand of candidates) {
    for (const bound of operandArrangements(cand.form, insn.operands)) {
      countMismatch = false;
      const sizes: (OpSize | 0)[] = cand.size ? [cand.size] : cand.form.sizes.length ? cand.form.sizes : [0];
      for (const size of sizes) {
        const m = matchOperands(cand.form, size, bound, opts);
        if (m) matches.push({ form: cand.form, size, cond: cand.cond, bound: m.bound, constrained: m.constrained || cand.size !== 0 });
      }
    }
  }
  const picked = pickSizes(matches);
  // `{load}` / `{store}`: of two register-register encodings, the one whose ModRM.reg is the
  // destination (8B, 03 …) or the source (89, 01 …); GAS's default is the store form.
  const direction = opts.pseudoPrefixes?.find((p) => p === '{load}' || p === '{store}');
  if (direction) {
    const dirOf = (m: Match): string | undefined => {
      const [a, b] = [m.form.ops[0]?.kind, m.form.ops[1]?.kind];
      return a === 'reg' && b === 'rm' ? '{load}' : a === 'rm' && b === 'reg' ? '{store}' : undefined;
    };
    const kept = picked.matches.filter((m) => dirOf(m) === direction);
    if (kept.length) picked.matches = kept;
  }
  for (const m of picked.matches) {
    try {
      const r = emit(m, prefixes, opts, insn);
      if (!best || r.bytes.length < best.bytes.length) best = r;
    } catch (e) {
      if (!(e instanceof EncodeError)) throw e;
      firstError ??= e;
    }
  }
  if (best) {
    if (picked.defaulted) best.warnings = [...(best.warnings ?? []), `no instruction mnemonic suffix given and no register operands; using default for \`${insn.mnemonic}'`];
    return best;
  }
  if (firstError) throw firstError;
  if (countMismatch) throw new EncodeError(`number of operands mismatch for \`${insn.mnemonic}'`);
  throw suffixError(candidates, insn) ?? new EncodeError(`operand type mismatch for \`${insn.mnemonic}'`);
}

/** GAS's message when a size suffix and a register disagree (`addl %eax, %bx`): the mnemonic
 *  fixes one size and a general register of another size sits where the operand size goes. */
function suffixError(candidates: MnemonicCandidate[], insn: X86Instruction): EncodeError | undefined {
  const size = candidates[0]!.size;
  if (!size || candidates.some((c) => c.size !== size)) return undefined;
  for (let i = 0; i < insn.operands.length; i++) {
    const op = insn.operands[i]!;
    if (op.kind !== 'reg') continue;
    const r = registerInfo(op.reg);
    if (!r || r.class !== 'gpr' || r.size === size) continue;
    const sizedSlot = candidates.some((c) => c.form.ops.length === insn.operands.length && (() => {
      const spec = c.form.ops[c.form.sameOrder ? i : insn.operands.length - 1 - i]!;
      return spec.size === 0 && (spec.kind === 'reg' || spec.kind === 'rm' || spec.kind === 'rmreg' || spec.kind === 'opreg' || spec.kind === 'acc');
    })());
    if (sizedSlot) return new EncodeError(`incorrect register \`%${r.name}' used with \`${LETTER_OF_SIZE[size]}' suffix`, i);
  }
  return undefined;
}

function validateOperand(op: X86Operand, i: number): void {
  if (op.kind === 'reg' && !registerInfo(op.reg)) throw new EncodeError(`bad register name \`%${op.reg}'`, i);
}

/** Without a size suffix, keep the sizes an operand fixed; if none did, GAS's default size
 *  (64 for push/pop/call/jmp, else 32, else the only one). */
function pickSizes(matches: Match[]): { matches: Match[]; defaulted: boolean } {
  if (matches.length <= 1) return { matches, defaulted: false };
  const constrained = matches.filter((m) => m.constrained);
  if (constrained.length) return { matches: constrained, defaulted: false };
  // Nothing fixed the size: sizeless forms stand as they are; among sized ones, GAS's default
  // (with GAS's warning, except for the default-64 stack and branch forms).
  if (matches.every((m) => m.size === 0)) return { matches, defaulted: false };
  const d64 = matches.some((m) => m.form.d64);
  const preferred = d64 ? 64 : 32;
  const pick = matches.filter((m) => m.size === preferred || m.size === 0);
  const sizes = new Set(matches.filter((m) => m.size !== 0).map((m) => m.size));
  return pick.length ? { matches: pick, defaulted: !d64 && sizes.size > 1 } : { matches, defaulted: false };
}

/** The ways the written operands can line up with the form's specs (Intel order): as written,
 *  with implicit operands left out, swapped for commutative forms, duplicated for `imul $i,%r`.
 *  Plain arrays, and a count check first: this runs for every candidate form of a mnemonic. */
function operandArrangements(form: Form, att: X86Operand[]): Bound[][] {
  const specs = form.ops;
  const n = att.length;
  const explicitCount = form.explicitCount;
  const dupOk = form.dup && n === 2 && specs.length === 3;
  if (n !== specs.length && n !== explicitCount && !dupOk && !(n === 1 && specs.length === 2)) return [];
  const out: Bound[][] = [];
  // Operand i in Intel order is AT&T operand n-1-i (or i for `enter`).
  const at = (i: number): number => (form.sameOrder ? i : n - 1 - i);
  const arrange = (order: (i: number) => number): void => {
    if (n === specs.length) {
      out.push(specs.map((spec, i) => ({ spec, operand: att[order(i)]!, index: order(i) })));
    }
    if (explicitCount !== specs.length && n === explicitCount) {
      let j = 0;
      out.push(specs.map((spec) => {
        if (spec.implicit) return { spec, operand: undefined, index: -1 };
        const k = order(j++);
        return { spec, operand: att[k]!, index: k };
      }));
    }
  };
  arrange(at);
  // String instructions also take the memory operand alone, the accumulator left out
  // (`scasb (%rdi)`, `lods (%rsi)`, `stos %es:(%rdi)`; gas i386-opc.tbl lists both shapes).
  if (n === 1 && specs.length === 2 && explicitCount === 0) {
    const memAt = specs.findIndex((s) => s.kind === 'strSrc' || s.kind === 'strDst');
    if (memAt >= 0 && specs[1 - memAt]!.kind === 'acc') {
      out.push(specs.map((spec, i) => (i === memAt ? { spec, operand: att[0]!, index: 0 } : { spec, operand: undefined, index: -1 })));
    }
  }
  if (form.commute && n === 2) arrange((i) => (form.sameOrder ? 1 - i : i));
  if (dupOk) {
    // AT&T `imul $i, %r` = Intel `imul r, r, i`.
    out.push([
      { spec: specs[0]!, operand: att[1]!, index: 1 },
      { spec: specs[1]!, operand: att[1]!, index: 1 },
      { spec: specs[2]!, operand: att[0]!, index: 0 },
    ]);
  }
  return out;
}

function matchOperands(form: Form, size: OpSize | 0, bound: Bound[], opts: EncodeOptions): { bound: Bound[]; constrained: boolean } | undefined {
  let constrained = false;
  const out: Bound[] = [];
  for (const b of bound) {
    const spec = b.spec;
    const want = spec.size || size;
    const op = b.operand;
    if (!op) {
      out.push(b);
      continue;
    }
    const gpr = (): RegisterInfo | undefined => {
      if (op.kind !== 'reg') return undefined;
      const r = registerInfo(op.reg);
      return r && r.class === 'gpr' && r.size === want ? r : undefined;
    };
    let reg: RegisterInfo | undefined;
    let warning: string | undefined;
    switch (spec.kind) {
      case 'reg': case 'rmreg': case 'opreg': case 'vreg':
        if (!(reg = gpr())) return undefined;
        break;
      case 'acc':
        if (!(reg = gpr()) || reg.number !== 0) return undefined;
        break;
      case 'cl':
        if (!(reg = gpr()) || reg.number !== 1) return undefined;
        break;
      case 'fixedReg': {
        // monitor's rAX is an address: %eax selects 32-bit addressing (67).
        if (op.kind !== 'reg') return undefined;
        const r = registerInfo(op.reg);
        if (!r || r.class !== 'gpr' || r.number !== spec.reg || !(r.size === spec.size || (spec.size === 64 && r.size === 32))) return undefined;
        reg = r;
        break;
      }
      case 'rm':
      case 'mem':
        if (op.kind === 'reg' && spec.kind === 'rm') {
          if (!(reg = gpr())) return undefined;
        } else if (op.kind === 'mem') {
          if (spec.sizedMemory && op.size === undefined) return undefined;
          if (op.base && registerInfo(op.base)?.class === 'gpr' && registerInfo(op.base)!.size === 16 && spec.kind === 'mem') return undefined;
          // Intel `ptr` sizes pick the form; lea's operand (m0) is not accessed and has none,
          // but a NOP's (rm0) still names the size (`nop word ptr [rax]` is nopw).
          const sized = !spec.noAccess || spec.kind === 'rm';
          if (op.size !== undefined && sized && want !== 0 && op.size !== want) return undefined;
          if (op.size !== undefined && !spec.size && sized) constrained = true;
        } else return undefined;
        break;
      case 'imm': {
        if (op.kind !== 'imm') return undefined;
        if (op.symbolic) break;
        const v = op.value;
        if (spec.width === 8 || spec.width === 16) {
          if (!fitsEither(v, spec.width)) return undefined;
        } else {
          // Value must fit the operand size; with size 64 and an imm32 it must sign-extend.
          if (!fitsEither(v, want)) return undefined;
          if (want === 64 && spec.width !== -1 && !fitsSigned(signedIn(v, 64), 32)) return undefined;
        }
        break;
      }
      case 'simm8':
        if (op.kind !== 'imm' || op.symbolic) return undefined;
        if (!fitsEither(op.value, want) || !fitsSigned(signedIn(op.value, want), 8)) return undefined;
        break;
      case 'one':
        if (op.kind !== 'imm' || op.symbolic || op.value !== 1n) return undefined;
        break;
      case 'rel':
        if (op.kind !== 'rel') return undefined;
        if (opts.branchSize !== undefined && opts.branchSize !== spec.width) {
          // When the operation has no form of the asked width (loop is rel8 only, call rel32
          // only), its one width answers.
          if (relWidths(form.op).has(opts.branchSize)) return undefined;
        }
        // An unknown target gets the widest displacement, as GAS does before relaxation.
        if (opts.branchSize === undefined && op.symbolic && spec.width === 8 && hasRel32Sibling(form)) return undefined;
        break;
      case 'moffs':
        if (op.kind !== 'mem' || op.base !== undefined || op.index !== undefined) return undefined;
        if (op.size !== undefined && op.size !== size) return undefined;
        if (op.size !== undefined) constrained = true;
        break;
      case 'sreg': case 'fixedSreg': {
        if (op.kind !== 'reg') return undefined;
        const r = registerInfo(op.reg);
        if (!r || r.class !== 'sreg' || (spec.kind === 'fixedSreg' && r.number !== spec.reg)) return undefined;
        reg = r;
        break;
      }
      case 'creg': case 'dreg': {
        if (op.kind !== 'reg') return undefined;
        const r = registerInfo(op.reg);
        if (!r || r.class !== spec.kind) return undefined;
        reg = r;
        break;
      }
      case 'dx':
        if (op.kind === 'reg') {
          if (op.reg.toLowerCase() !== 'dx') return undefined;
        } else if (op.kind === 'mem') {
          if (op.base?.toLowerCase() !== 'dx' || op.index || op.disp !== 0n) return undefined;
        } else return undefined;
        break;
      case 'strSrc': case 'strDst': case 'xlat': {
        // The string operands are implicit (DS:rSI, ES:rDI, DS:rBX). GAS takes any memory operand
        // there, warning when it is not that one (`lodsb (%rdi)`: "`(%rdi)' is not valid here
        // (expected `(%rsi)')") and keeping only its segment and address size.
        if (op.kind !== 'mem' || op.symbolic || (op.base === undefined && op.index === undefined)) return undefined;
        const want3 = spec.kind === 'strSrc' ? 6 : spec.kind === 'strDst' ? 7 : 3;
        const r = op.base ? registerInfo(op.base) : undefined;
        if (op.base && (!r || r.class !== 'gpr')) return undefined;
        if (op.index !== undefined && registerInfo(op.index)?.class !== 'gpr') return undefined;
        if (spec.kind === 'strDst' && op.seg && op.seg.toLowerCase() !== 'es') return undefined;
        const canonical = r !== undefined && op.index === undefined && op.disp === 0n && r.number === want3 && r.size >= 32;
        if (!canonical) warning = `\`${memoryText(op)}' is not valid here (expected \`(%${gprName(want3, r?.size === 32 ? 32 : 64)})')`;
        if (op.size !== undefined && spec.kind !== 'xlat') {
          if (op.size !== size) return undefined;
          constrained = true;
        }
        break;
      }
    }
    if (reg && spec.size === 0 && (spec.kind === 'reg' || spec.kind === 'rm' || spec.kind === 'rmreg' || spec.kind === 'opreg' || spec.kind === 'acc' || spec.kind === 'vreg')) constrained = true;
    out.push(warning === undefined ? { ...b, reg } : { ...b, reg, warning });
  }
  return { bound: out, constrained };
}

function hasRel32Sibling(form: Form): boolean {
  return relWidths(form.op).has(32);
}

const REL_WIDTHS = new Map<string, Set<number>>();
for (const f of FORMS) {
  for (const o of f.ops) {
    if (o.kind !== 'rel') continue;
    let set = REL_WIDTHS.get(f.op);
    if (!set) REL_WIDTHS.set(f.op, (set = new Set()));
    set.add(o.width);
  }
}
/** Branch displacement widths an operation has (jmp/jcc: 8 and 32, call: 32, loop: 8). */
function relWidths(op: string): Set<number> {
  return REL_WIDTHS.get(op) ?? new Set();
}

/** What GAS lets a prefix stand before (tc-i386.c): LOCK only on the read-modify-write
 *  instructions of SDM Vol.2A "LOCK" with a memory destination; REP/REPE/REPNE only on string
 *  instructions, RET and NOP. */
const LOCKABLE = new Set(['add', 'adc', 'and', 'btc', 'btr', 'bts', 'cmpxchg', 'cmpxchg8b', 'cmpxchg16b', 'dec', 'inc', 'neg', 'not', 'or', 'sbb', 'sub', 'xor', 'xadd', 'xchg']);
const REPEATABLE = new Set(['movs', 'cmps', 'scas', 'lods', 'stos', 'ins', 'outs', 'ret']);

function checkPrefixes(m: Match, prefixes: { slot: PrefixSlot; byte: number }[], insn: X86Instruction): void {
  const { form } = m;
  if (prefixes.some((p) => p.slot === 'lock')) {
    const dest = m.bound[0];
    if (!LOCKABLE.has(form.op) || !dest || dest.operand?.kind !== 'mem') throw new EncodeError(`expecting lockable instruction after \`lock'`);
  }
  if (prefixes.some((p) => p.slot === 'rep') && !REPEATABLE.has(form.op) && !form.nop90) {
    throw new EncodeError(`invalid instruction \`${insn.mnemonic}' after \`${insn.prefixes!.find((p) => p.toLowerCase().startsWith('rep'))}'`);
  }
  // MPX: `bnd` only before near call/jmp/jcc/ret (SDM Vol.1 §17.3.3; gas "expecting valid branch instruction").
  if (prefixes.some((p) => p.slot === 'bnd') && !BND_BRANCHES.has(form.op)) {
    throw new EncodeError(`expecting valid branch instruction after \`bnd'`);
  }
  // HLE (SDM Vol.1 §16.3.1): both hints before a LOCKed read-modify-write or XCHG with memory;
  // XRELEASE also before MOV to memory (88/89/C6/C7). gas tc-i386.c check_hle.
  const hle = prefixes.find((p) => p.slot === 'hle');
  if (hle) {
    const word = hle.byte === 0xf2 ? 'xacquire' : 'xrelease';
    const memDest = m.bound[0]?.operand?.kind === 'mem';
    const locked = prefixes.some((p) => p.slot === 'lock');
    const invalid = (): never => { throw new EncodeError(`invalid instruction \`${form.op}' after \`${word}'`); };
    if (!memDest) invalid();
    if (form.op === 'xchg') {
      // XCHG with memory is locked anyway: no LOCK needed.
    } else if (form.op === 'mov' && [0x88, 0x89, 0xc6, 0xc7].includes(form.opcode[0]!) && form.opcode.length === 1) {
      if (word === 'xacquire') throw new EncodeError(`instruction \`${form.op}' after \`xacquire' not allowed`);
    } else if (LOCKABLE.has(form.op)) {
      if (!locked) throw new EncodeError(`missing \`lock' with \`${word}'`);
    } else invalid();
  }
}

const BND_BRANCHES = new Set(['call', 'jmp', 'jcc', 'ret']);

function emit(m: Match, prefixes: { slot: PrefixSlot; byte: number }[], opts: EncodeOptions, insn: X86Instruction): EncodeResult {
  const { form, size } = m;
  checkPrefixes(m, prefixes, insn);
  let rexW = size === 64 && !form.d64 && !form.noW;
  let rexR = false, rexX = false, rexB = false;
  let needsRex = false;
  let forbidsRex: RegisterInfo | undefined;
  let regField = form.digit >= 0 ? form.digit : 0;
  let rmReg: RegisterInfo | undefined;
  let mem: EncodedMemory | undefined;
  let memOperand = -1;
  let opregNum = 0;
  let vvvv = 0;
  let segPrefix = 0;
  let addr32 = form.a32;
  const imms: { value: bigint; size: 1 | 2 | 4 | 8; operand: number; signedness: EncodedField['signedness']; rel: boolean }[] = [];

  const noteByteReg = (r: RegisterInfo | undefined): void => {
    if (!r || r.class !== 'gpr' || r.size !== 8) return;
    if (r.needsRex) needsRex = true;
    if (r.forbidsRex) forbidsRex = r;
  };

  for (const b of m.bound) {
    const spec = b.spec;
    const op = b.operand;
    switch (spec.kind) {
      case 'reg': case 'sreg': case 'creg': case 'dreg':
        regField = b.reg!.number & 7;
        rexR = b.reg!.number >= 8;
        noteByteReg(b.reg);
        break;
      case 'rm': case 'mem': case 'rmreg':
        if (b.reg) {
          rmReg = b.reg;
          rexB = b.reg.number >= 8;
          noteByteReg(b.reg);
        } else {
          const pseudo = opts.pseudoPrefixes;
          mem = encodeMemory(op as MemOperand, b.index, pseudo?.includes('{disp32}') ? 32 : pseudo?.includes('{disp8}') ? 8 : 0);
          if (form.a64 && mem.addr32) throw new EncodeError(`invalid register operand size for \`${form.op}'`, b.index);
          if (form.a32 && !mem.addr32) throw new EncodeError(`invalid register operand size for \`${form.op}'`, b.index);
          // An explicit addr32 cannot make RIP-relative addressing EIP-relative (write %eip).
          if (mem.ripRelative && !mem.addr32 && prefixes.some((p) => p.slot === 'addr')) throw new EncodeError(`\`${memoryText(op as MemOperand)}' is not a valid base/index expression`, b.index);
          memOperand = b.index;
          rexX = mem.rexX;
          rexB = mem.rexB;
          segPrefix = mem.segPrefix;
          addr32 ||= mem.addr32;
        }
        break;
      case 'opreg':
        opregNum = b.reg!.number & 7;
        rexB = b.reg!.number >= 8;
        noteByteReg(b.reg);
        break;
      case 'acc': case 'cl':
        noteByteReg(b.reg);
        break;
      case 'fixedReg':
        if (b.reg && spec.size === 64 && b.reg.size === 32) addr32 = true;
        break;
      case 'vreg':
        vvvv = b.reg!.number;
        break;
      case 'imm': case 'simm8': {
        const imm = op as Extract<X86Operand, { kind: 'imm' }>;
        const width = spec.kind === 'simm8' ? 8 : spec.width === -1 ? size : spec.width || Math.min(size, 32);
        const signedness: EncodedField['signedness'] = spec.kind === 'simm8' || (size === 64 && width === 32) ? 'signed' : 'either';
        imms.push({ value: imm.value, size: (width / 8) as 1 | 2 | 4 | 8, operand: b.index, signedness, rel: false });
        break;
      }
      case 'moffs': {
        const mo = op as MemOperand;
        segPrefix = segmentPrefix(mo.seg, b.index);
        if (segPrefix === 0x3e) segPrefix = 0; // DS is the default segment of moffs (as for ModRM memory)
        // With the 67 prefix the offset is a 32-bit address (SDM Vol.2B "MOV": moffs size
        // follows the address size): `addr32 mov 0x600898,%al` = 67 A0 98 08 60 00.
        const narrow = prefixes.some((p) => p.slot === 'addr');
        if (narrow && !mo.symbolic && (mo.disp < 0n || mo.disp > 0xffffffffn)) throw new EncodeError('32-bit address offset out of range', b.index);
        imms.push({ value: mo.disp, size: narrow ? 4 : 8, operand: b.index, signedness: 'unsigned', rel: false });
        break;
      }
      case 'rel': {
        const rel = op as Extract<X86Operand, { kind: 'rel' }>;
        imms.push({ value: rel.target, size: (spec.width / 8) as 1 | 4, operand: b.index, signedness: 'signed', rel: true });
        break;
      }
      case 'strSrc': case 'xlat':
        if (op && op.kind === 'mem') {
          if (op.seg && op.seg.toLowerCase() !== 'ds') segPrefix = segmentPrefix(op.seg, b.index);
          if (registerInfo(op.base ?? op.index ?? '')?.size === 32) addr32 = true;
        }
        break;
      case 'strDst':
        if (op && op.kind === 'mem' && registerInfo(op.base ?? op.index ?? '')?.size === 32) addr32 = true;
        break;
    }
  }

  if (form.xchg90) {
    // SDM "XCHG": 90 is NOP in 64-bit mode; `xchg %eax,%eax` must be 87 C0 to zero-extend RAX.
    if (opregNum === 0 && !rexB) {
      if (size === 32) throw new EncodeError('xchg %eax,%eax is encoded as 87 c0');
      if (size === 64) rexW = false; // GAS writes plain 90 for xchg %rax,%rax
    }
  }

  // `{rex}` asks for a REX prefix; GAS drops the request where %ah..%bh forbid one.
  if (rexW || rexR || rexX || rexB || (opts.pseudoPrefixes?.includes('{rex}') && !forbidsRex)) needsRex = true;
  const explicitRex = prefixes.find((p) => p.slot === 'rex');
  if (explicitRex) {
    // `rex.B movsb` = 41 A4: the written bits are OR'd into the REX the operands need.
    needsRex = true;
    if (explicitRex.byte & 8) rexW = true;
    if (explicitRex.byte & 4) rexR = true;
    if (explicitRex.byte & 2) rexX = true;
    if (explicitRex.byte & 1) rexB = true;
  }
  if (needsRex && forbidsRex) {
    throw new EncodeError(`can't encode register '%${forbidsRex.name}' in an instruction requiring REX prefix`, m.bound.find((b) => b.reg === forbidsRex)?.index);
  }

  const out: number[] = [];
  // Legacy prefixes in GAS's order: segment, address size, operand size, rep/mandatory, lock.
  const seg = prefixes.find((p) => p.slot === 'seg');
  if (segPrefix) out.push(segPrefix);
  else if (seg) out.push(seg.byte);
  if (addr32 || prefixes.some((p) => p.slot === 'addr')) out.push(0x67);
  const data16 = prefixes.some((p) => p.slot === 'data');
  // A written data16 on an instruction that already has 66 (a 16-bit size or a mandatory 66)
  // is a second prefix of the same kind (gas: `data16 nopw ...`).
  if (data16 && ((size === 16 && !form.no66) || form.pfx === 0x66)) throw new EncodeError('same type of prefix used twice');
  const opcode = form.opcode;
  if (form.vex) {
    // VEX (SDM Vol.2A §2.3.5): C5 when the map is 0F and W, X, B are clear, else C4 with
    // R̄X̄B̄ and map (1 = 0F, 2 = 0F 38, 3 = 0F 3A), then W, v̄v̄v̄v̄, L = 0, pp (66 = 1, F3 = 2, F2 = 3).
    if (prefixes.some((p) => p.slot !== 'seg' && p.slot !== 'addr')) throw new EncodeError(`invalid prefix for \`${insn.mnemonic}'`);
    const pp = form.pfx === 0x66 ? 1 : form.pfx === 0xf3 ? 2 : form.pfx === 0xf2 ? 3 : 0;
    const last2 = (((~vvvv) & 15) << 3) | pp;
    if (form.map === 1 && !rexW && !rexX && !rexB) out.push(0xc5, (rexR ? 0 : 0x80) | last2);
    else out.push(0xc4, (rexR ? 0 : 0x80) | (rexX ? 0 : 0x40) | (rexB ? 0 : 0x20) | form.map, (rexW ? 0x80 : 0) | last2);
  } else {
    if ((size === 16 && !form.no66) || (form.pfx === 0x66 && size !== 16) || data16) out.push(0x66);
    const rep = prefixes.find((p) => p.slot === 'rep' || p.slot === 'bnd' || p.slot === 'hle');
    if (form.pfx === 0xf2 || form.pfx === 0xf3) out.push(form.pfx);
    else if (rep) out.push(rep.byte);
    if (prefixes.some((p) => p.slot === 'lock')) out.push(0xf0);
    if (needsRex) out.push(0x40 | (rexW ? 8 : 0) | (rexR ? 4 : 0) | (rexX ? 2 : 0) | (rexB ? 1 : 0));
    for (let i = 0; i < opcode.length - 1; i++) out.push(opcode[i]!);
  }
  let last = opcode[opcode.length - 1]!;
  if (form.cc) last += m.cond;
  if (form.opregIndex >= 0) last += opregNum;
  out.push(last);

  const fields: EncodedField[] = [];
  if (form.modrm >= 0) out.push(form.modrm);
  else if (form.hasModrm) {
    if (mem) {
      out.push((mem.mod << 6) | (regField << 3) | mem.rm);
      if (mem.sib >= 0) out.push(mem.sib);
      if (mem.dispSize) {
        // A 32-bit address wraps at 4 GiB: its disp32 is taken as either signed or unsigned, and
        // GAS relocates it with R_X86_64_32 rather than 32S (`lea sym(%eax),%rax`).
        const wide = !(addr32 || prefixes.some((p) => p.slot === 'addr')) || mem.ripRelative;
        fields.push({ operand: memOperand, offset: out.length, size: mem.dispSize, pcRelative: mem.ripRelative, signedness: wide ? 'signed' : 'either' });
        pushLE(out, mem.disp, mem.dispSize);
      }
    } else {
      out.push(0xc0 | (regField << 3) | ((rmReg?.number ?? 0) & 7));
    }
  }
  for (const imm of imms) {
    fields.push({ operand: imm.operand, offset: out.length, size: imm.size, pcRelative: imm.rel, signedness: imm.signedness });
    out.push(...new Array<number>(imm.size).fill(0));
  }
  // Now the length is known: write immediates and branch displacements.
  const end = BigInt(out.length);
  const address = opts.address ?? 0n;
  let k = 0;
  for (const imm of imms) {
    const field = fields[fields.length - imms.length + k++]!;
    let v = imm.value;
    if (imm.rel) {
      // An unknown target leaves the field 0 for the assembler's fixup (GNU as does the same).
      const symbolic = (insn.operands[imm.operand] as { symbolic?: boolean }).symbolic === true;
      v = symbolic ? 0n : imm.value - (address + end);
      if (!symbolic && !fitsSigned(v, imm.size * 8)) throw new EncodeError(`branch target out of range for a ${imm.size * 8}-bit displacement`, imm.operand);
    }
    writeLE(out, field.offset, v, imm.size);
  }
  const warnings = m.bound.filter((b) => b.warning !== undefined).map((b) => b.warning!);
  return warnings.length ? { bytes: Uint8Array.from(out), fields, warnings } : { bytes: Uint8Array.from(out), fields };
}

function pushLE(out: number[], v: bigint, size: number): void {
  for (let i = 0; i < size; i++) out.push(Number((v >> BigInt(8 * i)) & 0xffn));
}
function writeLE(out: number[], at: number, v: bigint, size: number): void {
  for (let i = 0; i < size; i++) out[at + i] = Number((v >> BigInt(8 * i)) & 0xffn);
}
