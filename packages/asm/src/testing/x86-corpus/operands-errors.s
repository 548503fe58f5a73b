# Lines GNU as rejects (vasm must reject them too) and values at the edges of their fields.
movl %ecx, %dx
addq $1, %ecx
mov %rcx, %edx
movb $256, %cl
movb $-129, %cl
movw $0x10000, %cx
mov $0x100000000, %ecx
add $0x100000000, %rcx
push %ecx
pushl $1
pop %cx, %dx
mov (%rcx,%rsp), %eax
mov (%rsp,%rsp), %eax
mov (%ecx,%rdx), %eax
mov 8(%rip,%rcx), %eax
mov %cr3, %ecx
mov %dr16, %rcx
movq %ds, %rcx
lea %ecx, %edx
lea $1, %ecx
jmp *$1
callq *%ecx
int $256
int %ecx
ret %ecx
ret $-1
ret $0x10000
enter $0x10000, $0
in $256, %al
in %dx, %cl
out %al, %cx
shl $256, %ecx
shl %dl, %ecx
imul $1, %ecx, %edx, %esi
xchg $1, %ecx
test $1, $2
mov $1, $2
mov %ecx
add %ecx,
add , %ecx
add %ecx %edx
add (%rcx
add %ecx, (%rcx))
addl $1, (%rcx) junk
frobnicate %ecx
lock nop
lock movl %ecx, (%rdi)
rep addl %ecx, %edx
rep rep movsb
lock lock incl (%rdi)
movb %ah, %r9b
movb %ch, %sil
mov %dh, (%r9)
movabsq %rcx, %rdx
movzbl %cx, %ecx
movzwl %cl, %ecx
movslq %cx, %rcx
bswap %cx
cmpxchg8b %rcx
cmpxchg16b (%rdi), %rcx
setc %ecx
cmovz %cl, %dl
loop %rcx
jrcxz *%rcx
sysret $1
lgdt %rcx
invlpg %rcx
movsb %es:(%rsi), %ds:(%rdi)
mov foo@BOGUS(%rip), %eax
mov $(1 +), %eax
mov $(, %eax
mov $'ab', %eax
mov $(1 == 1), %eax
mov $(2 != 1), %eax
mov $(2 >= 1), %eax
mov $(2 <> 1), %eax
movl $1, 0x123456789a
mov 0x123456789(%rcx), %eax
mov -0x80000001(%rcx), %eax
mov %eax, %rip
push %rip
nop %al
xbegin %ecx
rdpid %ecx
verr %ecx
jmp *%cx, %dx
