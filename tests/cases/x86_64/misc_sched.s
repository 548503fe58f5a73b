# Scheduling and system settings: getpriority/setpriority (the kernel's 20 - nice encoding,
# clamping, EINVAL/ESRCH), sched_getscheduler/setscheduler/getparam/setparam, the priority
# ranges, sched_rr_get_interval, sched_getaffinity/setaffinity (recorded on one CPU: taskset -c 0),
# personality, membarrier, capget/capset argument checks, sethostname/setdomainname argument
# checks, chroot (fork's inheritance of the nice value: misc_nice_fork).
# (Only PRIO_PROCESS is changed: PRIO_PGRP/PRIO_USER would renice the recorder's processes.)
    .globl _start
    .text
sc:
    syscall
    jmp show
_start:
    mov $140, %eax; xor %edi, %edi; xor %esi, %esi; call sc                       # getpriority: 20
    mov $141, %eax; xor %edi, %edi; xor %esi, %esi; mov $5, %edx; call sc         # setpriority 5: 0
    mov $140, %eax; xor %edi, %edi; xor %esi, %esi; call sc                       # 15
    mov $141, %eax; xor %edi, %edi; xor %esi, %esi; mov $100, %edx; call sc       # clamped to 19: 0
    mov $140, %eax; xor %edi, %edi; xor %esi, %esi; call sc                       # 1
    mov $141, %eax; xor %edi, %edi; xor %esi, %esi; mov $3, %edx; call sc         # 0
    mov $140, %eax; xor %edi, %edi; mov $-1, %esi; call sc                        # ESRCH
    mov $140, %eax; mov $3, %edi; xor %esi, %esi; call sc                         # EINVAL
    mov $140, %eax; xor %edi, %edi; mov $999999, %esi; call sc                    # ESRCH
    mov $141, %eax; mov $-1, %edi; xor %esi, %esi; xor %edx, %edx; call sc        # EINVAL
    mov $141, %eax; xor %edi, %edi; xor %esi, %esi; xor %edx, %edx; call sc       # back to 0
    # scheduler
    mov $145, %eax; xor %edi, %edi; call sc                                       # SCHED_OTHER: 0
    mov $145, %eax; mov $-1, %edi; call sc                                        # EINVAL
    mov $145, %eax; mov $999999, %edi; call sc                                    # ESRCH
    mov $143, %eax; xor %edi, %edi; lea param(%rip), %rsi; call sc                # getparam: 0
    mov param(%rip), %eax; call show                                              # 0
    mov $143, %eax; xor %edi, %edi; xor %esi, %esi; call sc                       # EINVAL
    movl $5, param(%rip)
    mov $144, %eax; xor %edi, %edi; xor %esi, %esi; lea param(%rip), %rdx; call sc  # OTHER with 5: EINVAL
    mov $144, %eax; xor %edi, %edi; mov $9, %esi; lea param(%rip), %rdx; call sc    # bad policy: EINVAL
    mov $144, %eax; xor %edi, %edi; mov $3, %esi; xor %edx, %edx; call sc           # NULL param: EINVAL
    movl $0, param(%rip)
    mov $144, %eax; xor %edi, %edi; mov $3, %esi; lea param(%rip), %rdx; call sc    # SCHED_BATCH: 0
    mov $145, %eax; xor %edi, %edi; call sc                                       # 3
    mov $142, %eax; xor %edi, %edi; lea param(%rip), %rsi; call sc                # setparam 0: 0
    mov $144, %eax; xor %edi, %edi; mov $0x40000000, %esi; lea param(%rip), %rdx; call sc  # OTHER|RESET_ON_FORK: 0
    mov $145, %eax; xor %edi, %edi; call sc                                       # 1073741824
    mov $146, %eax; mov $1, %edi; call sc                                         # max FIFO: 99
    mov $147, %eax; mov $2, %edi; call sc                                         # min RR: 1
    mov $146, %eax; xor %edi, %edi; call sc                                       # 0
    mov $147, %eax; mov $42, %edi; call sc                                        # EINVAL
    mov $148, %eax; mov $-1, %edi; lea ts(%rip), %rsi; call sc                    # EINVAL
    mov $148, %eax; mov $999999, %edi; lea ts(%rip), %rsi; call sc                # ESRCH
    # affinity
    mov $204, %eax; xor %edi, %edi; mov $128, %esi; lea mask(%rip), %rdx; call sc # 8
    mov mask(%rip), %rax; call show                                               # 1
    mov $204, %eax; xor %edi, %edi; mov $4, %esi; lea mask(%rip), %rdx; call sc   # EINVAL
    mov $204, %eax; xor %edi, %edi; xor %esi, %esi; lea mask(%rip), %rdx; call sc # EINVAL
    mov $204, %eax; mov $999999, %edi; mov $8, %esi; lea mask(%rip), %rdx; call sc  # ESRCH
    mov $204, %eax; xor %edi, %edi; mov $8, %esi; xor %edx, %edx; call sc         # EFAULT
    mov $203, %eax; xor %edi, %edi; mov $8, %esi; lea mask(%rip), %rdx; call sc   # {0}: 0
    movq $0, mask(%rip)
    mov $203, %eax; xor %edi, %edi; mov $8, %esi; lea mask(%rip), %rdx; call sc   # empty: EINVAL
    mov $203, %eax; xor %edi, %edi; mov $8, %esi; xor %edx, %edx; call sc         # EFAULT
    # personality
    mov $135, %eax; mov $-1, %edi; call sc                                        # 0
    mov $135, %eax; mov $0x0200000, %edi; call sc                                 # ADDR_NO_RANDOMIZE: 0
    mov $135, %eax; mov $-1, %edi; call sc                                        # 2097152
    mov $135, %eax; xor %edi, %edi; call sc                                       # 2097152
    # membarrier
    mov $324, %eax; xor %edi, %edi; xor %esi, %esi; xor %edx, %edx; call sc       # QUERY mask
    mov $324, %eax; mov $8, %edi; xor %esi, %esi; xor %edx, %edx; call sc         # PRIVATE_EXPEDITED: EPERM
    mov $324, %eax; mov $16, %edi; xor %esi, %esi; xor %edx, %edx; call sc        # register: 0
    mov $324, %eax; mov $8, %edi; xor %esi, %esi; xor %edx, %edx; call sc         # 0
    mov $324, %eax; mov $512, %edi; xor %esi, %esi; xor %edx, %edx; call sc       # GET_REGISTRATIONS: 16
    mov $324, %eax; mov $2048, %edi; xor %esi, %esi; xor %edx, %edx; call sc      # EINVAL
    mov $324, %eax; xor %edi, %edi; mov $1, %esi; xor %edx, %edx; call sc         # flags: EINVAL
    # capget: a bad version is EINVAL and the header gets _LINUX_CAPABILITY_VERSION_3
    movl $0x12345678, caphdr(%rip)
    mov $125, %eax; lea caphdr(%rip), %rdi; lea capdata(%rip), %rsi; call sc      # EINVAL
    mov caphdr(%rip), %eax; call show                                             # 537396514
    movl $0x12345678, caphdr(%rip)
    mov $125, %eax; lea caphdr(%rip), %rdi; xor %esi, %esi; call sc               # NULL data: 0
    movl $999999, caphdr+4(%rip)
    mov $125, %eax; lea caphdr(%rip), %rdi; lea capdata(%rip), %rsi; call sc      # ESRCH
    movl $-1, caphdr+4(%rip)
    mov $125, %eax; lea caphdr(%rip), %rdi; lea capdata(%rip), %rsi; call sc      # EINVAL
    mov $125, %eax; xor %edi, %edi; lea capdata(%rip), %rsi; call sc              # EFAULT
    movl $999999, caphdr+4(%rip)
    mov $126, %eax; lea caphdr(%rip), %rdi; lea capdata(%rip), %rsi; call sc      # capset other pid: EPERM
    # host and domain names: argument checks only
    mov $170, %eax; lea name(%rip), %rdi; mov $-1, %esi; call sc                  # EINVAL
    mov $170, %eax; lea name(%rip), %rdi; mov $65, %esi; call sc                  # EINVAL
    mov $171, %eax; lea name(%rip), %rdi; mov $65, %esi; call sc                  # EINVAL
    # chroot
    mov $161, %eax; lea nosuch(%rip), %rdi; call sc                               # ENOENT
    mov $161, %eax; xor %edi, %edi; call sc                                       # EFAULT
    mov $161, %eax; lea dot(%rip), %rdi; call sc                                  # 0
    mov $60, %eax; xor %edi, %edi; syscall
    .data
name: .ascii "vsys-test-host-name-that-is-long-enough-to-exceed-sixty-four-bytes-in-all"
nosuch: .asciz "no-such-dir"
dot: .asciz "."
    .bss
    .balign 8
status: .skip 8
param: .skip 8
ts: .skip 16
mask: .skip 128
caphdr: .skip 8
capdata: .skip 24
