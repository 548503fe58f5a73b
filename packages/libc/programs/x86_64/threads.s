# Two threads whose errno values stay apart, and a mutex. Thread A fails close(-1) (EBADF),
# thread B fails open() of a missing file (ENOENT); each waits until both have failed, then
# reads its own errno. main's errno (EEXIST from mkdir("/")) is untouched by both. Then two
# threads add 1 to a counter 20000 times each under a pthread mutex: 40000. pthread_join
# hands back each thread's return value. Same output with glibc and with vsys libc.
	.text
	.globl main
main:
	push %rbx
	push %r12
	push %r13
	lea root(%rip), %rdi
	mov $0755, %esi
	call mkdir                      # main: errno = EEXIST
	lea tid_a(%rip), %rdi
	xor %esi, %esi
	lea thread_a(%rip), %rdx
	xor %ecx, %ecx
	call pthread_create
	mov %eax, %ebx
	lea tid_b(%rip), %rdi
	xor %esi, %esi
	lea thread_b(%rip), %rdx
	mov $7, %ecx
	call pthread_create
	or %eax, %ebx
	mov tid_a(%rip), %rdi
	lea ret_a(%rip), %rsi
	call pthread_join
	or %eax, %ebx
	mov tid_b(%rip), %rdi
	lea ret_b(%rip), %rsi
	call pthread_join
	or %eax, %ebx
	call __errno_location
	mov (%rax), %r12d
	lea f_errno(%rip), %rdi
	mov errno_a(%rip), %esi
	mov errno_b(%rip), %edx
	mov %r12d, %ecx
	mov %ebx, %r8d
	xor %eax, %eax
	call printf
	lea f_ret(%rip), %rdi
	mov ret_a(%rip), %rsi
	mov ret_b(%rip), %rdx
	xor %eax, %eax
	call printf
	# the mutex
	lea mutex(%rip), %rdi
	xor %esi, %esi
	call pthread_mutex_init
	lea tid_a(%rip), %rdi
	xor %esi, %esi
	lea adder(%rip), %rdx
	xor %ecx, %ecx
	call pthread_create
	lea tid_b(%rip), %rdi
	xor %esi, %esi
	lea adder(%rip), %rdx
	xor %ecx, %ecx
	call pthread_create
	mov tid_a(%rip), %rdi
	xor %esi, %esi
	call pthread_join
	mov tid_b(%rip), %rdi
	xor %esi, %esi
	call pthread_join
	lea f_count(%rip), %rdi
	mov counter(%rip), %esi
	xor %eax, %eax
	call printf
	# pthread_self in main is not a created thread's
	call pthread_self
	cmp tid_a(%rip), %rax
	setne %sil
	movzbl %sil, %esi
	lea f_self(%rip), %rdi
	xor %eax, %eax
	call printf
	xor %eax, %eax
	pop %r13
	pop %r12
	pop %rbx
	ret

# wait_both: count this thread in and spin (yielding) until both threads are in.
wait_both:
	lock incl arrived(%rip)
1:	cmpl $2, arrived(%rip)
	jae 2f
	call sched_yield
	jmp 1b
2:	ret

thread_a:
	sub $8, %rsp
	mov $-1, %edi
	call close                      # EBADF in this thread
	call wait_both
	call __errno_location
	mov (%rax), %eax
	mov %eax, errno_a(%rip)
	mov $11, %eax                   # return value
	add $8, %rsp
	ret

thread_b:
	push %rbx
	mov %rdi, %rbx                  # arg = 7
	lea missing(%rip), %rdi
	xor %esi, %esi
	call open                       # ENOENT in this thread
	call wait_both
	call __errno_location
	mov (%rax), %eax
	mov %eax, errno_b(%rip)
	lea 100(%rbx), %rax             # returns arg + 100
	pop %rbx
	ret

adder:
	push %rbx
	mov $20000, %ebx
1:	lea mutex(%rip), %rdi
	call pthread_mutex_lock
	mov counter(%rip), %eax         # a non-atomic read-modify-write: only the mutex protects it
	inc %eax
	mov %eax, counter(%rip)
	lea mutex(%rip), %rdi
	call pthread_mutex_unlock
	dec %ebx
	jnz 1b
	xor %eax, %eax
	pop %rbx
	ret

	.section .rodata
root:		.asciz "/"
missing:	.asciz "/no/such/file"
f_errno:	.asciz "thread A errno %d, thread B errno %d, main errno %d, pthread errors %d\n"
f_ret:		.asciz "returned %ld and %ld\n"
f_count:	.asciz "counter %d\n"
f_self:		.asciz "main is not thread A: %d\n"
	.bss
	.p2align 6
mutex:		.zero 64
counter:	.zero 4
arrived:	.zero 4
errno_a:	.zero 4
errno_b:	.zero 4
	.p2align 3
tid_a:		.zero 8
tid_b:		.zero 8
ret_a:		.zero 8
ret_b:		.zero 8
