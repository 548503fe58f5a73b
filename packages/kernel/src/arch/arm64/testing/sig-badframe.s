// Linux-only behaviour (qemu-user 7.2 does not check it, so it cannot be recorded there):
// rt_sigreturn checks the frame. A handler that writes an EL1 PSTATE with DAIF masked into
// uc_mcontext.pstate gets SIGSEGV at its sigreturn (valid_native_regs fails: badframe,
// force_sig(SIGSEGV)), which with no SIGSEGV handler kills the process.
    .set SIGUSR1, 10
    .set SA_SIGINFO, 4
    .globl _start
    .text
_start:
    adr     x1, act
    adr     x2, handler
    str     x2, [x1]
    mov     x2, #SA_SIGINFO
    str     x2, [x1, #8]
    mov     x0, #SIGUSR1
    mov     x2, #0
    mov     x3, #8
    mov     x8, #134
    svc     #0
    cbnz    x0, fail
    mov     x8, #172                    // getpid
    svc     #0
    mov     x1, #SIGUSR1
    mov     x8, #129                    // kill(getpid(), SIGUSR1)
    svc     #0
    b       fail                        // not reached: the bad frame kills the process

handler:
    mov     x9, #0x3c5                  // EL1h, D A I F set
    str     x9, [x2, #176 + 272]        // uc_mcontext.pstate
    stp     x29, x30, [sp, #-16]!
    mov     x0, #1
    adr     x1, msg
    mov     x2, #(msg_end - msg)
    mov     x8, #64
    svc     #0
    ldp     x29, x30, [sp], #16
    ret

fail:
    mov     x0, #99
    mov     x8, #93
    svc     #0

    .data
    .balign 8
act:        .quad 0, 0, 0, 0
msg:        .ascii "handler returns with a bad pstate\n"
msg_end:
