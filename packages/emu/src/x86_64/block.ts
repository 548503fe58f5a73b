// Building translated blocks: decode from the guest's code page, translate each instruction
// (codegen.ts), and compile the run into one JS function with `new Function`.
//
// A block ends at a control transfer, at an instruction that changes the mode or needs the
// dispatcher (syscall, int, iret, mov to CR, …), at the end of the 4 KiB page, or after
// `maxInstructions`. A compiled block goes on past a conditional branch that is not taken,
// past a CR3 write when the new tables still map its page to the same frame, and past a
// `vmcall` the kernel returned from normally (each checks at run time and otherwise leaves the
// block there), so the whole syscall entry path of entry.s is one block. A branch back to the
// block's own start becomes a loop inside the function, which returns to the dispatcher when
// the caller's budget (`lim`) is reached; such a branch always ends the block.
// A compiled block is also a trace: it follows direct calls and jumps, returns to the call it
// followed, and indirect calls, jumps and returns to where they went last time in the cold
// tier (a one-entry target cache per site, as DBTs keep) — the followed target checked against
// the actual one at run time, leaving the block when they differ. At each followed target the
// block checks that what it was built under still holds: nothing changed the page tables, the
// TLB or the code cache (the CPU's chain generation) and the CPU runs in the same TLB set since
// the last check — else the block must still be in the code cache (no write to its code: self-
// modifying code, SDM Vol. 3A 11.6) and its other pages still map executable to the frames it
// was built from (X86Cpu.revalidateTrace) — otherwise it leaves there. A call through libc into the vDSO and
// back is then one block: one function call from the dispatcher per loop instead of five.
// Blocks are cached by physical address (cpu.ts) and dropped when any page they came from is
// written.

import type { DecodeResult, DecodedInstruction } from '@vsys/isa-x86';
import { IN, INF, OUT, OUTF, TranslateError, stackRunCode, stackRunKind, translateInstruction, type GenContext } from './codegen.js';

/** A compiled block: fn(C, R, F, lim) runs it and returns the number of instructions retired. */
export interface Block {
  fn: (C: unknown, R: Int32Array, F: Int32Array, lim: number) => number;
  /** Number of instructions in one pass. */
  count: number;
  /** Each instruction's address, low and high words (a trace may span pages far apart). */
  addrLo: number[];
  addrHi: number[];
  lo: number;
  hi: number;
  /** Physical address of the first instruction (the code-cache key). */
  phys: number;
  /** Physical frames of the block's code other than its first (a trace's other pages): a write
   *  to any of them drops the block too. */
  frames: number[];
  /** Virtual pages a trace entered after its first, as (page low word, high word, frame
   *  address) triples, and the chain generation and TLB set under which they were last found
   *  mapped executable to those frames (`vg` -1: never checked). */
  pages: number[];
  vg: number;
  vt: unknown;
  /** Cold tier: where execution went after the block last ran (C.rl/C.rh), for the target
   *  prediction of an indirect transfer or return (exitSeen: recorded at least once). */
  exitLo: number; exitHi: number; exitSeen: boolean;
  /** false for blocks that must not be reused (an instruction spanning two pages). */
  cacheable: boolean;
  source: string;
  /** 0: one instruction from the shape cache (cold code); 1: a compiled block (hot code). */
  tier: 0 | 1;
  /** Executions so far (tier 0 blocks are promoted when this passes a threshold). */
  hits: number;
  /** Block chaining: the last two compiled successors, valid while the CPU's chain generation
   *  (bumped by every page-table edit, TLB flush or code-cache change) is `gen1`/`gen2` and the
   *  CPU runs with the TLB set (address space and privilege) `tlb1`/`tlb2` it was found with —
   *  so a CR3 write or a mode switch does not break the chain of the syscall entry path. */
  succ1: Block | null; gen1: number; tlb1: unknown;
  succ2: Block | null; gen2: number; tlb2: unknown;
  /** Per instruction, the CPU's execution-counter slot it bumps (-1: none), or null when no
   *  instruction of the block is counted (see X86Cpu.watchEntry). */
  entrySlots: number[] | null;
}

/** What the block builder needs from the CPU. */
export interface BlockHost {
  readonly physical: { bytes: Uint8Array };
  fetchPhysical(lo: number, hi: number): number;
  readonly untranslated: Set<string>;
  /** The execution-counter slot of the instruction at (lo, hi), or -1 (X86Cpu.watchEntry). */
  entrySlotAt?(lo: number, hi: number): number;
  /** The physical address of the page at (lo, hi) when the current mode may execute from it
   *  (a page walk that reports -1 instead of faulting). */
  execPhysical?(lo: number, hi: number): number;
  /** The target the transfer at physical `phys` (virtual lo, hi) went to when it last ran in
   *  the cold tier, or null. */
  predictedTarget?(phys: number, lo: number, hi: number): { lo: number; hi: number } | null;
}

type Decoder = (bytes: Uint8Array, offset: number, address: bigint) => DecodeResult;

const UD_CODE = 'C.n=b;C.fault(6,-1);';

function address(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

function addLo(lo: number, hi: number, n: number): [number, number] {
  const t = (lo >>> 0) + n;
  return [t | 0, (hi + (t > 0xffffffff ? 1 : 0)) | 0];
}

export function buildBlock(host: BlockHost, decode: Decoder, lo: number, hi: number, phys: number, maxInstructions: number, tier: 0 | 1 = 1): Block {
  if (tier === 0) maxInstructions = 1;
  let pageBase = phys - (phys & 4095);
  let page = host.physical.bytes.subarray(pageBase, pageBase + 4096);
  let offset = phys & 4095;
  let curLo = lo, curHi = hi;
  const insns: DecodedInstruction[] = [];
  const parts: string[] = [];
  const addrLo: number[] = [];
  const addrHi: number[] = [];
  const frames: number[] = [];
  // Page-entry checks of a trace, by instruction index (emitted before the instruction).
  const guards: string[] = [];
  const pages: number[] = [];
  let pendingGuard = false;
  const visited = new Set<string>();
  const ctx: GenContext = { lo, hi, nextLo: 0, nextHi: 0, index: 0, flags: { kind: -1, size: 0 }, loopStart: tier === 1 ? { lo, hi } : undefined, physPage: tier === 1 ? pageBase : undefined };
  if (tier === 1) {
    ctx.returnStack = [];
    // Follow a transfer while the target is not in the block yet and an instruction more fits.
    ctx.follow = (l, h) => cacheable && insns.length + 2 <= maxInstructions && !visited.has(`${h | 0}:${l | 0}`) && ((h >> 15) === 0 || (h >> 15) === -1);
    if (host.predictedTarget) ctx.predictTarget = () => host.predictedTarget!(pageBase + offset, curLo, curHi);
  }
  let ended = false;
  let cacheable = true;
  // Counted addresses (vrun --stats: calls into the vDSO) bump their counter before their own
  // code runs, so a loop inside the block or a chained successor counts every execution.
  let entrySlots: number[] | null = null;
  while (insns.length < maxInstructions) {
    let r = decode(page, offset, address(curLo, curHi));
    if (!r.ok && r.reason === 'truncated') {
      if (insns.length > 0) break; // let the spanning instruction start its own block
      // The instruction continues on the next page: fetch that page (may #PF) and decode
      // from a 15-byte window. Such a block is not cached: the second page may be remapped.
      const [nLo, nHi] = addLo(curLo, curHi, 4096 - offset);
      const nextPhys = host.fetchPhysical(nLo, nHi);
      const window = new Uint8Array(15);
      const first = page.subarray(offset);
      window.set(first.subarray(0, 15));
      window.set(host.physical.bytes.subarray(nextPhys, nextPhys + 15 - first.length), first.length);
      r = decode(window, 0, address(curLo, curHi));
      cacheable = false;
    }
    if (!r.ok) {
      if (insns.length > 0) break;
      parts.push(UD_CODE);
      addrLo.push(curLo);
      addrHi.push(curHi);
      ended = true;
      break;
    }
    const insn = r.insn;
    const [nLo, nHi] = addLo(curLo, curHi, insn.length);
    ctx.lo = curLo; ctx.hi = curHi; ctx.nextLo = nLo; ctx.nextHi = nHi; ctx.index = insns.length;
    visited.add(`${curHi | 0}:${curLo | 0}`);
    let code: string;
    let ends: boolean;
    let next: { lo: number; hi: number } | undefined;
    try {
      ({ code, ends, next } = translateInstruction(insn, ctx));
    } catch (e) {
      if (!(e instanceof TranslateError)) throw e;
      host.untranslated.add(insn.mnemonic);
      if (insns.length > 0) break;
      code = UD_CODE;
      ends = true;
    }
    const slot = host.entrySlotAt ? host.entrySlotAt(curLo, curHi) : -1;
    if (slot >= 0) {
      entrySlots ??= [];
      entrySlots[insns.length] = slot;
      code = `C.entryCounts[${slot}]++;${code}`;
    }
    if (pendingGuard) {
      // First instruction at a followed target: an instruction fetch goes through the current
      // translation (SDM Vol. 3A 4.10.2) and sees earlier writes to code, so the block's pages
      // must still map executable to the frames it was translated from and hold the same code
      // — known while the chain generation and TLB set are those of the last check, else
      // checked again — or the block leaves before it.
      guards[insns.length] = `if((C.chainGen!==B.vg||C.tlb!==B.vt)&&!C.revalidateTrace(B)){C.rl=${curLo};C.rh=${curHi};return b+${insns.length};}`;
      pendingGuard = false;
    }
    insns.push(insn);
    addrLo.push(curLo);
    addrHi.push(curHi);
    parts.push(`{${code}}`);
    if (ends) { curLo = nLo; curHi = nHi; ended = true; break; }
    if (next !== undefined) {
      // A followed transfer: translation goes on at the target, on this page or another one
      // the TLB maps executable now (a page it does not know ends the block there).
      const samePage = (next.lo & -4096) === (curLo & -4096) && next.hi === curHi;
      curLo = next.lo; curHi = next.hi;
      pendingGuard = true;
      if (samePage) { offset = curLo & 4095; continue; }
      const targetPhys = host.execPhysical ? host.execPhysical(curLo & -4096, curHi) : -1;
      if (targetPhys < 0) break;
      pageBase = targetPhys;
      page = host.physical.bytes.subarray(pageBase, pageBase + 4096);
      offset = curLo & 4095;
      ctx.physPage = pageBase;
      pages.push(curLo & -4096, curHi, pageBase);
      const frame = pageBase / 4096;
      if (frame !== (phys / 4096 | 0) && !frames.includes(frame)) frames.push(frame);
      continue;
    }
    curLo = nLo; curHi = nHi;
    offset += insn.length;
    if (offset >= 4096 || !cacheable) break;
  }
  if (tier === 1) joinStackRuns(insns, parts, entrySlots, guards);
  for (let k = 0; k < guards.length; k++) if (guards[k] !== undefined) parts[k] = guards[k] + parts[k];
  if (!ended) parts.push(`C.rl=${curLo};C.rh=${curHi};return b+${addrLo.length};`);
  const common = { phys, count: addrLo.length, addrLo, addrHi, lo, hi, cacheable, tier, hits: 0, frames, pages, vg: -1, vt: null, exitLo: 0, exitHi: 0, exitSeen: false, succ1: null, gen1: -1, tlb1: null, succ2: null, gen2: -1, tlb2: null, entrySlots: fill(entrySlots, addrLo.length) };
  if (tier === 0) {
    // Cold code: the instruction's JS with its constants moved into K, so instructions of the
    // same shape share one compiled function (compiling fresh source costs ~100 µs).
    const K: number[] = [];
    const shape = `const b=0;${parts.join('')}`.replace(/(?<![\w$.\])\[])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?(?![\w.])/g, (m) => { K.push(Number(m)); return `K[${K.length - 1}]`; });
    let factory = shapeCache.get(shape);
    if (!factory) {
      factory = new Function('I', 'K', `"use strict";return function insn(C,R,F,lim){${shape}};`) as ShapeFactory;
      if (shapeCache.size > 20000) shapeCache.clear();
      shapeCache.set(shape, factory);
    }
    return { fn: factory(insns, K), source: shape, ...common };
  }
  const body = localize(parts.join('\n'));
  const loops = body.code.includes('continue;');
  const source = `${body.prologue}try{\n${loops ? `let b=0;for(;;){\n${body.code}\n}` : `const b=0;\n${body.code}`}\n}finally{${body.epilogue}}`;
  const factory = new Function('I', 'B', `"use strict";return function block(C,R,F,lim){\n${source}\n};`) as (i: DecodedInstruction[], b: Block) => Block['fn'];
  const block: Block = { fn: () => 0, source, ...common };
  block.fn = factory(insns, block);
  return block;
}

/** Replaces each run of two or more pushes (or pops) that stackRunCode can share by that code
 *  (watched instructions stay on their own: their counter bump precedes their code). */
function joinStackRuns(insns: DecodedInstruction[], parts: string[], entrySlots: number[] | null, guards: string[]): void {
  const kindAt = (k: number): 'push' | 'pop' | null =>
    k < insns.length && (entrySlots === null || entrySlots[k] === undefined) ? stackRunKind(insns[k]!) : null;
  for (let k = 0; k < insns.length;) {
    const kind = kindAt(k);
    let n = 1;
    // A run may start at a page-entry check but not go on past one.
    while (kind !== null && kindAt(k + n) === kind && guards[k + n] === undefined && 8 * (n + 1) <= 4096) n++;
    if (kind !== null && n >= 2) {
      parts[k] = stackRunCode(insns, k, n);
      for (let j = 1; j < n; j++) parts[k + j] = '';
    }
    k += n;
  }
}

/** A sparse slot list made dense (-1 where an instruction is not counted). */
function fill(slots: number[] | null, count: number): number[] | null {
  if (slots === null) return null;
  return Array.from({ length: count }, (_, i) => slots[i] ?? -1);
}

type ShapeFactory = (i: DecodedInstruction[], k: number[]) => Block['fn'];
const shapeCache = new Map<string, ShapeFactory>();

/**
 * Keeps guest registers and the lazy-flags record in JS locals for the whole block (V8 then
 * keeps them in machine registers and drops flag stores that are overwritten before use — a
 * free dead-flag elimination). They are written back to R/F when the block returns or throws,
 * and around every call into the CPU object (the OUT/IN markers from codegen.ts). `sy` tells
 * the final write-back whether the arrays are newer than the locals (a helper threw).
 */
export function localize(code: string): { prologue: string; code: string; epilogue: string } {
  const regs = new Set<number>(), flags = new Set<number>();
  const assignedR = new Set<number>(), assignedF = new Set<number>();
  let out = code.replace(/\bR\[(\d+)\]/g, (_, n: string) => { regs.add(+n); return `r${n}`; });
  out = out.replace(/\bF\[(\d+)\]/g, (_, n: string) => { flags.add(+n); return `f${n}`; });
  for (const m of out.matchAll(/\b([rf])(\d+)(?:=(?!=)|[&|^+\-]=)/g)) (m[1] === 'r' ? assignedR : assignedF).add(+m[2]!);
  const decl: string[] = [];
  for (const n of regs) decl.push(`r${n}=R[${n}]`);
  for (const n of flags) decl.push(`f${n}=F[${n}]`);
  let writeBack = '';
  for (const n of assignedR) writeBack += `R[${n}]=r${n};`;
  for (const n of assignedF) writeBack += `F[${n}]=f${n};`;
  let reload = '';
  for (const n of regs) reload += `r${n}=R[${n}];`;
  for (const n of flags) reload += `f${n}=F[${n}];`;
  let flagsOut = '', flagsIn = '';
  for (const n of assignedF) flagsOut += `F[${n}]=f${n};`;
  for (const n of flags) flagsIn += `f${n}=F[${n}];`;
  out = out.split(OUTF).join(flagsOut).split(INF).join(flagsIn);
  if (out.includes('continue;')) out = out.split(OUT).join(`${writeBack}sy=1;`);
  else {
    // Straight-line code (no loop): before a call, only the registers assigned earlier in the
    // text can differ from R — the others' locals were loaded from R and nothing has written
    // R since (calls that change registers reload all locals after them). The syscall path's
    // `vmcall` then writes back 3 registers instead of 16.
    const pieces = out.split(OUT);
    const before = new Set<number>();
    out = pieces[0]!;
    for (let i = 1; i < pieces.length; i++) {
      for (const m of pieces[i - 1]!.matchAll(/\br(\d+)(?:=(?!=)|[&|^+\-]=)/g)) before.add(+m[1]!);
      let wb = '';
      for (const n of before) wb += `R[${n}]=r${n};`;
      for (const n of assignedF) wb += `F[${n}]=f${n};`;
      out += `${wb}sy=1;${pieces[i]!}`;
    }
  }
  out = out.split(IN).join(`sy=0;${reload}`);
  return { prologue: `let sy=0${decl.length ? ',' + decl.join(',') : ''};`, code: out, epilogue: `if(sy===0){${writeBack}}` };
}
