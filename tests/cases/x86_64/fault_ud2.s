# A ud2 in ring 3: #UD → SIGILL (si_code ILL_ILLOPN), after a line on stdout.
    .globl _start
    .text
_start:
    mov $1, %eax; mov $1, %edi; lea msg(%rip), %rsi; mov $8, %edx; syscall
    ud2
    .section .rodata
msg: .ascii "before!\n"
