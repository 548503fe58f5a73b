# A timer's signal ending other sleeps (the restart codes of signal/restart.ts, as Linux):
#  poll with a timeout (-ERESTART_RESTARTBLOCK) and without (-ERESTARTNOHAND): EINTR;
#  select with a timeout (-ERESTARTNOHAND): EINTR, the time left written back;
#  futex FUTEX_WAIT without a timeout (-ERESTARTSYS): EINTR without SA_RESTART; with SA_RESTART
#  the wait is made again after the handler, which changed the futex word: EAGAIN;
#  futex FUTEX_WAIT with a timeout (-ERESTART_RESTARTBLOCK): EINTR even with SA_RESTART.
# The SIGALRM handler (ITIMER_REAL, 20 ms) sets the futex word to 1.
    .set SIGALRM, 14
    .set SA_RESTORER, 0x04000000
    .set SA_RESTART, 0x10000000
    .globl _start
    .text
_start:
    xor %edi, %edi; call install
    call arm
    mov $7, %eax; xor %edi, %edi; xor %esi, %esi; mov $1000, %edx; syscall; call show   # poll 1 s: -4
    call arm
    mov $7, %eax; xor %edi, %edi; xor %esi, %esi; mov $-1, %edx; syscall; call show     # poll forever: -4
    call arm
    mov $23, %eax; xor %edi, %edi; xor %esi, %esi; xor %edx, %edx; xor %r10d, %r10d; lea tv(%rip), %r8; syscall; call show  # -4
    xor %eax, %eax; cmpq $1, tv(%rip); setl %al; call show                              # time left < 1 s: 1
    call arm
    movl $0, word(%rip)
    call fwait_forever; call show                                                       # -4
    mov $SA_RESTART, %edi; call install
    call arm
    movl $0, word(%rip)
    call fwait_forever; call show                                                       # -11
    call arm
    movl $0, word(%rip)
    mov $202, %eax; lea word(%rip), %rdi; xor %esi, %esi; xor %edx, %edx; lea onesec(%rip), %r10; syscall; call show   # -4
    mov count(%rip), %rax; call show                                                    # 6
    mov $60, %eax; xor %edi, %edi; syscall

fwait_forever:
    mov $202, %eax; lea word(%rip), %rdi; xor %esi, %esi; xor %edx, %edx; xor %r10d, %r10d; syscall; ret
arm:
    mov $38, %eax; xor %edi, %edi; lea it20ms(%rip), %rsi; xor %edx, %edx; syscall; ret
install:                              # edi = SA_RESTART or 0
    or $SA_RESTORER, %edi
    mov %rdi, act+8(%rip)
    mov $13, %eax; mov $SIGALRM, %edi; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    ret

handler:
    incq count(%rip)
    movl $1, word(%rip)
    ret
restorer:
    mov $15, %eax; syscall

    .data
    .balign 8
act:    .quad handler, 0, restorer, 0
it20ms: .quad 0, 0, 0, 20000
tv:     .quad 1, 0
onesec: .quad 1, 0
count:  .quad 0
word:   .long 0
