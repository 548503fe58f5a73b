# fcntl F_ADD_SEALS / F_GET_SEALS on memfds: the starting seals (MFD_ALLOW_SEALING: none;
# plain: F_SEAL_SEAL; MFD_NOEXEC_SEAL: F_SEAL_EXEC), the argument checks (read-only fd EPERM,
# unknown bits EINVAL, a pipe EINVAL, F_SEAL_SEAL EPERM), and enforcement: GROW/SHRINK on
# pwrite, write and ftruncate (a write that grows stops at the last page inside the file),
# WRITE on pwrite and shared writable mmap (a read-only shared mapping cannot be mprotect'ed
# writable; a private one may be writable), FUTURE_WRITE on write, EXEC on fchmod (and it
# brings the write seals with it on a file with exec bits).
    .globl _start
    .text
sys:
    syscall; jmp show
okaddr:                                    # print 1 for a mapping, else the errno
    syscall
    cmp $-4095, %rax; jae show
    mov %rax, %rbx; mov $1, %eax; jmp show
_start:
    mov $319, %eax; lea nS(%rip), %rdi; mov $2, %esi; call sys        # 3 (ALLOW_SEALING)
    mov $319, %eax; lea nN(%rip), %rdi; xor %esi, %esi; call sys      # 4
    mov $319, %eax; lea nE(%rip), %rdi; mov $8, %esi; call sys        # 5 (NOEXEC_SEAL)
    mov $72, %eax; mov $3, %edi; mov $1034, %esi; call sys            # 0
    mov $72, %eax; mov $4, %edi; mov $1034, %esi; call sys            # 1
    mov $72, %eax; mov $5, %edi; mov $1034, %esi; call sys            # 32
    mov $72, %eax; mov $4, %edi; mov $1033, %esi; mov $4, %edx; call sys      # EPERM (sealed)
    mov $72, %eax; mov $3, %edi; mov $1033, %esi; mov $0x40, %edx; call sys   # EINVAL
    mov $22, %eax; lea pfd(%rip), %rdi; call sys                      # pipe: 6, 7
    mov $72, %eax; mov $6, %edi; mov $1034, %esi; call sys            # EINVAL
    mov $72, %eax; mov $6, %edi; mov $1033, %esi; mov $1, %edx; call sys      # EPERM (read end)
    mov $72, %eax; mov $7, %edi; mov $1033, %esi; mov $1, %edx; call sys      # EINVAL (write end)
    mov $1, %eax; mov $3, %edi; lea hello(%rip), %rsi; mov $5, %edx; call sys # 5
    mov $72, %eax; mov $3, %edi; mov $1033, %esi; mov $6, %edx; call sys      # GROW|SHRINK: 0
    mov $18, %eax; mov $3, %edi; lea abc(%rip), %rsi; mov $3, %edx; mov $4, %r10d; call sys  # EPERM
    mov $18, %eax; mov $3, %edi; lea abc(%rip), %rsi; mov $3, %edx; xor %r10d, %r10d; call sys  # 3
    mov $1, %eax; mov $3, %edi; lea abc(%rip), %rsi; mov $1, %edx; call sys   # at 5: EPERM
    mov $77, %eax; mov $3, %edi; mov $2, %esi; call sys               # EPERM
    mov $77, %eax; mov $3, %edi; mov $9, %esi; call sys               # EPERM
    mov $77, %eax; mov $3, %edi; mov $5, %esi; call sys               # 0
    # A write that grows the file stops at the last page boundary inside it.
    mov $319, %eax; lea nS(%rip), %rdi; mov $2, %esi; call sys        # 8
    mov $77, %eax; mov $8, %edi; mov $6000, %esi; call sys            # 0
    mov $72, %eax; mov $8, %edi; mov $1033, %esi; mov $4, %edx; call sys      # 0
    mov $18, %eax; mov $8, %edi; lea big(%rip), %rsi; mov $8192, %edx; xor %r10d, %r10d; call sys  # 4096
    mov $18, %eax; mov $8, %edi; lea big(%rip), %rsi; mov $100, %edx; mov $5000, %r10d; call sys  # 100
    mov $18, %eax; mov $8, %edi; lea big(%rip), %rsi; mov $100, %edx; mov $5950, %r10d; call sys  # EPERM
    mov $3, %eax; mov $4, %edi; call sys                              # close: 0 (fds stay below 10)
    mov $3, %eax; mov $6, %edi; call sys
    mov $3, %eax; mov $7, %edi; call sys
    mov $3, %eax; mov $8, %edi; call sys
    # F_SEAL_WRITE and F_SEAL_SEAL.
    mov $72, %eax; mov $3, %edi; mov $1033, %esi; mov $9, %edx; call sys      # 0
    mov $72, %eax; mov $3, %edi; mov $1034, %esi; call sys            # 15
    mov $18, %eax; mov $3, %edi; lea abc(%rip), %rsi; mov $3, %edx; xor %r10d, %r10d; call sys  # EPERM
    mov $9, %eax; xor %edi, %edi; mov $4096, %esi; mov $3, %edx; mov $1, %r10d; mov $3, %r8d; xor %r9d, %r9d; call okaddr  # EPERM
    mov $9, %eax; xor %edi, %edi; mov $4096, %esi; mov $1, %edx; mov $1, %r10d; mov $3, %r8d; xor %r9d, %r9d; call okaddr  # 1
    mov $10, %eax; mov %rbx, %rdi; mov $4096, %esi; mov $3, %edx; call sys    # EACCES
    movzbl (%rbx), %eax; call show                                    # 'a' = 97
    mov $9, %eax; xor %edi, %edi; mov $4096, %esi; mov $3, %edx; mov $2, %r10d; mov $3, %r8d; xor %r9d, %r9d; call okaddr  # 1
    movb $'z', (%rbx)                                                 # private copy
    mov $17, %eax; mov $3, %edi; lea buf(%rip), %rsi; mov $5, %edx; xor %r10d, %r10d; call sys  # 5
    movzbl buf(%rip), %eax; call show                                 # 97: the file is unchanged
    mov $72, %eax; mov $3, %edi; mov $1033, %esi; mov $4, %edx; call sys      # EPERM (SEAL_SEAL)
    # F_SEAL_FUTURE_WRITE: a writable shared mapping made before it stays; new ones and write fail.
    mov $319, %eax; lea nS(%rip), %rdi; mov $2, %esi; call sys        # 4
    mov $77, %eax; mov $4, %edi; mov $4096, %esi; call sys            # 0
    mov $9, %eax; xor %edi, %edi; mov $4096, %esi; mov $3, %edx; mov $1, %r10d; mov $4, %r8d; xor %r9d, %r9d; call okaddr  # 1
    mov $72, %eax; mov $4, %edi; mov $1033, %esi; mov $0x10, %edx; call sys   # 0
    mov $1, %eax; mov $4, %edi; lea abc(%rip), %rsi; mov $1, %edx; call sys   # EPERM
    mov $9, %eax; xor %edi, %edi; mov $4096, %esi; mov $3, %edx; mov $1, %r10d; mov $4, %r8d; xor %r9d, %r9d; call okaddr  # EPERM
    mov $77, %eax; mov $4, %edi; mov $8192, %esi; call sys            # 0 (no GROW seal)
    # F_SEAL_EXEC on a 0777 memfd brings SHRINK|GROW|WRITE|FUTURE_WRITE; chmod of x bits: EPERM.
    mov $319, %eax; lea nS(%rip), %rdi; mov $2, %esi; call sys        # 6
    mov $72, %eax; mov $6, %edi; mov $1033, %esi; mov $0x20, %edx; call sys  # 0
    mov $72, %eax; mov $6, %edi; mov $1034, %esi; call sys           # 62
    mov $91, %eax; mov $6, %edi; mov $0644, %esi; call sys           # EPERM
    mov $91, %eax; mov $6, %edi; mov $0775, %esi; call sys           # 0
    mov $91, %eax; mov $5, %edi; mov $0755, %esi; call sys            # EPERM (NOEXEC_SEAL)
    mov $60, %eax; xor %edi, %edi; syscall
    .section .rodata
nS: .asciz "s"
nN: .asciz "n"
nE: .asciz "e"
hello: .ascii "hello"
abc: .ascii "abc"
    .bss
pfd: .skip 8
buf: .skip 64
big: .skip 8192
