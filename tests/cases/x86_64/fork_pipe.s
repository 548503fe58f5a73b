# fork + pipe: the child writes a message into the pipe and ends; the parent reads it and
# copies it to stdout. The fd table is copied, the open file descriptions shared: the child's
# write to an inherited file moves the offset the parent sees (lseek(fd, 0, SEEK_CUR) → 2,
# then 4 after the parent's own write). The child's memory is its own: its store to `flag`
# is not seen by the parent (0).
# Lines: "hello from the child", then 2, 4, 0.
    .globl _start
    .text
_start:
    mov $22, %eax; lea fds(%rip), %rdi; syscall                      # pipe
    mov $2, %eax; lea f_shared(%rip), %rdi; mov $0x242, %esi; mov $0644, %edx; syscall
    mov %rax, %r13                                                   # the shared file
    mov $57, %eax; syscall
    test %rax, %rax
    jz child
    mov %rax, %r14
    mov $3, %eax; movslq fds+4(%rip), %rdi; syscall                  # close the write end
    mov $61, %eax; mov %r14, %rdi; xor %esi, %esi; xor %edx, %edx; xor %r10d, %r10d; syscall
1:  xor %eax, %eax; movslq fds(%rip), %rdi; lea buf(%rip), %rsi; mov $64, %edx; syscall
    test %rax, %rax
    jle 2f
    mov %rax, %rdx; mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; syscall
    jmp 1b
2:  mov $8, %eax; mov %r13, %rdi; xor %esi, %esi; mov $1, %edx; syscall; call show
    mov $1, %eax; mov %r13, %rdi; lea cd(%rip), %rsi; mov $2, %edx; syscall
    mov $8, %eax; mov %r13, %rdi; xor %esi, %esi; mov $1, %edx; syscall; call show
    mov flag(%rip), %rax; call show
    mov $60, %eax; xor %edi, %edi; syscall
child:
    movq $1, flag(%rip)
    mov $3, %eax; movslq fds(%rip), %rdi; syscall                    # close the read end
    mov $1, %eax; movslq fds+4(%rip), %rdi; lea msg(%rip), %rsi; mov $msg_len, %edx; syscall
    mov $1, %eax; mov %r13, %rdi; lea ab(%rip), %rsi; mov $2, %edx; syscall
    mov $60, %eax; xor %edi, %edi; syscall
    .data
msg:      .ascii "hello from the child\n"
    .set msg_len, . - msg
ab:       .ascii "AB"
cd:       .ascii "CD"
f_shared: .asciz "shared.txt"
    .bss
    .balign 8
fds:  .skip 8
flag: .skip 8
buf:  .skip 64
