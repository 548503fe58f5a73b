// /dev on arm64 (the x86-64 dev_files twin): /dev/full's write is ENOSPC and its read gives
// zeros; fstat shows makedev(1, 7) and (1, 8) for full and random (struct stat: st_mode at 16,
// st_rdev at 32 in the asm-generic layout); /dev/stdin and /dev/fd are symlinks into /proc/self.
    .globl _start
    .text
_start:
    mov x8, #56; mov x0, #-100; adrp x1, full; add x1, x1, :lo12:full; mov x2, #2; mov x3, #0; svc #0
    mov x19, x0; bl show                                    // 3
    mov x8, #64; mov x0, x19; adrp x1, x_; add x1, x1, :lo12:x_; mov x2, #1; svc #0; bl show   // ENOSPC
    adrp x20, buf; add x20, x20, :lo12:buf
    mov w0, #0x0101; str w0, [x20]
    mov x8, #63; mov x0, x19; mov x1, x20; mov x2, #4; svc #0; bl show    // 4
    ldr w0, [x20]; bl show                                  // 0
    adrp x21, st; add x21, x21, :lo12:st
    mov x8, #80; mov x0, x19; mov x1, x21; svc #0; bl show  // 0
    ldr w0, [x21, #16]; bl show                             // 8630 (020666)
    ldr x0, [x21, #32]; bl show                             // 263 (1:7)
    mov x8, #56; mov x0, #-100; adrp x1, random; add x1, x1, :lo12:random; mov x2, #0; mov x3, #0; svc #0
    mov x19, x0; bl show                                    // 4
    mov x8, #80; mov x0, x19; mov x1, x21; svc #0; bl show  // 0
    ldr x0, [x21, #32]; bl show                             // 264 (1:8)
    adrp x0, stdin_; add x0, x0, :lo12:stdin_; bl link
    adrp x0, fd_; add x0, x0, :lo12:fd_; bl link
    mov x8, #93; mov x0, #0; svc #0
// readlinkat(AT_FDCWD, x0, buf, 64), print the text and the length
link:
    mov x22, x30
    mov x1, x0; mov x0, #-100; mov x2, x20; mov x3, #64; mov x8, #78; svc #0
    mov x23, x0
    mov x2, x0; mov x1, x20; mov x0, #1; mov x8, #64; svc #0
    mov x0, x23; bl show
    mov x30, x22; ret
    .section .rodata
full: .asciz "/dev/full"
random: .asciz "/dev/random"
stdin_: .asciz "/dev/stdin"
fd_: .asciz "/dev/fd"
x_: .ascii "x"
    .bss
buf: .skip 64
st: .skip 128
