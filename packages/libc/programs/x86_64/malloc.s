# malloc/free/calloc/realloc, string functions and atoi: results printed, to compare glibc and
# vsys libc. Pointer values differ between the two, so only their properties are printed.
	.text
	.globl main
main:
	push %rbx
	push %r12
	push %r13
	push %r14
	sub $8, %rsp
	# 100 blocks of growing size, each filled and checked, alignment checked
	xor %r12d, %r12d
	xor %r14d, %r14d                # misaligned count
1:	lea 1(%r12), %rdi
	imul $7, %rdi, %rdi
	call malloc
	mov %rax, ptrs(,%r12,8)
	test $15, %al
	jz 2f
	inc %r14d
2:	mov %rax, %rdi
	mov %r12d, %esi
	lea 1(%r12), %rdx
	imul $7, %rdx, %rdx
	call memset
	inc %r12
	cmp $100, %r12
	jb 1b
	xor %r12d, %r12d
	xor %r13d, %r13d                # bad bytes
3:	mov ptrs(,%r12,8), %rdi
	lea 1(%r12), %rcx
	imul $7, %rcx, %rcx
4:	dec %rcx
	js 5f
	cmpb %r12b, (%rdi,%rcx)
	je 4b
	inc %r13d
	jmp 4b
5:	call free
	inc %r12
	cmp $100, %r12
	jb 3b
	lea f_blocks(%rip), %rdi
	mov %r14d, %esi
	mov %r13d, %edx
	xor %eax, %eax
	call printf
	# calloc gives zeros; realloc keeps contents
	mov $10, %edi
	mov $10, %esi
	call calloc
	mov %rax, %rbx
	mov $100, %edi
	mov %rbx, %rsi
	call sum
	lea f_calloc(%rip), %rdi
	mov %eax, %esi
	xor %eax, %eax
	call printf
	lea hello(%rip), %rsi
	mov %rbx, %rdi
	call strcpy
	mov %rbx, %rdi
	mov $5000, %esi
	call realloc
	mov %rax, %rbx
	lea f_str(%rip), %rdi
	mov %rbx, %rsi
	xor %eax, %eax
	call printf
	mov %rbx, %rdi
	call free
	# calloc overflow -> NULL, ENOMEM
	mov $-1, %rdi
	mov $16, %esi
	call calloc
	mov %rax, %rbx
	call __errno_location
	lea f_over(%rip), %rdi
	mov %rbx, %rsi
	mov (%rax), %edx
	xor %eax, %eax
	call printf
	# strings
	lea hello(%rip), %rdi
	call strlen
	lea f_len(%rip), %rdi
	mov %eax, %esi
	xor %eax, %eax
	call printf
	lea s_abc(%rip), %rdi
	lea s_abd(%rip), %rsi
	call strcmp
	mov %eax, %edi
	call sign
	mov %eax, %r12d
	lea s_abc(%rip), %rdi
	lea s_abd(%rip), %rsi
	mov $2, %edx
	call strncmp
	mov %eax, %edi
	call sign
	mov %eax, %r13d
	lea s_abd(%rip), %rdi
	lea s_abc(%rip), %rsi
	mov $3, %edx
	call memcmp
	mov %eax, %edi
	call sign
	lea f_cmp(%rip), %rdi
	mov %r12d, %esi
	mov %r13d, %edx
	mov %eax, %ecx
	xor %eax, %eax
	call printf
	# memmove with overlap both ways
	lea mbuf(%rip), %rdi
	lea digits(%rip), %rsi
	mov $11, %edx
	call memcpy
	lea mbuf+2(%rip), %rdi
	lea mbuf(%rip), %rsi
	mov $5, %edx
	call memmove
	lea mbuf(%rip), %rdi
	lea mbuf+3(%rip), %rsi
	mov $4, %edx
	call memmove
	lea f_str(%rip), %rdi
	lea mbuf(%rip), %rsi
	xor %eax, %eax
	call printf
	# atoi
	lea n1(%rip), %rdi
	call atoi
	mov %eax, %r12d
	lea n2(%rip), %rdi
	call atoi
	mov %eax, %r13d
	lea n3(%rip), %rdi
	call atoi
	lea f_atoi(%rip), %rdi
	mov %r12d, %esi
	mov %r13d, %edx
	mov %eax, %ecx
	xor %eax, %eax
	call printf
	xor %eax, %eax
	add $8, %rsp
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	ret

# sum(n %rdi, p %rsi): the sum of n bytes
sum:
	xor %eax, %eax
1:	dec %rdi
	js 2f
	movzbl (%rsi,%rdi), %ecx
	add %ecx, %eax
	jmp 1b
2:	ret

# sign(x %edi): -1, 0 or 1
sign:
	xor %eax, %eax
	test %edi, %edi
	jz 1f
	mov $1, %eax
	jg 1f
	mov $-1, %eax
1:	ret

	.section .rodata
f_blocks:	.asciz "misaligned %d, corrupted %d\n"
f_calloc:	.asciz "calloc sum %d\n"
f_str:		.asciz "[%s]\n"
f_over:		.asciz "calloc overflow %p errno %d\n"
f_len:		.asciz "strlen %d\n"
f_cmp:		.asciz "cmp %d %d %d\n"
f_atoi:		.asciz "atoi %d %d %d\n"
hello:		.asciz "hello, world"
s_abc:		.asciz "abc"
s_abd:		.asciz "abd"
digits:		.asciz "0123456789"
n1:		.asciz "  -1234xyz"
n2:		.asciz "\t+77"
n3:		.asciz "abc"
	.bss
	.p2align 4
ptrs:		.zero 800
mbuf:		.zero 16
