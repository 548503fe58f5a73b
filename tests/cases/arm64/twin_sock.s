// The arm64 twin of tests/cases/x86_64/twin_sock.s: the same socket calls through svc #0 (the
// asm-generic numbers), whose vstrace lines must equal strace's recording of the x86-64 twin.
    .globl _start
    .text
_start:
    mov x0, #1; mov x1, #1; movk x1, #8, lsl #16; mov x2, #0; adr x3, sv; mov x8, #199; svc #0
    mov x0, #3; adr x1, hi; mov x2, #2; mov x3, #0x4000; mov x4, #0; mov x5, #0; mov x8, #206; svc #0
    mov x0, #4; adr x1, buf; mov x2, #64; mov x3, #2; mov x4, #0; mov x5, #0; mov x8, #207; svc #0
    mov x0, #4; adr x1, buf; mov x2, #64; mov x3, #0; mov x4, #0; mov x5, #0; mov x8, #207; svc #0
    mov x0, #1; mov x1, #2; mov x2, #0; mov x8, #198; svc #0
    mov x0, #5; adr x1, name; mov x2, #name_len; mov x8, #200; svc #0
    adr x9, alen; mov w10, #110; str w10, [x9]
    mov x0, #5; adr x1, addr; adr x2, alen; mov x8, #204; svc #0
    adr x9, one; mov w10, #1; str w10, [x9]
    mov x0, #5; mov x1, #1; mov x2, #7; adr x3, one; mov x4, #4; mov x8, #208; svc #0
    adr x9, olen; mov w10, #4; str w10, [x9]
    mov x0, #5; mov x1, #1; mov x2, #3; adr x3, val; adr x4, olen; mov x8, #209; svc #0
    adr x9, iov; adr x10, hi; str x10, [x9]; mov x10, #2; str x10, [x9, #8]
    adr x9, msg; adr x10, iov; str x10, [x9, #16]; mov x10, #1; str x10, [x9, #24]
    adr x10, cm; str x10, [x9, #32]; mov x10, #24; str x10, [x9, #40]
    adr x9, cm; mov x10, #20; str x10, [x9]; mov w10, #1; str w10, [x9, #8]; str w10, [x9, #12]; mov w10, #5; str w10, [x9, #16]
    mov x0, #3; adr x1, msg; mov x2, #0; mov x8, #211; svc #0
    adr x9, riov; adr x10, buf; str x10, [x9]; mov x10, #16; str x10, [x9, #8]
    adr x9, rmsg; adr x10, riov; str x10, [x9, #16]; mov x10, #1; str x10, [x9, #24]
    adr x10, rc; str x10, [x9, #32]; mov x10, #32; str x10, [x9, #40]
    mov x0, #4; adr x1, rmsg; mov x2, #0x40000000; mov x8, #212; svc #0
    mov x0, #3; mov x1, #2; mov x8, #210; svc #0
    mov x0, #0; mov x8, #93; svc #0
    .data
hi:   .ascii "hi"
name: .short 1
      .ascii "\0twin"
      .set name_len, . - name
    .balign 8
sv:   .skip 8
one:  .skip 4
alen: .skip 4
olen: .skip 4
val:  .skip 4
iov:  .skip 16
riov: .skip 16
msg:  .skip 56
rmsg: .skip 56
cm:   .skip 24
rc:   .skip 32
addr: .skip 112
buf:  .skip 64
