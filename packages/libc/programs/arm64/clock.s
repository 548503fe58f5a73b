// Time through libc (the vDSO when there is one): clock_gettime on MONOTONIC ten times (never
// going backwards), REALTIME against time() and gettimeofday(), a COARSE clock, a CPU-time
// clock (always a system call), an invalid clock (EINVAL), clock_getres. Only facts that hold
// on any run are printed, so glibc under qemu-aarch64 and vsys libc under vrun print the same.
// clock_gettime system calls made: 2 with a vDSO (clocks 2 and 99), 16 without (arm64 has no
// time(2): time() is clock_gettime(CLOCK_REALTIME_COARSE)); gettimeofday 0 or 1.
	.text
	.globl main
main:
	stp x29, x30, [sp, #-48]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	stp x21, x22, [sp, #32]
	adrp x22, ts
	add x22, x22, :lo12:ts          // x22: ts, then tv (+16), tz (+32), res (+48), prev (+64)
	mov w21, #1                     // still monotonic?
	mov w20, #0
	movz x19, #0xca00
	movk x19, #0x3b9a, lsl #16      // 1e9
1:	mov w0, #1                      // CLOCK_MONOTONIC
	mov x1, x22
	bl clock_gettime
	cbnz w0, 9f
	ldp x9, x10, [x22]              // ns = sec * 1e9 + nsec
	madd x9, x9, x19, x10
	ldr x11, [x22, #64]
	cmp x9, x11
	b.hs 2f
	mov w21, #0
2:	str x9, [x22, #64]
	cmp x10, x19
	b.lo 3f
	mov w21, #0
3:	add w20, w20, #1
	cmp w20, #10
	b.lo 1b
	adrp x0, f_mono
	add x0, x0, :lo12:f_mono
	mov w1, w21
	bl printf
	// REALTIME vs time(): within a second
	mov w0, #0
	mov x1, x22
	bl clock_gettime
	mov w20, w0
	mov x0, #0
	bl time
	ldr x9, [x22]
	sub x0, x0, x9
	cmp x0, #1
	cset w2, ls
	mov w1, w20
	adrp x0, f_real
	add x0, x0, :lo12:f_real
	bl printf
	// time(&t) stores the same value it returns
	add x0, x22, #80
	bl time
	ldr x9, [x22, #80]
	cmp x0, x9
	cset w1, eq
	adrp x0, f_timep
	add x0, x0, :lo12:f_timep
	bl printf
	// gettimeofday: usec below a million, seconds within one of time()
	add x0, x22, #16
	add x1, x22, #32
	bl gettimeofday
	mov w20, w0
	mov x0, #0
	bl time
	ldr x9, [x22, #16]
	sub x0, x0, x9
	cmp x0, #1
	cset w2, ls
	ldr x9, [x22, #24]
	movz x10, #0x4240
	movk x10, #0xf, lsl #16         // 1e6
	cmp x9, x10
	cset w3, lo
	mov w1, w20
	adrp x0, f_tod
	add x0, x0, :lo12:f_tod
	bl printf
	// a coarse clock
	mov w0, #6                      // CLOCK_MONOTONIC_COARSE
	mov x1, x22
	bl clock_gettime
	mov w1, w0
	ldr x9, [x22, #8]
	cmp x9, x19
	cset w2, lo
	adrp x0, f_coarse
	add x0, x0, :lo12:f_coarse
	bl printf
	// clock_getres(MONOTONIC) = 1 ns
	mov w0, #1
	add x1, x22, #48
	bl clock_getres
	mov w1, w0
	ldp x2, x3, [x22, #48]
	adrp x0, f_res
	add x0, x0, :lo12:f_res
	bl printf
	// CPU time of the process: a system call in both worlds
	mov w0, #2
	mov x1, x22
	bl clock_gettime
	mov w1, w0
	adrp x0, f_cpu
	add x0, x0, :lo12:f_cpu
	bl printf
	// an invalid clock id
	mov w0, #99
	mov x1, x22
	bl clock_gettime
	mov w20, w0
	bl __errno_location
	ldr w2, [x0]
	mov w1, w20
	adrp x0, f_bad
	add x0, x0, :lo12:f_bad
	bl printf
	mov w0, #0
	b 10f
9:	mov w0, #1
10:	ldp x21, x22, [sp, #32]
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #48
	ret

	.section .rodata
f_mono:		.asciz "monotonic never backwards: %d\n"
f_real:		.asciz "realtime %d, time() agrees: %d\n"
f_timep:	.asciz "time(&t) stores it: %d\n"
f_tod:		.asciz "gettimeofday %d, agrees %d, usec ok %d\n"
f_coarse:	.asciz "coarse %d, nsec ok %d\n"
f_res:		.asciz "getres %d: %ld.%09ld\n"
f_cpu:		.asciz "cputime %d\n"
f_bad:		.asciz "clock 99: %d errno %d\n"
	.bss
	.p2align 3
ts:	.zero 96
