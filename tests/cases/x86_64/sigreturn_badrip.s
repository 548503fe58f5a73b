# A handler that writes a non-canonical RIP into its ucontext: rt_sigreturn accepts it, and the
# return to user mode faults (on Intel the iretq itself raises #GP in ring 0; Linux's fixup
# turns that into a user #GP) → SIGSEGV with si_code SI_KERNEL. The kernel must survive it.
    .globl _start
    .text
_start:
    mov $13, %eax; mov $10, %edi; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov $1, %eax; mov $1, %edi; lea msg(%rip), %rsi; mov $6, %edx; syscall
    mov $39, %eax; syscall
    mov %rax, %rdi; mov $62, %eax; mov $10, %esi; syscall
    mov $60, %eax; mov $1, %edi; syscall        # not reached
handler:
    movabs $0x0000800000000000, %rax
    mov %rax, 40+128(%rdx)                      # uc_mcontext.rip
    ret
restorer:
    mov $15, %eax
    syscall
    .data
act: .quad handler, 0x04000004, restorer, 0
msg: .ascii "start\n"
