// A branch to an address that is not a multiple of 4: PC alignment fault → SIGBUS
    .globl _start
    .text
_start:
    adr     x1, 1f
    add     x1, x1, #2
    br      x1
1:  mov     x0, #0
    mov     x8, #93
    svc     #0
