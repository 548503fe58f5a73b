// The Kernel: processes and threads, the syscall dispatcher, faults → signals, the scheduler
// and the clock — ISA-independent. The arch glue (the integration's entry code and vmcall
// hook) drives it:
//
//   const kernel = new Kernel({ loadImage, vfs, ... });
//   const { process, thread, entry, sp } = kernel.spawn(imageBytes, argv, envp);
//   // run `thread` in user mode from entry/sp; on a syscall trap:
//   const out = kernel.handleSyscall(thread, 'x86_64', rax, [rdi, rsi, rdx, r10, r8, r9]);
//   //   out.kind 'return'  → write out.value into rax (x0 on arm64) and return to user mode
//   //   out.kind 'blocked' → the thread sleeps; run kernel.schedule() and, when this thread is
//   //                        picked again, call kernel.resumeSyscall(thread)
//   //   out.kind 'exited'  → the thread is gone (kernel.onExit fired when the process ended)
//   // on a CPU exception in user mode:
//   const f = kernel.handleFault(thread, { kind: 'page', addr, access: 'write' });
//   //   f.kind 'retry' → re-execute the instruction; 'signal' → a handler must run (later);
//   //   'exited' → the process was killed (default action).
//
// Signals are queued by sendSignal and acted on at "return to user mode" — the end of
// handleSyscall/handleFault — so the tracer sees a failing write's result before the SIGPIPE
// that follows it, as strace shows.

import { randomFillSync } from 'node:crypto';
import { HalvesArgs, makeSyscallArgs, syscallArgsFromHalves, type SyscallContext } from './syscalls/context.js';
import { Dispatcher, syscallNumberFromRegister, type SyscallTracer } from './syscalls/dispatcher.js';
import { buildSyscallTable, coreSyscalls, type SyscallTable } from './syscalls/table.js';
import { isBlocked, type SyscallAbi, type SyscallDecl, type SyscallResult, type UserMemory } from './syscalls/types.js';
import { Process, Thread, type ProcessArch, type ProcessFiles, type ProcessFsContext } from './process/process.js';
import { shellExitStatus, type ExitStatus } from './process/exit-status.js';
import { releaseFiles } from './process/fork.js';
import { Resource } from './process/rlimits.js';
import { MemoryMap, layouts, type FaultAccess, type MappableFile } from './mm/memory-map.js';
import { SoftAddressSpace, type AddressSpaceBackend } from './mm/paging.js';
import { ProcessUserMemory } from './mm/user-memory.js';
import { formatMaps } from './mm/maps-text.js';
import { KernelClock, type ClockOptions } from './time/clock.js';
import { Scheduler } from './sched/scheduler.js';
import { notifySignalfd } from './events/signalfd.js';
import { KernelWaitQueue } from './sched/wait-queue.js';
import { FutexTable, futexTableOf } from './sched/futex.js';
import { SaFlags, SIG_DFL, SIG_IGN } from './signal/actions.js';
import {
  ERESTART_RESTARTBLOCK,
  forgetInterruptedSyscall,
  genericRestartBlock,
  isRestartCode,
  noteInterruptedSyscall,
  peekRestartBlock,
  restartCodeOf,
  setRestartBlock,
} from './signal/restart.js';
import { alreadyQueued, nextSignalIndex } from './signal/pending.js';
import { errno } from './syscalls/errno.js';
import { defaultAction, sigBit, Sig, UNBLOCKABLE } from './signal/signals.js';
import {
  breakpoint,
  divideError,
  generalProtection,
  invalidOpcode,
  SiCode,
  singleStep,
  type SigInfo,
} from './signal/siginfo.js';

/** What the loader returns: the arch-neutral start state (registers are otherwise zero). */
export interface LoadedImage {
  entry: bigint;
  sp: bigint;
}

export type ImageLoader = (
  kernel: Kernel,
  process: Process,
  image: Uint8Array,
  argv: readonly string[],
  envp: readonly string[],
  execfn: string,
) => LoadedImage;

/** The VFS's side of process creation and mmap (provided by the VFS package part). */
export interface KernelVfs {
  /** The fd table of a new process (stdin/stdout/stderr open on the console). */
  newFiles(process: Process): ProcessFiles;
  newFsContext(process: Process): ProcessFsContext;
  /** For mmap: the open file behind `fd`, or -errno (EBADF, ENODEV, EACCES). */
  mmapFile?(process: Process, fd: number): MappableFile | number;
}

/** Calls into the CPU the kernel needs (the arch glue implements them). */
export interface ArchHooks {
  /** arch_prctl(ARCH_SET_FS/GS) changed the thread's FS/GS base (thread.tls / thread.gsBase). */
  onTlsChange?(thread: Thread): void;
  /** The user stack pointer of `thread`, stopped in a system call (its pt_regs sp: RSP /
   *  SP_EL0) — sigaltstack(2) asks whether it runs on its alternate stack. */
  userStackPointer?(thread: Thread): bigint;
}

export interface KernelTracer extends SyscallTracer {
  /** A signal is being delivered to `thread` (strace's `--- SIGPIPE {…} ---`). */
  onSignal?(thread: Thread, info: SigInfo): void;
  /** A process ended (strace's `+++ exited with N +++` / `+++ killed by SIGx +++`). */
  onExit?(process: Process, status: ExitStatus): void;
}

export interface KernelOptions {
  clock?: ClockOptions;
  /** Scheduler quantum in instructions. */
  quantum?: number;
  /** Seed for the scheduler's slice lengths (vrun --sched-seed); absent: fixed quantum. */
  schedSeed?: number;
  /** The first pid (default 1000: not init, deterministic; tests mask pids). */
  firstPid?: number;
  /** Where warnings go (default: the host's stderr). */
  warn?: (line: string) => void;
  /** A fresh address space per process (default: SoftAddressSpace, no CPU). */
  newAddressSpace?: (arch: ProcessArch) => AddressSpaceBackend;
  loadImage?: ImageLoader;
  vfs?: KernelVfs;
  arch?: ArchHooks;
  /** Declarations added to the core ones (the VFS's decl/fs*.ts until table.ts imports them). */
  extraSyscalls?: readonly SyscallDecl[];
  /** uname: nodename (default "vsys") and release. */
  hostname?: string;
  release?: string;
  /** Source of random bytes (getrandom, AT_RANDOM). Default: node:crypto. */
  randomBytes?: (n: number) => Uint8Array;
}

export type SyscallOutcome = { kind: 'return'; value: bigint } | { kind: 'blocked' } | { kind: 'exited' };

export type FaultInfo =
  | { kind: 'page'; addr: bigint; access: FaultAccess }
  | { kind: 'gp' }
  | { kind: 'ud'; pc: bigint }
  | { kind: 'de'; pc: bigint }
  | { kind: 'bp'; pc: bigint }
  /** x86-64 #DB after an instruction run with RFLAGS.TF: SIGTRAP TRAP_TRACE at the next
   *  instruction's address (traps.c exc_debug_user → send_sigtrap). */
  | { kind: 'step'; pc: bigint }
  /** ARM64 UNDEFINED instruction (ESR.EC 0x00): SIGILL ILL_ILLOPC at the pc (do_undefinstr). */
  | { kind: 'undef'; pc: bigint }
  /** ARM64 PC/SP alignment fault (EC 0x22/0x26): SIGBUS BUS_ADRALN (do_sp_pc_abort). */
  | { kind: 'align'; addr: bigint };

export type FaultOutcome = { kind: 'retry' } | { kind: 'signal'; info: SigInfo } | { kind: 'exited' };

export class KernelError extends Error {}

export class Kernel {
  readonly clock: KernelClock;
  readonly scheduler: Scheduler;
  readonly dispatcher: Dispatcher;
  readonly syscalls: readonly SyscallDecl[];
  readonly table: SyscallTable;
  readonly processes = new Map<number, Process>();
  readonly threads = new Map<number, Thread>();
  readonly hostname: string;
  readonly release: string;
  /** Called once when a process ends (the integration stops the machine for the last one). */
  onExit: ((process: Process, status: ExitStatus) => void) | null = null;
  /** The arch half of clone(2) for threads (set by the machine: copy_thread). Null: no threads. */
  archCloneThread: ((parent: Thread, child: Thread, opts: { stack?: bigint; tls?: bigint }) => void) | null = null;
  /** The arch half of execve(2) (set by the machine: start_thread): `thread`, inside its
   *  execve, returns to user mode at `entry` with the stack pointer `sp`, every other user
   *  register cleared, in the process's new address space. Null: execve is not available. */
  archExecThread: ((thread: Thread, entry: bigint, sp: bigint) => void) | null = null;
  /** Set by sched_yield: the integration should switch threads at the next opportunity. */
  rescheduleRequested = false;
  private tracerHooks: KernelTracer | null = null;
  private nextPid: number;
  private readonly memories = new WeakMap<Process, ProcessUserMemory>();
  readonly warn: (line: string) => void;
  readonly randomBytes: (n: number) => Uint8Array;

  constructor(readonly options: KernelOptions = {}) {
    this.clock = new KernelClock(options.clock);
    this.scheduler = new Scheduler(options.quantum, options.schedSeed ?? null, () => this.clock.monotonicNs());
    this.warn = options.warn ?? ((line) => process.stderr.write(line));
    // A declaration passed both ways (extraSyscalls repeating decl/fs.ts) is listed once.
    this.syscalls = [...new Set([...coreSyscalls, ...(options.extraSyscalls ?? [])])];
    this.table = buildSyscallTable(this.syscalls);
    this.dispatcher = new Dispatcher(this.table, this.warn);
    this.nextPid = options.firstPid ?? 1000;
    this.hostname = options.hostname ?? 'vsys';
    this.release = options.release ?? '6.18.0-vsys';
    this.randomBytes =
      options.randomBytes ??
      ((n) => {
        const b = new Uint8Array(n);
        randomFillSync(b);
        return b;
      });
  }

  /** ptrace-like hooks for @vsys/trace. */
  get tracer(): KernelTracer | null {
    return this.tracerHooks;
  }

  set tracer(t: KernelTracer | null) {
    this.tracerHooks = t;
    this.dispatcher.tracer = t;
  }

  // ---- processes ----

  /** pid/tid allocation: sequential from firstPid, skipping ids in use (pids and tids share
   *  one space, as in Linux). */
  allocPid(): number {
    while (this.processes.has(this.nextPid) || this.threads.has(this.nextPid)) this.nextPid++;
    return this.nextPid++;
  }

  /** A new process with one thread and an empty address space. `vfs: false` leaves its fd
   *  table and fs context to the caller (fork copies the parent's). */
  createProcess(arch: ProcessArch, parent: Process | null = null, opts: { vfs?: boolean } = {}): { process: Process; thread: Thread } {
    const pid = this.allocPid();
    const backend = this.options.newAddressSpace?.(arch) ?? new SoftAddressSpace();
    const mm = new MemoryMap(backend, layouts[arch]);
    const proc = new Process(pid, arch, mm, parent);
    mm.stackLimit = () => proc.rlimits.soft(Resource.RLIMIT_STACK);
    mm.dataLimit = () => proc.rlimits.soft(Resource.RLIMIT_DATA);
    mm.memlockLimit = () => proc.rlimits.soft(Resource.RLIMIT_MEMLOCK);
    proc.childWait = new KernelWaitQueue();
    if (parent) parent.children.add(proc);
    if (this.options.vfs && opts.vfs !== false) {
      proc.files = this.options.vfs.newFiles(proc);
      proc.fs = this.options.vfs.newFsContext(proc);
    }
    const thread = new Thread(pid, proc);
    proc.threads.push(thread);
    this.processes.set(pid, proc);
    this.threads.set(pid, thread);
    this.scheduler.enqueue(thread);
    return { process: proc, thread };
  }

  /** A new thread in `proc` (clone with CLONE_THREAD, issue 7): its own tid, an empty signal
   *  mask copy of `from`'s, runnable at the back of the queue. */
  createThread(proc: Process, from?: Thread): Thread {
    const tid = this.allocPid();
    const t = new Thread(tid, proc);
    if (from) {
      t.sigmask = from.sigmask;
      t.tls = from.tls;
    }
    proc.threads.push(t);
    this.threads.set(tid, t);
    this.scheduler.enqueue(t);
    return t;
  }

  /** Creates a process and loads `image` into it (through KernelOptions.loadImage, normally
   *  @vsys/loader's loadImage). Throws the loader's typed error for a bad image. */
  spawn(
    image: Uint8Array,
    argv: readonly string[],
    envp: readonly string[],
    opts: { arch?: ProcessArch; execfn?: string } = {},
  ): { process: Process; thread: Thread; entry: bigint; sp: bigint } {
    const load = this.options.loadImage;
    if (!load) throw new KernelError('Kernel.spawn needs KernelOptions.loadImage (from @vsys/loader)');
    const arch = opts.arch ?? archOfImage(image);
    const { process: proc, thread } = this.createProcess(arch);
    try {
      const execfn = opts.execfn ?? argv[0] ?? '';
      const { entry, sp } = load(this, proc, image, argv, envp, execfn);
      proc.exePath = execfn;
      proc.comm = (execfn.split('/').pop() ?? '').slice(0, 15);
      proc.exeImage = image;
      return { process: proc, thread, entry, sp };
    } catch (e) {
      this.discardProcess(proc);
      throw e;
    }
  }

  /** A fresh, empty address space for `proc` (execve builds the new image in one), with the
   *  process's stack and data limits. */
  newMemoryMap(proc: Process): MemoryMap {
    const backend = this.options.newAddressSpace?.(proc.arch) ?? new SoftAddressSpace();
    const mm = new MemoryMap(backend, layouts[proc.arch]);
    mm.stackLimit = () => proc.rlimits.soft(Resource.RLIMIT_STACK);
    mm.dataLimit = () => proc.rlimits.soft(Resource.RLIMIT_DATA);
    mm.memlockLimit = () => proc.rlimits.soft(Resource.RLIMIT_MEMLOCK);
    return mm;
  }

  /** Makes `mm` the address space of `proc` (execve), dropping the cached UserMemory view of
   *  the old one. The caller releases the old one. */
  setMemoryMap(proc: Process, mm: MemoryMap): void {
    proc.mm = mm;
    this.memories.delete(proc);
  }

  /** Undoes createProcess for a process that never ran (a failed spawn or fork). */
  discardProcess(proc: Process): void {
    for (const t of proc.threads) {
      this.scheduler.remove(t);
      this.threads.delete(t.tid);
    }
    proc.mm.release();
    this.processes.delete(proc.pid);
    proc.parent?.children.delete(proc);
  }

  /** The process's memory as its threads see it in user mode. */
  userMemory(proc: Process): UserMemory {
    let m = this.memories.get(proc);
    if (!m) {
      m = new ProcessUserMemory(proc.mm);
      this.memories.set(proc, m);
    }
    return m;
  }

  /** /proc/PID/maps text (procfs calls this). */
  mapsText(proc: Process): string {
    const extra =
      proc.arch === 'x86_64'
        ? [{ start: 0xffffffffff600000n, end: 0xffffffffff601000n, perms: '--xp', name: '[vsyscall]' }]
        : [];
    return formatMaps(proc.mm, extra);
  }

  // ---- syscalls ----

  /** handleSyscallHalves's reused context (and the address space it was made for) and its
   *  argument scratch. */
  private hotContext: SyscallContext | null = null;
  private hotContextMm: MemoryMap | null = null;
  private hotArgs = new HalvesArgs(new Int32Array(12), false);

  contextFor(thread: Thread, abi: SyscallAbi): SyscallContext {
    return { abi, mem: this.userMemory(thread.process), process: thread.process, thread, kernel: this };
  }

  /** A syscall trap from `thread`: `nr` is the raw number register (RAX / EAX / X8), `registers`
   *  the six argument registers in ABI order. */
  handleSyscall(thread: Thread, abi: SyscallAbi, nr: bigint | number, registers: readonly (bigint | number)[]): SyscallOutcome {
    if (thread.state === 'dead') return { kind: 'exited' };
    const n = syscallNumberFromRegister(nr, abi);
    const regs = registers.map((r) => (typeof r === 'bigint' ? r : BigInt(Math.trunc(r))));
    return this.runSyscall(thread, abi, n, regs, false);
  }

  /**
   * handleSyscall for the arch glue's hot path (every `syscall` / `svc`): `nr` is already the
   * C `int` number, the six argument registers come as 32-bit halves (lo0, hi0, … lo5, hi5 —
   * read, not kept), and a returned value is written into `out` as (lo, hi) halves, zero-extended
   * from 32 bits on i386. Same steps as handleSyscall (tick, dispatch with the tracer hooks,
   * park, signals), without a BigInt or an outcome object unless a handler makes one.
   */
  handleSyscallHalves(thread: Thread, abi: SyscallAbi, nr: number, halves: Int32Array, out: Int32Array): 'return' | 'blocked' | 'exited' {
    if (thread.state === 'dead') return 'exited';
    this.clock.tick();
    // The same thread, ABI and address space as the last call (a program's run of calls): the
    // same context. Nothing writes to a context, so reusing one is the same as making a new one.
    let ctx = this.hotContext;
    const proc = thread.process;
    if (ctx === null || ctx.thread !== thread || ctx.abi !== abi || ctx.process !== proc || this.hotContextMm !== proc.mm) {
      ctx = this.contextFor(thread, abi);
      this.hotContext = ctx;
      this.hotContextMm = proc.mm;
    }
    // Arguments: the scratch HalvesArgs reloaded, unless a tracer (which may keep them) listens.
    const scratch = this.dispatcher.tracer === null;
    const args = scratch ? this.hotArgs.load(halves, abi === 'i386') : syscallArgsFromHalves(halves, abi);
    const result = this.dispatcher.dispatch(ctx, nr, args, false);
    if (isBlocked(result)) {
      // The parked call's handler may hold its arguments: the scratch is theirs now.
      if (scratch) this.hotArgs = new HalvesArgs(halves, abi === 'i386');
      thread.parked = { abi, nr, registers: args.registers() };
      this.scheduler.block(thread, result.wait, result.deadlineNs ?? null);
      return 'blocked';
    }
    thread.restartState = null;
    if ((thread.state as Thread['state']) === 'dead') return 'exited'; // the handler may have ended it
    if (this.deliverSignals(thread) === 'exited') return 'exited';
    if (typeof result === 'number' && Number.isSafeInteger(result)) {
      // Two's complement halves of a safe integer (BigInt.asUintN(64, result) split in two).
      const hi = Math.floor(result / 4294967296);
      out[0] = result - hi * 4294967296;
      out[1] = abi === 'i386' ? 0 : hi;
    } else {
      const v = BigInt.asUintN(abi === 'i386' ? 32 : 64, typeof result === 'bigint' ? result : BigInt(result));
      out[0] = Number(v & 0xffffffffn);
      out[1] = Number(v >> 32n);
    }
    return 'return';
  }

  /** Re-runs the syscall a woken thread was blocked in. */
  resumeSyscall(thread: Thread): SyscallOutcome {
    const parked = thread.parked;
    if (!parked) throw new KernelError(`thread ${thread.tid} has no parked syscall`);
    thread.parked = null;
    forgetInterruptedSyscall(thread);
    // A signal that arrived while sleeping and kills acts first (default action: the process
    // ends inside the call). Signals that are ignored wait for the return to user mode, after
    // the call completes, where a tracer sees them after the call's result as strace does.
    if (this.fatalPending(thread)) {
      // Traced, the call ends first with its restart code, which strace prints (`pause() = ?
      // ERESTARTNOHAND …`), then the signal is reported and the process dies.
      if (this.tracerHooks) {
        const { decl } = this.dispatcher.lookup(parked.abi, parked.nr);
        const args = makeSyscallArgs(parked.registers, parked.abi);
        const code = restartCodeOf(decl, args, thread.restartState);
        this.dispatcher.reportExit(this.contextFor(thread, parked.abi), parked.nr, args, code === null ? -errno.EINTR : -code);
      }
      if (this.deliverSignals(thread) === 'exited') return { kind: 'exited' };
    }
    // What is left pending and deliverable is caught: the sleep is interrupted. The call ends
    // with its restart code (signal/restart.ts: -ERESTARTSYS, -ERESTARTNOHAND,
    // -ERESTART_RESTARTBLOCK), which the tracer shows; the arch's delivery then turns it into
    // -EINTR or rewinds the call to be made again after the handler, by the handler's
    // SA_RESTART (arch/x86/kernel/signal.c handle_signal; signal(7)).
    const caught = this.deliverableSignals(thread);
    if (caught.length > 0) {
      const { decl } = this.dispatcher.lookup(parked.abi, parked.nr);
      {
        const ctx = this.contextFor(thread, parked.abi);
        const args = makeSyscallArgs(parked.registers, parked.abi);
        // A sleeping call looks at what it waits for before it looks at signals (kernel/exit.c
        // do_wait: `repeat` first, -ERESTARTSYS only when nothing is ready; pipe_read alike): a
        // wait4 woken by its child's exit returns the pid even with a SIGCHLD handler pending,
        // which runs after it.
        if (!decl.eintrAlways) {
          let again: SyscallResult | ReturnType<typeof decl.handler> | null = null;
          try {
            again = decl.handler(ctx, args);
          } catch (e) {
            this.warn(`vrun: internal error in ${decl.name}: ${e instanceof Error ? e.message : String(e)}\n`);
          }
          if (again !== null && !isBlocked(again)) {
            thread.restartState = null;
            this.dispatcher.reportExit(ctx, parked.nr, args, again);
            return { kind: 'return', value: BigInt.asUintN(parked.abi === 'i386' ? 32 : 64, BigInt(again)) };
          }
        }
        const code = restartCodeOf(decl, args, thread.restartState);
        let result: SyscallResult = code === null ? -errno.EINTR : -code;
        const blockBefore = peekRestartBlock(thread);
        try {
          // The call's own clean-up (nanosleep writes the time left); a result other than
          // EINTR (EFAULT for an unwritable `rem`, vfork's child pid) replaces the code.
          const r = decl.interrupted?.(ctx, args);
          if (r !== undefined && r !== -errno.EINTR) result = r;
        } catch (e) {
          this.warn(`vrun: internal error in ${decl.name}: ${e instanceof Error ? e.message : String(e)}\n`);
        }
        // A call that ends with -ERESTART_RESTARTBLOCK and set no restart block of its own gets
        // one that makes it again with its wait state (signal/restart.ts genericRestartBlock).
        if (result === -ERESTART_RESTARTBLOCK && peekRestartBlock(thread) === blockBefore) {
          setRestartBlock(thread, genericRestartBlock(decl, parked.abi, parked.registers, thread.restartState));
        }
        thread.restartState = null;
        this.dispatcher.reportExit(ctx, parked.nr, args, result);
        if (isRestartCode(result)) noteInterruptedSyscall(thread, { code: -Number(result), firstArg: parked.registers[0] ?? 0n });
        // The return to user mode: strace's `--- SIG… ---` lines, caught signals left queued for
        // the arch's frame code, which settles the restart code with the first one.
        if (this.deliverSignals(thread) === 'exited') return { kind: 'exited' };
        return { kind: 'return', value: BigInt.asUintN(parked.abi === 'i386' ? 32 : 64, BigInt(result)) };
      }
    }
    return this.runSyscall(thread, parked.abi, parked.nr, parked.registers, true);
  }

  /** The pending signals `thread` could take now (not blocked) that a handler catches,
   *  without removing them. */
  private deliverableSignals(thread: Thread): SigInfo[] {
    return [...thread.pendingSignals, ...thread.process.pendingSignals].filter((s) => {
      if (thread.sigmask & sigBit(s.signo) && !(sigBit(s.signo) & UNBLOCKABLE)) return false;
      // A traced thread's sleep is interrupted by any signal (sig_ignored is false for a
      // ptraced task, kernel/signal.c): the call ends with its restart code, the tracer sees
      // the signal, and with no handler the call is made again — nanosleep through
      // restart_syscall (strace: `restart_syscall(<... resuming interrupted nanosleep ...>)`).
      if (this.tracerHooks !== null) return true;
      const h = thread.process.signalActions.get(s.signo).handler;
      return h !== SIG_DFL && h !== SIG_IGN;
    });
  }

  /** Whether a deliverable pending signal of `thread` would end its process (SIG_DFL with a
   *  terminating default action). */
  private fatalPending(thread: Thread): boolean {
    for (const s of [...thread.pendingSignals, ...thread.process.pendingSignals]) {
      if (thread.sigmask & sigBit(s.signo) && !(sigBit(s.signo) & UNBLOCKABLE)) continue;
      if (thread.process.signalActions.get(s.signo).handler !== SIG_DFL) continue;
      const def = defaultAction(s.signo);
      if (def === 'term' || def === 'core') return true;
    }
    return false;
  }

  private runSyscall(thread: Thread, abi: SyscallAbi, nr: number, regs: readonly bigint[], restart: boolean): SyscallOutcome {
    this.clock.tick();
    const ctx = this.contextFor(thread, abi);
    const args = makeSyscallArgs(regs, abi);
    const result = this.dispatcher.dispatch(ctx, nr, args, restart);
    if (isBlocked(result)) {
      thread.parked = { abi, nr, registers: regs };
      this.scheduler.block(thread, result.wait, result.deadlineNs ?? null);
      return { kind: 'blocked' };
    }
    thread.restartState = null;
    if (thread.state === 'dead') return { kind: 'exited' };
    if (this.deliverSignals(thread) === 'exited') return { kind: 'exited' };
    const width = abi === 'i386' ? 32 : 64;
    return { kind: 'return', value: BigInt.asUintN(width, typeof result === 'bigint' ? result : BigInt(result)) };
  }

  // ---- faults ----

  /** A CPU exception taken from user mode, turned into demand paging or a signal with the
   *  siginfo Linux fills (signal/siginfo.ts). */
  handleFault(thread: Thread, fault: FaultInfo): FaultOutcome {
    if (thread.state === 'dead') return { kind: 'exited' };
    let info: SigInfo;
    switch (fault.kind) {
      case 'page': {
        const addr = fault.addr;
        const r =
          addr >= 0n && addr < BigInt(thread.process.mm.layout.taskSize)
            ? thread.process.mm.handlePageFault(Number(addr), fault.access)
            : { signo: Sig.SIGSEGV, code: SiCode.SEGV_MAPERR, addr };
        if (r === 'retry') return { kind: 'retry' };
        info = r;
        break;
      }
      case 'gp':
        info = generalProtection();
        break;
      case 'ud':
        info = invalidOpcode(fault.pc);
        break;
      case 'de':
        info = divideError(fault.pc);
        break;
      case 'bp':
        info = breakpoint();
        break;
      case 'step':
        info = singleStep(fault.pc);
        break;
      case 'undef':
        info = { signo: Sig.SIGILL, code: SiCode.ILL_ILLOPC, addr: fault.pc };
        break;
      case 'align':
        info = { signo: Sig.SIGBUS, code: SiCode.BUS_ADRALN, addr: fault.addr };
        break;
    }
    this.forceSignal(thread, info);
    if (this.deliverSignals(thread) === 'exited') return { kind: 'exited' };
    return { kind: 'signal', info };
  }

  // ---- signals ----

  /** Queues a signal for a thread (tgkill, faults, SIGPIPE) or a process (kill). A sleeping
   *  target whose mask lets the signal through is woken. */
  sendSignal(target: Thread | Process, info: SigInfo): void {
    const proc = target instanceof Thread ? target.process : target;
    if (proc.state !== 'alive') return;
    const queue = target instanceof Thread ? target.pendingSignals : proc.pendingSignals;
    if (alreadyQueued(queue, info.signo)) return; // a standard signal does not queue twice (signal/pending.ts)
    queue.push(info);
    notifySignalfd(proc); // signalfd readers and pollers of this process look again (events/signalfd.ts)
    const bit = sigBit(info.signo);
    for (const t of proc.liveThreads()) {
      if (target instanceof Thread && t !== target) continue;
      if (t.state === 'blocked' && (!(t.sigmask & bit) || bit & UNBLOCKABLE || t.waitedSignals & bit)) {
        this.scheduler.wake(t);
        break;
      }
    }
    this.completeFatalSignal(proc, target, info);
  }

  /** kernel/signal.c complete_signal: a signal whose default action kills, sent to another
   *  process (one CPU: the running thread is the sender) that neither catches nor blocks it,
   *  ends that process at once — it may be spinning in user mode, where pending signals are
   *  not looked at. A traced process still shows the delivery first (strace prints
   *  `--- SIGTERM … ---`, but never a line for SIGKILL). */
  private completeFatalSignal(proc: Process, target: Thread | Process, info: SigInfo): void {
    const current = this.scheduler.current;
    if (!current || current.process === proc) return;
    const action = proc.signalActions.get(info.signo);
    if (action.handler !== SIG_DFL) return;
    const def = defaultAction(info.signo);
    if (def !== 'term' && def !== 'core') return;
    const bit = sigBit(info.signo);
    const wanted = (t: Thread) => !(t.sigmask & bit) || (bit & UNBLOCKABLE) !== 0n;
    const victim = target instanceof Thread ? (wanted(target) ? target : undefined) : proc.liveThreads().find(wanted);
    if (!victim) return;
    const list = target instanceof Thread ? target.pendingSignals : proc.pendingSignals;
    const i = list.indexOf(info);
    if (i >= 0) list.splice(i, 1);
    if (info.signo !== Sig.SIGKILL && this.tracerHooks) {
      // A traced process is not killed on the spot (complete_signal skips ptraced tasks): a
      // sleeping call returns its restart code first, which strace prints (`pause() = ?
      // ERESTARTNOHAND …`), then the signal is reported, then the process dies.
      const sleeper = proc.liveThreads().find((t) => t.state === 'blocked' && t.parked) ?? victim;
      const p = sleeper.parked;
      if (p) {
        const { decl } = this.dispatcher.lookup(p.abi, p.nr);
        const args = makeSyscallArgs(p.registers, p.abi);
        const code = restartCodeOf(decl, args, sleeper.restartState);
        this.dispatcher.reportExit(this.contextFor(sleeper, p.abi), p.nr, args, code === null ? -errno.EINTR : -code);
      }
      this.tracerHooks.onSignal?.(sleeper, info);
    }
    this.exitGroup(proc, { kind: 'signaled', signal: info.signo, core: false });
  }

  /** force_sig_info: a synchronous fault signal cannot be ignored or blocked — an ignored or
   *  blocked one is reset to SIG_DFL and unblocked (kernel/signal.c force_sig_info_to_task). */
  forceSignal(thread: Thread, info: SigInfo): void {
    const bit = sigBit(info.signo);
    const action = thread.process.signalActions.get(info.signo);
    if (action.handler === SIG_IGN || thread.sigmask & bit) {
      thread.process.signalActions.set(info.signo, { ...action, handler: SIG_DFL });
      thread.sigmask &= ~bit;
    }
    thread.pendingSignals.unshift(info);
  }

  /** SIGPIPE for a write to a pipe or socket with no reader (the VFS calls this; the write
   *  itself still returns -EPIPE). si_code SI_USER with the writer's own pid and uid, as
   *  Linux's send_sig(SIGPIPE, current, 0) fills it. */
  raiseSigpipe(thread: Thread): void {
    const p = thread.process;
    this.sendSignal(thread, { signo: Sig.SIGPIPE, code: SiCode.SI_USER, pid: p.pid, uid: p.creds.uid });
  }

  /** Takes the pending signal `thread` gets next (dequeue_signal, signal/pending.ts): its own
   *  queue before the process's, in each a synchronous signal first, then the lowest number. */
  private takeDeliverable(thread: Thread): SigInfo | undefined {
    // Nothing pending (nearly every syscall): no arrays, no closures.
    if (thread.pendingSignals.length === 0 && thread.process.pendingSignals.length === 0) return undefined;
    for (const list of [thread.pendingSignals, thread.process.pendingSignals]) {
      const i = nextSignalIndex(list, thread.sigmask);
      if (i >= 0) return list.splice(i, 1)[0];
    }
    return undefined;
  }

  /** Acts on the deliverable pending signals of `thread` (at return to user mode), in the order
   *  Linux dequeues them (signal/pending.ts): ignored ones vanish, default actions terminate the
   *  process; at the first caught one it stops — that one and what follows wait for the arch
   *  glue (`takeSignalForHandler`), whose frame changes the mask the next ones are judged by. */
  deliverSignals(thread: Thread): 'exited' | 'continue' {
    if (thread.state !== 'dead' && thread.pendingSignals.length === 0 && thread.process.pendingSignals.length === 0) return 'continue';
    const caught: SigInfo[] = [];
    for (;;) {
      if (thread.state === 'dead') return 'exited';
      const info = this.takeDeliverable(thread);
      if (!info) break;
      const action = thread.process.signalActions.get(info.signo);
      if (action.handler !== SIG_IGN && action.handler !== SIG_DFL) {
        caught.push(info);
        break;
      }
      this.tracerHooks?.onSignal?.(thread, info);
      if (action.handler === SIG_IGN) continue;
      const def = defaultAction(info.signo);
      if (def === 'ignore' || def === 'continue' || def === 'stop') continue; // job control: not modelled
      // 'core' signals terminate too, but no core file is ever written (vsys has nowhere to put
      // one, and RLIMIT_CORE defaults to 0), so WCOREDUMP stays clear — as on Linux, where
      // core_dumped is set only after a dump was written (fs/coredump.c).
      this.exitGroup(thread.process, { kind: 'signaled', signal: info.signo, core: false });
      return 'exited';
    }
    thread.pendingSignals.unshift(...caught);
    return 'continue';
  }

  /** The next deliverable signal, for the arch glue's signal-frame code; a caught one is
   *  reported to the tracer now (strace's `--- SIGUSR1 … ---` as get_signal dequeues it). One
   *  that is not caught after all goes back through deliverSignals, which reports it. */
  takeSignalForHandler(thread: Thread): SigInfo | undefined {
    const info = this.takeDeliverable(thread);
    if (info) {
      const h = thread.process.signalActions.get(info.signo).handler;
      if (h !== SIG_DFL && h !== SIG_IGN) this.tracerHooks?.onSignal?.(thread, info);
    }
    return info;
  }

  // ---- exit ----

  /** exit(2) of one thread; the last thread's exit ends the process with `code`. */
  exitThread(thread: Thread, code: number): void {
    if (thread.state === 'dead') return;
    const proc = thread.process;
    if (proc.liveThreads().length <= 1) {
      this.exitGroup(proc, { kind: 'exited', code: code & 0xff });
      return;
    }
    this.killThread(thread);
  }

  /** Ends one thread of a process that goes on (execve's de_thread ends the others). */
  endThread(thread: Thread): void {
    if (thread.state !== 'dead') this.killThread(thread);
  }

  private killThread(thread: Thread): void {
    thread.state = 'dead';
    this.scheduler.remove(thread);
    this.threads.delete(thread.tid);
    // CLONE_CHILD_CLEARTID / set_tid_address: *clear_child_tid = 0 (futex wake is the futex
    // owner's part; mm_release in kernel/fork.c).
    futexTableOf(this).remove(thread);
    if (thread.clearChildTid && thread.process.state === 'alive') {
      this.userMemory(thread.process).write(thread.clearChildTid, new Uint8Array(4));
      // and FUTEX_WAKE one waiter there (mm_release → do_futex), which pthread_join sleeps on.
      futexTableOf(this).wake(FutexTable.key(thread.process, thread.clearChildTid), 1);
    }
  }

  /** exit_group(2) or a fatal signal: every thread ends, files close (pipes see EOF/EPIPE),
   *  the address space goes, the parent is told (SIGCHLD, wait4), onExit fires. */
  exitGroup(proc: Process, status: ExitStatus): void {
    if (proc.state !== 'alive') return;
    for (const t of proc.threads) if (t.state !== 'dead') this.killThread(t);
    proc.state = 'zombie';
    proc.exitStatus = status;
    try {
      releaseFiles(proc);
    } catch (e) {
      this.warn(`vrun: internal error closing files of ${proc.pid}: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    proc.mm.release();
    // A vfork parent sleeping until this child execs or ends goes on (mm_release).
    proc.vforkDone?.wakeAll();
    proc.vforkDone = null;
    // Orphans are reparented to init (kernel/exit.c forget_original_parent): getppid() gives 1
    // from now on. vsys has no init process; the kernel reaps orphans itself when they end.
    for (const c of proc.children) {
      c.parent = null;
      c.ppid = 1;
      if (c.state === 'zombie') this.reap(c);
    }
    proc.children.clear();
    this.tracerHooks?.onExit?.(proc, status);
    this.onExit?.(proc, status);
    const parent = proc.parent;
    if (parent && parent.state === 'alive') this.notifyParent(proc, parent, status);
    else this.reap(proc);
  }

  /** kernel/signal.c do_notify_parent: the exit signal (SIGCHLD for fork children) with
   *  CLD_EXITED / CLD_KILLED / CLD_DUMPED, then the parent's wait4 sleepers wake. A parent
   *  that ignores SIGCHLD (SIG_IGN) or set SA_NOCLDWAIT does not keep a zombie: the child is
   *  reaped at once (and SIG_IGN also drops the signal), so its wait4 ends with ECHILD. */
  private notifyParent(proc: Process, parent: Process, status: ExitStatus): void {
    let signo = proc.exitSignal;
    let autoreap = false;
    const chld = parent.signalActions.get(Sig.SIGCHLD);
    if (chld.handler === SIG_IGN) {
      autoreap = true;
      if (signo === Sig.SIGCHLD) signo = 0;
    } else if (chld.flags & SaFlags.SA_NOCLDWAIT) autoreap = true;
    if (signo > 0 && signo <= 64) {
      const code = status.kind === 'exited' ? SiCode.CLD_EXITED : status.core ? SiCode.CLD_DUMPED : SiCode.CLD_KILLED;
      this.sendSignal(parent, {
        signo,
        code,
        pid: proc.pid,
        uid: proc.creds.uid,
        status: status.kind === 'exited' ? status.code : status.signal,
      });
    }
    if (autoreap) this.reap(proc);
    parent.childWait?.wakeAll();
  }

  /** Removes a zombie for good (wait4 collected it, or nobody will). */
  reap(proc: Process): void {
    proc.state = 'reaped';
    this.processes.delete(proc.pid);
    proc.parent?.children.delete(proc);
  }

  /** The shell-style status of an ended process: code, or 128 + signal. */
  static exitCode(status: ExitStatus): number {
    return shellExitStatus(status);
  }

  // ---- scheduling ----

  /** The next thread to run, or what to do when none can: 'idle' (threads sleep until a
   *  deadline: in deterministic mode the clock has been advanced to it and the sleeper woken;
   *  in host mode the caller may wait `waitNs` and call again) or 'deadlock' (all threads sleep
   *  with no deadline) or 'done' (no threads at all). */
  schedule(): { kind: 'run'; thread: Thread } | { kind: 'idle'; waitNs: bigint } | { kind: 'deadlock' } | { kind: 'done' } {
    this.scheduler.expire(this.clock.monotonicNs());
    const t = this.scheduler.pickNext();
    if (t) return { kind: 'run', thread: t };
    if (this.threads.size === 0) return { kind: 'done' };
    const deadline = this.scheduler.nextDeadline();
    if (deadline === null) return { kind: 'deadlock' };
    if (this.clock.mode === 'deterministic') {
      this.clock.skipTo(deadline);
      this.scheduler.expire(this.clock.monotonicNs());
      const next = this.scheduler.pickNext();
      if (next) return { kind: 'run', thread: next };
    }
    const wait = deadline - this.clock.monotonicNs();
    return { kind: 'idle', waitNs: wait > 0n ? wait : 0n };
  }

  /** Host-clock mode helper: blocks the host thread for `ns` (Atomics.wait on a private
   *  buffer — synchronous, no busy loop), then wakes expired sleepers. */
  idleWait(ns: bigint): void {
    const ms = Number(ns / 1_000_000n) + (ns % 1_000_000n ? 1 : 0);
    if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    this.scheduler.expire(this.clock.monotonicNs());
  }
}

/** e_machine at offset 18 of an ELF header: EM_AARCH64 (183) → arm64, anything else x86_64 (the
 *  loader validates the image properly). */
function archOfImage(image: Uint8Array): ProcessArch {
  const machine = image.length >= 20 ? image[18]! | (image[19]! << 8) : 0;
  return machine === 183 ? 'arm64' : 'x86_64';
}

export type { SyscallResult };
