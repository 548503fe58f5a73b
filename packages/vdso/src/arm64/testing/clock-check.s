// A guest program for the arm64 vDSO's end-to-end test (tests/vdso-arm64.test.ts): it finds
// the vDSO from AT_SYSINFO_EHDR in the auxiliary vector, looks up __kernel_clock_gettime,
// __kernel_gettimeofday and __kernel_clock_getres the way a libc does (glibc's dl_vdso_vsym:
// PT_DYNAMIC → DT_HASH, DT_SYMTAB, DT_STRTAB, DT_VERSYM, DT_VERDEF; the SysV hash chain; name,
// STT_FUNC, defined, and the version's name LINUX_2.6.39 through .gnu.version → verdef), calls
// them, and checks their answers against the clock_gettime syscall made right before and after
// (times never go backwards). It prints one line per check ("name: ok" or "name: FAIL") and
// exits with the number of failures; 100 when a symbol is missing.
//
// System calls it makes itself (the test counts them with vrun --stats): 6 clock_gettime
// (MONOTONIC ×3 and once after the COARSE reading, REALTIME ×2) and the writes and exit. The vDSO calls: clock_gettime ×7
// (MONOTONIC ×3, REALTIME ×2, MONOTONIC_COARSE, PROCESS_CPUTIME_ID — the last always a syscall),
// clock_gettime(100) (invalid: a syscall, -EINVAL), gettimeofday ×1, clock_getres ×2.

    .set AT_NULL, 0
    .set AT_SYSINFO_EHDR, 33
    .set PT_LOAD, 1
    .set PT_DYNAMIC, 2
    .set DT_NULL, 0
    .set DT_HASH, 4
    .set DT_STRTAB, 5
    .set DT_SYMTAB, 6
    .set DT_VERSYM, 0x6ffffff0
    .set DT_VERDEF, 0x6ffffffc
    .set STT_FUNC, 2

    .text
    .globl _start
_start:
    ldr     x0, [sp]                    // argc
    add     x1, sp, #8
    add     x1, x1, x0, lsl #3
    add     x1, x1, #8                  // envp
1:  ldr     x2, [x1], #8
    cbnz    x2, 1b                      // past envp's NULL: the auxv
2:  ldp     x2, x3, [x1], #16
    cmp     x2, #AT_SYSINFO_EHDR
    b.eq    3f
    cbnz    x2, 2b
    mov     x0, #100                    // no vDSO
    b       exit
3:  mov     x0, x3
    bl      vdso_init
    adr     x0, name_gettime
    bl      vdso_sym
    cbz     x0, missing
    mov     x19, x0
    adr     x0, name_gtod
    bl      vdso_sym
    cbz     x0, missing
    mov     x20, x0
    adr     x0, name_getres
    bl      vdso_sym
    cbz     x0, missing
    mov     x21, x0
    mov     x22, #0                     // failures

    // MONOTONIC: vdso ≤ syscall ≤ vdso ≤ syscall ≤ vdso ≤ syscall
    adr     x0, msg_monotonic
    mov     w23, #1
    bl      interleave
    // REALTIME: vdso ≤ syscall ≤ vdso ≤ syscall
    adr     x0, msg_realtime
    mov     w23, #0
    bl      interleave

    // MONOTONIC_COARSE: a multiple of its resolution, not after MONOTONIC (syscall) taken next
    mov     w0, #6
    adr     x1, res
    blr     x21                         // __kernel_clock_getres(MONOTONIC_COARSE)
    mov     w24, w0
    mov     w0, #6
    adr     x1, ts_a
    blr     x19
    orr     w24, w24, w0
    mov     x8, #113
    mov     w0, #1
    adr     x1, ts_b
    svc     #0
    orr     w24, w24, w0
    adr     x0, ts_a
    adr     x1, ts_b
    bl      ts_le
    orr     w24, w24, w0
    adr     x2, ts_a
    ldr     x3, [x2, #8]
    adr     x2, res
    ldp     x4, x5, [x2]
    cbnz    x4, 8f                      // a coarse tick of a second or more: not expected
    cbz     x5, 8f
    udiv    x6, x3, x5
    msub    x6, x6, x5, x3
    cbnz    x6, 8f
    b       9f
8:  mov     w24, #1
9:  adr     x0, msg_coarse
    mov     w1, w24
    bl      report

    // clock_getres(MONOTONIC) = { 0, 1 }
    mov     w0, #1
    adr     x1, res
    blr     x21
    mov     w24, w0
    adr     x2, res
    ldp     x3, x4, [x2]
    cmp     x3, #0
    ccmp    x4, #1, #0, eq
    cset    w5, ne
    orr     w24, w24, w5
    adr     x0, msg_getres
    mov     w1, w24
    bl      report

    // gettimeofday: between two REALTIME readings, tv_usec < 10^6
    mov     w0, #0
    adr     x1, ts_a
    blr     x19
    mov     w24, w0
    adr     x0, tv
    mov     x1, #0
    blr     x20
    orr     w24, w24, w0
    adr     x2, tv
    ldp     x3, x4, [x2]
    movz    x5, #(1000000 & 0xffff)
    movk    x5, #(1000000 >> 16), lsl #16
    cmp     x4, x5
    cset    w6, hs
    orr     w24, w24, w6
    adr     x2, ts_a
    ldr     x5, [x2]
    cmp     x3, x5                      // tv_sec ≥ the earlier REALTIME second
    cset    w6, lo
    orr     w24, w24, w6
    adr     x0, msg_gtod
    mov     w1, w24
    bl      report

    // CLOCK_PROCESS_CPUTIME_ID (2): the vDSO makes the syscall, which succeeds
    mov     w0, #2
    adr     x1, ts_a
    blr     x19
    cmp     w0, #0
    cset    w1, ne
    adr     x0, msg_cputime
    bl      report

    // clock 100: the syscall's -EINVAL comes back as it is
    mov     w0, #100
    adr     x1, ts_a
    blr     x19
    cmn     w0, #22
    cset    w1, ne
    adr     x0, msg_einval
    bl      report

    mov     x0, x22
    b       exit

missing:
    mov     x0, #100
exit:
    mov     x8, #93
    svc     #0

// interleave(x0 = message, w23 = clock id): vdso, syscall, vdso, … — each reading not before
// the previous one. MONOTONIC: 3 rounds; REALTIME: 2.
interleave:
    stp     x29, x30, [sp, #-48]!
    mov     x29, sp
    stp     x25, x26, [sp, #16]
    str     x0, [sp, #32]
    mov     w26, #0                     // failed
    cmp     w23, #1
    mov     w25, #2
    b.ne    1f
    mov     w25, #3
1:  mov     w0, w23
    adr     x1, ts_b
    blr     x19                         // vdso → ts_b
    orr     w26, w26, w0
    adr     x0, ts_a
    adr     x1, ts_b
    bl      ts_le_if_set                // previous syscall reading ≤ this one
    orr     w26, w26, w0
    mov     x8, #113
    mov     w0, w23
    adr     x1, ts_a
    svc     #0                          // syscall → ts_a
    orr     w26, w26, w0
    adr     x0, ts_b
    adr     x1, ts_a
    bl      ts_le
    orr     w26, w26, w0
    subs    w25, w25, #1
    b.ne    1b
    mov     w0, w23
    adr     x1, ts_b
    blr     x19
    orr     w26, w26, w0
    adr     x0, ts_a
    adr     x1, ts_b
    bl      ts_le
    orr     w26, w26, w0
    adr     x2, ts_a                    // forget the reading for the next series
    stp     xzr, xzr, [x2]
    ldr     x0, [sp, #32]
    mov     w1, w26
    bl      report
    ldp     x25, x26, [sp, #16]
    ldp     x29, x30, [sp], #48
    ret

// ts_le(x0 = a, x1 = b): w0 = 0 when timespec a ≤ b and both have tv_nsec < 10^9, else 1.
ts_le:
    ldp     x2, x3, [x0]
    ldp     x4, x5, [x1]
    movz    x6, #(1000000000 & 0xffff)
    movk    x6, #(1000000000 >> 16), lsl #16
    cmp     x3, x6
    b.hs    9f
    cmp     x5, x6
    b.hs    9f
    cmp     x2, x4
    b.lt    8f
    b.gt    9f
    cmp     x3, x5
    b.hi    9f
8:  mov     w0, #0
    ret
9:  mov     w0, #1
    ret

// ts_le_if_set: ts_le, or 0 when a is all zero (no previous reading).
ts_le_if_set:
    ldp     x2, x3, [x0]
    orr     x2, x2, x3
    cbnz    x2, ts_le
    mov     w0, #0
    ret

// report(x0 = "name", w1 = failed): prints "name: ok\n" or "name: FAIL\n"; counts failures.
report:
    stp     x29, x30, [sp, #-32]!
    mov     x29, sp
    str     x19, [sp, #16]
    mov     w19, w1
    mov     x1, x0
    mov     x2, #0
1:  ldrb    w3, [x1, x2]
    cbz     w3, 2f
    add     x2, x2, #1
    b       1b
2:  mov     x0, #1
    mov     x8, #64
    svc     #0                          // write(1, name, len)
    cbnz    w19, 3f
    adr     x1, msg_ok
    mov     x2, #5
    b       4f
3:  adr     x1, msg_fail
    mov     x2, #7
    add     x22, x22, #1
4:  mov     x0, #1
    mov     x8, #64
    svc     #0
    ldr     x19, [sp, #16]
    ldp     x29, x30, [sp], #32
    ret

// vdso_init(x0 = the vDSO's ELF header): the load bias (the address minus the p_vaddr of the
// PT_LOAD at file offset 0) and the dynamic tables, saved in `dyn_*`.
vdso_init:
    ldr     x1, [x0, #0x20]             // e_phoff
    add     x1, x0, x1
    ldrh    w2, [x0, #0x38]             // e_phnum
    ldrh    w3, [x0, #0x36]             // e_phentsize
    mov     x4, #0                      // PT_DYNAMIC's p_vaddr
    mov     x5, x0                      // bias (address - PT_LOAD p_vaddr)
1:  cbz     w2, 4f
    ldr     w6, [x1]                    // p_type
    cmp     w6, #PT_LOAD
    b.ne    2f
    ldr     x7, [x1, #0x10]             // p_vaddr
    sub     x5, x0, x7
    b       3f
2:  cmp     w6, #PT_DYNAMIC
    b.ne    3f
    ldr     x4, [x1, #0x10]
3:  add     x1, x1, x3
    sub     w2, w2, #1
    b       1b
4:  adr     x9, dyn_tables
    str     x5, [x9, #40]
    cbz     x4, 9f
    add     x4, x4, x5
5:  ldp     x6, x7, [x4], #16           // d_tag, d_ptr
    cbz     x6, 9f
    add     x7, x7, x5
    mov     x10, #0
    cmp     x6, #DT_HASH
    b.eq    6f
    mov     x10, #8
    cmp     x6, #DT_STRTAB
    b.eq    6f
    mov     x10, #16
    cmp     x6, #DT_SYMTAB
    b.eq    6f
    mov     x10, #24
    movz    x11, #(DT_VERSYM & 0xffff)
    movk    x11, #(DT_VERSYM >> 16), lsl #16
    cmp     x6, x11
    b.eq    6f
    mov     x10, #32
    movz    x11, #(DT_VERDEF & 0xffff)
    movk    x11, #(DT_VERDEF >> 16), lsl #16
    cmp     x6, x11
    b.ne    5b
6:  str     x7, [x9, x10]
    b       5b
9:  ret

// vdso_sym(x0 = name): the symbol's address in the vDSO, or 0. The SysV ELF hash picks the
// bucket; the chain is walked for a defined STT_FUNC named `name` whose version (versym index
// → the verdef with that vd_ndx → its first verdaux's name) is LINUX_2.6.39.
vdso_sym:
    stp     x29, x30, [sp, #-64]!
    mov     x29, sp
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    str     x23, [sp, #48]
    mov     x19, x0
    // elf_hash (System V ABI, "Hash Table")
    mov     w1, #0
    mov     x2, x0
1:  ldrb    w3, [x2], #1
    cbz     w3, 2f
    add     w1, w3, w1, lsl #4
    and     w4, w1, #0xf0000000
    eor     w1, w1, w4, lsr #24
    bic     w1, w1, w4
    b       1b
2:  adr     x9, dyn_tables
    ldr     x20, [x9]                   // hash: nbucket, nchain, bucket[], chain[]
    ldr     w5, [x20]                   // nbucket
    cbz     w5, 8f
    udiv    w6, w1, w5
    msub    w6, w6, w5, w1              // h % nbucket
    add     x7, x20, #8
    ldr     w21, [x7, x6, lsl #2]       // first symbol index
3:  cbz     w21, 8f
    ldr     x9, [x9, #16]               // symtab
    mov     x10, #24
    madd    x22, x21, x10, x9           // &sym[i] (Elf64_Sym: 24 bytes)
    ldrb    w10, [x22, #4]              // st_info
    and     w10, w10, #0xf
    cmp     w10, #STT_FUNC
    b.ne    7f
    ldrh    w10, [x22, #6]              // st_shndx: SHN_UNDEF = 0
    cbz     w10, 7f
    adr     x9, dyn_tables
    ldr     x1, [x9, #8]                // strtab
    ldr     w10, [x22]                  // st_name
    add     x1, x1, x10
    mov     x0, x19
    bl      streq
    cbz     w0, 7f
    // the version: versym[i] & 0x7fff names a verdef by vd_ndx
    adr     x9, dyn_tables
    ldr     x10, [x9, #24]
    cbz     x10, 7f
    ldrh    w23, [x10, x21, lsl #1]
    and     w23, w23, #0x7fff
    ldr     x11, [x9, #32]              // verdef chain
4:  cbz     x11, 7f
    ldrh    w12, [x11, #4]              // vd_ndx
    cmp     w12, w23
    b.eq    5f
    ldr     w12, [x11, #16]             // vd_next
    cbz     w12, 7f
    add     x11, x11, x12
    b       4b
5:  ldr     w12, [x11, #12]             // vd_aux: the first Elf64_Verdaux
    add     x12, x11, x12
    ldr     w12, [x12]                  // vda_name
    ldr     x1, [x9, #8]
    add     x1, x1, x12
    adr     x0, version
    bl      streq
    cbz     w0, 7f
    adr     x9, dyn_tables
    ldr     x0, [x22, #8]               // st_value + bias
    ldr     x1, [x9, #40]
    add     x0, x0, x1
    b       9f
7:  adr     x9, dyn_tables              // next in the chain: chain[i] after bucket[nbucket]
    ldr     w5, [x20]
    add     x7, x20, #8
    add     x7, x7, x5, lsl #2
    ldr     w21, [x7, x21, lsl #2]
    b       3b
8:  mov     x0, #0
9:  ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldr     x23, [sp, #48]
    ldp     x29, x30, [sp], #64
    ret

// streq(x0, x1): w0 = 1 when the NUL-terminated strings are equal.
streq:
1:  ldrb    w2, [x0], #1
    ldrb    w3, [x1], #1
    cmp     w2, w3
    b.ne    2f
    cbnz    w2, 1b
    mov     w0, #1
    ret
2:  mov     w0, #0
    ret

name_gettime:   .asciz "__kernel_clock_gettime"
name_gtod:      .asciz "__kernel_gettimeofday"
name_getres:    .asciz "__kernel_clock_getres"
version:        .asciz "LINUX_2.6.39"
msg_monotonic:  .asciz "monotonic"
msg_realtime:   .asciz "realtime"
msg_coarse:     .asciz "monotonic_coarse"
msg_getres:     .asciz "getres"
msg_gtod:       .asciz "gettimeofday"
msg_cputime:    .asciz "process_cputime"
msg_einval:     .asciz "einval"
msg_ok:         .ascii ": ok\n"
msg_fail:       .ascii ": FAIL\n"

    .data
    .balign 8
dyn_tables: .quad 0, 0, 0, 0, 0, 0     // hash, strtab, symtab, versym, verdef, bias
ts_a:       .quad 0, 0
ts_b:       .quad 0, 0
res:        .quad 0, 0
tv:         .quad 0, 0
