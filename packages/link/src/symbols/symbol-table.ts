// Global symbol resolution (the rules of the gABI "Symbol Table" section plus ld's handling of
// common symbols):
//   - a STB_GLOBAL definition (in a section or absolute) is strong; two strong definitions of
//     one name are an error ("multiple definition");
//   - a STB_WEAK definition is used only when there is no strong one; the first weak wins;
//   - common symbols (SHN_COMMON) merge into one allocation of the largest size and alignment,
//     and yield to a strong definition;
//   - an undefined reference that nothing defines is an error when a relocation uses it,
//     except for undefined weak references, which resolve to 0.
// Archive members are pulled in only to define symbols that are still undefined (see
// pullArchiveMembers in inputs/archive-pull.ts).

import { STB_GLOBAL, STB_LOCAL, STB_WEAK, type ObjSymbol } from '@vsys/elf';
import type { LoadedObject } from '../inputs/loaded-object.js';
import type { Diagnostic } from '../types.js';
import { describeDefinition } from './describe.js';

export interface Definition {
  file: LoadedObject;
  /** Index into file.object.symbols. */
  symbol: number;
}

export interface GlobalSymbol {
  name: string;
  strong?: Definition;
  weak?: Definition;
  /** The common symbol with the largest size (alignment is the largest seen). */
  common?: Definition & { size: bigint; align: bigint };
  /** Some object references it with a non-weak undefined symbol. */
  strongReference: boolean;
  /** Some object mentions it undefined at all. */
  referenced: boolean;
  /** Address set by the linker for symbols such as _end or __bss_start when nothing defines them. */
  linkerValue?: bigint;
}

export class SymbolTable {
  readonly globals = new Map<string, GlobalSymbol>();

  private entry(name: string): GlobalSymbol {
    let g = this.globals.get(name);
    if (!g) {
      g = { name, strongReference: false, referenced: false };
      this.globals.set(name, g);
    }
    return g;
  }

  /** Adds every non-local symbol of `file`; reports duplicate strong definitions. */
  addObject(file: LoadedObject, diagnostics: Diagnostic[]): void {
    file.object.symbols.forEach((sym, index) => {
      if (sym.bind === STB_LOCAL || sym.name === '') return;
      const g = this.entry(sym.name);
      const kind = sym.section.kind;
      if (kind === 'undefined') {
        g.referenced = true;
        if (sym.bind !== STB_WEAK) g.strongReference = true;
        return;
      }
      if (kind === 'common') {
        // For SHN_COMMON, st_value holds the alignment (gABI).
        const align = sym.value > 0n ? sym.value : 1n;
        if (!g.common || sym.size > g.common.size) {
          g.common = { file, symbol: index, size: sym.size, align: g.common && g.common.align > align ? g.common.align : align };
        } else if (align > g.common.align) {
          g.common.align = align;
        }
        return;
      }
      if (sym.bind === STB_WEAK) {
        if (!g.weak) g.weak = { file, symbol: index };
        return;
      }
      if (sym.bind === STB_GLOBAL || sym.bind > STB_WEAK) {
        if (g.strong) {
          diagnostics.push({
            severity: 'error',
            message: `${describeDefinition(file, sym)}: multiple definition of '${sym.name}'; ${describeDefinition(
              g.strong.file,
              g.strong.file.object.symbols[g.strong.symbol]!,
            )}: first defined here`,
          });
          return;
        }
        g.strong = { file, symbol: index };
      }
    });
  }

  /** Marks `name` as needed, as ld does for the entry symbol (so an archive member defining
   *  `_start` is pulled in). */
  require(name: string): void {
    this.entry(name).strongReference = true;
  }

  /** true when a member defining `name` should be pulled: referenced, not yet defined. */
  wants(name: string): boolean {
    const g = this.globals.get(name);
    return !!g && g.strongReference && !g.strong && !g.weak && !g.common;
  }

  /** The definition that wins for `name`, if any. */
  resolve(name: string): { kind: 'defined'; def: Definition; sym: ObjSymbol } | { kind: 'common'; g: GlobalSymbol } | { kind: 'linker'; value: bigint } | undefined {
    const g = this.globals.get(name);
    if (!g) return undefined;
    const d = g.strong ?? (g.common ? undefined : g.weak);
    if (d) return { kind: 'defined', def: d, sym: d.file.object.symbols[d.symbol]! };
    if (g.common) return { kind: 'common', g };
    if (g.linkerValue !== undefined) return { kind: 'linker', value: g.linkerValue };
    return undefined;
  }
}
