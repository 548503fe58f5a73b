// Process creation and program execution: fork, vfork (x86-64 and i386; arm64 has neither and
// uses clone with SIGCHLD, as glibc does), execve and execveat. clone itself is declared in
// thread.ts and hands every request without CLONE_THREAD to the same forkProcess.
// Semantics: process/fork.ts and process/exec.ts (kernel/fork.c, fs/exec.c).

import { numbersOf } from '../numbers.js';
import type { SyscallDecl } from '../types.js';
import { CloneFlags, forkProcess, vforkInterrupted } from '../../process/fork.js';
import { execve } from '../../process/exec.js';
import { Sig } from '../../signal/signals.js';

export const syscalls: readonly SyscallDecl[] = [
  {
    // fork(2) = clone(SIGCHLD, 0) (kernel/fork.c SYSCALL_DEFINE0(fork)).
    name: 'fork',
    numbers: numbersOf('fork'),
    args: [],
    classes: ['process'],
    handler: (ctx) => forkProcess(ctx, { flags: Sig.SIGCHLD, stack: 0n, parentTid: 0, childTid: 0, tls: 0n }),
  },
  {
    // vfork(2) = clone(CLONE_VFORK | CLONE_VM | SIGCHLD, 0): the caller sleeps until the child
    // execs or ends. The child gets a copy-on-write copy of the memory (process/fork.ts).
    name: 'vfork',
    numbers: numbersOf('vfork'),
    args: [],
    classes: ['process'],
    handler: (ctx) =>
      forkProcess(ctx, { flags: CloneFlags.CLONE_VFORK | CloneFlags.CLONE_VM | Sig.SIGCHLD, stack: 0n, parentTid: 0, childTid: 0, tls: 0n }),
    interrupted: (ctx) => vforkInterrupted(ctx),
  },
  {
    name: 'execve',
    numbers: numbersOf('execve'),
    args: [
      { name: 'pathname', type: 'path' },
      { name: 'argv', type: 'argv' },
      { name: 'envp', type: 'envp' },
    ],
    classes: ['file', 'process'],
    handler: (ctx, a) => execve(ctx, a.ptr(0), a.ptr(1), a.ptr(2)),
  },
  {
    // execveat(2): dirfd AT_FDCWD or an absolute path; flags AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW.
    name: 'execveat',
    numbers: numbersOf('execveat'),
    args: [
      { name: 'dirfd', type: 'dirfd' },
      { name: 'pathname', type: 'path' },
      { name: 'argv', type: 'argv' },
      { name: 'envp', type: 'envp' },
      { name: 'flags', type: 'atflags' },
    ],
    classes: ['file', 'process'],
    handler: (ctx, a) => execve(ctx, a.ptr(1), a.ptr(2), a.ptr(3), { dirfd: a.int(0), flags: a.int(4) }),
  },
];
