// Auxiliary vector entry types (include/uapi/linux/auxvec.h; arch auxvec.h for
// AT_SYSINFO_EHDR 33 and AT_MINSIGSTKSZ 51) and the order fs/binfmt_elf.c create_elf_tables
// emits them in: ARCH_DLINFO first (AT_SYSINFO_EHDR when a vDSO is mapped, AT_MINSIGSTKSZ),
// then HWCAP PAGESZ CLKTCK PHDR PHENT PHNUM BASE FLAGS ENTRY UID EUID GID EGID SECURE RANDOM
// HWCAP2 EXECFN PLATFORM RSEQ_FEATURE_SIZE RSEQ_ALIGN, AT_NULL. (facts §6.1, measured on the
// build machine: `33 51 16 6 17 3 4 5 7 8 9 11 12 13 14 23 25 26 31 15 27 28 0`.)

import { cpuidLeaf } from '@vsys/emu';

/** The AT_* numbers, declared once in @vsys/elf. */
export { AT } from '@vsys/elf';

export interface AuxEntry {
  type: number;
  value: bigint;
}

/** Per-architecture values the auxv reports. */
export interface ArchAuxInfo {
  platform: string;
  hwcap: bigint;
  hwcap2: bigint;
  minsigstksz: bigint;
}

/** x86-64: AT_HWCAP is CPUID.1:EDX of the CPU the program runs on (arch/x86/include/asm/
 *  elf.h ELF_HWCAP = boot_cpu_data.x86_capability[CPUID_1_EDX]), so it is read from the emulated
 *  CPU's own cpuid (which reports no FPU/SSE, as they are not emulated); AT_HWCAP2 0: Linux sets
 *  HWCAP2_FSGSBASE (2) only when it has turned on CR4.FSGSBASE (arch/x86/kernel/cpu/common.c),
 *  and the vsys kernel leaves it off (kernel/src/arch/x86_64/layout.ts CR4_VALUE), so user code
 *  told otherwise would take #UD on rdfsbase (found by tests/x86-differential.test.ts);
 *  AT_MINSIGSTKSZ 3376 (the xsave frame size measured on the build machine). arm64: AT_HWCAP
 *  lists only what the emulated CPU runs — no FP/ASIMD, so 0; AT_MINSIGSTKSZ is the kernel's
 *  signal frame size without SVE/SME (about 4.6 KiB; we report 5120, a documented
 *  approximation). All can be overridden in LoadOptions. */
export const archAuxDefaults: Record<'x86_64' | 'arm64', ArchAuxInfo> = {
  x86_64: { platform: 'x86_64', hwcap: BigInt(cpuidLeaf(1, 0)[3]! >>> 0), hwcap2: 0n, minsigstksz: 3376n },
  arm64: { platform: 'aarch64', hwcap: 0n, hwcap2: 0n, minsigstksz: 5120n },
};

/** AT_RSEQ_FEATURE_SIZE / AT_RSEQ_ALIGN: offsetofend(struct rseq, mm_cid) = 28, alignment 32. */
export const RSEQ_FEATURE_SIZE = 28n;
export const RSEQ_ALIGN = 32n;
