// The ARM64 kernel entry code, run at EL1 — the one door from EL0 into the kernel.
//
// Assembled by vasm (the ARM64 backend of @vsys/asm) when the machine boots; the machine maps
// its .text at KERNEL_TEXT (arch/arm64/layout.ts), supervisor-only and UXN, and points VBAR_EL1
// at `vectors`. Linux's counterpart is arch/arm64/kernel/entry.S (kernel_entry / kernel_exit).
//
// The vector table (Arm ARM D1.10.2, "Exception vectors"): 2 KiB aligned, 16 entries of 0x80
// bytes — four groups (current EL with SP_EL0, current EL with SP_ELx, lower EL using AArch64,
// lower EL using AArch32), each with synchronous, IRQ, FIQ and SError entries. Only two entries
// do real work here: a synchronous exception from EL0 (`svc`, aborts, undefined instructions,
// alignment faults) at +0x400, and a synchronous exception taken at EL1 (a kernel bug) at +0x200.
//
// el0_sync, on SP_EL1 (the thread's kernel stack, which the CPU selected on entry):
//   1. saves x0–x30, SP_EL0, ELR_EL1 (the user PC) and SPSR_EL1 (the user PSTATE) into a
//      struct pt_regs on the kernel stack (layout below, Linux's arch/arm64/include/asm/ptrace.h
//      order: regs[31], sp, pc, pstate, orig_x0, syscallno);
//   2. reads ESR_EL1: EC 0x15 is SVC from AArch64 — the syscall number is in x8, the arguments
//      in x0–x5 (Linux arm64 ABI, syscall(2));
//   3. `hvc #0` with x0 = the request and x1 = &pt_regs enters the TypeScript kernel (HVC at
//      EL1 is the emulator's hypercall; at EL0 it is UNDEFINED). The kernel writes the result
//      into pt_regs->regs[0] (or changes pt_regs for a signal), then
//   4. ret_to_user restores everything from pt_regs and `eret`s: PC ← ELR_EL1,
//      PSTATE ← SPSR_EL1 (EL0t), SP ← SP_EL0.
// Anything else from EL0 (data/instruction abort, undefined, PC/SP alignment, brk) goes to the
// kernel's fault path with ESR and FAR in x2/x3; the kernel turns it into a signal.

// ---- struct pt_regs (offsets read by the TypeScript side from this object's symbols) ----
    .set S_X0, 0
    .set S_X8, 64
    .set S_LR, 240
    .set S_SP, 248
    .set S_PC, 256
    .set S_PSTATE, 264
    .set S_ORIG_X0, 272
    .set S_SYSCALLNO, 280
    .set PT_REGS_SIZE, 288

// ---- hypercall requests (x0 at `hvc #0`) ----
    .set HC_SYSCALL, 1
    .set HC_EXCEPTION, 2
    .set HC_KERNEL_FAULT, 3
    .set HC_BAD_VECTOR, 4

// ---- ESR_EL1 (Arm ARM D19.2.37) ----
    .set ESR_ELx_EC_SHIFT, 26
    .set ESR_ELx_EC_SVC64, 0x15

    .text
    .globl  vectors
    .balign 2048
vectors:
    .balign 0x80
    b       el1_bad_vector                // current EL, SP_EL0: sync
    .balign 0x80
    b       el1_bad_vector                // current EL, SP_EL0: irq
    .balign 0x80
    b       el1_bad_vector                // current EL, SP_EL0: fiq
    .balign 0x80
    b       el1_bad_vector                // current EL, SP_EL0: serror
    .balign 0x80
    b       el1_sync                // current EL, SP_ELx: sync
    .balign 0x80
    b       el1_bad_vector                // current EL, SP_ELx: irq
    .balign 0x80
    b       el1_bad_vector                // current EL, SP_ELx: fiq
    .balign 0x80
    b       el1_bad_vector                // current EL, SP_ELx: serror
    .balign 0x80
    b       el0_sync                // lower EL, AArch64: sync
    .balign 0x80
    b       el1_bad_vector                // lower EL, AArch64: irq
    .balign 0x80
    b       el1_bad_vector                // lower EL, AArch64: fiq
    .balign 0x80
    b       el1_bad_vector                // lower EL, AArch64: serror
    .balign 0x80
    b       el1_bad_vector                // lower EL, AArch32: sync
    .balign 0x80
    b       el1_bad_vector                // lower EL, AArch32: irq
    .balign 0x80
    b       el1_bad_vector                // lower EL, AArch32: fiq
    .balign 0x80
    b       el1_bad_vector                // lower EL, AArch32: serror

    .balign 0x80
    .globl  el0_sync
el0_sync:
    sub     sp, sp, #PT_REGS_SIZE
    stp     x0, x1, [sp, #16 * 0]
    stp     x2, x3, [sp, #16 * 1]
    stp     x4, x5, [sp, #16 * 2]
    stp     x6, x7, [sp, #16 * 3]
    stp     x8, x9, [sp, #16 * 4]
    stp     x10, x11, [sp, #16 * 5]
    stp     x12, x13, [sp, #16 * 6]
    stp     x14, x15, [sp, #16 * 7]
    stp     x16, x17, [sp, #16 * 8]
    stp     x18, x19, [sp, #16 * 9]
    stp     x20, x21, [sp, #16 * 10]
    stp     x22, x23, [sp, #16 * 11]
    stp     x24, x25, [sp, #16 * 12]
    stp     x26, x27, [sp, #16 * 13]
    stp     x28, x29, [sp, #16 * 14]
    mrs     x21, sp_el0
    stp     x30, x21, [sp, #S_LR]
    mrs     x22, elr_el1
    mrs     x23, spsr_el1
    stp     x22, x23, [sp, #S_PC]
    mrs     x24, esr_el1
    lsr     x25, x24, #ESR_ELx_EC_SHIFT
    cmp     x25, #ESR_ELx_EC_SVC64
    b.ne    el0_fault

    .globl  el0_svc
el0_svc:
    str     x0, [sp, #S_ORIG_X0]
    str     x8, [sp, #S_SYSCALLNO]
    mov     x0, #HC_SYSCALL
    mov     x1, sp
    hvc     #0
    b       ret_to_user

    .globl  el0_fault
el0_fault:
    mov     x0, #HC_EXCEPTION
    mov     x1, sp
    mov     x2, x24
    mrs     x3, far_el1
    hvc     #0

    .globl  ret_to_user
ret_to_user:
    ldp     x22, x23, [sp, #S_PC]
    msr     elr_el1, x22
    msr     spsr_el1, x23
    ldp     x30, x21, [sp, #S_LR]
    msr     sp_el0, x21
    ldp     x0, x1, [sp, #16 * 0]
    ldp     x2, x3, [sp, #16 * 1]
    ldp     x4, x5, [sp, #16 * 2]
    ldp     x6, x7, [sp, #16 * 3]
    ldp     x8, x9, [sp, #16 * 4]
    ldp     x10, x11, [sp, #16 * 5]
    ldp     x12, x13, [sp, #16 * 6]
    ldp     x14, x15, [sp, #16 * 7]
    ldp     x16, x17, [sp, #16 * 8]
    ldp     x18, x19, [sp, #16 * 9]
    ldp     x20, x21, [sp, #16 * 10]
    ldp     x22, x23, [sp, #16 * 11]
    ldp     x24, x25, [sp, #16 * 12]
    ldp     x26, x27, [sp, #16 * 13]
    ldp     x28, x29, [sp, #16 * 14]
    add     sp, sp, #PT_REGS_SIZE
    eret

// A synchronous exception taken at EL1: a fault in the kernel itself. The machine panics.
    .globl  el1_sync
el1_sync:
    mov     x0, #HC_KERNEL_FAULT
    mrs     x1, esr_el1
    mrs     x2, elr_el1
    mrs     x3, far_el1
    hvc     #0
1:  wfi
    b       1b

// IRQ, FIQ, SError, AArch32: nothing here raises them; reaching one is a machine bug.
    .globl  el1_bad_vector
el1_bad_vector:
    mov     x0, #HC_BAD_VECTOR
    mrs     x1, esr_el1
    mrs     x2, elr_el1
    hvc     #0
2:  wfi
    b       2b
