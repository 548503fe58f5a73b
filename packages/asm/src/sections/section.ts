// Sections and the fragments their contents are built from.
//
// As in GNU as (as.info §4 "Sections and Relocation", and the "frag" machinery of gas/frags.c),
// a section is a chain of fragments: `data` fragments hold bytes whose size is fixed when the
// line is read (instructions, data directives) together with the fixups to fill in later;
// `align` and `relax` fragments have a size that depends on where they end up, and layout
// computes it. A new fragment starts after every variable one, so a label's offset inside its
// fragment never changes; the fragment's address does.
import type { Fixup } from '../arch/backend.js';
import type { BackendInstruction } from '../arch/backend.js';
import type { Expr } from '../expr/ast.js';
import type { SourceLoc } from '../diagnostics/diagnostic.js';

/** A fixup placed in a data fragment: `at` is the byte offset of the item (instruction or data
 *  word) in the fragment; the field is at `at + fixup.offset`. */
export interface PlacedFixup {
  at: number;
  fixup: Fixup;
  /** The `.` of the statement that produced it (for expressions that use `.`). */
  dotFragOffset: number;
}

export interface DataFragment {
  kind: 'data';
  address: bigint;
  /** Number of variable fragments before this one in the section (see symbols: labels in the
   *  same epoch have a difference known before layout). */
  epoch: number;
  /** Offset of this fragment from the start of its epoch. */
  epochOffset: number;
  bytes: Uint8Array;
  length: number;
  fixups: PlacedFixup[];
}

export interface AlignFragment {
  kind: 'align';
  address: bigint;
  epoch: number;
  epochOffset: number;
  /** Power-of-two byte alignment. */
  alignment: number;
  /** Fill byte, or null for the backend's code fill (NOPs). */
  fill: number | null;
  /** Skip the alignment when more than this many bytes are needed (`.p2align a,f,max`). */
  maxSkip: number;
  size: number;
  loc: SourceLoc;
}

export interface RelaxFragment {
  kind: 'relax';
  address: bigint;
  epoch: number;
  epochOffset: number;
  insn: BackendInstruction;
  /** Current branch width: starts at 8, grows to 32, never shrinks (GNU as relax_frag). */
  branchSize: 8 | 32;
  bytes: Uint8Array;
  fixups: Fixup[];
  loc: SourceLoc;
}

/** `.skip N` where N is only known after layout (e.g. `.skip end - start` across a variable
 *  fragment). */
export interface SpaceFragment {
  kind: 'space';
  address: bigint;
  epoch: number;
  epochOffset: number;
  count: Expr;
  fill: number;
  size: number;
  loc: SourceLoc;
}

export type Fragment = DataFragment | AlignFragment | RelaxFragment | SpaceFragment;

export interface Section {
  name: string;
  type: number;
  flags: bigint;
  entsize: bigint;
  /** Largest alignment requested in this section (sh_addralign). */
  align: number;
  frags: Fragment[];
  /** Index in creation order (the order GNU as writes section headers). */
  index: number;
  /** Current epoch (count of variable fragments) and size of the current epoch so far. */
  epoch: number;
  /** Total size after layout. */
  size: bigint;
  /** Size counted by `.bss`-style sections (SHT_NOBITS) is in the fragments as zero bytes. */
  nobits: boolean;
}

const INITIAL_DATA = 32;

export function newSection(name: string, type: number, flags: bigint, entsize: bigint, index: number): Section {
  const s: Section = {
    name, type, flags, entsize, align: 1, frags: [], index, epoch: 0, size: 0n, nobits: type === 8 /* SHT_NOBITS */,
  };
  s.frags.push(newDataFragment(s, 0));
  return s;
}

function newDataFragment(section: Section, epochOffset: number): DataFragment {
  return { kind: 'data', address: 0n, epoch: section.epoch, epochOffset, bytes: new Uint8Array(INITIAL_DATA), length: 0, fixups: [] };
}

/** The fragment new bytes go to (always a data fragment at the end of the chain). */
export function currentData(section: Section): DataFragment {
  return section.frags[section.frags.length - 1] as DataFragment;
}

/** Reserve `n` bytes at the end of the current data fragment; returns the offset they start at. */
export function reserve(section: Section, n: number): { frag: DataFragment; at: number } {
  const frag = currentData(section);
  const at = frag.length;
  const need = at + n;
  if (need > frag.bytes.length) {
    let cap = frag.bytes.length * 2;
    while (cap < need) cap *= 2;
    const grown = new Uint8Array(cap);
    grown.set(frag.bytes.subarray(0, frag.length));
    frag.bytes = grown;
  }
  frag.length = need;
  return { frag, at };
}

/** Append a variable-size fragment and start a new epoch with a fresh data fragment. */
export function appendVariable(section: Section, frag: Fragment): void {
  section.frags.push(frag);
  section.epoch++;
  section.frags.push(newDataFragment(section, 0));
}

/** Offset of the next byte from the start of the current epoch (the current data fragment
 *  always starts its epoch, because a variable fragment closes the previous one). */
export function epochPosition(section: Section): number {
  const frag = currentData(section);
  return frag.epochOffset + frag.length;
}
