# Finding the vDSO, as glibc's dl_vdso_vsym does: the kernel passes the vDSO's ELF header in the
# auxiliary vector (AT_SYSINFO_EHDR = 33, getauxval(3)); its PT_DYNAMIC segment gives DT_HASH,
# DT_SYMTAB, DT_STRTAB, DT_VERSYM and DT_VERDEF (ELF gABI "Dynamic Section", and the LSB's
# "Symbol Versioning"). A symbol matches when its name matches, it is defined, and its version
# index (.gnu.version, low 15 bits) names a Verdef whose first Verdaux is the wanted version
# (LINUX_2.6 on x86-64, linux/Documentation/ABI/stable/vdso). The load bias is the address of
# the ELF header minus the first PT_LOAD's p_vaddr - p_offset. No vDSO, or a missing symbol,
# leaves the pointer 0 and the time functions make the system call.

	.set AT_SYSINFO_EHDR, 33
	.set DT_HASH, 4
	.set DT_STRTAB, 5
	.set DT_SYMTAB, 6
	.set DT_VERSYM, 0x6ffffff0
	.set DT_VERDEF, 0x6ffffffc

	.text
	.globl __vsys_init_vdso
	.type __vsys_init_vdso, @function
__vsys_init_vdso:
	push %rbx
	push %r12
	push %r13
	mov __vsys_auxv(%rip), %rax
	test %rax, %rax
	jz .Lnone
1:	mov (%rax), %rcx
	test %rcx, %rcx
	jz .Lnone
	cmp $AT_SYSINFO_EHDR, %rcx
	je 2f
	add $16, %rax
	jmp 1b
2:	mov 8(%rax), %rbx               # ELF header
	test %rbx, %rbx
	jz .Lnone
	cmpl $0x464c457f, (%rbx)        # "\177ELF"
	jne .Lnone
	mov 0x20(%rbx), %rsi            # e_phoff
	add %rbx, %rsi
	movzwl 0x38(%rbx), %ecx         # e_phnum
	movzwl 0x36(%rbx), %edx         # e_phentsize
	xor %r12, %r12                  # bias (found flag in r13)
	xor %r13, %r13
	xor %r8, %r8                    # PT_DYNAMIC p_vaddr
3:	test %ecx, %ecx
	jz 5f
	mov (%rsi), %eax
	cmp $1, %eax                    # PT_LOAD: first one gives the bias
	jne 4f
	test %r13, %r13
	jnz 4f
	mov %rbx, %r12
	add 8(%rsi), %r12               # + p_offset
	sub 16(%rsi), %r12              # - p_vaddr
	mov $1, %r13d
4:	cmp $2, %eax                    # PT_DYNAMIC
	jne 6f
	mov 16(%rsi), %r8
6:	add %rdx, %rsi
	dec %ecx
	jmp 3b
5:	test %r13, %r13
	jz .Lnone
	test %r8, %r8
	jz .Lnone
	add %r12, %r8                   # the dynamic array
	mov %r12, __vsys_vdso_bias(%rip)
7:	mov (%r8), %rax
	test %rax, %rax
	jz 9f
	mov 8(%r8), %rcx
	add %r12, %rcx
	cmp $DT_HASH, %rax
	jne 8f
	mov 4(%rcx), %edx               # nchain = number of symbols
	mov %rdx, __vsys_vdso_nsyms(%rip)
8:	cmp $DT_STRTAB, %rax
	jne 8f
	mov %rcx, __vsys_vdso_strtab(%rip)
8:	cmp $DT_SYMTAB, %rax
	jne 8f
	mov %rcx, __vsys_vdso_symtab(%rip)
8:	cmp $DT_VERSYM, %rax
	jne 8f
	mov %rcx, __vsys_vdso_versym(%rip)
8:	cmp $DT_VERDEF, %rax
	jne 8f
	mov %rcx, __vsys_vdso_verdef(%rip)
8:	add $16, %r8
	jmp 7b
9:	cmpq $0, __vsys_vdso_symtab(%rip)
	je .Lnone
	cmpq $0, __vsys_vdso_strtab(%rip)
	je .Lnone
	lea .Lname_clock_gettime(%rip), %rdi
	call __vsys_vdso_sym
	mov %rax, __vsys_vdso_clock_gettime(%rip)
	lea .Lname_gettimeofday(%rip), %rdi
	call __vsys_vdso_sym
	mov %rax, __vsys_vdso_gettimeofday(%rip)
	lea .Lname_time(%rip), %rdi
	call __vsys_vdso_sym
	mov %rax, __vsys_vdso_time(%rip)
	lea .Lname_getcpu(%rip), %rdi
	call __vsys_vdso_sym
	mov %rax, __vsys_vdso_getcpu(%rip)
	lea .Lname_clock_getres(%rip), %rdi
	call __vsys_vdso_sym
	mov %rax, __vsys_vdso_clock_getres(%rip)
.Lnone:
	pop %r13
	pop %r12
	pop %rbx
	ret
	.size __vsys_init_vdso, .-__vsys_init_vdso

# __vsys_vdso_sym(name %rdi) -> address of name@LINUX_2.6 in the vDSO, or 0.
	.globl __vsys_vdso_sym
	.type __vsys_vdso_sym, @function
__vsys_vdso_sym:
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rdi, %r14                  # wanted name
	mov __vsys_vdso_symtab(%rip), %rbx
	xor %r12d, %r12d                # symbol index
	mov __vsys_vdso_nsyms(%rip), %r13
.Lsym_next:
	inc %r12                        # index 0 is the null symbol
	cmp %r13, %r12
	jae .Lsym_missing
	imul $24, %r12, %r15
	add %rbx, %r15                  # Elf64_Sym
	cmpw $0, 6(%r15)                # st_shndx == SHN_UNDEF: not defined here
	je .Lsym_next
	mov (%r15), %esi                # st_name
	add __vsys_vdso_strtab(%rip), %rsi
	mov %r14, %rdi
	call strcmp
	test %eax, %eax
	jnz .Lsym_next
	mov __vsys_vdso_versym(%rip), %rax
	test %rax, %rax
	jz .Lsym_found                  # unversioned vDSO: take the name
	movzwl (%rax,%r12,2), %ecx
	and $0x7fff, %ecx               # hidden bit off: the version index
	mov __vsys_vdso_verdef(%rip), %rdx
	test %rdx, %rdx
	jz .Lsym_next
1:	movzwl 4(%rdx), %eax            # vd_ndx
	cmp %ecx, %eax
	je 2f
	mov 16(%rdx), %eax              # vd_next
	test %eax, %eax
	jz .Lsym_next
	add %rax, %rdx
	jmp 1b
2:	mov 12(%rdx), %eax              # vd_aux
	add %rax, %rdx
	mov (%rdx), %esi                # vda_name
	add __vsys_vdso_strtab(%rip), %rsi
	lea .Lversion(%rip), %rdi
	call strcmp
	test %eax, %eax
	jnz .Lsym_next
.Lsym_found:
	mov 8(%r15), %rax               # st_value + bias
	add __vsys_vdso_bias(%rip), %rax
	jmp 3f
.Lsym_missing:
	xor %eax, %eax
3:	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	ret
	.size __vsys_vdso_sym, .-__vsys_vdso_sym

	.section .rodata
.Lversion:		.asciz "LINUX_2.6"
.Lname_clock_gettime:	.asciz "__vdso_clock_gettime"
.Lname_gettimeofday:	.asciz "__vdso_gettimeofday"
.Lname_time:		.asciz "__vdso_time"
.Lname_getcpu:		.asciz "__vdso_getcpu"
.Lname_clock_getres:	.asciz "__vdso_clock_getres"

	.bss
	.p2align 3
__vsys_vdso_bias:	.zero 8
__vsys_vdso_nsyms:	.zero 8
__vsys_vdso_symtab:	.zero 8
__vsys_vdso_strtab:	.zero 8
__vsys_vdso_versym:	.zero 8
__vsys_vdso_verdef:	.zero 8
	.globl __vsys_vdso_clock_gettime, __vsys_vdso_gettimeofday, __vsys_vdso_time, __vsys_vdso_getcpu, __vsys_vdso_clock_getres
__vsys_vdso_clock_gettime:	.zero 8
__vsys_vdso_gettimeofday:	.zero 8
__vsys_vdso_time:		.zero 8
__vsys_vdso_getcpu:		.zero 8
__vsys_vdso_clock_getres:	.zero 8
