# Socket calls whose strace lines arm64 must print the same way (its twin is
# tests/cases/arm64/twin_sock.s): socketpair, sendto/recvfrom with MSG_PEEK, a datagram socket
# bound to an abstract name, getsockname with [IN => OUT], setsockopt/getsockopt, sendmsg and
# recvmsg carrying SCM_RIGHTS, shutdown.
    .globl _start
    .text
_start:
    mov $53, %eax; mov $1, %edi; mov $0x80001, %esi; xor %edx, %edx; lea sv(%rip), %r10; syscall   # [3, 4]
    mov $44, %eax; mov $3, %edi; lea hi(%rip), %rsi; mov $2, %edx; mov $0x4000, %r10d; xor %r8d, %r8d; xor %r9d, %r9d; syscall
    mov $45, %eax; mov $4, %edi; lea buf(%rip), %rsi; mov $64, %edx; mov $2, %r10d; xor %r8d, %r8d; xor %r9d, %r9d; syscall
    mov $45, %eax; mov $4, %edi; lea buf(%rip), %rsi; mov $64, %edx; xor %r10d, %r10d; xor %r8d, %r8d; xor %r9d, %r9d; syscall
    mov $41, %eax; mov $1, %edi; mov $2, %esi; xor %edx, %edx; syscall                                 # 5
    mov $49, %eax; mov $5, %edi; lea name(%rip), %rsi; mov $name_len, %edx; syscall
    movl $110, alen(%rip)
    mov $51, %eax; mov $5, %edi; lea addr(%rip), %rsi; lea alen(%rip), %rdx; syscall
    movl $1, one(%rip)
    mov $54, %eax; mov $5, %edi; mov $1, %esi; mov $7, %edx; lea one(%rip), %r10; mov $4, %r8d; syscall   # SO_SNDBUF
    movl $4, olen(%rip)
    mov $55, %eax; mov $5, %edi; mov $1, %esi; mov $3, %edx; lea val(%rip), %r10; lea olen(%rip), %r8; syscall  # SO_TYPE
    # sendmsg with SCM_RIGHTS [5], recvmsg
    lea hi(%rip), %rax; mov %rax, iov(%rip); movq $2, iov+8(%rip)
    lea iov(%rip), %rax; mov %rax, msg+16(%rip); movq $1, msg+24(%rip)
    lea cm(%rip), %rax; mov %rax, msg+32(%rip); movq $24, msg+40(%rip)
    movq $20, cm(%rip); movl $1, cm+8(%rip); movl $1, cm+12(%rip); movl $5, cm+16(%rip)
    mov $46, %eax; mov $3, %edi; lea msg(%rip), %rsi; xor %edx, %edx; syscall
    lea buf(%rip), %rax; mov %rax, riov(%rip); movq $16, riov+8(%rip)
    lea riov(%rip), %rax; mov %rax, rmsg+16(%rip); movq $1, rmsg+24(%rip)
    lea rc(%rip), %rax; mov %rax, rmsg+32(%rip); movq $32, rmsg+40(%rip)
    mov $47, %eax; mov $4, %edi; lea rmsg(%rip), %rsi; mov $0x40000000, %edx; syscall                    # MSG_CMSG_CLOEXEC
    mov $48, %eax; mov $3, %edi; mov $2, %esi; syscall
    mov $60, %eax; xor %edi, %edi; syscall
    .data
hi:   .ascii "hi"
name: .short 1
      .ascii "\0twin"
      .set name_len, . - name
    .bss
    .balign 8
sv:   .skip 8
one:  .skip 4
alen: .skip 4
olen: .skip 4
val:  .skip 4
iov:  .skip 16
riov: .skip 16
msg:  .skip 56
rmsg: .skip 56
cm:   .skip 24
rc:   .skip 32
addr: .skip 112
buf:  .skip 64
