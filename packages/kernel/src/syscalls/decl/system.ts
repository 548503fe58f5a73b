// Process-wide and system-wide settings: personality (kernel/exec_domain.c), chroot
// (fs/open.c), sethostname/setdomainname (kernel/sys.c, read back by uname), capget/capset
// (kernel/capability.c, security/commoncap.c cap_capset) and membarrier
// (kernel/sched/membarrier.c), each with Linux's checks in Linux's order.
//
// How vsys models them:
// - personality is remembered per process (inherited by fork) and reported back; vsys has no
//   address-space randomization to turn off and no other execution domains.
// - chroot changes the caller's root for path walks (the real VFS root stays where it was).
// - the host name and domain name belong to the emulated kernel (one UTS namespace).
// - capabilities: uid 0 starts with every capability (CAP_LAST_CAP = 40) in its effective and
//   permitted sets, others with none. capset can drop capabilities and capget reports the
//   sets, but the rest of the kernel still decides privilege by euid 0 (Credentials.privileged):
//   a dropped capability is bookkeeping only.
// - membarrier: one CPU, so every barrier is immediate; registrations are tracked per address
//   space and the private commands need them (EPERM), as on Linux.

import type { SyscallContext } from '../context.js';
import type { SyscallDecl } from '../types.js';
import type { Kernel } from '../../kernel.js';
import type { Process } from '../../process/process.js';
import type { MemoryMap } from '../../mm/memory-map.js';
import { numbersOf } from '../numbers.js';
import { errno } from '../errno.js';
import { getWords, putWords } from '../uaccess.js';
import { isErr } from '../../vfs/errno.js';
import { envOf, fsOf, kfsOf, readPath, startDir } from './fs-common.js';
import { FdTable } from '../../vfs/fd-table.js';
import { FsContext } from '../../vfs/fs-context.js';
import { hasKernelFileSystem } from '../../fs/kernel-fs.js';

// ---- personality ----

const personalities = new WeakMap<Process, number>();

export function personalityOf(p: Process): number {
  for (let q: Process | null = p; q; q = q.parent) {
    const v = personalities.get(q);
    if (v !== undefined) return v;
  }
  return 0;
}

function setPersonality(p: Process, v: number): void {
  // Children that still inherit keep the value they had (fork copies task->personality).
  for (const c of p.children) if (!personalities.has(c)) personalities.set(c, personalityOf(p));
  personalities.set(p, v);
}

// ---- UTS names ----

const __NEW_UTS_LEN = 64;
const uts = new WeakMap<Kernel, { hostname: string; domainname: string }>();

/** The emulated kernel's host and domain names (uname's nodename and domainname). */
export function utsOf(kernel: Kernel): { hostname: string; domainname: string } {
  let u = uts.get(kernel);
  if (!u) uts.set(kernel, (u = { hostname: kernel.hostname, domainname: '(none)' }));
  return u;
}

function setUtsName(ctx: SyscallContext, which: 'hostname' | 'domainname', addr: number, len: number): number {
  if (len < 0 || len > __NEW_UTS_LEN) return -errno.EINVAL;
  if (!ctx.process.creds.privileged) return -errno.EPERM; // CAP_SYS_ADMIN
  const bytes = len === 0 ? new Uint8Array(0) : addr < 0 ? null : ctx.mem.read(addr, len);
  if (!bytes) return -errno.EFAULT;
  const nul = bytes.indexOf(0);
  utsOf(ctx.kernel)[which] = new TextDecoder('latin1').decode(nul < 0 ? bytes : bytes.subarray(0, nul));
  return 0;
}

// ---- capabilities ----

const _LINUX_CAPABILITY_VERSION_1 = 0x19980330;
const _LINUX_CAPABILITY_VERSION_2 = 0x20071026;
const _LINUX_CAPABILITY_VERSION_3 = 0x20080522;
/** CAP_LAST_CAP = 40 (CAP_CHECKPOINT_RESTORE): bits 0…40. */
const CAP_FULL = (1n << 41n) - 1n;

interface CapSets {
  effective: bigint;
  permitted: bigint;
  inheritable: bigint;
}

const caps = new WeakMap<Process, CapSets>();

export function capsOf(p: Process): CapSets {
  let set: CapSets | undefined;
  for (let q: Process | null = p; q && !set; q = q.parent) set = caps.get(q); // fork copies the sets
  if (!set) {
    const root = p.creds.uid === 0 || p.creds.euid === 0 || p.creds.suid === 0;
    return { effective: p.creds.euid === 0 ? CAP_FULL : 0n, permitted: root ? CAP_FULL : 0n, inheritable: 0n };
  }
  // Once no uid is 0 any more, the permitted and effective sets are cleared (setuid from root,
  // capabilities(7) "Effect of user ID changes on capabilities").
  return p.creds.uid && p.creds.euid && p.creds.suid ? { effective: 0n, permitted: 0n, inheritable: set.inheritable } : set;
}

/** cap_validate_magic: the number of 32-bit words per set, or -EINVAL after writing the
 *  preferred version into the header (-EFAULT when that fails). */
function capVersion(ctx: SyscallContext, headerAt: number): number {
  const w = getWords(ctx.mem, headerAt, 1, 4);
  if (!w) return -errno.EFAULT;
  switch (Number(w[0])) {
    case _LINUX_CAPABILITY_VERSION_1:
      return 1;
    case _LINUX_CAPABILITY_VERSION_2:
    case _LINUX_CAPABILITY_VERSION_3:
      return 2;
    default:
      return putWords(ctx.mem, headerAt, [_LINUX_CAPABILITY_VERSION_3], 4) ? -errno.EINVAL : -errno.EFAULT;
  }
}

function capget(ctx: SyscallContext, headerAt: number, dataAt: number): number {
  const words = capVersion(ctx, headerAt);
  if (dataAt === 0 || words < 0) return dataAt === 0 && words === -errno.EINVAL ? 0 : words;
  const pidW = getWords(ctx.mem, headerAt + 4, 1, 4);
  if (!pidW) return -errno.EFAULT;
  const pid = Number(BigInt.asIntN(32, pidW[0]!));
  if (pid < 0) return -errno.EINVAL;
  let target: Process | undefined = ctx.process;
  if (pid !== 0 && pid !== ctx.process.pid) {
    target = [...ctx.kernel.processes.values()].find((p) => p.state === 'alive' && p.threads.some((t) => t.tid === pid));
    if (!target) return -errno.ESRCH;
  }
  const c = capsOf(target);
  const out: bigint[] = [];
  for (let i = 0; i < words; i++) {
    const part = (v: bigint) => (v >> BigInt(32 * i)) & 0xffffffffn;
    out.push(part(c.effective), part(c.permitted), part(c.inheritable));
  }
  return putWords(ctx.mem, dataAt, out, 4) ? 0 : -errno.EFAULT;
}

function capset(ctx: SyscallContext, headerAt: number, dataAt: number): number {
  const words = capVersion(ctx, headerAt);
  if (words < 0) return words;
  const pidW = getWords(ctx.mem, headerAt + 4, 1, 4);
  if (!pidW) return -errno.EFAULT;
  const pid = Number(BigInt.asIntN(32, pidW[0]!));
  if (pid !== 0 && pid !== ctx.thread.tid) return -errno.EPERM;
  const raw = getWords(ctx.mem, dataAt, 3 * words, 4);
  if (!raw) return -errno.EFAULT;
  const join = (k: number) => {
    let v = 0n;
    for (let i = 0; i < words; i++) v |= raw[3 * i + k]! << BigInt(32 * i);
    return v & CAP_FULL;
  };
  const next: CapSets = { effective: join(0), permitted: join(1), inheritable: join(2) };
  const old = capsOf(ctx.process);
  const subset = (a: bigint, b: bigint) => (a & ~b) === 0n;
  // cap_capset: without CAP_SETPCAP the new inheritable set stays within old inheritable ∪
  // permitted; never outside the bounding set (full here); permitted may only shrink;
  // effective stays within the new permitted.
  const setpcap = (old.effective >> 8n) & 1n;
  if (!setpcap && !subset(next.inheritable, old.inheritable | old.permitted)) return -errno.EPERM;
  if (!subset(next.permitted, old.permitted)) return -errno.EPERM;
  if (!subset(next.effective, next.permitted)) return -errno.EPERM;
  for (const c of ctx.process.children) if (!caps.has(c)) caps.set(c, capsOf(c)); // fork copied the old sets
  caps.set(ctx.process, next);
  return 0;
}

// ---- membarrier ----

const MEMBARRIER_CMD_QUERY = 0;
const MEMBARRIER_CMD_GLOBAL = 1 << 0;
const MEMBARRIER_CMD_GLOBAL_EXPEDITED = 1 << 1;
const MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED = 1 << 2;
const MEMBARRIER_CMD_PRIVATE_EXPEDITED = 1 << 3;
const MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED = 1 << 4;
const MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE = 1 << 5;
const MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE = 1 << 6;
const MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ = 1 << 7;
const MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ = 1 << 8;
const MEMBARRIER_CMD_GET_REGISTRATIONS = 1 << 9;
const MEMBARRIER_CMD_FLAG_CPU = 1;
/** MEMBARRIER_CMD_BITMASK with SYNC_CORE (x86-64 and arm64 have it) and RSEQ. */
const MEMBARRIER_CMD_BITMASK = (1 << 10) - 1;

const registrations = new WeakMap<MemoryMap, number>();

function membarrier(ctx: SyscallContext, cmd: number, flags: number): number {
  if (cmd === MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ) {
    if (flags && flags !== MEMBARRIER_CMD_FLAG_CPU) return -errno.EINVAL;
  } else if (flags) return -errno.EINVAL;
  const mm = ctx.process.mm;
  const reg = registrations.get(mm) ?? 0;
  const register = (bit: number) => {
    registrations.set(mm, reg | bit);
    return 0;
  };
  switch (cmd) {
    case MEMBARRIER_CMD_QUERY:
      return MEMBARRIER_CMD_BITMASK;
    case MEMBARRIER_CMD_GLOBAL:
    case MEMBARRIER_CMD_GLOBAL_EXPEDITED:
      return 0;
    case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED:
      return register(MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED);
    case MEMBARRIER_CMD_PRIVATE_EXPEDITED:
      return reg & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED ? 0 : -errno.EPERM;
    case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED:
      return register(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED);
    case MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE:
      return reg & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE ? 0 : -errno.EPERM;
    case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE:
      return register(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE);
    case MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ:
      return reg & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ ? 0 : -errno.EPERM;
    case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ:
      return register(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ);
    case MEMBARRIER_CMD_GET_REGISTRATIONS:
      return reg;
    default:
      return -errno.EINVAL;
  }
}

// ---- chroot ----

function chroot(ctx: SyscallContext, pathAt: number): number {
  if (!hasKernelFileSystem(ctx.kernel) || !(ctx.process.files instanceof FdTable) || !(ctx.process.fs instanceof FsContext)) return -errno.ENOSYS;
  const path = readPath(ctx, pathAt);
  if (isErr(path)) return path;
  const start = startDir(ctx, -100, path);
  if (isErr(start)) return start;
  // user_path_at(LOOKUP_FOLLOW | LOOKUP_DIRECTORY), path_permission(MAY_EXEC | MAY_CHDIR),
  // then CAP_SYS_CHROOT.
  const place = kfsOf(ctx).vfs.chdirTarget(envOf(ctx), start, path);
  if (isErr(place)) return place;
  if (!ctx.process.creds.privileged) return -errno.EPERM;
  fsOf(ctx).root = place;
  return 0;
}

export const syscalls: readonly SyscallDecl[] = [
  {
    // personality(0xffffffff) only asks.
    name: 'personality', numbers: numbersOf('personality'), classes: [],
    args: [{ name: 'persona', type: 'personality' }],
    handler: (ctx, a) => {
      const old = personalityOf(ctx.process);
      const v = a.int(0) >>> 0;
      if (v !== 0xffffffff) setPersonality(ctx.process, v);
      return old;
    },
  },
  {
    name: 'chroot', numbers: numbersOf('chroot'), classes: ['file'],
    args: [{ name: 'path', type: 'path' }],
    handler: (ctx, a) => chroot(ctx, a.ptr(0)),
  },
  {
    name: 'sethostname', numbers: numbersOf('sethostname'), classes: [],
    args: [{ name: 'name', type: 'hostname', len: 1 }, { name: 'len', type: 'uint' }],
    handler: (ctx, a) => setUtsName(ctx, 'hostname', a.ptr(0), a.int(1)),
  },
  {
    name: 'setdomainname', numbers: numbersOf('setdomainname'), classes: [],
    args: [{ name: 'name', type: 'hostname', len: 1 }, { name: 'len', type: 'uint' }],
    handler: (ctx, a) => setUtsName(ctx, 'domainname', a.ptr(0), a.int(1)),
  },
  {
    name: 'capget', numbers: numbersOf('capget'), classes: ['creds'],
    args: [{ name: 'hdrp', type: 'capheader' }, { name: 'datap', type: 'outcapdata' }],
    handler: (ctx, a) => capget(ctx, a.ptr(0), a.u64(1) === 0n ? 0 : a.ptr(1)),
  },
  {
    name: 'capset', numbers: numbersOf('capset'), classes: ['creds'],
    args: [{ name: 'hdrp', type: 'capheader' }, { name: 'datap', type: 'capdata' }],
    handler: (ctx, a) => capset(ctx, a.ptr(0), a.ptr(1)),
  },
  {
    name: 'membarrier', numbers: numbersOf('membarrier'), classes: [],
    args: [{ name: 'cmd', type: 'membarriercmd' }, { name: 'flags', type: 'membarrierflags' }, { name: 'cpu_id', type: 'int' }],
    handler: (ctx, a) => membarrier(ctx, a.int(0), a.int(1) >>> 0),
  },
];
