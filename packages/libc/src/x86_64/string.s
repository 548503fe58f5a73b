# String and memory functions for x86-64 (string(3), ISO C §7.24): byte loops, simple and
# obviously correct rather than fast. Comparisons are of unsigned char, as C requires; the
# result's sign is what callers may rely on.

	.text
	.globl strlen
	.type strlen, @function
strlen:
	mov %rdi, %rax
1:	cmpb $0, (%rax)
	je 2f
	inc %rax
	jmp 1b
2:	sub %rdi, %rax
	ret
	.size strlen, .-strlen

	.globl strnlen
	.type strnlen, @function
strnlen:
	xor %eax, %eax
1:	cmp %rsi, %rax
	jae 2f
	cmpb $0, (%rdi,%rax)
	je 2f
	inc %rax
	jmp 1b
2:	ret
	.size strnlen, .-strnlen

	.globl strcmp
	.type strcmp, @function
strcmp:
1:	movzbl (%rdi), %eax
	movzbl (%rsi), %ecx
	sub %ecx, %eax
	jnz 2f
	test %ecx, %ecx
	jz 2f
	inc %rdi
	inc %rsi
	jmp 1b
2:	ret
	.size strcmp, .-strcmp

	.globl strncmp
	.type strncmp, @function
strncmp:
	xor %eax, %eax
1:	test %rdx, %rdx
	jz 2f
	movzbl (%rdi), %eax
	movzbl (%rsi), %ecx
	sub %ecx, %eax
	jnz 2f
	test %ecx, %ecx
	jz 2f
	inc %rdi
	inc %rsi
	dec %rdx
	jmp 1b
2:	ret
	.size strncmp, .-strncmp

	.globl strcpy
	.type strcpy, @function
strcpy:
	mov %rdi, %rax
	xor %ecx, %ecx
1:	movzbl (%rsi,%rcx), %edx
	mov %dl, (%rdi,%rcx)
	inc %rcx
	test %edx, %edx
	jnz 1b
	ret
	.size strcpy, .-strcpy

	.globl strchr
	.type strchr, @function
strchr:
1:	movzbl (%rdi), %eax
	cmp %sil, %al
	je 2f
	test %eax, %eax
	jz 3f
	inc %rdi
	jmp 1b
2:	mov %rdi, %rax
	ret
3:	xor %eax, %eax
	ret
	.size strchr, .-strchr

	.globl memcpy
	.type memcpy, @function
memcpy:
	mov %rdi, %rax
	xor %ecx, %ecx
1:	cmp %rdx, %rcx
	jae 2f
	movzbl (%rsi,%rcx), %r8d
	mov %r8b, (%rdi,%rcx)
	inc %rcx
	jmp 1b
2:	ret
	.size memcpy, .-memcpy

# memmove: copy backwards when the destination starts inside the source.
	.globl memmove
	.type memmove, @function
memmove:
	mov %rdi, %rax
	cmp %rsi, %rdi
	jbe 3f
	mov %rdx, %rcx
1:	test %rcx, %rcx
	jz 2f
	dec %rcx
	movzbl (%rsi,%rcx), %r8d
	mov %r8b, (%rdi,%rcx)
	jmp 1b
2:	ret
3:	xor %ecx, %ecx
4:	cmp %rdx, %rcx
	jae 2b
	movzbl (%rsi,%rcx), %r8d
	mov %r8b, (%rdi,%rcx)
	inc %rcx
	jmp 4b
	.size memmove, .-memmove

	.globl memset
	.type memset, @function
memset:
	mov %rdi, %rax
	xor %ecx, %ecx
1:	cmp %rdx, %rcx
	jae 2f
	mov %sil, (%rdi,%rcx)
	inc %rcx
	jmp 1b
2:	ret
	.size memset, .-memset

	.globl memcmp
	.type memcmp, @function
memcmp:
	xor %eax, %eax
	xor %ecx, %ecx
1:	cmp %rdx, %rcx
	jae 2f
	movzbl (%rdi,%rcx), %eax
	movzbl (%rsi,%rcx), %r8d
	inc %rcx
	sub %r8d, %eax
	jz 1b
2:	ret
	.size memcmp, .-memcmp
