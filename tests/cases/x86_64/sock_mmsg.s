# sendmmsg and recvmmsg on a datagram socketpair: three datagrams in one sendmmsg (each
# msg_len set), all three back in one recvmmsg with MSG_WAITFORONE (vlen 4), then EAGAIN on the
# empty socket with MSG_DONTWAIT; a timeout with tv_nsec of a billion is EINVAL.
    .globl _start
    .text
_start:
    mov $53, %eax; mov $1, %edi; mov $2, %esi; xor %edx, %edx; lea sv(%rip), %r10; syscall
    # three mmsghdr entries (64 bytes each), one iovec each: "a", "bb", "ccc"
    lea sa(%rip), %rax; mov %rax, iovs(%rip); movq $1, iovs+8(%rip)
    lea sb(%rip), %rax; mov %rax, iovs+16(%rip); movq $2, iovs+24(%rip)
    lea sc(%rip), %rax; mov %rax, iovs+32(%rip); movq $3, iovs+40(%rip)
    lea iovs(%rip), %rax; mov %rax, vec+16(%rip); movq $1, vec+24(%rip)
    lea iovs+16(%rip), %rax; mov %rax, vec+64+16(%rip); movq $1, vec+64+24(%rip)
    lea iovs+32(%rip), %rax; mov %rax, vec+128+16(%rip); movq $1, vec+128+24(%rip)
    mov $307, %eax; movslq sv(%rip), %rdi; lea vec(%rip), %rsi; mov $3, %edx; xor %r10d, %r10d; syscall; call show   # 3
    mov vec+56(%rip), %eax; call show
    mov vec+64+56(%rip), %eax; call show
    mov vec+128+56(%rip), %eax; call show
    # four receive entries with 8-byte buffers
    xor %ecx, %ecx
1:  lea rbuf(%rip), %rax; mov %rcx, %rdx; shl $3, %rdx; add %rdx, %rax
    lea riov(%rip), %rdi; shl $1, %rdx; add %rdx, %rdi
    mov %rax, (%rdi); movq $8, 8(%rdi)
    lea rvec(%rip), %rsi; mov %rcx, %rdx; shl $6, %rdx; add %rdx, %rsi
    mov %rdi, 16(%rsi); movq $1, 24(%rsi)
    inc %ecx; cmp $4, %ecx; jb 1b
    mov $299, %eax; movslq sv+4(%rip), %rdi; lea rvec(%rip), %rsi; mov $4, %edx; mov $0x10000, %r10d; xor %r8d, %r8d; syscall; call show  # 3
    mov rvec+56(%rip), %eax; call show
    mov rvec+64+56(%rip), %eax; call show
    mov rvec+128+56(%rip), %eax; call show
    mov $1, %eax; mov $1, %edi; lea rbuf+16(%rip), %rsi; mov $3, %edx; syscall
    mov $1, %eax; mov $1, %edi; lea nl(%rip), %rsi; mov $1, %edx; syscall
    mov $299, %eax; movslq sv+4(%rip), %rdi; lea rvec(%rip), %rsi; mov $4, %edx; mov $0x40, %r10d; xor %r8d, %r8d; syscall; call show    # -11
    movq $0, ts(%rip); movq $1000000000, ts+8(%rip)
    mov $299, %eax; movslq sv+4(%rip), %rdi; lea rvec(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; lea ts(%rip), %r8; syscall; call show  # -22
    mov $60, %eax; xor %edi, %edi; syscall
    .data
sa: .ascii "a"
sb: .ascii "bb"
sc: .ascii "ccc"
nl: .ascii "\n"
    .bss
    .balign 8
sv:   .skip 8
ts:   .skip 16
iovs: .skip 48
riov: .skip 64
vec:  .skip 192
rvec: .skip 256
rbuf: .skip 32
