// Translation of decoded x86-64 instructions into JavaScript source.
//
// One code generator serves both engines: a block of one instruction is the interpreter's
// unit, a run of instructions up to a branch is a translated block. Every instruction becomes
// straight-line JS over:
//   C  the X86Cpu (memory accessors r8..r64 / w8..w64, helpers for rare instructions)
//   R  Int32Array of the 16 GPRs as (low, high) 32-bit halves: R[2n] low, R[2n+1] high
//   F  Int32Array lazy-flags record (see flags.ts)
// 64-bit values stay int32 pairs (no BigInt on the hot path; see shared/facts/fast-emulation.md).
//
// Precise exceptions: an instruction first does everything that may fault (memory reads and
// writes, checks), and only then updates registers and flags; `C.n` holds the index of the
// instruction about to run so the dispatcher knows which one faulted (and how many retired).
// Rules for each instruction follow the Intel SDM Vol. 2 instruction pages.

import type { DecodedInstruction, DecodedOperand } from '@vsys/isa-x86';
import { tlbSlotSource } from '../memory/tlb.js';
import { CF, K_ADC, K_ADD, K_DEC, K_INC, K_LOGIC, K_RESULT, K_SBB, K_SUB, OF, sizeCode } from './flags.js';

/** What the block builder needs to know about one translated instruction. */
export interface TranslatedInstruction {
  code: string;
  /** The instruction ends the block (control transfer, mode change, or anything that may change
   *  how the following bytes must be executed). */
  ends: boolean;
  /** A taken transfer the block follows (compiled blocks, GenContext.follow): translation goes
   *  on at this address instead of the next instruction's. */
  next?: { lo: number; hi: number };
}

/** The static knowledge of which operation last wrote the lazy flags in this block. */
export interface FlagsKnowledge {
  kind: number; // K_* or -1 unknown
  size: number; // size code
}

export interface GenContext {
  /** Address of the next instruction (lo, hi). */
  nextLo: number;
  nextHi: number;
  /** Address of this instruction. */
  lo: number;
  hi: number;
  index: number;
  flags: FlagsKnowledge;
  /** Start address of the block: a branch back to it becomes a loop inside the block. */
  loopStart?: { lo: number; hi: number };
  /** Physical address of the code page (compiled blocks only). When set, the block goes on
   *  past a conditional branch not taken, a `vmcall` that returns to the next instruction, and
   *  a CR3 write after which the next instruction is still fetched from this page. */
  physPage?: number;
  /** Trace building (compiled blocks): whether the block may go on at (lo, hi) after a taken
   *  call, jump or return — the address is not yet in the block and there is room. A followed
   *  indirect transfer or return checks its actual target against the followed one at run time
   *  and otherwise leaves the block there, as a DBT's inline target cache does. */
  follow?: (lo: number, hi: number) => boolean;
  /** Return addresses of the calls the block followed, innermost last: a `ret` expects the top. */
  returnStack?: { lo: number; hi: number }[];
  /** Where this indirect call/jump or return went the last time it ran on its own (the cold
   *  tier records it), or null. */
  predictTarget?: () => { lo: number; hi: number } | null;
}

const U32 = 4294967296;
/** Markers around calls into the CPU object (JS comments, so the code runs without block.ts's
 *  register-localizing pass too). */
export const OUT = '/*OUT*/';
export const IN = '/*IN*/';
/** The same for calls that only read (OUTF) or read and write (OUTF…INF) the flags record and
 *  never throw. */
export const OUTF = '/*OUTF*/';
export const INF = '/*INF*/';

function splitBig(v: bigint): [number, number] {
  const u = BigInt.asUintN(64, v);
  return [Number(u & 0xffffffffn) | 0, Number(u >> 32n) | 0];
}

const CONDITION_NAMES = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g',
  'c', 'nae', 'nb', 'nc', 'z', 'nz', 'na', 'nbe', 'pe', 'po', 'nge', 'nl', 'ng', 'nle'];
const ALIASES: Record<string, string> = {
  cwde: 'cbw', cdqe: 'cbw', cbtw: 'cbw', cwtl: 'cbw', cltq: 'cbw', cdq: 'cwd', cqo: 'cwd', cwtd: 'cwd', cltd: 'cwd', cqto: 'cwd',
  movabs: 'mov', sal: 'shl', iretq: 'iret', iretd: 'iret', iretw: 'iret', sysretq: 'sysret', sysretd: 'sysret', sysretl: 'sysret', sysexitl: 'sysexit', sysexitd: 'sysexit', sysexitq: 'sysexit',
  pushfq: 'pushf', popfq: 'popf', pushfw: 'pushf', popfw: 'popf', leaveq: 'leave', leavew: 'leave', enterw: 'enter', enterq: 'enter',
  retq: 'ret', retn: 'ret', callq: 'call', jmpq: 'jmp', xlatb: 'xlat', retf: 'lret', retfq: 'lret', lretq: 'lret', loopz: 'loope', loopnz: 'loopne',
  loopq: 'loop', icebp: 'int1',
};

/** The operation an instruction performs, independent of how the decoder spells it. */
export function normalizeMnemonic(m: string): string {
  m = m.toLowerCase();
  if (ALIASES[m]) return ALIASES[m]!;
  if (/^(movs|cmps|stos|lods|scas|ins|outs)[bwdlq]$/.test(m)) return m.slice(0, -1);
  if (m === 'jcc' || m === 'setcc' || m === 'cmovcc') return m;
  if (m.startsWith('j') && CONDITION_NAMES.includes(m.slice(1))) return 'jcc';
  if (m.startsWith('set') && CONDITION_NAMES.includes(m.slice(3))) return 'setcc';
  if (m.startsWith('cmov') && CONDITION_NAMES.includes(m.slice(4))) return 'cmovcc';
  return m;
}

const MASK: Record<number, number> = { 8: 0xff, 16: 0xffff };

/** Sign-extends an immediate from its encoded width, then takes `size` bits: [lo, hi]. */
function immValue(op: DecodedOperand, size: number): [number, number] {
  if (op.kind !== 'imm') return [0, 0];
  const v = BigInt.asUintN(size, BigInt.asIntN(op.size, op.value));
  return splitBig(v);
}
function immUnsigned(op: DecodedOperand): number {
  if (op.kind !== 'imm') return 0;
  return Number(BigInt.asUintN(op.size, op.value));
}

/** JS that computes the effective address of a memory operand into `el`, `eh`. */
function effectiveAddress(insn: DecodedInstruction, m: Extract<DecodedOperand, { kind: 'mem' }>, ctx: GenContext): string {
  let code: string;
  if (m.base === 16) {
    const t = BigInt.asUintN(insn.addrSize, BigInt(ctx.nextLo >>> 0) + (BigInt(ctx.nextHi >>> 0) << 32n) + BigInt(m.disp));
    const [l, h] = splitBig(t);
    code = `let el=${l},eh=${h};`;
  } else if (insn.addrSize === 32) {
    const parts: string[] = [];
    if (m.base >= 0) parts.push(`R[${2 * m.base}]`);
    if (m.index >= 0) parts.push(`R[${2 * m.index}]*${m.scale}`);
    parts.push(String(m.disp));
    code = `let el=(${parts.join('+')})|0,eh=0;`;
  } else {
    const lo: string[] = [];
    const hi: string[] = [];
    if (m.base >= 0) { lo.push(`(R[${2 * m.base}]>>>0)`); hi.push(`R[${2 * m.base + 1}]`); }
    if (m.index >= 0) { lo.push(`(R[${2 * m.index}]>>>0)*${m.scale}`); hi.push(`R[${2 * m.index + 1}]*${m.scale}`); }
    if (lo.length === 0) {
      const [l, h] = splitBig(BigInt(m.disp));
      code = `let el=${l},eh=${h};`;
    } else if (lo.length === 1 && m.disp === 0 && m.index < 0) {
      code = `let el=R[${2 * m.base}],eh=R[${2 * m.base + 1}];`;
    } else {
      if (m.disp !== 0) { lo.push(String(m.disp)); if (m.disp < 0) hi.push('-1'); }
      // Low words as unsigned plus disp; the carry/borrow into the high word is floor(t / 2^32).
      // A negative disp is a 64-bit value with high word -1, hence the extra -1 and the +1 carry.
      code = `let ta=${lo.join('+')}${m.disp < 0 ? '+' + U32 : ''};let el=ta|0,eh=(${hi.join('+')}+((ta*2.3283064365386963e-10)|0))|0;`;
    }
  }
  if (m.seg === 4 || m.seg === 5) {
    const b = m.seg === 4 ? 'fs' : 'gs';
    code += `{let s=(el>>>0)+(C.${b}l>>>0);el=s|0;eh=(eh+C.${b}h+(s>${U32 - 1}?1:0))|0;}`;
  }
  return code;
}

/** Expression of a register's value at `size` bits (low word; 64-bit also needs regHi). */
function regLo(reg: number, size: number, high8 = false): string {
  if (high8) return `((R[${2 * (reg - 4)}]>>8)&255)`;
  if (size === 8) return `(R[${2 * reg}]&255)`;
  if (size === 16) return `(R[${2 * reg}]&65535)`;
  return `R[${2 * reg}]`;
}

function regWrite(reg: number, size: number, lo: string, hi: string, high8 = false): string {
  if (high8) return `R[${2 * (reg - 4)}]=(R[${2 * (reg - 4)}]&-65281)|((${lo}&255)<<8);`;
  if (size === 8) return `R[${2 * reg}]=(R[${2 * reg}]&-256)|(${lo}&255);`;
  if (size === 16) return `R[${2 * reg}]=(R[${2 * reg}]&-65536)|(${lo}&65535);`;
  if (size === 32) return `R[${2 * reg}]=${lo};R[${2 * reg + 1}]=0;`;
  return `R[${2 * reg}]=${lo};R[${2 * reg + 1}]=${hi};`;
}

/** Accessor suffix for a memory operand: references based on RSP/RBP use the SS segment, whose
 *  non-canonical addresses raise #SS(0) instead of #GP(0) (SDM Vol. 3A §6.15, interrupt 12). */
function ss(op: DecodedOperand): string {
  return op.kind === 'mem' && (op.base === 4 || op.base === 5) && op.seg < 0 ? 's' : '';
}

class Gen {
  out: string[] = [];
  hasEa = false;
  constructor(readonly insn: DecodedInstruction, readonly ctx: GenContext) {}
  emit(s: string): void { this.out.push(s); }
  /** Marks that this instruction may fault: record its index for the dispatcher. */
  mayFault(): void { this.emit(`C.n=b+${this.ctx.index};`); }
  ea(m: DecodedOperand): void {
    if (m.kind !== 'mem' || this.hasEa) return;
    this.hasEa = true;
    this.emit(effectiveAddress(this.insn, m, this.ctx));
  }
  /** Reads operand into `${n}l`, `${n}h`. */
  read(op: DecodedOperand, size: number, n: string): void {
    switch (op.kind) {
      case 'reg':
        if (size === 64 && op.size === 64) this.emit(`let ${n}l=R[${2 * op.reg}],${n}h=R[${2 * op.reg + 1}];`);
        else this.emit(`let ${n}l=${regLo(op.reg, Math.min(size, op.size), op.high8)},${n}h=0;`);
        return;
      case 'imm': {
        const [l, h] = immValue(op, size);
        this.emit(`let ${n}l=${size < 32 ? l & MASK[size]! : l},${n}h=${size === 64 ? h : 0};`);
        return;
      }
      case 'mem':
        this.ea(op);
        this.emit(inlineRead(size, n, ss(op)));
        return;
      default:
        throw new TranslateError(`operand kind ${op.kind}`);
    }
  }
  write(op: DecodedOperand, size: number, lo: string, hi: string): void {
    if (op.kind === 'reg') this.emit(regWrite(op.reg, size, lo, hi, op.high8));
    else if (op.kind === 'mem') {
      this.ea(op);
      this.emit(inlineWrite(size, lo, hi, ss(op)));
    } else throw new TranslateError(`write to ${op.kind}`);
  }
  setFlags(kind: number, size: number, withOperands: boolean, aux?: string): void {
    const code = (kind << 2) | sizeCode(size);
    let s = `F[0]=${code};F[1]=rl;F[2]=rh;`;
    if (withOperands) s += `F[3]=al;F[4]=ah;F[5]=bl;F[6]=bh;`;
    if (aux !== undefined) s += `F[7]=${aux};`;
    this.emit(s);
    this.ctx.flags.kind = kind;
    this.ctx.flags.size = sizeCode(size);
  }
  flagsUnknown(): void { this.ctx.flags.kind = -1; }
  /** Emits a statement that calls into the CPU object: translated code that keeps registers
   *  in JS locals writes them back before (OUT) and reloads them after (IN); see block.ts. */
  sync(stmt: string): void { this.emit(`${OUT}${stmt}${IN}`); }
  /** A statement whose CPU call reads and writes only the flags record. */
  syncFlags(stmt: string): void { this.emit(`${OUTF}${stmt}${INF}`); }
  /** A condition expression; a generic evaluation goes through a synced local. */
  cond(cc: number): string {
    const e = conditionExpr(cc, this.ctx.flags);
    if (!e.includes('C.')) return e;
    const v = `cv${this.out.length}`;
    this.emit(`${OUTF}let ${v}=${e};`);
    return v;
  }
  carry(): string {
    const e = carryExpr(this.ctx.flags);
    if (!e.includes('C.')) return e;
    const v = `cy${this.out.length}`;
    this.emit(`${OUTF}let ${v}=${e};`);
    return v;
  }
  setRip(lo: number | string, hi: number | string): string { return `C.rl=${lo};C.rh=${hi};`; }
}

// Memory accesses: the TLB-hit path of the CPU's accessors (C.r8…C.r64, C.w8…C.w64 and their
// stack-segment forms) inline, the same probe as cpu.ts — slot tlbSlot(lo, hi), tag = page low
// word + high word, an access that stays inside the page; the helper runs only on a miss (page
// walk, canonical check → #GP/#SS, #PF, code and page-table pages). A hit implies a canonical
// address (only translated pages are filled) and a write hit a page that is neither code nor a
// page table (write entries are never filled for those, and dropped when a page becomes code).
const READ_GET: Record<number, string> = { 8: 'getUint8(p)', 16: 'getUint16(p,true)', 32: 'getInt32(p,true)', 64: 'getInt32(p,true)' };
const WRITE_SET: Record<number, string> = { 8: 'setUint8', 16: 'setUint16', 32: 'setInt32', 64: 'setInt32' };

/** Reads `size` bits at (el, eh) into `${n}l`, `${n}h` (suffix `s`: a stack-segment access). */
function inlineRead(size: number, n: string, s: string): string {
  if (size >= 32) {
    // Aligned words through C.i32 (guest RAM as an Int32Array, little-endian like the guest):
    // V8 compiles these to plain loads, where a DataView access also checks its buffer; an
    // unaligned access takes the accessor.
    const probe = `const T=C.tlb,i=${tlbSlotSource('el', 'eh')};if(T.rLo[i]===(el&-4096)&&T.rHi[i]===eh&&(el&4095)<=${4096 - size / 8}&&(el&3)===0){const w=(T.rPhys[i]+(el&4095))>>2,I=C.i32;`;
    if (size === 64) return `let ${n}l,${n}h;{${probe}${n}l=I[w];${n}h=I[w+1];}else{${n}l=C.r64${s}(el,eh);${n}h=C.th;}}`;
    return `let ${n}l,${n}h=0;{${probe}${n}l=I[w];}else ${n}l=C.r32${s}(el,eh);}`;
  }
  const probe = `const T=C.tlb,i=${tlbSlotSource('el', 'eh')};if(T.rLo[i]===(el&-4096)&&T.rHi[i]===eh${size > 8 ? `&&(el&4095)<=${4096 - size / 8}` : ''}){const p=T.rPhys[i]+(el&4095),V=C.dv;`;
  return `let ${n}l,${n}h=0;{${probe}${n}l=V.${READ_GET[size]};}else ${n}l=C.r${size}${s}(el,eh);}`;
}

/** Writes `size` bits (`lo`, `hi`: side-effect-free expressions) at (el, eh). */
function inlineWrite(size: number, lo: string, hi: string, s: string): string {
  if (size >= 32) {
    const probe = `const T=C.tlb,i=${tlbSlotSource('el', 'eh')};if(T.wLo[i]===(el&-4096)&&T.wHi[i]===eh&&(el&4095)<=${4096 - size / 8}&&(el&3)===0){const w=(T.wPhys[i]+(el&4095))>>2,I=C.i32;`;
    if (size === 64) return `{${probe}I[w]=${lo};I[w+1]=${hi};}else C.w64${s}(el,eh,${lo},${hi});}`;
    return `{${probe}I[w]=${lo};}else C.w32${s}(el,eh,${lo});}`;
  }
  const probe = `const T=C.tlb,i=${tlbSlotSource('el', 'eh')};if(T.wLo[i]===(el&-4096)&&T.wHi[i]===eh${size > 8 ? `&&(el&4095)<=${4096 - size / 8}` : ''}){const p=T.wPhys[i]+(el&4095),V=C.dv;`;
  return `{${probe}V.${WRITE_SET[size]}(p,${lo}${size > 8 ? ',true' : ''});}else C.w${size}${s}(el,eh,${lo});}`;
}

// push/pop/call/ret of 64 bits (the syscall entry path does 21 pushes and pops per call): the
// same inline probe on the new stack slot (sl, sh) / the old top (R[8], R[9]).
const PUSH64_STORE = `{let el=sl,eh=sh;${inlineWrite(64, 'al', 'ah', 's')}}`;
const POP64_LOAD = `let vl,vh;{let el=R[8],eh=R[9];${inlineRead(64, 'q', 's')}vl=ql;vh=qh;}`;

/** The stack side of a push or pop that a run of them can share (stackRunCode): 'push' for
 *  `push %reg` / `push $imm` (not %rsp), 'pop' for `pop %reg` (not %rsp), both 64-bit; else null. */
export function stackRunKind(insn: DecodedInstruction): 'push' | 'pop' | null {
  const name = normalizeMnemonic(insn.mnemonic);
  if ((name !== 'push' && name !== 'pop') || insn.opSize !== 64 || insn.lock || insn.operands.length !== 1) return null;
  const op = insn.operands[0]!;
  if (op.kind === 'reg' && op.size === 64 && op.reg !== 4) return name;
  if (op.kind === 'imm' && name === 'push') return name;
  return null;
}

/**
 * A run of `n` consecutive pushes (or pops) at block indexes first…first+n-1 as one probe: when
 * the n slots lie in one page whose write (read) entry is in the TLB, the values are stored
 * (loaded) straight into RAM and RSP moves once — the entry path's 19 register pushes and 15
 * pops are such runs. Otherwise each instruction runs on its own through the accessor (page
 * walk, #SS / #PF with that instruction's index, RSP updated per instruction as the SDM says).
 */
export function stackRunCode(insns: DecodedInstruction[], first: number, n: number): string {
  const kind = stackRunKind(insns[first]!)!;
  const bytes = 8 * n;
  const slot = tlbSlotSource('sl', 'sh');
  let fast = '', slow = '';
  if (kind === 'push') {
    for (let j = 0; j < n; j++) {
      const op = insns[first + j]!.operands[0]!;
      const [vl, vh] = op.kind === 'reg' ? [`R[${2 * op.reg}]`, `R[${2 * op.reg + 1}]`] : immValue(op, 64).map(String);
      const off = bytes - 8 * (j + 1);
      fast += `I[w+${off / 4}]=${vl};I[w+${off / 4 + 1}]=${vh};`;
      slow += `{C.n=b+${first + j};let t=(R[8]>>>0)-8;let sl=t|0,sh=(R[9]-(t<0?1:0))|0;C.w64s(sl,sh,${vl},${vh});R[8]=sl;R[9]=sh;}`;
    }
    return `{C.n=b+${first};const t=(R[8]>>>0)-${bytes},sl=t|0,sh=R[9],T=C.tlb,i=${slot};` +
      `if(t>=0&&(sl&4095)<=${4096 - bytes}&&(sl&3)===0&&T.wLo[i]===(sl&-4096)&&T.wHi[i]===sh){const w=(T.wPhys[i]+(sl&4095))>>2,I=C.i32;${fast}R[8]=sl;}else{${slow}}}`;
  }
  for (let j = 0; j < n; j++) {
    const op = insns[first + j]!.operands[0]!;
    if (op.kind !== 'reg') throw new TranslateError('pop run');
    fast += `R[${2 * op.reg}]=I[w+${2 * j}];R[${2 * op.reg + 1}]=I[w+${2 * j + 1}];`;
    slow += `{C.n=b+${first + j};let vl=C.r64s(R[8],R[9]),vh=C.th;let t=(R[8]>>>0)+8;R[8]=t|0;R[9]=(R[9]+(t>${U32 - 1}?1:0))|0;R[${2 * op.reg}]=vl;R[${2 * op.reg + 1}]=vh;}`;
  }
  return `{C.n=b+${first};const sl=R[8],sh=R[9],T=C.tlb,i=${slot};` +
    `if((sl&4095)<=${4096 - bytes}&&(sl&3)===0&&T.rLo[i]===(sl&-4096)&&T.rHi[i]===sh){const w=(T.rPhys[i]+(sl&4095))>>2,I=C.i32;${fast}const t=(sl>>>0)+${bytes};R[8]=t|0;R[9]=(sh+(t>${U32 - 1}?1:0))|0;}else{${slow}}}`;
}

export class TranslateError extends Error {}

const LOCKABLE = new Set(['add', 'adc', 'and', 'btc', 'btr', 'bts', 'cmpxchg', 'cmpxchg8b', 'cmpxchg16b', 'dec', 'inc', 'neg', 'not', 'or', 'sbb', 'sub', 'xor', 'xadd', 'xchg']);

function isLoop(ctx: GenContext, lo: number, hi: number): boolean {
  return ctx.loopStart !== undefined && ctx.loopStart.lo === lo && ctx.loopStart.hi === hi;
}

/** A taken transfer back to the block's start (the last instruction of the block): the next
 *  pass runs inside the function while the caller's budget lasts. */
function loopBack(ctx: GenContext, lo: number, hi: number): string {
  return `b+=${ctx.index + 1};if(b<lim)continue;C.rl=${lo};C.rh=${hi};return b;`;
}

/** A JS boolean expression for condition `cc`, using static knowledge of the last flag writer. */
export function conditionExpr(cc: number, flags: FlagsKnowledge): string {
  const k = flags.kind, sz = flags.size;
  const zero = sz === 3 ? '((F[1]|F[2])===0)' : sz === 2 ? '(F[1]===0)' : sz === 1 ? '((F[1]&65535)===0)' : '((F[1]&255)===0)';
  const sign = sz === 3 ? '(F[2]<0)' : sz === 2 ? '(F[1]<0)' : sz === 1 ? '((F[1]&32768)!==0)' : '((F[1]&128)!==0)';
  const neg = (e: string): string => (cc & 1 ? `!${e}` : e);
  const base = cc >> 1;
  if (k >= 0) {
    if (base === 2) return neg(zero);
    if (base === 4) return neg(sign);
  }
  if (k === K_SUB) {
    let below: string, less: string, equal = zero;
    if (sz === 3) {
      below = '((F[4]>>>0)<(F[6]>>>0)||(F[4]===F[6]&&(F[3]>>>0)<(F[5]>>>0)))';
      less = '(F[4]<F[6]||(F[4]===F[6]&&(F[3]>>>0)<(F[5]>>>0)))';
    } else if (sz === 2) {
      below = '((F[3]>>>0)<(F[5]>>>0))';
      less = '(F[3]<F[5])';
    } else {
      const sh = sz === 1 ? 16 : 24;
      below = `(F[3]<F[5])`;
      less = `((F[3]<<${sh})<(F[5]<<${sh}))`;
    }
    if (base === 1) return neg(below);
    if (base === 3) return neg(`(${below}||${equal})`);
    if (base === 6) return neg(less);
    if (base === 7) return neg(`(${less}||${equal})`);
  }
  if (k === K_LOGIC) {
    if (base === 0 || base === 1) return cc & 1 ? 'true' : 'false';
    if (base === 3) return neg(zero);
    if (base === 6) return neg(sign);
    if (base === 7) return neg(`(${zero}||${sign})`);
  }
  return `C.cond(${cc})`;
}

/** A JS expression (0 or 1) for CF, using static knowledge of the last flag writer. */
export function carryExpr(flags: FlagsKnowledge): string {
  const sz = flags.size;
  switch (flags.kind) {
    case K_LOGIC: return '0';
    case K_INC: case K_DEC: case K_RESULT: return '(F[7]&1)';
    case K_SUB: return `(${conditionExpr(2, flags)}?1:0)`;
    case K_ADD:
      if (sz === 3) return '(((F[2]>>>0)<(F[4]>>>0)||(F[2]===F[4]&&(F[1]>>>0)<(F[3]>>>0)))?1:0)';
      if (sz === 2) return '((F[1]>>>0)<(F[3]>>>0)?1:0)';
      return '(F[1]<F[3]?1:0)';
    // Unknown here (the flags come from an earlier block): CF is F[7] bit 0 after K_NONE,
    // INC, DEC and RESULT records (explicit bits or the preserved CF; e.g. after sysret), else
    // the generic evaluation.
    default: return `((${(1 << 0) | (1 << K_INC) | (1 << K_DEC) | (1 << K_RESULT)}>>(F[0]>>2))&1?F[7]&1:C.cf())`;
  }
}

function aluCompute(op: string, size: number): string {
  if (size === 64) {
    switch (op) {
      case 'add': return `let t=(al>>>0)+(bl>>>0);let rl=t|0,rh=(ah+bh+(t>${U32 - 1}?1:0))|0;`;
      case 'adc': return `let ci=CARRY;let t=(al>>>0)+(bl>>>0)+ci;let rl=t|0,rh=(ah+bh+(t>${U32 - 1}?1:0))|0;`;
      case 'sub': case 'cmp': return `let t=(al>>>0)-(bl>>>0);let rl=t|0,rh=(ah-bh-(t<0?1:0))|0;`;
      case 'sbb': return `let ci=CARRY;let t=(al>>>0)-(bl>>>0)-ci;let rl=t|0,rh=(ah-bh-(t<0?1:0))|0;`;
      case 'and': case 'test': return `let rl=al&bl,rh=ah&bh;`;
      case 'or': return `let rl=al|bl,rh=ah|bh;`;
      case 'xor': return `let rl=al^bl,rh=ah^bh;`;
    }
  }
  const m = size === 32 ? '|0' : `&${MASK[size]}`;
  switch (op) {
    case 'add': return `let rl=(al+bl)${m},rh=0;`;
    case 'adc': return `let ci=CARRY;let rl=(al+bl+ci)${m},rh=0;`;
    case 'sub': case 'cmp': return `let rl=(al-bl)${m},rh=0;`;
    case 'sbb': return `let ci=CARRY;let rl=(al-bl-ci)${m},rh=0;`;
    case 'and': case 'test': return `let rl=al&bl,rh=0;`;
    case 'or': return `let rl=al|bl,rh=0;`;
    case 'xor': return `let rl=al^bl,rh=0;`;
  }
  throw new TranslateError(op);
}

const ALU_KIND: Record<string, number> = { add: K_ADD, adc: K_ADC, sub: K_SUB, cmp: K_SUB, sbb: K_SBB, and: K_LOGIC, or: K_LOGIC, xor: K_LOGIC, test: K_LOGIC };

/** Translates one instruction. Throws TranslateError for something it does not implement
 *  (the caller turns that into #UD). */
export function translateInstruction(insn: DecodedInstruction, ctx: GenContext): TranslatedInstruction {
  const g = new Gen(insn, ctx);
  const ops = insn.operands;
  const size = insn.opSize;
  const name = normalizeMnemonic(insn.mnemonic);
  const next = g.setRip(ctx.nextLo, ctx.nextHi);
  const here = g.setRip(ctx.lo, ctx.hi);
  const done = `return b+${ctx.index + 1};`;
  let ends = false;
  const memOps = ops.some((o) => o.kind === 'mem' && o.size !== 0);
  if (memOps) g.mayFault();
  // LOCK is only allowed on read-modify-write instructions with a memory destination
  // (SDM Vol. 2A "LOCK": otherwise #UD). Locked operations are trivially atomic here.
  if (insn.lock && (!LOCKABLE.has(name) || !(ops[0]?.kind === 'mem' || (name === 'xchg' && ops[1]?.kind === 'mem')))) {
    g.mayFault();
    g.emit(`C.fault(6,-1);`);
    return { code: g.out.join(''), ends: true };
  }

  // Helper-implemented instructions: C.x(insn-index) runs them with the decoded instruction.
  const helper = (method: string, endsBlock: boolean, args = ''): void => {
    if (!memOps) g.mayFault();
    if (endsBlock) {
      g.emit(`${next}${OUT}C.${method}(${args});${IN}${done}`);
      ends = true;
    } else {
      g.emit(`${OUT}C.${method}(${args});${IN}`);
    }
    g.flagsUnknown();
  };
  const insnRef = `I[${ctx.index}]`;

  switch (name) {
    case 'add': case 'or': case 'adc': case 'sbb': case 'and': case 'sub': case 'xor': case 'cmp': case 'test': {
      g.read(ops[0]!, size, 'a');
      g.read(ops[1]!, size, 'b');
      const compute = aluCompute(name, size);
      g.emit(compute.includes('CARRY') ? compute.replace('CARRY', g.carry()) : compute);
      if (name !== 'cmp' && name !== 'test') g.write(ops[0]!, size, 'rl', 'rh');
      const kind = ALU_KIND[name]!;
      g.setFlags(kind, size, kind !== K_LOGIC, name === 'adc' || name === 'sbb' ? 'ci' : undefined);
      break;
    }
    case 'inc': case 'dec': {
      g.read(ops[0]!, size, 'a');
      g.emit(`let bl=1,bh=0;`);
      g.emit(aluCompute(name === 'inc' ? 'add' : 'sub', size));
      g.write(ops[0]!, size, 'rl', 'rh');
      g.emit(`let oc=${g.carry()};`);
      g.setFlags(name === 'inc' ? K_INC : K_DEC, size, true, 'oc');
      break;
    }
    case 'neg': {
      g.read(ops[0]!, size, 'b');
      g.emit(`let al=0,ah=0;`);
      g.emit(aluCompute('sub', size));
      g.write(ops[0]!, size, 'rl', 'rh');
      g.setFlags(K_SUB, size, true);
      break;
    }
    case 'not': {
      g.read(ops[0]!, size, 'a');
      g.write(ops[0]!, size, size < 32 ? `(~al&${MASK[size]})` : '~al', '~ah');
      break;
    }
    case 'mov': {
      const [d, s] = ops as [DecodedOperand, DecodedOperand];
      if (d.kind === 'creg' && d.reg === 3 && s.kind === 'reg') {
        // mov %reg, %cr3: twice per syscall on the entry path — its own helper, no operand decoding.
        const page = ctx.lo & -4096;
        if (ctx.physPage !== undefined && (ctx.nextLo & -4096) === page && ctx.nextHi === ctx.hi) {
          // The next instruction is fetched through the new tables (SDM Vol. 3A 4.10.4.1): the
          // block goes on when they map its page to the same frame (kernel text is mapped alike
          // in every address space), found in the new TLB set's instruction entries.
          g.mayFault();
          g.emit(`${next}C.movToCr3Value(R[${2 * s.reg}],R[${2 * s.reg + 1}]);`);
          g.emit(`{const T=C.tlb,i=${tlbSlotSource(String(page), String(ctx.hi))};if(T.xLo[i]!==${page}||T.xHi[i]!==${ctx.hi}||T.xPhys[i]!==${ctx.physPage})${done}}`);
          g.flagsUnknown();
          break;
        }
        g.mayFault();
        g.emit(`${next}C.movToCr3Value(R[${2 * s.reg}],R[${2 * s.reg + 1}]);${done}`);
        ends = true;
        break;
      }
      if (d.kind === 'creg' || s.kind === 'creg' || d.kind === 'dreg' || s.kind === 'dreg') {
        helper('movSystemRegister', d.kind === 'creg', insnRef);
        break;
      }
      if (d.kind === 'sreg' || s.kind === 'sreg') {
        helper('movSegment', false, insnRef);
        break;
      }
      g.read(s, size, 'a');
      g.write(d, size, 'al', 'ah');
      break;
    }
    case 'movzx': case 'movsx': case 'movsxd': {
      const s = ops[1]!;
      const ss = s.kind === 'reg' ? s.size : s.kind === 'mem' ? s.size : 32;
      g.read(s, ss, 'a');
      if (name === 'movzx') g.write(ops[0]!, size, 'al', '0');
      else {
        const sh = 32 - ss;
        g.emit(`let sl=${sh ? `((al<<${sh})>>${sh})` : 'al'};`);
        g.write(ops[0]!, size, size === 16 ? 'sl&65535' : 'sl', '(sl>>31)');
      }
      break;
    }
    case 'lea': {
      const m = ops[1]!;
      if (m.kind !== 'mem') throw new TranslateError('lea without memory operand');
      g.emit(effectiveAddress(insn, { ...m, seg: -1 }, ctx));
      g.write(ops[0]!, size, size === 16 ? 'el&65535' : 'el', 'eh');
      break;
    }
    case 'xchg': {
      const [d, s] = ops as [DecodedOperand, DecodedOperand];
      if (d.kind === 'mem') { g.read(d, size, 'a'); g.read(s, size, 'b'); g.write(d, size, 'bl', 'bh'); g.write(s, size, 'al', 'ah'); }
      else { g.read(s, size, 'b'); g.read(d, size, 'a'); g.write(s, size, 'al', 'ah'); g.write(d, size, 'bl', 'bh'); }
      break;
    }
    case 'push': {
      const s = ops[0]!;
      g.mayFault();
      if (s.kind === 'sreg') g.emit(`let al=C.selector(${s.reg}),ah=0;`);
      else g.read(s, size, 'a');
      const w = size / 8;
      g.emit(`let t=(R[8]>>>0)-${w};let sl=t|0,sh=(R[9]-(t<0?1:0))|0;`);
      g.emit(size === 64 ? PUSH64_STORE : `C.w16s(sl,sh,al);`);
      g.emit(`R[8]=sl;R[9]=sh;`);
      break;
    }
    case 'pop': {
      const d = ops[0]!;
      g.mayFault();
      g.emit(size === 64 ? POP64_LOAD : `let vl=C.r16s(R[8],R[9]),vh=0;`);
      g.emit(`let t=(R[8]>>>0)+${size / 8};let sl=t|0,sh=(R[9]+(t>${U32 - 1}?1:0))|0;`);
      if (d.kind === 'sreg') { g.emit(`C.loadSegment(${d.reg},vl&65535);R[8]=sl;R[9]=sh;`); break; }
      if (d.kind === 'mem') {
        // The address of a memory destination is computed with RSP already incremented (SDM POP).
        g.emit(`let ol=R[8],oh=R[9];R[8]=sl;R[9]=sh;`);
        g.emit(`try{`); g.write(d, size, 'vl', 'vh'); g.emit(`}catch(x){R[8]=ol;R[9]=oh;throw x;}`);
      } else {
        g.emit(`R[8]=sl;R[9]=sh;`);
        g.write(d, size, 'vl', 'vh');
      }
      break;
    }
    case 'pushf': helper('pushf', false, String(size)); break;
    case 'popf': helper('popf', true, String(size)); break;
    case 'leave': {
      g.mayFault();
      g.emit(size === 64 ? `let vl=C.r64s(R[10],R[11]),vh=C.th;` : `let vl=C.r16s(R[10],R[11]),vh=0;`);
      g.emit(`let t=(R[10]>>>0)+${size / 8};R[8]=t|0;R[9]=(R[11]+(t>${U32 - 1}?1:0))|0;`);
      g.emit(regWrite(5, size, 'vl', 'vh'));
      break;
    }
    case 'enter': helper('enter', false, `${immUnsigned(ops[0]!)},${immUnsigned(ops[1]!) & 31},${size}`); break;
    case 'call': case 'jmp': {
      const t = ops[0]!;
      if (t.kind === 'mem' && t.size === 48) {
        // FF /3, FF /5: far CALL/JMP through an m16:32 pointer (the decoder names them call/jmp).
        g.ea(t);
        helper('farIndirect', true, `${name === 'call'},el,eh,${ctx.nextLo},${ctx.nextHi}`);
        break;
      }
      let targetCode: string;
      let follow: { lo: number; hi: number } | null = null;
      if (t.kind === 'rel') {
        const [l, h] = splitBig(t.target);
        if (!((h >> 15) === 0 || (h >> 15) === -1)) { g.mayFault(); g.emit(`C.fault(13,0);`); ends = true; break; }
        targetCode = `C.rl=${l};C.rh=${h};`;
        if (isLoop(ctx, l, h)) targetCode = loopBack(ctx, l, h);
        else if (ctx.follow?.(l, h)) follow = { lo: l, hi: h };
      } else {
        g.mayFault();
        g.read(t, 64, 'j');
        g.emit(`if((((jh>>15)+1)>>>0)>1)C.fault(13,0);`);
        targetCode = `C.rl=jl;C.rh=jh;`;
        const p = ctx.predictTarget?.() ?? null;
        // To the block's start: a loop inside the block once the target is checked.
        if (p !== null && isLoop(ctx, p.lo, p.hi)) targetCode = `if(jl!==${p.lo}||jh!==${p.hi}){C.rl=jl;C.rh=jh;${done}}${loopBack(ctx, p.lo, p.hi)}`;
        else if (p !== null && ctx.follow?.(p.lo, p.hi)) follow = p;
      }
      if (name === 'call') {
        g.mayFault();
        g.emit(`let t=(R[8]>>>0)-8;let sl=t|0,sh=(R[9]-(t<0?1:0))|0;{let al=${ctx.nextLo},ah=${ctx.nextHi};${PUSH64_STORE}}R[8]=sl;R[9]=sh;`);
      }
      if (follow !== null) {
        // The block goes on at the target; an indirect one leaves when it went elsewhere.
        if (t.kind !== 'rel') g.emit(`if(jl!==${follow.lo}||jh!==${follow.hi}){${targetCode}${done}}`);
        if (name === 'call') ctx.returnStack?.push({ lo: ctx.nextLo, hi: ctx.nextHi });
        return { code: g.out.join(''), ends: false, next: follow };
      }
      g.emit(`${targetCode}${done}`);
      ends = true;
      break;
    }
    case 'ret': {
      g.mayFault();
      const extra = ops.length ? immUnsigned(ops[0]!) : 0;
      g.emit(`${POP64_LOAD}let jl=vl,jh=vh;if((((jh>>15)+1)>>>0)>1)C.fault(13,0);`);
      g.emit(`let t=(R[8]>>>0)+${8 + extra};R[8]=t|0;R[9]=(R[9]+(t>${U32 - 1}?1:0))|0;`);
      // Followed: the return address of the call this block followed, else the last one seen;
      // the block leaves when the address popped is another.
      const expect = (ctx.returnStack !== undefined && ctx.returnStack.length > 0 ? ctx.returnStack.pop()! : null) ?? ctx.predictTarget?.() ?? null;
      if (expect !== null && isLoop(ctx, expect.lo, expect.hi)) {
        g.emit(`if(jl!==${expect.lo}||jh!==${expect.hi}){C.rl=jl;C.rh=jh;${done}}${loopBack(ctx, expect.lo, expect.hi)}`);
        ends = true;
        break;
      }
      if (expect !== null && ctx.follow?.(expect.lo, expect.hi)) {
        g.emit(`if(jl!==${expect.lo}||jh!==${expect.hi}){C.rl=jl;C.rh=jh;${done}}`);
        return { code: g.out.join(''), ends: false, next: expect };
      }
      g.emit(`C.rl=jl;C.rh=jh;${done}`);
      ends = true;
      break;
    }
    case 'jcc': case 'loop': case 'loope': case 'loopne': case 'jrcxz': case 'jecxz': {
      const t = ops[0]!;
      if (t.kind !== 'rel') throw new TranslateError('jcc without rel');
      const [l, h] = splitBig(t.target);
      let cond: string;
      if (name === 'jcc') cond = g.cond(insn.cond);
      else if (name === 'jrcxz') cond = insn.addrSize === 32 ? '(R[2]===0)' : '((R[2]|R[3])===0)';
      else if (name === 'jecxz') cond = '(R[2]===0)';
      else {
        // LOOP: decrement rCX (no flags), branch while it is not 0 (and ZF for loope/loopne).
        if (insn.addrSize === 32) g.emit(`R[2]=(R[2]-1)|0;R[3]=0;`);
        else g.emit(`{let t=(R[2]>>>0)-1;R[2]=t|0;R[3]=(R[3]-(t<0?1:0))|0;}`);
        const nz = insn.addrSize === 32 ? '(R[2]!==0)' : '((R[2]|R[3])!==0)';
        cond = name === 'loop' ? nz : name === 'loope' ? `(${nz}&&${g.cond(4)})` : `(${nz}&&${g.cond(5)})`;
      }
      const canonical = (h >> 15) === 0 || (h >> 15) === -1;
      const loop = isLoop(ctx, l, h);
      const taken = !canonical ? `C.n=b+${ctx.index};C.fault(13,0);`
        : loop ? `b+=${ctx.index + 1};if(b<lim)continue;C.rl=${l};C.rh=${h};return b;`
        : `C.rl=${l};C.rh=${h};${done}`;
      if (ctx.physPage !== undefined && canonical && !loop) {
        // Not taken: the block goes on with the next instruction (a loop's back edge still
        // ends the block, so one pass of a loop is always the whole block).
        g.emit(`if(${cond}){${taken}}`);
        break;
      }
      g.emit(`if(${cond}){${taken}}${next}${done}`);
      ends = true;
      break;
    }
    case 'setcc': {
      g.emit(`let al=${g.cond(insn.cond)}?1:0,ah=0;`);
      g.write(ops[0]!, 8, 'al', '0');
      break;
    }
    case 'cmovcc': {
      g.read(ops[1]!, size, 'a');
      const d = ops[0]!;
      if (d.kind !== 'reg') throw new TranslateError('cmov to memory');
      g.emit(`if(${g.cond(insn.cond)}){${regWrite(d.reg, size, 'al', 'ah')}}`);
      // A 32-bit CMOV clears bits 63:32 of the destination even when the condition is false.
      if (size === 32) g.emit(`else R[${2 * d.reg + 1}]=0;`);
      break;
    }
    case 'shl': case 'shr': case 'sar': {
      const c = ops[1]!;
      if ((size === 64 || size === 32) && (c.kind === 'imm')) {
        const count = immUnsigned(c) & (size === 64 ? 63 : 31);
        g.read(ops[0]!, size, 'a');
        if (count === 0) { g.write(ops[0]!, size, 'al', 'ah'); break; }
        emitConstShift(g, name, size, count);
        g.write(ops[0]!, size, 'rl', 'rh');
        g.setFlags(K_RESULT, size, false, 'cf');
        break;
      }
      g.read(ops[0]!, size, 'a');
      g.emit(`let c=${c.kind === 'imm' ? immUnsigned(c) : '(R[2]&255)'};`);
      g.syncFlags(`let rl=C.shift('${name}',${size},al,ah,c),rh=C.th;`);
      g.write(ops[0]!, size, 'rl', 'rh');
      g.syncFlags(`C.commitShiftFlags();`);
      g.flagsUnknown();
      break;
    }
    case 'rol': case 'ror': case 'rcl': case 'rcr': {
      const c = ops[1]!;
      g.read(ops[0]!, size, 'a');
      g.emit(`let c=${c.kind === 'imm' ? immUnsigned(c) : '(R[2]&255)'};`);
      g.syncFlags(`let rl=C.shift('${name}',${size},al,ah,c),rh=C.th;`);
      g.write(ops[0]!, size, 'rl', 'rh');
      g.syncFlags(`C.commitShiftFlags();`);
      g.flagsUnknown();
      break;
    }
    case 'shld': case 'shrd': {
      const c = ops[2]!;
      g.read(ops[0]!, size, 'a');
      g.read(ops[1]!, size, 'b');
      g.emit(`let c=${c.kind === 'imm' ? immUnsigned(c) : '(R[2]&255)'};`);
      // doubleShift touches neither R nor F: it leaves the flags pending (a count of 0 changes
      // none), and they are written here as commitShiftFlags would — the result-type record —
      // without syncing the flags record around the call.
      g.emit(`let rl=C.doubleShift(${name === 'shld'},${size},al,ah,bl,bh,c),rh=C.th;`);
      g.write(ops[0]!, size, 'rl', 'rh');
      g.emit(`if(C.pendingShiftFlags===1){F[0]=${(K_RESULT << 2) | sizeCode(size)};F[1]=rl;F[2]=rh;F[7]=C.shiftBits;}C.pendingShiftFlags=0;`);
      g.flagsUnknown();
      break;
    }
    case 'mul':
      if (size === 64 || size === 32) {
        // RDX:RAX = RAX * src (SDM MUL), the product from C.mulWide (no register or flag state
        // touched there); CF = OF = upper half non-zero, SF/ZF/PF from the low half as the
        // helper path did (undefined in the SDM).
        g.read(ops[0]!, size, 'a');
        if (size === 64) {
          g.emit(`{const p=C.mulWide(R[0],R[1],al,ah);R[0]=p[0];R[1]=p[1];R[4]=p[2];R[5]=p[3];F[0]=${(K_RESULT << 2) | 3};F[1]=p[0];F[2]=p[1];F[7]=(p[2]|p[3])!==0?${CF | OF}:0;}`);
        } else {
          g.emit(`{const p=C.mulWide(R[0],0,al,0);R[0]=p[0];R[1]=0;R[4]=p[1];R[5]=0;F[0]=${(K_RESULT << 2) | 2};F[1]=p[0];F[2]=0;F[7]=p[1]!==0?${CF | OF}:0;}`);
        }
        g.ctx.flags.kind = K_RESULT; g.ctx.flags.size = sizeCode(size);
        break;
      }
      g.read(ops[0]!, size, 'a');
      g.mayFault();
      g.sync(`C.${name}(${size},al,ah);`);
      g.flagsUnknown();
      break;
    case 'div': case 'idiv':
      g.read(ops[0]!, size, 'a');
      g.mayFault();
      g.sync(`C.${name}(${size},al,ah);`);
      g.flagsUnknown();
      break;
    case 'imul': {
      if (ops.length === 1) {
        g.read(ops[0]!, size, 'a');
        g.sync(`C.imul1(${size},al,ah);`);
      } else {
        const s1 = ops.length === 3 ? ops[1]! : ops[0]!;
        const s2 = ops.length === 3 ? ops[2]! : ops[1]!;
        g.read(s1, size, 'a');
        g.read(s2, size, 'b');
        g.syncFlags(`let rl=C.imul2(${size},al,ah,bl,bh),rh=C.th;`);
        g.write(ops[0]!, size, 'rl', 'rh');
      }
      g.flagsUnknown();
      break;
    }
    case 'cbw': {
      if (size === 16) g.emit(`R[0]=(R[0]&-65536)|(((R[0]<<24)>>24)&65535);`);
      else if (size === 32) g.emit(`R[0]=(R[0]<<16)>>16;R[1]=0;`);
      else g.emit(`R[1]=R[0]>>31;`);
      break;
    }
    case 'cwd': {
      if (size === 16) g.emit(`R[4]=(R[4]&-65536)|(((R[0]<<16)>>31)&65535);`);
      else if (size === 32) g.emit(`R[4]=R[0]>>31;R[5]=0;`);
      else g.emit(`R[4]=R[1]>>31;R[5]=R[4];`);
      break;
    }
    case 'xadd': {
      g.read(ops[0]!, size, 'a');
      g.read(ops[1]!, size, 'b');
      g.emit(aluCompute('add', size));
      // SDM XADD: TEMP := SRC + DEST; SRC := DEST; DEST := TEMP — the destination is written
      // last, so `xadd %r, %r` leaves the sum. A memory destination is written first (it may fault).
      if (ops[0]!.kind === 'mem') { g.write(ops[0]!, size, 'rl', 'rh'); g.write(ops[1]!, size, 'al', 'ah'); }
      else { g.write(ops[1]!, size, 'al', 'ah'); g.write(ops[0]!, size, 'rl', 'rh'); }
      g.setFlags(K_ADD, size, true);
      break;
    }
    case 'cmpxchg': {
      // Compare accumulator with destination; equal: dest := src, else accumulator := dest.
      // The destination is always written (SDM CMPXCHG: "the destination receives a write cycle").
      g.read(ops[0]!, size, 'b');
      g.read(ops[1]!, size, 's');
      g.read({ kind: 'reg', reg: 0, size }, size, 'a');
      g.emit(aluCompute('sub', size));
      g.emit(`let eq=${size === 64 ? '(rl|rh)===0' : 'rl===0'};`);
      if (ops[0]!.kind === 'mem') g.write(ops[0]!, size, 'eq?sl:bl', 'eq?sh:bh');
      g.emit(`if(eq){`);
      if (ops[0]!.kind !== 'mem') g.write(ops[0]!, size, 'sl', 'sh');
      g.emit(`}else{${regWrite(0, size, 'bl', 'bh')}}`);
      g.setFlags(K_SUB, size, true);
      break;
    }
    case 'cmpxchg8b': case 'cmpxchg16b': {
      const m = ops[0]!;
      g.ea(m);
      g.sync(`C.${name}(el,eh);`);
      g.flagsUnknown();
      break;
    }
    case 'bswap': {
      const r = ops[0]!;
      if (r.kind !== 'reg') throw new TranslateError('bswap operand');
      const sw = (x: string): string => `((${x}<<24)|((${x}&65280)<<8)|((${x}>>>8)&65280)|(${x}>>>24))`;
      if (size === 64) g.emit(`let al=R[${2 * r.reg}],ah=R[${2 * r.reg + 1}];R[${2 * r.reg}]=${sw('ah')};R[${2 * r.reg + 1}]=${sw('al')};`);
      else if (size === 32) g.emit(`let al=R[${2 * r.reg}];R[${2 * r.reg}]=${sw('al')};R[${2 * r.reg + 1}]=0;`);
      else g.emit(`R[${2 * r.reg}]&=-65536;`); // 16-bit BSWAP is undefined; real CPUs give 0
      break;
    }
    case 'bt': case 'bts': case 'btr': case 'btc': {
      const d = ops[0]!, s = ops[1]!;
      if (d.kind === 'mem' && s.kind === 'reg') {
        // Register bit offset: signed, may address outside the operand (SDM BT, "bit base").
        g.ea(d);
        g.sync(`C.bitMemory('${name}',${size},el,eh,${size === 64 ? `R[${2 * s.reg}],R[${2 * s.reg + 1}]` : `${regLo(s.reg, size)},0`});`);
      } else {
        g.read(d, size, 'a');
        g.emit(`let c=${s.kind === 'imm' ? immUnsigned(s) : regLo((s as { reg: number }).reg, 32)}&${size - 1};`);
        g.syncFlags(`let rl=C.bitOp('${name}',${size},al,ah,c),rh=C.th;`);
        if (name !== 'bt') g.write(d, size, 'rl', 'rh');
        g.syncFlags(`C.commitBitFlags();`);
      }
      g.flagsUnknown();
      break;
    }
    case 'bsf': case 'bsr': case 'popcnt': case 'lzcnt': case 'tzcnt': {
      g.read(ops[1]!, size, 'a');
      const d = ops[0]!;
      if (d.kind !== 'reg') throw new TranslateError(`${name} destination`);
      g.syncFlags(`let keep=C.bitCount('${name}',${size},al,ah);`);
      // BSF/BSR with a zero source leave the destination unchanged (AMD documents it; Intel
      // hardware does the same).
      g.emit(`if(!keep){${regWrite(d.reg, size, 'C.tl', '0')}}`);
      g.flagsUnknown();
      break;
    }
    case 'movs': case 'cmps': case 'stos': case 'lods': case 'scas': case 'ins': case 'outs': {
      g.mayFault();
      const seg = ops.find((o) => o.kind === 'mem' && (o.seg === 4 || o.seg === 5));
      const segNo = seg && seg.kind === 'mem' ? seg.seg : -1;
      g.sync(`let so=C.stringOp('${name}',${size},${insn.rep === 'rep' ? 1 : insn.rep === 'repne' ? 2 : 0},${insn.addrSize},${segNo});`);
      g.emit(`if(!so){${here}return b+${ctx.index};}`);
      g.flagsUnknown();
      break;
    }
    case 'xlat': {
      g.mayFault();
      const m = ops.find((o) => o.kind === 'mem');
      const seg = m && m.kind === 'mem' ? m.seg : -1;
      g.emit(effectiveAddress(insn, { kind: 'mem', seg, base: 3, index: -1, scale: 1, disp: 0, size: 8 }, ctx));
      g.emit(`{let t=(el>>>0)+(R[0]&255);el=t|0;eh=(eh+(t>${U32 - 1}?1:0))|0;}`);
      g.emit(`R[0]=(R[0]&-256)|C.r8(el,eh);`);
      break;
    }
    case 'clc': g.syncFlags(`C.setFlagBit(1,0);`); g.flagsUnknown(); break;
    case 'stc': g.syncFlags(`C.setFlagBit(1,1);`); g.flagsUnknown(); break;
    case 'cmc': g.syncFlags(`C.setFlagBit(1,C.cf()^1);`); g.flagsUnknown(); break;
    case 'cld': g.emit(`C.df=0;`); break;
    case 'std': g.emit(`C.df=1;`); break;
    case 'lahf': g.syncFlags(`let lf=C.getRflags();`); g.emit(`R[0]=(R[0]&-65281)|((lf&255)<<8);`); break;
    case 'sahf': g.sync(`C.sahf();`); g.flagsUnknown(); break;
    case 'nop': case 'pause': case 'endbr64': case 'endbr32': case 'lfence': case 'mfence': case 'sfence':
      break;
    case 'clflush':
      g.ea(ops[0]!);
      g.emit(`C.r8(el,eh);`); // faults like a read (SDM CLFLUSH: #PF possible), no cache to flush
      break;
    case 'ud2': g.mayFault(); g.emit(`C.fault(6,-1);`); ends = true; break;
    case 'int3': helper('softwareInterrupt', true, '3'); break;
    case 'int': helper('softwareInterrupt', true, String(immUnsigned(ops[0]!))); break;
    case 'int1': helper('softwareInterrupt', true, '1'); break;
    case 'syscall': helper('syscall', true); break;
    case 'sysret':
      if (size === 64) {
        // RCX and R11 go in as values; only the flags record is synced (SYSRET loads RFLAGS).
        g.mayFault();
        g.emit(`${OUTF}C.sysret64(R[2],R[3],R[22]);${INF}${done}`);
        g.flagsUnknown();
        ends = true;
        break;
      }
      helper('sysret', true, String(size));
      break;
    case 'iret': helper('iret', true, String(size)); break;
    case 'vmcall':
      if (ctx.physPage !== undefined) {
        // The kernel's door: the block goes on when the kernel returned to the next instruction
        // in the same mode and address space, nothing asked the dispatcher to stop, and no
        // translated code was dropped; the registers and flags are reloaded from the CPU (the
        // kernel may have switched threads — another one parked at this same vmcall).
        g.mayFault();
        g.emit(`${next}let g0=C.chainGen,t0=C.tlb;${OUT}C.vmcall();${IN}`);
        g.emit(`if(C.rl!==${ctx.nextLo}||C.rh!==${ctx.nextHi}||C.tlb!==t0||C.chainGen!==g0||C.stopRequested||C.pendingInterrupts.length!==0)${done}`);
        g.flagsUnknown();
        break;
      }
      helper('vmcall', true);
      break;
    case 'hlt': helper('hlt', true); break;
    case 'cli': helper('cli', false); break;
    case 'sti': helper('sti', true); break;
    case 'swapgs':
      // Touches only the GS bases (no register or flag sync needed).
      g.mayFault();
      g.emit(`C.swapgs();`);
      break;
    case 'rdmsr': helper('rdmsr', false); break;
    case 'wrmsr': helper('wrmsr', true); break;
    case 'rdtsc': case 'rdtscp':
      // EDX:EAX = the counter, upper halves cleared (SDM Vol. 2B RDTSC/RDTSCP; RDTSCP also
      // ECX = IA32_TSC_AUX). C.tscRead raises #GP(0) first when CR4.TSD forbids it at CPL > 0,
      // and touches no register, so nothing is synced around it; it gets the number of
      // instructions this block retired before this one.
      g.mayFault();
      g.emit(`{const tl=C.tscRead(b+${ctx.index}),th=C.th;R[0]=tl;R[1]=0;R[4]=th;R[5]=0;${name === 'rdtscp' ? 'R[2]=C.tscAux|0;R[3]=0;' : ''}}`);
      break;
    case 'cpuid': helper('cpuid', false); break;
    case 'rdpmc': helper('privileged', false); break;
    // XGETBV/XSETBV: #UD at any CPL while CR4.OSXSAVE is 0 (SDM XGETBV), and XSAVE is not emulated.
    case 'xgetbv': case 'xsetbv': g.mayFault(); g.emit(`C.fault(6,-1);`); ends = true; break;
    case 'monitor': case 'mwait': case 'sysenter': case 'sysexit': case 'lldt':
      helper('invalidOpcodeUnlessPrivileged', true); break;
    case 'lgdt': case 'lidt': case 'sgdt': case 'sidt': {
      g.ea(ops[0]!);
      helper(`descriptorTable`, name === 'lgdt' || name === 'lidt', `'${name}',el,eh`);
      break;
    }
    case 'invlpg': {
      const m = ops[0]!;
      if (m.kind !== 'mem') throw new TranslateError('invlpg');
      g.emit(effectiveAddress(insn, m, ctx));
      helper('invlpg', true, 'el,eh');
      break;
    }
    case 'ltr': {
      g.read(ops[0]!, 16, 'a');
      helper('ltr', false, 'al');
      break;
    }
    case 'in': case 'out': {
      const port = ops.find((o, i) => (name === 'in' ? i === 1 : i === 0))!;
      const portExpr = port.kind === 'imm' ? String(immUnsigned(port)) : '(R[4]&65535)';
      helper(name === 'in' ? 'portInInsn' : 'portOutInsn', false, `${portExpr},${size}`);
      break;
    }
    case 'rdfsbase': case 'rdgsbase': case 'wrfsbase': case 'wrgsbase': {
      const r = ops[0]!;
      if (r.kind !== 'reg') throw new TranslateError(name);
      helper('fsgsbase', false, `'${name}',${r.reg},${size}`);
      break;
    }
    case 'lret': helper('farReturn', true, `${size},${ops.length ? immUnsigned(ops[0]!) : 0}`); break;
    default:
      throw new TranslateError(`no translation for ${insn.mnemonic}`);
  }
  return { code: g.out.join(''), ends };
}

/** Inline SHL/SHR/SAR of a 32- or 64-bit value by a constant count 1..size-1.
 *  CF = last bit shifted out; OF (defined for count 1) = MSB(result) XOR CF for SHL, the
 *  original MSB for SHR, 0 for SAR (SDM "SAL/SAR/SHL/SHR"); we compute the same for every count. */
function emitConstShift(g: Gen, name: string, size: number, c: number): void {
  const OFb = 1 << 11;
  if (size === 32) {
    if (name === 'shl') g.emit(`let rl=al<<${c},rh=0;let cf=(al>>>${32 - c})&1;cf|=((rl>>>31)^cf)?${OFb}:0;`);
    else if (name === 'shr') g.emit(`let rl=(al>>>${c})|0,rh=0;let cf=((al>>>${c - 1})&1)|((al<0)?${OFb}:0);`);
    else g.emit(`let rl=al>>${c},rh=0;let cf=(al>>>${c - 1})&1;`);
    return;
  }
  if (name === 'shl') {
    if (c < 32) g.emit(`let rh=(ah<<${c})|(al>>>${32 - c}),rl=al<<${c};let cf=(ah>>>${32 - c})&1;`);
    else if (c === 32) g.emit(`let rh=al,rl=0;let cf=ah&1;`);
    else g.emit(`let rh=al<<${c - 32},rl=0;let cf=(al>>>${64 - c})&1;`);
    g.emit(`cf|=((rh>>>31)^cf)?${OFb}:0;`);
  } else if (name === 'shr') {
    if (c < 32) g.emit(`let rl=(al>>>${c})|(ah<<${32 - c}),rh=(ah>>>${c})|0;let cf=(al>>>${c - 1})&1;`);
    else if (c === 32) g.emit(`let rl=ah,rh=0;let cf=al>>>31;`);
    else g.emit(`let rl=(ah>>>${c - 32})|0,rh=0;let cf=(ah>>>${c - 33})&1;`);
    g.emit(`cf|=(ah<0)?${OFb}:0;`);
  } else {
    if (c < 32) g.emit(`let rl=(al>>>${c})|(ah<<${32 - c}),rh=ah>>${c};let cf=(al>>>${c - 1})&1;`);
    else if (c === 32) g.emit(`let rl=ah,rh=ah>>31;let cf=al>>>31;`);
    else g.emit(`let rl=ah>>${c - 32},rh=ah>>31;let cf=(ah>>>${c - 33})&1;`);
  }
}
