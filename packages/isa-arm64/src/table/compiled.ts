// The table prepared for use: patterns parsed, operand kinds resolved, form ids assigned, and
// lookups built — by mnemonic for the encoder, by bits 28:25 (the A64 top-level op0 field,
// Arm ARM C4.1 table C4-1) for the decoder. Built once at module load.

import { formSpecs, type A64AliasSpec, type A64FormSpec } from './forms.js';
import { operandKind, type Fields, type OperandKind } from './operands/index.js';
import { parsePattern, type A64Field } from './pattern.js';

export interface CompiledAlias {
  spec: A64AliasSpec;
  operands: OperandKind[];
}

export interface CompiledForm {
  spec: A64FormSpec;
  formId: number;
  mask: number;
  value: number;
  fields: A64Field[];
  /** fields the pattern fixes, by name */
  fixedFields: Fields;
  operands: OperandKind[];
  aliases: CompiledAlias[];
  /** the fields of a matching word, as one object literal (same shape for every word of the
   *  form, which keeps V8's objects fast) */
  extract: (w: number) => Fields;
}

/** A spelling the encoder can try: a form itself or one of its aliases. */
export interface EncodingCandidate {
  form: CompiledForm;
  alias?: CompiledAlias;
  operands: OperandKind[];
  fixed: Fields;
}

function compile(spec: A64FormSpec, formId: number): CompiledForm {
  const p = parsePattern(spec.pattern);
  const fixedFields: Fields = {};
  for (const f of p.fields) {
    const m = ((1 << f.width) - 1) << f.lsb;
    if ((p.mask & m) >>> 0 === m >>> 0) fixedFields[f.name] = (p.value >>> f.lsb) & ((1 << f.width) - 1);
  }
  return {
    spec,
    formId,
    mask: p.mask,
    value: p.value,
    fields: p.fields,
    fixedFields,
    operands: spec.operands.map(operandKind),
    aliases: (spec.aliases ?? []).map((a) => ({ spec: a, operands: a.operands.map(operandKind) })),
    extract: compileExtractor(p.fields),
  };
}

function compileExtractor(fields: A64Field[]): (w: number) => Fields {
  const body = fields.map((fl) => `${JSON.stringify(fl.name)}: (w >>> ${fl.lsb}) & ${fl.width === 32 ? 0xffffffff : (1 << fl.width) - 1}`).join(', ');
  return new Function('w', `return { ${body} };`) as (w: number) => Fields;
}

/** Form names in table order; `formId` is the index into this list. */
export const a64FormNames: readonly string[] = [...new Set(formSpecs.map((s) => s.form))];
const formIdByName = new Map(a64FormNames.map((n, i) => [n, i]));
/** Form name → formId (for a `switch` built once at load time; ids follow table order, so do
 *  not hard-code the numbers). */
export const a64FormIds: Readonly<Record<string, number>> = Object.freeze(Object.fromEntries(formIdByName));

export const compiledForms: readonly CompiledForm[] = formSpecs.map((s) => compile(s, formIdByName.get(s.form)!));

// ---------------------------------------------------------------- encoder lookup

const byMnemonic = new Map<string, EncodingCandidate[]>();
for (const form of compiledForms) {
  const push = (mnemonic: string, c: EncodingCandidate): void => {
    const list = byMnemonic.get(mnemonic) ?? [];
    list.push(c);
    byMnemonic.set(mnemonic, list);
  };
  for (const alias of form.aliases) push(alias.spec.mnemonic, { form, alias, operands: alias.operands, fixed: alias.spec.fixed ?? {} });
  push(form.spec.mnemonic, { form, operands: form.operands, fixed: {} });
}
// Table order is preference order; an alias listed on a later form must not jump ahead of an
// earlier form, so sort every list by the position of its form in the table.
const position = new Map(compiledForms.map((f, i) => [f, i]));
for (const list of byMnemonic.values()) list.sort((a, b) => position.get(a.form)! - position.get(b.form)!);

export function candidatesFor(mnemonic: string): EncodingCandidate[] | undefined {
  return byMnemonic.get(mnemonic);
}

/** Every mnemonic the assembler accepts (canonical and alias spellings; `b.<cond>` expanded). */
export const a64Mnemonics: readonly string[] = (() => {
  const names = new Set<string>();
  for (const m of byMnemonic.keys()) {
    if (m === 'b.<cond>') {
      for (const c of ['eq', 'ne', 'cs', 'hs', 'cc', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv']) names.add(`b.${c}`);
    } else names.add(m);
  }
  return [...names].sort();
})();

// ---------------------------------------------------------------- decoder lookup

/** Decode dispatch on the top 11 bits (31:21): each of the 2048 values lists, in table order,
 *  only the forms whose fixed bits agree with it — usually one to three. */
const DISPATCH_SHIFT = 21;
export const decodeBuckets: CompiledForm[][] = Array.from({ length: 1 << (32 - DISPATCH_SHIFT) }, (_, top) =>
  compiledForms.filter((f) => {
    const m = f.mask >>> DISPATCH_SHIFT;
    const v = f.value >>> DISPATCH_SHIFT;
    return (top & m) === v;
  }),
);
export const decodeDispatchShift = DISPATCH_SHIFT;
