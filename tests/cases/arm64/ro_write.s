// A store into the read-only text segment: permission fault → SIGSEGV
    .globl _start
    .text
_start:
    adr     x1, _start
    str     xzr, [x1]
    mov     x0, #0
    mov     x8, #93
    svc     #0
