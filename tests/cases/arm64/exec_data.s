// Branching into a data page (UXN = 1): instruction abort → SIGSEGV
    .globl _start
    .text
_start:
    adrp    x1, code
    add     x1, x1, :lo12:code
    br      x1
    .data
    .balign 4
code:
    mov     x0, #0
    mov     x8, #93
    svc     #0
