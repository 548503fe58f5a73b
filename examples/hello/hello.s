# hello.s — the smallest complete trip through the kernel boundary (x86-64).
#
#   vasm build -o hello examples/hello/hello.s
#   vrun --stats hello          # or: vstrace ./hello
#
# write(1, msg, len) then exit(0): each `syscall` leaves ring 3 for the kernel's entry code.
    .globl _start
    .text
_start:
    mov $1, %eax            # __NR_write
    mov $1, %edi            # fd 1: stdout
    lea msg(%rip), %rsi     # buf
    mov $len, %edx          # count
    syscall
    mov $60, %eax           # __NR_exit
    xor %edi, %edi          # status 0
    syscall

    .section .rodata
msg:    .ascii "Hello from ring 3!\n"
len = . - msg
