// The shapes that cross the package boundary of @vsys/isa-x86.
//
// Three clients read this file: the assembler (@vsys/asm) hands the encoder an `X86Instruction`
// that its parser built; the emulator (@vsys/emu) executes `DecodedInstruction`s; the
// disassembler prints them. One instruction table (see table/) drives all three.

/** Register names are GNU as spellings without the `%`: rax, eax, ax, al, ah, r8, r8d, r8w,
 *  r8b, spl, bpl, sil, dil, rip, eip, es, cs, ss, ds, fs, gs, cr0..cr8, dr0..dr7. */
export type RegisterName = string;

/** An operand as the assembler parsed it. Values that the assembler cannot know yet (a symbol,
 *  a label not laid out) are `symbolic`: the encoder then picks the form GNU as picks for an
 *  unknown value (the widest immediate or displacement) and reports where the field sits. */
export type X86Operand =
  | { kind: 'reg'; reg: RegisterName }
  | { kind: 'imm'; value: bigint; symbolic?: boolean }
  | {
      kind: 'mem';
      seg?: RegisterName;
      base?: RegisterName; // 'rip' for RIP-relative
      index?: RegisterName;
      scale: 1 | 2 | 4 | 8;
      disp: bigint;
      /** True when `disp` holds a symbolic value (forces disp32, like GNU as). */
      symbolic?: boolean;
      /** Operand size given by Intel syntax (`qword ptr`), in bits. AT&T carries it in the suffix. */
      size?: 8 | 16 | 32 | 48 | 64 | 80 | 128;
      /** Written with a leading `*` in AT&T (`jmp *8(%rax)`). */
      indirect?: boolean;
    }
  /** A branch or call target (jmp/jcc/call/loop/jrcxz/xbegin). */
  | { kind: 'rel'; target: bigint; symbolic?: boolean };

/** One instruction to encode. `mnemonic` is spelled as written in AT&T syntax, size suffix
 *  included when present (`movl`, `movzbl`, `addq`, `jne`, `rep movsb` has prefixes: ['rep']).
 *  Intel-syntax input is first rewritten by the assembler into AT&T operand order, with the
 *  size from `ptr` carried in `mem.size`. Operands are in AT&T order (source first). */
export interface X86Instruction {
  mnemonic: string;
  operands: X86Operand[];
  prefixes?: string[]; // lock, rep, repe, repz, repne, repnz, data16, addr32, rex, rex.w, notrack, ...
}

/** Where a field that the assembler must fill or relocate sits in the encoded bytes. */
export interface EncodedField {
  /** Which operand (index into X86Instruction.operands) the value came from. */
  operand: number;
  offset: number; // byte offset from the start of the instruction
  size: 1 | 2 | 4 | 8;
  /** true: the field is relative to the end of the instruction (rel8/rel32, RIP-relative disp). */
  pcRelative: boolean;
  /** How the value is checked and relocated: 'signed' (sign-extended: imm8/imm32 in 64-bit ops,
   *  disp), 'unsigned', or 'either' (GNU as accepts both, e.g. imm8 of an 8-bit op). */
  signedness: 'signed' | 'unsigned' | 'either';
}

export interface EncodeOptions {
  /** Address of the instruction's first byte; needed to compute rel targets. */
  address?: bigint;
  /** Force the branch displacement width (the assembler's relaxation picks 8 first, then 32). */
  branchSize?: 8 | 32;
  /** GAS pseudo-prefixes written before the mnemonic (`{disp8}`, `{disp32}`, `{load}`,
   *  `{store}`, `{rex}`, `{nooptimize}`, `{vex}`, `{vex3}`): they pick among encodings and emit
   *  no byte of their own. Optional, added after the first contract. */
  pseudoPrefixes?: string[];
  /** 16/32/64: the `.code16/.code32/.code64` mode; 64 by default. */
  mode?: 64;
}

export interface EncodeResult {
  bytes: Uint8Array;
  fields: EncodedField[];
  /** GAS's warnings for the line, e.g. "no instruction mnemonic suffix given and no register
   *  operands; using default for `inc'". Optional, added after the first contract. */
  warnings?: string[];
}

/** The reason an instruction does not encode, with the operand to put the caret under. */
export class EncodeError extends Error {
  constructor(message: string, public readonly operand?: number) {
    super(message);
    this.name = 'EncodeError';
  }
}

/** A decoded operand. Register numbers are the hardware numbers 0..15 (rax=0 … r15=15). */
export type DecodedOperand =
  | { kind: 'reg'; reg: number; size: 8 | 16 | 32 | 64; /** ah, ch, dh, bh (no REX) */ high8?: boolean }
  | { kind: 'sreg'; reg: number } // es=0 cs=1 ss=2 ds=3 fs=4 gs=5
  | { kind: 'creg'; reg: number } // cr0..cr15
  | { kind: 'dreg'; reg: number }
  /** An immediate as the instruction uses it: an imm8/imm32 that the instruction sign-extends
   *  (83, 6B, 6A, imm32 of a 64-bit op) is already extended and masked to the operand size, and
   *  `size` is then the operand size; fixed-width immediates (port, shift count, int n, enter,
   *  ret imm16, imm8 of an 8-bit op) keep their width and are unsigned. */
  | { kind: 'imm'; value: bigint; size: 8 | 16 | 32 | 64 }
  | {
      kind: 'mem';
      /** Segment override: -1 none, else sreg number. The decoder reports only fs=4 / gs=5 (the
       *  others are ignored in 64-bit mode); string operands report their ds=3 / es=0. */
      seg: number;
      /** -1 none, 0..15 GPR, 16 = RIP-relative. */
      base: number;
      index: number; // -1 none
      scale: 1 | 2 | 4 | 8;
      disp: number; // signed 32-bit
      size: number; // access size in bits (0 for lea/nop forms that do not access memory)
      /** Displacement bytes in the encoding (0, 1 or 4): printers write `0x0(%rbp)` for a disp8 of 0.
       *  Optional, added after the first contract; the decoder always sets it. */
      dispSize?: 0 | 1 | 4;
      /** For the A0-A3 `movabs` forms: the full 64-bit absolute address (base and index are -1,
       *  disp holds its low 32 bits). Optional, added after the first contract. */
      moffs?: bigint;
      /** A SIB byte with no index register that objdump prints as `%riz` (a scale, or a base other
       *  than rsp/r12). Only for printing; the address is base + disp. Optional, added later. */
      riz?: boolean;
    }
  | { kind: 'rel'; target: bigint };

/** The decoder's answer for one instruction. The emulator caches these per guest address. */
export interface DecodedInstruction {
  /** Address it was decoded at. */
  address: bigint;
  length: number;
  /** Base mnemonic in Intel spelling without size suffix: add, mov, movzx, jcc→ 'jne' etc. */
  mnemonic: string;
  /** Index of the instruction form in the table: a dense small integer the emulator can switch on. */
  form: number;
  /** Operation id shared by every form of one operation (all `add` forms share one). */
  op: number;
  /** Operand size in bits. */
  opSize: 8 | 16 | 32 | 64;
  addrSize: 32 | 64;
  /** Intel order: destination first. */
  operands: DecodedOperand[];
  lock: boolean;
  rep: 'rep' | 'repne' | null;
  /** Condition code 0..15 for jcc/setcc/cmovcc (o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g). */
  cond: number;
  /** The words objdump prints before the mnemonic for this instruction's prefix bytes, in byte
   *  order: `lock`, `rep`/`repz`/`repnz`, `bnd`, `notrack`, and prefixes that have no effect
   *  (`data16 cs` in GAS's long NOPs, `rex.W`, `addr32`). The decoder sets it (possibly '')
   *  whenever the instruction has prefix bytes; printers then use it instead of lock/rep.
   *  Optional, added after the first contract. */
  prefixWords?: string;
}

export type DecodeResult =
  | { ok: true; insn: DecodedInstruction }
  /** Not a valid instruction (→ #UD), or the bytes ran out (need more: a page boundary). */
  | { ok: false; reason: 'invalid' | 'truncated'; length: number };
