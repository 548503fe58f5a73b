# Sockets through int $0x80 (the i386 table): socketcall(2) with its argument array —
# SYS_SOCKETPAIR, SYS_SEND, SYS_RECV, SYS_RECVMSG with a 28-byte compat msghdr and 8-byte
# iovecs — and the direct i386 numbers (socketpair 360, sendto 369, recvfrom 371, socket 359,
# getsockname 367). Bad call numbers are EINVAL, an unreadable argument array EFAULT.
    .globl _start
    .text
_start:
    # socketcall(SYS_SOCKETPAIR = 8, {AF_UNIX, SOCK_STREAM, 0, sv})
    movl $1, args(%rip); movl $1, args+4(%rip); movl $0, args+8(%rip); lea sv(%rip), %eax; mov %eax, args+12(%rip)
    mov $102, %eax; mov $8, %ebx; lea args(%rip), %ecx; int $0x80; call show                 # 0
    # socketcall(SYS_SEND = 9, {sv0, "ping", 4, 0})
    mov sv(%rip), %eax; mov %eax, args(%rip); lea ping(%rip), %eax; mov %eax, args+4(%rip); movl $4, args+8(%rip); movl $0, args+12(%rip)
    mov $102, %eax; mov $9, %ebx; lea args(%rip), %ecx; int $0x80; call show                 # 4
    # socketcall(SYS_RECVMSG = 17, {sv1, &msg, 0}); msghdr32 {name, namelen, iov, iovlen, control, controllen, flags}
    lea buf(%rip), %eax; mov %eax, iov(%rip); movl $2, iov+4(%rip)
    lea iov(%rip), %eax; mov %eax, msg+8(%rip); movl $1, msg+12(%rip)
    mov sv+4(%rip), %eax; mov %eax, args(%rip); lea msg(%rip), %eax; mov %eax, args+4(%rip); movl $0, args+8(%rip)
    mov $102, %eax; mov $17, %ebx; lea args(%rip), %ecx; int $0x80; call show                # 2
    # socketcall(SYS_RECV = 10, {sv1, buf+2, 16, 0}) takes the rest
    mov sv+4(%rip), %eax; mov %eax, args(%rip); lea buf+2(%rip), %eax; mov %eax, args+4(%rip); movl $16, args+8(%rip); movl $0, args+12(%rip)
    mov $102, %eax; mov $10, %ebx; lea args(%rip), %ecx; int $0x80; call show                # 2
    mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; mov $4, %edx; syscall
    mov $1, %eax; mov $1, %edi; lea nl(%rip), %rsi; mov $1, %edx; syscall
    # direct numbers: socketpair(AF_UNIX, SOCK_DGRAM) 360, sendto 369, recvfrom 371
    mov $360, %eax; mov $1, %ebx; mov $2, %ecx; xor %edx, %edx; lea sv2(%rip), %esi; int $0x80; call show  # 0
    mov $369, %eax; mov sv2(%rip), %ebx; lea ping(%rip), %ecx; mov $4, %edx; xor %esi, %esi; xor %edi, %edi; xor %ebp, %ebp; int $0x80; call show  # 4
    mov $371, %eax; mov sv2+4(%rip), %ebx; lea buf(%rip), %ecx; mov $2, %edx; mov $0x20, %esi; xor %edi, %edi; xor %ebp, %ebp; int $0x80; call show  # 4 (MSG_TRUNC)
    mov $359, %eax; mov $1, %ebx; mov $1, %ecx; xor %edx, %edx; int $0x80; mov %eax, %r12d; call show        # 7
    movl $110, alen(%rip)
    mov $367, %eax; mov %r12d, %ebx; lea name(%rip), %ecx; lea alen(%rip), %edx; int $0x80; call show         # 0
    mov alen(%rip), %eax; call show                                                                              # 2
    # bad socketcall numbers and a bad argument pointer
    mov $102, %eax; xor %ebx, %ebx; lea args(%rip), %ecx; int $0x80; call show              # -22
    mov $102, %eax; mov $21, %ebx; lea args(%rip), %ecx; int $0x80; call show              # -22
    mov $102, %eax; mov $1, %ebx; mov $16, %ecx; int $0x80; call show                      # -14
    mov $60, %eax; xor %edi, %edi; syscall
    .data
ping: .ascii "ping"
nl:   .ascii "\n"
    .bss
    .balign 8
args: .skip 32
sv:   .skip 8
sv2:  .skip 8
iov:  .skip 8
msg:  .skip 28
alen: .skip 4
name: .skip 112
buf:  .skip 64
