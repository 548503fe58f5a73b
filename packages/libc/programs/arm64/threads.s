// Two threads whose errno values stay apart, and a mutex. Thread A fails close(-1) (EBADF),
// thread B fails open() of a missing file (ENOENT); each waits until both have failed, then
// reads its own errno. main's errno (EEXIST from mkdir("/")) is untouched by both. Then two
// threads add 1 to a counter 20000 times each under a pthread mutex: 40000. pthread_join
// hands back each thread's return value. Same output with glibc and with vsys libc.
// The same checks as programs/x86_64/threads.s.
	.text
	.globl main
main:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	adrp x20, vars
	add x20, x20, :lo12:vars        // x20: the variables block (see .bss)
	adrp x0, root
	add x0, x0, :lo12:root
	mov w1, #0755
	bl mkdir                        // main: errno = EEXIST
	add x0, x20, #TID_A
	mov x1, #0
	adrp x2, thread_a
	add x2, x2, :lo12:thread_a
	mov x3, #0
	bl pthread_create
	mov w19, w0
	add x0, x20, #TID_B
	mov x1, #0
	adrp x2, thread_b
	add x2, x2, :lo12:thread_b
	mov x3, #7
	bl pthread_create
	orr w19, w19, w0
	ldr x0, [x20, #TID_A]
	add x1, x20, #RET_A
	bl pthread_join
	orr w19, w19, w0
	ldr x0, [x20, #TID_B]
	add x1, x20, #RET_B
	bl pthread_join
	orr w19, w19, w0
	bl __errno_location
	ldr w3, [x0]
	ldr w1, [x20, #ERRNO_A]
	ldr w2, [x20, #ERRNO_B]
	mov w4, w19
	adrp x0, f_errno
	add x0, x0, :lo12:f_errno
	bl printf
	ldr x1, [x20, #RET_A]
	ldr x2, [x20, #RET_B]
	adrp x0, f_ret
	add x0, x0, :lo12:f_ret
	bl printf
	// the mutex
	add x0, x20, #MUTEX
	mov x1, #0
	bl pthread_mutex_init
	add x0, x20, #TID_A
	mov x1, #0
	adrp x2, adder
	add x2, x2, :lo12:adder
	mov x3, #0
	bl pthread_create
	add x0, x20, #TID_B
	mov x1, #0
	adrp x2, adder
	add x2, x2, :lo12:adder
	mov x3, #0
	bl pthread_create
	ldr x0, [x20, #TID_A]
	mov x1, #0
	bl pthread_join
	ldr x0, [x20, #TID_B]
	mov x1, #0
	bl pthread_join
	ldr w1, [x20, #COUNTER]
	adrp x0, f_count
	add x0, x0, :lo12:f_count
	bl printf
	// pthread_self in main is not a created thread's
	bl pthread_self
	ldr x9, [x20, #TID_A]
	cmp x0, x9
	cset w1, ne
	adrp x0, f_self
	add x0, x0, :lo12:f_self
	bl printf
	mov w0, #0
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #32
	ret

// wait_both: count this thread in (an exclusive-pair increment) and spin, yielding, until both
// threads are in.
wait_both:
	stp x29, x30, [sp, #-16]!
	mov x29, sp
	adrp x9, vars
	add x9, x9, :lo12:vars
	add x9, x9, #ARRIVED
1:	ldaxr w10, [x9]
	add w10, w10, #1
	stlxr w11, w10, [x9]
	cbnz w11, 1b
2:	ldar w10, [x9]
	cmp w10, #2
	b.hs 3f
	bl sched_yield
	adrp x9, vars
	add x9, x9, :lo12:vars
	add x9, x9, #ARRIVED
	b 2b
3:	ldp x29, x30, [sp], #16
	ret

thread_a:
	stp x29, x30, [sp, #-16]!
	mov x29, sp
	mov w0, #-1
	bl close                        // EBADF in this thread
	bl wait_both
	bl __errno_location
	ldr w9, [x0]
	adrp x10, vars
	add x10, x10, :lo12:vars
	str w9, [x10, #ERRNO_A]
	mov x0, #11                     // return value
	ldp x29, x30, [sp], #16
	ret

thread_b:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	str x19, [sp, #16]
	mov x19, x0                     // arg = 7
	adrp x0, missing
	add x0, x0, :lo12:missing
	mov w1, #0
	bl open                         // ENOENT in this thread
	bl wait_both
	bl __errno_location
	ldr w9, [x0]
	adrp x10, vars
	add x10, x10, :lo12:vars
	str w9, [x10, #ERRNO_B]
	add x0, x19, #100               // returns arg + 100
	ldr x19, [sp, #16]
	ldp x29, x30, [sp], #32
	ret

adder:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	adrp x20, vars
	add x20, x20, :lo12:vars
	mov w19, #20000
1:	add x0, x20, #MUTEX
	bl pthread_mutex_lock
	ldr w9, [x20, #COUNTER]         // a non-atomic read-modify-write: only the mutex protects it
	add w9, w9, #1
	str w9, [x20, #COUNTER]
	add x0, x20, #MUTEX
	bl pthread_mutex_unlock
	subs w19, w19, #1
	b.ne 1b
	mov x0, #0
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #32
	ret

	.section .rodata
root:		.asciz "/"
missing:	.asciz "/no/such/file"
f_errno:	.asciz "thread A errno %d, thread B errno %d, main errno %d, pthread errors %d\n"
f_ret:		.asciz "returned %ld and %ld\n"
f_count:	.asciz "counter %d\n"
f_self:		.asciz "main is not thread A: %d\n"

	.set MUTEX, 0
	.set COUNTER, 64
	.set ARRIVED, 68
	.set ERRNO_A, 72
	.set ERRNO_B, 76
	.set TID_A, 80
	.set TID_B, 88
	.set RET_A, 96
	.set RET_B, 104
	.bss
	.p2align 6
vars:		.zero 128
