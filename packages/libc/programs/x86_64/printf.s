# printf formats: linked against glibc (gcc) and against vsys libc, the output must be the same.
# A table of rows { format, a, b, c } is printed with printf(format, a, b, c); then snprintf
# truncation and return values, many (stack-passed) arguments, puts, putchar, fprintf(stderr).
	.text
	.globl main
main:
	push %rbx
	push %r12
	push %r13
	lea rows(%rip), %rbx
1:	mov (%rbx), %rdi
	test %rdi, %rdi
	jz 2f
	mov 8(%rbx), %rsi
	mov 16(%rbx), %rdx
	mov 24(%rbx), %rcx
	xor %eax, %eax
	call printf
	mov %eax, %esi                  # printf's return value
	lea fret(%rip), %rdi
	xor %eax, %eax
	call printf
	add $32, %rbx
	jmp 1b
2:	# snprintf: truncation and the would-be length; size 0 writes nothing
	lea buf(%rip), %rdi
	mov $8, %esi
	lea f8(%rip), %rdx
	mov $123456, %ecx
	lea s1(%rip), %r8
	xor %eax, %eax
	call snprintf
	mov %eax, %r12d
	lea f9(%rip), %rdi
	lea buf(%rip), %rsi
	mov %r12d, %edx
	xor %eax, %eax
	call printf
	xor %edi, %edi
	xor %esi, %esi
	lea f8(%rip), %rdx
	mov $-1, %ecx
	lea s1(%rip), %r8
	xor %eax, %eax
	call snprintf
	lea f10(%rip), %rdi
	mov %eax, %esi
	xor %eax, %eax
	call printf
	# nine arguments: four on the stack
	sub $8, %rsp
	lea f11(%rip), %rdi
	mov $1, %esi
	mov $2, %edx
	mov $3, %ecx
	mov $4, %r8d
	mov $5, %r9d
	push $-9
	push $8
	push $7
	push $6
	xor %eax, %eax
	call printf
	add $40, %rsp
	lea s2(%rip), %rdi
	call puts
	lea fret(%rip), %rdi
	mov %eax, %esi
	xor %eax, %eax
	call printf
	mov $'!', %edi
	call putchar
	mov $'\n', %edi
	call putchar
	mov stderr(%rip), %rdi
	lea f14(%rip), %rsi
	mov $2, %edx
	xor %eax, %eax
	call fprintf
	xor %eax, %eax
	pop %r13
	pop %r12
	pop %rbx
	ret

	.section .rodata
	.p2align 3
rows:
	.quad r1, 42, -42, 0
	.quad r2, -1, -1, -1
	.quad r3, 255, 255, 255
	.quad r4, 8, -77, 0
	.quad r5, 'Z', s1, s1
	.quad r6, -5, 123, 123
	.quad r7, -123, 7, -7
	.quad r8, 0x8000000000000000, -1, 0x123456789abcdef0
	.quad r9, 0x10000, -129, 0xffffffffffffffff
	.quad r10, 6, 3, 99
	.quad r11, 10, -2, 4
	.quad r12, 4, s1, 0
	.quad r13, 0, 0, 0
	.quad r14, 0, 0, 0
	.quad r15, 'a', 'b', 0
	.quad r16, 0x1234, 0, 0xabc
	.quad r17, s1, s1, 0
	.quad r18, 0, 0, 0
	.quad r19, 0, 0, 0
	.quad r20, 2147483647, -2147483648, 0
	.quad r21, -1, 300, 65537
	.quad r22, 5, -3, 7
	.quad r23, s1, 3, s1
	.quad 0, 0, 0, 0
r1:	.asciz "[%d] [%i] [%u]\n"
r2:	.asciz "[%u] [%x] [%X]\n"
r3:	.asciz "[%o] [%x] [%X]\n"
r4:	.asciz "[%*d] [%d]\n"
r5:	.asciz "[%c] [%s] [%.3s]\n"
r6:	.asciz "[%5d] [%-6d|] [%06d]\n"
r7:	.asciz "[%+d] [% d] [%08.3d]\n"
r8:	.asciz "[%ld] [%lld] [%lx]\n"
r9:	.asciz "[%hx] [%hhd] [%lu]\n"
r10:	.asciz "[%*.*d]\n"
r11:	.asciz "[%#x] [%#o] [%#X]\n"
r12:	.asciz "[%.*s] [%-8.3x|]\n"
r13:	.asciz "[%.0d] [%5.0d] [%#x]\n"
r14:	.asciz "[%#o] [%x] [%o]\n"
r15:	.asciz "[%3c] [%-3c|] [%%]\n"
r16:	.asciz "[%p] [%p] [%20p]\n"
r17:	.asciz "[%-8s|] [%8s]\n"
r18:	.asciz "[%s] [%.3s] [%10s]\n"
r19:	.asciz "100%% [%5%] done %5s\n"
r20:	.asciz "[%d] [%d] [%+05d]\n"
r21:	.asciz "[%lo] [%hhu] [%hu]\n"
r22:	.asciz "[%-*d|] [%.5u]\n"
r23:	.asciz "[%.2s] [%*s]\n"
fret:	.asciz "=%d\n"
f8:	.asciz "%d-%s"
f9:	.asciz "[%s] %d\n"
f10:	.asciz "size0 %d\n"
f11:	.asciz "%d %d %d %d %d %d %d %d %d\n"
f14:	.asciz "to stderr %d\n"
s1:	.asciz "hello"
s2:	.asciz "puts line"
	.bss
buf:	.zero 64
