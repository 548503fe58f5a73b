// Time functions for ARM64: clock_gettime, clock_getres and gettimeofday go through the vDSO's
// __kernel_* entry points when vdso.s found them (no mode switch; the vDSO itself falls back to
// the syscall for clocks it cannot serve), else make the system call. The vDSO returns the raw
// kernel result (0 or -errno), so the same error rule as the wrappers applies.
// arm64 has no time(2) system call: time() is clock_gettime(CLOCK_REALTIME_COARSE), as glibc's
// time() does on Linux (TIME_CLOCK_GETTIME_CLOCKID). nanosleep is in syscalls.s; sleep(3) is
// nanosleep with the remaining seconds returned when a signal cuts it short.
	.set CLOCK_REALTIME_COARSE, 5

	.macro VDSO_OR_SYSCALL name, ptr, nr
	.text
	.globl \name
	.type \name, %function
\name:
	adrp x9, \ptr
	ldr x9, [x9, :lo12:\ptr]
	cbz x9, 1f
	stp x29, x30, [sp, #-16]!
	mov x29, sp
	blr x9
	ldp x29, x30, [sp], #16
	cmn x0, #4095
	b.hs __vsys_syscall_error
	ret
1:	mov x8, #\nr
	svc #0
	cmn x0, #4095
	b.hs __vsys_syscall_error
	ret
	.size \name, .-\name
	.endm

	VDSO_OR_SYSCALL clock_gettime, __vsys_vdso_clock_gettime, 113
	VDSO_OR_SYSCALL clock_getres, __vsys_vdso_clock_getres, 114
	VDSO_OR_SYSCALL gettimeofday, __vsys_vdso_gettimeofday, 169

// time(t): seconds of CLOCK_REALTIME_COARSE, also stored in *t when t is not NULL.
	.globl time
	.type time, %function
time:
	stp x29, x30, [sp, #-48]!
	mov x29, sp
	str x19, [sp, #16]
	mov x19, x0
	mov w0, #CLOCK_REALTIME_COARSE
	add x1, sp, #32                 // struct timespec at sp+32
	bl clock_gettime
	tbnz x0, #63, 1f                // -1: errno is set, return -1
	ldr x0, [sp, #32]
	cbz x19, 1f
	str x0, [x19]
1:	ldr x19, [sp, #16]
	ldp x29, x30, [sp], #48
	ret
	.size time, .-time

// sleep(seconds): nanosleep({seconds, 0}, &rem); on EINTR returns the seconds left (rounded up
// when nanoseconds remain, as glibc does), else 0.
	.globl sleep
	.type sleep, %function
sleep:
	stp x29, x30, [sp, #-48]!
	mov x29, sp
	mov w0, w0
	stp x0, xzr, [sp, #16]          // the request
	stp xzr, xzr, [sp, #32]         // the remainder
	add x0, sp, #16
	add x1, sp, #32
	bl nanosleep
	cbz x0, 1f
	ldp x0, x9, [sp, #32]
	cbz x9, 2f
	add x0, x0, #1
	b 2f
1:	mov x0, #0
2:	ldp x29, x30, [sp], #48
	ret
	.size sleep, .-sleep
