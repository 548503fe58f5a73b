// The x86-64 architecture glue of the kernel: entry code (entry.s), boot (kernel space,
// descriptors, MSRs) and the machine that wires @vsys/emu's CPU to the Kernel via `vmcall`.
export { createX86Machine, type CreateX86MachineOptions } from './create.js';
export { X86Machine, type MachineStats, type MachineStop, type X86MachineOptions } from './machine.js';
export { REG, type CpuStop, type X86CpuCounters, type X86CpuPort } from './cpu-port.js';
export {
  ENTRY_CONSTANTS, ENTRY_LABELS, entryImageFromObject, EntryImageError, relocateSection,
  type EntryConstant, type EntryImage, type EntryLabel,
} from './entry-image.js';
export { assembleEntryWithVasm, entrySourcePath, loadEntryObject, prebuiltEntryObjectPath } from './entry-object.js';
export { KernelSpace, INT80_VECTOR, USER_GATES, type DescriptorTable, type KernelStack } from './kernel-space.js';
export { KernelMemoryError, KernelVirtualMemory, type PagePerm, type PageTableEditor, type PhysicalRam } from './machine-memory.js';
export { PtRegs, PT_REG_NAMES, type PtRegName } from './pt-regs.js';
export { X86UserAddressSpace } from './user-address-space.js';
export * as x86Layout from './layout.js';
export * as x86Descriptors from './descriptors.js';
