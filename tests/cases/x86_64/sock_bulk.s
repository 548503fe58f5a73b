# A large stream write across fork: the child writes 256 KiB in one write(2) — more than the
# socket buffers hold, so the write blocks part-way and carries on as the parent reads — then
# exits; the parent reads until end of file and prints the byte count and a checksum (the sum of
# the bytes, each the low 8 bits of its index times 7), then the child's write result.
    .globl _start
    .set SIZE, 262144
    .text
_start:
    mov $53, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; lea sv(%rip), %r10; syscall
    mov $57, %eax; syscall
    test %rax, %rax
    jz child
    mov %rax, %r14
    mov $3, %eax; movslq sv+4(%rip), %rdi; syscall
    xor %r12d, %r12d                 # bytes
    xor %r13d, %r13d                 # checksum
1:  xor %eax, %eax; movslq sv(%rip), %rdi; lea buf(%rip), %rsi; mov $65536, %edx; syscall
    test %rax, %rax
    jle 3f
    add %rax, %r12
    lea buf(%rip), %rsi
    mov %rax, %rcx
2:  movzbl (%rsi), %edx; add %rdx, %r13; inc %rsi; dec %rcx; jnz 2b
    jmp 1b
3:  mov %r12, %rax; call show
    mov %r13, %rax; call show
    mov $61, %eax; mov %r14, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall
    mov status(%rip), %eax; shr $8, %eax; call show   # the child's exit code: 1 when its write was whole
    mov $60, %eax; xor %edi, %edi; syscall
child:
    mov $3, %eax; movslq sv(%rip), %rdi; syscall
    lea buf(%rip), %rdi
    xor %ecx, %ecx
4:  imul $7, %ecx, %eax; mov %al, (%rdi,%rcx); inc %ecx; cmp $SIZE, %ecx; jb 4b
    mov $1, %eax; movslq sv+4(%rip), %rdi; lea buf(%rip), %rsi; mov $SIZE, %edx; syscall
    xor %edi, %edi
    cmp $SIZE, %rax
    sete %dil
    mov $60, %eax; syscall
    .bss
    .balign 8
sv:     .skip 8
status: .skip 4
    .balign 4096
buf:    .skip SIZE
