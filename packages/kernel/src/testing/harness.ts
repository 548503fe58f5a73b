// A kernel without a CPU, for tests: one x86-64 (or arm64) process on a SoftAddressSpace, a
// writable scratch area, and `call(name, ...args)` that issues a syscall by name through the
// real dispatcher exactly as the entry code would (number register + six argument registers).

import { Kernel, type KernelOptions, type SyscallOutcome } from '../kernel.js';
import type { Process, ProcessArch, Thread } from '../process/process.js';
import type { SyscallAbi } from '../syscalls/types.js';
import { syscallNumber } from '../syscalls/numbers.js';

export interface Harness {
  kernel: Kernel;
  process: Process;
  thread: Thread;
  /** Start of a 64 KiB read-write scratch mapping. */
  scratch: number;
  warnings: string[];
  call(name: string, ...args: (number | bigint)[]): SyscallOutcome;
  /** The signed result of a call that returned (throws if it blocked or exited). */
  ret(name: string, ...args: (number | bigint)[]): bigint;
  abi: SyscallAbi;
}

export function makeHarness(opts: KernelOptions & { arch?: ProcessArch; abi?: SyscallAbi } = {}): Harness {
  const warnings: string[] = [];
  const kernel = new Kernel({ warn: (l) => warnings.push(l), ...opts });
  const { process, thread } = kernel.createProcess(opts.arch ?? 'x86_64');
  const abi: SyscallAbi = opts.abi ?? (opts.arch === 'arm64' ? 'arm64' : 'x86_64');
  // i386 pointers are 32 bits: keep the scratch area below 4 GiB there.
  const scratch = abi === 'i386' ? process.mm.mmap(0x10000000, 65536, 3, 0x32, null, 0) : process.mm.mmap(0, 65536, 3, 0x22, null, 0);
  const call = (name: string, ...args: (number | bigint)[]) => {
    const nr = syscallNumber(abi, name);
    if (nr === undefined) throw new Error(`no ${name} on ${abi}`);
    return kernel.handleSyscall(thread, abi, nr, args.map((a) => BigInt.asUintN(64, BigInt(a))));
  };
  const ret = (name: string, ...args: (number | bigint)[]) => {
    const out = call(name, ...args);
    if (out.kind !== 'return') throw new Error(`${name} did not return: ${out.kind}`);
    return abi === 'i386' ? BigInt.asIntN(32, out.value) : BigInt.asIntN(64, out.value);
  };
  return { kernel, process, thread, scratch, warnings, call, ret, abi };
}
