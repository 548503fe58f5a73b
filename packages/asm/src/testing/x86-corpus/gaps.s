# Forms GNU as takes that vasm does not, or takes differently (documented in docs/assembler.md).
# The test checks that each line here still differs, so a fix shows up as a line to move.
ljmpw *(%rdi)
lcallw *(%rdi)
mov $"x", %eax
fnstsw %ax
fldt 8(%rsp)
addsd %xmm1, %xmm0
