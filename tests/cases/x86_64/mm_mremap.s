# mremap(2): growing in place, refusing to move without MREMAP_MAYMOVE, moving (the data comes
# along, the old range is gone), shrinking, MREMAP_FIXED, MREMAP_DONTUNMAP (the old range stays
# mapped and reads zeros), duplicating a shared mapping (old_size 0), and the error checks in
# Linux's order. Addresses are printed relative to where they were asked for, so the output
# does not depend on address-space randomization.
    .globl _start
    .text
# mmap at a fixed address: rdi = addr, rsi = len, r10d = flags (FIXED is added)
map:
    mov $9, %eax; mov $3, %edx; or $0x10, %r10d; mov $-1, %r8; xor %r9d, %r9d; syscall; ret
# mremap(rdi, rsi, rdx, r10, r8)
remap:
    mov $25, %eax; syscall; ret
# mincore(rdi, rsi, vec) → rax; vec[0] in r15
incore:
    mov $27, %eax; lea vec(%rip), %rdx; syscall; movzbq vec(%rip), %r15; ret
_start:
    mov $0x10000000, %edi; mov $8192, %esi; mov $0x22, %r10d; call map
    movq $11, 0x10000000
    movq $22, 0x10001000
    # grow in place: 8 KiB -> 16 KiB at the same address
    mov $0x10000000, %edi; mov $8192, %esi; mov $16384, %edx; xor %r10d, %r10d; call remap
    sub $0x10000000, %rax; call show
    mov 0x10002000, %rax; call show              # a new page: 0
    movq $33, 0x10002000
    # a blocker right after: growing again needs a move
    mov $0x10004000, %edi; mov $4096, %esi; mov $0x22, %r10d; call map
    mov $0x10000000, %edi; mov $16384, %esi; mov $20480, %edx; xor %r10d, %r10d; call remap
    call show                                    # -ENOMEM without MREMAP_MAYMOVE
    mov $0x10000000, %edi; mov $16384, %esi; mov $20480, %edx; mov $1, %r10d; call remap
    mov %rax, %rbx
    cmp $0x10000000, %rax; setne %al; movzbq %al, %rax; call show   # 1: it moved
    mov (%rbx), %rax; call show                  # 11
    mov 4096(%rbx), %rax; call show              # 22
    mov 8192(%rbx), %rax; call show              # 33
    mov $0x10000000, %edi; mov $4096, %esi; call incore
    call show                                    # -ENOMEM: the old range is unmapped
    # shrink in place
    mov %rbx, %rdi; mov $20480, %esi; mov $4096, %edx; xor %r10d, %r10d; call remap
    sub %rbx, %rax; call show                    # 0
    lea 4096(%rbx), %rdi; mov $4096, %esi; call incore
    call show                                    # -ENOMEM
    # errors
    lea 1(%rbx), %rdi; mov $4096, %esi; mov $4096, %edx; xor %r10d, %r10d; call remap
    call show                                    # EINVAL: unaligned
    mov %rbx, %rdi; mov $4096, %esi; xor %edx, %edx; xor %r10d, %r10d; call remap
    call show                                    # EINVAL: new size 0
    mov %rbx, %rdi; mov $4096, %esi; mov $4096, %edx; mov $8, %r10d; call remap
    call show                                    # EINVAL: unknown flag
    mov %rbx, %rdi; mov $4096, %esi; mov $4096, %edx; mov $2, %r10d; mov $0x30000000, %r8d; call remap
    call show                                    # EINVAL: FIXED without MAYMOVE
    mov $0x20000000, %edi; mov $4096, %esi; mov $8192, %edx; mov $1, %r10d; call remap
    call show                                    # EFAULT: nothing mapped there
    mov %rbx, %rdi; mov $8192, %esi; mov $16384, %edx; mov $1, %r10d; call remap
    call show                                    # EFAULT: old size past the mapping
    mov %rbx, %rdi; mov $4096, %esi; mov $4096, %edx; mov $3, %r10d; mov $0x30000001, %r8d; call remap
    call show                                    # EINVAL: unaligned new address
    # MREMAP_FIXED
    mov %rbx, %rdi; mov $4096, %esi; mov $4096, %edx; mov $3, %r10d; mov $0x30000000, %r8d; call remap
    sub $0x30000000, %rax; call show             # 0
    mov 0x30000000, %rax; call show              # 11
    mov $0x30000000, %edi; mov $4096, %esi; mov $8192, %edx; mov $3, %r10d; mov $0x2ffff000, %r8d; call remap
    call show                                    # EINVAL: old and new overlap
    # MREMAP_DONTUNMAP
    mov $0x30000000, %edi; mov $4096, %esi; mov $8192, %edx; mov $5, %r10d; xor %r8d, %r8d; call remap
    call show                                    # EINVAL: DONTUNMAP cannot resize
    mov $0x30000000, %edi; mov $4096, %esi; mov $4096, %edx; mov $4, %r10d; xor %r8d, %r8d; call remap
    call show                                    # EINVAL: DONTUNMAP without MAYMOVE
    mov $0x30000000, %edi; mov $4096, %esi; mov $4096, %edx; mov $5, %r10d; xor %r8d, %r8d; call remap
    mov %rax, %r12
    cmp $0x30000000, %rax; setne %al; movzbq %al, %rax; call show   # 1
    mov (%r12), %rax; call show                  # 11
    mov 0x30000000, %rax; call show              # 0: still mapped, empty again
    # old size 0: EINVAL for a private mapping, a second view of a shared one
    mov $0x30000000, %edi; xor %esi, %esi; mov $4096, %edx; mov $1, %r10d; call remap
    call show                                    # EINVAL
    mov $0x40000000, %edi; mov $4096, %esi; mov $0x21, %r10d; call map
    movq $5, 0x40000000
    mov $0x40000000, %edi; xor %esi, %esi; mov $4096, %edx; mov $1, %r10d; call remap
    movq $6, (%rax)
    mov 0x40000000, %rax; call show              # 6: both views share the page
    mov $60, %eax; xor %edi, %edi; syscall
    .bss
vec: .skip 16
