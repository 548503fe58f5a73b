# bench/vdso.mjs's program: `vdso-clock MODE N` calls clock_gettime(CLOCK_MONOTONIC) N times,
# MODE "vdso" through libc (the vDSO) or "syscall" with the raw `syscall` instruction, and
# prints the loop's own elapsed time in ns (measured with CLOCK_MONOTONIC around the loop, so
# process start-up is not counted).
	.text
	.globl main
main:
	push %rbx
	push %r12
	push %r13
	cmp $3, %edi
	jl 9f
	mov 8(%rsi), %rbx               # MODE
	mov 16(%rsi), %rdi
	call atoi
	movslq %eax, %r12               # N
	mov $1, %edi
	lea t0(%rip), %rsi
	call clock_gettime
	movzbl (%rbx), %r13d            # 'v' or 's'
	mov %r12, %rbx
	cmp $'s', %r13d
	je 2f
1:	test %rbx, %rbx
	jz 3f
	mov $1, %edi
	lea ts(%rip), %rsi
	call clock_gettime
	dec %rbx
	jmp 1b
2:	test %rbx, %rbx
	jz 3f
	mov $1, %edi
	lea ts(%rip), %rsi
	mov $228, %eax                  # clock_gettime
	syscall
	dec %rbx
	jmp 2b
3:	mov $1, %edi
	lea t1(%rip), %rsi
	call clock_gettime
	mov t1(%rip), %rsi
	sub t0(%rip), %rsi
	imul $1000000000, %rsi, %rsi
	add t1+8(%rip), %rsi
	sub t0+8(%rip), %rsi
	lea fmt(%rip), %rdi
	xor %eax, %eax
	call printf
	xor %eax, %eax
	jmp 10f
9:	mov $2, %eax
10:	pop %r13
	pop %r12
	pop %rbx
	ret
	.section .rodata
fmt:	.asciz "%ld\n"
	.bss
	.p2align 3
t0:	.zero 16
t1:	.zero 16
ts:	.zero 16
