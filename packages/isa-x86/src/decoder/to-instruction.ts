// DecodedInstruction -> X86Instruction (AT&T operand order, GAS mnemonic with suffix), so a
// decoded instruction can be encoded again: the disassembler round trip, and a way for other
// packages to re-assemble what they decoded. Implicit operands (string operands, the shift
// count 1) are left out, as GAS allows.

import type { DecodedInstruction, X86Instruction, X86Operand } from '../types.js';
import { FORMS, LETTER_OF_SIZE, MNEMONICS } from '../table/compile.js';
import { attName } from '../table/names.js';
import { gprName, SEGMENT_REGISTERS } from '../registers/registers.js';

const KEPT_WORDS: Record<string, string> = {
  data16: 'data16', addr32: 'addr32', cs: 'cs', ds: 'ds', es: 'es', ss: 'ss', fs: 'fs', gs: 'gs', notrack: 'notrack', rex: 'rex', 'rex.W': 'rex.w',
};

export function toInstruction(d: DecodedInstruction): { insn: X86Instruction; branchSize?: 8 | 32 } {
  const form = FORMS[d.form]!;
  const operands: X86Operand[] = [];
  let branchSize: 8 | 32 | undefined;
  const n = d.operands.length;
  // Implicit operands are left out unless one carries something (a segment override, 32-bit
  // address registers on a string operand); then all are written, as GAS wants all or none.
  const keepImplicit = form.ops.some((spec, i) => {
    const op = d.operands[i]!;
    const str = spec.kind === 'strSrc' || spec.kind === 'strDst' || spec.kind === 'xlat';
    return str && op.kind === 'mem' && ((op.seg !== 3 && op.seg !== 0) || d.addrSize === 32);
  });
  for (let k = 0; k < n; k++) {
    const i = form.sameOrder ? k : n - 1 - k;
    const spec = form.ops[i]!;
    const op = d.operands[i]!;
    if (spec.implicit && (!keepImplicit || spec.kind === 'one')) continue;
    switch (op.kind) {
      case 'reg':
        operands.push({ kind: 'reg', reg: gprName(op.reg, op.size, op.high8) });
        break;
      case 'sreg':
        operands.push({ kind: 'reg', reg: SEGMENT_REGISTERS[op.reg]! });
        break;
      case 'creg':
        operands.push({ kind: 'reg', reg: `cr${op.reg}` });
        break;
      case 'dreg':
        operands.push({ kind: 'reg', reg: `dr${op.reg}` });
        break;
      case 'imm':
        operands.push({ kind: 'imm', value: op.value });
        break;
      case 'rel':
        operands.push({ kind: 'rel', target: op.target });
        branchSize = spec.width === 8 ? 8 : 32;
        break;
      case 'mem': {
        const m: Extract<X86Operand, { kind: 'mem' }> = { kind: 'mem', scale: op.scale, disp: op.moffs ?? BigInt(op.disp) };
        if (op.seg >= 0) m.seg = SEGMENT_REGISTERS[op.seg]!;
        if (op.base === 16) m.base = d.addrSize === 32 ? 'eip' : 'rip';
        else if (op.base >= 0) m.base = gprName(op.base, d.addrSize);
        if (op.index >= 0) m.index = gprName(op.index, d.addrSize);
        operands.push(m);
        break;
      }
    }
  }
  // The suffixed spelling is unambiguous; objdump's short one may not be.
  let mnemonic = attName(form, d.opSize, d.cond, false);
  if (form.rmSuffix) {
    // crc32: the suffix names the source size, and only a memory source needs it.
    const at = form.ops.findIndex((o) => o.kind === 'rm');
    const rm = d.operands[at];
    mnemonic = rm?.kind === 'mem' ? form.op + LETTER_OF_SIZE[form.ops[at]!.size || d.opSize]! : form.op;
  } else if (!MNEMONICS.has(mnemonic)) {
    // Some mnemonics take no size suffix (`rdrand %ax`): the register operand carries the size.
    mnemonic = attName(form, d.opSize, d.cond, true);
  }
  const insn: X86Instruction = { mnemonic, operands };
  const prefixes: string[] = [];
  // Prefix bytes that did nothing are kept, so the bytes come back the same.
  for (const w of (d.prefixWords ?? '').split(' ')) {
    const p = KEPT_WORDS[w];
    if (p && !prefixes.includes(p)) prefixes.push(p);
  }
  if (d.lock) prefixes.push('lock');
  if (d.rep) prefixes.push(d.rep);
  if (prefixes.length) insn.prefixes = prefixes;
  return branchSize ? { insn, branchSize } : { insn };
}
