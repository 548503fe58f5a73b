// A small reader of one line of A64 assembler text into an A64Instruction, for tests only
// (the real assembler's parser is @vsys/asm's chevrotain grammar). It understands what the
// conformance encodings file and objdump print: registers, `#imm`, shifts/extends, memory
// operands with pre/post-index, conditions, barrier/sysreg/PSTATE names, `.+N` targets, and
// `:lo12:sym`-style modifiers. `bareHexTargets` reads objdump's bare hex branch targets.

import type { A64Instruction, A64Operand } from '../types.js';
import { conditionCode } from '../table/conditions.js';
import { parseRegister } from '../table/operands/index.js';
import { sysregByName } from '../table/sysregs.js';
import { formSpecs } from '../table/forms.js';

export interface ReadOptions {
  address?: bigint;
  /** objdump prints branch targets as bare hex (`b 1f4`) */
  bareHexTargets?: boolean;
}

export class ReadError extends Error {
  override name = 'ReadError';
}

const barrierWords = new Set(['sy', 'st', 'ld', 'ish', 'ishst', 'ishld', 'nsh', 'nshst', 'nshld', 'osh', 'oshst', 'oshld', 'csync', 'c', 'j', 'jc']);
const pstateWords = new Set(['spsel', 'daifset', 'daifclr', 'uao', 'pan', 'dit', 'ssbs', 'tco']);
// every fixed operand word of the table (`lit:civac`, `lit:vmalle1is`, `lit:rctx`, …)
const sysOperationWords = new Set(formSpecs.flatMap((f) => [...f.operands, ...(f.aliases ?? []).flatMap((a) => a.operands)]).filter((o) => o.startsWith('lit:')).map((o) => o.slice(4)));
const shiftWords = new Set(['lsl', 'lsr', 'asr', 'ror', 'msl']);
const extendWords = new Set(['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx']);

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') parts.push(cur.trim());
  return parts;
}

function parseNumber(text: string): bigint {
  const t = text.trim();
  const neg = t.startsWith('-');
  const body = neg || t.startsWith('+') ? t.slice(1) : t;
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(body)) throw new ReadError(`bad number '${text}'`);
  const v = BigInt(body);
  return neg ? -v : v;
}

function parseImm(text: string): Extract<A64Operand, { kind: 'imm' }> {
  const body = text.startsWith('#') ? text.slice(1).trim() : text;
  const mod = /^:([a-z0-9_]+):(.+)$/i.exec(body);
  if (mod) return { kind: 'imm', value: 0n, symbolic: true, modifier: mod[1]!.toLowerCase() };
  return { kind: 'imm', value: parseNumber(body) };
}

function parseMemory(inner: string): { base: string; offset?: Extract<A64Operand, { kind: 'mem' }>['offset'] } {
  const parts = splitTopLevel(inner);
  const base = parts[0]!;
  if (parts.length === 1) return { base };
  const second = parts[1]!;
  if (second.startsWith('#') || second.startsWith(':')) {
    if (parts.length > 2) throw new ReadError(`bad memory operand [${inner}]`);
    return { base, offset: parseImm(second) };
  }
  const offset: { kind: 'reg'; reg: string; extend?: string; amount?: number } = { kind: 'reg', reg: second };
  if (parts[2] !== undefined) {
    const m = /^([a-z]+)(?:\s+#?(\d+))?$/i.exec(parts[2]);
    if (!m) throw new ReadError(`bad extend '${parts[2]}'`);
    offset.extend = m[1]!.toLowerCase();
    if (m[2] !== undefined) offset.amount = Number(m[2]);
  }
  return { base, offset };
}

function parseOperand(text: string, opts: ReadOptions): A64Operand {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (t.startsWith('#') || t.startsWith(':')) return parseImm(t);
  const sh = /^([a-z]+)\s+#?(-?\w+)$/i.exec(t);
  if (sh && shiftWords.has(sh[1]!.toLowerCase())) return { kind: 'shift', shift: sh[1]!.toLowerCase() as 'lsl', amount: Number(parseNumber(sh[2]!)) };
  if (sh && extendWords.has(sh[1]!.toLowerCase())) return { kind: 'extend', extend: sh[1]!.toLowerCase() as 'uxtb', amount: Number(parseNumber(sh[2]!)) };
  if (extendWords.has(lower)) return { kind: 'extend', extend: lower as 'uxtb' };
  const rel = /^\.\s*([+-])\s*(.+)$/.exec(t);
  if (rel) {
    const off = parseNumber(rel[2]!.replace(/^\+/, ''));
    return { kind: 'label', target: (opts.address ?? 0n) + (rel[1] === '-' ? -off : off) };
  }
  if (t === '.') return { kind: 'label', target: opts.address ?? 0n };
  if (parseRegister(lower)) return { kind: 'reg', reg: lower };
  if (conditionCode(lower) !== undefined) return { kind: 'cond', cond: lower };
  if (opts.bareHexTargets && /^[0-9a-f]+$/i.test(t)) return { kind: 'label', target: BigInt.asIntN(64, BigInt(`0x${t}`)) };
  if (/^-?(0x[0-9a-f]+|\d+)$/i.test(t)) return { kind: 'label', target: parseNumber(t) };
  if (barrierWords.has(lower)) return { kind: 'barrier', name: lower };
  if (pstateWords.has(lower)) return { kind: 'pstatefield', name: lower };
  if (sysregByName(lower)) return { kind: 'sysreg', name: lower };
  if (/^c([0-9]|1[0-5])$/.test(lower) || sysOperationWords.has(lower) || /^(pld|pli|pst)l[123](keep|strm)$/.test(lower)) return { kind: 'sysreg', name: lower };
  if (/^[a-z_.$][\w.$]*$/i.test(t)) return { kind: 'label', target: 0n, symbolic: true };
  throw new ReadError(`cannot read operand '${t}'`);
}

/** Read `add x0, x1, #0x10` (comments after `//` are dropped). */
export function readInstruction(line: string, opts: ReadOptions = {}): A64Instruction {
  const text = line.replace(/\/\/.*$/, '').trim();
  const m = /^(\S+)\s*(.*)$/.exec(text);
  if (!m) throw new ReadError('empty line');
  const mnemonic = m[1]!.toLowerCase();
  const raw = splitTopLevel(m[2]!);
  const operands: A64Operand[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const mem = /^\[(.*)\](!?)$/.exec(r);
    if (mem) {
      const { base, offset } = parseMemory(mem[1]!);
      if (mem[2] === '!') {
        operands.push({ kind: 'mem', base: base.toLowerCase(), mode: 'pre', offset });
      } else if (!offset && raw[i + 1] !== undefined && raw[i + 1]!.startsWith('#')) {
        operands.push({ kind: 'mem', base: base.toLowerCase(), mode: 'post', offset: parseImm(raw[i + 1]!) });
        i++;
      } else {
        operands.push({ kind: 'mem', base: base.toLowerCase(), mode: 'offset', offset });
      }
      continue;
    }
    operands.push(parseOperand(r, opts));
  }
  return { mnemonic, operands, address: opts.address };
}
