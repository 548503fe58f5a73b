# epoll.s — one epoll watching an eventfd and a timerfd (x86-64, with libc for printf).
#
#   vasm build -o epoll examples/events/epoll.s
#   vrun epoll          # eventfd: counter was 42 / timerfd: 1 expiration(s) / … (four events)
#   vstrace epoll       # eventfd2(0, 0) = 3 … epoll_ctl(5, EPOLL_CTL_ADD, 3, {events=EPOLLIN, …
#
# The calls are made with `syscall` directly (x86-64 numbers, include/uapi/asm-generic and
# arch/x86/entry/syscalls/syscall_64.tbl); struct epoll_event is 12 bytes here (packed):
# u32 events at 0, u64 data at 4. See docs/events.md.
    .globl main
    .text
main:
    push %rbx; push %r12; push %r13; push %r14; push %r15
    mov $290, %eax; xor %edi, %edi; xor %esi, %esi; syscall; mov %eax, %r12d    # eventfd2(0, 0)
    mov $283, %eax; mov $1, %edi; xor %esi, %esi; syscall; mov %eax, %r13d      # timerfd_create(CLOCK_MONOTONIC, 0)
    mov $286, %eax; mov %r13d, %edi; xor %esi, %esi; lea every100ms(%rip), %rdx; xor %r10d, %r10d; syscall
    mov $291, %eax; mov $0x80000, %edi; syscall; mov %eax, %r14d                # epoll_create1(EPOLL_CLOEXEC)
    movl $1, ev(%rip); movq $1, ev+4(%rip)                                      # EPOLLIN, data 1: the eventfd
    mov $233, %eax; mov %r14d, %edi; mov $1, %esi; mov %r12d, %edx; lea ev(%rip), %r10; syscall
    movl $1, ev(%rip); movq $2, ev+4(%rip)                                      # EPOLLIN, data 2: the timer
    mov $233, %eax; mov %r14d, %edi; mov $1, %esi; mov %r13d, %edx; lea ev(%rip), %r10; syscall
    movq $42, val(%rip)
    mov $1, %eax; mov %r12d, %edi; lea val(%rip), %rsi; mov $8, %edx; syscall   # the eventfd's counter += 42
    mov $4, %r15d                                                               # four events, then stop
wait:
    mov $232, %eax; mov %r14d, %edi; lea out(%rip), %rsi; mov $1, %edx; mov $-1, %r10d; syscall
    cmpq $1, out+4(%rip)
    jne timer
    xor %eax, %eax; mov %r12d, %edi; lea val(%rip), %rsi; mov $8, %edx; syscall # read: takes the count
    lea fmt_efd(%rip), %rdi; mov val(%rip), %rsi; xor %eax, %eax; call printf
    jmp next
timer:
    xor %eax, %eax; mov %r13d, %edi; lea val(%rip), %rsi; mov $8, %edx; syscall # read: expirations so far
    lea fmt_tfd(%rip), %rdi; mov val(%rip), %rsi; xor %eax, %eax; call printf
next:
    dec %r15d
    jnz wait
    xor %eax, %eax
    pop %r15; pop %r14; pop %r13; pop %r12; pop %rbx
    ret
    .section .rodata
every100ms: .quad 0, 100000000, 0, 100000000    # struct itimerspec {it_interval, it_value}
fmt_efd: .asciz "eventfd: counter was %ld\n"
fmt_tfd: .asciz "timerfd: %ld expiration(s)\n"
    .bss
ev: .skip 12
val: .skip 8
out: .skip 12
