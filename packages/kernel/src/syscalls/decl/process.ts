// Process identity, exit and wait: getpid getppid gettid, exit exit_group, wait4 (and i386
// waitpid), process groups and sessions (getpgid getpgrp setpgid getsid setsid).
// Semantics from kernel/sys.c, kernel/exit.c and the man pages cited per call.

import { errno } from '../errno.js';
import { numbersOf } from '../numbers.js';
import { blocked, type SyscallDecl } from '../types.js';
import type { SyscallContext } from '../context.js';
import { putU32, putWords } from '../uaccess.js';
import { waitStatusWord } from '../../process/exit-status.js';
import type { Process } from '../../process/process.js';
import { Sig } from '../../signal/signals.js';
import { SiCode } from '../../signal/siginfo.js';

const WNOHANG = 1;
const WUNTRACED = 2;
const WCONTINUED = 8;
const __WNOTHREAD = 0x20000000;
const __WALL = 0x40000000;
const __WCLONE = 0x80000000 | 0;

/** wait4's child selection (kernel/exit.c kernel_wait4): pid < -1 → process group -pid,
 *  -1 → any child, 0 → the caller's process group, > 0 → that child. */
function childMatches(caller: Process, child: Process, pid: number): boolean {
  if (pid > 0) return child.pid === pid;
  if (pid === -1) return true;
  if (pid === 0) return child.pgid === caller.pgid;
  return child.pgid === -pid;
}

/** kernel/exit.c eligible_child: a child whose exit signal is not SIGCHLD is a "clone" child,
 *  seen only with __WCLONE; __WALL sees every child. */
function eligible(child: Process, options: number): boolean {
  if (options & __WALL) return true;
  return (child.exitSignal === Sig.SIGCHLD) !== ((options & __WCLONE) !== 0);
}

/** The children `caller` may wait for with this selection, and the first zombie among them. */
function findChild(caller: Process, select: (c: Process) => boolean, options: number): { any: boolean; zombie?: Process } {
  const candidates = [...caller.children].filter((c) => select(c) && eligible(c, options));
  return { any: candidates.length > 0, zombie: candidates.find((c) => c.state === 'zombie') };
}

/** struct rusage: two timevals then 14 longs, all zero (the child's CPU time is not billed). */
function putZeroRusage(ctx: SyscallContext, addr: number): boolean {
  return putWords(ctx.mem, addr, new Array(18).fill(0), ctx.abi === 'i386' ? 4 : 8);
}

function wait4(ctx: SyscallContext, pid: number, statusAddr: number, options: number, rusageAddr: number) {
  // kernel_wait4: unknown option bits → EINVAL; INT_MIN pid → ESRCH.
  if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) return -errno.EINVAL;
  if (pid === -2147483648) return -errno.ESRCH;
  const me = ctx.process;
  const { any, zombie } = findChild(me, (c) => childMatches(me, c, pid), options);
  if (!any) return -errno.ECHILD;
  if (!zombie) {
    // Stopped and continued children (WUNTRACED, WCONTINUED) never occur: job control is not
    // modelled, so only exits are reported.
    if (options & WNOHANG) return 0;
    return blocked(me.childWait);
  }
  // kernel_wait4 reaps first and copies out afterwards: a bad status or rusage pointer gives
  // EFAULT, but the child is gone all the same.
  ctx.kernel.reap(zombie);
  if (statusAddr && !putU32(ctx.mem, statusAddr, waitStatusWord(zombie.exitStatus!))) return -errno.EFAULT;
  if (rusageAddr && !putZeroRusage(ctx, rusageAddr)) return -errno.EFAULT;
  return zombie.pid;
}

// waitid(2) (include/uapi/linux/wait.h).
const P_ALL = 0;
const P_PID = 1;
const P_PGID = 2;
const P_PIDFD = 3;
const WSTOPPED = 2;
const WEXITED = 4;
const WNOWAIT = 0x01000000;

/** waitid(2) (kernel/exit.c kernel_waitid and SYSCALL_DEFINE5(waitid)): idtype P_ALL, P_PID
 *  (id > 0), P_PGID (id 0: the caller's group); options must ask for WEXITED, WSTOPPED or
 *  WCONTINUED (EINVAL otherwise). WNOWAIT leaves the child a zombie. The siginfo written is
 *  si_signo, si_errno, si_code, si_pid, si_uid, si_status — all zero when WNOHANG found no
 *  child ready (si_utime and si_stime are not written, as in Linux). */
function waitid(ctx: SyscallContext, idtype: number, id: number, infop: number, options: number, rusageAddr: number) {
  if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) return -errno.EINVAL;
  if (!(options & (WEXITED | WSTOPPED | WCONTINUED))) return -errno.EINVAL;
  const me = ctx.process;
  let select: (c: Process) => boolean;
  if (idtype === P_ALL) select = () => true;
  else if (idtype === P_PID) {
    if (id <= 0) return -errno.EINVAL;
    select = (c) => c.pid === id;
  } else if (idtype === P_PGID) {
    if (id < 0) return -errno.EINVAL;
    const pgid = id === 0 ? me.pgid : id;
    select = (c) => c.pgid === pgid;
  } else if (idtype === P_PIDFD) return -errno.EBADF; // no pidfds exist
  else return -errno.EINVAL;
  const { any, zombie } = findChild(me, select, options);
  if (!any) return -errno.ECHILD;
  const found = zombie && options & WEXITED ? zombie : undefined;
  if (!found && !(options & WNOHANG)) return blocked(me.childWait);
  let info = { signo: 0, code: 0, pid: 0, uid: 0, status: 0 };
  if (found) {
    const st = found.exitStatus!;
    info = {
      signo: Sig.SIGCHLD,
      code: st.kind === 'exited' ? SiCode.CLD_EXITED : st.core ? SiCode.CLD_DUMPED : SiCode.CLD_KILLED,
      pid: found.pid,
      uid: found.creds.uid,
      status: st.kind === 'exited' ? st.code : st.signal,
    };
    if (!(options & WNOWAIT)) ctx.kernel.reap(found);
    if (rusageAddr && !putZeroRusage(ctx, rusageAddr)) return -errno.EFAULT;
  }
  if (!infop) return 0;
  // siginfo_t: si_signo, si_errno, si_code (ints), then the union — at 16 on 64-bit ABIs (after
  // padding), at 12 for the compat i386 layout: si_pid, si_uid, si_status.
  const union = ctx.abi === 'i386' ? 12 : 16;
  const head = putWords(ctx.mem, infop, [info.signo, 0, info.code], 4);
  const body = putWords(ctx.mem, infop + union, [info.pid, info.uid, info.status], 4);
  return head && body ? 0 : -errno.EFAULT;
}

const NSEC = 1_000_000_000n;
/** USER_HZ: clock_t ticks per second (times(2), AT_CLKTCK). */
const USER_HZ = 100n;

function cpuNs(ctx: SyscallContext, p: Process): bigint {
  return p.threads.reduce((sum, t) => sum + ctx.kernel.clock.cpuNs(t.userInstructions), 0n);
}

/** getrusage(2): who = RUSAGE_SELF 0, RUSAGE_CHILDREN -1, RUSAGE_THREAD 1 (else EINVAL). User
 *  time is the instruction-count CPU time; system time and the counters are 0 (the kernel's
 *  work is not billed), children are reaped without accounting yet. struct rusage = 2 timevals
 *  + 14 longs (144 bytes; 72 on i386). */
function getrusage(ctx: SyscallContext, who: number, addr: number) {
  let ns: bigint;
  if (who === 0) ns = cpuNs(ctx, ctx.process);
  else if (who === 1) ns = ctx.kernel.clock.cpuNs(ctx.thread.userInstructions);
  else if (who === -1) ns = 0n;
  else return -errno.EINVAL;
  const words = new Array<bigint>(18).fill(0n);
  words[0] = ns / NSEC;
  words[1] = (ns % NSEC) / 1000n;
  return putWords(ctx.mem, addr, words, ctx.abi === 'i386' ? 4 : 8) ? 0 : -errno.EFAULT;
}

export const syscalls: readonly SyscallDecl[] = [
  {
    name: 'getpid',
    numbers: numbersOf('getpid'),
    args: [],
    classes: ['process'],
    handler: (ctx) => ctx.process.tgid,
  },
  {
    name: 'getppid',
    numbers: numbersOf('getppid'),
    args: [],
    classes: ['process'],
    handler: (ctx) => ctx.process.ppid,
  },
  {
    name: 'gettid',
    numbers: numbersOf('gettid'),
    args: [],
    classes: ['process'],
    handler: (ctx) => ctx.thread.tid,
  },
  {
    // exit(2): ends the calling thread only; the process ends with its last thread.
    name: 'exit',
    numbers: numbersOf('exit'),
    args: [{ name: 'status', type: 'int' }],
    ret: 'noreturn',
    classes: ['process'],
    handler: (ctx, a) => {
      ctx.kernel.exitThread(ctx.thread, a.int(0) & 0xff);
      return 0;
    },
  },
  {
    name: 'exit_group',
    numbers: numbersOf('exit_group'),
    args: [{ name: 'status', type: 'int' }],
    ret: 'noreturn',
    classes: ['process'],
    handler: (ctx, a) => {
      ctx.kernel.exitGroup(ctx.process, { kind: 'exited', code: a.int(0) & 0xff });
      return 0;
    },
  },
  {
    name: 'wait4',
    numbers: numbersOf('wait4'),
    args: [
      { name: 'pid', type: 'int' },
      { name: 'wstatus', type: 'waitstatus' },
      { name: 'options', type: 'waitoptions' },
      { name: 'rusage', type: 'ptr' },
    ],
    classes: ['process'],
    handler: (ctx, a) => wait4(ctx, a.int(0), a.ptr(1), a.int(2), a.ptr(3)),
  },
  {
    // i386 waitpid(pid, status, options) = wait4(pid, status, options, NULL).
    name: 'waitpid',
    numbers: numbersOf('waitpid', { x86_64: null, arm64: null }),
    args: [
      { name: 'pid', type: 'int' },
      { name: 'wstatus', type: 'waitstatus' },
      { name: 'options', type: 'waitoptions' },
    ],
    classes: ['process'],
    handler: (ctx, a) => wait4(ctx, a.int(0), a.ptr(1), a.int(2), 0),
  },
  {
    name: 'waitid',
    numbers: numbersOf('waitid'),
    args: [
      { name: 'idtype', type: 'idtype' },
      { name: 'id', type: 'int' },
      { name: 'infop', type: 'outsiginfo' },
      { name: 'options', type: 'waitidoptions' },
      { name: 'rusage', type: 'ptr' },
    ],
    classes: ['process'],
    handler: (ctx, a) => waitid(ctx, a.int(0), a.int(1), a.ptr(2), a.int(3), a.ptr(4)),
  },
  {
    name: 'getrusage',
    numbers: numbersOf('getrusage'),
    args: [
      { name: 'who', type: 'int' },
      { name: 'usage', type: 'ptr' },
    ],
    classes: [],
    handler: (ctx, a) => getrusage(ctx, a.int(0), a.ptr(1)),
  },
  {
    // times(2): clock ticks since boot (monotonic / 10 ms); fills struct tms when buf != NULL.
    name: 'times',
    numbers: numbersOf('times'),
    args: [{ name: 'buf', type: 'ptr' }],
    classes: [],
    handler: (ctx, a) => {
      const ticks = (ns: bigint) => (ns * USER_HZ) / NSEC;
      const addr = a.ptr(0);
      if (addr) {
        const tms = [ticks(cpuNs(ctx, ctx.process)), 0n, 0n, 0n];
        if (!putWords(ctx.mem, addr, tms, ctx.abi === 'i386' ? 4 : 8)) return -errno.EFAULT;
      }
      return ticks(ctx.kernel.clock.monotonicNs());
    },
  },
  {
    name: 'getpgid',
    numbers: numbersOf('getpgid'),
    args: [{ name: 'pid', type: 'int' }],
    classes: ['process'],
    handler: (ctx, a) => {
      const pid = a.int(0);
      const p = pid === 0 ? ctx.process : ctx.kernel.processes.get(pid);
      return p && p.state !== 'reaped' ? p.pgid : -errno.ESRCH;
    },
  },
  {
    name: 'getpgrp',
    numbers: numbersOf('getpgrp'),
    args: [],
    classes: ['process'],
    handler: (ctx) => ctx.process.pgid,
  },
  {
    name: 'getsid',
    numbers: numbersOf('getsid'),
    args: [{ name: 'pid', type: 'int' }],
    classes: ['process'],
    handler: (ctx, a) => {
      const pid = a.int(0);
      const p = pid === 0 ? ctx.process : ctx.kernel.processes.get(pid);
      return p && p.state !== 'reaped' ? p.sid : -errno.ESRCH;
    },
  },
  {
    // setpgid(2): pid 0 = caller, pgid 0 = pid; negative pgid → EINVAL; a session leader
    // cannot move → EPERM; the target must be the caller or its child → ESRCH.
    name: 'setpgid',
    numbers: numbersOf('setpgid'),
    args: [
      { name: 'pid', type: 'int' },
      { name: 'pgid', type: 'int' },
    ],
    classes: ['process'],
    handler: (ctx, a) => {
      const pid = a.int(0) || ctx.process.pid;
      let pgid = a.int(1);
      if (pgid < 0) return -errno.EINVAL;
      const target = ctx.kernel.processes.get(pid);
      if (!target || (target !== ctx.process && target.parent !== ctx.process)) return -errno.ESRCH;
      if (target.sid === target.pid) return -errno.EPERM;
      if (target.sid !== ctx.process.sid) return -errno.EPERM;
      if (pgid === 0) pgid = target.pid;
      if (pgid !== target.pid) {
        const exists = [...ctx.kernel.processes.values()].some((p) => p.pgid === pgid && p.sid === ctx.process.sid);
        if (!exists) return -errno.EPERM;
      }
      target.pgid = pgid;
      return 0;
    },
  },
  {
    // setsid(2): EPERM when the caller already leads a process group.
    name: 'setsid',
    numbers: numbersOf('setsid'),
    args: [],
    classes: ['process'],
    handler: (ctx) => {
      const p = ctx.process;
      if ([...ctx.kernel.processes.values()].some((q) => q.pgid === p.pid)) return -errno.EPERM;
      p.sid = p.pid;
      p.pgid = p.pid;
      return p.pid;
    },
  },
];
