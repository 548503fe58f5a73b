# preadv/pwritev(2) and their *2 forms (offset -1, RWF_APPEND, unknown flags), copy_file_range,
# splice (file→pipe, pipe→file, offsets), tee, vmsplice both ways, fallocate (grow, KEEP_SIZE,
# PUNCH_HOLE, ZERO_RANGE), fadvise64, readahead, sync, syncfs: results, data and the errors
# in Linux's order, on files in the (empty) current directory and on pipes.
    .globl _start
    .text
# sc: syscall, then print the result
sc:
    syscall
    jmp show
# out: write(1, buf, rax) when rax > 0
out:
    test %rax, %rax
    jle 1f
    mov %rax, %rdx; mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; syscall
1:  ret
_start:
    mov $2, %eax; lea fname(%rip), %rdi; mov $0x242, %esi; mov $0644, %edx; call sc       # open f: 3
    mov $296, %eax; mov $3, %edi; lea iovw(%rip), %rsi; mov $2, %edx; xor %r10d, %r10d; xor %r8d, %r8d; call sc  # pwritev: 12
    mov $295, %eax; mov $3, %edi; lea iovr(%rip), %rsi; mov $2, %edx; xor %r10d, %r10d; xor %r8d, %r8d; syscall
    call out                                                                                 # hello world
    mov $295, %eax; mov $3, %edi; lea iovr(%rip), %rsi; mov $2, %edx; mov $-1, %r10; xor %r8d, %r8d; call sc      # EINVAL
    mov $295, %eax; mov $99, %edi; lea iovr(%rip), %rsi; mov $2, %edx; xor %r10d, %r10d; xor %r8d, %r8d; call sc  # EBADF
    # preadv2 at the file position (-1): 5 bytes, and the position moves
    mov $327, %eax; mov $3, %edi; lea iovr(%rip), %rsi; mov $1, %edx; mov $-1, %r10; xor %r8d, %r8d; xor %r9d, %r9d; call sc  # 5
    mov $8, %eax; mov $3, %edi; xor %esi, %esi; mov $1, %edx; call sc                        # lseek cur: 5
    mov $327, %eax; mov $3, %edi; lea iovr(%rip), %rsi; mov $1, %edx; xor %r10d, %r10d; xor %r8d, %r8d; mov $0x200, %r9d; call sc  # EOPNOTSUPP
    mov $327, %eax; mov $3, %edi; lea iovr(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; xor %r8d, %r8d; mov $0x200, %r9d; call sc  # 0: nothing to read
    mov $328, %eax; mov $3, %edi; lea iovx(%rip), %rsi; mov $1, %edx; xor %r10d, %r10d; xor %r8d, %r8d; mov $0x10, %r9d; call sc  # RWF_APPEND: 1
    mov $8, %eax; mov $3, %edi; xor %esi, %esi; mov $2, %edx; call sc                        # size: 13
    # pipes: p = 4,5 and q = 6,7
    mov $22, %eax; lea p(%rip), %rdi; call sc
    mov $22, %eax; lea q(%rip), %rdi; call sc
    mov $295, %eax; mov $4, %edi; lea iovr(%rip), %rsi; mov $1, %edx; xor %r10d, %r10d; xor %r8d, %r8d; call sc  # ESPIPE
    # copy_file_range into g
    mov $2, %eax; lea gname(%rip), %rdi; mov $0x242, %esi; mov $0644, %edx; call sc       # 8
    movq $0, off(%rip)
    mov $326, %eax; mov $3, %edi; lea off(%rip), %rsi; mov $8, %edx; xor %r10d, %r10d; mov $5, %r8d; xor %r9d, %r9d; call sc  # 5
    mov off(%rip), %rax; call show                                                           # 5
    mov $8, %eax; mov $8, %edi; xor %esi, %esi; mov $1, %edx; call sc                        # g at 5
    mov $326, %eax; mov $3, %edi; lea off(%rip), %rsi; mov $8, %edx; xor %r10d, %r10d; mov $5, %r8d; mov $1, %r9d; call sc  # EINVAL flags
    mov $326, %eax; mov $4, %edi; xor %esi, %esi; mov $8, %edx; xor %r10d, %r10d; mov $5, %r8d; xor %r9d, %r9d; call sc  # EBADF? pipe
    mov $326, %eax; mov $99, %edi; xor %esi, %esi; mov $8, %edx; xor %r10d, %r10d; mov $5, %r8d; xor %r9d, %r9d; call sc  # EBADF
    movq $100, off(%rip)
    mov $326, %eax; mov $3, %edi; lea off(%rip), %rsi; mov $8, %edx; xor %r10d, %r10d; mov $5, %r8d; xor %r9d, %r9d; call sc  # 0: past EOF
    # splice f[0..11) → pipe p, tee p → q, splice p → g, read q
    movq $0, off(%rip)
    mov $275, %eax; mov $3, %edi; lea off(%rip), %rsi; mov $5, %edx; xor %r10d, %r10d; mov $11, %r8d; xor %r9d, %r9d; call sc  # 11
    mov off(%rip), %rax; call show                                                           # 11
    mov $276, %eax; mov $4, %edi; mov $7, %esi; mov $100, %edx; xor %r10d, %r10d; call sc   # tee: 11
    mov $275, %eax; mov $4, %edi; xor %esi, %esi; mov $8, %edx; xor %r10d, %r10d; mov $100, %r8d; xor %r9d, %r9d; call sc  # 11
    mov $0, %eax; mov $6, %edi; lea buf(%rip), %rsi; mov $100, %edx; syscall
    call out                                                                                 # hello world
    mov $17, %eax; mov $8, %edi; lea buf(%rip), %rsi; mov $100, %edx; xor %r10d, %r10d; syscall
    call out                                                                                 # g: hellohello world
    mov $1, %eax; mov $1, %edi; lea nl(%rip), %rsi; mov $1, %edx; syscall
    # splice errors
    mov $275, %eax; mov $3, %edi; xor %esi, %esi; mov $8, %edx; xor %r10d, %r10d; mov $10, %r8d; xor %r9d, %r9d; call sc  # EINVAL: no pipe
    mov $275, %eax; mov $4, %edi; lea off(%rip), %rsi; mov $8, %edx; xor %r10d, %r10d; mov $10, %r8d; xor %r9d, %r9d; call sc  # ESPIPE
    mov $275, %eax; mov $4, %edi; xor %esi, %esi; mov $5, %edx; xor %r10d, %r10d; mov $10, %r8d; xor %r9d, %r9d; call sc  # EINVAL: same pipe
    mov $275, %eax; mov $4, %edi; xor %esi, %esi; mov $8, %edx; xor %r10d, %r10d; mov $10, %r8d; mov $0x10, %r9d; call sc  # EINVAL flags
    mov $275, %eax; mov $4, %edi; xor %esi, %esi; mov $8, %edx; xor %r10d, %r10d; xor %r8d, %r8d; mov $0x10, %r9d; call sc  # 0: len 0
    mov $275, %eax; mov $4, %edi; xor %esi, %esi; mov $8, %edx; xor %r10d, %r10d; mov $10, %r8d; mov $2, %r9d; call sc  # EAGAIN: empty
    mov $275, %eax; mov $99, %edi; xor %esi, %esi; mov $8, %edx; xor %r10d, %r10d; mov $10, %r8d; xor %r9d, %r9d; call sc  # EBADF
    mov $276, %eax; mov $4, %edi; mov $7, %esi; mov $10, %edx; mov $0x10, %r10d; call sc   # EINVAL flags
    mov $276, %eax; mov $3, %edi; mov $7, %esi; mov $10, %edx; xor %r10d, %r10d; call sc   # EINVAL: not a pipe
    mov $276, %eax; mov $4, %edi; mov $7, %esi; mov $10, %edx; mov $2, %r10d; call sc      # EAGAIN
    # vmsplice into p, then out of it
    mov $278, %eax; mov $5, %edi; lea iovx(%rip), %rsi; mov $1, %edx; xor %r10d, %r10d; call sc   # 1
    mov $278, %eax; mov $4, %edi; lea iovr(%rip), %rsi; mov $1, %edx; xor %r10d, %r10d; syscall
    call out                                                                                 # X
    mov $1, %eax; mov $1, %edi; lea nl(%rip), %rsi; mov $1, %edx; syscall
    mov $278, %eax; mov $5, %edi; lea iovx(%rip), %rsi; mov $1, %edx; mov $0x10, %r10d; call sc   # EINVAL
    mov $278, %eax; mov $3, %edi; lea iovx(%rip), %rsi; mov $1, %edx; xor %r10d, %r10d; call sc   # EBADF: not a pipe
    # fallocate on g (16 bytes)
    mov $285, %eax; mov $8, %edi; xor %esi, %esi; xor %edx, %edx; mov $100, %r10d; call sc # 0
    mov $8, %eax; mov $8, %edi; xor %esi, %esi; mov $2, %edx; call sc                        # 100
    mov $285, %eax; mov $8, %edi; mov $1, %esi; xor %edx, %edx; mov $200, %r10d; call sc   # KEEP_SIZE: 0
    mov $8, %eax; mov $8, %edi; xor %esi, %esi; mov $2, %edx; call sc                        # 100
    mov $285, %eax; mov $8, %edi; mov $2, %esi; xor %edx, %edx; mov $5, %r10d; call sc     # PUNCH_HOLE alone: EOPNOTSUPP
    mov $285, %eax; mov $8, %edi; mov $3, %esi; xor %edx, %edx; mov $5, %r10d; call sc     # PUNCH_HOLE|KEEP_SIZE: 0
    mov $17, %eax; mov $8, %edi; lea buf(%rip), %rsi; mov $6, %edx; xor %r10d, %r10d; syscall
    movzbq buf(%rip), %rax; call show                                                        # 0
    movzbq buf+5(%rip), %rax; call show                                                      # 104 'h'
    mov $285, %eax; mov $8, %edi; mov $0x10, %esi; mov $200, %edx; mov $56, %r10d; call sc # ZERO_RANGE: 0
    mov $8, %eax; mov $8, %edi; xor %esi, %esi; mov $2, %edx; call sc                        # 256
    mov $285, %eax; mov $8, %edi; xor %esi, %esi; mov $-1, %rdx; mov $5, %r10d; call sc    # EINVAL
    mov $285, %eax; mov $8, %edi; xor %esi, %esi; xor %edx, %edx; xor %r10d, %r10d; call sc  # EINVAL
    mov $285, %eax; mov $8, %edi; mov $0x100, %esi; xor %edx, %edx; mov $5, %r10d; call sc # EOPNOTSUPP
    mov $285, %eax; mov $5, %edi; xor %esi, %esi; xor %edx, %edx; mov $5, %r10d; call sc   # ESPIPE
    mov $285, %eax; mov $4, %edi; xor %esi, %esi; xor %edx, %edx; mov $5, %r10d; call sc   # EBADF: read end
    mov $285, %eax; mov $99, %edi; xor %esi, %esi; xor %edx, %edx; xor %r10d, %r10d; call sc  # EBADF first
    # fadvise64, readahead, sync, syncfs
    mov $221, %eax; mov $3, %edi; xor %esi, %esi; xor %edx, %edx; mov $2, %r10d; call sc   # 0
    mov $221, %eax; mov $3, %edi; xor %esi, %esi; xor %edx, %edx; mov $9, %r10d; call sc   # EINVAL
    mov $221, %eax; mov $3, %edi; xor %esi, %esi; mov $-1, %rdx; mov $2, %r10d; call sc    # EINVAL
    mov $221, %eax; mov $4, %edi; xor %esi, %esi; xor %edx, %edx; mov $2, %r10d; call sc   # ESPIPE
    mov $221, %eax; mov $99, %edi; xor %esi, %esi; xor %edx, %edx; mov $9, %r10d; call sc  # EBADF
    mov $187, %eax; mov $3, %edi; xor %esi, %esi; mov $100, %edx; call sc                  # 0
    mov $187, %eax; mov $4, %edi; xor %esi, %esi; mov $100, %edx; call sc                  # EINVAL: pipe
    mov $187, %eax; mov $5, %edi; xor %esi, %esi; mov $100, %edx; call sc                  # EBADF: write end
    mov $187, %eax; mov $99, %edi; xor %esi, %esi; mov $100, %edx; call sc                 # EBADF
    mov $162, %eax; call sc                                                                 # 0
    mov $306, %eax; mov $3, %edi; call sc                                                   # 0
    mov $306, %eax; mov $99, %edi; call sc                                                  # EBADF
    mov $87, %eax; lea fname(%rip), %rdi; syscall
    mov $87, %eax; lea gname(%rip), %rdi; syscall
    mov $60, %eax; xor %edi, %edi; syscall
    .data
fname: .asciz "f"
gname: .asciz "g"
nl: .ascii "\n"
w1: .ascii "hello "
w2: .ascii "world\n"
x1: .ascii "X"
    .balign 8
iovw: .quad w1, 6, w2, 6
iovr: .quad buf, 5, buf+5, 7
iovx: .quad x1, 1
    .bss
    .balign 8
off: .skip 8
p: .skip 8
q: .skip 8
buf: .skip 128
