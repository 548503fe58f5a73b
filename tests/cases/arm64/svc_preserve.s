// The svc ABI: x8 = number, x0 = result; every other register (x1–x30, sp) and NZCV survive
// the call. Fills x1..x30 with known values, calls getpid, checks them; exit 0 when all hold,
// else the number of the first register that changed (NZCV: 31, sp: 32, bad pid: 33).
    .globl _start
    .text
_start:
    mov     x0, sp
    str     x0, [sp, #-16]!        // the caller's sp, kept on the stack
    add     x0, x0, #0
    mov     x1, #101
    mov     x2, #102
    mov     x3, #103
    mov     x4, #104
    mov     x5, #105
    mov     x6, #106
    mov     x7, #107
    mov     x9, #109
    mov     x10, #110
    mov     x11, #111
    mov     x12, #112
    mov     x13, #113
    mov     x14, #114
    mov     x15, #115
    mov     x16, #116
    mov     x17, #117
    mov     x18, #118
    mov     x20, #120
    mov     x21, #121
    mov     x22, #122
    mov     x23, #123
    mov     x24, #124
    mov     x25, #125
    mov     x26, #126
    mov     x27, #127
    mov     x28, #128
    mov     x29, #129
    mov     x30, #130
    mov     x0, #0x60000000        // N=0 Z=1 C=1 V=0
    msr     nzcv, x0
    mov     x8, #172               // getpid
    svc     #0
    mov     x19, x0                // the pid
    mrs     x8, nzcv
    mov     x0, #0x60000000
    cmp     x8, x0
    mov     x8, #31
    b.ne    fail
    mov     x8, #33
    cmp     x19, #0
    b.le    fail
    .irp n, 1,2,3,4,5,6,7,9,10,11,12,13,14,15,16,17,18,20,21,22,23,24,25,26,27,28,29,30
    mov     x8, #\n
    cmp     x\n, #(100 + \n)
    b.ne    fail
    .endr
    mov     x8, #32
    ldr     x0, [sp], #16
    mov     x1, sp
    cmp     x0, x1
    b.ne    fail
    mov     x0, #0
    mov     x8, #93
    svc     #0
fail:
    mov     x0, x8
    mov     x8, #93
    svc     #0
