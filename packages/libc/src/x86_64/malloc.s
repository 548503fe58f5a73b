# malloc, free, calloc, realloc for x86-64: a first-fit free list over memory from sbrk(2).
# Every block has a 16-byte header just below the pointer returned: 0 usable size (a multiple
# of 16, so results are 16-byte aligned as malloc(3) requires for max_align_t), 8 next free
# block (only while the block is free). free() pushes the block on the list; malloc takes the
# first block that is large enough, or grows the heap. Blocks are never split or merged:
# simple, not frugal. Failure returns NULL with errno ENOMEM (sbrk sets it). malloc and free
# hold a heap lock (the futex mutex of pthread.s, Drepper's "Futexes Are Tricky" #2, kept here
# so a program without threads links no pthread code), so threads may allocate at the same
# time; calloc and realloc go through them.

	.set SYS_futex, 202
	.set FUTEX_WAIT_PRIVATE, 128
	.set FUTEX_WAKE_PRIVATE, 129

	.text
# heap_lock / heap_unlock: 0 free, 1 held, 2 held with waiters. Clobber %rax, %rcx, %rdx,
# %rsi, %rdi, %r10, %r11.
	.type heap_lock, @function
heap_lock:
	xor %eax, %eax
	mov $1, %ecx
	lock cmpxchg %ecx, __vsys_heap_lock(%rip)   # 0 → 1: taken without the kernel
	jz 2f
1:	mov $2, %eax                    # mark contended and take it if it was free meanwhile
	xchg %eax, __vsys_heap_lock(%rip)
	test %eax, %eax
	jz 2f
	lea __vsys_heap_lock(%rip), %rdi
	mov $FUTEX_WAIT_PRIVATE, %esi
	mov $2, %edx
	xor %r10d, %r10d
	mov $SYS_futex, %eax
	syscall
	jmp 1b
2:	ret
	.size heap_lock, .-heap_lock

	.type heap_unlock, @function
heap_unlock:
	mov $-1, %eax
	lock xadd %eax, __vsys_heap_lock(%rip)
	cmp $1, %eax                    # was 1: nobody waits
	je 1f
	movl $0, __vsys_heap_lock(%rip)
	lea __vsys_heap_lock(%rip), %rdi
	mov $FUTEX_WAKE_PRIVATE, %esi
	mov $1, %edx
	mov $SYS_futex, %eax
	syscall
1:	ret
	.size heap_unlock, .-heap_unlock

# malloc(size): the allocation below under the heap lock (the futex calls leave errno alone).
	.globl malloc
	.type malloc, @function
malloc:
	push %rbx
	mov %rdi, %rbx
	call heap_lock
	mov %rbx, %rdi
	call malloc_locked
	mov %rax, %rbx
	call heap_unlock
	mov %rbx, %rax
	pop %rbx
	ret
	.size malloc, .-malloc

	.type malloc_locked, @function
malloc_locked:
	push %rbx
	test %rdi, %rdi
	jnz 1f
	mov $1, %edi                    # malloc(0) returns a unique pointer, as glibc does
1:	mov $0x7fffffffffffffe0, %rax
	cmp %rax, %rdi
	ja .Lenomem
	lea 15(%rdi), %rbx
	and $-16, %rbx                  # usable size
	lea __vsys_free_list(%rip), %rcx  # %rcx = address of the link to the candidate
2:	mov (%rcx), %rax
	test %rax, %rax
	jz 4f
	cmp %rbx, (%rax)
	jae 3f
	lea 8(%rax), %rcx
	jmp 2b
3:	mov 8(%rax), %rdx               # unlink the block
	mov %rdx, (%rcx)
	add $16, %rax
	pop %rbx
	ret
4:	cmpb $0, __vsys_heap_aligned(%rip)
	jne 5f
	xor %edi, %edi                  # first growth: align the break to 16
	call sbrk
	cmp $-1, %rax
	je 6f
	neg %rax
	and $15, %rax
	mov %rax, %rdi
	call sbrk
	cmp $-1, %rax
	je 6f
	movb $1, __vsys_heap_aligned(%rip)
5:	lea 16(%rbx), %rdi
	call sbrk
	cmp $-1, %rax
	je 6f
	mov %rbx, (%rax)
	add $16, %rax
	pop %rbx
	ret
6:	xor %eax, %eax
	pop %rbx
	ret
.Lenomem:
	mov $12, %edi
	call __vsys_set_errno
	xor %eax, %eax
	pop %rbx
	ret
	.size malloc_locked, .-malloc_locked

	.globl free
	.type free, @function
free:
	test %rdi, %rdi
	jz 1f
	push %rbx
	mov %rdi, %rbx
	call heap_lock
	mov __vsys_free_list(%rip), %rax
	mov %rax, -8(%rbx)
	lea -16(%rbx), %rax
	mov %rax, __vsys_free_list(%rip)
	call heap_unlock
	pop %rbx
1:	ret
	.size free, .-free

# calloc(n, size): n * size bytes of zeros; ENOMEM when the product overflows.
	.globl calloc
	.type calloc, @function
calloc:
	push %rbx
	mov %rdi, %rax
	mul %rsi
	jo 1f
	mov %rax, %rbx
	mov %rax, %rdi
	call malloc
	test %rax, %rax
	jz 2f
	mov %rax, %rdi
	xor %esi, %esi
	mov %rbx, %rdx
	call memset
2:	pop %rbx
	ret
1:	mov $12, %edi
	call __vsys_set_errno
	xor %eax, %eax
	pop %rbx
	ret
	.size calloc, .-calloc

# realloc(p, size): NULL p is malloc; a block already large enough is kept; otherwise a new
# block gets the old contents and the old one is freed.
	.globl realloc
	.type realloc, @function
realloc:
	test %rdi, %rdi
	jnz 1f
	mov %rsi, %rdi
	jmp malloc
1:	cmp -16(%rdi), %rsi
	ja 2f
	mov %rdi, %rax
	ret
2:	push %rbx
	push %r12
	sub $8, %rsp
	mov %rdi, %rbx
	mov %rsi, %rdi
	call malloc
	test %rax, %rax
	jz 3f
	mov %rax, %r12
	mov %rax, %rdi
	mov %rbx, %rsi
	mov -16(%rbx), %rdx
	call memcpy
	mov %rbx, %rdi
	call free
	mov %r12, %rax
3:	add $8, %rsp
	pop %r12
	pop %rbx
	ret
	.size realloc, .-realloc

	.bss
	.p2align 3
__vsys_free_list:	.zero 8
__vsys_heap_aligned:	.zero 8
__vsys_heap_lock:	.zero 8
