// crt0 for ARM64: the process entry point `_start`. The kernel enters here with sp pointing at
// the initial stack laid out by execve (16-byte aligned, the same generic layout as x86-64):
// argc at [sp], then argv[], NULL, envp[], NULL, auxv pairs (Linux fs/binfmt_elf.c
// create_elf_tables). Every register but sp and pc is 0 (arch/arm64 start_thread()).
// _start points TPIDR_EL0 at the main thread's thread control block (TCB) so errno has a home
// (EL0 may write TPIDR_EL0 itself: Arm ARM D19.2.138), registers the tid word with
// set_tid_address(2), finds the vDSO through the auxiliary vector, calls main(argc, argv, envp)
// (AAPCS64: x0, x1, x2) and passes its result to exit(3).
//
// TCB layout, shared by every file of this libc (the same offsets as on x86-64):
//   0  self pointer        8  errno (int)        16 tid (int; the kernel clears it at thread exit)
//   24 start routine       32 argument           40 return value
//   48 stack base (mmap)   56 stack size
	.set TCB_SIZE, 128
	.set SYS_set_tid_address, 96

	.text
	.globl _start
	.type _start, %function
_start:
	mov x29, #0                     // outermost frame: fp = lr = 0 ends backtraces (AAPCS64 §6.2.3)
	mov x30, #0
	mov x19, sp                     // the initial stack: argc, argv, envp, auxv
	adrp x0, __vsys_main_tcb
	add x0, x0, :lo12:__vsys_main_tcb
	str x0, [x0]                    // TCB self pointer
	msr tpidr_el0, x0               // the thread pointer
	add x0, x0, #16
	mov x8, #SYS_set_tid_address
	svc #0
	adrp x1, __vsys_main_tcb
	add x1, x1, :lo12:__vsys_main_tcb
	str w0, [x1, #16]
	ldr x20, [x19]                  // argc
	add x21, x19, #8                // argv
	add x22, x21, x20, lsl #3
	add x22, x22, #8                // envp = &argv[argc + 1]
	adrp x1, environ
	str x22, [x1, :lo12:environ]
	mov x0, x22
1:	ldr x1, [x0], #8                // auxv starts after envp's NULL
	cbnz x1, 1b
	adrp x1, __vsys_auxv
	str x0, [x1, :lo12:__vsys_auxv]
	bl __vsys_init_vdso
	mov w0, w20
	mov x1, x21
	mov x2, x22
	bl main
	bl exit
	brk #0
	.size _start, .-_start

	.bss
	.p2align 6
	.globl __vsys_main_tcb
__vsys_main_tcb:
	.zero TCB_SIZE
	.p2align 3
	.globl __vsys_auxv
__vsys_auxv:
	.zero 8
	.globl environ
environ:
	.zero 8
