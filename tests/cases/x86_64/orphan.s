# The first process ends while its child still runs: the run is over with the parent's status
# (5), as a shell sees it (the child, asleep, is adopted by init and ends later). Before that
# the child's getppid() is the parent (line: 1); it tells the parent through a pipe.
    .globl _start
    .text
_start:
    mov $39, %eax; syscall; mov %rax, %r15
    mov $22, %eax; lea fds(%rip), %rdi; syscall
    mov $57, %eax; syscall
    test %rax, %rax
    jz child
    xor %eax, %eax; movslq fds(%rip), %rdi; lea buf(%rip), %rsi; mov $1, %edx; syscall
    mov $60, %eax; mov $5, %edi; syscall
child:
    mov $110, %eax; syscall
    cmp %r15, %rax; sete %al; movzbl %al, %eax; call show
    mov $1, %eax; movslq fds+4(%rip), %rdi; lea buf(%rip), %rsi; mov $1, %edx; syscall
    mov $35, %eax; lea ts(%rip), %rdi; xor %esi, %esi; syscall
    mov $60, %eax; xor %edi, %edi; syscall
    .data
    .balign 8
ts: .quad 0, 300000000
    .bss
fds: .skip 8
buf: .skip 8
