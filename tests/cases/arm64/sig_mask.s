// Signal masks around handlers. SIGUSR1's handler (SA_SIGINFO, sa_mask = {SIGUSR2}) raises
// SIGUSR1 and SIGUSR2 again: both stay pending while it runs (the signal itself is blocked
// without SA_NODEFER, SIGUSR2 by sa_mask), and are delivered after its rt_sigreturn restores
// the old mask — SIGUSR1 first, whose frame blocks SIGUSR2 again, then SIGUSR2. Each handler
// logs "<n>" on entry and ")" on exit, and checks the mask in force with rt_sigprocmask and
// si_code (SI_USER from kill, SI_TKILL from tgkill) and si_pid. Then SIGUSR1 again with
// SA_NODEFER: raising it inside its handler nests at once ("NN))"). Prints the log.
    .set SIGUSR1, 10
    .set SIGUSR2, 12
    .set SA_SIGINFO, 4
    .set SA_NODEFER, 0x40000000
    .set SI_USER, 0
    .set SI_TKILL, -6
    .globl _start
    .text
_start:
    mov     x8, #172                    // getpid
    svc     #0
    mov     x27, x0
    mov     x8, #178                    // gettid
    svc     #0
    mov     x28, x0
    adr     x9, logp
    adr     x10, log
    str     x10, [x9]
    adr     x1, act
    adr     x2, h1
    str     x2, [x1]
    mov     x2, #SA_SIGINFO
    str     x2, [x1, #8]
    mov     x2, #(1 << (SIGUSR2 - 1))
    str     x2, [x1, #24]               // sa_mask = {SIGUSR2}
    mov     x0, #SIGUSR1
    bl      sigaction
    adr     x1, act
    adr     x2, h2
    str     x2, [x1]
    str     xzr, [x1, #24]
    mov     x0, #SIGUSR2
    bl      sigaction
    mov     x0, x27
    mov     x1, #SIGUSR1
    mov     x8, #129                    // kill(getpid(), SIGUSR1)
    svc     #0
    mov     w0, #'|'
    bl      logc
    // SA_NODEFER
    adr     x1, act
    adr     x2, hn
    str     x2, [x1]
    movz    x2, #SA_SIGINFO
    movk    x2, #(SA_NODEFER >> 16), lsl #16
    str     x2, [x1, #8]
    mov     x0, #SIGUSR1
    bl      sigaction
    mov     x0, #SIGUSR1
    bl      tgkill
    mov     w0, #'\n'
    bl      logc
    adr     x9, logp
    ldr     x2, [x9]
    adr     x1, log
    sub     x2, x2, x1
    mov     x0, #1
    mov     x8, #64
    svc     #0
    // the mask is empty again after all of it
    bl      current_mask
    cbnz    x0, fail
    mov     x0, #0
    mov     x8, #93
    svc     #0

// h1: SIGUSR1, SA_SIGINFO, sa_mask {SIGUSR2}.
h1:
    stp     x29, x30, [sp, #-32]!
    str     x19, [sp, #16]
    mov     x19, x1                     // siginfo
    mov     w0, #'1'
    bl      logc
    ldr     w9, [x19, #16]              // si_pid
    cmp     w9, w27
    b.ne    fail
    bl      current_mask                // SIGUSR1 (no SA_NODEFER) and SIGUSR2 (sa_mask)
    cmp     x0, #((1 << (SIGUSR1 - 1)) | (1 << (SIGUSR2 - 1)))
    b.ne    fail
    adr     x9, h1_depth
    ldr     x10, [x9]
    add     x11, x10, #1
    str     x11, [x9]
    ldr     w9, [x19, #8]               // si_code
    cbnz    x10, 1f
    cmp     w9, #SI_USER                // the first one came from kill
    b.ne    fail
    mov     x0, #SIGUSR1
    bl      tgkill                      // blocked: pending
    mov     x0, #SIGUSR2
    bl      tgkill                      // blocked by sa_mask: pending
    b       2f
1:  cmn     w9, #-SI_TKILL              // the second from tgkill
    b.ne    fail
2:  mov     w0, #')'
    bl      logc
    ldr     x19, [sp, #16]
    ldp     x29, x30, [sp], #32
    ret

// h2: SIGUSR2, no sa_mask: only SIGUSR2 itself is blocked while it runs.
h2:
    stp     x29, x30, [sp, #-16]!
    mov     w0, #'2'
    bl      logc
    bl      current_mask
    cmp     x0, #(1 << (SIGUSR2 - 1))
    b.ne    fail
    mov     w0, #')'
    bl      logc
    ldp     x29, x30, [sp], #16
    ret

// hn: SIGUSR1 with SA_NODEFER: nothing blocked, so the raise inside nests.
hn:
    stp     x29, x30, [sp, #-16]!
    mov     w0, #'N'
    bl      logc
    bl      current_mask
    cbnz    x0, fail
    adr     x9, hn_depth
    ldr     x10, [x9]
    cbnz    x10, 1f
    mov     x10, #1
    str     x10, [x9]
    mov     x0, #SIGUSR1
    bl      tgkill
1:  mov     w0, #')'
    bl      logc
    ldp     x29, x30, [sp], #16
    ret

logc:                                   // appends w0 to the log (kept in memory: a handler's
    adr     x9, logp                    // registers are restored by rt_sigreturn)
    ldr     x10, [x9]
    strb    w0, [x10], #1
    str     x10, [x9]
    ret

sigaction:                              // x0 = signal, act = the action
    adr     x1, act
    mov     x2, #0
    mov     x3, #8
    mov     x8, #134
    svc     #0
    cbnz    x0, fail
    ret

tgkill:                                 // x0 = signal, to this thread
    mov     x2, x0
    mov     x0, x27
    mov     x1, x28
    mov     x8, #131
    svc     #0
    ret

current_mask:                           // x0 = the blocked set
    mov     x0, #0                      // SIG_BLOCK with no set: just read it
    mov     x1, #0
    adr     x2, mask
    mov     x3, #8
    mov     x8, #135                    // rt_sigprocmask
    svc     #0
    cbnz    x0, fail
    adr     x2, mask
    ldr     x0, [x2]
    ret

fail:
    mov     x0, #1
    adr     x1, msg_fail
    mov     x2, #(msg_fail_end - msg_fail)
    mov     x8, #64
    svc     #0
    mov     x0, #99
    mov     x8, #93
    svc     #0

    .data
    .balign 8
act:        .quad 0, 0, 0, 0
mask:       .quad 0
h1_depth:   .quad 0
hn_depth:   .quad 0
logp:       .quad 0
log:        .space 64
msg_fail:   .ascii "FAIL\n"
msg_fail_end:
