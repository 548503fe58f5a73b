// struct pt_regs in guest memory: the user registers the entry code pushed on the thread's
// kernel stack (Linux arch/x86/include/asm/ptrace.h). The TypeScript kernel reads the syscall
// number and arguments from here and writes the result into `ax`, exactly as Linux's C code
// does with `regs->ax`. Offsets come from entry.s (EntryImage.constants).

import type { EntryImage } from './entry-image.js';
import type { KernelVirtualMemory, PhysicalRam } from './machine-memory.js';

export type PtRegName =
  | 'r15' | 'r14' | 'r13' | 'r12' | 'bp' | 'bx' | 'r11' | 'r10' | 'r9' | 'r8' | 'ax' | 'cx' | 'dx'
  | 'si' | 'di' | 'orig_ax' | 'ip' | 'cs' | 'flags' | 'sp' | 'ss';

const CONSTANT_OF: Record<PtRegName, keyof EntryImage['constants']> = {
  r15: 'PT_R15', r14: 'PT_R14', r13: 'PT_R13', r12: 'PT_R12', bp: 'PT_RBP', bx: 'PT_RBX', r11: 'PT_R11',
  r10: 'PT_R10', r9: 'PT_R9', r8: 'PT_R8', ax: 'PT_RAX', cx: 'PT_RCX', dx: 'PT_RDX', si: 'PT_RSI', di: 'PT_RDI',
  orig_ax: 'PT_ORIG_RAX', ip: 'PT_RIP', cs: 'PT_CS', flags: 'PT_EFLAGS', sp: 'PT_RSP', ss: 'PT_SS',
};

export const PT_REG_NAMES = Object.keys(CONSTANT_OF) as PtRegName[];

/** Where a frame's bytes are: by kernel virtual address (any frame; walks the kernel page
 *  tables), or by physical address when the frame is known to sit in one page — the usual
 *  case, the top of the current thread's kernel stack (the fast path of every syscall). */
type FrameLocation =
  | { kind: 'virtual'; memory: KernelVirtualMemory }
  | { kind: 'physical'; ram: PhysicalRam; phys: number };

/** Offsets by register name, resolved once per layout (this runs on every syscall). */
const offsetCache = new WeakMap<EntryImage['constants'], Record<PtRegName, number>>();
function offsetsOf(layout: EntryImage['constants']): Record<PtRegName, number> {
  let o = offsetCache.get(layout);
  if (!o) {
    o = {} as Record<PtRegName, number>;
    for (const n of PT_REG_NAMES) o[n] = layout[CONSTANT_OF[n]];
    offsetCache.set(layout, o);
  }
  return o;
}

export class PtRegs {
  private readonly where: FrameLocation;
  private readonly offsets: Record<PtRegName, number>;

  constructor(
    memory: KernelVirtualMemory,
    readonly address: bigint,
    private readonly layout: EntryImage['constants'],
    /** Physical address of the frame's first byte when the caller knows it lies in one page. */
    phys?: number,
  ) {
    this.where = phys !== undefined ? { kind: 'physical', ram: memory.ram, phys } : { kind: 'virtual', memory };
    this.offsets = offsetsOf(layout);
  }

  offset(name: PtRegName): number {
    return this.offsets[name];
  }

  get(name: PtRegName): bigint {
    const off = this.offset(name);
    const w = this.where;
    return w.kind === 'physical' ? w.ram.read64(w.phys + off) : w.memory.read64(this.address + BigInt(off));
  }

  /** Direct access for hot paths: RAM as a DataView, the frame's physical address and the
   *  register offsets — when the frame is in RAM at a known place; null otherwise. */
  direct(): { view: DataView; base: number; offsets: Readonly<Record<PtRegName, number>> } | null {
    if (this.directAccess !== undefined) return this.directAccess; // made once per frame
    const w = this.where;
    this.directAccess = w.kind !== 'physical' || !w.ram.view ? null : { view: w.ram.view, base: w.phys, offsets: this.offsets };
    return this.directAccess;
  }
  private directAccess: { view: DataView; base: number; offsets: Readonly<Record<PtRegName, number>> } | null | undefined = undefined;

  set(name: PtRegName, value: bigint): void {
    const off = this.offset(name);
    const v = BigInt.asUintN(64, value);
    const w = this.where;
    if (w.kind === 'physical') w.ram.write64(w.phys + off, v);
    else w.memory.write64(this.address + BigInt(off), v);
  }

  /** Writes a complete frame (a new thread's first return to user mode). */
  static write(memory: KernelVirtualMemory, address: bigint, layout: EntryImage['constants'], values: Partial<Record<PtRegName, bigint>>): void {
    const bytes = new Uint8Array(layout.PT_REGS_SIZE);
    const view = new DataView(bytes.buffer);
    for (const name of PT_REG_NAMES) {
      view.setBigUint64(layout[CONSTANT_OF[name]], BigInt.asUintN(64, values[name] ?? 0n), true);
    }
    memory.write(address, bytes);
  }

  toJSON(): Record<PtRegName, string> {
    const out = {} as Record<PtRegName, string>;
    for (const n of PT_REG_NAMES) out[n] = `0x${this.get(n).toString(16)}`;
    return out;
  }
}
