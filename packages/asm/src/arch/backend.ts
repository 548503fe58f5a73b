// The interface an instruction-set backend implements, and the services the generic front end
// offers it. The front end (lexer, parser, directives, expressions, symbols, sections, layout,
// relocations, ELF model) knows nothing about any ISA; everything ISA-specific sits behind
// `AsmBackend`.
//
// How a backend plugs in:
//   1. Put it under `src/arch/<arch>/` and export an object (or class instance) implementing
//      `AsmBackend`.
//   2. Register it in `src/arch/registry.ts` (one line: `arm64: () => arm64Backend`).
//   3. The front end then, for each statement whose first word is not a directive or a label:
//      - calls `isMnemonic(name)` (unknown names get "did you mean …" from `mnemonics`);
//      - calls `parseInstruction(source, ctx)` once, when the line is read (pass 1). The backend
//        turns the operand tokens into its own instruction record, using `ctx.parseExpression`
//        for every value so that symbols, `.`, `1f`/`1b` and precedence work the same in every
//        arch, and reports syntax errors through `ctx.error` (caret under the operand);
//      - calls `encode(insn, ctx)` — once for ordinary instructions, at line-read time, with
//        `ctx.evaluate` answering only what is known at that point (GNU as picks the widest
//        form for a value it does not know yet); again for each relaxation round when
//        `insn.relaxable` is set (ctx.branchSize = 8, then 32 once the target is out of reach);
//      - resolves every `Fixup` the encoding reported after layout: a value it can compute is
//        written by `applyFixup`; otherwise it asks `relocationType` which ELF relocation to emit.
//   4. Data directives (`.byte .short .long .quad`…) use `dataFixupKind` for their
//      relocations; alignment padding in executable sections comes from `codeFill`.
//   5. ARM64 literal pools: `flushLiteralPool` is called at `.ltorg`/`.pool` and at the end of
//      each section; the backend emits pending literals through `ctx` (see LiteralPoolContext).
import type { IToken } from 'chevrotain';
import type { Diagnostic, SourceLoc } from '../diagnostics/diagnostic.js';
import type { Expr } from '../expr/ast.js';

export type Arch = 'x86_64' | 'arm64';

/** Which lexer a source is read with: the comment and immediate rules differ.
 *  x86: `#` starts a comment, `/* *\/` too. arm64: `//` and `/* *\/` are comments, `#` is the
 *  immediate prefix (GNU as, "AArch64 Syntax", as.info §9.1.3). */
export type LexerDialect = 'x86' | 'arm64';

/** The words of one instruction statement, as the front end split them. */
export interface InstructionSource {
  /** As written, lower-cased (`movl`, `b.eq`, `rep`). */
  mnemonic: string;
  mnemonicToken: IToken;
  /** x86 prefixes written before the mnemonic (`lock`, `rep`, `data16` …), lower-cased. */
  prefixes: string[];
  /** The operand tokens, split at top-level commas (commas inside `()` / `[]` / `{}` do not
   *  split). Each entry is non-empty unless the source had an empty operand (`mov ,%eax`). */
  operands: IToken[][];
  /** All tokens after the mnemonic, unsplit (for syntaxes the split does not suit). */
  tokens: IToken[];
  loc: SourceLoc;
}

/** Services for `parseInstruction`. */
export interface ParseContext {
  /** `.att_syntax` (default) or `.intel_syntax noprefix`. */
  readonly syntax: 'att' | 'intel';
  /** Parse exactly these tokens as one expression; reports and returns null on a syntax error. */
  parseExpression(tokens: IToken[]): Expr | null;
  /** A location spanning `first`..`last` (inclusive) for carets. */
  locOf(first: IToken, last?: IToken): SourceLoc;
  error(loc: SourceLoc, message: string): void;
  warning(loc: SourceLoc, message: string): void;
}

/** What `ctx.evaluate` answers. */
export type KnownValue =
  /** An absolute number known now. */
  | { known: true; value: bigint }
  /** Not known yet (a label, a symbol defined later, an external symbol): the backend must
   *  use the form GNU as uses for an unknown value and report a Fixup for the field. */
  | { known: false };

export interface EncodeContext {
  /** Offset of the instruction's first byte in its section (current layout estimate). */
  readonly address: bigint;
  /** Branch displacement width the front end wants for a relaxable instruction. */
  readonly branchSize?: 8 | 32;
  /** Name of the section the instruction goes to (arm64 keeps literal pools per section). */
  readonly section?: string;
  evaluate(expr: Expr): KnownValue;
  error(loc: SourceLoc, message: string): void;
  warning(loc: SourceLoc, message: string): void;
}

/** A field of the output whose value is an expression the front end resolves after layout. */
export interface Fixup {
  /** Byte offset of the field from the start of the instruction (or data item). */
  offset: number;
  /** Width of the field in bytes (for x86: the field itself; for arm64: 4, the instruction). */
  size: 1 | 2 | 4 | 8;
  expr: Expr;
  /** The field holds `target - P` (PC-relative). */
  pcRelative: boolean;
  /** For pc-relative fields: what is added to `target - fieldAddress` (x86 fields are relative to
   *  the end of the instruction: bias = fieldOffset - instructionLength; arm64: the instruction
   *  address = field address, bias 0). It is also the addend part a relocation gets. */
  pcBias?: bigint;
  /** Backend-defined class used by `relocationType` and `applyFixup` (x86: 'abs', 'abs32s',
   *  'pc', 'branch', 'call'; arm64: the R_AARCH64_* name from isa-arm64). */
  kind: string;
  signedness: 'signed' | 'unsigned' | 'either';
  /** Where to put the caret when the value does not fit or cannot be relocated. */
  loc: SourceLoc;
}

export interface EncodedInstruction {
  bytes: Uint8Array;
  fixups: Fixup[];
}

/** A backend's instruction record. The front end only reads these fields. */
export interface BackendInstruction {
  readonly loc: SourceLoc;
  /** Has a short (rel8) and a long (rel32) form; `relaxTarget` is the branch target. */
  readonly relaxable?: boolean;
  readonly relaxTarget?: Expr;
}

/** What the front end knows about a fixup's target when it asks for a relocation. */
export interface RelocationTarget {
  /** 'absolute': the value has no symbol (e.g. `jmp 0x1000`); the relocation then has symbol 0. */
  kind: 'symbol' | 'absolute';
  /** The target symbol's binding: a local symbol is relocated against its section symbol. */
  bind: 'local' | 'global' | 'weak';
  /** False for undefined and common symbols. */
  defined: boolean;
  /** Defined in the section the fixup is in. */
  sameSection: boolean;
  /** The constant added to the symbol in the source (`sym+4` → 4), before any pc bias. */
  addend: bigint;
  /** The relocation operator written after the symbol (`sym@plt` → 'plt'), lower-cased. */
  modifier?: string;
}

/** A backend's answer: resolve the field now (no relocation), or emit this ELF relocation. */
/** `threadLocal`: the relocation makes its symbol a TLS symbol (STT_TLS), as GNU as's
 *  S_SET_THREAD_LOCAL does for AArch64's TLS relocations (tc-aarch64.c md_apply_fix). */
export type RelocationChoice = { resolve: true } | { resolve: false; type: number; threadLocal?: boolean } | { error: string };

export interface LiteralPoolContext {
  /** Emit bytes into the current section at the current location. */
  emitBytes(bytes: Uint8Array, fixups: Fixup[], loc: SourceLoc): void;
  /** Define an internal label at the current location. */
  defineLabel(name: string): void;
  /** Align the current location (power of two bytes). */
  align(bytes: number): void;
  /** Name of the current section (the one whose pool is being flushed). */
  readonly section?: string;
}

export interface AsmBackend<I extends BackendInstruction = BackendInstruction> {
  readonly arch: Arch;
  /** ELF e_machine: EM_X86_64 (62) or EM_AARCH64 (183). */
  readonly machine: number;
  readonly dialect: LexerDialect;
  /** `.align N`: true when N is a power of two (ARM64), false when it counts bytes (x86). */
  readonly alignIsPowerOfTwo: boolean;
  /** sh_addralign (bytes) a section gets once it holds an instruction (arm64: 4, as GNU as's
   *  tc-aarch64.c record_alignment does); absent: no such rule (x86). */
  readonly instructionAlignment?: number;
  /** Every mnemonic the table knows (for "did you mean"). */
  readonly mnemonics: readonly string[];
  isMnemonic(name: string): boolean;
  /** Prefix words that may precede a mnemonic on the same line (x86 `lock`, `rep`…). */
  isPrefix?(name: string): boolean;
  /** Register names as written in Intel syntax / ARM64 (bare words that are not symbols). */
  isRegister?(name: string): boolean;
  /** `name .req register` (AArch64, as.info §9.1.5): define a register alias. `register` is the
   *  tokens after `.req`. Backends without register aliases leave it out. */
  defineRegisterAlias?(name: IToken, register: IToken[], ctx: ParseContext): void;
  parseInstruction(source: InstructionSource, ctx: ParseContext): I | null;
  encode(insn: I, ctx: EncodeContext): EncodedInstruction | null;
  /** Padding bytes for alignment inside executable sections (x86: GNU as's multi-byte NOPs). */
  codeFill(size: number): Uint8Array;
  /** Kind of fixup for a data directive of `size` bytes (`.long sym` → 'abs'). */
  dataFixupKind(size: 1 | 2 | 4 | 8, pcRelative: boolean): string;
  /** Which relocation a fixup becomes, or that it resolves locally. */
  relocationType(fixup: Fixup, target: RelocationTarget): RelocationChoice;
  /** Write a resolved value into `bytes` at `fixup.offset` (bytes is the instruction or data
   *  item); return an error message when it does not fit. */
  applyFixup(bytes: Uint8Array, fixup: Fixup, value: bigint): string | null;
  /** Arch-specific directives (e.g. arm64 `.inst`, `.xword`). Return false when unknown. */
  directive?(name: string, args: IToken[][], ctx: ParseContext & LiteralPoolContext): boolean;
  flushLiteralPool?(ctx: LiteralPoolContext): void;
}

export type { Diagnostic };
