# A load from a non-canonical address: #GP(0), not #PF → SIGSEGV (SI_KERNEL, si_addr 0).
    .globl _start
    .text
_start:
    mov $0x0000800000000000, %rax
    mov (%rax), %rbx
    mov $60, %eax
    xor %edi, %edi
    syscall
