// The legacy vsyscall page at 0xffffffffff600000, as Linux's default `vsyscall=xonly` has it
// (arch/x86/entry/vsyscall/vsyscall_64.c): nothing is mapped there for user mode, so a call
// into the page is an instruction-fetch page fault, and the fault handler emulates the call:
//   +0x000 gettimeofday(tv, tz)   +0x400 time(t)   +0x800 getcpu(cpu, node, cache)
// then returns to the caller as `ret` would (RIP = the return address at RSP, RSP += 8, RAX =
// the result). Other addresses in the page, a fetch that is not at an entry point, or a return
// address that cannot be read give SIGSEGV; reading the page is an ordinary SIGSEGV
// (SEGV_MAPERR) because it is not mapped. Like Linux's emulate_vsyscall, a pointer argument that
// cannot be written sends SIGSEGV at that address instead of returning -EFAULT. The emulated
// calls do not go through the syscall table, so a tracer does not see them (as with strace).

import type { KernelClock } from '../../time/clock.js';

export const VSYSCALL_ADDR = 0xffffffffff600000n;
export const VSYSCALL_PAGE_END = VSYSCALL_ADDR + 0x1000n;

/** What the emulation needs from the faulting thread. */
export interface VsyscallThread {
  rip: bigint;
  rsp: bigint;
  rdi: bigint;
  rsi: bigint;
  /** Read 8 bytes of user memory (null when unreadable). */
  readU64(addr: bigint): bigint | null;
  /** Write user memory with user permissions (false when not writable). */
  write(addr: bigint, data: Uint8Array): boolean;
}

export type VsyscallOutcome =
  | { kind: 'return'; rip: bigint; rsp: bigint; rax: bigint }
  | { kind: 'segv'; addr: bigint };

/** true when an instruction fetch at `addr` is inside the vsyscall page. */
export function inVsyscallPage(addr: bigint): boolean {
  return addr >= VSYSCALL_ADDR && addr < VSYSCALL_PAGE_END;
}

/** Emulate the vsyscall that faulted at `t.rip` (an address inside the page). */
export function emulateVsyscall(t: VsyscallThread, clock: KernelClock, cpu = 0): VsyscallOutcome {
  const offset = t.rip - VSYSCALL_ADDR;
  // Only the three entry points: addr & ~0xC00 must be the page base (vsyscall_64.c addr_to_vsyscall_nr).
  if ((offset & ~0xc00n) !== 0n || offset === 0xc00n) return { kind: 'segv', addr: t.rip };
  const caller = t.readU64(t.rsp);
  if (caller === null) return { kind: 'segv', addr: t.rsp };
  const le = (words: bigint[], size: 4 | 8): Uint8Array => {
    const b = new Uint8Array(words.length * size);
    const v = new DataView(b.buffer);
    words.forEach((w, i) => (size === 8 ? v.setBigUint64(i * 8, BigInt.asUintN(64, w), true) : v.setUint32(i * 4, Number(w), true)));
    return b;
  };
  let rax: bigint;
  switch (offset) {
    case 0x000n: {
      const ns = clock.realtimeNs();
      if (t.rdi !== 0n && !t.write(t.rdi, le([ns / 1_000_000_000n, (ns % 1_000_000_000n) / 1000n], 8))) return { kind: 'segv', addr: t.rdi };
      if (t.rsi !== 0n && !t.write(t.rsi, le([0n, 0n], 4))) return { kind: 'segv', addr: t.rsi };
      rax = 0n;
      break;
    }
    case 0x400n: {
      rax = clock.realtimeNs() / 1_000_000_000n;
      if (t.rdi !== 0n && !t.write(t.rdi, le([rax], 8))) return { kind: 'segv', addr: t.rdi };
      break;
    }
    default: {
      if (t.rdi !== 0n && !t.write(t.rdi, le([BigInt(cpu)], 4))) return { kind: 'segv', addr: t.rdi };
      if (t.rsi !== 0n && !t.write(t.rsi, le([0n], 4))) return { kind: 'segv', addr: t.rsi };
      rax = 0n;
    }
  }
  return { kind: 'return', rip: caller, rsp: t.rsp + 8n, rax };
}

/** The machine's side: emulate from the saved user registers and write the results back.
 *  'returned' when the guest continues at its caller; otherwise the address SIGSEGV reports
 *  (the machine turns it into a page fault there, so the signal is SEGV_MAPERR at that address). */
export function handleVsyscallFetch(
  regs: { get(name: 'ip' | 'sp' | 'di' | 'si'): bigint; set(name: 'ip' | 'sp' | 'ax', value: bigint): void },
  mem: { read(addr: number, len: number): Uint8Array | null; write(addr: number, data: Uint8Array): boolean },
  clock: KernelClock,
): 'returned' | { addr: bigint } {
  const userAddr = (a: bigint): number | null => (a >= 0n && a < 0x800000000000n ? Number(a) : null);
  const r = emulateVsyscall(
    {
      rip: regs.get('ip'),
      rsp: regs.get('sp'),
      rdi: regs.get('di'),
      rsi: regs.get('si'),
      readU64: (a) => {
        const at = userAddr(a);
        const b = at === null ? null : mem.read(at, 8);
        return b ? new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true) : null;
      },
      write: (a, d) => {
        const at = userAddr(a);
        return at !== null && mem.write(at, d);
      },
    },
    clock,
  );
  if (r.kind === 'segv') return { addr: r.addr };
  regs.set('ip', r.rip);
  regs.set('sp', r.rsp);
  regs.set('ax', r.rax);
  return 'returned';
}
