// kill(2) (129) on arm64: kill(pid, 0) probes a live child (0); SIGKILL ends a child spinning in
// user mode; wait4 shows status 9 (WTERMSIG 9); once reaped, kill(pid, 0) is ESRCH (-3).
// Lines: 0, 0, 9, -3.
    .globl _start
    .text
_start:
    mov     x0, #17
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    mov     x4, #0
    mov     x8, #220
    svc     #0
    cbz     x0, spin
    mov     x19, x0
    mov     x1, #0
    mov     x8, #129
    svc     #0
    bl      show
    mov     x0, x19
    mov     x1, #9
    mov     x8, #129
    svc     #0
    bl      show
    mov     x0, x19
    adrp    x1, status
    add     x1, x1, :lo12:status
    mov     x2, #0
    mov     x3, #0
    mov     x8, #260
    svc     #0
    adrp    x1, status
    ldr     w0, [x1, :lo12:status]
    bl      show
    mov     x0, x19
    mov     x1, #0
    mov     x8, #129
    svc     #0
    bl      show
    mov     x0, #0
    mov     x8, #93
    svc     #0
spin:
    b       spin
    .bss
    .balign 8
status: .skip 8
