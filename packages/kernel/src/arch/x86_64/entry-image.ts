// The assembled entry code (entry.s) turned into what boot needs: the bytes of .text placed at
// a kernel virtual address, the address of every entry point, and the layout constants
// (`.set PT_RAX, 80` …) that entry.s defines. entry.s is the single source of truth for the
// pt_regs layout, the per-CPU area and the vmcall requests; this module reads them from the
// object's symbol table so the TypeScript side can never disagree with the assembly.

import { type ObjectFile, R_X86_64, STT_SECTION } from '@vsys/elf';

const { R_X86_64_32, R_X86_64_32S, R_X86_64_64, R_X86_64_PC32, R_X86_64_PLT32 } = R_X86_64;

export class EntryImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntryImageError';
  }
}

/** The layout constants entry.s must define (see its header). */
export const ENTRY_CONSTANTS = [
  'PT_R15', 'PT_R14', 'PT_R13', 'PT_R12', 'PT_RBP', 'PT_RBX', 'PT_R11', 'PT_R10', 'PT_R9', 'PT_R8',
  'PT_RAX', 'PT_RCX', 'PT_RDX', 'PT_RSI', 'PT_RDI', 'PT_ORIG_RAX', 'PT_RIP', 'PT_CS', 'PT_EFLAGS',
  'PT_RSP', 'PT_SS', 'PT_REGS_SIZE',
  'PERCPU_USER_RSP', 'PERCPU_KERNEL_CR3', 'PERCPU_USER_CR3', 'PERCPU_TOP_OF_STACK', 'PERCPU_SIZE',
  'KERNEL_CS', 'KERNEL_DS', 'USER_CS', 'USER_DS',
  'HC_SYSCALL64', 'HC_INT80', 'HC_EXCEPTION',
] as const;
export type EntryConstant = (typeof ENTRY_CONSTANTS)[number];

/** The entry points boot wires into LSTAR and the IDT. */
export const ENTRY_LABELS = [
  'entry_SYSCALL_64', 'entry_INT80_compat', 'return_to_user', 'native_iret', 'exception_common',
  'asm_exc_divide_error', 'asm_exc_debug', 'asm_exc_nmi', 'asm_exc_int3', 'asm_exc_overflow',
  'asm_exc_bounds', 'asm_exc_invalid_op', 'asm_exc_device_not_available', 'asm_exc_double_fault',
  'asm_exc_coproc_segment_overrun', 'asm_exc_invalid_tss', 'asm_exc_segment_not_present',
  'asm_exc_stack_segment', 'asm_exc_general_protection', 'asm_exc_page_fault', 'asm_exc_spurious',
  'asm_exc_coprocessor_error', 'asm_exc_alignment_check', 'asm_exc_machine_check',
  'asm_exc_simd_coprocessor_error',
] as const;
export type EntryLabel = (typeof ENTRY_LABELS)[number];

export interface EntryImage {
  /** Kernel virtual address of the first byte of `text`. */
  base: bigint;
  /** .text, relocated for `base`. */
  text: Uint8Array;
  /** Virtual address of each entry point. */
  labels: Record<EntryLabel, bigint>;
  /** The layout constants, as plain numbers (all are small). */
  constants: Record<EntryConstant, number>;
  /** Every named symbol of .text by address, for a readable kernel backtrace. */
  symbolAt(address: bigint): string | null;
}

/** Places the object's .text at `base`, applies its relocations, and reads the symbols. */
export function entryImageFromObject(obj: ObjectFile, base: bigint): EntryImage {
  const textIndex = obj.sections.findIndex((s) => s.name === '.text');
  if (textIndex < 0) throw new EntryImageError('entry object has no .text section');
  const textSection = obj.sections[textIndex]!;
  for (const [i, s] of obj.sections.entries()) {
    const alloc = (s.flags & 2n) !== 0n; // SHF_ALLOC
    const size = s.size ?? BigInt(s.data.length);
    if (i !== textIndex && alloc && size > 0n) {
      throw new EntryImageError(`entry object has allocated section ${s.name}: only .text is mapped`);
    }
  }
  const text = relocateSection(obj, textIndex, base);

  const constants = {} as Record<EntryConstant, number>;
  const labels = {} as Record<EntryLabel, bigint>;
  const textSymbols: Array<{ name: string; address: bigint }> = [];
  for (const sym of obj.symbols) {
    if (sym.type === STT_SECTION || sym.name === '') continue;
    if (sym.section.kind === 'absolute') {
      (constants as Record<string, number>)[sym.name] = Number(BigInt.asIntN(64, sym.value));
    } else if (sym.section.kind === 'section' && sym.section.index === textIndex && !sym.name.startsWith('.L')) {
      (labels as Record<string, bigint>)[sym.name] = base + sym.value;
      textSymbols.push({ name: sym.name, address: base + sym.value });
    }
  }
  for (const name of ENTRY_CONSTANTS) {
    if (!(name in constants)) throw new EntryImageError(`entry.s does not define ${name}`);
  }
  for (const name of ENTRY_LABELS) {
    if (!(name in labels)) throw new EntryImageError(`entry.s does not define the label ${name}`);
  }
  textSymbols.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const end = base + BigInt(text.length);
  return {
    base,
    text,
    labels,
    constants,
    symbolAt(address: bigint): string | null {
      if (address < base || address >= end) return null;
      let best: { name: string; address: bigint } | null = null;
      for (const s of textSymbols) if (s.address <= address) best = s;
      return best ? (best.address === address ? best.name : `${best.name}+0x${(address - best.address).toString(16)}`) : null;
    },
  };
}

/** The bytes of section `index` placed at `base`, with its relocations applied. Only symbols in
 *  that section and absolute symbols may be referenced: the entry code is self-contained. */
export function relocateSection(obj: ObjectFile, index: number, base: bigint): Uint8Array {
  const textIndex = index;
  const textSection = obj.sections[index];
  if (!textSection) throw new EntryImageError(`no section ${index}`);
  const text = textSection.data.slice();
  const view = new DataView(text.buffer, text.byteOffset, text.byteLength);

  const symbolValue = (index: number): bigint => {
    const sym = obj.symbols[index];
    if (!sym) throw new EntryImageError(`relocation names symbol ${index}, which does not exist`);
    if (sym.section.kind === 'absolute') return sym.value;
    if (sym.section.kind === 'section' && sym.section.index === textIndex) return base + sym.value;
    throw new EntryImageError(`entry code refers to ${sym.name || '(section)'} outside .text`);
  };
  for (const r of textSection.relocations) {
    const S = r.symbol < 0 ? 0n : symbolValue(r.symbol);
    const P = base + r.offset;
    const at = Number(r.offset);
    switch (r.type) {
      case R_X86_64_64:
        view.setBigUint64(at, BigInt.asUintN(64, S + r.addend), true);
        break;
      case R_X86_64_PC32:
      case R_X86_64_PLT32: {
        const v = S + r.addend - P;
        if (v < -(1n << 31n) || v >= 1n << 31n) throw new EntryImageError(`PC32 relocation at ${at} out of range`);
        view.setInt32(at, Number(v), true);
        break;
      }
      case R_X86_64_32S: {
        const v = BigInt.asIntN(64, S + r.addend);
        if (v < -(1n << 31n) || v >= 1n << 31n) throw new EntryImageError(`32S relocation at ${at} out of range`);
        view.setInt32(at, Number(v), true);
        break;
      }
      case R_X86_64_32: {
        const v = S + r.addend;
        if (v < 0n || v >= 1n << 32n) throw new EntryImageError(`32 relocation at ${at} out of range`);
        view.setUint32(at, Number(v), true);
        break;
      }
      default:
        throw new EntryImageError(`unsupported relocation type ${r.type} in entry code`);
    }
  }

  return text;
}
