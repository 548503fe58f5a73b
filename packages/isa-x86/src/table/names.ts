// Printed names of a form: the Intel mnemonic (DecodedInstruction.mnemonic, objdump -M intel)
// and the AT&T mnemonic with objdump's size-suffix rule. Both come from the table entry.

import { CONDITIONS } from './forms.js';
import { FORMS, LETTER_OF_SIZE, type Form } from './compile.js';
import type { DecodedInstruction } from '../types.js';

const CC_PREFIX: Record<string, string> = { jcc: 'j', setcc: 'set', cmovcc: 'cmov' };

const intelCache: (string | undefined)[] = [];

/** Intel spelling without size suffix: `add`, `movzx`, `jne`, `cdqe` (cached: the decoder calls it). */
export function intelName(form: Form, opSize: number, cond: number): string {
  const key = (form.id * 8 + (opSize >> 3)) * 16 + (cond < 0 ? 0 : cond);
  return (intelCache[key] ??= computeIntelName(form, opSize, cond));
}

function computeIntelName(form: Form, opSize: number, cond: number): string {
  if (form.cc) return CC_PREFIX[form.op]! + CONDITIONS[cond]![0];
  const byBits = form.def.intel;
  if (byBits) {
    const n = byBits[form.sizes.length ? LETTER_OF_SIZE[opSize]! : ''];
    if (n) return n;
  }
  return form.op;
}

/** AT&T spelling as objdump prints it. `hasSizedRegister`: an operand register of the operand
 *  size is printed, so objdump leaves the suffix out (`add %eax,%ebx` but `addl $1,(%rax)`). */
export function attName(form: Form, opSize: number, cond: number, hasSizedRegister: boolean): string {
  const letter = LETTER_OF_SIZE[opSize] ?? '';
  const fixed = form.def.att?.[letter];
  if (fixed) return fixed;
  let base = form.cc ? CC_PREFIX[form.op]! + CONDITIONS[cond]![0] : form.op;
  if (form.sizes.length === 0 || form.neverSuffix) return base;
  if (form.alwaysSuffix) return base + letter;
  if (form.d64 && opSize === 64) return base;
  if (hasSizedRegister) return base;
  return base + letter;
}

const STRING_OPS = new Set(['movs', 'cmps', 'stos', 'lods', 'scas', 'ins', 'outs']);
const BRANCH_OPS = new Set(['call', 'jmp', 'ret', 'jcc']);

/** The words objdump prints before the mnemonic: prefixes with no effect, then lock and
 *  rep. F3/F2 read `rep`/`repz`/`repnz` on string instructions (`repz` for cmps/scas, which
 *  test ZF), `repz` elsewhere, and F2 on a branch is the MPX `bnd` prefix. */
export function prefixText(d: DecodedInstruction): string {
  if (d.prefixWords !== undefined) return d.prefixWords ? `${d.prefixWords} ` : '';
  let out = '';
  if (d.lock) out += 'lock ';
  if (d.rep) {
    const op = FORMS[d.form]!.op;
    if (STRING_OPS.has(op)) out += d.rep === 'repne' ? 'repnz ' : op === 'cmps' || op === 'scas' ? 'repz ' : 'rep ';
    else out += d.rep === 'repne' ? (BRANCH_OPS.has(op) ? 'bnd ' : 'repnz ') : 'repz ';
  }
  return out;
}
