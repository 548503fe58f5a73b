// The initial stack Linux gives an arm64 process: sp 16-byte aligned, argc at [sp], argv[argc]
// NULL, envp after it, then auxv with AT_PAGESZ = 4096 (type 6) and AT_NULL at the end; x0 is 0.
// Exit 0 when all hold, else the number of the first check that failed.
    .globl _start
    .text
_start:
    mov     x20, x0
    mov     x0, sp
    mov     x1, #1
    tst     x0, #15
    b.ne    fail
    mov     x1, #2
    cbnz    x20, fail
    ldr     x2, [sp]                // argc
    add     x3, sp, #8
    ldr     x4, [x3, x2, lsl #3]    // argv[argc]
    mov     x1, #3
    cbnz    x4, fail
    add     x3, x3, x2, lsl #3
    add     x3, x3, #8              // envp
1:  ldr     x4, [x3], #8
    cbnz    x4, 1b
    mov     x5, #0                  // AT_PAGESZ seen
2:  ldp     x6, x7, [x3], #16
    cbz     x6, 3f
    cmp     x6, #6
    b.ne    2b
    mov     x1, #4
    cmp     x7, #4096
    b.ne    fail
    mov     x5, #1
    b       2b
3:  mov     x1, #5
    cbz     x5, fail
    mov     x1, #0
fail:
    mov     x0, x1
    mov     x8, #93
    svc     #0
