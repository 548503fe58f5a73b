# SO_RCVTIMEO: a receive (and an accept) that would wait gives up with EAGAIN after the timeout;
# getsockopt reads the timeval back; tv_usec of a million is EDOM, a short optlen EINVAL; 0/0
# means no timeout again (a receive with data still returns at once).
    .globl _start
    .text
_start:
    mov $53, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; lea sv(%rip), %r10; syscall
    movslq sv(%rip), %r12; movslq sv+4(%rip), %r13
    movq $0, tv(%rip); movq $20000, tv+8(%rip)                                    # 20 ms
    mov $54, %eax; mov %r13, %rdi; mov $1, %esi; mov $20, %edx; lea tv(%rip), %r10; mov $16, %r8d; syscall; call show  # 0
    mov $0, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; mov $8, %edx; syscall; call show                             # -11
    movl $16, olen(%rip)
    mov $55, %eax; mov %r13, %rdi; mov $1, %esi; mov $20, %edx; lea tv2(%rip), %r10; lea olen(%rip), %r8; syscall; call show  # 0
    mov tv2+8(%rip), %rax; call show                                                                                # 20000
    movq $1000000, tv+8(%rip)
    mov $54, %eax; mov %r13, %rdi; mov $1, %esi; mov $20, %edx; lea tv(%rip), %r10; mov $16, %r8d; syscall; call show  # -33
    mov $54, %eax; mov %r13, %rdi; mov $1, %esi; mov $20, %edx; lea tv(%rip), %r10; mov $8, %r8d; syscall; call show   # -22
    # accept on a listener with a timeout
    mov $41, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %r14
    mov $49, %eax; mov %r14, %rdi; lea name(%rip), %rsi; mov $name_len, %edx; syscall
    mov $50, %eax; mov %r14, %rdi; mov $1, %esi; syscall
    movq $20000, tv+8(%rip)
    mov $54, %eax; mov %r14, %rdi; mov $1, %esi; mov $20, %edx; lea tv(%rip), %r10; mov $16, %r8d; syscall
    mov $43, %eax; mov %r14, %rdi; xor %esi, %esi; xor %edx, %edx; syscall; call show                              # -11
    # 0/0: no timeout; data is there, so the read returns
    movq $0, tv+8(%rip)
    mov $54, %eax; mov %r13, %rdi; mov $1, %esi; mov $20, %edx; lea tv(%rip), %r10; mov $16, %r8d; syscall; call show  # 0
    mov $1, %eax; mov %r12, %rdi; lea hi(%rip), %rsi; mov $2, %edx; syscall
    mov $0, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; mov $8, %edx; syscall; call show                             # 2
    mov $60, %eax; xor %edi, %edi; syscall
    .data
hi:   .ascii "hi"
name: .short 1
      .ascii "\0vsys-sock-timeo"
      .set name_len, . - name
    .bss
    .balign 8
sv:   .skip 8
tv:   .skip 16
tv2:  .skip 16
olen: .skip 4
buf:  .skip 8
