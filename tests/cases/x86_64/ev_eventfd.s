# eventfd and eventfd2: the counter through write/read, EFD_SEMAPHORE, EFD_NONBLOCK's EAGAIN on
# an empty counter and on overflow, EINVAL for short buffers, the value 2^64-1 and unknown
# flags, EFAULT after the value was taken, fstat of the anonymous inode, lseek (0) and pread
# (ESPIPE), and the file's /proc/self/fd link.
    .globl _start
    .text
sys:
    syscall; jmp show
_start:
    mov $290, %eax; xor %edi, %edi; mov $0x10, %esi; call sys                 # eventfd2 bad flag: EINVAL
    mov $284, %eax; mov $5, %edi; syscall; mov %rax, %rbx; call show          # eventfd(5) = 3
    movq $7, val(%rip)
    mov $1, %eax; mov %rbx, %rdi; lea val(%rip), %rsi; mov $8, %edx; call sys  # write 7: 8
    mov $0, %eax; mov %rbx, %rdi; lea val(%rip), %rsi; mov $16, %edx; call sys # read: 8
    mov val(%rip), %rax; call show                                            # 12
    mov $0, %eax; mov %rbx, %rdi; lea val(%rip), %rsi; mov $7, %edx; call sys  # short: EINVAL
    mov $1, %eax; mov %rbx, %rdi; lea val(%rip), %rsi; mov $4, %edx; call sys  # short: EINVAL
    movq $-1, val(%rip)
    mov $1, %eax; mov %rbx, %rdi; lea val(%rip), %rsi; mov $8, %edx; call sys  # 2^64-1: EINVAL
    # semaphore, non-blocking, close-on-exec
    mov $290, %eax; mov $3, %edi; mov $0x80801, %esi; syscall; mov %rax, %r12; call show   # 4
    mov $0, %eax; mov %r12, %rdi; lea val(%rip), %rsi; mov $8, %edx; call sys  # 8
    mov val(%rip), %rax; call show                                            # 1
    mov $0, %eax; mov %r12, %rdi; lea val(%rip), %rsi; mov $8, %edx; call sys  # 8 (2 left → 1)
    mov $0, %eax; mov %r12, %rdi; lea val(%rip), %rsi; mov $8, %edx; call sys  # 8 (→ 0)
    mov $0, %eax; mov %r12, %rdi; lea val(%rip), %rsi; mov $8, %edx; call sys  # EAGAIN
    # overflow: the counter may reach 2^64-2, no further
    movq $-2, val(%rip)
    mov $1, %eax; mov %r12, %rdi; lea val(%rip), %rsi; mov $8, %edx; call sys  # 8
    movq $1, val(%rip)
    mov $1, %eax; mov %r12, %rdi; lea val(%rip), %rsi; mov $8, %edx; call sys  # EAGAIN
    movq $0, val(%rip)
    mov $1, %eax; mov %r12, %rdi; lea val(%rip), %rsi; mov $8, %edx; call sys  # adding 0: 8
    # a non-semaphore read into a bad buffer: EFAULT, and the value is gone
    mov $290, %eax; mov $9, %edi; mov $0x800, %esi; syscall; mov %rax, %r13; call show      # 5
    mov $0, %eax; mov %r13, %rdi; mov $16, %esi; mov $8, %edx; call sys        # EFAULT
    mov $0, %eax; mov %r13, %rdi; lea val(%rip), %rsi; mov $8, %edx; call sys  # EAGAIN
    # fstat: the anonymous inode's mode 0600 (no file type) and one link
    mov $5, %eax; mov %rbx, %rdi; lea st(%rip), %rsi; call sys                 # 0
    mov st+24(%rip), %eax; call show                                           # 384
    mov st+16(%rip), %rax; call show                                           # 1
    # lseek succeeds and stays at 0 (noop_llseek); pread is ESPIPE
    mov $8, %eax; mov %rbx, %rdi; mov $5, %esi; xor %edx, %edx; call sys     # 0
    mov $8, %eax; mov %rbx, %rdi; xor %esi, %esi; mov $9, %edx; call sys     # bad whence: EINVAL
    mov $17, %eax; mov %rbx, %rdi; lea val(%rip), %rsi; mov $8, %edx; xor %r10d, %r10d; call sys   # ESPIPE
    # what /proc/self/fd/3 links to
    mov $267, %eax; mov $-100, %edi; lea link(%rip), %rsi; lea buf(%rip), %rdx; mov $64, %r10d; syscall
    mov %rax, %rdx; push %rdx; mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; syscall
    pop %rax; call show
    mov $60, %eax; xor %edi, %edi; syscall
    .section .rodata
link: .asciz "/proc/self/fd/3"
    .bss
val: .skip 8
buf: .skip 64
st: .skip 144
