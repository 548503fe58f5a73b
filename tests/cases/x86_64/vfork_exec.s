# vfork(2): the parent sleeps until the child ends or execs, so the child's line always comes
# first. A vfork child that calls _exit(4): the parent resumes with the child's pid (1) and
# reaps status 1024. A vfork child that execs /proc/self/exe with an argument: the new image
# prints "exec'd" and exits 6; the parent resumes once the exec happened, reaps status 1536 and
# prints "parent" (after the wait: the exec'd child and the parent run side by side). setpgid/getpgid/kill(-pgid): a forked child that made its own group is
# killed through it (SIGTERM: status 15).
# Lines: child | 1 | 1024 | exec'd | parent | 1536 | 1 | 15
    .globl _start
    .text
_start:
    cmpq $2, (%rsp)
    je new_image
    mov 8(%rsp), %rax; mov %rax, argv0(%rip)
    mov $58, %eax; syscall                                    # vfork
    test %rax, %rax
    jnz 1f
    mov $1, %eax; mov $1, %edi; lea s_child(%rip), %rsi; mov $6, %edx; syscall
    mov $60, %eax; mov $4, %edi; syscall
1:  mov %rax, %r14
    mov $61, %eax; mov $-1, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall
    cmp %r14, %rax; sete %al; movzbl %al, %eax; call show
    mov status(%rip), %eax; call show
    mov $58, %eax; syscall
    test %rax, %rax
    jnz 2f
    mov $59, %eax; lea p_self(%rip), %rdi; lea argv0(%rip), %rsi; xor %edx, %edx; syscall
    mov $60, %eax; mov $99, %edi; syscall
2:  mov $61, %eax; mov $-1, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall
    mov $1, %eax; mov $1, %edi; lea s_parent(%rip), %rsi; mov $7, %edx; syscall
    mov status(%rip), %eax; call show
    # process groups
    mov $57, %eax; syscall
    test %rax, %rax
    jz grouped
    mov %rax, %r14
    mov $109, %eax; mov %r14, %rdi; mov %r14, %rsi; syscall    # setpgid(child, child) (the child does it too)
    mov $121, %eax; mov %r14, %rdi; syscall                    # getpgid(child)
    cmp %r14, %rax; sete %al; movzbl %al, %eax; call show
    mov $62, %eax; mov %r14, %rdi; neg %rdi; mov $15, %esi; syscall
    mov $61, %eax; mov %r14, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall
    mov status(%rip), %eax; call show
    mov $60, %eax; xor %edi, %edi; syscall
grouped:
    mov $109, %eax; xor %edi, %edi; xor %esi, %esi; syscall
3:  mov $34, %eax; syscall
    jmp 3b
new_image:
    mov $1, %eax; mov $1, %edi; lea s_execd(%rip), %rsi; mov $7, %edx; syscall
    mov $60, %eax; mov $6, %edi; syscall
    .data
    .balign 8
argv0:    .quad 0, a_1, 0
a_1:      .asciz "1"
p_self:   .asciz "/proc/self/exe"
s_child:  .ascii "child\n"
s_parent: .ascii "parent\n"
s_execd:  .ascii "exec'd\n"
    .bss
    .balign 8
status: .skip 8
