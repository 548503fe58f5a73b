# BMI1/BMI2: VEX-encoded general-purpose instructions (C4 prefix with R̄X̄B̄, map, W, v̄v̄v̄v̄, pp).
andn %ecx, %edx, %esi
andn (%rdi), %r9d, %eax
andn %r15, %rax, %r8
andnq 8(%rsp,%r11,4), %rbx, %rcx
blsr %ecx, %edx
blsr (%rdi), %r10
blsmsk %r12d, %eax
blsi %rax, %r15
blsil (%rsi), %eax
bzhi %ecx, %edx, %esi
bzhi %r9, (%rdi), %rax
bextr %ecx, %edx, %esi
bextr %r8, 16(%rdi), %r11
shlx %ecx, %edx, %esi
shlx %rax, (%rdi), %r12
sarx %r9d, %r10d, %r11d
shrx %rcx, %rdx, %r8
rorx $7, %ecx, %edx
rorx $63, (%rdi), %r13
rorxq $1, %rax, %rax
mulx %ecx, %edx, %esi
mulx (%rdi), %r8, %r9
pdep %ecx, %edx, %esi
pdep %r14, %r15, %rax
pext (%rsi), %eax, %ebx
pext %rax, %rbx, %rcx
andn %cx, %dx, %si
blsr %cl, %dl
rorx $1, %ax, %bx
lock andn %ecx, %edx, %esi
rep shlx %ecx, %edx, %esi
