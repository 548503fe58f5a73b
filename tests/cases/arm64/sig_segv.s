// SIGSEGV from a load at an unmapped address, caught with SA_SIGINFO: the handler gets
// x0 = SIGSEGV, x1 = &siginfo (si_signo 11, si_code SEGV_MAPERR, si_addr = the address),
// x2 = &ucontext (= x1 + 128, sp = x1: struct rt_sigframe { siginfo; ucontext; } at sp),
// uc_mcontext.fault_address = the address, uc_mcontext.pc = the load, x29 = the frame record
// above the 4688-byte frame holding the interrupted x29/x30. It moves uc_mcontext.pc to a
// recovery label (siglongjmp-style) and returns through x30 (the vDSO's
// __kernel_rt_sigreturn: no SA_RESTORER); rt_sigreturn resumes there with the interrupted
// registers (x19 kept, sp back).
    .set SIGSEGV, 11
    .set SA_SIGINFO, 4
    .set BAD, 0x10
    .globl _start
    .text
_start:
    adr     x1, act
    adr     x2, handler
    str     x2, [x1]
    mov     x2, #SA_SIGINFO
    str     x2, [x1, #8]
    mov     x0, #SIGSEGV
    mov     x2, #0
    mov     x3, #8
    mov     x8, #134                    // rt_sigaction(SIGSEGV, &act, NULL, 8)
    svc     #0
    cbnz    x0, fail
    movz    x19, #0x1234                // callee-saved: must survive the handler
    mov     x20, sp
    mov     x29, #0x7700                // recorded in the frame record
    mov     x30, #0x7710
    mov     x1, #BAD
faulting:
    ldr     x0, [x1]
    b       fail                        // never: the handler moves pc to `recovered`
recovered:
    movz    x2, #0x1234
    cmp     x19, x2
    b.ne    fail
    mov     x2, sp
    cmp     x2, x20
    b.ne    fail
    adr     x1, msg_ok
    mov     x2, #(msg_ok_end - msg_ok)
    bl      print
    mov     x0, #0
    mov     x8, #93
    svc     #0

handler:
    cmp     x0, #SIGSEGV
    b.ne    fail
    mov     x9, sp
    cmp     x1, x9                      // siginfo at sp
    b.ne    fail
    add     x9, x1, #128
    cmp     x2, x9                      // ucontext right after it
    b.ne    fail
    ldr     w9, [x1]                    // si_signo
    cmp     w9, #SIGSEGV
    b.ne    fail
    ldr     w9, [x1, #8]                // si_code
    cmp     w9, #1                      // SEGV_MAPERR
    b.ne    fail
    ldr     x9, [x1, #16]               // si_addr
    cmp     x9, #BAD
    b.ne    fail
    ldr     x9, [x2, #176]              // uc_mcontext.fault_address
    cmp     x9, #BAD
    b.ne    fail
    ldr     x9, [x2, #176 + 8 + 1 * 8]  // uc_mcontext.regs[1]
    cmp     x9, #BAD
    b.ne    fail
    ldr     x9, [x2, #176 + 8 + 19 * 8] // regs[19]
    movz    x10, #0x1234
    cmp     x9, x10
    b.ne    fail
    ldr     x9, [x2, #176 + 264]        // uc_mcontext.pc
    adr     x10, faulting
    cmp     x9, x10
    b.ne    fail
    mov     x9, #4688                   // the frame record above the frame
    add     x9, x1, x9
    cmp     x29, x9
    b.ne    fail
    ldp     x9, x10, [x29]
    mov     x11, #0x7700
    cmp     x9, x11
    b.ne    fail
    mov     x11, #0x7710
    cmp     x10, x11
    b.ne    fail
    adr     x9, recovered
    str     x9, [x2, #176 + 264]        // resume at `recovered`
    stp     x29, x30, [sp, #-16]!       // an ordinary function: save x30 (where it returns)
    adr     x1, msg_handler
    mov     x2, #(msg_handler_end - msg_handler)
    bl      print
    ldp     x29, x30, [sp], #16
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
act:        .quad 0, 0, 0, 0            // sa_handler, sa_flags, sa_restorer, sa_mask
msg_handler: .ascii "handler: SIGSEGV at 0x10, SEGV_MAPERR\n"
msg_handler_end:
msg_ok:     .ascii "recovered\n"
msg_ok_end:
msg_fail:   .ascii "FAIL\n"
msg_fail_end:
