// A signal frame that cannot be written: sp points at unmapped memory when SIGUSR1 (caught)
// arrives, so setup_rt_frame fails and Linux's force_sigsegv() raises SIGSEGV (SI_KERNEL);
// with no SIGSEGV handler the process is killed by it. (svc and kill do not touch the stack.)
    .set SIGUSR1, 10
    .globl _start
    .text
_start:
    adr     x1, act
    adr     x2, handler
    str     x2, [x1]
    mov     x0, #SIGUSR1
    mov     x2, #0
    mov     x3, #8
    mov     x8, #134
    svc     #0
    cbnz    x0, fail
    mov     x8, #172
    svc     #0
    mov     x9, #0x20000                // unmapped (below the image)
    mov     sp, x9
    mov     x1, #SIGUSR1
    mov     x8, #129                    // kill(getpid(), SIGUSR1)
    svc     #0
fail:
    mov     x0, #99
    mov     x8, #93
    svc     #0

handler:
    mov     x0, #98
    mov     x8, #93
    svc     #0

    .data
    .balign 8
act:        .quad 0, 0, 0, 0
