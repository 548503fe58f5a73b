# The i386 names of calls whose x86-64 twin is named differently: through int $0x80 a 64-bit
# process reaches the i386 table, where stat-at is fstatat64 (300), the 32-bit-uid calls are
# chown32 (212), lchown32 (198), fchown32 (207), getuid32 (199), getegid32 (202); strace names
# each call after the table it went through.
    .globl _start
    .text
_start:
    mov $300, %eax; mov $-100, %ebx; lea path(%rip), %ecx; lea buf(%rip), %edx; xor %esi, %esi; int $0x80; call show
    mov $212, %eax; lea path(%rip), %ebx; xor %ecx, %ecx; xor %edx, %edx; int $0x80; call show
    mov $198, %eax; lea path(%rip), %ebx; xor %ecx, %ecx; xor %edx, %edx; int $0x80; call show
    mov $207, %eax; mov $99, %ebx; xor %ecx, %ecx; xor %edx, %edx; int $0x80; call show
    mov $199, %eax; int $0x80; test %eax, %eax; setns %al; movzbl %al, %eax; call show
    mov $202, %eax; int $0x80; test %eax, %eax; setns %al; movzbl %al, %eax; call show
    mov $60, %eax; xor %edi, %edi; syscall
    .data
path: .asciz "/nonexistent"
    .bss
    .balign 16
buf: .zero 256
