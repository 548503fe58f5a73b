# The order pending signals are delivered in (kernel/signal.c dequeue_signal → next_signal): a
# synchronous signal (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGSYS) first, then the lowest
# number — not the order they were sent; a standard signal sent again while pending is not
# queued twice (legacy_queue). Each handler prints its signal number.
#  1. handlers that block every signal (sa_mask all): SIGUSR2, SIGUSR1, SIGHUP, SIGSEGV, SIGUSR2
#     sent while blocked; rt_sigpending shows the set; unblocking runs SEGV, HUP, USR1, USR2,
#     each after the last returned.
#  2. handlers with an empty sa_mask: SIGUSR2 then SIGUSR1 sent while blocked; unblocking
#     delivers USR1 first, then USR2 on top of its frame — USR2's handler runs first.
    .set SIGHUP, 1
    .set SIGUSR1, 10
    .set SIGSEGV, 11
    .set SIGUSR2, 12
    .set SA_RESTORER, 0x04000000
    .globl _start
    .text
_start:
    mov $-1, %rdi; call install_all
    mov $39, %eax; syscall; mov %rax, %r15          # getpid
    mov $0, %edi; lea set_all(%rip), %rsi; call sigprocmask
    mov $SIGUSR2, %esi; call send
    mov $SIGUSR1, %esi; call send
    mov $SIGHUP, %esi; call send
    mov $SIGSEGV, %esi; call send
    mov $SIGUSR2, %esi; call send
    mov $127, %eax; lea pending(%rip), %rdi; mov $8, %esi; syscall   # rt_sigpending
    mov pending(%rip), %rax; call show
    mov $1, %edi; lea set_all(%rip), %rsi; call sigprocmask
    mov $-2, %rax; call show
    # 2
    xor %edi, %edi; call install_all
    mov $0, %edi; lea set_all(%rip), %rsi; call sigprocmask
    mov $SIGUSR2, %esi; call send
    mov $SIGUSR1, %esi; call send
    mov $1, %edi; lea set_all(%rip), %rsi; call sigprocmask
    mov $-2, %rax; call show
    mov $60, %eax; xor %edi, %edi; syscall

install_all:                          # rdi = sa_mask
    mov %rdi, act+24(%rip)
    mov $SIGHUP, %edi; call install
    mov $SIGUSR1, %edi; call install
    mov $SIGSEGV, %edi; call install
    mov $SIGUSR2, %edi; call install
    ret
install:
    mov $13, %eax; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    ret
sigprocmask:                          # edi = how, rsi = set
    mov $14, %eax; xor %edx, %edx; mov $8, %r10d; syscall
    ret
send:                                 # esi = signal
    mov $62, %eax; mov %r15, %rdi; syscall
    ret

handler:
    mov %rdi, %rax; call show
    ret
restorer:
    mov $15, %eax; syscall

    .data
    .balign 8
act:     .quad handler, SA_RESTORER, restorer, 0
set_all: .quad (1 << (SIGHUP - 1)) | (1 << (SIGUSR1 - 1)) | (1 << (SIGSEGV - 1)) | (1 << (SIGUSR2 - 1))
pending: .quad 0
