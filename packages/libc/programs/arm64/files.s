// Files, descriptors and memory through libc: open(O_CREAT) in the current directory, write,
// pwrite, pread, lseek, writev/readv, fstat/stat (st_size, the file type), dup/dup2, rename,
// unlink, mkdir/rmdir, chdir/getcwd, mmap/munmap, brk/sbrk, getrandom, nanosleep/sleep, and
// errno for the failures among them. Only facts that hold on any run are printed (no paths,
// addresses or random bytes), so glibc under qemu-aarch64 and vsys libc under vrun print the
// same. arm64's struct stat is asm-generic's: st_mode at 16 (u32), st_size at 48.
	.set O_RDWR, 2
	.set O_CREAT, 0x40
	.set O_EXCL, 0x80
	.set O_TRUNC, 0x200
	.set O_DIRECTORY, 0x4000
	.text
	.globl main
main:
	stp x29, x30, [sp, #-48]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	stp x21, x22, [sp, #32]
	adrp x22, vars
	add x22, x22, :lo12:vars        // x22: scratch memory (see .bss)
	// a fresh file: open(O_CREAT|O_EXCL|O_RDWR|O_TRUNC, 0644)
	adrp x0, name_a
	add x0, x0, :lo12:name_a
	bl unlink                       // (left over from an earlier run: ignore the result)
	adrp x0, name_b
	add x0, x0, :lo12:name_b
	bl unlink
	adrp x0, name_a
	add x0, x0, :lo12:name_a
	mov w1, #(O_CREAT | O_EXCL | O_RDWR | O_TRUNC)
	mov w2, #0644
	bl open
	mov w19, w0
	cmp w0, #3
	cset w0, ge
	adrp x1, t_open
	add x1, x1, :lo12:t_open
	bl report
	// O_EXCL on an existing file: EEXIST
	adrp x0, name_a
	add x0, x0, :lo12:name_a
	mov w1, #(O_CREAT | O_EXCL | O_RDWR)
	mov w2, #0644
	bl open
	adrp x1, t_excl
	add x1, x1, :lo12:t_excl
	bl report
	// write 10 bytes, pwrite 3 at offset 2, lseek to 0, read back
	mov w0, w19
	adrp x1, digits
	add x1, x1, :lo12:digits
	mov x2, #10
	bl write
	adrp x1, t_write
	add x1, x1, :lo12:t_write
	bl report
	mov w0, w19
	adrp x1, abc
	add x1, x1, :lo12:abc
	mov x2, #3
	mov x3, #2
	bl pwrite
	adrp x1, t_pwrite
	add x1, x1, :lo12:t_pwrite
	bl report
	mov w0, w19
	mov x1, #0
	mov w2, #1                      // SEEK_CUR: still 10 (pwrite keeps the offset)
	bl lseek
	adrp x1, t_lseek
	add x1, x1, :lo12:t_lseek
	bl report
	mov w0, w19
	add x1, x22, #256
	mov x2, #4
	mov x3, #1
	bl pread
	adrp x1, t_pread
	add x1, x1, :lo12:t_pread
	bl report
	strb wzr, [x22, #260]
	add x1, x22, #256
	adrp x0, f_str
	add x0, x0, :lo12:f_str
	bl printf
	// writev two pieces at the end, then readv the whole file back into two buffers
	adrp x9, abc
	add x9, x9, :lo12:abc
	mov x10, #3
	stp x9, x10, [x22]
	adrp x9, digits
	add x9, x9, :lo12:digits
	mov x10, #2
	stp x9, x10, [x22, #16]
	mov w0, w19
	mov x1, x22
	mov w2, #2
	bl writev
	adrp x1, t_writev
	add x1, x1, :lo12:t_writev
	bl report
	mov w0, w19
	mov x1, #0
	mov w2, #0                      // SEEK_SET
	bl lseek
	add x9, x22, #256
	mov x10, #6
	stp x9, x10, [x22]
	add x9, x22, #272
	mov x10, #20
	stp x9, x10, [x22, #16]
	mov w0, w19
	mov x1, x22
	mov w2, #2
	bl readv
	adrp x1, t_readv
	add x1, x1, :lo12:t_readv
	bl report
	strb wzr, [x22, #262]
	strb wzr, [x22, #281]
	add x1, x22, #256
	add x2, x22, #272
	adrp x0, f_two
	add x0, x0, :lo12:f_two
	bl printf
	// fstat: size 15, a regular file
	mov w0, w19
	add x1, x22, #512
	bl fstat
	mov w20, w0
	ldr w2, [x22, #528]
	and w2, w2, #0170000
	cmp w2, #0100000
	cset w2, eq
	ldr x3, [x22, #560]
	mov w1, w20
	adrp x0, f_fstat
	add x0, x0, :lo12:f_fstat
	bl printf
	// dup, dup2 onto 50; both reach the same file (shared offset)
	mov w0, w19
	bl dup
	mov w20, w0
	cmp w0, #3
	cset w0, gt
	adrp x1, t_dup
	add x1, x1, :lo12:t_dup
	bl report
	mov w0, w20
	mov w1, #50
	bl dup2
	adrp x1, t_dup2
	add x1, x1, :lo12:t_dup2
	bl report
	mov w0, #50
	mov x1, #3
	mov w2, #0
	bl lseek
	mov w0, w19
	mov x1, #0
	mov w2, #1
	bl lseek
	adrp x1, t_shared
	add x1, x1, :lo12:t_shared
	bl report
	mov w0, #50
	bl close
	mov w0, w20
	bl close
	mov w0, w19
	bl close
	adrp x1, t_close
	add x1, x1, :lo12:t_close
	bl report
	mov w0, w19
	bl close                        // twice: EBADF
	adrp x1, t_close2
	add x1, x1, :lo12:t_close2
	bl report
	// rename, stat the new name and the old one, unlink
	adrp x0, name_a
	add x0, x0, :lo12:name_a
	adrp x1, name_b
	add x1, x1, :lo12:name_b
	bl rename
	adrp x1, t_rename
	add x1, x1, :lo12:t_rename
	bl report
	adrp x0, name_b
	add x0, x0, :lo12:name_b
	add x1, x22, #512
	bl stat
	ldr x1, [x22, #560]
	adrp x0, f_size
	add x0, x0, :lo12:f_size
	bl printf
	adrp x0, name_a
	add x0, x0, :lo12:name_a
	add x1, x22, #512
	bl stat
	adrp x1, t_stat_old
	add x1, x1, :lo12:t_stat_old
	bl report
	adrp x0, name_b
	add x0, x0, :lo12:name_b
	bl rmdir                        // a file: ENOTDIR
	adrp x1, t_rmdir_file
	add x1, x1, :lo12:t_rmdir_file
	bl report
	adrp x0, name_b
	add x0, x0, :lo12:name_b
	bl unlink
	adrp x1, t_unlink
	add x1, x1, :lo12:t_unlink
	bl report
	// a directory: mkdir, mkdir again (EEXIST), chdir in and out, unlink (EISDIR), rmdir
	adrp x0, name_d
	add x0, x0, :lo12:name_d
	bl rmdir
	adrp x0, name_d
	add x0, x0, :lo12:name_d
	mov w1, #0755
	bl mkdir
	adrp x1, t_mkdir
	add x1, x1, :lo12:t_mkdir
	bl report
	adrp x0, name_d
	add x0, x0, :lo12:name_d
	mov w1, #0755
	bl mkdir
	adrp x1, t_mkdir2
	add x1, x1, :lo12:t_mkdir2
	bl report
	adrp x0, name_d
	add x0, x0, :lo12:name_d
	bl chdir
	adrp x1, t_chdir
	add x1, x1, :lo12:t_chdir
	bl report
	add x0, x22, #256
	mov x1, #256
	bl getcwd
	add x9, x22, #256
	cmp x0, x9
	cset w19, eq                    // returns buf
	add x0, x22, #256
	adrp x1, name_d
	add x1, x1, :lo12:name_d
	bl ends_with
	mov w2, w0
	mov w1, w19
	adrp x0, f_cwd
	add x0, x0, :lo12:f_cwd
	bl printf
	add x0, x22, #256
	mov x1, #2
	bl getcwd                       // too small: NULL, ERANGE
	mov x19, x0
	bl __errno_location
	ldr w2, [x0]
	cmp x19, #0
	cset w1, eq
	adrp x0, f_getcwd_small
	add x0, x0, :lo12:f_getcwd_small
	bl printf
	adrp x0, dotdot
	add x0, x0, :lo12:dotdot
	bl chdir
	adrp x0, name_d
	add x0, x0, :lo12:name_d
	bl unlink
	adrp x1, t_unlink_dir
	add x1, x1, :lo12:t_unlink_dir
	bl report
	adrp x0, name_d
	add x0, x0, :lo12:name_d
	bl rmdir
	adrp x1, t_rmdir
	add x1, x1, :lo12:t_rmdir
	bl report
	// mmap 3 pages, touch them, munmap; a bad length fails with EINVAL
	mov x0, #0
	mov x1, #0x3000
	mov w2, #3                      // PROT_READ|PROT_WRITE
	mov w3, #0x22                   // MAP_PRIVATE|MAP_ANONYMOUS
	mov w4, #-1
	mov x5, #0
	bl mmap
	mov x19, x0
	mov w9, #7
	add x10, x19, #0x2000
	strb w9, [x10, #0xfff]
	ldrb w1, [x10, #0xfff]
	add x10, x19, #0x1000
	ldrb w2, [x10]
	adrp x0, f_mmap
	add x0, x0, :lo12:f_mmap
	bl printf
	mov x0, x19
	mov x1, #0x3000
	bl munmap
	adrp x1, t_munmap
	add x1, x1, :lo12:t_munmap
	bl report
	mov x0, #0
	mov x1, #0
	mov w2, #3
	mov w3, #0x22
	mov w4, #-1
	mov x5, #0
	bl mmap
	adrp x1, t_mmap0
	add x1, x1, :lo12:t_mmap0
	bl report
	// sbrk grows the break by what was asked; brk back to where it was
	mov x0, #0
	bl sbrk
	mov x19, x0
	mov x0, #4096
	bl sbrk
	cmp x0, x19
	cset w20, eq
	mov x0, #0
	bl sbrk
	sub x2, x0, x19
	mov w1, w20
	adrp x0, f_sbrk
	add x0, x0, :lo12:f_sbrk
	bl printf
	mov x0, x19
	bl brk
	adrp x1, t_brk
	add x1, x1, :lo12:t_brk
	bl report
	// getrandom: 16 bytes asked, 16 given; bad flags: EINVAL
	add x0, x22, #256
	mov x1, #16
	mov w2, #0
	bl getrandom
	adrp x1, t_getrandom
	add x1, x1, :lo12:t_getrandom
	bl report
	add x0, x22, #256
	mov x1, #16
	mov w2, #0x100
	bl getrandom
	adrp x1, t_getrandom_bad
	add x1, x1, :lo12:t_getrandom_bad
	bl report
	// nanosleep 1 ms, a bad timespec (EINVAL), sleep(0)
	mov x9, #0
	movz x10, #0x4240
	movk x10, #0xf, lsl #16         // 1,000,000 ns
	stp x9, x10, [x22]
	mov x0, x22
	mov x1, #0
	bl nanosleep
	adrp x1, t_nanosleep
	add x1, x1, :lo12:t_nanosleep
	bl report
	mov x9, #0
	mov x10, #-1
	stp x9, x10, [x22]
	mov x0, x22
	mov x1, #0
	bl nanosleep
	adrp x1, t_nanosleep_bad
	add x1, x1, :lo12:t_nanosleep_bad
	bl report
	mov w0, #0
	bl sleep
	adrp x1, t_sleep
	add x1, x1, :lo12:t_sleep
	bl report
	// getpid and gettid agree in a single-threaded process
	bl getpid
	mov w19, w0
	bl gettid
	cmp w0, w19
	cset w0, eq
	adrp x1, t_tid
	add x1, x1, :lo12:t_tid
	bl report
	mov w0, #0
	ldp x21, x22, [sp, #32]
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #48
	ret

// report(result x0, title x1): "title = result errno=N (message)" or "title = result".
report:
	stp x29, x30, [sp, #-48]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	str x21, [sp, #32]
	mov x19, x1
	sxtw x20, w0                    // int results (the ssize_t ones fit in an int here)
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

// ends_with(s x0, suffix x1) -> 1 when s ends with "/" + suffix
ends_with:
	stp x29, x30, [sp, #-48]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	stp x21, x22, [sp, #32]
	mov x19, x0
	mov x20, x1
	bl strlen
	mov x21, x0
	mov x0, x20
	bl strlen
	mov x22, x0
	add x9, x22, #1
	cmp x21, x9
	b.lo 1f
	sub x9, x21, x22
	add x0, x19, x9
	ldurb w10, [x0, #-1]
	cmp w10, #'/'
	b.ne 1f
	mov x1, x20
	bl strcmp
	cmp w0, #0
	cset w0, eq
	b 2f
1:	mov w0, #0
2:	ldp x21, x22, [sp, #32]
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #48
	ret

	.section .rodata
name_a:		.asciz "vsys-libc-files-a.tmp"
name_b:		.asciz "vsys-libc-files-b.tmp"
name_d:		.asciz "vsys-libc-files-d.tmp"
dotdot:		.asciz ".."
digits:		.asciz "0123456789"
abc:		.asciz "abc"
t_open:		.asciz "open creat (fd >= 3)"
t_excl:		.asciz "open excl"
t_write:	.asciz "write"
t_pwrite:	.asciz "pwrite"
t_lseek:	.asciz "lseek cur"
t_pread:	.asciz "pread"
t_writev:	.asciz "writev"
t_readv:	.asciz "readv"
t_dup:		.asciz "dup (fd > 3)"
t_dup2:		.asciz "dup2"
t_shared:	.asciz "shared offset"
t_close:	.asciz "close"
t_close2:	.asciz "close again"
t_rename:	.asciz "rename"
t_stat_old:	.asciz "stat old name"
t_rmdir_file:	.asciz "rmdir file"
t_unlink:	.asciz "unlink"
t_mkdir:	.asciz "mkdir"
t_mkdir2:	.asciz "mkdir again"
t_chdir:	.asciz "chdir"
t_unlink_dir:	.asciz "unlink dir"
t_rmdir:	.asciz "rmdir"
t_munmap:	.asciz "munmap"
t_mmap0:	.asciz "mmap len 0"
t_brk:		.asciz "brk back"
t_getrandom:	.asciz "getrandom"
t_getrandom_bad: .asciz "getrandom bad flags"
t_nanosleep:	.asciz "nanosleep"
t_nanosleep_bad: .asciz "nanosleep bad"
t_sleep:	.asciz "sleep 0"
t_tid:		.asciz "gettid == getpid"
f_fail:		.asciz "%s = %ld errno=%d (%s)\n"
f_ok:		.asciz "%s = %ld\n"
f_str:		.asciz "[%s]\n"
f_two:		.asciz "[%s] [%s]\n"
f_fstat:	.asciz "fstat %d regular %d size %ld\n"
f_size:		.asciz "stat new name size %ld\n"
f_cwd:		.asciz "getcwd returns buf %d, ends in the directory %d\n"
f_getcwd_small:	.asciz "getcwd too small: NULL %d errno %d\n"
f_mmap:		.asciz "mmap pages %d %d\n"
f_sbrk:		.asciz "sbrk returned the old break %d, grew by %ld\n"
	.bss
	.p2align 4
vars:		.zero 1024
