// memfd seals on arm64 (asm-generic numbers: memfd_create 279, fcntl 25): the starting seals,
// F_ADD_SEALS's checks, GROW/SHRINK/WRITE enforced on pwrite64, ftruncate and MAP_SHARED
// mmap (a read-only shared mapping cannot become writable), a growing write stopping at the last
// page inside the file, and the pipe-size and signal fcntl commands.
    .globl _start
    .macro la reg, sym
    adrp \reg, \sym
    add \reg, \reg, :lo12:\sym
    .endm
    .macro fc fd, cmd, arg              // fcntl(fd, cmd, arg), print x0
    mov x0, #\fd
    mov x1, #\cmd
    mov x2, #\arg
    mov x8, #25
    bl sys
    .endm
    .text
sys:
    svc #0
    b show
_start:
    la x0, nS; mov x1, #2; mov x8, #279; bl sys                   // 3 (MFD_ALLOW_SEALING)
    la x0, nS; mov x1, #0; mov x8, #279; bl sys                   // 4
    fc 3, 1034, 0                                                 // 0
    fc 4, 1034, 0                                                 // 1
    fc 4, 1033, 4                                                 // EPERM
    fc 3, 1033, 0x40                                              // EINVAL
    mov x0, #3; la x1, hello; mov x2, #5; mov x8, #64; bl sys     // 5
    fc 3, 1033, 6                                                 // 0
    mov x0, #3; la x1, hello; mov x2, #3; mov x3, #4; mov x8, #68; bl sys   // EPERM
    mov x0, #3; la x1, hello; mov x2, #3; mov x3, #1; mov x8, #68; bl sys   // 3
    mov x0, #3; mov x1, #2; mov x8, #46; bl sys                   // EPERM
    mov x0, #3; mov x1, #5; mov x8, #46; bl sys                   // 0
    fc 3, 1033, 9                                                 // 0
    fc 3, 1034, 0                                                 // 15
    mov x0, #3; la x1, hello; mov x2, #1; mov x3, #0; mov x8, #68; bl sys   // EPERM
    mov x0, #0; mov x1, #4096; mov x2, #3; mov x3, #1; mov x4, #3; mov x5, #0; mov x8, #222; bl sys  // EPERM
    mov x0, #0; mov x1, #4096; mov x2, #1; mov x3, #1; mov x4, #3; mov x5, #0; mov x8, #222; svc #0
    mov x19, x0
    ldrb w0, [x19, #1]; bl show                                   // 'h' = 104
    mov x0, x19; mov x1, #4096; mov x2, #3; mov x8, #226; bl sys  // EACCES
    // A write that grows the file stops at the last page boundary inside it.
    la x0, nS; mov x1, #2; mov x8, #279; bl sys                   // 5
    mov x0, #5; mov x1, #6000; mov x8, #46; bl sys                // 0
    fc 5, 1033, 4                                                 // 0
    mov x0, #5; la x1, big; mov x2, #8192; mov x3, #0; mov x8, #68; bl sys  // 4096
    // Pipe capacity and the owner's signal.
    la x0, pfd; mov x1, #0; mov x8, #59; bl sys                   // pipe2: 0 (fds 6, 7)
    fc 6, 1032, 0                                                 // 65536
    fc 6, 1031, 5000                                              // 8192
    fc 7, 1032, 0                                                 // 8192
    fc 6, 1031, 0                                                 // 4096
    fc 7, 4, 0x800                                                // O_NONBLOCK: 0
    mov x0, #7; la x1, big; mov x2, #8192; mov x8, #64; bl sys    // 4096 (all that fits)
    mov x0, #7; la x1, big; mov x2, #1; mov x8, #64; bl sys       // EAGAIN
    fc 6, 1031, 8192                                              // 8192
    mov x0, #7; la x1, big; mov x2, #4096; mov x8, #64; bl sys    // 4096
    fc 6, 1031, 4096                                              // EBUSY
    fc 6, 1032, 0                                                 // 8192
    fc 6, 10, 10                                                  // 0
    fc 6, 11, 0                                                   // 10
    fc 6, 10, 65                                                  // EINVAL
    fc 6, 1025, 0                                                 // F_UNLCK = 2
    fc 6, 1026, 4                                                 // ENOTDIR
    mov x0, #0; mov x8, #93; svc #0
    .section .rodata
nS: .asciz "s"
hello: .ascii "hello"
    .bss
    .balign 8
pfd: .skip 8
big: .skip 8192
