// Finding the vDSO, as glibc's dl_vdso_vsym does: the kernel passes the vDSO's ELF header in the
// auxiliary vector (AT_SYSINFO_EHDR = 33, getauxval(3)); its PT_DYNAMIC segment gives DT_HASH,
// DT_SYMTAB, DT_STRTAB, DT_VERSYM and DT_VERDEF (ELF gABI "Dynamic Section", and the LSB's
// "Symbol Versioning"). A symbol matches when its name matches, it is defined, and its version
// index (.gnu.version, low 15 bits) names a Verdef whose first Verdaux is the wanted version
// (LINUX_2.6.39 on arm64: linux/arch/arm64/kernel/vdso/vdso.lds.S, glibc aarch64 sysdep.h).
// The load bias is the address of the ELF header minus the first PT_LOAD's p_vaddr - p_offset.
// No vDSO (no AT_SYSINFO_EHDR, as under qemu-user 7.2), or a missing symbol, leaves the pointer
// 0 and the time functions make the system call.
	.set AT_SYSINFO_EHDR, 33
	.set DT_HASH, 4
	.set DT_STRTAB, 5
	.set DT_SYMTAB, 6
	.set DT_VERSYM, 0x6ffffff0
	.set DT_VERDEF, 0x6ffffffc

	.text
	.globl __vsys_init_vdso
	.type __vsys_init_vdso, %function
__vsys_init_vdso:
	stp x29, x30, [sp, #-48]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	stp x21, x22, [sp, #32]
	adrp x22, .Lvdso                // x22: the block of lookup state (bias, nsyms, tables)
	add x22, x22, :lo12:.Lvdso
	adrp x0, __vsys_auxv
	ldr x0, [x0, :lo12:__vsys_auxv]
	cbz x0, .Lnone
1:	ldr x1, [x0], #16
	cbz x1, .Lnone                  // AT_NULL: no vDSO
	cmp x1, #AT_SYSINFO_EHDR
	b.ne 1b
	ldur x19, [x0, #-8]             // the ELF header
	cbz x19, .Lnone
	ldr w1, [x19]
	movz w2, #0x457f
	movk w2, #0x464c, lsl #16       // "\177ELF"
	cmp w1, w2
	b.ne .Lnone
	ldr x1, [x19, #0x20]            // e_phoff
	add x1, x1, x19
	ldrh w2, [x19, #0x38]           // e_phnum
	ldrh w3, [x19, #0x36]           // e_phentsize
	mov x20, #0                     // bias
	mov x21, #0                     // found a PT_LOAD?
	mov x4, #0                      // PT_DYNAMIC p_vaddr
2:	cbz w2, 5f
	ldr w5, [x1]                    // p_type
	cmp w5, #1                      // PT_LOAD: the first one gives the bias
	b.ne 3f
	cbnz x21, 3f
	ldr x6, [x1, #8]                // p_offset
	ldr x7, [x1, #16]               // p_vaddr
	add x20, x19, x6
	sub x20, x20, x7
	mov x21, #1
3:	cmp w5, #2                      // PT_DYNAMIC
	b.ne 4f
	ldr x4, [x1, #16]
4:	add x1, x1, x3
	sub w2, w2, #1
	b 2b
5:	cbz x21, .Lnone
	cbz x4, .Lnone
	add x4, x4, x20                 // the dynamic array
	str x20, [x22]                  // bias
	movz x9, #0xfff0
	movk x9, #0x6fff, lsl #16       // DT_VERSYM
	movz x10, #0xfffc
	movk x10, #0x6fff, lsl #16      // DT_VERDEF
6:	ldp x5, x6, [x4], #16           // d_tag, d_val
	cbz x5, 7f                      // DT_NULL
	add x6, x6, x20
	cmp x5, #DT_HASH
	b.ne 8f
	ldr w7, [x6, #4]                // nchain = the number of symbols
	str x7, [x22, #8]
8:	cmp x5, #DT_STRTAB
	b.ne 8f
	str x6, [x22, #24]
8:	cmp x5, #DT_SYMTAB
	b.ne 8f
	str x6, [x22, #16]
8:	cmp x5, x9
	b.ne 8f
	str x6, [x22, #32]
8:	cmp x5, x10
	b.ne 6b
	str x6, [x22, #40]
	b 6b
7:	ldr x0, [x22, #16]
	cbz x0, .Lnone
	ldr x0, [x22, #24]
	cbz x0, .Lnone
	adrp x0, .Lname_clock_gettime
	add x0, x0, :lo12:.Lname_clock_gettime
	bl __vsys_vdso_sym
	adrp x1, __vsys_vdso_clock_gettime
	str x0, [x1, :lo12:__vsys_vdso_clock_gettime]
	adrp x0, .Lname_gettimeofday
	add x0, x0, :lo12:.Lname_gettimeofday
	bl __vsys_vdso_sym
	adrp x1, __vsys_vdso_gettimeofday
	str x0, [x1, :lo12:__vsys_vdso_gettimeofday]
	adrp x0, .Lname_clock_getres
	add x0, x0, :lo12:.Lname_clock_getres
	bl __vsys_vdso_sym
	adrp x1, __vsys_vdso_clock_getres
	str x0, [x1, :lo12:__vsys_vdso_clock_getres]
.Lnone:
	ldp x21, x22, [sp, #32]
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #48
	ret
	.size __vsys_init_vdso, .-__vsys_init_vdso

// __vsys_vdso_sym(name x0) -> the address of name@LINUX_2.6.39 in the vDSO, or 0.
	.globl __vsys_vdso_sym
	.type __vsys_vdso_sym, %function
__vsys_vdso_sym:
	stp x29, x30, [sp, #-64]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	stp x21, x22, [sp, #32]
	stp x23, x24, [sp, #48]
	mov x19, x0                     // the wanted name
	adrp x22, .Lvdso
	add x22, x22, :lo12:.Lvdso
	ldr x20, [x22, #16]             // symtab
	ldr x21, [x22, #8]              // number of symbols
	mov x23, #0                     // symbol index
.Lsym_next:
	add x23, x23, #1                // index 0 is the null symbol
	cmp x23, x21
	b.hs .Lsym_missing
	mov x9, #24
	madd x24, x23, x9, x20          // Elf64_Sym
	ldrh w9, [x24, #6]              // st_shndx == SHN_UNDEF: not defined here
	cbz w9, .Lsym_next
	ldr w1, [x24]                   // st_name
	ldr x9, [x22, #24]
	add x1, x1, x9
	mov x0, x19
	bl strcmp
	cbnz w0, .Lsym_next
	ldr x9, [x22, #32]              // versym
	cbz x9, .Lsym_found             // an unversioned vDSO: the name is enough
	ldrh w10, [x9, x23, lsl #1]
	and w10, w10, #0x7fff           // the hidden bit off: the version index
	ldr x11, [x22, #40]             // verdef
	cbz x11, .Lsym_next
1:	ldrh w12, [x11, #4]             // vd_ndx
	cmp w12, w10
	b.eq 2f
	ldr w12, [x11, #16]             // vd_next
	cbz w12, .Lsym_next
	add x11, x11, x12
	b 1b
2:	ldr w12, [x11, #12]             // vd_aux
	add x11, x11, x12
	ldr w1, [x11]                   // vda_name
	ldr x9, [x22, #24]
	add x1, x1, x9
	adrp x0, .Lversion
	add x0, x0, :lo12:.Lversion
	bl strcmp
	cbnz w0, .Lsym_next
.Lsym_found:
	ldr x0, [x24, #8]               // st_value + bias
	ldr x9, [x22]
	add x0, x0, x9
	b 3f
.Lsym_missing:
	mov x0, #0
3:	ldp x23, x24, [sp, #48]
	ldp x21, x22, [sp, #32]
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #64
	ret
	.size __vsys_vdso_sym, .-__vsys_vdso_sym

	.section .rodata
.Lversion:		.asciz "LINUX_2.6.39"
.Lname_clock_gettime:	.asciz "__kernel_clock_gettime"
.Lname_gettimeofday:	.asciz "__kernel_gettimeofday"
.Lname_clock_getres:	.asciz "__kernel_clock_getres"

	.bss
	.p2align 3
// 0 bias, 8 number of symbols, 16 symtab, 24 strtab, 32 versym, 40 verdef
.Lvdso:	.zero 48
	.globl __vsys_vdso_clock_gettime, __vsys_vdso_gettimeofday, __vsys_vdso_clock_getres
__vsys_vdso_clock_gettime:	.zero 8
__vsys_vdso_gettimeofday:	.zero 8
__vsys_vdso_clock_getres:	.zero 8
