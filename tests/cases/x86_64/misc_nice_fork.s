# The nice value is inherited by fork, and a change in the parent afterwards does not reach
# the child: the parent sets nice 3, forks, sets nice 7; the child waits for the parent's
# change (a pipe), then reports its own getpriority (20 - 3 = 17) through its exit status.
# Lines: the parent's getpriority (13), the child's status (17).
    .globl _start
    .text
_start:
    mov $22, %eax; lea p(%rip), %rdi; syscall
    mov $141, %eax; xor %edi, %edi; xor %esi, %esi; mov $3, %edx; syscall
    mov $57, %eax; syscall
    test %rax, %rax
    jz child
    mov $141, %eax; xor %edi, %edi; xor %esi, %esi; mov $7, %edx; syscall
    mov $1, %eax; mov p+4(%rip), %edi; lea p(%rip), %rsi; mov $1, %edx; syscall
    mov $140, %eax; xor %edi, %edi; xor %esi, %esi; syscall
    call show
    mov $61, %eax; mov $-1, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall
    mov status(%rip), %eax; shr $8, %eax; call show
    mov $60, %eax; xor %edi, %edi; syscall
child:
    mov $0, %eax; mov p(%rip), %edi; lea buf(%rip), %rsi; mov $1, %edx; syscall
    mov $140, %eax; xor %edi, %edi; xor %esi, %esi; syscall
    mov %rax, %rdi; mov $60, %eax; syscall
    .bss
    .balign 8
p: .skip 8
status: .skip 8
buf: .skip 8
