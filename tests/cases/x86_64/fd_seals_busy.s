# F_SEAL_WRITE is EBUSY while the memfd is mapped MAP_SHARED by a mapping that may write — a
# read-only shared mapping of a file open O_RDWR counts too; private mappings do not; after
# munmap the seal is taken, and then a writable shared mapping is EPERM.
    .globl _start
    .text
sys:
    syscall; jmp show
mapit:                                     # mmap(NULL, 4096, %edx, %r10d, 3, 0) → %rbx, print 1 or errno
    mov $9, %eax; xor %edi, %edi; mov $4096, %esi; mov $3, %r8d; xor %r9d, %r9d; syscall
    cmp $-4095, %rax; jae show
    mov %rax, %rbx; mov $1, %eax; jmp show
_start:
    mov $319, %eax; lea name(%rip), %rdi; mov $2, %esi; call sys      # 3
    mov $77, %eax; mov $3, %edi; mov $4096, %esi; call sys            # 0
    mov $1, %edx; mov $1, %r10d; call mapit                           # shared read-only: 1
    mov $72, %eax; mov $3, %edi; mov $1033, %esi; mov $8, %edx; call sys   # EBUSY
    mov $11, %eax; mov %rbx, %rdi; mov $4096, %esi; call sys          # 0
    mov $3, %edx; mov $2, %r10d; call mapit                           # private writable: 1
    mov $3, %edx; mov $1, %r10d; call mapit                           # shared writable: 1
    mov $72, %eax; mov $3, %edi; mov $1033, %esi; mov $8, %edx; call sys   # EBUSY
    mov $11, %eax; mov %rbx, %rdi; mov $4096, %esi; call sys          # 0
    mov $72, %eax; mov $3, %edi; mov $1033, %esi; mov $8, %edx; call sys   # 0
    mov $72, %eax; mov $3, %edi; mov $1033, %esi; mov $8, %edx; call sys   # 0 (already sealed)
    mov $3, %edx; mov $1, %r10d; call mapit                           # EPERM
    mov $60, %eax; xor %edi, %edi; syscall
    .section .rodata
name: .asciz "b"
