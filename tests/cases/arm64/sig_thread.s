// A signal for a thread that is running, not in a system call: the second thread spins on a
// flag that only its SIGUSR1 handler sets; the main thread yields a few times (so the spinner
// is running user code, and is then preempted), sends SIGUSR1 to it with tgkill, and yields until the
// spinner reports that it saw the flag. The handler must run when the spinner resumes at EL0
// (Linux delivers on the next return to user mode, e.g. after a timer interrupt).
    .set SIGUSR1, 10
    .set CLONE_VM, 0x100
    .set CLONE_FS, 0x200
    .set CLONE_FILES, 0x400
    .set CLONE_SIGHAND, 0x800
    .set CLONE_THREAD, 0x10000
    .set CLONE_SYSVSEM, 0x40000
    .set FLAGS, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM
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
    movz    x0, #(FLAGS & 0xffff)
    movk    x0, #(FLAGS >> 16), lsl #16
    adr     x1, stack_top
    mov     x2, #0
    mov     x3, #0
    mov     x4, #0
    mov     x8, #220                    // clone(FLAGS, stack_top, NULL, 0, NULL)
    svc     #0
    cmp     x0, #0
    b.lt    fail
    b.eq    spinner
    mov     x19, x0                     // the spinner's tid
    mov     x20, #3
3:  mov     x8, #124                    // sched_yield ×3: the spinner starts spinning
    svc     #0
    subs    x20, x20, #1
    b.ne    3b
    mov     x8, #172
    svc     #0
    mov     x1, x19
    mov     x2, #SIGUSR1
    mov     x8, #131                    // tgkill(getpid(), spinner, SIGUSR1)
    svc     #0
    cbnz    x0, fail
1:  adr     x9, done
    ldar    x10, [x9]
    cbnz    x10, 2f
    mov     x8, #124                    // sched_yield
    svc     #0
    b       1b
2:  mov     x0, #1
    adr     x1, msg
    mov     x2, #(msg_end - msg)
    mov     x8, #64
    svc     #0
    mov     x0, #0
    mov     x8, #94                     // exit_group(0)
    svc     #0

spinner:                                // no system call until the flag is set
    adr     x9, flag
1:  ldar    x10, [x9]
    cbz     x10, 1b
    adr     x9, done
    mov     x10, #1
    stlr    x10, [x9]
    mov     x0, #0
    mov     x8, #93                     // exit (this thread)
    svc     #0

handler:
    adr     x9, flag
    mov     x10, #1
    stlr    x10, [x9]
    ret

fail:
    mov     x0, #99
    mov     x8, #94
    svc     #0

    .data
    .balign 8
act:        .quad 0, 0, 0, 0
flag:       .quad 0
done:       .quad 0
msg:        .ascii "the spinning thread ran its handler\n"
msg_end:
    .bss
    .balign 16
stack:      .space 16384
stack_top:
