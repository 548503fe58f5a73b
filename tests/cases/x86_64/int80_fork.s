# The i386 ABI (int $0x80) from a 64-bit process: fork (2), waitpid (7), kill (37), execve
# (11, with 32-bit argv pointers) and exit (1). The child execs /proc/self/exe with the
# argument "i386"; the new image (argc 2) exits with 9; waitpid's status is 2304 (9 << 8).
# A second child is killed with SIGKILL: status 9. waitpid with nothing left: ECHILD (-10).
    .globl _start
    .text
_start:
    cmpq $2, (%rsp)
    je new_image
    mov $2, %eax; int $0x80                  # fork
    test %eax, %eax
    jnz 1f
    mov $11, %eax; lea self(%rip), %ebx; lea argv32(%rip), %ecx; xor %edx, %edx; int $0x80
    mov $1, %eax; mov $99, %ebx; int $0x80
1:  mov %eax, %r14d
    mov $7, %eax; mov %r14d, %ebx; lea status(%rip), %ecx; xor %edx, %edx; int $0x80
    cmp %r14d, %eax; sete %al; movzbl %al, %eax; call show
    mov status(%rip), %eax; call show
    mov $2, %eax; int $0x80
    test %eax, %eax
    jnz 2f
3:  jmp 3b
2:  mov %eax, %r14d
    mov $37, %eax; mov %r14d, %ebx; mov $9, %ecx; int $0x80; movslq %eax, %rax; call show
    mov $7, %eax; mov $-1, %ebx; lea status(%rip), %ecx; xor %edx, %edx; int $0x80
    mov status(%rip), %eax; call show
    mov $7, %eax; mov $-1, %ebx; xor %ecx, %ecx; xor %edx, %edx; int $0x80; movslq %eax, %rax; call show
    mov $1, %eax; xor %ebx, %ebx; int $0x80
new_image:
    mov $1, %eax; mov $9, %ebx; int $0x80
    .data
    .balign 8
argv32: .long a_prog, a_i386, 0             # 32-bit pointers: the image is below 4 GiB
a_prog: .asciz "prog"
a_i386: .asciz "i386"
self:   .asciz "/proc/self/exe"
    .bss
    .balign 8
status: .skip 8
