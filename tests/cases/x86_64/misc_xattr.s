# Extended attributes on a file in the current directory (set/get/list/remove and their l*/f*
# forms, XATTR_CREATE/REPLACE, ERANGE for short buffers and bad names, EOPNOTSUPP for an unknown
# namespace, EPERM for user.* on a symlink, trusted.* as root), then utime, utimes and
# futimesat (whole seconds, microseconds, the fd form, EINVAL for tv_usec out of range).
    .globl _start
    .text
sc:
    syscall
    jmp show
# stat "f" and print st_atime, st_atime_nsec/1000, st_mtime, st_mtime_nsec/1000
times:
    mov $4, %eax; lea fname(%rip), %rdi; lea st(%rip), %rsi; syscall
    mov st+72(%rip), %rax; call show
    mov st+80(%rip), %rax; xor %edx, %edx; mov $1000, %ecx; div %rcx; call show
    mov st+88(%rip), %rax; call show
    mov st+96(%rip), %rax; xor %edx, %edx; mov $1000, %ecx; div %rcx; call show
    ret
_start:
    mov $2, %eax; lea fname(%rip), %rdi; mov $0x42, %esi; mov $0644, %edx; call sc          # 3
    mov $188, %eax; lea fname(%rip), %rdi; lea ua(%rip), %rsi; lea hello(%rip), %rdx; mov $5, %r10d; xor %r8d, %r8d; call sc  # 0
    mov $191, %eax; lea fname(%rip), %rdi; lea ua(%rip), %rsi; lea buf(%rip), %rdx; xor %r10d, %r10d; call sc   # 5
    mov $191, %eax; lea fname(%rip), %rdi; lea ua(%rip), %rsi; lea buf(%rip), %rdx; mov $2, %r10d; call sc      # ERANGE
    mov $191, %eax; lea fname(%rip), %rdi; lea ua(%rip), %rsi; lea buf(%rip), %rdx; mov $64, %r10d; call sc     # 5
    mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; mov $5, %edx; syscall
    mov $1, %eax; mov $1, %edi; lea nl(%rip), %rsi; mov $1, %edx; syscall
    mov $188, %eax; lea fname(%rip), %rdi; lea ua(%rip), %rsi; lea x(%rip), %rdx; mov $1, %r10d; mov $1, %r8d; call sc    # EEXIST
    mov $188, %eax; lea fname(%rip), %rdi; lea ub(%rip), %rsi; lea x(%rip), %rdx; mov $1, %r10d; mov $2, %r8d; call sc    # ENODATA
    mov $190, %eax; mov $3, %edi; lea ub(%rip), %rsi; lea hello(%rip), %rdx; mov $2, %r10d; xor %r8d, %r8d; call sc       # fsetxattr: 0
    mov $194, %eax; lea fname(%rip), %rdi; xor %esi, %esi; xor %edx, %edx; call sc                                      # 14
    mov $194, %eax; lea fname(%rip), %rdi; lea buf(%rip), %rsi; mov $64, %edx; call sc                                  # 14
    mov $194, %eax; lea fname(%rip), %rdi; lea buf(%rip), %rsi; mov $3, %edx; call sc                                   # ERANGE
    mov $196, %eax; mov $3, %edi; lea buf(%rip), %rsi; mov $64, %edx; call sc                                           # flistxattr: 14
    mov $191, %eax; lea fname(%rip), %rdi; lea uzz(%rip), %rsi; lea buf(%rip), %rdx; mov $64, %r10d; call sc    # ENODATA
    mov $191, %eax; lea fname(%rip), %rdi; lea empty(%rip), %rsi; lea buf(%rip), %rdx; mov $64, %r10d; call sc  # ERANGE
    mov $191, %eax; lea fname(%rip), %rdi; lea bogus(%rip), %rsi; lea buf(%rip), %rdx; mov $64, %r10d; call sc  # EOPNOTSUPP
    mov $188, %eax; lea fname(%rip), %rdi; lea user(%rip), %rsi; lea x(%rip), %rdx; mov $1, %r10d; xor %r8d, %r8d; call sc  # EINVAL
    mov $188, %eax; lea fname(%rip), %rdi; lea ua(%rip), %rsi; lea x(%rip), %rdx; mov $1, %r10d; mov $4, %r8d; call sc      # EINVAL flags
    mov $188, %eax; lea fname(%rip), %rdi; lea ua(%rip), %rsi; lea x(%rip), %rdx; mov $70000, %r10d; xor %r8d, %r8d; call sc  # E2BIG
    mov $188, %eax; lea fname(%rip), %rdi; lea sysfoo(%rip), %rsi; lea x(%rip), %rdx; mov $1, %r10d; xor %r8d, %r8d; call sc  # EOPNOTSUPP
    mov $191, %eax; lea nosuch(%rip), %rdi; lea ua(%rip), %rsi; lea buf(%rip), %rdx; mov $64, %r10d; call sc    # ENOENT
    mov $193, %eax; mov $99, %edi; lea ua(%rip), %rsi; lea buf(%rip), %rdx; mov $64, %r10d; call sc             # EBADF
    mov $188, %eax; lea fname(%rip), %rdi; lea tt(%rip), %rsi; lea x(%rip), %rdx; mov $1, %r10d; xor %r8d, %r8d; call sc    # trusted as root: 0
    mov $191, %eax; lea fname(%rip), %rdi; lea tt(%rip), %rsi; lea buf(%rip), %rdx; mov $64, %r10d; call sc     # 1
    mov $197, %eax; lea fname(%rip), %rdi; lea tt(%rip), %rsi; call sc                                          # 0
    mov $197, %eax; lea fname(%rip), %rdi; lea ua(%rip), %rsi; call sc                                          # removexattr: 0
    mov $197, %eax; lea fname(%rip), %rdi; lea ua(%rip), %rsi; call sc                                          # ENODATA
    mov $199, %eax; mov $3, %edi; lea ub(%rip), %rsi; call sc                                                   # fremovexattr: 0
    mov $194, %eax; lea fname(%rip), %rdi; lea buf(%rip), %rsi; mov $64, %edx; call sc                          # 0
    mov $88, %eax; lea fname(%rip), %rdi; lea lname(%rip), %rsi; call sc                                        # symlink: 0
    mov $189, %eax; lea lname(%rip), %rdi; lea ua(%rip), %rsi; lea x(%rip), %rdx; mov $1, %r10d; xor %r8d, %r8d; call sc   # EPERM
    mov $192, %eax; lea lname(%rip), %rdi; lea ua(%rip), %rsi; lea buf(%rip), %rdx; mov $64, %r10d; call sc    # ENODATA
    mov $195, %eax; lea lname(%rip), %rdi; lea buf(%rip), %rsi; mov $64, %edx; call sc                         # 0
    # utime, utimes, futimesat
    movq $1000, tv(%rip); movq $2000, tv+8(%rip)
    mov $132, %eax; lea fname(%rip), %rdi; lea tv(%rip), %rsi; call sc                                          # 0
    call times                                                                                                  # 1000 0 2000 0
    movq $3000, tv(%rip); movq $5, tv+8(%rip); movq $4000, tv+16(%rip); movq $6, tv+24(%rip)
    mov $235, %eax; lea fname(%rip), %rdi; lea tv(%rip), %rsi; call sc                                          # 0
    call times                                                                                                  # 3000 5 4000 6
    movq $1000000, tv+8(%rip)
    mov $235, %eax; lea fname(%rip), %rdi; lea tv(%rip), %rsi; call sc                                          # EINVAL
    movq $-1, tv+8(%rip)
    mov $235, %eax; lea fname(%rip), %rdi; lea tv(%rip), %rsi; call sc                                          # EINVAL
    movq $7, tv+8(%rip)
    mov $261, %eax; mov $3, %edi; xor %esi, %esi; lea tv(%rip), %rdx; call sc                                   # futimesat(fd, NULL): 0
    call times                                                                                                  # 3000 7 4000 6
    movq $8, tv+8(%rip)
    mov $261, %eax; mov $-100, %edi; lea fname(%rip), %rsi; lea tv(%rip), %rdx; call sc                         # 0
    call times                                                                                                  # 3000 8 4000 6
    mov $261, %eax; mov $-100, %edi; xor %esi, %esi; lea tv(%rip), %rdx; call sc                                # EFAULT
    mov $261, %eax; mov $99, %edi; xor %esi, %esi; lea tv(%rip), %rdx; call sc                                  # EBADF
    mov $132, %eax; lea nosuch(%rip), %rdi; xor %esi, %esi; call sc                                             # ENOENT
    mov $235, %eax; lea fname(%rip), %rdi; mov $8, %esi; call sc                                                # EFAULT
    mov $132, %eax; lea fname(%rip), %rdi; xor %esi, %esi; call sc                                              # now: 0
    mov $87, %eax; lea lname(%rip), %rdi; syscall
    mov $87, %eax; lea fname(%rip), %rdi; syscall
    mov $60, %eax; xor %edi, %edi; syscall
    .data
fname: .asciz "f"
lname: .asciz "l"
nosuch: .asciz "nosuch"
ua: .asciz "user.a"
ub: .asciz "user.b"
uzz: .asciz "user.zz"
user: .asciz "user."
tt: .asciz "trusted.t"
bogus: .asciz "bogus.a"
sysfoo: .asciz "system.foo"
empty: .asciz ""
hello: .ascii "hello"
x: .ascii "x"
nl: .ascii "\n"
    .bss
    .balign 8
tv: .skip 32
st: .skip 144
buf: .skip 128
