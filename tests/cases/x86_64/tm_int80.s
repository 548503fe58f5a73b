# Timers and signal waits through int $0x80 (the i386 table, 32-bit structs) from a 64-bit
# process: alarm (27); setitimer (104) / getitimer (105) with a compat itimerval (four 32-bit
# longs); pause (29) ended by SIGALRM; timer_create (259) with a compat sigevent (a 4-byte
# sigev_value, signo at 4, notify at 8); timer_settime (260) with a compat itimerspec;
# sigsuspend (72, the mask by value) ended by the timer's SIGUSR1; timer_gettime (261);
# rt_sigtimedwait (177) with a compat timespec and siginfo (si_int at 20); timer_delete (263);
# clock_settime (264) on CLOCK_MONOTONIC (EINVAL); the old 32-bit sigprocmask (126: SIG_SETMASK
# and the upper signals) and sigpending (73). Handlers are installed with the 64-bit
# rt_sigaction; each prints its signal.
    .set SIGUSR1, 10
    .set SIGALRM, 14
    .set SA_RESTORER, 0x04000000
    .globl _start
    .text
_start:
    mov $13, %eax; mov $SIGALRM, %edi; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov $13, %eax; mov $SIGUSR1, %edi; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov $27, %eax; mov $5, %ebx; int $0x80; call show                                   # 0
    mov $27, %eax; xor %ebx, %ebx; int $0x80; call show                                 # 5
    mov $104, %eax; mov $7, %ebx; lea it20ms(%rip), %ecx; xor %edx, %edx; int $0x80; call show   # -22
    mov $104, %eax; xor %ebx, %ebx; lea it20ms(%rip), %ecx; lea old(%rip), %edx; int $0x80; call show
    mov $29, %eax; int $0x80; call show                                                 # 14, -4
    mov $105, %eax; xor %ebx, %ebx; lea cur(%rip), %ecx; int $0x80; call show
    mov cur+8(%rip), %eax; add cur+12(%rip), %eax; call show                            # 0
    # a POSIX timer
    mov $259, %eax; mov $1, %ebx; lea sigev(%rip), %ecx; lea tid(%rip), %edx; int $0x80; call show
    mov $260, %eax; mov tid(%rip), %ebx; xor %ecx, %ecx; lea ts10ms(%rip), %edx; xor %esi, %esi; int $0x80; call show
    mov $72, %eax; xor %ebx, %ebx; xor %ecx, %ecx; xor %edx, %edx; int $0x80; call show  # 10, -4
    mov $261, %eax; mov tid(%rip), %ebx; lea cur(%rip), %ecx; int $0x80; call show
    mov cur+8(%rip), %eax; add cur+12(%rip), %eax; call show                            # 0
    # rt_sigtimedwait: SIGUSR1 blocked and queued by the timer again
    mov $14, %eax; xor %edi, %edi; lea usr1(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov $260, %eax; mov tid(%rip), %ebx; xor %ecx, %ecx; lea ts10ms(%rip), %edx; xor %esi, %esi; int $0x80
    mov $177, %eax; lea usr1(%rip), %ebx; lea info(%rip), %ecx; xor %edx, %edx; mov $8, %esi; int $0x80; call show   # 10
    movslq info+8(%rip), %rax; call show                                                # SI_TIMER: -2
    movslq info+20(%rip), %rax; call show                                               # si_int: 42
    mov $177, %eax; lea usr1(%rip), %ebx; xor %ecx, %ecx; lea ts0(%rip), %edx; mov $8, %esi; int $0x80; call show  # -11
    mov $263, %eax; mov tid(%rip), %ebx; int $0x80; call show                           # 0
    mov $264, %eax; mov $1, %ebx; lea ts0(%rip), %ecx; int $0x80; call show             # -22
    # the old 32-bit sigprocmask (126) and sigpending (73)
    mov $14, %eax; mov $2, %edi; lea sig40(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall  # only signal 40
    mov $126, %eax; xor %ebx, %ebx; lea usr2_32(%rip), %ecx; lea old32(%rip), %edx; int $0x80; call show   # 0
    mov old32(%rip), %eax; call show                                                    # 0: 40 is not in it
    mov $126, %eax; mov $2, %ebx; lea zero32(%rip), %ecx; xor %edx, %edx; int $0x80; call show   # SETMASK 0
    mov $14, %eax; xor %edi, %edi; xor %esi, %esi; lea old64(%rip), %rdx; mov $8, %r10d; syscall
    mov old64(%rip), %rax; call show                                                    # what is left of 40
    mov $126, %eax; xor %ebx, %ebx; lea usr2_32(%rip), %ecx; xor %edx, %edx; int $0x80
    mov $39, %eax; syscall; mov %rax, %rdi; mov $12, %esi; mov $62, %eax; syscall     # kill(self, SIGUSR2)
    mov $73, %eax; lea old32(%rip), %ebx; int $0x80; call show                          # 0
    mov old32(%rip), %eax; call show                                                    # 2048
    mov $126, %eax; mov $99, %ebx; lea usr2_32(%rip), %ecx; xor %edx, %edx; int $0x80; call show   # -22
    mov $126, %eax; xor %ebx, %ebx; mov $8, %ecx; xor %edx, %edx; int $0x80; call show  # -14
    mov $73, %eax; mov $8, %ebx; int $0x80; call show                                   # -14
    mov $60, %eax; xor %edi, %edi; syscall

handler:
    mov %rdi, %rax; call show
    ret
restorer:
    mov $15, %eax; syscall

    .data
    .balign 8
act:    .quad handler, SA_RESTORER, restorer, 0
usr1:   .quad 1 << (SIGUSR1 - 1)
it20ms: .long 0, 0, 0, 20000
old:    .long -1, -1, -1, -1
cur:    .long -1, -1, -1, -1
ts10ms: .long 0, 0, 0, 10000000
ts0:    .long 0, 0
sig40:  .quad 1 << 39
old64:  .quad -1
usr2_32: .long 1 << 11
zero32: .long 0
old32:  .long -1
sigev:  .long 42, SIGUSR1, 0, 0
        .skip 48
tid:    .long -1
        .balign 8
info:   .skip 128
