// Intel printer: the instruction text objdump -d -M intel prints (binutils 2.40), e.g.
// `mov    rbp,rsp`, `add    DWORD PTR [rax],0x1`, `mov    rax,QWORD PTR fs:0x28`.
// Operands destination first; memory as `SIZE PTR seg:[base+index*scale+disp]`; lea and the
// descriptor-table instructions print no size; the implicit shift count 1 is printed.

import type { DecodedInstruction, DecodedOperand } from '../types.js';
import { FORMS, type Form } from '../table/compile.js';
import { intelName, prefixText } from '../table/names.js';
import { gprName, SEGMENT_REGISTERS } from '../registers/registers.js';
import type { OperandSpec } from '../table/operands.js';

const hex = (v: bigint): string => `0x${v.toString(16)}`;
const PTR: Record<number, string> = { 8: 'BYTE PTR ', 16: 'WORD PTR ', 32: 'DWORD PTR ', 48: 'FWORD PTR ', 64: 'QWORD PTR ', 80: 'TBYTE PTR ', 128: 'OWORD PTR ' };
const NO_PTR = new Set(['lea', 'lgdt', 'lidt', 'sgdt', 'sidt']);

export function formatIntel(d: DecodedInstruction): string {
  const form = FORMS[d.form]!;
  const parts: string[] = [];
  let comment = '';
  for (let i = 0; i < d.operands.length; i++) {
    const op = d.operands[i]!;
    if (form.ops[i]!.kind === 'fixedReg') continue; // objdump -M intel: `monitor`, AT&T: `monitor %rax,%ecx,%edx`
    if (op.kind === 'mem' && op.base === 16) comment = `        # ${hex((d.address + BigInt(d.length) + BigInt(op.disp)) & 0xffffffffffffffffn)}`;
    parts.push(intelOperand(op, form.ops[i]!, form, d));
  }
  let name = intelName(form, d.opSize, d.cond);
  if (d.addrSize === 32 && d.operands.some((o) => o.kind === 'mem' && o.moffs !== undefined)) name = 'mov';
  // objdump -M intel marks a 16-bit push/pop whose operands do not show the size (`pushw 0x1`).
  if (form.d64 && d.opSize === 16 && !form.def.intel?.w && d.operands.length && d.operands.every((o) => o.kind === 'imm' || o.kind === 'sreg')) name += 'w';
  let prefix = prefixText(d);
  // The 67 of `monitor %eax,...` shows only in the AT&T operands; Intel syntax prints none, so
  // objdump -M intel names the prefix.
  if (d.addrSize === 32 && form.ops.some((o) => o.kind === 'fixedReg' && o.size === 64) && !/addr32/.test(prefix)) prefix = `addr32 ${prefix}`;
  const head = prefix + name;
  if (parts.length === 0) return head;
  return `${head.padEnd(6)} ${parts.join(',')}${comment}`;
}

function intelOperand(op: DecodedOperand, spec: OperandSpec, form: Form, d: DecodedInstruction): string {
  switch (op.kind) {
    case 'reg':
      return gprName(op.reg, op.size, op.high8);
    case 'sreg':
      return SEGMENT_REGISTERS[op.reg]!;
    case 'creg':
      return `cr${op.reg}`;
    case 'dreg':
      return `dr${op.reg}`;
    case 'imm':
      return spec.kind === 'one' ? '1' : hex(op.value);
    case 'rel':
      return hex(op.target);
    case 'mem': {
      const size = spec.noAccess ? (form.op === 'nop' ? d.opSize : 0) : op.size;
      const ptr = NO_PTR.has(form.op) ? '' : PTR[size] ?? '';
      const seg = op.seg >= 0 ? `${SEGMENT_REGISTERS[op.seg]}:` : '';
      if (op.moffs !== undefined) return `${seg || 'ds:'}${hex(op.moffs)}`;
      const reg = (n: number): string => (n === 16 ? (d.addrSize === 32 ? 'eip' : 'rip') : gprName(n, d.addrSize));
      if (op.base < 0 && op.index < 0 && !op.riz) return `${ptr}${seg || 'ds:'}${hex(BigInt.asUintN(d.addrSize === 32 ? 32 : 64, BigInt(op.disp)))}`;
      let inner = op.base >= 0 ? reg(op.base) : '';
      if (op.index >= 0 || op.riz) inner += `${inner ? '+' : ''}${op.index >= 0 ? reg(op.index) : d.addrSize === 32 ? 'eiz' : 'riz'}*${op.scale}`;
      // objdump -M intel writes a negative RIP-relative displacement as a 64-bit unsigned sum.
      if (op.base === 16) inner += `+${hex(BigInt.asUintN(64, BigInt(op.disp)))}`;
      else if (op.dispSize || op.base < 0) inner += op.disp < 0 ? `-0x${(-op.disp).toString(16)}` : `+0x${op.disp.toString(16)}`;
      return `${ptr}${seg}[${inner}]`;
    }
  }
}
