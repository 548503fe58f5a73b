// The ARM64 architecture glue of the kernel: entry code (entry.s: vector table, el0_sync,
// ret_to_user), boot (TTBR1_EL1, VBAR_EL1, kernel stacks) and the machine that wires @vsys/emu's
// A64 CPU to the ISA-independent Kernel via `hvc #0`.
export { createArm64Machine, type CreateArm64MachineOptions } from './create.js';
export { Arm64Machine, type Arm64MachineOptions, type Arm64MachineStats } from './machine.js';
export {
  ARM64_ENTRY_CONSTANTS, ARM64_ENTRY_LABELS, arm64EntryImageFromObject, arm64EntrySourcePath, Arm64EntryImageError,
  assembleArm64EntryWithVasm, loadArm64EntryObject, prebuiltArm64EntryObjectPath, type Arm64EntryConstant, type Arm64EntryImage, type Arm64EntryLabel,
} from './entry-image.js';
export { Arm64PtRegs } from './pt-regs.js';
export * as arm64Layout from './layout.js';
