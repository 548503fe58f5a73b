// Fixup resolution after layout: every field whose value was not known when its line was read
// is now either computed and written into the bytes, or turned into an ELF relocation — the
// way GNU as's fixup_segment / tc_gen_reloc do it:
// - a value with no symbol left is written (absolute), except pc-relative fields, which need
//   a relocation against nothing (symbol 0, "*ABS*+addend");
// - `sym - L` with L a label of the current section becomes a pc-relative relocation
//   (addend adjusted by P - L): `.long foo - .` → R_X86_64_PC32 foo;
// - a local symbol is relocated against its section symbol with its offset added to the
//   addend (ELF "section symbol rewriting"); globals, weak and undefined symbols against
//   themselves;
// - the backend decides the relocation type and whether a pc-relative field resolves locally.
import type { Fixup } from '../arch/backend.js';
import type { Assembler } from '../assembler.js';
import type { Fragment, Section } from '../sections/section.js';
import { labelOffset, type AsmSymbol } from '../symbols/symbol.js';
import { finalEnv, relaxTargetOffset } from './layout.js';
import { SHF_MERGE, SHF_TLS, STT_TLS } from '../object/elfConstants.js';

/** One reusable environment per section: `.` moves with the fixup being resolved. */
const envs = new WeakMap<Section, { env: ReturnType<typeof finalEnv>; frag: Fragment; at: number }>();
function envFor(asm: Assembler, section: Section, frag: Fragment, at: number): ReturnType<typeof finalEnv> {
  let e = envs.get(section);
  if (!e) {
    const holder = { env: null as unknown as ReturnType<typeof finalEnv>, frag, at };
    holder.env = {
      mode: 'final',
      lookup: (name) => asm.symbol(name),
      dot: () => finalEnv(asm, section, holder.frag, holder.at).dot(),
    };
    envs.set(section, holder);
    e = holder;
  }
  e.frag = frag;
  e.at = at;
  return e.env;
}

export interface PendingRelocation {
  offset: bigint;
  type: number;
  /** The symbol, the section (its section symbol), or null (symbol 0). */
  target: AsmSymbol | Section | null;
  addend: bigint;
}

export function resolveSection(asm: Assembler, section: Section): PendingRelocation[] {
  const relocs: PendingRelocation[] = [];
  for (const frag of section.frags) {
    if (frag.kind === 'data') {
      for (const pf of frag.fixups) resolveOne(asm, section, frag, frag.bytes, pf.at, pf.fixup, false, relocs);
    } else if (frag.kind === 'relax') {
      const inSection = relaxTargetOffset(asm, section, frag) !== null;
      for (const f of frag.fixups) resolveOne(asm, section, frag, frag.bytes, 0, f, inSection && f.pcRelative, relocs);
    }
  }
  return relocs;
}

function resolveOne(
  asm: Assembler, section: Section, frag: Fragment, bytes: Uint8Array, at: number, fixup: Fixup,
  forceResolve: boolean, relocs: PendingRelocation[],
): void {
  const backend = asm.backend;
  const item = at === 0 ? bytes : bytes.subarray(at);
  const fieldAddress = frag.address + BigInt(at + fixup.offset);
  const r = asm.evaluateValue(fixup.expr, envFor(asm, section, frag, at));
  if (!r.ok) {
    asm.error(r.loc, r.message);
    return;
  }
  let { constant } = r.value;
  let terms = r.value.terms;
  let pcRelative = fixup.pcRelative;
  let bias = fixup.pcBias ?? 0n;
  let f = fixup;

  // `sym@modifier` (+ constant): the backend names the relocation; the symbol itself is kept
  // (GOT and TLS relocations need it), except that `local@plt` may resolve like a branch.
  const modified = terms.find((t) => t.modifier !== undefined);
  if (modified) {
    if (terms.length !== 1 || modified.coeff !== 1n) {
      asm.error(f.loc, `invalid use of '@${modified.modifier}': only 'symbol@${modified.modifier} + constant' is allowed`);
      return;
    }
    const sym = modified.sym;
    const defined = sym.kind === 'label';
    const sameSection = defined && sym.section === section;
    const choice = backend.relocationType(f, { kind: 'symbol', bind: sym.bind, defined, sameSection, addend: constant, modifier: modified.modifier });
    if ('error' in choice) {
      asm.error(f.loc, choice.error);
      return;
    }
    if (choice.resolve) {
      if (!pcRelative || !sameSection) {
        asm.error(f.loc, 'internal: backend resolved a fixup that needs a relocation');
        return;
      }
      const e = backend.applyFixup(item, f, labelOffset(sym) + constant + bias - fieldAddress);
      if (e) asm.error(f.loc, e);
      return;
    }
    sym.usedInReloc = true;
    if (choice.threadLocal && sym.elfType === 0) sym.elfType = STT_TLS;
    relocs.push({ offset: fieldAddress, type: choice.type, target: sym, addend: constant + (pcRelative ? bias : 0n) });
    return;
  }

  // `sym - L` with L in this section: a pc-relative value.
  if (!pcRelative && terms.length >= 1) {
    const minus = terms.findIndex((t) => t.coeff === -1n && t.sym.kind === 'label' && t.sym.section === section);
    if (minus >= 0 && terms.length <= 2) {
      const l = terms[minus]!.sym;
      terms = terms.filter((_, k) => k !== minus);
      if (terms.length === 1 && terms[0]!.coeff === 1n) {
        constant += fieldAddress - labelOffset(l);
        pcRelative = true;
        bias = 0n;
        f = { ...fixup, pcRelative: true, pcBias: 0n, kind: backend.dataFixupKind(fixup.size as 1 | 2 | 4 | 8, true) };
      } else {
        terms = r.value.terms;
      }
    }
  }

  if (terms.length === 0) {
    if (!pcRelative) {
      const e = backend.applyFixup(item, f, constant);
      if (e) asm.error(f.loc, e);
      return;
    }
    const choice = backend.relocationType(f, { kind: 'absolute', bind: 'local', defined: true, sameSection: false, addend: constant });
    if ('error' in choice) {
      asm.error(f.loc, choice.error);
      return;
    }
    if (choice.resolve) {
      asm.error(f.loc, 'cannot resolve a pc-relative reference to an absolute address');
      return;
    }
    relocs.push({ offset: fieldAddress, type: choice.type, target: null, addend: constant + bias });
    return;
  }

  if (terms.length !== 1 || terms[0]!.coeff !== 1n) {
    const names = terms.map((t) => `${t.coeff < 0n ? '-' : ''}${asm.displayName(t.sym.name)}`).join(', ');
    asm.error(f.loc, `can't express this value as a relocation (symbols left: ${names}); a difference needs both symbols in one section`);
    return;
  }
  const sym = terms[0]!.sym;
  if (sym.kind === 'undefined' && sym.name.includes('\x02')) {
    asm.error(f.loc, `local label "${asm.displayName(sym.name)}" is not defined (referenced as ${asm.displayName(sym.name)}f)`);
    return;
  }
  const defined = sym.kind === 'label';
  const sameSection = defined && sym.section === section;
  if (pcRelative && forceResolve && sameSection) {
    const value = labelOffset(sym) + constant + bias - fieldAddress;
    const e = backend.applyFixup(item, f, value);
    if (e) asm.error(f.loc, e);
    return;
  }
  const bind = sym.bind;
  const choice = backend.relocationType(f, { kind: 'symbol', bind, defined, sameSection, addend: constant });
  if ('error' in choice) {
    asm.error(f.loc, choice.error);
    return;
  }
  if (choice.resolve) {
    if (!pcRelative || !sameSection) {
      asm.error(f.loc, 'internal: backend resolved a fixup that needs a relocation');
      return;
    }
    const value = labelOffset(sym) + constant + bias - fieldAddress;
    const e = backend.applyFixup(item, f, value);
    if (e) asm.error(f.loc, e);
    return;
  }
  // x86-64: a pc-relative reference into a mergeable section (SHF_MERGE, e.g. .rodata.str1.1)
  // keeps its local symbol, so the linker can merge the strings (gas tc-i386.c
  // tc_i386_fix_adjustable); other local references use the section symbol.
  // A local symbol in a TLS section (SHF_TLS) keeps its symbol whatever the relocation (gas
  // write.c adjust_reloc_syms: "Never adjust a reloc against TLS local symbol").
  const keepSymbol = (pcRelative && (sym.section?.flags ?? 0n) & SHF_MERGE ? backend.arch === 'x86_64' : false) || ((sym.section?.flags ?? 0n) & SHF_TLS) !== 0n;
  if (defined && bind === 'local' && !keepSymbol) {
    relocs.push({ offset: fieldAddress, type: choice.type, target: sym.section!, addend: constant + bias + labelOffset(sym) });
  } else {
    sym.usedInReloc = true;
    if (choice.threadLocal && sym.elfType === 0) sym.elfType = STT_TLS;
    relocs.push({ offset: fieldAddress, type: choice.type, target: sym, addend: constant + bias });
  }
}
