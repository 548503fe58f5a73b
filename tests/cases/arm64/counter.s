// The generic timer at EL0: CNTFRQ_EL0 is non-zero, CNTVCT_EL0 never goes backwards, and
// TPIDRRO_EL0 reads as 0 in a new process. Exit 0 when all hold.
    .globl _start
    .text
_start:
    mrs     x1, cntfrq_el0
    mov     x0, #1
    cbz     x1, 1f
    mrs     x2, cntvct_el0
    mov     x9, #1000
2:  subs    x9, x9, #1
    b.ne    2b
    mrs     x3, cntvct_el0
    mov     x0, #2
    cmp     x3, x2
    b.lo    1f
    mrs     x4, tpidrro_el0
    mov     x0, #3
    cbnz    x4, 1f
    mov     x0, #0
1:  mov     x8, #93
    svc     #0
