// A small AT&T operand reader for this package's tests only: turns one line of GAS syntax
// (`lock addl $1, 8(%rax,%rbx,4)`, `jmp .+0x10`, `movq %fs:0x28, %rax`) into an X86Instruction.
// The real assembler (@vsys/asm) has its own full parser; this one knows numbers, registers,
// memory operands, `$imm`, `*` indirection and `.±n` branch targets, and nothing else.

import type { X86Instruction, X86Operand } from '../types.js';

const PREFIXES = new Set(['lock', 'rep', 'repe', 'repz', 'repne', 'repnz', 'data16', 'addr32', 'rex', 'rex.w', 'rex64', 'notrack', 'cs', 'ds', 'es', 'fs', 'gs', 'ss']);
const BRANCHES = /^(j[a-z]+|call[q]?|loop[a-z]*)$/;

/** A symbol name stands for a value the assembler does not know yet: 0, marked symbolic. */
const SYMBOL = /^[a-z_][a-z0-9_]*([+-](0x[0-9a-f]+|[0-9]+))?$/i;

function parseNumber(text: string): bigint {
  const t = text.trim();
  const neg = t.startsWith('-');
  const body = neg || t.startsWith('+') ? t.slice(1) : t;
  if (!/^(0x[0-9a-f]+|[0-9]+)$/i.test(body)) throw new Error(`att-reader: not a number: '${text}'`);
  const v = BigInt(body);
  return neg ? -v : v;
}

function splitOperands(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function parseOperand(text: string, branch: boolean, address: bigint): X86Operand {
  let t = text.trim();
  const indirect = t.startsWith('*');
  if (indirect) t = t.slice(1).trim();
  if (t.startsWith('$')) {
    if (SYMBOL.test(t.slice(1))) return { kind: 'imm', value: 0n, symbolic: true };
    return { kind: 'imm', value: parseNumber(t.slice(1)) };
  }
  if (branch && !indirect && SYMBOL.test(t)) return { kind: 'rel', target: 0n, symbolic: true };
  if (/^%[a-z0-9.]+$/i.test(t)) return { kind: 'reg', reg: t.slice(1).toLowerCase() };
  if (t.startsWith('.')) {
    const rest = t.slice(1).replace(/\s+/g, '');
    return { kind: 'rel', target: address + (rest ? parseNumber(rest) : 0n) };
  }
  if (branch && !indirect && /^[-+]?(0x[0-9a-f]+|[0-9]+)$/i.test(t)) return { kind: 'rel', target: parseNumber(t) };
  let seg: string | undefined;
  const segMatch = /^%([a-z]s):/i.exec(t);
  if (segMatch) {
    seg = segMatch[1]!.toLowerCase();
    t = t.slice(segMatch[0].length);
  }
  const paren = t.indexOf('(');
  const dispText = (paren >= 0 ? t.slice(0, paren) : t).trim();
  const symbolic = SYMBOL.test(dispText);
  const disp = dispText && !symbolic ? parseNumber(dispText) : 0n;
  const mem: Extract<X86Operand, { kind: 'mem' }> = { kind: 'mem', scale: 1, disp };
  if (symbolic) mem.symbolic = true;
  if (seg) mem.seg = seg;
  if (indirect) mem.indirect = true;
  if (paren >= 0) {
    const inner = t.slice(paren + 1, t.lastIndexOf(')')).split(',').map((s) => s.trim());
    if (inner[0]) mem.base = inner[0].replace(/^%/, '').toLowerCase();
    if (inner[1]) mem.index = inner[1].replace(/^%/, '').toLowerCase();
    if (inner[2]) mem.scale = Number(inner[2]) as 1 | 2 | 4 | 8;
  }
  return mem;
}

/** Read one line of AT&T assembly. `address` is the value of `.` (for `.+0x10` targets). */
export function readAtt(line: string, address = 0n): X86Instruction {
  let rest = line.trim();
  const prefixes: string[] = [];
  for (;;) {
    const m = /^([a-z0-9.]+)(\s+|$)/i.exec(rest);
    if (!m) throw new Error(`att-reader: cannot read '${line}'`);
    const word = m[1]!.toLowerCase();
    rest = rest.slice(m[0].length);
    if (PREFIXES.has(word) && rest.length > 0) {
      prefixes.push(word);
      continue;
    }
    const branch = BRANCHES.test(word);
    const operands = splitOperands(rest).map((o) => parseOperand(o, branch, address));
    const insn: X86Instruction = { mnemonic: word, operands };
    if (prefixes.length) insn.prefixes = prefixes;
    return insn;
  }
}
