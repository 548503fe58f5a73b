# System call restart after a signal handler (kernel/signal.c, arch/x86/kernel/signal.c
# handle_signal). A child (fork) signals its parent with SIGUSR1 50 ms after it was made, while
# the parent sleeps in a call; the handler writes "h" and counts. The parent prints each call's
# result:
#  1. read on an empty pipe, handler without SA_RESTART: -ERESTARTSYS → -EINTR (-4);
#  2. the same with SA_RESTART: the handler runs first, then read is made again (a second
#     `read(` line in strace) and returns the byte the child writes 50 ms later (1, 120);
#  3. nanosleep(1 s, &rem) with SA_RESTART: -ERESTART_RESTARTBLOCK → -EINTR all the same, and
#     rem holds the time left (0 s, some ns);
#  4. pause() with SA_RESTART: -ERESTARTNOHAND → -EINTR.
# SIGCHLD is ignored, so children are reaped at once and send no signal.
    .set SIGUSR1, 10
    .set SIGCHLD, 17
    .set SA_RESTORER, 0x04000000
    .set SA_RESTART, 0x10000000
    .globl _start
    .text
_start:
    mov $13, %eax; mov $SIGCHLD, %edi; lea act_ign(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov $22, %eax; lea fds(%rip), %rdi; syscall; call show
    # 1
    xor %edi, %edi; call install
    xor %edi, %edi; call child
    call read1; call show
    # 2
    mov $SA_RESTART, %edi; call install
    mov $1, %edi; call child
    call read1; call show
    movzbl buf(%rip), %eax; call show
    # 3
    xor %edi, %edi; call child
    mov $35, %eax; lea onesec(%rip), %rdi; lea rem(%rip), %rsi; syscall; call show
    mov rem(%rip), %rax; call show
    xor %eax, %eax; cmpq $0, rem+8(%rip); setne %al; call show
    # 4
    xor %edi, %edi; call child
    mov $34, %eax; syscall; call show
    mov count(%rip), %rax; call show
    mov $60, %eax; xor %edi, %edi; syscall

install:                              # edi = SA_RESTART or 0
    or $SA_RESTORER, %edi
    mov %rdi, act+8(%rip)
    mov $13, %eax; mov $SIGUSR1, %edi; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    ret

child:                                # edi = 1: write a byte 50 ms after the signal
    mov %edi, %ebx
    mov $57, %eax; syscall            # fork
    test %rax, %rax
    jz 1f
    ret
1:  call nap
    mov $110, %eax; syscall           # getppid
    mov %rax, %rdi; mov $SIGUSR1, %esi; mov $62, %eax; syscall
    test %ebx, %ebx
    jz 2f
    call nap
    mov $1, %eax; mov fds+4(%rip), %edi; lea byte(%rip), %rsi; mov $1, %edx; syscall
2:  mov $60, %eax; xor %edi, %edi; syscall

nap:
    mov $35, %eax; lea ts(%rip), %rdi; xor %esi, %esi; syscall
    ret

read1:
    xor %eax, %eax; mov fds(%rip), %edi; lea buf(%rip), %rsi; mov $1, %edx; syscall
    ret

handler:
    incq count(%rip)
    mov $1, %eax; mov $1, %edi; lea hmsg(%rip), %rsi; mov $2, %edx; syscall
    ret

restorer:
    mov $15, %eax; syscall

    .data
    .balign 8
act:     .quad handler, 0, restorer, 0
act_ign: .quad 1, SA_RESTORER, restorer, 0
fds:     .long 0, 0
ts:      .quad 0, 50000000
onesec:  .quad 1, 0
rem:     .quad -1, -1
count:   .quad 0
buf:     .byte 0
byte:    .ascii "x"
hmsg:    .ascii "h\n"
