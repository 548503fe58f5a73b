// The decoder: bytes at an offset -> one DecodedInstruction, driven by the same table as the
// encoder (the candidates for an opcode byte come from DECODE_SLOTS in table/compile.ts).
//
// 64-bit mode decoding rules (Intel SDM Vol.2A ch.2):
// - legacy prefixes in any order (66 operand size, 67 address size, F0 lock, F2/F3 rep or
//   mandatory prefix — the last of F2/F3 counts, segment overrides); REX (40-4F) counts only
//   when it immediately precedes the opcode (§2.2.1); an instruction is at most 15 bytes.
// - operand size: REX.W -> 64, else 66 -> 16, else 32; forms marked d64 default to 64 and
//   ignore REX.W (§2.2.1.7, Table 2-4 "instructions that default to 64-bit operand size");
//   REX.W wins over 66 (§2.2.1.2).
// - the legacy prefixes and REX bytes that change nothing are reported in objdump's words
//   (prefixWordsOf), so the printers can show what objdump shows.
// - ModRM/SIB/disp as in §2.1.5; mod=00 rm=101 is RIP-relative.
// Reading past the end of `bytes` answers 'truncated'; anything not in the table 'invalid'.

import type { DecodedInstruction, DecodedOperand, DecodeResult } from '../types.js';
import { DECODE_SLOTS, type Form } from '../table/compile.js';
import { intelName } from '../table/names.js';

const MAX_LENGTH = 15;

/** 0F opcodes where F3/F2 select a different instruction, so the unprefixed form must not take
 *  them: 0F AE (F3: rd/wrfsbase, incssp), 0F B8 (popcnt), 0F BC/BD (tzcnt/lzcnt). */
const slotHasRepPrefixForm: boolean[] = Array.from({ length: 256 }, (_, b) => b === 0xae || b === 0xb8 || b === 0xbc || b === 0xbd);
/** The same for the 0F 38 map: F0/F1 (movbe; F2: crc32), F6 (wrss; 66/F3: adcx/adox),
 *  F8/F9 (66/F2/F3: movdir64b/enqcmd/enqcmds; movdiri). */
const slot38HasRepPrefixForm: boolean[] = Array.from({ length: 256 }, (_, b) => b === 0xf0 || b === 0xf1 || b === 0xf6 || b === 0xf8 || b === 0xf9);

const LOCKABLE = new Set(['add', 'adc', 'and', 'btc', 'btr', 'bts', 'cmpxchg', 'cmpxchg8b', 'cmpxchg16b', 'dec', 'inc', 'neg', 'not', 'or', 'sbb', 'sub', 'xor', 'xadd', 'xchg']);

const INVALID = (length: number): DecodeResult => ({ ok: false, reason: 'invalid', length });
const TRUNCATED = (length: number): DecodeResult => ({ ok: false, reason: 'truncated', length });

const SEG_OF_PREFIX: Record<number, number> = { 0x26: 0, 0x2e: 1, 0x36: 2, 0x3e: 3, 0x64: 4, 0x65: 5 };

const MASKS: Record<number, bigint> = { 8: 0xffn, 16: 0xffffn, 32: 0xffffffffn, 64: 0xffffffffffffffffn };

/** Decode one instruction at `offset` of `bytes`; `address` is the guest address of that byte. */
export function decode(bytes: Uint8Array, offset: number, address: bigint): DecodeResult {
  if (!Number.isInteger(offset) || offset < 0) return INVALID(0);
  const end = bytes.length;
  let p = offset;
  let has66 = false, has67 = false, lock = false, rep = 0, seg = -1, rex = 0;
  // Prefixes.
  for (;;) {
    if (p >= end) return TRUNCATED(p - offset);
    if (p - offset >= MAX_LENGTH) return INVALID(MAX_LENGTH);
    const b = bytes[p]!;
    if (b === 0x66) has66 = true;
    else if (b === 0x67) has67 = true;
    else if (b === 0xf0) lock = true;
    else if (b === 0xf2 || b === 0xf3) rep = b;
    // In 64-bit mode only FS and GS overrides take effect (SDM Vol.1 §3.3.7.1); the last one wins.
    else if (b === 0x64 || b === 0x65) seg = SEG_OF_PREFIX[b]!;
    else if (b === 0x26 || b === 0x2e || b === 0x36 || b === 0x3e) {
      if (seg < 4) seg = SEG_OF_PREFIX[b]!;
    }
    else if ((b & 0xf0) === 0x40) {
      rex = b;
      p++;
      if (p < end) {
        const nb = bytes[p]!;
        // A legacy prefix after REX makes the REX void (SDM Vol.2A §2.2.1): keep scanning.
        if (nb === 0x66 || nb === 0x67 || nb === 0xf0 || nb === 0xf2 || nb === 0xf3 || SEG_OF_PREFIX[nb] !== undefined) {
          rex = 0;
          continue;
        }
      }
      continue;
    } else break;
    rex = 0;
    p++;
  }
  let rexW = (rex & 8) !== 0, rexR = (rex & 4) << 1, rexX = (rex & 2) << 2, rexB = (rex & 1) << 3;
  const opStart = p;
  // Opcode.
  let opByte = bytes[p++]!;
  let map = 0;
  // VEX (SDM Vol.2A §2.3): in 64-bit mode C4/C5 always start one. 66/F2/F3/F0/REX before it → #UD.
  let vex = false, vvvv = 0;
  if (opByte === 0xc4 || opByte === 0xc5) {
    if (has66 || rep || lock || rex) return INVALID(p - offset);
    const n = opByte === 0xc4 ? 2 : 1;
    if (p + n >= end) return TRUNCATED(end - offset);
    const b1 = bytes[p]!, b2 = opByte === 0xc4 ? bytes[p + 1]! : b1;
    rexR = b1 & 0x80 ? 0 : 8;
    if (opByte === 0xc4) {
      rexX = b1 & 0x40 ? 0 : 8;
      rexB = b1 & 0x20 ? 0 : 8;
      map = b1 & 0x1f;
      rexW = (b2 & 0x80) !== 0;
    } else {
      rexX = 0; rexB = 0; map = 1; rexW = false;
    }
    if (map < 1 || map > 3 || b2 & 4) return INVALID(p + n - offset); // only L = 0 forms in the table
    vvvv = (~b2 >> 3) & 15;
    rep = [0, 0x66, 0xf3, 0xf2][b2 & 3]!;
    vex = true;
    p += n;
    opByte = bytes[p++]!;
  } else if (opByte === 0x0f) {
    if (p >= end) return TRUNCATED(p - offset);
    opByte = bytes[p++]!;
    map = 1;
    // Three-byte opcode maps 0F 38 and 0F 3A (SDM Vol.2A §2.1.2, Appendix A.3).
    if (opByte === 0x38 || opByte === 0x3a) {
      map = opByte === 0x38 ? 2 : 3;
      if (p >= end) return TRUNCATED(p - offset);
      opByte = bytes[p++]!;
    }
  }
  const slot = DECODE_SLOTS[map * 256 + opByte]!;
  if (slot.length === 0) return INVALID(p - offset);
  let modrm = -1;
  if (slot[0]!.hasModrm) {
    if (p >= end) return TRUNCATED(p - offset);
    modrm = bytes[p]!;
  }
  const mod = modrm >> 6, regBits = (modrm >> 3) & 7;

  let form: Form | undefined;
  let opSize: 8 | 16 | 32 | 64 = 32;
  // Two passes: first the forms whose sizes the 66 / REX.W prefixes select exactly, then (if
  // none) forms on which such a prefix has no effect (REX.W on in/out, 66 on sysret).
  for (let pass = 0; pass < 2 && !form; pass++) for (const cand of slot) {
    if (cand.vex !== vex) continue;
    if (vex) {
      if (cand.pfx !== rep) continue;
      // A form without a VEX.vvvv operand needs vvvv = 1111 (encoded as 0 here).
      if (vvvv !== 0 && !cand.ops.some((o) => o.kind === 'vreg')) continue;
    } else if (cand.pfx === 0x66 ? !has66 : cand.pfx !== 0 && rep !== cand.pfx) continue;
    // Where F2/F3 select other instructions in a 0F opcode (0F AE, 0F B8, 0F BC, 0F BD), an
    // unprefixed form does not take them: F3 0F AE /5 is INCSSP, not LFENCE; F2 0F BD is undefined.
    // In 0F AE only the register forms (fences, rd/wrfsbase) are taken over by F2/F3; objdump
    // reads F2 0F AE /2 with memory as `repnz ldmxcsr`.
    if (cand.pfx === 0 && rep !== 0 && ((map === 1 && slotHasRepPrefixForm[opByte] && (opByte !== 0xae || mod === 3)) || (map === 2 && slot38HasRepPrefixForm[opByte]))) continue;
    if (cand.hasModrm !== (modrm >= 0)) continue;
    if (cand.modrm >= 0 && modrm !== cand.modrm) continue;
    if (cand.digit >= 0 && regBits !== cand.digit) continue;
    if (mod === 3 ? cand.memOnly : cand.regOnly) continue;
    if (cand.np && (has66 || rep !== 0)) continue;
    if (cand.a32 && !has67) continue;
    if (cand.a64 && has67) continue;
    const size = operandSize(cand, rexW, has66, pass === 1);
    if (size === 0) continue;
    if (cand.nop90 && (rexB || has66)) continue;
    if (cand.xchg90 && (opByte & 7) === 0 && !rexB && size !== 16) continue;
    form = cand;
    opSize = size;
    break;
  }
  if (!form) return INVALID(p - offset);
  if (modrm >= 0) p++;

  const addrSize: 32 | 64 = has67 ? 32 : 64;
  const operands: DecodedOperand[] = [];
  const cond = form.cc ? opByte & 15 : -1;
  let relIndex = -1;
  let sibIndex = false;
  for (let i = 0; i < form.ops.length; i++) {
    const spec = form.ops[i]!;
    const size = (spec.size || opSize) as 8 | 16 | 32 | 64;
    switch (spec.kind) {
      case 'reg':
        operands.push(gpr(regBits | rexR, size, rex));
        break;
      case 'vreg':
        operands.push(gpr(vvvv, size, 0x40));
        break;
      case 'sreg':
        if (regBits > 5) return INVALID(p - offset);
        operands.push({ kind: 'sreg', reg: regBits });
        break;
      case 'creg':
        operands.push({ kind: 'creg', reg: regBits | rexR });
        break;
      case 'dreg':
        operands.push({ kind: 'dreg', reg: regBits | rexR });
        break;
      case 'rm': case 'mem': case 'rmreg': {
        if (mod === 3 || spec.anyMod) {
          operands.push(gpr((modrm & 7) | rexB, size, rex));
          break;
        }
        // Memory operand: SIB and displacement.
        let base = -1, index = -1, scale: 1 | 2 | 4 | 8 = 1, dispSize: 0 | 1 | 4 = 0, sibNoIndex = false;
        const rm = modrm & 7;
        if (rm === 4) {
          if (p >= end) return TRUNCATED(p - offset);
          const sib = bytes[p++]!;
          sibIndex = true;
          scale = (1 << (sib >> 6)) as 1 | 2 | 4 | 8;
          index = ((sib >> 3) & 7) | rexX;
          if (index === 4) {
            index = -1;
            sibNoIndex = true;
          }
          if ((sib & 7) === 5 && mod === 0) dispSize = 4;
          else base = (sib & 7) | rexB;
        } else if (rm === 5 && mod === 0) {
          base = 16;
          dispSize = 4;
        } else base = rm | rexB;
        if (mod === 1) dispSize = 1;
        else if (mod === 2) dispSize = 4;
        if (p + dispSize > end) return TRUNCATED(end - offset);
        let disp = 0;
        if (dispSize === 1) disp = (bytes[p]! << 24) >> 24;
        else if (dispSize === 4) disp = bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24);
        p += dispSize;
        // m16:16 / m16:32; with REX.W objdump still shows m16:32 (FWORD), as AMD defines it.
        const memSize = spec.noAccess ? 0 : spec.farPointer ? Math.min(size + 16, 48) : size;
        const mem: DecodedOperand = { kind: 'mem', seg: seg >= 4 ? seg : -1, base, index, scale, disp, size: memSize, dispSize };
        // objdump shows a SIB whose index field is 100 as %riz when it has a scale or a base other
        // than rsp/r12 (i386-dis.c OP_E_memory); the address is the same as without it.
        if (sibNoIndex && (scale !== 1 || (base >= 0 && (base & 7) !== 4))) mem.riz = true;
        operands.push(mem);
        break;
      }
      case 'opreg':
        operands.push(gpr((opByte & 7) | rexB, size, rex));
        break;
      case 'acc':
        operands.push({ kind: 'reg', reg: 0, size });
        break;
      case 'cl':
        operands.push({ kind: 'reg', reg: 1, size: 8 });
        break;
      case 'fixedReg':
        // A 64-bit fixed register is an address (monitor's rAX): 67 makes it eAX.
        operands.push({ kind: 'reg', reg: spec.reg, size: spec.size === 64 && has67 ? 32 : (spec.size as 32 | 64) });
        break;
      case 'dx':
        operands.push({ kind: 'reg', reg: 2, size: 16 });
        break;
      case 'one':
        operands.push({ kind: 'imm', value: 1n, size: 8 });
        break;
      case 'fixedSreg':
        operands.push({ kind: 'sreg', reg: spec.reg });
        break;
      case 'strSrc':
        operands.push({ kind: 'mem', seg: seg >= 4 ? seg : 3, base: 6, index: -1, scale: 1, disp: 0, size: opSize, dispSize: 0 });
        break;
      case 'strDst':
        operands.push({ kind: 'mem', seg: 0, base: 7, index: -1, scale: 1, disp: 0, size: opSize, dispSize: 0 });
        break;
      case 'xlat':
        operands.push({ kind: 'mem', seg: seg >= 4 ? seg : 3, base: 3, index: -1, scale: 1, disp: 0, size: 8, dispSize: 0 });
        break;
      case 'imm': case 'simm8': {
        const width = spec.kind === 'simm8' ? 8 : spec.width === -1 ? opSize : spec.width || Math.min(opSize, 32);
        const n = width >> 3;
        if (p + n > end) return TRUNCATED(end - offset);
        let v = readLE(bytes, p, n);
        p += n;
        // Sign-extend an imm8/imm32 that the instruction widens to the operand size.
        const fixed = spec.kind === 'imm' && (spec.width === 8 || spec.width === 16);
        const outSize = fixed ? (spec.width as 8 | 16) : opSize;
        if (!fixed && width < opSize) {
          const signBit = 1n << BigInt(width - 1);
          if (v & signBit) v = (v - (signBit << 1n)) & MASKS[opSize]!;
        }
        operands.push({ kind: 'imm', value: v, size: outSize });
        break;
      }
      case 'moffs': {
        // The offset is as wide as the address size: 8 bytes, or 4 under a 67 prefix.
        const n = has67 ? 4 : 8;
        if (p + n > end) return TRUNCATED(end - offset);
        const moffs = readLE(bytes, p, n);
        p += n;
        const disp = Number(BigInt.asIntN(32, moffs));
        operands.push({ kind: 'mem', seg: seg >= 4 ? seg : -1, base: -1, index: -1, scale: 1, disp, size: opSize, dispSize: 0, moffs });
        break;
      }
      case 'rel': {
        const n = spec.width >> 3;
        if (p + n > end) return TRUNCATED(end - offset);
        relIndex = operands.length;
        operands.push({ kind: 'rel', target: BigInt(n === 1 ? (bytes[p]! << 24) >> 24 : bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24)) });
        p += n;
        break;
      }
    }
  }
  const length = p - offset;
  if (length > MAX_LENGTH) return INVALID(MAX_LENGTH);
  // SDM Vol.2A "LOCK": #UD unless the instruction is one of the read-modify-write operations
  // below and its destination is memory.
  if (lock && !(LOCKABLE.has(form.op) && operands.length > 0 && operands[0]!.kind === 'mem')) return INVALID(length);
  if (relIndex >= 0) {
    const rel = operands[relIndex] as { kind: 'rel'; target: bigint };
    rel.target = (address + BigInt(length) + rel.target) & MASKS[64]!;
  }
  const prefixWords = opStart > offset ? prefixWordsOf(bytes, offset, opStart, form, operands, opSize, rex, sibIndex) : undefined;
  if (vex) rep = 0; // pp was the mandatory prefix, not a REP
  const insn: DecodedInstruction = {
    address,
    length,
    mnemonic: intelName(form, opSize, cond),
    form: form.id,
    op: form.opId,
    opSize,
    addrSize,
    operands,
    lock,
    rep: rep === 0 || form.pfx === rep ? null : rep === 0xf3 ? 'rep' : 'repne',
    cond: cond < 0 ? 0 : cond,
  };
  if (prefixWords !== undefined) insn.prefixWords = prefixWords;
  return { ok: true, insn };
}

const SEG_NAMES = ['es', 'cs', 'ss', 'ds', 'fs', 'gs'];
const STRING_OPS = new Set(['movs', 'cmps', 'stos', 'lods', 'scas', 'ins', 'outs']);
const HINTABLE = new Set(['jcc', 'loop', 'loope', 'loopne', 'jrcxz', 'jecxz']);

/** The words objdump prints before the mnemonic, in byte order (i386-dis.c names every prefix
 *  byte; those the instruction did not consume are shown as words of their own):
 *  - 66: `data16` when repeated, under REX.W, or on a form without a 16-bit size;
 *  - 67: `addr32` when repeated or without a memory operand;
 *  - F0: `lock`; F2/F3: `rep`/`repz`/`repnz` on string instructions (repz for cmps/scas),
 *    nothing when mandatory (popcnt), `bnd` (F2) on branches, `repz`/`repnz` elsewhere;
 *  - CS/DS/ES/SS (ignored in 64-bit mode, SDM Vol.1 §3.3.7.1) and FS/GS without an operand to
 *    apply to: their names; DS on an indirect branch: `notrack` (CET); CS/DS on a conditional
 *    branch: the static hint, written `,pn`/`,pt` after the mnemonic (returned separately);
 *  - REX: `rex`/`rex.WRXB` when a set bit selected nothing (W without a 64-bit size, R without a
 *    ModRM.reg register, X without a SIB, B without a base/rm/+r register) or a bare 40 selects
 *    no spl/bpl/sil/dil. */
function prefixWordsOf(bytes: Uint8Array, start: number, opStart: number, form: Form, operands: DecodedOperand[], opSize: number, rex: number, hadSib: boolean): string {
  let words = '';
  const add = (w: string): void => {
    words = words ? `${words} ${w}` : w;
  };
  // 67 is consumed by a memory operand, or by an address held in a register (monitor's rAX).
  let hasMem = form.a32 || form.ops.some((o) => o.kind === 'fixedReg' && o.size === 64);
  let segMem = false;
  for (let i = 0; i < operands.length; i++) {
    const o = operands[i]!;
    if (o.kind !== 'mem') continue;
    if (o.moffs === undefined) hasMem = true; // objdump still names 67 on a moffs (`addr32 mov`)
    if (form.ops[i]!.kind !== 'strDst') segMem = true;
  }
  let last66 = -1, last67 = -1, lastSeg = -1, lastRep = -1;
  for (let i = start; i < opStart; i++) {
    const b = bytes[i]!;
    if (b === 0x66) last66 = i;
    else if (b === 0x67) last67 = i;
    else if (b === 0xf2 || b === 0xf3) lastRep = i;
    else if (SEG_OF_PREFIX[b] !== undefined) lastSeg = i;
  }
  const used66 = ((form.sizeMask & 2) !== 0 && opSize === 16) || form.pfx === 0x66;
  const segOperand = form.ops.some((o) => o.kind === 'strSrc' || o.kind === 'xlat');
  const indirect = (form.op === 'call' || form.op === 'jmp') && form.ops.some((o) => o.kind === 'rm');
  for (let i = start; i < opStart; i++) {
    const b = bytes[i]!;
    if (b === 0x66) {
      if (i !== last66 || !used66) add('data16');
    } else if (b === 0x67) {
      if (i !== last67 || !hasMem) add('addr32');
    } else if (b === 0xf0) {
      add('lock');
    } else if (b === 0xf2 || b === 0xf3) {
      if (i !== lastRep) add(STRING_OPS.has(form.op) && b === 0xf3 && form.op !== 'cmps' && form.op !== 'scas' ? 'rep' : b === 0xf3 ? 'repz' : 'repnz');
      else if (form.pfx === b) continue;
      else if (hle(form, operands, bytes, start, opStart, b)) add(b === 0xf2 ? 'xacquire' : 'xrelease');
      else if (STRING_OPS.has(form.op)) add(b === 0xf2 ? 'repnz' : form.op === 'cmps' || form.op === 'scas' ? 'repz' : 'rep');
      else if (b === 0xf2 && (form.op === 'call' || form.op === 'jmp' || form.op === 'ret' || form.op === 'jcc')) add('bnd');
      else add(b === 0xf3 ? 'repz' : 'repnz');
    } else if (SEG_OF_PREFIX[b] !== undefined) {
      const segNum = SEG_OF_PREFIX[b]!;
      if (i === lastSeg && (segOperand || (segNum >= 4 && segMem))) continue;
      if (i === lastSeg && b === 0x3e && indirect) add('notrack');
      else add(SEG_NAMES[segNum]!);
    }
  }
  if (rex) {
    // W selects nothing on d64 forms and on mov to/from CRn/DRn (always 64-bit).
    let usedBits = form.d64 || !(opSize === 64 && (form.sizeMask & 8) !== 0) || (form.noW && form.sizeMask === 8) ? 0 : 8;
    let byteReg = false;
    for (let i = 0; i < form.ops.length; i++) {
      const k = form.ops[i]!.kind;
      const o = operands[i]!;
      if (o.kind === 'reg' && o.size === 8 && o.reg >= 4 && o.reg < 8 && !o.high8 && (k === 'reg' || k === 'rm' || k === 'rmreg' || k === 'opreg')) byteReg = true;
      if (k === 'reg' || k === 'creg' || k === 'dreg') usedBits |= 4;
      if ((k === 'rm' || k === 'rmreg') && o.kind === 'reg') usedBits |= 1;
      if (k === 'opreg') usedBits |= 1;
      if ((k === 'rm' || k === 'mem') && o.kind === 'mem') {
        if (hadSib) usedBits |= 2;
        usedBits |= 1;
      }
    }
    const bits = rex & 15;
    if (bits & ~usedBits || (bits === 0 && !byteReg)) {
      add(`rex${bits ? '.' : ''}${rex & 8 ? 'W' : ''}${rex & 4 ? 'R' : ''}${rex & 2 ? 'X' : ''}${rex & 1 ? 'B' : ''}`);
    }
  }
  return words;
}

const LOCKABLE_OPS = new Set(['add', 'adc', 'and', 'btc', 'btr', 'bts', 'cmpxchg', 'cmpxchg8b', 'cmpxchg16b', 'dec', 'inc', 'neg', 'not', 'or', 'sbb', 'sub', 'xor', 'xadd', 'xchg']);

/** F2/F3 as the HLE hints XACQUIRE/XRELEASE (SDM Vol.1 §16.3.3): on a LOCKed read-modify-write
 *  or XCHG with memory; F3 alone also on MOV to memory (88, 89, C6, C7). */
function hle(form: Form, operands: DecodedOperand[], bytes: Uint8Array, start: number, opStart: number, b: number): boolean {
  if (operands.length === 0 || operands[0]!.kind !== 'mem') return false;
  let lock = false;
  for (let i = start; i < opStart; i++) if (bytes[i] === 0xf0) lock = true;
  if (LOCKABLE_OPS.has(form.op) && (lock || form.op === 'xchg')) return true;
  return b === 0xf3 && form.op === 'mov' && form.map === 0 && [0x88, 0x89, 0xc6, 0xc7].includes(form.opcode[0]!);
}

/** Whether a CS/DS prefix on this form is a branch hint rather than a segment override. */
export function isHintable(form: Form): boolean {
  return HINTABLE.has(form.op);
}

/** LOOP/LOOPE/LOOPNE count in ECX under a 67 prefix: objdump's AT&T spelling is `loopl`. */
export function isLoop(form: Form): boolean {
  return form.op === 'loop' || form.op === 'loope' || form.op === 'loopne';
}

/** Operand size of a candidate form, or 0 when the form has no such size (→ try the next). */
function operandSize(form: Form, rexW: boolean, has66: boolean, lenient: boolean): 8 | 16 | 32 | 64 | 0 {
  const mask = form.sizeMask;
  if (mask === 0) return form.sizelessSize;
  if (mask === 1) return 8;
  let size: 16 | 32 | 64;
  if (form.d64) size = rexW || !has66 ? 64 : 16; // REX.W wins over 66 (SDM Vol.2A §2.2.1.2)
  // Lenient pass: REX.W on a form without a 64-bit size (in/out) and 66 on one without a
  // 16-bit size (sysret) are ignored.
  else if (rexW) size = !lenient || mask & 8 ? 64 : 32; // W overrides 66 even where W itself is ignored
  else if (has66 && (!lenient || mask & 2)) size = 16;
  else size = 32;
  if (form.noW && mask === 8) return 64;
  return mask & (size >> 3) ? size : 0;
}

function gpr(reg: number, size: 8 | 16 | 32 | 64, rex: number): DecodedOperand {
  if (size === 8 && rex === 0 && reg >= 4 && reg < 8) return { kind: 'reg', reg, size, high8: true };
  return { kind: 'reg', reg, size };
}

function readLE(bytes: Uint8Array, at: number, n: number): bigint {
  if (n === 1) return BigInt(bytes[at]!);
  if (n === 2) return BigInt(bytes[at]! | (bytes[at + 1]! << 8));
  const lo = (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  if (n === 4) return BigInt(lo);
  const hi = (bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16) | (bytes[at + 7]! << 24)) >>> 0;
  return (BigInt(hi) << 32n) | BigInt(lo);
}
