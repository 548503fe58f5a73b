// A load from an unmapped low address: translation fault → SIGSEGV
    .globl _start
    .text
_start:
    mov     x1, #16
    ldr     x0, [x1]
    mov     x8, #93
    svc     #0
