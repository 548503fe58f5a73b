// Symbols as the assembler tracks them while reading the source (as.info §5 "Symbols").
//
// A label is a position: its data fragment and the offset inside it, so its address follows
// the fragment through layout. `x = expr` / `.set` / `.equ` keep the expression (with `.`
// pinned to a position when the line is read, as GNU as does) and evaluate it when the value
// is needed. Bindings and types come from `.globl`, `.weak`, `.type`, …; which symbols reach
// the ELF symbol table is decided when the object is written.
import type { SourceLoc } from '../diagnostics/diagnostic.js';
import type { Expr } from '../expr/ast.js';
import type { Fragment, Section } from '../sections/section.js';

export type SymbolBinding = 'local' | 'global' | 'weak';

export interface AsmSymbol {
  name: string;
  /** undefined: referenced only. label: a position. equ: `= expr`. common: `.comm`. */
  kind: 'undefined' | 'label' | 'equ' | 'common';
  section: Section | null;
  frag: Fragment | null;
  fragOffset: number;
  /** For `equ`. */
  expr: Expr | null;
  /** `.equiv`: redefinition is an error. */
  equiv: boolean;
  /** For `common`: size and alignment. */
  commonSize: bigint;
  commonAlign: bigint;
  bind: SymbolBinding;
  /** `.local` given explicitly (for .comm → .lcomm behaviour). */
  explicitLocal: boolean;
  /** STT_* from `.type`. */
  elfType: number;
  /** st_other visibility from `.hidden` / `.protected` / `.internal`. */
  visibility: number;
  size: Expr | null;
  /** Referenced by a relocation (kept in the ELF symbol table even when it is a local). */
  usedInReloc: boolean;
  /** `.L…` names and numeric local labels never reach the symbol table (as.info §5.3). */
  internal: boolean;
  defLoc: SourceLoc | null;
  /** Evaluation guard against `a = b`, `b = a`. */
  evaluating: boolean;
}

export function newSymbol(name: string): AsmSymbol {
  return {
    name, kind: 'undefined', section: null, frag: null, fragOffset: 0, expr: null, equiv: false,
    commonSize: 0n, commonAlign: 0n, bind: 'local', explicitLocal: false, elfType: 0, visibility: 0,
    size: null, usedInReloc: false, internal: isInternalName(name), defLoc: null, evaluating: false,
  };
}

/** GNU as on ELF drops symbols starting with `.L` from the output (local label prefix), and
 *  the internal names it gives numeric local labels (containing ^B, here `\x02`). */
export function isInternalName(name: string): boolean {
  return name.startsWith('.L') || name.includes('\x02');
}

/** A symbol's address within its section once layout is done. */
export function labelOffset(sym: AsmSymbol): bigint {
  return sym.frag!.address + BigInt(sym.fragOffset);
}
