# errno after failing calls, strerror, perror: each failing call prints its result and errno
# (through __errno_location, which glibc also exports) and strerror's text. Linked against glibc
# (gcc) and against vsys libc, the output must be the same.
	.text
	.globl main
main:
	push %rbx
	push %r12
	push %r13
	# open("/nonexistent/x", O_RDONLY) -> -1 ENOENT
	lea path_missing(%rip), %rdi
	xor %esi, %esi
	call open
	lea t_open(%rip), %rdi
	call report
	# close(-1) -> EBADF
	mov $-1, %edi
	call close
	lea t_close(%rip), %rdi
	call report
	# read(1000, buf, 1) -> EBADF
	mov $1000, %edi
	lea buf(%rip), %rsi
	mov $1, %edx
	call read
	lea t_read(%rip), %rdi
	call report
	# mkdir("/", 0755) -> EEXIST
	lea path_root(%rip), %rdi
	mov $0755, %esi
	call mkdir
	lea t_mkdir(%rip), %rdi
	call report
	# rmdir("/nonexistent/x") -> ENOENT
	lea path_missing(%rip), %rdi
	call rmdir
	lea t_rmdir(%rip), %rdi
	call report
	# chdir("/nonexistent/x")
	lea path_missing(%rip), %rdi
	call chdir
	lea t_chdir(%rip), %rdi
	call report
	# unlink("/nonexistent/x")
	lea path_missing(%rip), %rdi
	call unlink
	lea t_unlink(%rip), %rdi
	call report
	# lseek on a pipe -> ESPIPE
	lea fds(%rip), %rdi
	call pipe
	lea t_pipe(%rip), %rdi
	call report
	mov fds(%rip), %edi
	xor %esi, %esi
	xor %edx, %edx
	call lseek
	lea t_lseek(%rip), %rdi
	call report
	# dup2(fd, fd) on a closed fd -> EBADF; on an open one returns fd
	mov $999, %edi
	mov $999, %esi
	call dup2
	lea t_dup2(%rip), %rdi
	call report
	mov fds+4(%rip), %edi
	mov fds+4(%rip), %esi
	call dup2
	lea t_dup2b(%rip), %rdi
	call report
	# getcwd into a buffer too small: NULL (not -1) and ERANGE
	lea buf(%rip), %rdi
	mov $1, %esi
	call getcwd
	test %rax, %rax
	sete %bl
	call __errno_location
	mov (%rax), %edx
	movzbl %bl, %esi
	lea t_getcwd(%rip), %rdi
	xor %eax, %eax
	call printf
	# write to the pipe, read it back
	mov fds+4(%rip), %edi
	lea msg(%rip), %rsi
	mov $5, %edx
	call write
	lea t_write(%rip), %rdi
	call report
	mov fds(%rip), %edi
	lea buf(%rip), %rsi
	mov $16, %edx
	call read
	lea t_read2(%rip), %rdi
	call report
	# stat on a missing path, fstat on a bad fd
	lea path_missing(%rip), %rdi
	lea statbuf(%rip), %rsi
	call stat
	lea t_stat(%rip), %rdi
	call report
	mov $-5, %edi
	lea statbuf(%rip), %rsi
	call fstat
	lea t_fstat(%rip), %rdi
	call report
	# a successful call leaves errno alone (still EBADF from fstat)
	call getpid
	call __errno_location
	mov (%rax), %esi
	lea t_kept(%rip), %rdi
	xor %eax, %eax
	call printf
	# strerror over a range, including unknown numbers
	xor %ebx, %ebx
1:	mov %ebx, %edi
	call strerror
	lea f_strerror(%rip), %rdi
	mov %ebx, %esi
	mov %rax, %rdx
	xor %eax, %eax
	call printf
	inc %ebx
	cmp $136, %ebx
	jb 1b
	mov $-1, %edi
	call strerror
	lea f_strerror(%rip), %rdi
	mov $-1, %esi
	mov %rax, %rdx
	xor %eax, %eax
	call printf
	# perror with and without a prefix (stderr)
	call __errno_location
	movl $2, (%rax)
	lea path_missing(%rip), %rdi
	call perror
	call __errno_location           # (glibc's perror may leave errno changed: set it again)
	movl $13, (%rax)
	xor %edi, %edi
	call perror
	mov $3, %eax
	pop %r13
	pop %r12
	pop %rbx
	ret

# report(title %rdi, result %eax): "title = result errno=N (message)" or "title = result".
report:
	push %rbx
	push %r12
	push %r13
	mov %rdi, %rbx
	movslq %eax, %r12               # int results (read/write/lseek fit in int here)
	cmp $-1, %r12
	jne 1f
	call __errno_location
	mov (%rax), %r13d
	mov %r13d, %edi
	call strerror
	mov %rax, %r8
	lea f_fail(%rip), %rdi
	mov %rbx, %rsi
	mov %r12, %rdx
	mov %r13d, %ecx
	xor %eax, %eax
	call printf
	jmp 2f
1:	lea f_ok(%rip), %rdi
	mov %rbx, %rsi
	mov %r12, %rdx
	xor %eax, %eax
	call printf
2:	pop %r13
	pop %r12
	pop %rbx
	ret

	.section .rodata
path_missing:	.asciz "/nonexistent/x"
path_root:	.asciz "/"
msg:		.asciz "hello"
t_open:		.asciz "open"
t_close:	.asciz "close"
t_read:		.asciz "read"
t_mkdir:	.asciz "mkdir"
t_rmdir:	.asciz "rmdir"
t_chdir:	.asciz "chdir"
t_unlink:	.asciz "unlink"
t_pipe:		.asciz "pipe"
t_lseek:	.asciz "lseek"
t_dup2:		.asciz "dup2"
t_dup2b:	.asciz "dup2 same"
t_write:	.asciz "write"
t_read2:	.asciz "read pipe"
t_stat:		.asciz "stat"
t_fstat:	.asciz "fstat"
t_kept:		.asciz "errno kept %d\n"
t_getcwd:	.asciz "getcwd small: NULL %d errno %d\n"
f_fail:		.asciz "%s = %ld errno=%d (%s)\n"
f_ok:		.asciz "%s = %ld\n"
f_strerror:	.asciz "%d: %s\n"
	.bss
	.p2align 3
fds:		.zero 8
buf:		.zero 64
statbuf:	.zero 256
