// Instruction lists built by nested .macro/.irp/.rept/.ifc, the way GNU as's own aarch64
// testsuite writes them: extended and shifted register operands, every addressing mode of
// loads/stores and pairs, exclusives, LSE atomics, bitfield aliases, conditions.
	.text
	// a 64-bit add/sub takes Wm for every extend but UXTX/SXTX/LSL; `.exitm` leaves from
	// inside the conditionals
	.macro	addsub_ext op, rd, rn, ext, amount
	.ifnc	\ext, uxtx
	.ifnc	\ext, sxtx
	.ifnc	\ext, lsl
	.ifb	\amount
	\op	\rd, \rn, w9, \ext
	.else
	\op	\rd, \rn, w9, \ext #\amount
	.endif
	.exitm
	.endif
	.endif
	.endif
	.ifb	\amount
	\op	\rd, \rn, x9, \ext
	.else
	\op	\rd, \rn, x9, \ext #\amount
	.endif
	.endm

	.irp	op, add, adds, sub, subs
	.irp	ext, uxtb, uxth, uxtw, uxtx, sxtb, sxth, sxtw, sxtx
	.irp	amount, , 0, 1, 4
	addsub_ext \op, x3, sp, \ext, \amount
	addsub_ext \op, x3, x4, \ext, \amount
	.endr
	.endr
	addsub_ext \op, x5, sp, lsl, 3
	.endr

	.irp	op, cmp, cmn
	.irp	ext, uxtb, sxth, uxtw, sxtx
	\op	sp, w7, \ext #2
	\op	w6, w7, \ext
	.endr
	.endr

	.irp	op, add, adds, sub, subs, and, ands, orr, eor, bic, bics, orn, eon
	.irp	shift, lsl, lsr, asr
	.irp	amount, 0, 1, 31, 63
	\op	x1, x2, x3, \shift #\amount
	.endr
	\op	w1, w2, w3, \shift #31
	.endr
	.endr
	.irp	op, and, ands, orr, eor, bic, bics, orn, eon, mvn, tst
	.ifc	\op, mvn
	mvn	x0, x1, ror #7
	.else
	.ifc	\op, tst
	tst	w0, w1, ror #31
	.else
	\op	x0, x1, x2, ror #63
	.endif
	.endif
	.endr

	// loads and stores: every size, every addressing mode
	.macro	ldst op, reg, size
	\op	\reg\()7, [sp]
	\op	\reg\()7, [x8, #-256]
	\op	\reg\()7, [x8, #255]
	\op	\reg\()7, [x8, #(4095 * \size)]
	\op	\reg\()7, [x8, #\size]!
	\op	\reg\()7, [x8], #-\size
	\op	\reg\()7, [x8, x9]
	\op	\reg\()7, [x8, w9, uxtw]
	\op	\reg\()7, [x8, w9, sxtw #0]
	\op	\reg\()7, [x8, x9, sxtx]
	.endm
	ldst	strb, w, 1
	ldst	ldrb, w, 1
	ldst	ldrsb, x, 1
	ldst	ldrsb, w, 1
	ldst	strh, w, 2
	ldst	ldrh, w, 2
	ldst	ldrsh, x, 2
	ldst	ldrsh, w, 2
	ldst	str, w, 4
	ldst	ldr, w, 4
	ldst	ldrsw, x, 4
	ldst	str, x, 8
	ldst	ldr, x, 8
	.irp	op, ldr, str
	\op	x1, [x2, x3, lsl #3]
	\op	w1, [x2, w3, sxtw #2]
	\op	x1, [x2, #3]
	\op	x1, [x2, #-8]
	.endr

	.macro	pairs op, reg, size
	.irp	imm, -64, -1, 0, 63
	\op	\reg\()1, \reg\()2, [sp, #(\imm * \size)]
	\op	\reg\()1, \reg\()2, [x3, #(\imm * \size)]!
	\op	\reg\()1, \reg\()2, [x3], #(\imm * \size)
	.endr
	.endm
	pairs	stp, w, 4
	pairs	ldp, w, 4
	pairs	ldpsw, x, 4
	pairs	stp, x, 8
	pairs	ldp, x, 8
	ldnp	x1, x2, [x3, #-512]
	stnp	w1, w2, [sp, #252]

	.irp	op, ldxr, ldaxr, ldar, ldapr
	\op	x1, [x2]
	\op	w1, [sp, #0]
	\op\()b	w1, [x2]
	\op\()h	w1, [x2, 0]
	.endr
	.irp	op, stxr, stlxr
	\op	w0, x1, [x2]
	\op\()b	w0, w1, [sp]
	.endr
	.irp	op, ldxp, ldaxp
	\op	x0, x1, [x2]
	.endr
	.irp	op, stxp, stlxp
	\op	w0, x1, x2, [x3]
	.endr

	.irp	op, add, clr, eor, set, smax, smin, umax, umin
	.irp	order, , a, l, al
	ld\op\order	w0, w1, [x2]
	ld\op\order	x0, x1, [x2]
	.endr
	ld\op\()ab	w0, w1, [sp]
	ld\op\()lh	w0, w1, [x3]
	st\op	w0, [x2]
	st\op\()l	x0, [x2]
	.endr
	.irp	order, , a, l, al
	swp\order	x0, x1, [x2]
	cas\order\()h	w0, w1, [x2]
	casp\order	x0, x1, x2, x3, [x4]
	.endr

	// bitfields through their aliases
	.irp	op, sbfiz, sbfx, bfi, bfxil, ubfiz, ubfx
	.irp	lsb, 0, 1, 31
	\op	w0, w1, #\lsb, #1
	\op	x0, x1, #\lsb, #(64 - \lsb)
	.endr
	.endr
	.irp	op, asr, lsr, lsl, ror
	\op	w0, w1, #0
	\op	x0, x1, #63
	\op	x0, x1, x2
	.endr
	.irp	op, sxtb, sxth, uxtb, uxth
	\op	w0, w1
	.endr
	sxtw	x0, w1

	// every condition in every conditional form
	.irp	cond, eq, ne, cs, hs, cc, lo, mi, pl, vs, vc, hi, ls, ge, lt, gt, le
	b.\cond	1f
	csel	x0, x1, x2, \cond
	cset	w0, \cond
	cinc	x0, x1, \cond
	ccmp	x0, #31, #15, \cond
1:
	.endr

	.rept	3
	nop
	.endr
