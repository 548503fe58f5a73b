// The kernel half of the address space, built once at boot: the entry code, the IDT, the GDT
// with its TSS, the per-CPU area, and a 16 KiB kernel stack per thread — all supervisor-only
// pages (U/S = 0), so user code that touches them takes a #PF with the protection bit set.
//
// The kernel page tables (`root`, loaded into CR3 by the entry code) hold only this upper half;
// every process root is created with createRoot(root), sharing these PML4 entries (Linux copies
// the kernel PGD entries into each new mm the same way, pgd_alloc → pgd_ctor).

import {
  encodeTss, GDT_ENTRIES, GDT_ENTRY_TSS, interruptGate, KERNEL_CS, linuxGdt, TSS_RSP0, TSS_SIZE, tssDescriptor,
} from './descriptors.js';
import type { EntryImage, EntryLabel } from './entry-image.js';
import {
  GDT_ADDRESS, IDT_ADDRESS, KERNEL_STACK_SIZE, KERNEL_STACK_STRIDE, KERNEL_STACKS_BASE, KERNEL_TEXT, PERCPU_ADDRESS,
  TSS_ADDRESS,
} from './layout.js';
import { KernelMemoryError, KernelVirtualMemory, PAGE, type PageTableEditor, type PhysicalRam } from './machine-memory.js';

/** Which stub serves each exception vector 0..19 (SDM Vol. 3A Table 6-1); 15 and 20..255 use
 *  asm_exc_spurious. */
const EXCEPTION_STUBS: Record<number, EntryLabel> = {
  0: 'asm_exc_divide_error', 1: 'asm_exc_debug', 2: 'asm_exc_nmi', 3: 'asm_exc_int3', 4: 'asm_exc_overflow',
  5: 'asm_exc_bounds', 6: 'asm_exc_invalid_op', 7: 'asm_exc_device_not_available', 8: 'asm_exc_double_fault',
  9: 'asm_exc_coproc_segment_overrun', 10: 'asm_exc_invalid_tss', 11: 'asm_exc_segment_not_present',
  12: 'asm_exc_stack_segment', 13: 'asm_exc_general_protection', 14: 'asm_exc_page_fault',
  16: 'asm_exc_coprocessor_error', 17: 'asm_exc_alignment_check', 18: 'asm_exc_machine_check',
  19: 'asm_exc_simd_coprocessor_error',
};

/** The i386 system-call gate, reachable from ring 3 (Linux idt.c: SYSG(IA32_SYSCALL_VECTOR …)). */
export const INT80_VECTOR = 0x80;
/** Gates with DPL 3 (Linux idt.c def_idts/ia32_idt: SYSG for #BP and #OF, and 0x80). */
export const USER_GATES = new Set([3, 4, INT80_VECTOR]);

export interface KernelStack {
  /** Lowest mapped address. */
  base: bigint;
  /** One past the highest byte: the initial RSP0. */
  top: bigint;
  frames: number[];
}

export interface DescriptorTable {
  base: bigint;
  limit: number;
}

export class KernelSpace {
  readonly root: number;
  readonly vm: KernelVirtualMemory;
  readonly idt: DescriptorTable = { base: IDT_ADDRESS, limit: 256 * 16 - 1 };
  readonly gdt: DescriptorTable = { base: GDT_ADDRESS, limit: GDT_ENTRIES * 8 - 1 };
  readonly tss: DescriptorTable = { base: TSS_ADDRESS, limit: TSS_SIZE - 1 };
  readonly percpu = PERCPU_ADDRESS;
  private nextStackSlot = 0;
  private readonly freeStackSlots: bigint[] = [];

  constructor(
    readonly ram: PhysicalRam,
    readonly tables: PageTableEditor,
    readonly entry: EntryImage,
  ) {
    const root = tables.createRoot();
    if (root === null) throw new KernelMemoryError('out of guest RAM for the kernel page tables');
    this.root = root;
    this.vm = new KernelVirtualMemory(ram, tables, root);
    this.mapEntryText();
    this.buildIdt();
    this.buildGdtAndTss();
    this.vm.mapFresh(this.percpu, 1, { read: true, write: true, exec: false });
    this.vm.write64(this.percpu + BigInt(entry.constants.PERCPU_KERNEL_CR3), BigInt(root));
    // One stack slot now, so that the PML4 entry of the stack region exists before any process
    // root copies the kernel half.
    this.freeKernelStack(this.allocKernelStack());
  }

  private mapEntryText(): void {
    if (this.entry.base !== KERNEL_TEXT) throw new KernelMemoryError('entry image must be placed at KERNEL_TEXT');
    const pages = Math.max(1, Math.ceil(this.entry.text.length / PAGE));
    this.vm.mapFresh(KERNEL_TEXT, pages, { read: true, write: true, exec: true });
    this.vm.write(KERNEL_TEXT, this.entry.text);
    // Then read-only, like kernel text after mark_rodata_ro().
    for (let i = 0; i < pages; i++) {
      this.tables.protect(this.root, KERNEL_TEXT + BigInt(i * PAGE), { read: true, write: false, exec: true, user: false });
    }
  }

  private buildIdt(): void {
    this.vm.mapFresh(IDT_ADDRESS, 1, { read: true, write: true, exec: false });
    const idt = new Uint8Array(256 * 16);
    for (let vector = 0; vector < 256; vector++) {
      const label: EntryLabel =
        vector === INT80_VECTOR ? 'entry_INT80_compat' : (EXCEPTION_STUBS[vector] ?? 'asm_exc_spurious');
      idt.set(interruptGate(this.entry.labels[label], KERNEL_CS, USER_GATES.has(vector) ? 3 : 0), vector * 16);
    }
    this.vm.write(IDT_ADDRESS, idt);
    // Read-only from then on (Linux maps the IDT read-only in the cpu_entry_area).
    this.tables.protect(this.root, IDT_ADDRESS, { read: true, write: false, exec: false, user: false });
  }

  private buildGdtAndTss(): void {
    this.vm.mapFresh(GDT_ADDRESS, 1, { read: true, write: true, exec: false });
    this.vm.mapFresh(TSS_ADDRESS, 1, { read: true, write: true, exec: false });
    const gdt = linuxGdt();
    const [lo, hi] = tssDescriptor(TSS_ADDRESS, TSS_SIZE - 1);
    gdt[GDT_ENTRY_TSS] = lo;
    gdt[GDT_ENTRY_TSS + 1] = hi;
    gdt.forEach((d, i) => this.vm.write64(GDT_ADDRESS + BigInt(i * 8), d));
    this.vm.write(TSS_ADDRESS, encodeTss(0n));
  }

  /** A fresh 16 KiB kernel stack (4 pages) in the vmalloc area, with an unmapped guard gap. */
  allocKernelStack(): KernelStack {
    const base = this.freeStackSlots.pop() ?? KERNEL_STACKS_BASE + BigInt(this.nextStackSlot++) * KERNEL_STACK_STRIDE;
    const frames = this.vm.mapFresh(base, KERNEL_STACK_SIZE / PAGE, { read: true, write: true, exec: false });
    return { base, top: base + BigInt(KERNEL_STACK_SIZE), frames };
  }

  freeKernelStack(stack: KernelStack): void {
    for (let i = 0; i < stack.frames.length; i++) {
      this.tables.unmap(this.root, stack.base + BigInt(i * PAGE));
      this.ram.freeFrame(stack.frames[i]!);
    }
    this.freeStackSlots.push(stack.base);
  }

  /** What the entry code finds in the per-CPU area and the TSS for the thread about to run:
   *  its kernel stack top (also TSS.RSP0, used by the CPU on interrupts from ring 3) and its
   *  process's page tables. */
  setCurrent(stackTop: bigint, userRoot: number): void {
    const c = this.entry.constants;
    this.vm.write64(this.percpu + BigInt(c.PERCPU_TOP_OF_STACK), stackTop);
    this.vm.write64(this.percpu + BigInt(c.PERCPU_USER_CR3), BigInt(userRoot));
    this.vm.write64(TSS_ADDRESS + BigInt(TSS_RSP0), stackTop);
  }

  /** A new process's page tables: empty user half, the kernel half shared with `root`. */
  createUserRoot(): number | null {
    return this.tables.createRoot(this.root);
  }
}
