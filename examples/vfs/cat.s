# cat.s — copy a file named on the command line to stdout; on failure print perror's line.
#
#   vasm build -o cat examples/vfs/cat.s
#   vrun cat /proc/self/status       # procfs
#   vrun cat cat.s                   # hostfs: the current directory is mounted at its own path
#   ln -s / escape; vrun cat escape/etc/hostname
#                                    # "escape/etc/hostname: No such file or directory": the host
#                                    # link is resolved in the guest tree, never on the host
#   vrun cat /etc/hostname           # the guest root is tmpfs, not the host's /
    .globl main
    .text
main:
    push %rbx
    push %r12
    push %r13
    cmp $2, %edi
    jl usage
    mov 8(%rsi), %r12               # argv[1]
    mov %r12, %rdi
    xor %esi, %esi                  # O_RDONLY
    xor %eax, %eax
    call open
    test %eax, %eax
    js fail
    mov %eax, %ebx
1:  mov %ebx, %edi                  # read(fd, buf, 4096) until 0
    lea buf(%rip), %rsi
    mov $4096, %edx
    call read
    test %rax, %rax
    js fail
    jz 2f
    mov %rax, %r13
    mov $1, %edi
    lea buf(%rip), %rsi
    mov %r13, %rdx
    call write
    jmp 1b
2:  xor %eax, %eax
    jmp out
usage:
    lea usage_msg(%rip), %rdi
    call puts
    mov $2, %eax
    jmp out
fail:
    mov %r12, %rdi                  # perror(name): "name: <strerror(errno)>"
    call perror
    mov $1, %eax
out:
    pop %r13
    pop %r12
    pop %rbx
    ret

    .section .rodata
usage_msg: .asciz "usage: cat FILE"
    .bss
buf: .zero 4096
