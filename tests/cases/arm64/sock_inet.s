// TCP and UDP on the guest-only loopback, arm64: a listener on 127.0.0.1:7331, a client whose
// ephemeral port (≥ 32768) is what accept reports, bytes both ways, EOF after close,
// ECONNREFUSED on a port nobody listens on; a UDP datagram with its sender's 16-byte address.
    .globl _start
    .text
_start:
    mov x0, #2; mov x1, #1; mov x2, #0; mov x8, #198; svc #0; mov x19, x0
    adr x9, one; mov w10, #1; str w10, [x9]
    mov x0, x19; mov x1, #1; mov x2, #2; adr x3, one; mov x4, #4; mov x8, #208; svc #0; bl show   // 0
    mov x0, x19; adr x1, sin; mov x2, #16; mov x8, #200; svc #0; bl show                          // 0
    mov x0, x19; mov x1, #4; mov x8, #201; svc #0; bl show                                         // 0
    mov x0, #2; mov x1, #1; mov x2, #0; mov x8, #198; svc #0; mov x20, x0
    mov x0, x20; adr x1, sin; mov x2, #16; mov x8, #203; svc #0; bl show                          // 0
    adr x9, alen; mov w10, #16; str w10, [x9]
    mov x0, x20; adr x1, name; adr x2, alen; mov x8, #204; svc #0
    adr x9, name; ldrh w22, [x9, #2]; rev16 w22, w22
    mov x0, #32768; cmp x22, x0; cset x0, hs; bl show                                             // 1
    adr x9, alen; mov w10, #16; str w10, [x9]
    mov x0, x19; adr x1, peer; adr x2, alen; mov x8, #202; svc #0; mov x21, x0
    adr x9, alen; ldr w0, [x9]; bl show                                                           // 16
    adr x9, peer; ldrh w0, [x9, #2]; rev16 w0, w0; cmp x0, x22; cset x0, eq; bl show             // 1
    mov x0, x20; adr x1, hello; mov x2, #5; mov x8, #64; svc #0
    mov x0, x21; adr x1, buf; mov x2, #64; mov x8, #63; svc #0; bl show                           // 5
    mov x0, x20; mov x8, #57; svc #0
    mov x0, x21; adr x1, buf; mov x2, #64; mov x8, #63; svc #0; bl show                           // 0
    mov x0, #2; mov x1, #1; mov x2, #0; mov x8, #198; svc #0; mov x23, x0
    mov x0, x23; adr x1, sin2; mov x2, #16; mov x8, #203; svc #0; bl show                         // -111
    // UDP
    mov x0, #2; mov x1, #2; mov x2, #0; mov x8, #198; svc #0; mov x24, x0
    mov x0, x24; adr x1, sin; mov x2, #16; mov x8, #200; svc #0; bl show                          // 0
    mov x0, #2; mov x1, #2; mov x2, #0; mov x8, #198; svc #0; mov x25, x0
    mov x0, x25; adr x1, hello; mov x2, #5; mov x3, #0; adr x4, sin; mov x5, #16; mov x8, #206; svc #0; bl show  // 5
    adr x9, alen; mov w10, #16; str w10, [x9]
    mov x0, x24; adr x1, buf; mov x2, #64; mov x3, #0; adr x4, peer; adr x5, alen; mov x8, #207; svc #0; bl show  // 5
    adr x9, alen; ldr w0, [x9]; bl show                                                           // 16
    adr x9, peer; ldrb w0, [x9, #4]; bl show                                                      // 127
    mov x0, #0; mov x8, #93; svc #0
    .data
    .balign 4
sin:   .short 2
       .byte 0x1c, 0xa3                  // htons(7331)
       .byte 127, 0, 0, 1
       .quad 0
sin2:  .short 2
       .byte 0x1c, 0xa4                  // htons(7332)
       .byte 127, 0, 0, 1
       .quad 0
hello: .ascii "hello"
    .balign 8
one:  .skip 4
alen: .skip 4
name: .skip 32
peer: .skip 32
buf:  .skip 64
