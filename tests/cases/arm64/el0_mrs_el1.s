// Reading an EL1 system register (ESR_EL1) from EL0 is UNDEFINED: SIGILL
    .globl _start
    .text
_start:
    mrs     x0, esr_el1
    mov     x8, #93
    svc     #0
