// The printer: a decoded instruction → text as `aarch64-linux-gnu-objdump -d` prints it:
// mnemonic, a tab, operands separated by ", ", the preferred alias chosen by the Arm ARM
// alias conditions, branch targets as bare hex addresses (objdump then appends `<sym>`,
// which needs a symbol table: pass `symbolize`), and objdump's condition comments
// (`// b.hs, b.nlast` after b.cond, `// cs = hs, nlast` after csel-like instructions).
// With `symbolize`, targets get objdump's ` <symbol+off>` suffix.

import type { A64Decoded } from './types.js';
import { matchForm } from './decode.js';
import { conditionNames, conditionOtherNames } from './table/conditions.js';
import type { OperandKind } from './table/operands/index.js';

export interface A64FormatOptions {
  /** Name for a branch/adr/literal target, printed as objdump does: `bl\t400 <main>`
   *  (return e.g. `main` or `.text+0x40`; undefined prints the bare address). */
  symbolize?: (address: bigint) => string | undefined;
}

export function formatA64(d: A64Decoded, options: A64FormatOptions = {}): string {
  const m = matchForm(d.word);
  if (!m) return `.inst\t0x${(d.word >>> 0).toString(16).padStart(8, '0')} ; undefined`;
  const { form, fields } = m;
  let mnemonic = form.spec.mnemonic;
  let operands: OperandKind[] = form.operands;
  for (const alias of form.aliases) {
    if (alias.spec.encodeOnly || !alias.spec.when) continue;
    if (alias.spec.when(fields)) {
      mnemonic = alias.spec.mnemonic;
      operands = alias.operands;
      break;
    }
  }
  let comment = '';
  if (mnemonic.includes('<cond>')) {
    const name = conditionNames[fields.cond!]!;
    mnemonic = mnemonic.replace('<cond>', name);
    const others = conditionOtherNames[fields.cond!]!;
    if (others.length) comment = `  // ${others.map((o) => `b.${o}`).join(', ')}`;
  }
  const texts: string[] = [];
  for (const kind of operands) {
    let text = kind.format(fields, d.address);
    if (text === null) continue;
    if (options.symbolize && kind.target) {
      const name = options.symbolize(kind.target(fields, d.address));
      if (name !== undefined) text += ` <${name}>`;
    }
    texts.push(text);
    const c = kind.comment?.(fields);
    if (c !== undefined) comment = `\t// ${c}`;
    if (kind.spec === 'cond' || kind.spec === 'invcond') {
      const code = kind.spec === 'cond' ? fields.cond! : fields.cond! ^ 1;
      const others = conditionOtherNames[code]!;
      if (others.length) comment = `\t// ${conditionNames[code]} = ${others.join(', ')}`;
    }
  }
  return texts.length ? `${mnemonic}\t${texts.join(', ')}${comment}` : mnemonic;
}
