// The x86_64/sock_unix.s case on arm64: a unix stream server binds /tmp/vsys-sock-unix-a64,
// listens and forks (clone(SIGCHLD) as glibc's fork); a second bind is EADDRINUSE; the child
// connects, sends "hello" and prints the reply; the parent accepts (a 2-byte unnamed address),
// answers "world", waits, and after closing the listener connect is ECONNREFUSED, after unlink
// ENOENT.
    .globl _start
    .text
_start:
    mov x0, #-100; adr x1, path; mov x2, #0; mov x8, #35; svc #0            // unlinkat (stale)
    mov x0, #1; mov x1, #1; mov x2, #0; mov x8, #198; svc #0; mov x19, x0
    mov x0, x19; adr x1, addr; mov x2, #addr_len; mov x8, #200; svc #0; bl show   // 0
    mov x0, x19; mov x1, #1; mov x8, #201; svc #0; bl show                         // 0
    mov x0, #1; mov x1, #1; mov x2, #0; mov x8, #198; svc #0; mov x20, x0
    mov x0, x20; adr x1, addr; mov x2, #addr_len; mov x8, #200; svc #0; bl show   // -98
    mov x0, #17; mov x1, #0; mov x2, #0; mov x3, #0; mov x4, #0; mov x8, #220; svc #0
    cbz x0, child
    mov x22, x0
    adr x9, alen; mov w10, #110; str w10, [x9]
    mov x0, x19; adr x1, peer; adr x2, alen; mov x8, #202; svc #0; mov x21, x0
    adr x9, alen; ldr w0, [x9]; bl show                                            // 2
    mov x0, x21; adr x1, buf; mov x2, #64; mov x8, #63; svc #0; mov x23, x0
    mov x0, #1; adr x1, buf; mov x2, x23; mov x8, #64; svc #0
    mov x0, x21; adr x1, world; mov x2, #6; mov x8, #64; svc #0
    mov x0, x22; adr x1, status; mov x2, #0; mov x3, #0; mov x8, #260; svc #0
    adr x9, status; ldr w0, [x9]; bl show                                          // 0
    mov x0, x19; mov x8, #57; svc #0
    mov x0, x20; adr x1, addr; mov x2, #addr_len; mov x8, #203; svc #0; bl show   // -111
    mov x0, #-100; adr x1, path; mov x2, #0; mov x8, #35; svc #0; bl show          // 0
    mov x0, x20; adr x1, addr; mov x2, #addr_len; mov x8, #203; svc #0; bl show   // -2
    mov x0, #0; mov x8, #93; svc #0
child:
    mov x0, #1; mov x1, #1; mov x2, #0; mov x8, #198; svc #0; mov x19, x0
    mov x0, x19; adr x1, addr; mov x2, #addr_len; mov x8, #203; svc #0
    mov x0, x19; adr x1, hello; mov x2, #6; mov x8, #64; svc #0
    mov x0, x19; adr x1, buf; mov x2, #64; mov x8, #63; svc #0; mov x23, x0
    mov x0, #1; adr x1, buf; mov x2, x23; mov x8, #64; svc #0
    mov x0, #0; mov x8, #93; svc #0
    .data
addr:  .short 1
path:  .asciz "/tmp/vsys-sock-unix-a64"
       .set addr_len, . - addr
hello: .ascii "hello\n"
world: .ascii "world\n"
    .balign 8
alen:   .skip 4
status: .skip 4
peer:   .skip 112
buf:    .skip 64
