# Waiting for signals and queueing them (kernel/signal.c), setting the clock
# (kernel/time/posix-timers.c, time.c), and restart_syscall:
#  1. rt_sigtimedwait: EAGAIN for a zero timeout, EINVAL (sigsetsize, tv_nsec), EFAULT; a
#     blocked pending signal taken with its siginfo (SI_USER, SI_QUEUE with si_int); another
#     caught signal ends the wait with EINTR directly; a timeout running out is EAGAIN;
#  2. rt_sigqueueinfo / rt_tgsigqueueinfo: SI_QUEUE to oneself, EPERM for si_code >= 0 to
#     another pid, EINVAL, ESRCH, EFAULT;
#  3. rt_sigsuspend with the signal already pending returns at once (EINTR after the handler),
#     and the old mask comes back;
#  4. clock_settime / settimeofday as root: EINVAL for MONOTONIC, an unknown clock, a time
#     before boot, a bad tv_nsec; EPERM for a CPU clock; then, as uid 65534: EPERM;
#  5. restart_syscall without an interrupted call: EINTR; a nanosleep, then a poll, interrupted
#     by SIGCHLD (default action, no handler) go on: under strace they are restarted through
#     restart_syscall.
    .set SIGUSR1, 10
    .set SIGUSR2, 12
    .set SIGALRM, 14
    .set SA_RESTORER, 0x04000000
    .globl _start
    .text
_start:
    mov $13, %eax; mov $SIGUSR1, %edi; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov $13, %eax; mov $SIGALRM, %edi; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov $14, %eax; xor %edi, %edi; lea set12(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov $39, %eax; syscall; mov %rax, %r15            # pid
    # 1. rt_sigtimedwait
    lea set12(%rip), %rdi; lea info(%rip), %rsi; lea ts0(%rip), %rdx; mov $8, %r10d; call twait; call show   # -11
    lea set12(%rip), %rdi; lea info(%rip), %rsi; lea ts0(%rip), %rdx; mov $4, %r10d; call twait; call show   # -22
    lea set12(%rip), %rdi; lea info(%rip), %rsi; lea tsbad(%rip), %rdx; mov $8, %r10d; call twait; call show # -22
    mov $8, %edi; lea info(%rip), %rsi; lea ts0(%rip), %rdx; mov $8, %r10d; call twait; call show            # -14
    mov $62, %eax; mov %r15, %rdi; mov $SIGUSR1, %esi; syscall
    lea set12(%rip), %rdi; lea info(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; call twait; call show        # 10
    movslq info+8(%rip), %rax; call show              # SI_USER: 0
    # 2. rt_sigqueueinfo
    mov $129, %eax; mov %r15, %rdi; mov $SIGUSR2, %esi; lea qinfo(%rip), %rdx; syscall; call show            # 0
    lea set12(%rip), %rdi; lea info(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; call twait; call show        # 12
    movslq info+8(%rip), %rax; call show              # SI_QUEUE: -1
    movslq info+24(%rip), %rax; call show             # 7
    mov $129, %eax; mov %r15, %rdi; mov $99, %esi; lea qinfo(%rip), %rdx; syscall; call show                 # -22
    mov $129, %eax; mov $0x3fffffff, %edi; mov $SIGUSR1, %esi; lea qinfo(%rip), %rdx; syscall; call show     # -3
    mov $129, %eax; mov %r15, %rdi; mov $SIGUSR1, %esi; mov $8, %edx; syscall; call show                     # -14
    mov $129, %eax; xor %edi, %edi; mov $SIGUSR1, %esi; lea uinfo(%rip), %rdx; syscall; call show            # -1
    mov $186, %eax; syscall; mov %rax, %r14           # tid
    mov $297, %eax; xor %edi, %edi; mov %r14, %rsi; mov $SIGUSR1, %edx; lea qinfo(%rip), %r10; syscall; call show  # -22
    mov $297, %eax; mov %r15, %rdi; mov %r14, %rsi; mov $SIGUSR1, %edx; lea qinfo(%rip), %r10; syscall; call show  # 0
    lea set12(%rip), %rdi; xor %esi, %esi; xor %edx, %edx; mov $8, %r10d; call twait; call show              # 10
    # another (caught) signal ends the wait: EINTR; a timeout runs out: EAGAIN
    mov $38, %eax; xor %edi, %edi; lea it20ms(%rip), %rsi; xor %edx, %edx; syscall
    lea set12(%rip), %rdi; xor %esi, %esi; xor %edx, %edx; mov $8, %r10d; call twait; call show              # -4
    lea set12(%rip), %rdi; xor %esi, %esi; lea ts20ms(%rip), %rdx; mov $8, %r10d; call twait; call show      # -11
    # 3. rt_sigsuspend with the signal already pending
    mov $130, %eax; lea empty(%rip), %rdi; mov $4, %esi; syscall; call show                                  # -22
    mov $130, %eax; mov $8, %edi; mov $8, %esi; syscall; call show                                           # -14
    mov $62, %eax; mov %r15, %rdi; mov $SIGUSR1, %esi; syscall
    mov $130, %eax; lea empty(%rip), %rdi; mov $8, %esi; syscall; call show                                  # -4
    mov $14, %eax; xor %edi, %edi; xor %esi, %esi; lea oldmask(%rip), %rdx; mov $8, %r10d; syscall
    mov oldmask(%rip), %rax; call show                # USR1|USR2 still blocked: 2560
    # 4. setting the clock
    mov $227, %eax; mov $1, %edi; lea tsvalid(%rip), %rsi; syscall; call show                                # -22
    mov $227, %eax; mov $99, %edi; lea tsvalid(%rip), %rsi; syscall; call show                               # -22
    mov $227, %eax; mov $2, %edi; lea tsvalid(%rip), %rsi; syscall; call show                                # -1
    mov $227, %eax; xor %edi, %edi; lea ts0(%rip), %rsi; syscall; call show                                  # -22
    mov $227, %eax; xor %edi, %edi; lea tsbad(%rip), %rsi; syscall; call show                                # -22
    mov $227, %eax; xor %edi, %edi; mov $8, %esi; syscall; call show                                         # -14
    mov $164, %eax; lea tvbad(%rip), %rdi; xor %esi, %esi; syscall; call show                                # -22
    mov $164, %eax; mov $8, %edi; xor %esi, %esi; syscall; call show                                         # -14
    mov $105, %eax; mov $65534, %edi; syscall; call show                                                     # setuid: 0
    mov $227, %eax; xor %edi, %edi; lea tsvalid(%rip), %rsi; syscall; call show                              # -1
    mov $227, %eax; xor %edi, %edi; lea tsbad(%rip), %rsi; syscall; call show                                # -22
    mov $164, %eax; xor %edi, %edi; xor %esi, %esi; syscall; call show                                       # -1
    mov $164, %eax; lea tvbad(%rip), %rdi; xor %esi, %esi; syscall; call show                                # -22
    # 5. restart_syscall
    mov $219, %eax; syscall; call show                                                                       # -4
    mov $57, %eax; syscall
    test %rax, %rax; jnz 1f
    mov $35, %eax; lea ts20ms(%rip), %rdi; xor %esi, %esi; syscall
    mov $60, %eax; xor %edi, %edi; syscall
1:  mov $35, %eax; lea ts200ms(%rip), %rdi; xor %esi, %esi; syscall; call show                               # 0
    # the same for poll (sys_poll's restart block: do_restart_poll)
    mov $57, %eax; syscall
    test %rax, %rax; jnz 2f
    mov $35, %eax; lea ts20ms(%rip), %rdi; xor %esi, %esi; syscall
    mov $60, %eax; xor %edi, %edi; syscall
2:  mov $7, %eax; xor %edi, %edi; xor %esi, %esi; mov $200, %edx; syscall; call show                        # 0
    mov $60, %eax; xor %edi, %edi; syscall

twait:
    mov $128, %eax; syscall; ret

handler:
    mov %rdi, %rax; call show
    ret
restorer:
    mov $15, %eax; syscall

    .data
    .balign 8
act:     .quad handler, SA_RESTORER, restorer, 0
set12:   .quad (1 << (SIGUSR1 - 1)) | (1 << (SIGUSR2 - 1))
empty:   .quad 0
oldmask: .quad 0
ts0:     .quad 0, 0
tsbad:   .quad 0, 1000000000
ts20ms:  .quad 0, 20000000
ts200ms: .quad 0, 200000000
tsvalid: .quad 2000000000, 0
tvbad:   .quad 0, 1000000
it20ms:  .quad 0, 0, 0, 20000
# siginfo_t: si_signo, si_errno, si_code, pad, {si_pid, si_uid, si_value}
qinfo:   .long 0, 0, -1, 0, 0, 0, 7, 0
         .skip 96
uinfo:   .long 0, 0, 0, 0, 0, 0, 0, 0
         .skip 96
info:    .skip 128
