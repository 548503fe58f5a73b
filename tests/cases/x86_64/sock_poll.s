# Readiness and non-blocking sockets. poll on a socketpair end: writable (POLLOUT) but not
# readable until the peer writes; after the peer shuts down writing, POLLIN|POLLRDHUP; a
# listening socket is readable when a connection waits. SOCK_NONBLOCK reads and accept answer
# EAGAIN; fcntl(F_SETFL, O_NONBLOCK) makes a blocking socket non-blocking; a blocking read is
# woken by a child that writes later.
    .globl _start
    .text
_start:
    mov $53, %eax; mov $1, %edi; mov $0x801, %esi; xor %edx, %edx; lea sv(%rip), %r10; syscall   # SOCK_NONBLOCK
    movslq sv(%rip), %r12; movslq sv+4(%rip), %r13
    mov %r13d, pfd(%rip); movw $0x2005, pfd+4(%rip)                       # POLLIN|POLLOUT|POLLRDHUP
    mov $7, %eax; lea pfd(%rip), %rdi; mov $1, %esi; xor %edx, %edx; syscall; call show      # 1
    movzwl pfd+6(%rip), %eax; call show                                                      # 4 (POLLOUT)
    mov $0, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; mov $8, %edx; syscall; call show     # -11
    mov $1, %eax; mov %r12, %rdi; lea abc(%rip), %rsi; mov $3, %edx; syscall
    mov $7, %eax; lea pfd(%rip), %rdi; mov $1, %esi; xor %edx, %edx; syscall
    movzwl pfd+6(%rip), %eax; call show                                                      # 5
    mov $48, %eax; mov %r12, %rdi; mov $1, %esi; syscall
    mov $7, %eax; lea pfd(%rip), %rdi; mov $1, %esi; xor %edx, %edx; syscall
    movzwl pfd+6(%rip), %eax; call show                                                      # 0x2005 = 8197
    # a listener: not readable, then readable once a client connects; accept on empty: EAGAIN
    mov $41, %eax; mov $1, %edi; mov $0x801, %esi; xor %edx, %edx; syscall; mov %rax, %r14
    mov $49, %eax; mov %r14, %rdi; lea addr(%rip), %rsi; mov $addr_len, %edx; syscall
    mov $50, %eax; mov %r14, %rdi; mov $4, %esi; syscall
    mov $43, %eax; mov %r14, %rdi; xor %esi, %esi; xor %edx, %edx; syscall; call show      # -11
    mov %r14d, pfd(%rip); movw $1, pfd+4(%rip)
    mov $7, %eax; lea pfd(%rip), %rdi; mov $1, %esi; xor %edx, %edx; syscall; call show      # 0
    mov $41, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %r15
    mov $42, %eax; mov %r15, %rdi; lea addr(%rip), %rsi; mov $addr_len, %edx; syscall; call show  # 0
    mov $7, %eax; lea pfd(%rip), %rdi; mov $1, %esi; xor %edx, %edx; syscall; call show      # 1
    movzwl pfd+6(%rip), %eax; call show                                                      # 1
    mov $43, %eax; mov %r14, %rdi; xor %esi, %esi; xor %edx, %edx; syscall; mov %rax, %rbx
    # fcntl(F_SETFL, O_NONBLOCK) on the accepted socket, then EAGAIN
    mov $72, %eax; mov %rbx, %rdi; mov $4, %esi; mov $04000, %edx; syscall; call show       # 0
    mov $0, %eax; mov %rbx, %rdi; lea buf(%rip), %rsi; mov $8, %edx; syscall; call show     # -11
    mov $72, %eax; mov %rbx, %rdi; mov $4, %esi; xor %edx, %edx; syscall
    # a blocking read woken by the child's write
    mov $57, %eax; syscall
    test %rax, %rax
    jz child
    mov %rax, %r12
    mov $0, %eax; mov %rbx, %rdi; lea buf(%rip), %rsi; mov $8, %edx; syscall; call show     # 4
    mov $61, %eax; mov %r12, %rdi; xor %esi, %esi; xor %edx, %edx; xor %r10d, %r10d; syscall
    mov $87, %eax; lea path(%rip), %rdi; syscall
    mov $60, %eax; xor %edi, %edi; syscall
child:
    # let the parent block first (sched_yield a few times), then write
    mov $24, %eax; syscall; mov $24, %eax; syscall; mov $24, %eax; syscall
    mov $1, %eax; mov %r15, %rdi; lea late(%rip), %rsi; mov $4, %edx; syscall
    mov $60, %eax; xor %edi, %edi; syscall
    .data
abc:  .ascii "abc"
late: .ascii "late"
addr: .short 1
path: .asciz "/tmp/vsys-sock-poll"
      .set addr_len, . - addr
    .bss
    .balign 8
sv:   .skip 8
pfd:  .skip 8
buf:  .skip 64
