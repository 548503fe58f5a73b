# Memory operands: default segment overrides GNU as leaves out, 32-bit addresses (addr32 moffs,
# R_X86_64_32 relocations), riz/eiz, empty scale, RIP-relative and absolute forms.
movl %ds:(%rcx), %eax
movl %ds:8(%rsi,%rdi,4), %eax
movq %ss:(%rsp), %rax
movq %ss:-8(%rbp), %rax
movq %ss:16(%rsp,%rcx,8), %rax
movl %ss:(%rcx), %eax
movl %ds:(%rbp), %eax
movl %ds:(%rsp), %eax
movl %ss:(%r12), %eax
movl %ss:(%r13), %eax
movl %ds:(%r12), %eax
movl %ds:(%r13), %eax
movl %es:(%rax), %eax
movl %cs:(%rax), %eax
movl %fs:(%rax), %eax
movl %gs:0x30, %eax
movl %ds:counter(%rip), %eax
movl %ss:counter(%rip), %eax
movl %ds:0x2000, %eax
movb %ds:0x2000, %al
movabs %ds:0x1122334455667788, %al
movabs %fs:0x1122334455667788, %rax
movl %ds:(%ebp), %eax
movl %ss:(%esp), %eax
addr32 movb 0x40001000, %al
addr32 movw 0x40001000, %ax
addr32 movl 0x40001000, %eax
addr32 movq 0x40001000, %rax
addr32 movq 0x40001000, %rbx
addr32 movb %al, 0x40001000
addr32 movq %rax, 0x40001000
addr32 mov 0x7fffffff, %eax
lea counter(%eax), %rdx
lea counter(%r9d), %rdx
lea counter+4(%eax,%ecx,2), %rdx
lea counter(%eip), %rdx
addr32 lea counter, %rdx
movl counter(,%eax,4), %ecx
movl counter(%ebx), %ecx
movl counter(%rbx), %ecx
movl (%rcx,%rdx,), %eax
movl 4(,%rcx,), %eax
movl %eax, -0x1000(,%eiz,)
movl %eax, -0x1000(,%eiz,4)
movl -64, %eax
movl -64(,%riz), %eax
movl 64(,%riz,2), %eax
movl (%rdx,%riz), %eax
movl (%rdx,%riz,8), %eax
movl (%rsp,%riz,1), %eax
movl (%r12,%riz,4), %eax
movl 0(%rip), %eax
movl counter-8(%rip), %eax
leaq (%rip), %rax
leaq 0x12345678(%rip), %rax
movq (%rip,%rax), %rax
movq (%rax,%rsp), %rax
movq (%rax,%rcx,3), %rax
movq (%eax,%rcx), %rax
movq (%ax), %rax
movq 0x80000000(%rax), %rax
movl 0xffffffff(%eax), %ecx
