# /proc files whose bytes are the same on every Linux: /proc/self/auxv's AT_PAGESZ pair (the
# fourth on x86-64: after AT_SYSINFO_EHDR, AT_MINSIGSTKSZ and AT_HWCAP) and its mode 0400; the
# first line of /proc/self/fdinfo/N (pos) and its flags line (O_CLOEXEC | O_LARGEFILE | O_RDONLY
# in octal); the limits table's header; /proc/version's first words; /proc/sys/kernel/ostype;
# /proc/sys/fs/pipe-max-size; /proc/self/task's link count for one thread (2 + 1).
    .globl _start
    .text
sys:
    syscall; jmp show
# open(%rsi) read-only → %rbx
open:
    mov $257, %eax; mov $-100, %edi; mov $0x80000, %edx; syscall; mov %rax, %rbx; jmp show
# pread(%rbx, buf, %rdx, %r10) and write what came to stdout
part:
    mov $17, %eax; mov %rbx, %rdi; lea buf(%rip), %rsi; syscall
    push %rax
    mov %rax, %rdx; mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; syscall
    pop %rax; call show
    mov $3, %eax; mov %rbx, %rdi; jmp sys
_start:
    lea auxv(%rip), %rsi; call open                                                  # 3
    mov $5, %eax; mov %rbx, %rdi; lea st(%rip), %rsi; call sys                       # 0
    mov st+24(%rip), %eax; call show                                                 # 33024 (0100400)
    mov $17, %eax; mov %rbx, %rdi; lea buf(%rip), %rsi; mov $16, %edx; mov $48, %r10d; call sys  # 16
    mov buf(%rip), %rax; call show                                                   # 6 (AT_PAGESZ)
    mov buf+8(%rip), %rax; call show                                                 # 4096
    lea fdinfo(%rip), %rsi; call open                                                # 4: fdinfo of fd 3
    mov $23, %edx; xor %r10d, %r10d; call part                                       # pos, flags
    mov $3, %eax; mov $3, %edi; call sys                                             # close auxv: 0
    lea limits(%rip), %rsi; call open
    mov $79, %edx; xor %r10d, %r10d; call part                                       # the header line
    lea version(%rip), %rsi; call open
    mov $14, %edx; xor %r10d, %r10d; call part                                       # "Linux version "
    lea ostype(%rip), %rsi; call open
    mov $64, %edx; xor %r10d, %r10d; call part                                       # "Linux\n"
    lea pipemax(%rip), %rsi; call open
    mov $64, %edx; xor %r10d, %r10d; call part                                       # "1048576\n"
    mov $257, %eax; mov $-100, %edi; lea task(%rip), %rsi; mov $0x10000, %edx; syscall; mov %rax, %rbx; call show  # 3
    mov $5, %eax; mov %rbx, %rdi; lea st(%rip), %rsi; call sys                       # 0
    mov st+16(%rip), %rax; call show                                                 # 3
    mov $60, %eax; xor %edi, %edi; syscall
    .section .rodata
auxv: .asciz "/proc/self/auxv"
fdinfo: .asciz "/proc/self/fdinfo/3"
limits: .asciz "/proc/self/limits"
version: .asciz "/proc/version"
ostype: .asciz "/proc/sys/kernel/ostype"
pipemax: .asciz "/proc/sys/fs/pipe-max-size"
task: .asciz "/proc/self/task"
    .bss
buf: .skip 128
st: .skip 144
