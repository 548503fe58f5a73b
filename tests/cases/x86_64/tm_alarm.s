# alarm(2), setitimer(2) and getitimer(2) with ITIMER_REAL (kernel/time/itimer.c): the old
# value of alarm in whole seconds (rounded to the nearest, never 0 while one is pending), the
# argument checks (EINVAL for a bad `which` or timeval, EFAULT for bad pointers), SIGALRM with
# si_code SI_KERNEL ending pause() (EINTR), an interval timer firing three times, the
# interval read back, SIGALRM ending a read on an empty pipe (EINTR without SA_RESTART; with
# SA_RESTART the read is made again and gets the byte the handler wrote) and a nanosleep
# (EINTR even with SA_RESTART), and at last SIGALRM's default action ending the process.
    .set SIGALRM, 14
    .set SA_RESTORER, 0x04000000
    .set SA_RESTART, 0x10000000
    .globl _start
    .text
_start:
    mov $5, %edi; call alarm; call show               # 0
    xor %edi, %edi; call alarm; call show             # 5
    # errors
    mov $5, %edi; lea it20ms(%rip), %rsi; xor %edx, %edx; call setitimer; call show      # -22
    xor %edi, %edi; lea badusec(%rip), %rsi; xor %edx, %edx; call setitimer; call show   # -22
    xor %edi, %edi; lea negsec(%rip), %rsi; xor %edx, %edx; call setitimer; call show    # -22
    xor %edi, %edi; mov $8, %esi; xor %edx, %edx; call setitimer; call show              # -14
    xor %edi, %edi; lea zero(%rip), %rsi; mov $8, %edx; call setitimer; call show        # -14
    mov $3, %edi; lea cur(%rip), %rsi; call getitimer; call show                         # -22
    xor %edi, %edi; mov $8, %esi; call getitimer; call show                              # -14
    # alarm's rounding: 1.6 s left → 2; 0.3 s left → 1
    xor %edi, %edi; lea it1600ms(%rip), %rsi; xor %edx, %edx; call setitimer
    xor %edi, %edi; call alarm; call show
    xor %edi, %edi; lea it300ms(%rip), %rsi; xor %edx, %edx; call setitimer
    xor %edi, %edi; call alarm; call show
    # SIGALRM ends pause()
    xor %edi, %edi; call install
    xor %edi, %edi; lea it20ms(%rip), %rsi; lea old(%rip), %rdx; call setitimer; call show
    mov old+16(%rip), %rax; call show                 # no timer was set: 0
    mov $34, %eax; syscall; call show                 # pause: -4
    xor %edi, %edi; lea cur(%rip), %rsi; call getitimer; call show
    mov cur+16(%rip), %rax; add cur+24(%rip), %rax; call show   # expired: 0
    # an interval timer: three expiries, then disarmed
    xor %edi, %edi; lea it10ms_iv(%rip), %rsi; xor %edx, %edx; call setitimer
    movq $0, count(%rip)
    mov $34, %eax; syscall
    mov $34, %eax; syscall
    mov $34, %eax; syscall
    mov count(%rip), %rax; call show                  # 3
    xor %edi, %edi; lea cur(%rip), %rsi; call getitimer
    mov cur+8(%rip), %rax; call show                  # the interval: 10000 µs
    xor %eax, %eax; cmpq $0, cur+16(%rip); jne 1f; cmpq $0, cur+24(%rip); setne %al; jmp 2f
1:  mov $1, %eax
2:  call show                                         # armed: 1
    xor %edi, %edi; lea zero(%rip), %rsi; lea old(%rip), %rdx; call setitimer
    mov old+8(%rip), %rax; call show                  # the old interval: 10000
    # a read on an empty pipe: EINTR, then (SA_RESTART) restarted and fed by the handler
    mov $22, %eax; lea fds(%rip), %rdi; syscall
    xor %edi, %edi; lea it20ms(%rip), %rsi; xor %edx, %edx; call setitimer
    call read1; call show                             # -4
    mov $SA_RESTART, %edi; call install
    movb $1, feed(%rip)
    xor %edi, %edi; lea it20ms(%rip), %rsi; xor %edx, %edx; call setitimer
    call read1; call show                             # 1
    movzbl buf(%rip), %eax; call show                 # 'a' = 97
    # nanosleep: EINTR whatever SA_RESTART says, the time left in rem
    movb $0, feed(%rip)
    xor %edi, %edi; lea it20ms(%rip), %rsi; xor %edx, %edx; call setitimer
    mov $35, %eax; lea onesec(%rip), %rdi; lea rem(%rip), %rsi; syscall; call show   # -4
    mov rem(%rip), %rax; call show                    # 0 s left
    # the default action: killed by SIGALRM
    mov $13, %eax; mov $SIGALRM, %edi; lea act_dfl(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    xor %edi, %edi; lea it20ms(%rip), %rsi; xor %edx, %edx; call setitimer
    mov $34, %eax; syscall
    mov $60, %eax; mov $1, %edi; syscall

alarm:
    mov $37, %eax; syscall; ret
setitimer:
    mov $38, %eax; syscall; ret
getitimer:
    mov $36, %eax; syscall; ret
install:                              # edi = SA_RESTART or 0
    or $SA_RESTORER, %edi
    mov %rdi, act+8(%rip)
    mov $13, %eax; mov $SIGALRM, %edi; lea act(%rip), %rsi; xor %edx, %edx; mov $8, %r10d; syscall
    ret
read1:
    xor %eax, %eax; mov fds(%rip), %edi; lea buf(%rip), %rsi; mov $1, %edx; syscall
    ret

handler:
    incq count(%rip)
    cmpb $0, feed(%rip)
    je 1f
    mov $1, %eax; mov fds+4(%rip), %edi; lea byte(%rip), %rsi; mov $1, %edx; syscall
1:  ret
restorer:
    mov $15, %eax; syscall

    .data
    .balign 8
act:      .quad handler, 0, restorer, 0
act_dfl:  .quad 0, SA_RESTORER, restorer, 0
it20ms:   .quad 0, 0, 0, 20000
it10ms_iv: .quad 0, 10000, 0, 10000
it1600ms: .quad 0, 0, 1, 600000
it300ms:  .quad 0, 0, 0, 300000
badusec:  .quad 0, 1000000, 0, 20000
negsec:   .quad 0, 0, -1, 0
zero:     .quad 0, 0, 0, 0
onesec:   .quad 1, 0
rem:      .quad -1, -1
old:      .quad -1, -1, -1, -1
cur:      .quad -1, -1, -1, -1
count:    .quad 0
fds:      .long 0, 0
feed:     .byte 0
buf:      .byte 0
byte:     .ascii "a"
