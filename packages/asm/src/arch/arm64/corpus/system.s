// System code: TLS and GOT sequences, every barrier, hint and cache/TLB maintenance form,
// mrs/msr on the registers kernels use, LSE atomics and prefetches.
	.text
	.global	f
	.type	f, %function
	.p2align 4
f:
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	str	x19, [sp, 16]
	mov	x19, x0
	adrp	x0, gvar
	add	x0, x0, :lo12:gvar
	ldr	x1, [x0, :lo12:gvar]
	ldr	w1, [x0, #:lo12:gvar]
	adrp	x2, :got:gvar
	ldr	x2, [x2, :got_lo12:gvar]
	ldr	x2, [x2, #:got_lo12:gvar]
	mrs	x3, tpidr_el0
	add	x3, x3, :tprel_hi12:tvar, lsl #12
	add	x3, x3, :tprel_lo12_nc:tvar
	add	x3, x3, #:tprel_lo12:tvar
	adrp	x0, :tlsdesc:tvar
	ldr	x1, [x0, :tlsdesc_lo12:tvar]
	add	x0, x0, :tlsdesc_lo12:tvar
	.tlsdesccall tvar
	blr	x1
	adrp	x0, :gottprel:tvar
	ldr	x0, [x0, :gottprel_lo12:tvar]
	movz	x0, #:tprel_g1:tvar
	movk	x0, #:tprel_g0_nc:tvar
	ldr	x0, =gvar
	ldr	w0, =0x12345678
	ldr	x0, =0x123456789abcdef0
	movz	x0, #:abs_g1:gvar
	movk	x0, #:abs_g0_nc:gvar
	.inst	0xd503201f
	cbz	w0, 1f
	b	1f
1:	cbnz	x0, 1b
	tbnz	x0, #63, 1b
	tbz	w0, 3, 1b
	ret
	ret	x1
	br	x16
	blr	x8
	svc	#0
	svc	0
	hvc	#0
	brk	#0x3e8
	brk	1000
	dmb	ish
	dmb	ishld
	dsb	sy
	dsb	ish
	isb
	isb	sy
	dmb	#11
	dsb	#0xc
	mrs	x0, cntvct_el0
	mrs	x0, cntfrq_el0
	msr	tpidr_el0, x0
	mrs	x0, midr_el1
	msr	daifset, #2
	msr	daifclr, #0xf
	mrs	x1, currentel
	msr	sctlr_el1, x0
	msr	spsr_el1, x0
	msr	elr_el1, x0
	mrs	x0, esr_el1
	mrs	x0, far_el1
	msr	vbar_el1, x0
	msr	ttbr0_el1, x0
	msr	ttbr1_el1, x0
	msr	tcr_el1, x0
	msr	mair_el1, x0
	mrs	x0, id_aa64mmfr0_el1
	mrs	x0, id_aa64isar0_el1
	mrs	x0, id_aa64pfr0_el1
	msr	sp_el0, x0
	mrs	x0, sp_el0
	msr	cpacr_el1, x0
	msr	cntv_ctl_el0, x0
	msr	cntv_cval_el0, x0
	msr	cntkctl_el1, x0
	mrs	x0, mpidr_el1
	msr	cntp_ctl_el0, x0
	msr	cntp_tval_el0, x0
	mrs	x0, ctr_el0
	mrs	x0, dczid_el0
	mrs	x0, fpcr
	msr	fpsr, x0
	mrs	x0, nzcv
	mrs	x0, daif
	msr	daif, x0
	mrs	x0, tpidrro_el0
	msr	tpidr_el1, x0
	mrs	x0, par_el1
	msr	contextidr_el1, x0
	msr	mdscr_el1, x0
	msr	oslar_el1, x0
	msr	spsel, #1
	mrs	x0, s3_0_c0_c0_0
	msr	s3_3_c4_c2_0, x0
	msr	hcr_el2, x0
	msr	vbar_el2, x0
	msr	sctlr_el2, x0
	msr	elr_el2, x0
	msr	spsr_el2, x0
	mrs	x0, esr_el2
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, x0
	msr	vttbr_el2, x0
	msr	vpidr_el2, x0
	msr	vmpidr_el2, x0
	msr	scr_el3, x0
	msr	sp_el1, x0
	msr	actlr_el1, x0
	msr	amair_el1, x0
	msr	pmcr_el0, x0
	mrs	x0, pmccntr_el0
	msr	pmuserenr_el0, x0
	msr	cntp_cval_el0, x0
	mrs	x0, cntpct_el0
	mrs	x0, id_aa64dfr0_el1
	mrs	x0, id_aa64mmfr1_el1
	mrs	x0, id_aa64mmfr2_el1
	mrs	x0, id_aa64isar1_el1
	mrs	x0, revidr_el1
	mrs	x0, clidr_el1
	mrs	x0, ccsidr_el1
	msr	csselr_el1, x0
	mrs	x0, isr_el1
	mrs	x0, rmr_el1
	msr	osdlr_el1, x0
	mrs	x0, mdccsr_el0
	ldaxr	w1, [x0]
	stlxr	w2, w1, [x0]
	ldadd	w1, w2, [x0]
	ldaddal	x1, x2, [x0]
	casal	x1, x2, [x0]
	swpal	w1, w2, [x0]
	stadd	w1, [x0]
	prfm	pldl1keep, [x1, #64]
	prfm	pldl1strm, [x1]
	prfm	pstl2keep, [x1, #-8]
	prfm	#5, [x1]
	prfm	plil1keep, [x1]
	sub	sp, sp, #16
	add	sp, sp, #0x10
	sxtw	x0, w0
	uxtw	x0, w0
	and	x0, x0, #0xff
	ubfx	x1, x0, #4, #8
	lsr	x0, x0, #3
	cset	w0, ne
	cneg	x0, x0, mi
	umulh	x0, x1, x2
	rev	x0, x0
	ldrb	w1, [x0], #1
	strb	w1, [x0], #1
	ldr	w1, [x0, x2, lsl #2]
	ldr	x1, [x0, w2, sxtw #3]
	ldrb	w0, [x1, x2]
	ldnp	x0, x1, [x2, #16]
	bti	c
	paciasp
	autiasp
	hint	#34
	mov	x0, #-1
	mov	w0, #0xffffffff
	mov	x0, #0x10000
	mov	w0, wzr
	movk	x0, #0x1234, lsl #16
	cmp	x0, #-1
	ands	x0, x1, #7
	ldr	x0, [x1, #-8]
	ccmp	x0, x1, #4, ne
	tst	w0, #1
	adr	x0, 1b
	b.hs	1b
	b.lo	1b
	bhs	1b
	blo	1b
	b.cs	1b
	bcc	1b
	yield
	wfe
	sev
	sevl
	wfi
	nop
	ic	ivau, x0
	dc	cvau, x0
	dc	zva, x0
	dc	civac, x0
	dc	cvap, x0
	tlbi	vmalle1is
	tlbi	vae1is, x0
	tlbi	vale1is, x0
	tlbi	aside1is, x0
	at	s1e1r, x0
	eret
	mov	x0, #(1 << 12)
	add	x0, x0, #1, lsl #12
	and	w0, w0, #~3
	bic	x0, x0, #0xfff
	orr	w0, wzr, #1
	stlr	w0, [x1]
	ldapr	w0, [x1]
	lsl	x0, x1, x2
	mov	x0, x1
	mvn	w0, w1
	neg	x0, x1
	ngc	x0, x1
	mov	w1, #'a'
	mov	x16, #0x10000 - 1
	ldr	x0, [x0, #:dtprel_lo12:tvar]
	add	x0, x0, #:dtprel_hi12:tvar, lsl #12
	ldr	x0, [x1, #:lo12:gvar + 8]
	csdb
	esb
	ssbb
	pssbb
	sb
	clrex
	clrex	#5
	dsb	nsh
	dmb	oshst
	hlt	#0
	udf	#0
	dcps1
	.size	f, .-f
	.data
gvar:	.xword	0
	.word	gvar - .
	.section .tbss,"awT",%nobits
tvar:	.space 8
