// Which arithmetic flags each instruction reads, leaves defined, or leaves undefined — the
// table the x86-64 differential test masks its flag comparison with. A flag that the SDM calls
// "undefined" after an instruction may hold anything on real hardware (Intel and AMD differ,
// and so do models), so it is excluded from the comparison until an instruction defines it
// again, and the generator never lets an instruction read it meanwhile.
//
// Source: Intel SDM Vol. 2 (each instruction's "Flags Affected" section, 2023 edition); where
// AMD's APM Vol. 3 says more than Intel (BSF/BSR leave the destination unchanged for a zero
// source) the host — an AMD CPU here — is what the test holds the emulator to.

export const CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800;
export const ARITH = CF | PF | AF | ZF | SF | OF;
export const DF = 0x400;

/** What one instruction does to the six arithmetic flags. A flag in neither `defines` nor
 *  `undefines` is unaffected (keeps whatever state it had, defined or not). */
export interface FlagEffect {
  reads: number;
  defines: number;
  undefines: number;
}

const NONE: FlagEffect = { reads: 0, defines: 0, undefines: 0 };

/** Flags a condition code reads (SDM Vol. 1 Appendix B, Table B-1). */
export function conditionReads(cc: number): number {
  switch (cc >> 1) {
    case 0: return OF;
    case 1: return CF;
    case 2: return ZF;
    case 3: return CF | ZF;
    case 4: return SF;
    case 5: return PF;
    case 6: return SF | OF;
    default: return ZF | SF | OF;
  }
}

export interface EffectInput {
  /** Operation name as in the isa-x86 table (`add`, `shl`, `jcc`, …). */
  op: string;
  /** Operand size in bits. */
  size: number;
  /** Shift/rotate count as encoded (imm8, or the value placed in CL), before masking. */
  count?: number;
  /** Condition code of jcc/setcc/cmovcc. */
  cc?: number;
  /** Iterations of a REP string instruction (undefined: no REP prefix, one iteration). */
  repCount?: number;
}

/** The flag effect of one instruction, per the SDM Vol. 2 "Flags Affected" entries. */
export function flagEffect(e: EffectInput): FlagEffect {
  const all = ARITH;
  switch (e.op) {
    // ADD/ADC/SUB/SBB/CMP/NEG/XADD/CMPXCHG: "OF, SF, ZF, AF, CF, PF set according to the result."
    case 'add': case 'sub': case 'cmp': case 'neg': case 'xadd': case 'cmpxchg':
      return { reads: 0, defines: all, undefines: 0 };
    case 'adc': case 'sbb':
      return { reads: CF, defines: all, undefines: 0 };
    // AND/OR/XOR/TEST: "OF and CF cleared; SF, ZF, PF set according to the result; AF undefined."
    case 'and': case 'or': case 'xor': case 'test':
      return { reads: 0, defines: all & ~AF, undefines: AF };
    // INC/DEC: "CF not affected; OF, SF, ZF, AF, PF set according to the result."
    case 'inc': case 'dec':
      return { reads: 0, defines: all & ~CF, undefines: 0 };
    // MUL/IMUL: "OF and CF …; SF, ZF, AF, PF undefined."
    case 'mul': case 'imul':
      return { reads: 0, defines: CF | OF, undefines: SF | ZF | AF | PF };
    // DIV/IDIV: "CF, OF, SF, ZF, AF, PF undefined."
    case 'div': case 'idiv':
      return { reads: 0, defines: 0, undefines: all };
    // SAL/SAR/SHL/SHR: count masked to 5 bits (6 with REX.W); count 0 affects nothing; CF is the
    // last bit shifted out but undefined for SHL/SHR when count >= operand size; OF defined for
    // count 1 only; SF ZF PF by result; AF undefined.
    case 'shl': case 'shr': case 'sar': {
      const c = maskedCount(e);
      if (c === 0) return NONE;
      let defines = SF | ZF | PF, undefines = AF;
      if (e.op !== 'sar' && c >= e.size) undefines |= CF; else defines |= CF;
      if (c === 1) defines |= OF; else undefines |= OF;
      return { reads: 0, defines, undefines };
    }
    // ROL/ROR: masked count 0 affects nothing; CF set (LSB/MSB of the result) for any other
    // masked count, even a multiple of the size; OF only for masked count 1. SF ZF AF PF unaffected.
    case 'rol': case 'ror': {
      const c = maskedCount(e);
      if (c === 0) return NONE;
      return c === 1 ? { reads: 0, defines: CF | OF, undefines: 0 } : { reads: 0, defines: CF, undefines: OF };
    }
    // RCL/RCR rotate through CF (they read it); as ROL/ROR otherwise. For 8/16 bits the rotation
    // is by masked count MOD 9/17, and a rotation by 0 then leaves CF as it was.
    case 'rcl': case 'rcr': {
      const c = maskedCount(e);
      if (c === 0) return NONE;
      return c === 1 ? { reads: CF, defines: CF | OF, undefines: 0 } : { reads: CF, defines: CF, undefines: OF };
    }
    // SHLD/SHRD: count masked to 5/6 bits; 0 affects nothing; CF last bit out, OF for count 1,
    // SF ZF PF by result, AF undefined (counts above the operand size are never generated).
    case 'shld': case 'shrd': {
      const c = maskedCount(e);
      if (c === 0) return NONE;
      return c === 1
        ? { reads: 0, defines: CF | OF | SF | ZF | PF, undefines: AF }
        : { reads: 0, defines: CF | SF | ZF | PF, undefines: AF | OF };
    }
    // BT/BTS/BTR/BTC: "CF … selected bit. ZF unaffected. OF, SF, AF, PF undefined."
    case 'bt': case 'bts': case 'btr': case 'btc':
      return { reads: 0, defines: CF, undefines: OF | SF | AF | PF };
    // BSF/BSR: "ZF set if the source is 0 … CF, OF, SF, AF, PF undefined."
    case 'bsf': case 'bsr':
      return { reads: 0, defines: ZF, undefines: CF | OF | SF | AF | PF };
    // TZCNT/LZCNT: "ZF set if the result is 0, CF set if the source is 0; OF SF PF AF undefined."
    case 'tzcnt': case 'lzcnt':
      return { reads: 0, defines: CF | ZF, undefines: OF | SF | PF | AF };
    // POPCNT: "OF, SF, ZF, AF, CF, PF cleared; ZF set if the source is 0."
    case 'popcnt':
      return { reads: 0, defines: all, undefines: 0 };
    // CMPXCHG8B/16B: "ZF set if equal …; CF, PF, AF, SF, OF unaffected."
    case 'cmpxchg8b': case 'cmpxchg16b':
      return { reads: 0, defines: ZF, undefines: 0 };
    // CMPS/SCAS: as CMP; with REP and a zero count nothing is compared and no flag changes.
    case 'cmps': case 'scas':
      return e.repCount === 0 ? NONE : { reads: 0, defines: all, undefines: 0 };
    // SAHF: SF ZF AF PF CF from AH; OF unaffected. LAHF reads them into AH.
    case 'sahf': return { reads: 0, defines: SF | ZF | AF | PF | CF, undefines: 0 };
    case 'lahf': return { reads: SF | ZF | AF | PF | CF, defines: 0, undefines: 0 };
    case 'clc': case 'stc': return { reads: 0, defines: CF, undefines: 0 };
    case 'cmc': return { reads: CF, defines: CF, undefines: 0 };
    case 'jcc': case 'setcc': case 'cmovcc':
      return { reads: conditionReads(e.cc ?? 0), defines: 0, undefines: 0 };
    case 'loope': case 'loopne':
      return { reads: ZF, defines: 0, undefines: 0 };
    default:
      // mov, movzx/movsx/movsxd, lea, xchg, bswap, not, push/pop, enter/leave, cbw/cwd,
      // movs/stos/lods, xlat, loop, jrcxz, nop: no arithmetic flag affected.
      return NONE;
  }
}

function maskedCount(e: EffectInput): number {
  return (e.count ?? 0) & (e.size === 64 ? 63 : 31);
}

/** The flags' names, for reports. */
export function flagNames(bits: number): string {
  const names: [number, string][] = [[CF, 'CF'], [PF, 'PF'], [AF, 'AF'], [ZF, 'ZF'], [SF, 'SF'], [DF, 'DF'], [OF, 'OF']];
  return names.filter(([b]) => bits & b).map(([, n]) => n).join(' ') || '-';
}
