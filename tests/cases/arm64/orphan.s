// x86_64/orphan.s on arm64: the first process ends (status 5) while its child sleeps; the run
// is over then. The child's getppid() is the parent before that (line: 1); it tells the
// parent through a pipe.
    .globl _start
    .text
_start:
    mov     x8, #172                // getpid
    svc     #0
    mov     x19, x0
    adrp    x20, fds
    add     x20, x20, :lo12:fds
    mov     x0, x20                 // pipe2(fds, 0)
    mov     x1, #0
    mov     x8, #59
    svc     #0
    mov     x0, #17                 // clone(SIGCHLD, 0, NULL, 0, NULL)
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    mov     x4, #0
    mov     x8, #220
    svc     #0
    cbz     x0, child
    ldrsw   x0, [x20]               // read(fds[0], buf, 1)
    adrp    x1, buf
    add     x1, x1, :lo12:buf
    mov     x2, #1
    mov     x8, #63
    svc     #0
    mov     x0, #5
    mov     x8, #93
    svc     #0
child:
    mov     x8, #173                // getppid
    svc     #0
    cmp     x0, x19
    cset    x0, eq
    bl      show
    ldrsw   x0, [x20, #4]           // write(fds[1], buf, 1)
    adrp    x1, buf
    add     x1, x1, :lo12:buf
    mov     x2, #1
    mov     x8, #64
    svc     #0
    adr     x0, ts                  // nanosleep(&ts, NULL)
    mov     x1, #0
    mov     x8, #101
    svc     #0
    mov     x0, #0
    mov     x8, #93
    svc     #0
    .balign 8
ts: .quad 0, 300000000
    .bss
fds: .skip 8
buf: .skip 8
