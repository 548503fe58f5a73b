# The same sequence of *at-family calls as arm64/twin_calls.s (arm64 has no legacy open/pipe/
# mkdir), so that vstrace must print identical lines on both ISAs. Exit status: 0.
    .globl _start
    .text
_start:
    mov $257, %eax                  # openat(AT_FDCWD, "t.txt", O_WRONLY|O_CREAT|O_TRUNC, 0600)
    mov $-100, %rdi
    lea name(%rip), %rsi
    mov $0x241, %edx
    mov $0600, %r10d
    syscall
    mov %rax, %r12
    mov $1, %eax                    # write(fd, "twin\n", 5)
    mov %r12, %rdi
    lea text(%rip), %rsi
    mov $5, %edx
    syscall
    mov $3, %eax                    # close(fd)
    mov %r12, %rdi
    syscall
    mov $257, %eax                  # openat(AT_FDCWD, "t.txt", O_RDONLY)
    mov $-100, %rdi
    lea name(%rip), %rsi
    xor %edx, %edx
    syscall
    mov %rax, %r12
    xor %eax, %eax                  # read(fd, buf, 64)
    mov %r12, %rdi
    lea buf(%rip), %rsi
    mov $64, %edx
    syscall
    mov $8, %eax                    # lseek(fd, 0, SEEK_END)
    mov %r12, %rdi
    xor %esi, %esi
    mov $2, %edx
    syscall
    mov $292, %eax                  # dup3(fd, 10, O_CLOEXEC)
    mov %r12, %rdi
    mov $10, %esi
    mov $0x80000, %edx
    syscall
    mov $3, %eax                    # close(10) twice: the second is EBADF
    mov $10, %edi
    syscall
    mov $3, %eax
    mov $10, %edi
    syscall
    mov $258, %eax                  # mkdirat(AT_FDCWD, "d", 0755) twice: EEXIST
    mov $-100, %rdi
    lea dir(%rip), %rsi
    mov $0755, %edx
    syscall
    mov $258, %eax
    mov $-100, %rdi
    lea dir(%rip), %rsi
    mov $0755, %edx
    syscall
    mov $263, %eax                  # unlinkat(AT_FDCWD, "d", AT_REMOVEDIR)
    mov $-100, %rdi
    lea dir(%rip), %rsi
    mov $0x200, %edx
    syscall
    mov $263, %eax                  # unlinkat(AT_FDCWD, "t.txt", 0)
    mov $-100, %rdi
    lea name(%rip), %rsi
    xor %edx, %edx
    syscall
    mov $257, %eax                  # openat(AT_FDCWD, "t.txt", O_RDONLY): ENOENT now
    mov $-100, %rdi
    lea name(%rip), %rsi
    xor %edx, %edx
    syscall
    mov $293, %eax                  # pipe2(fds, O_NONBLOCK)
    lea fds(%rip), %rdi
    mov $0x800, %esi
    syscall
    xor %eax, %eax                  # read(fds[0], buf, 8): EAGAIN
    movslq fds(%rip), %rdi
    lea buf(%rip), %rsi
    mov $8, %edx
    syscall
    mov $231, %eax                  # exit_group(0)
    xor %edi, %edi
    syscall

    .section .rodata
name: .asciz "t.txt"
dir:  .asciz "d"
text: .ascii "twin\n"
    .bss
buf:  .zero 64
fds:  .zero 8
