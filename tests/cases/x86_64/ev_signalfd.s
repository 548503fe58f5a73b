# signalfd and signalfd4: the checks (sizemask, EFAULT, flags, a bad fd, a fd that is not a
# signalfd); EAGAIN and a short buffer's EINVAL; epoll on a signalfd, and a new mask through the
# same fd (its ready item then reports nothing). A child (untraced: the records carry pids)
# reads its own blocked signals as 128-byte signalfd_siginfo records — two in one read, lowest
# number first; a thread-directed one before a process-wide one — and then sleeps in a read
# until the parent's kill wakes it.
    .globl _start
    .text
sys:
    syscall; jmp show
info:                                           # print signo, code, and whether pid == %r15, of the record at %rbx
    mov (%rbx), %eax; call show
    movslq 8(%rbx), %rax; call show
    mov 12(%rbx), %eax; cmp %r15, %rax; sete %al; movzbl %al, %eax; jmp show
_start:
    mov $39, %eax; syscall; mov %rax, %r15                                    # getpid
    mov $14, %eax; xor %edi, %edi; lea set12c(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; call sys   # block USR1 USR2 CHLD
    mov $289, %eax; mov $-1, %edi; lea set12(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; call sys   # sizemask: EINVAL
    mov $289, %eax; mov $-1, %edi; mov $16, %esi; mov $8, %edx; xor %r10d, %r10d; call sys           # EFAULT
    mov $289, %eax; mov $-1, %edi; lea set12(%rip), %rsi; mov $8, %edx; mov $1, %r10d; call sys      # flags: EINVAL
    mov $289, %eax; mov $-2, %edi; lea set12(%rip), %rsi; mov $8, %edx; xor %r10d, %r10d; call sys   # EBADF
    mov $290, %eax; xor %edi, %edi; xor %esi, %esi; syscall; mov %eax, efd(%rip); call show         # eventfd
    mov $289, %eax; mov efd(%rip), %edi; lea set12(%rip), %rsi; mov $8, %edx; xor %r10d, %r10d; call sys  # not a signalfd: EINVAL
    mov $289, %eax; mov $-1, %edi; lea set12(%rip), %rsi; mov $8, %edx; mov $0x800, %r10d; syscall; mov %eax, sfd(%rip); call show
    mov $282, %eax; mov $-1, %edi; lea set12(%rip), %rsi; mov $8, %edx; syscall; mov %eax, sfdb(%rip); call show  # signalfd: blocking
    mov $0, %eax; mov sfd(%rip), %edi; lea buf(%rip), %rsi; mov $128, %edx; call sys     # EAGAIN
    mov $0, %eax; mov sfd(%rip), %edi; lea buf(%rip), %rsi; mov $127, %edx; call sys     # EINVAL
    # epoll on the signalfd
    mov $291, %eax; xor %edi, %edi; syscall; mov %eax, ep(%rip); call show
    movl $1, ev(%rip); movq $9, ev+4(%rip)
    mov $233, %eax; mov ep(%rip), %edi; mov $1, %esi; mov sfd(%rip), %edx; lea ev(%rip), %r10; call sys  # 0
    mov $232, %eax; mov ep(%rip), %edi; lea out(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; call sys   # 0
    mov $62, %eax; mov %r15, %rdi; mov $12, %esi; call sys                               # kill USR2
    mov $232, %eax; mov ep(%rip), %edi; lea out(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; call sys   # 1
    mov $127, %eax; lea pend(%rip), %rdi; mov $8, %esi; call sys                         # rt_sigpending: [USR2]
    mov $289, %eax; mov sfd(%rip), %edi; lea set1(%rip), %rsi; mov $8, %edx; xor %r10d, %r10d; call sys  # USR1 only: sfd
    mov $232, %eax; mov ep(%rip), %edi; lea out(%rip), %rsi; mov $4, %edx; xor %r10d, %r10d; call sys   # 0
    mov $0, %eax; mov sfd(%rip), %edi; lea buf(%rip), %rsi; mov $128, %edx; call sys     # EAGAIN
    mov $293, %eax; lea pfd(%rip), %rdi; xor %esi, %esi; call sys                        # pipe2: 0
    mov $57, %eax; syscall
    test %rax, %rax; jz child
    mov %rax, %r14
    mov $0, %eax; mov pfd(%rip), %edi; lea buf(%rip), %rsi; mov $1, %edx; syscall       # the child is about to sleep
    mov $62, %eax; mov %r14, %rdi; mov $10, %esi; syscall                                # kill(child, USR1)
    mov $247, %eax; xor %edi, %edi; xor %esi, %esi; xor %edx, %edx; mov $4, %r10d; xor %r8d, %r8d; call sys  # waitid: 0
    mov $60, %eax; xor %edi, %edi; syscall
child:
    mov $39, %eax; syscall; mov %rax, %r15
    mov $62, %eax; mov %r15, %rdi; mov $12, %esi; syscall                                # kill USR2
    mov $62, %eax; mov %r15, %rdi; mov $10, %esi; syscall                                # kill USR1
    mov $0, %eax; mov sfdb(%rip), %edi; lea buf(%rip), %rsi; mov $384, %edx; call sys    # 256
    lea buf(%rip), %rbx; call info                                                       # 10 0 1
    lea buf+128(%rip), %rbx; call info                                                   # 12 0 1
    mov $62, %eax; mov %r15, %rdi; mov $12, %esi; syscall                                # kill USR2
    mov $186, %eax; syscall; mov %rax, %rdi; mov $200, %eax; mov $10, %esi; syscall      # tkill(gettid, USR1)
    mov $0, %eax; mov sfdb(%rip), %edi; lea buf(%rip), %rsi; mov $128, %edx; call sys    # 128
    lea buf(%rip), %rbx; call info                                                       # 10 -6 1
    mov $0, %eax; mov sfdb(%rip), %edi; lea buf(%rip), %rsi; mov $128, %edx; call sys    # 128
    lea buf(%rip), %rbx; call info                                                       # 12 0 1
    mov $0, %eax; mov sfd(%rip), %edi; lea buf(%rip), %rsi; mov $128, %edx; call sys     # EAGAIN
    mov $110, %eax; syscall; mov %rax, %r15                                              # getppid
    mov $1, %eax; mov pfd+4(%rip), %edi; lea pfd(%rip), %rsi; mov $1, %edx; syscall
    mov $0, %eax; mov sfdb(%rip), %edi; lea buf(%rip), %rsi; mov $128, %edx; call sys    # sleeps; 128
    lea buf(%rip), %rbx; call info                                                       # 10 0 1 (from the parent)
    mov $60, %eax; xor %edi, %edi; syscall
    .data
set12c: .quad 0x10a00
set12: .quad 0xa00
set1: .quad 0x200
    .bss
efd: .skip 4
sfd: .skip 4
sfdb: .skip 4
ep: .skip 4
pfd: .skip 8
pend: .skip 8
ev: .skip 16
out: .skip 64
buf: .skip 384
