# Sleeping on event files and being woken from another process (a forked child sharing the
# files; it acts after a byte on a pipe says the parent is about to sleep): epoll_wait(-1) on an
# eventfd woken by the child's write; a read of an empty eventfd woken by a write; a write that
# would overflow the counter woken by the child's read; a blocking timerfd read (20 ms).
    .globl _start
    .text
sys:
    syscall; jmp show
go:                                             # tell the child to go on
    mov $1, %eax; mov pfd+4(%rip), %edi; lea pfd(%rip), %rsi; mov $1, %edx; syscall; ret
wait_go:                                        # child: wait for the parent's byte
    xor %eax, %eax; mov pfd(%rip), %edi; lea byte(%rip), %rsi; mov $1, %edx; syscall; ret
_start:
    mov $14, %eax; xor %edi, %edi; lea chld(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; call sys    # SIGCHLD blocked (its arrival time varies): 0
    mov $290, %eax; xor %edi, %edi; xor %esi, %esi; syscall; mov %eax, efd(%rip); call show        # 3
    mov $291, %eax; xor %edi, %edi; syscall; mov %eax, ep(%rip); call show                         # 4
    movl $1, ev(%rip); movq $77, ev+4(%rip)
    mov $233, %eax; mov ep(%rip), %edi; mov $1, %esi; mov efd(%rip), %edx; lea ev(%rip), %r10; call sys  # 0
    mov $293, %eax; lea pfd(%rip), %rdi; xor %esi, %esi; call sys                                  # 0
    mov $57, %eax; syscall
    test %rax, %rax; jz child
    call go
    mov $232, %eax; mov ep(%rip), %edi; lea out(%rip), %rsi; mov $4, %edx; mov $-1, %r10d; call sys   # 1
    mov out+4(%rip), %rax; call show                                                               # 77
    xor %eax, %eax; mov efd(%rip), %edi; lea val(%rip), %rsi; mov $8, %edx; call sys              # 8
    mov val(%rip), %rax; call show                                                                 # 5
    call go
    xor %eax, %eax; mov efd(%rip), %edi; lea val(%rip), %rsi; mov $8, %edx; call sys              # sleeps: 8
    mov val(%rip), %rax; call show                                                                 # 7
    movq $-2, val(%rip)
    mov $1, %eax; mov efd(%rip), %edi; lea val(%rip), %rsi; mov $8, %edx; call sys                # 8
    call go
    movq $1, val(%rip)
    mov $1, %eax; mov efd(%rip), %edi; lea val(%rip), %rsi; mov $8, %edx; call sys                # sleeps: 8
    xor %eax, %eax; mov efd(%rip), %edi; lea val(%rip), %rsi; mov $8, %edx; call sys              # 8
    mov val(%rip), %rax; call show                                                                 # 1
    mov $247, %eax; xor %edi, %edi; xor %esi, %esi; xor %edx, %edx; mov $4, %r10d; xor %r8d, %r8d; call sys   # waitid: 0
    # a blocking timerfd read
    mov $283, %eax; mov $1, %edi; xor %esi, %esi; syscall; mov %eax, tfd(%rip); call show         # 5
    mov $286, %eax; mov tfd(%rip), %edi; xor %esi, %esi; lea its(%rip), %rdx; xor %r10d, %r10d; call sys  # 0
    xor %eax, %eax; mov tfd(%rip), %edi; lea val(%rip), %rsi; mov $8, %edx; call sys              # sleeps 20 ms: 8
    mov val(%rip), %rax; call show                                                                 # 1
    mov $60, %eax; xor %edi, %edi; syscall
child:
    call wait_go
    movq $5, cval(%rip)
    mov $1, %eax; mov efd(%rip), %edi; lea cval(%rip), %rsi; mov $8, %edx; syscall
    call wait_go
    movq $7, cval(%rip)
    mov $1, %eax; mov efd(%rip), %edi; lea cval(%rip), %rsi; mov $8, %edx; syscall
    call wait_go
    xor %eax, %eax; mov efd(%rip), %edi; lea cval(%rip), %rsi; mov $8, %edx; syscall
    mov $60, %eax; xor %edi, %edi; syscall
    .data
    .balign 8
its: .quad 0, 0, 0, 20000000
chld: .quad 1 << 16
    .bss
efd: .skip 4
ep: .skip 4
tfd: .skip 4
pfd: .skip 8
byte: .skip 8
ev: .skip 16
val: .skip 8
cval: .skip 8
out: .skip 64
