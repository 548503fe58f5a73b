// The miscellaneous calls through arm64's asm-generic numbers: pwritev/preadv,
// copy_file_range, splice/tee/vmsplice through pipes, fallocate, fadvise64, readahead,
// sync/syncfs, getpriority/setpriority, sched_getscheduler, sched_getaffinity (recorded under
// taskset -c 0), personality, membarrier, setxattr/getxattr, chroot. Results and errors only.
// (preadv2 is left out: qemu-user answers it with ENOSYS.)
    .globl _start
    .text
sc:                                     // x8 = number; prints the result
    str x30, [sp, #-16]!
    svc #0
    bl show
    ldr x30, [sp], #16
    ret
_start:
    mov x0, #-100; adrp x1, fname; add x1, x1, :lo12:fname; mov x2, #0x42; mov x3, #0644; mov x8, #56; bl sc  // openat: 3
    mov x0, #3; adrp x1, iovw; add x1, x1, :lo12:iovw; mov x2, #2; mov x3, #0; mov x8, #70; bl sc           // pwritev: 12
    mov x0, #3; adrp x1, iovr; add x1, x1, :lo12:iovr; mov x2, #2; mov x3, #0; mov x8, #69; bl sc           // preadv: 12
    mov x0, #1; adrp x1, buf; add x1, x1, :lo12:buf; mov x2, #12; mov x8, #64; svc #0                        // hello world
    mov x0, #3; adrp x1, iovr; add x1, x1, :lo12:iovr; mov x2, #1; mov x3, #-1; mov x8, #69; bl sc          // preadv -1: EINVAL
    adrp x1, p; add x1, x1, :lo12:p; mov x0, x1; mov x1, #0; mov x8, #59; bl sc                              // pipe2: 0 (4, 5)
    adrp x1, q; add x1, x1, :lo12:q; mov x0, x1; mov x1, #0; mov x8, #59; bl sc                              // pipe2: 0 (6, 7)
    mov x0, #3; adrp x1, off; add x1, x1, :lo12:off; mov x2, #5; mov x3, #0; mov x4, #11; mov x5, #0; mov x8, #76; bl sc   // splice: 11
    mov x0, #4; mov x1, #7; mov x2, #100; mov x3, #0; mov x8, #77; bl sc                                    // tee: 11
    mov x0, #4; mov x1, #0; mov x2, #5; mov x3, #0; mov x4, #10; mov x5, #0; mov x8, #76; bl sc              // same pipe: EINVAL
    mov x0, #6; adrp x1, iovr; add x1, x1, :lo12:iovr; mov x2, #1; mov x3, #0; mov x8, #75; bl sc           // vmsplice out: 5
    mov x0, #-100; adrp x1, gname; add x1, x1, :lo12:gname; mov x2, #0x42; mov x3, #0644; mov x8, #56; bl sc  // 8
    mov x0, #3; mov x1, #0; mov x2, #8; mov x3, #0; mov x4, #5; mov x5, #0; mov x8, #285; bl sc              // copy_file_range: 5
    mov x0, #3; mov x1, #0; mov x2, #8; mov x3, #0; mov x4, #5; mov x5, #1; mov x8, #285; bl sc              // EINVAL
    mov x0, #8; mov x1, #0; mov x2, #0; mov x3, #100; mov x8, #47; bl sc                                    // fallocate: 0
    mov x0, #8; mov x1, #0; mov x2, #2; mov x8, #62; bl sc                                                  // lseek END: 100
    mov x0, #5; mov x1, #0; mov x2, #0; mov x3, #100; mov x8, #47; bl sc                                    // ESPIPE
    mov x0, #3; mov x1, #0; mov x2, #0; mov x3, #2; mov x8, #223; bl sc                                     // fadvise64: 0
    mov x0, #3; mov x1, #0; mov x2, #0; mov x3, #9; mov x8, #223; bl sc                                     // EINVAL
    mov x0, #4; mov x1, #0; mov x2, #100; mov x8, #213; bl sc                                               // readahead pipe: EINVAL
    mov x8, #81; bl sc                                                                                       // sync: 0
    mov x0, #99; mov x8, #267; bl sc                                                                         // syncfs: EBADF
    mov x0, #0; mov x1, #0; mov x2, #4; mov x8, #140; bl sc                                                  // setpriority: 0
    mov x0, #0; mov x1, #0; mov x8, #141; bl sc                                                              // getpriority: 16
    mov x0, #0; mov x8, #120; bl sc                                                                          // sched_getscheduler: 0
    mov x0, #0; mov x1, #128; adrp x2, mask; add x2, x2, :lo12:mask; mov x8, #123; bl sc                    // getaffinity: 32
    adrp x2, mask; add x2, x2, :lo12:mask; ldr x0, [x2]; bl show                                            // 1
    mov x0, #-1; mov x8, #92; bl sc                                                                          // personality: 0
    mov x0, #0; mov x1, #0; mov x8, #283; bl sc                                                              // membarrier QUERY
    adrp x0, fname; add x0, x0, :lo12:fname; adrp x1, ua; add x1, x1, :lo12:ua; adrp x2, hello; add x2, x2, :lo12:hello; mov x3, #5; mov x4, #0; mov x8, #5; bl sc  // setxattr: 0
    adrp x0, fname; add x0, x0, :lo12:fname; adrp x1, ua; add x1, x1, :lo12:ua; adrp x2, buf; add x2, x2, :lo12:buf; mov x3, #0; mov x8, #8; bl sc                 // getxattr: 5
    adrp x0, fname; add x0, x0, :lo12:fname; adrp x1, uzz; add x1, x1, :lo12:uzz; adrp x2, buf; add x2, x2, :lo12:buf; mov x3, #64; mov x8, #8; bl sc              // ENODATA
    adrp x0, nosuch; add x0, x0, :lo12:nosuch; mov x8, #51; bl sc                                            // chroot: ENOENT
    mov x0, #-100; adrp x1, fname; add x1, x1, :lo12:fname; mov x2, #0; mov x8, #35; svc #0                  // unlinkat f
    mov x0, #-100; adrp x1, gname; add x1, x1, :lo12:gname; mov x2, #0; mov x8, #35; svc #0                  // unlinkat g
    mov x0, #0; mov x8, #93; svc #0
    .data
fname: .asciz "f"
gname: .asciz "g"
nosuch: .asciz "nosuch"
ua: .asciz "user.a"
uzz: .asciz "user.zz"
hello: .ascii "hello"
w1: .ascii "hello "
w2: .ascii "world\n"
    .balign 8
iovw: .quad w1, 6, w2, 6
iovr: .quad buf, 5, buf+5, 7
    .bss
    .balign 8
off: .skip 8
p: .skip 8
q: .skip 8
mask: .skip 128
buf: .skip 128
