# Socket error paths, each result on its own line: bad families, types and protocols; ENOTSOCK
# and EBADF; address lengths; names that do not exist or are not sockets; calls in the wrong
# state (listen/accept/recv/send/shutdown/getpeername); option sizes and unknown options;
# accept4 flags; MSG_OOB on a unix socket; an address that is not this machine's.
    .macro sc nr, a=$0, b=$0, c=$0, d=$0, e=$0
    mov $\nr, %eax; mov \a, %rdi; mov \b, %rsi; mov \c, %rdx; mov \d, %r10; mov \e, %r8; syscall; call show
    .endm
    .macro sock fam, type, reg
    mov $41, %eax; mov $\fam, %edi; mov $\type, %esi; xor %edx, %edx; syscall; mov %rax, \reg
    .endm
    .globl _start
    .text
_start:
    sc 41, $117, $1, $0              # socket(117, SOCK_STREAM): EAFNOSUPPORT
    sc 41, $2, $77, $0               # bad type bits: EINVAL
    sc 41, $1, $1, $5                # AF_UNIX protocol 5: EPROTONOSUPPORT
    sc 41, $2, $2, $6                # UDP type with IPPROTO_TCP: EPROTONOSUPPORT
    sc 41, $2, $5, $0                # AF_INET SOCK_SEQPACKET: ESOCKTNOSUPPORT
    sc 41, $1, $4, $0                # AF_UNIX SOCK_RDM: ESOCKTNOSUPPORT
    sc 53, $2, $1, $0, $sv           # socketpair(AF_INET): EOPNOTSUPP
    sc 50, $0, $1                    # listen(0 = /dev/null): ENOTSOCK
    sc 50, $99, $1                   # listen(99): EBADF
    sock 1, 1, %r12                  # unix stream
    sc 49, %r12, $unaddr, $1         # bind, 1 byte: EINVAL
    sc 49, %r12, $unaddr, $200       # bind, 200 bytes: EINVAL
    sc 49, %r12, $inaddr, $16        # sa_family AF_INET on a unix socket: EINVAL
    sc 49, %r12, $nodir, $nodir_len  # a directory that does not exist: ENOENT
    sc 42, %r12, $noent, $noent_len  # connect to a missing name: ENOENT
    sc 2, $plain, $0101, $0644       # open(plain, O_WRONLY|O_CREAT)
    sc 42, %r12, $plainaddr, $plain_len  # connect to a regular file: ECONNREFUSED
    sc 87, $plain                    # unlink
    movl $110, alen(%rip)
    sc 52, %r12, $name, $alen        # getpeername unconnected: ENOTCONN
    sc 43, %r12, $0, $0              # accept, not listening: EINVAL
    sc 50, %r12, $1                  # listen, not bound: EINVAL
    sc 45, %r12, $buf, $8, $0x40     # recv, not connected: EINVAL
    sc 44, %r12, $buf, $8, $0x4000   # send, not connected: ENOTCONN
    sc 48, %r12, $7                  # shutdown(7): EINVAL
    sc 48, %r12, $2                  # shutdown unix unconnected: 0
    sc 288, %r12, $0, $0, $1         # accept4 flags 1: EINVAL
    sc 54, %r12, $1, $2, $one, $2    # setsockopt optlen 2: EINVAL
    sc 54, %r12, $1, $9999, $one, $4 # unknown SOL_SOCKET option: ENOPROTOOPT
    sc 54, %r12, $6, $1, $one, $4    # SOL_TCP on a unix socket: EOPNOTSUPP
    movl $-1, olen(%rip)
    sc 55, %r12, $1, $3, $val, $olen # getsockopt, *optlen = -1: EINVAL
    movl $4, olen(%rip)
    sc 55, %r12, $1, $9999, $val, $olen  # unknown: ENOPROTOOPT
    sock 1, 2, %r13                  # unix dgram
    sc 43, %r13, $0, $0              # accept on dgram: EOPNOTSUPP
    sc 50, %r13, $1                  # listen on dgram: EOPNOTSUPP
    sc 45, %r13, $buf, $8, $0x41     # MSG_OOB|MSG_DONTWAIT: EOPNOTSUPP
    sock 2, 1, %r14                  # TCP
    sc 45, %r14, $buf, $8, $0x40     # recv, not connected: ENOTCONN
    sc 44, %r14, $buf, $8, $0x4000   # send, not connected: EPIPE
    sc 48, %r14, $2                  # shutdown, not connected: ENOTCONN
    sc 49, %r14, $far, $16           # bind 10.0.0.1: EADDRNOTAVAIL
    sc 43, %r14, $0, $0              # accept, not listening: EINVAL
    sock 2, 2, %r15                  # UDP
    sc 44, %r15, $buf, $1, $0        # sendto without address: EDESTADDRREQ
    sc 50, %r15, $1                  # listen on UDP: EOPNOTSUPP
    sc 54, %r15, $1, $16, $one, $4   # SO_PASSCRED on UDP: EOPNOTSUPP
    mov $60, %eax; xor %edi, %edi; syscall
    .data
    .balign 4
unaddr:    .short 1
           .asciz "/tmp/vsys-sock-x"
inaddr:    .short 2
           .space 126
nodir:     .short 1
           .asciz "/tmp/vsys-no-such-dir/s"
           .set nodir_len, . - nodir
noent:     .short 1
           .asciz "/tmp/vsys-sock-missing"
           .set noent_len, . - noent
plainaddr: .short 1
plain:     .asciz "/tmp/vsys-sock-plainfile"
           .set plain_len, . - plainaddr
far:       .short 2
           .byte 0, 80, 10, 0, 0, 1
           .quad 0
one:       .long 1
    .bss
    .balign 8
sv:   .skip 8
alen: .long 0
olen: .long 0
val:  .skip 16
name: .skip 112
buf:  .skip 64
