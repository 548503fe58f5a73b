// udiv/sdiv by zero give 0 (no trap on A64); INT64_MIN / -1 gives INT64_MIN; exit code sums checks
    .globl _start
    .text
_start:
    mov     x19, #0
    mov     x1, #1234
    mov     x2, #0
    udiv    x3, x1, x2
    cbnz    x3, 1f
    add     x19, x19, #1
1:  sdiv    x3, x1, x2
    cbnz    x3, 2f
    add     x19, x19, #2
2:  mov     x1, #0x8000000000000000
    mov     x2, #-1
    sdiv    x3, x1, x2
    cmp     x3, x1
    b.ne    3f
    add     x19, x19, #4
3:  mov     w1, #-7
    mov     w2, #2
    sdiv    w3, w1, w2             // -3: rounds toward zero
    cmn     w3, #3
    b.ne    4f
    add     x19, x19, #8
4:  mov     x0, x19                // 15 when all hold
    mov     x8, #93
    svc     #0
