# /dev's memory devices and symlinks (drivers/char/mem.c, udev's links): /dev/full's write is
# ENOSPC and its read gives zeros; fstat of /dev/full and /dev/random shows the char-device
# mode 0666 and makedev(1, 7) / (1, 8); /dev/stdin and /dev/fd are symlinks into /proc/self.
    .globl _start
    .text
sys:
    syscall; jmp show
_start:
    mov $257, %eax; mov $-100, %edi; lea full(%rip), %rsi; mov $2, %edx; syscall; mov %rax, %rbx; call show  # 3
    mov $1, %eax; mov %rbx, %rdi; lea x(%rip), %rsi; mov $1, %edx; call sys          # ENOSPC
    movl $0x01010101, buf(%rip)
    mov $0, %eax; mov %rbx, %rdi; lea buf(%rip), %rsi; mov $4, %edx; call sys        # 4
    mov buf(%rip), %eax; call show                                                   # 0
    mov $5, %eax; mov %rbx, %rdi; lea st(%rip), %rsi; call sys                       # 0
    mov st+24(%rip), %eax; call show                                                 # 8630 (020666)
    mov st+40(%rip), %rax; call show                                                 # 263 (1:7)
    mov $257, %eax; mov $-100, %edi; lea random(%rip), %rsi; xor %edx, %edx; syscall; mov %rax, %r12; call show  # 4
    mov $5, %eax; mov %r12, %rdi; lea st(%rip), %rsi; call sys                       # 0
    mov st+40(%rip), %rax; call show                                                 # 264 (1:8)
    mov $0, %eax; mov %r12, %rdi; lea buf(%rip), %rsi; xor %edx, %edx; call sys      # 0
    # the symlinks: readlink prints the target, then its length
    lea stdin(%rip), %rdi; call link
    lea fd(%rip), %rdi; call link
    lea stderr(%rip), %rdi; call link
    mov $60, %eax; xor %edi, %edi; syscall
link:
    mov $89, %eax; lea buf(%rip), %rsi; mov $64, %edx; syscall
    push %rax
    mov %rax, %rdx; mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; syscall
    pop %rax; jmp show
    .section .rodata
full: .asciz "/dev/full"
random: .asciz "/dev/random"
stdin: .asciz "/dev/stdin"
fd: .asciz "/dev/fd"
stderr: .asciz "/dev/stderr"
x: .ascii "x"
    .bss
buf: .skip 64
st: .skip 144
