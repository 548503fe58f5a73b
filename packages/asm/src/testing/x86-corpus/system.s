# System and extension instructions of the integer ISA that kernels, hypervisors and libcs use.
clac
stac
wbinvd
wbnoinvd
invd
clts
getsec
verr %cx
verr (%rdi)
verw %dx
verw 8(%rsp)
verr %ecx
lar %dx, %cx
lar %ecx, %edx
lar %cx, %edx
lar %rcx, %rdx
lar %cx, %rdx
lar (%rsi), %edx
larw (%rsi), %dx
larq (%rsi), %rdx
lsl %ecx, %eax
lsl %cx, %eax
lsl (%rdi), %rax
lar %cx, (%rax)
lfs (%rdi), %esi
lgsl (%rdi), %esi
lssw (%rdi), %si
lss (%rbx), %ax
lfs (%rdi), %rsi
movnti %ecx, (%rdi)
movnti %r9, 16(%rdi)
movntiq %rax, (%rdi)
rdrand %cx
rdrand %ecx
rdrand %r10
rdseed %rdx
rdrandl %eax
rdrand (%rax)
rdpid %rax
rdpid %r11
rdpid %eax
vmptrld (%rdi)
vmptrst 8(%rdi)
vmclear (%rsi)
vmxon (%rsi)
vmread %rax, %rbx
vmread %rcx, 8(%rdx)
vmwrite (%rdx), %rcx
vmlaunch
vmresume
vmxoff
vmcall
vmfunc
invept (%rdi), %rax
invvpid 16(%rdi), %rcx
invpcid (%rsi), %rdx
vmrun
vmmcall
vmload
vmsave
vmgexit
stgi
clgi
skinit
invlpga
invlpgb
tlbsync
pvalidate
psmash
rmpadjust
rmpupdate
rmpquery
tdcall
seamcall
seamret
seamops
encls
enclu
enclv
pconfig
xsave (%rdi)
xsave64 (%rdi)
xrstor 64(%rsp)
xrstor64 (%rdi)
xsaveopt (%rdi)
xsaveopt64 (%rdi)
xsavec (%rdi)
xsavec64 (%rdi)
xsaves (%rdi)
xsaves64 (%rdi)
xrstors (%rdi)
xrstors64 (%rdi)
fxsave (%rsp)
fxsave64 (%rsp)
fxsaveq (%rsp)
fxrstor (%rsp)
fxrstor64 (%rsp)
fxrstorq (%rsp)
ldmxcsr -4(%rsp)
stmxcsr -4(%rsp)
xsetbv
xgetbv
rdpkru
wrpkru
serialize
xbegin .+0x20
xbegin abort_path
xabort $0xff
xend
xtest
xsusldtrk
xresldtrk
monitor
mwait
monitor %rax, %ecx, %edx
monitor %eax, %ecx, %edx
mwait %eax, %ecx
monitorx %rax, %ecx, %edx
mwaitx %eax, %ecx, %ebx
monitor %rax, %ecx
monitor %rbx, %ecx, %edx
umonitor %rdi
umwait %ecx
tpause %edx
clzero
rdpru
rdtscp
rdtsc
rdpmc
cpuid
clui
stui
testui
uiret
senduipi %rsi
rdsspd %eax
rdsspq %rcx
incsspd %edx
incsspq %rdi
wrssd %eax, (%rdi)
wrssq %rcx, 8(%rdi)
wrussd %eax, (%rdi)
wrussq %rcx, (%rdi)
rstorssp (%rdi)
clrssbsy (%rdi)
saveprevssp
setssbsy
endbr64
endbr32
ptwrite %ecx
ptwrite %rcx
ptwritel (%rdi)
ptwriteq (%rdi)
ptwrite (%rdi)
movbe (%rdi), %ax
movbe (%rdi), %ecx
movbe %rdx, 8(%rsi)
movbew %cx, (%rdi)
movbe %eax, %ebx
crc32b %cl, %eax
crc32b (%rdi), %r9
crc32w %dx, %eax
crc32l (%rsi), %ecx
crc32q %rdi, %rax
crc32 %cl, %eax
crc32 %ecx, %eax
crc32 (%rdi), %eax
crc32b %ax, %eax
adcx %ecx, %edx
adcx (%rdi), %rax
adox %r8, %r9
adoxl (%rsi), %eax
adcx %eax, (%rax)
movdiri %eax, (%rdi)
movdiri %rax, 8(%rdi)
movdir64b (%rsi), %rdi
movdir64b (%esi), %edi
enqcmd (%rsi), %rdi
enqcmds 64(%rsi), %rdx
cldemote (%rdi)
hreset $1
lfence
mfence
sfence
pause
clflush (%rdi)
clflushopt (%rdi)
clwb 64(%rdi)
prefetchw (%rsi)
swapgs
sysretq
sysretl
sysexitq
lgdt (%rdi)
sidt (%rsi)
ltr %dx
sldt %eax
str %ecx
smsw %ax
lmsw %dx
invlpg (%rdi)
mov %cr1, %rax
mov %cr9, %rax
mov %rax, %cr15
mov %db9, %rcx
mov %dr15, %rcx
mov %rcx, %dr12
