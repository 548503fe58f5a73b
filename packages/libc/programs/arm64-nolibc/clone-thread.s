// clone(2) for a thread on arm64, without libc: the child must see x0 = 0, sp = the stack it
// was given, TPIDR_EL0 = tls, the parent's other registers (x19, x20), and run on from the
// instruction after the svc; the parent gets the child's tid, also in *parent_tid; the kernel
// clears *child_tid and wakes it at the child's exit. The exit status is the bitmask of checks
// that held (63 = all).
	.text
	.globl _start
_start:
	adrp x20, area
	add x20, x20, :lo12:area        // results at area+0.., the tid words at +64/+68
	movz x19, #0x1234
	movk x19, #0x5678, lsl #32
	adrp x1, stack_top
	add x1, x1, :lo12:stack_top
	mov x21, x1
	adrp x3, tls_block
	add x3, x3, :lo12:tls_block
	mov w0, #0x0f00
	movk w0, #0x3d, lsl #16         // CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
	add x2, x20, #64                // parent_tid
	add x4, x20, #68                // child_tid
	mov w9, #-1
	str w9, [x20, #68]
	mov x8, #220
	svc #0
	cbz x0, child
	mov x22, x0                     // the child's tid
1:	ldr w2, [x20, #68]              // wait for the kernel to clear child_tid
	cbz w2, 2f
	add x0, x20, #68
	mov w1, #0                      // FUTEX_WAIT
	mov x3, #0
	mov x8, #98
	svc #0
	b 1b
2:	ldr w9, [x20, #64]              // *parent_tid == the returned tid
	cmp w9, w22
	cset w10, eq
	ldp w11, w12, [x20]             // the child's checks
	ldp w13, w14, [x20, #8]
	ldr w15, [x20, #16]
	add w0, w10, w11, lsl #1
	add w0, w0, w12, lsl #2
	add w0, w0, w13, lsl #3
	add w0, w0, w14, lsl #4
	add w0, w0, w15, lsl #5
	mov x8, #94                     // exit_group(mask)
	svc #0
child:
	cmp x0, #0
	cset w9, eq
	str w9, [x20]
	mov x9, sp
	cmp x9, x21
	cset w9, eq
	str w9, [x20, #4]
	mrs x9, tpidr_el0
	adrp x10, tls_block
	add x10, x10, :lo12:tls_block
	cmp x9, x10
	cset w9, eq
	str w9, [x20, #8]
	movz x10, #0x1234
	movk x10, #0x5678, lsl #32
	cmp x19, x10
	cset w9, eq
	str w9, [x20, #12]
	adrp x10, area
	add x10, x10, :lo12:area
	cmp x20, x10
	cset w9, eq
	str w9, [x20, #16]
	mov x0, #0
	mov x8, #93                     // exit: this thread only
	svc #0
	.bss
	.p2align 4
area:	.zero 128
tls_block: .zero 64
	.p2align 4
stack:	.zero 4096
stack_top:
