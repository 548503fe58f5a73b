// Linux-only details of the arm64 signal frame that qemu-user 7.2 does not reproduce:
// - after a data abort, __reserved holds fpsimd_context (magic 0x46508001, size 528), then
//   esr_context (magic 0x45535201, size 16) with ESR.EC = 0x24 (data abort from EL0) and WnR
//   set for a store, then the terminator; after `udf` there is no esr_context (the thread's
//   fault code is 0) and sigcontext.fault_address is 0;
// - without SA_SIGINFO, x1 and x2 keep the interrupted values (only x0 is the signal);
// - with no SA_RESTORER, x30 is in the vDSO (AT_SYSINFO_EHDR) and points at
//   `mov x8, #139; svc #0` (__kernel_rt_sigreturn).
// Prints "records ok" and exits 0, or exits with the number of the failed check.
    .set SIGILL, 4
    .set SIGUSR1, 10
    .set SIGSEGV, 11
    .set SA_SIGINFO, 4
    .globl _start
    .text
_start:
    ldr     x0, [sp]                    // find AT_SYSINFO_EHDR (33) in the auxv
    add     x1, sp, #8
    add     x1, x1, x0, lsl #3
    add     x1, x1, #8
1:  ldr     x2, [x1], #8
    cbnz    x2, 1b
2:  ldp     x2, x3, [x1], #16
    cmp     x2, #33
    b.eq    3f
    cbnz    x2, 2b
    mov     x0, #1
    b       exit
3:  adr     x4, vdso
    str     x3, [x4]
    mov     x0, #SIGSEGV
    adr     x1, h_segv
    mov     x2, #SA_SIGINFO
    bl      sigaction
    mov     x0, #SIGILL
    adr     x1, h_ill
    mov     x2, #SA_SIGINFO
    bl      sigaction
    mov     x0, #SIGUSR1
    adr     x1, h_usr1
    mov     x2, #0
    bl      sigaction
    mov     x1, #0x18
store:
    str     x0, [x1]                    // SIGSEGV (write): h_segv steps over it
    nop
undefined:
    udf     #0                          // SIGILL: h_ill steps over it
    mov     x8, #172
    svc     #0
    mov     x1, #SIGUSR1
    movz    x2, #0x2222
    mov     x8, #129                    // kill(getpid(), SIGUSR1): h_usr1
    svc     #0
    adr     x9, count
    ldr     x9, [x9]
    cmp     x9, #3
    mov     x0, #2
    b.ne    exit
    mov     x0, #1
    adr     x1, msg
    mov     x2, #(msg_end - msg)
    mov     x8, #64
    svc     #0
    mov     x0, #0
exit:
    mov     x8, #93
    svc     #0

// records(x2 = ucontext, x3 = 1 when an esr_context must be there): fails with exit 10+.
records:
    add     x9, x2, #(176 + 288)        // uc_mcontext.__reserved
    ldp     w10, w11, [x9]
    movz    w12, #0x8001
    movk    w12, #0x4650, lsl #16
    cmp     w10, w12
    mov     x0, #10
    b.ne    exit
    cmp     w11, #528
    mov     x0, #11
    b.ne    exit
    add     x9, x9, #528
    cbz     x3, 1f
    ldp     w10, w11, [x9]
    movz    w12, #0x5201
    movk    w12, #0x4553, lsl #16
    cmp     w10, w12
    mov     x0, #12
    b.ne    exit
    cmp     w11, #16
    mov     x0, #13
    b.ne    exit
    ldr     x10, [x9, #8]               // the ESR
    lsr     x11, x10, #26
    cmp     x11, #0x24                  // EC: data abort from a lower EL
    mov     x0, #14
    b.ne    exit
    tbz     x10, #6, exit               // WnR: a write (x0 = 14 still)
    add     x9, x9, #16
1:  ldp     w10, w11, [x9]
    orr     w10, w10, w11
    mov     x0, #15
    cbnz    w10, exit                   // the terminator
    ret

step:                                   // uc_mcontext.pc += 4, count a handler
    ldr     x9, [x2, #(176 + 264)]
    add     x9, x9, #4
    str     x9, [x2, #(176 + 264)]
    adr     x9, count
    ldr     x10, [x9]
    add     x10, x10, #1
    str     x10, [x9]
    ret

h_segv:
    mov     x20, x30
    mov     x3, #1
    bl      records
    ldr     x9, [x2, #176]              // fault_address
    cmp     x9, #0x18
    mov     x0, #16
    b.ne    exit
    bl      step
    mov     x30, x20
    ret

h_ill:
    mov     x20, x30
    mov     x3, #0
    bl      records
    ldr     x9, [x2, #176]              // fault_address: 0 after udf
    mov     x0, #17
    cbnz    x9, exit
    bl      step
    mov     x30, x20
    ret

h_usr1:
    cmp     x0, #SIGUSR1
    mov     x0, #20
    b.ne    exit
    cmp     x1, #SIGUSR1                // x1: kill's second argument, as interrupted
    mov     x0, #21
    b.ne    exit
    movz    x9, #0x2222
    cmp     x2, x9
    mov     x0, #22
    b.ne    exit
    adr     x9, vdso                    // x30 inside the vDSO's first two pages …
    ldr     x9, [x9]
    sub     x10, x30, x9
    cmp     x10, #0x2000
    mov     x0, #23
    b.hs    exit
    ldp     w10, w11, [x30]             // … at `mov x8, #139; svc #0`
    movz    w12, #0x1168
    movk    w12, #0xd280, lsl #16
    cmp     w10, w12
    mov     x0, #24
    b.ne    exit
    movz    w12, #0x0001
    movk    w12, #0xd400, lsl #16
    cmp     w11, w12
    mov     x0, #25
    b.ne    exit
    adr     x9, count
    ldr     x10, [x9]
    add     x10, x10, #1
    str     x10, [x9]
    ret

sigaction:                              // x0 = signal, x1 = handler, x2 = flags
    adr     x9, act
    stp     x1, x2, [x9]
    mov     x1, x9
    mov     x2, #0
    mov     x3, #8
    mov     x8, #134
    svc     #0
    cbnz    x0, exit
    ret

    .data
    .balign 8
act:        .quad 0, 0, 0, 0
vdso:       .quad 0
count:      .quad 0
msg:        .ascii "records ok\n"
msg_end:
