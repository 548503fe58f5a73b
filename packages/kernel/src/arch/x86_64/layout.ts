// Where the x86-64 kernel lives in the virtual address space, and the control/MSR values boot
// programs. All kernel addresses are in the upper half (bit 47 set, sign-extended), mapped
// supervisor-only (U/S = 0), so ring 3 can never touch them (SDM Vol. 3A §4.6).
//
// The places follow Linux's x86-64 memory map (Documentation/arch/x86/x86_64/mm.rst):
//   0xffffc90000000000  vmalloc space: the threads' kernel stacks (Linux's VMAP stacks), 16 KiB
//                       each (THREAD_SIZE) with an unmapped guard gap between them
//   0xfffffe0000000000  cpu_entry_area: the read-only IDT, then GDT, TSS and the per-CPU area
//   0xffffffff81000000  kernel text (__START_KERNEL_map + 16 MiB): the entry code
// Each region sits under its own PML4 slot; boot maps one page in each before any process
// exists, so every process root made with createRoot(kernelRoot) shares the kernel half.

export const KERNEL_STACKS_BASE = 0xffffc90000000000n;
/** Linux THREAD_SIZE on x86-64 (16 KiB; arch/x86/include/asm/page_64_types.h). */
export const KERNEL_STACK_SIZE = 0x4000;
/** Distance between two threads' stacks: the stack plus an unmapped guard below the next. */
export const KERNEL_STACK_STRIDE = 0x8000n;

export const CPU_ENTRY_AREA = 0xfffffe0000000000n;
export const IDT_ADDRESS = CPU_ENTRY_AREA; // Linux: CPU_ENTRY_AREA_RO_IDT
export const GDT_ADDRESS = CPU_ENTRY_AREA + 0x1000n;
export const TSS_ADDRESS = CPU_ENTRY_AREA + 0x2000n;
export const PERCPU_ADDRESS = CPU_ENTRY_AREA + 0x3000n;

export const KERNEL_TEXT = 0xffffffff81000000n;

/** The lowest non-canonical address: user space ends below it (TASK_SIZE_MAX is one page less,
 *  arch/x86/include/asm/page_64.h: the last page stays unmapped against SYSRET's #GP). */
export const TASK_SIZE_MAX = (1n << 47n) - 0x1000n;

// ---- model-specific registers (SDM Vol. 4 Table 2-2) ------------------------------------------
export const MSR_EFER = 0xc0000080;
export const MSR_STAR = 0xc0000081;
export const MSR_LSTAR = 0xc0000082;
export const MSR_CSTAR = 0xc0000083;
export const MSR_SYSCALL_MASK = 0xc0000084;
export const MSR_FS_BASE = 0xc0000100;
export const MSR_GS_BASE = 0xc0000101;
export const MSR_KERNEL_GS_BASE = 0xc0000102;

/** EFER: SCE (0, syscall enabled), LME (8), LMA (10), NXE (11, the XD bit in page tables). */
export const EFER_VALUE = (1n << 0n) | (1n << 8n) | (1n << 10n) | (1n << 11n);

/** Linux syscall_init(): RFLAGS bits cleared on `syscall` — CF PF AF ZF SF TF IF DF OF IOPL NT
 *  RF AC ID ("clear as much as possible"), = 0x257fd5. */
export const SYSCALL_MASK_VALUE = 0x257fd5n;

/** CR0: PE MP ET NE WP AM PG (Linux's usual 0x80050033; WP makes ring 0 honour R/W too). */
export const CR0_VALUE = 0x80050033n;
/** CR4: PAE (5), PGE (7), OSFXSR (9), OSXMMEXCPT (10). No PCIDE (the TLB uses generations), no
 *  SMEP/SMAP/UMIP/FSGSBASE (documented simplifications: the kernel never runs user pages). */
export const CR4_VALUE = (1n << 5n) | (1n << 7n) | (1n << 9n) | (1n << 10n);

/** RFLAGS at the first user instruction: IF and the always-one bit 1 (facts §6.2: 0x202). */
export const USER_INITIAL_RFLAGS = 0x202n;
