# errno for x86-64: the thread-local int at offset 8 from the thread pointer (%fs:0 is the TCB's
# self pointer; crt0.s lays the TCB out). Syscall wrappers jump to __vsys_syscall_error when the
# kernel returns a value in -4095..-1 (the kernel's -errno range; glibc's INTERNAL_SYSCALL_ERROR_P
# uses the same bound): errno = -value, result -1.
	.set TCB_ERRNO, 8

	.text
	.globl __errno_location
	.type __errno_location, @function
__errno_location:
	mov %fs:0, %rax
	add $TCB_ERRNO, %rax
	ret
	.size __errno_location, .-__errno_location

	.globl __vsys_syscall_error
	.type __vsys_syscall_error, @function
__vsys_syscall_error:
	neg %eax
	mov %eax, %fs:TCB_ERRNO
	mov $-1, %rax
	ret
	.size __vsys_syscall_error, .-__vsys_syscall_error

	.globl __vsys_set_errno
	.type __vsys_set_errno, @function
# __vsys_set_errno(%edi = errno value): returns -1 in %rax.
__vsys_set_errno:
	mov %edi, %fs:TCB_ERRNO
	mov $-1, %rax
	ret
	.size __vsys_set_errno, .-__vsys_set_errno
