# execve(2): error paths first — ENOENT (-2) for a missing file, EACCES (-13) for a directory,
# EFAULT (-14) for an unreadable argv, ENOEXEC (-8) for an executable file that is not ELF and
# for one that is only the ELF magic,
# ENOENT (-2) for a `#!` script whose interpreter is missing — then a forked child runs
# /proc/self/exe with argv [argv0, "exec-ok", "X"] and envp ["A=1"]. The new image (argc 3)
# prints argv[1], argc, the number of environment strings, F_GETFD of fd 3 (opened O_CLOEXEC:
# closed by execve, -9) and of fd 4 (kept: 0), the SIGUSR1 handler (reset to SIG_DFL: 0)
# and /proc/self/comm ("exe"), then exits with 7; the parent's wait4 status is 1792 (7 << 8).
    .globl _start
    .text
_start:
    mov (%rsp), %rax
    cmp $3, %rax
    je new_image
    mov 8(%rsp), %rax; mov %rax, child_argv(%rip)       # argv[0] for the child
    # fd 3 close-on-exec, fd 4 not
    mov $2, %eax; lea f_cloexec(%rip), %rdi; mov $0x80241, %esi; mov $0644, %edx; syscall
    mov $2, %eax; lea f_keep(%rip), %rdi; mov $0x241, %esi; mov $0644, %edx; syscall
    # a SIGUSR1 handler that execve must reset
    mov $13, %eax; mov $10, %edi; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    mov $59, %eax; lea p_missing(%rip), %rdi; lea child_argv(%rip), %rsi; lea child_envp(%rip), %rdx; syscall; call show
    mov $59, %eax; lea p_root(%rip), %rdi; lea child_argv(%rip), %rsi; lea child_envp(%rip), %rdx; syscall; call show
    mov $59, %eax; lea p_self(%rip), %rdi; mov $1, %esi; lea child_envp(%rip), %rdx; syscall; call show
    # a non-ELF executable file
    mov $2, %eax; lea p_notelf(%rip), %rdi; mov $0x241, %esi; mov $0755, %edx; syscall; mov %rax, %r12
    mov $1, %eax; mov %r12, %rdi; lea hello(%rip), %rsi; mov $6, %edx; syscall
    mov $3, %eax; mov %r12, %rdi; syscall
    mov $59, %eax; lea p_notelf(%rip), %rdi; lea child_argv(%rip), %rsi; lea child_envp(%rip), %rdx; syscall; call show
    # a file with the ELF magic and nothing more
    mov $2, %eax; lea p_badelf(%rip), %rdi; mov $0x241, %esi; mov $0755, %edx; syscall; mov %rax, %r12
    mov $1, %eax; mov %r12, %rdi; lea elfmagic(%rip), %rsi; mov $7, %edx; syscall
    mov $3, %eax; mov %r12, %rdi; syscall
    mov $59, %eax; lea p_badelf(%rip), %rdi; lea child_argv(%rip), %rsi; lea child_envp(%rip), %rdx; syscall; call show
    # a script whose interpreter does not exist
    mov $2, %eax; lea p_script(%rip), %rdi; mov $0x241, %esi; mov $0755, %edx; syscall; mov %rax, %r12
    mov $1, %eax; mov %r12, %rdi; lea shebang(%rip), %rsi; mov $shebang_len, %edx; syscall
    mov $3, %eax; mov %r12, %rdi; syscall
    mov $59, %eax; lea p_script(%rip), %rdi; lea child_argv(%rip), %rsi; lea child_envp(%rip), %rdx; syscall; call show
    # fork + exec of ourselves
    mov $57, %eax; syscall
    test %rax, %rax
    jnz parent
    mov $59, %eax; lea p_self(%rip), %rdi; lea child_argv(%rip), %rsi; lea child_envp(%rip), %rdx; syscall
    call show
    mov $60, %eax; mov $99, %edi; syscall
parent:
    mov $61, %eax; mov $-1, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall
    mov status(%rip), %eax; call show
    mov $60, %eax; xor %edi, %edi; syscall

new_image:
    mov 16(%rsp), %rsi                                  # argv[1]
    mov %rsi, %rdi
1:  cmpb $0, (%rdi); je 2f; inc %rdi; jmp 1b
2:  movb $10, (%rdi); sub %rsi, %rdi; lea 1(%rdi), %rdx
    mov $1, %eax; mov $1, %edi; syscall                 # "exec-ok\n"
    mov (%rsp), %rax; call show                          # argc
    lea 40(%rsp), %rbx; xor %eax, %eax                   # envp starts after argv's NULL
3:  cmpq $0, (%rbx,%rax,8); je 4f; inc %rax; jmp 3b
4:  call show
    mov $72, %eax; mov $3, %edi; mov $1, %esi; syscall; call show
    mov $72, %eax; mov $4, %edi; mov $1, %esi; syscall; call show
    mov $13, %eax; mov $10, %edi; xor %esi, %esi; lea oldact(%rip), %rdx; mov $8, %r10d; syscall
    mov oldact(%rip), %rax; call show
    mov $2, %eax; lea p_comm(%rip), %rdi; xor %esi, %esi; syscall; mov %rax, %r12
    xor %eax, %eax; mov %r12, %rdi; lea buf(%rip), %rsi; mov $64, %edx; syscall
    mov %rax, %rdx; mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; syscall
    mov $60, %eax; mov $7, %edi; syscall

handler:
    ret
restorer:
    mov $15, %eax; syscall

    .data
    .balign 8
act:        .quad handler, 0x04000000, restorer, 0
child_argv: .quad 0, a_ok, a_x, 0
child_envp: .quad e_a, 0
a_ok:       .asciz "exec-ok"
a_x:        .asciz "X"
e_a:        .asciz "A=1"
f_cloexec:  .asciz "cloexec.txt"
f_keep:     .asciz "keep.txt"
p_missing:  .asciz "/nonexistent/prog"
p_root:     .asciz "/"
p_self:     .asciz "/proc/self/exe"
p_notelf:   .asciz "notelf"
p_script:   .asciz "script"
p_badelf:   .asciz "badelf"
elfmagic:   .byte 0x7f, 'E', 'L', 'F', 2, 1, 1
p_comm:     .asciz "/proc/self/comm"
hello:      .ascii "hello\n"
shebang:    .ascii "#!/nonexistent/interp -x\necho hi\n"
    .set shebang_len, . - shebang
    .bss
    .balign 8
status: .skip 8
oldact: .skip 32
buf:    .skip 64
