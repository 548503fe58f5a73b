# A unix stream server and client across fork: the parent binds /tmp/vsys-sock-unix (after
# unlinking a stale one), listens, forks; a second bind to the name is EADDRINUSE; the child
# connects, sends "hello" and prints the reply; the parent accepts (the unnamed client's address
# is 2 bytes), reads, answers "world", waits for the child and prints its status; a connect after
# the listener is closed is ECONNREFUSED, and after unlink ENOENT.
    .globl _start
    .text
_start:
    mov $87, %eax; lea path(%rip), %rdi; syscall                       # unlink (stale)
    mov $41, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %r12
    mov $49, %eax; mov %r12, %rdi; lea addr(%rip), %rsi; mov $addr_len, %edx; syscall; call show  # 0
    mov $50, %eax; mov %r12, %rdi; mov $1, %esi; syscall; call show                                 # 0
    mov $41, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %rbx
    mov $49, %eax; mov %rbx, %rdi; lea addr(%rip), %rsi; mov $addr_len, %edx; syscall; call show  # -98
    mov $57, %eax; syscall
    test %rax, %rax
    jz child
    mov %rax, %r14
    movl $110, alen(%rip)
    mov $43, %eax; mov %r12, %rdi; lea peer(%rip), %rsi; lea alen(%rip), %rdx; syscall; mov %rax, %r13
    mov alen(%rip), %eax; call show                                                                  # 2
    mov $0, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; mov $64, %edx; syscall; mov %rax, %r15
    mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; mov %r15, %rdx; syscall
    mov $1, %eax; mov %r13, %rdi; lea world(%rip), %rsi; mov $6, %edx; syscall
    mov $61, %eax; mov %r14, %rdi; lea status(%rip), %rsi; xor %edx, %edx; xor %r10d, %r10d; syscall
    mov status(%rip), %eax; call show                                                                # 0
    # the listener closes: connect is refused; after unlink the name is gone
    mov $3, %eax; mov %r12, %rdi; syscall
    mov $42, %eax; mov %rbx, %rdi; lea addr(%rip), %rsi; mov $addr_len, %edx; syscall; call show  # -111
    mov $87, %eax; lea path(%rip), %rdi; syscall; call show                                         # 0
    mov $42, %eax; mov %rbx, %rdi; lea addr(%rip), %rsi; mov $addr_len, %edx; syscall; call show  # -2
    mov $60, %eax; xor %edi, %edi; syscall
child:
    mov $41, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; syscall; mov %rax, %r12
    mov $42, %eax; mov %r12, %rdi; lea addr(%rip), %rsi; mov $addr_len, %edx; syscall
    mov $1, %eax; mov %r12, %rdi; lea hello(%rip), %rsi; mov $6, %edx; syscall
    mov $0, %eax; mov %r12, %rdi; lea buf(%rip), %rsi; mov $64, %edx; syscall; mov %rax, %r15
    mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; mov %r15, %rdx; syscall
    mov $60, %eax; xor %edi, %edi; syscall
    .data
addr:  .short 1
path:  .asciz "/tmp/vsys-sock-unix"
       .set addr_len, . - addr
hello: .ascii "hello\n"
world: .ascii "world\n"
    .bss
    .balign 8
alen:   .skip 4
status: .skip 4
peer:   .skip 112
buf:    .skip 64
