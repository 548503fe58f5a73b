// @vsys/kernel — the emulated Linux kernel, ISA-independent.
//
// Driving it (the arch glue / vrun):
//
//   import { Kernel } from '@vsys/kernel';
//   import { loadImage } from '@vsys/loader';
//   const kernel = new Kernel({ loadImage, vfs, newAddressSpace, arch: { onTlsChange } });
//   kernel.onExit = (process, status) => …;           // Kernel.exitCode(status) → 0…255 / 128+N
//   const { process, thread, entry, sp } = kernel.spawn(imageBytes, argv, envp);
//   // syscall trap: nr = RAX/EAX/X8 as saved; args = the six argument registers in ABI order
//   const out = kernel.handleSyscall(thread, 'x86_64', nr, [rdi, rsi, rdx, r10, r8, r9]);
//   //   {kind:'return', value} → RAX/X0 ← value (already masked to the ABI's width)
//   //   {kind:'blocked'}       → call kernel.schedule(); when the thread runs again,
//   //                            kernel.resumeSyscall(thread) gives the final outcome
//   //   {kind:'exited'}        → the thread is gone; kernel.onExit has fired if the process ended
//   // CPU exception in user mode:
//   const f = kernel.handleFault(thread, { kind: 'page', addr: cr2, access: 'write' });
//   //   {kind:'retry'} re-execute; {kind:'signal', info} a caught signal (handlers: later);
//   //   {kind:'exited'} killed by the default action (exit status 128+N)
//   // scheduling: kernel.schedule() → run a thread / idle until a deadline / deadlock / done.
//
// Tracing (@vsys/trace): kernel.tracer = { onSyscallEnter(ctx, decl, args),
//   onSyscallExit(ctx, decl, args, result), onSignal(thread, siginfo), onExit(process, status) }.
// Syscall declarations: kernel.syscalls (every SyscallDecl), kernel.table (per-ABI arrays);
// `syscallName(abi, nr)` names numbers nobody implements.
//
// For syscall handlers (the VFS's decl/fs*.ts): SyscallContext { abi, mem, process, thread,
// kernel }; errno values from `errno`; SIGPIPE via kernel.raiseSigpipe(thread) (or push onto
// thread.pendingSignals: signals act when the call returns); RLIMIT_NOFILE via
// process.rlimits.soft(Resource.RLIMIT_NOFILE); /proc/PID/maps text via kernel.mapsText(proc).
// A sleeping handler returns blocked(queue, deadline?) and is re-run from the start when woken
// (thread.restartState keeps state across re-runs); a caught signal ends the sleep with EINTR,
// or restarts it under SA_RESTART unless the decl says `eintrAlways`; `interrupted(ctx, args)`
// runs then (nanosleep writes rem there).
//
// Signals: sendSignal(thread | process, info) queues; deliverSignals(thread) acts on them at
// "return to user" (handleSyscall/handleFault do it; the arch glue should also do it when a
// thread is switched in or its quantum ends, or a CPU-bound thread never sees a kill).
// Default actions end the process (exit status 128+N; WCOREDUMP stays clear — no core file);
// caught signals wait in takeSignalForHandler(thread) for the arch's signal-frame code.
//
// Memory: one MemoryMap per process over an AddressSpaceBackend (SoftAddressSpace for tests,
// the arch's page tables in vrun); demand paging; mm.release() at exit frees every frame and
// calls backend.destroy(). Layout without ASLR as Linux: mmap top-down from 0x7ffff7fff000
// (x86-64), i386 calls below 4 GiB from 0xf7ffe000, THP-aligned big anonymous mappings, stack
// guard gap; all checked against the host kernel in mm/mmap-layout.test.ts.

export { Kernel, KernelError } from './kernel.js';
export type {
  ArchHooks,
  FaultInfo,
  FaultOutcome,
  ImageLoader,
  KernelOptions,
  KernelTracer,
  KernelVfs,
  LoadedImage,
  SyscallOutcome,
} from './kernel.js';

export * from './syscalls/types.js';
export type { SyscallContext } from './syscalls/context.js';
export { makeSyscallArgs } from './syscalls/context.js';
export { Dispatcher, syscallNumberFromRegister, type SyscallTracer } from './syscalls/dispatcher.js';
export { buildSyscallTable, coreSyscalls, findSyscall, SyscallTableError, type SyscallTable } from './syscalls/table.js';
export { syscallReference } from './syscalls/reference.js';
export { errno, errnoName, isErrorResult, type ErrnoName } from './syscalls/errno.js';
export { errnoMessage, errnoMessages, restartMessages } from './syscalls/errno-messages.js';
export { numbersOf, syscallName, syscallNumber } from './syscalls/numbers.js';
export { getU64, getWords, longSize, putU32, putU64, putWords } from './syscalls/uaccess.js';

export {
  Process,
  Thread,
  noFiles,
  type ParkedSyscall,
  type ProcessArch,
  type ProcessFiles,
  type ProcessFsContext,
  type ThreadState,
} from './process/process.js';
export { Credentials } from './process/credentials.js';
export { NR_OPEN, Resource, ResourceLimits, RLIM_INFINITY, RLIM_NLIMITS, type Rlimit } from './process/rlimits.js';
export { shellExitStatus, waitStatusWord, type ExitStatus } from './process/exit-status.js';
// fork/vfork/clone for processes and execve (docs/processes.md).
export { checkCloneFlags, CloneFlags, forkProcess, type ForkRequest } from './process/fork.js';
export { execve, MAX_ARG_STRLEN } from './process/exec.js';
export { FrameRefs, frameRefsOf, frameStoreOf } from './mm/frame-refs.js';

export * from './mm/memory-map.js';
export { PAGE_SHIFT, PAGE_SIZE, SoftAddressSpace, type AddressSpaceBackend, type PageMapping, type PagePermissions } from './mm/paging.js';
export type { Vma, VmaBacking, VmaProt } from './mm/vma.js';
export { ProcessUserMemory } from './mm/user-memory.js';
export { formatMaps } from './mm/maps-text.js';

export { defaultAction, isValidSignal, NSIG, Sig, sigBit, signalName, SIGRTMIN, type DefaultAction } from './signal/signals.js';
export * from './signal/siginfo.js';
export { encodeSigInfo, SIGINFO_SIZE } from './signal/siginfo-layout.js';
export { SaFlags, SIG_DFL, SIG_IGN, SignalActions, type SignalAction } from './signal/actions.js';

export { ClockId, COARSE_RESOLUTION_NS, KernelClock, nsToTimespec, type ClockOptions } from './time/clock.js';
export { VCLOCK_MODE_NONE, VCLOCK_MODE_TSC, VVAR, VVAR_MULT, VVAR_SHIFT, VvarTimekeeper, type TimekeeperOptions } from './time/vvar.js';
export { Scheduler } from './sched/scheduler.js';
export { KernelWaitQueue } from './sched/wait-queue.js';

// The x86-64 architecture glue (entry code, boot, the machine wiring @vsys/emu to the Kernel).
export * from './arch/x86_64/index.js';
// The ARM64 architecture glue (entry code with its vector table, boot, the machine: hvc #0).
export * from './arch/arm64/index.js';

// The file system as a whole (VFS + tmpfs root, /dev, /proc, hostfs mounts, console), for vrun.
export { attachKernelFileSystem, KernelFileSystem, kernelFileSystemOf, type HostMount, type KernelFileSystemOptions } from './fs/kernel-fs.js';
export * from './vfs/index.js';
