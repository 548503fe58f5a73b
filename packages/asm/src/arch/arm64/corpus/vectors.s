// Exception vectors the way Linux builds them: a macro per entry, `.org .Lventry_start\@ + 128`
// pads each to 128 bytes after an `.align 7`; .equ offsets, .pushsection/.previous.
	.equ	S_X0, 0
	.equ	S_LR, 240
	.equ	PT_REGS_SIZE, 336
	.equ	THREAD_SHIFT, 14
	.macro	kernel_ventry, el:req, ht:req, regsize:req, label:req
	.align	7
.Lventry_start\@:
	.if	\el == 0
	b	.Lskip_tramp_vectors_cleanup\@
	.endif
.Lskip_tramp_vectors_cleanup\@:
	sub	sp, sp, #PT_REGS_SIZE
	add	sp, sp, x0
	sub	x0, sp, x0
	tbnz	x0, #THREAD_SHIFT, 0f
	sub	x0, sp, x0
	sub	sp, sp, x0
	b	el\el\ht\()_\regsize\()_\label
0:
	msr	tpidrro_el0, x0
	b	.
	.org	.Lventry_start\@ + 128
	.endm
	.text
	.align	11
vectors:
	kernel_ventry	1, t, 64, sync
	kernel_ventry	1, h, 64, irq
	kernel_ventry	0, t, 64, sync
	kernel_ventry	0, t, 32, irq
el1t_64_sync:
el1h_64_irq:
el0t_64_sync:
el0t_32_irq:
	stp	x0, x1, [sp, #16 * 0]
	str	x30, [sp, #S_LR]
	ldr	x0, [sp, #S_X0]
	msr	daifclr, #(8 | 4 | 1)
	msr	daifset, #0xf
	.rept	4
	nop
	.endr
	.pushsection ".entry.text", "ax"
	.balign	8
1:	.quad	1b
	.popsection
	.section	.rodata.str1.1,"aMS",@progbits,1
	.string	"abc"
	.previous
	ret
