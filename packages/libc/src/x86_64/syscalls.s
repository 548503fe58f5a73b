# System call wrappers for x86-64 with glibc's names and semantics. The Linux x86-64 syscall
# ABI (syscall(2), "Architecture calling conventions"): number in %rax, arguments in %rdi, %rsi,
# %rdx, %r10, %r8, %r9; `syscall` clobbers %rcx and %r11; the result comes back in %rax, with
# -4095..-1 meaning -errno. The C ABI passes the fourth argument in %rcx, hence `mov %rcx, %r10`.
# A failing call returns -1 and sets the thread's errno (errno.s).

	.macro SYSWRAP name, nr
	.text
	.globl \name
	.type \name, @function
\name:
	mov %rcx, %r10
	mov $\nr, %eax
	syscall
	cmp $-4095, %rax
	jae __vsys_syscall_error
	ret
	.size \name, .-\name
	.endm

	SYSWRAP read, 0
	SYSWRAP write, 1
	SYSWRAP close, 3
	SYSWRAP stat, 4
	SYSWRAP fstat, 5
	SYSWRAP lseek, 8
	SYSWRAP mmap, 9
	SYSWRAP munmap, 11
	SYSWRAP pread, 17
	SYSWRAP pread64, 17
	SYSWRAP pwrite, 18
	SYSWRAP pwrite64, 18
	SYSWRAP readv, 19
	SYSWRAP writev, 20
	SYSWRAP pipe, 22
	SYSWRAP dup, 32
	SYSWRAP dup2, 33
	SYSWRAP nanosleep, 35
	SYSWRAP getpid, 39
	SYSWRAP kill, 62
	SYSWRAP chdir, 80
	SYSWRAP rename, 82
	SYSWRAP mkdir, 83
	SYSWRAP rmdir, 84
	SYSWRAP unlink, 87
	SYSWRAP gettid, 186
	SYSWRAP tgkill, 234
	SYSWRAP openat, 257
	SYSWRAP getrandom, 318
	SYSWRAP arch_prctl, 158
	SYSWRAP set_tid_address, 218
	SYSWRAP sched_yield, 24

# open(path, flags, mode): glibc implements it as openat(AT_FDCWD, ...), and so do we.
	.globl open
	.type open, @function
open:
	mov %edx, %r10d
	mov %esi, %edx
	mov %rdi, %rsi
	mov $-100, %edi                 # AT_FDCWD
	mov $257, %eax
	syscall
	cmp $-4095, %rax
	jae __vsys_syscall_error
	ret
	.size open, .-open

# getcwd(buf, size): the syscall returns the length; glibc returns buf, or NULL with errno set
# (ERANGE when size is too small). buf == NULL asks for a malloc'd buffer of `size` bytes (4096
# when size is 0), glibc's extension.
	.globl getcwd
	.type getcwd, @function
getcwd:
	push %rbx
	test %rdi, %rdi
	jnz 1f
	test %rsi, %rsi
	jnz 2f
	mov $4096, %esi
2:	push %rsi
	mov %rsi, %rdi
	call malloc
	pop %rsi
	test %rax, %rax
	jz 9f
	mov %rax, %rdi
1:	mov %rdi, %rbx
	mov $79, %eax
	syscall
	cmp $-4095, %rax
	jae 8f
	mov %rbx, %rax
9:	pop %rbx
	ret
8:	pop %rbx
	call __vsys_syscall_error       # errno; getcwd's failure value is NULL, not -1
	xor %eax, %eax
	ret
	.size getcwd, .-getcwd

# exit(status): no stdio buffers to flush (stdio.s writes through), so exit_group(2) directly.
	.globl exit
	.type exit, @function
	.globl _exit
	.type _exit, @function
	.globl _Exit
exit:
_exit:
_Exit:
	mov $231, %eax                  # exit_group: every thread of the process ends
	syscall
	hlt
	.size exit, .-exit

# brk(addr): 0 on success, -1/ENOMEM when the kernel left the break below addr (brk(2)).
# sbrk(increment): returns the old break. The current break is cached in __vsys_curbrk.
	.globl brk
	.type brk, @function
brk:
	push %rdi
	mov $12, %eax
	syscall
	pop %rdi
	mov %rax, __vsys_curbrk(%rip)
	cmp %rdi, %rax
	jb 1f
	xor %eax, %eax
	ret
1:	mov $12, %edi                   # ENOMEM
	jmp __vsys_set_errno
	.size brk, .-brk

	.globl sbrk
	.type sbrk, @function
sbrk:
	mov __vsys_curbrk(%rip), %rax
	test %rax, %rax
	jnz 1f
	push %rdi
	xor %edi, %edi
	mov $12, %eax
	syscall
	pop %rdi
	mov %rax, __vsys_curbrk(%rip)
1:	test %rdi, %rdi
	jz 3f
	push %rax                       # old break
	lea (%rax,%rdi), %rdi
	push %rdi
	mov $12, %eax
	syscall
	pop %rdi
	mov %rax, __vsys_curbrk(%rip)
	cmp %rdi, %rax
	pop %rax
	jne 2f
3:	ret
2:	mov $12, %edi                   # ENOMEM
	jmp __vsys_set_errno
	.size sbrk, .-sbrk

	.bss
	.p2align 3
	.globl __vsys_curbrk
__vsys_curbrk:
	.zero 8
