// The AArch64 backend of the assembler: operand records (operands.ts) → @vsys/isa-arm64's
// `encodeA64`, fixups → relocations (relocations.ts), `ldr =value` literal pools
// (literalPool.ts), and the AArch64 directives `.inst`. GNU as's AArch64 rules that differ
// from x86 (as.info §9.1): `.align` counts a power of two, `.word` is 4 bytes, `.xword` and
// `.dword` 8 (handled by the front end with `alignIsPowerOfTwo` / arch checks), `//` starts a
// comment and `#` prefixes immediates (lexer dialect 'arm64').
//
// A value that is unknown when the line is read is left to a fixup: branch, adr/adrp and
// literal targets and `:lo12:`/`:abs_gN:` values become the relocation GNU as would emit (or
// are resolved after layout for local targets); any other immediate (e.g. `mov x0, #(end -
// start)`) is encoded with 0 first and the whole instruction is re-encoded once the value is
// known — it must then be an absolute number, as GNU as requires.
import type { IToken } from 'chevrotain';
import { A64EncodeError, a64Mnemonics, encodeA64, isA64Mnemonic, parseRegister, type A64EncodeResult, type A64Operand } from '@vsys/isa-arm64';
import type {
  AsmBackend, BackendInstruction, EncodeContext, EncodedInstruction, Fixup, InstructionSource, LiteralPoolContext, ParseContext,
  RelocationChoice, RelocationTarget,
} from '../backend.js';
import type { SourceLoc } from '../../diagnostics/diagnostic.js';
import type { Expr } from '../../expr/ast.js';
import { EM_AARCH64 } from '../../object/elfConstants.js';
import { LiteralPools } from './literalPool.js';
import { parseArm64Operand, type Arm64Operand } from './operands.js';
import { INST_KIND, PC_RELATIVE_KINDS, REENCODE_KIND, applyFixup, dataFixupKind, relocationType } from './relocations.js';
import * as T from '../../lexer/tokens.js';

export interface Arm64ParsedInstruction extends BackendInstruction {
  mnemonic: string;
  operands: Arm64Operand[];
}

/** NOP (Arm ARM C6.2 NOP): GNU as pads code alignment with it after zero bytes up to a word. */
const NOP = [0x1f, 0x20, 0x03, 0xd5];

function codeFill(size: number): Uint8Array {
  const out = new Uint8Array(size);
  const lead = size % 4;
  for (let i = lead; i + 4 <= size; i += 4) out.set(NOP, i);
  return out;
}

function parseInstruction(src: InstructionSource, ctx: ParseContext): Arm64ParsedInstruction | null {
  const ops: Arm64Operand[] = [];
  let ok = true;
  for (const toks of src.operands) {
    const op = parseArm64Operand(toks, src.mnemonic, ctx, src.loc);
    if (!op) ok = false;
    else ops.push(op);
  }
  if (!ok) return null;
  // `[xn], #imm` is one post-index operand for the encoder
  const merged: Arm64Operand[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    const next = ops[i + 1];
    if (op.kind === 'mem' && op.mode === 'offset' && !op.offset && next?.kind === 'imm') {
      merged.push({ kind: 'mem', base: op.base, mode: 'post', offset: { kind: 'imm', expr: next.expr, modifier: next.modifier }, loc: op.loc });
      i++;
    } else merged.push(op);
  }
  return { mnemonic: src.mnemonic, operands: merged, loc: src.loc };
}

/** The value of a constant-only part (shift amounts, extend amounts). */
function constant(expr: Expr, ctx: EncodeContext, what: string): number | null {
  const v = ctx.evaluate(expr);
  if (!v.known) {
    ctx.error(expr.loc, `${what} must be an absolute number`);
    return null;
  }
  if (v.value < 0n || v.value > 255n) {
    ctx.error(expr.loc, `${what} ${v.value} out of range`);
    return null;
  }
  return Number(v.value);
}

interface Lowered {
  operands: A64Operand[];
  /** operand index → its expression (values that may need a fixup) */
  exprs: Map<number, { expr: Expr; loc: SourceLoc; known: boolean }>;
}

export class Arm64Backend implements AsmBackend<Arm64ParsedInstruction> {
  readonly arch = 'arm64' as const;
  readonly machine = EM_AARCH64;
  readonly dialect = 'arm64' as const;
  readonly alignIsPowerOfTwo = true;
  readonly mnemonics = a64Mnemonics;
  /** Every A64 instruction is 4 bytes and 4-byte aligned: GNU as gives a section holding
   *  instructions sh_addralign 4 (tc-aarch64.c record_alignment). */
  readonly instructionAlignment = 4;
  private readonly literals = new LiteralPools();
  /** Instructions waiting for a value known only after layout (REENCODE_KIND fixups), by the
   *  fixup's expression (the front end may hand back a copy of the fixup object). */
  private readonly reencoders = new WeakMap<Expr, (value: bigint) => number | string>();

  /** The symbol of a `.tlsdesccall` waiting for its instruction. */
  private pendingTlsDescCall: { expr: Expr; loc: SourceLoc } | null = null;

  /** isA64Mnemonic's answers (lower-cases and matches `b.cond` spellings on every call). */
  private readonly mnemonicMemo = new Map<string, boolean>();

  isMnemonic(name: string): boolean {
    let yes = this.mnemonicMemo.get(name);
    if (yes === undefined) {
      yes = isA64Mnemonic(name);
      if (this.mnemonicMemo.size >= 4096) this.mnemonicMemo.clear();
      this.mnemonicMemo.set(name, yes);
    }
    return yes;
  }

  isRegister(name: string): boolean {
    return parseRegister(name) !== undefined || this.registerAliases.has(name);
  }

  // ---- register aliases: `name .req reg` / `.unreq name` (as.info §9.1.5; GNU as
  // tc-aarch64.c create_register_alias: the alias is entered as written and in all upper and
  // all lower case, resolved when defined, and never replaces a built-in register)

  /** alias → the register it names (lower case) */
  private readonly registerAliases = new Map<string, string>();

  defineRegisterAlias(nameTok: IToken, register: IToken[], ctx: ParseContext): void {
    const name = nameTok.image;
    if (register.length === 0) {
      ctx.error(ctx.locOf(nameTok), `unknown instruction '${name}' (.req needs a register)`);
      return;
    }
    const regTok = register[0]!;
    const target = register.length === 1 && regTok.tokenType === T.Ident ? (this.registerAliases.get(regTok.image) ?? (parseRegister(regTok.image) ? regTok.image.toLowerCase() : undefined)) : undefined;
    if (target === undefined) {
      ctx.warning(ctx.locOf(regTok, register[register.length - 1]), `unknown register '${register.map((t) => t.image).join('')}' -- .req ignored`);
      return;
    }
    if (parseRegister(name)) {
      ctx.warning(ctx.locOf(nameTok), `ignoring attempt to redefine built-in register '${name}'`);
      return;
    }
    const old = this.registerAliases.get(name);
    if (old !== undefined) {
      if (old !== target) ctx.warning(ctx.locOf(nameTok), `ignoring redefinition of register alias '${name}'`);
      return;
    }
    for (const spelling of [name, name.toUpperCase(), name.toLowerCase()]) if (!this.registerAliases.has(spelling)) this.registerAliases.set(spelling, target);
  }

  private undefineRegisterAlias(args: IToken[][], ctx: ParseContext): void {
    const tok = args[0]?.[0];
    if (!tok) return;
    const name = tok.image;
    const target = this.registerAliases.get(name);
    if (target === undefined) {
      if (parseRegister(name)) ctx.warning(ctx.locOf(tok), `ignoring attempt to undefine built-in register '${name}'`);
      else ctx.error(ctx.locOf(tok), `unknown register alias '${name}'`);
      return;
    }
    for (const spelling of [name, name.toUpperCase(), name.toLowerCase()]) if (this.registerAliases.get(spelling) === target) this.registerAliases.delete(spelling);
  }

  /** Operand tokens with register aliases replaced by the registers they name. */
  private withAliases(src: InstructionSource): InstructionSource {
    if (this.registerAliases.size === 0) return src;
    let changed = false;
    const operands = src.operands.map((toks) => toks.map((t) => {
      const reg = t.tokenType === T.Ident ? this.registerAliases.get(t.image) : undefined;
      if (reg === undefined) return t;
      changed = true;
      return { ...t, image: reg };
    }));
    return changed ? { ...src, operands } : src;
  }

  parseInstruction(src: InstructionSource, ctx: ParseContext): Arm64ParsedInstruction | null {
    return parseInstruction(this.withAliases(src), ctx);
  }

  /** Turn operand records into encoder operands, evaluating what is known now. */
  private lower(insn: Arm64ParsedInstruction, ctx: EncodeContext): Lowered | null {
    const operands: A64Operand[] = [];
    const exprs: Lowered['exprs'] = new Map();
    for (const op of insn.operands) {
      const i = operands.length;
      switch (op.kind) {
        case 'reg':
        case 'cond':
        case 'sysreg':
        case 'pstatefield':
        case 'barrier':
          operands.push(op.kind === 'reg' ? { kind: 'reg', reg: op.reg } : op.kind === 'cond' ? { kind: 'cond', cond: op.cond } : { kind: op.kind, name: op.name });
          break;
        case 'imm': {
          const v = op.modifier ? { known: false as const } : ctx.evaluate(op.expr);
          operands.push(v.known ? { kind: 'imm', value: v.value } : { kind: 'imm', value: 0n, symbolic: true, modifier: op.modifier });
          exprs.set(i, { expr: op.expr, loc: op.loc, known: v.known });
          break;
        }
        case 'literal': {
          const size = this.literalSize(insn);
          if (!size) {
            ctx.error(op.loc, `'=' literals are only allowed in 'ldr Xt, =value', 'ldr Wt, =value' and 'ldrsw Xt, =value'`);
            return null;
          }
          const v = ctx.evaluate(op.expr);
          const target = this.literals.add(ctx.section ?? '', size, op.expr, v.known ? v.value : undefined, op.loc);
          operands.push({ kind: 'label', target: 0n, symbolic: true });
          exprs.set(i, { expr: target, loc: op.loc, known: false });
          break;
        }
        case 'shift': {
          const n = constant(op.amount, ctx, 'shift amount');
          if (n === null) return null;
          operands.push({ kind: 'shift', shift: op.shift, amount: n });
          break;
        }
        case 'extend': {
          let amount: number | undefined;
          if (op.amount) {
            const n = constant(op.amount, ctx, 'extend amount');
            if (n === null) return null;
            amount = n;
          }
          operands.push({ kind: 'extend', extend: op.extend, amount });
          break;
        }
        case 'mem': {
          let offset: Extract<A64Operand, { kind: 'mem' }>['offset'];
          if (op.offset?.kind === 'imm') {
            const v = op.offset.modifier ? { known: false as const } : ctx.evaluate(op.offset.expr);
            offset = v.known ? { kind: 'imm', value: v.value } : { kind: 'imm', value: 0n, symbolic: true, modifier: op.offset.modifier };
            exprs.set(i, { expr: op.offset.expr, loc: op.loc, known: v.known });
          } else if (op.offset?.kind === 'reg') {
            let amount: number | undefined;
            if (op.offset.amount) {
              const n = constant(op.offset.amount, ctx, 'shift amount');
              if (n === null) return null;
              amount = n;
            }
            offset = { kind: 'reg', reg: op.offset.reg, extend: op.offset.extend, amount };
          }
          operands.push({ kind: 'mem', base: op.base, mode: op.mode, offset });
          break;
        }
      }
    }
    return { operands, exprs };
  }

  /** The pool entry of `ldr Xt, =v` (8 bytes), `ldr Wt, =v` and `ldrsw Xt, =v` (4 bytes). */
  private literalSize(insn: Arm64ParsedInstruction): 4 | 8 | null {
    if ((insn.mnemonic !== 'ldr' && insn.mnemonic !== 'ldrsw') || insn.operands.length !== 2 || insn.operands[0]!.kind !== 'reg') return null;
    const r = parseRegister(insn.operands[0]!.reg);
    if (!r || r.num === 31) return null;
    if (insn.mnemonic === 'ldrsw') return r.width === 'x' ? 4 : null;
    return r.width === 'x' ? 8 : 4;
  }

  encode(insn: Arm64ParsedInstruction, ctx: EncodeContext): EncodedInstruction | null {
    const tlsCall = this.pendingTlsDescCall;
    this.pendingTlsDescCall = null;
    const encoded = this.encodeInstruction(insn, ctx);
    if (encoded && tlsCall) {
      encoded.fixups.push({ offset: 0, size: 4, expr: tlsCall.expr, pcRelative: false, kind: 'R_AARCH64_TLSDESC_CALL', signedness: 'either', loc: tlsCall.loc });
    }
    return encoded;
  }

  private encodeInstruction(insn: Arm64ParsedInstruction, ctx: EncodeContext): EncodedInstruction | null {
    const lowered = this.lower(insn, ctx);
    if (!lowered) return null;
    const { operands, exprs } = lowered;
    const mnemonic = insn.mnemonic;
    // GNU as reads a constant branch/adr/literal target as an offset from the instruction
    // (`b 0x1000` → +0x1000, tc-aarch64.c), which is what encoding at address 0 gives; every
    // symbolic target is a fixup resolved after layout, so the real address is never needed.
    const address = 0n;
    const report = (e: unknown): null => {
      if (e instanceof A64EncodeError) {
        const at = e.operand !== undefined ? insn.operands[e.operand]?.loc : undefined;
        ctx.error(at ?? insn.loc, e.message);
        return null;
      }
      throw e;
    };

    let result;
    try {
      result = cachedEncodeA64(mnemonic, operands);
    } catch (e) {
      // An immediate the encoder cannot take symbolically (e.g. `mov x0, #(end - start)`):
      // encode it as 0 now and the whole instruction again once the value is known.
      const unknown = [...exprs.entries()].filter(([i, x]) => !x.known && isPlainUnknown(operands[i]!));
      if (!(e instanceof A64EncodeError) || unknown.length !== 1) return report(e);
      const [index, { expr, loc }] = unknown[0]!;
      const withValue = (value: bigint): A64Operand[] => operands.map((op, i) => (i === index ? substitute(op, value) : op));
      // the placeholder must itself be encodable: 0 for most fields, 1 for a logical
      // (bitmask) immediate, which cannot be 0 (`and x0, x0, mask` with `.set mask, ~0xf` later)
      let first;
      for (const placeholder of [0n, 1n]) {
        try {
          first = encodeA64({ mnemonic, operands: withValue(placeholder), address });
          break;
        } catch {
          // try the next placeholder
        }
      }
      if (!first) return report(e);
      const fixup: Fixup = { offset: 0, size: 4, expr, pcRelative: false, kind: REENCODE_KIND, signedness: 'either', loc };
      this.reencoders.set(expr, (value) => {
        try {
          const again = encodeA64({ mnemonic, operands: withValue(value), address: 0n });
          if (again.fixups.length) return 'value must be an absolute number';
          return again.word;
        } catch (e3) {
          return e3 instanceof A64EncodeError ? e3.message : String(e3);
        }
      });
      if (first.fixups.length) {
        ctx.error(loc, 'only one value of this instruction may be unknown when the line is read');
        return null;
      }
      return { bytes: wordBytes(first.word), fixups: [fixup] };
    }

    for (const w of result.warnings ?? []) ctx.warning(insn.loc, w);
    const fixups: Fixup[] = [];
    for (const f of result.fixups) {
      const x = exprs.get(f.operand);
      if (!x) {
        ctx.error(insn.loc, 'internal: fixup without an expression');
        return null;
      }
      const pcRelative = PC_RELATIVE_KINDS.has(f.reloc);
      fixups.push({ offset: 0, size: 4, expr: x.expr, pcRelative, pcBias: pcRelative ? 0n : undefined, kind: f.reloc, signedness: 'either', loc: x.loc });
    }
    return { bytes: wordBytes(result.word), fixups };
  }

  codeFill(size: number): Uint8Array {
    return codeFill(size);
  }

  dataFixupKind(size: 1 | 2 | 4 | 8, pcRelative: boolean): string {
    return dataFixupKind(size, pcRelative);
  }

  relocationType(fixup: Fixup, target: RelocationTarget): RelocationChoice {
    // an instruction immediate is never relocated, even if the front end turned `sym - L`
    // into a pc-relative data fixup
    if (this.reencoders.has(fixup.expr)) return { error: 'expression must be an absolute value' };
    return relocationType(fixup, target);
  }

  applyFixup(bytes: Uint8Array, fixup: Fixup, value: bigint): string | null {
    const reencode = this.reencoders.get(fixup.expr);
    if (reencode && fixup.kind !== REENCODE_KIND) return 'expression must be an absolute value';
    return applyFixup(bytes, fixup, value, reencode);
  }

  /** `.inst expr, …`: raw instruction words (as.info §9.1.5 "AArch64 Machine Directives").
   *  `.tlsdesccall sym`: the next instruction (the `blr` of a TLS descriptor call) gets an
   *  R_AARCH64_TLSDESC_CALL relocation against sym, so the linker can relax the sequence. */
  directive(name: string, args: IToken[][], ctx: ParseContext & LiteralPoolContext): boolean {
    if (name === '.tlsdesccall') {
      const toks = args[0] ?? [];
      const extra = args[1]?.[0];
      if (extra) {
        ctx.error(ctx.locOf(extra), '.tlsdesccall takes one symbol');
        return true;
      }
      const expr = ctx.parseExpression(toks);
      if (expr) this.pendingTlsDescCall = { expr, loc: ctx.locOf(toks[0]!, toks[toks.length - 1]) };
      return true;
    }
    if (name === '.unreq') {
      this.undefineRegisterAlias(args, ctx);
      return true;
    }
    if (name !== '.inst') return false;
    for (const toks of args) {
      if (toks.length === 0) continue;
      const expr = ctx.parseExpression(toks);
      if (!expr) continue;
      const loc = ctx.locOf(toks[0]!, toks[toks.length - 1]);
      ctx.emitBytes(new Uint8Array(4), [{ offset: 0, size: 4, expr, pcRelative: false, kind: INST_KIND, signedness: 'either', loc }], loc);
    }
    return true;
  }

  flushLiteralPool(ctx: LiteralPoolContext): void {
    this.literals.flush(ctx);
  }
}

function isPlainUnknown(op: A64Operand): boolean {
  if (op.kind === 'imm') return !!op.symbolic && !op.modifier;
  if (op.kind === 'mem') return op.offset?.kind === 'imm' && !!op.offset.symbolic && !op.offset.modifier;
  return false;
}

function substitute(op: A64Operand, value: bigint): A64Operand {
  if (op.kind === 'imm') return { kind: 'imm', value };
  if (op.kind === 'mem' && op.offset?.kind === 'imm') return { ...op, offset: { kind: 'imm', value } };
  return op;
}

// ---- the encoding memo ---------------------------------------------------------------------
//
// `encodeA64` tries the table's candidates for a mnemonic in order until one takes the
// operands; lines of real code repeat (same mnemonic, registers, small immediates). Encoding at
// address 0 (as `encode` always does here) is a pure function of the mnemonic and the operand
// records, so a line seen before takes the same word and fixup list. The key holds every
// operand field exactly (no value classes: a logical immediate or a shifted form depends on
// the bit pattern, not on the range). Lines that fail to encode are not remembered.

const encodeMemo = new Map<string, A64EncodeResult>();
const MAX_MEMO = 50_000;

function operandKey(op: A64Operand): string {
  switch (op.kind) {
    case 'reg': return 'r' + op.reg;
    case 'imm': return op.symbolic ? 'i?' + (op.modifier ?? '') : 'i' + op.value;
    case 'shift': return 's' + op.shift + op.amount;
    case 'extend': return 'e' + op.extend + (op.amount ?? '');
    case 'label': return op.symbolic ? 'l?' : 'l' + op.target;
    case 'cond': return 'c' + op.cond;
    case 'mem': {
      const o = op.offset;
      const off = o === undefined ? '' : o.kind === 'imm' ? (o.symbolic ? 'i?' + (o.modifier ?? '') : 'i' + o.value) : `r${o.reg}/${o.extend ?? ''}/${o.amount ?? ''}`;
      return `m${op.base}/${op.mode}/${off}`;
    }
    default: return op.kind + ':' + op.name;
  }
}

function cachedEncodeA64(mnemonic: string, operands: A64Operand[]): A64EncodeResult {
  let key = mnemonic;
  for (const op of operands) key += '|' + operandKey(op);
  const hit = encodeMemo.get(key);
  if (hit) return hit;
  const r = encodeA64({ mnemonic, operands, address: 0n });
  if (encodeMemo.size >= MAX_MEMO) encodeMemo.clear();
  encodeMemo.set(key, r);
  return r;
}

function wordBytes(w: number): Uint8Array {
  return Uint8Array.of(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff);
}

/** A fresh backend per assembly (it holds that assembly's literal pools). */
export function createArm64Backend(): Arm64Backend {
  return new Arm64Backend();
}
