# mlock, mlock2, munlock, mlockall, munlockall, mincore and msync: results and errors for a
# mapped range, a hole and bad arguments; mincore's vector before and after a page is touched,
# after mlock (which faults pages in) and after madvise(MADV_DONTNEED); msync's flag checks and
# EBUSY for MS_INVALIDATE on locked memory.
    .globl _start
    .text
sys:
    syscall; jmp show
vecshow:                                        # print vec[0..3] as one number: 1000*v0+100*v1+10*v2+v3
    movzbq vec(%rip), %rax; imul $10, %rax
    movzbq vec+1(%rip), %rcx; add %rcx, %rax; imul $10, %rax
    movzbq vec+2(%rip), %rcx; add %rcx, %rax; imul $10, %rax
    movzbq vec+3(%rip), %rcx; add %rcx, %rax; add $10000, %rax
    jmp show
_start:
    # 4 pages at A = 0x10000000, a hole at 0x10004000
    mov $9, %eax; mov $0x10000000, %edi; mov $16384, %esi; mov $3, %edx; mov $0x32, %r10d; mov $-1, %r8; xor %r9d, %r9d; syscall
    movq $1, 0x10001000
    mov $27, %eax; mov $0x10000000, %edi; mov $16384, %esi; lea vec(%rip), %rdx; call sys      # 0
    call vecshow                                                                                # 10100
    mov $149, %eax; mov $0x10002000, %edi; mov $100, %esi; call sys                             # mlock: 0
    mov $27, %eax; mov $0x10000000, %edi; mov $16384, %esi; lea vec(%rip), %rdx; call sys
    call vecshow                                                                                # 10110
    mov $149, %eax; mov $0x10003000, %edi; mov $8192, %esi; call sys                            # ENOMEM (hole)
    mov $325, %eax; mov $0x10003000, %edi; mov $4096, %esi; mov $2, %edx; call sys              # mlock2 bad flag: EINVAL
    mov $325, %eax; mov $0x10003000, %edi; mov $4096, %esi; mov $1, %edx; call sys              # MLOCK_ONFAULT: 0
    mov $27, %eax; mov $0x10000000, %edi; mov $16384, %esi; lea vec(%rip), %rdx; call sys
    call vecshow                                                                                # 10110: on fault only
    mov $26, %eax; mov $0x10002000, %edi; mov $4096, %esi; mov $2, %edx; call sys               # msync INVALIDATE locked: EBUSY
    mov $150, %eax; mov $0x10000000, %edi; mov $16384, %esi; call sys                           # munlock: 0
    mov $26, %eax; mov $0x10002000, %edi; mov $4096, %esi; mov $2, %edx; call sys               # now 0
    mov $150, %eax; mov $0x10003000, %edi; mov $8192, %esi; call sys                            # munlock hole: ENOMEM
    # madvise DONTNEED drops the page: mincore says 0, it reads 0
    mov $28, %eax; mov $0x10001000, %edi; mov $4096, %esi; mov $4, %edx; call sys               # 0
    mov $27, %eax; mov $0x10000000, %edi; mov $16384, %esi; lea vec(%rip), %rdx; call sys
    call vecshow                                                                                # 10010
    mov 0x10001000, %rax; call show                                                             # 0
    # mincore errors
    mov $27, %eax; mov $0x10000001, %edi; mov $4096, %esi; lea vec(%rip), %rdx; call sys        # EINVAL
    mov $27, %eax; mov $0x10000000, %edi; mov $4096, %esi; xor %edx, %edx; call sys             # EFAULT
    mov $27, %eax; mov $0x10003000, %edi; mov $8192, %esi; lea vec(%rip), %rdx; call sys        # ENOMEM
    mov $27, %eax; mov $0x10004000, %edi; xor %esi, %esi; lea vec(%rip), %rdx; call sys         # 0 (len 0)
    mov $27, %eax; mov $0x10000000, %edi; mov $-4096, %rsi; lea vec(%rip), %rdx; call sys       # ENOMEM (past TASK_SIZE)
    # msync
    mov $26, %eax; mov $0x10000000, %edi; mov $4096, %esi; mov $4, %edx; call sys               # MS_SYNC: 0
    mov $26, %eax; mov $0x10000000, %edi; mov $4096, %esi; mov $5, %edx; call sys               # ASYNC|SYNC: EINVAL
    mov $26, %eax; mov $0x10000000, %edi; mov $4096, %esi; mov $8, %edx; call sys               # EINVAL
    mov $26, %eax; mov $0x10000100, %edi; mov $4096, %esi; mov $1, %edx; call sys               # EINVAL
    mov $26, %eax; mov $0x10003000, %edi; mov $8192, %esi; mov $4, %edx; call sys               # ENOMEM
    mov $26, %eax; mov $0x0fffe000, %edi; mov $16384, %esi; mov $1, %edx; call sys              # ENOMEM (hole first)
    mov $26, %eax; mov $0x10000000, %edi; xor %esi, %esi; mov $4, %edx; call sys                # 0
    # mlockall / munlockall
    mov $151, %eax; xor %edi, %edi; call sys                                                    # EINVAL
    mov $151, %eax; mov $4, %edi; call sys                                                      # EINVAL (ONFAULT alone)
    mov $151, %eax; mov $8, %edi; call sys                                                      # EINVAL
    mov $151, %eax; mov $6, %edi; call sys                                                      # FUTURE|ONFAULT: 0
    mov $151, %eax; mov $3, %edi; call sys                                                      # 0
    mov $27, %eax; mov $0x10000000, %edi; mov $16384, %esi; lea vec(%rip), %rdx; call sys
    call vecshow                                                                                # 11110
    mov $152, %eax; call sys                                                                    # 0
    mov $60, %eax; xor %edi, %edi; syscall
    .bss
vec: .skip 16
