# Alternative spellings and operand shapes GNU as accepts: extension moves without the
# destination suffix, 16-bit indirect branches, implicit %cl, string instructions with one or
# unusual operands (warned), Intel-only mnemonics in AT&T, size-default warnings.
movzb %dl, %ecx
movzb (%rdi), %rcx
movzw %dx, %ecx
movzw (%rdi), %rcx
movsb %dl, %cx
movsb (%rdi), %ecx
movsw %dx, %rcx
movsl %edx, %rcx
movsx %edx, %rcx
movsx (%rdi), %ecx
movsx %dl, %ecx
movsxd %edx, %rcx
movzx %dl, %ecx
movsl %edx, %ecx
call *%cx
callw *%dx
callw *8(%rdi)
jmp *%si
jmpw *%di
jmpw *(%rdi)
call *%ecx
jmpl *%ecx
ljmp *(%rdi)
ljmpl *(%rdi)
lcall *(%rdi)
lcalll *(%rdi)
ljmpq *(%rdi)
lcallq *(%rdi)
jmp %rdx
call %r11
jmpq %rdx
jmp *%rdx
shld %edx, %ecx
shrd %rdx, (%rdi)
shldw %dx, %cx
shld %cl, %edx, %ecx
shrd $4, %rdx, %rcx
scasb (%rdi)
scas (%rdi)
lods (%rsi)
lodsb (%rsi)
stos (%rdi)
stosb (%rdi)
stos %es:(%rdi)
lodsb (%rdi)
stos %al, (%rsi)
xlat (%rax)
movsb (%rax), (%rbx)
movs (%eax), (%edi)
lodsb %fs:(%rax)
lodsb (%rsi,%rax)
lodsb 8(%rsi)
lodsb (%esi)
movsb (%rsi)
cmpsb (%rdi)
outsb (%rsi)
insb (%rdi)
movsd
cmpsd
lodsd
stosd
scasd
iretd
movsd (%rsi), (%rdi)
lret
lretq
retf
iret
iretq
sysret
sysexit
ins %dx, %es:(%rdi)
outs %ds:(%rsi), %dx
lea %ds:(%rdi), %rax
lea %fs:8(%rdi), %rax
movabs $1, %rax
movabs $1, %eax
movabsq $-1, %rcx
movabsl $1, %eax
movabs 0x1122334455667788, %eax
movabs %al, 0x10
