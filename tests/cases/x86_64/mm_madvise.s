# madvise on locked memory (MADV_DONTNEED and MADV_FREE refuse it with EINVAL, MADV_DONTNEED_LOCKED
# drops it), then the i386 forms of some memory and misc calls through int $0x80 from this
# 64-bit process: mremap (163), mlock (150), sched_getaffinity (242, a 32-byte mask in 32-bit
# words; recorded under taskset -c 0), getpriority (96), personality (136), fadvise64_64 (272,
# offset and length as register pairs).
    .globl _start
    .text
sc:
    syscall
    jmp show
i80:
    int $0x80
    movslq %eax, %rax
    jmp show
_start:
    mov $9, %eax; mov $0x10000000, %edi; mov $8192, %esi; mov $3, %edx; mov $0x32, %r10d; mov $-1, %r8; xor %r9d, %r9d; syscall
    movq $5, 0x10000000
    mov $149, %eax; mov $0x10000000, %edi; mov $4096, %esi; call sc                      # mlock: 0
    mov $28, %eax; mov $0x10000000, %edi; mov $4096, %esi; mov $4, %edx; call sc         # DONTNEED: EINVAL
    mov $28, %eax; mov $0x10000000, %edi; mov $4096, %esi; mov $8, %edx; call sc         # FREE: EINVAL
    mov 0x10000000, %rax; call show                                                      # 5
    mov $28, %eax; mov $0x10000000, %edi; mov $4096, %esi; mov $24, %edx; call sc        # DONTNEED_LOCKED: 0
    mov 0x10000000, %rax; call show                                                      # 0
    mov $28, %eax; mov $0x10000000, %edi; mov $4096, %esi; mov $999, %edx; call sc       # EINVAL
    # i386 calls
    movq $7, 0x10001000
    mov $163, %eax; mov $0x10001000, %ebx; mov $4096, %ecx; mov $4096, %edx; mov $3, %esi; mov $0x20000000, %edi; call i80   # mremap FIXED
    mov 0x20000000, %rax; call show                                                      # 7
    mov $150, %eax; mov $0x20000000, %ebx; mov $4096, %ecx; call i80                     # mlock: 0
    mov $242, %eax; xor %ebx, %ebx; mov $128, %ecx; lea mask(%rip), %edx; call i80       # 32
    mov mask(%rip), %rax; call show                                                      # 1
    mov $242, %eax; xor %ebx, %ebx; mov $6, %ecx; lea mask(%rip), %edx; call i80         # EINVAL
    mov $96, %eax; xor %ebx, %ebx; xor %ecx, %ecx; call i80                              # 20
    mov $136, %eax; mov $-1, %ebx; call i80                                              # 0
    mov $2, %eax; lea fname(%rip), %rdi; mov $0x42, %esi; mov $0644, %edx; syscall       # open f: 3
    mov $272, %eax; mov $3, %ebx; xor %ecx, %ecx; xor %edx, %edx; mov $10, %esi; xor %edi, %edi; mov $2, %ebp; call i80   # 0
    mov $272, %eax; mov $3, %ebx; xor %ecx, %ecx; xor %edx, %edx; mov $10, %esi; xor %edi, %edi; mov $9, %ebp; call i80   # EINVAL
    mov $272, %eax; mov $3, %ebx; xor %ecx, %ecx; xor %edx, %edx; xor %esi, %esi; mov $-1, %edi; mov $2, %ebp; call i80   # EINVAL: len < 0
    mov $87, %eax; lea fname(%rip), %rdi; syscall
    mov $60, %eax; xor %edi, %edi; syscall
    .data
fname: .asciz "f"
    .bss
    .balign 8
mask: .skip 128
