# EINVAL and ENOSYS paths of the syscall layer and memory calls, printed as decimal lines:
#   mmap(NULL, 0, ...) , munmap(unaligned), mprotect(unaligned), lseek(0, 0, 99) on a file,
#   syscall -1, syscall 1000, syscall 400 (a hole in the x86-64 table), rax = 0x1_0000_0027 (getpid: the upper half
#   of rax is ignored; printed as "pid>0" → 1), dup3(1, 1, 0), pipe2(buf, 0x1234)
    .globl _start
    .text
_start:
    mov $9, %eax; xor %edi, %edi; xor %esi, %esi; mov $3, %edx; mov $0x22, %r10d; mov $-1, %r8; xor %r9d, %r9d; syscall; call show
    mov $11, %eax; mov $0x10001, %edi; mov $4096, %esi; syscall; call show
    mov $10, %eax; mov $0x10001, %edi; mov $4096, %esi; mov $1, %edx; syscall; call show
    mov $8, %eax; xor %edi, %edi; xor %esi, %esi; mov $99, %edx; syscall; call show
    mov $-1, %rax; syscall; call show
    mov $1000, %eax; syscall; call show
    mov $400, %eax; syscall; call show
    mov $0x100000027, %rax; syscall
    test %rax, %rax; setg %al; movzbl %al, %eax; call show
    mov $292, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; syscall; call show
    mov $293, %eax; lea fds(%rip), %rdi; mov $0x1234, %esi; syscall; call show
    mov $60, %eax; xor %edi, %edi; syscall
    .bss
fds: .skip 8
