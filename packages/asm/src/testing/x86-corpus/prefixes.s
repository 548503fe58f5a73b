# Prefix words and prefix bytes: segment words, MPX bnd, HLE hints, REX with named bits,
# data16/addr32, lone prefixes, static branch hints. Each line is compared with GNU as.
cs nop
ds jmp *%rdx
fs lodsb
gs stosq
es nop
ss movl (%rbx), %ecx
es
ss
cs
rex64 stosb
rex.W lodsb
rex.B scasb
rex.RX movsb
rex.WRXB cmpsb
rex.wb nop
rex.x nop
rex nop
rex.w
data16 movl %ecx, %edx
data16 nopw (%rax)
addr32 stosb
addr32 lea 16(%rip), %rax
lock
repnz
rep; stosb
repz ret
bnd ret
bnd jmp *%rcx
bnd call *(%rdx)
bnd jmp far_away
bnd call far_away
bnd jne far_away
bnd movl %eax, %ebx
rep bnd ret
notrack jmp *%r11
notrack call *8(%rax)
xacquire lock incl (%rdi)
xrelease lock decq 8(%rsi)
xacquire lock cmpxchgl %ecx, (%rdx)
xrelease lock btsl $1, (%rax)
xacquire xchgl %eax, (%rbx)
xrelease xchg %rcx, (%rdx)
xrelease movl %eax, (%rdi)
xrelease movb $1, (%rdi)
xacquire movl %eax, (%rdi)
xrelease movl $1, %eax
xacquire addl $1, (%rax)
xacquire lock movl $1, (%rax)
xacquire xchg %eax, %ebx
xacquire nop
lock xchg %eax, (%rbx)
lock xaddq %rax, (%rcx)
jz,pt .+2
jne,pn .+0x40
jc,pt far_away
ja,pn far_away
jz,px .+2
