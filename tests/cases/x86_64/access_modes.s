# access(2)/faccessat(2) modes as strace names them: F_OK, R_OK|W_OK, R_OK|W_OK|X_OK.
    .globl _start
_start:
    mov $21, %eax
    lea p(%rip), %rdi
    xor %esi, %esi
    syscall
    mov $21, %eax
    lea p(%rip), %rdi
    mov $6, %esi
    syscall
    mov $269, %eax
    mov $-100, %rdi
    lea p(%rip), %rsi
    mov $7, %edx
    syscall
    mov $231, %eax
    xor %edi, %edi
    syscall
p: .asciz "/tmp"
