// The assembled ARM64 entry code (entry.s) turned into what boot needs: .text placed at a
// kernel virtual address with its relocations applied, the address of each entry point, and
// the layout constants (`.set S_PC, 256` …) that entry.s defines. entry.s is the single source
// of truth for the pt_regs layout and the hypercall requests; the TypeScript side reads them
// from the object's symbol table so the two can never disagree.
//
// Relocations (ELF for the Arm 64-bit Architecture, "Static AArch64 relocations"): GNU as and
// vasm keep a relocation for a branch to a global symbol even in the same section, so the
// branch forms are applied here: JUMP26/CALL26 (imm26 = (S+A−P) >> 2), CONDBR19 and LD_PREL_LO19
// (imm19), TSTBR14 (imm14), ADR_PREL_LO21, ABS64.

import { type ObjectFile, R_AARCH64, readObject, STT_SECTION } from '@vsys/elf';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as asm from '@vsys/asm';

export class Arm64EntryImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Arm64EntryImageError';
  }
}

export const ARM64_ENTRY_CONSTANTS = [
  'S_X0', 'S_X8', 'S_LR', 'S_SP', 'S_PC', 'S_PSTATE', 'S_ORIG_X0', 'S_SYSCALLNO', 'PT_REGS_SIZE',
  'HC_SYSCALL', 'HC_EXCEPTION', 'HC_KERNEL_FAULT', 'HC_BAD_VECTOR',
] as const;
export type Arm64EntryConstant = (typeof ARM64_ENTRY_CONSTANTS)[number];

export const ARM64_ENTRY_LABELS = ['vectors', 'el0_sync', 'el0_svc', 'el0_fault', 'ret_to_user', 'el1_sync', 'el1_bad_vector'] as const;
export type Arm64EntryLabel = (typeof ARM64_ENTRY_LABELS)[number];

export interface Arm64EntryImage {
  base: bigint;
  text: Uint8Array;
  labels: Record<Arm64EntryLabel, bigint>;
  constants: Record<Arm64EntryConstant, number>;
  symbolAt(address: bigint): string | null;
}

const {
  R_AARCH64_ABS64, R_AARCH64_ADR_PREL_LO21, R_AARCH64_LD_PREL_LO19,
} = R_AARCH64;
const R_AARCH64_JUMP26 = 282;
const R_AARCH64_CALL26 = 283;
const R_AARCH64_TSTBR14 = 279;
const R_AARCH64_CONDBR19 = 280;

export function arm64EntryImageFromObject(obj: ObjectFile, base: bigint): Arm64EntryImage {
  const textIndex = obj.sections.findIndex((s) => s.name === '.text');
  if (textIndex < 0) throw new Arm64EntryImageError('entry object has no .text section');
  for (const [i, s] of obj.sections.entries()) {
    const alloc = (s.flags & 2n) !== 0n;
    const size = s.size ?? BigInt(s.data.length);
    if (i !== textIndex && alloc && size > 0n) throw new Arm64EntryImageError(`entry object has allocated section ${s.name}: only .text is mapped`);
  }
  const section = obj.sections[textIndex]!;
  const text = section.data.slice();
  const view = new DataView(text.buffer, text.byteOffset, text.byteLength);
  const valueOf = (index: number): bigint => {
    const sym = obj.symbols[index];
    if (!sym) throw new Arm64EntryImageError(`relocation names symbol ${index}, which does not exist`);
    if (sym.section.kind === 'absolute') return sym.value;
    if (sym.section.kind === 'section' && sym.section.index === textIndex) return base + sym.value;
    throw new Arm64EntryImageError(`entry code refers to ${sym.name || '(section)'} outside .text`);
  };
  const patch = (at: number, bits: number, lsb: number, value: bigint, what: string): void => {
    const min = -(1n << BigInt(bits - 1));
    const max = (1n << BigInt(bits - 1)) - 1n;
    if (value < min || value > max) throw new Arm64EntryImageError(`${what} relocation at ${at} out of range`);
    const mask = ((1 << bits) - 1) << lsb;
    const w = view.getUint32(at, true);
    view.setUint32(at, ((w & ~mask) | ((Number(BigInt.asUintN(bits, value)) << lsb) & mask)) >>> 0, true);
  };
  for (const r of section.relocations) {
    const S = r.symbol < 0 ? 0n : valueOf(r.symbol);
    const P = base + r.offset;
    const at = Number(r.offset);
    const rel = S + r.addend - P;
    switch (r.type) {
      case R_AARCH64_ABS64:
        view.setBigUint64(at, BigInt.asUintN(64, S + r.addend), true);
        break;
      case R_AARCH64_JUMP26:
      case R_AARCH64_CALL26:
        patch(at, 26, 0, rel >> 2n, 'JUMP26');
        break;
      case R_AARCH64_CONDBR19:
      case R_AARCH64_LD_PREL_LO19:
        patch(at, 19, 5, rel >> 2n, 'imm19');
        break;
      case R_AARCH64_TSTBR14:
        patch(at, 14, 5, rel >> 2n, 'TSTBR14');
        break;
      case R_AARCH64_ADR_PREL_LO21: {
        patch(at, 2, 29, rel & 3n, 'ADR lo');
        patch(at, 19, 5, rel >> 2n, 'ADR hi');
        break;
      }
      default:
        throw new Arm64EntryImageError(`unsupported relocation type ${r.type} in entry code`);
    }
  }
  const constants = {} as Record<Arm64EntryConstant, number>;
  const labels = {} as Record<Arm64EntryLabel, bigint>;
  const symbols: Array<{ name: string; address: bigint }> = [];
  for (const sym of obj.symbols) {
    if (sym.type === STT_SECTION || sym.name === '') continue;
    if (sym.section.kind === 'absolute') (constants as Record<string, number>)[sym.name] = Number(BigInt.asIntN(64, sym.value));
    else if (sym.section.kind === 'section' && sym.section.index === textIndex && !sym.name.startsWith('.L') && !/^\$[xd]/.test(sym.name)) {
      (labels as Record<string, bigint>)[sym.name] = base + sym.value;
      symbols.push({ name: sym.name, address: base + sym.value });
    }
  }
  for (const n of ARM64_ENTRY_CONSTANTS) if (!(n in constants)) throw new Arm64EntryImageError(`entry.s does not define ${n}`);
  for (const n of ARM64_ENTRY_LABELS) if (!(n in labels)) throw new Arm64EntryImageError(`entry.s does not define the label ${n}`);
  if ((labels.vectors - base) % 2048n !== 0n) throw new Arm64EntryImageError('the vector table is not 2 KiB aligned');
  symbols.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const end = base + BigInt(text.length);
  return {
    base,
    text,
    labels,
    constants,
    symbolAt(address: bigint): string | null {
      if (address < base || address >= end) return null;
      let best: { name: string; address: bigint } | null = null;
      for (const s of symbols) if (s.address <= address) best = s;
      return best ? (best.address === address ? best.name : `${best.name}+0x${(address - best.address).toString(16)}`) : null;
    },
  };
}

/** entry.s beside this module in src/, or back in src/ when running from dist/. */
export function arm64EntrySourcePath(): string {
  for (const c of [new URL('./entry.s', import.meta.url), new URL('../../../src/arch/arm64/entry.s', import.meta.url)]) {
    const p = fileURLToPath(c);
    if (existsSync(p)) return p;
  }
  throw new Arm64EntryImageError('cannot find kernel/src/arch/arm64/entry.s');
}

type AssembleFn = (
  source: string,
  options: { arch: 'x86_64' | 'arm64'; file: string },
) => { object: ObjectFile | null; diagnostics: Array<{ severity?: string; message: string; line?: number; col?: number }> };

/** Assembles entry.s with vasm's ARM64 backend. */
export function assembleArm64EntryWithVasm(path: string = arm64EntrySourcePath()): ObjectFile {
  const assemble = (asm as Record<string, unknown>).assemble as AssembleFn | undefined;
  if (typeof assemble !== 'function') throw new Arm64EntryImageError('@vsys/asm does not export assemble()');
  let result: ReturnType<AssembleFn>;
  try {
    result = assemble(readFileSync(path, 'utf8'), { arch: 'arm64', file: path });
  } catch (err) {
    throw new Arm64EntryImageError(`vasm failed on ${path}: ${(err as Error).message}`);
  }
  const errors = result.diagnostics.filter((d) => d.severity === undefined || d.severity === 'error');
  if (result.object === null || errors.length > 0) {
    const shown = errors.slice(0, 5).map((d) => `${path}:${d.line ?? '?'}:${d.col ?? '?'}: ${d.message}`).join('\n');
    throw new Arm64EntryImageError(`vasm cannot assemble the ARM64 entry code:\n${shown}`);
  }
  return result.object;
}

/** The prebuilt object written by the kernel's build step (dist/arch/arm64/entry.o). */
export function prebuiltArm64EntryObjectPath(): string {
  return fileURLToPath(new URL('./entry.o', import.meta.url));
}

let cached: ObjectFile | null = null;

/** The ARM64 entry object: the prebuilt one when present and newer than entry.s, else
 *  assembled now with vasm (once per process). */
export function loadArm64EntryObject(): ObjectFile {
  if (cached) return cached;
  const prebuilt = prebuiltArm64EntryObjectPath();
  let fresh = false;
  try {
    fresh = existsSync(prebuilt) && statSync(prebuilt).mtimeMs >= statSync(arm64EntrySourcePath()).mtimeMs;
  } catch {
    fresh = false;
  }
  cached = fresh ? readObject(new Uint8Array(readFileSync(prebuilt))) : assembleArm64EntryWithVasm();
  return cached;
}
