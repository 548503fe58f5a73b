# Time functions for x86-64: clock_gettime, clock_getres, gettimeofday, time go through the vDSO
# when vdso.s found it (no mode switch; the vDSO itself falls back to the syscall for clocks it
# cannot serve), else make the system call. The vDSO returns the raw kernel result (0 or
# -errno), so the same error rule as the wrappers applies. nanosleep is in syscalls.s; sleep(3)
# is nanosleep with the remaining seconds returned when a signal cuts it short.

	.macro VDSO_OR_SYSCALL name, ptr, nr
	.text
	.globl \name
	.type \name, @function
\name:
	mov \ptr(%rip), %rax
	test %rax, %rax
	jz 1f
	call *%rax                      # (the vDSO needs no particular stack alignment)
	cmp $-4095, %rax
	jae __vsys_syscall_error
	ret
1:	mov $\nr, %eax
	syscall
	cmp $-4095, %rax
	jae __vsys_syscall_error
	ret
	.size \name, .-\name
	.endm

	VDSO_OR_SYSCALL clock_gettime, __vsys_vdso_clock_gettime, 228
	VDSO_OR_SYSCALL clock_getres, __vsys_vdso_clock_getres, 229
	VDSO_OR_SYSCALL gettimeofday, __vsys_vdso_gettimeofday, 96
	VDSO_OR_SYSCALL time, __vsys_vdso_time, 201

# sleep(seconds): nanosleep({seconds, 0}, &rem); on EINTR returns the seconds left (rounded up
# when nanoseconds remain, as glibc does), else 0.
	.globl sleep
	.type sleep, @function
sleep:
	sub $40, %rsp
	mov %edi, %edi
	mov %rdi, (%rsp)
	movq $0, 8(%rsp)
	movq $0, 16(%rsp)
	movq $0, 24(%rsp)
	mov %rsp, %rdi
	lea 16(%rsp), %rsi
	call nanosleep
	test %eax, %eax
	jz 1f
	mov 16(%rsp), %rax
	cmpq $0, 24(%rsp)
	je 2f
	inc %rax
2:	add $40, %rsp
	ret
1:	xor %eax, %eax
	add $40, %rsp
	ret
	.size sleep, .-sleep
