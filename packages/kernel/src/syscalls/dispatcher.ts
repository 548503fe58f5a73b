// The dispatcher: number → declaration → handler, with Linux's bounds rule and the tracer's
// entry/exit hooks.
//
// The number is what the entry code saved: on x86-64 the low 32 bits of RAX as a signed int
// (arch/x86/entry/syscall_64.c do_syscall_64(regs, int nr): the upper half is ignored), eax on
// i386, x8 on arm64. `(unsigned)nr < table.length` selects a slot; anything else, and every
// empty slot, returns -ENOSYS (sys_ni_syscall) — nr = -1 included (facts §1.4). An unimplemented
// number is reported once on stderr as `vrun: unimplemented syscall N (name)`, naming it from
// Linux's tables (numbers.ts) when Linux has a call there.
//
// Tracer hooks are ptrace-like: onSyscallEnter before the handler, onSyscallExit after it with
// the result. A call that does not return (exit, exit_group, a fatal signal while inside) has
// no exit event, as strace prints `= ?`. Handlers never print.

import { errno } from './errno.js';
import { syscallName } from './numbers.js';
import { isBlocked, type Blocked, type SyscallAbi, type SyscallArgs, type SyscallDecl, type SyscallResult } from './types.js';
import type { SyscallContext } from './context.js';
import type { SyscallTable } from './table.js';

export interface SyscallTracer {
  onSyscallEnter?(ctx: SyscallContext, decl: SyscallDecl, args: SyscallArgs): void;
  onSyscallExit?(ctx: SyscallContext, decl: SyscallDecl, args: SyscallArgs, result: SyscallResult): void;
}

/** The low 32 bits of a register as a signed int (C `int nr`). */
export function syscallNumberFromRegister(value: bigint | number, abi: SyscallAbi): number {
  // arm64 reads the whole x8 (`scno = regs->regs[8]` is an int in invoke_syscall, so the low
  // 32 bits there too); x86-64 and i386 take eax.
  void abi;
  const v = typeof value === 'bigint' ? value : BigInt(Math.trunc(value));
  return Number(BigInt.asIntN(32, v));
}

export class Dispatcher {
  tracer: SyscallTracer | null = null;
  private readonly warned = new Set<string>();
  private readonly unknownDecls = new Map<string, SyscallDecl>();

  constructor(
    readonly table: SyscallTable,
    private readonly warn: (line: string) => void = (line) => process.stderr.write(line),
  ) {}

  /** The declaration that handles `nr` on `abi` — for holes and out-of-range numbers a
   *  synthesized one named as Linux (or strace: `syscall_0x3e8`) would name it, whose handler
   *  returns -ENOSYS. */
  lookup(abi: SyscallAbi, nr: number): { decl: SyscallDecl; implemented: boolean } {
    const slots = this.table[abi];
    const index = nr >>> 0; // (unsigned)nr
    const decl = index < slots.length ? slots[index] : undefined;
    if (decl) return { decl, implemented: true };
    const key = `${abi}:${nr}`;
    let synth = this.unknownDecls.get(key);
    if (!synth) {
      const known = index < 0x80000000 ? syscallName(abi, index) : undefined;
      synth = {
        name: known ?? `syscall_0x${index.toString(16)}`,
        numbers: { [abi]: nr },
        args: ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'].map((name) => ({ name, type: 'hex' as const })),
        classes: [],
        handler: () => -errno.ENOSYS,
      };
      this.unknownDecls.set(key, synth);
    }
    return { decl: synth, implemented: false };
  }

  /** Runs syscall `nr`. `restart` is true when a Blocked call is re-run after a wake-up: the
   *  tracer saw its entry already. */
  dispatch(ctx: SyscallContext, nr: number, args: SyscallArgs, restart = false): SyscallResult | Blocked {
    // The table's own slot first (every call of a running program): no lookup object.
    const slots = this.table[ctx.abi];
    const index = nr >>> 0;
    let decl = index < slots.length ? slots[index] : undefined;
    if (decl === undefined) {
      decl = this.lookup(ctx.abi, nr).decl;
      this.warnOnce(ctx.abi, nr);
    }
    const tracer = this.tracer;
    if (tracer === null) {
      // No tracer (the usual run): the handler alone.
      try {
        return decl.handler(ctx, args);
      } catch (e) {
        return this.handlerFailed(decl, e);
      }
    }
    if (!restart) tracer.onSyscallEnter?.(ctx, decl, args);
    let result: SyscallResult | Blocked;
    try {
      result = decl.handler(ctx, args);
    } catch (e) {
      result = this.handlerFailed(decl, e);
    }
    if (isBlocked(result)) return result;
    if (ctx.thread.state !== 'dead') tracer.onSyscallExit?.(ctx, decl, args, result);
    return result;
  }

  /** A handler bug must not take the host down: report it and fail the call. */
  private handlerFailed(decl: SyscallDecl, e: unknown): SyscallResult {
    this.warn(`vrun: internal error in ${decl.name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return -errno.EFAULT;
  }

  /** Reports the end of a call that did not finish through its handler (a sleep interrupted
   *  by a signal): the tracer's exit event with `result`. */
  reportExit(ctx: SyscallContext, nr: number, args: SyscallArgs, result: SyscallResult): SyscallDecl {
    const { decl } = this.lookup(ctx.abi, nr);
    this.tracer?.onSyscallExit?.(ctx, decl, args, result);
    return decl;
  }

  private warnOnce(abi: SyscallAbi, nr: number): void {
    const key = `${abi}:${nr}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    const index = nr >>> 0;
    // Named from Linux's table for this ABI (numbers.ts); a number Linux has no call for on
    // this ABI stays unnamed (another ABI's call at the same number would be a different one).
    const name = index < 0x80000000 ? syscallName(abi, index) : undefined;
    this.warn(`vrun: unimplemented syscall ${nr}${name ? ` (${name})` : ''}\n`);
  }
}
