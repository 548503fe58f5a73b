// The system calls a machine has dispatched, counted per ABI for `vrun --stats`. The count is
// taken on every call's hot path, so it is a dense array indexed by number (the tables' numbers
// are all below 1024: no hashing), with a Map for any other number a guest may put in the
// register, and the numbers kept in first-seen order so the report lists them as they came.

import { syscallName } from '../syscalls/numbers.js';
import type { SyscallAbi } from '../syscalls/types.js';

const DENSE = 1024;

export class SyscallCounts {
  private readonly dense = new Float64Array(DENSE);
  private readonly sparse = new Map<number, number>();
  private readonly order: number[] = [];

  constructor(readonly abi: SyscallAbi) {}

  add(n: number): void {
    if (n >= 0 && n < DENSE) {
      if (this.dense[n]++ === 0) this.order.push(n);
      return;
    }
    const c = this.sparse.get(n);
    if (c === undefined) this.order.push(n);
    this.sparse.set(n, (c ?? 0) + 1);
  }

  /** [number, count] pairs in first-seen order. */
  entries(): [number, number][] {
    return this.order.map((n) => [n, n >= 0 && n < DENSE ? this.dense[n]! : this.sparse.get(n)!]);
  }
}

/** Counts by name — each ABI's own name for its number (i386 `getuid32`), `syscall_N` for
 *  numbers no table names — merged over the ABIs given, in first-seen order. */
export function namedSyscallCounts(counters: readonly SyscallCounts[]): Map<string, number> {
  const named = new Map<string, number>();
  for (const counter of counters) {
    for (const [n, count] of counter.entries()) {
      const name = syscallName(counter.abi, n) ?? `syscall_${n}`;
      named.set(name, (named.get(name) ?? 0) + count);
    }
  }
  return named;
}
