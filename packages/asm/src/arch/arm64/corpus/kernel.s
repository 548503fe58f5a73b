// Kernel-style AArch64: exception vectors, EL1/EL2 system registers, bit manipulation,
// literal pools and data directives.
	.text
vectors:
	.align	11
	.rept	16
	b	.
	.balign	128
	.endr

kernel_entry:
	sub	sp, sp, #272
	stp	x0, x1, [sp, #16 * 0]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x21, sp_el0
	mrs	x22, elr_el1
	mrs	x23, spsr_el1
	stp	x30, x21, [sp, #240]
	stp	x22, x23, [sp, #256]
	mrs	x25, esr_el1
	lsr	x24, x25, #26
	cmp	x24, #0x15
	b.eq	el0_svc
	ubfx	x24, x25, #26, #6
	tst	x25, #(1 << 24)
	and	x26, x25, #0xffff
	bic	x27, x26, #0xf
	orr	x27, x27, #0x3c0
	eor	x27, x27, #0xff00
	mov	x0, #0x3c5
	msr	spsr_el1, x0
	adr	x0, vectors
	msr	vbar_el1, x0
	isb
	ldr	x0, =0x30d00800
	msr	sctlr_el1, x0
	mov	x0, #(1 << 31)
	msr	hcr_el2, x0
	mov	x1, #0xffff0000ffff0000
	movk	x1, #0xbeef, lsl #16
	mov	w2, #-1
	mov	x3, #0x7fffffffffffffff
	mov	w4, #0x80000000
	cmn	x0, #1
	ccmn	x0, #2, #4, ne
	ccmp	x1, x2, NzCv, GE
	ccmn	w1, #3, nzcv, eq
	csinc	x0, x1, x2, hs
	adds	x0, x0, x1, lsl #2
	sub	x0, x0, w1, sxtw
	add	x0, sp, x1
	add	sp, x0, #8
	cmp	sp, x1
	neg	w0, w1, lsr #3
	mul	x0, x1, x2
	smull	x0, w1, w2
	umulh	x0, x0, x1
	madd	w0, w1, w2, w3
	sdiv	w0, w0, w1
	clz	w0, w0
	rbit	x0, x0
	rev16	w0, w0
	rev32	x0, x0
	extr	x0, x1, x2, #17
	ror	w0, w1, #7
	sbfiz	x0, x1, #3, #12
	bfi	w0, w1, #8, #4
	bfxil	x0, x1, #16, #16
	sxtb	x0, w1
	sxth	w0, w1
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x28, x29, [sp, #16 * 14]
	add	sp, sp, #272
	eret
el0_svc:
	ldr	x16, [x27, x26, lsl #3]
	blr	x16
	ldrsb	x0, [x1, #-1]
	ldrsh	w0, [x1, x2, lsl #1]
	ldr	x0, [x1, w2, uxtw #3]
	str	w0, [x1, #4095 * 4]
	stur	x0, [x1, #-256]
	prfm	pldl1keep, [x1, #256]
	b	el0_svc
	.ltorg
	.data
	.balign 8
tbl:	.xword	el0_svc, kernel_entry
	.word	el0_svc - tbl
	.hword	1, 2
	.byte	3
	.quad	0x1122334455667788
	.dword	-1
	.section .rodata
	.asciz	"hello"
	.string	"x"
