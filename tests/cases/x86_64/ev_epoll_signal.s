# epoll_wait and signals: epoll_pwait's mask replaces the thread's for the wait — a blocked
# pending signal it lets through ends the wait with EINTR after its handler ran (a zero timeout
# returns 0 first, and the mask is back); the old mask is back after the handler. A signal from
# a child ends an epoll_pwait2 sleep with EINTR though the handler has SA_RESTART (epoll_wait is
# never restarted, signal(7)).
    .set SIGUSR1, 10
    .set SIGCHLD, 17
    .set SA_RESTORER, 0x04000000
    .set SA_RESTART, 0x10000000
    .globl _start
    .text
sys:
    syscall; jmp show
handler:
    mov %rdi, %rax; jmp show
restorer:
    mov $15, %eax; syscall
_start:
    mov $13, %eax; mov $SIGUSR1, %edi; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; call sys       # 0
    mov $14, %eax; xor %edi, %edi; lea set1(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; call sys          # block USR1, CHLD: 0
    mov $291, %eax; xor %edi, %edi; syscall; mov %eax, ep(%rip); call show
    mov $39, %eax; syscall; mov %rax, %r15
    mov $62, %eax; mov %r15, %rdi; mov $SIGUSR1, %esi; call sys                                           # pending: 0
    mov $232, %eax; mov ep(%rip), %edi; lea out(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; call sys     # 0
    mov $281, %eax; mov ep(%rip), %edi; lea out(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; lea empty(%rip), %r8; mov $8, %r9d; call sys  # timeout 0: 0
    mov $14, %eax; xor %edi, %edi; xor %esi, %esi; lea old(%rip), %rdx; mov $8, %r10d; call sys          # 0
    mov old(%rip), %rax; call show                                                                        # 66048
    mov $281, %eax; mov ep(%rip), %edi; lea out(%rip), %rsi; mov $4, %edx; mov $1000, %r10d; lea empty(%rip), %r8; mov $8, %r9d; call sys  # 10 then -4
    mov $14, %eax; xor %edi, %edi; xor %esi, %esi; lea old(%rip), %rdx; mov $8, %r10d; call sys          # 0
    mov old(%rip), %rax; call show                                                                        # 66048
    # a child's signal ends a sleeping epoll_pwait2
    mov $293, %eax; lea pfd(%rip), %rdi; xor %esi, %esi; call sys                                         # 0
    mov $57, %eax; syscall
    test %rax, %rax; jz child
    mov $1, %eax; mov pfd+4(%rip), %edi; lea pfd(%rip), %rsi; mov $1, %edx; syscall
    mov $441, %eax; mov ep(%rip), %edi; lea out(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; lea empty(%rip), %r8; mov $8, %r9d; call sys  # 10 then -4
    mov $247, %eax; xor %edi, %edi; xor %esi, %esi; xor %edx, %edx; mov $4, %r10d; xor %r8d, %r8d; call sys   # waitid: 0
    mov $60, %eax; xor %edi, %edi; syscall
child:
    xor %eax, %eax; mov pfd(%rip), %edi; lea buf(%rip), %rsi; mov $1, %edx; syscall
    mov $35, %eax; lea nap(%rip), %rdi; xor %esi, %esi; syscall
    mov $110, %eax; syscall
    mov %rax, %rdi; mov $62, %eax; mov $SIGUSR1, %esi; syscall
    mov $60, %eax; xor %edi, %edi; syscall
    .data
    .balign 8
act:   .quad handler, SA_RESTORER | SA_RESTART, restorer, 0
set1:  .quad (1 << (SIGUSR1 - 1)) | (1 << (SIGCHLD - 1))
empty: .quad 1 << (SIGCHLD - 1)            # the wait's mask: SIGCHLD stays blocked throughout
nap:   .quad 0, 20000000
    .bss
ep: .skip 4
pfd: .skip 8
old: .skip 8
buf: .skip 8
out: .skip 64
