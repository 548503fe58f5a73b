// Architectural constants of the x86-64 CPU model: register numbers, control-register and
// EFER bits, MSR numbers, exception vectors. Sources: Intel SDM Vol. 3A §2.5 (control
// registers), §2.2.1 (EFER), Vol. 4 (MSR list), Vol. 3A §6.3.1 (vector table).

export const RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7,
  R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;
export const GPR_NAMES = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'] as const;

/** Segment register numbers as the decoder reports them. */
export const ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;

export const CR0_PE = 1 << 0, CR0_MP = 1 << 1, CR0_ET = 1 << 4, CR0_NE = 1 << 5, CR0_WP = 1 << 16, CR0_PG = 1 << 31;
export const CR4_TSD = 1 << 2, CR4_PAE = 1 << 5, CR4_PGE = 1 << 7, CR4_UMIP = 1 << 11, CR4_FSGSBASE = 1 << 16,
  CR4_PCIDE = 1 << 17, CR4_SMEP = 1 << 20, CR4_SMAP = 1 << 21;
export const EFER_SCE = 1 << 0, EFER_LME = 1 << 8, EFER_LMA = 1 << 10, EFER_NXE = 1 << 11;

export const MSR_TSC = 0x10;
export const MSR_APIC_BASE = 0x1b;
export const MSR_SYSENTER_CS = 0x174, MSR_SYSENTER_ESP = 0x175, MSR_SYSENTER_EIP = 0x176;
export const MSR_MISC_ENABLE = 0x1a0;
export const MSR_PAT = 0x277;
export const MSR_EFER = 0xc0000080;
export const MSR_STAR = 0xc0000081;
export const MSR_LSTAR = 0xc0000082;
export const MSR_CSTAR = 0xc0000083;
export const MSR_FMASK = 0xc0000084;
export const MSR_FS_BASE = 0xc0000100;
export const MSR_GS_BASE = 0xc0000101;
export const MSR_KERNEL_GS_BASE = 0xc0000102;
export const MSR_TSC_AUX = 0xc0000103;

/** Exception vectors (SDM Vol. 3A Table 6-1). */
export const VEC_DE = 0, VEC_DB = 1, VEC_NMI = 2, VEC_BP = 3, VEC_OF = 4, VEC_BR = 5, VEC_UD = 6, VEC_NM = 7,
  VEC_DF = 8, VEC_TS = 10, VEC_NP = 11, VEC_SS = 12, VEC_GP = 13, VEC_PF = 14, VEC_MF = 16, VEC_AC = 17;

/** Exceptions that push an error code (SDM Vol. 3A §6.13). */
export function hasErrorCode(vector: number): boolean {
  return vector === 8 || (vector >= 10 && vector <= 14) || vector === 17 || vector === 21;
}

/** Exception classes for the double-fault rules (SDM Vol. 3A Table 6-4/6-5). */
export function exceptionClass(vector: number): 'benign' | 'contributory' | 'page-fault' | 'double-fault' {
  if (vector === 8) return 'double-fault';
  if (vector === 14) return 'page-fault';
  if (vector === 0 || (vector >= 10 && vector <= 13)) return 'contributory';
  return 'benign';
}
