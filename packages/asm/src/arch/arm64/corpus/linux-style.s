// Linux-kernel-style AArch64 (arch/arm64 assembler.h idioms): `.macro name, args` with a
// comma after the name, .equ-built register numbers under .inst, adrp/:lo12: address macros,
// alternative-instruction sections with .pushsection and numeric labels, constant expressions.
	.irp	num,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	.equ	.L__gpr_num_x\num, \num
	.equ	.L__gpr_num_w\num, \num
	.endr
	.equ	.L__gpr_num_xzr, 31
	.equ	.L__gpr_num_wzr, 31
	.macro	msr_s, sreg, rt
	.inst	0xd5000000|(\sreg)|(.L__gpr_num_\rt)
	.endm
	.macro	mrs_s, rt, sreg
	.inst	0xd5200000|(\sreg)|(.L__gpr_num_\rt)
	.endm
	.macro	adr_l, dst, sym
	adrp	\dst, \sym
	add	\dst, \dst, :lo12:\sym
	.endm
	.macro	ldr_l, dst, sym, tmp=
	.ifb	\tmp
	adrp	\dst, \sym
	ldr	\dst, [\dst, :lo12:\sym]
	.else
	adrp	\tmp, \sym
	ldr	\dst, [\tmp, :lo12:\sym]
	.endif
	.endm
	.macro	this_cpu_offset, dst
	mrs	\dst, tpidr_el1
	.endm
	.macro	get_current_task, rd
	mrs	\rd, sp_el0
	.endm
	.macro	alternative_insn insn1, insn2
661:	\insn1
662:	.pushsection .altinstructions, "a"
	.word	661b - .
	.word	663f - .
	.hword	5
	.byte	662b-661b
	.byte	664f-663f
	.popsection
	.pushsection .altinstr_replacement, "ax"
663:	\insn2
664:	.popsection
	.endm
	.text
	.globl	entry
entry:
	msr_s	(3 << 19) | (0 << 16) | (4 << 12) | (6 << 8) | (0 << 5), x0
	mrs_s	x1, (3 << 19) | (3 << 16) | (13 << 12) | (0 << 8) | (2 << 5)
	adr_l	x2, data_sym
	ldr_l	x3, data_sym
	ldr_l	w4, data_sym, x5
	this_cpu_offset x6
	get_current_task x7
	alternative_insn "dc cvac, x0", "dc civac, x0"
	alternative_insn nop, "isb"
	.L__lbl:
	b	.L__lbl
	tbnz	x0, #(63), entry
	ubfx	x0, x1, #(12), #(52 - 12)
	and	x0, x0, #((1 << 48) - 1)
	orr	x0, x0, #(1 << 10) | (3 << 8)
	mov	x0, #((1 << 12) - 1)
	movz	x0, #(0x1234 >> 0) & 0xffff
	lsl	x0, x0, #(64 - 48)
	.data
data_sym:	.quad	0
