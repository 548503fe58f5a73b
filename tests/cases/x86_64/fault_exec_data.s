# Jumping into a non-executable page (.data, NX): #PF with the I/D bit → SIGSEGV (SEGV_ACCERR).
    .globl _start
    .text
_start:
    lea code(%rip), %rax
    jmp *%rax
    .data
code: .byte 0x90, 0x90, 0xc3
