// `.macro`/`.endm` and the repetition blocks `.rept`, `.irp`, `.irpc` / `.endr`
// (as.info §7 ".macro", ".rept", ".irp", ".irpc").
//
// Bodies are kept as source text, as GNU as does: an expansion substitutes `\param`, `\@` (the
// count of macro expansions so far) and `\()` (an empty separator) in the text and reads the
// result as a new source buffer, so everything a body may contain — directives, labels, other
// macros, nested blocks — works the same inside and outside. Lines of an expansion are reported
// at the line of the body they came from, with the expanded text under the caret.
import type { IToken } from 'chevrotain';
import type { Assembler } from '../assembler.js';
import { splitTopLevel, unquote } from '../assembler.js';
import type { SourceLoc } from '../diagnostics/diagnostic.js';
import * as T from '../lexer/tokens.js';
import { lexBuffer, offsetAfter, type SourceBuffer, type Statement } from '../source/buffer.js';

export interface MacroParam {
  name: string;
  defaultText: string | null;
  required: boolean;
  vararg: boolean;
}

export interface MacroDef {
  name: string;
  params: MacroParam[];
  body: string;
  file: string;
  /** Source line of the body's first line. */
  bodyLine: number;
}

export interface BlockCollector {
  kind: 'macro' | 'rept' | 'irp' | 'irpc';
  startName: string;
  endName: string;
  loc: SourceLoc;
  buffer: SourceBuffer;
  bodyStart: number;
  bodyLine: number;
  nesting: number;
  macro?: { name: string; params: MacroParam[] };
  count?: number;
  /** `.irp` / `.irpc`: the parameter and the values it takes. */
  param?: string;
  values?: string[];
}

const IDENT_CHAR = /[A-Za-z0-9_$.]/;

/** Start collecting a block body after the statement `st` (`.macro …`, `.rept …`, …). */
export function startBlock(asm: Assembler, kind: BlockCollector['kind'], head: IToken, st: Statement): BlockCollector {
  const buf = st.buffer;
  const term = st.terminator;
  const bodyLine = (term ? (term.tokenType === T.Newline ? term.startLine! + 1 : term.startLine!) : head.startLine!) + buf.lineOffset;
  return {
    kind,
    startName: head.image.toLowerCase(),
    endName: kind === 'macro' ? '.endm' : '.endr',
    loc: asm.locOf(head),
    buffer: buf,
    bodyStart: offsetAfter(st),
    bodyLine,
    nesting: 0,
  };
}

/** Feed one statement to a collector; returns true when the block is complete. */
export function collectBlock(asm: Assembler, c: BlockCollector, st: Statement): boolean {
  // The first word (after labels) decides: a nested opener or the closer.
  let i = 0;
  const toks = st.tokens;
  while (i + 1 < toks.length && toks[i + 1]!.tokenType === T.Colon) i += 2;
  const head = toks[i];
  if (!head || head.tokenType !== T.Ident) return false;
  const word = head.image.toLowerCase();
  const opens = c.kind === 'macro' ? word === '.macro' : word === '.rept' || word === '.irp' || word === '.irpc';
  if (opens) {
    c.nesting++;
    return false;
  }
  if (word !== c.endName && !(c.kind === 'macro' && word === '.endmacro')) return false;
  if (c.nesting > 0) {
    c.nesting--;
    return false;
  }
  if (st.buffer !== c.buffer) {
    asm.error(asm.locOf(head), `${c.endName} is not in the same file as its ${c.startName}`);
    return true;
  }
  const body = c.buffer.text.slice(c.bodyStart, head.startOffset);
  finishBlock(asm, c, body);
  return true;
}

function finishBlock(asm: Assembler, c: BlockCollector, body: string): void {
  switch (c.kind) {
    case 'macro': {
      const m = c.macro!;
      asm.macros.set(m.name, { name: m.name, params: m.params, body, file: c.buffer.file, bodyLine: c.bodyLine });
      return;
    }
    case 'rept': {
      const copies: string[] = [];
      for (let k = 0; k < (c.count ?? 0); k++) copies.push(body);
      pushCopies(asm, c, copies);
      return;
    }
    case 'irp':
    case 'irpc': {
      const copies = (c.values ?? []).map((v) => substitute(body, (name) => (name === c.param ? v : null), asm));
      pushCopies(asm, c, copies);
      return;
    }
  }
}

/** Push one buffer per copy, last first, so the first copy runs first. */
function pushCopies(asm: Assembler, c: BlockCollector, copies: string[]): void {
  for (let k = copies.length - 1; k >= 0; k--) {
    const buf = lexBuffer(copies[k]!, c.buffer.file, asm.backend.dialect, 'expansion', c.bodyLine - 1, asm.depth);
    if (!asm.pushBuffer(buf)) return;
  }
}

/** `\name` → value (when `lookup` knows it), `\@` → expansion counter, `\()` → nothing. */
function substitute(body: string, lookup: (name: string) => string | null, asm: Assembler, counter?: number): string {
  if (!body.includes('\\')) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c !== '\\') {
      const next = body.indexOf('\\', i);
      const end = next < 0 ? body.length : next;
      out += body.slice(i, end);
      i = end;
      continue;
    }
    const n = body[i + 1];
    if (n === '@' && counter !== undefined) {
      out += String(counter);
      i += 2;
      continue;
    }
    if (n === '(' && body[i + 2] === ')') {
      i += 3;
      continue;
    }
    let j = i + 1;
    while (j < body.length && IDENT_CHAR.test(body[j]!)) j++;
    const name = body.slice(i + 1, j);
    const v = name.length > 0 ? lookup(name) : null;
    if (v !== null) {
      out += v;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  void asm;
  return out;
}

/** Parse `.macro name p1, p2=default, p3:req, rest:vararg`. */
export function defineMacro(asm: Assembler, head: IToken, rest: IToken[], st: Statement): void {
  const c = startBlock(asm, 'macro', head, st);
  asm.collector = c;
  if (rest.length === 0 || rest[0]!.tokenType !== T.Ident) {
    asm.error(rest[0] ? asm.locOf(rest[0]) : asm.locOf(head), '.macro needs a name');
    c.macro = { name: '\x02invalid', params: [] };
    return;
  }
  const name = rest[0]!.image;
  // a comma may follow the name (`.macro msr_s, sreg, rt`, as Linux writes it; gas macro.c
  // define_macro skips it)
  const paramToks = rest[1]?.tokenType === T.Comma ? rest.slice(2) : rest.slice(1);
  const text = paramToks.length > 0 ? asm.rawText(paramToks) : '';
  const params: MacroParam[] = [];
  for (const raw of splitParams(text)) {
    const m = /^([A-Za-z_.$][A-Za-z0-9_.$]*)\s*(?::\s*(req|vararg))?\s*(?:=\s*([^]*))?$/.exec(raw.trim());
    if (!m) {
      asm.error(asm.locOf(rest[1] ?? head), `bad macro parameter '${raw.trim()}'`);
      continue;
    }
    params.push({ name: m[1]!, required: m[2] === 'req', vararg: m[2] === 'vararg', defaultText: m[3] !== undefined ? unquote(m[3].trim()) : null });
  }
  if (asm.macros.has(name)) asm.error(asm.locOf(rest[0]!), `macro '${name}' was already defined`);
  c.macro = { name, params };
}

/** Macro parameter lists and argument lists separate items by commas or blanks. */
function splitParams(text: string): string[] {
  if (text.trim() === '') return [];
  const parts = splitTopLevel(text);
  if (parts.length > 1) return parts.map((p) => p.trim()).filter((p, k, a) => p !== '' || k < a.length - 1);
  return splitBlanks(text);
}

function splitBlanks(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inStr = false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inStr) {
      cur += c;
      if (c === '\\') cur += text[++i] ?? '';
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    if (c === '(') depth++;
    if (c === ')') depth--;
    // `a = b` keyword arguments keep their blanks around `=`.
    if ((c === ' ' || c === '\t') && depth === 0) {
      const restText = text.slice(i).trimStart();
      if (cur !== '' && !restText.startsWith('=') && !cur.endsWith('=')) {
        out.push(cur);
        cur = '';
      }
      continue;
    }
    cur += c;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** Expand a macro invocation `name args…`. */
export function expandMacro(asm: Assembler, m: MacroDef, head: IToken, st: Statement): void {
  const toks = st.tokens;
  const last = toks[toks.length - 1]!;
  const argText = last === head ? '' : st.buffer.text.slice(T.endOffsetOf(head) + 1, T.endOffsetOf(last) + 1);
  const args = splitParams(argText);
  const values = new Map<string, string>();
  let positional = 0;
  const loc = asm.locOf(head);
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!.trim();
    const kw = /^([A-Za-z_.$][A-Za-z0-9_.$]*)\s*=\s*([^]*)$/.exec(a);
    if (kw && m.params.some((p) => p.name === kw[1])) {
      values.set(kw[1]!, unquote(kw[2]!.trim()));
      continue;
    }
    const p = m.params[positional];
    if (!p) {
      asm.error(loc, `too many arguments for macro '${m.name}' (it takes ${m.params.length})`);
      return;
    }
    if (p.vararg) {
      values.set(p.name, args.slice(k).map((s) => s.trim()).join(', '));
      positional++;
      break;
    }
    if (a !== '') values.set(p.name, unquote(a));
    positional++;
  }
  for (const p of m.params) {
    if (!values.has(p.name)) {
      if (p.required) {
        asm.error(loc, `missing value for required parameter '${p.name}' of macro '${m.name}'`);
        return;
      }
      values.set(p.name, p.defaultText ?? '');
    }
  }
  const counter = asm.macroCounter++;
  const text = substitute(m.body, (name) => values.get(name) ?? null, asm, counter);
  const buf = lexBuffer(text, m.file, asm.backend.dialect, 'expansion', m.bodyLine - 1, asm.depth);
  buf.macroName = m.name;
  asm.pushBuffer(buf);
}

/** `.rept count` */
export function beginRept(asm: Assembler, head: IToken, rest: IToken[], st: Statement): void {
  const c = startBlock(asm, 'rept', head, st);
  asm.collector = c;
  const n = asm.absoluteTokens(rest, '.rept count', asm.locOf(head));
  if (n !== null && (n < 0n || n > 1_000_000n)) {
    asm.error(asm.locOfTokens(rest), `.rept count ${n} out of range`);
    c.count = 0;
  } else c.count = Number(n ?? 0n);
}

/** `.irp sym, values…` and `.irpc sym, chars` */
export function beginIrp(asm: Assembler, kind: 'irp' | 'irpc', head: IToken, rest: IToken[], st: Statement): void {
  const c = startBlock(asm, kind, head, st);
  asm.collector = c;
  if (rest.length === 0 || rest[0]!.tokenType !== T.Ident) {
    asm.error(rest[0] ? asm.locOf(rest[0]) : asm.locOf(head), `.${kind} needs a parameter name`);
    c.values = [];
    return;
  }
  c.param = rest[0]!.image;
  let after = rest.slice(1);
  if (after.length > 0 && after[0]!.tokenType === T.Comma) after = after.slice(1);
  const text = asm.rawText(after);
  if (kind === 'irp') {
    c.values = text.trim() === '' ? [''] : splitParams(text).map((v) => unquote(v.trim()));
  } else {
    const s = unquote(text.trim());
    c.values = s === '' ? [''] : [...s];
  }
}
