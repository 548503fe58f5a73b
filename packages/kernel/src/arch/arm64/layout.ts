// Where the ARM64 kernel lives in the virtual address space. Kernel addresses are in the upper
// half (VA[63:48] all ones), translated through TTBR1_EL1, with AP[1] = 0 (no EL0 access) and
// UXN = 1, so EL0 can never read, write or execute them (Arm ARM D8.4).
//
// The places follow Linux's arm64 memory map for 48-bit VAs (Documentation/arch/arm64/memory.rst):
//   0xffff800008000000  the kernel image (KIMAGE_VADDR): the entry code with its vector table
//   0xffff800010000000  vmalloc space: the threads' kernel stacks (VMAP stacks), 16 KiB each
//                       (THREAD_SIZE) with an unmapped guard gap between them

export const KERNEL_TEXT = 0xffff800008000000n;
export const KERNEL_STACKS_BASE = 0xffff800010000000n;
/** Linux THREAD_SIZE on arm64 with 4 KiB pages (arch/arm64/include/asm/memory.h). */
export const KERNEL_STACK_SIZE = 0x4000;
export const KERNEL_STACK_STRIDE = 0x8000n;

/** PSTATE of a new user thread: EL0t, all of DAIF clear (start_thread → PSR_MODE_EL0t). */
export const USER_INITIAL_PSTATE = 0n;
