# The syscall path preserves every register except rax (result), rcx (= the next RIP) and
# r11 (= RFLAGS before the call), as the x86-64 ABI says (syscall(2); facts §1.1). Fills the
# registers with distinct values, calls getppid, and checks each one; exit status = the number
# of the first register that changed (0 when all are right). int $0x80 must also keep r8-r15.
    .globl _start
    .text
_start:
    mov $0x1111111111111111, %rbx
    mov $0x2222222222222222, %rdx
    mov $0x3333333333333333, %rsi
    mov $0x4444444444444444, %rdi
    mov $0x5555555555555555, %rbp
    mov $0x8888888888888888, %r8
    mov $0x9999999999999999, %r9
    mov $0xaaaaaaaaaaaaaaaa, %r10
    mov $0xcccccccccccccccc, %r12
    mov $0xdddddddddddddddd, %r13
    mov $0xeeeeeeeeeeeeeeee, %r14
    mov $0xffffffffffffffff, %r15
    mov %rsp, saved_rsp(%rip)
    stc                                 # CF=1 in RFLAGS: r11 must show it
    mov $110, %eax                      # getppid
    syscall
after:
    lea after(%rip), %rax; cmp %rax, %rcx; jne fail_rcx
    mov $2, %eax; test $1, %r11; jz fail
    mov $3, %eax; mov $0x1111111111111111, %rcx; cmp %rcx, %rbx; jne fail
    mov $4, %eax; mov $0x2222222222222222, %rcx; cmp %rcx, %rdx; jne fail
    mov $5, %eax; mov $0x3333333333333333, %rcx; cmp %rcx, %rsi; jne fail
    mov $6, %eax; mov $0x4444444444444444, %rcx; cmp %rcx, %rdi; jne fail
    mov $7, %eax; mov $0x5555555555555555, %rcx; cmp %rcx, %rbp; jne fail
    mov $8, %eax; mov $0x8888888888888888, %rcx; cmp %rcx, %r8; jne fail
    mov $9, %eax; mov $0x9999999999999999, %rcx; cmp %rcx, %r9; jne fail
    mov $10, %eax; mov $0xaaaaaaaaaaaaaaaa, %rcx; cmp %rcx, %r10; jne fail
    mov $12, %eax; mov $0xcccccccccccccccc, %rcx; cmp %rcx, %r12; jne fail
    mov $13, %eax; mov $0xdddddddddddddddd, %rcx; cmp %rcx, %r13; jne fail
    mov $14, %eax; mov $0xeeeeeeeeeeeeeeee, %rcx; cmp %rcx, %r14; jne fail
    mov $15, %eax; mov $0xffffffffffffffff, %rcx; cmp %rcx, %r15; jne fail
    mov $16, %eax; mov saved_rsp(%rip), %rcx; cmp %rcx, %rsp; jne fail
    # int $0x80 (i386 getpid = 20) keeps r8-r15 and rbx..rdi, returns in rax
    mov $20, %eax
    int $0x80
    mov $17, %eax; mov $0x8888888888888888, %rcx; cmp %rcx, %r8; jne fail
    mov $18, %eax; mov $0xffffffffffffffff, %rcx; cmp %rcx, %r15; jne fail
    mov $19, %eax; mov $0x1111111111111111, %rcx; cmp %rcx, %rbx; jne fail
    mov $20, %eax; mov $0x4444444444444444, %rcx; cmp %rcx, %rdi; jne fail
    mov $1, %eax; mov $1, %edi; lea ok(%rip), %rsi; mov $3, %edx; syscall
    xor %edi, %edi
    mov $60, %eax
    syscall
fail_rcx:
    mov $1, %eax
fail:
    mov %eax, %edi
    mov $60, %eax
    syscall
    .section .rodata
ok: .ascii "ok\n"
    .bss
saved_rsp: .skip 8
