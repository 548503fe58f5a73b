# Signal handlers: rt_sigaction with SA_SIGINFO|SA_RESTORER, the rt_sigframe Linux builds, and
# rt_sigreturn. A NULL store faults → the SIGSEGV handler prints signo, si_code (SEGV_MAPERR),
# si_addr, sigcontext trapno (14) and err (6: write|user), then moves uc_mcontext.rip past the
# 6-byte instruction and returns; execution continues after it. Then SIGUSR1 sent with kill()
# twice: its handler sees SIGUSR1 blocked (mask 512) while it runs; after each rt_sigreturn
# the mask is empty again (printed: 0). Every number is printed in decimal (show.s).
    .globl _start
    .text
_start:
    mov $13, %eax; mov $11, %edi; lea act_segv(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall; call show
    xor %eax, %eax
    movl $1, (%rax)                   # c7 00 01 00 00 00: 6 bytes
    mov count(%rip), %rax; call show
    mov $13, %eax; mov $10, %edi; lea act_usr1(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall; call show
    mov $39, %eax; syscall; mov %rax, %r15
    mov $62, %eax; mov %r15, %rdi; mov $10, %esi; syscall; call show
    mov count(%rip), %rax; call show
    mov $62, %eax; mov %r15, %rdi; mov $10, %esi; syscall; call show
    mov count(%rip), %rax; call show
    mov $14, %eax; xor %edi, %edi; xor %esi, %esi; lea oldmask(%rip), %rdx; mov $8, %r10d; syscall
    mov oldmask(%rip), %rax; call show
    mov $60, %eax; xor %edi, %edi; syscall

segv_handler:                         # rdi = signo, rsi = &siginfo, rdx = &ucontext
    mov %rsi, %r12
    mov %rdx, %rbx
    mov %rdi, %rax; call show
    movslq 8(%r12), %rax; call show   # si_code
    mov 16(%r12), %rax; call show     # si_addr
    mov 40+160(%rbx), %rax; call show # uc_mcontext.trapno
    mov 40+152(%rbx), %rax; call show # uc_mcontext.err
    addq $6, 40+128(%rbx)             # uc_mcontext.rip += 6
    incq count(%rip)
    ret

usr1_handler:
    addq $10, count(%rip)
    mov $14, %eax; xor %edi, %edi; xor %esi, %esi; lea oldmask(%rip), %rdx; mov $8, %r10d; syscall
    mov oldmask(%rip), %rax; call show
    ret

restorer:
    mov $15, %eax                     # rt_sigreturn
    syscall

    .data
act_segv: .quad segv_handler, 0x04000004, restorer, 0     # SA_SIGINFO | SA_RESTORER
act_usr1: .quad usr1_handler, 0x04000004, restorer, 0
    .bss
count:   .skip 8
oldmask: .skip 8
