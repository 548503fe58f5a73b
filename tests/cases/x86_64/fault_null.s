# A store through NULL: #PF (not present, write, user) → SIGSEGV (SEGV_MAPERR, si_addr 0).
    .globl _start
    .text
_start:
    xor %eax, %eax
    movl $1, (%rax)
    mov $60, %eax
    xor %edi, %edi
    syscall
