// execve(2) and execveat(2) (fs/exec.c): replace the calling process's image with a program
// from the VFS, keeping its pid.
//
// Order, as Linux: copy the file name, argv and envp out of the caller's memory (EFAULT,
// E2BIG), open the file (ENOENT, ENOTDIR, EACCES for a non-regular file or one without an
// execute bit), follow `#!` lines to an interpreter (at most 4 levels, ELOOP beyond), check the
// ELF (ENOEXEC: not ELF, another machine — an arm64 image from an x86-64 process and back —,
// a dynamically linked one). The new image is built in a fresh address space while the old one
// still exists; a loader failure leaves the caller untouched with the loader's errno (Linux has
// a point of no return inside load_elf_binary after which it kills the caller instead).
// Past that point: other threads end (de_thread), the old address space goes, close-on-exec
// descriptors close (a shared fd table is unshared first), caught signals return to SIG_DFL
// (flush_signal_handlers), the alternate signal stack, robust list and clear_child_tid are
// cleared, comm becomes the file name's basename, a vfork parent resumes, and the thread
// returns to user mode at the new entry point with the loader's stack (start_thread: other
// registers 0). The blocked signal mask and pending signals survive, as does the pid.

import { errno } from '../syscalls/errno.js';
import type { SyscallResult } from '../syscalls/types.js';
import type { SyscallContext } from '../syscalls/context.js';
import { getWords } from '../syscalls/uaccess.js';
import { hasKernelFileSystem, kernelFileSystemOf } from '../fs/kernel-fs.js';
import { FsContext } from '../vfs/fs-context.js';
import { FdTable } from '../vfs/fd-table.js';
import { isErr } from '../vfs/errno.js';
import { filesShared, releaseFiles } from './fork.js';
import type { Process } from './process.js';
import { existingTimersOf } from '../time/posix-timers.js';

/** include/uapi/linux/limits.h PATH_MAX (bytes, with the NUL). */
const PATH_MAX = 4096;
/** include/uapi/linux/binfmts.h MAX_ARG_STRLEN: one argument or variable (32 pages). */
export const MAX_ARG_STRLEN = 32 * 4096;
/** MAX_ARG_STRINGS: 0x7FFFFFFF strings. */
const MAX_ARG_STRINGS = 0x7fffffff;
/** fs/exec.c: `#!` lines nest at most this deep (BINPRM_MAX_RECURSION 4). */
const MAX_INTERPRETER_DEPTH = 4;
/** BINPRM_BUF_SIZE: the bytes of the file the `#!` line is read from. */
const BINPRM_BUF_SIZE = 256;

/** Strings go to the new stack as the loader writes them (UTF-8): text that is not valid UTF-8
 *  reaches the new program with U+FFFD in place of the bad bytes. */
const utf8 = new TextDecoder('utf-8');

const AT_FDCWD = -100;
const AT_EMPTY_PATH = 0x1000;
const AT_SYMLINK_NOFOLLOW = 0x100;

/** Copies a NULL-terminated array of string pointers (argv / envp) out of user memory, with
 *  fs/exec.c's limits: each string at most MAX_ARG_STRLEN bytes with its NUL (E2BIG), the
 *  whole set at most a quarter of RLIMIT_STACK (E2BIG; bprm_stack_limits). A NULL array is
 *  empty. */
export function readStringArray(ctx: SyscallContext, addr: number, budget: { left: number }): string[] | number {
  const out: string[] = [];
  if (addr === 0) return out;
  if (addr < 0) return -errno.EFAULT;
  const size = ctx.abi === 'i386' ? 4 : 8;
  for (let i = 0; ; i++) {
    if (i >= MAX_ARG_STRINGS) return -errno.E2BIG;
    const w = getWords(ctx.mem, addr + i * size, 1, size);
    if (!w) return -errno.EFAULT;
    const p = w[0]!;
    if (p === 0n) break;
    if (p >= 1n << 53n) return -errno.EFAULT;
    const s = ctx.mem.readCString(Number(p), MAX_ARG_STRLEN);
    if (s === null) return -errno.EFAULT;
    if (s === 'toolong') return -errno.E2BIG;
    budget.left -= s.length + 1 + size; // the string and its pointer on the new stack
    if (budget.left < 0) return -errno.E2BIG;
    out.push(utf8.decode(s));
  }
  return out;
}

/** The `#!` line of a script: interpreter and optional single argument (binfmt_script.c: the
 *  rest of the line after the interpreter, trimmed, is one argument). Null when `bytes` is
 *  not a script; -ENOEXEC for an empty interpreter. */
function parseShebang(bytes: Uint8Array): { interp: string; arg: string | null } | number | null {
  if (bytes.length < 2 || bytes[0] !== 0x23 || bytes[1] !== 0x21) return null;
  const head = bytes.subarray(2, Math.min(bytes.length, BINPRM_BUF_SIZE));
  let end = head.indexOf(0x0a);
  if (end < 0) end = head.length;
  const line = utf8.decode(head.subarray(0, end)).replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
  if (line.length === 0) return -errno.ENOEXEC;
  const m = /^(\S+)(?:[ \t]+(.*))?$/.exec(line);
  if (!m) return -errno.ENOEXEC;
  return { interp: m[1]!, arg: m[2] !== undefined && m[2].length > 0 ? m[2] : null };
}

const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];

/** execve(pathname, argv, envp), or execveat(dirfd, pathname, argv, envp, flags). */
export function execve(
  ctx: SyscallContext,
  pathAddr: number,
  argvAddr: number,
  envpAddr: number,
  at: { dirfd: number; flags: number } = { dirfd: AT_FDCWD, flags: 0 },
): SyscallResult {
  const kernel = ctx.kernel;
  const proc = ctx.process;
  if (at.flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) return -errno.EINVAL;
  const raw = ctx.mem.readCString(pathAddr, PATH_MAX);
  if (raw === null) return -errno.EFAULT;
  if (raw === 'toolong') return -errno.ENAMETOOLONG;
  let filename = utf8.decode(raw);
  if (at.dirfd !== AT_FDCWD && !filename.startsWith('/')) {
    // execveat with a directory fd: only AT_FDCWD and absolute paths are resolved here.
    if (filename.length === 0 && at.flags & AT_EMPTY_PATH) return -errno.ENOSYS;
    return -errno.ENOSYS;
  }
  // bprm_stack_limits: argv + envp (strings and pointers) may use a quarter of the stack limit
  // (at least 128 KiB, ARG_MAX); at most 6 MiB (3/4 of _STK_LIM).
  const stackLimit = proc.rlimits.soft(3);
  const budget = { left: Math.min(Math.max(Math.floor(stackLimit / 4), 32 * 4096), 6 * 1024 * 1024) };
  let argv = readStringArray(ctx, argvAddr, budget);
  if (typeof argv === 'number') return argv;
  const envp = readStringArray(ctx, envpAddr, budget);
  if (typeof envp === 'number') return envp;
  if (filename.length === 0) return -errno.ENOENT;
  if (!hasKernelFileSystem(kernel)) return -errno.ENOENT;
  const load = kernel.options.loadImage;
  const archExec = kernel.archExecThread;
  if (!load || !archExec) return -errno.ENOSYS;
  const kfs = kernelFileSystemOf(kernel);
  kfs.currentProcess = proc; // "/proc/self" is the caller

  // Since Linux 5.18 an empty argv gets one empty string as argv[0] (fs/exec.c do_execveat_common).
  if (argv.length === 0) argv = [''];
  const execfn = filename;
  let file = readExecutable(kfs, proc, filename);
  for (let depth = 0; ; depth++) {
    if (isErr(file)) return file;
    const script = parseShebang(file.bytes);
    if (script === null) break;
    if (typeof script === 'number') return script;
    if (depth >= MAX_INTERPRETER_DEPTH) return -errno.ELOOP;
    // binfmt_script: argv[0] is replaced by interpreter [arg] filename.
    argv = [script.interp, ...(script.arg !== null ? [script.arg] : []), filename, ...argv.slice(1)];
    filename = script.interp;
    file = kfs.readExecutable(proc, script.interp);
  }
  const bytes = file.bytes;
  if (bytes.length < 4 || ELF_MAGIC.some((b, i) => bytes[i] !== b)) return -errno.ENOEXEC;

  // Build the new image beside the old one.
  const oldMm = proc.mm;
  let newMm;
  try {
    newMm = kernel.newMemoryMap(proc);
  } catch {
    return -errno.ENOMEM;
  }
  kernel.setMemoryMap(proc, newMm);
  let start: { entry: bigint; sp: bigint };
  try {
    start = load(kernel, proc, bytes, argv, envp, execfn);
  } catch (e) {
    kernel.setMemoryMap(proc, oldMm);
    newMm.release();
    const code = (e as { errno?: unknown }).errno;
    if (typeof code === 'number' && code > 0 && code < 4096) return -code;
    // @vsys/elf's reader refusing the file (a truncated or malformed header): not an
    // executable format the kernel knows, as binfmt_elf answers.
    if (e instanceof Error && e.name === 'ElfError') return -errno.ENOEXEC;
    throw e;
  }

  // The point of no return.
  for (const t of proc.liveThreads()) {
    if (t === ctx.thread) continue;
    t.clearChildTid = 0; // its clear_child_tid word was in the old image, not the new one
    kernel.endThread(t);
  }
  oldMm.release();
  if (filesShared(proc) && proc.files instanceof FdTable) {
    const own = proc.files.clone();
    own.onClose = proc.files.onClose;
    releaseFiles(proc);
    proc.files = own;
  }
  kfs.execProcess(proc);
  proc.signalActions.resetForExec();
  existingTimersOf(ctx.kernel)?.onExec(proc); // POSIX timers go, interval timers stay (exit_itimers)
  const me = ctx.thread;
  me.altStack = { sp: 0n, size: 0n, autodisarm: false };
  me.clearChildTid = 0;
  me.robustList = { head: 0, len: 0 };
  me.tls = 0n;
  me.gsBase = 0n;
  proc.comm = (execfn.split('/').pop() ?? '').slice(0, 15);
  proc.exePath = (file.path ? absolutePath(kfs, proc, file.path) : null) ?? (file.path ? filename : proc.exePath);
  proc.exeImage = bytes;
  proc.argv = argv;
  proc.envp = [...envp];
  proc.dumpable = 1;
  archExec(me, start.entry, start.sp);
  proc.vforkDone?.wakeAll();
  proc.vforkDone = null;
  return 0;
}

type Kfs = ReturnType<typeof kernelFileSystemOf>;

/** The file execve runs: KernelFileSystem.readExecutable, except that `/proc/self/exe` or
 *  `/proc/PID/exe` naming an executable that is not in the guest's tree (the image vrun loaded
 *  from a host path outside its mounts) runs that process's image bytes, as the magic link
 *  would on Linux. `path` is null then. */
function readExecutable(kfs: Kfs, proc: Process, filename: string): { bytes: Uint8Array; path: Parameters<Kfs['vfs']['pathOf']>[1] | null } | number {
  const got = kfs.readExecutable(proc, filename);
  if (!isErr(got)) return got;
  const m = /^\/proc\/(self|\d+)\/exe$/.exec(filename);
  if (!m) return got;
  const target = m[1] === 'self' ? proc : proc && kfs.kernel?.processes?.get(Number(m[1]));
  if (!target || !target.exeImage || !isErr(kfs.resolve(target, target.exePath))) return got;
  return { bytes: target.exeImage, path: null };
}

function absolutePath(kfs: ReturnType<typeof kernelFileSystemOf>, proc: Process, place: Parameters<ReturnType<typeof kernelFileSystemOf>['vfs']['pathOf']>[1]): string | null {
  try {
    const root = proc.fs instanceof FsContext ? proc.fs.root : kfs.vfs.root;
    return kfs.vfs.pathOf(root, place);
  } catch {
    return null;
  }
}
