// System call wrappers for ARM64 with glibc's names and semantics. The Linux arm64 syscall ABI
// (syscall(2), "Architecture calling conventions"): number in x8, arguments in x0–x5, `svc #0`,
// the result in x0 with -4095..-1 meaning -errno; every other register is preserved. AAPCS64
// passes a C function's arguments in x0–x7, so most wrappers only load x8.
// A failing call returns -1 and sets the thread's errno (errno.s).
//
// arm64 uses the asm-generic table (include/uapi/asm-generic/unistd.h), which has no open,
// pipe, dup2, mkdir, rmdir, unlink, rename, stat or time: those are built here from openat,
// pipe2, dup3, mkdirat, unlinkat, renameat and newfstatat, as glibc does
// (sysdeps/unix/sysv/linux/*.c with AT_FDCWD).
	.set AT_FDCWD, -100
	.set AT_REMOVEDIR, 0x200
	.set AT_SYMLINK_NOFOLLOW, 0x100
	.set F_GETFL, 3
	.set SYS_brk, 214
	.set ENOMEM, 12

	.macro SYSWRAP name, nr
	.text
	.globl \name
	.type \name, %function
\name:
	mov x8, #\nr
	svc #0
	cmn x0, #4095
	b.hs __vsys_syscall_error
	ret
	.size \name, .-\name
	.endm

	SYSWRAP dup, 23
	SYSWRAP dup3, 24
	SYSWRAP fcntl, 25
	SYSWRAP mkdirat, 34
	SYSWRAP unlinkat, 35
	SYSWRAP renameat, 38
	SYSWRAP chdir, 49
	SYSWRAP openat, 56
	SYSWRAP close, 57
	SYSWRAP pipe2, 59
	SYSWRAP lseek, 62
	SYSWRAP read, 63
	SYSWRAP write, 64
	SYSWRAP readv, 65
	SYSWRAP writev, 66
	SYSWRAP pread, 67
	SYSWRAP pread64, 67
	SYSWRAP pwrite, 68
	SYSWRAP pwrite64, 68
	SYSWRAP fstatat, 79
	SYSWRAP fstat, 80
	SYSWRAP set_tid_address, 96
	SYSWRAP nanosleep, 101
	SYSWRAP sched_yield, 124
	SYSWRAP kill, 129
	SYSWRAP tgkill, 131
	SYSWRAP getpid, 172
	SYSWRAP gettid, 178
	SYSWRAP munmap, 215
	SYSWRAP mmap, 222
	SYSWRAP getrandom, 278

// open(path, flags, mode) = openat(AT_FDCWD, path, flags, mode).
	.globl open
	.type open, %function
open:
	mov x3, x2
	mov x2, x1
	mov x1, x0
	mov x0, #AT_FDCWD
	b openat
	.size open, .-open

// pipe(fds) = pipe2(fds, 0).
	.globl pipe
	.type pipe, %function
pipe:
	mov x1, #0
	b pipe2
	.size pipe, .-pipe

// dup2(old, new): dup3(old, new, 0) — except that dup3 rejects old == new with EINVAL while
// dup2 returns new when old is open and fails with EBADF when it is not (dup2(2)); glibc's
// dup2 checks the descriptor with fcntl(F_GETFL) in that case.
	.globl dup2
	.type dup2, %function
dup2:
	cmp w0, w1
	b.eq 1f
	mov x2, #0
	b dup3
1:	mov w9, w1
	mov w1, #F_GETFL
	mov x8, #25
	svc #0
	cmn x0, #4095
	b.hs __vsys_syscall_error
	mov w0, w9
	ret
	.size dup2, .-dup2

// mkdir(path, mode) = mkdirat(AT_FDCWD, path, mode).
	.globl mkdir
	.type mkdir, %function
mkdir:
	mov x2, x1
	mov x1, x0
	mov x0, #AT_FDCWD
	b mkdirat
	.size mkdir, .-mkdir

// unlink(path) = unlinkat(AT_FDCWD, path, 0); rmdir(path) = unlinkat(AT_FDCWD, path, AT_REMOVEDIR).
	.globl unlink
	.type unlink, %function
unlink:
	mov x2, #0
	mov x1, x0
	mov x0, #AT_FDCWD
	b unlinkat
	.size unlink, .-unlink

	.globl rmdir
	.type rmdir, %function
rmdir:
	mov x2, #AT_REMOVEDIR
	mov x1, x0
	mov x0, #AT_FDCWD
	b unlinkat
	.size rmdir, .-rmdir

// rename(old, new) = renameat(AT_FDCWD, old, AT_FDCWD, new).
	.globl rename
	.type rename, %function
rename:
	mov x3, x1
	mov x1, x0
	mov x0, #AT_FDCWD
	mov x2, #AT_FDCWD
	b renameat
	.size rename, .-rename

// stat(path, buf) = newfstatat(AT_FDCWD, path, buf, 0); lstat adds AT_SYMLINK_NOFOLLOW.
	.globl stat
	.type stat, %function
stat:
	mov x3, #0
	b 1f
	.globl lstat
	.type lstat, %function
lstat:
	mov x3, #AT_SYMLINK_NOFOLLOW
1:	mov x2, x1
	mov x1, x0
	mov x0, #AT_FDCWD
	b fstatat
	.size stat, .-stat

// getcwd(buf, size): the syscall returns the length; glibc returns buf, or NULL with errno set
// (ERANGE when size is too small). buf == NULL asks for a malloc'd buffer of `size` bytes (4096
// when size is 0), glibc's extension.
	.globl getcwd
	.type getcwd, %function
getcwd:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	str x19, [sp, #16]
	cbnz x0, 1f
	cbnz x1, 2f
	mov x1, #4096
2:	str x1, [sp, #24]
	mov x0, x1
	bl malloc
	ldr x1, [sp, #24]
	cbz x0, 9f
1:	mov x19, x0
	mov x8, #17
	svc #0
	cmn x0, #4095
	b.hs 8f
	mov x0, x19
9:	ldr x19, [sp, #16]
	ldp x29, x30, [sp], #32
	ret
8:	bl __vsys_syscall_error         // errno; getcwd's failure value is NULL, not -1
	mov x0, #0
	b 9b
	.size getcwd, .-getcwd

// exit(status): no stdio buffers to flush (stdio.s writes through), so exit_group(2) directly.
	.globl exit
	.type exit, %function
	.globl _exit
	.type _exit, %function
	.globl _Exit
exit:
_exit:
_Exit:
	mov x8, #94                     // exit_group: every thread of the process ends
	svc #0
	b exit
	.size exit, .-exit

// brk(addr): 0 on success, -1/ENOMEM when the kernel left the break below addr (brk(2)).
// sbrk(increment): returns the old break. The current break is cached in __vsys_curbrk.
	.globl brk
	.type brk, %function
brk:
	mov x9, x0
	mov x8, #SYS_brk
	svc #0
	adrp x10, __vsys_curbrk
	str x0, [x10, :lo12:__vsys_curbrk]
	cmp x0, x9
	b.lo 1f
	mov x0, #0
	ret
1:	mov w0, #ENOMEM
	b __vsys_set_errno
	.size brk, .-brk

	.globl sbrk
	.type sbrk, %function
sbrk:
	mov x9, x0                      // the increment
	adrp x10, __vsys_curbrk
	ldr x0, [x10, :lo12:__vsys_curbrk]
	cbnz x0, 1f
	mov x8, #SYS_brk                // brk(0): the current break
	svc #0
	str x0, [x10, :lo12:__vsys_curbrk]
1:	cbz x9, 3f
	mov x11, x0                     // the old break
	add x0, x0, x9
	mov x12, x0
	mov x8, #SYS_brk
	svc #0
	str x0, [x10, :lo12:__vsys_curbrk]
	cmp x0, x12
	b.ne 2f
	mov x0, x11
3:	ret
2:	mov w0, #ENOMEM
	b __vsys_set_errno
	.size sbrk, .-sbrk

	.bss
	.p2align 3
	.globl __vsys_curbrk
__vsys_curbrk:
	.zero 8
