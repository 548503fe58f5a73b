# atoi, abort, strerror, perror for x86-64.
#   atoi(3): leading white space (isspace: space, \t \n \v \f \r), an optional sign, decimal
#     digits; the result wraps like glibc's (long)strtol cast to int.
#   abort(3): raise SIGABRT with tgkill(getpid(), gettid(), SIGABRT), as glibc's raise does;
#     if that returns (the signal is caught or ignored), exit_group(127).
#   strerror(3): glibc's message for errno, or "Unknown error N" (errmsg.s holds the table).
#   perror(3): "s: message\n" (or "message\n" when s is NULL or empty) on standard error.

	.text
	.globl atoi
	.type atoi, @function
	.globl atol
	.type atol, @function
atoi:
atol:
1:	movzbl (%rdi), %ecx
	cmp $32, %ecx
	je 2f
	lea -9(%rcx), %edx
	cmp $4, %edx                    # \t \n \v \f \r are 9..13
	ja 3f
2:	inc %rdi
	jmp 1b
3:	xor %r8d, %r8d                  # negative?
	cmp $'-', %ecx
	jne 4f
	mov $1, %r8d
	inc %rdi
	jmp 5f
4:	cmp $'+', %ecx
	jne 5f
	inc %rdi
5:	xor %eax, %eax
6:	movzbl (%rdi), %ecx
	sub $'0', %ecx
	cmp $9, %ecx
	ja 7f
	imul $10, %rax, %rax
	add %rcx, %rax
	inc %rdi
	jmp 6b
7:	test %r8d, %r8d
	jz 8f
	neg %rax
8:	ret
	.size atoi, .-atoi

	.globl abort
	.type abort, @function
abort:
	sub $8, %rsp
	call getpid
	push %rax
	call gettid
	pop %rdi
	mov %eax, %esi
	mov $6, %edx                    # SIGABRT
	call tgkill
	mov $127, %edi
	mov $231, %eax
	syscall
	hlt
	.size abort, .-abort

	.globl strerror
	.type strerror, @function
strerror:
	cmp $134, %edi
	jae 1f
	movslq %edi, %rax
	lea __vsys_errmsg(%rip), %rcx
	mov (%rcx,%rax,8), %rax
	test %rax, %rax
	jz 1f
	ret
1:	mov %edi, %ecx                  # "Unknown error %d"
	lea .Lunknown_buf(%rip), %rdi
	lea .Lunknown_fmt(%rip), %rsi
	push %rdi
	mov %ecx, %edx
	xor %eax, %eax
	call sprintf
	pop %rax
	ret
	.size strerror, .-strerror

	.globl perror
	.type perror, @function
perror:
	push %rbx
	mov %fs:8, %ebx                 # errno, before anything can change it
	test %rdi, %rdi
	jz 1f
	cmpb $0, (%rdi)
	je 1f
	push %rdi
	mov %ebx, %edi
	call strerror
	pop %rdx
	mov %rax, %rcx
	lea .Lperror_fmt(%rip), %rsi
	jmp 2f
1:	mov %ebx, %edi
	call strerror
	mov %rax, %rdx
	lea .Lperror_plain(%rip), %rsi
2:	mov $2, %edi
	xor %eax, %eax
	call dprintf
	mov %ebx, %fs:8
	pop %rbx
	ret
	.size perror, .-perror

	.section .rodata
.Lunknown_fmt:	.asciz "Unknown error %d"
.Lperror_fmt:	.asciz "%s: %s\n"
.Lperror_plain:	.asciz "%s\n"
	.bss
.Lunknown_buf:	.zero 32
