# EFAULT paths: pointers into unmapped memory, NULL and a kernel address. Each result (-errno)
# is printed as a decimal line by show (shared: show.s).
#   read(0, NULL, 4), read(0, 0xffffffff81000000, 4) (a kernel address), read(0, 16, 4) with
#   stdin from a file, open(NULL, O_RDONLY), open(unmapped, 0), fstat(1, NULL), pipe(NULL),
#   uname(8), getcwd(16, 100)
    .globl _start
    .text
_start:
    mov $0, %eax; xor %edi, %edi; xor %esi, %esi; mov $4, %edx; syscall; call show
    mov $0, %eax; xor %edi, %edi; mov $0xffffffff81000000, %rsi; mov $4, %edx; syscall; call show
    mov $0, %eax; xor %edi, %edi; mov $16, %esi; mov $4, %edx; syscall; call show
    mov $2, %eax; xor %edi, %edi; xor %esi, %esi; syscall; call show
    mov $2, %eax; mov $0x10000000, %edi; xor %esi, %esi; syscall; call show
    mov $5, %eax; mov $1, %edi; xor %esi, %esi; syscall; call show
    mov $22, %eax; xor %edi, %edi; syscall; call show
    mov $63, %eax; mov $8, %edi; syscall; call show
    mov $79, %eax; mov $16, %edi; mov $100, %esi; syscall; call show
    mov $60, %eax; xor %edi, %edi; syscall
