# errno in action: open(2) a missing file through libc, then print what libc made of the
# kernel's -ENOENT: the -1 result, errno (read through __errno_location(), the thread-local
# int at %fs:8) and strerror's text; perror says the same on stderr.
#   vasm build -o errno examples/libc/errno.s && vrun ./errno ; echo $?
#   vstrace ./errno      # the openat line shows the raw -1 ENOENT the wrapper converted
	.text
	.globl main
main:
	push %rbx
	lea path(%rip), %rdi
	xor %esi, %esi                  # O_RDONLY
	call open                       # kernel: -2 (-ENOENT); libc: -1, errno = 2
	mov %eax, %ebx
	call __errno_location
	mov (%rax), %edi
	push %rdi
	call strerror
	pop %rcx
	lea fmt(%rip), %rdi
	mov %ebx, %esi                  # -1
	mov %ecx, %edx                  # errno
	mov %rax, %rcx                  # message
	xor %eax, %eax
	call printf
	lea path(%rip), %rdi
	call perror                     # "/no/such/file: No such file or directory" on stderr
	mov $1, %eax
	pop %rbx
	ret
	.section .rodata
path:	.asciz "/no/such/file"
fmt:	.asciz "open returned %d, errno %d (%s)\n"
