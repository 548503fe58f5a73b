# Intel syntax (.intel_syntax noprefix): operand order exceptions, MASM bracket and operator
# forms, FWORD far pointers, the sizes GNU as cannot infer.
.intel_syntax noprefix
enter 32, 0
enter 0x10, 1
monitor rax, ecx, edx
mwait eax, ecx
mov rcx, QWORD PTR [rbx][rdx*8]
mov rcx, QWORD PTR 24[rbx][rdx*8]
mov ecx, DWORD PTR [rsi][16]
mov rcx, QWORD PTR table-8[rip]
mov rcx, QWORD PTR table[rip+8]
lea rcx, [rip+table]
jmp FWORD PTR [rdi]
call FWORD PTR [rdi+8]
mov eax, 1 shl 5
mov eax, 0x100 shr 4
mov eax, 17 mod 5
mov eax, 6 and 3
mov eax, 6 or 1
mov eax, 6 xor 3
mov eax, not 0
mov eax, (2 shl 3) or 1
movzx eax, [rdi]
movsx rax, [rdi]
movzx eax, BYTE PTR [rdi]
movsx rcx, edx
movsx rcx, DWORD PTR [rdi]
crc32 eax, [rdi]
crc32 eax, BYTE PTR [rdi]
lar eax, cx
lsl eax, WORD PTR [rdi]
rdrand ecx
movbe eax, DWORD PTR [rdi]
xsave64 [rdi]
fxsave [rsp]
invpcid rax, OWORD PTR [rdi]
xbegin fallback
xabort 3
mov eax, DWORD PTR [rbx+riz*2]
mov eax, DWORD PTR [rsp+riz]
stosd
iretd
lodsd
movsd
add [rdi], 1
inc [rdi]
mov [rdi], eax
.att_syntax prefix
