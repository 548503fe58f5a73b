# Syscall error paths for bad file descriptors: each call's -errno is written to stdout as a
# decimal line, so the output shows exactly what the kernel returned.
#   write(-1, buf, 1), read(42, buf, 1), close(1000), fstat(-5, buf), dup(77), lseek(99, 0, 0)
    .globl _start
    .text
_start:
    mov $1, %eax; mov $-1, %edi; lea buf(%rip), %rsi; mov $1, %edx; syscall; call show
    mov $0, %eax; mov $42, %edi; lea buf(%rip), %rsi; mov $1, %edx; syscall; call show
    mov $3, %eax; mov $1000, %edi; syscall; call show
    mov $5, %eax; mov $-5, %edi; lea statbuf(%rip), %rsi; syscall; call show
    mov $32, %eax; mov $77, %edi; syscall; call show
    mov $8, %eax; mov $99, %edi; xor %esi, %esi; xor %edx, %edx; syscall; call show
    mov $60, %eax; xor %edi, %edi; syscall

# show: print %rax as a signed decimal and a newline on fd 1 (clobbers rax..r11)
show:
    lea numbuf+31(%rip), %rsi
    movb $10, (%rsi)
    mov %rax, %r8               # keep the sign
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
buf:     .skip 16
statbuf: .skip 144
numbuf:  .skip 32
