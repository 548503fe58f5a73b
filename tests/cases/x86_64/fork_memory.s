# Memory after fork: a MAP_PRIVATE page and .data are the child's own copies (its writes, 7
# and 8, are not seen by the parent, which still reads 1 and 2, and the parent's later writes
# are not seen by the child); a MAP_SHARED anonymous page is shared (the child's 42 is read by
# the parent). A page first touched after fork is private to whoever touches it. The child
# reports its own view through its exit status (the sum of what it reads after the parent's
# writes could have happened: 7 + 8 = 15).
# Lines: 1, 2, 42, 0 (an untouched private page still reads 0 in the parent), 15.
    .globl _start
    .text
_start:
    mov $9, %eax; xor %edi, %edi; mov $4096, %esi; mov $3, %edx; mov $0x22, %r10d; mov $-1, %r8; xor %r9d, %r9d; syscall
    mov %rax, %r12                                  # MAP_PRIVATE|MAP_ANONYMOUS
    mov $9, %eax; xor %edi, %edi; mov $4096, %esi; mov $3, %edx; mov $0x21, %r10d; mov $-1, %r8; xor %r9d, %r9d; syscall
    mov %rax, %r13                                  # MAP_SHARED|MAP_ANONYMOUS
    mov $9, %eax; xor %edi, %edi; mov $4096, %esi; mov $3, %edx; mov $0x22, %r10d; mov $-1, %r8; xor %r9d, %r9d; syscall
    mov %rax, %rbx                                  # private, never touched before fork
    movq $1, (%r12)
    movq $2, value(%rip)
    movq $0, (%r13)
    mov $57, %eax; syscall
    test %rax, %rax
    jz child
    mov %rax, %r14
    mov $61, %eax; mov %r14, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall
    mov (%r12), %rax; call show
    mov value(%rip), %rax; call show
    mov (%r13), %rax; call show
    mov (%rbx), %rax; call show
    mov status(%rip), %eax; shr $8, %eax; call show
    mov $60, %eax; xor %edi, %edi; syscall
child:
    movq $7, (%r12)
    movq $8, value(%rip)
    movq $42, (%r13)
    movq $99, (%rbx)
    mov (%r12), %rdi; add value(%rip), %rdi
    mov $60, %eax; syscall
    .data
    .balign 8
value: .quad 0
    .bss
    .balign 8
status: .skip 8
