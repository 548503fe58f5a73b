// malloc/free/calloc/realloc, string functions and atoi: results printed, to compare glibc and
// vsys libc. Pointer values differ between the two, so only their properties are printed.
// The same checks as programs/x86_64/malloc.s.
	.text
	.globl main
main:
	stp x29, x30, [sp, #-64]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	stp x21, x22, [sp, #32]
	stp x23, x24, [sp, #48]
	adrp x23, ptrs
	add x23, x23, :lo12:ptrs
	// 100 blocks of growing size (7, 14, ... 700 bytes), each filled and checked, alignment checked
	mov x19, #0
	mov w21, #0                     // misaligned count
1:	add x0, x19, #1
	mov x9, #7
	mul x0, x0, x9
	bl malloc
	str x0, [x23, x19, lsl #3]
	tst x0, #15
	b.eq 2f
	add w21, w21, #1
2:	mov w1, w19
	add x2, x19, #1
	mov x9, #7
	mul x2, x2, x9
	bl memset
	add x19, x19, #1
	cmp x19, #100
	b.lo 1b
	mov x19, #0
	mov w20, #0                     // bad bytes
3:	ldr x0, [x23, x19, lsl #3]
	add x9, x19, #1
	mov x10, #7
	mul x9, x9, x10
4:	subs x9, x9, #1
	b.lt 5f
	ldrb w10, [x0, x9]
	cmp w10, w19, uxtb
	b.eq 4b
	add w20, w20, #1
	b 4b
5:	bl free
	add x19, x19, #1
	cmp x19, #100
	b.lo 3b
	adrp x0, f_blocks
	add x0, x0, :lo12:f_blocks
	mov w1, w21
	mov w2, w20
	bl printf
	// freed blocks are reused: the same 100 sizes again, all writable
	mov x19, #0
6:	add x0, x19, #1
	mov x9, #7
	mul x0, x0, x9
	bl malloc
	str x0, [x23, x19, lsl #3]
	mov w1, #0x5a
	add x2, x19, #1
	mov x9, #7
	mul x2, x2, x9
	bl memset
	add x19, x19, #1
	cmp x19, #100
	b.lo 6b
	mov x19, #0
7:	ldr x0, [x23, x19, lsl #3]
	bl free
	add x19, x19, #1
	cmp x19, #100
	b.lo 7b
	// calloc gives zeros; realloc keeps contents
	mov x0, #10
	mov x1, #10
	bl calloc
	mov x19, x0
	mov x0, #100
	mov x1, x19
	bl sum
	mov w1, w0
	adrp x0, f_calloc
	add x0, x0, :lo12:f_calloc
	bl printf
	mov x0, x19
	adrp x1, hello
	add x1, x1, :lo12:hello
	bl strcpy
	mov x0, x19
	mov x1, #5000
	bl realloc
	mov x19, x0
	mov x1, x19
	adrp x0, f_str
	add x0, x0, :lo12:f_str
	bl printf
	mov x0, x19
	bl free
	// calloc overflow -> NULL, ENOMEM
	mov x0, #-1
	mov x1, #16
	bl calloc
	mov x19, x0
	bl __errno_location
	ldr w2, [x0]
	mov x1, x19
	adrp x0, f_over
	add x0, x0, :lo12:f_over
	bl printf
	// strings
	adrp x0, hello
	add x0, x0, :lo12:hello
	bl strlen
	mov w1, w0
	adrp x0, f_len
	add x0, x0, :lo12:f_len
	bl printf
	adrp x0, s_abc
	add x0, x0, :lo12:s_abc
	adrp x1, s_abd
	add x1, x1, :lo12:s_abd
	bl strcmp
	bl sign
	mov w19, w0
	adrp x0, s_abc
	add x0, x0, :lo12:s_abc
	adrp x1, s_abd
	add x1, x1, :lo12:s_abd
	mov x2, #2
	bl strncmp
	bl sign
	mov w20, w0
	adrp x0, s_abd
	add x0, x0, :lo12:s_abd
	adrp x1, s_abc
	add x1, x1, :lo12:s_abc
	mov x2, #3
	bl memcmp
	bl sign
	mov w3, w0
	mov w2, w20
	mov w1, w19
	adrp x0, f_cmp
	add x0, x0, :lo12:f_cmp
	bl printf
	// strchr and strnlen
	adrp x0, hello
	add x0, x0, :lo12:hello
	mov w1, #'w'
	bl strchr
	mov x1, x0
	adrp x0, f_str
	add x0, x0, :lo12:f_str
	bl printf
	adrp x0, hello
	add x0, x0, :lo12:hello
	mov x1, #4
	bl strnlen
	mov w1, w0
	adrp x0, f_len
	add x0, x0, :lo12:f_len
	bl printf
	// memmove with overlap both ways
	adrp x19, mbuf
	add x19, x19, :lo12:mbuf
	mov x0, x19
	adrp x1, digits
	add x1, x1, :lo12:digits
	mov x2, #11
	bl memcpy
	add x0, x19, #2
	mov x1, x19
	mov x2, #5
	bl memmove
	mov x0, x19
	add x1, x19, #3
	mov x2, #4
	bl memmove
	mov x1, x19
	adrp x0, f_str
	add x0, x0, :lo12:f_str
	bl printf
	// atoi
	adrp x0, n1
	add x0, x0, :lo12:n1
	bl atoi
	mov w19, w0
	adrp x0, n2
	add x0, x0, :lo12:n2
	bl atoi
	mov w20, w0
	adrp x0, n3
	add x0, x0, :lo12:n3
	bl atoi
	mov w3, w0
	mov w2, w20
	mov w1, w19
	adrp x0, f_atoi
	add x0, x0, :lo12:f_atoi
	bl printf
	mov w0, #0
	ldp x23, x24, [sp, #48]
	ldp x21, x22, [sp, #32]
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #64
	ret

// sum(n x0, p x1): the sum of n bytes
sum:
	mov w9, #0
1:	subs x0, x0, #1
	b.lt 2f
	ldrb w10, [x1, x0]
	add w9, w9, w10
	b 1b
2:	mov w0, w9
	ret

// sign(x w0): -1, 0 or 1
sign:
	cmp w0, #0
	cset w9, gt
	csinv w0, w9, wzr, ge
	ret

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
