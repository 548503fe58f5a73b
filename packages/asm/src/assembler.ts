// The assembler's state and its statement loop (pass 1). One `Assembler` reads one source:
// it walks statements buffer by buffer (files, includes, macro expansions), defines labels,
// runs directives, hands instructions to the ISA backend, and appends bytes, fixups and
// variable fragments to the current section. `finish()` then lays the sections out, resolves
// fixups into bytes or relocations and builds the ELF object model.
import type { IToken } from 'chevrotain';
import type {
  AsmBackend, BackendInstruction, EncodeContext, Fixup, InstructionSource, KnownValue, LiteralPoolContext, ParseContext,
} from './arch/backend.js';
import type { Diagnostic, SourceLoc } from './diagnostics/diagnostic.js';
import { lineOf } from './diagnostics/diagnostic.js';
import { nearest } from './diagnostics/suggest.js';
import type { Expr } from './expr/ast.js';
import { evaluate, normalize, UNKNOWN_YET, type EvalEnv, type EvalResult, type Value } from './expr/evaluate.js';
import * as T from './lexer/tokens.js';
import { parseExpressionTokens, type ExpressionHost } from './parser/expressionParser.js';
import {
  appendVariable, currentData, epochPosition, newSection, reserve, type Section,
} from './sections/section.js';
import { exhaust, lexBuffer, nextStatement, offsetAfter, type SourceBuffer, type Statement } from './source/buffer.js';
import { newSymbol, type AsmSymbol } from './symbols/symbol.js';
import { directiveNames, runDirective } from './directives/directives.js';
import type { MacroDef } from './directives/macros.js';
import { collectBlock, expandMacro, type BlockCollector } from './directives/macros.js';
import { SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_PROGBITS } from './object/elfConstants.js';

export interface AssembleOptions {
  arch: 'x86_64' | 'arm64';
  file: string;
  /** Reads a file named by `.include`; null when it does not exist. */
  include?: (path: string) => string | null;
}

interface Conditional {
  /** This branch is being assembled. */
  active: boolean;
  /** Some branch of this .if chain was already taken. */
  taken: boolean;
  /** The enclosing context was active. */
  parentActive: boolean;
  seenElse: boolean;
  loc: SourceLoc;
}

const MAX_DEPTH = 100;
const MAX_EXPANSIONS = 200_000;
/** Every relocation operator except @plt makes GNU as reference _GLOBAL_OFFSET_TABLE_
 *  (tc-i386.c gotrel[].need_GOT_symbol). */
const GOT_MODIFIERS = { has: (m: string): boolean => m !== 'plt' && m !== 'tlscall' };
const MAX_ERRORS = 1000;

export class Assembler implements ExpressionHost {
  readonly diagnostics: Diagnostic[] = [];
  errorCount = 0;
  readonly sections: Section[] = [];
  readonly sectionsByName = new Map<string, Section>();
  current!: Section;
  previous: Section | null = null;
  readonly sectionStack: Section[] = [];
  readonly symbols = new Map<string, AsmSymbol>();
  /** Definitions seen so far of each numeric local label (`1:` …). */
  private readonly localLabelCount = new Map<string, number>();
  readonly macros = new Map<string, MacroDef>();
  macroCounter = 0;
  syntax: 'att' | 'intel' = 'att';
  private readonly conds: Conditional[] = [];
  private readonly stack: SourceBuffer[] = [];
  private readonly buffers = new Map<number, SourceBuffer>();
  /** A `.macro` / `.rept` / `.irp` body being collected. */
  collector: BlockCollector | null = null;
  /** The statement being processed (for `locOf`). */
  buffer!: SourceBuffer;
  /** `.end` seen: stop reading. */
  ended = false;
  private dotCounter = 0;
  readonly fileSymbols: string[] = [];
  /** `.lcomm` requests, allocated at the end of .bss (see directives.ts). */
  readonly localCommons: { name: string; size: bigint; align: number; loc: SourceLoc }[] = [];

  constructor(readonly backend: AsmBackend, readonly options: AssembleOptions) {
    // GNU as creates .text, .data and .bss up front, in this order (gas/as.c, subsegs_begin).
    this.current = this.getSection('.text', SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 0n);
    this.getSection('.data', SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 0n);
    this.getSection('.bss', SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 0n);
  }

  // ---- diagnostics ---------------------------------------------------------------------

  private withText(loc: SourceLoc): SourceLoc {
    if (loc.lineText !== undefined) return loc;
    const buf = loc.buffer !== undefined ? this.buffers.get(loc.buffer) : undefined;
    if (buf) {
      const text = lineOf(buf.text, loc.line - buf.lineOffset);
      if (text !== undefined) return { ...loc, lineText: text };
    }
    return loc;
  }

  /** The location as reported: with its line text, without the internal buffer id. */
  private publicLoc(loc: SourceLoc): SourceLoc {
    const { buffer: _buffer, ...rest } = this.withText(loc);
    return rest;
  }

  error(loc: SourceLoc, message: string): void {
    this.errorCount++;
    if (this.diagnostics.length < MAX_ERRORS) this.diagnostics.push({ severity: 'error', message, loc: this.publicLoc(loc) });
  }

  warning(loc: SourceLoc, message: string): void {
    if (this.diagnostics.length < MAX_ERRORS) this.diagnostics.push({ severity: 'warning', message, loc: this.publicLoc(loc) });
  }

  locOf(first: IToken, last?: IToken): SourceLoc {
    const buf = this.buffer;
    const end = last ?? first;
    const sameLine = end.startLine === first.startLine;
    const length = sameLine ? Math.max(1, T.endOffsetOf(end) - first.startOffset + 1) : 1;
    return { file: buf.file, line: (first.startLine ?? 1) + buf.lineOffset, col: first.startColumn ?? 1, length, buffer: buf.id };
  }

  /** The directive being run, for the location of an operand written empty (`.type f,`). */
  statementHead: IToken | null = null;

  /** Location of a whole statement (for errors that concern all of it). An empty operand has
   *  no tokens: it is located at the statement's directive. */
  locOfTokens(tokens: IToken[]): SourceLoc {
    const first = tokens[0] ?? this.statementHead;
    if (!first) return { file: this.buffer.file, line: 1 + this.buffer.lineOffset, col: 1, length: 1, buffer: this.buffer.id };
    return this.locOf(first, tokens[tokens.length - 1] ?? first);
  }

  // ---- sections ------------------------------------------------------------------------

  getSection(name: string, type: number, flags: bigint, entsize: bigint): Section {
    let s = this.sectionsByName.get(name);
    if (!s) {
      s = newSection(name, type, flags, entsize, this.sections.length);
      this.sections.push(s);
      this.sectionsByName.set(name, s);
    }
    return s;
  }

  switchTo(s: Section): void {
    if (s !== this.current) {
      this.previous = this.current;
      this.current = s;
    }
  }

  // ---- symbols -------------------------------------------------------------------------

  symbol(name: string): AsmSymbol {
    let s = this.symbols.get(name);
    if (!s) {
      s = newSymbol(name);
      this.symbols.set(name, s);
    }
    return s;
  }

  /** A human spelling for internal names of numeric local labels (`1\x02 3` → `1`). */
  displayName(name: string): string {
    const i = name.indexOf('\x02');
    return i < 0 ? name : name.slice(0, i);
  }

  localLabelRef(image: string): string | null {
    const digits = image.slice(0, -1);
    const n = this.localLabelCount.get(digits) ?? 0;
    if (image.endsWith('b')) return n === 0 ? null : `${digits}\x02${n}`;
    return `${digits}\x02${n + 1}`;
  }

  /** Define a label at the current location. */
  defineLabel(name: string, loc: SourceLoc): void {
    const sym = this.symbol(name);
    if (sym.kind === 'label' || sym.kind === 'common' || (sym.kind === 'equ' && sym.equiv)) {
      this.error(loc, `symbol '${this.displayName(name)}' is already defined`);
      return;
    }
    const frag = currentData(this.current);
    sym.kind = 'label';
    sym.section = this.current;
    sym.frag = frag;
    sym.fragOffset = frag.length;
    sym.expr = null;
    sym.defLoc = loc;
  }

  private defineNumericLabel(digits: string, loc: SourceLoc): void {
    const n = (this.localLabelCount.get(digits) ?? 0) + 1;
    this.localLabelCount.set(digits, n);
    this.defineLabel(`${digits}\x02${n}`, loc);
  }

  /** `.` as a position symbol at the current location (not entered in the table). */
  dotSymbol(): AsmSymbol {
    const s = newSymbol(`\x02dot${this.dotCounter++}`);
    const frag = currentData(this.current);
    s.kind = 'label';
    s.section = this.current;
    s.frag = frag;
    s.fragOffset = frag.length;
    return s;
  }

  /** Replace `.` in an expression by a label pinned at the current location (for `x = . - y`,
   *  where GNU as takes `.` when the line is read). */
  pinDot(e: Expr): Expr {
    switch (e.k) {
      case 'dot': {
        const d = this.dotSymbol();
        this.symbols.set(d.name, d);
        return { k: 'sym', name: d.name, loc: e.loc };
      }
      case 'unary': return { ...e, arg: this.pinDot(e.arg) };
      case 'binary': return { ...e, left: this.pinDot(e.left), right: this.pinDot(e.right) };
      default: return e;
    }
  }

  // ---- expressions ---------------------------------------------------------------------

  parseExpr(tokens: IToken[]): Expr | null {
    if (tokens.length === 0) return null;
    const e = parseExpressionTokens(tokens, this);
    if (e && tokens.some((t) => t.tokenType === T.At)) this.noteModifiers(e);
    return e;
  }

  /** GNU as references `_GLOBAL_OFFSET_TABLE_` (an undefined global) once a GOT-relative
   *  operator is used (tc-i386.c, GOT_symbol). */
  private noteModifiers(e: Expr): void {
    if (e.k === 'sym' && e.modifier !== undefined && GOT_MODIFIERS.has(e.modifier)) {
      const got = this.symbol('_GLOBAL_OFFSET_TABLE_');
      got.usedInReloc = true;
      if (got.bind === 'local') got.bind = 'global';
    } else if (e.k === 'unary') this.noteModifiers(e.arg);
    else if (e.k === 'binary') {
      this.noteModifiers(e.left);
      this.noteModifiers(e.right);
    }
  }

  readonly nowEnv: EvalEnv = {
    mode: 'now',
    lookup: (name) => this.symbol(name),
    dot: () => this.dotSymbol(),
  };

  /** Evaluate now; a value only known after layout is `{known:false}`. Errors are reported. */
  evalNow(expr: Expr): EvalResult {
    const r = evaluate(expr, this.nowEnv);
    if (!r.ok) return r;
    return { ok: true, value: normalize(r.value, 'now') };
  }

  /** The absolute value of `expr` now, or null (with an error naming `what`). */
  absoluteNow(expr: Expr, what: string): bigint | null {
    const r = this.evalNow(expr);
    if (!r.ok) {
      if (r.message === UNKNOWN_YET) this.error(expr.loc, `${what} must be an absolute expression known at this point`);
      else this.error(r.loc, r.message);
      return null;
    }
    if (r.value.terms.length > 0) {
      const t = r.value.terms[0]!;
      const why = t.sym.kind === 'undefined' ? `symbol '${this.displayName(t.sym.name)}' is not defined` : 'the value is not absolute';
      this.error(expr.loc, `${what} must be an absolute expression (${why})`);
      return null;
    }
    return r.value.constant;
  }

  /** Tokens → expression → absolute value. */
  absoluteTokens(tokens: IToken[] | undefined, what: string, fallbackLoc: SourceLoc): bigint | null {
    if (!tokens || tokens.length === 0) {
      this.error(fallbackLoc, `missing ${what}`);
      return null;
    }
    const e = this.parseExpr(tokens);
    return e ? this.absoluteNow(e, what) : null;
  }

  private known(expr: Expr): KnownValue {
    const r = this.evalNow(expr);
    if (r.ok && r.value.terms.length === 0) return { known: true, value: r.value.constant };
    if (!r.ok && r.message !== UNKNOWN_YET) this.error(r.loc, r.message);
    return { known: false };
  }

  // ---- emitting ------------------------------------------------------------------------

  /** Append bytes (and their fixups, offsets relative to `bytes[0]`) to the current section. */
  emit(bytes: Uint8Array, fixups: readonly Fixup[]): void {
    const sec = this.current;
    if (sec.nobits && (bytes.some((b) => b !== 0) || fixups.length > 0)) {
      this.error(fixups[0]?.loc ?? this.stmtLoc, `attempt to store non-zero value in section '${sec.name}'`);
      return;
    }
    const { frag, at } = reserve(sec, bytes.length);
    frag.bytes.set(bytes, at);
    for (const f of fixups) frag.fixups.push({ at, fixup: f, dotFragOffset: at });
  }

  /** Append `count` copies of `byte` (fast path for .zero / .skip). */
  emitFill(count: number, byte: number): void {
    const { frag, at } = reserve(this.current, count);
    frag.bytes.fill(byte, at, at + count);
  }

  /** Align the current location to `alignment` (a power of two). */
  emitAlign(alignment: number, fill: number | null, maxSkip: number, loc: SourceLoc): void {
    const sec = this.current;
    if (alignment > sec.align) sec.align = alignment;
    if (alignment <= 1) return;
    const useCode = fill === null && (sec.flags & SHF_EXECINSTR) !== 0n;
    appendVariable(sec, {
      kind: 'align', address: 0n, epoch: sec.epoch, epochOffset: epochPosition(sec), alignment,
      fill: useCode ? null : (fill ?? 0), maxSkip, size: 0, loc,
    });
  }

  /** The statement being read, for errors that concern all of it. */
  private stmtTokens: IToken[] = [];
  get stmtLoc(): SourceLoc {
    const t = this.stmtTokens;
    return t.length > 0 ? this.locOfTokens(t) : { file: this.options.file, line: 1, col: 1 };
  }

  // ---- the statement loop --------------------------------------------------------------

  /** Buffers pushed so far (includes, macro and .rept expansions): a runaway guard. */
  private pushes = 0;

  pushBuffer(buf: SourceBuffer): boolean {
    if (++this.pushes > MAX_EXPANSIONS) {
      if (!this.ended) this.error(this.stmtLoc, `more than ${MAX_EXPANSIONS} macro/.rept expansions (runaway recursion?); stopping`);
      this.ended = true;
      return false;
    }
    if (buf.depth > MAX_DEPTH) {
      // Fatal in GNU as too (read.c: as_fatal "macros nested too deeply"): going on would
      // re-enter the recursion from every level above, exponentially.
      if (!this.ended) this.error(this.stmtLoc, 'macros or includes nested too deeply (recursion?); stopping');
      this.ended = true;
      return false;
    }
    this.buffers.set(buf.id, buf);
    buf.condDepth = this.conds.length;
    this.stack.push(buf);
    for (const e of buf.lexErrors) {
      const ch = buf.text.slice(e.offset, e.offset + e.length);
      const what = ch === '\\' ? 'stray backslash' : `unexpected character '${ch}'`;
      this.error({ file: buf.file, line: (e.line ?? 1) + buf.lineOffset, col: e.column ?? 1, length: e.length, lineText: lineOf(buf.text, e.line ?? 1) }, what);
    }
    return true;
  }

  get depth(): number {
    return this.stack.length;
  }

  run(source: string): void {
    this.pushBuffer(lexBuffer(source, this.options.file, this.backend.dialect, 'file', 0, 0));
    while (this.stack.length > 0 && !this.ended) {
      const buf = this.stack[this.stack.length - 1]!;
      const st = nextStatement(buf);
      if (st === null) {
        this.stack.pop();
        continue;
      }
      this.buffer = buf;
      if (st.tokens.length === 0) continue;
      try {
        this.statement(st);
      } catch (e) {
        // An internal fault must not escape as a JS exception: report it where it happened.
        const msg = e instanceof Error ? e.message : String(e);
        this.error(this.locOfTokens(st.tokens), `internal assembler error: ${msg}`);
      }
    }
    if (this.collector) this.error(this.collector.loc, `missing ${this.collector.endName} for ${this.collector.startName}`);
    for (const c of this.conds) this.error(c.loc, 'end of file inside a conditional (missing .endif)');
  }

  /** Leave the innermost macro expansion (`.exitm`). The `.if`s opened inside the expansion
   *  end with it (GNU as read.c s_mexit → cond_exit_macro), e.g. an `.exitm` inside `.ifc`. */
  exitMacro(): boolean {
    if (!this.stack.some((b) => b.macroName !== undefined)) return false;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const b = this.stack[i]!;
      exhaust(b);
      if (b.macroName !== undefined) {
        if (b.condDepth !== undefined && this.conds.length > b.condDepth) this.conds.length = b.condDepth;
        return true;
      }
    }
    return true;
  }

  /** Place `.lcomm` symbols after the rest of .bss (GNU as's bss subsection 1). */
  allocateLocalCommons(): void {
    if (this.localCommons.length === 0) return;
    const saved = this.current;
    this.current = this.getSection('.bss', SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 0n);
    for (const c of this.localCommons) {
      this.emitAlign(c.align, 0, 0, c.loc);
      const sym = this.symbol(c.name);
      const frag = currentData(this.current);
      sym.section = this.current;
      sym.frag = frag;
      sym.fragOffset = frag.length;
      this.emitFill(Number(c.size), 0);
    }
    this.current = saved;
  }

  // ---- backend hooks -------------------------------------------------------------------

  private literalContext(): LiteralPoolContext {
    return {
      emitBytes: (bytes, fixups) => this.emit(bytes, fixups),
      defineLabel: (name) => this.defineLabel(name, this.stmtLoc),
      align: (bytes) => this.emitAlign(bytes, 0, 0, this.stmtLoc),
      section: this.current.name,
    };
  }

  /** `.ltorg` / `.pool`, and the end of each section: the backend dumps pending literals. */
  flushLiteralPool(): void {
    this.backend.flushLiteralPool?.(this.literalContext());
  }

  /** Offer an unknown directive to the backend (arch-specific directives). */
  backendDirective(name: string, rest: IToken[]): boolean {
    if (!this.backend.directive) return false;
    const ctx = Object.assign(makeParseContext(this), this.literalContext());
    return this.backend.directive(name, splitOperands(rest), ctx);
  }

  private statement(st: Statement): void {
    const toks = st.tokens;
    this.stmtTokens = toks;

    if (this.collector) {
      if (collectBlock(this, this.collector, st)) this.collector = null;
      return;
    }

    let i = 0;
    const active = this.conds.length === 0 || this.conds[this.conds.length - 1]!.active;
    // Labels: `name:` and `N:` (several may precede a statement).
    if (active) {
      while (i + 1 < toks.length && toks[i + 1]!.tokenType === T.Colon) {
        const t = toks[i]!;
        if (t.tokenType === T.Ident) {
          if (this.syntax === 'intel' && i + 2 < toks.length && toks[i + 2]!.tokenType === T.LBracket) break; // fs:[…]
          this.defineLabel(t.image, this.locOf(t));
        } else if (t.tokenType === T.NumberLit && /^[0-9]+$/.test(t.image)) {
          this.defineNumericLabel(String(BigInt(t.image)), this.locOf(t));
        } else if (t.tokenType === T.StringLit) {
          this.defineLabel(t.image.slice(1, -1), this.locOf(t));
        } else break;
        i += 2;
      }
    }
    if (i >= toks.length) return;
    let head = toks[i]!;
    // x86 pseudo-prefixes `{disp32}`, `{load}`, `{rex}` …: one word for the backend's prefix list.
    if (head.tokenType === T.LBrace && toks[i + 1]?.tokenType === T.Ident && toks[i + 2]?.tokenType === T.RBrace
      && this.backend.isPrefix?.(`{${toks[i + 1]!.image.toLowerCase()}}`)) {
      head = { ...toks[i + 1]!, image: `{${toks[i + 1]!.image}}`, startOffset: head.startOffset, startColumn: head.startColumn };
      i += 2;
    }
    if (head.tokenType !== T.Ident) {
      if (!active) return;
      this.error(this.locOf(head), head.tokenType === T.BadString ? 'unterminated string' : `junk at start of statement: '${head.image}'`);
      return;
    }
    const name = head.image;
    const lower = name.toLowerCase();
    const rest = toks.slice(i + 1);

    if (!active) {
      // Inside a false conditional only the conditionals themselves matter.
      if (lower.startsWith('.if') || lower === '.else' || lower === '.elseif' || lower === '.endif') this.conditional(lower, head, rest);
      return;
    }

    if (lower.startsWith('.if') || lower === '.else' || lower === '.elseif' || lower === '.endif') {
      this.conditional(lower, head, rest);
      return;
    }

    // `sym = expr`
    if (rest.length > 0 && rest[0]!.tokenType === T.Equals) {
      this.assign(head, rest.slice(1), false, this.locOf(head));
      return;
    }

    // `name .req register`: a register alias (AArch64)
    if (rest.length > 0 && rest[0]!.tokenType === T.Ident && this.backend.defineRegisterAlias && rest[0]!.image.toLowerCase() === '.req') {
      this.backend.defineRegisterAlias(head, rest.slice(1), this.parseCtx);
      return;
    }

    const macro = this.macros.size === 0 ? undefined : (this.macros.get(name) ?? this.macros.get(lower));
    if (macro) {
      expandMacro(this, macro, head, st);
      return;
    }

    if (name.charCodeAt(0) === 46 /* . */ && !this.backend.isMnemonic(lower)) {
      runDirective(this, lower, head, rest, st);
      return;
    }
    this.instruction(head, lower, rest);
  }

  /** Suggest the nearest known directive. */
  unknownDirective(head: IToken): void {
    const name = head.image.toLowerCase();
    const best = nearest(name, [...directiveNames(), ...this.macros.keys()]);
    this.error(this.locOf(head), `unknown directive '${head.image}'${best ? `; did you mean '${best}'?` : ''}`);
  }

  // ---- `.if` family --------------------------------------------------------------------

  private conditional(name: string, head: IToken, rest: IToken[]): void {
    const loc = this.locOf(head);
    const top = this.conds[this.conds.length - 1];
    if (name === '.endif') {
      if (!top) this.error(loc, '.endif without .if');
      else this.conds.pop();
      return;
    }
    if (name === '.else' || name === '.elseif') {
      if (!top) {
        this.error(loc, `${name} without .if`);
        return;
      }
      if (top.seenElse) this.error(loc, `${name} after .else`);
      if (name === '.else') {
        top.seenElse = true;
        top.active = top.parentActive && !top.taken;
        top.taken = true;
      } else {
        const v = top.parentActive && !top.taken ? this.condition('.if', rest, loc) : false;
        top.active = top.parentActive && !top.taken && v;
        if (top.active) top.taken = true;
      }
      return;
    }
    const parentActive = !top || top.active;
    const v = parentActive ? this.condition(name, rest, loc) : false;
    this.conds.push({ active: parentActive && v, taken: parentActive && v, parentActive, seenElse: false, loc });
  }

  private condition(name: string, rest: IToken[], loc: SourceLoc): boolean {
    switch (name) {
      case '.ifdef':
      case '.ifndef': {
        if (rest.length !== 1 || rest[0]!.tokenType !== T.Ident) {
          this.error(rest[0] ? this.locOfTokens(rest) : loc, `${name} needs one symbol name`);
          return false;
        }
        const s = this.symbols.get(rest[0]!.image);
        const defined = s !== undefined && s.kind !== 'undefined';
        return name === '.ifdef' ? defined : !defined;
      }
      case '.ifb':
      case '.ifnb':
        return (rest.length === 0) === (name === '.ifb');
      case '.ifc':
      case '.ifnc': {
        const text = this.rawText(rest);
        const parts = splitTopLevel(text);
        const a = unquote((parts[0] ?? '').trim());
        const b = unquote((parts[1] ?? '').trim());
        return (a === b) === (name === '.ifc');
      }
      case '.if': case '.ifne': case '.ifeq': case '.ifge': case '.ifgt': case '.ifle': case '.iflt': {
        const v = this.absoluteTokens(rest, `${name} condition`, loc);
        if (v === null) return false;
        switch (name) {
          case '.if': case '.ifne': return v !== 0n;
          case '.ifeq': return v === 0n;
          case '.ifge': return v >= 0n;
          case '.ifgt': return v > 0n;
          case '.ifle': return v <= 0n;
          default: return v < 0n;
        }
      }
      default:
        this.error(loc, `unknown conditional '${name}'`);
        return false;
    }
  }

  /** The source text a token run covers. */
  rawText(tokens: IToken[]): string {
    if (tokens.length === 0) return '';
    return this.buffer.text.slice(tokens[0]!.startOffset, T.endOffsetOf(tokens[tokens.length - 1]!) + 1);
  }

  // ---- assignments -----------------------------------------------------------------------

  assign(nameTok: IToken, exprTokens: IToken[], equiv: boolean, loc: SourceLoc): void {
    const name = nameTok.image;
    const e = this.parseExpr(exprTokens);
    if (exprTokens.length === 0) {
      this.error(loc, `missing expression for '${name}'`);
      return;
    }
    if (!e) return;
    const sym = this.symbol(name);
    if (sym.kind === 'label' || sym.kind === 'common' || (sym.kind === 'equ' && (sym.equiv || equiv))) {
      this.error(loc, `symbol '${name}' is already defined`);
      return;
    }
    const pinned = this.pinDot(e);
    // Keep an absolute value as a number right away, so later redefinitions (`x = x + 1`)
    // do not see themselves.
    const r = this.evalNow(pinned);
    sym.kind = 'equ';
    sym.equiv = equiv;
    sym.defLoc = loc;
    if (r.ok && r.value.terms.length === 0) sym.expr = { k: 'num', value: r.value.constant, loc: e.loc };
    else if (!r.ok && r.message !== UNKNOWN_YET) {
      this.error(r.loc, r.message);
      sym.expr = { k: 'num', value: 0n, loc: e.loc };
    } else sym.expr = pinned;
  }

  // ---- instructions ----------------------------------------------------------------------

  private readonly parseCtx: ParseContext = makeParseContext(this);

  private instruction(head: IToken, lower: string, rest: IToken[]): void {
    const backend = this.backend;
    const prefixes: string[] = [];
    let mnemonicTok = head;
    let mnemonic = lower;
    let ops = rest;
    while (backend.isPrefix?.(mnemonic) && ops.length > 0 && ops[0]!.tokenType === T.Ident && !(ops.length > 1 && ops[1]!.tokenType === T.Comma)) {
      prefixes.push(mnemonic);
      mnemonicTok = ops[0]!;
      mnemonic = mnemonicTok.image.toLowerCase();
      ops = ops.slice(1);
    }
    if (!backend.isMnemonic(mnemonic) && !(prefixes.length === 0 && backend.isPrefix?.(mnemonic))) {
      const best = nearest(mnemonic, backend.mnemonics);
      this.error(this.locOf(mnemonicTok), `unknown instruction '${mnemonicTok.image}'${best ? `; did you mean '${best}'?` : ''}`);
      return;
    }
    const source: InstructionSource = {
      mnemonic, mnemonicToken: mnemonicTok, prefixes, operands: splitOperands(ops), tokens: ops, loc: this.locOf(mnemonicTok),
    };
    const insn = backend.parseInstruction(source, this.parseCtx);
    if (!insn) return;
    if (insn.relaxable) {
      const sec = this.current;
      appendVariable(sec, {
        kind: 'relax', address: 0n, epoch: sec.epoch, epochOffset: epochPosition(sec), insn,
        branchSize: 8, bytes: new Uint8Array(0), fixups: [], loc: insn.loc,
      });
      return;
    }
    this.passOneContext.section = this.current.name; // arm64 literal pools are per section
    const enc = backend.encode(insn, this.passOneContext);
    if (enc) this.emit(enc.bytes, enc.fixups);
    const insnAlign = backend.instructionAlignment;
    if (enc && insnAlign && this.current.align < insnAlign) this.current.align = insnAlign;
  }

  /** The context for encoding while the line is read (one object, reused). */
  private readonly passOneContext: EncodeContext & { section?: string } = {
    address: 0n,
    branchSize: undefined,
    evaluate: (e) => this.known(e),
    error: (loc, m) => this.error(loc, m),
    warning: (loc, m) => this.warning(loc, m),
  };

  encodeContext(branchSize: 8 | 32 | undefined, address = 0n): EncodeContext {
    return {
      address,
      branchSize,
      section: this.current.name,
      evaluate: (e) => this.known(e),
      error: (loc, m) => this.error(loc, m),
      warning: (loc, m) => this.warning(loc, m),
    };
  }

  /** Encode a relaxable instruction at a given width during layout (no pass-1 knowledge). */
  encodeRelaxed(insn: BackendInstruction, size: 8 | 32): { bytes: Uint8Array; fixups: Fixup[] } | null {
    const ctx: EncodeContext = {
      address: 0n,
      branchSize: size,
      evaluate: () => ({ known: false }),
      error: (loc, m) => this.error(loc, m),
      warning: (loc, m) => this.warning(loc, m),
    };
    return this.backend.encode(insn, ctx);
  }

  evaluateValue(expr: Expr, env: EvalEnv): EvalResult {
    // Fast path for the commonest fixup: a plain label or external symbol.
    if (expr.k === 'sym' && expr.modifier === undefined) {
      const sym = env.lookup(expr.name);
      if (sym.kind !== 'equ') return { ok: true, value: { constant: 0n, terms: [{ sym, coeff: 1n }] } };
    }
    const r = evaluate(expr, env);
    if (!r.ok) return r;
    return { ok: true, value: normalize(r.value, env.mode) as Value };
  }
}

function makeParseContext(asm: Assembler): ParseContext {
  return {
    get syntax() {
      return asm.syntax;
    },
    parseExpression: (tokens) => asm.parseExpr(tokens),
    locOf: (a, b) => asm.locOf(a, b),
    error: (loc, m) => asm.error(loc, m),
    warning: (loc, m) => asm.warning(loc, m),
  };
}

/** Split operand tokens at commas that are not inside (), [] or {}. */
export function splitOperands(tokens: IToken[]): IToken[][] {
  if (tokens.length === 0) return [];
  const out: IToken[][] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tt = tokens[i]!.tokenType;
    if (tt === T.LParen || tt === T.LBracket || tt === T.LBrace) depth++;
    else if (tt === T.RParen || tt === T.RBracket || tt === T.RBrace) depth--;
    else if (tt === T.Comma && depth <= 0) {
      out.push(tokens.slice(start, i));
      start = i + 1;
    }
  }
  out.push(tokens.slice(start));
  return out;
}

/** Split raw text at top-level commas (outside quotes and brackets). */
export function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inStr = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

export function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

export { offsetAfter };
