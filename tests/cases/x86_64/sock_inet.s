# The guest-only loopback network. TCP: a listener on 127.0.0.1:7321 (SO_REUSEADDR), a client
# that connects (its ephemeral port is at least 32768 and is what accept reports), bytes both
# ways, shutdown(SHUT_WR) → end of file, close → end of file; a port nobody listens on is
# ECONNREFUSED; a second bind to the port EADDRINUSE. UDP on the same port number (its own
# space): a datagram with the sender's 16-byte address; a connected UDP socket sending to a
# closed port hears ECONNREFUSED on its next receive. IPv6: a ::1 listener (port 7324) and client.
    .globl _start
    .text
_start:
    mov $41, %eax; mov $2, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %r12
    movl $1, one(%rip)
    mov $54, %eax; mov %r12, %rdi; mov $1, %esi; mov $2, %edx; lea one(%rip), %r10; mov $4, %r8d; syscall; call show   # 0
    mov $49, %eax; mov %r12, %rdi; lea sin(%rip), %rsi; mov $16, %edx; syscall; call show                              # 0
    mov $50, %eax; mov %r12, %rdi; mov $4, %esi; syscall; call show                                                    # 0
    movl $16, alen(%rip)
    mov $51, %eax; mov %r12, %rdi; lea name(%rip), %rsi; lea alen(%rip), %rdx; syscall
    movzwl name+2(%rip), %eax; xchg %al, %ah; call show                                                                 # 7321
    # client
    mov $41, %eax; mov $2, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %r13
    mov $42, %eax; mov %r13, %rdi; lea sin(%rip), %rsi; mov $16, %edx; syscall; call show                              # 0
    movl $16, alen(%rip)
    mov $51, %eax; mov %r13, %rdi; lea name(%rip), %rsi; lea alen(%rip), %rdx; syscall
    movzwl name+2(%rip), %ebx; xchg %bl, %bh
    xor %eax, %eax; cmp $32768, %ebx; setae %al; call show                                                              # 1
    movl $16, alen(%rip)
    mov $43, %eax; mov %r12, %rdi; lea peer(%rip), %rsi; lea alen(%rip), %rdx; syscall; mov %rax, %r14
    mov alen(%rip), %eax; call show                                                                                     # 16
    movzwl peer+2(%rip), %ecx; xchg %cl, %ch; xor %eax, %eax; cmp %ecx, %ebx; sete %al; call show                       # 1
    mov peer+4(%rip), %eax; bswap %eax; shr $24, %eax; call show                                                         # 127
    mov $1, %eax; mov %r13, %rdi; lea hello(%rip), %rsi; mov $5, %edx; syscall
    mov $0, %eax; mov %r14, %rdi; lea buf(%rip), %rsi; mov $64, %edx; syscall; call show                                # 5
    mov $48, %eax; mov %r13, %rdi; mov $1, %esi; syscall; call show                                                     # 0
    mov $0, %eax; mov %r14, %rdi; lea buf(%rip), %rsi; mov $64, %edx; syscall; call show                                # 0
    mov $1, %eax; mov %r14, %rdi; lea bye(%rip), %rsi; mov $3, %edx; syscall
    mov $0, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; mov $64, %edx; syscall; call show                                # 3
    mov $3, %eax; mov %r13, %rdi; syscall
    mov $0, %eax; mov %r14, %rdi; lea buf(%rip), %rsi; mov $64, %edx; syscall; call show                                # 0
    # nobody on 7322; the port is taken
    mov $41, %eax; mov $2, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %r15
    mov $42, %eax; mov %r15, %rdi; lea sin2(%rip), %rsi; mov $16, %edx; syscall; call show                             # -111
    mov $41, %eax; mov $2, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %r15
    mov $49, %eax; mov %r15, %rdi; lea sin(%rip), %rsi; mov $16, %edx; syscall; call show                              # -98
    # UDP
    mov $41, %eax; mov $2, %edi; mov $2, %esi; xor %edx, %edx; syscall; mov %rax, %r13
    mov $49, %eax; mov %r13, %rdi; lea sin(%rip), %rsi; mov $16, %edx; syscall; call show                              # 0
    mov $41, %eax; mov $2, %edi; mov $2, %esi; xor %edx, %edx; syscall; mov %rax, %r15
    mov $44, %eax; mov %r15, %rdi; lea hello(%rip), %rsi; mov $5, %edx; xor %r10d, %r10d; lea sin(%rip), %r8; mov $16, %r9d; syscall; call show  # 5
    movl $16, alen(%rip)
    mov $45, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; mov $64, %edx; xor %r10d, %r10d; lea peer(%rip), %r8; lea alen(%rip), %r9; syscall; call show  # 5
    mov alen(%rip), %eax; call show                                                                                     # 16
    movzwl peer(%rip), %eax; call show                                                                                  # 2
    mov $42, %eax; mov %r15, %rdi; lea sin3(%rip), %rsi; mov $16, %edx; syscall; call show                             # 0
    mov $1, %eax; mov %r15, %rdi; lea hello(%rip), %rsi; mov $5, %edx; syscall; call show                              # 5
    mov $45, %eax; mov %r15, %rdi; lea buf(%rip), %rsi; mov $64, %edx; mov $0x40, %r10d; xor %r8d, %r8d; xor %r9d, %r9d; syscall; call show  # -111
    # IPv6 loopback (closing first keeps descriptors below 10)
    mov $3, %eax; mov $3, %edi; syscall
    mov $3, %eax; mov $5, %edi; syscall
    mov $3, %eax; mov $7, %edi; syscall
    mov $3, %eax; mov $8, %edi; syscall
    mov $41, %eax; mov $10, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %r12
    mov $54, %eax; mov %r12, %rdi; mov $1, %esi; mov $2, %edx; lea one(%rip), %r10; mov $4, %r8d; syscall
    mov $49, %eax; mov %r12, %rdi; lea sin6(%rip), %rsi; mov $28, %edx; syscall; call show                             # 0
    mov $50, %eax; mov %r12, %rdi; mov $1, %esi; syscall
    mov $41, %eax; mov $10, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %r13
    mov $42, %eax; mov %r13, %rdi; lea sin6(%rip), %rsi; mov $28, %edx; syscall; call show                             # 0
    movl $28, alen(%rip)
    mov $43, %eax; mov %r12, %rdi; lea peer(%rip), %rsi; lea alen(%rip), %rdx; syscall; mov %rax, %r14
    mov alen(%rip), %eax; call show                                                                                     # 28
    movzwl peer(%rip), %eax; call show                                                                                  # 10
    movzbl peer+23(%rip), %eax; call show                                                                               # 1 (::1)
    mov $60, %eax; xor %edi, %edi; syscall
    .data
    .balign 4
sin:   .short 2
       .byte 0x1c, 0x99                  # htons(7321)
       .byte 127, 0, 0, 1
       .quad 0
sin2:  .short 2
       .byte 0x1c, 0x9a                  # htons(7322)
       .byte 127, 0, 0, 1
       .quad 0
sin3:  .short 2
       .byte 0x1c, 0x9b                  # htons(7323)
       .byte 127, 0, 0, 1
       .quad 0
sin6:  .short 10
       .byte 0x1c, 0x9c                  # htons(7324)
       .long 0
       .quad 0
       .byte 0, 0, 0, 0, 0, 0, 0, 1
       .long 0
hello: .ascii "hello"
bye:   .ascii "bye"
    .bss
    .balign 8
one:  .skip 4
alen: .skip 4
name: .skip 32
peer: .skip 32
buf:  .skip 64
