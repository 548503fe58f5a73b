// The x86-64 backend: operands (AT&T and Intel) → @vsys/isa-x86's `encode`, and the mapping
// from encoded fields to the relocations GNU as emits (x86-64 psABI §4.4.1, checked against
// `as` 2.40 output):
//   call/jmp/jcc rel32 to a global, weak or undefined symbol with no addend → R_X86_64_PLT32,
//     otherwise R_X86_64_PC32 (gas tc-i386.c need_plt32_p); rel8 → R_X86_64_PC8;
//   RIP-relative displacement → R_X86_64_PC32;
//   imm32/disp32 that the CPU sign-extends to 64 bits → R_X86_64_32S, other imm32 → R_X86_64_32,
//   imm64/moffs64 and `.quad` → R_X86_64_64, `.word` → 16, `.byte` → 8;
//   `.long sym - .` → R_X86_64_PC32 (PC16/PC8/PC64 by size).
// A pc-relative field resolves without a relocation only when its target is a local label of
// the same section; globals keep their relocation (they may be preempted).
import type { IToken } from 'chevrotain';
import { CONDITIONS, EncodeError, INTEL_ONLY_MNEMONICS, MNEMONICS, encode, keepsIntelOperandOrder, registerInfo, type EncodeResult, type X86Instruction, type X86Operand } from '@vsys/isa-x86';
import type {
  AsmBackend, BackendInstruction, EncodeContext, EncodedInstruction, Fixup, InstructionSource, ParseContext,
  RelocationChoice, RelocationTarget,
} from '../backend.js';
import type { SourceLoc } from '../../diagnostics/diagnostic.js';
import type { Expr } from '../../expr/ast.js';
import * as R from '../../object/elfConstants.js';
import { x86CodeFill } from './nopFill.js';
import { parseAttOperand, parseIntelOperand, type ParsedOperand } from './operands.js';
import * as T from '../../lexer/tokens.js';

export interface X86ParsedInstruction extends BackendInstruction {
  mnemonic: string;
  prefixes: string[];
  /** AT&T order (source first). */
  operands: ParsedOperand[];
  relaxable: boolean;
  relaxTarget?: Expr;
  /** Written in Intel syntax. */
  intel?: boolean;
  /** A prefix written alone on a line (`rep` / `lock`): its byte. */
  loneprefix?: number;
  /** GAS pseudo-prefixes (`{disp32}`, `{load}` …), lower case. */
  pseudo?: string[];
}

/** Prefix words and the byte a lone one emits (Intel SDM Vol. 2A §2.1.1). */
const R_X86_64_GOTPC32_TLSDESC = 34;
const R_X86_64_TLSDESC_CALL = 35;

const PREFIXES: Record<string, number> = {
  lock: 0xf0, rep: 0xf3, repe: 0xf3, repz: 0xf3, repne: 0xf2, repnz: 0xf2, data16: 0x66, addr32: 0x67,
  notrack: 0x3e, rex: 0x40, rex64: 0x48,
  // Segment overrides written as words (`cs nop`, `fs movsb`), the MPX branch prefix and the
  // HLE hints (SDM Vol.1 §16.3.1: XACQUIRE = F2, XRELEASE = F3 before a LOCKed instruction).
  cs: 0x2e, ds: 0x3e, es: 0x26, ss: 0x36, fs: 0x64, gs: 0x65, bnd: 0xf2, xacquire: 0xf2, xrelease: 0xf3,
};
// `rex.W`, `rex.RB`, `rex.wrxb`: REX with the named bits (W=8, R=4, X=2, B=1; SDM Vol.2A §2.2.1).
for (let bits = 1; bits < 16; bits++) {
  PREFIXES[`rex.${'wrxb'.split('').filter((_, i) => bits & (8 >> i)).join('')}`] = 0x40 | bits;
}

/** The same words as a Map (asked once per instruction line; `rex.w` makes the object a
 *  slow dictionary). */
const PREFIX_WORDS = new Map(Object.entries(PREFIXES));

/** GAS pseudo-prefixes (as.info "i386-Prefixes"): they choose an encoding, emit no byte. */
const PSEUDO_PREFIXES = new Set(['{disp8}', '{disp32}', '{load}', '{store}', '{rex}', '{nooptimize}', '{vex}', '{vex3}']);

/** jmp and jcc have rel8 and rel32 forms: the relaxable branches. */
const RELAXABLE = new Set<string>(['jmp', ...CONDITIONS.flatMap((aliases) => aliases.map((a) => `j${a}`))]);

/** Mnemonics whose bare-expression operand is a branch target rather than memory. */
function isBranch(m: string): boolean {
  return (
    RELAXABLE.has(m) || m === 'call' || m === 'callq' || m === 'jmpq' || m.startsWith('loop') || m === 'jrcxz' ||
    m === 'jecxz' || m === 'xbegin'
  );
}

const mnemonicList: string[] = [...MNEMONICS.keys()];

function parseInstruction(src: InstructionSource, ctx: ParseContext): X86ParsedInstruction | null {
  let m = src.mnemonic;
  if (ctx.syntax !== 'intel' && INTEL_ONLY_MNEMONICS.has(m)) {
    // `movsd`/`cmpsd` alone are string instructions to GAS in AT&T syntax too, with a warning;
    // the other Intel spellings (`stosd`, `iretd`) are unknown there.
    if ((m === 'movsd' || m === 'cmpsd') && src.tokens.length === 0) {
      ctx.warning(src.loc, `found \`${m}'; assuming \`${m.slice(0, -1)}l' was meant`);
      m = `${m.slice(0, -1)}l`;
    } else {
      ctx.error(src.loc, `no such instruction: \`${m}'`);
      return null;
    }
  }
  if (PSEUDO_PREFIXES.has(m)) {
    ctx.error(src.loc, `expecting an instruction after \`${m}'`);
    return null;
  }
  if (src.tokens.length === 0 && src.prefixes.length === 0 && PREFIX_WORDS.has(m)) {
    return { mnemonic: m, prefixes: [], operands: [], relaxable: false, loc: src.loc, loneprefix: PREFIXES[m] };
  }
  const branch = isBranch(m);
  const intel = ctx.syntax === 'intel';
  const ops: ParsedOperand[] = [];
  let ok = true;
  let operandTokens = src.operands;
  let prefixes = src.prefixes;
  // Static branch hints `jz,pt target` / `jz,pn target`: DS (taken) and CS (not taken) prefixes
  // on a conditional branch (SDM Vol.2A §2.1.1; as.info "i386-Prefixes").
  const hintWord = operandTokens.length === 2 && operandTokens[0]!.length === 0 ? operandTokens[1]![0] : undefined;
  if (branch && hintWord?.tokenType === T.Ident && /^(pt|pn)$/i.test(hintWord.image) && operandTokens[1]!.length > 1) {
    prefixes = [...prefixes, hintWord.image.toLowerCase() === 'pt' ? 'ds' : 'cs'];
    operandTokens = [operandTokens[1]!.slice(1)];
  }
  for (const [n, toks] of operandTokens.entries()) {
    // GNU as's AT&T operand scanner has no '=' (tc-i386.c operand_chars): `$(1 == 1)` is an
    // invalid character there, although `==` works in directives.
    const eq = intel ? undefined : toks.find((t) => t.tokenType === T.EqEq || t.tokenType === T.NotEq || t.tokenType === T.Le || t.tokenType === T.Ge || t.tokenType === T.Equals);
    if (eq) {
      ctx.error(ctx.locOf(eq), `invalid character '=' in operand ${n + 1}`);
      ok = false;
      continue;
    }
    const op = intel
      ? parseIntelOperand(toks, branch, ctx, src.loc, (e) => isAbsoluteLiteral(e))
      : parseAttOperand(toks, branch, ctx, src.loc);
    if (!op) ok = false;
    else ops.push(op);
  }
  if (!ok) return null;
  // Intel order is destination first; `enter size,level` and `monitor rax,ecx,edx` are written
  // in the same order in both syntaxes.
  if (intel && !keepsIntelOperandOrder(m)) ops.reverse();
  const relaxable = RELAXABLE.has(m) && ops.length === 1 && ops[0]!.kind === 'rel';
  const pseudo = prefixes.filter((p) => PSEUDO_PREFIXES.has(p));
  if (pseudo.length) prefixes = prefixes.filter((p) => !PSEUDO_PREFIXES.has(p));
  return {
    pseudo: pseudo.length ? pseudo : undefined,
    mnemonic: m,
    prefixes,
    operands: ops,
    relaxable,
    relaxTarget: relaxable ? (ops[0] as Extract<ParsedOperand, { kind: 'rel' }>).expr : undefined,
    intel: intel || undefined,
    loc: src.loc,
  };
}

/** An expression made only of numbers (Intel: an immediate rather than a memory operand). */
function isAbsoluteLiteral(e: Expr): boolean {
  switch (e.k) {
    case 'num': return true;
    case 'unary': return isAbsoluteLiteral(e.arg);
    case 'binary': return isAbsoluteLiteral(e.left) && isAbsoluteLiteral(e.right);
    default: return false;
  }
}

const SCALES = new Set([1n, 2n, 4n, 8n]);

function encodeInstruction(insn: X86ParsedInstruction, ctx: EncodeContext): EncodedInstruction | null {
  if (insn.loneprefix !== undefined) {
    // ES and SS overrides do nothing in 64-bit mode; GAS refuses them (tc-i386.c parse_insn).
    if (insn.loneprefix === 0x26 || insn.loneprefix === 0x36) {
      ctx.error(insn.loc, `\`${insn.mnemonic}' is not supported in 64-bit mode`);
      return null;
    }
    return { bytes: Uint8Array.of(insn.loneprefix), fixups: [] };
  }
  const operands: X86Operand[] = [];
  const exprOf: (Expr | null)[] = [];
  const symbolic: boolean[] = [];
  let tlsCall: Expr | undefined;
  for (const op of insn.operands) {
    switch (op.kind) {
      case 'reg':
        operands.push({ kind: 'reg', reg: op.reg });
        exprOf.push(null);
        symbolic.push(false);
        break;
      case 'imm': {
        const v = ctx.evaluate(op.expr);
        operands.push(v.known ? { kind: 'imm', value: v.value } : { kind: 'imm', value: 0n, symbolic: true });
        exprOf.push(op.expr);
        symbolic.push(!v.known);
        break;
      }
      case 'rel':
        // Branch displacements are always fixups: the front end resolves them after layout.
        operands.push({ kind: 'rel', target: 0n, symbolic: true });
        exprOf.push(op.expr);
        symbolic.push(true);
        break;
      case 'mem': {
        if (op.disp && modifierOf(op.disp) === 'tlscall') {
          // `call *sym@TLSCALL(%rax)`: the symbol only marks the call for the linker; the
          // instruction is `call *(%rax)` (gas tc-i386.c: BFD_RELOC_X86_64_TLSDESC_CALL, no disp).
          tlsCall = op.disp;
          operands.push({ kind: 'mem', seg: op.seg, base: op.base, index: op.index, scale: 1, disp: 0n, indirect: op.indirect || undefined });
          exprOf.push(null);
          symbolic.push(false);
          break;
        }
        let scale: 1 | 2 | 4 | 8 = 1;
        if (op.scale) {
          const s = ctx.evaluate(op.scale);
          if (!s.known || !SCALES.has(s.value)) {
            ctx.error(op.scale.loc, s.known ? `scale factor of ${s.value} is not one of 1, 2, 4, 8` : 'scale factor must be an absolute number');
            return null;
          }
          scale = Number(s.value) as 1 | 2 | 4 | 8;
          if (!op.index) {
            ctx.error(op.loc, `scale factor without an index register`);
            return null;
          }
        }
        let disp = 0n;
        let sym = false;
        if (op.disp) {
          const v = ctx.evaluate(op.disp);
          if (v.known) disp = v.value;
          else sym = true;
        }
        operands.push({
          kind: 'mem', seg: op.seg, base: op.base, index: op.index, scale, disp, symbolic: sym || undefined, size: op.size,
          indirect: op.indirect || undefined,
        });
        exprOf.push(op.disp);
        symbolic.push(sym);
        break;
      }
    }
  }
  const x86: X86Instruction = { mnemonic: insn.mnemonic, operands, prefixes: insn.prefixes.length ? insn.prefixes : undefined };
  let result;
  try {
    result = cachedEncode(x86, ctx.branchSize, insn.pseudo);
  } catch (e) {
    const retried = e instanceof EncodeError ? retryTruncated(insn, x86, ctx) : null;
    if (retried) result = retried;
    else if (e instanceof EncodeError) {
      const at = e.operand !== undefined ? insn.operands[e.operand]?.loc : undefined;
      ctx.error(at ?? insn.loc, e.message);
      return null;
    } else throw e;
  }
  // Operand warnings from the encoder (`lodsb (%rdi)`); the missing-suffix one is decided below.
  for (const w of result.warnings ?? []) if (!w.startsWith('no instruction mnemonic suffix')) ctx.warning(insn.loc, w);
  if (insn.intel && isIntelMemorySizeAmbiguous(x86)) {
    ctx.error(insn.loc, `ambiguous operand size for \`${insn.mnemonic}'`);
    return null;
  }
  // No suffix and nothing that fixes the size: with a memory operand (isSizeAmbiguous), or when
  // the encoder had to take the default size itself (`lret`, `sysret`, `ins %dx,%es:(%rdi)`,
  // `crc32 (%rax),%eax`).
  const defaulted = !insn.intel && (result.warnings ?? []).some((w) => w.startsWith('no instruction mnemonic suffix'));
  if (isSizeAmbiguous(insn, x86) || defaulted) {
    if (insn.intel) {
      ctx.error(insn.loc, `ambiguous operand size for \`${insn.mnemonic}'`);
      return null;
    }
    ctx.warning(insn.loc, `no instruction mnemonic suffix given and no register operands; using default for \`${insn.mnemonic}'`);
  }
  // GNU as's other operand warnings (tc-i386.c): `lea %fs:(%rax),%rax` (the override does
  // nothing), `jmp %rax` (read as `jmp *%rax`).
  const baseName = insn.mnemonic.replace(/[wlq]$/, '');
  if (!insn.intel && (baseName === 'lea' || insn.mnemonic === 'lea') && insn.operands.some((o) => o.kind === 'mem' && o.seg !== undefined)) {
    ctx.warning(insn.loc, "segment override on `lea' is ineffectual");
  }
  if (!insn.intel && (insn.mnemonic === 'jmp' || insn.mnemonic === 'call' || insn.mnemonic === 'jmpq' || insn.mnemonic === 'callq') && insn.operands.length === 1 && insn.operands[0]!.kind === 'reg' && !insn.operands[0]!.indirect) {
    ctx.warning(insn.loc, `indirect ${insn.mnemonic.replace(/q$/, '')} without \`*'`);
  }
  const fixups: Fixup[] = [];
  for (const f of result.fields) {
    if (!symbolic[f.operand]) continue;
    const expr = exprOf[f.operand];
    if (!expr) continue;
    const op = insn.operands[f.operand]!;
    let kind: string;
    if (op.kind === 'rel') kind = f.size === 1 ? 'branch8' : 'branch';
    else if (f.pcRelative) kind = modifierOf(expr) === 'gotpcrel' ? gotpcrelKind(insn.mnemonic, result.bytes) : 'pc';
    else kind = f.size === 4 && f.signedness === 'signed' ? 'abs32s' : 'abs';
    fixups.push({
      offset: f.offset,
      size: f.size,
      expr,
      pcRelative: f.pcRelative,
      pcBias: f.pcRelative ? BigInt(f.offset - result.bytes.length) : undefined,
      kind,
      signedness: f.pcRelative ? 'signed' : f.signedness,
      loc: op.loc,
    });
  }
  if (tlsCall) fixups.push({ offset: 0, size: 4, expr: tlsCall, pcRelative: false, kind: 'tlscall', signedness: 'either', loc: insn.loc });
  return { bytes: result.bytes, fixups };
}

/** GNU as truncates an immediate that is too wide for the operation size (8/16/32 bits),
 *  warning "0x12c shortened to 0x2c" unless the dropped bits are a sign extension
 *  (tc-i386.c optimize_imm / md_number_to_chars with overflow check). Returns the encoding
 *  with the truncated values, or null when that does not help either. */
function retryTruncated(insn: X86ParsedInstruction, x86: X86Instruction, ctx: EncodeContext): EncodeResult | null {
  let size = 0;
  for (const op of x86.operands) {
    if (op.kind === 'reg') {
      const r = registerInfo(op.reg);
      if (r?.class === 'gpr') size = Math.max(size, r.size);
    }
  }
  if (size === 0) size = ({ b: 8, w: 16, l: 32 } as Record<string, number>)[insn.mnemonic.slice(-1)] ?? 0;
  if (size === 0 || size === 64) return null;
  const bits = BigInt(size);
  const warnings: { loc: SourceLoc; text: string }[] = [];
  const truncated = new Map<number, bigint>();
  const operands = x86.operands.map((op, i): X86Operand => {
    if (op.kind !== 'imm' || op.symbolic) return op;
    const v = op.value;
    if (v >= -(1n << (bits - 1n)) && v < 1n << bits) return op;
    const t = BigInt.asUintN(size, v);
    const high = v >> bits;
    if (high !== 0n && high !== -1n) {
      warnings.push({ loc: insn.operands[i]!.loc, text: `0x${BigInt.asUintN(64, v).toString(16)} shortened to 0x${t.toString(16)}` });
    }
    // GNU as chooses the immediate's width from the value as written (too wide for imm8), so
    // encode it as an unknown value (widest form) and write the truncated value in afterwards.
    truncated.set(i, t);
    return { kind: 'imm' as const, value: 0n, symbolic: true };
  });
  if (truncated.size === 0) return null;
  try {
    const r = encode({ ...x86, operands }, { branchSize: ctx.branchSize });
    const bytes = r.bytes.slice();
    for (const f of r.fields) {
      const t = truncated.get(f.operand);
      if (t === undefined) continue;
      let x = BigInt.asUintN(f.size * 8, t);
      for (let b = 0; b < f.size; b++) {
        bytes[f.offset + b] = Number(x & 0xffn);
        x >>= 8n;
      }
    }
    for (const w of warnings) ctx.warning(w.loc, w.text);
    return { bytes, fields: r.fields.filter((f) => !truncated.has(f.operand)) };
  } catch {
    return null;
  }
}

/** Intel syntax: a memory operand without `PTR` whose size the register operands do not settle
 *  (`movzx eax, [rax]` could read a byte or a word): GNU as refuses it (tc-i386.c
 *  process_suffix, "ambiguous operand size"). Found by encoding each size and seeing whether
 *  more than one gives its own bytes. */
function isIntelMemorySizeAmbiguous(x86: X86Instruction): boolean {
  const at = x86.operands.findIndex((o) => o.kind === 'mem' && o.size === undefined);
  if (at < 0 || !x86.operands.some((o) => o.kind === 'reg')) return false;
  const seen = new Set<string>();
  for (const size of [8, 16, 32, 64] as const) {
    const operands = x86.operands.map((o, i) => (i === at ? { ...(o as Extract<X86Operand, { kind: 'mem' }>), size } : o));
    try {
      seen.add(Buffer.from(encode({ ...x86, operands }).bytes).toString('hex'));
    } catch {
      // this size does not fit the instruction
    }
  }
  return seen.size > 1;
}

/** Instructions whose size GNU as takes from the stack width / defaults without a warning. */
const NO_SIZE_WARNING = new Set(['push', 'pop', 'call', 'jmp', 'nop', 'lgdt', 'lidt', 'sgdt', 'sidt', 'invlpg', 'clflush']);
const ambiguityCache = new Map<string, boolean>();

/** No suffix, no register operand, a memory operand with no size, and the same operands fit
 *  more than one of the b/w/l/q forms: GNU as warns (AT&T, picking the default) or refuses
 *  (Intel: "ambiguous operand size"). tc-i386.c process_suffix. */
function isSizeAmbiguous(insn: X86ParsedInstruction, x86: X86Instruction): boolean {
  const m = insn.mnemonic;
  // the operand test first: it settles almost every line without building a string
  let mem = false;
  for (const op of x86.operands) {
    if (op.kind === 'reg') return false;
    if (op.kind === 'mem') {
      if (op.size !== undefined) return false;
      mem = true;
    }
  }
  if (!mem) return false;
  if (NO_SIZE_WARNING.has(m) || !MNEMONICS.has(m + 'l')) return false;
  const key = m + '|' + x86.operands.map((o) => o.kind).join(',');
  const cached = ambiguityCache.get(key);
  if (cached !== undefined) return cached;
  let fits = 0;
  for (const suffix of ['b', 'w', 'l', 'q']) {
    if (!MNEMONICS.has(m + suffix)) continue;
    try {
      encode({ ...x86, mnemonic: m + suffix });
      fits++;
    } catch {
      // this size does not take these operands
    }
  }
  ambiguityCache.set(key, fits > 1);
  return fits > 1;
}

// ---- the encoding cache ------------------------------------------------------------------
//
// The table encoder tries every form of a mnemonic; most lines of real code repeat an
// instruction shape seen before (same mnemonic, registers, operand kinds). The form it picks
// depends on the operand *values* only through their range (does an immediate fit in 8 bits,
// sign-extended, 16, 32 bits …; is a displacement 0, 8 or 32 bits) and, for a few instructions,
// on exact small values (`shl $1` has its own opcode, `int $3` is `int3`). So the cache key
// holds the exact value when it is one of those (-1…3) and only the range class otherwise
// (s8, u8, s16, u16, s32, u32, s64); a hit
// copies the cached bytes and writes the new values into the fields the encoder reported.

interface CachedEncoding {
  bytes: Uint8Array;
  fields: EncodeResult['fields'];
  warnings?: string[];
}

const encodeCache = new Map<string, CachedEncoding>();
const MAX_CACHE = 50_000;

/** Values some encodings single out: 0 (no displacement), 1 (`shl $1` → D1 /4), 3 (`int $3`
 *  → int3); -1 and 2 for good measure. Everything else is cached by range only. */
const isExactClass = (v: bigint): boolean => v >= -1n && v <= 3n;
const EXACT_CLASS = ['-1', '0', '1', '2', '3'];

/** Write `value` (two's complement, little-endian) into `size` bytes at `at`. Fields of up to
 *  4 bytes are written with Number arithmetic (BigInt shifts cost far more). */
function writeLittleEndian(bytes: Uint8Array, at: number, size: number, value: bigint): void {
  if (size <= 4) {
    let x = Number(BigInt.asUintN(32, value));
    for (let b = 0; b < size; b++) {
      bytes[at + b] = x & 0xff;
      x >>>= 8;
    }
    return;
  }
  let x = BigInt.asUintN(size * 8, value);
  for (let b = 0; b < size; b++) {
    bytes[at + b] = Number(x & 0xffn);
    x >>= 8n;
  }
}

function valueClass(v: bigint): string {
  if (v >= -2147483648n && v <= 4294967295n) {
    // the common case, compared as a Number (exact in this range)
    const n = Number(v);
    if (n >= -1 && n <= 3) return EXACT_CLASS[n + 1]!;
    if (n >= -128 && n <= 127) return 's8';
    if (n >= 0 && n <= 255) return 'u8';
    if (n >= -32768 && n <= 32767) return 's16';
    if (n >= 0 && n <= 65535) return 'u16';
    if (n <= 2147483647) return 's32';
    return 'u32';
  }
  if (v >= -128n && v <= 127n) return 's8';
  if (v >= 0n && v <= 255n) return 'u8';
  if (v >= -32768n && v <= 32767n) return 's16';
  if (v >= 0n && v <= 65535n) return 'u16';
  if (v >= -2147483648n && v <= 2147483647n) return 's32';
  if (v >= 0n && v <= 4294967295n) return 'u32';
  if (v >= -(1n << 63n) && v < 1n << 63n) return 's64';
  return 'u64';
}

function cacheKey(insn: X86Instruction, branchSize: 8 | 32 | undefined, pseudo: string[] | undefined): string {
  let k = insn.mnemonic + '|' + (branchSize ?? '') + '|' + (insn.prefixes ? insn.prefixes.join(',') : '') + (pseudo ? pseudo.join('') : '');
  for (const op of insn.operands) {
    switch (op.kind) {
      case 'reg': k += '|r' + op.reg; break;
      case 'imm': k += op.symbolic ? '|i?' : '|i' + valueClass(op.value); break;
      case 'rel': k += op.symbolic ? '|j?' : '|j' + op.target; break;
      case 'mem':
        k += `|m${op.seg ?? ''},${op.base ?? ''},${op.index ?? ''},${op.scale},${op.size ?? ''},${op.indirect ? '*' : ''},${op.symbolic ? '?' : valueClass(op.disp)}`;
        break;
    }
  }
  return k;
}

function cachedEncode(insn: X86Instruction, branchSize: 8 | 32 | undefined, pseudo?: string[]): EncodeResult {
  const key = cacheKey(insn, branchSize, pseudo);
  const hit = encodeCache.get(key);
  if (hit) {
    const bytes = hit.bytes.slice();
    for (const f of hit.fields) {
      const op = insn.operands[f.operand];
      if (!op) continue;
      let v: bigint | null = null;
      if (op.kind === 'imm' && !op.symbolic) v = op.value;
      else if (op.kind === 'mem' && !op.symbolic) v = op.disp;
      if (v === null || isExactClass(v)) continue;
      writeLittleEndian(bytes, f.offset, f.size, v);
    }
    return hit.warnings ? { bytes, fields: hit.fields, warnings: hit.warnings } : { bytes, fields: hit.fields };
  }
  const r = encode(insn, pseudo ? { branchSize, pseudoPrefixes: pseudo } : { branchSize });
  if (encodeCache.size >= MAX_CACHE) encodeCache.clear();
  encodeCache.set(key, r.warnings ? { bytes: r.bytes.slice(), fields: r.fields, warnings: r.warnings } : { bytes: r.bytes.slice(), fields: r.fields });
  return r;
}

/** The `@modifier` of `sym@mod` or `sym@mod ± constant`. */
function modifierOf(e: Expr): string | undefined {
  if (e.k === 'sym') return e.modifier;
  if (e.k === 'binary' && (e.op === '+' || e.op === '-')) return modifierOf(e.left) ?? (e.op === '+' ? modifierOf(e.right) : undefined);
  return undefined;
}

/** Instructions whose GOT load the linker may relax: GNU as marks their `sym@GOTPCREL(%rip)`
 *  with R_X86_64_GOTPCRELX, or R_X86_64_REX_GOTPCRELX when the instruction has a REX prefix
 *  (x86-64 psABI §B.2 "Optimize GOTPCRELX Relocations"; gas tc-i386.c output_disp). */
const GOTPCRELX_OPS = new Set(['mov', 'call', 'jmp', 'test', 'adc', 'add', 'and', 'cmp', 'or', 'sbb', 'sub', 'xor']);
const LEGACY_PREFIXES = new Set([0x66, 0x67, 0xf0, 0xf2, 0xf3, 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65]);

function gotpcrelKind(mnemonic: string, bytes: Uint8Array): string {
  const base = GOTPCRELX_OPS.has(mnemonic) ? mnemonic : /[lq]$/.test(mnemonic) ? mnemonic.slice(0, -1) : mnemonic;
  if (!GOTPCRELX_OPS.has(base)) return 'gotpcrel';
  let i = 0;
  while (i < bytes.length && LEGACY_PREFIXES.has(bytes[i]!)) i++;
  return bytes[i] !== undefined && (bytes[i]! & 0xf0) === 0x40 ? 'rex_gotpcrelx' : 'gotpcrelx';
}

/** Relocations for `sym@modifier` (x86-64 psABI table 4.10 and the TLS ABI). The TLS ones
 *  make their symbol STT_TLS, as GNU as does (`mov %fs:errno@tpoff,%eax` with errno undefined). */
function modifiedRelocation(f: Fixup, t: RelocationTarget): RelocationChoice {
  const m = t.modifier!;
  const pc = f.pcRelative;
  const localHere = t.bind === 'local' && t.defined && t.sameSection;
  switch (m) {
    case 'plt':
      if (pc && localHere) return { resolve: true };
      if (f.size === 4) return { resolve: false, type: R.R_X86_64_PLT32 };
      break;
    case 'gotpcrel':
      if (f.kind === 'gotpcrelx') return { resolve: false, type: R.R_X86_64_GOTPCRELX };
      if (f.kind === 'rex_gotpcrelx') return { resolve: false, type: R.R_X86_64_REX_GOTPCRELX };
      if (f.size === 8 && !pc) return { resolve: false, type: R.R_X86_64_GOTPCREL64 };
      if (f.size === 4) return { resolve: false, type: R.R_X86_64_GOTPCREL };
      break;
    case 'tpoff':
      if (!pc && f.size === 4) return { resolve: false, type: R.R_X86_64_TPOFF32, threadLocal: true };
      if (!pc && f.size === 8) return { resolve: false, type: R.R_X86_64_TPOFF64, threadLocal: true };
      break;
    case 'dtpoff':
      if (!pc && f.size === 4) return { resolve: false, type: R.R_X86_64_DTPOFF32, threadLocal: true };
      if (!pc && f.size === 8) return { resolve: false, type: R.R_X86_64_DTPOFF64, threadLocal: true };
      break;
    case 'gottpoff':
      if (pc && f.size === 4) return { resolve: false, type: R.R_X86_64_GOTTPOFF, threadLocal: true };
      break;
    case 'tlsgd':
      if (pc && f.size === 4) return { resolve: false, type: R.R_X86_64_TLSGD, threadLocal: true };
      break;
    case 'tlsld':
      if (pc && f.size === 4) return { resolve: false, type: R.R_X86_64_TLSLD, threadLocal: true };
      break;
    // TLS descriptors (x86-64 psABI TLS supplement, "GNU2" dialect): `lea sym@TLSDESC(%rip),%rax`
    // and the marker `call *sym@TLSCALL(%rax)`, whose relocation has no field of its own.
    case 'tlsdesc':
      if (pc && f.size === 4) return { resolve: false, type: R_X86_64_GOTPC32_TLSDESC, threadLocal: true };
      break;
    case 'tlscall':
      if (f.kind === 'tlscall') return { resolve: false, type: R_X86_64_TLSDESC_CALL, threadLocal: true };
      break;
    case 'got':
      if (!pc && f.size === 4) return { resolve: false, type: R.R_X86_64_GOT32 };
      break;
    case 'gotoff':
      if (!pc && f.size === 8) return { resolve: false, type: R.R_X86_64_GOTOFF64 };
      break;
    default:
      return { error: `unknown relocation operator '@${m}'` };
  }
  return { error: `'@${m}' cannot be used in a ${f.size}-byte ${pc ? 'pc-relative ' : ''}field` };
}

function relocationType(f: Fixup, t: RelocationTarget): RelocationChoice {
  if (t.modifier !== undefined) return modifiedRelocation(f, t);
  const localHere = t.kind === 'symbol' && t.bind === 'local' && t.defined && t.sameSection;
  switch (f.kind) {
    case 'branch':
      if (localHere) return { resolve: true };
      if (t.kind === 'symbol' && (t.bind !== 'local' || !t.defined) && t.addend === 0n) return { resolve: false, type: R.R_X86_64_PLT32 };
      return { resolve: false, type: R.R_X86_64_PC32 };
    case 'branch8':
      if (localHere) return { resolve: true };
      return { resolve: false, type: R.R_X86_64_PC8 };
    case 'pc':
      if (localHere && f.pcRelative && f.size !== 8) return { resolve: true };
      switch (f.size) {
        case 8: return { resolve: false, type: R.R_X86_64_PC64 };
        case 4: return { resolve: false, type: R.R_X86_64_PC32 };
        case 2: return { resolve: false, type: R.R_X86_64_PC16 };
        default: return { resolve: false, type: R.R_X86_64_PC8 };
      }
    case 'abs32s':
      return { resolve: false, type: R.R_X86_64_32S };
    case 'abs':
      switch (f.size) {
        case 8: return { resolve: false, type: R.R_X86_64_64 };
        case 4: return { resolve: false, type: R.R_X86_64_32 };
        case 2: return { resolve: false, type: R.R_X86_64_16 };
        default: return { resolve: false, type: R.R_X86_64_8 };
      }
    default:
      return { error: `internal: unknown x86 fixup kind '${f.kind}'` };
  }
}

function applyFixup(bytes: Uint8Array, f: Fixup, value: bigint): string | null {
  const bits = BigInt(f.size * 8);
  const lo = f.signedness === 'unsigned' ? 0n : -(1n << (bits - 1n));
  const hi = f.signedness === 'signed' ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
  if (f.size < 8 && (value < lo || value > hi)) {
    if (f.kind === 'branch8' || f.kind === 'branch') return `branch target out of range: displacement ${value} does not fit in ${f.size} byte${f.size > 1 ? 's' : ''}`;
    return `value ${value} (0x${BigInt.asUintN(64, value).toString(16)}) does not fit in a ${f.size}-byte field`;
  }
  writeLittleEndian(bytes, f.offset, f.size, value);
  return null;
}

export const x86Backend: AsmBackend<X86ParsedInstruction> = {
  arch: 'x86_64',
  machine: R.EM_X86_64,
  dialect: 'x86',
  alignIsPowerOfTwo: false,
  mnemonics: mnemonicList,
  isMnemonic: (name) => MNEMONICS.has(name),
  isPrefix: (name) => PREFIX_WORDS.has(name) || PSEUDO_PREFIXES.has(name),
  parseInstruction,
  encode: encodeInstruction,
  codeFill: x86CodeFill,
  dataFixupKind: (_size, pcRelative) => (pcRelative ? 'pc' : 'abs'),
  relocationType,
  applyFixup,
};

export type { IToken, SourceLoc };
