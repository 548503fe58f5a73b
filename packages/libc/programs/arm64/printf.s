// printf formats: linked against glibc and against vsys libc, the output must be the same.
// A table of rows { format, a, b, c } is printed with printf(format, a, b, c); then snprintf
// truncation and return values, sprintf, many arguments (AAPCS64: x1–x7, then the stack), puts,
// putchar, fputc, fputs, fprintf(stderr), dprintf. The same rows as programs/x86_64/printf.s.
	.text
	.globl main
main:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	adrp x19, rows
	add x19, x19, :lo12:rows
1:	ldr x0, [x19]
	cbz x0, 2f
	ldp x1, x2, [x19, #8]
	ldr x3, [x19, #24]
	bl printf
	mov w1, w0                      // printf's return value
	adrp x0, fret
	add x0, x0, :lo12:fret
	bl printf
	add x19, x19, #32
	b 1b
2:	// snprintf: truncation and the would-be length; size 0 writes nothing
	adrp x0, buf
	add x0, x0, :lo12:buf
	mov x1, #8
	adrp x2, f8
	add x2, x2, :lo12:f8
	mov w3, #0xe240
	movk w3, #0x1, lsl #16          // 123456
	adrp x4, s1
	add x4, x4, :lo12:s1
	bl snprintf
	mov w2, w0
	adrp x1, buf
	add x1, x1, :lo12:buf
	adrp x0, f9
	add x0, x0, :lo12:f9
	bl printf
	mov x0, #0
	mov x1, #0
	adrp x2, f8
	add x2, x2, :lo12:f8
	mov w3, #-1
	adrp x4, s1
	add x4, x4, :lo12:s1
	bl snprintf
	mov w1, w0
	adrp x0, f10
	add x0, x0, :lo12:f10
	bl printf
	// sprintf
	adrp x0, buf
	add x0, x0, :lo12:buf
	adrp x1, f12
	add x1, x1, :lo12:f12
	mov w2, #-77
	adrp x3, s1
	add x3, x3, :lo12:s1
	bl sprintf
	mov w2, w0
	adrp x1, buf
	add x1, x1, :lo12:buf
	adrp x0, f9
	add x0, x0, :lo12:f9
	bl printf
	// ten arguments after the format: seven in x1–x7, three on the stack
	sub sp, sp, #32
	mov x9, #8
	str x9, [sp]
	mov x9, #-9
	str x9, [sp, #8]
	mov x9, #0x7fffffffffffffff
	str x9, [sp, #16]
	adrp x0, f11
	add x0, x0, :lo12:f11
	mov x1, #1
	mov x2, #2
	mov x3, #3
	mov x4, #4
	mov x5, #5
	mov x6, #6
	mov x7, #7
	bl printf
	add sp, sp, #32
	// fprintf with stack arguments too: stream, format, x2–x7, then the stack
	sub sp, sp, #16
	adrp x9, s1
	add x9, x9, :lo12:s1
	str x9, [sp]
	adrp x0, stdout
	ldr x0, [x0, :lo12:stdout]
	adrp x1, f13
	add x1, x1, :lo12:f13
	mov x2, #-2
	mov x3, #3
	mov x4, #-4
	mov x5, #5
	mov x6, #-6
	mov x7, #7
	bl fprintf
	add sp, sp, #16
	adrp x0, s2
	add x0, x0, :lo12:s2
	bl puts
	mov w1, w0
	adrp x0, fret
	add x0, x0, :lo12:fret
	bl printf
	mov w0, #'!'
	bl putchar
	adrp x1, stdout
	ldr x1, [x1, :lo12:stdout]
	mov w0, #'\n'
	bl fputc
	adrp x0, s3
	add x0, x0, :lo12:s3
	adrp x1, stdout
	ldr x1, [x1, :lo12:stdout]
	bl fputs
	adrp x0, stderr
	ldr x0, [x0, :lo12:stderr]
	adrp x1, f14
	add x1, x1, :lo12:f14
	mov w2, #2
	bl fprintf
	mov w0, #2
	adrp x1, f15
	add x1, x1, :lo12:f15
	adrp x2, s1
	add x2, x2, :lo12:s1
	bl dprintf
	mov w0, #0
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #32
	ret

	.section .rodata
	.p2align 3
rows:
	.xword r1, 42, -42, 0
	.xword r2, -1, -1, -1
	.xword r3, 255, 255, 255
	.xword r4, 8, -77, 0
	.xword r5, 'Z', s1, s1
	.xword r6, -5, 123, 123
	.xword r7, -123, 7, -7
	.xword r8, 0x8000000000000000, -1, 0x123456789abcdef0
	.xword r9, 0x10000, -129, 0xffffffffffffffff
	.xword r10, 6, 3, 99
	.xword r11, 10, -2, 4
	.xword r12, 4, s1, 0
	.xword r13, 0, 0, 0
	.xword r14, 0, 0, 0
	.xword r15, 'a', 'b', 0
	.xword r16, 0x1234, 0, 0xabc
	.xword r17, s1, s1, 0
	.xword r18, 0, 0, 0
	.xword r19, 0, 0, 0
	.xword r20, 2147483647, -2147483648, 0
	.xword r21, -1, 300, 65537
	.xword r22, 5, -3, 7
	.xword r23, s1, 3, s1
	.xword r24, -8, 12345, 0x7b
	.xword r25, 0xfffffffff, -1, 0x1ff
	.xword 0, 0, 0, 0
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
r24:	.asciz "[%zd] [%jd] [%tx]\n"
r25:	.asciz "[%x] [%lld] [%#10o]\n"
fret:	.asciz "=%d\n"
f8:	.asciz "%d-%s"
f9:	.asciz "[%s] %d\n"
f10:	.asciz "size0 %d\n"
f11:	.asciz "%d %d %d %d %d %d %d %ld %ld %ld\n"
f12:	.asciz "%05d:%s"
f13:	.asciz "%d %d %d %d %d %d %s\n"
f14:	.asciz "to stderr %d\n"
f15:	.asciz "dprintf %s\n"
s1:	.asciz "hello"
s2:	.asciz "puts line"
s3:	.asciz "fputs line\n"
	.bss
buf:	.zero 64
