# Writing to a closed peer. TCP on the loopback: the first write after the peer closed succeeds
# (the peer answers with RST), the next is EPIPE. A seqpacket pair whose peer closed: EPIPE. A
# unix stream pair: EPIPE, and without MSG_NOSIGNAL SIGPIPE kills the writer.
    .globl _start
    .text
_start:
    mov $41, %eax; mov $2, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %r12
    movl $1, one(%rip)
    mov $54, %eax; mov %r12, %rdi; mov $1, %esi; mov $2, %edx; lea one(%rip), %r10; mov $4, %r8d; syscall
    mov $49, %eax; mov %r12, %rdi; lea sin(%rip), %rsi; mov $16, %edx; syscall; call show             # 0
    mov $50, %eax; mov %r12, %rdi; mov $1, %esi; syscall
    mov $41, %eax; mov $2, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %r13
    mov $42, %eax; mov %r13, %rdi; lea sin(%rip), %rsi; mov $16, %edx; syscall; call show             # 0
    mov $43, %eax; mov %r12, %rdi; xor %esi, %esi; xor %edx, %edx; syscall; mov %rax, %r14
    mov $3, %eax; mov %r13, %rdi; syscall
    mov $0, %eax; mov %r14, %rdi; lea buf(%rip), %rsi; mov $8, %edx; syscall; call show              # 0
    mov $44, %eax; mov %r14, %rdi; lea x(%rip), %rsi; mov $1, %edx; mov $0x4000, %r10d; xor %r8d, %r8d; xor %r9d, %r9d; syscall; call show  # 1
    mov $44, %eax; mov %r14, %rdi; lea x(%rip), %rsi; mov $1, %edx; mov $0x4000, %r10d; xor %r8d, %r8d; xor %r9d, %r9d; syscall; call show  # -32
    # seqpacket
    mov $53, %eax; mov $1, %edi; mov $5, %esi; xor %edx, %edx; lea sv(%rip), %r10; syscall
    mov $3, %eax; movslq sv(%rip), %rdi; syscall
    mov $1, %eax; movslq sv+4(%rip), %rdi; lea x(%rip), %rsi; mov $1, %edx; syscall; call show       # -32
    # unix stream, no MSG_NOSIGNAL: SIGPIPE
    mov $53, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; lea sv(%rip), %r10; syscall
    mov $3, %eax; movslq sv(%rip), %rdi; syscall
    mov $1, %eax; movslq sv+4(%rip), %rdi; lea x(%rip), %rsi; mov $1, %edx; syscall; call show
    mov $60, %eax; mov $3, %edi; syscall
    .data
    .balign 4
sin: .short 2
     .byte 0x1c, 0x9d                  # htons(7325)
     .byte 127, 0, 0, 1
     .quad 0
x:   .ascii "x"
    .bss
    .balign 8
one: .skip 4
sv:  .skip 8
buf: .skip 8
