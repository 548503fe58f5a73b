# epoll over sockets: readiness comes from the same poll interface pipes use. A socketpair end
# is reported readable after the peer writes; a listening socket when a client connects; after
# the peer closes, EPOLLIN|EPOLLHUP|EPOLLRDHUP (8209).
    .globl _start
    .text
_start:
    mov $53, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; lea sv(%rip), %r10; syscall
    movslq sv(%rip), %r12; movslq sv+4(%rip), %r13
    mov $291, %eax; mov $0x80000, %edi; syscall; mov %rax, %r14                    # epoll_create1(EPOLL_CLOEXEC)
    movl $1, ev(%rip); mov %r13, ev+4(%rip)                                           # {EPOLLIN, data = fd}
    mov $233, %eax; mov %r14, %rdi; mov $1, %esi; mov %r13, %rdx; lea ev(%rip), %r10; syscall; call show    # 0
    mov $232, %eax; mov %r14, %rdi; lea evs(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; syscall; call show  # 0
    mov $1, %eax; mov %r12, %rdi; lea hi(%rip), %rsi; mov $2, %edx; syscall
    mov $232, %eax; mov %r14, %rdi; lea evs(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; syscall; call show  # 1
    mov evs(%rip), %eax; call show                                                    # 1
    mov evs+4(%rip), %rax; call show                                                  # 4
    xor %eax, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; mov $8, %edx; syscall
    # a listener with an abstract name
    mov $41, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %r15
    mov $49, %eax; mov %r15, %rdi; lea name(%rip), %rsi; mov $name_len, %edx; syscall
    mov $50, %eax; mov %r15, %rdi; mov $2, %esi; syscall
    movl $1, ev(%rip); mov %r15, ev+4(%rip)
    mov $233, %eax; mov %r14, %rdi; mov $1, %esi; mov %r15, %rdx; lea ev(%rip), %r10; syscall
    mov $41, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %rbx
    mov $42, %eax; mov %rbx, %rdi; lea name(%rip), %rsi; mov $name_len, %edx; syscall; call show           # 0
    mov $232, %eax; mov %r14, %rdi; lea evs(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; syscall; call show  # 1
    mov evs+4(%rip), %rax; call show                                                  # 6
    mov $43, %eax; mov %r15, %rdi; xor %esi, %esi; xor %edx, %edx; syscall
    # the peer closes: EPOLLIN|EPOLLHUP|EPOLLRDHUP
    movl $0x2001, ev(%rip); mov %r13, ev+4(%rip)
    mov $233, %eax; mov %r14, %rdi; mov $3, %esi; mov %r13, %rdx; lea ev(%rip), %r10; syscall             # EPOLL_CTL_MOD
    mov $3, %eax; mov %r12, %rdi; syscall
    mov $232, %eax; mov %r14, %rdi; lea evs(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; syscall; call show  # 1
    mov evs(%rip), %eax; call show                                                    # 8209
    mov $60, %eax; xor %edi, %edi; syscall
    .data
hi:   .ascii "hi"
name: .short 1
      .ascii "\0vsys-sock-epoll"
      .set name_len, . - name
    .bss
    .balign 8
sv:   .skip 8
ev:   .skip 16
evs:  .skip 64
buf:  .skip 8
