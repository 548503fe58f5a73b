// The directive table: every `.name` the assembler understands, and what it does
// (as.info §7 "Assembler Directives"; ELF specifics in §7 ".section" (ELF version), ".type",
// ".size"; x86 specifics in §9.16 "80386 Dependent Features").
import type { IToken } from 'chevrotain';
import type { Assembler } from '../assembler.js';
import { splitOperands } from '../assembler.js';
import type { SourceLoc } from '../diagnostics/diagnostic.js';
import * as T from '../lexer/tokens.js';
import { parseString } from '../parser/literals.js';
import { lexBuffer, type Statement } from '../source/buffer.js';
import { beginIrp, beginRept, defineMacro } from './macros.js';
import { dataDirective, fillDirective, floatDirective, octaDirective, orgDirective, skipDirective, stringDirective, lebDirective } from './data.js';
import { sectionDirective } from './sections.js';
import {
  STT_FUNC, STT_GNU_IFUNC, STT_NOTYPE, STT_OBJECT, STT_TLS, STV_HIDDEN, STV_INTERNAL, STV_PROTECTED,
  SHT_NOBITS, SHF_ALLOC, SHF_WRITE, SHT_PROGBITS, SHF_MERGE, SHF_STRINGS,
} from '../object/elfConstants.js';
import { currentData } from '../sections/section.js';

export type DirectiveHandler = (asm: Assembler, head: IToken, rest: IToken[], st: Statement) => void;

const ignored: DirectiveHandler = () => {};

function args(rest: IToken[]): IToken[][] {
  return splitOperands(rest);
}

function symbolNames(asm: Assembler, head: IToken, rest: IToken[]): IToken[] {
  const out: IToken[] = [];
  for (const a of args(rest)) {
    if (a.length === 1 && (a[0]!.tokenType === T.Ident || a[0]!.tokenType === T.StringLit)) out.push(a[0]!);
    else if (a.length === 0) asm.error(asm.locOf(head), `${head.image} needs symbol names`);
    else asm.error(asm.locOfTokens(a), `expected a symbol name`);
  }
  if (rest.length === 0) asm.error(asm.locOf(head), `${head.image} needs symbol names`);
  return out;
}

function nameOf(t: IToken): string {
  return t.tokenType === T.StringLit ? t.image.slice(1, -1) : t.image;
}

function bind(which: 'global' | 'weak' | 'local'): DirectiveHandler {
  return (asm, head, rest) => {
    for (const t of symbolNames(asm, head, rest)) {
      const s = asm.symbol(nameOf(t));
      s.bind = which;
      if (which === 'local') s.explicitLocal = true;
    }
  };
}

function visibility(v: number): DirectiveHandler {
  return (asm, head, rest) => {
    for (const t of symbolNames(asm, head, rest)) asm.symbol(nameOf(t)).visibility = v;
  };
}

/** `.type sym, @function` (also %function, STT_FUNC, "function"). */
const typeDirective: DirectiveHandler = (asm, head, rest) => {
  const a = args(rest);
  const symTok = a[0]?.[0];
  if (!symTok || a[0]!.length !== 1 || (symTok.tokenType !== T.Ident && symTok.tokenType !== T.StringLit) || a.length < 2) {
    asm.error(rest[0] ? asm.locOfTokens(rest) : asm.locOf(head), '.type needs a symbol and a type (e.g. `.type f, @function`)');
    return;
  }
  const typeToks = a[1]!.filter((t) => t.tokenType !== T.At && t.tokenType !== T.Percent && t.tokenType !== T.Hash);
  let word = typeToks.length === 1 ? typeToks[0]!.image : asm.rawText(a[1]!);
  if (a[1]!.length === 1 && a[1]![0]!.tokenType === T.Register) word = a[1]![0]!.image.slice(1);
  word = word.replace(/^"|"$/g, '').toLowerCase();
  const types: Record<string, number> = {
    function: STT_FUNC, stt_func: STT_FUNC, object: STT_OBJECT, stt_object: STT_OBJECT, notype: STT_NOTYPE,
    stt_notype: STT_NOTYPE, tls_object: STT_TLS, stt_tls: STT_TLS, gnu_indirect_function: STT_GNU_IFUNC,
    common: 5, stt_common: 5,
  };
  const t = types[word];
  if (t === undefined) {
    asm.error(asm.locOfTokens(a[1]!), `unrecognized symbol type '${word}'`);
    return;
  }
  asm.symbol(nameOf(symTok)).elfType = t;
};

const sizeDirective: DirectiveHandler = (asm, head, rest) => {
  const a = args(rest);
  if (a.length !== 2 || a[0]!.length !== 1 || a[0]![0]!.tokenType !== T.Ident) {
    asm.error(rest[0] ? asm.locOfTokens(rest) : asm.locOf(head), '.size needs a symbol and an expression');
    return;
  }
  const e = asm.parseExpr(a[1]!);
  if (e) asm.symbol(a[0]![0]!.image).size = asm.pinDot(e);
};

function setDirective(equiv: boolean): DirectiveHandler {
  return (asm, head, rest) => {
    const a = args(rest);
    if (a.length < 2 || a[0]!.length !== 1 || a[0]![0]!.tokenType !== T.Ident) {
      asm.error(rest[0] ? asm.locOfTokens(rest) : asm.locOf(head), `${head.image} needs a symbol and an expression`);
      return;
    }
    const commaIdx = rest.findIndex((t) => t.tokenType === T.Comma);
    asm.assign(a[0]![0]!, rest.slice(commaIdx + 1), equiv, asm.locOf(a[0]![0]!));
  };
}

/** `.comm sym, size[, align]` and `.lcomm sym, size[, align]`. */
function commDirective(local: boolean): DirectiveHandler {
  return (asm, head, rest) => {
    const a = args(rest);
    if (a.length < 2 || a[0]!.length !== 1 || a[0]![0]!.tokenType !== T.Ident) {
      asm.error(rest[0] ? asm.locOfTokens(rest) : asm.locOf(head), `${head.image} needs a symbol and a size`);
      return;
    }
    const symTok = a[0]![0]!;
    const size = asm.absoluteTokens(a[1], 'size', asm.locOf(head));
    if (size === null) return;
    let align = 0n;
    if (a[2]) {
      const v = asm.absoluteTokens(a[2], 'alignment', asm.locOf(head));
      if (v === null) return;
      align = v;
    }
    if (size < 0n) {
      asm.error(asm.locOfTokens(a[1]!), `size ${size} is negative`);
      return;
    }
    if (local && a.length > 2 && asm.backend.arch === 'x86_64') {
      // ELF x86 GNU as takes no alignment argument for .lcomm.
      asm.error(asm.locOfTokens(a[2]!), 'junk at end of line: .lcomm takes a symbol and a size');
      return;
    }
    const sym = asm.symbol(symTok.image);
    if (sym.kind === 'label' || sym.kind === 'equ') {
      asm.error(asm.locOf(symTok), `symbol '${symTok.image}' is already defined`);
      return;
    }
    if (local || sym.explicitLocal) {
      // .lcomm (and .comm of a symbol declared .local) reserve space in .bss subsection 1,
      // i.e. after everything else in .bss (gas/config/obj-elf.c, bss_alloc); without an
      // explicit alignment: the largest power of two <= size, at most 8.
      const al = align > 0n ? Number(align) : size >= 8n ? 8 : size >= 4n ? 4 : size >= 2n ? 2 : 1;
      if ((al & (al - 1)) !== 0) {
        asm.error(asm.locOf(head), `alignment ${al} is not a power of 2`);
        return;
      }
      if (sym.kind === 'common') {
        asm.error(asm.locOf(symTok), `symbol '${symTok.image}' is already defined`);
        return;
      }
      asm.localCommons.push({ name: symTok.image, size, align: al, loc: asm.locOf(symTok) });
      if (sym.elfType === 0) sym.elfType = STT_OBJECT;
      sym.size = { k: 'num', value: size, loc: asm.locOf(symTok) };
      sym.kind = 'label';
      sym.defLoc = asm.locOf(symTok);
      return;
    }
    if (align !== 0n && (align & (align - 1n)) !== 0n) {
      asm.error(asm.locOfTokens(a[2]!), `alignment ${align} is not a power of 2`);
      return;
    }
    sym.kind = 'common';
    sym.commonSize = size;
    sym.commonAlign = align > 0n ? align : defaultCommonAlign(size) > 0 ? BigInt(defaultCommonAlign(size)) : 1n;
    if (sym.bind === 'local') sym.bind = 'global';
    sym.elfType = STT_OBJECT;
    sym.defLoc = asm.locOf(symTok);
  };
}

/** GNU as on ELF x86-64 without an explicit alignment: the largest power of two ≤ size, at
 *  most 16 (bfd's default maximum alignment for the target). */
function defaultCommonAlign(size: bigint): number {
  let a = 1;
  while (a * 2 <= Number(size) && a < 16) a *= 2;
  return a;
}

/** `.align`/`.balign`/`.p2align` — `powerOfTwo` when the first argument is an exponent. */
function alignDirective(kind: 'align' | 'balign' | 'p2align'): DirectiveHandler {
  return (asm, head, rest) => {
    const a = args(rest);
    const loc = asm.locOf(head);
    if (rest.length === 0) {
      asm.error(loc, `${head.image} needs an alignment`);
      return;
    }
    const n = asm.absoluteTokens(a[0], 'alignment', loc);
    if (n === null) return;
    const exponent = kind === 'p2align' || (kind === 'align' && asm.backend.alignIsPowerOfTwo);
    let alignment: number;
    if (exponent) {
      if (n < 0n || n > 31n) {
        asm.error(asm.locOfTokens(a[0]!), `alignment exponent ${n} is out of range`);
        return;
      }
      alignment = 2 ** Number(n);
    } else {
      if (n < 0n || n > 2n ** 31n || (n !== 0n && (n & (n - 1n)) !== 0n)) {
        asm.error(asm.locOfTokens(a[0]!), `alignment ${n} is not a power of 2`);
        return;
      }
      alignment = Number(n === 0n ? 1n : n);
    }
    let fill: number | null = null;
    if (a[1] && a[1].length > 0) {
      const f = asm.absoluteTokens(a[1], 'fill value', loc);
      if (f === null) return;
      fill = Number(BigInt.asUintN(8, f));
      // x86: a fill of 0x90 (NOP) in code means the multi-byte NOPs (gas tc-i386.h md_do_align).
      if (fill === 0x90 && asm.backend.arch === 'x86_64') fill = null;
    }
    let max = 0;
    if (a[2] && a[2].length > 0) {
      const m = asm.absoluteTokens(a[2], 'maximum skip', loc);
      if (m === null) return;
      max = Number(m);
    }
    asm.emitAlign(alignment, fill, max, loc);
  };
}

const includeDirective: DirectiveHandler = (asm, head, rest) => {
  if (rest.length !== 1 || rest[0]!.tokenType !== T.StringLit) {
    asm.error(rest[0] ? asm.locOfTokens(rest) : asm.locOf(head), '.include needs a file name in quotes');
    return;
  }
  const path = new TextDecoder().decode(parseString(rest[0]!.image));
  const text = asm.options.include ? safeInclude(asm.options.include, path) : null;
  if (text === null) {
    asm.error(asm.locOf(rest[0]!), `can't open '${path}' for reading`);
    return;
  }
  asm.pushBuffer(lexBuffer(text, path, asm.backend.dialect, 'file', 0, asm.depth));
};

function safeInclude(include: (p: string) => string | null, path: string): string | null {
  try {
    return include(path);
  } catch {
    return null;
  }
}

function messageOf(asm: Assembler, rest: IToken[], fallback: string): string {
  if (rest.length === 1 && rest[0]!.tokenType === T.StringLit) return new TextDecoder().decode(parseString(rest[0]!.image));
  return rest.length > 0 ? asm.rawText(rest) : fallback;
}

const syntaxDirective = (which: 'att' | 'intel'): DirectiveHandler => (asm, head, rest) => {
  const word = rest[0]?.image.toLowerCase();
  // Intel registers may be written `%rax` (prefix, the default on ELF) or `rax` (noprefix);
  // both spellings are accepted in either mode.
  if (which === 'att' && word === 'noprefix') {
    asm.error(asm.locOf(rest[0]!), '.att_syntax noprefix is not supported');
    return;
  }
  if (rest.length > 1 || (word !== undefined && word !== 'prefix' && word !== 'noprefix')) {
    asm.error(asm.locOfTokens(rest), `junk after ${head.image}`);
    return;
  }
  if (asm.backend.arch !== 'x86_64') {
    asm.error(asm.locOf(head), `${head.image} is only valid for x86`);
    return;
  }
  asm.syntax = which;
};

const fileDirective: DirectiveHandler = (asm, _head, rest) => {
  // `.file "name"` makes an STT_FILE symbol; `.file N "name"` is DWARF line info (ignored).
  if (rest.length === 1 && rest[0]!.tokenType === T.StringLit) {
    asm.fileSymbols.push(new TextDecoder().decode(parseString(rest[0]!.image)));
  }
};

const identDirective: DirectiveHandler = (asm, head, rest) => {
  if (rest.length !== 1 || rest[0]!.tokenType !== T.StringLit) {
    asm.error(rest[0] ? asm.locOfTokens(rest) : asm.locOf(head), '.ident needs a string');
    return;
  }
  // GNU as appends the string to .comment (created here, so it takes its place in the section
  // order), after a leading NUL byte the first time (gas/config/obj-elf.c obj_elf_ident).
  const comment = asm.getSection('.comment', SHT_PROGBITS, SHF_MERGE | SHF_STRINGS, 1n);
  const saved = asm.current;
  asm.current = comment;
  if (currentData(comment).length === 0 && comment.frags.length === 1) asm.emit(new Uint8Array(1), []);
  const text = parseString(rest[0]!.image);
  const z = new Uint8Array(text.length + 1);
  z.set(text);
  asm.emit(z, []);
  asm.current = saved;
};

const codeDirective: DirectiveHandler = (asm, head) => {
  const name = head.image.toLowerCase();
  if (name !== '.code64') asm.error(asm.locOf(head), `${head.image} is not supported (only 64-bit code)`);
  else if (asm.backend.arch !== 'x86_64') asm.error(asm.locOf(head), `${head.image} is only valid for x86`);
};

const archDirective: DirectiveHandler = (asm, head, rest) => {
  // The architecture is chosen before reading (the CLI peeks at `.arch`); here the directive
  // only checks it names something of the current family.
  if (rest.length === 0) asm.error(asm.locOf(head), '.arch needs a name');
};

const ltorgDirective: DirectiveHandler = (asm) => {
  asm.flushLiteralPool();
};

const directives: Record<string, DirectiveHandler> = {
  '.text': (asm, head, rest) => sectionDirective(asm, head, rest, '.text'),
  '.data': (asm, head, rest) => sectionDirective(asm, head, rest, '.data'),
  '.bss': (asm, head, rest) => sectionDirective(asm, head, rest, '.bss'),
  '.section': (asm, head, rest) => sectionDirective(asm, head, rest, null),
  '.pushsection': (asm, head, rest) => {
    asm.sectionStack.push(asm.current);
    sectionDirective(asm, head, rest, null);
  },
  '.popsection': (asm, head) => {
    const s = asm.sectionStack.pop();
    if (!s) asm.error(asm.locOf(head), '.popsection without .pushsection');
    else asm.switchTo(s);
  },
  '.previous': (asm, head) => {
    if (!asm.previous) asm.error(asm.locOf(head), '.previous without a previous section');
    else asm.switchTo(asm.previous);
  },
  '.globl': bind('global'),
  '.global': bind('global'),
  '.weak': bind('weak'),
  '.local': bind('local'),
  '.hidden': visibility(STV_HIDDEN),
  '.protected': visibility(STV_PROTECTED),
  '.internal': visibility(STV_INTERNAL),
  '.type': typeDirective,
  '.size': sizeDirective,
  '.byte': dataDirective(1),
  '.short': dataDirective(2),
  '.hword': dataDirective(2),
  '.value': dataDirective(2),
  '.2byte': dataDirective(2),
  '.word': (asm, head, rest, st) => dataDirective(asm.backend.arch === 'x86_64' ? 2 : 4)(asm, head, rest, st),
  '.long': dataDirective(4),
  '.int': dataDirective(4),
  '.4byte': dataDirective(4),
  '.quad': dataDirective(8),
  '.8byte': dataDirective(8),
  '.xword': dataDirective(8),
  '.dword': (asm, head, rest, st) => dataDirective(asm.backend.arch === 'x86_64' ? 4 : 8)(asm, head, rest, st),
  '.octa': octaDirective,
  // `.dc.<size>` (as.info "Dc"): .dc.b/.dc.w/.dc.l/.dc.a are .byte/.short/.long/address-sized data.
  '.dc.b': dataDirective(1),
  '.dc.w': dataDirective(2),
  '.dc.l': dataDirective(4),
  '.dc.a': dataDirective(8),
  '.dc.s': floatDirective(4),
  '.dc.d': floatDirective(8),
  '.float': floatDirective(4),
  '.single': floatDirective(4),
  '.double': floatDirective(8),
  '.ascii': stringDirective(false),
  '.asciz': stringDirective(true),
  '.string': stringDirective(true),
  '.zero': skipDirective,
  '.skip': skipDirective,
  '.org': orgDirective,
  '.space': skipDirective,
  '.fill': fillDirective,
  '.uleb128': lebDirective(false),
  '.sleb128': lebDirective(true),
  '.align': alignDirective('align'),
  '.balign': alignDirective('balign'),
  '.p2align': alignDirective('p2align'),
  '.equ': setDirective(false),
  '.set': setDirective(false),
  '.equiv': setDirective(true),
  '.comm': commDirective(false),
  '.lcomm': commDirective(true),
  '.include': includeDirective,
  '.macro': (asm, head, rest, st) => defineMacro(asm, head, rest, st),
  '.endm': (asm, head) => asm.error(asm.locOf(head), '.endm without .macro'),
  '.endmacro': (asm, head) => asm.error(asm.locOf(head), '.endm without .macro'),
  '.exitm': (asm, head) => {
    if (!asm.exitMacro()) asm.error(asm.locOf(head), '.exitm outside a macro');
  },
  '.purgem': (asm, head, rest) => {
    for (const t of symbolNames(asm, head, rest)) {
      if (!asm.macros.delete(t.image)) asm.error(asm.locOf(t), `macro '${t.image}' is not defined`);
    }
  },
  '.rept': (asm, head, rest, st) => beginRept(asm, head, rest, st),
  '.irp': (asm, head, rest, st) => beginIrp(asm, 'irp', head, rest, st),
  '.irpc': (asm, head, rest, st) => beginIrp(asm, 'irpc', head, rest, st),
  '.endr': (asm, head) => asm.error(asm.locOf(head), '.endr without .rept, .irp or .irpc'),
  '.err': (asm, head) => asm.error(asm.locOf(head), '.err encountered'),
  '.error': (asm, head, rest) => asm.error(asm.locOf(head), messageOf(asm, rest, '.error directive invoked in source file')),
  '.warning': (asm, head, rest) => asm.warning(asm.locOf(head), messageOf(asm, rest, '.warning directive invoked in source file')),
  '.print': ignored,
  '.end': (asm) => {
    asm.ended = true;
  },
  '.file': fileDirective,
  '.loc': ignored,
  '.loc_mark_labels': ignored,
  '.ident': identDirective,
  '.code64': codeDirective,
  '.code32': codeDirective,
  '.code16': codeDirective,
  '.arch': archDirective,
  '.cpu': ignored,
  '.intel_syntax': syntaxDirective('intel'),
  '.att_syntax': syntaxDirective('att'),
  '.ltorg': ltorgDirective,
  '.pool': ltorgDirective,
  '.nops': (asm, head, rest) => {
    const n = asm.absoluteTokens(splitOperands(rest)[0], '.nops size', asm.locOf(head));
    if (n === null) return;
    if (n < 0n || n > 1n << 24n) asm.error(asm.locOfTokens(rest), `.nops size ${n} out of range`);
    else asm.emit(asm.backend.codeFill(Number(n)), []);
  },
};

// `.cfi_*` directives describe unwind tables; GNU as builds .eh_frame from them. We accept
// and ignore them (no unwind information is produced).
const cfi = [
  'startproc', 'endproc', 'def_cfa', 'def_cfa_offset', 'def_cfa_register', 'adjust_cfa_offset', 'offset',
  'rel_offset', 'register', 'restore', 'undefined', 'same_value', 'remember_state', 'restore_state',
  'escape', 'signal_frame', 'sections', 'personality', 'lsda', 'return_column', 'window_save',
  'negate_ra_state', 'val_offset', 'b_key_frame', 'mte_tagged_frame',
];
for (const c of cfi) directives[`.cfi_${c}`] = ignored;

export function directiveNames(): string[] {
  return Object.keys(directives);
}

export function runDirective(asm: Assembler, name: string, head: IToken, rest: IToken[], st: Statement): void {
  const h = directives[name];
  if (h) {
    // An empty operand (`.type f,`) has no token of its own: its errors point at the directive.
    asm.statementHead = head;
    h(asm, head, rest, st);
    asm.statementHead = null;
    return;
  }
  if (asm.backend.directive) {
    const handled = asm.backendDirective(name, rest);
    if (handled) return;
  }
  asm.unknownDirective(head);
}

export type { SourceLoc };
