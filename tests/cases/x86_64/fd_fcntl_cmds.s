# fcntl's owner, signal, lease, notify and pipe-size commands on a pipe: F_GETPIPE_SZ/
# F_SETPIPE_SZ (rounded to a power-of-two number of pages, at least one; EINVAL above 2^31; the
# new capacity changes when a write blocks; EBUSY when the queued pages do not fit; EPERM above
# pipe-max-size without CAP_SYS_RESOURCE; EBADF on a file that is not a pipe), F_SETOWN/F_GETOWN
# and the _EX forms (ESRCH, EINVAL, EFAULT), F_SETSIG/F_GETSIG, F_GETLEASE/F_SETLEASE,
# F_NOTIFY, and an unknown command. Owner ids are printed relative to getpid().
    .globl _start
    .text
sys:
    syscall; jmp show
fc:                                         # fcntl(%edi, %esi, %rdx) and print the result
    mov $72, %eax; syscall; jmp show
_start:
    mov $39, %eax; syscall; mov %eax, mypid(%rip)
    mov $22, %eax; lea pfd(%rip), %rdi; call sys                      # 0: fds 3, 4
    mov $3, %edi; mov $1032, %esi; call fc                            # 65536
    mov $3, %edi; mov $1031, %esi; xor %edx, %edx; call fc            # 4096
    mov $3, %edi; mov $1031, %esi; mov $5000, %edx; call fc           # 8192
    mov $3, %edi; mov $1031, %esi; mov $-1, %edx; call fc             # EINVAL
    mov $3, %edi; mov $1031, %esi; mov $0x80000001, %edx; call fc     # EINVAL
    mov $3, %edi; mov $1031, %esi; mov $4096, %edx; call fc           # 4096
    mov $4, %edi; mov $1032, %esi; call fc                            # 4096 (either end)
    mov $4, %edi; mov $4, %esi; mov $0x800, %edx; call fc             # F_SETFL O_NONBLOCK: 0
    mov $1, %eax; mov $4, %edi; lea big(%rip), %rsi; mov $4096, %edx; call sys   # 4096
    mov $1, %eax; mov $4, %edi; lea big(%rip), %rsi; mov $1, %edx; call sys      # EAGAIN
    mov $3, %edi; mov $1031, %esi; mov $65536, %edx; call fc          # 65536
    mov $1, %eax; mov $4, %edi; lea big(%rip), %rsi; mov $8192, %edx; call sys   # 8192
    mov $3, %edi; mov $1031, %esi; mov $8192, %edx; call fc           # EBUSY (3 pages queued)
    mov $3, %edi; mov $1031, %esi; mov $16384, %edx; call fc          # 16384
    mov $0, %eax; mov $3, %edi; lea big(%rip), %rsi; mov $12288, %edx; call sys  # 12288
    mov $319, %eax; lea name(%rip), %rdi; xor %esi, %esi; call sys    # memfd 5
    mov $5, %edi; mov $1032, %esi; call fc                            # EBADF
    # Owners.
    mov $3, %edi; mov $9, %esi; call fc                               # F_GETOWN: 0
    mov $3, %edi; mov $16, %esi; lea ex(%rip), %rdx; call fc          # F_GETOWN_EX: 0
    mov ex(%rip), %eax; call show                                     # F_OWNER_TID = 0
    mov ex+4(%rip), %eax; call show                                   # 0
    mov $3, %edi; mov $8, %esi; mov mypid(%rip), %edx; call fc        # F_SETOWN pid: 0
    mov $72, %eax; mov $3, %edi; mov $9, %esi; syscall; sub mypid(%rip), %eax; call show  # 0
    mov $3, %edi; mov $16, %esi; lea ex(%rip), %rdx; call fc          # 0
    mov ex(%rip), %eax; call show                                     # F_OWNER_PID = 1
    mov ex+4(%rip), %eax; sub mypid(%rip), %eax; call show            # 0
    mov $3, %edi; mov $8, %esi; mov $0x3ffffff0, %edx; call fc        # ESRCH
    mov $3, %edi; mov $8, %esi; mov $0x80000000, %edx; call fc        # EINVAL
    movl $7, ex(%rip); movl $0, ex+4(%rip)
    mov $3, %edi; mov $15, %esi; lea ex(%rip), %rdx; call fc          # EINVAL
    mov $3, %edi; mov $15, %esi; mov $16, %edx; call fc               # EFAULT
    mov $3, %edi; mov $16, %esi; mov $16, %edx; call fc               # EFAULT
    movl $0, ex(%rip); movl $0x3ffffff0, ex+4(%rip)
    mov $3, %edi; mov $15, %esi; lea ex(%rip), %rdx; call fc          # ESRCH
    mov mypid(%rip), %eax; movl $0, ex(%rip); mov %eax, ex+4(%rip)
    mov $3, %edi; mov $15, %esi; lea ex(%rip), %rdx; call fc          # F_OWNER_TID self: 0
    mov $72, %eax; mov $3, %edi; mov $9, %esi; syscall; sub mypid(%rip), %eax; call show  # 0
    mov $4, %edi; mov $16, %esi; lea ex(%rip), %rdx; call fc          # the other end: 0
    mov ex(%rip), %eax; call show                                     # 0
    mov ex+4(%rip), %eax; call show                                   # 0
    mov $3, %edi; mov $8, %esi; xor %edx, %edx; call fc               # F_SETOWN 0: 0
    mov $3, %edi; mov $16, %esi; lea ex(%rip), %rdx; call fc          # 0
    mov ex(%rip), %eax; call show                                     # F_OWNER_PID = 1
    mov ex+4(%rip), %eax; call show                                   # 0
    # Signals.
    mov $3, %edi; mov $11, %esi; call fc                              # 0
    mov $3, %edi; mov $10, %esi; mov $10, %edx; call fc               # 0
    mov $3, %edi; mov $11, %esi; call fc                              # 10
    mov $3, %edi; mov $10, %esi; mov $65, %edx; call fc               # EINVAL
    mov $3, %edi; mov $10, %esi; mov $-1, %edx; call fc               # EINVAL
    mov $3, %edi; mov $10, %esi; mov $64, %edx; call fc               # 0
    mov $3, %edi; mov $11, %esi; call fc                              # 64
    # Leases and dnotify.
    mov $3, %edi; mov $1025, %esi; call fc                            # F_UNLCK = 2
    mov $3, %edi; mov $1024, %esi; xor %edx, %edx; call fc            # EINVAL (not regular)
    mov $5, %edi; mov $1025, %esi; call fc                            # 2
    mov $5, %edi; mov $1024, %esi; mov $2, %edx; call fc              # EAGAIN (no lease held)
    mov $5, %edi; mov $1024, %esi; mov $7, %edx; call fc              # EINVAL
    mov $3, %edi; mov $1026, %esi; xor %edx, %edx; call fc            # 0
    mov $3, %edi; mov $1026, %esi; mov $0x80000000, %edx; call fc     # 0 (DN_MULTISHOT alone)
    mov $3, %edi; mov $1026, %esi; mov $4, %edx; call fc              # ENOTDIR
    mov $3, %edi; mov $9999, %esi; xor %edx, %edx; call fc            # EINVAL
    mov $12345, %edi; mov $9, %esi; call fc                           # bad fd: EBADF
    # Without CAP_SYS_RESOURCE, no pipe may grow past /proc/sys/fs/pipe-max-size (1 MiB).
    mov $105, %eax; mov $65534, %edi; call sys                        # setuid: 0
    mov $3, %edi; mov $1031, %esi; mov $2097152, %edx; call fc        # EPERM
    mov $3, %edi; mov $1031, %esi; mov $1048576, %edx; call fc        # 1048576
    mov $3, %edi; mov $1031, %esi; mov $4096, %edx; call fc           # 4096 (shrinking is free)
    mov $60, %eax; xor %edi, %edi; syscall
    .section .rodata
name: .asciz "m"
    .bss
mypid: .skip 4
pfd: .skip 8
ex: .skip 8
big: .skip 16384
