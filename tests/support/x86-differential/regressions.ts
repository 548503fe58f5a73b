// Fixed sequences for the bugs the x86-64 differential test found, kept as regression cases:
// each runs natively and under vrun like a generated sequence (random registers, flags and
// memory from its seed) and must leave the same state. `ignore`: flags undefined at the end.

import { DF, type FlagEffect } from './flags.js';
import { Random, type Sequence, generateSequence } from './generator.js';

export interface RegressionCase {
  name: string;
  lines: string[];
  /** Registers to set before the lines (others random). */
  regs?: Record<number, bigint>;
  /** Arithmetic flags the SDM leaves undefined at the end. */
  ignore?: number;
  seed?: number;
}

const NONE: FlagEffect = { reads: 0, defines: 0, undefines: 0 };

export function regressionSequence(c: RegressionCase): Sequence {
  const base = generateSequence(new Random(c.seed ?? 1), { maxInstructions: 1, ops: ['nop'] });
  const regs = base.regs.map((v, i) => c.regs?.[i] ?? v);
  const groups = c.lines.map((l, i) => ({ lines: [l], effect: i === c.lines.length - 1 ? { ...NONE, undefines: c.ignore ?? 0 } : NONE }));
  return { ...base, regs, rflags: base.rflags & ~DF, groups };
}

export const REGRESSIONS: RegressionCase[] = [
  // XADD with one register as both operands: the destination is written last (SDM XADD), so the
  // register ends with the sum; vrun wrote the old value back.
  { name: 'xadd same register (8-bit low)', lines: ['xaddb %r15b, %r15b'] },
  { name: 'xadd same register (high byte)', lines: ['xaddb %dh, %dh'] },
  { name: 'xadd same register (64-bit)', lines: ['xaddq %rbx, %rbx', 'xaddl %ecx, %ecx', 'xaddw %si, %si'] },
];
