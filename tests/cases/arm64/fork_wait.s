// The x86_64/fork_wait.s case on arm64, where there is no fork system call: clone(SIGCHLD, 0)
// as glibc's fork(). The child sees clone's 0 and getppid() == the parent's pid and ends with
// exit(3); the parent gets the child's pid from clone and from wait4, the status word 768,
// then ECHILD (-10) twice (a second wait4, and WNOHANG). Each line: a decimal (show.s).
// Lines: 0, 1 (child) | 1, 768, -10, -10 (parent).
    .globl _start
    .text
_start:
    mov     x8, #172                // getpid
    svc     #0
    mov     x19, x0
    mov     x0, #17                 // clone(SIGCHLD, 0, NULL, 0, NULL)
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    mov     x4, #0
    mov     x8, #220
    svc     #0
    cbz     x0, child
    mov     x20, x0
    mov     x0, #-1                 // wait4(-1, &status, 0, NULL)
    adrp    x1, status
    add     x1, x1, :lo12:status
    mov     x2, #0
    mov     x3, #0
    mov     x8, #260
    svc     #0
    cmp     x0, x20
    cset    x0, eq
    bl      show
    adrp    x1, status
    ldr     w0, [x1, :lo12:status]
    bl      show
    mov     x0, #-1
    adrp    x1, status
    add     x1, x1, :lo12:status
    mov     x2, #0
    mov     x3, #0
    mov     x8, #260
    svc     #0
    bl      show
    mov     x0, #-1                 // wait4(-1, NULL, WNOHANG, NULL)
    mov     x1, #0
    mov     x2, #1
    mov     x3, #0
    mov     x8, #260
    svc     #0
    bl      show
    mov     x0, #0
    mov     x8, #93
    svc     #0
child:
    bl      show                    // 0
    mov     x8, #173                // getppid
    svc     #0
    cmp     x0, x19
    cset    x0, eq
    bl      show
    mov     x0, #3
    mov     x8, #93
    svc     #0
    .bss
    .balign 8
status: .skip 8
