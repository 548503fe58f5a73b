# Thread pointers: arch_prctl(ARCH_SET_FS/GS) sets the FS/GS bases that %fs:/%gs: addressing
# uses in ring 3. The GS base must survive the entry code's swapgs pairs across syscalls.
# Each line: a result or a loaded value, in decimal (show.s).
#   SET_FS → 0; store via %fs:8, load from memory → 4660; GET_FS - &block → 0;
#   SET_GS → 0; store via %gs:16 → 77; after getpid, load via %gs:16 → 77; GET_GS - &gsblock → 0;
#   bad code → -22; SET_FS(non-canonical) → -1 (EPERM); %fs still works after that → 4660
    .globl _start
    .text
_start:
    mov $158, %eax; mov $0x1002, %edi; lea block(%rip), %rsi; syscall; call show
    movq $0x1234, %fs:8
    mov block+8(%rip), %rax; call show
    mov $158, %eax; mov $0x1003, %edi; lea out(%rip), %rsi; syscall
    mov out(%rip), %rax; lea block(%rip), %rcx; sub %rcx, %rax; call show
    mov $158, %eax; mov $0x1001, %edi; lea gsblock(%rip), %rsi; syscall; call show
    movq $77, %gs:16
    mov gsblock+16(%rip), %rax; call show
    mov $39, %eax; syscall
    mov %gs:16, %rax; call show
    mov $158, %eax; mov $0x1004, %edi; lea out(%rip), %rsi; syscall
    mov out(%rip), %rax; lea gsblock(%rip), %rcx; sub %rcx, %rax; call show
    mov $158, %eax; mov $0x9999, %edi; xor %esi, %esi; syscall; call show
    mov $158, %eax; mov $0x1002, %edi; mov $0x800000000000, %rsi; syscall; call show
    mov %fs:8, %rax; call show
    mov $60, %eax; xor %edi, %edi; syscall
    .bss
    .balign 16
block:   .skip 64
gsblock: .skip 64
out:     .skip 8
