# kill(2) to a child: kill(pid, 0) probes a live child (0); SIGKILL ends a child that spins in
# user mode without a system call; wait4 reports WIFSIGNALED with WTERMSIG 9 (status 9); after
# it is reaped, kill(pid, 0) is ESRCH (-3). A child blocked in pause() gets SIGTERM: status 15.
# wait4 with WNOHANG while a child runs returns 0. Signal 65 to a reaped pid is ESRCH (-3): the
# pid is looked up first; to the caller itself EINVAL (-22).
# Lines: 0, 0, 9, -3, 0, 0, 15, -3, -22.
    .globl _start
    .text
_start:
    mov $57, %eax; syscall
    test %rax, %rax
    jz spin
    mov %rax, %r14
    mov $62, %eax; mov %r14, %rdi; xor %esi, %esi; syscall; call show
    mov $62, %eax; mov %r14, %rdi; mov $9, %esi; syscall; call show
    mov $61, %eax; mov %r14, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall
    mov status(%rip), %eax; call show
    mov $62, %eax; mov %r14, %rdi; xor %esi, %esi; syscall; call show
    mov $57, %eax; syscall
    test %rax, %rax
    jz sleeper
    mov %rax, %r14
    mov $61, %eax; mov %r14, %rdi; lea status(%rip), %rsi; mov $1, %edx; xor %r10d, %r10d; syscall; call show
    # let the child reach pause(): sched_yield until /proc/PID/stat says S? Simpler: a short sleep.
    mov $35, %eax; lea ts(%rip), %rdi; xor %esi, %esi; syscall; call show
    mov $62, %eax; mov %r14, %rdi; mov $15, %esi; syscall
    mov $61, %eax; mov %r14, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall
    mov status(%rip), %eax; call show
    mov $62, %eax; mov %r14, %rdi; mov $65, %esi; syscall; call show
    mov $39, %eax; syscall; mov %rax, %rdi; mov $62, %eax; mov $65, %esi; syscall; call show
    mov $60, %eax; xor %edi, %edi; syscall
spin:
    jmp spin
sleeper:
    mov $34, %eax; syscall
    mov $60, %eax; mov $1, %edi; syscall
    .data
    .balign 8
ts: .quad 0, 50000000
    .bss
    .balign 8
status: .skip 8
