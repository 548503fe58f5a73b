// SA_RESTORER without SA_SIGINFO: the handler (x0 = the signal) returns through x30 = the
// sa_restorer given to rt_sigaction, which makes rt_sigreturn itself; the interrupted code
// resumes after its kill() with x0 = kill's result and its other registers intact. The
// restorer counts its calls.
    .set SIGUSR2, 12
    .set SA_RESTORER, 0x04000000
    .globl _start
    .text
_start:
    adr     x1, act
    adr     x2, handler
    str     x2, [x1]
    mov     x2, #SA_RESTORER
    str     x2, [x1, #8]
    adr     x2, restorer
    str     x2, [x1, #16]
    mov     x0, #SIGUSR2
    mov     x2, #0
    mov     x3, #8
    mov     x8, #134
    svc     #0
    cbnz    x0, fail
    mov     x8, #172
    svc     #0
    mov     x22, #22
    mov     x1, #SIGUSR2
    mov     x8, #129                    // kill(getpid(), SIGUSR2)
    svc     #0
    cbnz    x0, fail                    // kill's own result, restored by rt_sigreturn
    cmp     x22, #22
    b.ne    fail
    adr     x9, calls
    ldr     x9, [x9]
    cmp     x9, #1
    b.ne    fail
    adr     x1, msg_ok
    mov     x2, #(msg_ok_end - msg_ok)
    mov     x0, #1
    mov     x8, #64
    svc     #0
    mov     x0, #0
    mov     x8, #93
    svc     #0

handler:
    cmp     x0, #SIGUSR2
    b.ne    fail
    adr     x9, restorer
    cmp     x30, x9
    b.ne    fail
    mov     x22, #0                     // clobbered; rt_sigreturn brings 22 back
    ret

restorer:
    adr     x9, calls
    ldr     x10, [x9]
    add     x10, x10, #1
    str     x10, [x9]
    mov     x8, #139                    // rt_sigreturn
    svc     #0

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
calls:      .quad 0
msg_ok:     .ascii "handler returned through sa_restorer\n"
msg_ok_end:
msg_fail:   .ascii "FAIL\n"
msg_fail_end:
