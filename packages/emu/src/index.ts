// @vsys/emu — the machine: physical memory, page tables, a software TLB and the x86-64 CPU.
//
// How the kernel drives it (x86-64):
//
//   const physical = new PhysicalMemory({ maxBytes: 256 << 20 });
//   const tables = new X86PageTables(physical);          // AddressSpaceEditor
//   const root = tables.createRoot()!;                     // a PML4; createRoot(kernelRoot) shares the kernel half
//   const frame = physical.allocFrame()!;                  // null when RAM is exhausted
//   tables.map(root, 0x400000, frame, { read: true, write: false, exec: true, user: true });
//   const cpu = new X86Cpu({ physical, pageTables: tables });
//   cpu.setCr3(root); cpu.lstar = entryAddress; cpu.star = ...; cpu.idtrBase/idtrLimit, cpu.trBase (TSS)
//   cpu.hypercall = (cpu) => { /* vmcall at CPL 0: read cpu.getReg(n) / cpu.readVirtual(...) */ };
//   cpu.setPrivilege(3, 0x33, 0x2b); cpu.rip = entry; cpu.setReg(RSP, stackTop);
//   const stop = cpu.run(1_000_000);                      // StopReason
//
// Exceptions and interrupts are delivered through the guest IDT (gates at idtrBase, TSS.RSP0
// stack switch from ring 3), exactly like hardware; `vmcall` at CPL 0 is the door into
// TypeScript. See each file's header for the SDM sections it follows.

export { PhysicalMemory, PAGE_SIZE, PAGE_SHIFT, PAGE_MASK, FRAME_ALLOCATED, FRAME_CODE, FRAME_PAGE_TABLE, type PhysicalMemoryOptions } from './memory/physical-memory.js';
export {
  type AddressSpaceEditor, type PagePermissions, type Translation, type MapResult, type MapError, type VirtualAddress,
  splitAddress, joinAddress,
} from './memory/address-space.js';
export { Tlb, TlbSet, TLB_SLOTS } from './memory/tlb.js';
export { PageTableAddressSpace } from './memory/page-table-address-space.js';
export type { StopReason } from './stop-reason.js';
export { X86PageTables, walkPageTables, isCanonical, PF_P, PF_W, PF_U, PF_RSVD, PF_I, type WalkMode } from './x86_64/page-table.js';
export { X86Cpu, type X86Context, type X86CpuOptions, type X86Counters } from './x86_64/cpu.js';
export * from './x86_64/cpu-state.js';
export { CF, PF, AF, ZF, SF, TF, IF, DF, OF, IOPL, NT, RF, VM, AC, ID, ARITH_FLAGS } from './x86_64/flags.js';
export { cpuidLeaf } from './x86_64/cpuid.js';
// ARM64 (A64) backend: EL0/EL1, VMSAv8-64 translation tables, block translation.
export * from './arm64/index.js';
