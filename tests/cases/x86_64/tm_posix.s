# POSIX timers (kernel/time/posix-timers.c): timer_create's checks (unknown clock EINVAL, a
# clock without timers EOPNOTSUPP, a bad sigevent EINVAL, bad pointers EFAULT), ids counting up
# from 0, a one-shot SIGEV_SIGNAL timer (si_code SI_TIMER, si_timerid, si_value), timer_settime's
# checks and old value, timer_gettime after expiry, TIMER_ABSTIME (in the future, and in the
# past: fires at once), SIGEV_THREAD_ID, a NULL sigevent (SIGALRM with the id as value),
# SIGEV_NONE (runs down, sends nothing), a periodic timer whose signal stays blocked (taken by
# rt_sigtimedwait with si_overrun 2: expiries at 10, 210 and 410 ms of a 500 ms sleep), and
# timer_delete.
# The SA_SIGINFO handler prints si_signo, si_code, si_timerid and si_int.
    .set SIGALRM, 14
    .set SIGUSR1, 10
    .set SA_SIGINFO, 4
    .set SA_RESTORER, 0x04000000
    .set CLOCK_REALTIME, 0
    .set CLOCK_MONOTONIC, 1
    .globl _start
    .text
_start:
    mov $SIGUSR1, %edi; call install
    mov $SIGALRM, %edi; call install
    # timer_create's checks
    mov $99, %edi; lea ev_usr1(%rip), %rsi; lea tid(%rip), %rdx; call tcreate; call show         # -22
    mov $4, %edi; lea ev_usr1(%rip), %rsi; lea tid(%rip), %rdx; call tcreate; call show          # -95
    mov $8, %edi; lea ev_usr1(%rip), %rsi; lea tid(%rip), %rdx; call tcreate; call show          # -95
    mov $CLOCK_MONOTONIC, %edi; mov $8, %esi; lea tid(%rip), %rdx; call tcreate; call show       # -14
    mov $CLOCK_MONOTONIC, %edi; lea ev_bad(%rip), %rsi; lea tid(%rip), %rdx; call tcreate; call show   # -22
    mov $CLOCK_MONOTONIC, %edi; lea ev_sig0(%rip), %rsi; lea tid(%rip), %rdx; call tcreate; call show  # -22
    mov $CLOCK_MONOTONIC, %edi; lea ev_badtid(%rip), %rsi; lea tid(%rip), %rdx; call tcreate; call show # -22
    mov $CLOCK_MONOTONIC, %edi; lea ev_usr1(%rip), %rsi; mov $8, %edx; call tcreate; call show   # -14
    # a one-shot timer
    mov $CLOCK_MONOTONIC, %edi; lea ev_usr1(%rip), %rsi; lea tid(%rip), %rdx; call tcreate; call show
    mov tid(%rip), %eax; call show                                                    # the id
    mov tid(%rip), %edi; xor %esi, %esi; xor %edx, %edx; xor %r10d, %r10d; call tsettime; call show   # NULL: -22
    mov $1234, %edi; xor %esi, %esi; lea v10ms(%rip), %rdx; xor %r10d, %r10d; call tsettime; call show # -22
    mov tid(%rip), %edi; xor %esi, %esi; lea vbad(%rip), %rdx; xor %r10d, %r10d; call tsettime; call show  # -22
    mov tid(%rip), %edi; xor %esi, %esi; mov $8, %edx; xor %r10d, %r10d; call tsettime; call show      # -14
    mov tid(%rip), %edi; xor %esi, %esi; lea v10ms(%rip), %rdx; lea old(%rip), %r10; call tsettime; call show
    mov old+16(%rip), %rax; add old+24(%rip), %rax; call show                         # 0
    call suspend; call show                                                           # -4
    mov tid(%rip), %edi; lea cur(%rip), %rsi; call tgettime; call show
    mov cur+16(%rip), %rax; add cur+24(%rip), %rax; call show                         # 0
    mov tid(%rip), %edi; call toverrun; call show                                     # 0
    # TIMER_ABSTIME: 200 ms ahead on CLOCK_MONOTONIC, then a time in the past
    mov $228, %eax; mov $CLOCK_MONOTONIC, %edi; lea abs+16(%rip), %rsi; syscall
    addq $200000000, abs+24(%rip)
    cmpq $1000000000, abs+24(%rip); jb 1f
    subq $1000000000, abs+24(%rip); incq abs+16(%rip)
1:  mov tid(%rip), %edi; mov $1, %esi; lea abs(%rip), %rdx; xor %r10d, %r10d; call tsettime; call show
    call suspend; call show
    mov tid(%rip), %edi; mov $1, %esi; lea past(%rip), %rdx; xor %r10d, %r10d; call tsettime; call show
    # SIGEV_THREAD_ID to this thread
    mov $186, %eax; syscall; mov %eax, ev_thread+16(%rip)
    mov $CLOCK_MONOTONIC, %edi; lea ev_thread(%rip), %rsi; lea tid2(%rip), %rdx; call tcreate; call show
    mov tid2(%rip), %eax; call show
    mov tid2(%rip), %edi; xor %esi, %esi; lea v10ms(%rip), %rdx; xor %r10d, %r10d; call tsettime
    call suspend; call show
    # no sigevent: SIGALRM, the id as the value
    mov $CLOCK_REALTIME, %edi; xor %esi, %esi; lea tid3(%rip), %rdx; call tcreate; call show
    mov tid3(%rip), %eax; call show
    mov tid3(%rip), %edi; xor %esi, %esi; lea v10ms(%rip), %rdx; xor %r10d, %r10d; call tsettime
    call suspend; call show
    # SIGEV_NONE: it runs down and sends nothing
    mov $CLOCK_REALTIME, %edi; lea ev_none(%rip), %rsi; lea tid4(%rip), %rdx; call tcreate; call show
    mov tid4(%rip), %edi; xor %esi, %esi; lea v10s(%rip), %rdx; xor %r10d, %r10d; call tsettime
    mov tid4(%rip), %edi; lea cur(%rip), %rsi; call tgettime
    xor %eax, %eax; cmpq $0, cur+16(%rip); setne %al; call show                       # 1: running
    mov tid4(%rip), %edi; xor %esi, %esi; lea v10ms(%rip), %rdx; xor %r10d, %r10d; call tsettime
    mov $35, %eax; lea nap50(%rip), %rdi; xor %esi, %esi; syscall
    mov tid4(%rip), %edi; lea cur(%rip), %rsi; call tgettime
    mov cur+16(%rip), %rax; add cur+24(%rip), %rax; call show                         # 0
    # a periodic timer, its signal blocked: overruns
    mov $14, %eax; xor %edi, %edi; lea set_usr1(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov tid(%rip), %edi; xor %esi, %esi; lea v200ms_iv(%rip), %rdx; xor %r10d, %r10d; call tsettime
    mov $35, %eax; lea nap500(%rip), %rdi; xor %esi, %esi; syscall
    mov $128, %eax; lea set_usr1(%rip), %rdi; lea info(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    call show                                                                         # 10
    movslq info+8(%rip), %rax; call show                                              # -2
    xor %eax, %eax; cmpl $0, info+20(%rip); setg %al; call show                       # 1
    mov tid(%rip), %edi; call toverrun
    xor %ecx, %ecx; test %eax, %eax; setg %cl; mov %rcx, %rax; call show              # 1
    # timer_delete
    mov tid(%rip), %edi; call tdelete; call show                                      # 0
    mov tid(%rip), %edi; call tdelete; call show                                      # -22
    mov tid(%rip), %edi; lea cur(%rip), %rsi; call tgettime; call show                # -22
    mov tid(%rip), %edi; call toverrun; call show                                     # -22
    mov $60, %eax; xor %edi, %edi; syscall

tcreate:  mov $222, %eax; syscall; ret
tsettime: mov $223, %eax; syscall; ret
tgettime: mov $224, %eax; syscall; ret
toverrun: mov $225, %eax; syscall; ret
tdelete:  mov $226, %eax; syscall; ret
suspend:
    mov $130, %eax; lea empty(%rip), %rdi; mov $8, %esi; syscall; ret
install:
    mov $13, %eax; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall; ret

handler:                              # rdi = signo, rsi = siginfo
    push %rsi
    mov %rdi, %rax; call show
    mov (%rsp), %rsi; movslq 8(%rsi), %rax; call show       # si_code
    mov (%rsp), %rsi; movslq 16(%rsi), %rax; call show      # si_timerid
    mov (%rsp), %rsi; movslq 24(%rsi), %rax; call show      # si_int
    pop %rsi
    ret
restorer:
    mov $15, %eax; syscall

    .data
    .balign 8
act:       .quad handler, SA_SIGINFO | SA_RESTORER, restorer, 0
# struct sigevent: value, signo, notify, tid (64 bytes)
ev_usr1:   .quad 42
           .long SIGUSR1, 0, 0, 0
           .skip 40
ev_bad:    .quad 0
           .long SIGUSR1, 3, 0, 0
           .skip 40
ev_sig0:   .quad 0
           .long 0, 0, 0, 0
           .skip 40
ev_badtid: .quad 0
           .long SIGUSR1, 4, 1, 0
           .skip 40
ev_thread: .quad 7
           .long SIGUSR1, 4, 0, 0
           .skip 40
ev_none:   .quad 0
           .long SIGUSR1, 1, 0, 0
           .skip 40
v10ms:     .quad 0, 0, 0, 10000000
v10s:      .quad 0, 0, 10, 0
v200ms_iv: .quad 0, 200000000, 0, 10000000
vbad:      .quad 0, 0, 0, 1000000000
past:      .quad 0, 0, 1, 0
abs:       .quad 0, 0, 0, 0
nap50:     .quad 0, 50000000
nap500:    .quad 0, 500000000
old:       .quad -1, -1, -1, -1
cur:       .quad -1, -1, -1, -1
empty:     .quad 0
set_usr1:  .quad 1 << (SIGUSR1 - 1)
tid:       .long -1
tid2:      .long -1
tid3:      .long -1
tid4:      .long -1
           .balign 8
info:      .skip 128
