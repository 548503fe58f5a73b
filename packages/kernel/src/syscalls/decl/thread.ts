// Per-thread setup calls a libc makes at start-up: set_tid_address, set_robust_list,
// get_robust_list, rseq. (clone/futex arrive with threads, issue 7.)
// rseq: not implemented — the call returns ENOSYS, which glibc accepts (it then runs without
// restartable sequences: sched_getcpu falls back to the getcpu syscall). Documented choice.

import { errno } from '../errno.js';
import { numbersOf } from '../numbers.js';
import type { SyscallDecl } from '../types.js';
import { putWords } from '../uaccess.js';

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
];
