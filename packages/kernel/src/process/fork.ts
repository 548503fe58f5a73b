// fork(2), vfork(2) and clone(2) without CLONE_THREAD: a new process (kernel/fork.c
// copy_process). The child gets a copy of the caller's address space (MemoryMap.copyInto:
// pages shared copy-on-write, MAP_SHARED pages shared — see there), a copy of its fd table
// whose descriptors share the parent's open file descriptions and offsets (or the same table
// with CLONE_FILES), a copy of cwd/root/umask (or the same with CLONE_FS), the credentials,
// resource limits and signal dispositions (Process's constructor copies them), the calling
// thread's signal mask, TLS and alternate signal stack; and one thread whose registers are
// the caller's at the syscall with the result register 0 (the arch's copy_thread, reached
// through Kernel.archCloneThread). The parent gets the child's pid.
//
// CLONE_VFORK parks the parent until the child calls execve or ends. CLONE_VM without
// CLONE_THREAD (vfork(2), posix_spawn) is served with a copy-on-write copy too: the child does
// not share the parent's mappings, so a child that writes memory before execve (undefined
// behaviour for vfork by POSIX; glibc's posix_spawn reports a failed exec this way) is not seen
// by the parent.

import { errno } from '../syscalls/errno.js';
import { blocked, type Blocked, type SyscallResult } from '../syscalls/types.js';
import type { SyscallContext } from '../syscalls/context.js';
import { KernelWaitQueue } from '../sched/wait-queue.js';
import { hasKernelFileSystem, kernelFileSystemOf } from '../fs/kernel-fs.js';
import { Sig } from '../signal/signals.js';
import type { Process, ProcessFiles, Thread } from './process.js';

/** clone(2) flags (include/uapi/linux/sched.h). */
export const CloneFlags = {
  CSIGNAL: 0x000000ff,
  CLONE_VM: 0x00000100,
  CLONE_FS: 0x00000200,
  CLONE_FILES: 0x00000400,
  CLONE_SIGHAND: 0x00000800,
  CLONE_PIDFD: 0x00001000,
  CLONE_PTRACE: 0x00002000,
  CLONE_VFORK: 0x00004000,
  CLONE_PARENT: 0x00008000,
  CLONE_THREAD: 0x00010000,
  CLONE_NEWNS: 0x00020000,
  CLONE_SYSVSEM: 0x00040000,
  CLONE_SETTLS: 0x00080000,
  CLONE_PARENT_SETTID: 0x00100000,
  CLONE_CHILD_CLEARTID: 0x00200000,
  CLONE_DETACHED: 0x00400000,
  CLONE_UNTRACED: 0x00800000,
  CLONE_CHILD_SETTID: 0x01000000,
  CLONE_NEWCGROUP: 0x02000000,
  CLONE_NEWUTS: 0x04000000,
  CLONE_NEWIPC: 0x08000000,
  CLONE_NEWUSER: 0x10000000,
  CLONE_NEWPID: 0x20000000,
  CLONE_NEWNET: 0x40000000,
  CLONE_IO: 0x80000000,
} as const;

const F = CloneFlags;
/** Namespaces: not modelled (one namespace of each kind). */
const NAMESPACE_FLAGS =
  F.CLONE_NEWNS | F.CLONE_NEWCGROUP | F.CLONE_NEWUTS | F.CLONE_NEWIPC | F.CLONE_NEWUSER | F.CLONE_NEWPID | F.CLONE_NEWNET;

export interface ForkRequest {
  /** The clone flags (the low 32 bits of the register; CSIGNAL is the exit signal). */
  flags: number;
  /** The child's stack pointer (0: the parent's, as fork). */
  stack: bigint;
  /** CLONE_PARENT_SETTID / CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID addresses. */
  parentTid: number;
  childTid: number;
  /** CLONE_SETTLS: the child's thread pointer. */
  tls: bigint;
}

/** What a parked vfork keeps between its first run and the re-run after the child let go. */
interface VforkState {
  vforkChild: number;
}

function isVforkState(x: unknown): x is VforkState {
  return typeof x === 'object' && x !== null && typeof (x as VforkState).vforkChild === 'number';
}

/** The checks copy_process makes on the flags, in its order; 0 when the combination is valid. */
export function checkCloneFlags(flags: number): number {
  // CLONE_NEWNS|CLONE_FS and CLONE_NEWUSER|CLONE_FS are EINVAL; namespaces themselves are not
  // modelled here (EINVAL rather than pretending to create one).
  if ((flags & (F.CLONE_NEWNS | F.CLONE_FS)) === (F.CLONE_NEWNS | F.CLONE_FS)) return -errno.EINVAL;
  if ((flags & F.CLONE_THREAD) && !(flags & F.CLONE_SIGHAND)) return -errno.EINVAL;
  if ((flags & F.CLONE_SIGHAND) && !(flags & F.CLONE_VM)) return -errno.EINVAL;
  if (flags & NAMESPACE_FLAGS) return -errno.EINVAL;
  // CLONE_PIDFD is not provided (no pidfds): EINVAL, as a kernel without it would answer.
  if (flags & F.CLONE_PIDFD) return -errno.EINVAL;
  return 0;
}

/**
 * fork/vfork/clone for a new process. Returns the child's pid in the parent, a negated errno,
 * or — for CLONE_VFORK — a Blocked result that parks the parent until the child execs or ends;
 * the re-run after that returns the child's pid (the thread's restartState remembers it).
 */
export function forkProcess(ctx: SyscallContext, req: ForkRequest): SyscallResult | Blocked {
  const kernel = ctx.kernel;
  // The re-run of a vfork whose child has let go of the parent.
  if (isVforkState(ctx.thread.restartState)) {
    const state = ctx.thread.restartState;
    const child = kernel.processes.get(state.vforkChild);
    if (child && child.vforkDone) return blocked(child.vforkDone);
    return state.vforkChild;
  }
  const flags = req.flags;
  const bad = checkCloneFlags(flags);
  if (bad) return bad;
  const exitSignal = flags & F.CSIGNAL;
  if (exitSignal > 64) return -errno.EINVAL; // valid_signal()
  const clone = kernel.archCloneThread;
  if (!clone) return -errno.ENOSYS;

  const parentProc = ctx.process;
  // CLONE_PARENT: the child is a sibling of the caller (its parent is the caller's parent).
  const parent: Process | null = flags & F.CLONE_PARENT ? parentProc.parent : parentProc;
  let made: { process: Process; thread: Thread };
  try {
    made = kernel.createProcess(parentProc.arch, parent, { vfs: false });
  } catch {
    return -errno.ENOMEM; // no frame for the new page tables
  }
  const child = made.process;
  const thread = made.thread;
  if (flags & F.CLONE_PARENT && !parent) {
    // The first process's parent is outside vsys: the child looks the same from inside.
    child.ppid = parentProc.ppid;
  }
  // Identity the Process constructor did not take from `parent` (CLONE_PARENT or none).
  child.creds = parentProc.creds.clone();
  child.pgid = parentProc.pgid;
  child.sid = parentProc.sid;
  child.comm = parentProc.comm;
  child.exePath = parentProc.exePath;
  child.exeImage = parentProc.exeImage;
  child.argv = [...parentProc.argv];
  child.auxv = parentProc.auxv;
  child.envp = [...parentProc.envp];
  child.dumpable = parentProc.dumpable;
  child.exitSignal = exitSignal;
  // signal dispositions, rlimits: copied from the caller (not from a CLONE_PARENT parent).
  for (let s = 1; s <= 64; s++) child.signalActions.set(s, parentProc.signalActions.get(s));
  for (let r = 0; r < 16; r++) child.rlimits.set(r, parentProc.rlimits.get(r));

  if (!parentProc.mm.copyInto(child.mm)) {
    kernel.discardProcess(child);
    return -errno.ENOMEM;
  }
  copyFiles(ctx, parentProc, child, flags);

  const me = ctx.thread;
  thread.sigmask = me.sigmask;
  thread.gsBase = me.gsBase;
  thread.altStack = { ...me.altStack };
  try {
    clone(me, thread, { stack: req.stack, ...(flags & F.CLONE_SETTLS ? { tls: req.tls } : {}) });
  } catch {
    releaseFiles(child);
    kernel.discardProcess(child);
    return -errno.ENOMEM; // no kernel stack
  }
  if (!(flags & F.CLONE_SETTLS)) thread.tls = me.tls;

  const tidWord = new Uint8Array(4);
  new DataView(tidWord.buffer).setUint32(0, child.pid, true);
  // CLONE_PARENT_SETTID writes into the parent's memory; CLONE_CHILD_SETTID into the child's
  // (its own copy: schedule_tail → put_user in the child's mm). Faults are ignored, as Linux.
  if (flags & F.CLONE_PARENT_SETTID) ctx.mem.write(req.parentTid, tidWord);
  if (flags & F.CLONE_CHILD_SETTID) kernel.userMemory(child).write(req.childTid, tidWord);
  if (flags & F.CLONE_CHILD_CLEARTID) thread.clearChildTid = req.childTid < 0 ? 0 : req.childTid;

  if (flags & F.CLONE_VFORK) {
    const done = new KernelWaitQueue();
    child.vforkDone = done;
    ctx.thread.restartState = { vforkChild: child.pid } satisfies VforkState;
    return blocked(done);
  }
  return child.pid;
}

/** A vfork parent woken by a caught signal still returns the child's pid: the wait for the
 *  child is not interruptible by the call's result (wait_for_vfork_done is killable only). */
export function vforkInterrupted(ctx: SyscallContext): SyscallResult | void {
  const state = ctx.thread.restartState;
  if (isVforkState(state)) {
    const child = ctx.kernel.processes.get(state.vforkChild);
    if (child) child.vforkDone = null;
    return state.vforkChild;
  }
}

/** The child's fd table and fs context: the parent's own with CLONE_FILES / CLONE_FS, else
 *  copies (the KernelFileSystem's forkProcess), else — a kernel without a VFS — the same
 *  placeholder objects. */
function copyFiles(ctx: SyscallContext, parent: Process, child: Process, flags: number): void {
  const share = { files: (flags & F.CLONE_FILES) !== 0, fs: (flags & F.CLONE_FS) !== 0 };
  if (hasKernelFileSystem(ctx.kernel)) kernelFileSystemOf(ctx.kernel).forkProcess(parent, child, share);
  else {
    child.files = parent.files;
    child.fs = share.fs ? parent.fs : { ...parent.fs };
  }
  if (child.files === parent.files) filesUsers.set(parent.files, (filesUsers.get(parent.files) ?? 1) + 1);
}

/** How many processes use one fd table (CLONE_FILES without CLONE_THREAD; files_struct's
 *  count). Absent: one. */
const filesUsers = new WeakMap<ProcessFiles, number>();

/** Whether `proc` shares its fd table with another process. */
export function filesShared(proc: Process): boolean {
  return (filesUsers.get(proc.files) ?? 1) > 1;
}

/** Exit (or execve's unshare): `proc` stops using its fd table; the last user closes every
 *  descriptor (put_files_struct). */
export function releaseFiles(proc: Process): void {
  const n = filesUsers.get(proc.files) ?? 1;
  if (n > 1) {
    filesUsers.set(proc.files, n - 1);
    return;
  }
  filesUsers.delete(proc.files);
  proc.files.closeAll();
}

/** The exit signal a plain fork uses. */
export const FORK_EXIT_SIGNAL = Sig.SIGCHLD;
