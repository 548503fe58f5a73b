// Per-thread setup calls a libc makes at start-up: set_tid_address, set_robust_list,
// get_robust_list, rseq; and threads themselves (issue 7): clone for a new thread of the
// calling process, and futex WAIT/WAKE with timeouts.
// rseq: not implemented — the call returns ENOSYS, which glibc accepts (it then runs without
// restartable sequences: sched_getcpu falls back to the getcpu syscall). Documented choice.

import { errno } from '../errno.js';
import { numbersOf } from '../numbers.js';
import { blocked, type SyscallDecl } from '../types.js';
import { getWords, putWords } from '../uaccess.js';
import { FutexTable, futexTableOf } from '../../sched/futex.js';
import { forkProcess, vforkInterrupted } from '../../process/fork.js';

/** A timed FUTEX_WAIT's state kept for restart_syscall (Thread.restartState). */
interface FutexWaitState {
  kind: 'futex_wait';
  deadlineNs: bigint;
}

// clone(2) flags (include/uapi/linux/sched.h).
const CLONE_VM = 0x100;
const CLONE_SIGHAND = 0x800;
const CLONE_SETTLS = 0x80000;
const CLONE_PARENT_SETTID = 0x100000;
const CLONE_CHILD_CLEARTID = 0x200000;
const CLONE_CHILD_SETTID = 0x1000000;
const CLONE_THREAD = 0x10000;
// futex(2) operations (include/uapi/linux/futex.h).
const FUTEX_WAIT = 0;
const FUTEX_WAKE = 1;
const FUTEX_PRIVATE_FLAG = 128;
const FUTEX_CLOCK_REALTIME = 256;

export const syscalls: readonly SyscallDecl[] = [
  {
    // set_tid_address(2): remembers clear_child_tid, returns the caller's tid. Never fails.
    name: 'set_tid_address',
    numbers: numbersOf('set_tid_address'),
    args: [{ name: 'tidptr', type: 'ptr' }],
    classes: [],
    handler: (ctx, a) => {
      const p = a.ptr(0);
      ctx.thread.clearChildTid = p < 0 ? 0 : p;
      return ctx.thread.tid;
    },
  },
  {
    // set_robust_list(2): len must be sizeof(struct robust_list_head) (24 on 64-bit, 12 for
    // compat i386) → EINVAL otherwise. The list is walked at thread exit once futexes exist.
    name: 'set_robust_list',
    numbers: numbersOf('set_robust_list'),
    args: [
      { name: 'head', type: 'ptr' },
      { name: 'len', type: 'uint' },
    ],
    classes: [],
    handler: (ctx, a) => {
      const expected = ctx.abi === 'i386' ? 12 : 24;
      if (a.size(1) !== expected) return -errno.EINVAL;
      const head = a.ptr(0);
      ctx.thread.robustList = { head: head < 0 ? 0 : head, len: expected };
      return 0;
    },
  },
  {
    // get_robust_list(2): pid 0 = caller; unknown tid → ESRCH; bad pointers → EFAULT.
    name: 'get_robust_list',
    numbers: numbersOf('get_robust_list'),
    args: [
      { name: 'pid', type: 'int' },
      { name: 'head_ptr', type: 'ptr' },
      { name: 'len_ptr', type: 'ptr' },
    ],
    classes: [],
    handler: (ctx, a) => {
      const tid = a.int(0);
      const t = tid === 0 ? ctx.thread : ctx.kernel.threads.get(tid);
      if (!t) return -errno.ESRCH;
      const size = ctx.abi === 'i386' ? 4 : 8;
      if (!putWords(ctx.mem, a.ptr(2), [ctx.abi === 'i386' ? 12 : 24], size)) return -errno.EFAULT;
      if (!putWords(ctx.mem, a.ptr(1), [t.robustList.head], size)) return -errno.EFAULT;
      return 0;
    },
  },
  {
    name: 'rseq',
    numbers: numbersOf('rseq'),
    args: [
      { name: 'rseq', type: 'ptr' },
      { name: 'rseq_len', type: 'uint' },
      { name: 'flags', type: 'int' },
      { name: 'sig', type: 'hex' },
    ],
    classes: [],
    handler: () => -errno.ENOSYS,
  },
  {
    // clone(2) for threads: CLONE_VM|CLONE_SIGHAND|CLONE_THREAD make a thread of the caller's
    // process (its own tid, the parent's pt_regs with rax = 0, the new stack and TLS). The
    // argument order differs per ABI (x86-64: flags, stack, parent_tid, child_tid, tls; arm64
    // and i386: flags, stack, parent_tid, tls, child_tid — CONFIG_CLONE_BACKWARDS). A new
    // process (no CLONE_THREAD) is made by process/fork.ts (fork, vfork, posix_spawn).
    name: 'clone',
    numbers: numbersOf('clone'),
    args: [
      // The tracer prints clone in strace's named form (child_stack=, flags=, parent_tid=[N],
      // tls=, child_tidptr=), reading the arguments in this ABI's order.
      { name: 'flags', type: 'cloneflags' },
      { name: 'child_stack', type: 'ptr' },
      { name: 'parent_tid', type: 'ptr' },
      { name: 'child_tid', type: 'ptr' },
      { name: 'tls', type: 'hex' },
    ],
    classes: ['process'],
    interrupted: (ctx) => vforkInterrupted(ctx),
    handler: (ctx, a) => {
      const flags = Number(a.u64(0) & 0xffffffffn);
      const x86 = ctx.abi === 'x86_64';
      const parentTid = a.ptr(2);
      const childTid = a.ptr(x86 ? 3 : 4);
      const tls = a.u64(x86 ? 4 : 3);
      // Without CLONE_THREAD: a new process (fork, vfork, posix_spawn; process/fork.ts).
      if (!(flags & CLONE_THREAD)) return forkProcess(ctx, { flags, stack: a.u64(1), parentTid, childTid, tls });
      const need = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD;
      if ((flags & need) !== need) return -errno.EINVAL;
      const arch = ctx.kernel.archCloneThread;
      if (!arch) return -errno.ENOSYS;
      const child = ctx.kernel.createThread(ctx.process, ctx.thread);
      arch(ctx.thread, child, { stack: a.u64(1), ...(flags & CLONE_SETTLS ? { tls } : {}) });
      const tidWord = new Uint8Array(4);
      new DataView(tidWord.buffer).setUint32(0, child.tid, true);
      if (flags & CLONE_PARENT_SETTID) ctx.mem.write(parentTid, tidWord);
      if (flags & CLONE_CHILD_SETTID) ctx.mem.write(childTid, tidWord);
      if (flags & CLONE_CHILD_CLEARTID) child.clearChildTid = childTid < 0 ? 0 : childTid;
      return child.tid;
    },
  },
  {
    // futex(2): FUTEX_WAIT (the word still equals val → sleep until FUTEX_WAKE or the relative
    // timeout; else EAGAIN; ETIMEDOUT when the time runs out) and FUTEX_WAKE (wake up to val
    // waiters, return how many). FUTEX_PRIVATE_FLAG is accepted (one process, one key space).
    // Other operations: ENOSYS, as a kernel without them answers.
    name: 'futex',
    numbers: numbersOf('futex'),
    args: [
      { name: 'uaddr', type: 'ptr' },
      { name: 'futex_op', type: 'futexop' },
      { name: 'val', type: 'int' },
      { name: 'timeout', type: 'timespec' },
      { name: 'uaddr2', type: 'ptr' },
      { name: 'val3', type: 'hex' },
    ],
    classes: [],
    handler: (ctx, a) => {
      const table = futexTableOf(ctx.kernel);
      const mine = table.waiterOf(ctx.thread);
      if (mine) {
        // Run again after a wake-up or the deadline.
        if (mine.woken) {
          table.remove(ctx.thread);
          return 0;
        }
        if (mine.deadlineNs !== undefined && ctx.kernel.clock.monotonicNs() >= mine.deadlineNs) {
          table.remove(ctx.thread);
          return -errno.ETIMEDOUT;
        }
        return blocked(table.queueOf(mine.key) ?? null, mine.deadlineNs);
      }
      const addr = a.ptr(0);
      const op = a.int(1) & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
      if ((addr & 3) !== 0) return -errno.EINVAL;
      const key = FutexTable.key(ctx.process, addr);
      if (op === FUTEX_WAKE) return table.wake(key, a.int(2) < 0 ? 0x7fffffff : a.int(2));
      if (op !== FUTEX_WAIT) return -errno.ENOSYS;
      const word = ctx.mem.read(addr, 4);
      if (!word) return -errno.EFAULT;
      let deadlineNs: bigint | undefined;
      const tp = a.ptr(3);
      // Made again by restart_syscall (a timed wait ends with -ERESTART_RESTARTBLOCK): the wait
      // keeps the absolute expiry it started with (futex_wait_restart's restart->futex.time)
      // instead of reading the relative timeout again.
      const prior = ctx.thread.restartState as FutexWaitState | null;
      if (tp !== 0 && prior?.kind === 'futex_wait') {
        deadlineNs = prior.deadlineNs;
      } else if (tp !== 0) {
        const ts = getWords(ctx.mem, tp, 2, ctx.abi === 'i386' ? 4 : 8);
        if (!ts) return -errno.EFAULT;
        const [sec, nsec] = ts.map((v) => BigInt.asIntN(ctx.abi === 'i386' ? 32 : 64, v)) as [bigint, bigint];
        if (sec < 0n || nsec < 0n || nsec >= 1_000_000_000n) return -errno.EINVAL;
        deadlineNs = ctx.kernel.clock.monotonicNs() + sec * 1_000_000_000n + nsec;
      }
      if (deadlineNs !== undefined) ctx.thread.restartState = { kind: 'futex_wait', deadlineNs } satisfies FutexWaitState;
      if (new DataView(word.buffer, word.byteOffset, 4).getInt32(0, true) !== a.int(2)) return -errno.EAGAIN;
      return blocked(table.enqueue(ctx.thread, key, deadlineNs), deadlineNs);
    },
    // A signal ended the wait: the waiter leaves the futex queue (futex_wait → futex_unqueue),
    // so a restarted FUTEX_WAIT reads the word again instead of resuming the old wait.
    interrupted: (ctx) => {
      futexTableOf(ctx.kernel).remove(ctx.thread);
    },
  },
];
