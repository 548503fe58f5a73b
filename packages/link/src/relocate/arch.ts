// What the generic relocation pass asks of an architecture: which relocation types need a
// GOT slot (and of what kind), and how to compute and store one relocation.

import type { Field } from './field.js';

export type GotKind = 'address' | 'tpoff';

export interface RelocationValues {
  field: Field;
  /** Byte offset of the relocated field inside `field.data`. */
  at: number;
  type: number;
  /** S: the symbol's address (0 for an undefined weak symbol). */
  S: bigint;
  /** A: the addend. */
  A: bigint;
  /** P: the address of the place being relocated. */
  P: bigint;
  /** The GOT slot's address for GOT-using types. */
  G: bigint | undefined;
  /** Thread-pointer-relative offset of S (x86-64 variant II / AArch64 variant I TLS). */
  tpoff: (address: bigint) => bigint;
  /** The symbol is an undefined weak (S = 0). */
  undefinedWeak: boolean;
}

export interface ArchRelocator {
  machine: number;
  name: string;
  pageSize: bigint;
  /** Pad the file to page boundaries between segments. */
  padFile: boolean;
  /** GOT slot kind this relocation needs, or undefined. `relaxable` is set when the
   *  instruction may be rewritten instead (x86-64 mov foo@GOTPCREL → lea). */
  gotKind(type: number, field: Field, at: number, symbolDefined: boolean): GotKind | undefined;
  /** Applies one relocation. Throws RelocationOverflow or returns an error message string for
   *  an unsupported type. */
  apply(v: RelocationValues): string | undefined;
  /** Names for diagnostics. */
  typeName(type: number): string;
  /** true for types whose value is an absolute address (S + A): a shared object loaded at
   *  an unknown address would need a dynamic relocation for them. */
  absolute(type: number): boolean;
  /** Size in bytes of the field (for the bounds check); undefined for unknown types. */
  fieldSize(type: number): number | undefined;
}
