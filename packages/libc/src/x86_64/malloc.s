# malloc, free, calloc, realloc for x86-64: a first-fit free list over memory from sbrk(2).
# Every block has a 16-byte header just below the pointer returned: 0 usable size (a multiple
# of 16, so results are 16-byte aligned as malloc(3) requires for max_align_t), 8 next free
# block (only while the block is free). free() pushes the block on the list; malloc takes the
# first block that is large enough, or grows the heap. Blocks are never split or merged:
# simple, not frugal. Failure returns NULL with errno ENOMEM (sbrk sets it).

	.text
	.globl malloc
	.type malloc, @function
malloc:
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
	.size malloc, .-malloc

	.globl free
	.type free, @function
free:
	test %rdi, %rdi
	jz 1f
	mov __vsys_free_list(%rip), %rax
	mov %rax, -8(%rdi)
	lea -16(%rdi), %rax
	mov %rax, __vsys_free_list(%rip)
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
