# fcntl's newer commands through int $0x80 (the i386 table: fcntl 55, fcntl64 221, pipe 42,
# memfd_create 356, pwrite64 181 with the offset in two registers): pipe size, seals, owner
# with the 8-byte struct f_owner_ex, signal, lease.
    .globl _start
    .text
i80:
    int $0x80; jmp show
_start:
    mov $42, %eax; lea pfd(%rip), %ebx; call i80                                  # pipe: 0 (3, 4)
    mov $55, %eax; mov $3, %ebx; mov $1032, %ecx; call i80                        # 65536
    mov $221, %eax; mov $3, %ebx; mov $1031, %ecx; mov $9000, %edx; call i80      # 16384
    mov $221, %eax; mov $4, %ebx; mov $1032, %ecx; call i80                       # 16384
    mov $356, %eax; lea name(%rip), %ebx; mov $2, %ecx; call i80                  # 5
    mov $55, %eax; mov $5, %ebx; mov $1034, %ecx; call i80                        # 0
    mov $221, %eax; mov $5, %ebx; mov $1033, %ecx; mov $0x0c, %edx; call i80      # GROW|WRITE: 0
    mov $55, %eax; mov $5, %ebx; mov $1034, %ecx; call i80                        # 12
    mov $181, %eax; mov $5, %ebx; lea name(%rip), %ecx; mov $1, %edx; xor %esi, %esi; xor %edi, %edi; call i80  # EPERM
    mov $55, %eax; mov $3, %ebx; mov $16, %ecx; lea ex(%rip), %edx; call i80      # F_GETOWN_EX: 0
    mov ex(%rip), %eax; call show                                                 # 0
    mov ex+4(%rip), %eax; call show                                               # 0
    movl $2, ex(%rip); movl $0, ex+4(%rip)
    mov $221, %eax; mov $3, %ebx; mov $15, %ecx; lea ex(%rip), %edx; call i80     # F_OWNER_PGRP 0: 0
    mov $55, %eax; mov $3, %ebx; mov $16, %ecx; lea ex(%rip), %edx; call i80      # 0
    mov ex(%rip), %eax; call show                                                 # 2
    mov $55, %eax; mov $3, %ebx; mov $10, %ecx; mov $12, %edx; call i80           # 0
    mov $221, %eax; mov $3, %ebx; mov $11, %ecx; call i80                         # 12
    mov $55, %eax; mov $5, %ebx; mov $1025, %ecx; call i80                        # 2
    mov $55, %eax; mov $3, %ebx; mov $9999, %ecx; call i80                        # EINVAL
    mov $60, %eax; xor %edi, %edi; syscall
    .section .rodata
name: .asciz "i"
    .bss
pfd: .skip 8
ex: .skip 8
