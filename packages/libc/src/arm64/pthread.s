// Threads for ARM64: pthread_create, pthread_join, pthread_self, pthread_exit, and a futex
// mutex (pthread_mutex_init/lock/unlock/destroy). glibc's API and return conventions: the
// pthread functions return an error number and leave errno alone.
//
// A thread's memory is one mmap: its stack, then one page holding its TCB (crt0.s has the
// layout: 0 self, 8 errno, 16 tid, 24 start, 32 arg, 40 return value, 48 mapping base, 56
// mapping size). pthread_t is the TCB's address, as in glibc. clone(2) gets
//   CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
// with the TCB as the new TPIDR_EL0 and &tcb->tid for both tid words: the kernel writes the tid
// there before clone returns, and clears it and FUTEX_WAKEs it when the thread exits
// (clone(2), set_tid_address(2)), which is what pthread_join waits for. arm64 takes clone's
// arguments in the CONFIG_CLONE_BACKWARDS order: flags, stack, parent_tid, tls, child_tid.
//
// The mutex is Drepper's "Futexes Are Tricky" mutex #2 in the first int of pthread_mutex_t:
// 0 unlocked, 1 locked, 2 locked with waiters; FUTEX_WAIT/WAKE with FUTEX_PRIVATE_FLAG. The
// atomic steps are load-acquire/store-release exclusive pairs (LDAXR/STXR, LDXR/STLXR: Arm ARM
// B2.9 "Synchronization and semaphores"), retried when the exclusive store fails.
	.set STACK_SIZE, 0x40000
	.set TCB_PAGE, 0x1000
	.set SYS_munmap, 215
	.set SYS_mmap, 222
	.set SYS_clone, 220
	.set SYS_exit, 93
	.set SYS_futex, 98
	.set FUTEX_WAIT, 0
	.set FUTEX_WAIT_PRIVATE, 128
	.set FUTEX_WAKE_PRIVATE, 129

	.text
// int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg)
	.globl pthread_create
	.type pthread_create, %function
pthread_create:
	stp x29, x30, [sp, #-48]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	stp x21, x22, [sp, #32]
	mov x19, x0                     // thread
	mov x20, x2                     // start
	mov x21, x3                     // arg
	mov x0, #0
	mov x1, #STACK_SIZE
	add x1, x1, #TCB_PAGE
	mov x2, #3                      // PROT_READ|PROT_WRITE
	mov x3, #0x22                   // MAP_PRIVATE|MAP_ANONYMOUS
	movk x3, #0x2, lsl #16          // |MAP_STACK
	mov x4, #-1
	mov x5, #0
	mov x8, #SYS_mmap
	svc #0
	cmn x0, #4095
	b.hs 8f
	mov x22, x0                     // the mapping
	add x9, x0, #STACK_SIZE         // the TCB
	str x9, [x9]
	str wzr, [x9, #8]
	stp x20, x21, [x9, #24]         // start routine, argument
	str xzr, [x9, #40]
	mov x10, #STACK_SIZE
	add x10, x10, #TCB_PAGE
	stp x22, x10, [x9, #48]
	mov w0, #0x0f00                 // CLONE_VM|FS|FILES|SIGHAND
	movk w0, #0x3d, lsl #16         // |THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
	mov x1, x9                      // the child's stack top: just below its TCB
	add x2, x9, #16                 // parent_tid
	mov x3, x9                      // tls
	add x4, x9, #16                 // child_tid
	mov x8, #SYS_clone
	svc #0
	cbz x0, .Lchild
	tbnz x0, #63, 9f
	str x3, [x19]                   // *thread = the TCB (x3 survives the svc)
	mov w0, #0
	b 7f
9:	mov x19, x0                     // clone failed: give the memory back
	mov x0, x22
	mov x1, #STACK_SIZE
	add x1, x1, #TCB_PAGE
	mov x8, #SYS_munmap
	svc #0
	mov x0, x19
8:	neg w0, w0                      // the error number (EAGAIN, ENOMEM …)
7:	ldp x21, x22, [sp, #32]
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #48
	ret
.Lchild:
	mov x29, #0                     // the new thread: outermost frame
	mov x30, #0
	mrs x19, tpidr_el0
	ldp x9, x0, [x19, #24]          // start routine, argument
	blr x9
	b pthread_exit
	.size pthread_create, .-pthread_create

// void pthread_exit(void *retval): only this thread ends (exit(2), not exit_group).
	.globl pthread_exit
	.type pthread_exit, %function
pthread_exit:
	mrs x9, tpidr_el0
	str x0, [x9, #40]
1:	mov x0, #0
	mov x8, #SYS_exit
	svc #0
	b 1b
	.size pthread_exit, .-pthread_exit

// int pthread_join(pthread_t thread, void **retval): wait until the kernel cleared the tid.
	.globl pthread_join
	.type pthread_join, %function
pthread_join:
	mov x9, x0
	mov x10, x1
1:	add x0, x9, #16
	ldar w2, [x0]                   // tid: 0 once the thread has exited
	cbz w2, 2f
	mov w1, #FUTEX_WAIT             // shared futex: the kernel's wake at exit is not private
	mov x3, #0
	mov x8, #SYS_futex
	svc #0                          // returns at wake-up, or EAGAIN when tid already changed
	b 1b
2:	cbz x10, 3f
	ldr x11, [x9, #40]
	str x11, [x10]
3:	ldp x0, x1, [x9, #48]
	mov x8, #SYS_munmap
	svc #0
	mov w0, #0
	ret
	.size pthread_join, .-pthread_join

	.globl pthread_self
	.type pthread_self, %function
pthread_self:
	mrs x0, tpidr_el0
	ret
	.size pthread_self, .-pthread_self

	.globl pthread_mutex_init
	.type pthread_mutex_init, %function
	.globl pthread_mutex_destroy
	.type pthread_mutex_destroy, %function
pthread_mutex_init:
	str wzr, [x0]
pthread_mutex_destroy:
	mov w0, #0
	ret
	.size pthread_mutex_init, .-pthread_mutex_init

	.globl pthread_mutex_lock
	.type pthread_mutex_lock, %function
pthread_mutex_lock:
	mov x9, x0
	mov w10, #1
1:	ldaxr w11, [x9]                 // 0 → 1: taken without the kernel
	cbnz w11, 2f
	stxr w12, w10, [x9]
	cbnz w12, 1b
	b 4f
2:	clrex
	mov w10, #2
3:	ldaxr w11, [x9]                 // mark contended (2) and take it if it was free meanwhile
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
4:	mov w0, #0
	ret
	.size pthread_mutex_lock, .-pthread_mutex_lock

	.globl pthread_mutex_unlock
	.type pthread_mutex_unlock, %function
pthread_mutex_unlock:
	mov x9, x0
1:	ldxr w11, [x9]                  // atomically decrement
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
2:	mov w0, #0
	ret
	.size pthread_mutex_unlock, .-pthread_mutex_unlock
