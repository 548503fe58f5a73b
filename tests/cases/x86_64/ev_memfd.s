# memfd_create: flag and name checks (unknown flags, MFD_EXEC with MFD_NOEXEC_SEAL, a bad
# pointer, a name of 250 bytes), then a file with no name in any directory: write, ftruncate,
# lseek/read, fstat (size, st_nlink 0, mode 0777), /proc/self/fd's "/memfd:NAME (deleted)", and
# a MAP_SHARED mapping that sees what was written through the fd.
    .globl _start
    .text
sys:
    syscall; jmp show
_start:
    mov $319, %eax; lea name(%rip), %rdi; mov $0x20, %esi; call sys            # EINVAL
    mov $319, %eax; lea name(%rip), %rdi; mov $0x18, %esi; call sys            # EINVAL
    mov $319, %eax; mov $16, %edi; xor %esi, %esi; call sys                    # EFAULT
    lea long(%rip), %rdi; mov $0x61, %al; mov $250, %ecx; rep stosb           # 250 x 'a'
    mov $319, %eax; lea long(%rip), %rdi; xor %esi, %esi; call sys             # EINVAL
    movb $0, long+249(%rip)
    mov $319, %eax; lea long(%rip), %rdi; xor %esi, %esi; call sys             # 249: 3
    mov $319, %eax; lea name(%rip), %rdi; mov $3, %esi; syscall; mov %eax, mfd(%rip); call show  # 4
    mov $1, %eax; mov mfd(%rip), %edi; lea abc(%rip), %rsi; mov $6, %edx; call sys   # 6
    mov $77, %eax; mov mfd(%rip), %edi; mov $8192, %esi; call sys             # ftruncate 8192: 0
    mov $5, %eax; mov mfd(%rip), %edi; lea st(%rip), %rsi; call sys           # fstat: 0
    mov st+48(%rip), %rax; call show                                           # 8192
    mov st+16(%rip), %rax; call show                                           # nlink 0
    mov st+24(%rip), %eax; call show                                           # mode 0100777 = 33279
    mov $8, %eax; mov mfd(%rip), %edi; mov $1, %esi; xor %edx, %edx; call sys  # lseek 1
    mov $0, %eax; mov mfd(%rip), %edi; lea buf(%rip), %rsi; mov $4, %edx; call sys   # 4: "bcde"
    mov $9, %eax; xor %edi, %edi; mov $8192, %esi; mov $3, %edx; mov $1, %r10d; mov mfd(%rip), %r8d; xor %r9d, %r9d; syscall
    mov %rax, %rbx
    movzbl 2(%rbx), %eax; call show                                            # 'c' = 99
    mov $17, %eax; mov mfd(%rip), %edi; lea buf(%rip), %rsi; mov $1, %edx; mov $4096, %r10d; call sys  # pread in the hole: 1
    movzbl buf(%rip), %eax; call show                                          # 0
    mov $267, %eax; mov $-100, %edi; lea link(%rip), %rsi; lea buf(%rip), %rdx; mov $64, %r10d; syscall
    mov %rax, %rdx; push %rdx; mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; syscall
    pop %rax; call show
    mov $60, %eax; xor %edi, %edi; syscall
    .section .rodata
name: .asciz "hello"
abc: .ascii "abcdef"
link: .asciz "/proc/self/fd/4"
    .bss
mfd: .skip 4
long: .skip 256
st: .skip 144
buf: .skip 64
