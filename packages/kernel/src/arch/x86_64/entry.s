# The x86-64 kernel entry code: the only instructions that run between a user program and the
# TypeScript kernel. It is real machine code, assembled with vasm and mapped in supervisor-only
# pages at the top of the address space; boot.ts points IA32_LSTAR and the IDT gates at it.
#
# Every path here does what Linux's arch/x86/entry/entry_64.S does, in the same order:
#   save the user state into a `struct pt_regs` on the thread's kernel stack (Linux's layout,
#   arch/x86/include/asm/ptrace.h), switch CR3 to the kernel page tables, make ONE `vmcall`
#   into the TypeScript kernel (which reads and writes pt_regs in memory), then undo it all.
#
# The per-CPU area (PERCPU_*) is reached through %gs after `swapgs` (IA32_KERNEL_GS_BASE holds
# its address while user code runs; SDM Vol. 2B SWAPGS). The kernel CR3, the process's user CR3
# and the current thread's kernel stack top live there; the kernel updates them on every
# context switch.
#
# The `vmcall` convention (ours; vmcall at CPL 0 is the emulator's door into TypeScript):
#   %eax = HC_* request, %rdi = address of the saved pt_regs, %rsi = vector, %rdx = CR2.
#   For HC_SYSCALL64 the kernel answers in %eax: 1 = return with sysretq, 0 = with iretq
#   (Linux's do_syscall_64() returns the same boolean, arch/x86/entry/syscall_64.c).
#
# Every constant below is also read by the TypeScript side from this file's symbol table, so
# this file is the single source of truth for the layout.

# ---- struct pt_regs (arch/x86/include/asm/ptrace.h), offsets from its lowest address --------
        .set PT_R15,      0
        .set PT_R14,      8
        .set PT_R13,      16
        .set PT_R12,      24
        .set PT_RBP,      32
        .set PT_RBX,      40
        .set PT_R11,      48
        .set PT_R10,      56
        .set PT_R9,       64
        .set PT_R8,       72
        .set PT_RAX,      80
        .set PT_RCX,      88
        .set PT_RDX,      96
        .set PT_RSI,      104
        .set PT_RDI,      112
        .set PT_ORIG_RAX, 120     # syscall number, or the exception's error code (-1 if none)
        .set PT_RIP,      128
        .set PT_CS,       136
        .set PT_EFLAGS,   144
        .set PT_RSP,      152
        .set PT_SS,       160
        .set PT_REGS_SIZE, 168

# ---- the per-CPU area ----------------------------------------------------------------------
        .set PERCPU_USER_RSP,     0    # scratch: the user RSP during syscall entry
        .set PERCPU_KERNEL_CR3,   8    # the kernel page tables
        .set PERCPU_USER_CR3,     16   # the current process's page tables
        .set PERCPU_TOP_OF_STACK, 24   # the current thread's kernel stack top (= TSS.RSP0)
        .set PERCPU_SIZE,         32

# ---- selectors (arch/x86/include/asm/segment.h: GDT_ENTRY_DEFAULT_USER_CS*8+3 etc.) -------
        .set KERNEL_CS, 0x10
        .set KERNEL_DS, 0x18
        .set USER_DS,   0x2b
        .set USER_CS,   0x33

# ---- requests to the TypeScript kernel ------------------------------------------------------
        .set HC_SYSCALL64, 1     # `syscall`: x86-64 table, args rdi rsi rdx r10 r8 r9
        .set HC_INT80,     2     # `int $0x80`: i386 table, args ebx ecx edx esi edi ebp
        .set HC_EXCEPTION, 3     # a CPU exception: %rsi = vector, %rdx = CR2

        .set ENOSYS, 38

        .text
        .globl entry_SYSCALL_64
        .globl entry_INT80_compat
        .globl return_to_user
        .globl exception_common

# ============================================================================================
# `syscall` from ring 3 (IA32_LSTAR). On entry (SDM Vol. 2B SYSCALL): RCX = user RIP,
# R11 = user RFLAGS, RFLAGS &= ~IA32_FMASK, CS/SS = kernel, CPL 0; RSP is still the user's.
# ============================================================================================
entry_SYSCALL_64:
        swapgs                                  # GS base := the per-CPU area
        movq    %rsp, %gs:PERCPU_USER_RSP
        movq    %gs:PERCPU_KERNEL_CR3, %rsp     # RSP is the only free register: use it as scratch
        movq    %rsp, %cr3
        movq    %gs:PERCPU_TOP_OF_STACK, %rsp

        # Build struct pt_regs, highest field first.
        pushq   $USER_DS                        # ss
        pushq   %gs:PERCPU_USER_RSP             # sp
        pushq   %r11                            # flags
        pushq   $USER_CS                        # cs
        pushq   %rcx                            # ip
        pushq   %rax                            # orig_ax: the syscall number
        pushq   %rdi
        pushq   %rsi
        pushq   %rdx
        pushq   %rcx
        pushq   $-ENOSYS                        # ax: preset, as Linux's PUSH_AND_CLEAR_REGS rax=$-ENOSYS
        pushq   %r8
        pushq   %r9
        pushq   %r10
        pushq   %r11
        pushq   %rbx
        pushq   %rbp
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15

        movq    %rsp, %rdi
        movl    $HC_SYSCALL64, %eax
        vmcall                                  # the kernel dispatches and writes pt_regs->ax
        testl   %eax, %eax
        jz      return_to_user                  # the kernel asked for iretq

        # sysretq path (Linux: syscall_return_via_sysret). The kernel checked that
        # pt_regs->ip is canonical, cx == ip, r11 == flags, and no RF/TF.
        movq    %gs:PERCPU_USER_CR3, %rcx       # rcx and r11 are reloaded below: free
        movq    %rcx, %cr3
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbp
        popq    %rbx
        addq    $8, %rsp                        # r11: becomes RFLAGS, loaded below
        popq    %r10
        popq    %r9
        popq    %r8
        popq    %rax
        addq    $8, %rsp                        # rcx: becomes RIP, loaded below
        popq    %rdx
        popq    %rsi
        popq    %rdi
        # Now (%rsp) = orig_ax, then ip, cs, flags, sp, ss.
        movq    8(%rsp), %rcx                   # SYSRET: RIP := RCX
        movq    24(%rsp), %r11                  # SYSRET: RFLAGS := R11
        movq    32(%rsp), %rsp                  # the user stack (no interrupts: IF is masked)
        swapgs                                  # GS base := the user's again
        sysretq

# ============================================================================================
# `int $0x80` (IDT gate 0x80, DPL 3): the i386 table, even from a 64-bit process, as Linux's
# entry_INT80_compat (arch/x86/entry/entry_64_compat.S). The CPU switched to TSS.RSP0 and
# pushed ss, rsp, rflags, cs, rip (SDM Vol. 3A 6.14.2). r8-r15 are preserved.
# ============================================================================================
entry_INT80_compat:
        pushq   %rax                            # orig_ax
        swapgs
        pushq   %rdi
        pushq   %rsi
        pushq   %rdx
        pushq   %rcx
        pushq   $-ENOSYS
        pushq   %r8
        pushq   %r9
        pushq   %r10
        pushq   %r11
        pushq   %rbx
        pushq   %rbp
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        movq    %gs:PERCPU_KERNEL_CR3, %rax
        movq    %rax, %cr3
        movq    %rsp, %rdi
        movl    $HC_INT80, %eax
        vmcall
        jmp     return_to_user

# ============================================================================================
# Return to ring 3 with iretq from a complete pt_regs at %rsp (kernel CR3, kernel GS).
# Also where a new thread first enters user mode: boot builds its pt_regs and starts here.
# ============================================================================================
return_to_user:
        movq    %gs:PERCPU_USER_CR3, %rax       # rax is restored from pt_regs below
        movq    %rax, %cr3
        swapgs
.Lrestore_regs_and_iret:
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbp
        popq    %rbx
        popq    %r11
        popq    %r10
        popq    %r9
        popq    %r8
        popq    %rax
        popq    %rcx
        popq    %rdx
        popq    %rsi
        popq    %rdi
        addq    $8, %rsp                        # orig_ax / error code
        # The only instruction here that can fault on user-controlled state: a non-canonical
        # RIP in the frame (e.g. set by a signal handler through rt_sigreturn) makes iretq raise
        # #GP in ring 0. The kernel recognises this address, as Linux's fixup for native_iret
        # does, and treats it as the user's fault (SIGSEGV), not its own.
        .globl native_iret
native_iret:
        iretq

# ============================================================================================
# CPU exceptions. Each stub leaves the same frame: the error code (the CPU's, or -1 when the
# vector has none, SDM Vol. 3A Table 6-1) in pt_regs->orig_ax, and the vector pushed above it,
# then jumps to exception_common. Gates 3 (#BP) and 4 (#OF) have DPL 3 like Linux's
# (arch/x86/kernel/idt.c SYSG); the others DPL 0, so `int $n` from ring 3 is #GP(n*8+2).
# ============================================================================================
        .globl asm_exc_divide_error
asm_exc_divide_error:                           # 0  #DE
        pushq   $-1
        pushq   $0
        jmp     exception_common
        .globl asm_exc_debug
asm_exc_debug:                                  # 1  #DB
        pushq   $-1
        pushq   $1
        jmp     exception_common
        .globl asm_exc_nmi
asm_exc_nmi:                                    # 2  NMI
        pushq   $-1
        pushq   $2
        jmp     exception_common
        .globl asm_exc_int3
asm_exc_int3:                                   # 3  #BP (int3: a trap, RIP after it)
        pushq   $-1
        pushq   $3
        jmp     exception_common
        .globl asm_exc_overflow
asm_exc_overflow:                               # 4  #OF
        pushq   $-1
        pushq   $4
        jmp     exception_common
        .globl asm_exc_bounds
asm_exc_bounds:                                 # 5  #BR
        pushq   $-1
        pushq   $5
        jmp     exception_common
        .globl asm_exc_invalid_op
asm_exc_invalid_op:                             # 6  #UD
        pushq   $-1
        pushq   $6
        jmp     exception_common
        .globl asm_exc_device_not_available
asm_exc_device_not_available:                   # 7  #NM
        pushq   $-1
        pushq   $7
        jmp     exception_common
        .globl asm_exc_double_fault
asm_exc_double_fault:                           # 8  #DF (error code 0)
        pushq   $8
        jmp     exception_common
        .globl asm_exc_coproc_segment_overrun
asm_exc_coproc_segment_overrun:                 # 9
        pushq   $-1
        pushq   $9
        jmp     exception_common
        .globl asm_exc_invalid_tss
asm_exc_invalid_tss:                            # 10 #TS (error code)
        pushq   $10
        jmp     exception_common
        .globl asm_exc_segment_not_present
asm_exc_segment_not_present:                    # 11 #NP (error code)
        pushq   $11
        jmp     exception_common
        .globl asm_exc_stack_segment
asm_exc_stack_segment:                          # 12 #SS (error code)
        pushq   $12
        jmp     exception_common
        .globl asm_exc_general_protection
asm_exc_general_protection:                     # 13 #GP (error code)
        pushq   $13
        jmp     exception_common
        .globl asm_exc_page_fault
asm_exc_page_fault:                             # 14 #PF (error code; address in CR2)
        pushq   $14
        jmp     exception_common
        .globl asm_exc_spurious
asm_exc_spurious:                               # 15, and every vector without its own stub
        pushq   $-1
        pushq   $15
        jmp     exception_common
        .globl asm_exc_coprocessor_error
asm_exc_coprocessor_error:                      # 16 #MF
        pushq   $-1
        pushq   $16
        jmp     exception_common
        .globl asm_exc_alignment_check
asm_exc_alignment_check:                        # 17 #AC (error code)
        pushq   $17
        jmp     exception_common
        .globl asm_exc_machine_check
asm_exc_machine_check:                          # 18 #MC
        pushq   $-1
        pushq   $18
        jmp     exception_common
        .globl asm_exc_simd_coprocessor_error
asm_exc_simd_coprocessor_error:                 # 19 #XM
        pushq   $-1
        pushq   $19
        jmp     exception_common

# Frame here: vector, error code (= orig_ax), ip, cs, flags, sp, ss.
exception_common:
        testb   $3, 24(%rsp)                    # the saved CS RPL (vector, error, ip, cs): ring 3?
        jz      1f
        swapgs
1:      xchgq   %rdi, (%rsp)                    # the vector's slot becomes pt_regs->di
        pushq   %rsi
        pushq   %rdx
        pushq   %rcx
        pushq   %rax
        pushq   %r8
        pushq   %r9
        pushq   %r10
        pushq   %r11
        pushq   %rbx
        pushq   %rbp
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        movq    %rdi, %rsi                      # the vector
        movq    %cr2, %rdx                      # the faulting address (#PF; SDM Vol. 3A 6.15)
        testb   $3, PT_CS(%rsp)
        jz      2f                              # a fault in ring 0 keeps the kernel CR3
        movq    %gs:PERCPU_KERNEL_CR3, %rax
        movq    %rax, %cr3
2:      movq    %rsp, %rdi
        movl    $HC_EXCEPTION, %eax
        vmcall                                  # the kernel fixes the fault or signals the thread
        testb   $3, PT_CS(%rsp)
        jnz     return_to_user
        jmp     .Lrestore_regs_and_iret
