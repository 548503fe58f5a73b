// Lines GNU as rejects, one per line, mixed with good ones: vasm must reject exactly these
// lines, each with file:line:col, the line and a caret, all in one run.
	.text
	add	x0, x1, #4096
	add	x0, x1
	add	w0, x1, w2
	add	x0, x1, x2, ror #3
	add	x0, x1, w2, lsl #2
	adds	sp, x1, #1
	sub	x0, x1, #-5000
	mov	w0, x1
	mov	x0, #0x123456789
	mov	w0, #0x100000000
	movz	x0, #1, lsl #8
	movz	w0, #1, lsl #32
	movk	x0, #0x10000
	and	x0, x1, #0
	and	w0, w1, #0x100000000
	orr	x0, x1, #0x12345
	lsl	x0, x1, #64
	lsr	w0, w1, #32
	ubfx	x0, x1, #60, #8
	bfi	w0, w1, #0, #33
	ldr	x0, [x1, #3]!
	ldr	x0, [x1, #4096]
	ldr	x0, [x1, #-257]
	ldr	x0, [x1, x2, lsl #2]
	ldr	w0, [x1, w2, lsl #2]
	ldrb	w0, [x1, x2, lsl #1]
	ldr	x0, [w1]
	ldr	x0, [x1, sp]
	str	x0, [x1], #256
	ldp	x0, x1, [x2, #4]
	ldp	x0, x1, [x2, #512]
	ldp	w0, x1, [x2]
	ldpsw	w0, w1, [x2]
	stxr	x0, x1, [x2]
	ldxr	x0, [x1, #8]
	ldaxp	x0, w1, [x2]
	casp	x1, x2, x4, x5, [x0]
	casp	x0, x2, x4, x5, [x0]
	ldadd	w0, x1, [x2]
	cset	x0, al
	csel	x0, x1, w2, eq
	ccmp	x0, #32, #0, eq
	ccmp	x0, x1, #16, ne
	b.foo	1f
	cbz	sp, 1f
	tbz	w0, #32, 1f
	tbnz	x0, #64, 1f
	svc	#0x10000
	brk	#-1
	hint	#128
	dmb	#16
	dsb	foo
	isb	#16
	clrex	#16
	msr	daifset, #16
	msr	spsel, #2
	msr	no_such_reg, x0
	mrs	x0, no_such_reg
	mrs	w0, tpidr_el0
	msr	s4_0_c0_c0_0, x0
	sys	#8, c1, c1, #1
	sys	#0, c16, c1, #1
	tlbi	vmalle1, x0
	tlbi	vae1
	dc	zva
	ic	iallu, x1
	prfm	pldl4keep, [x1]
	prfm	#32, [x1]
	ret	w1
	br	sp
	blr	xzr
	adr	x0, :lo12:sym
	adrp	x0, :lo12:sym
	ldr	x0, :lo12:sym
	add	x0, x0, #:got:sym
	adds	x0, x0, #:lo12:sym
	movk	x0, #:abs_g0_s:sym
	movz	w0, #:abs_g2:sym
	ldr	x0, [x0, #:nosuch:sym]
	b	:got:sym
	str	x0, =5
	ldrsw	w0, =5
	rev32	w0, w1
	rev	w0, x1
	crc32x	w0, w1, w2
	smull	x0, x1, x2
	umulh	w0, w1, w2
	madd	x0, x1, x2, w3
	sxtw	w0, w1
	neg	sp, x1
	cmp	x0, w1
	tst	sp, #1
	mvn	x0, sp
	extr	x0, x1, x2, #64
	ror	x0, x1, #64
	frobnicate	x0
	ldr	x0, [x1
	add	x0, x1, #(1 +
1:	nop
orgbase:	nop
	.org	orgbase + 16
	.org	orgbase + 8
	ret
