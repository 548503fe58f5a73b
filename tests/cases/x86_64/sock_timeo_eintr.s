# A receive that waits under SO_RCVTIMEO and is interrupted by a handler fails with EINTR even
# when the handler has SA_RESTART: a socket wait with a finite timeout returns -EINTR, only one
# without a timeout -ERESTARTSYS (net/core/sock.c sock_intr_errno; sock_eintr holds the second).
# A 50 ms ITIMER_REAL interrupts recv on a socketpair whose receive timeout is 5 s. Printed: the
# handler's "h", then recv's result (-4).
    .set SIGALRM, 14
    .set SA_RESTORER, 0x04000000
    .set SA_RESTART, 0x10000000
    .globl _start
    .text
_start:
    mov $13, %eax; mov $SIGALRM, %edi; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov $53, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; lea sv(%rip), %r10; syscall
    mov $54, %eax; movslq sv(%rip), %rdi; mov $1, %esi; mov $20, %edx; lea tv(%rip), %r10; mov $16, %r8d; syscall
    mov $38, %eax; xor %edi, %edi; lea it(%rip), %rsi; xor %edx, %edx; syscall
    mov $45, %eax; movslq sv(%rip), %rdi; lea buf(%rip), %rsi; mov $8, %edx; xor %r10d, %r10d; xor %r8d, %r8d; xor %r9d, %r9d; syscall
    call show
    mov $60, %eax; xor %edi, %edi; syscall

handler:
    mov $1, %eax; mov $1, %edi; lea hmsg(%rip), %rsi; mov $2, %edx; syscall
    ret

restorer:
    mov $15, %eax; syscall

    .data
    .balign 8
act:  .quad handler, SA_RESTORER | SA_RESTART, restorer, 0
tv:   .quad 5, 0
it:   .quad 0, 0, 0, 50000
hmsg: .ascii "h\n"
    .bss
    .balign 8
sv:  .skip 8
buf: .skip 8
