// Memory operands: scaled unsigned offsets, pre/post-index and unscaled imm9, register
// offsets with extend, pairs, base-only, and literals (Arm ARM C1.3.3 "Load/Store addressing modes").

import type { A64Operand } from '../../types.js';
import { fail, signExtend, type EncodeState, type Fields, type OperandKind } from './kind.js';
import { parseRegister, registerName } from './registers.js';
import { branchKind } from './targets.js';
import { ldstRelocFor } from './relocOperators.js';

export function memBase(op: A64Operand | undefined, s: EncodeState, mode: 'offset' | 'pre' | 'post'): Extract<A64Operand, { kind: 'mem' }> {
  if (!op || op.kind !== 'mem') return fail('expected a memory operand');
  if (op.mode !== mode) fail(`expected ${mode === 'offset' ? 'an offset' : mode + '-index'} address`);
  const r = parseRegister(op.base);
  if (!r || r.width !== 'x' || (r.num === 31 && !r.sp)) fail('base register must be an x register or sp');
  s.fields.Rn = r!.num;
  return op;
}

export const baseName = (f: Fields): string => registerName(f.Rn!, 'x', true);

export function immOffset(m: Extract<A64Operand, { kind: 'mem' }>): bigint | undefined {
  if (!m.offset) return undefined;
  if (m.offset.kind !== 'imm') return fail('expected an immediate offset');
  if (m.offset.symbolic) return fail('symbolic offset not allowed here');
  return m.offset.value;
}

/** [Xn|SP{, #pimm}] with imm12 scaled by the access size (Arm ARM C6.2 LDR (immediate), unsigned offset). */
export function memUnsignedOffset(spec: string, scale: number): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      const m = memBase(op, s, 'offset');
      if (m.offset && m.offset.kind === 'imm' && (m.offset.symbolic || m.offset.modifier)) {
        // `[x0, #:lo12:sym]`, `[x0, #:got_lo12:sym]`, `[x0, #:tprel_lo12_nc:v]`, …
        if (!m.offset.modifier) fail('symbolic offset needs a relocation modifier such as :lo12:');
        s.fixups.push({ operand: s.index, reloc: ldstRelocFor(m.offset.modifier!, scale) });
        s.fields.imm12 = 0;
        return;
      }
      const v = immOffset(m) ?? 0n;
      if (v < 0n || v % (1n << BigInt(scale)) !== 0n || v >> BigInt(scale) >= 4096n) fail('offset out of range for a scaled unsigned offset');
      s.fields.imm12 = Number(v >> BigInt(scale));
    },
    format: (f) => (f.imm12 ? `[${baseName(f)}, #${f.imm12 << scale}]` : `[${baseName(f)}]`),
  };
}

/** imm9 forms: pre-index `[Xn|SP, #simm]!`, post-index `[Xn|SP], #simm`, unscaled `[Xn|SP{, #simm}]`. */
export function memImm9(spec: string, mode: 'offset' | 'pre' | 'post'): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      const m = memBase(op, s, mode);
      const v = immOffset(m) ?? 0n;
      if (mode !== 'offset' && !m.offset) fail('index needs an offset');
      if (v < -256n || v > 255n) fail('offset out of range -256..255');
      s.fields.imm9 = Number(BigInt.asUintN(9, v));
    },
    format(f) {
      const v = signExtend(f.imm9!, 9);
      if (mode === 'pre') return `[${baseName(f)}, #${v}]!`;
      if (mode === 'post') return `[${baseName(f)}], #${v}`;
      return v ? `[${baseName(f)}, #${v}]` : `[${baseName(f)}]`;
    },
  };
}

/** Register offset `[Xn|SP, (Wm|Xm){, extend {#amount}}]` (Arm ARM C6.2 LDR (register)). */
export function memRegOffset(spec: string, scale: number): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      const m = memBase(op, s, 'offset');
      if (!m.offset || m.offset.kind !== 'reg') return fail('expected a register offset');
      const r = parseRegister(m.offset.reg);
      if (!r || (r.num === 31 && r.sp)) return fail('bad offset register');
      const ext = (m.offset.extend ?? (r.width === 'x' ? 'lsl' : '')).toLowerCase();
      const option = { uxtw: 2, lsl: 3, sxtw: 6, sxtx: 7 }[ext];
      if (option === undefined) return fail('offset register needs lsl, uxtw, sxtw or sxtx');
      if ((option & 1 ? 'x' : 'w') !== r.width) fail(`${ext} needs a ${option & 1 ? 'x' : 'w'} register`);
      const amount = m.offset.amount;
      if (amount !== undefined && amount !== 0 && amount !== scale) fail(`shift amount must be 0 or ${scale}`);
      if (m.offset.extend === 'lsl' && amount === undefined) fail('lsl needs an amount');
      s.fields.Rm = r.num;
      s.fields.option = option;
      // GNU as sets S when an amount is written and equals the scale; for byte accesses
      // an explicit #0 sets S (Arm ARM C6.2 LDRB (register): "S=1 … LSL #0")
      s.fields.S = amount === undefined ? 0 : scale === 0 ? 1 : amount === scale ? 1 : 0;
    },
    format(f) {
      const rm = registerName(f.Rm!, f.option! & 1 ? 'x' : 'w', false);
      const ext = ['', '', 'uxtw', 'lsl', '', '', 'sxtw', 'sxtx'][f.option!] ?? `#${f.option}`;
      let text = `[${baseName(f)}, ${rm}`;
      if (f.S) text += `, ${ext} #${scale}`;
      else if (f.option !== 3) text += `, ${ext}`;
      return `${text}]`;
    },
  };
}

/** LDP/STP imm7 scaled offsets, offset / pre-index / post-index (Arm ARM C6.2 LDP). */
export function memPair(spec: string, scale: number, mode: 'offset' | 'pre' | 'post'): OperandKind {
  return {
    spec,
    optional: false,
    encode(op, s) {
      const m = memBase(op, s, mode);
      const v = immOffset(m) ?? 0n;
      if (mode !== 'offset' && !m.offset) fail('index needs an offset');
      const unit = 1n << BigInt(scale);
      if (v % unit !== 0n) fail(`offset must be a multiple of ${unit}`);
      const q = v / unit;
      if (q < -64n || q > 63n) fail('offset out of range');
      s.fields.imm7 = Number(BigInt.asUintN(7, q));
    },
    format(f) {
      const v = signExtend(f.imm7!, 7) << scale;
      if (mode === 'pre') return `[${baseName(f)}, #${v}]!`;
      if (mode === 'post') return `[${baseName(f)}], #${v}`;
      return v ? `[${baseName(f)}, #${v}]` : `[${baseName(f)}]`;
    },
  };
}

/** `[Xn|SP{, #0}]` of the exclusive and acquire/release instructions. */
export const memBaseOnly: OperandKind = {
  spec: 'mem:base',
  optional: false,
  encode(op, s) {
    const m = memBase(op, s, 'offset');
    if ((immOffset(m) ?? 0n) !== 0n) fail('offset must be 0');
  },
  format: (f) => `[${baseName(f)}]`,
};

/** `ldr Xt, label`: imm19 word offset (R_AARCH64_LD_PREL_LO19). */
export const literalKind = branchKind('literal', 'imm19', 19, 'R_AARCH64_LD_PREL_LO19', 'literal');
