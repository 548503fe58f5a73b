// The decoder: a 32-bit word → its canonical form and raw fields (by Arm ARM names), or null
// when the word is unallocated in the table (the emulator raises UNDEFINED for it). Matching
// uses the table's mask/value pairs, pre-bucketed by bits 31:21 (see table/compiled.ts).

import type { A64Decoded } from './types.js';
import { decodeBuckets, decodeDispatchShift, type CompiledForm } from './table/compiled.js';
import type { Fields } from './table/operands/index.js';

/** Find the table entry of a word (null = unallocated). */
export function matchForm(word: number): { form: CompiledForm; fields: Fields } | null {
  const w = word >>> 0;
  const bucket = decodeBuckets[w >>> decodeDispatchShift]!;
  for (let i = 0; i < bucket.length; i++) {
    const form = bucket[i]!;
    if ((w & form.mask) >>> 0 !== form.value) continue;
    const fields = form.extract(w);
    if (form.spec.unallocated?.(fields)) continue;
    return { form, fields };
  }
  return null;
}

export function decodeA64(word: number, address: bigint): A64Decoded | null {
  if (!Number.isInteger(word)) return null;
  const m = matchForm(word);
  if (!m) return null;
  return { address, word: word >>> 0, form: m.form.spec.form, formId: m.form.formId, fields: m.fields };
}
