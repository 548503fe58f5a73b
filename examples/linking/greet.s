# greet.s — an archive member: pulled in only because main.s leaves `greet` undefined.
    .globl greet
    .text
greet:
    mov $1, %eax                     # write(1, msg, len)
    mov $1, %edi
    lea msg(%rip), %rsi
    mov $len, %edx
    syscall
    incl greeting_count(%rip)        # defined in count.s: one more undefined symbol to pull
    ret

    .section .rodata
msg:    .ascii "Hello, linker!\n"
len = . - msg
