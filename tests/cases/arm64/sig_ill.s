// SIGILL from `udf #0`, caught with SA_SIGINFO: si_addr and
// uc_mcontext.pc = the udf. The handler steps pc over it and returns; execution resumes at the
// next instruction with every other register as it was.
    .set SIGILL, 4
    .set SA_SIGINFO, 4
    .globl _start
    .text
_start:
    adr     x1, act
    adr     x2, handler
    str     x2, [x1]
    mov     x2, #SA_SIGINFO
    str     x2, [x1, #8]
    mov     x0, #SIGILL
    mov     x2, #0
    mov     x3, #8
    mov     x8, #134                    // rt_sigaction(SIGILL, &act, NULL, 8)
    svc     #0
    cbnz    x0, fail
    mov     x21, #21
    mov     x7, #7
undefined:
    udf     #0
    cmp     x21, #21
    b.ne    fail
    cmp     x7, #7
    b.ne    fail
    adr     x1, msg_after
    mov     x2, #(msg_after_end - msg_after)
    mov     x0, #1
    mov     x8, #64
    svc     #0
    mov     x0, #0
    mov     x8, #93
    svc     #0

handler:
    cmp     x0, #SIGILL
    b.ne    fail
    ldr     w9, [x1]                    // si_signo (si_code: Linux says ILL_ILLOPC, qemu-user
    cmp     w9, #SIGILL                 // ILL_ILLOPN: not checked here)
    b.ne    fail
    ldr     x9, [x1, #16]               // si_addr
    adr     x10, undefined
    cmp     x9, x10
    b.ne    fail
    ldr     x9, [x2, #176 + 264]        // uc_mcontext.pc
    cmp     x9, x10
    b.ne    fail
    add     x9, x9, #4
    str     x9, [x2, #176 + 264]
    mov     x7, #0                      // clobbered here, restored by rt_sigreturn
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
msg_after:  .ascii "after udf\n"
msg_after_end:
msg_fail:   .ascii "FAIL\n"
msg_fail_end:
