# Forms GNU as takes that vasm does not, or takes differently (documented in docs/assembler.md).
# The test checks that each line here still differs, so a fix shows up as a line to move.
{disp8} movl %eax, (%rbp)
{disp32} movl %eax, 8(%rax)
{load} movl %eax, %ebx
{store} addl %eax, %ebx
{rex} movl %eax, %ebx
ljmpw *(%rdi)
lcallw *(%rdi)
mov $"x", %eax
fnstsw %ax
fldt 8(%rsp)
addsd %xmm1, %xmm0
