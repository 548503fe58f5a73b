// The x86_64/sock_pair.s case on arm64 (asm-generic numbers: socketpair 199, sendto 206,
// recvfrom 207, getsockopt 209, shutdown 210): a socketpair's bytes go both ways, MSG_PEEK
// leaves them queued, fstat shows S_IFSOCK, SO_TYPE is SOCK_STREAM, shutdown(SHUT_WR) gives
// the peer end of file, a write after that or after the peer closed is EPIPE.
    .globl _start
    .text
_start:
    mov x0, #1; mov x1, #1; movk x1, #8, lsl #16; mov x2, #0; adr x3, sv; mov x8, #199; svc #0; bl show   // 0
    adr x9, sv; ldrsw x19, [x9]; ldrsw x20, [x9, #4]
    mov x0, x19; adr x1, ping; mov x2, #4; mov x8, #64; svc #0; bl show                 // 4
    mov x0, x19; adr x1, more; mov x2, #3; mov x8, #64; svc #0; bl show                 // 3
    mov x0, x20; adr x1, buf; mov x2, #64; mov x3, #2; mov x4, #0; mov x5, #0; mov x8, #207; svc #0; bl show  // 7
    mov x0, x20; adr x1, buf; mov x2, #64; mov x8, #63; svc #0; mov x21, x0; bl show    // 7
    mov x0, #1; adr x1, buf; mov x2, x21; mov x8, #64; svc #0
    mov x0, #1; adr x1, nl; mov x2, #1; mov x8, #64; svc #0
    mov x0, x20; adr x1, pong; mov x2, #4; mov x3, #0; mov x4, #0; mov x5, #0; mov x8, #206; svc #0; bl show  // 4
    mov x0, x19; adr x1, buf; mov x2, #64; mov x8, #63; svc #0; bl show                 // 4
    mov x0, x19; adr x1, st; mov x8, #80; svc #0
    adr x9, st; ldr w0, [x9, #16]; and w0, w0, #0170000; bl show                        // 49152
    adr x9, optlen; mov w10, #4; str w10, [x9]
    mov x0, x19; mov x1, #1; mov x2, #3; adr x3, val; adr x4, optlen; mov x8, #209; svc #0; bl show  // 0
    adr x9, val; ldr w0, [x9]; bl show                                                   // 1
    mov x0, x19; mov x1, #1; mov x8, #210; svc #0; bl show                               // 0
    mov x0, x20; adr x1, buf; mov x2, #64; mov x8, #63; svc #0; bl show                 // 0
    mov x0, x19; adr x1, ping; mov x2, #4; mov x3, #0x4000; mov x4, #0; mov x5, #0; mov x8, #206; svc #0; bl show  // -32
    mov x0, x19; mov x8, #57; svc #0
    mov x0, x20; adr x1, ping; mov x2, #4; mov x3, #0x4000; mov x4, #0; mov x5, #0; mov x8, #206; svc #0; bl show  // -32
    mov x0, #0; mov x8, #93; svc #0
    .data
ping: .ascii "ping"
more: .ascii "+++"
pong: .ascii "pong"
nl:   .ascii "\n"
    .balign 8
sv:     .skip 8
val:    .skip 4
optlen: .skip 4
st:     .skip 128
buf:    .skip 64
