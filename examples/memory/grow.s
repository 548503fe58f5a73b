# grow.s — a buffer that grows with mremap, is checked with mincore, locked with mlock, and
# sent to stdout through a pipe with vmsplice and splice (x86-64).
#
#   vasm build -o grow examples/memory/grow.s
#   vrun grow          # hello from a page that moved
#                      # resident: 1 0 0
#   vstrace grow       # mremap(0x…, 4096, 12288, MREMAP_MAYMOVE) = 0x…
#                      # mincore(0x…, 12288, [1, 0, 0]) = 0
#                      # vmsplice(4, [{iov_base="hello from a page that moved\n", iov_len=29}], 1, 0) = 29
#                      # splice(3, NULL, 1, NULL, 29, 0) = 29
#
# 1. mmap one anonymous page and write a line into it; map a second page right after it so the
#    first cannot grow in place; mremap(MREMAP_MAYMOVE) moves it to three pages elsewhere —
#    the line comes along (the page-table entry moves, nothing is copied).
# 2. mincore shows which of the three pages are resident: only the first was ever touched.
# 3. mlock the whole buffer (which faults the other two in), then munlock it.
# 4. vmsplice the line into a pipe and splice it from the pipe to stdout. See docs/memory.md.
    .globl _start
    .text
_start:
    mov $9, %eax; mov $0x10000000, %edi; mov $4096, %esi; mov $3, %edx; mov $0x32, %r10d; mov $-1, %r8; xor %r9d, %r9d; syscall
    mov %rax, %rbx
    lea msg(%rip), %rsi; mov %rbx, %rdi; mov $msglen, %ecx; rep movsb
    mov $9, %eax; mov $0x10001000, %edi; mov $4096, %esi; mov $3, %edx; mov $0x32, %r10d; mov $-1, %r8; xor %r9d, %r9d; syscall
    mov $25, %eax; mov %rbx, %rdi; mov $4096, %esi; mov $12288, %edx; mov $1, %r10d; syscall   # mremap
    mov %rax, %rbx
    mov $27, %eax; mov %rbx, %rdi; mov $12288, %esi; lea vec(%rip), %rdx; syscall               # mincore
    mov $149, %eax; mov %rbx, %rdi; mov $12288, %esi; syscall                                   # mlock
    mov $150, %eax; mov %rbx, %rdi; mov $12288, %esi; syscall                                   # munlock
    mov $22, %eax; lea fds(%rip), %rdi; syscall                                                 # pipe
    mov %rbx, iov(%rip)
    mov $278, %eax; mov fds+4(%rip), %edi; lea iov(%rip), %rsi; mov $1, %edx; xor %r10d, %r10d; syscall  # vmsplice
    mov $275, %eax; mov fds(%rip), %edi; xor %esi, %esi; mov $1, %edx; xor %r10d, %r10d; mov $msglen, %r8d; xor %r9d, %r9d; syscall  # splice
    # "resident: v0 v1 v2"
    lea out(%rip), %rdi
    movzbl vec(%rip), %eax; add $'0', %al; mov %al, 10(%rdi)
    movzbl vec+1(%rip), %eax; add $'0', %al; mov %al, 12(%rdi)
    movzbl vec+2(%rip), %eax; add $'0', %al; mov %al, 14(%rdi)
    mov $1, %eax; mov $1, %edi; lea out(%rip), %rsi; mov $16, %edx; syscall
    mov $231, %eax; xor %edi, %edi; syscall
    .data
msg: .ascii "hello from a page that moved\n"
    .set msglen, . - msg
out: .ascii "resident: ? ? ?\n"
    .balign 8
iov: .quad 0, msglen
    .bss
fds: .skip 8
vec: .skip 4
