// errno for ARM64: the thread-local int at offset 8 from the thread pointer (TPIDR_EL0 holds the
// address of the thread's TCB; crt0.s lays the TCB out). Syscall wrappers branch to
// __vsys_syscall_error when the kernel returns a value in -4095..-1 (the kernel's -errno range;
// glibc's aarch64 sysdep.h tests it with `cmn x0, #4095; b.cs`): errno = -value, result -1.
	.set TCB_ERRNO, 8

	.text
	.globl __errno_location
	.type __errno_location, %function
__errno_location:
	mrs x0, tpidr_el0
	add x0, x0, #TCB_ERRNO
	ret
	.size __errno_location, .-__errno_location

// __vsys_syscall_error(x0 = -errno): returns -1 in x0.
	.globl __vsys_syscall_error
	.type __vsys_syscall_error, %function
__vsys_syscall_error:
	neg w1, w0
	mrs x2, tpidr_el0
	str w1, [x2, #TCB_ERRNO]
	mov x0, #-1
	ret
	.size __vsys_syscall_error, .-__vsys_syscall_error

// __vsys_set_errno(w0 = errno value): returns -1 in x0.
	.globl __vsys_set_errno
	.type __vsys_set_errno, %function
__vsys_set_errno:
	mrs x1, tpidr_el0
	str w0, [x1, #TCB_ERRNO]
	mov x0, #-1
	ret
	.size __vsys_set_errno, .-__vsys_set_errno
