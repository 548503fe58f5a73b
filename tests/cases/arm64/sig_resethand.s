// SA_RESETHAND: the first SIGUSR1 (raised with tgkill) runs the handler, which finds the
// disposition already back at SIG_DFL (rt_sigaction's old action); the second SIGUSR1 takes
// the default action and terminates the process.
    .set SIGUSR1, 10
    .set SA_RESETHAND, 0x80000000
    .globl _start
    .text
_start:
    adr     x1, act
    adr     x2, handler
    str     x2, [x1]
    mov     x2, #SA_RESETHAND
    str     x2, [x1, #8]
    mov     x0, #SIGUSR1
    mov     x2, #0
    mov     x3, #8
    mov     x8, #134
    svc     #0
    cbnz    x0, fail
    bl      raise_usr1
    adr     x1, msg_back
    mov     x2, #(msg_back_end - msg_back)
    bl      print
    bl      raise_usr1                  // default action now: killed here
    b       fail

raise_usr1:
    mov     x8, #172                    // getpid
    svc     #0
    mov     x19, x0
    mov     x8, #178                    // gettid
    svc     #0
    mov     x1, x0
    mov     x0, x19
    mov     x2, #SIGUSR1
    mov     x8, #131                    // tgkill(pid, tid, SIGUSR1)
    svc     #0
    ret

handler:
    mov     x20, x30
    mov     x0, #SIGUSR1
    mov     x1, #0
    adr     x2, old
    mov     x3, #8
    mov     x8, #134                    // rt_sigaction(SIGUSR1, NULL, &old, 8)
    svc     #0
    adr     x2, old
    ldr     x3, [x2]
    cbnz    x3, fail                    // SIG_DFL already
    adr     x1, msg_handler
    mov     x2, #(msg_handler_end - msg_handler)
    bl      print
    mov     x30, x20
    ret

print:
    mov     x0, #1
    mov     x8, #64
    svc     #0
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
old:        .quad 0, 0, 0, 0
msg_handler: .ascii "handler ran; disposition reset\n"
msg_handler_end:
msg_back:   .ascii "back in main\n"
msg_back_end:
msg_fail:   .ascii "FAIL\n"
msg_fail_end:
