# crt0 for x86-64: the process entry point `_start`. The kernel enters here with the initial
# stack laid out by execve (System V AMD64 ABI §3.4.1, Fig. 3.9): argc at (%rsp), then argv[],
# NULL, envp[], NULL, auxv pairs. _start sets up the main thread's thread pointer (FS base,
# via arch_prctl(ARCH_SET_FS), arch_prctl(2)) so errno has a home, registers the tid word with
# set_tid_address(2), finds the vDSO through the auxiliary vector, calls
# main(argc, argv, envp) and passes its result to exit(3).
#
# Thread control block (TCB) layout, shared by every file of this libc (see tcb.md):
#   0  self pointer (%fs:0 holds the TCB's own address, as the x86-64 TLS ABI requires)
#   8  errno (int)            16 tid (int; the kernel clears it at thread exit)
#   24 start routine          32 argument         40 return value
#   48 stack base (mmap)      56 stack size
	.set TCB_SIZE, 128
	.set ARCH_SET_FS, 0x1002
	.set SYS_arch_prctl, 158
	.set SYS_set_tid_address, 218

	.text
	.globl _start
	.type _start, @function
_start:
	xor %ebp, %ebp                  # outermost frame (ABI §3.4.1: %rbp is unspecified; 0 ends backtraces)
	mov %rsp, %r12                  # keep the initial stack pointer
	lea __vsys_main_tcb(%rip), %rsi
	mov %rsi, (%rsi)                # TCB self pointer
	mov $ARCH_SET_FS, %edi
	mov $SYS_arch_prctl, %eax
	syscall
	lea __vsys_main_tcb+16(%rip), %rdi
	mov $SYS_set_tid_address, %eax
	syscall
	mov %eax, __vsys_main_tcb+16(%rip)
	mov (%r12), %r13                # argc
	lea 8(%r12), %r14               # argv
	lea 16(%r12,%r13,8), %r15       # envp = &argv[argc + 1]
	mov %r15, environ(%rip)
	mov %r15, %rax
1:	cmpq $0, (%rax)                 # auxv starts after envp's NULL
	lea 8(%rax), %rax
	jne 1b
	mov %rax, __vsys_auxv(%rip)
	and $-16, %rsp                  # calls need a 16-byte aligned stack (ABI §3.2.2)
	call __vsys_init_vdso
	mov %r13d, %edi
	mov %r14, %rsi
	mov %r15, %rdx
	call main
	mov %eax, %edi
	call exit
	hlt
	.size _start, .-_start

	.bss
	.p2align 6
	.globl __vsys_main_tcb
__vsys_main_tcb:
	.zero TCB_SIZE
	.globl __vsys_auxv
	.p2align 3
__vsys_auxv:
	.zero 8
	.globl environ
environ:
	.zero 8
