# Formatted and simple output for x86-64: printf, fprintf, dprintf, sprintf, snprintf, puts,
# fputs, putchar, fputc/putc, and the FILE objects stdin/stdout/stderr.
#
# Conversions (printf(3)): %d %i %u %x %X %o %c %s %p %%, length modifiers hh h l ll z j t,
# flags - 0 + space #, field width and precision (digits or *). Floating point is not
# supported. Text is formatted into a buffer and written with write(2) when the buffer fills
# and at the end of the call, so each printf reaches the file before it returns (no stdio
# buffering to flush at exit). A FILE here is just { int fd }.
#
# Variadic arguments (System V AMD64 ABI §3.5.7): the integer arguments arrive in %rdi, %rsi,
# %rdx, %rcx, %r8, %r9, then on the stack above the return address. The printf entry points
# pop the return address, push the argument registers that can hold variadic arguments in
# reverse order, and so make one array of 8-byte slots that continues into the stack
# arguments; the formatter walks it with a pointer. (%al, the vector register count, is
# ignored: no floating-point conversions.)
#
# The formatter's output "sink" (48 bytes): 0 buffer, 8 used, 16 capacity, 24 fd (-1: string,
# extra text is only counted), 32 total characters produced, 40 write error (errno or 0).

	.text
# sink_put: %al = character, %rbx = sink. Clobbers %rcx, %rdx, %r11.
	.type sink_put, @function
sink_put:
	incq 32(%rbx)
	mov 8(%rbx), %rcx
	cmp 16(%rbx), %rcx
	jae 2f
1:	mov (%rbx), %rdx
	mov %al, (%rdx,%rcx)
	inc %rcx
	mov %rcx, 8(%rbx)
	ret
2:	cmpq $0, 24(%rbx)
	jl 3f
	push %rax
	call sink_flush
	pop %rax
	xor %ecx, %ecx
	jmp 1b
3:	ret
	.size sink_put, .-sink_put

# sink_flush: write the buffered bytes to the sink's fd (looping over short writes).
# Clobbers %rcx, %r11 (syscall) and %rax.
	.type sink_flush, @function
sink_flush:
	push %rdi
	push %rsi
	push %rdx
	mov (%rbx), %rsi
	mov 8(%rbx), %rdx
1:	test %rdx, %rdx
	jz 2f
	mov 24(%rbx), %rdi
	mov $1, %eax                    # write
	syscall
	test %rax, %rax
	js 3f
	jz 2f
	add %rax, %rsi
	sub %rax, %rdx
	jmp 1b
3:	neg %rax
	mov %rax, 40(%rbx)
2:	movq $0, 8(%rbx)
	pop %rdx
	pop %rsi
	pop %rdi
	ret
	.size sink_flush, .-sink_flush

# __vsys_vformat(sink %rdi, format %rsi, argument slots %rdx) -> characters produced, or -1
# with errno set when writing failed.
	.set F_MINUS, 1
	.set F_ZERO, 2
	.set F_PLUS, 4
	.set F_SPACE, 8
	.set F_ALT, 16
	.globl __vsys_vformat
	.type __vsys_vformat, @function
__vsys_vformat:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	sub $88, %rsp
	mov %rdi, %rbx
	mov %rsi, %r12
	mov %rdx, %r13
.Lloop:
	movzbl (%r12), %eax
	test %eax, %eax
	jz .Ldone
	inc %r12
	cmp $'%', %eax
	je .Lspec
	call sink_put
	jmp .Lloop

.Lspec:
	movl $0, -48(%rbp)              # flags
	movl $0, -52(%rbp)              # width
	movl $-1, -56(%rbp)             # precision (-1: none)
	movl $0, -60(%rbp)              # length: 1 l, 2 ll, -1 h, -2 hh
	movl $0, -76(%rbp)              # prefix length
.Lflags:
	movzbl (%r12), %eax
	mov $F_MINUS, %ecx
	cmp $'-', %eax
	je 1f
	mov $F_ZERO, %ecx
	cmp $'0', %eax
	je 1f
	mov $F_PLUS, %ecx
	cmp $'+', %eax
	je 1f
	mov $F_SPACE, %ecx
	cmp $' ', %eax
	je 1f
	mov $F_ALT, %ecx
	cmp $'#', %eax
	je 1f
	jmp .Lwidth
1:	or %ecx, -48(%rbp)
	inc %r12
	jmp .Lflags
.Lwidth:
	cmp $'*', %eax
	jne .Lwdigits
	mov (%r13), %eax
	add $8, %r13
	inc %r12
	test %eax, %eax
	jns 1f
	orl $F_MINUS, -48(%rbp)         # a negative * width means '-' and its magnitude
	neg %eax
1:	mov %eax, -52(%rbp)
	jmp .Lprec
.Lwdigits:
	movzbl (%r12), %eax
	sub $'0', %eax
	cmp $9, %eax
	ja .Lprec
	imul $10, -52(%rbp), %ecx
	add %eax, %ecx
	mov %ecx, -52(%rbp)
	inc %r12
	jmp .Lwdigits
.Lprec:
	movzbl (%r12), %eax
	cmp $'.', %eax
	jne .Llength
	inc %r12
	movl $0, -56(%rbp)
	movzbl (%r12), %eax
	cmp $'*', %eax
	jne .Lpdigits
	mov (%r13), %eax
	add $8, %r13
	inc %r12
	test %eax, %eax
	jns 1f
	mov $-1, %eax                   # a negative * precision is taken as none
1:	mov %eax, -56(%rbp)
	jmp .Llength
.Lpdigits:
	movzbl (%r12), %eax
	sub $'0', %eax
	cmp $9, %eax
	ja .Llength
	imul $10, -56(%rbp), %ecx
	add %eax, %ecx
	mov %ecx, -56(%rbp)
	inc %r12
	jmp .Lpdigits
.Llength:
	movzbl (%r12), %eax
	cmp $'l', %eax
	jne 1f
	incl -60(%rbp)
	inc %r12
	jmp .Llength
1:	cmp $'h', %eax
	jne 2f
	decl -60(%rbp)
	inc %r12
	jmp .Llength
2:	cmp $'z', %eax
	je 3f
	cmp $'j', %eax
	je 3f
	cmp $'t', %eax
	jne .Lconv
3:	movl $1, -60(%rbp)
	inc %r12
	jmp .Llength

.Lconv:
	test %eax, %eax
	jz .Ldone                       # '%' at the end of the format: nothing more
	inc %r12
	cmp $'d', %eax
	je .Lsigned
	cmp $'i', %eax
	je .Lsigned
	mov $10, %ecx
	cmp $'u', %eax
	je .Lunsigned
	mov $16, %ecx
	cmp $'x', %eax
	je .Lunsigned
	cmp $'X', %eax
	je .Lunsigned
	mov $8, %ecx
	cmp $'o', %eax
	je .Lunsigned
	cmp $'c', %eax
	je .Lchar
	cmp $'s', %eax
	je .Lstring
	cmp $'p', %eax
	je .Lpointer
	cmp $'%', %eax
	je .Lpercent
	# Unknown conversion: printed as written, like glibc ('%' and the character).
	push %rax
	mov $'%', %eax
	call sink_put
	pop %rax
.Lpercent:
	call sink_put
	jmp .Lloop

.Lsigned:
	mov -60(%rbp), %ecx
	cmp $1, %ecx
	jge 1f
	cmp $0, %ecx
	je 2f
	cmp $-1, %ecx
	je 3f
	movsbq (%r13), %rax
	jmp 4f
1:	mov (%r13), %rax
	jmp 4f
2:	movslq (%r13), %rax
	jmp 4f
3:	movswq (%r13), %rax
4:	add $8, %r13
	mov $10, %ecx
	test %rax, %rax
	jns 5f
	neg %rax
	movb $'-', -72(%rbp)
	movl $1, -76(%rbp)
	jmp .Lnumber
5:	testl $F_PLUS, -48(%rbp)
	jz 6f
	movb $'+', -72(%rbp)
	movl $1, -76(%rbp)
	jmp .Lnumber
6:	testl $F_SPACE, -48(%rbp)
	jz .Lnumber
	movb $' ', -72(%rbp)
	movl $1, -76(%rbp)
	jmp .Lnumber

.Lunsigned:                             # %ecx = base, %eax = conversion character
	mov %eax, %r9d
	mov -60(%rbp), %edx
	cmp $1, %edx
	jge 1f
	cmp $0, %edx
	je 2f
	cmp $-1, %edx
	je 3f
	movzbl (%r13), %eax
	jmp 4f
1:	mov (%r13), %rax
	jmp 4f
2:	mov (%r13), %eax
	jmp 4f
3:	movzwl (%r13), %eax
4:	add $8, %r13
	testl $F_ALT, -48(%rbp)
	jz .Lnumber
	cmp $16, %ecx
	jne .Lnumber
	test %rax, %rax                 # '#' with x/X: 0x / 0X before a nonzero value
	jz .Lnumber
	movb $'0', -72(%rbp)
	mov %r9b, -71(%rbp)
	movl $2, -76(%rbp)
	jmp .Lnumber

.Lpointer:
	mov (%r13), %rax
	add $8, %r13
	test %rax, %rax
	jnz 1f
	lea .Lnil(%rip), %rsi           # glibc prints a null pointer as "(nil)"
	mov $5, %r10d
	xor %r14d, %r14d
	jmp .Lemit
1:	movb $'0', -72(%rbp)
	movb $'x', -71(%rbp)
	movl $2, -76(%rbp)
	mov $16, %ecx
	mov $'x', %r9d

# .Lnumber: %rax = magnitude, %ecx = base, %r9b = conversion character (X: upper case digits).
.Lnumber:
	lea .Llower(%rip), %r8
	cmp $'X', %r9d
	jne 1f
	lea .Lupper(%rip), %r8
1:	lea -80(%rbp), %rsi             # digits are written backwards, ending here
	mov %rsi, %r10
	test %rax, %rax
	jnz 2f
	cmpl $0, -56(%rbp)              # value 0 with precision 0: no digits
	je 3f
2:	xor %edx, %edx
	div %rcx
	movzbl (%r8,%rdx), %edx
	dec %rsi
	mov %dl, (%rsi)
	test %rax, %rax
	jnz 2b
3:	sub %rsi, %r10                  # digit count
	cmp $8, %ecx                    # '#' with o: the first digit is a 0
	jne 4f
	testl $F_ALT, -48(%rbp)
	jz 4f
	test %r10, %r10
	jz 5f
	cmpb $'0', (%rsi)
	je 4f
5:	dec %rsi
	movb $'0', (%rsi)
	inc %r10
4:	xor %r14d, %r14d                # leading zeros
	movslq -56(%rbp), %rax
	test %rax, %rax
	js 6f
	sub %r10, %rax                  # precision: at least that many digits
	jle .Lemit
	mov %rax, %r14
	jmp .Lemit
6:	mov -48(%rbp), %eax             # '0' flag (without '-'): zeros up to the width
	and $(F_ZERO | F_MINUS), %eax
	cmp $F_ZERO, %eax
	jne .Lemit
	movslq -52(%rbp), %rax
	movslq -76(%rbp), %rdx
	sub %rdx, %rax
	sub %r10, %rax
	jle .Lemit
	mov %rax, %r14
	jmp .Lemit

.Lchar:
	mov (%r13), %eax
	add $8, %r13
	mov %al, -128(%rbp)
	lea -128(%rbp), %rsi
	mov $1, %r10d
	xor %r14d, %r14d
	jmp .Lemit

.Lstring:
	mov (%r13), %rsi
	add $8, %r13
	xor %r14d, %r14d
	movslq -56(%rbp), %rdx          # precision: at most that many bytes
	test %rsi, %rsi
	jnz 1f
	lea .Lnull(%rip), %rsi          # glibc: "(null)", or nothing if the precision is under 6
	mov $6, %r10d
	test %rdx, %rdx
	js .Lemit
	cmp $6, %rdx
	jge .Lemit
	xor %r10d, %r10d
	jmp .Lemit
1:	xor %r10d, %r10d
2:	test %rdx, %rdx
	js 3f
	cmp %rdx, %r10
	jae .Lemit
3:	cmpb $0, (%rsi,%r10)
	je .Lemit
	inc %r10
	jmp 2b

# .Lemit: %rsi = text, %r10 = its length, %r14 = zeros to put before it, prefix at -72(%rbp)
# (-76(%rbp) bytes); pads with spaces to the width, on the right with '-'.
.Lemit:
	movslq -52(%rbp), %r15
	movslq -76(%rbp), %rax
	sub %rax, %r15
	sub %r14, %r15
	sub %r10, %r15
	jns 1f
	xor %r15d, %r15d
1:	testl $F_MINUS, -48(%rbp)
	jnz 3f
2:	test %r15, %r15
	jz 3f
	mov $' ', %eax
	call sink_put
	dec %r15
	jmp 2b
3:	xor %r8d, %r8d
4:	cmp -76(%rbp), %r8d
	jae 5f
	movzbl -72(%rbp,%r8), %eax
	call sink_put
	inc %r8d
	jmp 4b
5:	test %r14, %r14
	jz 6f
	mov $'0', %eax
	call sink_put
	dec %r14
	jmp 5b
6:	xor %r8d, %r8d
7:	cmp %r10, %r8
	jae 8f
	movzbl (%rsi,%r8), %eax
	call sink_put
	inc %r8
	jmp 7b
8:	test %r15, %r15                 # left-justified: the padding goes after
	jz .Lloop
	mov $' ', %eax
	call sink_put
	dec %r15
	jmp 8b

.Ldone:
	cmpq $0, 24(%rbx)
	jl 1f
	call sink_flush
1:	mov 40(%rbx), %rdi
	test %rdi, %rdi
	jz 2f
	call __vsys_set_errno
	jmp 3f
2:	mov 32(%rbx), %rax
3:	add $88, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size __vsys_vformat, .-__vsys_vformat

# format_to_fd: %edi = fd, %rsi = format, %rdx = argument slots. A 512-byte buffer on the stack.
	.type format_to_fd, @function
format_to_fd:
	push %rbp
	mov %rsp, %rbp
	sub $560, %rsp
	and $-16, %rsp
	lea -560(%rbp), %rax
	mov %rax, -48(%rbp)
	movq $0, -40(%rbp)
	movq $512, -32(%rbp)
	movslq %edi, %rdi
	mov %rdi, -24(%rbp)
	movq $0, -16(%rbp)
	movq $0, -8(%rbp)
	lea -48(%rbp), %rdi
	call __vsys_vformat
	leave
	ret
	.size format_to_fd, .-format_to_fd

	.globl printf
	.type printf, @function
printf:
	pop %r11
	push %r9
	push %r8
	push %rcx
	push %rdx
	push %rsi
	push %r11
	mov %rdi, %rsi
	mov $1, %edi
	lea 8(%rsp), %rdx
	call format_to_fd
	pop %r11
	add $40, %rsp
	push %r11
	ret
	.size printf, .-printf

	.globl dprintf
	.type dprintf, @function
dprintf:
	pop %r11
	push %r9
	push %r8
	push %rcx
	push %rdx
	push %r11
	lea 8(%rsp), %rdx
	call format_to_fd
	pop %r11
	add $32, %rsp
	push %r11
	ret
	.size dprintf, .-dprintf

	.globl fprintf
	.type fprintf, @function
fprintf:
	pop %r11
	push %r9
	push %r8
	push %rcx
	push %rdx
	push %r11
	mov (%rdi), %edi                # FILE.fd
	lea 8(%rsp), %rdx
	call format_to_fd
	pop %r11
	add $32, %rsp
	push %r11
	ret
	.size fprintf, .-fprintf

# format_to_string: %rdi = buffer, %rsi = size, %rdx = format, %rcx = argument slots. Writes
# at most size-1 characters and a terminating NUL when size > 0; returns the full length.
	.type format_to_string, @function
format_to_string:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	sub $48, %rsp
	mov %rdi, %rbx
	mov %rsi, %r12
	mov %rdi, -64(%rbp)
	movq $0, -56(%rbp)
	lea -1(%rsi), %rax
	test %rsi, %rsi
	jnz 1f
	xor %eax, %eax
1:	mov %rax, -48(%rbp)
	movq $-1, -40(%rbp)
	movq $0, -32(%rbp)
	movq $0, -24(%rbp)
	lea -64(%rbp), %rdi
	mov %rdx, %rsi
	mov %rcx, %rdx
	call __vsys_vformat
	test %r12, %r12
	jz 2f
	mov -56(%rbp), %rcx
	movb $0, (%rbx,%rcx)
2:	add $48, %rsp
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size format_to_string, .-format_to_string

	.globl snprintf
	.type snprintf, @function
snprintf:
	pop %r11
	push %r9
	push %r8
	push %rcx
	push %r11
	mov %rdx, %rdx
	lea 8(%rsp), %rcx
	call format_to_string
	pop %r11
	add $24, %rsp
	push %r11
	ret
	.size snprintf, .-snprintf

	.globl sprintf
	.type sprintf, @function
sprintf:
	pop %r11
	push %r9
	push %r8
	push %rcx
	push %rdx
	push %r11
	mov %rsi, %rdx
	mov $0x7fffffff, %esi
	lea 8(%rsp), %rcx
	call format_to_string
	pop %r11
	add $32, %rsp
	push %r11
	ret
	.size sprintf, .-sprintf

# write_all(fd %edi, buf %rsi, len %rdx) -> 0, or -1 with errno.
	.type write_all, @function
write_all:
1:	test %rdx, %rdx
	jz 2f
	push %rdi
	push %rsi
	push %rdx
	call write
	pop %rdx
	pop %rsi
	pop %rdi
	test %rax, %rax
	js 3f
	add %rax, %rsi
	sub %rax, %rdx
	jmp 1b
2:	xor %eax, %eax
3:	ret
	.size write_all, .-write_all

# fputs(s, stream): nonnegative on success, EOF (-1) on error.
	.globl fputs
	.type fputs, @function
fputs:
	push %rbx
	push %r12
	sub $8, %rsp
	mov %rdi, %rbx
	mov (%rsi), %r12d
	call strlen
	mov %rax, %rdx
	mov %rbx, %rsi
	mov %r12d, %edi
	call write_all
	test %eax, %eax
	js 1f
	mov $1, %eax
1:	add $8, %rsp
	pop %r12
	pop %rbx
	ret
	.size fputs, .-fputs

# puts(s): s and a newline on stdout; glibc returns the number of bytes written.
	.globl puts
	.type puts, @function
puts:
	push %rbx
	push %r12
	sub $8, %rsp
	mov %rdi, %rbx
	call strlen
	mov %rax, %r12
	mov %rax, %rdx
	mov %rbx, %rsi
	mov $1, %edi
	call write_all
	test %eax, %eax
	js 1f
	mov $1, %edi
	lea .Lnewline(%rip), %rsi
	mov $1, %edx
	call write_all
	test %eax, %eax
	js 1f
	lea 1(%r12), %rax
1:	add $8, %rsp
	pop %r12
	pop %rbx
	ret
	.size puts, .-puts

# fputc(c, stream) / putc: the byte (unsigned char)c, or EOF on error.
	.globl fputc
	.type fputc, @function
	.globl putc
	.type putc, @function
fputc:
putc:
	mov (%rsi), %esi
	jmp 1f
	.globl putchar
	.type putchar, @function
putchar:
	mov $1, %esi
1:	push %rbx
	sub $16, %rsp
	movzbl %dil, %ebx
	mov %bl, (%rsp)
	mov %esi, %edi
	mov %rsp, %rsi
	mov $1, %edx
	call write_all
	test %eax, %eax
	js 2f
	mov %ebx, %eax
2:	add $16, %rsp
	pop %rbx
	ret
	.size putchar, .-putchar

	.globl fileno
	.type fileno, @function
fileno:
	mov (%rdi), %eax
	ret
	.size fileno, .-fileno

# fflush: output is written through, so there is nothing to flush.
	.globl fflush
	.type fflush, @function
fflush:
	xor %eax, %eax
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
stdin:	.quad .Lstdin_file
stdout:	.quad .Lstdout_file
stderr:	.quad .Lstderr_file
.Lstdin_file:	.long 0
.Lstdout_file:	.long 1
.Lstderr_file:	.long 2
