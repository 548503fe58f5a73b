// fork-exec-arm64.s — fork-exec.s for ARM64: the same pipe, fork, dup, execve and wait4.
//
//   vasm build --arch arm64 -o fork-exec-arm64 examples/processes/fork-exec-arm64.s
//   vrun fork-exec-arm64; echo $?     # "parent read: hello from the new image",
//                                     # "child exited with 3", exit status 0
//
// ARM64 has no fork, pipe or dup2 system calls (the asm-generic table): glibc's fork() is
// clone(SIGCHLD, 0, NULL, 0, NULL) (220), pipe(fds) is pipe2(fds, 0) (59), dup2(a, b) is
// dup3(a, b, 0) (24). execve is 221, wait4 260, exit 93, read 63, write 64, close 57.
    .globl _start
    .text
_start:
    ldr     x0, [sp]                // argc == 2: we are the exec'd child
    cmp     x0, #2
    b.eq    new_image
    ldr     x0, [sp, #8]            // argv[0] for the child's argv
    adrp    x1, child_argv
    str     x0, [x1, :lo12:child_argv]
    adrp    x0, fds                 // pipe2(fds, 0)
    add     x0, x0, :lo12:fds
    mov     x1, #0
    mov     x8, #59
    svc     #0
    mov     x0, #17                 // clone(SIGCHLD, 0, NULL, 0, NULL): fork
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    mov     x4, #0
    mov     x8, #220
    svc     #0
    cbz     x0, child
    mov     x19, x0                 // the child's pid
    adrp    x20, fds
    add     x20, x20, :lo12:fds
    ldrsw   x0, [x20, #4]           // close(write end)
    mov     x8, #57
    svc     #0
    mov     x0, #1                  // write(1, "parent read: ", 13)
    adr     x1, prefix
    mov     x2, #13
    mov     x8, #64
    svc     #0
copy:
    ldrsw   x0, [x20]               // read(read end, buf, 64)
    adrp    x1, buf
    add     x1, x1, :lo12:buf
    mov     x2, #64
    mov     x8, #63
    svc     #0
    cmp     x0, #0
    b.le    reap                    // 0: end of file
    mov     x2, x0                  // write(1, buf, n)
    mov     x0, #1
    adrp    x1, buf
    add     x1, x1, :lo12:buf
    mov     x8, #64
    svc     #0
    b       copy
reap:
    mov     x0, x19                 // wait4(pid, &status, 0, NULL)
    adrp    x1, status
    add     x1, x1, :lo12:status
    mov     x2, #0
    mov     x3, #0
    mov     x8, #260
    svc     #0
    adrp    x1, status
    ldr     w0, [x1, :lo12:status]
    ubfx    w0, w0, #8, #8          // WEXITSTATUS
    add     w0, w0, #'0'
    adrp    x1, code
    strb    w0, [x1, :lo12:code]
    mov     x0, #1                  // write(1, "child exited with N\n", 20)
    adrp    x1, done
    add     x1, x1, :lo12:done
    mov     x2, #20
    mov     x8, #64
    svc     #0
    mov     x0, #0                  // exit(0)
    mov     x8, #93
    svc     #0

child:
    adrp    x0, fds                 // dup3(write end, 1, 0)
    ldrsw   x0, [x0, #:lo12:fds+4]
    mov     x1, #1
    mov     x2, #0
    mov     x8, #24
    svc     #0
    adr     x0, self                // execve("/proc/self/exe", [argv0, "child"], NULL)
    adrp    x1, child_argv
    add     x1, x1, :lo12:child_argv
    mov     x2, #0
    mov     x8, #221
    svc     #0
    mov     x0, #127                // only reached when execve failed
    mov     x8, #93
    svc     #0

new_image:
    mov     x0, #1                  // write(1, "hello from the new image\n", 25)
    adr     x1, hello
    mov     x2, #25
    mov     x8, #64
    svc     #0
    mov     x0, #3                  // exit(3)
    mov     x8, #93
    svc     #0

self:   .asciz "/proc/self/exe"
prefix: .ascii "parent read: "
hello:  .ascii "hello from the new image\n"

    .data
    .balign 8
child_argv: .quad 0, arg_child, 0
arg_child:  .asciz "child"
done:       .ascii "child exited with "
code:       .ascii "?\n"
    .bss
    .balign 8
fds:    .skip 8
status: .skip 8
buf:    .skip 64
