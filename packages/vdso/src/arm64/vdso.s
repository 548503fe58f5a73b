// The arm64 vDSO: time functions that run at EL0 by reading the vvar page the kernel's
// timekeeper keeps current (packages/kernel/src/time/vvar.ts has the layout, shared with the
// x86-64 vDSO), with the counter read from CNTVCT_EL0 (Arm ARM D11.2, "The Generic Timer";
// EL0 may read it because CNTKCTL_EL1.EL0VCTEN is set, as Linux's arch_timer sets it) and the
// page read under a sequence count (odd while the kernel writes; re-read when it changed).
// Exported at version LINUX_2.6.39, as Linux's arch/arm64/kernel/vdso/vdso.lds.S does:
//   __kernel_clock_gettime, __kernel_gettimeofday, __kernel_clock_getres, __kernel_rt_sigreturn
// CLOCK_REALTIME (0), CLOCK_MONOTONIC (1) and their COARSE variants (5, 6) never enter the
// kernel; other clocks, or a vvar clock mode of 0 (the counter is unusable: `vrun
// --vdso-clock=off`, Linux's VDSO_CLOCKMODE_NONE), make the real `svc #0` and return its raw
// result (0 or -errno), as Linux's vDSO does (lib/vdso/gettimeofday.c, the *_fallback helpers
// of arch/arm64/include/asm/vdso/gettimeofday.h).
//
// The barriers are Linux's: the sequence count is read, then `dmb ishld` orders it before the
// data loads (vdso_read_begin → smp_rmb), and another `dmb ishld` orders the data before the
// re-read of the count (vdso_read_retry); `isb` before `mrs cntvct_el0` keeps the counter read
// from being taken early (__arch_get_hw_counter).
//
// Where vvar is: the loader maps [vvar] (4 pages) and [vvar_vclock] (2 pages) right below the
// vDSO image, so the first vvar page is 6 pages below the image's ELF header (__ehdr_start).
//
// Registers: these are AAPCS64 functions, so x0–x17 and the flags may be clobbered; nothing
// else is touched (no stack is used).

    .set VVAR_OFFSET, -0x6000
    .set VV_SEQ, 0
    .set VV_MODE, 4
    .set VV_CYCLE_LAST, 8
    .set VV_MULT, 16
    .set VV_SHIFT, 20
    .set VV_MONO_NS, 24
    .set VV_REAL_NS, 32
    .set VV_COARSE_NS, 40
    .set VV_TZ_MINUTESWEST, 48
    .set VV_TZ_DSTTIME, 52
    .set VV_BASETIME, 64            // { sec, nsec } per clock id: [0] REALTIME, [1] MONOTONIC
    .set NSEC_PER_SEC, 1000000000

    // arm64 system call numbers (include/uapi/asm-generic/unistd.h)
    .set NR_GETTIMEOFDAY, 169
    .set NR_CLOCK_GETTIME, 113
    .set NR_CLOCK_GETRES, 114
    .set NR_RT_SIGRETURN, 139

    .text
// vclock_read: x10 = the clock's basetime slot (vvar + VV_BASETIME + 16 * id), x9 = vvar.
// Returns x2 = seconds, x3 = nanoseconds (< NSEC_PER_SEC), with the Z flag clear; or Z set
// when the clock mode says the counter cannot be used. Return address in x17 (a leaf called
// with `blr`-free linkage: `adr x17, 1f; b vclock_read; 1:`), so the callers keep x30.
// Clobbers x2–x7, x11–x16.
    .type vclock_read, %function
vclock_read:
1:  ldr     w11, [x9, #VV_SEQ]
    tbnz    w11, #0, 4f                 // odd: the kernel is writing
    dmb     ishld                       // the count before the data (smp_rmb)
    ldr     w12, [x9, #VV_MODE]
    cbz     w12, 9f
    ldr     x4, [x9, #VV_CYCLE_LAST]
    ldr     w5, [x9, #VV_MULT]
    ldr     w6, [x9, #VV_SHIFT]
    ldp     x2, x3, [x10]               // the clock's base { sec, nsec } at cycle_last
    isb                                 // no early counter read (__arch_get_hw_counter)
    mrs     x13, cntvct_el0
    dmb     ishld                       // the data before the count's re-read
    ldr     w14, [x9, #VV_SEQ]
    cmp     w14, w11
    b.ne    1b                          // changed meanwhile: read again
    // ns = ((counter - cycle_last) * mult) >> shift, from the 128-bit product: the low word
    // shifted right, the high word's bits moved in above it (two steps, so shift 0 works).
    sub     x13, x13, x4
    mul     x15, x13, x5
    umulh   x16, x13, x5
    lsr     x15, x15, x6
    mov     x7, #63
    sub     x7, x7, x6
    lsl     x16, x16, #1
    lsl     x16, x16, x7
    orr     x15, x15, x16
    add     x3, x3, x15
    movz    x7, #(NSEC_PER_SEC & 0xffff)
    movk    x7, #(NSEC_PER_SEC >> 16), lsl #16
2:  cmp     x3, x7                      // nsec normalisation: the bases are at most about a
    b.lo    3f                          // second old, so this runs once or twice
    sub     x3, x3, x7                  // (Linux's __iter_div_u64_rem)
    add     x2, x2, #1
    b       2b
3:  cmp     x7, #0                      // Z clear: a time
    br      x17
4:  yield                               // cpu_relax() while the count is odd
    b       1b
9:  cmp     w12, #0                     // (mode 0) Z set: make the system call
    br      x17
    .size vclock_read, .-vclock_read

// int __kernel_clock_gettime(clockid_t clk, struct timespec *ts)
    .globl __kernel_clock_gettime
    .type __kernel_clock_gettime, %function
__kernel_clock_gettime:
    adr     x9, __ehdr_start + VVAR_OFFSET
    cmp     w0, #1
    b.ls    1f                          // REALTIME, MONOTONIC
    cmp     w0, #5
    b.eq    1f                          // REALTIME_COARSE
    cmp     w0, #6
    b.ne    .Lcg_syscall                // anything else (negative ids too: unsigned compares)
1:  subs    w8, w0, #5                  // basetime slot: REALTIME(_COARSE) 0, MONOTONIC(_COARSE) 1
    csel    w8, w8, w0, hs
    add     x10, x9, #VV_BASETIME
    add     x10, x10, x8, lsl #4
    adr     x17, 2f
    b       vclock_read
2:  b.eq    .Lcg_syscall
    cmp     w0, #5
    b.lo    3f
    ldr     x4, [x9, #VV_COARSE_NS]     // COARSE: truncated to the tick (it divides a second)
    udiv    x5, x3, x4
    mul     x3, x5, x4
3:  stp     x2, x3, [x1]
    mov     w0, #0
    ret
.Lcg_syscall:
    mov     x8, #NR_CLOCK_GETTIME
    svc     #0
    ret
    .size __kernel_clock_gettime, .-__kernel_clock_gettime

// int __kernel_gettimeofday(struct timeval *tv, struct timezone *tz)
    .globl __kernel_gettimeofday
    .type __kernel_gettimeofday, %function
__kernel_gettimeofday:
    adr     x9, __ehdr_start + VVAR_OFFSET
    add     x10, x9, #VV_BASETIME       // REALTIME's base
    adr     x17, 1f
    b       vclock_read
1:  b.eq    3f
    cbz     x0, 2f
    mov     x4, #1000
    udiv    x3, x3, x4                  // tv_usec
    stp     x2, x3, [x0]
2:  cbz     x1, 4f
    ldr     w4, [x9, #VV_TZ_MINUTESWEST]
    ldr     w5, [x9, #VV_TZ_DSTTIME]
    stp     w4, w5, [x1]
4:  mov     w0, #0
    ret
3:  mov     x8, #NR_GETTIMEOFDAY
    svc     #0
    ret
    .size __kernel_gettimeofday, .-__kernel_gettimeofday

// int __kernel_clock_getres(clockid_t clk, struct timespec *res): 1 ns for the high-resolution
// clocks (REALTIME 0, MONOTONIC 1, MONOTONIC_RAW 4, BOOTTIME 7: hrtimer_res), the tick for the
// COARSE ones (5, 6), else the system call (lib/vdso/gettimeofday.c __cvdso_clock_getres).
    .globl __kernel_clock_getres
    .type __kernel_clock_getres, %function
__kernel_clock_getres:
    mov     x2, #1
    cmp     w0, #1
    b.ls    1f
    cmp     w0, #4
    b.eq    1f
    cmp     w0, #7
    b.eq    1f
    cmp     w0, #5
    b.eq    2f
    cmp     w0, #6
    b.ne    9f
2:  adr     x9, __ehdr_start + VVAR_OFFSET
    ldr     x2, [x9, #VV_COARSE_NS]
1:  cbz     x1, 3f
    stp     xzr, x2, [x1]
3:  mov     w0, #0
    ret
9:  mov     x8, #NR_CLOCK_GETRES
    svc     #0
    ret
    .size __kernel_clock_getres, .-__kernel_clock_getres

// void __kernel_rt_sigreturn(void): where a handler returns (x30 at its entry, unless the
// sigaction gave SA_RESTORER); the frame is at sp (arch/arm64/kernel/vdso/sigreturn.S). The
// nop before it is Linux's: an unwinder looks up pc - 1 of a caller, which then lands here.
    nop
    .globl __kernel_rt_sigreturn
    .type __kernel_rt_sigreturn, %function
__kernel_rt_sigreturn:
    mov     x8, #NR_RT_SIGRETURN
    svc     #0
    .size __kernel_rt_sigreturn, .-__kernel_rt_sigreturn
