# SCM_RIGHTS: sendmsg over a socketpair carries the write end of a pipe; the sender closes its
# copy; the receiver's recvmsg installs a new descriptor for the same open file (cmsg_len 20,
# SOL_SOCKET, SCM_RIGHTS, msg_controllen 24) and writes through it into the pipe. A control
# buffer with no room for one int gets MSG_CTRUNC and no descriptor. A bad fd in SCM_RIGHTS is
# EBADF; a cmsg_len larger than the buffer is EINVAL.
    .globl _start
    .text
_start:
    mov $53, %eax; mov $1, %edi; mov $1, %esi; xor %edx, %edx; lea sv(%rip), %r10; syscall
    movslq sv(%rip), %r12; movslq sv+4(%rip), %r13
    mov $22, %eax; lea pfd(%rip), %rdi; syscall
    # msghdr: one iovec ("x"), one SCM_RIGHTS cmsg with the pipe's write end
    lea x(%rip), %rax; mov %rax, iov(%rip); movq $1, iov+8(%rip)
    lea iov(%rip), %rax; mov %rax, smsg+16(%rip); movq $1, smsg+24(%rip)
    lea cm(%rip), %rax; mov %rax, smsg+32(%rip); movq $24, smsg+40(%rip)
    movq $20, cm(%rip); movl $1, cm+8(%rip); movl $1, cm+12(%rip)
    mov pfd+4(%rip), %eax; mov %eax, cm+16(%rip)
    mov $46, %eax; mov %r12, %rdi; lea smsg(%rip), %rsi; xor %edx, %edx; syscall; call show      # 1
    mov $3, %eax; movslq pfd+4(%rip), %rdi; syscall                                             # close our copy
    # recvmsg with 64 bytes of control
    lea buf(%rip), %rax; mov %rax, riov(%rip); movq $16, riov+8(%rip)
    lea riov(%rip), %rax; mov %rax, rmsg+16(%rip); movq $1, rmsg+24(%rip)
    lea rc(%rip), %rax; mov %rax, rmsg+32(%rip); movq $64, rmsg+40(%rip)
    mov $47, %eax; mov %r13, %rdi; lea rmsg(%rip), %rsi; xor %edx, %edx; syscall; call show      # 1
    mov rmsg+40(%rip), %rax; call show                                                           # 24
    mov rc(%rip), %rax; call show                                                                # 20
    mov rc+8(%rip), %eax; call show                                                              # 1
    mov rc+12(%rip), %eax; call show                                                             # 1
    movslq rc+16(%rip), %r14
    mov $1, %eax; mov %r14, %rdi; lea thru(%rip), %rsi; mov $thru_len, %edx; syscall
    mov $3, %eax; mov %r14, %rdi; syscall
    mov $0, %eax; movslq pfd(%rip), %rdi; lea buf(%rip), %rsi; mov $64, %edx; syscall; mov %rax, %rdx
    mov $1, %eax; mov $1, %edi; lea buf(%rip), %rsi; syscall                                     # "through the passed fd"
    # again (the read end this time), with a control buffer of 16 bytes: MSG_CTRUNC, nothing installed
    mov pfd(%rip), %eax; mov %eax, cm+16(%rip)
    mov $46, %eax; mov %r12, %rdi; lea smsg(%rip), %rsi; xor %edx, %edx; syscall
    movq $16, rmsg+40(%rip)
    mov $47, %eax; mov %r13, %rdi; lea rmsg(%rip), %rsi; xor %edx, %edx; syscall; call show      # 1
    mov rmsg+48(%rip), %eax; call show                                                           # 8 (MSG_CTRUNC)
    mov rmsg+40(%rip), %rax; call show                                                           # 0
    # a descriptor that is not open: EBADF
    movl $99, cm+16(%rip)
    mov $46, %eax; mov %r12, %rdi; lea smsg(%rip), %rsi; xor %edx, %edx; syscall; call show      # -9
    # cmsg_len beyond msg_controllen: EINVAL
    movq $40, cm(%rip)
    mov $46, %eax; mov %r12, %rdi; lea smsg(%rip), %rsi; xor %edx, %edx; syscall; call show      # -22
    mov $60, %eax; xor %edi, %edi; syscall
    .data
x:    .ascii "x"
thru: .ascii "through the passed fd\n"
      .set thru_len, . - thru
    .bss
    .balign 8
sv:   .skip 8
pfd:  .skip 8
iov:  .skip 16
riov: .skip 16
smsg: .skip 56
rmsg: .skip 56
cm:   .skip 24
rc:   .skip 64
buf:  .skip 64
