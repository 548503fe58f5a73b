# signal.s — a signal caught by a handler, then the scheduler's sleep and the clock (x86-64).
#
#   vasm build -o signal examples/kernel/signal.s
#   vrun signal; echo $?          # "in handler", "back in _start", then exit status 0
#   vstrace signal                # rt_sigaction, kill, the --- SIGUSR1 --- line, rt_sigreturn,
#                                 # nanosleep, exit_group
#
# Raw system calls (numbers: packages/kernel/src/syscalls/numbers.ts, x86_64 column). The
# struct sigaction passed to the kernel is the x86-64 kernel layout: handler, flags, restorer,
# mask (arch/x86/include/uapi/asm/signal.h). The restorer calls rt_sigreturn, as libc's does.
    .globl _start
    .text
_start:
    mov $13, %eax               # rt_sigaction(SIGUSR1, &act, NULL, 8)
    mov $10, %edi
    lea act(%rip), %rsi
    xor %edx, %edx
    mov $8, %r10d
    syscall
    mov $39, %eax               # getpid()
    syscall
    mov %eax, %edi
    mov $62, %eax               # kill(pid, SIGUSR1): delivered on the way back to user mode
    mov $10, %esi
    syscall
    lea back_msg(%rip), %rsi
    mov $back_len, %edx
    call say
    mov $35, %eax               # nanosleep(&ten_ms, NULL): the thread blocks, the clock moves on
    lea ten_ms(%rip), %rdi
    xor %esi, %esi
    syscall
    mov $231, %eax              # exit_group(0)
    xor %edi, %edi
    syscall

handler:                        # void handler(int sig): runs in ring 3 on a frame the kernel built
    lea handler_msg(%rip), %rsi
    mov $handler_len, %edx
    jmp say                     # its ret goes to the restorer (pretcode at the frame's top)
restorer:
    mov $15, %eax               # rt_sigreturn(): the kernel restores the saved registers
    syscall
say:                            # write(1, rsi, rdx)
    mov $1, %eax
    mov $1, %edi
    syscall
    ret

    .section .rodata
handler_msg: .ascii "in handler\n"
handler_len = . - handler_msg
back_msg:    .ascii "back in _start\n"
back_len = . - back_msg
    .p2align 3
ten_ms:      .quad 0, 10000000  # struct timespec { tv_sec, tv_nsec }
act:         .quad handler      # sa_handler
             .quad 0x04000000   # sa_flags = SA_RESTORER
             .quad restorer     # sa_restorer
             .quad 0            # sa_mask
