// Operand specs of the instruction table: the short strings in FormDef.ops, parsed once.
//
// OPERAND SPECS (Intel order, sizes in bits; no number = the form's operand size):
//   r r8           general register in ModRM.reg          rm rm8 rm16 rm32 rm64   ModRM.rm, reg or memory
//   R R64          ModRM.rm, register only (mod = 11); X64: register whatever mod is (CRn moves)
//        m8 m16 m48 m64 m80 m128  ModRM.rm, memory only
//   m0             memory operand that is not accessed (lea)   rm0  reg or unaccessed memory (nop)
//   o o8           register added to the opcode byte (+r, SDM Vol.2 §3.1.1.1), REX.B extends it
//   acc al         the accumulator AL/AX/EAX/RAX           cl  the CL count register
//   i              immediate of the operand size, 32 bits at most (sign-extended to 64)
//   iv             immediate of the full operand size (B8+r io)    i8 i16  fixed-width immediates
//   s8             imm8 sign-extended to the operand size (83, 6B, 6A)
//   rel8 rel32     branch displacement from the end of the instruction
//   moffs          64-bit absolute address in the instruction (A0-A3, `movabs`)
//   sreg creg dreg segment / control / debug register in ModRM.reg    fs gs  that segment register
//   one            the constant 1 of the D0-D3 shift forms (written `$1` or left out)
//   dxp            port number in DX, printed `(%dx)`
//   Xs Yd Xb       string operands DS:rSI, ES:rDI and XLAT's DS:rBX (written or left out)
//   m              memory of the form's operand size      mp  far pointer m16:16/m16:32 (size + 16 bits)
//   V              general register in VEX.vvvv (BMI: andn, bextr, shlx ...)
//   rm32p          rm32 whose memory form needs an Intel `PTR` size (an alias for Intel syntax)
//   =rax =ecx ...  that fixed register, always implicit in the encoding (monitor %rax,%ecx,%edx);
//                  AT&T objdump prints it, Intel objdump does not
//   a trailing `*` marks an operand that GAS also accepts left out (stos/lods/scas accumulator).

export type OperandKind =
  | 'reg' | 'rm' | 'mem' | 'rmreg' | 'opreg' | 'acc' | 'cl' | 'dx'
  | 'imm' | 'simm8' | 'rel' | 'moffs'
  | 'sreg' | 'creg' | 'dreg' | 'fixedSreg' | 'fixedReg' | 'one' | 'strSrc' | 'strDst' | 'xlat' | 'vreg';

export interface OperandSpec {
  kind: OperandKind;
  /** Fixed size in bits, or 0 = the form's operand size. */
  size: number;
  /** Immediate/displacement width in bits, for imm/simm8/rel. 0 = depends on operand size. */
  width: number;
  /** The memory operand is not accessed (lea, nop): decoded mem size is 0. */
  noAccess: boolean;
  /** GAS accepts the instruction with this operand left out. */
  implicit: boolean;
  /** Fixed register number for fixedSreg. */
  reg: number;
  /** ModRM.rm names a register whatever ModRM.mod says (mov to/from CRn/DRn). */
  anyMod: boolean;
  /** A far pointer (LFS/LGS/LSS): the memory operand is the offset plus a 16-bit selector. */
  farPointer: boolean;
  /** Memory matches only with its size written (Intel `DWORD PTR`): an alias that must not
   *  take an unsized AT&T memory operand (`movsx rax, DWORD PTR [rdi]` is movsxd). */
  sizedMemory: boolean;
}

const FIXED_REGISTERS: Record<string, [number, number]> = {
  rax: [0, 64], eax: [0, 32], ecx: [1, 32], edx: [2, 32], ebx: [3, 32],
};

export function parseOperandSpec(text: string): OperandSpec {
  const implicit = text.endsWith('*');
  const t = implicit ? text.slice(0, -1) : text;
  const spec = (kind: OperandKind, size = 0, width = 0, extra: Partial<OperandSpec> = {}): OperandSpec => ({
    kind, size, width, noAccess: false, implicit, reg: -1, anyMod: false, farPointer: false, sizedMemory: false, ...extra,
  });
  if (t.startsWith('=')) {
    const fixed = FIXED_REGISTERS[t.slice(1)];
    if (fixed) return spec('fixedReg', fixed[1], 0, { reg: fixed[0], implicit: true });
  }
  switch (t) {
    case 'm': return spec('mem');
    case 'V': return spec('vreg');
    case 'rm32p': return spec('rm', 32, 0, { sizedMemory: true });
    case 'mp': return spec('mem', 0, 0, { farPointer: true });
    case 'r': return spec('reg');
    case 'rm': return spec('rm');
    case 'rm0': return spec('rm', 0, 0, { noAccess: true });
    case 'm0': return spec('mem', 0, 0, { noAccess: true });
    case 'm0b': return spec('mem', 8);
    case 'R': return spec('rmreg');
    case 'X64': return spec('rmreg', 64, 0, { anyMod: true });
    case 'o': return spec('opreg');
    case 'acc': return spec('acc');
    case 'al': return spec('acc', 8);
    case 'cl': return spec('cl', 8);
    case 'dxp': return spec('dx', 16);
    case 'i': return spec('imm');
    case 'iv': return spec('imm', 0, -1);
    case 'i8': return spec('imm', 0, 8);
    case 'i16': return spec('imm', 0, 16);
    case 's8': return spec('simm8', 0, 8);
    case 'rel8': return spec('rel', 0, 8);
    case 'rel32': return spec('rel', 0, 32);
    case 'moffs': return spec('moffs');
    case 'sreg': return spec('sreg', 16);
    case 'creg': return spec('creg', 64);
    case 'dreg': return spec('dreg', 64);
    case 'fs': return spec('fixedSreg', 16, 0, { reg: 4 });
    case 'gs': return spec('fixedSreg', 16, 0, { reg: 5 });
    case 'one': return spec('one', 8, 0, { implicit: true });
    case 'Xs': return spec('strSrc', 0, 0, { implicit: true });
    case 'Yd': return spec('strDst', 0, 0, { implicit: true });
    case 'Xb': return spec('xlat', 8, 0, { implicit: true });
  }
  const m = /^(r|rm|m|R|o)(8|16|32|48|64|80|128)$/.exec(t);
  if (m) {
    const size = Number(m[2]);
    const kind = ({ r: 'reg', rm: 'rm', m: 'mem', R: 'rmreg', o: 'opreg' } as const)[m[1] as 'r' | 'rm' | 'm' | 'R' | 'o'];
    return spec(kind, size);
  }
  throw new Error(`instruction table: unknown operand spec '${text}'`);
}
