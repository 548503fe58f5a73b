# mremap after fork: the child moves a private page it shares copy-on-write with its parent
# and writes through the new address; the parent still reads its own value. A shared
# anonymous page moved by the child stays shared: the child's write is seen by the parent.
# The child grows its private mapping in place (the new page is zero). Lines: the child's
# exit status (its reads: 1 + 10*0), then the parent's reads 1 and 42.
    .globl _start
    .text
_start:
    mov $9, %eax; mov $0x10000000, %edi; mov $4096, %esi; mov $3, %edx; mov $0x32, %r10d; mov $-1, %r8; xor %r9d, %r9d; syscall
    mov $9, %eax; mov $0x20000000, %edi; mov $4096, %esi; mov $3, %edx; mov $0x31, %r10d; mov $-1, %r8; xor %r9d, %r9d; syscall
    movq $1, 0x10000000
    movq $2, 0x20000000
    mov $57, %eax; syscall
    test %rax, %rax
    jz child
    mov $61, %eax; mov $-1, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall
    mov status(%rip), %eax; shr $8, %eax; call show
    mov 0x10000000, %rax; call show
    mov 0x20000000, %rax; call show
    mov $60, %eax; xor %edi, %edi; syscall
child:
    # private page → 0x30000000 (MAYMOVE|FIXED), grown to two pages
    mov $25, %eax; mov $0x10000000, %edi; mov $4096, %esi; mov $4096, %edx; mov $3, %r10d; mov $0x30000000, %r8d; syscall
    mov $25, %eax; mov $0x30000000, %edi; mov $4096, %esi; mov $8192, %edx; xor %r10d, %r10d; syscall
    mov 0x30000000, %rbx                         # 1 (the shared frame, still read-only)
    movq $7, 0x30000000                          # copy on write
    mov 0x30001000, %rcx                         # 0
    imul $10, %rcx; add %rcx, %rbx
    # shared page → 0x40000000
    mov $25, %eax; mov $0x20000000, %edi; mov $4096, %esi; mov $4096, %edx; mov $3, %r10d; mov $0x40000000, %r8d; syscall
    movq $42, 0x40000000
    mov %rbx, %rdi
    mov $60, %eax; syscall
    .bss
    .balign 8
status: .skip 8
