// Block translation: a run of A64 instructions (decoded once with @vsys/isa-arm64's
// decodeA64) becomes one JavaScript function, compiled by V8, cached by the CPU per physical
// address and dropped when its frame is written.
//
// The generated function is `(M, R, T, budget) => retired`: M the CPU (memory helpers,
// exceptions, system registers), R the register file as int32 halves (cpu.ts header), T the
// helpers' scratch results. It sets M.pcLo/M.pcHi to the next PC (or an exception does) and
// returns the number of instructions retired. A block that branches back to its own start
// loops inside the function until `budget` is used up (fast-emulation facts §3).
//
// Semantics follow the Arm ARM (DDI 0487) chapter C6 pseudocode of each instruction; flags
// follow AddWithCarry() (J1.1): N = result<msb>, Z = result == 0, C = unsigned carry out,
// V = signed overflow; logical S-forms clear C and V.

import { a64FormNames, decodeA64, type A64Decoded } from '@vsys/isa-arm64';
import type { Arm64Cpu } from './cpu.js';
import { decodeBitMasks, halves } from './bitmasks.js';
import { helpers } from './helpers.js';
import { SYSREG, sysregKey } from './sysregs.js';

export type BlockFunction = (M: Arm64Cpu, R: Int32Array, T: Int32Array, budget: number) => number;

const FORM_NAMES = new Set(a64FormNames);

/** Registers: index of the low half; 31 is SP when `sp`, else XZR (slot 62, always 0). */
function slot(n: number, sp: boolean): number {
  return n === 31 ? (sp ? 64 : 62) : 2 * n;
}

const N = 'R[66]', Z = 'R[67]', C = 'R[68]', V = 'R[69]';

/** The condition check of ConditionHolds() (C1.2.4) as a JS expression. */
function condExpr(cond: number): string {
  let e: string;
  switch (cond >> 1) {
    case 0: e = `${Z} === 1`; break;
    case 1: e = `${C} === 1`; break;
    case 2: e = `${N} === 1`; break;
    case 3: e = `${V} === 1`; break;
    case 4: e = `(${C} === 1 && ${Z} === 0)`; break;
    case 5: e = `${N} === ${V}`; break;
    case 6: e = `(${N} === ${V} && ${Z} === 0)`; break;
    default: return 'true'; // AL, NV
  }
  return cond & 1 ? `!(${e})` : e;
}

function sext(v: number, bits: number): number {
  const sh = 32 - bits;
  return (v << sh) >> sh;
}

/** Code for `dst = src <shift> n` on halves (variables named by the caller), n constant. */
function shiftConst(type: number, n: number, sf: number, sl: string, sh: string, dl: string, dh: string): string {
  if (!sf) {
    n &= 31;
    if (n === 0) return `${dl} = ${sl}; ${dh} = 0;`;
    switch (type) {
      case 0: return `${dl} = ${sl} << ${n}; ${dh} = 0;`;
      case 1: return `${dl} = (${sl} >>> ${n}) | 0; ${dh} = 0;`;
      case 2: return `${dl} = ${sl} >> ${n}; ${dh} = 0;`;
      default: return `${dl} = (${sl} >>> ${n}) | (${sl} << ${32 - n}); ${dh} = 0;`;
    }
  }
  n &= 63;
  if (n === 0) return `${dl} = ${sl}; ${dh} = ${sh};`;
  switch (type) {
    case 0:
      if (n < 32) return `${dh} = (${sh} << ${n}) | (${sl} >>> ${32 - n}); ${dl} = ${sl} << ${n};`;
      return `${dh} = ${sl} << ${n - 32}; ${dl} = 0;`;
    case 1:
      if (n < 32) return `${dl} = (${sl} >>> ${n}) | (${sh} << ${32 - n}); ${dh} = (${sh} >>> ${n}) | 0;`;
      return `${dl} = (${sh} >>> ${n - 32}) | 0; ${dh} = 0;`;
    case 2:
      if (n < 32) return `${dl} = (${sl} >>> ${n}) | (${sh} << ${32 - n}); ${dh} = ${sh} >> ${n};`;
      return `${dl} = ${sh} >> ${n - 32}; ${dh} = ${sh} >> 31;`;
    default:
      if (n < 32) return `${dl} = (${sl} >>> ${n}) | (${sh} << ${32 - n}); ${dh} = (${sh} >>> ${n}) | (${sl} << ${32 - n});`;
      if (n === 32) return `${dl} = ${sh}; ${dh} = ${sl};`;
      return `${dl} = (${sh} >>> ${n - 32}) | (${sl} << ${64 - n}); ${dh} = (${sl} >>> ${n - 32}) | (${sh} << ${64 - n});`;
  }
}

/** AddWithCarry(a, b, cin) on al/ah + bl/bh into rl/rh; with `flags`, NZCV. Carries are
 *  found with unsigned compares of int32 values (no doubles): with carry-in 0 a carry out
 *  happened iff result < a, with carry-in 1 iff result <= a. */
function addWithCarry(sf: number, flags: boolean, cin: string): string {
  const carry = (r: string, a: string, ci: string): string =>
    ci === '0' ? `((${r} >>> 0) < (${a} >>> 0) ? 1 : 0)` : ci === '1' ? `((${r} >>> 0) <= (${a} >>> 0) ? 1 : 0)` : `(${ci} ? ((${r} >>> 0) <= (${a} >>> 0) ? 1 : 0) : ((${r} >>> 0) < (${a} >>> 0) ? 1 : 0))`;
  const add = (a: string, b: string, ci: string): string => (ci === '0' ? `(${a} + ${b}) | 0` : `(${a} + ${b} + ${ci}) | 0`);
  if (sf) {
    let s = `t = ${cin}; rl = ${add('al', 'bl', 't')}; c = ${carry('rl', 'al', cin === '0' || cin === '1' ? cin : 't')}; rh = (ah + bh + c) | 0;`;
    if (cin === '0' || cin === '1') s = `rl = ${add('al', 'bl', cin)}; c = ${carry('rl', 'al', cin)}; rh = (ah + bh + c) | 0;`;
    if (flags) s += ` ${N} = rh >>> 31; ${Z} = (rl | rh) === 0 ? 1 : 0; ${C} = ${carry('rh', 'ah', 'c')}; ${V} = ((ah ^ rh) & (bh ^ rh)) >>> 31;`;
    return s;
  }
  let s = cin === '0' || cin === '1' ? `rl = ${add('al', 'bl', cin)}; rh = 0;` : `t = ${cin}; rl = ${add('al', 'bl', 't')}; rh = 0;`;
  if (flags) s += ` ${N} = rl >>> 31; ${Z} = rl === 0 ? 1 : 0; ${C} = ${carry('rl', 'al', cin === '0' || cin === '1' ? cin : 't')}; ${V} = ((al ^ rl) & (bl ^ rl)) >>> 31;`;
  return s;
}

function logicFlags(sf: number): string {
  return sf
    ? `${N} = rh >>> 31; ${Z} = (rl | rh) === 0 ? 1 : 0; ${C} = 0; ${V} = 0;`
    : `${N} = rl >>> 31; ${Z} = rl === 0 ? 1 : 0; ${C} = 0; ${V} = 0;`;
}

/** Reads register n into variables l/h (32-bit reads leave h = 0). */
function load(n: number, sp: boolean, sf: number, l: string, h: string): string {
  const i = slot(n, sp);
  return sf ? `${l} = R[${i}]; ${h} = R[${i + 1}];` : `${l} = R[${i}]; ${h} = 0;`;
}

/** Writes l/h to register n (XZR writes vanish; 32-bit writes zero the upper half). */
function store(n: number, sp: boolean, sf: number, l: string, h: string): string {
  if (n === 31 && !sp) return '';
  const i = slot(n, sp);
  return `R[${i}] = ${l}; R[${i + 1}] = ${sf ? h : '0'};`;
}

/** Operand 2 of the extended-register forms (ExtendReg, C6.2.5): Rm extended, shifted. */
function extendReg(rm: number, option: number, shift: number, dl: string, dh: string): string {
  const i = slot(rm, false);
  let s: string;
  switch (option) {
    case 0: s = `${dl} = R[${i}] & 0xff; ${dh} = 0;`; break; // UXTB
    case 1: s = `${dl} = R[${i}] & 0xffff; ${dh} = 0;`; break; // UXTH
    case 2: s = `${dl} = R[${i}]; ${dh} = 0;`; break; // UXTW
    case 3: s = `${dl} = R[${i}]; ${dh} = R[${i + 1}];`; break; // UXTX / LSL
    case 4: s = `${dl} = (R[${i}] << 24) >> 24; ${dh} = ${dl} >> 31;`; break; // SXTB
    case 5: s = `${dl} = (R[${i}] << 16) >> 16; ${dh} = ${dl} >> 31;`; break; // SXTH
    case 6: s = `${dl} = R[${i}]; ${dh} = ${dl} >> 31;`; break; // SXTW
    default: s = `${dl} = R[${i}]; ${dh} = R[${i + 1}];`; // SXTX
  }
  if (shift > 0) s += ` tl = ${dl}; th = ${dh}; ${shiftConst(0, shift, 1, 'tl', 'th', dl, dh)}`;
  return s;
}

/** A 64-bit constant as a [lo, hi] pair of int32 literals. */
function pair(v: bigint): [number, number] {
  return halves(v);
}

interface Ctx {
  /** Instructions before this one in the block. */
  k: number;
  pcLo: number;
  pcHi: number;
  nextLo: number;
  nextHi: number;
  startLo: number;
  startHi: number;
  /** Since SP was last written (blockSource resets these): it was checked for alignment;
   *  the read (r) / write (w) translation of its page was looked up into spr / spw. */
  sp: { checked: boolean; r: boolean; w: boolean };
}

/** Return statement for a jump to a constant target. Jumps to the block start loop. */
function jumpTo(c: Ctx, target: bigint): string {
  const [lo, hi] = pair(target);
  if (lo === c.startLo && hi === c.startHi) {
    return `{ n += ${c.k + 1}; if (n < budget) continue; M.pcLo = ${lo}; M.pcHi = ${hi}; return n; }`;
  }
  return `{ M.pcLo = ${lo}; M.pcHi = ${hi}; return n + ${c.k + 1}; }`;
}

function fallThrough(c: Ctx): string {
  return `M.pcLo = ${c.nextLo}; M.pcHi = ${c.nextHi}; return n + ${c.k + 1};`;
}

function undef(c: Ctx): string {
  return `return M.undefinedInstruction(n + ${c.k}, ${c.pcLo}, ${c.pcHi});`;
}

function faultCheck(c: Ctx): string {
  return `if (M.f) return M.abort(n + ${c.k}, ${c.pcLo}, ${c.pcHi});`;
}

function pcOf(c: Ctx): bigint {
  return (BigInt(c.pcHi >>> 0) << 32n) | BigInt(c.pcLo >>> 0);
}

/** Address = base (+ constant) into al/ah, with the SP alignment check (SCTLR_EL1.SA/SA0,
 *  D1.8.2: a load or store with SP as the base faults when SP is not 16-byte aligned). The
 *  check is emitted once per value of SP: after it passed, later SP-based accesses in the
 *  block see the same SP until an instruction writes SP (blockSource resets `c.sp.checked`). */
function address(c: Ctx, rn: number, off: number): string {
  return `${rn === 31 ? spCheck(c) : ''}${addressOnly(rn, off)}`;
}

function spCheck(c: Ctx): string {
  if (c.sp.checked) return '';
  c.sp.checked = true;
  return `if (R[64] & 15) return M.spAlignment(n + ${c.k}, ${c.pcLo}, ${c.pcHi}); `;
}

/** SP-relative accesses with a constant offset (the entry path's pt_regs saves and restores,
 *  function prologues and epilogues) share one TLB lookup while SP is unchanged: the first
 *  one finds the physical page of SP for reads (spr) or writes (spw), -1 on a miss, and `sb`
 *  is SP's offset in that page. An access whose offset keeps it inside SP's page (sb + off in
 *  0 … 4096 − size) then goes straight to spr/spw + sb + off: it is the same page, under the
 *  same translation (nothing inside a block edits the page tables). Otherwise, or after a
 *  miss, the access takes the general path (helper: TLB probe, walk, faults). Returns the
 *  condition (setting `t` = the offset in the page) and emits the lookup once. */
function spPage(c: Ctx, kind: 'r' | 'w', off: number, size: number): { setup: string; cond: string } {
  let setup = '';
  if (!c.sp[kind]) {
    c.sp[kind] = true;
    setup = `sb = R[64] & 4095; ti = ((R[64] >>> 12) ^ R[65]) & 1023; sp${kind} = ts.${kind}Lo[ti] === (R[64] & -4096) && ts.${kind}Hi[ti] === R[65] ? ts.${kind}Phys[ti] : -1;`;
  }
  return { setup, cond: `sp${kind} >= 0 && ((t = sb + ${off}) >>> 0) <= ${4096 - size}` };
}

/** Guest RAM is little-endian; on a little-endian host (every host Node runs on in practice)
 *  an aligned word is one Int32Array element (M.i32), which V8 reads and writes faster than
 *  DataView.getInt32/setInt32. */
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Word accesses at tp + 4k, for `n` consecutive words (offsets relative to tp); `aligned`:
 *  tp is known to be a multiple of 4. */
function wordsAt(aligned: boolean): { get: (k: number) => string; set: (k: number, v: string) => string; prep: string } {
  if (aligned && HOST_LITTLE_ENDIAN) {
    return { prep: 'ti = tp >> 2;', get: (k) => `I32[ti${k ? ` + ${k}` : ''}]`, set: (k, v) => `I32[ti${k ? ` + ${k}` : ''}] = ${v};` };
  }
  return { prep: '', get: (k) => `DV.getInt32(tp${k ? ` + ${4 * k}` : ''}, true)`, set: (k, v) => `DV.setInt32(tp${k ? ` + ${4 * k}` : ''}, ${v}, true);` };
}

/** Address = base + constant into al/ah (no alignment check). */
function addressOnly(rn: number, off: number): string {
  const i = slot(rn, true);
  let s = '';
  if (off === 0) s += `al = R[${i}]; ah = R[${i + 1}];`;
  else if (off > 0) s += `t = R[${i}]; al = (t + ${off}) | 0; ah = (R[${i + 1}] + ((al >>> 0) < (t >>> 0) ? 1 : 0)) | 0;`;
  else s += `t = R[${i}]; al = (t + (${off})) | 0; ah = (R[${i + 1}] - ((al >>> 0) > (t >>> 0) ? 1 : 0)) | 0;`;
  return s;
}

/** Loads `bytes` at al/ah into vl/vh; `signed`: 0 zero-extend, 64 sign-extend to 64, 32 to 32. */
function loadValue(c: Ctx, bytes: number, signed: number, vl: string, vh: string): string {
  let s: string;
  switch (bytes) {
    case 1: s = `${vl} = M.ld8(al, ah);`; break;
    case 2: s = `${vl} = M.ld16(al, ah);`; break;
    case 4: s = `${vl} = M.ld32(al, ah);`; break;
    default: s = `M.ld64(al, ah);`;
  }
  s += ` ${faultCheck(c)}`;
  // The TLB hit path inline (memory/tlb.ts: one entry per 4 KiB page, tag = the page's low word
  // and the high word); the helper handles misses, page-crossing accesses and faults. `ts` (the
  // TLB set, M.ts) is read once at block entry: only an exception, an EL or TTBR change (all of
  // which end the block) or LDTR/STTR (which reload it) select another set.
  if (bytes === 8) {
    return `ti = ((al >>> 12) ^ ah) & 1023; if (ts.rLo[ti] === (al & -4096) && ts.rHi[ti] === ah && (al & 4095) <= 4088) { tp = ts.rPhys[ti] + (al & 4095); ${vl} = DV.getInt32(tp, true); ${vh} = DV.getInt32(tp + 4, true); } else { ${s} ${vl} = T[0]; ${vh} = T[1]; }`;
  }
  if (bytes === 4) {
    s = `ti = ((al >>> 12) ^ ah) & 1023; if (ts.rLo[ti] === (al & -4096) && ts.rHi[ti] === ah && (al & 4095) <= 4092) { ${vl} = DV.getInt32(ts.rPhys[ti] + (al & 4095), true); } else { ${s} }`;
  }
  const bits = bytes * 8;
  if (signed === 0) return `${s} ${vh} = 0;`;
  const ext = bits === 32 ? `${vl} = ${vl} | 0;` : `${vl} = (${vl} << ${32 - bits}) >> ${32 - bits};`;
  return `${s} ${ext} ${vh} = ${signed === 64 ? `${vl} >> 31` : '0'};`;
}

function storeValue(c: Ctx, bytes: number, vl: string, vh: string): string {
  let s: string;
  switch (bytes) {
    case 1: s = `M.st8(al, ah, ${vl} & 0xff);`; break;
    case 2: s = `M.st16(al, ah, ${vl} & 0xffff);`; break;
    case 4: s = `M.st32(al, ah, ${vl});`; break;
    default: s = `M.st64(al, ah, ${vl}, ${vh});`;
  }
  s = `${s} ${faultCheck(c)}`;
  // Inline TLB hit path (write entries never cover frames holding translated code, so a hit
  // needs no code invalidation: cpu.ts translatePage).
  if (bytes === 8) {
    return `ti = ((al >>> 12) ^ ah) & 1023; if (ts.wLo[ti] === (al & -4096) && ts.wHi[ti] === ah && (al & 4095) <= 4088) { tp = ts.wPhys[ti] + (al & 4095); DV.setInt32(tp, ${vl}, true); DV.setInt32(tp + 4, ${vh}, true); } else { ${s} }`;
  }
  if (bytes === 4) {
    return `ti = ((al >>> 12) ^ ah) & 1023; if (ts.wLo[ti] === (al & -4096) && ts.wHi[ti] === ah && (al & 4095) <= 4092) { DV.setInt32(ts.wPhys[ti] + (al & 4095), ${vl}, true); } else { ${s} }`;
  }
  return s;
}

/** Adds the constant `off` to register rn (SP allowed): pre/post-index writeback. */
function writeback(rn: number, off: number): string {
  const i = slot(rn, true);
  if (off === 0) return '';
  if (off > 0) return `t = R[${i}]; s = (t + ${off}) | 0; R[${i}] = s; R[${i + 1}] = (R[${i + 1}] + ((s >>> 0) < (t >>> 0) ? 1 : 0)) | 0;`;
  return `t = R[${i}]; s = (t + (${off})) | 0; R[${i}] = s; R[${i + 1}] = (R[${i + 1}] - ((s >>> 0) > (t >>> 0) ? 1 : 0)) | 0;`;
}

/** One load/store of a single register. */
function singleLoadStore(c: Ctx, f: Record<string, number>, form: string): string {
  const size = f.size ?? 3;
  const opc = f.opc ?? 0;
  const bytes = 1 << size;
  const rt = f.Rt!;
  const rn = f.Rn!;
  const isStore = opc === 0;
  const checked = c.sp.checked; // address() below may set it; the SP path re-emits the check
  // opc 10: sign-extend to 64 bits (LDRSB/LDRSH/LDRSW Xt); opc 11: to 32 bits (Wt)
  const signed = opc === 2 ? 64 : opc === 3 ? 32 : 0;
  const sf = signed === 32 ? 0 : bytes === 8 || signed === 64 ? 1 : 0;
  let pre = '';
  let post = '';
  let addr: string;
  let unpriv = false;
  if (form.endsWith('_imm_unsigned')) addr = address(c, rn, f.imm12! * bytes);
  else if (form.endsWith('_imm_pre')) {
    const off = sext(f.imm9!, 9);
    addr = address(c, rn, off);
    post = store(rn, true, 1, 'al', 'ah');
  } else if (form.endsWith('_imm_post')) {
    addr = address(c, rn, 0);
    post = writeback(rn, sext(f.imm9!, 9));
  } else if (form.endsWith('_reg')) {
    const amount = f.S ? size : 0;
    addr = `${address(c, rn, 0)} ${extendReg(f.Rm!, f.option!, amount, 'bl', 'bh')} ${addWithCarry(1, false, '0')} al = rl; ah = rh;`;
  } else {
    // STUR/LDUR (unscaled) and STTR/LDTR (unprivileged): a signed 9-bit byte offset
    addr = address(c, rn, sext(f.imm9!, 9));
    unpriv = /^(ST|LD)TR/.test(form);
  }
  if (unpriv) {
    pre = 'M.unpriv(1); ts = M.ts;';
    post = 'M.unpriv(0); ts = M.ts;';
  }
  if (rn === 31 && bytes === 8 && (opc === 0 || opc === 1) && !unpriv && !form.endsWith('_reg')) {
    // SP-relative doubleword: through SP's page when it is the same page (spPage)
    const isPre = form.endsWith('_imm_pre');
    c.sp.checked = checked;
    const off = form.endsWith('_imm_unsigned') ? f.imm12! * 8 : form.endsWith('_imm_post') ? 0 : sext(f.imm9!, 9);
    const { setup, cond } = spPage(c, isStore ? 'w' : 'r', off, 8);
    const calc = addressOnly(31, off);
    const i = slot(rt, false);
    // SP is 16-byte aligned here (checked), so tp is word-aligned when the offset is
    const w = wordsAt(off % 4 === 0);
    const head = `${spCheck(c)}${setup} ${isPre ? calc : ''} if (${cond}) { tp = sp${isStore ? 'w' : 'r'} + t; ${w.prep}`;
    const slowAddr = isPre ? '' : calc;
    if (isStore) return `${head} ${w.set(0, `R[${i}]`)} ${w.set(1, `R[${i + 1}]`)} } else { ${slowAddr} M.st64(al, ah, R[${i}], R[${i + 1}]); ${faultCheck(c)} } ${post}`;
    return `${head} vl = ${w.get(0)}; vh = ${w.get(1)}; } else { ${slowAddr} M.ld64(al, ah); ${faultCheck(c)} vl = T[0]; vh = T[1]; } ${post} ${store(rt, false, 1, 'vl', 'vh')}`;
  }
  if (isStore) {
    const i = slot(rt, false);
    return `${addr} ${pre} vl = R[${i}]; vh = R[${i + 1}]; ${storeValue(c, bytes, 'vl', 'vh')} ${post}`;
  }
  return `${addr} ${pre} ${loadValue(c, bytes, signed, 'vl', 'vh')} ${post} ${store(rt, false, sf, 'vl', 'vh')}`;
}

/** LDP/STP/LDPSW. */
function pairLoadStore(c: Ctx, f: Record<string, number>, form: string): string {
  const opc = f.opc!;
  const isLoad = f.L === 1;
  const bytes = opc === 2 ? 8 : 4;
  const signed = opc === 1 ? 64 : 0;
  const sf = bytes === 8 || signed ? 1 : 0;
  const off = sext(f.imm7!, 7) * bytes;
  const rn = f.Rn!;
  const checked = c.sp.checked; // address() below may set it; the SP path re-emits the check
  let addr: string;
  let post = '';
  if (form.endsWith('_post')) {
    addr = address(c, rn, 0);
    post = writeback(rn, off);
  } else if (form.endsWith('_pre')) {
    addr = address(c, rn, off);
    post = store(rn, true, 1, 'al', 'ah');
  } else addr = address(c, rn, off);
  if (bytes === 8 && !signed && rn === 31) {
    // SP-relative pair (the entry path's pt_regs): through SP's page when both doublewords
    // lie in it (spPage), else M.stp64/ldp64.
    const isPre = form.endsWith('_pre');
    const o = form.endsWith('_post') ? 0 : off;
    c.sp.checked = checked;
    const kind = isLoad ? 'r' : 'w';
    const { setup, cond } = spPage(c, kind, o, 16);
    const calc = addressOnly(31, o);
    const w = wordsAt(true); // SP is 16-byte aligned here (checked) and the offset a multiple of 8
    const head = `${spCheck(c)}${setup} ${isPre ? calc : ''} if (${cond}) { tp = sp${kind} + t; ${w.prep}`;
    const slowAddr = isPre ? '' : calc;
    if (!isLoad) {
      const i = slot(f.Rt!, false);
      const j = slot(f.Rt2!, false);
      return `${head} ${w.set(0, `R[${i}]`)} ${w.set(1, `R[${i + 1}]`)} ${w.set(2, `R[${j}]`)} ${w.set(3, `R[${j + 1}]`)} } else { ${slowAddr} M.stp64(al, ah, R[${i}], R[${i + 1}], R[${j}], R[${j + 1}]); ${faultCheck(c)} } ${post}`;
    }
    return `${head} vl = ${w.get(0)}; vh = ${w.get(1)}; wl = ${w.get(2)}; wh = ${w.get(3)}; } else { ${slowAddr} M.ldp64(al, ah); ${faultCheck(c)} vl = T[0]; vh = T[1]; wl = T[2]; wh = T[3]; } ${store(f.Rt!, false, 1, 'vl', 'vh')} ${store(f.Rt2!, false, 1, 'wl', 'wh')} ${post}`;
  }
  if (bytes === 8 && !signed) {
    // Both doublewords in one TLB probe when they share a page (the entry path saves and
    // restores x0–x30 this way); otherwise, or on a miss, M.stp64/ldp64 do the two accesses
    // one after the other with the same fault behaviour as two single accesses.
    const probe = (k: 'r' | 'w'): string => `ti = ((al >>> 12) ^ ah) & 1023; if (ts.${k}Lo[ti] === (al & -4096) && ts.${k}Hi[ti] === ah && (al & 4095) <= 4080) { tp = ts.${k}Phys[ti] + (al & 4095);`;
    if (!isLoad) {
      const i = slot(f.Rt!, false);
      const j = slot(f.Rt2!, false);
      return `${addr} ${probe('w')} DV.setInt32(tp, R[${i}], true); DV.setInt32(tp + 4, R[${i + 1}], true); DV.setInt32(tp + 8, R[${j}], true); DV.setInt32(tp + 12, R[${j + 1}], true); } else { M.stp64(al, ah, R[${i}], R[${i + 1}], R[${j}], R[${j + 1}]); ${faultCheck(c)} } ${post}`;
    }
    return `${addr} ${probe('r')} vl = DV.getInt32(tp, true); vh = DV.getInt32(tp + 4, true); wl = DV.getInt32(tp + 8, true); wh = DV.getInt32(tp + 12, true); } else { M.ldp64(al, ah); ${faultCheck(c)} vl = T[0]; vh = T[1]; wl = T[2]; wh = T[3]; } ${store(f.Rt!, false, 1, 'vl', 'vh')} ${store(f.Rt2!, false, 1, 'wl', 'wh')} ${post}`;
  }
  const second = `t = al; al = (al + ${bytes}) | 0; ah = (ah + ((al >>> 0) < (t >>> 0) ? 1 : 0)) | 0;`;
  if (!isLoad) {
    const i = slot(f.Rt!, false);
    const j = slot(f.Rt2!, false);
    // keep the base: post-index writeback uses the register, pre-index writes al/ah back
    return `${addr} bl = al; bh = ah; vl = R[${i}]; vh = R[${i + 1}]; ${storeValue(c, bytes, 'vl', 'vh')} ${second} vl = R[${j}]; vh = R[${j + 1}]; ${storeValue(c, bytes, 'vl', 'vh')} al = bl; ah = bh; ${post}`;
  }
  return `${addr} bl = al; bh = ah; ${loadValue(c, bytes, signed, 'vl', 'vh')} ${second} ${loadValue(c, bytes, signed, 'wl', 'wh')} al = bl; ah = bh; ${store(f.Rt!, false, sf, 'vl', 'vh')} ${store(f.Rt2!, false, sf, 'wl', 'wh')} ${post}`;
}

/** Exclusive and acquire/release loads and stores (single-CPU monitor). */
function exclusive(c: Ctx, f: Record<string, number>, form: string): string {
  const pairForm = /XP$/.test(form);
  const bytes = pairForm ? (f.sz ? 8 : 4) : 1 << f.size!;
  const sf = bytes === 8 ? 1 : 0;
  const addr = address(c, f.Rn!, 0);
  const isLoad = f.L === 1;
  const excl = f.o2 === 0;
  if (isLoad) {
    let s = `${addr} bl = al; bh = ah; ${loadValue(c, bytes, 0, 'vl', 'vh')}`;
    if (pairForm) s += ` s = (al >>> 0) + ${bytes}; al = s | 0; ah = (ah + (s > 4294967295 ? 1 : 0)) | 0; ${loadValue(c, bytes, 0, 'wl', 'wh')}`;
    if (excl) s += ` M.monitorSet = 1; M.monitorLo = bl; M.monitorHi = bh;`;
    s += ` ${store(f.Rt!, false, sf, 'vl', 'vh')}`;
    if (pairForm) s += ` ${store(f.Rt2!, false, sf, 'wl', 'wh')}`;
    return s;
  }
  const i = slot(f.Rt!, false);
  let st = `vl = R[${i}]; vh = R[${i + 1}]; ${storeValue(c, bytes, 'vl', 'vh')}`;
  if (pairForm) {
    const j = slot(f.Rt2!, false);
    st += ` s = (al >>> 0) + ${bytes}; al = s | 0; ah = (ah + (s > 4294967295 ? 1 : 0)) | 0; vl = R[${j}]; vh = R[${j + 1}]; ${storeValue(c, bytes, 'vl', 'vh')}`;
  }
  if (!excl) return `${addr} ${st}`; // STLR
  const rs = slot(f.Rs!, false);
  const status = f.Rs === 31 ? '' : `R[${rs}] = t; R[${rs + 1}] = 0;`;
  return `${addr} if (M.monitorSet === 1 && M.monitorLo === al && M.monitorHi === ah) { ${st} t = 0; } else t = 1; M.monitorSet = 0; ${status}`;
}

/** Slots of Arm64Cpu.S (cpu.ts SYS_*): ELR 0, SPSR 2, ESR 4, FAR 6, TPIDR_EL0 10. */
const HOT_SYSREGS: ReadonlyMap<number, { slot: number; el1Only: boolean; clearHigh: boolean }> = new Map([
  [SYSREG.elr_el1, { slot: 0, el1Only: true, clearHigh: false }],
  [SYSREG.spsr_el1, { slot: 2, el1Only: true, clearHigh: true }],
  [SYSREG.esr_el1, { slot: 4, el1Only: true, clearHigh: true }],
  [SYSREG.far_el1, { slot: 6, el1Only: true, clearHigh: false }],
  [SYSREG.tpidr_el0, { slot: 10, el1Only: false, clearHigh: false }],
]);

/** MRS/MSR of the registers the syscall path moves, inline on the register cache (no spill):
 *  the same effect as Arm64Cpu.mrs/msr's fast path, guarded by the EL (and SPSel for SP_EL0,
 *  which is banked only while SP_EL1 is the current SP). */
function hotSysregAccess(fn: 'mrs' | 'msr', key: number, rt: number): { when: string; code: string } | null {
  const reg = slot(rt, false);
  if (key === SYSREG.sp_el0) {
    const when = 'M.el === 1 && M.spsel === 1';
    if (fn === 'mrs') return rt === 31 ? { when, code: '' } : { when, code: `R[${reg}] = M.spBanks[0]; R[${reg + 1}] = M.spBanks[1];` };
    return { when, code: `M.spBanks[0] = R[${reg}]; M.spBanks[1] = R[${reg + 1}];` };
  }
  const hot = HOT_SYSREGS.get(key);
  if (!hot) return null;
  const when = hot.el1Only ? 'M.el === 1' : 'true';
  if (fn === 'mrs') return rt === 31 ? { when, code: '' } : { when, code: `R[${reg}] = M.S[${hot.slot}]; R[${reg + 1}] = M.S[${hot.slot + 1}];` };
  return { when, code: `M.S[${hot.slot}] = R[${reg}]; M.S[${hot.slot + 1}] = ${hot.clearHigh ? '0' : `R[${reg + 1}]`};` };
}

/** Translates one instruction. Returns [code, endsBlock]. */
function translateOne(d: A64Decoded, c: Ctx): [string, boolean] {
  const f = d.fields;
  const form = d.form;
  const sf = f.sf ?? 1;
  switch (form) {
    // ---------------------------------------------------------------- PC-relative
    case 'ADR': {
      const imm = BigInt(sext((f.immhi! << 2) | f.immlo!, 21));
      const [lo, hi] = pair(pcOf(c) + imm);
      return [store(f.Rd!, false, 1, String(lo), String(hi)), false];
    }
    case 'ADRP': {
      const imm = BigInt(sext((f.immhi! << 2) | f.immlo!, 21)) << 12n;
      const [lo, hi] = pair((pcOf(c) & ~0xfffn) + imm);
      return [store(f.Rd!, false, 1, String(lo), String(hi)), false];
    }
    // ---------------------------------------------------------------- add/sub immediate
    case 'ADD_imm':
    case 'SUB_imm':
    case 'ADDS_imm':
    case 'SUBS_imm': {
      const imm = f.imm12! << (f.sh ? 12 : 0);
      const sub = form.startsWith('SUB');
      const flags = form.includes('S_');
      const rdSp = !flags;
      if (!flags) {
        const i = slot(f.Rn!, true);
        const calc = sub
          ? `t = R[${i}]; rl = (t - ${imm}) | 0; rh = (R[${i + 1}] - ((rl >>> 0) > (t >>> 0) ? 1 : 0)) | 0;`
          : `t = R[${i}]; rl = (t + ${imm}) | 0; rh = (R[${i + 1}] + ((rl >>> 0) < (t >>> 0) ? 1 : 0)) | 0;`;
        return [`${calc} ${store(f.Rd!, rdSp, sf, 'rl', 'rh')}`, false];
      }
      const b = sub ? `bl = ${~imm}; bh = ${sf ? -1 : 0};` : `bl = ${imm}; bh = 0;`;
      return [`${load(f.Rn!, true, sf, 'al', 'ah')} ${b} ${addWithCarry(sf, true, sub ? '1' : '0')} ${store(f.Rd!, false, sf, 'rl', 'rh')}`, false];
    }
    // ---------------------------------------------------------------- add/sub shifted / extended register
    case 'ADD_shift':
    case 'ADDS_shift':
    case 'SUB_shift':
    case 'SUBS_shift':
    case 'ADD_ext':
    case 'ADDS_ext':
    case 'SUB_ext':
    case 'SUBS_ext': {
      const sub = form.startsWith('SUB');
      const flags = form.includes('S_');
      const ext = form.endsWith('_ext');
      let s = load(f.Rn!, ext, sf, 'al', 'ah');
      if (ext) s += ` ${extendReg(f.Rm!, f.option!, f.imm3!, 'bl', 'bh')}`;
      else s += ` ${load(f.Rm!, false, sf, 'tl', 'th')} ${shiftConst(f.shift!, f.imm6!, sf, 'tl', 'th', 'bl', 'bh')}`;
      if (!sf) s += ' bh = 0;';
      if (sub) s += sf ? ' bl = ~bl; bh = ~bh;' : ' bl = ~bl;';
      s += ` ${addWithCarry(sf, flags, sub ? '1' : '0')} ${store(f.Rd!, ext && !flags, sf, 'rl', 'rh')}`;
      return [s, false];
    }
    case 'ADC':
    case 'ADCS':
    case 'SBC':
    case 'SBCS': {
      const sub = form.startsWith('SBC');
      let s = `${load(f.Rn!, false, sf, 'al', 'ah')} ${load(f.Rm!, false, sf, 'bl', 'bh')}`;
      if (sub) s += sf ? ' bl = ~bl; bh = ~bh;' : ' bl = ~bl;';
      s += ` ${addWithCarry(sf, form.endsWith('S'), C)} ${store(f.Rd!, false, sf, 'rl', 'rh')}`;
      return [s, false];
    }
    // ---------------------------------------------------------------- moves
    case 'MOVZ':
    case 'MOVN': {
      let v = BigInt(f.imm16!) << BigInt(16 * f.hw!);
      if (form === 'MOVN') v = ~v;
      if (!sf) v &= 0xffffffffn;
      const [lo, hi] = pair(v);
      return [store(f.Rd!, false, sf, String(lo), String(hi)), false];
    }
    case 'MOVK': {
      if (f.Rd === 31) return ['', false];
      const i = slot(f.Rd!, false);
      const hw = f.hw!;
      const word = hw >= 2 ? i + 1 : i;
      const sh = (hw & 1) * 16;
      let s = `R[${word}] = (R[${word}] & ${~(0xffff << sh)}) | ${(f.imm16! << sh) | 0};`;
      if (!sf) s += ` R[${i + 1}] = 0;`;
      return [s, false];
    }
    // ---------------------------------------------------------------- logical
    case 'AND_imm':
    case 'ORR_imm':
    case 'EOR_imm':
    case 'ANDS_imm': {
      const m = decodeBitMasks(f.N!, f.imms!, f.immr!, true, sf ? 64 : 32);
      if (!m) return [undef(c), true];
      const [ml, mh] = pair(m.wmask);
      const op = form.startsWith('ORR') ? '|' : form.startsWith('EOR') ? '^' : '&';
      let s = `${load(f.Rn!, false, sf, 'al', 'ah')} rl = al ${op} ${ml}; rh = ${sf ? `ah ${op} ${mh}` : '0'};`;
      if (form === 'ANDS_imm') s += ` ${logicFlags(sf)}`;
      s += ` ${store(f.Rd!, form !== 'ANDS_imm', sf, 'rl', 'rh')}`;
      return [s, false];
    }
    case 'AND_shift':
    case 'BIC_shift':
    case 'ORR_shift':
    case 'ORN_shift':
    case 'EOR_shift':
    case 'EON_shift':
    case 'ANDS_shift':
    case 'BICS_shift': {
      const op = form.startsWith('ORR') || form.startsWith('ORN') ? '|' : form.startsWith('EO') ? '^' : '&';
      const invert = f.N === 1;
      // mov Xd, Xm (ORR with XZR) is the commonest: skip the zero operand
      let s = `${load(f.Rm!, false, sf, 'tl', 'th')} ${shiftConst(f.shift!, f.imm6!, sf, 'tl', 'th', 'bl', 'bh')}`;
      if (invert) s += ' bl = ~bl; bh = ~bh;';
      if (f.Rn === 31 && op === '|') s += ' rl = bl; rh = bh;';
      else s += ` ${load(f.Rn!, false, sf, 'al', 'ah')} rl = al ${op} bl; rh = ah ${op} bh;`;
      if (!sf) s += ' rh = 0;';
      const flags = form.startsWith('ANDS') || form.startsWith('BICS');
      if (flags) s += ` ${logicFlags(sf)}`;
      s += ` ${store(f.Rd!, false, sf, 'rl', 'rh')}`;
      return [s, false];
    }
    // ---------------------------------------------------------------- bitfield
    case 'SBFM':
    case 'BFM':
    case 'UBFM': {
      const size = sf ? 64 : 32;
      const m = decodeBitMasks(f.N!, f.imms!, f.immr!, false, size);
      if (!m) return [undef(c), true];
      const [wl, wh] = pair(m.wmask);
      const [tl, th] = pair(m.tmask);
      const S = f.imms!;
      let s = `${load(f.Rn!, false, sf, 'al', 'ah')} ${shiftConst(3, f.immr!, sf, 'al', 'ah', 'bl', 'bh')}`;
      if (form === 'BFM') {
        s += ` ${load(f.Rd!, false, sf, 'dl', 'dh')} bl = (dl & ${~wl}) | (bl & ${wl}); bh = (dh & ${~wh}) | (bh & ${wh});`;
        s += ` rl = (dl & ${~tl}) | (bl & ${tl}); rh = (dh & ${~th}) | (bh & ${th});`;
      } else {
        s += ` bl = bl & ${wl}; bh = bh & ${wh};`;
        if (form === 'SBFM') {
          const bit = S < 32 ? `-((al >>> ${S}) & 1)` : `-((ah >>> ${S - 32}) & 1)`;
          s += ` t = ${bit}; rl = (t & ${~tl}) | (bl & ${tl}); rh = (t & ${~th}) | (bh & ${th});`;
        } else s += ` rl = bl & ${tl}; rh = bh & ${th};`;
      }
      s += ` ${store(f.Rd!, false, sf, 'rl', 'rh')}`;
      return [s, false];
    }
    case 'EXTR': {
      const lsb = f.imms!;
      let s = `${load(f.Rn!, false, sf, 'al', 'ah')} ${load(f.Rm!, false, sf, 'bl', 'bh')}`;
      if (lsb === 0) s += ' rl = bl; rh = bh;';
      else if (sf) s += ` ${shiftConst(1, lsb, 1, 'bl', 'bh', 'tl', 'th')} ${shiftConst(0, 64 - lsb, 1, 'al', 'ah', 'ul', 'uh')} rl = tl | ul; rh = th | uh;`;
      else s += ` rl = (bl >>> ${lsb}) | (al << ${32 - lsb}); rh = 0;`;
      s += ` ${store(f.Rd!, false, sf, 'rl', 'rh')}`;
      return [s, false];
    }
    // ---------------------------------------------------------------- conditional
    case 'CSEL':
    case 'CSINC':
    case 'CSINV':
    case 'CSNEG': {
      let other = `${load(f.Rm!, false, sf, 'rl', 'rh')}`;
      if (form === 'CSINC') other += sf ? ' s = (rl >>> 0) + 1; rl = s | 0; rh = (rh + (s > 4294967295 ? 1 : 0)) | 0;' : ' rl = (rl + 1) | 0;';
      else if (form === 'CSINV') other += sf ? ' rl = ~rl; rh = ~rh;' : ' rl = ~rl;';
      else if (form === 'CSNEG') other += sf ? ' s = ((~rl) >>> 0) + 1; rl = s | 0; rh = (~rh + (s > 4294967295 ? 1 : 0)) | 0;' : ' rl = (-rl) | 0;';
      const s = `if (${condExpr(f.cond!)}) { ${load(f.Rn!, false, sf, 'rl', 'rh')} } else { ${other} } ${store(f.Rd!, false, sf, 'rl', 'rh')}`;
      return [s, false];
    }
    case 'CCMN_reg':
    case 'CCMN_imm':
    case 'CCMP_reg':
    case 'CCMP_imm': {
      const sub = form.startsWith('CCMP');
      let b = form.endsWith('_imm') ? `bl = ${f.imm5}; bh = 0;` : load(f.Rm!, false, sf, 'bl', 'bh');
      if (sub) b += sf ? ' bl = ~bl; bh = ~bh;' : ' bl = ~bl;';
      const nzcv = f.nzcv!;
      const s = `if (${condExpr(f.cond!)}) { ${load(f.Rn!, false, sf, 'al', 'ah')} ${b} ${addWithCarry(sf, true, sub ? '1' : '0')} } else { ${N} = ${(nzcv >> 3) & 1}; ${Z} = ${(nzcv >> 2) & 1}; ${C} = ${(nzcv >> 1) & 1}; ${V} = ${nzcv & 1}; }`;
      return [s, false];
    }
    // ---------------------------------------------------------------- data processing (2 and 1 source)
    case 'UDIV':
    case 'SDIV': {
      let s = `${load(f.Rn!, false, sf, 'al', 'ah')} ${load(f.Rm!, false, sf, 'bl', 'bh')}`;
      if (sf) s += ` H.${form === 'UDIV' ? 'udiv64' : 'sdiv64'}(T, al, ah, bl, bh); rl = T[0]; rh = T[1];`;
      else if (form === 'UDIV') s += ' rl = bl === 0 ? 0 : Math.floor((al >>> 0) / (bl >>> 0)) | 0; rh = 0;';
      else s += ' rl = bl === 0 ? 0 : (al === -2147483648 && bl === -1) ? al : Math.trunc(al / bl) | 0; rh = 0;';
      return [`${s} ${store(f.Rd!, false, sf, 'rl', 'rh')}`, false];
    }
    case 'LSLV':
    case 'LSRV':
    case 'ASRV':
    case 'RORV': {
      const type = ['LSLV', 'LSRV', 'ASRV', 'RORV'].indexOf(form);
      const s = `${load(f.Rn!, false, sf, 'al', 'ah')} H.shiftVar(T, ${type}, al, ah, R[${slot(f.Rm!, false)}], ${sf}); rl = T[0]; rh = T[1]; ${store(f.Rd!, false, sf, 'rl', 'rh')}`;
      return [s, false];
    }
    case 'RBIT':
    case 'REV16':
    case 'REV32':
    case 'REV':
    case 'CLZ':
    case 'CLS': {
      let s = load(f.Rn!, false, sf, 'al', 'ah');
      switch (form) {
        case 'RBIT': s += sf ? ' rl = H.rbit32(ah); rh = H.rbit32(al);' : ' rl = H.rbit32(al); rh = 0;'; break;
        case 'REV16': s += ' rl = H.rev16(al); rh = H.rev16(ah);'; break;
        case 'REV32': s += ' rl = H.bswap32(al); rh = H.bswap32(ah);'; break;
        case 'REV': s += sf ? ' rl = H.bswap32(ah); rh = H.bswap32(al);' : ' rl = H.bswap32(al); rh = 0;'; break;
        case 'CLZ': s += ` rl = H.clz64(al, ah, ${sf}); rh = 0;`; break;
        default: s += ` rl = H.cls64(al, ah, ${sf}); rh = 0;`;
      }
      return [`${s} ${store(f.Rd!, false, sf, 'rl', 'rh')}`, false];
    }
    // ---------------------------------------------------------------- multiply
    case 'MADD':
    case 'MSUB': {
      let s = `${load(f.Rn!, false, sf, 'al', 'ah')} ${load(f.Rm!, false, sf, 'bl', 'bh')}`;
      s += sf ? ' H.mul64(T, al, ah, bl, bh); bl = T[0]; bh = T[1];' : ' bl = Math.imul(al, bl); bh = 0;';
      s += ` ${load(f.Ra!, false, sf, 'al', 'ah')}`;
      if (form === 'MSUB') s += ' bl = ~bl; bh = ~bh;';
      s += ` ${addWithCarry(sf, false, form === 'MSUB' ? '1' : '0')} ${store(f.Rd!, false, sf, 'rl', 'rh')}`;
      return [s, false];
    }
    case 'SMADDL':
    case 'SMSUBL':
    case 'UMADDL':
    case 'UMSUBL': {
      const signed = form.startsWith('S') ? 1 : 0;
      let s = `H.mulWide(T, R[${slot(f.Rn!, false)}], R[${slot(f.Rm!, false)}], ${signed}); bl = T[0]; bh = T[1]; ${load(f.Ra!, false, 1, 'al', 'ah')}`;
      const sub = form.endsWith('SUBL');
      if (sub) s += ' bl = ~bl; bh = ~bh;';
      s += ` ${addWithCarry(1, false, sub ? '1' : '0')} ${store(f.Rd!, false, 1, 'rl', 'rh')}`;
      return [s, false];
    }
    case 'SMULH':
    case 'UMULH': {
      const s = `${load(f.Rn!, false, 1, 'al', 'ah')} ${load(f.Rm!, false, 1, 'bl', 'bh')} H.${form === 'SMULH' ? 'smulh' : 'umulh'}(T, al, ah, bl, bh); rl = T[0]; rh = T[1]; ${store(f.Rd!, false, 1, 'rl', 'rh')}`;
      return [s, false];
    }
    // ---------------------------------------------------------------- branches
    case 'B':
      return [jumpTo(c, pcOf(c) + BigInt(sext(f.imm26!, 26) * 4)), true];
    case 'BL': {
      const link = store(30, false, 1, String(c.nextLo), String(c.nextHi));
      return [`${link} ${jumpTo(c, pcOf(c) + BigInt(sext(f.imm26!, 26) * 4))}`, true];
    }
    case 'B_cond':
      return [`if (${condExpr(f.cond!)}) ${jumpTo(c, pcOf(c) + BigInt(sext(f.imm19!, 19) * 4))}`, false];
    case 'CBZ':
    case 'CBNZ': {
      const i = slot(f.Rt!, false);
      const test = sf ? `(R[${i}] | R[${i + 1}]) === 0` : `R[${i}] === 0`;
      const cond = form === 'CBZ' ? test : `!(${test})`;
      return [`if (${cond}) ${jumpTo(c, pcOf(c) + BigInt(sext(f.imm19!, 19) * 4))}`, false];
    }
    case 'TBZ':
    case 'TBNZ': {
      const bit = (f.b5! << 5) | f.b40!;
      const i = slot(f.Rt!, false);
      const test = bit < 32 ? `((R[${i}] >>> ${bit}) & 1) === 0` : `((R[${i + 1}] >>> ${bit - 32}) & 1) === 0`;
      const cond = form === 'TBZ' ? test : `!(${test})`;
      return [`if (${cond}) ${jumpTo(c, pcOf(c) + BigInt(sext(f.imm14!, 14) * 4))}`, false];
    }
    case 'BR':
    case 'BLR':
    case 'RET': {
      const i = slot(f.Rn!, false);
      let s = `al = R[${i}]; ah = R[${i + 1}];`;
      if (form === 'BLR') s += ` ${store(30, false, 1, String(c.nextLo), String(c.nextHi))}`;
      return [`${s} M.pcLo = al; M.pcHi = ah; return n + ${c.k + 1};`, true];
    }
    // ---------------------------------------------------------------- exceptions and system
    case 'SVC':
      return [`return M.svc(n + ${c.k}, ${f.imm16}, ${c.nextLo}, ${c.nextHi});`, true];
    case 'HVC':
      return [`return M.hvc(n + ${c.k}, ${c.pcLo}, ${c.pcHi}, ${c.nextLo}, ${c.nextHi});`, true];
    case 'BRK':
      return [`return M.brk(n + ${c.k}, ${f.imm16}, ${c.pcLo}, ${c.pcHi});`, true];
    case 'ERET':
      return [`return M.eret(n + ${c.k}, ${c.pcLo}, ${c.pcHi});`, true];
    case 'SMC': // no EL3: UNDEFINED
    case 'HLT': // halting debug disabled: UNDEFINED
    case 'UDF':
    case 'DRPS':
    case 'SYSL':
      return [undef(c), true];
    case 'HINT': {
      const op = (f.CRm! << 3) | f.op2!;
      if (op === 3) return [`M.wfi(); ${fallThrough(c)}`, true]; // WFI
      return ['', false]; // NOP, YIELD, WFE, SEV, SEVL, and hint-space instructions (PAC/BTI)
    }
    case 'CLREX':
      return ['M.monitorSet = 0;', false];
    case 'DSB':
    case 'DMB':
    case 'ISB':
    case 'SB':
      return ['', false];
    case 'MSR_imm':
      return [`return M.sysExit(2, ${f.op1}, ${f.op2}, ${f.CRm}, 0, n + ${c.k}, ${c.pcLo}, ${c.pcHi}, ${c.nextLo}, ${c.nextHi});`, true];
    case 'SYS':
      return [`return M.sysExit(3, ${f.op1}, ${f.CRn}, ${f.CRm}, ${f.op2}, n + ${c.k}, ${c.pcLo}, ${c.pcHi}, ${c.nextLo}, ${c.nextHi});`, true];
    case 'MRS':
    case 'MSR_reg': {
      const key = sysregKey(2 + f.o0!, f.op1!, f.CRn!, f.CRm!, f.op2!);
      const fn = form === 'MRS' ? 'mrs' : 'msr';
      // The register cache is spilled before and reloaded after (cacheRegisters), so an MSR
      // that changes the current SP (SPSel, SP_EL0) is seen by the next instruction; TTBR and
      // VBAR writes take effect through the CPU's fields, which translated code reads each time.
      const slow = `return M.sysExit(${fn === 'mrs' ? 0 : 1}, ${key}, ${f.Rt}, 0, 0, n + ${c.k}, ${c.pcLo}, ${c.pcHi}, ${c.nextLo}, ${c.nextHi});`;
      const fast = hotSysregAccess(fn, key, f.Rt!);
      return [fast ? `if (${fast.when}) { ${fast.code} } else { ${slow} }` : slow, false];
    }
    // ---------------------------------------------------------------- loads and stores
    case 'PRFM_imm':
    case 'PRFM_reg':
    case 'PRFUM':
    case 'PRFM_lit':
      return ['', false]; // prefetch hints never fault
    case 'LDR_lit':
    case 'LDRSW_lit': {
      const [lo, hi] = pair(pcOf(c) + BigInt(sext(f.imm19!, 19) * 4));
      const bytes = form === 'LDRSW_lit' ? 4 : f.opc === 1 ? 8 : 4;
      const signed = form === 'LDRSW_lit' ? 64 : 0;
      const s = `al = ${lo}; ah = ${hi}; ${loadValue(c, bytes, signed, 'vl', 'vh')} ${store(f.Rt!, false, bytes === 8 || signed ? 1 : 0, 'vl', 'vh')}`;
      return [s, false];
    }
    case 'STP_post':
    case 'STP_pre':
    case 'STP_offset':
    case 'LDP_post':
    case 'LDP_pre':
    case 'LDP_offset':
    case 'LDPSW_post':
    case 'LDPSW_pre':
    case 'LDPSW_offset':
      return [pairLoadStore(c, f, form), false];
  }
  if (/^(ST|LD)(A?X|L|AX|A)R[BH]?$|^(ST|LD)(L|A)?XP$|^ST(L)?XP$/.test(form) || /^(LDAR|STLR|LDXR|STXR|LDAXR|STLXR|LDXP|STXP|LDAXP|STLXP)[BH]?$/.test(form)) {
    return [exclusive(c, f, form), false];
  }
  if (/^(STR|LDR|LDRS|STUR|LDUR|LDURS|STTR|LDTR|LDTRS)[BHW]?(_imm_unsigned|_imm_pre|_imm_post|_reg)?$/.test(form) && f.Rt !== undefined && f.Rn !== undefined) {
    return [singleLoadStore(c, f, form), false];
  }
  return [undef(c), true];
}

/**
 * The JS source of a block (exported for tests and debugging). A block is a trace inside one
 * page: it starts at `startIndex` (the word index in the page; its virtual address is
 * vaLo/vaHi), runs past conditional branches (taken ones leave the block), follows
 * unconditional `b` to targets in the same page, and ends at any other control transfer, an
 * exception-generating instruction, the page end or `max` instructions. `read(i)` returns
 * word i of the page.
 */
export function blockSource(
  read: (index: number) => number,
  startIndex: number,
  vaLo: number,
  vaHi: number,
  max: number,
  entrySlot?: (lo: number, hi: number) => number,
): string {
  const body: string[] = [];
  const startBig = (BigInt(vaHi >>> 0) << 32n) | BigInt(vaLo >>> 0);
  const pageBase = startBig - BigInt(4 * startIndex);
  const visited = new Set<number>();
  const sp = { checked: false, r: false, w: false };
  let index = startIndex;
  let k = 0;
  for (;;) {
    visited.add(index);
    const pcBig = pageBase + BigInt(4 * index);
    const [pcLo, pcHi] = halves(pcBig);
    const [nextLo, nextHi] = halves(pcBig + 4n);
    const c: Ctx = { k, pcLo, pcHi, nextLo, nextHi, startLo: vaLo | 0, startHi: vaHi | 0, sp };
    // A watched address (vrun --stats: a vDSO entry point) bumps its counter before its own
    // code, so loops inside the block and followed branches count every execution.
    const slot = entrySlot ? entrySlot(pcLo, pcHi) : -1;
    if (slot >= 0) body.push(`M.entryCounts[${slot}]++;`);
    const d = decodeA64(read(index), pcBig);
    if (d !== null && d.form === 'B' && k + 1 < max) {
      const target = pcBig + BigInt(sext(d.fields.imm26!, 26) * 4);
      const ti = Number(target - pageBase) / 4;
      if (ti >= 0 && ti < 1024 && target !== startBig && !visited.has(ti)) {
        // follow the branch inside the trace: it retires, its code is the next instruction's
        index = ti;
        k++;
        continue;
      }
    }
    let code: string;
    let ended: boolean;
    if (d === null || !FORM_NAMES.has(d.form)) {
      code = undef(c);
      ended = true;
    } else {
      [code, ended] = translateOne(d, c);
    }
    if (/\bR\[64\] = (?!=)/.test(code)) sp.checked = sp.r = sp.w = false; // SP written: look again
    body.push(code);
    if (ended) break;
    k++;
    index++;
    if (index >= 1024 || k >= max) {
      body.push(fallThrough(c));
      break;
    }
  }
  return cacheRegisters(body);
}

/**
 * Register caching: the registers a block uses live in JS locals while it runs (V8 keeps them
 * in machine registers), loaded once at entry. Every way out of the block (`return X` in the
 * translated code: branches out, faults, exceptions, system-register helpers) becomes a
 * `break exit` to one epilogue that stores the written registers back once and then evaluates
 * X — so the exit code is not repeated at every fault check, which keeps blocks small enough
 * for V8's optimizing compiler. Memory helpers never touch the register file; the helpers in
 * the epilogue run after the store-back, so they see (and may change) the real registers.
 */
function cacheRegisters(body: readonly string[]): string {
  const code = body.join('\n');
  const uses = new Map<number, number>();
  const written = new Set<number>();
  for (const insn of body) {
    for (const i of new Set([...insn.matchAll(/\bR\[(\d+)\]/g)].map((m) => Number(m[1])))) uses.set(i, (uses.get(i) ?? 0) + 1);
  }
  const loops = /\bcontinue;/.test(code);
  // A register only one instruction uses (the entry path saves or restores each of x0–x30 once)
  // gains nothing from a local: it would only be loaded at entry, stored at exit, and kept live
  // across every helper call, which makes V8's optimizing compile slow. Those stay in R.
  const cached = new Set([...uses].filter(([, k]) => k >= 2 || loops).map(([i]) => i));
  for (const m of code.matchAll(/\bR\[(\d+)\] = (?!=)/g)) if (cached.has(Number(m[1]))) written.add(Number(m[1]));
  const slots = [...cached].sort((a, b) => a - b);
  const spill = [...written].sort((a, b) => a - b).map((i) => `R[${i}] = r${i};`).join(' ');
  const exits: string[] = [];
  const exitIndex = new Map<string, number>();
  const local = code
    .replace(/\bR\[(\d+)\]/g, (m: string, i: string) => (cached.has(Number(i)) ? `r${i}` : m))
    .replace(/\breturn ([^;]*);/g, (_m, expr: string) => {
      let i = exitIndex.get(expr);
      if (i === undefined) {
        i = exits.length;
        exits.push(expr);
        exitIndex.set(expr, i);
      }
      return `{ x = ${i}; break exit; }`;
    });
  return [
    'let n = 0, s = 0, c = 0, t = 0, x = 0, al = 0, ah = 0, bl = 0, bh = 0, rl = 0, rh = 0, tl = 0, th = 0, ul = 0, uh = 0;',
    'let vl = 0, vh = 0, wl = 0, wh = 0, dl = 0, dh = 0, ti = 0, tp = 0, sb = 0, spr = -1, spw = -1, ts = M.ts;',
    'const DV = M.view, I32 = M.i32;',
    slots.length > 0 ? `let ${slots.map((i) => `r${i} = R[${i}]`).join(', ')};` : '',
    loops ? 'exit: for (;;) {' : 'exit: {', // a block that never jumps to its start has no loop
    local,
    '}',
    spill,
    exits.length === 1 ? `return ${exits[0]};` : `switch (x) {\n${exits.map((e, i) => `case ${i}: return ${e};`).join('\n')}\n}`,
    'return 0;',
  ].join('\n');
}

/** Compiles the block that starts at word `startIndex` of a page (see blockSource). */
export function compileBlock(
  read: (index: number) => number,
  startIndex: number,
  vaLo: number,
  vaHi: number,
  max: number,
  entrySlot?: (lo: number, hi: number) => number,
): BlockFunction {
  const src = blockSource(read, startIndex, vaLo, vaHi, max, entrySlot);
  const factory = new Function('H', `return function a64Block(M, R, T, budget) {\n${src}\n};`) as (h: typeof helpers) => BlockFunction;
  return factory(helpers);
}
