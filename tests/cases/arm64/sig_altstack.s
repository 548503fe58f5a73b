// SA_ONSTACK with sigaltstack(2): the handler runs on the alternate stack (its sp and the
// frame inside [ss_sp, ss_sp + ss_size)), uc_stack records the alternate stack, and a signal
// raised while on it stays there (nested frame below the first, not at the top again). After
// the handlers return, sp is the main stack's again and sigaltstack reports not SS_ONSTACK.
    .set SIGUSR1, 10
    .set SIGUSR2, 12
    .set SA_SIGINFO, 4
    .set SA_ONSTACK, 0x08000000
    .set ALT_SIZE, 16384
    .globl _start
    .text
_start:
    mov     x8, #172
    svc     #0
    mov     x27, x0                     // pid
    adr     x0, ss
    adr     x1, altstack
    str     x1, [x0]                    // ss_sp
    str     wzr, [x0, #8]               // ss_flags
    mov     x1, #ALT_SIZE
    str     x1, [x0, #16]               // ss_size
    mov     x1, #0
    mov     x8, #132                    // sigaltstack(&ss, NULL)
    svc     #0
    cbnz    x0, fail
    adr     x1, act
    adr     x2, h1
    str     x2, [x1]
    movz    x2, #SA_SIGINFO
    movk    x2, #(SA_ONSTACK >> 16), lsl #16
    str     x2, [x1, #8]
    mov     x0, #SIGUSR1
    bl      sigaction
    adr     x1, act
    adr     x2, h2
    str     x2, [x1]
    mov     x0, #SIGUSR2
    bl      sigaction
    mov     x20, sp
    mov     x0, x27
    mov     x1, #SIGUSR1
    mov     x8, #129                    // kill(getpid(), SIGUSR1)
    svc     #0
    mov     x9, sp
    cmp     x9, x20
    b.ne    fail
    adr     x9, h2_sp                   // h2 ran, below h1's frame
    ldr     x10, [x9]
    adr     x11, h1_sp
    ldr     x11, [x11]
    cbz     x10, fail
    cmp     x10, x11
    b.hs    fail
    mov     x0, #0
    adr     x1, oss
    mov     x8, #132                    // sigaltstack(NULL, &oss): not on it now
    svc     #0
    cbnz    x0, fail
    adr     x1, oss
    ldr     w9, [x1, #8]
    cbnz    w9, fail
    adr     x1, msg_ok
    mov     x2, #(msg_ok_end - msg_ok)
    mov     x0, #1
    mov     x8, #64
    svc     #0
    mov     x0, #0
    mov     x8, #93
    svc     #0

// on_alt: fails unless x0 is inside the alternate stack.
on_alt:
    adr     x9, altstack
    cmp     x0, x9
    b.ls    fail
    mov     x10, #ALT_SIZE
    add     x9, x9, x10
    cmp     x0, x9
    b.hi    fail
    ret

h1:
    stp     x29, x30, [sp, #-16]!
    mov     x19, x2                     // ucontext
    mov     x0, sp
    adr     x9, h1_sp
    str     x0, [x9]
    bl      on_alt
    mov     x0, x1                      // siginfo: in the frame, on the alternate stack
    bl      on_alt
    ldr     x9, [x19, #16]              // uc_stack.ss_sp
    adr     x10, altstack
    cmp     x9, x10
    b.ne    fail
    ldr     x9, [x19, #32]              // uc_stack.ss_size
    cmp     x9, #ALT_SIZE
    b.ne    fail
    mov     x0, x27
    mov     x1, #SIGUSR2
    mov     x8, #129                    // kill(getpid(), SIGUSR2): runs h2 now, nested
    svc     #0
    ldp     x29, x30, [sp], #16
    ret

h2:
    stp     x29, x30, [sp, #-16]!
    mov     x0, sp
    adr     x9, h2_sp
    str     x0, [x9]
    bl      on_alt
    ldp     x29, x30, [sp], #16
    ret

sigaction:
    adr     x1, act
    mov     x2, #0
    mov     x3, #8
    mov     x8, #134
    svc     #0
    cbnz    x0, fail
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
    .balign 16
act:        .quad 0, 0, 0, 0
ss:         .quad 0, 0, 0
oss:        .quad 0, 0, 0
h1_sp:      .quad 0
h2_sp:      .quad 0
msg_ok:     .ascii "handlers ran on the alternate stack\n"
msg_ok_end:
msg_fail:   .ascii "FAIL\n"
msg_fail_end:
    .bss
    .balign 16
altstack:   .space ALT_SIZE
