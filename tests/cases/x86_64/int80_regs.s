# int $0x80 from a 64-bit process, register by register (printed as signed 64-bit decimals):
#   open("/nonexistent") fails: the whole of rax is -2 (the long result, sign-extended);
#   rax = 0x1_0000_0014: the i386 number is eax only → getpid, positive (printed 1);
#   eax = 999 and eax = -1: -ENOSYS (-38);
#   dup(rbx = 0x1_0000_0001): only ebx counts → dup(1) → 3.
    .globl _start
    .text
_start:
    mov $5, %eax; lea path(%rip), %rbx; xor %ecx, %ecx; int $0x80; call show
    movabs $0x100000014, %rax; int $0x80; test %rax, %rax; setg %al; movzbl %al, %eax; call show
    mov $999, %eax; int $0x80; call show
    mov $-1, %rax; int $0x80; call show
    mov $41, %eax; movabs $0x100000001, %rbx; int $0x80; call show
    mov $60, %eax; xor %edi, %edi; syscall
    .data
path: .asciz "/nonexistent"
