// `.text`, `.data`, `.bss` and `.section name[, "flags"[, @type[, entsize]]]` for ELF
// (as.info §7 ".section (ELF Version)"). A name GNU as knows gets its usual type and flags
// (gas/config/obj-elf.c special sections: .text* AX, .data* WA, .bss* WA NOBITS, .rodata* A,
// .note* NOTE, .init_array INIT_ARRAY WA, .tdata WAT, .tbss WAT NOBITS, .comment MS); an explicit
// flags string or type replaces the defaults.
import type { IToken } from 'chevrotain';
import type { Assembler } from '../assembler.js';
import { splitTopLevel } from '../assembler.js';
import * as T from '../lexer/tokens.js';
import {
  SHF_ALLOC, SHF_EXCLUDE, SHF_EXECINSTR, SHF_GROUP, SHF_MERGE, SHF_STRINGS, SHF_TLS, SHF_WRITE,
  SHT_FINI_ARRAY, SHT_INIT_ARRAY, SHT_NOBITS, SHT_NOTE, SHT_PREINIT_ARRAY, SHT_PROGBITS,
} from '../object/elfConstants.js';

interface SectionKind {
  type: number;
  flags: bigint;
  entsize?: bigint;
}

function defaultsFor(name: string): SectionKind {
  const is = (p: string): boolean => name === p || name.startsWith(p + '.');
  if (is('.text') || is('.init') || is('.fini')) return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR };
  if (is('.data') || name === '.data1') return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE };
  if (is('.bss')) return { type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE };
  if (is('.rodata') || name === '.rodata1') return { type: SHT_PROGBITS, flags: SHF_ALLOC };
  if (is('.tdata')) return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE | SHF_TLS };
  if (is('.tbss')) return { type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE | SHF_TLS };
  if (is('.init_array')) return { type: SHT_INIT_ARRAY, flags: SHF_ALLOC | SHF_WRITE };
  if (is('.fini_array')) return { type: SHT_FINI_ARRAY, flags: SHF_ALLOC | SHF_WRITE };
  if (is('.preinit_array')) return { type: SHT_PREINIT_ARRAY, flags: SHF_ALLOC | SHF_WRITE };
  if (name.startsWith('.note') && name !== '.note.GNU-stack') return { type: SHT_NOTE, flags: 0n };
  if (name === '.comment') return { type: SHT_PROGBITS, flags: SHF_MERGE | SHF_STRINGS, entsize: 1n };
  return { type: SHT_PROGBITS, flags: 0n };
}

const TYPES: Record<string, number> = {
  progbits: SHT_PROGBITS, nobits: SHT_NOBITS, note: SHT_NOTE, init_array: SHT_INIT_ARRAY,
  fini_array: SHT_FINI_ARRAY, preinit_array: SHT_PREINIT_ARRAY,
};

export function sectionDirective(asm: Assembler, head: IToken, rest: IToken[], fixed: string | null): void {
  const loc = asm.locOf(head);
  if (fixed !== null) {
    // `.text N` selects subsection N; only subsection 0 exists here.
    if (rest.length > 0) {
      const n = asm.absoluteTokens(rest, 'subsection', loc);
      if (n !== null && n !== 0n) asm.error(asm.locOfTokens(rest), 'subsections are not supported');
    }
    const d = defaultsFor(fixed);
    asm.switchTo(asm.getSection(fixed, d.type, d.flags, 0n));
    return;
  }
  if (rest.length === 0) {
    asm.error(loc, '.section needs a name');
    return;
  }
  const parts = splitTopLevel(asm.rawText(rest)).map((p) => p.trim());
  let name = parts[0]!;
  if (name.startsWith('"')) {
    if (!name.endsWith('"') || name.length < 2) {
      asm.error(asm.locOf(rest[0]!), 'unterminated section name');
      return;
    }
    name = name.slice(1, -1);
  }
  if (name === '' || /\s/.test(name)) {
    asm.error(asm.locOf(rest[0]!), `bad section name '${parts[0]}'`);
    return;
  }
  const kind = defaultsFor(name);
  let flags = kind.flags;
  let type = kind.type;
  let entsize = kind.entsize ?? 0n;
  const argLoc = asm.locOfTokens(rest);
  if (parts.length > 1) {
    const f = parts[1]!;
    if (!/^"[^"]*"$/.test(f)) {
      asm.error(argLoc, `section flags must be a quoted string, not '${f}'`);
      return;
    }
    flags = 0n;
    for (const c of f.slice(1, -1)) {
      switch (c) {
        case 'a': flags |= SHF_ALLOC; break;
        case 'w': flags |= SHF_WRITE; break;
        case 'x': flags |= SHF_EXECINSTR; break;
        case 'M': flags |= SHF_MERGE; break;
        case 'S': flags |= SHF_STRINGS; break;
        case 'T': flags |= SHF_TLS; break;
        case 'G': flags |= SHF_GROUP; break;
        case 'e': flags |= SHF_EXCLUDE; break;
        default:
          asm.error(argLoc, `unknown section flag '${c}'`);
          return;
      }
    }
    if ((flags & SHF_GROUP) !== 0n) {
      asm.error(argLoc, 'section groups (flag G) are not supported');
      return;
    }
  }
  if (parts.length > 2) {
    const t = parts[2]!.replace(/^[@%]/, '').replace(/^"|"$/g, '');
    const v = TYPES[t];
    if (v === undefined) {
      asm.error(argLoc, `unknown section type '${parts[2]}'`);
      return;
    }
    type = v;
  } else if (parts.length > 1 && kind.type !== SHT_NOBITS && kind.type !== SHT_NOTE) {
    type = kind.type;
  }
  if ((flags & SHF_MERGE) !== 0n) {
    if (parts.length < 4) {
      asm.error(argLoc, 'entity size for SHF_MERGE is missing');
      return;
    }
    const toks = rest.slice(rest.findIndex((t, k) => t.tokenType === T.Comma && rest.slice(0, k + 1).filter((x) => x.tokenType === T.Comma).length === 3) + 1);
    const e = asm.absoluteTokens(toks, 'entity size', argLoc);
    if (e === null) return;
    entsize = e;
  }
  const existing = asm.sectionsByName.get(name);
  if (existing) {
    if (parts.length > 1 && (existing.flags !== flags || existing.type !== type)) {
      asm.warning(argLoc, `ignoring changed section attributes for ${name}`);
    }
    asm.switchTo(existing);
    return;
  }
  asm.switchTo(asm.getSection(name, type, flags, entsize));
}
