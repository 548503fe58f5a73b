# Time through libc (the vDSO when there is one): clock_gettime on MONOTONIC ten times (never
# going backwards), REALTIME against time() and gettimeofday(), a COARSE clock, a CPU-time
# clock (always a system call), an invalid clock (EINVAL), clock_getres. Only facts that hold
# on any run are printed, so glibc on Linux and vsys libc under vrun print the same.
# clock_gettime system calls made: 2 with a vDSO clock (clocks 2 and 99), 14 without.
	.text
	.globl main
main:
	push %rbx
	push %r12
	push %r13
	mov $1, %r13d                   # still monotonic?
	xor %r12d, %r12d
1:	mov $1, %edi                    # CLOCK_MONOTONIC
	lea ts(%rip), %rsi
	call clock_gettime
	test %eax, %eax
	jnz 9f
	mov ts(%rip), %rax              # ns = sec * 1e9 + nsec
	imul $1000000000, %rax, %rax
	add ts+8(%rip), %rax
	cmp prev(%rip), %rax
	jae 2f
	xor %r13d, %r13d
2:	mov %rax, prev(%rip)
	cmpq $1000000000, ts+8(%rip)
	jb 3f
	xor %r13d, %r13d
3:	inc %r12d
	cmp $10, %r12d
	jb 1b
	lea f_mono(%rip), %rdi
	mov %r13d, %esi
	xor %eax, %eax
	call printf
	# REALTIME vs time(): within a second
	xor %edi, %edi
	lea ts(%rip), %rsi
	call clock_gettime
	mov %eax, %ebx
	xor %edi, %edi
	call time
	sub ts(%rip), %rax
	cmp $1, %rax
	setbe %al
	movzbl %al, %edx
	lea f_real(%rip), %rdi
	mov %ebx, %esi
	xor %eax, %eax
	call printf
	# gettimeofday: usec below a million, seconds within one of time()
	lea tv(%rip), %rdi
	lea tz(%rip), %rsi
	call gettimeofday
	mov %eax, %ebx
	xor %edi, %edi
	call time
	sub tv(%rip), %rax
	cmp $1, %rax
	setbe %al
	movzbl %al, %edx
	cmpq $1000000, tv+8(%rip)
	setb %cl
	movzbl %cl, %ecx
	lea f_tod(%rip), %rdi
	mov %ebx, %esi
	xor %eax, %eax
	call printf
	# a coarse clock
	mov $6, %edi                    # CLOCK_MONOTONIC_COARSE
	lea ts(%rip), %rsi
	call clock_gettime
	mov %eax, %ebx
	cmpq $1000000000, ts+8(%rip)
	setb %dl
	movzbl %dl, %edx
	lea f_coarse(%rip), %rdi
	mov %ebx, %esi
	xor %eax, %eax
	call printf
	# clock_getres(MONOTONIC) = 1 ns
	mov $1, %edi
	lea res(%rip), %rsi
	call clock_getres
	lea f_res(%rip), %rdi
	mov %eax, %esi
	mov res(%rip), %rdx
	mov res+8(%rip), %rcx
	xor %eax, %eax
	call printf
	# CPU time of the process: a system call in both worlds
	mov $2, %edi
	lea ts(%rip), %rsi
	call clock_gettime
	lea f_cpu(%rip), %rdi
	mov %eax, %esi
	xor %eax, %eax
	call printf
	# an invalid clock id
	mov $99, %edi
	lea ts(%rip), %rsi
	call clock_gettime
	mov %eax, %ebx
	call __errno_location
	lea f_bad(%rip), %rdi
	mov %ebx, %esi
	mov (%rax), %edx
	xor %eax, %eax
	call printf
	xor %eax, %eax
	jmp 10f
9:	mov $1, %eax
10:	pop %r13
	pop %r12
	pop %rbx
	ret

	.section .rodata
f_mono:		.asciz "monotonic never backwards: %d\n"
f_real:		.asciz "realtime %d, time() agrees: %d\n"
f_tod:		.asciz "gettimeofday %d, agrees %d, usec ok %d\n"
f_coarse:	.asciz "coarse %d, nsec ok %d\n"
f_res:		.asciz "getres %d: %ld.%09ld\n"
f_cpu:		.asciz "cputime %d\n"
f_bad:		.asciz "clock 99: %d errno %d\n"
	.bss
	.p2align 3
ts:	.zero 16
tv:	.zero 16
tz:	.zero 8
res:	.zero 16
prev:	.zero 8
