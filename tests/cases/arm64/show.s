// show: print x0 as a signed decimal and a newline on fd 1 (clobbers x0-x5, x8). Linked into
// cases that list it in NAME.extra.
    .globl show
    .text
show:
    adrp    x1, numbuf
    add     x1, x1, :lo12:numbuf
    add     x1, x1, #31
    mov     w2, #10
    strb    w2, [x1]
    mov     x3, x0                  // the value (sign kept)
    cmp     x0, #0
    cneg    x4, x0, lt              // |value|
1:  mov     x5, #10
    udiv    x2, x4, x5
    msub    x5, x2, x5, x4          // digit
    add     w5, w5, #'0'
    sub     x1, x1, #1
    strb    w5, [x1]
    mov     x4, x2
    cbnz    x4, 1b
    cmp     x3, #0
    b.ge    2f
    sub     x1, x1, #1
    mov     w5, #'-'
    strb    w5, [x1]
2:  adrp    x2, numbuf
    add     x2, x2, :lo12:numbuf
    add     x2, x2, #32
    sub     x2, x2, x1
    mov     x0, #1
    mov     x8, #64
    svc     #0
    ret
    .bss
    .balign 16
numbuf: .skip 32
