# Timer signals for a thread that never makes a system call while it waits: it spins on a flag
# its handler sets. Linux delivers the signal on the return from the timer interrupt; vsys
# preempts the thread at the end of its time slice once a timer is due and delivers the signal
# when it puts the thread back on the CPU. ITIMER_REAL (SIGALRM), ITIMER_VIRTUAL (SIGVTALRM,
# user CPU time) and ITIMER_PROF (SIGPROF) each end one spin; r12 survives the handler (which
# clobbers it) through rt_sigreturn; at last SIGALRM's default action ends the spinning process.
    .set SIGALRM, 14
    .set SIGVTALRM, 26
    .set SIGPROF, 27
    .set SA_RESTORER, 0x04000000
    .globl _start
    .text
_start:
    mov $SIGALRM, %edi; call install
    mov $SIGVTALRM, %edi; call install
    mov $SIGPROF, %edi; call install
    mov $12345, %r12
    xor %edi, %edi; lea it20ms(%rip), %rsi; call arm; call spin     # ITIMER_REAL
    mov $1, %edi; lea it10ms(%rip), %rsi; call arm; call spin       # ITIMER_VIRTUAL
    mov $36, %eax; mov $1, %edi; lea cur(%rip), %rsi; syscall       # getitimer: disarmed
    mov cur+16(%rip), %rax; add cur+24(%rip), %rax; call show       # 0
    mov $2, %edi; lea it10ms(%rip), %rsi; call arm; call spin       # ITIMER_PROF
    lea -12345(%r12), %rax; call show                               # r12 intact: 0
    # the default action ends a spinning process
    mov $13, %eax; mov $SIGALRM, %edi; lea act_dfl(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    xor %edi, %edi; lea it20ms(%rip), %rsi; call arm
1:  jmp 1b

install:
    mov $13, %eax; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall; ret
arm:                                  # edi = which, rsi = itimerval
    movb $0, flag(%rip)
    mov $38, %eax; xor %edx, %edx; syscall; ret
spin:
1:  cmpb $0, flag(%rip)
    je 1b
    mov last(%rip), %rax; call show
    ret

handler:
    mov %rdi, last(%rip)
    movb $1, flag(%rip)
    mov $99, %r12
    ret
restorer:
    mov $15, %eax; syscall

    .data
    .balign 8
act:     .quad handler, SA_RESTORER, restorer, 0
act_dfl: .quad 0, SA_RESTORER, restorer, 0
it20ms:  .quad 0, 0, 0, 20000
it10ms:  .quad 0, 0, 0, 10000
cur:     .quad -1, -1, -1, -1
last:    .quad 0
flag:    .byte 0
