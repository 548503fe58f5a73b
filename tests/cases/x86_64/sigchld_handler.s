# A SIGCHLD handler (SA_SIGINFO|SA_RESTORER, no SA_RESTART): wait4, asleep while the child
# runs, returns the child's pid (1) when the child's exit wakes it — not EINTR — and the
# handler runs after it: it saw si_signo 17, si_code CLD_EXITED (1), si_status 2 and
# si_pid = the child (1), once (count 1). Status 512.
# Lines: 1, 512, 1, 17, 1, 2, 1.
    .globl _start
    .text
_start:
    mov $13, %eax; mov $17, %edi; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov $57, %eax; syscall
    test %rax, %rax
    jz child
    mov %rax, %r14
    mov $61, %eax; mov $-1, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall
    cmp %r14, %rax; sete %al; movzbl %al, %eax; call show
    mov status(%rip), %eax; call show
    mov count(%rip), %rax; call show
    movslq info(%rip), %rax; call show
    movslq info+8(%rip), %rax; call show
    movslq info+24(%rip), %rax; call show
    movslq info+16(%rip), %rax; cmp %r14, %rax; sete %al; movzbl %al, %eax; call show
    mov $60, %eax; xor %edi, %edi; syscall
child:
    mov $60, %eax; mov $2, %edi; syscall
handler:                                    # rdi = signo, rsi = &siginfo
    incq count(%rip)
    mov (%rsi), %rax; mov %rax, info(%rip)
    mov 8(%rsi), %rax; mov %rax, info+8(%rip)
    mov 16(%rsi), %rax; mov %rax, info+16(%rip)
    mov 24(%rsi), %rax; mov %rax, info+24(%rip)
    ret
restorer:
    mov $15, %eax; syscall
    .data
    .balign 8
act: .quad handler, 0x04000004, restorer, 0
    .bss
    .balign 8
status: .skip 8
count:  .skip 8
info:   .skip 32
