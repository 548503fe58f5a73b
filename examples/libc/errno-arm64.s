// errno in action on ARM64: open(2) a missing file through libc, then print what libc made of
// the kernel's -ENOENT: the -1 result, errno (read through __errno_location(), the thread-local
// int at TPIDR_EL0 + 8) and strerror's text; perror says the same on stderr.
//   vasm build --arch arm64 -o errno examples/libc/errno-arm64.s && vrun ./errno ; echo $?
//   vstrace ./errno      # the openat line shows the raw -1 ENOENT the wrapper converted
	.text
	.globl main
main:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	adrp x0, path
	add x0, x0, :lo12:path
	mov w1, #0                      // O_RDONLY
	bl open                         // kernel: -2 (-ENOENT); libc: -1, errno = 2
	mov w19, w0
	bl __errno_location
	ldr w20, [x0]
	mov w0, w20
	bl strerror
	mov x3, x0                      // message
	mov w2, w20                     // errno
	mov w1, w19                     // -1
	adrp x0, fmt
	add x0, x0, :lo12:fmt
	bl printf
	adrp x0, path
	add x0, x0, :lo12:path
	bl perror                       // "/no/such/file: No such file or directory" on stderr
	mov w0, #1
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #32
	ret
	.section .rodata
path:	.asciz "/no/such/file"
fmt:	.asciz "open returned %d, errno %d (%s)\n"
