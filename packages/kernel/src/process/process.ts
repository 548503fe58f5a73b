// Processes and threads, as the kernel core keeps them.
//
// A Process is Linux's thread group plus what its threads share: the address space (`mm`),
// the fd table (`files`, owned by the VFS), the fs context (`fs`: root, cwd, umask — owned by
// the VFS), credentials, resource limits and signal dispositions. A Thread is one schedulable
// task: its tid, TLS base, clear_child_tid, signal mask and pending signals, and the state the
// scheduler and the arch glue keep for it. pid == tgid == the tid of the first thread, as in
// Linux (getpid returns the tgid, gettid the tid).

import type { ExitStatus } from './exit-status.js';
import { Credentials } from './credentials.js';
import { ResourceLimits } from './rlimits.js';
import type { MemoryMap } from '../mm/memory-map.js';
import { SignalActions } from '../signal/actions.js';
import type { SigInfo } from '../signal/siginfo.js';
import type { WaitQueue } from '../syscalls/types.js';

/** Which instruction set the process runs (the i386 ABI is reached from an x86_64 process
 *  through `int $0x80`). */
export type ProcessArch = 'x86_64' | 'arm64';

/** The VFS's per-process fd table. The kernel core only needs to close everything when the
 *  process dies (pipe ends must see EOF / EPIPE then) and to duplicate it for fork; the VFS's
 *  FdTable class implements this and adds the rest. Handlers that need the full API cast
 *  `ctx.process.files` to their type. */
export interface ProcessFiles {
  closeAll(): void;
}

/** The VFS's fs context (root, cwd, umask 022). Opaque to the core. */
export interface ProcessFsContext {
  umask?: number;
}

/** A file-less placeholder, used until the kernel is given a VFS (see KernelOptions.vfs). */
export const noFiles: ProcessFiles = { closeAll() {} };

export type ThreadState = 'runnable' | 'running' | 'blocked' | 'stopped' | 'dead';

/** A syscall parked by a Blocked result, re-run when the thread is woken. */
export interface ParkedSyscall {
  abi: import('../syscalls/types.js').SyscallAbi;
  nr: number;
  registers: readonly bigint[];
}

export class Thread {
  state: ThreadState = 'runnable';
  /** Thread pointer: FS base on x86-64 (arch_prctl / CLONE_SETTLS), TPIDR_EL0 on arm64. */
  tls = 0n;
  /** GS base (x86-64 ARCH_SET_GS). */
  gsBase = 0n;
  /** set_tid_address(2) / CLONE_CHILD_CLEARTID: zeroed and futex-woken when the thread exits. */
  clearChildTid = 0;
  /** set_robust_list(2): head address and length, kept for exit-time cleanup. */
  robustList = { head: 0, len: 0 };
  /** sigaltstack(2): the alternate signal stack (size 0 = disabled); `autodisarm` is
   *  SS_AUTODISARM. */
  altStack = { sp: 0n, size: 0n, autodisarm: false };
  /** Blocked signals (sigset_t bit signal-1). */
  sigmask = 0n;
  /** Signals sent to this thread (tgkill) and not yet delivered. */
  readonly pendingSignals: SigInfo[] = [];
  /** Signals the thread sleeps waiting for while they are blocked (rt_sigtimedwait's set:
   *  Linux unblocks them for the sleep, tsk->real_blocked): one arriving wakes it. */
  waitedSignals = 0n;
  /** The queue the thread sleeps on while blocked, and its wake-up deadline (kernel
   *  monotonic ns). */
  waitQueue: WaitQueue | null = null;
  deadlineNs: bigint | null = null;
  /** The syscall to re-run when the thread is woken (Blocked restarts the call). */
  parked: ParkedSyscall | null = null;
  /** Scratch state a restartable handler keeps across re-runs (nanosleep's deadline). Cleared
   *  when a syscall completes. */
  restartState: unknown = null;
  /** The arch glue's saved register state while the thread is not on the CPU. */
  cpuContext: unknown = null;
  /** Instructions this thread retired in user mode (CPU time in deterministic mode). */
  userInstructions = 0;
  /** Host ns this thread ran (CPU time in host-clock mode). */
  cpuNs = 0n;

  constructor(
    readonly tid: number,
    readonly process: Process,
  ) {}
}

export class Process {
  /** Parent pid (the kernel's "init" is pid 0's placeholder for the first process: getppid
   *  returns 0 for it, as for a process whose parent is outside the namespace). */
  ppid: number;
  parent: Process | null;
  readonly children = new Set<Process>();
  readonly threads: Thread[] = [];
  creds: Credentials;
  rlimits: ResourceLimits;
  signalActions: SignalActions;
  /** Signals sent to the whole process (kill) and not yet delivered. */
  readonly pendingSignals: SigInfo[] = [];
  files: ProcessFiles = noFiles;
  fs: ProcessFsContext = {};
  /** Process group and session (setpgid/setsid); the first process leads both. */
  pgid: number;
  sid: number;
  /** argv[0]'s basename, truncated to 15 bytes (TASK_COMM_LEN 16), and the executable path. */
  comm = '';
  exePath = '';
  /** The bytes of the running executable (spawn, execve). /proc/PID/exe of an image vrun
   *  loaded from outside the guest's tree still executes: execve falls back to these bytes. */
  exeImage: Uint8Array | null = null;
  /** The argument and environment strings of the last execve (/proc/PID/cmdline, environ). */
  argv: string[] = [];
  envp: string[] = [];
  /** The auxiliary vector the loader put on the initial stack, AT_NULL pair included (Linux's
   *  mm->saved_auxv, read back by /proc/PID/auxv); fork shares it, execve replaces it. */
  auxv: readonly { type: number; value: bigint }[] = [];
  state: 'alive' | 'zombie' | 'reaped' = 'alive';
  /** prctl(PR_SET_DUMPABLE): 1 by default. */
  dumpable = 1;
  exitStatus: ExitStatus | null = null;
  /** Woken when a child changes state (wait4). */
  childWait: WaitQueue | null = null;
  /** The signal the parent gets when this process ends (clone's CSIGNAL byte; fork: SIGCHLD;
   *  0: none). A child whose exit signal is not SIGCHLD is a "clone child" that wait4 reports
   *  only with __WCLONE or __WALL (wait(2) NOTES). */
  exitSignal = 17;
  /** CLONE_VFORK: the parent's thread sleeps on this queue until this process execs or ends
   *  (kernel/fork.c wait_for_vfork_done / mm_release → complete_vfork_done). */
  vforkDone: WaitQueue | null = null;

  constructor(
    readonly pid: number,
    readonly arch: ProcessArch,
    public mm: MemoryMap,
    parent: Process | null,
  ) {
    this.parent = parent;
    this.ppid = parent?.pid ?? 0;
    this.creds = parent ? parent.creds.clone() : new Credentials();
    this.rlimits = new ResourceLimits(parent?.rlimits);
    this.signalActions = new SignalActions(parent?.signalActions);
    this.pgid = parent?.pgid ?? pid;
    this.sid = parent?.sid ?? pid;
  }

  get tgid(): number {
    return this.pid;
  }

  /** The threads that have not exited. */
  liveThreads(): Thread[] {
    return this.threads.filter((t) => t.state !== 'dead');
  }
}
