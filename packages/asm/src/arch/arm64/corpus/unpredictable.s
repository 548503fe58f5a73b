// CONSTRAINED UNPREDICTABLE operand combinations GNU as assembles with a warning (Arm ARM
// K1.2): vasm must assemble the same words and warn on the same lines.
	.text
	ldpsw x0, x0, [x1]
	ldpsw x1, x2, [x1, #8]!
	ldxp x0, x0, [x1]
	ldaxp w0, w0, [x1]
	stxp w0, x0, x1, [x2]
	stxr w1, w1, [x2]
	stxr w1, w2, [x1]
	ldp x0, x1, [x0]
	stp x0, x0, [x0, #16]!
	ldr x0, [x0, x0]
	ldp w0, w0, [sp, #8]!
	casp x0, x1, x0, x1, [x0]
	ldtr x0, [x0]
	ldp	x0, x0, [sp], #16
	ldnp	x0, x0, [sp]
	str	x1, [x1], #8
	ldp	x0, x1, [x1], #16
	stp	x2, x2, [sp, #32]!
	ldrb	w2, [x2], #16
	ldrsw	x4, [x4], #16
	strb	wzr, [sp], #16
	str	xzr, [x3, #8]!
	stlxrb	w3, w3, [x4]
	stlxp	w5, x4, x5, [x6]
	ldaxp	x7, x7, [sp]
	stxr	wzr, x1, [sp]
	// GNU as also warns on writing a read-only and reading a write-only system register
	msr	midr_el1, x0
	msr	currentel, x1
	msr	cntpct_el0, x2
	mrs	x3, oslar_el1
	mrs	x4, icc_eoir1_el1
	mrs	x5, dbgdtrtx_el0
	msr	dbgdtrtx_el0, x5
	mrs	x5, dbgdtrrx_el0
	msr	dbgdtrrx_el0, x5
