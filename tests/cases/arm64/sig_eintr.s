// A handler interrupting a blocked system call: the parent sleeps in read() on an empty pipe
// when its child (fork via clone(SIGCHLD)) sends it SIGUSR1 after 50 ms. Without SA_RESTART
// the read fails with EINTR after the handler ran; with SA_RESTART it is restarted and returns
// the byte the child writes after the signal. The handler counts its calls.
    .set SIGUSR1, 10
    .set SIGCHLD, 17
    .set SA_RESTART, 0x10000000
    .set EINTR, 4
    .globl _start
    .text
_start:
    adr     x0, fds
    mov     x1, #0
    mov     x8, #59                     // pipe2(fds, 0)
    svc     #0
    cbnz    x0, fail
    // 1: no SA_RESTART
    mov     x0, #0
    bl      install
    mov     x0, #0
    bl      child
    bl      read1
    cmn     x0, #EINTR
    b.ne    fail
    bl      handled_once
    bl      reap
    adr     x1, msg_eintr
    mov     x2, #(msg_eintr_end - msg_eintr)
    bl      print
    // 2: SA_RESTART
    mov     x0, #SA_RESTART
    bl      install
    mov     x0, #1
    bl      child
    bl      read1
    cmp     x0, #1
    b.ne    fail
    adr     x9, buf
    ldrb    w9, [x9]
    cmp     w9, #'x'
    b.ne    fail
    bl      handled_once
    bl      reap
    adr     x1, msg_restart
    mov     x2, #(msg_restart_end - msg_restart)
    bl      print
    mov     x0, #0
    mov     x8, #93
    svc     #0

install:                                // x0 = sa_flags
    adr     x1, act
    adr     x2, handler
    stp     x2, x0, [x1]
    mov     x0, #SIGUSR1
    mov     x2, #0
    mov     x3, #8
    mov     x8, #134
    svc     #0
    cbnz    x0, fail
    ret

// child(x0 = write a byte after the signal): fork; the child sleeps 50 ms, signals its
// parent, optionally sleeps again and writes 'x' to the pipe, and exits.
child:
    mov     x19, x0
    mov     x0, #SIGCHLD
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    mov     x4, #0
    mov     x8, #220                    // clone(SIGCHLD, 0, …): fork
    svc     #0
    cmp     x0, #0
    b.lt    fail
    b.eq    1f
    ret
1:  bl      nap
    mov     x8, #173                    // getppid
    svc     #0
    mov     x1, #SIGUSR1
    mov     x8, #129                    // kill(getppid(), SIGUSR1)
    svc     #0
    cbz     x19, 2f
    bl      nap
    adr     x9, fds
    ldr     w0, [x9, #4]
    adr     x1, byte
    mov     x2, #1
    mov     x8, #64                     // write(fds[1], "x", 1)
    svc     #0
2:  mov     x0, #0
    mov     x8, #93
    svc     #0

nap:
    adr     x0, ts
    mov     x1, #0
    mov     x8, #101                    // nanosleep(50 ms)
    svc     #0
    ret

read1:
    adr     x9, fds
    ldr     w0, [x9]
    adr     x1, buf
    mov     x2, #1
    mov     x8, #63                     // read(fds[0], buf, 1)
    svc     #0
    ret

handled_once:
    adr     x9, count
    ldr     x10, [x9]
    cmp     x10, #1
    b.ne    fail
    str     xzr, [x9]
    ret

reap:
    mov     x0, #-1
    mov     x1, #0
    mov     x2, #0
    mov     x3, #0
    mov     x8, #260                    // wait4(-1, NULL, 0, NULL)
    svc     #0
    cmp     x0, #0
    b.le    fail
    ret

handler:
    adr     x9, count
    ldr     x10, [x9]
    add     x10, x10, #1
    str     x10, [x9]
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
    mov     x8, #94
    svc     #0

    .data
    .balign 8
act:        .quad 0, 0, 0, 0
fds:        .word 0, 0
ts:         .quad 0, 50000000
count:      .quad 0
buf:        .byte 0
byte:       .ascii "x"
msg_eintr:  .ascii "read: EINTR after the handler\n"
msg_eintr_end:
msg_restart: .ascii "read: restarted (SA_RESTART), got x\n"
msg_restart_end:
msg_fail:   .ascii "FAIL\n"
msg_fail_end:
