// malloc, free, calloc, realloc for ARM64: a first-fit free list over memory from sbrk(2), the
// same design as x86-64's malloc.s. Every block has a 16-byte header just below the pointer
// returned: 0 usable size (a multiple of 16, so results are 16-byte aligned as malloc(3)
// requires for max_align_t), 8 next free block (only while the block is free). free() pushes
// the block on the list; malloc takes the first block that is large enough, or grows the heap.
// Blocks are never split or merged: simple, not frugal. Failure returns NULL with errno ENOMEM
// (sbrk sets it). malloc and free hold a heap lock (the futex mutex of pthread.s, Drepper's
// "Futexes Are Tricky" #2, kept here so a program without threads links no pthread code), so
// threads may allocate at the same time; calloc and realloc go through them.

	.set SYS_futex, 98
	.set FUTEX_WAIT_PRIVATE, 128
	.set FUTEX_WAKE_PRIVATE, 129

	.text
// heap_lock / heap_unlock: 0 free, 1 held, 2 held with waiters. Clobber x0–x3, x8–x12.
	.type heap_lock, %function
heap_lock:
	adrp x9, __vsys_heap_lock
	add x9, x9, :lo12:__vsys_heap_lock
	mov w10, #1
1:	ldaxr w11, [x9]                 // 0 → 1: taken without the kernel
	cbnz w11, 2f
	stxr w12, w10, [x9]
	cbnz w12, 1b
	ret
2:	clrex
	mov w10, #2
3:	ldaxr w11, [x9]                 // mark contended and take it if it was free meanwhile
	stxr w12, w10, [x9]
	cbnz w12, 3b
	cbz w11, 4f
	mov x0, x9
	mov w1, #FUTEX_WAIT_PRIVATE
	mov w2, #2
	mov x3, #0
	mov x8, #SYS_futex
	svc #0
	b 3b
4:	ret
	.size heap_lock, .-heap_lock

	.type heap_unlock, %function
heap_unlock:
	adrp x9, __vsys_heap_lock
	add x9, x9, :lo12:__vsys_heap_lock
1:	ldxr w11, [x9]
	sub w10, w11, #1
	stlxr w12, w10, [x9]
	cbnz w12, 1b
	cmp w11, #1                     // was 1: nobody waits
	b.eq 2f
	stlr wzr, [x9]
	mov x0, x9
	mov w1, #FUTEX_WAKE_PRIVATE
	mov w2, #1
	mov x8, #SYS_futex
	svc #0
2:	ret
	.size heap_unlock, .-heap_unlock

// malloc(size): the allocation below under the heap lock (the futex calls leave errno alone).
	.globl malloc
	.type malloc, %function
malloc:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	str x19, [sp, #16]
	mov x19, x0
	bl heap_lock
	mov x0, x19
	bl malloc_locked
	mov x19, x0
	bl heap_unlock
	mov x0, x19
	ldr x19, [sp, #16]
	ldp x29, x30, [sp], #32
	ret
	.size malloc, .-malloc

	.type malloc_locked, %function
malloc_locked:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	str x19, [sp, #16]
	cbnz x0, 1f
	mov x0, #1                      // malloc(0) returns a unique pointer, as glibc does
1:	mov x9, #0x7fffffffffffffe0
	cmp x0, x9
	b.hi .Lenomem
	add x19, x0, #15
	and x19, x19, #-16              // usable size
	adrp x10, __vsys_free_list      // x10 = address of the link to the candidate
	add x10, x10, :lo12:__vsys_free_list
2:	ldr x0, [x10]
	cbz x0, 4f
	ldr x11, [x0]
	cmp x11, x19
	b.hs 3f
	add x10, x0, #8
	b 2b
3:	ldr x11, [x0, #8]               // unlink the block
	str x11, [x10]
	add x0, x0, #16
	b .Lret
4:	adrp x9, __vsys_heap_aligned
	ldrb w9, [x9, :lo12:__vsys_heap_aligned]
	cbnz w9, 5f
	mov x0, #0                      // first growth: align the break to 16
	bl sbrk
	cmn x0, #1
	b.eq 6f
	neg x0, x0
	and x0, x0, #15
	bl sbrk
	cmn x0, #1
	b.eq 6f
	mov w9, #1
	adrp x10, __vsys_heap_aligned
	strb w9, [x10, :lo12:__vsys_heap_aligned]
5:	add x0, x19, #16
	bl sbrk
	cmn x0, #1
	b.eq 6f
	str x19, [x0]
	add x0, x0, #16
	b .Lret
6:	mov x0, #0
	b .Lret
.Lenomem:
	mov w0, #12
	bl __vsys_set_errno
	mov x0, #0
.Lret:
	ldr x19, [sp, #16]
	ldp x29, x30, [sp], #32
	ret
	.size malloc_locked, .-malloc_locked

	.globl free
	.type free, %function
free:
	cbz x0, 1f
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	str x19, [sp, #16]
	mov x19, x0
	bl heap_lock
	adrp x9, __vsys_free_list
	ldr x10, [x9, :lo12:__vsys_free_list]
	stur x10, [x19, #-8]
	sub x10, x19, #16
	str x10, [x9, :lo12:__vsys_free_list]
	bl heap_unlock
	ldr x19, [sp, #16]
	ldp x29, x30, [sp], #32
1:	ret
	.size free, .-free

// calloc(n, size): n * size bytes of zeros; ENOMEM when the product overflows.
	.globl calloc
	.type calloc, %function
calloc:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	str x19, [sp, #16]
	umulh x9, x0, x1
	cbnz x9, 1f
	mul x19, x0, x1
	mov x0, x19
	bl malloc
	cbz x0, 2f
	mov w1, #0
	mov x2, x19
	bl memset
2:	ldr x19, [sp, #16]
	ldp x29, x30, [sp], #32
	ret
1:	mov w0, #12
	bl __vsys_set_errno
	mov x0, #0
	b 2b
	.size calloc, .-calloc

// realloc(p, size): NULL p is malloc; a block already large enough is kept; otherwise a new
// block gets the old contents and the old one is freed.
	.globl realloc
	.type realloc, %function
realloc:
	cbnz x0, 1f
	mov x0, x1
	b malloc
1:	ldur x9, [x0, #-16]
	cmp x1, x9
	b.hi 2f
	ret
2:	stp x29, x30, [sp, #-32]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	mov x19, x0
	mov x0, x1
	bl malloc
	cbz x0, 3f
	mov x20, x0
	mov x1, x19
	ldur x2, [x19, #-16]
	bl memcpy
	mov x0, x19
	bl free
	mov x0, x20
3:	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #32
	ret
	.size realloc, .-realloc

	.bss
	.p2align 3
__vsys_free_list:	.zero 8
__vsys_heap_aligned:	.zero 8
__vsys_heap_lock:	.zero 8
