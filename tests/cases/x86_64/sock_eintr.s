# Signals and blocking socket calls. A child (fork) signals its parent with SIGUSR1 50 ms after
# it was made, while the parent waits; the handler writes "h". Printed in order:
#  1. accept on a listener, handler without SA_RESTART: -EINTR (-4);
#  2. recv on a socketpair with SA_RESTART: the handler runs, recv is made again and returns the
#     byte the child sends 50 ms later (1);
#  3. accept with SA_RESTART: made again, returns when the child connects (1 = a descriptor).
# SIGCHLD is ignored, so children are reaped at once.
    .set SIGUSR1, 10
    .set SIGCHLD, 17
    .set SA_RESTORER, 0x04000000
    .set SA_RESTART, 0x10000000
    .globl _start
    .text
_start:
    mov $13, %eax; mov $SIGCHLD, %edi; lea act_ign(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov $53, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; lea sv(%rip), %r10; syscall
    mov $41, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %r12
    mov $49, %eax; mov %r12, %rdi; lea name(%rip), %rsi; mov $name_len, %edx; syscall
    mov $50, %eax; mov %r12, %rdi; mov $4, %esi; syscall
    # 1
    xor %edi, %edi; call install
    xor %edi, %edi; call child
    mov $43, %eax; mov %r12, %rdi; xor %esi, %esi; xor %edx, %edx; syscall; call show
    # 2
    mov $SA_RESTART, %edi; call install
    mov $1, %edi; call child
    mov $45, %eax; movslq sv(%rip), %rdi; lea buf(%rip), %rsi; mov $8, %edx; xor %r10d, %r10d; xor %r8d, %r8d; xor %r9d, %r9d; syscall; call show
    # 3
    mov $2, %edi; call child
    mov $43, %eax; mov %r12, %rdi; xor %esi, %esi; xor %edx, %edx; syscall
    xor %ecx, %ecx; test %rax, %rax; setg %cl; mov %rcx, %rax; call show
    mov $60, %eax; xor %edi, %edi; syscall

install:                              # edi = SA_RESTART or 0
    or $SA_RESTORER, %edi
    mov %rdi, act+8(%rip)
    mov $13, %eax; mov $SIGUSR1, %edi; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    ret

child:                                # edi = 1: send a byte after the signal; 2: connect
    mov %edi, %ebx
    mov $57, %eax; syscall
    test %rax, %rax
    jz 1f
    ret
1:  call nap
    mov $110, %eax; syscall
    mov %rax, %rdi; mov $SIGUSR1, %esi; mov $62, %eax; syscall
    call nap
    cmp $1, %ebx
    jne 2f
    mov $1, %eax; movslq sv+4(%rip), %rdi; lea byte(%rip), %rsi; mov $1, %edx; syscall
2:  cmp $2, %ebx
    jne 3f
    mov $41, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; syscall
    mov %rax, %rdi; mov $42, %eax; lea name(%rip), %rsi; mov $name_len, %edx; syscall
3:  mov $60, %eax; xor %edi, %edi; syscall

nap:
    mov $35, %eax; lea ts(%rip), %rdi; xor %esi, %esi; syscall
    ret

handler:
    mov $1, %eax; mov $1, %edi; lea hmsg(%rip), %rsi; mov $2, %edx; syscall
    ret

restorer:
    mov $15, %eax; syscall

    .data
    .balign 8
act:     .quad handler, 0, restorer, 0
act_ign: .quad 1, SA_RESTORER, restorer, 0
ts:      .quad 0, 50000000
name:    .short 1
         .ascii "\0vsys-sock-eintr"
         .set name_len, . - name
byte:    .ascii "x"
hmsg:    .ascii "h\n"
    .bss
    .balign 8
sv:  .skip 8
buf: .skip 8
