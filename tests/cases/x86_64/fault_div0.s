# Division by zero in ring 3: #DE → SIGFPE (FPE_INTDIV).
    .globl _start
    .text
_start:
    mov $7, %eax
    xor %edx, %edx
    xor %ecx, %ecx
    div %ecx
    mov $60, %eax
    xor %edi, %edi
    syscall
