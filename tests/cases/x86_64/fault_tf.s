# Single-stepping: setting RFLAGS.TF with popf traps after the next instruction (#DB) → SIGTRAP.
    .text
    .globl _start
_start:
    pushf
    orl $0x100, (%rsp)
    popf
    nop
    nop
    mov $60, %eax
    xor %edi, %edi
    syscall
