# waitid(2): P_PID with WEXITED|WNOWAIT reports the exited child (si_signo 17, si_code
# CLD_EXITED 1, si_pid = the child, si_status 5) and leaves it a zombie, so wait4 still reaps
# it (status 1280); then P_ALL is ECHILD (-10). Options without WEXITED/WSTOPPED/WCONTINUED are
# EINVAL (-22), an unknown idtype too, P_PID with id 0 too. WNOHANG with a running child
# returns 0 and zeroes si_signo and si_pid. A child killed by SIGKILL: si_code CLD_KILLED (2),
# si_status 9. P_PGID 0 selects the caller's group.
# Lines: 0 17 1 1 5 | 1280 | -10 | -22 -22 -22 | 0 0 0 | 0 2 9
    .globl _start
    .text
_start:
    mov $57, %eax; syscall
    test %rax, %rax
    jz exit5
    mov %rax, %r14
    mov $247, %eax; mov $1, %edi; mov %r14, %rsi; lea info(%rip), %rdx; mov $0x01000004, %r10d; xor %r8d, %r8d; syscall; call show
    movslq info(%rip), %rax; call show
    movslq info+8(%rip), %rax; call show
    movslq info+16(%rip), %rax; cmp %r14, %rax; sete %al; movzbl %al, %eax; call show
    movslq info+24(%rip), %rax; call show
    mov $61, %eax; mov %r14, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall
    mov status(%rip), %eax; call show
    mov $247, %eax; xor %edi, %edi; xor %esi, %esi; lea info(%rip), %rdx; mov $4, %r10d; xor %r8d, %r8d; syscall; call show
    mov $247, %eax; xor %edi, %edi; xor %esi, %esi; lea info(%rip), %rdx; mov $1, %r10d; xor %r8d, %r8d; syscall; call show
    mov $247, %eax; mov $9, %edi; xor %esi, %esi; lea info(%rip), %rdx; mov $4, %r10d; xor %r8d, %r8d; syscall; call show
    mov $247, %eax; mov $1, %edi; xor %esi, %esi; lea info(%rip), %rdx; mov $4, %r10d; xor %r8d, %r8d; syscall; call show
    # a child that waits in pause()
    mov $57, %eax; syscall
    test %rax, %rax
    jz sleeper
    mov %rax, %r14
    movl $99, info(%rip); movl $99, info+16(%rip)
    mov $247, %eax; xor %edi, %edi; xor %esi, %esi; lea info(%rip), %rdx; mov $5, %r10d; xor %r8d, %r8d; syscall; call show
    movslq info(%rip), %rax; call show
    movslq info+16(%rip), %rax; call show
    mov $62, %eax; mov %r14, %rdi; mov $9, %esi; syscall
    mov $247, %eax; mov $2, %edi; xor %esi, %esi; lea info(%rip), %rdx; mov $4, %r10d; xor %r8d, %r8d; syscall; call show
    movslq info+8(%rip), %rax; call show
    movslq info+24(%rip), %rax; call show
    mov $60, %eax; xor %edi, %edi; syscall
exit5:
    mov $60, %eax; mov $5, %edi; syscall
sleeper:
    mov $34, %eax; syscall
    jmp sleeper
    .bss
    .balign 8
status: .skip 8
info:   .skip 128
