// The syscall table: every declaration from decl/*.ts, collected once, and turned into one dense
// array per ABI indexed by number (holes are undefined → -ENOSYS in the dispatcher). The
// dispatcher, the tracer (@vsys/trace) and generated docs all read `syscallDecls`/`syscallTable`.
// Each decl file exports `syscalls: readonly SyscallDecl[]`.

import type { SyscallAbi, SyscallDecl } from './types.js';
import { syscalls as processSyscalls } from './decl/process.js';
import { syscalls as memorySyscalls } from './decl/memory.js';
import { syscalls as timeSyscalls } from './decl/time.js';
import { syscalls as signalSyscalls } from './decl/signal.js';
import { syscalls as timerSyscalls } from './decl/timers.js';
import { syscalls as miscSyscalls } from './decl/misc.js';
import { syscalls as threadSyscalls } from './decl/thread.js';
import { syscalls as execSyscalls } from './decl/exec.js';
import { syscalls as fsSyscalls } from './decl/fs.js';
import { syscalls as netSyscalls } from './decl/net.js';
import { syscalls as fsIoSyscalls } from './decl/fs-io.js';
import { syscalls as fsTimesSyscalls } from './decl/fs-times.js';
import { syscalls as xattrSyscalls } from './decl/xattr.js';
import { syscalls as schedSyscalls } from './decl/sched.js';
import { syscalls as systemSyscalls } from './decl/system.js';
import { syscalls as fsEventSyscalls } from './decl/fs-events.js';

export type SyscallTable = Record<SyscallAbi, readonly (SyscallDecl | undefined)[]>;

/** Every syscall declared in decl/*.ts: the core's and the VFS's file syscalls. (The file
 *  syscalls need a KernelFileSystem attached to the kernel to do anything but fail.) */
export const coreSyscalls: readonly SyscallDecl[] = [
  ...fsSyscalls,
  ...fsIoSyscalls,
  ...fsTimesSyscalls,
  ...xattrSyscalls,
  ...schedSyscalls,
  ...systemSyscalls,
  ...processSyscalls,
  ...memorySyscalls,
  ...timeSyscalls,
  ...signalSyscalls,
  ...timerSyscalls,
  ...miscSyscalls,
  ...threadSyscalls,
  ...execSyscalls,
  ...fsEventSyscalls,
  ...netSyscalls,
];

export class SyscallTableError extends Error {}

/** Builds the per-ABI arrays. Two declarations claiming one number on one ABI is a bug in the
 *  declarations, reported with both names. */
export function buildSyscallTable(decls: readonly SyscallDecl[]): SyscallTable {
  const table: Record<SyscallAbi, (SyscallDecl | undefined)[]> = { x86_64: [], i386: [], arm64: [] };
  for (const decl of decls) {
    for (const abi of ['x86_64', 'i386', 'arm64'] as const) {
      const nr = decl.numbers[abi];
      if (nr === undefined) continue;
      if (!Number.isInteger(nr) || nr < 0 || nr > 4096) throw new SyscallTableError(`${decl.name}: bad ${abi} number ${nr}`);
      const existing = table[abi][nr];
      if (existing && existing !== decl)
        throw new SyscallTableError(`${abi} syscall ${nr} declared twice: ${existing.name} and ${decl.name}`);
      table[abi][nr] = decl;
    }
  }
  // Dense arrays: fill holes explicitly so length == highest number + 1.
  for (const abi of ['x86_64', 'i386', 'arm64'] as const) {
    const t = table[abi];
    for (let i = 0; i < t.length; i++) if (!(i in t)) t[i] = undefined;
  }
  return table;
}

/** The declaration of `name` among `decls` (first match). */
export function findSyscall(decls: readonly SyscallDecl[], name: string): SyscallDecl | undefined {
  return decls.find((d) => d.name === name);
}
