# A unix-socket echo across fork (examples/sockets; docs/sockets.md).
#   vasm build -o echo examples/sockets/echo.s
#   vrun echo        →  client got: hello over a unix socket
#   vstrace -f echo  →  socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 3, bind(3, {sa_family=AF_UNIX,
#                       sun_path="/tmp/echo.sock"}, 17) = 0, listen, accept, read, write …
# The server binds /tmp/echo.sock, listens and forks; the child connects, sends a line and
# prints what comes back; the server accepts, echoes one read back, waits for the child and
# removes the name.
    .globl _start
    .text
_start:
    mov $87, %eax; lea path(%rip), %rdi; syscall                               # unlink a stale name
    mov $41, %eax; mov $1, %edi; mov $0x80001, %esi; xor %edx, %edx; syscall    # socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0)
    mov %rax, %r12
    mov $49, %eax; mov %r12, %rdi; lea addr(%rip), %rsi; mov $addr_len, %edx; syscall   # bind
    mov $50, %eax; mov %r12, %rdi; mov $8, %esi; syscall                        # listen(fd, 8)
    mov $57, %eax; syscall                                                      # fork
    test %rax, %rax
    jz client
    mov %rax, %r14
    mov $43, %eax; mov %r12, %rdi; xor %esi, %esi; xor %edx, %edx; syscall      # accept(fd, NULL, NULL)
    mov %rax, %r13
    xor %eax, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; mov $256, %edx; syscall  # read the line
    mov %rax, %rdx
    mov $1, %eax; mov %r13, %rdi; lea buf(%rip), %rsi; syscall                  # echo it back
    mov $61, %eax; mov %r14, %rdi; xor %esi, %esi; xor %edx, %edx; xor %r10d, %r10d; syscall  # wait4
    mov $87, %eax; lea path(%rip), %rdi; syscall                               # unlink the name
    mov $60, %eax; xor %edi, %edi; syscall
client:
    mov $41, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; syscall
    mov %rax, %r12
    mov $42, %eax; mov %r12, %rdi; lea addr(%rip), %rsi; mov $addr_len, %edx; syscall   # connect
    mov $1, %eax; mov %r12, %rdi; lea line(%rip), %rsi; mov $line_len, %edx; syscall
    mov $1, %eax; mov $1, %edi; lea got(%rip), %rsi; mov $got_len, %edx; syscall
    xor %eax, %eax; mov %r12, %rdi; lea buf(%rip), %rsi; mov $256, %edx; syscall       # the echo
    mov %rax, %rdx
    mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; syscall
    mov $60, %eax; xor %edi, %edi; syscall
    .data
addr: .short 1                                  # struct sockaddr_un: sun_family = AF_UNIX
path: .asciz "/tmp/echo.sock"                   #                     sun_path
      .set addr_len, . - addr
line: .ascii "hello over a unix socket\n"
      .set line_len, . - line
got:  .ascii "client got: "
      .set got_len, . - got
    .bss
buf:  .skip 256
