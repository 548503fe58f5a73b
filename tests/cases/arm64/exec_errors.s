// execve(2) on arm64 (221), its error paths: ENOENT (-2) for a missing file, EACCES (-13) for a
// directory, ENOEXEC (-8) for an executable file that is not ELF. (A successful exec cannot be
// recorded under qemu-aarch64: qemu-user hands execve to the host kernel, which cannot run an
// AArch64 image without binfmt_misc; tests/process-arm64.test.ts checks it instead.)
    .globl _start
    .text
_start:
    ldr     x0, [sp, #8]
    adrp    x1, child_argv
    str     x0, [x1, :lo12:child_argv]
    mov     x0, #-100               // openat(AT_FDCWD, "cloexec.txt", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644)
    adr     x1, f_cloexec
    mov     x2, #0x241
    orr     x2, x2, #0x80000
    mov     x3, #0644
    mov     x8, #56
    svc     #0
    adr     x0, p_missing
    bl      do_exec
    bl      show
    adr     x0, p_root
    bl      do_exec
    bl      show
    mov     x0, #-100               // a non-ELF executable file
    adr     x1, p_notelf
    mov     x2, #0x241
    mov     x3, #0755
    mov     x8, #56
    svc     #0
    mov     x19, x0
    adr     x1, hello
    mov     x2, #6
    mov     x8, #64
    svc     #0
    mov     x0, x19
    mov     x8, #57
    svc     #0
    adr     x0, p_notelf
    bl      do_exec
    bl      show
    mov     x0, #0
    mov     x8, #93
    svc     #0

do_exec:                            // execve(x0, child_argv, child_envp)
    adrp    x1, child_argv
    add     x1, x1, :lo12:child_argv
    adrp    x2, child_envp
    add     x2, x2, :lo12:child_envp
    mov     x8, #221
    svc     #0
    ret

    .data
    .balign 8
child_argv: .quad 0, a_ok, a_x, 0
child_envp: .quad e_a, 0
a_ok:       .asciz "exec-ok"
a_x:        .asciz "X"
e_a:        .asciz "A=1"
f_cloexec:  .asciz "cloexec.txt"
p_missing:  .asciz "/nonexistent/prog"
p_root:     .asciz "/"
p_notelf:   .asciz "notelf"
hello:      .ascii "hello\n"
