// Hand-written libc-style AArch64 (register aliases, numeric labels, macros with \@,
// exclusives, system calls): every line must assemble as GNU as assembles it.
	.text
	.balign	16
	.global	memcpy_like
	.type	memcpy_like,%function
memcpy_like:
	dst	.req	x0
	src	.req	x1
	count	.req	x2
	tmp1	.req	x3
	tmp1w	.req	w3
	mov	tmp1, dst
	cbz	count, 2f
1:	ldrb	tmp1w, [src], #1
	strb	tmp1w, [dst], #1
	subs	count, count, #1
	b.ne	1b
2:	ret
	.unreq	dst
	.unreq	src
	.size	memcpy_like, .-memcpy_like

	.macro	SAVE_REGS base
	stp	x0, x1, [\base, #16 * 0]
	stp	x2, x3, [\base, #16 * 1]
	.endm
	.macro	lbl
	b	.Lx\@
.Lx\@:	nop
	.endm

	.globl	__clone
	.type	__clone,%function
__clone:
	and	x1, x1, #-16
	stp	x0, x3, [x1, #-16]!
	uxtw	x0, w2
	mov	x2, x4
	mov	x3, x5
	mov	x4, x6
	mov	x8, #220
	svc	#0
	cbz	x0, 1f
	ret
1:	ldp	x1, x0, [sp], #16
	blr	x1
	mov	x8, #93
	svc	#0
	SAVE_REGS sp
	lbl
	lbl

	.global	__syscall_cp_asm
__syscall_cp_asm:
	ldr	w0, [x0]
	cbnz	w0, __cp_cancel
	mov	x8, x1
	mov	x0, x2
	mov	x1, x3
	svc	0
	ret
__cp_cancel:
	b	__cancel

	.global	__set_thread_area
__set_thread_area:
	msr	tpidr_el0, x0
	mov	w0, #0
	ret

	.global sigsetjmp
sigsetjmp:
	cbz	x1, setjmp
	str	x30, [x0, #176]
	str	x19, [x0, #176+8+8]
	mov	x19, x0
	bl	setjmp
	mov	w1, w0
	mov	x0, x19
	ldr	x30, [x0, #176]
	ldr	x19, [x0, #176+8+8]
	b	__sigsetjmp_tail
setjmp:
	stp	x19, x20, [x0, #0]
	stp	x21, x22, [x0, #16]
	stp	x29, x30, [x0, #80]
	mov	x2, sp
	str	x2, [x0, #104]
	mov	x0, #0
	ret

	.global dlsym
dlsym:
	mov	x2, x30
	b	__dlsym

	.global __restore_rt
__restore_rt:
	mov	x8, #139
	svc	0

	.global a_cas_like
a_cas_like:
1:	ldaxr	w3, [x0]
	cmp	w3, w1
	b.ne	2f
	stlxr	w4, w2, [x0]
	cbnz	w4, 1b
2:	mov	w0, w3
	dmb	ish
	ret

