// Condition codes of A64 (Arm ARM C1.2.4, table C1-1). `cs`/`hs` and `cc`/`lo` are the same
// code; objdump prints the first name and lists the others (incl. the SVE names) in a comment.

export const conditionNames = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'] as const;

const conditionAliases: Record<string, number> = { hs: 2, lo: 3 };

/** The 4-bit code of a condition name (accepts hs/lo), or undefined. */
export function conditionCode(name: string): number | undefined {
  const lower = name.toLowerCase();
  const i = (conditionNames as readonly string[]).indexOf(lower);
  if (i >= 0) return i;
  return conditionAliases[lower];
}

/** The other names GNU objdump lists for a condition (binutils opcodes/aarch64-opc.c, SVE names included). */
export const conditionOtherNames: readonly (readonly string[])[] = [
  ['none'], ['any'], ['hs', 'nlast'], ['lo', 'ul', 'last'], ['first'], ['nfrst'], [], [],
  ['pmore'], ['plast'], ['tcont'], ['tstop'], [], [], [], [],
];
