// Process lifetime: exit (one thread) vs exit_group, clear_child_tid, wait4 (ECHILD, WNOHANG,
// blocking until a child ends, status words), process groups and sessions.
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../../testing/harness.js';
import { errno } from '../errno.js';
import { getWords, putWords } from '../uaccess.js';
import { Kernel } from '../../kernel.js';

const E = (n: number) => BigInt(-n);

describe('exit and exit_group', () => {
  it('exit ends one thread; the last thread ends the process with the status', () => {
    const h = makeHarness();
    const ended: string[] = [];
    h.kernel.onExit = (p, s) => ended.push(`${p.pid}:${Kernel.exitCode(s)}`);
    const t2 = h.kernel.createThread(h.process, h.thread);
    expect(t2.tid).toBe(h.process.pid + 1);
    h.ret('set_tid_address', h.scratch);
    putWords(h.kernel.userMemory(h.process), h.scratch, [0xffn], 4);
    expect(h.call('exit', 7)).toEqual({ kind: 'exited' });
    expect(h.thread.state).toBe('dead');
    expect(h.process.state).toBe('alive');
    expect(getWords(h.kernel.userMemory(h.process), h.scratch, 1, 4)).toEqual([0n]); // clear_child_tid
    expect(ended).toEqual([]);
    const out = h.kernel.handleSyscall(t2, 'x86_64', 60, [300, 0, 0, 0, 0, 0]);
    expect(out).toEqual({ kind: 'exited' });
    expect(ended).toEqual([`${h.process.pid}:44`]); // 300 & 0xff
  });

  it('exit_group ends every thread', () => {
    const h = makeHarness();
    const t2 = h.kernel.createThread(h.process);
    expect(h.call('exit_group', 2)).toEqual({ kind: 'exited' });
    expect(t2.state).toBe('dead');
    expect(h.process.exitStatus).toEqual({ kind: 'exited', code: 2 });
    expect(h.kernel.schedule()).toEqual({ kind: 'done' });
  });
});

describe('wait4', () => {
  it('ECHILD without children; EINVAL for unknown options', () => {
    const h = makeHarness();
    expect(h.ret('wait4', -1, 0, 0, 0)).toBe(E(errno.ECHILD));
    expect(h.ret('wait4', -1, 0, 0x100, 0)).toBe(E(errno.EINVAL));
    const i = makeHarness({ abi: 'i386' });
    expect(i.ret('waitpid', -1, 0, 0)).toBe(E(errno.ECHILD));
  });

  it('reaps a zombie child with its status word; WNOHANG → 0 while it runs; blocks until it exits', () => {
    const h = makeHarness();
    const { process: child, thread: ct } = h.kernel.createProcess('x86_64', h.process);
    expect(child.ppid).toBe(h.process.pid);
    expect(h.ret('wait4', child.pid, h.scratch, 1, 0)).toBe(0n);
    expect(h.ret('wait4', 12345, h.scratch, 1, 0)).toBe(E(errno.ECHILD));
    expect(h.call('wait4', -1, h.scratch, 0, 0)).toEqual({ kind: 'blocked' });
    // the child exits with 3 → the parent wakes, gets SIGCHLD (ignored), and reaps it
    h.kernel.handleSyscall(ct, 'x86_64', 231, [3, 0, 0, 0, 0, 0]);
    expect(h.thread.state).toBe('runnable');
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: BigInt(child.pid) });
    expect(getWords(h.kernel.userMemory(h.process), h.scratch, 1, 4)).toEqual([0x300n]);
    expect(h.kernel.processes.has(child.pid)).toBe(false);
    expect(h.ret('wait4', -1, 0, 0, 0)).toBe(E(errno.ECHILD));
  });

  it('a child killed by a signal reports the signal in the status word (no core flag: no dump is written)', () => {
    const h = makeHarness();
    const { process: child, thread: ct } = h.kernel.createProcess('x86_64', h.process);
    h.kernel.handleFault(ct, { kind: 'gp' });
    expect(h.ret('wait4', child.pid, h.scratch, 0, h.scratch + 8)).toBe(BigInt(child.pid));
    expect(getWords(h.kernel.userMemory(h.process), h.scratch, 1, 4)).toEqual([0x0bn]); // SIGSEGV, no core dumped (RLIMIT_CORE 0)
    expect(h.ret('wait4', -1, 8, 0, 0)).toBe(E(errno.ECHILD));
  });

  it('EFAULT for a bad status pointer, but the child is reaped anyway (kernel_wait4)', () => {
    const h = makeHarness();
    const { process: child, thread: ct } = h.kernel.createProcess('x86_64', h.process);
    h.kernel.handleSyscall(ct, 'x86_64', 231, [0, 0, 0, 0, 0, 0]);
    expect(h.ret('wait4', -1, 8, 0, 0)).toBe(E(errno.EFAULT));
    expect(h.kernel.processes.has(child.pid)).toBe(false);
    expect(h.ret('wait4', -1, 0, 0, 0)).toBe(E(errno.ECHILD));
  });
});

describe('process groups and sessions', () => {
  it('the first process leads its group and session', () => {
    const h = makeHarness();
    const pid = BigInt(h.process.pid);
    expect(h.ret('getpgrp')).toBe(pid);
    expect(h.ret('getpgid', 0)).toBe(pid);
    expect(h.ret('getsid', 0)).toBe(pid);
    expect(h.ret('getpgid', 999999)).toBe(E(errno.ESRCH));
    expect(h.ret('setsid')).toBe(E(errno.EPERM));
    expect(h.ret('setpgid', 0, -1)).toBe(E(errno.EINVAL));
    expect(h.ret('setpgid', 0, 0)).toBe(E(errno.EPERM)); // a session leader cannot move
  });

  it('a child can start its own group, then its own session', () => {
    const h = makeHarness();
    const { process: child, thread: ct } = h.kernel.createProcess('x86_64', h.process);
    expect(child.pgid).toBe(h.process.pid);
    expect(h.ret('setpgid', child.pid, 0)).toBe(0n);
    expect(child.pgid).toBe(child.pid);
    // now a group leader: setsid refused
    expect(h.kernel.handleSyscall(ct, 'x86_64', 112, [0, 0, 0, 0, 0, 0])).toEqual({ kind: 'return', value: BigInt.asUintN(64, E(errno.EPERM)) });
    const { process: c2, thread: t2 } = h.kernel.createProcess('x86_64', h.process);
    expect(h.kernel.handleSyscall(t2, 'x86_64', 112, [0, 0, 0, 0, 0, 0])).toEqual({ kind: 'return', value: BigInt(c2.pid) });
    expect(c2.sid).toBe(c2.pid);
  });
});
