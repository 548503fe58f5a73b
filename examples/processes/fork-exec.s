# fork-exec.s — fork, a pipe, execve and wait4: the shape of every shell pipeline (x86-64).
#
#   vasm build -o fork-exec examples/processes/fork-exec.s
#   ./fork-exec; echo $?          # natively, or:
#   vrun fork-exec; echo $?       # "parent read: hello from the new image", then
#                                 # "child exited with 3", exit status 0
#   vstrace -f fork-exec          # fork() = PID, [pid N] lines of the child: dup2, execve(…) = 0,
#                                 # write, exit(3) = ?; +++ exited with 3 +++; the parent's
#                                 # read and wait4(PID, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL)
#
# The parent makes a pipe and forks. The child (fork returned 0) puts the pipe's write end on
# its stdout with dup2 and execs this same program (/proc/self/exe) with the argument "child":
# the new image sees argc == 2, writes its greeting to stdout — the pipe — and exits 3. The
# parent closes its copy of the write end (else read would never see end-of-file), copies
# what the pipe delivers to its own stdout, and reaps the child with wait4: the status word is
# 3 << 8 (WIFEXITED, WEXITSTATUS 3). Numbers: packages/kernel/src/syscalls/numbers.ts.
    .globl _start
    .text
_start:
    cmpq $2, (%rsp)                 # argc == 2: we are the exec'd child
    je new_image
    mov 8(%rsp), %rax               # argv[0] for the child's argv
    mov %rax, child_argv(%rip)
    mov $22, %eax                   # pipe(fds)
    lea fds(%rip), %rdi
    syscall
    mov $57, %eax                   # fork()
    syscall
    test %rax, %rax
    jz child
    mov %rax, %r12                  # the child's pid
    mov $3, %eax                    # close(write end)
    movslq fds+4(%rip), %rdi
    syscall
    mov $1, %eax                    # write(1, "parent read: ", 13)
    mov $1, %edi
    lea prefix(%rip), %rsi
    mov $13, %edx
    syscall
copy:
    xor %eax, %eax                  # read(read end, buf, 64)
    movslq fds(%rip), %rdi
    lea buf(%rip), %rsi
    mov $64, %edx
    syscall
    test %rax, %rax
    jle reap                        # 0: end of file (every write end closed)
    mov %rax, %rdx                  # write(1, buf, n)
    mov $1, %eax
    mov $1, %edi
    lea buf(%rip), %rsi
    syscall
    jmp copy
reap:
    mov $61, %eax                   # wait4(pid, &status, 0, NULL)
    mov %r12, %rdi
    lea status(%rip), %rsi
    xor %edx, %edx
    xor %r10d, %r10d
    syscall
    mov status(%rip), %eax          # WEXITSTATUS = (status >> 8) & 0xff
    shr $8, %eax
    and $0xff, %eax
    add $'0', %al
    mov %al, code(%rip)
    mov $1, %eax                    # write(1, "child exited with N\n", 20)
    mov $1, %edi
    lea done(%rip), %rsi
    mov $20, %edx
    syscall
    mov $60, %eax                   # exit(0)
    xor %edi, %edi
    syscall

child:
    mov $33, %eax                   # dup2(write end, 1)
    movslq fds+4(%rip), %rdi
    mov $1, %esi
    syscall
    mov $59, %eax                   # execve("/proc/self/exe", [argv0, "child"], NULL)
    lea self(%rip), %rdi
    lea child_argv(%rip), %rsi
    xor %edx, %edx
    syscall
    mov $60, %eax                   # only reached when execve failed
    mov $127, %edi
    syscall

new_image:
    mov $1, %eax                    # write(1, "hello from the new image\n", 25)
    mov $1, %edi
    lea hello(%rip), %rsi
    mov $25, %edx
    syscall
    mov $60, %eax                   # exit(3)
    mov $3, %edi
    syscall

    .data
    .balign 8
child_argv: .quad 0, arg_child, 0
arg_child:  .asciz "child"
self:       .asciz "/proc/self/exe"
prefix:     .ascii "parent read: "
hello:      .ascii "hello from the new image\n"
done:       .ascii "child exited with "
code:       .ascii "?\n"
    .bss
    .balign 8
fds:    .skip 8
status: .skip 8
buf:    .skip 64
