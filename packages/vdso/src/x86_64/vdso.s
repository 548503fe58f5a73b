# The x86-64 vDSO: time functions that run in user mode by reading the vvar page the kernel's
# timekeeper keeps current (packages/kernel/src/time/vvar.ts has the layout), with the
# counter read by `rdtsc` (Intel SDM Vol. 2B, RDTSC) and the page read under a sequence count
# (odd while the kernel writes; re-read when it changed: Linux's vdso_read_begin/retry).
# Exported at version LINUX_2.6, as Linux's arch/x86/entry/vdso/vdso.lds.S does:
#   __vdso_clock_gettime, __vdso_gettimeofday, __vdso_time, __vdso_getcpu, __vdso_clock_getres
# and the unprefixed weak aliases. CLOCK_REALTIME (0), CLOCK_MONOTONIC (1) and their COARSE
# variants (5, 6) never enter the kernel; other clocks, or a vvar clock mode of 0 (the counter
# is unusable: `vrun --vdso-clock=off`, Linux's VDSO_CLOCKMODE_NONE), make the real system
# call, and return its raw result (0 or -errno) as Linux's vDSO does.
#
# Where vvar is: the loader maps [vvar] (4 pages) and [vvar_vclock] (2 pages) right below the
# vDSO image, so the first vvar page is 6 pages below the image's ELF header (__ehdr_start).

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
	.set VV_BASETIME, 64            # { sec, nsec } per clock id: [0] REALTIME, [1] MONOTONIC
	.set NSEC_PER_SEC, 1000000000

	.text
# vclock_ns: %edi = 0 for CLOCK_MONOTONIC's base, 8 for CLOCK_REALTIME's. Returns the time in ns
# in %rax, or CF set when the clock mode says the counter cannot be used.
# Clobbers %rcx, %rdx, %rsi, %r8, %r9 (never %r10, %r11, which callers keep arguments in).
	.type vclock_ns, @function
vclock_ns:
	lea __ehdr_start+VVAR_OFFSET(%rip), %r8
1:	mov VV_SEQ(%r8), %r9d
	test $1, %r9d
	jz 2f
	pause                           # the kernel is writing: wait for an even count
	jmp 1b
2:	cmpl $0, VV_MODE(%r8)
	je 9f
	rdtsc
	shl $32, %rdx
	or %rdx, %rax
	sub VV_CYCLE_LAST(%r8), %rax    # cycles since the kernel's last update
	mov VV_MULT(%r8), %ecx
	mul %rcx                        # 128-bit product in %rdx:%rax
	mov VV_SHIFT(%r8), %ecx
	shrd %cl, %rdx, %rax            # ns = (delta * mult) >> shift
	movslq %edi, %rsi
	add VV_MONO_NS(%r8,%rsi), %rax
	cmp VV_SEQ(%r8), %r9d           # changed meanwhile: read again
	jne 1b
	clc
	ret
9:	stc
	ret
	.size vclock_ns, .-vclock_ns

# store_timespec: %rax = ns, %rsi = struct timespec * ({ tv_sec, tv_nsec }).
	.type store_timespec, @function
store_timespec:
	xor %edx, %edx
	mov $NSEC_PER_SEC, %ecx
	div %rcx
	mov %rax, (%rsi)
	mov %rdx, 8(%rsi)
	ret
	.size store_timespec, .-store_timespec

# int __vdso_clock_gettime(clockid_t clk, struct timespec *ts)
# REALTIME and MONOTONIC take the short path: the clock's { sec, nsec } base plus the counter
# delta, with no branch taken on the way to `ret` (an emulator's translated block then runs the
# whole call): one carry into seconds is branch-free (two cmovs), as the kernel refreshes the
# bases about every second when it runs. Two seconds or more since the last refresh (a program
# that only calls the vDSO does not let the kernel run) take one division, instead of a loop of
# subtractions that grows with the time (Linux's __iter_div_u64_rem expects at most ~2 s).
# COARSE clocks truncate to the tick.
	.globl __vdso_clock_gettime
	.type __vdso_clock_gettime, @function
	.weak clock_gettime
	.type clock_gettime, @function
__vdso_clock_gettime:
clock_gettime:
	cmp $1, %edi
	ja .Lcg_other
	lea __ehdr_start+VVAR_OFFSET(%rip), %r8
	mov %edi, %r9d
	shl $4, %r9d
	lea VV_BASETIME(%r8,%r9), %r9   # this clock's base
1:	mov VV_SEQ(%r8), %r10d
	test $1, %r10d
	jnz 5f
	cmpl $0, VV_MODE(%r8)
	je .Lcg_syscall
	rdtsc
	shl $32, %rdx
	or %rdx, %rax
	sub VV_CYCLE_LAST(%r8), %rax
	mov VV_MULT(%r8), %ecx
	mul %rcx
	mov VV_SHIFT(%r8), %ecx
	shrd %cl, %rdx, %rax            # ns since the bases were written
	add 8(%r9), %rax                # + base nsec
	mov (%r9), %rdx                 # base sec
	cmp VV_SEQ(%r8), %r10d
	jne 1b
	lea -NSEC_PER_SEC(%rax), %rcx
	lea 1(%rdx), %r11
	cmp $NSEC_PER_SEC, %rax
	cmovae %rcx, %rax               # a second or more: nsec - 10^9 …
	cmovae %r11, %rdx               # … and sec + 1
	cmp $NSEC_PER_SEC, %rax
	jae 4f
3:	mov %rdx, (%rsi)
	mov %rax, 8(%rsi)
	xor %eax, %eax
	ret
4:	mov %rdx, %rcx                  # sec += ns / 10^9, nsec = ns % 10^9
	xor %edx, %edx
	mov $NSEC_PER_SEC, %r9d
	div %r9
	add %rax, %rcx
	mov %rdx, %rax
	mov %rcx, %rdx
	jmp 3b
5:	pause                           # the kernel is writing: wait for an even count
	jmp 1b
.Lcg_other:
	cmp $5, %edi
	je 6f
	cmp $6, %edi
	jne .Lcg_syscall
6:	mov %rsi, %r11                  # COARSE: the fine time truncated to the last tick
	mov %edi, %r10d
	mov $8, %edi
	cmp $5, %r10d
	je 7f
	xor %edi, %edi
7:	call vclock_ns
	jc .Lcg_fallback
	mov %rax, %r9
	xor %edx, %edx
	lea __ehdr_start+VVAR_OFFSET(%rip), %r8
	divq VV_COARSE_NS(%r8)
	sub %rdx, %r9
	mov %r9, %rax
	mov %r11, %rsi
	call store_timespec
	xor %eax, %eax
	ret
.Lcg_fallback:
	mov %r10d, %edi
	mov %r11, %rsi
.Lcg_syscall:
	mov $228, %eax                  # clock_gettime
	syscall
	ret
	.size __vdso_clock_gettime, .-__vdso_clock_gettime

# int __vdso_gettimeofday(struct timeval *tv, struct timezone *tz)
	.globl __vdso_gettimeofday
	.type __vdso_gettimeofday, @function
	.weak gettimeofday
	.type gettimeofday, @function
__vdso_gettimeofday:
gettimeofday:
	mov %rdi, %r10
	mov %rsi, %r11
	mov $8, %edi
	call vclock_ns
	jc 3f
	test %r10, %r10
	jz 1f
	xor %edx, %edx
	mov $NSEC_PER_SEC, %ecx
	div %rcx
	mov %rax, (%r10)                # tv_sec
	mov %rdx, %rax
	xor %edx, %edx
	mov $1000, %ecx
	div %rcx
	mov %rax, 8(%r10)               # tv_usec
1:	test %r11, %r11
	jz 2f
	lea __ehdr_start+VVAR_OFFSET(%rip), %r8
	mov VV_TZ_MINUTESWEST(%r8), %eax
	mov %eax, (%r11)
	mov VV_TZ_DSTTIME(%r8), %eax
	mov %eax, 4(%r11)
2:	xor %eax, %eax
	ret
3:	mov %r10, %rdi
	mov %r11, %rsi
	mov $96, %eax                   # gettimeofday
	syscall
	ret
	.size __vdso_gettimeofday, .-__vdso_gettimeofday

# time_t __vdso_time(time_t *t)
	.globl __vdso_time
	.type __vdso_time, @function
	.weak time
	.type time, @function
__vdso_time:
time:
	mov %rdi, %r10
	mov $8, %edi
	call vclock_ns
	jc 2f
	xor %edx, %edx
	mov $NSEC_PER_SEC, %ecx
	div %rcx
	test %r10, %r10
	jz 1f
	mov %rax, (%r10)
1:	ret
2:	mov %r10, %rdi
	mov $201, %eax                  # time
	syscall
	ret
	.size __vdso_time, .-__vdso_time

# long __vdso_getcpu(unsigned *cpu, unsigned *node, void *unused): RDTSCP's TSC_AUX holds
# (node << 12) | cpu, as Linux sets it (vdso_read_cpunode).
	.globl __vdso_getcpu
	.type __vdso_getcpu, @function
	.weak getcpu
	.type getcpu, @function
__vdso_getcpu:
getcpu:
	mov %rdx, %r8
	mov %rdi, %r9
	rdtscp
	test %r9, %r9
	jz 1f
	mov %ecx, %eax
	and $0xfff, %eax
	mov %eax, (%r9)
1:	test %rsi, %rsi
	jz 2f
	shr $12, %ecx
	mov %ecx, (%rsi)
2:	xor %eax, %eax
	ret
	.size __vdso_getcpu, .-__vdso_getcpu

# int __vdso_clock_getres(clockid_t clk, struct timespec *res): 1 ns for the high-resolution
# clocks (REALTIME, MONOTONIC, MONOTONIC_RAW, BOOTTIME), the tick for the coarse ones, else
# the system call.
	.globl __vdso_clock_getres
	.type __vdso_clock_getres, @function
	.weak clock_getres
	.type clock_getres, @function
__vdso_clock_getres:
clock_getres:
	cmp $11, %edi
	ja 4f
	mov $1, %eax
	cmp $0, %edi
	je 1f
	cmp $1, %edi
	je 1f
	cmp $4, %edi
	je 1f
	cmp $7, %edi
	je 1f
	lea __ehdr_start+VVAR_OFFSET(%rip), %r8
	mov VV_COARSE_NS(%r8), %rax
	cmp $5, %edi
	je 1f
	cmp $6, %edi
	je 1f
	jmp 4f
1:	test %rsi, %rsi
	jz 2f
	movq $0, (%rsi)
	mov %rax, 8(%rsi)
2:	xor %eax, %eax
	ret
4:	mov $229, %eax                  # clock_getres
	syscall
	ret
	.size __vdso_clock_getres, .-__vdso_clock_getres
