# faults.s — what the emulated CPU does when ring-3 code breaks a rule (x86-64).
#
#   vasm build -o faults examples/machine/faults.s
#   vrun faults;       echo $?     # 139: store to a read-only page → #PF → SIGSEGV (SEGV_ACCERR)
#   vrun faults x;     echo $?     # 139: `mov %cr3, %rax` at CPL 3 → #GP(0) → SIGSEGV (SI_KERNEL)
#   vrun faults x x;   echo $?     # 132: `ud2` → #UD → SIGILL (ILL_ILLOPN)
#   vstrace faults x   # the last line shows the signal and its si_code
#
# The kernel's loader put argc at (%rsp) (docs/loader.md); nothing here calls the kernel.
    .globl _start
    .text
_start:
    mov (%rsp), %rax            # argc
    cmp $2, %rax
    je privileged
    ja undefined
    movl $1, ro_word(%rip)      # .rodata is mapped R only (its PT_LOAD has flags R)
    jmp out
privileged:
    mov %cr3, %rax              # CR reads need CPL 0 (Intel SDM Vol. 2B MOV—Move to/from CRs)
    jmp out
undefined:
    ud2
out:                            # not reached: each path above faults
    mov $60, %eax
    xor %edi, %edi
    syscall

    .section .rodata
ro_word: .long 0
