// @vsys/emu — the machine: physical memory, page tables, a software TLB and the x86-64 CPU
// (the ARM64 backend lives in ./arm64 and reuses ./memory and ./stop-reason).
//
// Public API (see README.md for the model and its limits):
//
//   PhysicalMemory({ maxBytes })         allocFrame(): number | null, freeFrame(addr): boolean,
//                                        read8/16/32/64, write8/16/32/64, readBytes, writeBytes
//   AddressSpaceEditor (X86PageTables)   createRoot(shareKernelFrom?): number | null,
//                                        map(root, va, frame, perm): MapResult, unmap(root, va): number | null,
//                                        protect(root, va, perm): boolean, translate(root, va): Translation | null,
//                                        destroyRoot(root), onInvalidate(listener)
//   PageTableAddressSpace                one root in the kernel mm's AddressSpaceBackend shape
//   X86Cpu({ physical, pageTables, translateBlocks?, hotThreshold? })
//     registers   getReg(n): bigint, setReg(n, v), regNumber(n), setRegNumber(n, v), rip, rflags,
//                 cpl, cs/ss/ds/es/fsSel/gsSel, fsBase/gsBase/kernelGsBase, cr0/cr2/cr3/cr4,
//                 setCr3(root), setCr0, setCr4, setPrivilege(cpl, cs, ss), efer,
//                 gdtrBase/gdtrLimit, idtrBase/idtrLimit, trSelector/trBase (TSS: RSP0 at +4)
//     MSRs        readMsr(msr): bigint | null, writeMsr(msr, v): boolean (STAR, LSTAR, FMASK, EFER,
//                 FS/GS/KERNEL_GS_BASE, TSC, TSC_AUX, SYSENTER_*, PAT, APIC_BASE, MISC_ENABLE)
//     time        tscOffset (bigint), tscSource: (() => bigint) | null, readTsc()
//     hooks       hypercall(cpu) for vmcall at CPL 0; portIn/portOut for port I/O at CPL 0
//     running     run(budget): StopReason, step(): StopReason, requestStop(value),
//                 raiseInterrupt(vector), raiseException(vector, errorCode?)
//     memory      readVirtual(va, len, cpl?): Uint8Array | null, writeVirtual(va, data, cpl?): boolean
//     scheduler   saveContext(): X86Context, restoreContext(ctx)
//     counters    counters.{retiredUser, retiredKernel, modeSwitches, cr3Loads, tlbFlushes,
//                 tlbPageInvalidations, exceptions, hypercalls, blocksTranslated}
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
