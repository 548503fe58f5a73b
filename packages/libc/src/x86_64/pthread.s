# Threads for x86-64: pthread_create, pthread_join, pthread_self, pthread_exit, and a futex
# mutex (pthread_mutex_init/lock/unlock/destroy). glibc's API and return conventions: the
# pthread functions return an error number and leave errno alone.
#
# A thread's memory is one mmap: its stack, then one page holding its TCB (crt0.s has the
# layout: 0 self, 8 errno, 16 tid, 24 start, 32 arg, 40 return value, 48 mapping base, 56
# mapping size). pthread_t is the TCB's address, as in glibc. clone(2) gets
#   CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
# with the TCB as the new thread pointer and &tcb->tid for both tid words: the kernel writes
# the tid there before clone returns, and clears it and FUTEX_WAKEs it when the thread exits
# (clone(2), set_tid_address(2)), which is what pthread_join waits for.
#
# The mutex is Drepper's "Futexes Are Tricky" mutex #2 in the first int of pthread_mutex_t:
# 0 unlocked, 1 locked, 2 locked with waiters; FUTEX_WAIT/WAKE with FUTEX_PRIVATE_FLAG.

	.set STACK_SIZE, 0x40000
	.set TCB_PAGE, 0x1000
	.set CLONE_THREAD_FLAGS, 0x3d0f00
	.set SYS_mmap, 9
	.set SYS_munmap, 11
	.set SYS_clone, 56
	.set SYS_exit, 60
	.set SYS_futex, 202
	.set FUTEX_WAIT, 0
	.set FUTEX_WAIT_PRIVATE, 128
	.set FUTEX_WAKE_PRIVATE, 129

	.text
# int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg)
	.globl pthread_create
	.type pthread_create, @function
pthread_create:
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rdi, %r12                  # thread
	mov %rdx, %r13                  # start
	mov %rcx, %r14                  # arg
	xor %edi, %edi
	mov $(STACK_SIZE + TCB_PAGE), %esi
	mov $3, %edx                    # PROT_READ|PROT_WRITE
	mov $0x20022, %r10d             # MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK
	mov $-1, %r8
	xor %r9d, %r9d
	mov $SYS_mmap, %eax
	syscall
	cmp $-4095, %rax
	jae 8f
	mov %rax, %r15                  # mapping base
	lea STACK_SIZE(%rax), %rbx      # the TCB
	mov %rbx, (%rbx)
	movl $0, 8(%rbx)
	mov %r13, 24(%rbx)
	mov %r14, 32(%rbx)
	movq $0, 40(%rbx)
	mov %r15, 48(%rbx)
	movq $(STACK_SIZE + TCB_PAGE), 56(%rbx)
	mov $CLONE_THREAD_FLAGS, %edi
	mov %rbx, %rsi                  # the child's stack top: just below its TCB
	lea 16(%rbx), %rdx              # parent_tid
	lea 16(%rbx), %r10              # child_tid
	mov %rbx, %r8                   # tls
	mov $SYS_clone, %eax
	syscall
	test %rax, %rax
	jz .Lchild
	js 9f
	mov %rbx, (%r12)
	xor %eax, %eax
	jmp 7f
9:	push %rax                       # clone failed: give the memory back
	mov %r15, %rdi
	mov $(STACK_SIZE + TCB_PAGE), %esi
	mov $SYS_munmap, %eax
	syscall
	pop %rax
8:	neg %eax                        # the error number (EAGAIN, ENOMEM …)
7:	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	ret
.Lchild:
	xor %ebp, %ebp                  # the new thread: outermost frame, aligned stack
	and $-16, %rsp
	mov %fs:0, %rbx
	mov 32(%rbx), %rdi
	call *24(%rbx)
	mov %rax, %rdi
	jmp pthread_exit
	.size pthread_create, .-pthread_create

# void pthread_exit(void *retval): only this thread ends (exit(2), not exit_group).
	.globl pthread_exit
	.type pthread_exit, @function
pthread_exit:
	mov %fs:0, %rax
	mov %rdi, 40(%rax)
1:	xor %edi, %edi
	mov $SYS_exit, %eax
	syscall
	jmp 1b
	.size pthread_exit, .-pthread_exit

# int pthread_join(pthread_t thread, void **retval): wait until the kernel cleared the tid.
	.globl pthread_join
	.type pthread_join, @function
pthread_join:
	push %rbx
	push %r12
	sub $8, %rsp
	mov %rdi, %rbx
	mov %rsi, %r12
1:	mov 16(%rbx), %edx              # tid: 0 once the thread has exited
	test %edx, %edx
	jz 2f
	lea 16(%rbx), %rdi
	mov $FUTEX_WAIT, %esi           # shared futex: the kernel's wake at exit is not private
	xor %r10d, %r10d
	mov $SYS_futex, %eax
	syscall                         # returns at wake-up, or EAGAIN when tid already changed
	jmp 1b
2:	test %r12, %r12
	jz 3f
	mov 40(%rbx), %rax
	mov %rax, (%r12)
3:	mov 48(%rbx), %rdi
	mov 56(%rbx), %rsi
	mov $SYS_munmap, %eax
	syscall
	xor %eax, %eax
	add $8, %rsp
	pop %r12
	pop %rbx
	ret
	.size pthread_join, .-pthread_join

	.globl pthread_self
	.type pthread_self, @function
pthread_self:
	mov %fs:0, %rax
	ret
	.size pthread_self, .-pthread_self

	.globl pthread_mutex_init
	.type pthread_mutex_init, @function
	.globl pthread_mutex_destroy
	.type pthread_mutex_destroy, @function
pthread_mutex_init:
	movl $0, (%rdi)
pthread_mutex_destroy:
	xor %eax, %eax
	ret
	.size pthread_mutex_init, .-pthread_mutex_init

	.globl pthread_mutex_lock
	.type pthread_mutex_lock, @function
pthread_mutex_lock:
	xor %eax, %eax
	mov $1, %ecx
	lock cmpxchg %ecx, (%rdi)       # 0 → 1: taken without the kernel
	jz 3f
1:	mov $2, %eax                    # mark contended and take it if it was free meanwhile
	xchg %eax, (%rdi)
	test %eax, %eax
	jz 3f
	push %rdi
	mov $FUTEX_WAIT_PRIVATE, %esi
	mov $2, %edx
	xor %r10d, %r10d
	mov $SYS_futex, %eax
	syscall
	pop %rdi
	jmp 1b
3:	xor %eax, %eax
	ret
	.size pthread_mutex_lock, .-pthread_mutex_lock

	.globl pthread_mutex_unlock
	.type pthread_mutex_unlock, @function
pthread_mutex_unlock:
	mov $-1, %eax
	lock xadd %eax, (%rdi)
	cmp $1, %eax                    # was 1: nobody waits
	je 1f
	movl $0, (%rdi)
	mov $FUTEX_WAKE_PRIVATE, %esi
	mov $1, %edx
	mov $SYS_futex, %eax
	syscall
1:	xor %eax, %eax
	ret
	.size pthread_mutex_unlock, .-pthread_mutex_unlock
