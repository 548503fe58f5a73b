// Bad user pointers give -EFAULT (14): write from a kernel address, openat of an unmapped path,
// read into read-only text. Exit code: the sum of the three errnos' values divided by 14 (3).
    .globl _start
    .text
_start:
    mov     x19, #0
    mov     x0, #1                  // write(1, 0xffff000000001000, 4)
    mov     x1, #0xffff000000000000
    add     x1, x1, #0x1000
    mov     x2, #4
    mov     x8, #64
    svc     #0
    cmn     x0, #14
    cinc    x19, x19, eq
    mov     x0, #-100               // openat(AT_FDCWD, (char *)16, O_RDONLY)
    mov     x1, #16
    mov     x2, #0
    mov     x8, #56
    svc     #0
    cmn     x0, #14
    cinc    x19, x19, eq
    mov     x0, #-100               // openat(AT_FDCWD, "/dev/zero") then read into .text
    adr     x1, zero
    mov     x2, #0
    mov     x8, #56
    svc     #0
    adr     x1, _start
    mov     x2, #8
    mov     x8, #63
    svc     #0
    cmn     x0, #14
    cinc    x19, x19, eq
    mov     x0, x19
    mov     x8, #93
    svc     #0
zero:   .asciz "/dev/zero"
