# epoll over pipes and eventfds: level-triggered items report while ready and go to the back
# of the ready list (maxevents 1 takes them in turn), EPOLLET reports once per wake-up (reading
# part of the data does not re-arm it, a new write does), EPOLLONESHOT until EPOLL_CTL_MOD;
# an epoll inside an epoll; EPOLLHUP when the writer closes; an item stays while a dup of its
# file is open (it is keyed by the fd it was added with) and goes with the last close; a
# timeout with nothing ready.
    .globl _start
    .text
sys:
    syscall; jmp show
ew:                                             # epoll_wait(%rdi, out, %edx, %r10) and dump
    mov $232, %eax; lea out(%rip), %rsi; syscall
dump:                                           # print the count, then events and data of each
    push %rbx; push %rbp
    mov %rax, %rbx; call show
    xor %ebp, %ebp
1:  cmp %rbx, %rbp; jge 2f
    imul $12, %rbp, %rax; lea out(%rip), %rcx; mov (%rcx,%rax), %eax; call show
    imul $12, %rbp, %rax; lea out(%rip), %rcx; mov 4(%rcx,%rax), %rax; call show
    inc %rbp; jmp 1b
2:  pop %rbp; pop %rbx; ret
ctl:                                            # epoll_ctl(%rdi, %esi, %rdx, {events=%r8d, data=%r9})
    mov %r8d, ev(%rip); mov %r9, ev+4(%rip)
    mov $233, %eax; lea ev(%rip), %r10; syscall; jmp show
_start:
    mov $293, %eax; lea fds(%rip), %rdi; xor %esi, %esi; call sys             # pipe2: 0
    mov $291, %eax; xor %edi, %edi; syscall; mov %eax, lt(%rip); call show    # level
    mov $291, %eax; xor %edi, %edi; syscall; mov %eax, et(%rip); call show    # edge
    mov $291, %eax; xor %edi, %edi; syscall; mov %eax, os(%rip); call show    # one-shot
    mov lt(%rip), %edi; mov $1, %esi; mov rfd(%rip), %edx; mov $1, %r8d; mov $0x100000003, %r9; call ctl
    mov et(%rip), %edi; mov $1, %esi; mov rfd(%rip), %edx; mov $0x80000001, %r8d; mov $6, %r9d; call ctl
    mov os(%rip), %edi; mov $1, %esi; mov rfd(%rip), %edx; mov $0x40000001, %r8d; mov $7, %r9d; call ctl
    mov lt(%rip), %edi; mov $1, %esi; mov wfd(%rip), %edx; mov $4, %r8d; mov $4, %r9d; call ctl       # write end, EPOLLOUT
    mov lt(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                     # 1: the write end
    mov $1, %eax; mov wfd(%rip), %edi; lea abc(%rip), %rsi; mov rfd(%rip), %edx; call sys   # write 3
    mov lt(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                     # 2: write end, then read end
    mov et(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                     # 1
    mov et(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                     # 0
    mov os(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                     # 1
    mov os(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                     # 0
    mov $0, %eax; mov rfd(%rip), %edi; lea buf(%rip), %rsi; mov $1, %edx; call sys   # read 1
    mov et(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                     # 0: no new event
    mov $1, %eax; mov wfd(%rip), %edi; lea abc(%rip), %rsi; mov $1, %edx; call sys   # write 1
    mov et(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                     # 1
    mov os(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                     # 0: disarmed
    mov os(%rip), %edi; mov $3, %esi; mov rfd(%rip), %edx; mov $0x40000001, %r8d; mov $77, %r9d; call ctl  # MOD re-arms
    mov os(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                     # 1, data 77
    # three ready eventfds, level-triggered, one at a time: they take turns
    mov $291, %eax; xor %edi, %edi; syscall; mov %eax, rr(%rip); call show
    mov $290, %eax; mov $1, %edi; xor %esi, %esi; syscall; mov %eax, e1(%rip); call show
    mov $290, %eax; mov $1, %edi; xor %esi, %esi; syscall; mov %eax, e2(%rip); call show
    mov $290, %eax; mov $1, %edi; xor %esi, %esi; syscall; mov %eax, e3(%rip); call show
    mov rr(%rip), %edi; mov $1, %esi; mov e1(%rip), %edx; mov $1, %r8d; mov $1, %r9d; call ctl
    mov rr(%rip), %edi; mov $1, %esi; mov e2(%rip), %edx; mov $1, %r8d; mov $2, %r9d; call ctl
    mov rr(%rip), %edi; mov $1, %esi; mov e3(%rip), %edx; mov $5, %r8d; mov $3, %r9d; call ctl
    mov rr(%rip), %edi; mov $1, %edx; xor %r10d, %r10d; call ew                     # data 1
    mov rr(%rip), %edi; mov $1, %edx; xor %r10d, %r10d; call ew                     # data 2
    mov rr(%rip), %edi; mov $1, %edx; xor %r10d, %r10d; call ew                     # data 3 (IN|OUT)
    mov rr(%rip), %edi; mov $2, %edx; xor %r10d, %r10d; call ew                     # 1, 2
    # an epoll in an epoll: readable when the inner one has an event
    mov $291, %eax; xor %edi, %edi; syscall; mov %eax, nest(%rip); call show
    mov nest(%rip), %edi; mov $1, %esi; mov et(%rip), %edx; mov $1, %r8d; mov $66, %r9d; call ctl
    mov nest(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                    # 0
    mov $1, %eax; mov wfd(%rip), %edi; lea abc(%rip), %rsi; mov $1, %edx; call sys   # write 1
    mov nest(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                    # 1, data 66
    mov et(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                     # 1, data 6
    # the writer goes: the read end reports EPOLLHUP with its data
    mov $3, %eax; mov wfd(%rip), %edi; call sys                               # close the writer
    mov lt(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                     # 1: IN|HUP
    # close the read end while a dup stays open: the item stays
    mov $32, %eax; mov rfd(%rip), %edi; syscall; mov %eax, dupfd(%rip); call show     # dup
    mov $3, %eax; mov rfd(%rip), %edi; call sys                               # close the read end
    mov lt(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                     # 1, still
    mov $233, %eax; mov lt(%rip), %edi; mov $2, %esi; mov dupfd(%rip), %edx; xor %r10d, %r10d; call sys  # DEL dup: ENOENT
    mov $3, %eax; mov dupfd(%rip), %edi; call sys                             # close the dup
    mov lt(%rip), %edi; mov $8, %edx; xor %r10d, %r10d; call ew                     # 0: gone
    mov lt(%rip), %edi; mov $8, %edx; mov $20, %r10d; call ew                       # waits 20 ms: 0
    mov $60, %eax; xor %edi, %edi; syscall
    .section .rodata
abc: .ascii "abc"
    .bss
fds:
rfd: .skip 4
wfd: .skip 4
lt: .skip 4
et: .skip 4
os: .skip 4
rr: .skip 4
e1: .skip 4
e2: .skip 4
e3: .skip 4
nest: .skip 4
dupfd: .skip 4
ev: .skip 16
buf: .skip 16
out: .skip 128
