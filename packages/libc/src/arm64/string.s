// String and memory functions for ARM64 (string(3), ISO C §7.24): byte loops, simple and
// obviously correct rather than fast. Comparisons are of unsigned char, as C requires; the
// result's sign is what callers may rely on. Leaf functions: only x0–x5 and x9–x11 are used
// (caller-saved under AAPCS64 §6.1.1).

	.text
	.globl strlen
	.type strlen, %function
strlen:
	mov x9, x0
1:	ldrb w10, [x9]
	cbz w10, 2f
	add x9, x9, #1
	b 1b
2:	sub x0, x9, x0
	ret
	.size strlen, .-strlen

	.globl strnlen
	.type strnlen, %function
strnlen:
	mov x9, #0
1:	cmp x9, x1
	b.hs 2f
	ldrb w10, [x0, x9]
	cbz w10, 2f
	add x9, x9, #1
	b 1b
2:	mov x0, x9
	ret
	.size strnlen, .-strnlen

	.globl strcmp
	.type strcmp, %function
strcmp:
1:	ldrb w9, [x0], #1
	ldrb w10, [x1], #1
	subs w11, w9, w10
	b.ne 2f
	cbnz w10, 1b
2:	mov w0, w11
	ret
	.size strcmp, .-strcmp

	.globl strncmp
	.type strncmp, %function
strncmp:
	mov w11, #0
1:	cbz x2, 2f
	ldrb w9, [x0], #1
	ldrb w10, [x1], #1
	subs w11, w9, w10
	b.ne 2f
	cbz w10, 2f
	sub x2, x2, #1
	b 1b
2:	mov w0, w11
	ret
	.size strncmp, .-strncmp

	.globl strcpy
	.type strcpy, %function
strcpy:
	mov x9, #0
1:	ldrb w10, [x1, x9]
	strb w10, [x0, x9]
	add x9, x9, #1
	cbnz w10, 1b
	ret
	.size strcpy, .-strcpy

	.globl strchr
	.type strchr, %function
strchr:
	and w1, w1, #0xff
1:	ldrb w9, [x0]
	cmp w9, w1
	b.eq 2f
	cbz w9, 3f
	add x0, x0, #1
	b 1b
2:	ret
3:	mov x0, #0
	ret
	.size strchr, .-strchr

	.globl memcpy
	.type memcpy, %function
memcpy:
	mov x9, #0
1:	cmp x9, x2
	b.hs 2f
	ldrb w10, [x1, x9]
	strb w10, [x0, x9]
	add x9, x9, #1
	b 1b
2:	ret
	.size memcpy, .-memcpy

// memmove: copy backwards when the destination starts above the source.
	.globl memmove
	.type memmove, %function
memmove:
	cmp x0, x1
	b.ls 3f
	mov x9, x2
1:	cbz x9, 2f
	sub x9, x9, #1
	ldrb w10, [x1, x9]
	strb w10, [x0, x9]
	b 1b
2:	ret
3:	mov x9, #0
4:	cmp x9, x2
	b.hs 2b
	ldrb w10, [x1, x9]
	strb w10, [x0, x9]
	add x9, x9, #1
	b 4b
	.size memmove, .-memmove

	.globl memset
	.type memset, %function
memset:
	mov x9, #0
1:	cmp x9, x2
	b.hs 2f
	strb w1, [x0, x9]
	add x9, x9, #1
	b 1b
2:	ret
	.size memset, .-memset

	.globl memcmp
	.type memcmp, %function
memcmp:
	mov x9, #0
	mov w11, #0
1:	cmp x9, x2
	b.hs 2f
	ldrb w10, [x0, x9]
	ldrb w11, [x1, x9]
	add x9, x9, #1
	subs w11, w10, w11
	b.eq 1b
2:	mov w0, w11
	ret
	.size memcmp, .-memcmp
