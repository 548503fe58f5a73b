// Layout: give every fragment an address, choose branch widths, and size alignment padding.
//
// Branch relaxation follows GNU as (gas/write.c relax_segment, tc-i386.c
// md_estimate_size_before_relax / md_relax_frag): a jump whose target is a non-weak label of
// the same section starts in its short form (rel8) and grows to rel32 when the displacement no
// longer fits; sizes only grow, so the loop ends. Any other target (another section, an
// undefined or weak symbol, an absolute address) takes the long form with a relocation.
import type { Assembler } from '../assembler.js';
import type { AsmSymbol } from '../symbols/symbol.js';
import { labelOffset, newSymbol } from '../symbols/symbol.js';
import type { EvalEnv } from '../expr/evaluate.js';
import type { Fragment, RelaxFragment, Section } from '../sections/section.js';

const MAX_ROUNDS = 10_000;

/** An evaluation environment for after layout, with `.` at `frag + offset`. */
export function finalEnv(asm: Assembler, section: Section, frag: Fragment, offset: number): EvalEnv {
  return {
    mode: 'final',
    lookup: (name) => asm.symbol(name),
    dot: (): AsmSymbol => {
      const s = newSymbol('\x02dot');
      s.kind = 'label';
      s.section = section;
      s.frag = frag;
      s.fragOffset = offset;
      return s;
    },
  };
}

/** The in-section label a relaxable branch targets (null: take the long form). */
export function relaxTargetOffset(asm: Assembler, section: Section, frag: RelaxFragment): bigint | null {
  const target = frag.insn.relaxTarget;
  if (!target) return null;
  if (target.k === 'sym' && target.modifier === undefined) {
    const sym = asm.symbol(target.name);
    if (sym.kind === 'label') return sym.section === section && sym.bind !== 'weak' ? labelOffset(sym) : null;
    if (sym.kind !== 'equ') return null;
  }
  const r = asm.evaluateValue(target, finalEnv(asm, section, frag, 0));
  if (!r.ok) return null;
  const { terms, constant } = r.value;
  if (terms.length !== 1 || terms[0]!.coeff !== 1n) return null;
  const sym = terms[0]!.sym;
  if (sym.kind !== 'label' || sym.section !== section || sym.bind === 'weak') return null;
  return labelOffset(sym) + constant;
}

function encodeRelax(asm: Assembler, frag: RelaxFragment, size: 8 | 32): void {
  frag.branchSize = size;
  const enc = asm.encodeRelaxed(frag.insn, size);
  if (enc) {
    frag.bytes = enc.bytes;
    frag.fixups = enc.fixups;
  } else {
    frag.bytes = new Uint8Array(0);
    frag.fixups = [];
  }
}

function fragSize(frag: Fragment): number {
  switch (frag.kind) {
    case 'data': return frag.length;
    case 'relax': return frag.bytes.length;
    default: return frag.size;
  }
}

/** One pass of address assignment; returns true if a variable size changed. */
function assignAddresses(asm: Assembler, section: Section): boolean {
  let address = 0n;
  let changed = false;
  for (const frag of section.frags) {
    frag.address = address;
    if (frag.kind === 'align') {
      const a = BigInt(frag.alignment);
      let pad = Number((a - (address % a)) % a);
      if (frag.maxSkip > 0 && pad > frag.maxSkip) pad = 0;
      if (pad !== frag.size) {
        frag.size = pad;
        changed = true;
      }
    } else if (frag.kind === 'space') {
      const r = asm.evaluateValue(frag.count, finalEnv(asm, section, frag, 0));
      let n = 0;
      if (r.ok && r.value.terms.length === 0 && r.value.constant > 0n && r.value.constant < 1n << 30n) n = Number(r.value.constant);
      if (n !== frag.size) {
        frag.size = n;
        changed = true;
      }
    }
    address += BigInt(fragSize(frag));
  }
  section.size = address;
  return changed;
}

/** The in-section target of a relaxable branch as GNU as sees it during a relaxation pass
 *  (gas/write.c relax_frag): a label whose fragment was not reached yet in this pass still has
 *  its old address; GNU as adds the growth so far ("stretch") unless an alignment lies between
 *  (it may absorb the growth) and the stretch is positive — then a target that now looks
 *  backward means "no growth this pass". Returns 'keep' for that case. */
function passTarget(
  asm: Assembler, section: Section, frag: RelaxFragment, index: number, order: Map<Fragment, number>, regions: number[],
  stretch: bigint,
): bigint | null | 'keep' {
  const target = frag.insn.relaxTarget;
  if (!target) return null;
  let sym: AsmSymbol | null = null;
  let constant = 0n;
  if (target.k === 'sym' && target.modifier === undefined) {
    const s = asm.symbol(target.name);
    if (s.kind === 'label') sym = s;
    else if (s.kind !== 'equ') return null;
  }
  if (!sym) {
    const r = asm.evaluateValue(target, finalEnv(asm, section, frag, 0));
    if (!r.ok || r.value.terms.length !== 1 || r.value.terms[0]!.coeff !== 1n) return null;
    sym = r.value.terms[0]!.sym;
    constant = r.value.constant;
    if (sym.kind !== 'label') return null;
  }
  if (sym.section !== section || sym.bind === 'weak' || !sym.frag) return null;
  const address = labelOffset(sym) + constant;
  const at = order.get(sym.frag);
  if (stretch !== 0n && at !== undefined && at > index) {
    if (stretch < 0n || regions[at] === regions[index]) return address + stretch;
    // The address right after the 1-byte opcode of the short form (jmp rel8 / jcc rel8).
    if (address < frag.address + 1n) return 'keep';
  }
  return address;
}

export function layoutSection(asm: Assembler, section: Section): void {
  const relax: RelaxFragment[] = [];
  assignAddresses(asm, section);
  for (const frag of section.frags) {
    if (frag.kind !== 'relax') continue;
    relax.push(frag);
    encodeRelax(asm, frag, relaxTargetOffset(asm, section, frag) === null ? 32 : 8);
  }
  assignAddresses(asm, section);
  if (relax.length > 0) {
    // GNU as's relax_segment: sweep the fragments in order, growing a short branch as soon as
    // its displacement (with the addresses of this sweep so far) does not fit, and carrying
    // the growth ("stretch") to everything after it; repeat until a sweep changes nothing.
    const order = new Map<Fragment, number>();
    const regions: number[] = [];
    let region = 0;
    section.frags.forEach((f, i) => {
      order.set(f, i);
      if (f.kind === 'align') region++;
      regions.push(region);
    });
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let stretch = 0n;
      let changed = false; // any size changed (growths and shrinks may cancel: gas `stretched`)
      let address = 0n;
      section.frags.forEach((frag, i) => {
        const old = frag.address;
        frag.address = address;
        if (frag.kind === 'relax' && frag.branchSize === 8) {
          const target = passTarget(asm, section, frag, i, order, regions, stretch);
          const disp = target === null || target === 'keep' ? null : target - (frag.address + BigInt(frag.bytes.length));
          if (target !== 'keep' && (disp === null || disp < -128n || disp > 127n)) {
            const before = frag.bytes.length;
            encodeRelax(asm, frag, 32);
            stretch += BigInt(frag.bytes.length - before);
            changed = true;
          }
        } else if (frag.kind === 'align') {
          const a = BigInt(frag.alignment);
          let pad = Number((a - (address % a)) % a);
          if (frag.maxSkip > 0 && pad > frag.maxSkip) pad = 0;
          if (pad !== frag.size) changed = true;
          stretch += BigInt(pad - frag.size);
          frag.size = pad;
        }
        void old;
        address += BigInt(fragSize(frag));
      });
      section.size = address;
      if (!changed) break;
      if (round === MAX_ROUNDS - 1) asm.error(relax[0]?.loc ?? asm.stmtLoc, `layout of section ${section.name} did not converge`);
    }
  }
  // Final addresses (and `.skip` sizes that depend on them) until stable.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (!assignAddresses(asm, section)) break;
  }
  checkSpaces(asm, section);
}

/** `.skip N` whose N was unknown when read must be absolute and non-negative after layout. */
function checkSpaces(asm: Assembler, section: Section): void {
  for (const frag of section.frags) {
    if (frag.kind !== 'space') continue;
    const r = asm.evaluateValue(frag.count, finalEnv(asm, section, frag, 0));
    if (!r.ok) asm.error(r.loc, r.message);
    else if (r.value.terms.length > 0) {
      const t = r.value.terms[0]!.sym;
      const why = t.kind === 'undefined' ? `symbol '${asm.displayName(t.name)}' is not defined` : 'the value is not absolute';
      asm.error(frag.loc, `.skip size must be an absolute expression (${why})`);
    } else if (r.value.constant < 0n) asm.warning(frag.loc, `.skip size ${r.value.constant} is negative; ignored`);
    else if (r.value.constant >= 1n << 30n) asm.error(frag.loc, `.skip size ${r.value.constant} is too large`);
  }
}

/** The bytes of a section after layout (alignment padding and relaxed branches included). */
export function sectionBytes(asm: Assembler, section: Section): Uint8Array {
  const out = new Uint8Array(Number(section.size));
  for (const frag of section.frags) {
    const at = Number(frag.address);
    switch (frag.kind) {
      case 'data':
        out.set(frag.bytes.subarray(0, frag.length), at);
        break;
      case 'relax':
        out.set(frag.bytes, at);
        break;
      case 'align':
        if (frag.fill === null) out.set(asm.backend.codeFill(frag.size), at);
        else out.fill(frag.fill, at, at + frag.size);
        break;
      case 'space':
        out.fill(frag.fill, at, at + frag.size);
        break;
    }
  }
  return out;
}
