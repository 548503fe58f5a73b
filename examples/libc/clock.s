# clock_gettime through the vDSO: libc found __vdso_clock_gettime@LINUX_2.6 through
# AT_SYSINFO_EHDR at start-up, so these calls never enter the kernel. Compare:
#   vasm build -o clock examples/libc/clock.s
#   vrun --stats ./clock                    # syscalls: no clock_gettime
#   vrun --stats --vdso-clock=off ./clock   # clock_gettime: 3 (the vDSO falls back)
	.text
	.globl main
main:
	push %rbx
	xor %ebx, %ebx
1:	mov $1, %edi                    # CLOCK_MONOTONIC
	lea ts(%rip), %rsi
	call clock_gettime
	lea fmt(%rip), %rdi
	mov ts(%rip), %rsi
	mov ts+8(%rip), %rdx
	xor %eax, %eax
	call printf
	inc %ebx
	cmp $3, %ebx
	jb 1b
	xor %eax, %eax
	pop %rbx
	ret
	.section .rodata
fmt:	.asciz "monotonic %ld.%09ld\n"
	.bss
	.p2align 3
ts:	.zero 16
