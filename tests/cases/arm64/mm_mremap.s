// mremap, mincore, mlock, msync on arm64 (asm-generic numbers): growing in place, ENOMEM
// without MREMAP_MAYMOVE when a mapping is in the way, moving with the data, MREMAP_FIXED,
// shrinking, and the argument errors; mincore before and after a touch; mlock's ENOMEM for a
// hole; msync's flag checks. Addresses are printed relative to where they were asked for.
// (A new size of 0 is left out: qemu-user answers it with ENOMEM where Linux says EINVAL.)
    .globl _start
    .text
mmapfix:                                // x0 addr, x1 len, x3 flags (| MAP_FIXED)
    mov x2, #3
    orr x3, x3, #0x10
    mov x4, #-1
    mov x5, #0
    mov x8, #222
    svc #0
    ret
remap:                                  // x0..x4 as mremap's
    mov x8, #216
    svc #0
    ret
_start:
    mov x19, #0x10000000
    mov x0, x19; mov x1, #8192; mov x3, #0x22; bl mmapfix
    mov x9, #11; str x9, [x19]
    mov x9, #22; add x10, x19, #4096; str x9, [x10]
    mov x0, x19; mov x1, #8192; mov x2, #16384; mov x3, #0; bl remap
    sub x0, x0, x19; bl show                         // 0: grown in place
    add x10, x19, #8192; ldr x0, [x10]; bl show      // 0
    mov x9, #33; add x10, x19, #8192; str x9, [x10]
    add x0, x19, #16384; mov x1, #4096; mov x3, #0x22; bl mmapfix
    mov x0, x19; mov x1, #16384; mov x2, #20480; mov x3, #0; bl remap
    bl show                                          // -ENOMEM
    mov x0, x19; mov x1, #16384; mov x2, #20480; mov x3, #1; bl remap
    mov x20, x0
    cmp x0, x19; cset x0, ne; bl show                // 1: moved
    ldr x0, [x20]; bl show                           // 11
    ldr x0, [x20, #4096]; bl show                    // 22
    ldr x0, [x20, #8192]; bl show                    // 33
    mov x0, x19; mov x1, #4096; adrp x2, vec; add x2, x2, :lo12:vec; mov x8, #232; svc #0
    bl show                                          // -ENOMEM: old range gone
    mov x0, x20; mov x1, #20480; mov x2, #4096; mov x3, #0; bl remap
    sub x0, x0, x20; bl show                         // 0: shrunk
    add x0, x20, #1; mov x1, #4096; mov x2, #4096; mov x3, #0; bl remap
    bl show                                          // EINVAL
    mov x0, x20; mov x1, #4096; mov x2, #4096; mov x3, #2; mov x4, #0x30000000; bl remap
    bl show                                          // EINVAL: FIXED without MAYMOVE
    mov x0, #0x20000000; mov x1, #4096; mov x2, #8192; mov x3, #1; bl remap
    bl show                                          // EFAULT
    mov x0, x20; mov x1, #4096; mov x2, #4096; mov x3, #3; mov x4, #0x30000000; bl remap
    mov x21, #0x30000000
    sub x0, x0, x21; bl show                         // 0
    ldr x0, [x21]; bl show                           // 11
    // mincore: a fresh 2-page mapping, the second page touched
    mov x0, #0x40000000; mov x1, #8192; mov x3, #0x22; bl mmapfix
    mov x9, #1; mov x10, #0x40000000; add x10, x10, #4096; str x9, [x10]
    mov x0, #0x40000000; mov x1, #8192; adrp x2, vec; add x2, x2, :lo12:vec; mov x8, #232; svc #0
    bl show                                          // 0
    adrp x2, vec; add x2, x2, :lo12:vec
    ldrb w0, [x2]; ldrb w1, [x2, #1]; add x0, x1, x0, lsl #1; bl show   // 2*v0 + v1 = 1
    mov x0, #0x40000000; mov x1, #4096; mov x2, #0; mov x8, #232; svc #0
    bl show                                          // EFAULT
    mov x0, #0x40000000; mov x1, #4096; mov x8, #228; svc #0
    bl show                                          // mlock: 0
    mov x0, #0x40000000; add x0, x0, #4096; mov x1, #8192; mov x8, #228; svc #0
    bl show                                          // mlock over a hole: ENOMEM
    mov x0, #0x40000000; mov x1, #8192; mov x8, #229; svc #0
    bl show                                          // munlock: 0
    mov x0, #0x40000000; mov x1, #4096; mov x2, #5; mov x8, #227; svc #0
    bl show                                          // msync ASYNC|SYNC: EINVAL
    mov x0, #0x40000000; mov x1, #4096; mov x2, #4; mov x8, #227; svc #0
    bl show                                          // 0
    mov x0, #0; mov x8, #93; svc #0
    .bss
vec: .skip 16
