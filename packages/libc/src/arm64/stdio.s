// Formatted and simple output for ARM64: printf, fprintf, dprintf, sprintf, snprintf, puts,
// fputs, putchar, fputc/putc, fileno, fflush, and the FILE objects stdin/stdout/stderr.
//
// Conversions (printf(3)): %d %i %u %x %X %o %c %s %p %%, length modifiers hh h l ll z j t,
// flags - 0 + space #, field width and precision (digits or *). Floating point is not
// supported. Text is formatted into a buffer and written with write(2) when the buffer fills
// and at the end of the call, so each printf reaches the file before it returns (no stdio
// buffering to flush at exit). A FILE here is just { int fd }. The same rules as x86-64's
// stdio.s, instruction for instruction where the ISAs allow.
//
// Variadic arguments (AAPCS64 §6.8.2, Linux flavour: no separate variadic convention): the
// integer arguments arrive in the next free registers of x0–x7, then in 8-byte stack slots
// from the caller's sp upwards. Each printf entry point stores the argument registers that
// can hold variadic arguments just below its caller's sp, so they make one array of 8-byte
// slots that continues into the stack arguments; the formatter walks it with a pointer.
//
// The formatter's output "sink" (48 bytes): 0 buffer, 8 used, 16 capacity, 24 fd (-1: string,
// extra text is only counted), 32 total characters produced, 40 write error (errno or 0).

	.text
// sink_put: w0 = character, x19 = sink. Clobbers x9–x11 only.
	.type sink_put, %function
sink_put:
	ldr x9, [x19, #32]
	add x9, x9, #1
	str x9, [x19, #32]
	ldr x9, [x19, #8]
	ldr x10, [x19, #16]
	cmp x9, x10
	b.hs 2f
1:	ldr x10, [x19]
	strb w0, [x10, x9]
	add x9, x9, #1
	str x9, [x19, #8]
	ret
2:	ldr x10, [x19, #24]
	tbnz x10, #63, 3f               // a string sink: past the end, only counted
	stp x30, x0, [sp, #-16]!
	bl sink_flush
	ldp x30, x0, [sp], #16
	mov x9, #0
	b 1b
3:	ret
	.size sink_put, .-sink_put

// sink_flush: write the buffered bytes to the sink's fd (looping over short writes).
// x19 = sink. Clobbers nothing but the sink.
	.type sink_flush, %function
sink_flush:
	stp x0, x1, [sp, #-32]!
	stp x2, x8, [sp, #16]
	ldr x1, [x19]
	ldr x2, [x19, #8]
1:	cbz x2, 2f
	ldr x0, [x19, #24]
	mov x8, #64                     // write
	svc #0
	tbnz x0, #63, 3f
	cbz x0, 2f
	add x1, x1, x0
	sub x2, x2, x0
	b 1b
3:	neg x0, x0
	str x0, [x19, #40]
2:	str xzr, [x19, #8]
	ldp x2, x8, [sp, #16]
	ldp x0, x1, [sp], #32
	ret
	.size sink_flush, .-sink_flush

// __vsys_vformat(sink x0, format x1, argument slots x2) -> characters produced, or -1 with
// errno set when writing failed.
// Registers: x19 sink, x20 format, x21 next argument slot, w22 flags, w23 width, w24 precision
// (-1: none), w25 length (1 l, 2 ll, -1 h, -2 hh), x26 prefix length (prefix bytes at fp+96),
// x27/x28 the text to emit and its length, x12 zeros before it, x13 padding, w15 base,
// w7 conversion character. Digits are written backwards ending at fp+160.
	.set F_MINUS, 1
	.set F_ZERO, 2
	.set F_PLUS, 4
	.set F_SPACE, 8
	.set F_ALT, 16
	.globl __vsys_vformat
	.type __vsys_vformat, %function
__vsys_vformat:
	stp x29, x30, [sp, #-160]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	stp x21, x22, [sp, #32]
	stp x23, x24, [sp, #48]
	stp x25, x26, [sp, #64]
	stp x27, x28, [sp, #80]
	mov x19, x0
	mov x20, x1
	mov x21, x2
.Lloop:
	ldrb w0, [x20]
	cbz w0, .Ldone
	add x20, x20, #1
	cmp w0, #'%'
	b.eq .Lspec
	bl sink_put
	b .Lloop

.Lspec:
	mov w22, #0
	mov w23, #0
	mov w24, #-1
	mov w25, #0
	mov x26, #0
.Lflags:
	ldrb w0, [x20]
	mov w9, #F_MINUS
	cmp w0, #'-'
	b.eq 1f
	mov w9, #F_ZERO
	cmp w0, #'0'
	b.eq 1f
	mov w9, #F_PLUS
	cmp w0, #'+'
	b.eq 1f
	mov w9, #F_SPACE
	cmp w0, #' '
	b.eq 1f
	mov w9, #F_ALT
	cmp w0, #'#'
	b.eq 1f
	b .Lwidth
1:	orr w22, w22, w9
	add x20, x20, #1
	b .Lflags
.Lwidth:
	cmp w0, #'*'
	b.ne .Lwdigits
	ldr w9, [x21], #8
	add x20, x20, #1
	tbz w9, #31, 1f
	orr w22, w22, #F_MINUS          // a negative * width means '-' and its magnitude
	neg w9, w9
1:	mov w23, w9
	b .Lprec
.Lwdigits:
	ldrb w0, [x20]
	sub w9, w0, #'0'
	cmp w9, #9
	b.hi .Lprec
	mov w10, #10
	madd w23, w23, w10, w9
	add x20, x20, #1
	b .Lwdigits
.Lprec:
	ldrb w0, [x20]
	cmp w0, #'.'
	b.ne .Llength
	add x20, x20, #1
	mov w24, #0
	ldrb w0, [x20]
	cmp w0, #'*'
	b.ne .Lpdigits
	ldr w9, [x21], #8
	add x20, x20, #1
	tbz w9, #31, 1f
	mov w9, #-1                     // a negative * precision is taken as none
1:	mov w24, w9
	b .Llength
.Lpdigits:
	ldrb w0, [x20]
	sub w9, w0, #'0'
	cmp w9, #9
	b.hi .Llength
	mov w10, #10
	madd w24, w24, w10, w9
	add x20, x20, #1
	b .Lpdigits
.Llength:
	ldrb w0, [x20]
	cmp w0, #'l'
	b.ne 1f
	add w25, w25, #1
	add x20, x20, #1
	b .Llength
1:	cmp w0, #'h'
	b.ne 2f
	sub w25, w25, #1
	add x20, x20, #1
	b .Llength
2:	cmp w0, #'z'
	b.eq 3f
	cmp w0, #'j'
	b.eq 3f
	cmp w0, #'t'
	b.ne .Lconv
3:	mov w25, #1
	add x20, x20, #1
	b .Llength

.Lconv:
	cbz w0, .Ldone                  // '%' at the end of the format: nothing more
	add x20, x20, #1
	cmp w0, #'d'
	b.eq .Lsigned
	cmp w0, #'i'
	b.eq .Lsigned
	mov w15, #10
	cmp w0, #'u'
	b.eq .Lunsigned
	mov w15, #16
	cmp w0, #'x'
	b.eq .Lunsigned
	cmp w0, #'X'
	b.eq .Lunsigned
	mov w15, #8
	cmp w0, #'o'
	b.eq .Lunsigned
	cmp w0, #'c'
	b.eq .Lchar
	cmp w0, #'s'
	b.eq .Lstring
	cmp w0, #'p'
	b.eq .Lpointer
	cmp w0, #'%'
	b.eq .Lpercent
	// Unknown conversion: printed as written, like glibc ('%' and the character).
	mov w7, w0
	mov w0, #'%'
	bl sink_put
	mov w0, w7
.Lpercent:
	bl sink_put
	b .Lloop

.Lsigned:
	ldr x9, [x21], #8
	cmp w25, #1
	b.ge 4f
	cbz w25, 2f
	cmn w25, #1
	b.eq 3f
	sxtb x9, w9
	b 4f
2:	sxtw x9, w9
	b 4f
3:	sxth x9, w9
4:	mov w15, #10
	mov w7, #'d'
	tbz x9, #63, 5f
	neg x9, x9
	mov w10, #'-'
	b 7f
5:	mov w10, #'+'
	tbnz w22, #2, 7f                // F_PLUS
	mov w10, #' '
	tbz w22, #3, .Lnumber           // F_SPACE
7:	strb w10, [x29, #96]
	mov x26, #1
	b .Lnumber

.Lunsigned:                             // w15 = base, w0 = conversion character
	mov w7, w0
	ldr x9, [x21], #8
	cmp w25, #1
	b.ge 4f
	cbz w25, 2f
	cmn w25, #1
	b.eq 3f
	and x9, x9, #0xff
	b 4f
2:	mov w9, w9
	b 4f
3:	and x9, x9, #0xffff
4:	tbz w22, #4, .Lnumber           // F_ALT
	cmp w15, #16
	b.ne .Lnumber
	cbz x9, .Lnumber                // '#' with x/X: 0x / 0X before a nonzero value
	mov w10, #'0'
	strb w10, [x29, #96]
	strb w7, [x29, #97]
	mov x26, #2
	b .Lnumber

.Lpointer:
	ldr x9, [x21], #8
	cbnz x9, 1f
	adrp x27, .Lnil                 // glibc prints a null pointer as "(nil)"
	add x27, x27, :lo12:.Lnil
	mov x28, #5
	mov x12, #0
	b .Lemit
1:	mov w10, #'0'
	strb w10, [x29, #96]
	mov w10, #'x'
	strb w10, [x29, #97]
	mov x26, #2
	mov w15, #16
	mov w7, #'x'

// .Lnumber: x9 = magnitude, w15 = base, w7 = conversion character (X: upper case digits).
.Lnumber:
	adrp x10, .Llower
	add x10, x10, :lo12:.Llower
	cmp w7, #'X'
	b.ne 1f
	adrp x10, .Lupper
	add x10, x10, :lo12:.Lupper
1:	add x27, x29, #160              // digits are written backwards, ending here
	cbnz x9, 2f
	cbz w24, 3f                     // value 0 with precision 0: no digits
2:	udiv x13, x9, x15
	msub x14, x13, x15, x9
	ldrb w14, [x10, x14]
	strb w14, [x27, #-1]!
	mov x9, x13
	cbnz x9, 2b
3:	add x28, x29, #160
	sub x28, x28, x27               // digit count
	cmp w15, #8                     // '#' with o: the first digit is a 0
	b.ne 4f
	tbz w22, #4, 4f
	cbz x28, 5f
	ldrb w14, [x27]
	cmp w14, #'0'
	b.eq 4f
5:	mov w14, #'0'
	strb w14, [x27, #-1]!
	add x28, x28, #1
4:	mov x12, #0                     // leading zeros
	tbnz w24, #31, 6f
	sxtw x9, w24
	subs x9, x9, x28                // precision: at least that many digits
	b.le .Lemit
	mov x12, x9
	b .Lemit
6:	and w9, w22, #(F_ZERO | F_MINUS)  // '0' flag (without '-'): zeros up to the width
	cmp w9, #F_ZERO
	b.ne .Lemit
	sxtw x9, w23
	sub x9, x9, x26
	subs x9, x9, x28
	b.le .Lemit
	mov x12, x9
	b .Lemit

.Lchar:
	ldr x9, [x21], #8
	strb w9, [x29, #104]
	add x27, x29, #104
	mov x28, #1
	mov x12, #0
	b .Lemit

.Lstring:
	ldr x27, [x21], #8
	mov x12, #0
	sxtw x9, w24                    // precision: at most that many bytes
	cbnz x27, 1f
	adrp x27, .Lnull                // glibc: "(null)", or nothing if the precision is under 6
	add x27, x27, :lo12:.Lnull
	mov x28, #6
	tbnz x9, #63, .Lemit
	cmp x9, #6
	b.ge .Lemit
	mov x28, #0
	b .Lemit
1:	mov x28, #0
2:	tbnz x9, #63, 3f
	cmp x28, x9
	b.hs .Lemit
3:	ldrb w10, [x27, x28]
	cbz w10, .Lemit
	add x28, x28, #1
	b 2b

// .Lemit: x27 = text, x28 = its length, x12 = zeros to put before it, prefix at fp+96 (x26
// bytes); pads with spaces to the width, on the right with '-'.
.Lemit:
	sxtw x13, w23
	sub x13, x13, x26
	sub x13, x13, x12
	subs x13, x13, x28
	b.ge 1f
	mov x13, #0
1:	tbnz w22, #0, 3f                // F_MINUS
2:	cbz x13, 3f
	mov w0, #' '
	bl sink_put
	sub x13, x13, #1
	b 2b
3:	mov x14, #0
4:	cmp x14, x26
	b.hs 5f
	add x9, x29, #96
	ldrb w0, [x9, x14]
	bl sink_put
	add x14, x14, #1
	b 4b
5:	cbz x12, 6f
	mov w0, #'0'
	bl sink_put
	sub x12, x12, #1
	b 5b
6:	mov x14, #0
7:	cmp x14, x28
	b.hs 8f
	ldrb w0, [x27, x14]
	bl sink_put
	add x14, x14, #1
	b 7b
8:	cbz x13, .Lloop                 // left-justified: the padding goes after
	mov w0, #' '
	bl sink_put
	sub x13, x13, #1
	b 8b

.Ldone:
	ldr x9, [x19, #24]
	tbnz x9, #63, 1f
	bl sink_flush
1:	ldr x0, [x19, #40]
	cbz x0, 2f
	bl __vsys_set_errno
	b 3f
2:	ldr x0, [x19, #32]
3:	ldp x27, x28, [sp, #80]
	ldp x25, x26, [sp, #64]
	ldp x23, x24, [sp, #48]
	ldp x21, x22, [sp, #32]
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #160
	ret
	.size __vsys_vformat, .-__vsys_vformat

// format_to_fd: w0 = fd, x1 = format, x2 = argument slots. The sink and a 512-byte buffer on
// the stack.
	.type format_to_fd, %function
format_to_fd:
	stp x29, x30, [sp, #-16]!
	mov x29, sp
	sub sp, sp, #560
	add x9, sp, #48
	str x9, [sp]                    // buffer
	str xzr, [sp, #8]               // used
	mov x9, #512
	str x9, [sp, #16]               // capacity
	sxtw x9, w0
	str x9, [sp, #24]               // fd
	stp xzr, xzr, [sp, #32]         // total, error
	mov x0, sp
	bl __vsys_vformat
	mov sp, x29
	ldp x29, x30, [sp], #16
	ret
	.size format_to_fd, .-format_to_fd

// printf(format, ...): x1–x7 stored at fp+24..fp+80, which ends at the caller's sp, where the
// stack arguments begin.
	.globl printf
	.type printf, %function
printf:
	stp x29, x30, [sp, #-80]!
	mov x29, sp
	str x1, [sp, #24]
	stp x2, x3, [sp, #32]
	stp x4, x5, [sp, #48]
	stp x6, x7, [sp, #64]
	mov x1, x0
	mov w0, #1
	add x2, sp, #24
	bl format_to_fd
	ldp x29, x30, [sp], #80
	ret
	.size printf, .-printf

// dprintf(fd, format, ...) and fprintf(stream, format, ...): x2–x7 at fp+16..fp+64.
	.globl dprintf
	.type dprintf, %function
dprintf:
	stp x29, x30, [sp, #-64]!
	b 1f
	.globl fprintf
	.type fprintf, %function
fprintf:
	stp x29, x30, [sp, #-64]!
	ldr w0, [x0]                    // FILE.fd
1:	mov x29, sp
	stp x2, x3, [sp, #16]
	stp x4, x5, [sp, #32]
	stp x6, x7, [sp, #48]
	add x2, sp, #16
	bl format_to_fd
	ldp x29, x30, [sp], #64
	ret
	.size dprintf, .-dprintf

// format_to_string: x0 = buffer, x1 = size, x2 = format, x3 = argument slots. Writes at most
// size-1 characters and a terminating NUL when size > 0; returns the full length.
	.type format_to_string, %function
format_to_string:
	stp x29, x30, [sp, #-96]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	mov x19, x0
	mov x20, x1
	str x0, [sp, #32]               // buffer
	str xzr, [sp, #40]              // used
	sub x9, x1, #1
	cbnz x1, 1f
	mov x9, #0
1:	str x9, [sp, #48]               // capacity
	mov x9, #-1
	str x9, [sp, #56]               // no fd
	stp xzr, xzr, [sp, #64]
	add x0, sp, #32
	mov x1, x2
	mov x2, x3
	bl __vsys_vformat
	cbz x20, 2f
	ldr x9, [sp, #40]
	strb wzr, [x19, x9]
2:	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #96
	ret
	.size format_to_string, .-format_to_string

// snprintf(buf, size, format, ...): x3–x7 at fp+24..fp+64.
	.globl snprintf
	.type snprintf, %function
snprintf:
	stp x29, x30, [sp, #-64]!
	mov x29, sp
	str x3, [sp, #24]
	stp x4, x5, [sp, #32]
	stp x6, x7, [sp, #48]
	add x3, sp, #24
	bl format_to_string
	ldp x29, x30, [sp], #64
	ret
	.size snprintf, .-snprintf

// sprintf(buf, format, ...): x2–x7 at fp+16..fp+64.
	.globl sprintf
	.type sprintf, %function
sprintf:
	stp x29, x30, [sp, #-64]!
	mov x29, sp
	stp x2, x3, [sp, #16]
	stp x4, x5, [sp, #32]
	stp x6, x7, [sp, #48]
	mov x2, x1
	mov x1, #0x7fffffff
	add x3, sp, #16
	bl format_to_string
	ldp x29, x30, [sp], #64
	ret
	.size sprintf, .-sprintf

// write_all(fd w0, buf x1, len x2) -> 0, or -1 with errno.
	.type write_all, %function
write_all:
	stp x29, x30, [sp, #-48]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	str x21, [sp, #32]
	mov w19, w0
	mov x20, x1
	mov x21, x2
1:	cbz x21, 2f
	mov w0, w19
	mov x1, x20
	mov x2, x21
	bl write
	tbnz x0, #63, 3f
	add x20, x20, x0
	sub x21, x21, x0
	b 1b
2:	mov x0, #0
3:	ldr x21, [sp, #32]
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #48
	ret
	.size write_all, .-write_all

// fputs(s, stream): nonnegative on success, EOF (-1) on error.
	.globl fputs
	.type fputs, %function
fputs:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	mov x19, x0
	ldr w20, [x1]
	bl strlen
	mov x2, x0
	mov x1, x19
	mov w0, w20
	bl write_all
	tbnz x0, #63, 1f
	mov w0, #1
1:	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #32
	ret
	.size fputs, .-fputs

// puts(s): s and a newline on stdout; glibc returns the number of bytes written.
	.globl puts
	.type puts, %function
puts:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	mov x19, x0
	bl strlen
	mov x20, x0
	mov x2, x0
	mov x1, x19
	mov w0, #1
	bl write_all
	tbnz x0, #63, 1f
	mov w0, #1
	adrp x1, .Lnewline
	add x1, x1, :lo12:.Lnewline
	mov x2, #1
	bl write_all
	tbnz x0, #63, 1f
	add x0, x20, #1
1:	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #32
	ret
	.size puts, .-puts

// fputc(c, stream) / putc / putchar(c): the byte (unsigned char)c, or EOF on error.
	.globl fputc
	.type fputc, %function
	.globl putc
	.type putc, %function
fputc:
putc:
	ldr w1, [x1]
	b 1f
	.globl putchar
	.type putchar, %function
putchar:
	mov w1, #1
1:	stp x29, x30, [sp, #-32]!
	mov x29, sp
	str x19, [sp, #16]
	and w19, w0, #0xff
	strb w19, [sp, #24]
	mov w0, w1
	add x1, sp, #24
	mov x2, #1
	bl write_all
	tbnz x0, #63, 2f
	mov w0, w19
2:	ldr x19, [sp, #16]
	ldp x29, x30, [sp], #32
	ret
	.size putchar, .-putchar

	.globl fileno
	.type fileno, %function
fileno:
	ldr w0, [x0]
	ret
	.size fileno, .-fileno

// fflush: output is written through, so there is nothing to flush.
	.globl fflush
	.type fflush, %function
fflush:
	mov w0, #0
	ret
	.size fflush, .-fflush

	.section .rodata
.Llower:	.ascii "0123456789abcdef"
.Lupper:	.ascii "0123456789ABCDEF"
.Lnil:		.ascii "(nil)"
.Lnull:		.ascii "(null)"
.Lnewline:	.ascii "\n"

	.data
	.p2align 3
	.globl stdin, stdout, stderr
stdin:	.xword .Lstdin_file
stdout:	.xword .Lstdout_file
stderr:	.xword .Lstderr_file
.Lstdin_file:	.word 0
.Lstdout_file:	.word 1
.Lstderr_file:	.word 2
