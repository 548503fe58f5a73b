// AT&T printer: the instruction text objdump -d prints (binutils 2.40), e.g. `mov    %rsp,%rbp`,
// `lock addl $0x1,(%rax)`, `lea    0x8(%rip),%rax        # 0x59`.
// objdump's conventions followed here: operands source first; immediates `$0x..` in hex, masked
// to the operand size; displacements signed hex; a disp8 of 0 still printed (`0x0(%rbp)`);
// suffix only when no register of the operand size is printed; `*` before indirect branch
// targets; `rep`/`repz`/`repnz` and `lock` before the mnemonic; the mnemonic padded to 6 columns.

import type { DecodedInstruction, DecodedOperand } from '../types.js';
import { FORMS, LETTER_OF_SIZE } from '../table/compile.js';
import { attName, prefixText } from '../table/names.js';
import { isHintable, isLoop } from '../decoder/decode.js';
import { gprName, SEGMENT_REGISTERS } from '../registers/registers.js';
import type { OperandSpec } from '../table/operands.js';

const hex = (v: bigint): string => `0x${v.toString(16)}`;
const signedHex = (v: number): string => (v < 0 ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);

export function formatAtt(d: DecodedInstruction): string {
  const form = FORMS[d.form]!;
  const parts: string[] = [];
  let sizedRegister = false;
  let comment = '';
  const indirect = form.op === 'call' || form.op === 'jmp' || form.op === 'lcall' || form.op === 'ljmp';
  const n = d.operands.length;
  for (let k = 0; k < n; k++) {
    const i = form.sameOrder ? k : n - 1 - k;
    const spec = form.ops[i]!;
    const op = d.operands[i]!;
    if (spec.kind === 'one') continue;
    if (op.kind === 'reg' && op.size === d.opSize && spec.kind !== 'dx' && spec.kind !== 'cl') sizedRegister = true;
    if (op.kind === 'mem' && op.base === 16) comment = `        # ${hex((d.address + BigInt(d.length) + BigInt(op.disp)) & 0xffffffffffffffffn)}`;
    parts.push((indirect && (op.kind === 'reg' || op.kind === 'mem') ? '*' : '') + attOperand(op, spec, d));
  }
  let name = attName(form, d.opSize, d.cond, sizedRegister);
  if (form.rmSuffix) {
    const at = form.ops.findIndex((o) => o.kind === 'rm');
    const rm = d.operands[at];
    if (rm?.kind === 'mem') name = form.op + LETTER_OF_SIZE[form.ops[at]!.size || d.opSize]!;
  }
  // A 32-bit moffs (67 prefix) is printed as plain `mov` by objdump.
  if (d.addrSize === 32 && d.operands.some((o) => o.kind === 'mem' && o.moffs !== undefined)) name = 'mov';
  let prefix = prefixText(d);
  // A CS/DS prefix on a conditional branch is a static hint: objdump writes `je,pn` / `je,pt`
  // in AT&T (Intel keeps the `cs`/`ds` word).
  if (isLoop(form) && d.addrSize === 32) {
    // The last 67 is the one the loop uses (objdump: `loopl`); earlier ones stay `addr32`.
    const words = prefix.split(' ').filter(Boolean);
    const at = words.lastIndexOf('addr32');
    if (at >= 0) {
      words.splice(at, 1);
      prefix = words.length ? `${words.join(' ')} ` : '';
      name += 'l';
    }
  }
  if (isHintable(form)) {
    const hint = / (cs|ds) /.exec(` ${prefix}`);
    if (hint) {
      prefix = ` ${prefix}`.replace(hint[0], ' ').trimStart();
      name += hint[1] === 'cs' ? ',pn' : ',pt';
    }
  }
  const head = prefix + name;
  if (parts.length === 0) return head;
  return `${head.padEnd(6)} ${parts.join(',')}${comment}`;
}

function attOperand(op: DecodedOperand, spec: OperandSpec, d: DecodedInstruction): string {
  switch (op.kind) {
    case 'reg':
      if (spec.kind === 'dx') return '(%dx)';
      return `%${gprName(op.reg, op.size, op.high8)}`;
    case 'sreg':
      return `%${SEGMENT_REGISTERS[op.reg]}`;
    case 'creg':
      return `%cr${op.reg}`;
    case 'dreg':
      return `%db${op.reg}`;
    case 'imm':
      return `$${hex(op.value)}`;
    case 'rel':
      return hex(op.target);
    case 'mem': {
      const seg = op.seg >= 0 ? `%${SEGMENT_REGISTERS[op.seg]}:` : '';
      if (op.moffs !== undefined) return seg + hex(op.moffs);
      const reg = (n: number): string => (n === 16 ? (d.addrSize === 32 ? '%eip' : '%rip') : `%${gprName(n, d.addrSize)}`);
      if (op.base < 0 && op.index < 0 && !op.riz) return seg + hex(BigInt.asUintN(d.addrSize === 32 ? 32 : 64, BigInt(op.disp)));
      const disp = op.dispSize || op.base < 0 ? signedHex(op.disp) : '';
      const riz = d.addrSize === 32 ? '%eiz' : '%riz';
      const inner = op.index >= 0 || op.riz
        ? `${op.base >= 0 ? reg(op.base) : ''},${op.index >= 0 ? reg(op.index) : riz},${op.scale}`
        : reg(op.base);
      return `${seg}${disp}(${inner})`;
    }
  }
}
