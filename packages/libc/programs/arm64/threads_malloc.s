// malloc and free from two threads at once: each thread keeps 8 live blocks, and 3000 times
// checks the oldest block still holds its own tag bytes, frees it and allocates a new one of
// another size (16..304 bytes) filled with its tag. If two threads were ever handed the same
// block (a race on the free list), one would find the other's tag. Printed: the bad bytes
// seen (0) and the checks made, the same with glibc and with vsys libc.
	.set ROUNDS, 3000
	.text
	.globl main
main:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	adrp x19, vars
	add x19, x19, :lo12:vars
	mov x0, x19                     // &tid_a
	mov x1, #0
	adrp x2, worker
	add x2, x2, :lo12:worker
	mov x3, #0xa1
	bl pthread_create
	add x0, x19, #8                 // &tid_b
	mov x1, #0
	adrp x2, worker
	add x2, x2, :lo12:worker
	mov x3, #0xb2
	bl pthread_create
	ldr x0, [x19]
	mov x1, #0
	bl pthread_join
	ldr x0, [x19, #8]
	mov x1, #0
	bl pthread_join
	ldr w1, [x19, #16]
	ldr w2, [x19, #20]
	adrp x0, f_done
	add x0, x0, :lo12:f_done
	bl printf
	mov w0, #0
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #32
	ret

// worker(tag): x19 tag, x20 round, x21 the ring of 8 blocks (on this thread's stack), x22 bad
// bytes, x23 checks.
worker:
	stp x29, x30, [sp, #-128]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	stp x21, x22, [sp, #32]
	stp x23, x24, [sp, #48]
	mov x19, x0
	add x21, sp, #64
	stp xzr, xzr, [x21]
	stp xzr, xzr, [x21, #16]
	stp xzr, xzr, [x21, #32]
	stp xzr, xzr, [x21, #48]
	mov x20, #0
	mov x22, #0
	mov x23, #0
1:	and x9, x20, #7
	ldr x0, [x21, x9, lsl #3]       // the oldest block: check and free it
	cbz x0, 3f
	ldr x10, [x0]
	mov x11, #8
2:	cmp x11, x10
	b.hs 4f
	ldrb w12, [x0, x11]
	cmp w12, w19, uxtb
	b.eq 5f
	add x22, x22, #1
5:	add x11, x11, #1
	b 2b
4:	add x23, x23, #1
	bl free
3:	mov x9, #37                     // the next size: 16 + (round % 37) * 8
	udiv x10, x20, x9
	msub x10, x10, x9, x20
	lsl x10, x10, #3
	add x24, x10, #16
	mov x0, x24
	bl malloc
	and x9, x20, #7
	str x0, [x21, x9, lsl #3]
	str x24, [x0]                   // size, then tag bytes
	add x0, x0, #8
	mov w1, w19
	sub x2, x24, #8
	bl memset
	add x20, x20, #1
	cmp x20, #ROUNDS
	b.lo 1b
	mov x20, #0                     // free the last 8
6:	ldr x0, [x21, x20, lsl #3]
	bl free
	add x20, x20, #1
	cmp x20, #8
	b.lo 6b
	adrp x9, vars
	add x9, x9, :lo12:vars
	add x9, x9, #16
7:	ldaxr w10, [x9]                 // bad bytes and checks into the shared totals
	add w10, w10, w22
	stlxr w11, w10, [x9]
	cbnz w11, 7b
	add x9, x9, #4
8:	ldaxr w10, [x9]
	add w10, w10, w23
	stlxr w11, w10, [x9]
	cbnz w11, 8b
	mov x0, #0
	ldp x23, x24, [sp, #48]
	ldp x21, x22, [sp, #32]
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #128
	ret

	.section .rodata
f_done:	.asciz "bad bytes %d, blocks checked %d\n"
	.bss
	.p2align 3
vars:	.zero 32                    // 0 tid_a, 8 tid_b, 16 bad bytes, 20 checks
