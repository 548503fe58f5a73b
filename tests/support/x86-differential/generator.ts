// Random x86-64 instruction sequences for the differential test (native CPU vs vrun).
//
// A sequence is a random input state (the 15 GPRs other than RSP, the arithmetic flags and DF)
// followed by groups: one random instruction each, drawn from the isa-x86 table's forms of the
// general-purpose integer operations the emulator implements, preceded by the flag-neutral
// set-up moves it needs to stay inside the test's memory (a base register pointing into the
// scratch buffer, a known shift count in CL, a divisor that cannot raise #DE, string registers).
// Memory operands land in three places whose contents are compared afterwards: the scratch
// buffer (fixed address, mmap'd), the stack region around RSP, and a .data buffer reached
// RIP-relatively. Nothing the program compares depends on where a linker put the code.
//
// The generator tracks which arithmetic flags are undefined (flags.ts) along every path (a
// forward jcc joins two paths) and puts a flag-defining `cmp` before any instruction that
// would read an undefined flag, so the state compared at the end never depends on an
// undefined flag except through the mask it reports.

import { cpuidLeaf } from '@vsys/emu';
import { archAuxDefaults } from '@vsys/loader';
import { CONDITIONS, FORMS, type Form } from '@vsys/isa-x86';
import { ARITH, DF, type FlagEffect, flagEffect } from './flags.js';

/** Fixed addresses (mmap'd MAP_FIXED by the program, identical natively and under vrun). */
/** The scratch buffer straddles a page boundary (0x10001000), so that accesses crossing two
 *  pages are generated too (the translated code's inline TLB probe hands those to a helper). */
export const SCRATCH = 0x10000f80; // 256 bytes of data the memory operands use
export const SCRATCH_SIZE = 256;
export const STACK_LO = SCRATCH + 256; // stack region, RSP starts in its middle
export const STACK_SIZE = 1024;
export const STACK_START = STACK_LO + STACK_SIZE / 2;
/** The .data buffer reached with RIP-relative operands (its address differs per linker). */
export const RIPBUF_SIZE = 64;

export const GPR64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const GPR32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const GPR16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
const GPR8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b'];
const HIGH8 = ['ah', 'ch', 'dh', 'bh'];
const LETTER: Record<number, string> = { 8: 'b', 16: 'w', 32: 'l', 64: 'q' };

export function regName(n: number, size: number): string {
  return (size === 64 ? GPR64 : size === 32 ? GPR32 : size === 16 ? GPR16 : GPR8)[n]!;
}

/** A seeded PRNG (mulberry32): the same seed gives the same sequences on every machine. */
export class Random {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  int(n: number): number { return this.u32() % n; }
  range(lo: number, hi: number): number { return lo + this.int(hi - lo + 1); }
  pick<T>(a: readonly T[]): T { return a[this.int(a.length)]!; }
  chance(p: number): boolean { return this.u32() / 4294967296 < p; }
  u64(): bigint { return (BigInt(this.u32()) << 32n) | BigInt(this.u32()); }
  /** A 64-bit value with edge cases (0, ±1, sign bits, all ones, narrow values) overrepresented. */
  value(): bigint {
    switch (this.int(10)) {
      case 0: return this.pick([0n, 1n, 0xffffffffffffffffn, 0x8000000000000000n, 0x7fffffffffffffffn, 0x80000000n, 0x7fffffffn, 0xffffffffn, 0x8000n, 0x80n, 0xffn, 0xffffn]);
      case 1: return BigInt(this.int(256));
      case 2: return BigInt.asUintN(64, BigInt(this.range(-300, 300)));
      case 3: return BigInt(this.u32());
      case 4: return BigInt.asUintN(64, BigInt(this.u32() | 0));
      default: return this.u64();
    }
  }
}

/** One generated instruction with its set-up lines. */
export interface Group {
  /** Set-up lines (flag-neutral moves) and, last, the instruction under test. */
  lines: string[];
  effect: FlagEffect;
  /** A forward branch: the target is the start of group index+1+skip (or the sequence end). */
  jump?: { skip: number };
  /** Run the group this many times in a `loop` (RCX counts): a backward branch, which vrun
   *  compiles into a loop inside one block. */
  repeat?: number;
}

export interface Sequence {
  /** Initial values of the 16 GPRs (index 4, RSP, is always STACK_START). */
  regs: bigint[];
  /** Initial RFLAGS image (arithmetic flags, DF, and the reserved bit 1). */
  rflags: number;
  /** Initial contents of the scratch buffer + stack region, and of the RIP-relative buffer. */
  memory: Uint8Array;
  ripbuf: Uint8Array;
  groups: Group[];
}

export interface GeneratorOptions {
  /** Instructions per sequence (groups), at most. */
  maxInstructions?: number;
  /** Restrict to these operations (table op names); default: all supported. */
  ops?: string[];
}

/** Table operations the generator draws from (the emulator's general-purpose integer set). */
export const SUPPORTED_OPS = [
  'add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp', 'test', 'inc', 'dec', 'not', 'neg', 'mul', 'imul', 'div', 'idiv',
  'rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'sar', 'shld', 'shrd', 'mov', 'movzx', 'movsx', 'movsxd', 'lea',
  'push', 'pop', 'leave', 'enter', 'jcc', 'jrcxz', 'jecxz', 'loop', 'loope', 'loopne', 'setcc', 'cmovcc', 'cbw', 'cwd',
  'xchg', 'xadd', 'cmpxchg', 'cmpxchg8b', 'cmpxchg16b', 'bswap', 'bt', 'bts', 'btr', 'btc', 'popcnt', 'tzcnt', 'lzcnt',
  'bsf', 'bsr', 'movs', 'cmps', 'stos', 'lods', 'scas', 'xlat', 'sahf', 'lahf', 'cmc', 'clc', 'stc', 'nop',
  'pushf', 'popf', 'cld', 'std', 'movsreg', 'pause', 'endbr64', 'rdfsbase', 'rdgsbase',
];

/** Optional instructions exist only when the emulated CPU says so (SDM CPUID): POPCNT is
 *  leaf 1 ECX bit 23, LZCNT leaf 0x80000001 ECX bit 5 (ABM), TZCNT leaf 7 EBX bit 3 (BMI1).
 *  Without BMI1, F3 0F BC is BSF with an ignored prefix, which the host (with BMI1) cannot
 *  reproduce, so TZCNT is then left out. */
export function cpuFeatureOps(): string[] {
  const out: string[] = [];
  if (cpuidLeaf(1, 0)[2] & (1 << 23)) out.push('popcnt');
  if (cpuidLeaf(0x80000001, 0)[2] & (1 << 5)) out.push('lzcnt');
  if (cpuidLeaf(7, 0)[1] & (1 << 3)) out.push('tzcnt');
  // RDFSBASE/RDGSBASE: the CPU has them (CPUID.7:EBX bit 0) but user code may use them only
  // when the kernel says so in AT_HWCAP2 (HWCAP2_FSGSBASE, bit 1: CR4.FSGSBASE is on).
  if (cpuidLeaf(7, 0)[1] & (1 << 0) && archAuxDefaults.x86_64.hwcap2 & 2n) out.push('rdfsbase', 'rdgsbase');
  return out;
}
const FEATURE_OPS = new Set(['popcnt', 'lzcnt', 'tzcnt', 'rdfsbase', 'rdgsbase']);
export const DEFAULT_OPS = SUPPORTED_OPS.filter((op) => !FEATURE_OPS.has(op) || cpuFeatureOps().includes(op));

const UNUSABLE_KINDS = new Set(['sreg', 'creg', 'dreg', 'fixedSreg', 'dx']);
const LOCKABLE = new Set(['add', 'adc', 'and', 'btc', 'btr', 'bts', 'cmpxchg', 'dec', 'inc', 'neg', 'not', 'or', 'sbb', 'sub', 'xor', 'xadd', 'xchg']);
/** Ops whose second (Intel-order) operand is written too. */
const WRITES_SECOND = new Set(['xchg', 'xadd']);

function formsByOp(): Map<string, Form[]> {
  const m = new Map<string, Form[]>();
  for (const f of FORMS) {
    if (!SUPPORTED_OPS.includes(f.op) || f.def.names.length === 0) continue;
    if (f.ops.some((o) => UNUSABLE_KINDS.has(o.kind))) continue;
    if (f.a32 && f.op !== 'jecxz') continue; // loopl & co.: encode-only spellings
    if (f.op === 'nop' && f.ops.length === 0) continue;
    const list = m.get(f.op) ?? [];
    list.push(f);
    m.set(f.op, list);
  }
  return m;
}
const FORMS_BY_OP = formsByOp();
const SREG_FORMS = FORMS.filter((f) => (f.op === 'mov' && f.ops[1]?.kind === 'sreg') || (f.op === 'push' && f.ops[0]?.kind === 'fixedSreg'));

function hex(v: bigint): string {
  return v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}

interface MemOperand { text: string; setup: string[]; regs: number[] }

/** Builds one instruction (with set-up) from a table form. */
class InstructionBuilder {
  /** Set-up of memory operands' registers (first), then the instruction's own (CL, divisor…). */
  memSetup: string[] = [];
  setup: string[] = [];
  usedRegs: number[] = [];
  high8 = false;
  constructor(readonly rnd: Random, readonly df: number) {}

  reg(size: number, opts: { allowRsp?: boolean; avoid?: number[]; allowHigh8?: boolean } = {}): string {
    for (;;) {
      if (size === 8 && opts.allowHigh8 !== false && this.rnd.chance(0.2)) {
        const h = this.rnd.int(4);
        if (opts.avoid?.includes(h)) continue;
        this.high8 = true;
        this.usedRegs.push(h);
        return `%${HIGH8[h]}`;
      }
      const n = this.rnd.int(16);
      if (n === 4 && !opts.allowRsp) continue;
      if (opts.avoid?.includes(n)) continue;
      this.usedRegs.push(n);
      return `%${regName(n, size)}`;
    }
  }

  /** A memory operand of `bytes` accessed bytes at a known-good address. `avoid`: registers
   *  that the instruction's own set-up overwrites after this operand's set-up. */
  mem(bytes: number, opts: { avoid?: number[]; align?: number; noRip?: boolean } = {}): MemOperand {
    const m = this.memOperand(bytes, opts);
    // A null segment override now and then (CS/DS/ES/SS have base 0 in 64-bit mode, SDM Vol. 1
    // §3.3.7.1): decoded, and ignored.
    if (this.rnd.chance(0.08)) m.text = `%${this.rnd.pick(['ds', 'es', 'cs', 'ss'])}:${m.text}`;
    this.memSetup.push(...m.setup);
    this.usedRegs.push(...m.regs);
    return m;
  }

  private memOperand(bytes: number, opts: { avoid?: number[]; align?: number; noRip?: boolean }): MemOperand {
    const r = this.rnd;
    const align = opts.align ?? 1;
    const avoid = new Set([4, ...(opts.avoid ?? [])]);
    const pickReg = (not: number[] = []): number => {
      for (;;) { const n = r.int(16); if (!avoid.has(n) && !not.includes(n)) return n; }
    };
    const target = (): number => SCRATCH + Math.floor(r.int(SCRATCH_SIZE - bytes + 1) / align) * align;
    const setReg = (n: number, v: bigint): string => `movabs $${hex(BigInt.asUintN(64, v))}, %${GPR64[n]}`;
    const disp = (): number => r.pick([0, r.range(-128, 127), r.range(-0x100000, 0x100000)]);
    // Aligned operands (cmpxchg16b) avoid RSP (it moves by 2 with pushw) and the .data buffer.
    const mode = align > 1 ? r.pick([0, 1, 2, 3, 5]) : r.int(8);
    switch (mode) {
      case 0: case 1: { // base + disp
        const b = pickReg(), d = disp(), a = target();
        return { text: `${d || ''}(%${GPR64[b]})`, setup: [setReg(b, BigInt(a - d))], regs: [b] };
      }
      case 2: case 3: { // base + index*scale + disp, index sometimes huge (64-bit wrap-around)
        const b = pickReg(), i = pickReg([b]), s = r.pick([1, 2, 4, 8]), d = disp(), a = target();
        const iv = r.chance(0.3) ? r.u64() : BigInt(r.range(-64, 64));
        const bv = BigInt(a - d) - iv * BigInt(s);
        return { text: `${d || ''}(%${GPR64[b]},%${GPR64[i]},${s})`, setup: [setReg(b, bv), setReg(i, iv)], regs: [b, i] };
      }
      case 4: { // rsp + disp (+ index): inside the stack region wherever RSP has wandered
        const off = Math.floor(r.range(-96, 88) / align) * align;
        if (r.chance(0.5)) return { text: `${off}(%rsp)`, setup: [], regs: [] };
        const i = pickReg(), s = r.pick([1, 2, 4, 8]), iv = r.range(-8, 8);
        return { text: `${off - iv * s}(%rsp,%${GPR64[i]},${s})`, setup: [setReg(i, BigInt(iv))], regs: [i] };
      }
      case 5: { // index*scale + disp32, no base
        const i = pickReg(), s = r.pick([1, 2, 4, 8]), iv = r.range(0, 4096), a = target();
        return { text: `${a - iv * s}(,%${GPR64[i]},${s})`, setup: [setReg(i, BigInt(iv))], regs: [i] };
      }
      case 6: { // absolute disp32, or RIP-relative into the .data buffer
        if (opts.noRip || r.chance(0.4)) return { text: `0x${target().toString(16)}`, setup: [], regs: [] };
        return { text: `ripbuf+${r.int(RIPBUF_SIZE - bytes + 1)}(%rip)`, setup: [], regs: [] };
      }
      default: { // 32-bit address size (67 prefix): the sum is truncated to 32 bits
        const b = pickReg(), d = r.range(-128, 127), a = target();
        const hi = BigInt(r.u32()) << 32n;
        if (r.chance(0.5)) {
          const bv = hi | BigInt.asUintN(32, BigInt(a - d));
          return { text: `${d}(%${GPR32[b]})`, setup: [setReg(b, bv)], regs: [b] };
        }
        const i = pickReg([b]), s = r.pick([1, 2, 4, 8]), iv = BigInt.asUintN(32, BigInt(r.range(-100000, 100000)));
        const bv = (BigInt(r.u32()) << 32n) | BigInt.asUintN(32, BigInt(a - d) - iv * BigInt(s));
        return { text: `${d}(%${GPR32[b]},%${GPR32[i]},${s})`, setup: [setReg(b, bv), setReg(i, (BigInt(r.u32()) << 32n) | iv)], regs: [b, i] };
      }
    }
  }
}

/** Interesting shift/rotate counts: 0, 1, the size boundaries, and beyond the 5/6-bit mask. */
function shiftCount(r: Random): number {
  return r.chance(0.6) ? r.pick([0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255]) : r.int(256);
}

function immediate(r: Random, bits: number): bigint {
  const v = r.value();
  if (bits === 64) return BigInt.asIntN(64, v);
  return BigInt.asIntN(bits, v);
}

/** Makes one group from a random supported operation, given the current DF. Null: retry. */
function makeGroup(r: Random, df: number, ops: string[]): Group | null {
  const op = r.pick(ops);
  // Segment-register reads are MOV/PUSH forms of the table that the operand filter leaves out.
  const forms = op === 'movsreg' ? SREG_FORMS : FORMS_BY_OP.get(op);
  if (!forms) return null;
  const form = r.pick(forms);
  const size = form.sizes.length ? r.pick(form.sizes) : 0;
  const b = new InstructionBuilder(r, df);
  const L = size ? LETTER[size]! : '';
  const cc = form.cc ? r.int(16) : -1;
  const ccName = cc >= 0 ? r.pick(CONDITIONS[cc]!) : '';
  let count: number | undefined;
  let repCount: number | undefined;
  let jump: Group['jump'];
  let text: string;
  const memAccess = (spec: { size: number }): number => (spec.size || size) / 8;

  switch (op) {
    case 'div': case 'idiv': {
      // Dividend high half = 0 (DIV) or the sign of the low half (IDIV); divisor odd and not -1:
      // the quotient always fits, no #DE (SDM "DIV"/"IDIV" exceptions).
      const spec = form.ops[0]!;
      const useMem = spec.kind === 'rm' && r.chance(0.4);
      const avoid = size === 8 ? [0] : [0, 2];
      const opnd = useMem ? b.mem(size / 8, { avoid }).text : b.reg(size, { avoid, allowHigh8: false });
      const sfx = size === 64 ? 'q' : LETTER[size]!;
      const pre = [`and${sfx} $-3, ${opnd}`, `or${sfx} $1, ${opnd}`];
      if (size === 8) pre.push(op === 'div' ? 'movb $0, %ah' : 'cbtw');
      else if (op === 'div') pre.push(size === 16 ? 'movw $0, %dx' : 'movl $0, %edx');
      else pre.push(size === 16 ? 'cwtd' : size === 32 ? 'cltd' : 'cqto');
      b.setup.push(...pre);
      text = `${op}${L} ${opnd}`;
      break;
    }
    case 'shl': case 'shr': case 'sar': case 'rol': case 'ror': case 'rcl': case 'rcr': {
      const [dst, cnt] = form.ops as [typeof form.ops[0], typeof form.ops[0]];
      count = cnt.kind === 'one' ? 1 : shiftCount(r);
      const usesCl = cnt.kind === 'cl';
      const d = dst.kind === 'rm' && r.chance(0.3) ? b.mem(size / 8, { avoid: usesCl ? [1] : [] }).text : b.reg(size);
      const name = op === 'shl' && r.chance(0.3) ? 'sal' : op;
      if (usesCl) b.setup.push(`movb $${count}, %cl`);
      text = cnt.kind === 'one' ? (r.chance(0.5) ? `${name}${L} ${d}` : `${name}${L} $1, ${d}`)
        : usesCl ? `${name}${L} %cl, ${d}` : `${name}${L} $${count}, ${d}`;
      if (usesCl && d === '%cl') count = count & 255;
      break;
    }
    case 'shld': case 'shrd': {
      const cnt = form.ops[2]!;
      // 16-bit: a count above 16 leaves result and flags undefined (SDM SHLD): stay at 16 or less.
      count = size === 16 ? r.pick([0, 1, 2, 8, 15, 16, 32, 33, 48]) & 31 : shiftCount(r);
      if (size === 16 && count > 16) count = 16;
      const usesCl = cnt.kind === 'cl';
      const d = form.ops[0]!.kind === 'rm' && r.chance(0.3) ? b.mem(size / 8, { avoid: usesCl ? [1] : [] }).text : b.reg(size);
      const s = b.reg(size, { allowRsp: true, avoid: usesCl ? [1] : [] });
      if (usesCl) b.setup.push(`movb $${count}, %cl`);
      text = `${op}${L} ${usesCl ? '%cl' : `$${count}`}, ${s}, ${d}`;
      break;
    }
    case 'bt': case 'bts': case 'btr': case 'btc': {
      const [dst, src] = form.ops as [typeof form.ops[0], typeof form.ops[0]];
      const toMem = dst.kind === 'rm' && r.chance(0.4);
      if (src.kind === 'reg' && toMem) {
        // A register bit offset on memory is signed and reaches outside the operand (SDM BT,
        // "bit base"): offset in [-256, 255] bits, base in the middle of the scratch buffer.
        const offReg = b.reg(size, { allowHigh8: false });
        const n = b.usedRegs[b.usedRegs.length - 1]!;
        const base = r.pick([0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].filter((x) => x !== n));
        const d = r.range(-64, 64);
        b.setup.push(`movabs $${hex(BigInt(SCRATCH + 128 - d))}, %${GPR64[base]}`, `mov${L} $${r.range(-256, 255)}, ${offReg}`);
        text = `${op}${L} ${offReg}, ${d || ''}(%${GPR64[base]})`;
      } else if (src.kind === 'reg') {
        const offReg = b.reg(size, { allowRsp: true });
        text = `${op}${L} ${offReg}, ${b.reg(size, { allowRsp: op === 'bt' })}`;
      } else {
        const d = toMem ? b.mem(size / 8).text : b.reg(size, { allowRsp: op === 'bt' });
        text = `${op}${L} $${r.int(256)}, ${d}`;
      }
      break;
    }
    case 'movs': case 'cmps': case 'stos': case 'lods': case 'scas': {
      // RSI/RDI inside the scratch buffer with room for the iterations in either direction.
      const bytes = size / 8;
      const rep = r.chance(0.6);
      repCount = rep ? r.int(Math.floor(64 / bytes) + 1) : undefined;
      const start = (): number => SCRATCH + 96 + r.int(64);
      // With the 67 prefix (addr32) the instruction uses ESI/EDI/ECX: the upper halves get
      // random bits that it must ignore.
      const a32 = r.chance(0.25);
      const set = (reg: string, v: number): string => (a32 ? `movabs $0x${((BigInt(r.u32()) << 32n) | BigInt(v)).toString(16)}, %r${reg}` : `mov $0x${v.toString(16)}, %e${reg}`);
      if (op !== 'stos' && op !== 'scas') b.setup.push(set('si', start()));
      if (op !== 'lods') b.setup.push(set('di', start()));
      if (rep) b.setup.push(set('cx', repCount!));
      const prefix = !rep ? '' : op === 'cmps' || op === 'scas' ? `${r.pick(['repe', 'repne', 'repz', 'repnz'])} ` : 'rep ';
      text = `${a32 ? 'addr32 ' : ''}${prefix}${op}${L}`;
      if (!rep) repCount = undefined;
      break;
    }
    case 'pushf':
      // PUSHF stores every flag: all six must be defined (reads them all).
      text = `pushf${L}`;
      return { lines: [text], effect: { reads: ARITH, defines: 0, undefines: 0 } };
    case 'popf': {
      // POPF from an immediate: the arithmetic flags and DF (IF cannot change at CPL 3; TF and
      // AC are kept clear — AC would turn on alignment checking).
      const v = (r.u32() & (ARITH | DF)) | 0x202;
      b.setup.push(size === 16 ? `pushw $0x${v.toString(16)}` : `pushq $0x${v.toString(16)}`);
      text = `popf${L}`;
      return { lines: [...b.setup, text], effect: { reads: 0, defines: ARITH, undefines: 0 } };
    }
    case 'xlat':
      b.setup.push(`mov $0x${SCRATCH.toString(16)}, %ebx`);
      text = 'xlat';
      break;
    case 'leave':
      b.setup.push(`lea ${r.range(-8, 8) * 8}(%rsp), %rbp`);
      text = `leave${L}`;
      break;
    case 'enter': {
      // Nesting levels above 1 copy frame pointers from below RBP: point RBP into the stack.
      const level = r.pick([0, 0, 1, 1, 2, 3]);
      if (level > 1) b.setup.push(`lea ${r.range(-4, 8) * 8}(%rsp), %rbp`);
      text = `enter${L} $${r.int(5) * 4}, $${level}`;
      break;
    }
    case 'movsreg': {
      // Reading a segment selector (CS 0x33, SS 0x2b, DS/ES/FS/GS 0 under Linux): into a
      // register (16/32/64-bit: 32/64 zero-extend) or a 16-bit memory word; PUSH FS/GS.
      const sreg = r.pick(['cs', 'ds', 'es', 'ss', 'fs', 'gs']);
      const k = r.int(4);
      if (k === 3) text = `push${r.pick(['q', 'w'])} %${r.pick(['fs', 'gs'])}`;
      else if (k === 2) text = `movw %${sreg}, ${b.mem(2).text}`;
      else text = `mov${r.pick(['w', 'l', 'q'])} %${sreg}, ${'%'}@REG@`;
      if (text.includes('@REG@')) {
        const sz = text.startsWith('movw') ? 16 : text.startsWith('movl') ? 32 : 64;
        text = text.replace('%@REG@', b.reg(sz, { allowHigh8: false }));
      }
      break;
    }
    case 'cmpxchg8b': case 'cmpxchg16b': {
      const m = b.mem(op === 'cmpxchg8b' ? 8 : 16, { align: op === 'cmpxchg8b' ? 1 : 16, avoid: [0, 1, 2, 3] });
      // Half the time make the comparison succeed: load EDX:EAX / RDX:RAX from the operand.
      if (r.chance(0.5)) {
        const w = op === 'cmpxchg8b' ? 'l' : 'q';
        const k = op === 'cmpxchg8b' ? 4 : 8;
        b.setup.push(`mov${w} ${m.text}, %${w === 'l' ? 'eax' : 'rax'}`);
        b.setup.push(`mov${w} ${addDisp(m.text, k)}, %${w === 'l' ? 'edx' : 'rdx'}`);
      }
      text = `${op} ${m.text}`;
      break;
    }
    case 'jcc': case 'jrcxz': case 'jecxz': case 'loop': case 'loope': case 'loopne': {
      const skip = op === 'jcc' ? r.range(1, 3) : 1; // rel8-only forms: stay within reach
      jump = { skip };
      // LOOP with the 67 prefix (loopl) counts in ECX.
      const name = op === 'jcc' ? `j${ccName}` : op.startsWith('loop') && r.chance(0.3) ? `${op}l` : op;
      text = `${name} @TARGET@`;
      break;
    }
    case 'setcc': {
      const d = r.chance(0.3) ? b.mem(1).text : b.reg(8);
      text = `set${ccName} ${d}`;
      break;
    }
    case 'cmovcc': {
      const s = r.chance(0.3) ? b.mem(size / 8).text : b.reg(size, { allowRsp: true });
      text = `cmov${ccName}${L} ${s}, ${b.reg(size)}`;
      break;
    }
    default: {
      // Form-driven: each operand from its spec, AT&T order = reversed Intel order.
      const parts: string[] = [];
      let hasMem = false;
      form.ops.forEach((spec, i) => {
        const s = spec.size || size;
        const allowRsp = i > 0 && !WRITES_SECOND.has(op);
        switch (spec.kind) {
          case 'reg': case 'rmreg': case 'opreg':
            parts.push(b.reg(s, { allowRsp, allowHigh8: op !== 'bswap' })); break;
          case 'rm':
            if (spec.noAccess) { parts.push(leaOperand(r)); hasMem = true; break; }
            if (!hasMem && r.chance(0.35)) { parts.push(b.mem(s / 8).text); hasMem = true; }
            else parts.push(b.reg(s, { allowRsp }));
            break;
          case 'mem':
            if (spec.noAccess) parts.push(leaOperand(r));
            else { parts.push(b.mem(memAccess(spec)).text); hasMem = true; }
            break;
          case 'acc': parts.push(`%${regName(0, s)}`); break;
          case 'cl': parts.push('%cl'); break;
          case 'imm': {
            const bits = spec.width === 8 ? 8 : spec.width === 16 ? 16 : spec.width === -1 ? s : Math.min(s, 32);
            parts.push(`$${immediate(r, bits)}`);
            break;
          }
          case 'simm8': parts.push(`$${r.range(-128, 127)}`); break;
          case 'moffs': parts.push(`0x${(SCRATCH + r.int(SCRATCH_SIZE - s / 8 + 1)).toString(16)}`); break;
          case 'one': parts.push('$1'); break;
          default: throw new Error(`x86 differential: operand kind ${spec.kind}`);
        }
      });
      let name = form.def.att?.[L] ?? (size && !form.neverSuffix ? `${op}${L}` : op);
      if (op === 'movsxd' && size === 16) return null;
      if (op === 'mov' && form.ops.some((o) => o.kind === 'moffs')) name = 'movabs';
      if (op === 'xchg' && form.xchg90) name = `xchg${L}`;
      if (op === 'cmpxchg' && r.chance(0.5)) {
        // Make the comparison succeed half the time: the accumulator gets the destination's
        // value (for a 32-bit register destination all 64 bits, so that RAX's upper half shows
        // whether a successful CMPXCHG leaves RAX alone).
        const dest = parts[0]!;
        const n32 = GPR32.indexOf(dest.slice(1));
        if (size === 32 && n32 >= 0) b.setup.push(`movq %${GPR64[n32]}, %rax`);
        else if (/^%[a-z0-9]+$/.test(dest) || !b.usedRegs.includes(0)) b.setup.push(`mov${L} ${dest}, %${regName(0, size)}`);
      }
      const att = form.sameOrder ? parts : [...parts].reverse();
      text = `${name} ${att.join(', ')}`.trim();
    }
  }
  // LOCK on read-modify-write instructions whose destination (last AT&T operand) is memory.
  const last = text.slice(text.lastIndexOf(' ') + 1);
  if ((LOCKABLE.has(op) || op.startsWith('cmpxchg')) && /\)$|^0x/.test(last) && r.chance(0.2)) text = `lock ${text}`;
  // Memory set-up lines were produced by mem(); collect them (they come before the CL/divisor ones).
  const lines = [...b.memSetup, ...b.setup, text];
  // %ah..%bh cannot be encoded in an instruction with a REX prefix.
  if (b.high8 && /%(r\d|spl|bpl|sil|dil)|(^|\s)\S+q\s|movabs|%r[a-z]{2}\b/.test(text)) return null;
  return { lines, effect: flagEffect({ op, size, count, cc, repCount }), jump };
}

function addDisp(withSegment: string, k: number): string {
  const seg = /^%[a-z]s:/.exec(withSegment)?.[0] ?? '';
  return seg + addDispNoSegment(withSegment.slice(seg.length), k);
}

function addDispNoSegment(mem: string, k: number): string {
  const m = /^(-?\d*|0x[0-9a-f]+|ripbuf\+\d+)(\(.*)?$/.exec(mem);
  if (!m) throw new Error(`x86 differential: cannot offset ${mem}`);
  const d = m[1]!;
  if (d.startsWith('ripbuf+')) return `ripbuf+${Number(d.slice(7)) + k}${m[2] ?? ''}`;
  if (d.startsWith('0x')) return `0x${(Number(d) + k).toString(16)}${m[2] ?? ''}`;
  return `${(d === '' ? 0 : Number(d)) + k}${m[2] ?? ''}`;
}

/** An address expression that lea / nop compute but never access: any registers, any disp. */
function leaOperand(r: Random): string {
  const regs = r.chance(0.2) ? GPR32 : GPR64;
  const base = r.chance(0.85) ? `%${r.pick(regs)}` : '';
  let index = '';
  if (r.chance(0.5)) { let i: string; do i = r.pick(regs); while (i === 'esp' || i === 'rsp'); index = `,%${i},${r.pick([1, 2, 4, 8])}`; }
  const d = r.pick([0, r.range(-128, 127), r.u32() | 0]);
  if (!base && !index) return `0x${(r.u32() >>> 1).toString(16)}`;
  return `${d || ''}(${base}${index})`;
}

/** The flag-defining instruction put before a reader of an undefined flag. */
function defineFlags(r: Random): Group {
  const a = r.pick(GPR64.filter((x) => x !== 'rsp'));
  const b = r.pick(GPR64);
  const op = r.pick(['cmp', 'add', 'sub', 'cmp']);
  return { lines: [`${op}q %${b}, %${a}`], effect: flagEffect({ op, size: 64 }) };
}

/** Walks the groups as the CPU would along every path: the undefined flags at each group's
 *  start and at the end (a forward branch's target joins the taken and the fall-through path). */
export function undefinedFlags(groups: Group[], count = groups.length): { before: number[]; end: number } {
  let u = 0;
  const join = new Map<number, number>();
  const before: number[] = [];
  for (let i = 0; i < count; i++) {
    u |= join.get(i) ?? 0;
    before.push(u);
    const g = groups[i]!;
    u = (u & ~g.effect.defines) | g.effect.undefines;
    if (g.jump) {
      const t = Math.min(i + 1 + g.jump.skip, count);
      join.set(t, (join.get(t) ?? 0) | u);
    }
  }
  return { before, end: u | (join.get(count) ?? 0) };
}

export function generateSequence(r: Random, options: GeneratorOptions = {}): Sequence {
  const ops = options.ops ?? DEFAULT_OPS;
  const max = options.maxInstructions ?? 10;
  const regs = Array.from({ length: 16 }, (_, i) => (i === 4 ? BigInt(STACK_START) : r.value()));
  const df = r.chance(0.25) ? DF : 0;
  const rflags = (r.u32() & ARITH) | df | 0x2;
  const memory = new Uint8Array(SCRATCH_SIZE + STACK_SIZE);
  for (let i = 0; i < memory.length; i++) memory[i] = r.chance(0.2) ? r.pick([0, 0xff, 0x80]) : r.int(256);
  const ripbuf = new Uint8Array(RIPBUF_SIZE);
  for (let i = 0; i < ripbuf.length; i++) ripbuf[i] = r.int(256);
  const groups: Group[] = [];
  const n = r.range(1, max);
  while (groups.length < n) {
    const g = makeGroup(r, df, ops);
    if (!g) continue;
    // A reader of an undefined flag gets a flag-defining instruction in its own group, so that
    // no forward branch can skip one without the other.
    if (g.effect.reads & undefinedFlags(groups).end) {
      const d = defineFlags(r);
      g.lines.unshift(...d.lines);
      g.effect = {
        reads: 0,
        defines: (d.effect.defines & ~g.effect.undefines) | g.effect.defines,
        undefines: g.effect.undefines | (d.effect.undefines & ~g.effect.defines),
      };
    }
    // Some groups run in a loop: those that leave RCX and the stack pointer alone and read no
    // flag that they leave undefined themselves (the next iteration would read it).
    if (!g.jump && r.chance(0.15) && !g.lines.some((l) => /%(rcx|ecx|cx|cl|ch)\b|\brep|^(push|pop|enter|leave)/.test(l)) && !(g.effect.reads & g.effect.undefines)) {
      g.repeat = r.range(1, 4);
    }
    groups.push(g);
  }
  return { regs, rflags, memory, ripbuf, groups };
}

/** The sequence's instruction lines for the first `count` groups, with branch labels named
 *  after `prefix`, and the arithmetic flags left undefined at the end. */
export function renderSequence(seq: Sequence, prefix: string, count = seq.groups.length): { lines: string[]; undefinedMask: number } {
  const lines: string[] = [];
  const targets = new Set<number>();
  seq.groups.slice(0, count).forEach((g, i) => {
    if (targets.has(i)) lines.push(`${prefix}_${i}:`);
    if (g.repeat) lines.push(`mov $${g.repeat}, %ecx`, `${prefix}_r${i}:`);
    for (const l of g.lines) {
      if (g.jump) {
        const t = Math.min(i + 1 + g.jump.skip, count);
        targets.add(t);
        lines.push(l.replace('@TARGET@', `${prefix}_${t}`));
      } else lines.push(l);
    }
    if (g.repeat) lines.push(`loop ${prefix}_r${i}`);
  });
  if (targets.has(count)) lines.push(`${prefix}_${count}:`);
  return { lines, undefinedMask: undefinedFlags(seq.groups, count).end };
}
