# timers.s — an interval timer, a POSIX timer and a signal taken without a handler (x86-64).
#
#   vasm build -o timers examples/timers/timers.s
#   vrun timers         # tick / tick / tick / timer 0 fired, value 42 / done
#   vstrace timers      # setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=100000}, …
#                       # --- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---
#                       # rt_sigtimedwait([USR1], {si_signo=SIGUSR1, si_code=SI_TIMER, …}, NULL, 8) = 10 (SIGUSR1)
#
# 1. setitimer(ITIMER_REAL) every 100 ms with a SIGALRM handler that writes "tick"; pause()
#    three times (each ends with EINTR after the handler ran), then the timer is disarmed.
# 2. timer_create(CLOCK_MONOTONIC) with SIGEV_SIGNAL → SIGUSR1 and the value 42; SIGUSR1 is
#    blocked, so after 50 ms the signal waits until rt_sigtimedwait takes it with its siginfo
#    (si_code SI_TIMER, si_timerid, si_int) — no handler runs. See docs/timers.md.
    .set SIGALRM, 14
    .set SIGUSR1, 10
    .set SA_RESTORER, 0x04000000
    .globl _start
    .text
_start:
    mov $13, %eax; mov $SIGALRM, %edi; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov $38, %eax; xor %edi, %edi; lea every100ms(%rip), %rsi; xor %edx, %edx; syscall   # setitimer
    mov $3, %ebx
1:  mov $34, %eax; syscall                                   # pause() = -EINTR
    dec %ebx; jnz 1b
    mov $38, %eax; xor %edi, %edi; lea off(%rip), %rsi; xor %edx, %edx; syscall          # disarm
    mov $14, %eax; xor %edi, %edi; lea usr1(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov $222, %eax; mov $1, %edi; lea sigev(%rip), %rsi; lea timerid(%rip), %rdx; syscall  # timer_create
    mov $223, %eax; mov timerid(%rip), %edi; xor %esi, %esi; lea in50ms(%rip), %rdx; xor %r10d, %r10d; syscall
    mov $128, %eax; lea usr1(%rip), %rdi; lea info(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    # "timer N fired, value V": si_timerid at 16, si_int at 24
    mov info+16(%rip), %eax; add $'0', %al; mov %al, fired+6(%rip)
    mov $1, %eax; mov $1, %edi; lea fired(%rip), %rsi; mov $fired_len, %edx; syscall
    mov $1, %eax; mov $1, %edi; lea done(%rip), %rsi; mov $5, %edx; syscall
    mov $60, %eax; xor %edi, %edi; syscall

handler:
    mov $1, %eax; mov $1, %edi; lea tick(%rip), %rsi; mov $5, %edx; syscall
    ret
restorer:
    mov $15, %eax; syscall

    .data
    .balign 8
act:        .quad handler, SA_RESTORER, restorer, 0
every100ms: .quad 0, 100000, 0, 100000        # it_interval, it_value (timevals)
off:        .quad 0, 0, 0, 0
in50ms:     .quad 0, 0, 0, 50000000           # it_interval, it_value (timespecs)
usr1:       .quad 1 << (SIGUSR1 - 1)
sigev:      .quad 42                          # sigev_value
            .long SIGUSR1, 0                  # sigev_signo, sigev_notify = SIGEV_SIGNAL
            .skip 48
timerid:    .long 0
            .balign 8
info:       .skip 128
tick:       .ascii "tick\n"
fired:      .ascii "timer ? fired, value 42\n"
            .set fired_len, . - fired
done:       .ascii "done\n"
