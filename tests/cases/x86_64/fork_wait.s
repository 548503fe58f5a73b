# fork(2) + wait4(2): the child sees getppid() == the parent's pid and fork's 0, ends with
# exit(3); the parent gets the child's pid from fork and from wait4, the status word 768
# (3 << 8: WIFEXITED, WEXITSTATUS 3), then ECHILD (-10) from a second wait4, and WNOHANG with
# no children is ECHILD too. Each line: a number in decimal (show.s).
# Lines: child: 0 (fork's result), 1 (ppid matches); parent: 1 (wait4 == fork's pid),
#        768, -10, -10.
    .globl _start
    .text
_start:
    mov $39, %eax; syscall; mov %rax, %r15          # parent pid
    mov $57, %eax; syscall                          # fork
    test %rax, %rax
    jz child
    mov %rax, %r14                                  # child pid
    mov $61, %eax; mov $-1, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall
    cmp %r14, %rax; sete %al; movzbl %al, %eax; call show
    mov status(%rip), %eax; call show
    mov $61, %eax; mov $-1, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall; call show
    mov $61, %eax; mov $-1, %rdi; xor %esi, %esi; mov $1, %edx; xor %r10d, %r10d; syscall; call show
    mov $60, %eax; xor %edi, %edi; syscall
child:
    call show                                       # 0
    mov $110, %eax; syscall                         # getppid
    cmp %r15, %rax; sete %al; movzbl %al, %eax; call show
    mov $60, %eax; mov $3, %edi; syscall
    .bss
    .balign 8
status: .skip 8
