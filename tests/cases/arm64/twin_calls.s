// The same sequence of *at-family calls as x86_64/twin_calls.s: vstrace must print the lines
// strace printed for the x86-64 program. Exit status: 0.
    .globl _start
    .text
_start:
    mov     x0, #-100               // openat(AT_FDCWD, "t.txt", O_WRONLY|O_CREAT|O_TRUNC, 0600)
    adr     x1, name
    mov     x2, #0x241
    mov     x3, #0600
    mov     x8, #56
    svc     #0
    mov     x19, x0
    adr     x1, text                // write(fd, "twin\n", 5)
    mov     x2, #5
    mov     x8, #64
    svc     #0
    mov     x0, x19                 // close(fd)
    mov     x8, #57
    svc     #0
    mov     x0, #-100               // openat(AT_FDCWD, "t.txt", O_RDONLY)
    adr     x1, name
    mov     x2, #0
    mov     x8, #56
    svc     #0
    mov     x19, x0
    adrp    x1, buf                 // read(fd, buf, 64)
    add     x1, x1, :lo12:buf
    mov     x2, #64
    mov     x8, #63
    svc     #0
    mov     x0, x19                 // lseek(fd, 0, SEEK_END)
    mov     x1, #0
    mov     x2, #2
    mov     x8, #62
    svc     #0
    mov     x0, x19                 // dup3(fd, 10, O_CLOEXEC)
    mov     x1, #10
    mov     x2, #0x80000
    mov     x8, #24
    svc     #0
    mov     x0, #10                 // close(10) twice: the second is EBADF
    mov     x8, #57
    svc     #0
    mov     x0, #10
    mov     x8, #57
    svc     #0
    mov     x0, #-100               // mkdirat(AT_FDCWD, "d", 0755) twice: EEXIST
    adr     x1, dir
    mov     x2, #0755
    mov     x8, #34
    svc     #0
    mov     x0, #-100
    adr     x1, dir
    mov     x2, #0755
    mov     x8, #34
    svc     #0
    mov     x0, #-100               // unlinkat(AT_FDCWD, "d", AT_REMOVEDIR)
    adr     x1, dir
    mov     x2, #0x200
    mov     x8, #35
    svc     #0
    mov     x0, #-100               // unlinkat(AT_FDCWD, "t.txt", 0)
    adr     x1, name
    mov     x2, #0
    mov     x8, #35
    svc     #0
    mov     x0, #-100               // openat(AT_FDCWD, "t.txt", O_RDONLY): ENOENT now
    adr     x1, name
    mov     x2, #0
    mov     x8, #56
    svc     #0
    adrp    x0, fds                 // pipe2(fds, O_NONBLOCK)
    add     x0, x0, :lo12:fds
    mov     x1, #0x800
    mov     x8, #59
    svc     #0
    adrp    x1, fds                 // read(fds[0], buf, 8): EAGAIN
    ldrsw   x0, [x1, :lo12:fds]
    adrp    x1, buf
    add     x1, x1, :lo12:buf
    mov     x2, #8
    mov     x8, #63
    svc     #0
    mov     x0, #0                  // exit_group(0)
    mov     x8, #94
    svc     #0

name:   .asciz "t.txt"
dir:    .asciz "d"
text:   .ascii "twin\n"
    .bss
    .balign 8
buf:    .zero 64
fds:    .zero 8
