// struct pt_regs in guest memory: the user registers the entry code pushed on the thread's
// kernel stack (Linux arch/x86/include/asm/ptrace.h). The TypeScript kernel reads the syscall
// number and arguments from here and writes the result into `ax`, exactly as Linux's C code
// does with `regs->ax`. Offsets come from entry.s (EntryImage.constants).

import type { EntryImage } from './entry-image.js';
import type { KernelVirtualMemory } from './machine-memory.js';

export type PtRegName =
  | 'r15' | 'r14' | 'r13' | 'r12' | 'bp' | 'bx' | 'r11' | 'r10' | 'r9' | 'r8' | 'ax' | 'cx' | 'dx'
  | 'si' | 'di' | 'orig_ax' | 'ip' | 'cs' | 'flags' | 'sp' | 'ss';

const CONSTANT_OF: Record<PtRegName, keyof EntryImage['constants']> = {
  r15: 'PT_R15', r14: 'PT_R14', r13: 'PT_R13', r12: 'PT_R12', bp: 'PT_RBP', bx: 'PT_RBX', r11: 'PT_R11',
  r10: 'PT_R10', r9: 'PT_R9', r8: 'PT_R8', ax: 'PT_RAX', cx: 'PT_RCX', dx: 'PT_RDX', si: 'PT_RSI', di: 'PT_RDI',
  orig_ax: 'PT_ORIG_RAX', ip: 'PT_RIP', cs: 'PT_CS', flags: 'PT_EFLAGS', sp: 'PT_RSP', ss: 'PT_SS',
};

export const PT_REG_NAMES = Object.keys(CONSTANT_OF) as PtRegName[];

export class PtRegs {
  /** The whole frame, read once; `set` writes through to memory. */
  private readonly frame: DataView;

  constructor(
    private readonly memory: KernelVirtualMemory,
    readonly address: bigint,
    private readonly layout: EntryImage['constants'],
  ) {
    const bytes = memory.read(address, layout.PT_REGS_SIZE);
    this.frame = new DataView(bytes.buffer);
  }

  offset(name: PtRegName): number {
    return this.layout[CONSTANT_OF[name]];
  }

  get(name: PtRegName): bigint {
    return this.frame.getBigUint64(this.offset(name), true);
  }

  set(name: PtRegName, value: bigint): void {
    const v = BigInt.asUintN(64, value);
    this.frame.setBigUint64(this.offset(name), v, true);
    this.memory.write64(this.address + BigInt(this.offset(name)), v);
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
