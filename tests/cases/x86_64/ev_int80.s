# The event files through int $0x80 (the i386 table): epoll_create 254, epoll_ctl 255 with the
# 12-byte packed struct epoll_event, epoll_wait 256, epoll_pwait 319, epoll_create1 329,
# eventfd 323, eventfd2 328, timerfd_create 322, timerfd_settime 325 / timerfd_gettime 326
# with the 32-bit itimerspec, timerfd_settime64 411 / timerfd_gettime64 410 with the 64-bit
# one, signalfd4 327, memfd_create 356.
    .globl _start
    .text
_start:
    mov $254, %eax; mov $1, %ebx; int $0x80; mov %eax, %r12d; call show                          # epoll_create: 3
    mov $328, %eax; mov $5, %ebx; xor %ecx, %ecx; int $0x80; mov %eax, %r13d; call show           # eventfd2: 4
    movl $1, ev(%rip); movl $0x55667788, ev+4(%rip); movl $0x11223344, ev+8(%rip)
    mov $255, %eax; mov %r12d, %ebx; mov $1, %ecx; mov %r13d, %edx; lea ev(%rip), %esi; int $0x80; call show  # 0
    mov $256, %eax; mov %r12d, %ebx; lea out(%rip), %ecx; mov $4, %edx; xor %esi, %esi; int $0x80; call show # 1
    mov out(%rip), %eax; call show                                                                # EPOLLIN (what was asked for) = 1
    mov out+4(%rip), %eax; call show                                                              # 0x55667788
    mov out+8(%rip), %eax; call show                                                              # 0x11223344
    mov $319, %eax; mov %r12d, %ebx; lea out(%rip), %ecx; mov $4, %edx; xor %esi, %esi; xor %edi, %edi; mov $8, %ebp; int $0x80; call show  # 1
    mov $329, %eax; mov $0x80000, %ebx; int $0x80; call show                                      # epoll_create1: 5
    mov $323, %eax; xor %ebx, %ebx; int $0x80; call show                                          # eventfd: 6
    # timerfd with the 32-bit itimerspec {interval {0, 7000}, value {3, 0}}
    mov $322, %eax; mov $1, %ebx; mov $0x800, %ecx; int $0x80; mov %eax, %r14d; call show        # 7
    movl $0, its(%rip); movl $7000, its+4(%rip); movl $3, its+8(%rip); movl $0, its+12(%rip)
    mov $325, %eax; mov %r14d, %ebx; xor %ecx, %ecx; lea its(%rip), %edx; lea old(%rip), %esi; int $0x80; call show   # 0
    mov $326, %eax; mov %r14d, %ebx; lea cur(%rip), %ecx; int $0x80; call show                    # 0
    mov cur+4(%rip), %eax; call show                                                              # 7000
    mov cur+8(%rip), %eax; call show                                                              # 2 (s left)
    movl $1000000000, its+4(%rip)
    mov $325, %eax; mov %r14d, %ebx; xor %ecx, %ecx; lea its(%rip), %edx; xor %esi, %esi; int $0x80; call show       # EINVAL
    # the 64-bit forms: {interval {0, 9000}, value {0, 0}} disarms; old_value shows the 7000
    movq $0, its64(%rip); movq $9000, its64+8(%rip); movq $0, its64+16(%rip); movq $0, its64+24(%rip)
    mov $411, %eax; mov %r14d, %ebx; xor %ecx, %ecx; lea its64(%rip), %edx; lea old64(%rip), %esi; int $0x80; call show  # 0
    mov old64+8(%rip), %rax; call show                                                            # 7000
    mov $410, %eax; mov %r14d, %ebx; lea old64(%rip), %ecx; int $0x80; call show                  # 0
    mov old64+8(%rip), %rax; call show                                                            # 9000
    mov old64+16(%rip), %rax; call show                                                           # 0
    mov $3, %eax; mov %r14d, %ebx; lea buf(%rip), %ecx; mov $8, %edx; int $0x80; call show       # read: EAGAIN
    # signalfd4 and memfd_create
    mov $327, %eax; mov $-1, %ebx; lea set(%rip), %ecx; mov $8, %edx; mov $0x800, %esi; int $0x80; call show  # 8
    mov $327, %eax; mov $-1, %ebx; lea set(%rip), %ecx; mov $4, %edx; xor %esi, %esi; int $0x80; call show    # EINVAL
    mov $356, %eax; lea name(%rip), %ebx; mov $1, %ecx; int $0x80; call show                     # 9
    mov $60, %eax; xor %edi, %edi; syscall
    .data
set: .quad 0x200
name: .asciz "int80"
    .bss
ev: .skip 12
out: .skip 48
its: .skip 16
old: .skip 16
cur: .skip 16
its64: .skip 32
old64: .skip 32
buf: .skip 8
