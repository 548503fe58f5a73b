# Datagrams and records keep their boundaries. socketpair(SOCK_DGRAM): a short read takes the
# head of one datagram and drops the rest (MSG_TRUNC reports the whole length); SOCK_SEQPACKET:
# recvmsg sets MSG_TRUNC in msg_flags. A dgram socket bound to an abstract name receives from
# an autobound sender (recvfrom gives its 8-byte name); unconnected send is ENOTCONN; an empty
# queue with MSG_DONTWAIT is EAGAIN.
    .globl _start
    .text
_start:
    mov $53, %eax; mov $1, %edi; mov $2, %esi; xor %edx, %edx; lea sv(%rip), %r10; syscall; call show
    movslq sv(%rip), %r12; movslq sv+4(%rip), %r13
    mov $1, %eax; mov %r12, %rdi; lea abc(%rip), %rsi; mov $6, %edx; syscall
    mov $1, %eax; mov %r12, %rdi; lea gh(%rip), %rsi; mov $2, %edx; syscall
    # recvfrom(sv1, buf, 4, MSG_TRUNC, NULL, NULL) = 6, buf = "abcd"
    mov $45, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; mov $4, %edx; mov $0x20, %r10d; xor %r8d, %r8d; xor %r9d, %r9d; syscall; call show
    mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; mov $5, %edx; movb $10, buf+4(%rip); syscall
    mov $0, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; mov $64, %edx; syscall; call show          # 2
    mov $45, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; mov $64, %edx; mov $0x40, %r10d; xor %r8d, %r8d; xor %r9d, %r9d; syscall; call show  # -11
    # SOCK_SEQPACKET pair: recvmsg with a 4-byte buffer → 4, msg_flags = MSG_TRUNC (32)
    mov $53, %eax; mov $1, %edi; mov $5, %esi; xor %edx, %edx; lea sv(%rip), %r10; syscall; call show
    movslq sv(%rip), %r14; movslq sv+4(%rip), %r15
    mov $1, %eax; mov %r14, %rdi; lea abc(%rip), %rsi; mov $6, %edx; syscall
    mov $1, %eax; mov %r14, %rdi; lea gh(%rip), %rsi; mov $2, %edx; syscall
    lea buf(%rip), %rax; mov %rax, iov(%rip); movq $4, iov+8(%rip)
    lea iov(%rip), %rax; mov %rax, msg+16(%rip); movq $1, msg+24(%rip)
    mov $47, %eax; mov %r15, %rdi; lea msg(%rip), %rsi; xor %edx, %edx; syscall; call show      # 4
    mov msg+48(%rip), %eax; call show                                                             # 32
    mov $47, %eax; mov %r15, %rdi; lea msg(%rip), %rsi; xor %edx, %edx; syscall; call show      # 2
    mov msg+48(%rip), %eax; call show                                                             # 0
    # a named dgram receiver and an autobound sender
    mov $41, %eax; mov $1, %edi; mov $2, %esi; xor %edx, %edx; syscall; mov %rax, %rbx
    mov $49, %eax; mov %rbx, %rdi; lea name(%rip), %rsi; mov $name_len, %edx; syscall; call show  # 0
    mov $41, %eax; mov $1, %edi; mov $2, %esi; xor %edx, %edx; syscall; mov %rax, %rbp
    mov $1, %eax; mov %rbp, %rdi; lea gh(%rip), %rsi; mov $2, %edx; syscall; call show          # -107 ENOTCONN
    mov $44, %eax; mov %rbp, %rdi; lea abc(%rip), %rsi; mov $3, %edx; xor %r10d, %r10d; lea name(%rip), %r8; mov $name_len, %r9d; syscall; call show  # 3
    movl $110, alen(%rip)
    mov $45, %eax; mov %rbx, %rdi; lea buf(%rip), %rsi; mov $64, %edx; xor %r10d, %r10d; lea from(%rip), %r8; lea alen(%rip), %r9; syscall; call show  # 3
    mov alen(%rip), %eax; call show                                                               # 8
    movzbl from+2(%rip), %eax; call show                                                          # 0 (abstract)
    # connect the sender to the receiver and send without an address
    mov $42, %eax; mov %rbp, %rdi; lea name(%rip), %rsi; mov $name_len, %edx; syscall; call show  # 0
    mov $1, %eax; mov %rbp, %rdi; lea gh(%rip), %rsi; mov $2, %edx; syscall; call show          # 2
    mov $0, %eax; mov %rbx, %rdi; lea buf(%rip), %rsi; mov $64, %edx; syscall; call show          # 2
    mov $60, %eax; xor %edi, %edi; syscall
    .data
abc:  .ascii "abcdef"
gh:   .ascii "gh"
name: .short 1
      .ascii "\0vsys-sock-dgram"
      .set name_len, . - name
    .bss
    .balign 8
sv:   .skip 8
iov:  .skip 16
msg:  .skip 56
alen: .skip 4
from: .skip 112
buf:  .skip 64
