# GAS pseudo-prefixes: they choose among encodings and emit no byte of their own.
{disp8} movl %eax, (%rbp)
{disp8} movl %eax, (%rcx)
{disp8} movl %eax, 8(%rcx)
{disp32} movl %eax, (%rax)
{disp32} movl %eax, 8(%rax)
{disp32} leaq -16(%rbp), %rsp
{disp32} movl %eax, (%rsp)
{load} movl %eax, %ebx
{store} movl %eax, %ebx
{load} addl %eax, %ebx
{store} addq %rcx, %rdx
{load} xorl %eax, %eax
{load} movl (%rax), %ebx
{load} movl $1, %eax
{rex} movl %eax, %ebx
{rex} nop
{rex} addb %al, %bl
{rex} movb %ah, %bl
{nooptimize} movl %eax, %ebx
{nooptimize} andq $0x7f, %rax
{vex3} andn %ecx, %edx, %esi
{vex} shlx %eax, %ebx, %ecx
{disp32}
{bogus} movl %eax, %ebx
