// Timers and signal waits on arm64 (asm-generic numbers; arm64 has no alarm or pause):
// setitimer's `which` check, ITIMER_REAL ending rt_sigsuspend with SIGALRM, getitimer after
// expiry; a POSIX timer (SIGEV_SIGNAL → SIGUSR1) ending rt_sigsuspend; rt_sigqueueinfo to
// oneself taken by rt_sigtimedwait with its si_code and si_int; a zero timeout (EAGAIN);
// timer_delete twice; ITIMER_VIRTUAL ending a loop without system calls (SIGVTALRM), and
// CLOCK_PROCESS_CPUTIME_ID showing the CPU time used. The handler prints the signal. (restart_syscall is left out: qemu-user
// answers it with ENOSYS where Linux says EINTR — tests/cases/x86_64/tm_sigwait has it.)
    .set SIGALRM, 14
    .set SIGUSR1, 10
    .set SIGVTALRM, 26
    .globl _start
    .text
_start:
    mov     x0, #SIGALRM
    bl      install
    mov     x0, #SIGUSR1
    bl      install
    // setitimer
    mov     x0, #9
    adr     x1, it20ms
    mov     x2, #0
    mov     x8, #103
    svc     #0
    bl      show                        // -22
    mov     x0, #0
    adr     x1, it20ms
    adr     x2, old
    mov     x8, #103
    svc     #0
    bl      show                        // 0
    bl      suspend
    bl      show                        // 14, then -4
    mov     x0, #0
    adr     x1, cur
    mov     x8, #102                    // getitimer
    svc     #0
    bl      show
    adr     x1, cur
    ldp     x2, x3, [x1, #16]
    add     x0, x2, x3
    bl      show                        // 0
    // a POSIX timer
    mov     x0, #1
    adr     x1, sigev
    adr     x2, timerid
    mov     x8, #107                    // timer_create
    svc     #0
    bl      show
    adr     x1, timerid                 // (not printed: qemu-user hands out its own ids)
    ldrsw   x0, [x1]
    cmn     x0, #1
    cset    x0, ne
    bl      show                        // 1: an id was written
    adr     x1, timerid
    ldrsw   x0, [x1]
    mov     x1, #0
    adr     x2, ts10ms
    mov     x3, #0
    mov     x8, #110                    // timer_settime
    svc     #0
    bl      show
    bl      suspend
    bl      show                        // 10, then -4
    // rt_sigqueueinfo + rt_sigtimedwait
    mov     x0, #0
    adr     x1, usr1
    mov     x2, #0
    mov     x3, #8
    mov     x8, #135                    // rt_sigprocmask(SIG_BLOCK)
    svc     #0
    mov     x8, #172                    // getpid
    svc     #0
    mov     x1, #SIGUSR1
    adr     x2, qinfo
    mov     x8, #138                    // rt_sigqueueinfo
    svc     #0
    bl      show                        // 0
    adr     x0, usr1
    adr     x1, info
    mov     x2, #0
    mov     x3, #8
    mov     x8, #137                    // rt_sigtimedwait
    svc     #0
    bl      show                        // 10
    adr     x1, info
    ldrsw   x0, [x1, #8]
    bl      show                        // SI_QUEUE: -1
    adr     x1, info
    ldrsw   x0, [x1, #24]
    bl      show                        // 7
    adr     x0, usr1
    adr     x1, info
    adr     x2, ts0
    mov     x3, #8
    mov     x8, #137
    svc     #0
    bl      show                        // -11
    // timer_delete, restart_syscall
    adr     x1, timerid
    ldrsw   x0, [x1]
    mov     x8, #111
    svc     #0
    bl      show                        // 0
    adr     x1, timerid
    ldrsw   x0, [x1]
    mov     x8, #111
    svc     #0
    bl      show                        // -22
    // ITIMER_VIRTUAL: user CPU time, while the thread spins without system calls
    mov     x0, #SIGVTALRM
    bl      install
    adr     x9, flag
    strb    wzr, [x9]
    mov     x0, #1
    adr     x1, it10ms
    mov     x2, #0
    mov     x8, #103
    svc     #0
    adr     x9, flag
1:  ldrb    w10, [x9]
    cbz     w10, 1b
    mov     x0, #2                      // CLOCK_PROCESS_CPUTIME_ID: some CPU time was used
    adr     x1, cur
    mov     x8, #113                    // clock_gettime
    svc     #0
    adr     x1, cur
    ldp     x2, x3, [x1]
    orr     x0, x2, x3
    cmp     x0, #0
    cset    x0, ne
    bl      show                        // 1
    mov     x0, #0
    mov     x8, #93
    svc     #0

install:                                // x0 = signal
    adr     x1, act
    mov     x2, #0
    mov     x3, #8
    mov     x8, #134                    // rt_sigaction
    svc     #0
    ret

suspend:
    adr     x0, empty
    mov     x1, #8
    mov     x8, #133                    // rt_sigsuspend
    svc     #0
    ret

handler:
    stp     x29, x30, [sp, #-16]!
    adr     x9, flag
    mov     w10, #1
    strb    w10, [x9]
    bl      show
    ldp     x29, x30, [sp], #16
    ret

    .data
    .balign 8
act:     .quad handler, 0, 0, 0
it20ms:  .quad 0, 0, 0, 20000
it10ms:  .quad 0, 0, 0, 10000
ts10ms:  .quad 0, 0, 0, 10000000
ts0:     .quad 0, 0
old:     .quad 0, 0, 0, 0
cur:     .quad 0, 0, 0, 0
empty:   .quad 0
usr1:    .quad 1 << (SIGUSR1 - 1)
sigev:   .quad 42
         .word SIGUSR1, 0
         .skip 48
timerid: .word -1
         .balign 8
qinfo:   .word 0, 0, -1, 0, 0, 0, 7, 0
         .skip 96
info:    .skip 128
flag:    .byte 0
