# epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait, epoll_pwait2: every error in
# the order Linux checks — the event is copied before the fds are looked up (EFAULT before
# EBADF), a file without poll (a directory) is EPERM before a bad op or a non-epoll epfd is
# EINVAL, EEXIST / ENOENT last; EPOLLEXCLUSIVE's rules; ELOOP for a cycle of epolls; maxevents
# and the events buffer's range, and EFAULT only when an event has to be stored.
    .globl _start
    .text
sys:
    syscall; jmp show
_start:
    mov $213, %eax; xor %edi, %edi; call sys                                  # epoll_create(0): EINVAL
    mov $213, %eax; mov $-1, %edi; call sys                                   # EINVAL
    mov $291, %eax; mov $1, %edi; call sys                                    # epoll_create1(1): EINVAL
    mov $213, %eax; mov $1, %edi; syscall; mov %rax, %rbx; call show          # 3
    mov $291, %eax; mov $0x80000, %edi; syscall; mov %rax, %r12; call show    # 4 (EPOLL_CLOEXEC)
    mov $290, %eax; mov $1, %edi; xor %esi, %esi; syscall; mov %rax, %r13; call show   # eventfd 5
    mov $257, %eax; mov $-100, %edi; lea dot(%rip), %rsi; mov $0x10000, %edx; syscall; mov %rax, %r14; call show  # "." 6
    movl $1, ev(%rip); movq $42, ev+4(%rip)
    # EFAULT before EBADF; DEL reads no event
    mov $233, %eax; mov %rbx, %rdi; mov $1, %esi; mov $99, %edx; mov $16, %r10d; call sys    # EFAULT
    mov $233, %eax; mov %rbx, %rdi; mov $2, %esi; mov $99, %edx; mov $16, %r10d; call sys    # EBADF
    mov $233, %eax; mov $99, %edi; mov $1, %esi; mov %r13, %rdx; lea ev(%rip), %r10; call sys # EBADF
    # EPERM (directory) comes before a bad op and before a non-epoll epfd
    mov $233, %eax; mov %rbx, %rdi; mov $1, %esi; mov %r14, %rdx; lea ev(%rip), %r10; call sys # EPERM
    mov $233, %eax; mov %rbx, %rdi; mov $7, %esi; mov %r14, %rdx; lea ev(%rip), %r10; call sys # EPERM
    mov $233, %eax; mov %r13, %rdi; mov $1, %esi; mov %r14, %rdx; lea ev(%rip), %r10; call sys # EPERM
    mov $233, %eax; mov %r13, %rdi; mov $1, %esi; mov %rbx, %rdx; lea ev(%rip), %r10; call sys # EINVAL (not epoll)
    mov $233, %eax; mov %rbx, %rdi; mov $1, %esi; mov %rbx, %rdx; lea ev(%rip), %r10; call sys # EINVAL (itself)
    mov $233, %eax; mov %rbx, %rdi; mov $7, %esi; mov %r13, %rdx; lea ev(%rip), %r10; call sys # EINVAL (op 7)
    mov $233, %eax; mov %rbx, %rdi; mov $3, %esi; mov %r13, %rdx; lea ev(%rip), %r10; call sys # MOD: ENOENT
    mov $233, %eax; mov %rbx, %rdi; mov $2, %esi; mov %r13, %rdx; xor %r10d, %r10d; call sys   # DEL: ENOENT
    mov $233, %eax; mov %rbx, %rdi; mov $1, %esi; mov %r13, %rdx; lea ev(%rip), %r10; call sys # ADD: 0
    mov $233, %eax; mov %rbx, %rdi; mov $1, %esi; mov %r13, %rdx; lea ev(%rip), %r10; call sys # EEXIST
    # EPOLLEXCLUSIVE: not with MOD, not with EPOLLONESHOT, not on an epoll
    movl $0x10000001, ev(%rip)
    mov $233, %eax; mov %rbx, %rdi; mov $3, %esi; mov %r13, %rdx; lea ev(%rip), %r10; call sys # EINVAL
    movl $0x50000001, ev(%rip)
    mov $233, %eax; mov %r12, %rdi; mov $1, %esi; mov %r13, %rdx; lea ev(%rip), %r10; call sys # EINVAL
    movl $0x10000001, ev(%rip)
    mov $233, %eax; mov %r12, %rdi; mov $1, %esi; mov %rbx, %rdx; lea ev(%rip), %r10; call sys # EINVAL
    mov $233, %eax; mov %r12, %rdi; mov $1, %esi; mov %r13, %rdx; lea ev(%rip), %r10; call sys # 0
    mov $233, %eax; mov %r12, %rdi; mov $3, %esi; mov %r13, %rdx; lea ev(%rip), %r10; call sys # MOD exclusive: EINVAL
    # a cycle of epolls
    movl $1, ev(%rip)
    mov $233, %eax; mov %rbx, %rdi; mov $1, %esi; mov %r12, %rdx; lea ev(%rip), %r10; call sys # 4 in 3: 0
    mov $233, %eax; mov %r12, %rdi; mov $1, %esi; mov %rbx, %rdx; lea ev(%rip), %r10; call sys # 3 in 4: ELOOP
    # epoll_wait
    mov $232, %eax; mov %rbx, %rdi; lea out(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; call sys      # maxevents 0: EINVAL
    mov $232, %eax; mov %rbx, %rdi; lea out(%rip), %rsi; mov $178956971, %edx; xor %r10d, %r10d; call sys # > EP_MAX_EVENTS: EINVAL
    mov $232, %eax; mov %rbx, %rdi; mov $0x7ffffffff000, %rsi; mov $1, %edx; xor %r10d, %r10d; call sys  # past TASK_SIZE: EFAULT
    mov $232, %eax; mov $99, %edi; lea out(%rip), %rsi; mov $1, %edx; xor %r10d, %r10d; call sys         # EBADF
    mov $232, %eax; mov %r13, %rdi; lea out(%rip), %rsi; mov $1, %edx; xor %r10d, %r10d; call sys        # not epoll: EINVAL
    mov $291, %eax; xor %edi, %edi; syscall; mov %rax, %r15; call show                                    # empty epoll 7
    mov $232, %eax; mov %r15, %rdi; mov $16, %esi; mov $4, %edx; xor %r10d, %r10d; call sys               # nothing ready: 0
    mov $232, %eax; mov %rbx, %rdi; mov $16, %esi; mov $4, %edx; xor %r10d, %r10d; call sys               # ready, bad buffer: EFAULT
    mov $232, %eax; mov %rbx, %rdi; lea out(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; call sys        # 2
    # epoll_pwait's sigset size, epoll_pwait2's timeout
    mov $281, %eax; mov %rbx, %rdi; lea out(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; lea set(%rip), %r8; mov $4, %r9d; call sys # EINVAL
    mov $281, %eax; mov %rbx, %rdi; lea out(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; mov $16, %r8d; mov $8, %r9d; call sys      # EFAULT
    mov $281, %eax; mov %rbx, %rdi; lea out(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; xor %r8d, %r8d; mov $4, %r9d; call sys    # NULL mask: 2
    movq $0, ts(%rip); movq $1000000000, ts+8(%rip)
    mov $441, %eax; mov %rbx, %rdi; lea out(%rip), %rsi; mov $4, %edx; lea ts(%rip), %r10; xor %r8d, %r8d; mov $8, %r9d; call sys   # EINVAL
    mov $441, %eax; mov %rbx, %rdi; lea out(%rip), %rsi; mov $4, %edx; mov $16, %r10d; xor %r8d, %r8d; mov $8, %r9d; call sys       # EFAULT
    movq $0, ts+8(%rip)
    mov $441, %eax; mov %r15, %rdi; lea out(%rip), %rsi; mov $4, %edx; lea ts(%rip), %r10; lea set(%rip), %r8; mov $8, %r9d; call sys # 0
    mov $60, %eax; xor %edi, %edi; syscall
    .section .rodata
dot: .asciz "."
    .data
set: .quad 0x200
    .bss
ev: .skip 16
ts: .skip 16
out: .skip 64
