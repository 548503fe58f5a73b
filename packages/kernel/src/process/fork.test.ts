// fork/vfork/clone-for-a-process, exit → zombie → wait4/waitid, SIGCHLD, orphans, and kill's
// immediate end of another process, on a CPU-less kernel (SoftAddressSpace, testing/harness.ts)
// whose arch half of clone is a recorder. End-to-end behaviour on the real machines is in the
// recorded cases (tests/cases/*/fork_*.s, exec_*.s, kill_child.s, waitid.s, vfork_exec.s).
import { describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../testing/harness.js';
import { errno } from '../syscalls/errno.js';
import { getWords, putWords } from '../syscalls/uaccess.js';
import { Sig, sigBit } from '../signal/signals.js';
import { SiCode } from '../signal/siginfo.js';
import { SaFlags, SIG_IGN } from '../signal/actions.js';
import type { Process, Thread } from './process.js';
import { checkCloneFlags, CloneFlags } from './fork.js';

const E = (n: number) => BigInt(-n);

/** A harness whose clone hook records what the machine would have been asked to do. */
function forkable(): Harness & { clones: { parent: Thread; child: Thread; stack?: bigint; tls?: bigint }[] } {
  const h = makeHarness();
  const clones: { parent: Thread; child: Thread; stack?: bigint; tls?: bigint }[] = [];
  h.kernel.archCloneThread = (parent, child, opts) => clones.push({ parent, child, ...opts });
  return Object.assign(h, { clones });
}

function childOf(h: Harness, pid: bigint): Process {
  const p = h.kernel.processes.get(Number(pid));
  if (!p) throw new Error(`no process ${pid}`);
  return p;
}

/** Runs a syscall as another process's thread. */
function callAs(h: Harness, t: Thread, name: string, ...args: number[]) {
  const nr = { exit_group: 231, wait4: 61, kill: 62, getppid: 110, fork: 57 }[name]!;
  return h.kernel.handleSyscall(t, 'x86_64', nr, args.map((a) => BigInt.asUintN(64, BigInt(a))));
}

describe('fork', () => {
  it('makes a child with a copy of the memory, the same pgid/sid, and its own pid', () => {
    const h = forkable();
    const mem = h.kernel.userMemory(h.process);
    mem.write(h.scratch, new TextEncoder().encode('parent data'));
    h.thread.sigmask = sigBit(Sig.SIGUSR1);
    const pid = h.ret('fork');
    expect(pid).toBe(BigInt(h.process.pid + 1));
    const child = childOf(h, pid);
    expect(child.ppid).toBe(h.process.pid);
    expect(child.parent).toBe(h.process);
    expect(h.process.children.has(child)).toBe(true);
    expect([child.pgid, child.sid]).toEqual([h.process.pgid, h.process.sid]);
    expect(child.exitSignal).toBe(Sig.SIGCHLD);
    expect(child.threads[0]!.sigmask).toBe(sigBit(Sig.SIGUSR1));
    // The machine was asked to copy the caller's registers into the child's thread (stack 0: the same).
    expect(h.clones).toHaveLength(1);
    expect(h.clones[0]!.parent).toBe(h.thread);
    expect(h.clones[0]!.child).toBe(child.threads[0]);
    // The pages are copies, not shared.
    const cmem = h.kernel.userMemory(child);
    expect(new TextDecoder().decode(cmem.read(h.scratch, 11)!)).toBe('parent data');
    cmem.write(h.scratch, new TextEncoder().encode('CHILD'));
    expect(new TextDecoder().decode(mem.read(h.scratch, 11)!)).toBe('parent data');
    expect(new TextDecoder().decode(cmem.read(h.scratch, 11)!)).toBe('CHILDt data');
  });

  it('is ENOSYS without the arch half of clone, and leaves no process behind', () => {
    const h = makeHarness();
    expect(h.ret('fork')).toBe(E(errno.ENOSYS));
    expect(h.kernel.processes.size).toBe(1);
  });

  it('checks clone flags as copy_process does', () => {
    expect(checkCloneFlags(CloneFlags.CLONE_SIGHAND)).toBe(-errno.EINVAL); // SIGHAND needs VM
    expect(checkCloneFlags(CloneFlags.CLONE_THREAD | CloneFlags.CLONE_VM)).toBe(-errno.EINVAL); // THREAD needs SIGHAND
    expect(checkCloneFlags(CloneFlags.CLONE_NEWNS | CloneFlags.CLONE_FS)).toBe(-errno.EINVAL);
    expect(checkCloneFlags(CloneFlags.CLONE_NEWPID)).toBe(-errno.EINVAL); // namespaces: not modelled
    expect(checkCloneFlags(Sig.SIGCHLD)).toBe(0);
    const h = forkable();
    expect(h.ret('clone', CloneFlags.CLONE_SIGHAND | Sig.SIGCHLD, 0, 0, 0, 0)).toBe(E(errno.EINVAL));
    expect(h.ret('clone', 65, 0, 0, 0, 0)).toBe(E(errno.EINVAL)); // exit signal > 64
  });

  it('clone(SIGCHLD | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID) writes the pid into the parent and the child', () => {
    const h = forkable();
    const mem = h.kernel.userMemory(h.process);
    const ptid = h.scratch;
    const ctid = h.scratch + 8;
    const flags = Sig.SIGCHLD | CloneFlags.CLONE_PARENT_SETTID | CloneFlags.CLONE_CHILD_SETTID | CloneFlags.CLONE_CHILD_CLEARTID;
    const pid = h.ret('clone', flags, 0, ptid, ctid, 0);
    const child = childOf(h, pid);
    expect(getWords(mem, ptid, 1, 4)).toEqual([pid]);
    expect(getWords(mem, ctid, 1, 4)).toEqual([0n]); // the child's copy got it, not the parent
    expect(getWords(h.kernel.userMemory(child), ctid, 1, 4)).toEqual([pid]);
    expect(child.threads[0]!.clearChildTid).toBe(ctid);
  });

  it('a clone child with another exit signal is seen by wait4 only with __WCLONE or __WALL', () => {
    const h = forkable();
    h.thread.sigmask = sigBit(Sig.SIGUSR2); // its default action would end the parent
    const pid = h.ret('clone', Sig.SIGUSR2, 0, 0, 0, 0);
    const child = childOf(h, pid);
    callAs(h, child.threads[0]!, 'exit_group', 1);
    expect(h.ret('wait4', -1, 0, 1, 0)).toBe(E(errno.ECHILD));
    expect(h.ret('wait4', -1, 0, 0x80000000 | 1, 0)).toBe(pid);
    // Its exit signal went to the parent.
    expect(h.process.pendingSignals.map((s) => s.signo)).toEqual([Sig.SIGUSR2]);
  });
});

describe('exit, wait4 and SIGCHLD', () => {
  it('a child that exits is a zombie until wait4 reaps it; SIGCHLD carries CLD_EXITED and the code', () => {
    const h = forkable();
    const pid = h.ret('fork');
    const child = childOf(h, pid);
    expect(callAs(h, child.threads[0]!, 'exit_group', 3)).toEqual({ kind: 'exited' });
    expect(child.state).toBe('zombie');
    expect(h.process.pendingSignals).toEqual([
      { signo: Sig.SIGCHLD, code: SiCode.CLD_EXITED, pid: Number(pid), uid: 0, status: 3 },
    ]);
    expect(h.ret('wait4', -1, h.scratch, 0, 0)).toBe(pid);
    expect(getWords(h.kernel.userMemory(h.process), h.scratch, 1, 4)).toEqual([0x300n]);
    expect(child.state).toBe('reaped');
    expect(h.kernel.processes.has(Number(pid))).toBe(false);
    expect(h.ret('wait4', -1, 0, 0, 0)).toBe(E(errno.ECHILD));
  });

  it('wait4 blocks while the child runs and is woken by its exit', () => {
    const h = forkable();
    const pid = h.ret('fork');
    expect(h.ret('wait4', pid, 0, 1, 0)).toBe(0n); // WNOHANG
    expect(h.call('wait4', pid, 0, 0, 0)).toEqual({ kind: 'blocked' });
    callAs(h, childOf(h, pid).threads[0]!, 'exit_group', 0);
    expect(h.thread.state).toBe('runnable');
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: BigInt.asUintN(64, pid) });
  });

  it('a parent that ignores SIGCHLD (SIG_IGN) or sets SA_NOCLDWAIT keeps no zombie', () => {
    for (const act of [{ handler: SIG_IGN, flags: 0n }, { handler: 0x401000n, flags: SaFlags.SA_NOCLDWAIT }]) {
      const h = forkable();
      h.process.signalActions.set(Sig.SIGCHLD, { ...act, restorer: 0n, mask: 0n });
      const pid = h.ret('fork');
      callAs(h, childOf(h, pid).threads[0]!, 'exit_group', 0);
      expect(h.kernel.processes.has(Number(pid))).toBe(false);
      expect(h.ret('wait4', -1, 0, 0, 0)).toBe(E(errno.ECHILD));
      // SIG_IGN drops the signal; SA_NOCLDWAIT still sends it.
      expect([...h.process.pendingSignals, ...h.thread.pendingSignals].length).toBe(act.handler === SIG_IGN ? 0 : 1);
    }
  });

  it('orphans go to pid 1 and are reaped by the kernel when they end', () => {
    const h = forkable();
    const pid = h.ret('fork');
    const child = childOf(h, pid);
    const grandPid = callAs(h, child.threads[0]!, 'fork');
    expect(grandPid.kind).toBe('return');
    const grand = childOf(h, (grandPid as { value: bigint }).value);
    callAs(h, child.threads[0]!, 'exit_group', 0);
    expect(grand.ppid).toBe(1);
    expect(callAs(h, grand.threads[0]!, 'getppid')).toEqual({ kind: 'return', value: 1n });
    callAs(h, grand.threads[0]!, 'exit_group', 0);
    expect(grand.state).toBe('reaped');
  });

  it('waitid: WNOWAIT leaves the zombie; the siginfo has CLD_EXITED, the pid and the status', () => {
    const h = forkable();
    const pid = h.ret('fork');
    callAs(h, childOf(h, pid).threads[0]!, 'exit_group', 5);
    const info = h.scratch + 0x100;
    expect(h.ret('waitid', 1, pid, info, 4 | 0x01000000, 0)).toBe(0n);
    const mem = h.kernel.userMemory(h.process);
    expect(getWords(mem, info, 7, 4)).toEqual([17n, 0n, 1n, 0n, BigInt(pid), 0n, 5n]);
    expect(h.kernel.processes.has(Number(pid))).toBe(true);
    expect(h.ret('waitid', 0, 0, info, 4, 0)).toBe(0n);
    expect(h.kernel.processes.has(Number(pid))).toBe(false);
    expect(h.ret('waitid', 0, 0, info, 4, 0)).toBe(E(errno.ECHILD));
    expect(h.ret('waitid', 0, 0, info, 1, 0)).toBe(E(errno.EINVAL)); // no WEXITED/WSTOPPED/WCONTINUED
    expect(h.ret('waitid', 1, 0, info, 4, 0)).toBe(E(errno.EINVAL)); // P_PID needs a pid
    expect(h.ret('waitid', 9, 0, info, 4, 0)).toBe(E(errno.EINVAL));
  });

  it('waitid with WNOHANG and a running child returns 0 and zeroes the siginfo fields', () => {
    const h = forkable();
    h.ret('fork');
    const info = h.scratch + 0x200;
    putWords(h.kernel.userMemory(h.process), info, [9n, 9n, 9n, 9n, 9n, 9n, 9n], 4);
    expect(h.ret('waitid', 0, 0, info, 4 | 1, 0)).toBe(0n);
    expect(getWords(h.kernel.userMemory(h.process), info, 7, 4)).toEqual([0n, 0n, 0n, 9n, 0n, 0n, 0n]);
  });
});

describe('vfork', () => {
  it('parks the parent until the child exits, then returns the child pid', () => {
    const h = forkable();
    expect(h.call('vfork')).toEqual({ kind: 'blocked' });
    const child = [...h.process.children][0]!;
    expect(child.vforkDone).not.toBeNull();
    callAs(h, child.threads[0]!, 'exit_group', 4);
    expect(h.thread.state).toBe('runnable');
    expect(h.kernel.resumeSyscall(h.thread)).toEqual({ kind: 'return', value: BigInt(child.pid) });
  });
});

describe('kill to another process', () => {
  it('a fatal signal ends the other process at once (it may spin in user mode)', () => {
    const h = forkable();
    const pid = h.ret('fork');
    const child = childOf(h, pid);
    h.kernel.scheduler.current = h.thread; // the sender is the running thread
    expect(h.ret('kill', pid, 0)).toBe(0n);
    expect(child.state).toBe('alive');
    expect(h.ret('kill', pid, Sig.SIGTERM)).toBe(0n);
    expect(child.state).toBe('zombie');
    expect(child.exitStatus).toEqual({ kind: 'signaled', signal: Sig.SIGTERM, core: false });
    expect(h.ret('wait4', pid, h.scratch, 0, 0)).toBe(pid);
    expect(getWords(h.kernel.userMemory(h.process), h.scratch, 1, 4)).toEqual([15n]);
    expect(h.ret('kill', pid, 0)).toBe(E(errno.ESRCH));
    expect(h.ret('kill', pid, 65)).toBe(E(errno.ESRCH)); // looked up before the number is checked
  });

  it('a blocked or ignored signal does not end it', () => {
    const h = forkable();
    const child = childOf(h, h.ret('fork'));
    child.threads[0]!.sigmask = sigBit(Sig.SIGTERM);
    child.signalActions.set(Sig.SIGUSR1, { handler: SIG_IGN, flags: 0n, restorer: 0n, mask: 0n });
    h.kernel.scheduler.current = h.thread;
    h.ret('kill', child.pid, Sig.SIGTERM);
    h.ret('kill', child.pid, Sig.SIGUSR1);
    expect(child.state).toBe('alive');
    expect(child.pendingSignals.map((s) => s.signo)).toEqual([Sig.SIGTERM, Sig.SIGUSR1]);
  });
});

describe('execve argument copying', () => {
  it('EFAULT for an unreadable path or argv, E2BIG for a string past MAX_ARG_STRLEN, ENOENT for ""', () => {
    const h = forkable();
    const mem = h.kernel.userMemory(h.process);
    const path = h.scratch;
    mem.write(path, new TextEncoder().encode('/bin/true\0'));
    expect(h.ret('execve', 0x10, 0, 0)).toBe(E(errno.EFAULT));
    expect(h.ret('execve', path, 0x10, 0)).toBe(E(errno.EFAULT));
    expect(h.ret('execve', path, 0, 0x10)).toBe(E(errno.EFAULT));
    mem.write(h.scratch + 16, new Uint8Array([0]));
    expect(h.ret('execve', h.scratch + 16, 0, 0)).toBe(E(errno.ENOENT));
    // One argument of 128 KiB + 1 bytes (no NUL within MAX_ARG_STRLEN).
    const big = h.process.mm.mmap(0, 0x21000, 3, 0x22, null, 0);
    mem.write(big, new Uint8Array(0x20800).fill(0x61));
    const argv = h.scratch + 64;
    putWords(mem, argv, [BigInt(big), 0n], 8);
    expect(h.ret('execve', path, argv, 0)).toBe(E(errno.E2BIG));
  });
});
