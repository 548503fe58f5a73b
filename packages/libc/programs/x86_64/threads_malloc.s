# malloc and free from two threads at once: each thread keeps 8 live blocks, and 3000 times
# checks the oldest block still holds its own tag bytes, frees it and allocates a new one of
# another size (16..304 bytes) filled with its tag. If two threads were ever handed the same
# block (a race on the free list), one would find the other's tag. Printed: the bad bytes
# seen (0) and the checks made, the same with glibc and with vsys libc.
	.set ROUNDS, 3000
	.text
	.globl main
main:
	push %rbx
	lea tid_a(%rip), %rdi
	xor %esi, %esi
	lea worker(%rip), %rdx
	mov $0xa1, %ecx
	call pthread_create
	lea tid_b(%rip), %rdi
	xor %esi, %esi
	lea worker(%rip), %rdx
	mov $0xb2, %ecx
	call pthread_create
	mov tid_a(%rip), %rdi
	xor %esi, %esi
	call pthread_join
	mov tid_b(%rip), %rdi
	xor %esi, %esi
	call pthread_join
	lea f_done(%rip), %rdi
	mov bad(%rip), %esi
	mov checks(%rip), %edx
	xor %eax, %eax
	call printf
	xor %eax, %eax
	pop %rbx
	ret

# worker(tag): %rbx tag, %r12 round, the ring of 8 blocks at (%rsp), %r13 bad bytes, %r14 checks.
worker:
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	sub $64, %rsp
	mov %rdi, %rbx
	xor %r12d, %r12d
	xor %r13d, %r13d
	xor %r14d, %r14d
	xor %eax, %eax
1:	movq $0, (%rsp,%rax,8)
	inc %eax
	cmp $8, %eax
	jb 1b
2:	mov %r12, %rax
	and $7, %eax
	mov (%rsp,%rax,8), %rdi         # the oldest block: check and free it
	test %rdi, %rdi
	jz 5f
	mov (%rdi), %rcx                # its size is in the first word
	mov $8, %edx
3:	cmp %rcx, %rdx
	jae 4f
	cmpb %bl, (%rdi,%rdx)
	je 6f
	inc %r13
6:	inc %rdx
	jmp 3b
4:	inc %r14
	call free
5:	mov %r12, %rax                  # the next size: 16 + (round % 37) * 8
	xor %edx, %edx
	mov $37, %ecx
	div %rcx
	lea 16(,%rdx,8), %r15
	mov %r15, %rdi
	call malloc
	mov %r12, %rcx
	and $7, %ecx
	mov %rax, (%rsp,%rcx,8)
	mov %r15, (%rax)                # size, then tag bytes
	lea 8(%rax), %rdi
	movzbl %bl, %esi
	lea -8(%r15), %rdx
	call memset
	inc %r12
	cmp $ROUNDS, %r12
	jb 2b
	xor %r12d, %r12d                # free the last 8
7:	mov (%rsp,%r12,8), %rdi
	call free
	inc %r12
	cmp $8, %r12
	jb 7b
	lock add %r13d, bad(%rip)
	lock add %r14d, checks(%rip)
	xor %eax, %eax
	add $64, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	ret

	.section .rodata
f_done:	.asciz "bad bytes %d, blocks checked %d\n"
	.bss
	.p2align 3
tid_a:	.zero 8
tid_b:	.zero 8
bad:	.zero 4
checks:	.zero 4
