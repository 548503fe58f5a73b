// The event files on arm64 (asm-generic numbers; no epoll_create/epoll_wait/eventfd/signalfd
// there): eventfd2 and its counter, epoll_create1/epoll_ctl/epoll_pwait with the 16-byte
// struct epoll_event (data at offset 8), level- and edge-triggered and one-shot items, errors,
// a timerfd whose read waits for the expiry, signalfd4 reading a blocked signal, memfd_create.
    .globl _start
    .text
sys:                                    // svc, then print x0
    svc #0
    b show
pw:                                     // epoll_pwait(x19, out, x2, 0, NULL, 8), print count, events[0], data[0]
    stp x29, x30, [sp, #-16]!
    mov x0, x19
    adrp x1, out
    add x1, x1, :lo12:out
    mov x3, #0
    mov x4, #0
    mov x5, #8
    mov x8, #22
    svc #0
    mov x20, x0
    bl show
    cmp x20, #1
    b.lt 1f
    adrp x1, out
    add x1, x1, :lo12:out
    ldr w0, [x1]
    bl show
    adrp x1, out
    add x1, x1, :lo12:out
    ldr x0, [x1, #8]
    bl show
1:  ldp x29, x30, [sp], #16
    ret
ctl:                                    // epoll_ctl(x19, x1, x2, {events=w3, data=x4})
    adrp x5, ev
    add x5, x5, :lo12:ev
    str w3, [x5]
    str x4, [x5, #8]
    mov x0, x19
    mov x3, x5
    mov x8, #21
    b sys
_start:
    mov x0, #2
    mov x1, #0x800
    mov x8, #19
    svc #0                              // eventfd2(2, EFD_NONBLOCK)
    mov x21, x0
    mov x0, #0
    mov x8, #20
    svc #0                              // epoll_create1(0)
    mov x19, x0
    mov x1, #1
    mov x2, x21
    mov w3, #5
    ldr x4, =0x1122334455667788
    bl ctl                              // ADD eventfd IN|OUT: 0
    mov x2, #4
    bl pw                               // 1, 5, data
    adrp x1, buf
    add x1, x1, :lo12:buf
    mov x0, x21
    mov x2, #8
    mov x8, #63
    bl sys                              // read: 8
    adrp x1, buf
    add x1, x1, :lo12:buf
    ldr x0, [x1]
    bl show                             // 2
    mov x2, #4
    bl pw                               // 1, 4 (OUT only), data
    mov x1, #1
    mov x2, x21
    mov w3, #1
    mov x4, #7
    bl ctl                              // ADD again: EEXIST
    mov x1, #7
    mov x2, x21
    mov w3, #1
    mov x4, #7
    bl ctl                              // op 7: EINVAL
    mov x2, #0
    bl pw                               // maxevents 0: EINVAL
    mov x1, #2
    mov x2, x21
    mov w3, #0
    mov x4, #0
    bl ctl                              // DEL: 0
    mov x2, #4
    bl pw                               // 0
    // a pipe, edge-triggered and one-shot
    adrp x0, fds
    add x0, x0, :lo12:fds
    mov x1, #0
    mov x8, #59
    bl sys                              // pipe2: 0
    adrp x0, fds
    add x0, x0, :lo12:fds
    ldr w22, [x0]
    ldr w23, [x0, #4]
    mov x1, #1
    mov x2, x22
    mov w3, #1
    movk w3, #0x8000, lsl #16
    mov x4, #6
    bl ctl                              // EPOLLIN|EPOLLET: 0
    mov x2, #4
    bl pw                               // 0
    mov x0, x23
    adrp x1, abc
    add x1, x1, :lo12:abc
    mov x2, #3
    mov x8, #64
    bl sys                              // write 3
    mov x2, #4
    bl pw                               // 1, 1, 6
    mov x2, #4
    bl pw                               // 0
    mov x1, #3
    mov x2, x22
    mov w3, #1
    movk w3, #0x4000, lsl #16
    mov x4, #9
    bl ctl                              // MOD one-shot: 0
    mov x2, #4
    bl pw                               // 1, 1, 9
    mov x2, #4
    bl pw                               // 0
    // a timerfd: a blocking read waits 20 ms for the expiry
    mov x0, #1
    mov x1, #0
    mov x8, #85
    svc #0                              // timerfd_create(CLOCK_MONOTONIC, 0)
    mov x24, x0
    adrp x2, its
    add x2, x2, :lo12:its
    mov x0, x24
    mov x1, #0
    mov x3, #0
    mov x8, #86
    bl sys                              // settime: 0
    mov x0, x24
    adrp x1, buf
    add x1, x1, :lo12:buf
    mov x2, #8
    mov x8, #63
    bl sys                              // 8
    adrp x1, buf
    add x1, x1, :lo12:buf
    ldr x0, [x1]
    bl show                             // 1
    mov x0, x24
    adrp x1, its
    add x1, x1, :lo12:its
    mov x8, #87
    bl sys                              // gettime: 0
    adrp x1, its
    add x1, x1, :lo12:its
    ldr x0, [x1, #24]
    bl show                             // spent: 0
    // signalfd4
    mov x0, #0
    adrp x1, set1
    add x1, x1, :lo12:set1
    mov x2, #0
    mov x3, #8
    mov x8, #135
    bl sys                              // block USR1: 0
    mov x0, #-1
    adrp x1, set1
    add x1, x1, :lo12:set1
    mov x2, #8
    mov x3, #1
    mov x8, #74
    bl sys                              // flags 1: EINVAL (sizemask is left out: qemu-aarch64 ignores it)
    mov x0, #-1
    adrp x1, set1
    add x1, x1, :lo12:set1
    mov x2, #8
    mov x3, #0x800
    mov x8, #74
    svc #0
    mov x25, x0
    mov x8, #172
    svc #0                              // getpid
    mov x1, #10
    mov x8, #129
    bl sys                              // kill(self, USR1): 0
    mov x0, x25
    adrp x1, buf
    add x1, x1, :lo12:buf
    mov x2, #128
    mov x8, #63
    bl sys                              // 128
    adrp x1, buf
    add x1, x1, :lo12:buf
    ldr w0, [x1]
    bl show                             // 10
    adrp x1, buf
    add x1, x1, :lo12:buf
    ldrsw x0, [x1, #8]
    bl show                             // 0
    mov x0, x25
    adrp x1, buf
    add x1, x1, :lo12:buf
    mov x2, #128
    mov x8, #63
    bl sys                              // EAGAIN
    // memfd_create: write, lseek, read back
    adrp x0, mname
    add x0, x0, :lo12:mname
    mov x1, #1
    mov x8, #279
    svc #0                              // memfd_create("arm", MFD_CLOEXEC)
    mov x26, x0
    adrp x1, abc
    add x1, x1, :lo12:abc
    mov x2, #3
    mov x8, #64
    bl sys                              // write: 3
    mov x0, x26
    mov x1, #1
    mov x2, #0
    mov x8, #62
    bl sys                              // lseek 1: 1
    mov x0, x26
    adrp x1, buf
    add x1, x1, :lo12:buf
    mov x2, #8
    mov x8, #63
    bl sys                              // read: 2
    mov x0, #0
    mov x8, #93
    svc #0
    .data
    .balign 8
its: .quad 0, 0, 0, 20000000
set1: .quad 0x200
abc: .ascii "abc"
mname: .asciz "arm"
    .bss
    .balign 8
fds: .skip 8
ev: .skip 16
out: .skip 64
buf: .skip 128
