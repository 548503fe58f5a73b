# show: print %rax as a signed decimal and a newline on fd 1 (clobbers rax, rcx, rdx, rsi,
# rdi, r8, r11). Linked into cases that list it in NAME.extra.
    .globl show
    .text
show:
    lea numbuf+31(%rip), %rsi
    movb $10, (%rsi)
    mov %rax, %r8
    mov %rax, %rcx
    test %rcx, %rcx
    jns 1f
    neg %rcx
1:  mov %rcx, %rax
    mov $10, %ecx
2:  xor %edx, %edx
    div %rcx
    add $'0', %dl
    dec %rsi
    mov %dl, (%rsi)
    test %rax, %rax
    jnz 2b
    test %r8, %r8
    jns 3f
    dec %rsi
    movb $'-', (%rsi)
3:  lea numbuf+32(%rip), %rdx
    sub %rsi, %rdx
    mov $1, %eax
    mov $1, %edi
    syscall
    ret

    .bss
numbuf: .skip 32
