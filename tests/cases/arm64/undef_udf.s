// udf #0 is permanently UNDEFINED: ESR.EC 0x00 → SIGILL (ILL_ILLOPC)
    .globl _start
    .text
_start:
    udf     #0
    mov     x0, #0
    mov     x8, #93
    svc     #0
