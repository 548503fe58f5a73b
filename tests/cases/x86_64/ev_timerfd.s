# timerfd_create, timerfd_settime, timerfd_gettime: argument checks (clock, flags, itimerspec
# values, EFAULT, a non-timerfd, a bad fd), reads of a disarmed timer (EAGAIN) and with a short
# buffer (EINVAL); an absolute time in the past expires at once on CLOCK_MONOTONIC and
# CLOCK_REALTIME; a relative one-shot blocks a read until it expires and counts 1; old_value and
# gettime report the interval exactly and a running value as non-zero; a zero value disarms;
# epoll_wait sleeps until an interval timer's first expiry.
    .globl _start
    .text
sys:
    syscall; jmp show
itshow:                                         # print it_interval (sec, nsec) and whether it_value is non-zero
    mov its(%rip), %rax; call show
    mov its+8(%rip), %rax; call show
    mov its+16(%rip), %rax; or its+24(%rip), %rax; setnz %al; movzbl %al, %eax; jmp show
set:                                            # its = {interval %rsi ns, value %rdx ns} (below 1 s)
    movq $0, its(%rip); mov %rsi, its+8(%rip); movq $0, its+16(%rip); mov %rdx, its+24(%rip); ret
_start:
    mov $283, %eax; mov $3, %edi; xor %esi, %esi; call sys                    # THREAD_CPUTIME: EINVAL
    mov $283, %eax; mov $1, %edi; mov $1, %esi; call sys                      # bad flag: EINVAL
    mov $283, %eax; mov $1, %edi; mov $0x80800, %esi; syscall; mov %eax, tn(%rip); call show  # non-blocking
    mov $283, %eax; mov $1, %edi; xor %esi, %esi; syscall; mov %eax, tb(%rip); call show      # blocking
    mov $290, %eax; xor %edi, %edi; xor %esi, %esi; syscall; mov %eax, efd(%rip); call show   # an eventfd
    mov $0, %eax; mov tn(%rip), %edi; lea buf(%rip), %rsi; mov $8, %edx; call sys   # disarmed: EAGAIN
    mov $0, %eax; mov tn(%rip), %edi; lea buf(%rip), %rsi; mov $4, %edx; call sys   # short: EINVAL
    mov $287, %eax; mov tn(%rip), %edi; lea its(%rip), %rsi; call sys          # gettime: 0
    call itshow                                                                # 0 0 0
    # settime checks
    xor %esi, %esi; mov $1000000, %edx; call set
    mov $286, %eax; mov tn(%rip), %edi; mov $4, %esi; lea its(%rip), %rdx; xor %r10d, %r10d; call sys  # flags: EINVAL
    movq $1000000000, its+24(%rip)
    mov $286, %eax; mov tn(%rip), %edi; xor %esi, %esi; lea its(%rip), %rdx; xor %r10d, %r10d; call sys # nsec: EINVAL
    movq $-1, its+16(%rip); movq $0, its+24(%rip)
    mov $286, %eax; mov tn(%rip), %edi; xor %esi, %esi; lea its(%rip), %rdx; xor %r10d, %r10d; call sys # sec < 0: EINVAL
    mov $286, %eax; mov tn(%rip), %edi; xor %esi, %esi; mov $16, %edx; xor %r10d, %r10d; call sys       # EFAULT
    xor %esi, %esi; mov $1000000, %edx; call set
    mov $286, %eax; mov efd(%rip), %edi; xor %esi, %esi; lea its(%rip), %rdx; xor %r10d, %r10d; call sys # eventfd: EINVAL
    mov $286, %eax; mov $99, %edi; xor %esi, %esi; lea its(%rip), %rdx; xor %r10d, %r10d; call sys       # EBADF
    mov $287, %eax; mov efd(%rip), %edi; lea its(%rip), %rsi; call sys         # EINVAL
    mov $287, %eax; mov tn(%rip), %edi; mov $16, %esi; call sys                # EFAULT
    # an absolute time long past: expired at once
    xor %esi, %esi; mov $1, %edx; call set
    mov $286, %eax; mov tn(%rip), %edi; mov $1, %esi; lea its(%rip), %rdx; xor %r10d, %r10d; call sys   # 0
    mov $0, %eax; mov tn(%rip), %edi; lea buf(%rip), %rsi; mov $8, %edx; call sys   # 8
    mov buf(%rip), %rax; call show                                                  # 1
    mov $0, %eax; mov tn(%rip), %edi; lea buf(%rip), %rsi; mov $8, %edx; call sys   # EAGAIN
    mov $283, %eax; xor %edi, %edi; mov $0x800, %esi; syscall; mov %eax, trt(%rip); call show  # CLOCK_REALTIME
    xor %esi, %esi; mov $1, %edx; call set
    mov $286, %eax; mov trt(%rip), %edi; mov $1, %esi; lea its(%rip), %rdx; xor %r10d, %r10d; call sys  # 0
    mov $0, %eax; mov trt(%rip), %edi; lea buf(%rip), %rsi; mov $8, %edx; call sys  # 8
    mov buf(%rip), %rax; call show                                                  # 1
    # a relative one-shot of 30 ms: a blocking read waits for it
    xor %esi, %esi; mov $30000000, %edx; call set
    mov $286, %eax; mov tb(%rip), %edi; xor %esi, %esi; lea its(%rip), %rdx; xor %r10d, %r10d; call sys # 0
    mov $0, %eax; mov tb(%rip), %edi; lea buf(%rip), %rsi; mov $8, %edx; call sys   # 8 (after 30 ms)
    mov buf(%rip), %rax; call show                                                  # 1
    mov $287, %eax; mov tb(%rip), %edi; lea its(%rip), %rsi; call sys          # spent: 0
    call itshow                                                                # 0 0 0
    # an interval timer: old_value, gettime, disarm
    mov $200000000, %esi; mov $500000000, %edx; call set
    mov $286, %eax; mov tn(%rip), %edi; xor %esi, %esi; lea its(%rip), %rdx; lea its(%rip), %r10; call sys  # 0
    call itshow                                                                # old: 0 0 0
    mov $287, %eax; mov tn(%rip), %edi; lea its(%rip), %rsi; call sys          # 0
    call itshow                                                                # 0 200000000 1
    xor %esi, %esi; xor %edx, %edx; call set
    mov $286, %eax; mov tn(%rip), %edi; xor %esi, %esi; lea its(%rip), %rdx; lea its(%rip), %r10; call sys  # disarm: 0
    call itshow                                                                # old: 0 200000000 1
    mov $287, %eax; mov tn(%rip), %edi; lea its(%rip), %rsi; call sys          # 0
    call itshow                                                                # 0 0 0
    # epoll_wait until the first expiry of a 200 ms interval timer
    mov $291, %eax; xor %edi, %edi; syscall; mov %eax, ep(%rip); call show
    movl $0x80000001, ev(%rip); movq $5, ev+4(%rip)
    mov $233, %eax; mov ep(%rip), %edi; mov $1, %esi; mov tb(%rip), %edx; lea ev(%rip), %r10; call sys  # 0
    mov $232, %eax; mov ep(%rip), %edi; lea out(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; call sys  # 0
    mov $200000000, %esi; mov $200000000, %edx; call set
    mov $286, %eax; mov tb(%rip), %edi; xor %esi, %esi; lea its(%rip), %rdx; xor %r10d, %r10d; call sys # 0
    mov $232, %eax; mov ep(%rip), %edi; lea out(%rip), %rsi; mov $4, %edx; mov $-1, %r10d; call sys   # 1
    mov out(%rip), %eax; call show                                             # EPOLLIN
    mov out+4(%rip), %rax; call show                                           # 5
    mov $232, %eax; mov ep(%rip), %edi; lea out(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; call sys  # edge: 0
    mov $0, %eax; mov tb(%rip), %edi; lea buf(%rip), %rsi; mov $8, %edx; syscall
    mov buf(%rip), %rax; call show                                             # 1
    mov $60, %eax; xor %edi, %edi; syscall
    .bss
tn: .skip 4
tb: .skip 4
trt: .skip 4
efd: .skip 4
ep: .skip 4
its: .skip 32
ev: .skip 16
buf: .skip 8
out: .skip 64
