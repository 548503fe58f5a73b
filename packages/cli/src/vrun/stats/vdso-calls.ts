// Counting calls into the vDSO for `vrun --stats`, exactly and at no cost when --stats is off.
//
// The vDSO image says where its functions start: its dynamic symbol table (.dynsym, the table a
// libc walks to find `__vdso_clock_gettime` / `__kernel_clock_gettime`). Once the loader has
// mapped the image, each exported function's first instruction gets an execution counter in
// the CPU (watchEntry: the block translator emits a counter bump before that instruction, so
// translated, chained and looping blocks all count every call). Aliases at one address (the
// weak `clock_gettime` beside `__vdso_clock_gettime`) share a counter, reported under the
// `__`-prefixed name, as `readelf` users know it.
//
// The image's code is also scanned for the instructions that tell what a call did: the system
// call instruction (`syscall` / `svc #0`: the call fell back to the kernel — another clock,
// or `--vdso-clock=off`) and the counter read (`rdtsc`/`rdtscp` / `mrs xN, cntvct_el0`: the
// call was served in user mode). They get counters too.

import { decode } from '@vsys/isa-x86';
import { PF_X, PT_LOAD, readElf, SHF_EXECINSTR, SHN_UNDEF, SHT_DYNSYM, STB_GLOBAL, STB_WEAK, STT_FUNC, type ElfFile } from '@vsys/elf';

/** What the CPU offers for counting (X86Cpu and Arm64Cpu both have it). */
export interface EntryWatcher {
  watchEntry(address: bigint): number;
  readonly entryCounts: readonly number[];
}

export function isEntryWatcher(cpu: unknown): cpu is EntryWatcher {
  return typeof (cpu as EntryWatcher | null)?.watchEntry === 'function' && Array.isArray((cpu as EntryWatcher).entryCounts);
}

/** One exported function of a vDSO image: its names and its offset from the image start. */
export interface VdsoFunction {
  /** The name reported (the `__vdso_` / `__kernel_` one when there are aliases). */
  name: string;
  aliases: string[];
  offset: bigint;
}

/** The vDSO's code as vrun --stats watches it. */
export interface VdsoLayout {
  functions: VdsoFunction[];
  /** Offsets of the system call instructions in its code. */
  syscallSites: bigint[];
  /** Offsets of the counter reads (rdtsc, rdtscp, mrs cntvct_el0). */
  counterReadSites: bigint[];
}

const EM_AARCH64 = 183;
/** SVC #0 (Arm ARM C6.2.365: 0xd4000001 | imm16 << 5). */
const A64_SVC0 = 0xd4000001;
/** MRS Xt, CNTVCT_EL0 (op0 3, op1 3, CRn 14, CRm 0, op2 2; Arm ARM C5.2.7): 0xd53be040 | Rt. */
const A64_MRS_CNTVCT = 0xd53be040;

/** Where an ET_DYN image's addresses start: the vaddr of file offset 0 (its first PT_LOAD). */
function linkBase(elf: ElfFile): bigint {
  let base: bigint | null = null;
  for (const s of elf.segments) if (s.type === PT_LOAD && (base === null || s.vaddr - s.offset < base)) base = s.vaddr - s.offset;
  return base ?? 0n;
}

/** Reads a vDSO image's exported functions and scans its code (throws ElfError on a bad image). */
export function vdsoLayout(image: Uint8Array): VdsoLayout {
  const elf = readElf(image);
  const base = linkBase(elf);
  const byOffset = new Map<bigint, string[]>();
  const dynsym = elf.symbolTables.find((t) => t.type === SHT_DYNSYM);
  for (const sym of dynsym?.symbols ?? []) {
    if (sym.type !== STT_FUNC || sym.shndx === SHN_UNDEF || (sym.bind !== STB_GLOBAL && sym.bind !== STB_WEAK)) continue;
    const offset = sym.value - base;
    const names = byOffset.get(offset) ?? [];
    if (!names.includes(sym.name)) names.push(sym.name);
    byOffset.set(offset, names);
  }
  const functions = [...byOffset.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([offset, names]) => {
      const name = names.find((n) => n.startsWith('__')) ?? names[0]!;
      return { name, aliases: names.filter((n) => n !== name), offset };
    });
  // The code: executable sections, or executable segments when the image has no sections.
  const code: { offset: bigint; bytes: Uint8Array }[] = elf.sections.some((s) => s.flags & SHF_EXECINSTR)
    ? elf.sections.filter((s) => s.flags & SHF_EXECINSTR).map((s) => ({ offset: s.addr - base, bytes: s.data }))
    : elf.segments.filter((s) => s.type === PT_LOAD && s.flags & PF_X).map((s) => ({ offset: s.vaddr - base, bytes: s.data }));
  const syscallSites: bigint[] = [];
  const counterReadSites: bigint[] = [];
  const arm64 = elf.header.machine === EM_AARCH64;
  for (const { offset, bytes } of code) {
    if (arm64) {
      const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i + 4 <= bytes.length; i += 4) {
        const w = v.getUint32(i, true);
        if (w === A64_SVC0) syscallSites.push(offset + BigInt(i));
        else if ((w & ~31) >>> 0 === A64_MRS_CNTVCT) counterReadSites.push(offset + BigInt(i));
      }
      continue;
    }
    // x86-64: a linear sweep (the vDSO's text holds only code; an undecodable byte is skipped).
    for (let i = 0; i < bytes.length; ) {
      const r = decode(bytes, i, offset + BigInt(i));
      if (!r.ok) {
        i += 1;
        continue;
      }
      const m = r.insn.mnemonic;
      if (m === 'syscall') syscallSites.push(offset + BigInt(i));
      else if (m === 'rdtsc' || m === 'rdtscp') counterReadSites.push(offset + BigInt(i));
      i += r.insn.length;
    }
  }
  return { functions, syscallSites, counterReadSites };
}

export interface VdsoCounts {
  /** Calls per exported function (every function listed, 0 when never called). */
  calls: Map<string, number>;
  /** Calls that made the system call from inside the vDSO. */
  fallbacks: number;
  /** Counter reads in the vDSO (calls served in user mode read it once, or again on a retry). */
  counterReads: number;
}

/** Watches the vDSO of every process the loader maps one into (same address: same counters). */
export class VdsoCallCounter {
  private readonly layouts = new Map<Uint8Array, VdsoLayout>();
  private readonly functionSlots = new Map<string, Set<number>>();
  private readonly syscallSlots = new Set<number>();
  private readonly counterSlots = new Set<number>();

  constructor(private readonly cpu: EntryWatcher) {}

  /** The loader mapped `image` with its first byte at `base`. */
  watch(image: Uint8Array, base: bigint): void {
    let layout = this.layouts.get(image);
    if (!layout) {
      layout = vdsoLayout(image);
      this.layouts.set(image, layout);
    }
    for (const f of layout.functions) {
      const slots = this.functionSlots.get(f.name) ?? new Set<number>();
      slots.add(this.cpu.watchEntry(base + f.offset));
      this.functionSlots.set(f.name, slots);
    }
    for (const s of layout.syscallSites) this.syscallSlots.add(this.cpu.watchEntry(base + s));
    for (const s of layout.counterReadSites) this.counterSlots.add(this.cpu.watchEntry(base + s));
  }

  counts(): VdsoCounts {
    const sum = (slots: Iterable<number>): number => {
      let n = 0;
      for (const s of slots) n += this.cpu.entryCounts[s] ?? 0;
      return n;
    };
    const calls = new Map<string, number>();
    for (const [name, slots] of this.functionSlots) calls.set(name, sum(slots));
    return { calls, fallbacks: sum(this.syscallSlots), counterReads: sum(this.counterSlots) };
  }
}
