// errno after failing calls, strerror, perror: each failing call prints its result and errno
// (through __errno_location, which glibc also exports) and strerror's text. Linked against glibc
// (aarch64-linux-gnu-gcc -static, run by qemu-aarch64) and against vsys libc, the output must be
// the same. The same checks as programs/x86_64/errno.s.
	.text
	.globl main
main:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	// open("/nonexistent/x", O_RDONLY) -> -1 ENOENT
	adrp x0, path_missing
	add x0, x0, :lo12:path_missing
	mov w1, #0
	bl open
	adrp x1, t_open
	add x1, x1, :lo12:t_open
	bl report
	// close(-1) -> EBADF
	mov w0, #-1
	bl close
	adrp x1, t_close
	add x1, x1, :lo12:t_close
	bl report
	// read(1000, buf, 1) -> EBADF
	mov w0, #1000
	adrp x1, buf
	add x1, x1, :lo12:buf
	mov x2, #1
	bl read
	adrp x1, t_read
	add x1, x1, :lo12:t_read
	bl report
	// mkdir("/", 0755) -> EEXIST
	adrp x0, path_root
	add x0, x0, :lo12:path_root
	mov w1, #0755
	bl mkdir
	adrp x1, t_mkdir
	add x1, x1, :lo12:t_mkdir
	bl report
	// rmdir("/nonexistent/x") -> ENOENT
	adrp x0, path_missing
	add x0, x0, :lo12:path_missing
	bl rmdir
	adrp x1, t_rmdir
	add x1, x1, :lo12:t_rmdir
	bl report
	// rmdir of a file's parent that is not a directory -> ENOTDIR
	adrp x0, path_notdir
	add x0, x0, :lo12:path_notdir
	bl rmdir
	adrp x1, t_rmdir2
	add x1, x1, :lo12:t_rmdir2
	bl report
	// chdir("/nonexistent/x")
	adrp x0, path_missing
	add x0, x0, :lo12:path_missing
	bl chdir
	adrp x1, t_chdir
	add x1, x1, :lo12:t_chdir
	bl report
	// unlink("/nonexistent/x")
	adrp x0, path_missing
	add x0, x0, :lo12:path_missing
	bl unlink
	adrp x1, t_unlink
	add x1, x1, :lo12:t_unlink
	bl report
	// rename of a missing file
	adrp x0, path_missing
	add x0, x0, :lo12:path_missing
	adrp x1, path_other
	add x1, x1, :lo12:path_other
	bl rename
	adrp x1, t_rename
	add x1, x1, :lo12:t_rename
	bl report
	// lseek on a pipe -> ESPIPE
	adrp x0, fds
	add x0, x0, :lo12:fds
	bl pipe
	adrp x1, t_pipe
	add x1, x1, :lo12:t_pipe
	bl report
	adrp x9, fds
	ldr w0, [x9, :lo12:fds]
	mov x1, #0
	mov w2, #0
	bl lseek
	adrp x1, t_lseek
	add x1, x1, :lo12:t_lseek
	bl report
	// dup2(fd, fd) on a closed fd -> EBADF; on an open one returns fd; dup2 to another number
	mov w0, #999
	mov w1, #999
	bl dup2
	adrp x1, t_dup2
	add x1, x1, :lo12:t_dup2
	bl report
	adrp x9, fds
	add x9, x9, :lo12:fds
	ldr w0, [x9, #4]
	ldr w1, [x9, #4]
	bl dup2
	adrp x1, t_dup2b
	add x1, x1, :lo12:t_dup2b
	bl report
	adrp x9, fds
	add x9, x9, :lo12:fds
	ldr w0, [x9, #4]
	mov w1, #40
	bl dup2
	adrp x1, t_dup2c
	add x1, x1, :lo12:t_dup2c
	bl report
	mov w0, #40
	bl close
	adrp x1, t_close2
	add x1, x1, :lo12:t_close2
	bl report
	// write to the pipe, read it back
	adrp x9, fds
	add x9, x9, :lo12:fds
	ldr w0, [x9, #4]
	adrp x1, msg
	add x1, x1, :lo12:msg
	mov x2, #5
	bl write
	adrp x1, t_write
	add x1, x1, :lo12:t_write
	bl report
	adrp x9, fds
	ldr w0, [x9, :lo12:fds]
	adrp x1, buf
	add x1, x1, :lo12:buf
	mov x2, #16
	bl read
	adrp x1, t_read2
	add x1, x1, :lo12:t_read2
	bl report
	// stat on a missing path, fstat on a bad fd
	adrp x0, path_missing
	add x0, x0, :lo12:path_missing
	adrp x1, statbuf
	add x1, x1, :lo12:statbuf
	bl stat
	adrp x1, t_stat
	add x1, x1, :lo12:t_stat
	bl report
	mov w0, #-5
	adrp x1, statbuf
	add x1, x1, :lo12:statbuf
	bl fstat
	adrp x1, t_fstat
	add x1, x1, :lo12:t_fstat
	bl report
	// a successful call leaves errno alone (still EBADF from fstat)
	bl getpid
	bl __errno_location
	ldr w1, [x0]
	adrp x0, t_kept
	add x0, x0, :lo12:t_kept
	bl printf
	// strerror over a range, including unknown numbers
	mov w19, #0
1:	mov w0, w19
	bl strerror
	mov x2, x0
	mov w1, w19
	adrp x0, f_strerror
	add x0, x0, :lo12:f_strerror
	bl printf
	add w19, w19, #1
	cmp w19, #136
	b.lo 1b
	mov w0, #-1
	bl strerror
	mov x2, x0
	mov w1, #-1
	adrp x0, f_strerror
	add x0, x0, :lo12:f_strerror
	bl printf
	// perror with and without a prefix (stderr)
	bl __errno_location
	mov w9, #2
	str w9, [x0]
	adrp x0, path_missing
	add x0, x0, :lo12:path_missing
	bl perror
	bl __errno_location             // (glibc's perror may leave errno changed: set it again)
	mov w9, #13
	str w9, [x0]
	mov x0, #0
	bl perror
	mov w0, #3
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #32
	ret

// report(result x0 (an int or ssize_t), title x1): "title = result errno=N (message)" or
// "title = result".
report:
	stp x29, x30, [sp, #-48]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	str x21, [sp, #32]
	mov x19, x1
	sxtw x20, w0                    // int results (read/write/lseek fit in an int here)
	cmn x20, #1
	b.ne 1f
	bl __errno_location
	ldr w21, [x0]
	mov w0, w21
	bl strerror
	mov x4, x0
	mov w3, w21
	mov x2, x20
	mov x1, x19
	adrp x0, f_fail
	add x0, x0, :lo12:f_fail
	bl printf
	b 2f
1:	mov x2, x20
	mov x1, x19
	adrp x0, f_ok
	add x0, x0, :lo12:f_ok
	bl printf
2:	ldr x21, [sp, #32]
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #48
	ret

	.section .rodata
path_missing:	.asciz "/nonexistent/x"
path_other:	.asciz "/nonexistent/y"
path_notdir:	.asciz "/dev/null/x"
path_root:	.asciz "/"
msg:		.asciz "hello"
t_open:		.asciz "open"
t_close:	.asciz "close"
t_close2:	.asciz "close dup"
t_read:		.asciz "read"
t_mkdir:	.asciz "mkdir"
t_rmdir:	.asciz "rmdir"
t_rmdir2:	.asciz "rmdir notdir"
t_chdir:	.asciz "chdir"
t_unlink:	.asciz "unlink"
t_rename:	.asciz "rename"
t_pipe:		.asciz "pipe"
t_lseek:	.asciz "lseek"
t_dup2:		.asciz "dup2"
t_dup2b:	.asciz "dup2 same"
t_dup2c:	.asciz "dup2 other"
t_write:	.asciz "write"
t_read2:	.asciz "read pipe"
t_stat:		.asciz "stat"
t_fstat:	.asciz "fstat"
t_kept:		.asciz "errno kept %d\n"
f_fail:		.asciz "%s = %ld errno=%d (%s)\n"
f_ok:		.asciz "%s = %ld\n"
f_strerror:	.asciz "%d: %s\n"
	.bss
	.p2align 3
fds:		.zero 8
buf:		.zero 64
statbuf:	.zero 256
