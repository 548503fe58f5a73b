// vfork as glibc makes it on arm64 — clone(CLONE_VM|CLONE_VFORK|SIGCHLD, 0): the child writes
// "child" and ends with 4 before the parent goes on. waitid(P_PID, pid, WEXITED|WNOWAIT)
// reports it (0; si_signo 17, si_code CLD_EXITED 1, si_status 4) and leaves it; wait4 reaps
// it (status 1024); then waitid(P_ALL, WEXITED|WNOHANG) is ECHILD (-10).
// Lines: child | 0, 17, 1, 4 | 1024 | -10.
    .globl _start
    .text
_start:
    mov     x0, #0x4111             // CLONE_VM|CLONE_VFORK|SIGCHLD
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    mov     x4, #0
    mov     x8, #220
    svc     #0
    cbz     x0, child
    mov     x19, x0
    adrp    x20, info
    add     x20, x20, :lo12:info
    mov     x0, #1                  // waitid(P_PID, pid, &info, WEXITED|WNOWAIT, NULL)
    mov     x1, x19
    mov     x2, x20
    mov     x3, #0x4
    movk    x3, #0x100, lsl #16
    mov     x4, #0
    mov     x8, #95
    svc     #0
    bl      show
    ldrsw   x0, [x20]
    bl      show
    ldrsw   x0, [x20, #8]
    bl      show
    ldrsw   x0, [x20, #24]
    bl      show
    mov     x0, x19                 // wait4(pid, &status, 0, NULL)
    adrp    x1, status
    add     x1, x1, :lo12:status
    mov     x2, #0
    mov     x3, #0
    mov     x8, #260
    svc     #0
    adrp    x1, status
    ldr     w0, [x1, :lo12:status]
    bl      show
    mov     x0, #0                  // waitid(P_ALL, 0, &info, WEXITED|WNOHANG, NULL)
    mov     x1, #0
    mov     x2, x20
    mov     x3, #5
    mov     x4, #0
    mov     x8, #95
    svc     #0
    bl      show
    mov     x0, #0
    mov     x8, #93
    svc     #0
child:
    mov     x0, #1
    adr     x1, msg
    mov     x2, #6
    mov     x8, #64
    svc     #0
    mov     x0, #4
    mov     x8, #93
    svc     #0
msg: .ascii "child\n"
    .bss
    .balign 8
status: .skip 8
info:   .skip 128
