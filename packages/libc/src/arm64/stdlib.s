// atoi, abort, strerror, perror for ARM64 (the same rules as x86-64's stdlib.s):
//   atoi(3): leading white space (isspace: space, \t \n \v \f \r), an optional sign, decimal
//     digits; the result wraps like glibc's (long)strtol cast to int.
//   abort(3): raise SIGABRT with tgkill(getpid(), gettid(), SIGABRT), as glibc's raise does;
//     if that returns (the signal is caught or ignored), exit_group(127).
//   strerror(3): glibc's message for errno, or "Unknown error N" (errmsg.s holds the table).
//   perror(3): "s: message\n" (or "message\n" when s is NULL or empty) on standard error.

	.text
	.globl atoi
	.type atoi, %function
	.globl atol
	.type atol, %function
atoi:
atol:
1:	ldrb w9, [x0]
	cmp w9, #32
	b.eq 2f
	sub w10, w9, #9
	cmp w10, #4                     // \t \n \v \f \r are 9..13
	b.hi 3f
2:	add x0, x0, #1
	b 1b
3:	mov w11, #0                     // negative?
	cmp w9, #'-'
	b.ne 4f
	mov w11, #1
	add x0, x0, #1
	b 5f
4:	cmp w9, #'+'
	b.ne 5f
	add x0, x0, #1
5:	mov x12, #0
	mov x13, #10
6:	ldrb w9, [x0]
	sub w9, w9, #'0'
	cmp w9, #9
	b.hi 7f
	madd x12, x12, x13, x9
	add x0, x0, #1
	b 6b
7:	cbz w11, 8f
	neg x12, x12
8:	mov x0, x12
	ret
	.size atoi, .-atoi

	.globl abort
	.type abort, %function
abort:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	str x19, [sp, #16]
	bl getpid
	mov w19, w0
	bl gettid
	mov w1, w0
	mov w0, w19
	mov w2, #6                      // SIGABRT
	bl tgkill
1:	mov w0, #127
	mov x8, #94                     // exit_group
	svc #0
	b 1b
	.size abort, .-abort

	.globl strerror
	.type strerror, %function
strerror:
	cmp w0, #134                    // unsigned: negative numbers are unknown too
	b.hs 1f
	adrp x9, __vsys_errmsg
	add x9, x9, :lo12:__vsys_errmsg
	ldr x9, [x9, w0, uxtw #3]
	cbz x9, 1f
	mov x0, x9
	ret
1:	stp x29, x30, [sp, #-16]!       // "Unknown error %d"
	mov x29, sp
	mov w2, w0
	adrp x0, .Lunknown_buf
	add x0, x0, :lo12:.Lunknown_buf
	adrp x1, .Lunknown_fmt
	add x1, x1, :lo12:.Lunknown_fmt
	bl sprintf
	adrp x0, .Lunknown_buf
	add x0, x0, :lo12:.Lunknown_buf
	ldp x29, x30, [sp], #16
	ret
	.size strerror, .-strerror

	.globl perror
	.type perror, %function
perror:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	mrs x9, tpidr_el0
	ldr w19, [x9, #8]               // errno, before anything can change it
	mov x20, x0
	mov w0, w19
	bl strerror
	cbz x20, 1f
	ldrb w9, [x20]
	cbz w9, 1f
	mov x3, x0
	mov x2, x20
	adrp x1, .Lperror_fmt
	add x1, x1, :lo12:.Lperror_fmt
	b 2f
1:	mov x2, x0
	adrp x1, .Lperror_plain
	add x1, x1, :lo12:.Lperror_plain
2:	mov w0, #2
	bl dprintf
	mrs x9, tpidr_el0
	str w19, [x9, #8]
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #32
	ret
	.size perror, .-perror

	.section .rodata
.Lunknown_fmt:	.asciz "Unknown error %d"
.Lperror_fmt:	.asciz "%s: %s\n"
.Lperror_plain:	.asciz "%s\n"
	.bss
.Lunknown_buf:	.zero 32
