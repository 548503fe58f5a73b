// The contract between the dispatcher and every syscall handler.
//
// A syscall is declared once (see table.ts): its name, its number on each ABI, its handler and
// its argument signature. The dispatcher (dispatcher.ts) reads the number, bounds-checks it
// against the ABI's table, and calls the handler; the tracer (@vsys/trace) reads the same
// signature to print arguments the way strace does; docs are generated from it.

/** How an argument is shown by the tracer (strace's decoders). */
export type ArgType =
  | 'int' // signed decimal
  | 'uint' // unsigned decimal
  | 'hex' // 0x… (addresses, pointers)
  | 'fd' // file descriptor (AT_FDCWD for dirfd args: use 'dirfd')
  | 'dirfd'
  | 'path' // NUL-terminated file name, printed in full
  | 'string' // input buffer with length in another arg (see SyscallArg.len): "..."
  | 'outstring' // output buffer, decoded at exit with the return value as length
  | 'iovec' // struct iovec array (count in another arg)
  | 'outiovec'
  | 'oflags' // O_* flags of open(2): the access mode first (O_RDONLY…)
  | 'fdflags' // O_* flags without an access mode (dup3, pipe2: O_CLOEXEC, O_NONBLOCK; 0 when none)
  | 'mode' // octal mode
  | 'accessmode' // access(2) mode: F_OK, or R_OK|W_OK|X_OK
  | 'prot'
  | 'mapflags'
  | 'atflags'
  | 'whence'
  | 'clockid'
  | 'timespec'
  | 'outtimespec'
  | 'stack' // sigaltstack's stack_t: {ss_sp, ss_flags, ss_size}
  | 'outstack' // sigaltstack's old_ss, written by the kernel: shown at exit
  | 'remtimespec' // nanosleep's rem: written when a signal interrupts the sleep, shown at exit only with a restart code (strace is_erestart)
  | 'timeval'
  | 'stat' // struct stat written by the kernel
  | 'rlimit'
  | 'outrlimit'
  | 'resource'
  | 'signal'
  | 'sigset'
  | 'outsigset' // a sigset the kernel writes (rt_sigprocmask's oldset), shown at exit
  | 'sighow' // SIG_BLOCK / SIG_UNBLOCK / SIG_SETMASK
  | 'sigaction'
  | 'sigmask_at' // address of a saved signal mask (rt_sigreturn's frame; the arch glue passes it)
  | 'outsigaction' // rt_sigaction's oldact, shown at exit
  // (Added for timers and signal waits, additive; decoded in @vsys/trace decode.ts.)
  | 'itimerwhich' // ITIMER_REAL / ITIMER_VIRTUAL / ITIMER_PROF
  | 'itimerval' // struct itimerval read by setitimer: {it_interval={tv_sec, tv_usec}, it_value=…}
  | 'outitimerval' // struct itimerval the kernel writes, shown at exit
  | 'sigevent' // timer_create's struct sigevent
  | 'outtimerid' // timer_create's timer_t *, written by the kernel: [N]
  | 'timerflags' // timer_settime's flags: 0 or TIMER_ABSTIME
  | 'siginfo' // a siginfo_t the caller supplies (rt_sigqueueinfo)
  | 'sigsetval' // an old_sigset_t passed by value (i386 sigsuspend's mask): [USR1]
  | 'oldsigset' // an old_sigset_t * (32 bits) the kernel reads (i386 sigprocmask)
  | 'outoldsigset' // an old_sigset_t * the kernel writes (i386 sigprocmask, sigpending), shown at exit
  | 'cloneflags'
  | 'futexop'
  | 'ioctlcmd'
  | 'fcntlcmd'
  | 'pipefds'
  | 'utsname'
  | 'sockaddr' // an input sockaddr; its length is argument `len`
  // (Added for sockets, additive; decoded in @vsys/trace decode-net.ts.)
  | 'sockfamily' // AF_UNIX, AF_INET…
  | 'socktype' // SOCK_STREAM|SOCK_CLOEXEC…
  | 'sockproto' // 0, or IPPROTO_* for AF_INET/AF_INET6 (the family is argument 0)
  | 'sockflags' // accept4's SOCK_CLOEXEC|SOCK_NONBLOCK (0 when none)
  | 'outsockaddr' // a sockaddr the kernel writes; its length is in the socklen_t* at `len`
  | 'socklen' // a socklen_t* the kernel reads and rewrites: [IN] or [IN => OUT]
  | 'msgflags' // MSG_* flags
  | 'msghdr' // sendmsg's struct msghdr
  | 'outmsghdr' // recvmsg's struct msghdr, filled by the kernel
  | 'shuthow' // SHUT_RD / SHUT_WR / SHUT_RDWR
  | 'sockoptlevel' // SOL_SOCKET, SOL_TCP…
  | 'sockoptname' // SO_* / TCP_* (the level is argument 1)
  | 'sockoptval' // setsockopt's optval: [int] or a struct, length in argument `len`
  | 'outsockoptval' // getsockopt's optval, its length in the socklen_t* at `len`
  | 'recvbuf' // recvfrom's buffer: min(result, argument `len`) bytes, shown at exit
  | 'socketcallnr' // i386 socketcall's call number: SYS_SOCKET, SYS_BIND…
  | 'mmsgvec' // sendmmsg's struct mmsghdr array, shown at exit (as many entries as were sent)
  | 'outmmsgvec' // recvmmsg's struct mmsghdr array, shown at exit
  | 'dirents'
  | 'ptr' // opaque pointer: NULL or 0x…
  | 'arch_prctl_code'
  | 'random_bytes' // getrandom output buffer, printed in hex
  | 'grnd_flags'
  // (Added for fork/exec/wait, additive.)
  | 'argv' // execve's NULL-terminated string array: ["a", "b"]
  | 'envp' // execve's environment: its address and /* N vars */
  | 'waitstatus' // wait4's int *wstatus, written by the kernel: [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]
  | 'waitoptions' // wait4's options: WNOHANG|WUNTRACED|…
  | 'idtype' // waitid's P_ALL / P_PID / P_PGID / P_PIDFD
  | 'waitidoptions' // waitid's options: WEXITED|WNOHANG|WNOWAIT|…
  | 'outsiginfo' // a siginfo_t the kernel fills (waitid's infop), shown at exit
  // (Added for the event files, additive; decoded in @vsys/trace events.ts.)
  | 'epollflags' // epoll_create1: EPOLL_CLOEXEC
  | 'epollctlop' // EPOLL_CTL_ADD / _DEL / _MOD
  | 'epollevent' // struct epoll_event read by epoll_ctl: {events=EPOLLIN|…, data={u32=…, u64=…}}
  | 'epollevents' // the events epoll_wait wrote (count = the result), shown at exit
  | 'efdflags' // eventfd2: EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK
  | 'tfdflags' // timerfd_create: TFD_CLOEXEC|TFD_NONBLOCK
  | 'tfdsetflags' // timerfd_settime: TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET
  | 'itimerspec' // struct itimerspec read by the kernel
  | 'outitimerspec' // struct itimerspec the kernel writes, shown at exit
  | 'sfdflags' // signalfd4: SFD_CLOEXEC|SFD_NONBLOCK
  | 'sizedsigset' // a sigset_t whose size is argument `len` (signalfd, epoll_pwait): the address unless 8
  | 'mfdflags' // memfd_create: MFD_CLOEXEC|MFD_ALLOW_SEALING|…
  | 'cstring' // a NUL-terminated string shown like a buffer, cut at -s (memfd_create's name)
  // (Added for the memory and misc syscalls, additive; decoded in @vsys/trace decode-misc.ts.)
  | 'mremapflags' // MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP
  | 'msyncflags' // MS_ASYNC|MS_INVALIDATE|MS_SYNC
  | 'mlock2flags' // MLOCK_ONFAULT
  | 'mlockallflags' // MCL_CURRENT|MCL_FUTURE|MCL_ONFAULT
  | 'madvice' // MADV_*
  | 'mincorevec' // mincore's vector, written by the kernel (len: the length argument)
  | 'rwflags' // RWF_* of preadv2/pwritev2
  | 'spliceflags' // SPLICE_F_*
  | 'fallocmode' // FALLOC_FL_*
  | 'fadvice' // POSIX_FADV_*
  | 'loffptr' // a loff_t * the kernel reads and updates (splice, copy_file_range): [N] or NULL
  | 'priowhich' // PRIO_PROCESS / PRIO_PGRP / PRIO_USER
  | 'schedpolicy' // SCHED_OTHER, SCHED_FIFO… (| SCHED_RESET_ON_FORK)
  | 'schedparam' // struct sched_param {sched_priority}
  | 'outschedparam'
  | 'outcpuset' // sched_getaffinity's mask, shown at exit with the returned size
  | 'cpuset' // sched_setaffinity's mask (len: the size argument)
  | 'personality' // PER_* | flags
  | 'capheader' // struct __user_cap_header_struct {version, pid}
  | 'capdata' // struct __user_cap_data_struct[] (capset)
  | 'outcapdata' // (capget), shown at exit
  | 'xattrvalue' // an xattr value with its size in another argument
  | 'outxattrvalue' // getxattr's value, shown at exit with the returned size
  | 'xattrlist' // listxattr's NUL-separated names, shown at exit
  | 'xattrflags' // XATTR_CREATE / XATTR_REPLACE
  | 'utimbuf' // utime's struct utimbuf {actime, modtime}
  | 'timevals' // utimes' struct timeval[2]
  | 'membarriercmd' // MEMBARRIER_CMD_*
  | 'membarrierflags' // MEMBARRIER_CMD_FLAG_CPU
  | 'hostname' // sethostname's name (len: the length argument; shown only when it fits 64 bytes)
  | 'lopair'; // a 64-bit offset: this register on 64-bit ABIs; with the next one as its high half on i386

export interface SyscallArg {
  name: string;
  type: ArgType;
  /** For buffers: index of the argument holding the length/count. */
  len?: number;
}

/** What a handler may return: a value (≥ 0, or an address), or a negated errno (-4095…-1). */
export type SyscallResult = number | bigint;

/** Returned by a handler that cannot finish now (empty pipe, futex wait, sleep). The scheduler
 *  parks the thread on `wait` and runs the handler again from the start when it is woken, as
 *  Linux restarts a call after a wait. */
export interface Blocked {
  readonly blocked: true;
  /** Resolves the wait: the queue the thread sleeps on, and an optional deadline in ns of the
   *  kernel's monotonic clock (nanosleep, futex timeouts). */
  wait: WaitQueue | null;
  deadlineNs?: bigint;
}

export interface WaitQueue {
  wakeAll(): void;
  /** (Added by the kernel core.) Calls `listener` on every wakeAll until the returned function
   *  is called; the scheduler subscribes a parked thread this way. A queue without it can only
   *  end a sleep through the deadline. */
  subscribe?(listener: () => void): () => void;
}

/** Guest memory as the running thread sees it in user mode: every access checks the page
 *  tables with user permissions, and a failure is reported (→ EFAULT), never thrown. Addresses
 *  are plain numbers: user addresses are below 2^47 and so exact; a larger value simply fails. */
export interface UserMemory {
  read(addr: number, len: number): Uint8Array | null;
  write(addr: number, data: Uint8Array): boolean;
  /** Reads a NUL-terminated string of at most `max` bytes (without the NUL). 'toolong' when no NUL
   *  was found within max bytes (→ ENAMETOOLONG for paths); null when unmapped (→ EFAULT). */
  readCString(addr: number, max: number): Uint8Array | 'toolong' | null;
}

/** The arguments as the entry code saved them: six 64-bit registers. */
export interface SyscallArgs {
  /** Low 32 bits as a signed integer (C `int`: fds, flags, modes). */
  int(i: number): number;
  /** Full 64 bits, unsigned. */
  u64(i: number): bigint;
  /** Full 64 bits, signed. */
  i64(i: number): bigint;
  /** As a user address: an exact number when below 2^53, else -1 (never a valid address). */
  ptr(i: number): number;
  /** As a size_t length; values beyond 2^53 come back as Number.MAX_SAFE_INTEGER. */
  size(i: number): number;
}

/** Which table a call came through. */
export type SyscallAbi = 'x86_64' | 'i386' | 'arm64';

// ---- Added by the kernel core (additive): the declaration every syscall is written as. ----

import type { SyscallContext } from './context.js';

/** strace's syscall classes (`-e trace=%file`, `%desc`, …; strace(1)). */
export type SyscallClass =
  | 'file'
  | 'desc'
  | 'process'
  | 'memory'
  | 'network'
  | 'signal'
  | 'ipc'
  | 'creds'
  | 'stat'
  | 'clock';

/** How the tracer shows the return value. 'int' (default) is signed decimal or -1 ERRNO; 'hex'
 *  for addresses (brk, mmap); 'fd' for new descriptors; 'noreturn' for exit/exit_group
 *  (strace prints `= ?`); 'uint' for unsigned results. */
export type SyscallRetType = 'int' | 'uint' | 'hex' | 'fd' | 'noreturn' | 'signo'; // 'signo': a signal number, strace's `10 (SIGUSR1)` (rt_sigtimedwait)

/** One syscall, declared once: the dispatcher, the tracer and the docs all read this.
 *  `numbers` lists the call's number on each ABI that has it (use `numbersOf(name)` from
 *  numbers.ts so every number comes from the UAPI tables). */
export interface SyscallDecl {
  name: string;
  numbers: Partial<Record<SyscallAbi, number>>;
  args: SyscallArg[];
  ret?: SyscallRetType;
  classes: SyscallClass[];
  handler(ctx: SyscallContext, args: SyscallArgs): SyscallResult | Blocked;
  /** How a sleep in this call ends when a caught signal arrives: by default the call restarts
   *  if the handler has SA_RESTART and fails with EINTR otherwise (-ERESTARTSYS); `true` means
   *  EINTR whatever SA_RESTART says (-ERESTARTNOHAND / -ERESTART_RESTARTBLOCK: pause,
   *  nanosleep, sigsuspend …; signal(7) "Interruption of system calls"). */
  eintrAlways?: boolean;
  /** Called instead of the handler when a caught signal ends the call's sleep with EINTR (e.g.
   *  nanosleep writes the remaining time to `rem`); may return another result (-EFAULT). */
  interrupted?(ctx: SyscallContext, args: SyscallArgs): SyscallResult | void;
}

/** A Blocked result: park on `wait` (or only until `deadlineNs`) and re-run the handler. */
export function blocked(wait: WaitQueue | null, deadlineNs?: bigint): Blocked {
  return deadlineNs === undefined ? { blocked: true, wait } : { blocked: true, wait, deadlineNs };
}

export function isBlocked(result: SyscallResult | Blocked): result is Blocked {
  return typeof result === 'object' && result !== null && (result as Blocked).blocked === true;
}
