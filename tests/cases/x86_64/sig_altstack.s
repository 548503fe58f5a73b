# The alternate signal stack on x86-64 (sigaltstack(2), kernel/signal.c do_sigaltstack,
# arch/x86/kernel/signal.c get_sigframe). Printed, one number a line:
#   old ss_flags before any stack (2: SS_DISABLE); sigaltstack(ss) result (0);
#   in the SA_ONSTACK handler: rsp on the alternate stack (1), sigaltstack's ss_flags
#   (1: SS_ONSTACK), a change refused (-1: EPERM), the frame's uc_stack.ss_flags (0);
#   after it: ss_flags (0);
#   in a handler without SA_ONSTACK: rsp on the alternate stack (0);
#   with SS_AUTODISARM: in the handler, on the stack (1), ss_flags (2: disarmed, SS_DISABLE),
#   uc_stack.ss_flags (SS_AUTODISARM, -2147483648); after rt_sigreturn the stack is back
#   (ss_flags SS_AUTODISARM).
    .set SIGUSR1, 10
    .set SIGUSR2, 12
    .set SA_SIGINFO, 4
    .set SA_RESTORER, 0x04000000
    .set SA_ONSTACK, 0x08000000
    .set SS_AUTODISARM, 0x80000000
    .set ALTSIZE, 16384
    .globl _start
    .text
_start:
    mov $39, %eax; syscall; mov %rax, %r15          # getpid
    call flags_now
    lea ss(%rip), %rdi; xor %esi, %esi; mov $131, %eax; syscall; call show
    mov $SIGUSR1, %edi; lea act_on(%rip), %rsi; call install
    mov $SIGUSR2, %edi; lea act_off(%rip), %rsi; call install
    mov $SIGUSR1, %esi; call send
    call flags_now
    mov $SIGUSR2, %esi; call send
    # SS_AUTODISARM
    movl $SS_AUTODISARM, ss+8(%rip)
    lea ss(%rip), %rdi; xor %esi, %esi; mov $131, %eax; syscall; call show
    movb $1, disarm(%rip)
    mov $SIGUSR1, %esi; call send
    call flags_now
    mov $60, %eax; xor %edi, %edi; syscall

install:
    mov $13, %eax; xor %edx, %edx; mov $8, %r10d; syscall
    ret
send:
    mov $62, %eax; mov %r15, %rdi; syscall
    ret
# flags_now: print the ss_flags sigaltstack(NULL, &old) reports
flags_now:
    xor %edi, %edi; lea old(%rip), %rsi; mov $131, %eax; syscall
    movslq old+8(%rip), %rax; call show
    ret
# on_alt: print 1 when rsp is inside the alternate stack buffer, else 0
on_alt:
    lea altbuf(%rip), %rcx
    xor %eax, %eax
    cmp %rcx, %rsp
    jb 1f
    add $ALTSIZE, %rcx
    cmp %rcx, %rsp
    ja 1f
    mov $1, %eax
1:  call show
    ret

handler_on:                           # rdi = signo, rsi = &info, rdx = &uc
    push %rbx
    mov %rdx, %rbx
    call on_alt
    call flags_now
    cmpb $0, disarm(%rip)
    jne 1f
    lea ss(%rip), %rdi; xor %esi, %esi; mov $131, %eax; syscall; call show
1:  movslq 16+8(%rbx), %rax; call show            # uc_stack.ss_flags
    pop %rbx
    ret
handler_off:
    call on_alt
    ret
restorer:
    mov $15, %eax; syscall

    .data
    .balign 8
act_on:  .quad handler_on, SA_SIGINFO | SA_RESTORER | SA_ONSTACK, restorer, 0
act_off: .quad handler_off, SA_SIGINFO | SA_RESTORER, restorer, 0
ss:      .quad altbuf
         .long 0, 0
         .quad ALTSIZE
old:     .quad 0, 0, 0
disarm:  .byte 0
    .bss
    .balign 16
altbuf:  .zero ALTSIZE
