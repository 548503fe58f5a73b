# stack.s — print what the loader left on the initial stack: argc, argv[], envp[] and auxv.
#
#   vasm build -o stack examples/loader/stack.s
#   vrun stack one two
#
# libc's crt0 (packages/libc/src/x86_64/crt0.s) calls main(argc, argv, envp) with the pointers
# it found on the stack; auxv starts right after envp's NULL (see docs/loader.md).
    .globl main
    .text
main:
    push %rbx
    push %r12
    push %r13
    mov %rsi, %r12              # argv
    mov %rdx, %r13              # envp
    mov %edi, %esi
    lea -8(%r12), %rdx          # argc sits just below argv[0]: the initial stack pointer
    lea fmt_argc(%rip), %rdi
    xor %eax, %eax
    call printf
    xor %ebx, %ebx              # i = 0
1:  mov (%r12,%rbx,8), %rdx     # argv[i]; the array ends with NULL
    test %rdx, %rdx
    jz 2f
    lea fmt_argv(%rip), %rdi
    mov %ebx, %esi
    mov %rdx, %rcx
    xor %eax, %eax
    call printf
    inc %ebx
    jmp 1b
2:  xor %ebx, %ebx              # count envp[] up to its NULL
3:  cmpq $0, (%r13,%rbx,8)
    je 4f
    inc %ebx
    jmp 3b
4:  lea fmt_envc(%rip), %rdi
    mov %ebx, %esi
    xor %eax, %eax
    call printf
    lea 8(%r13,%rbx,8), %r12    # auxv: (type, value) pairs after envp's NULL
5:  mov (%r12), %rsi
    mov 8(%r12), %rdx
    lea fmt_aux(%rip), %rdi
    xor %eax, %eax
    call printf
    cmpq $0, (%r12)             # AT_NULL ends the vector (printed too)
    je 6f
    add $16, %r12
    jmp 5b
6:  xor %eax, %eax
    pop %r13
    pop %r12
    pop %rbx
    ret

    .section .rodata
fmt_argc: .asciz "argc = %d at 0x%lx (the initial stack pointer)\n"
fmt_argv: .asciz "argv[%d] = 0x%lx \"%s\"\n"
fmt_envc: .asciz "envp: %d pointers, then NULL\n"
fmt_aux:  .asciz "auxv %2lu 0x%lx\n"
