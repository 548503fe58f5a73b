# Alignment checking: Linux sets CR0.AM, so a user who sets RFLAGS.AC (bit 18, via popf) gets
# #AC on a misaligned load → SIGBUS (BUS_ADRALN).
    .globl _start
    .text
_start:
    pushf
    orl $0x40000, (%rsp)
    popf
    lea buf+1(%rip), %rax
    movl (%rax), %ebx
    mov $60, %eax
    xor %edi, %edi
    syscall
    .data
buf: .quad 0, 0
