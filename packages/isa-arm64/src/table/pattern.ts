// Bit patterns of A64 encodings, written the way the Arm ARM draws its encoding diagrams
// (most significant bit first): fixed bits as 0/1 runs, fields as `name:width`, and fields
// whose value this encoding fixes as `name:width=bits` (fixed, yet still reported by name so
// the emulator can read e.g. `size` or `opc` uniformly). Arm ARM (DDI 0487) chapter C4 gives
// the diagrams these strings transcribe.

export interface A64Field {
  name: string;
  /** lowest bit position */
  lsb: number;
  width: number;
}

export interface A64Pattern {
  mask: number;
  value: number;
  fields: A64Field[];
}

export class A64PatternError extends Error {
  override name = 'A64PatternError';
}

/** Parse `sf:1 0 0 100010 sh:1 imm12:12 Rn:5 Rd:5` into mask, value and field positions. */
export function parsePattern(text: string): A64Pattern {
  let bit = 32;
  let mask = 0;
  let value = 0;
  const fields: A64Field[] = [];
  for (const token of text.trim().split(/\s+/)) {
    const named = /^([A-Za-z][A-Za-z0-9_]*):(\d+)(?:=([01]+))?$/.exec(token);
    if (named) {
      const width = Number(named[2]);
      bit -= width;
      fields.push({ name: named[1]!, lsb: bit, width });
      if (named[3] !== undefined) {
        if (named[3].length !== width) throw new A64PatternError(`field ${token}: value width differs`);
        const fieldMask = width === 32 ? 0xffffffff : ((1 << width) - 1) << bit;
        mask |= fieldMask;
        value |= parseInt(named[3], 2) << bit;
      }
      continue;
    }
    if (!/^[01]+$/.test(token)) throw new A64PatternError(`bad pattern token '${token}' in '${text}'`);
    for (const ch of token) {
      bit -= 1;
      mask |= 1 << bit;
      if (ch === '1') value |= 1 << bit;
    }
  }
  if (bit !== 0) throw new A64PatternError(`pattern '${text}' covers ${32 - bit} bits, not 32`);
  return { mask: mask >>> 0, value: value >>> 0, fields };
}

export function extractField(word: number, field: A64Field): number {
  return field.width === 32 ? word >>> 0 : (word >>> field.lsb) & ((1 << field.width) - 1);
}

export function insertField(word: number, field: A64Field, v: number): number {
  const m = ((1 << field.width) - 1) << field.lsb;
  return ((word & ~m) | ((v << field.lsb) & m)) >>> 0;
}
