# socketpair(AF_UNIX, SOCK_STREAM): bytes go both ways; MSG_PEEK leaves them queued; a stream has
# no boundaries (two writes, one read); fstat shows S_IFSOCK; getsockopt SO_TYPE/SO_DOMAIN;
# shutdown(SHUT_WR) gives the peer end of file; a write after the peer closed is EPIPE (with
# MSG_NOSIGNAL, no signal). Prints each result on its own line.
    .globl _start
    .text
_start:
    mov $53, %eax; mov $1, %edi; mov $0x80001, %esi; xor %edx, %edx; lea sv(%rip), %r10; syscall
    call show                                                    # 0
    movslq sv(%rip), %r12; movslq sv+4(%rip), %r13
    mov $1, %eax; mov %r12, %rdi; lea ping(%rip), %rsi; mov $4, %edx; syscall; call show   # 4
    mov $1, %eax; mov %r12, %rdi; lea more(%rip), %rsi; mov $3, %edx; syscall; call show   # 3
    # recvfrom(sv1, buf, 64, MSG_PEEK, NULL, NULL)
    mov $45, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; mov $64, %edx; mov $2, %r10d; xor %r8d, %r8d; xor %r9d, %r9d; syscall
    call show                                                    # 7
    mov $0, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; mov $64, %edx; syscall
    mov %rax, %rbx; call show                                    # 7
    mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; mov %rbx, %rdx; syscall
    mov $1, %eax; mov $1, %edi; lea nl(%rip), %rsi; mov $1, %edx; syscall
    # the other way: sendto(sv1, "pong", 4, 0, NULL, 0), read on sv0
    mov $44, %eax; mov %r13, %rdi; lea pong(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; xor %r8d, %r8d; xor %r9d, %r9d; syscall
    call show                                                    # 4
    mov $0, %eax; mov %r12, %rdi; lea buf(%rip), %rsi; mov $64, %edx; syscall; call show  # 4
    # fstat(sv0): st_mode & S_IFMT (octal 0140000 = 49152)
    mov $5, %eax; mov %r12, %rdi; lea st(%rip), %rsi; syscall
    mov st+24(%rip), %eax; and $0170000, %eax; call show
    # getsockopt(sv0, SOL_SOCKET, SO_TYPE / SO_DOMAIN, &val, &len)
    movl $4, optlen(%rip)
    mov $55, %eax; mov %r12, %rdi; mov $1, %esi; mov $3, %edx; lea val(%rip), %r10; lea optlen(%rip), %r8; syscall; call show
    mov val(%rip), %eax; call show                               # 1
    mov $55, %eax; mov %r12, %rdi; mov $1, %esi; mov $39, %edx; lea val(%rip), %r10; lea optlen(%rip), %r8; syscall
    mov val(%rip), %eax; call show                               # 1 (AF_UNIX)
    # shutdown(sv0, SHUT_WR): the peer reads end of file
    mov $48, %eax; mov %r12, %rdi; mov $1, %esi; syscall; call show
    mov $0, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; mov $64, %edx; syscall; call show  # 0
    # writing on the shut end: EPIPE (MSG_NOSIGNAL)
    mov $44, %eax; mov %r12, %rdi; lea ping(%rip), %rsi; mov $4, %edx; mov $0x4000, %r10d; xor %r8d, %r8d; xor %r9d, %r9d; syscall
    call show                                                    # -32
    # close sv0; sv1 writes: EPIPE
    mov $3, %eax; mov %r12, %rdi; syscall
    mov $44, %eax; mov %r13, %rdi; lea ping(%rip), %rsi; mov $4, %edx; mov $0x4000, %r10d; xor %r8d, %r8d; xor %r9d, %r9d; syscall
    call show                                                    # -32
    mov $60, %eax; xor %edi, %edi; syscall
    .data
ping: .ascii "ping"
more: .ascii "+++"
pong: .ascii "pong"
nl:   .ascii "\n"
    .bss
    .balign 8
sv:     .skip 8
val:    .skip 4
optlen: .skip 4
st:     .skip 144
buf:    .skip 64
