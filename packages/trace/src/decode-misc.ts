// Decoders for the memory and miscellaneous syscalls' arguments (mremap, msync, mlock2,
// mlockall, madvise, mincore, preadv2/pwritev2, splice/tee, fallocate, fadvise64, sched_*,
// getpriority, personality, capget/capset, xattrs, utime/utimes, membarrier), printing what
// strace prints for them (strace's mem.c, mincore.c, splice.c, fallocate.c, fadvise.c, sched.c,
// priority.c, personality.c, capability.c, xattr.c, utimes.c, membarrier.c; checked against
// strace on the build machine through the recorded cases tests/cases/*/mm_* and misc_*).
// decode.ts hands every ArgType listed in MISC_TYPES to `decodeMiscArg`.

import type { ArgType } from '@vsys/kernel';
import type { CallView, DecodeOptions } from './decode.js';
import { formatFlags, type FlagTable } from './flags.js';
import { quoteBytes } from './quote.js';
import { formatFcntlResult } from './decode-fcntl.js';

export const MREMAP_FLAGS: FlagTable = [[1, 'MREMAP_MAYMOVE'], [2, 'MREMAP_FIXED'], [4, 'MREMAP_DONTUNMAP']];
// strace's xlat order (MS_SYNC|MS_ASYNC as it prints them).
export const MSYNC_FLAGS: FlagTable = [[4, 'MS_SYNC'], [1, 'MS_ASYNC'], [2, 'MS_INVALIDATE']];
export const MLOCK2_FLAGS: FlagTable = [[1, 'MLOCK_ONFAULT']];
export const MLOCKALL_FLAGS: FlagTable = [[1, 'MCL_CURRENT'], [2, 'MCL_FUTURE'], [4, 'MCL_ONFAULT']];
export const MADVICE: FlagTable = [
  [0, 'MADV_NORMAL'], [1, 'MADV_RANDOM'], [2, 'MADV_SEQUENTIAL'], [3, 'MADV_WILLNEED'], [4, 'MADV_DONTNEED'],
  [8, 'MADV_FREE'], [9, 'MADV_REMOVE'], [10, 'MADV_DONTFORK'], [11, 'MADV_DOFORK'], [12, 'MADV_MERGEABLE'],
  [13, 'MADV_UNMERGEABLE'], [14, 'MADV_HUGEPAGE'], [15, 'MADV_NOHUGEPAGE'], [16, 'MADV_DONTDUMP'], [17, 'MADV_DODUMP'],
  [18, 'MADV_WIPEONFORK'], [19, 'MADV_KEEPONFORK'], [20, 'MADV_COLD'], [21, 'MADV_PAGEOUT'], [22, 'MADV_POPULATE_READ'],
  [23, 'MADV_POPULATE_WRITE'], [24, 'MADV_DONTNEED_LOCKED'], [25, 'MADV_COLLAPSE'], [100, 'MADV_HWPOISON'], [101, 'MADV_SOFT_OFFLINE'],
];
export const RWF_FLAGS: FlagTable = [
  [1, 'RWF_HIPRI'], [2, 'RWF_DSYNC'], [4, 'RWF_SYNC'], [8, 'RWF_NOWAIT'], [0x10, 'RWF_APPEND'], [0x20, 'RWF_NOAPPEND'],
  [0x40, 'RWF_ATOMIC'], [0x80, 'RWF_DONTCACHE'],
];
export const SPLICE_FLAGS: FlagTable = [[1, 'SPLICE_F_MOVE'], [2, 'SPLICE_F_NONBLOCK'], [4, 'SPLICE_F_MORE'], [8, 'SPLICE_F_GIFT']];
export const FALLOC_FLAGS: FlagTable = [
  [1, 'FALLOC_FL_KEEP_SIZE'], [2, 'FALLOC_FL_PUNCH_HOLE'], [4, 'FALLOC_FL_NO_HIDE_STALE'], [8, 'FALLOC_FL_COLLAPSE_RANGE'],
  [0x10, 'FALLOC_FL_ZERO_RANGE'], [0x20, 'FALLOC_FL_INSERT_RANGE'], [0x40, 'FALLOC_FL_UNSHARE_RANGE'], [0x80, 'FALLOC_FL_WRITE_ZEROES'],
];
export const FADVICE: FlagTable = [
  [0, 'POSIX_FADV_NORMAL'], [1, 'POSIX_FADV_RANDOM'], [2, 'POSIX_FADV_SEQUENTIAL'], [3, 'POSIX_FADV_WILLNEED'],
  [4, 'POSIX_FADV_DONTNEED'], [5, 'POSIX_FADV_NOREUSE'],
];
export const PRIO_WHICH: FlagTable = [[0, 'PRIO_PROCESS'], [1, 'PRIO_PGRP'], [2, 'PRIO_USER']];
export const SCHED_POLICIES: FlagTable = [
  [0, 'SCHED_OTHER'], [1, 'SCHED_FIFO'], [2, 'SCHED_RR'], [3, 'SCHED_BATCH'], [4, 'SCHED_ISO'], [5, 'SCHED_IDLE'],
  [6, 'SCHED_DEADLINE'], [7, 'SCHED_EXT'],
];
export const XATTR_FLAGS: FlagTable = [[1, 'XATTR_CREATE'], [2, 'XATTR_REPLACE']];
export const MEMBARRIER_CMDS: FlagTable = [
  [0, 'MEMBARRIER_CMD_QUERY'], [1, 'MEMBARRIER_CMD_GLOBAL'], [2, 'MEMBARRIER_CMD_GLOBAL_EXPEDITED'],
  [4, 'MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED'], [8, 'MEMBARRIER_CMD_PRIVATE_EXPEDITED'],
  [16, 'MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED'], [32, 'MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE'],
  [64, 'MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE'], [128, 'MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ'],
  [256, 'MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ'],
  // MEMBARRIER_CMD_GET_REGISTRATIONS (512, Linux 6.3) is not in the strace this was checked with.
];
/** personality(2) domains (include/uapi/linux/personality.h) and flag bits. */
export const PER_DOMAINS: FlagTable = [
  [0x00, 'PER_LINUX'], [0x01, 'PER_SVR4'], [0x02, 'PER_SVR3'], [0x03, 'PER_SCOSVR3'], [0x04, 'PER_OSR5'], [0x05, 'PER_WYSEV386'],
  [0x06, 'PER_ISCR4'], [0x07, 'PER_BSD'], [0x08, 'PER_LINUX32'], [0x09, 'PER_IRIX32'], [0x0a, 'PER_IRIXN32'], [0x0b, 'PER_IRIX64'],
  [0x0c, 'PER_RISCOS'], [0x0d, 'PER_SOLARIS'], [0x0e, 'PER_UW7'], [0x0f, 'PER_OSF4'], [0x10, 'PER_HPUX'],
];
export const PER_FLAGS: FlagTable = [
  [0x0020000, 'UNAME26'], [0x0040000, 'ADDR_NO_RANDOMIZE'], [0x0080000, 'FDPIC_FUNCPTRS'], [0x0100000, 'MMAP_PAGE_ZERO'],
  [0x0200000, 'ADDR_COMPAT_LAYOUT'], [0x0400000, 'READ_IMPLIES_EXEC'], [0x0800000, 'ADDR_LIMIT_32BIT'],
  [0x1000000, 'SHORT_INODE'], [0x2000000, 'WHOLE_SECONDS'], [0x4000000, 'STICKY_TIMEOUTS'], [0x8000000, 'ADDR_LIMIT_3GB'],
];
export const MEMBARRIER_FLAGS: FlagTable = [[1, 'MEMBARRIER_CMD_FLAG_CPU']];

/** The ArgTypes this file decodes. */
export const MISC_TYPES: ReadonlySet<ArgType> = new Set<ArgType>([
  'mremapflags', 'msyncflags', 'mlock2flags', 'mlockallflags', 'madvice', 'mincorevec', 'rwflags', 'spliceflags', 'fallocmode',
  'fadvice', 'loffptr', 'priowhich', 'schedpolicy', 'schedparam', 'outschedparam', 'outcpuset', 'cpuset', 'personality',
  'capheader', 'capdata', 'outcapdata', 'xattrvalue', 'outxattrvalue', 'xattrlist', 'xattrflags', 'utimbuf', 'timevals',
  'membarriercmd', 'membarrierflags', 'hostname', 'lopair',
]);

/** The ones the kernel writes (shown at exit). */
export const MISC_OUTPUT_TYPES: readonly ArgType[] = ['mincorevec', 'outschedparam', 'outcpuset', 'outcapdata', 'outxattrvalue', 'xattrlist'];

/** An enumeration as strace's printxval: the name, or `0x… /* PREFIX_??? *\/` (unsigned). */
export function enumOrUnknown(value: number, table: FlagTable, prefix: string): string {
  for (const [v, name] of table) if (v === value) return name;
  return `0x${(value >>> 0).toString(16)} /* ${prefix}_??? */`;
}

/** Flags as strace's printflags: `0` for none, the names (unknown bits as a trailing hex
 *  number), or `0x… /* PREFIX_??? *\/` when no bit is known. */
export function flagsOrUnknown(value: number, table: FlagTable, prefix: string): string {
  const v = value >>> 0;
  if (v === 0) return '0';
  const known = table.some(([bit]) => bit !== 0 && (v & bit) >>> 0 === bit >>> 0);
  return known ? formatFlags(v, table) : `0x${v.toString(16)} /* ${prefix}_??? */`;
}

function pointer(v: bigint): string {
  return v === 0n ? 'NULL' : `0x${v.toString(16)}`;
}

function read(view: CallView, i: number, size: number): Uint8Array | null {
  const addr = view.args.ptr(i);
  return addr < 0 ? null : view.mem.read(addr, size);
}

function dv(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** personality's argument: the domain, then the flag bits (strace's personality.c). */
export function formatPersonality(v: number): string {
  const domain = v & 0xff;
  const flags = v & ~0xff;
  const parts: string[] = [];
  for (const [bit, name] of PER_FLAGS) if ((flags & bit) === bit) parts.push(name);
  let rest = flags;
  for (const [bit] of PER_FLAGS) rest &= ~bit;
  const dname = PER_DOMAINS.find(([x]) => x === domain)?.[1] ?? `0x${domain.toString(16)} /* PER_??? */`;
  const out = [dname, ...parts];
  if (rest) out.push(`0x${(rest >>> 0).toString(16)}`);
  return out.join('|');
}

function cpuList(b: Uint8Array): string {
  const cpus: number[] = [];
  for (let i = 0; i < b.length * 8; i++) if (b[i >> 3]! & (1 << (i & 7))) cpus.push(i);
  return `[${cpus.join(' ')}]`;
}

/** The text of argument `i` of type `type` (one of MISC_TYPES); `result` null at entry. */
export function decodeMiscArg(view: CallView, i: number, type: ArgType, lenArg: number | undefined, result: bigint | null, o: DecodeOptions): string {
  const a = view.args;
  const raw = a.u64(i);
  const failed = result !== null && result < 0n && result >= -4095n;
  const long = view.abi === 'i386' ? 4 : 8;
  switch (type) {
    case 'mremapflags':
      return flagsOrUnknown(Number(raw & 0xffffffffn), MREMAP_FLAGS, 'MREMAP');
    case 'msyncflags':
      return flagsOrUnknown(a.int(i), MSYNC_FLAGS, 'MS');
    case 'mlock2flags':
      return flagsOrUnknown(a.int(i), MLOCK2_FLAGS, 'MLOCK');
    case 'mlockallflags':
      return flagsOrUnknown(a.int(i), MLOCKALL_FLAGS, 'MCL');
    case 'madvice':
      return enumOrUnknown(a.int(i), MADVICE, 'MADV');
    case 'rwflags':
      return flagsOrUnknown(a.int(i), RWF_FLAGS, 'RWF');
    case 'spliceflags':
      return flagsOrUnknown(a.int(i), SPLICE_FLAGS, 'SPLICE_F');
    case 'fallocmode':
      return flagsOrUnknown(a.int(i), FALLOC_FLAGS, 'FALLOC_FL');
    case 'fadvice':
      return enumOrUnknown(a.int(i), FADVICE, 'POSIX_FADV');
    case 'priowhich':
      return enumOrUnknown(a.int(i), PRIO_WHICH, 'PRIO');
    case 'xattrflags':
      return flagsOrUnknown(a.int(i), XATTR_FLAGS, 'XATTR');
    case 'lopair':
      return view.abi === 'i386'
        ? BigInt.asIntN(64, ((a.u64(i + 1) & 0xffffffffn) << 32n) | (raw & 0xffffffffn)).toString()
        : BigInt.asIntN(64, raw).toString();
    case 'membarrierflags':
      return flagsOrUnknown(a.int(i), MEMBARRIER_FLAGS, 'MEMBARRIER_CMD_FLAG');
    case 'hostname': {
      // strace's sethostname: the name only when the length fits a UTS field (64 bytes).
      const len = lenArg !== undefined ? Number(a.u64(lenArg) & 0xffffffffn) : 0;
      if (raw === 0n || len > 64) return pointer(raw);
      const b = read(view, i, Math.min(len, o.strsize));
      return b ? quoteBytes(b, len > o.strsize, o.hex) : pointer(raw);
    }
    case 'membarriercmd':
      return enumOrUnknown(a.int(i), MEMBARRIER_CMDS, 'MEMBARRIER_CMD');
    case 'personality':
      return raw === 0xffffffffn ? '0xffffffff' : formatPersonality(a.int(i));
    case 'schedpolicy':
      // strace prints SCHED_RESET_ON_FORK as part of an unknown value (0x40000000 /* SCHED_??? */).
      return enumOrUnknown(a.int(i), SCHED_POLICIES, 'SCHED');
    case 'mincorevec': {
      if (result === null || failed || raw === 0n) return pointer(raw);
      const len = lenArg !== undefined ? a.size(lenArg) : 0;
      const pages = Math.ceil(len / 4096);
      const b = read(view, i, Math.min(pages, o.strsize));
      if (!b) return pointer(raw);
      const items = Array.from(b, (x) => String(x & 1));
      if (pages > o.strsize) items.push('...');
      return `[${items.join(', ')}]`;
    }
    case 'loffptr': {
      if (raw === 0n) return 'NULL';
      const b = read(view, i, 8);
      return b ? `[${dv(b).getBigInt64(0, true)}]` : pointer(raw);
    }
    case 'schedparam':
    case 'outschedparam': {
      if (raw === 0n) return 'NULL';
      if (type === 'outschedparam' && (result === null || failed)) return pointer(raw);
      const b = read(view, i, 4);
      return b ? `[${dv(b).getInt32(0, true)}]` : pointer(raw);
    }
    case 'outcpuset': {
      if (result === null || failed) return pointer(raw);
      const b = read(view, i, Number(result));
      return b ? cpuList(b) : pointer(raw);
    }
    case 'cpuset': {
      const len = lenArg !== undefined ? Math.min(a.size(lenArg), 1024) : 8;
      const b = read(view, i, len);
      return b ? cpuList(b) : pointer(raw);
    }
    case 'capheader': {
      if (raw === 0n) return 'NULL';
      const b = read(view, i, 8);
      if (!b) return pointer(raw);
      const version = dv(b).getUint32(0, true);
      const names: Record<number, string> = { 0x19980330: '_LINUX_CAPABILITY_VERSION_1', 0x20071026: '_LINUX_CAPABILITY_VERSION_2', 0x20080522: '_LINUX_CAPABILITY_VERSION_3' };
      return `{version=${names[version] ?? `0x${version.toString(16)} /* _LINUX_CAPABILITY_VERSION_??? */`}, pid=${dv(b).getInt32(4, true)}}`;
    }
    case 'capdata':
    case 'outcapdata': {
      if (raw === 0n) return 'NULL';
      if (type === 'outcapdata' && (result === null || failed)) return pointer(raw);
      const b = read(view, i, 24);
      if (!b) return pointer(raw);
      const d = dv(b);
      const set = (k: number) => capSet(BigInt(d.getUint32(k * 4, true)) | (BigInt(d.getUint32(12 + k * 4, true)) << 32n));
      return `{effective=${set(0)}, permitted=${set(1)}, inheritable=${set(2)}}`;
    }
    case 'xattrvalue': {
      // strace's print_xattr_val: the value's `size` bytes, less one trailing NUL; the address
      // for NULL or more than XATTR_SIZE_MAX bytes.
      const len = lenArg !== undefined ? a.size(lenArg) : 0;
      return xattrValue(view, i, len, o);
    }
    case 'outxattrvalue':
      if (result === null || failed || raw === 0n) return pointer(raw);
      return xattrValue(view, i, Number(result), o);
    case 'xattrlist': {
      // the names as one string, NULs and all (printstrn of the returned length)
      if (result === null || failed || raw === 0n) return pointer(raw);
      const len = Number(result);
      const b = read(view, i, Math.min(len, o.strsize));
      return b ? quoteBytes(b, len > o.strsize, o.hex) : pointer(raw);
    }
    case 'utimbuf': {
      if (raw === 0n) return 'NULL';
      const b = read(view, i, 2 * long);
      if (!b) return pointer(raw);
      const at = (k: number) => (long === 8 ? dv(b).getBigInt64(k * 8, true) : BigInt(dv(b).getInt32(k * 4, true)));
      const t = (v: bigint) => `${v} /* ${isoTime(v, null)} */`;
      return `{actime=${t(at(0))}, modtime=${t(at(1))}}`;
    }
    case 'timevals': {
      if (raw === 0n) return 'NULL';
      const b = read(view, i, 4 * long);
      if (!b) return pointer(raw);
      const at = (k: number) => (long === 8 ? dv(b).getBigInt64(k * 8, true) : BigInt(dv(b).getInt32(k * 4, true)));
      // Each timeval with the date it names, when tv_usec is valid (strace's print_timeval_t).
      const tv = (k: number) => {
        const sec = at(k);
        const usec = at(k + 1);
        const valid = usec >= 0n && usec < 1_000_000n;
        const shownUsec = BigInt.asUintN(long * 8, usec); // strace prints tv_usec unsigned
        return `{tv_sec=${sec}, tv_usec=${shownUsec}}${valid ? ` /* ${isoTime(sec, usec)} */` : ''}`;
      };
      return `[${tv(0)}, ${tv(2)}]`;
    }
    default:
      return pointer(raw);
  }
}

/** A time as strace's sprinttime: `1970-01-01T00:16:40+0000`, with `.uuuuuu` for microseconds. */
export function isoTime(sec: bigint, usec: bigint | null): string {
  const ms = Number(sec) * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return String(sec);
  const d = new Date(ms).toISOString().slice(0, 19); // YYYY-MM-DDTHH:MM:SS
  return usec === null ? `${d}+0000` : `${d}.${usec.toString().padStart(6, '0')}+0000`;
}

function xattrValue(view: CallView, i: number, size: number, o: DecodeOptions): string {
  const raw = view.args.u64(i);
  if (raw === 0n || size > 65536) return pointer(raw);
  const b = read(view, i, size);
  if (!b) return pointer(raw);
  const shown = size && b[size - 1] === 0 ? b.subarray(0, size - 1) : b;
  const cut = shown.subarray(0, Math.min(shown.length, o.strsize));
  return quoteBytes(cut, shown.length > o.strsize, o.hex);
}

/** The return value of calls whose result strace decodes (RVAL_STR): sched_getscheduler's
 *  policy, personality's old persona, membarrier(QUERY)'s command mask. Null: plain. */
export function formatMiscResult(view: CallView, r: bigint): string | null {
  switch (view.decl.name) {
    case 'sched_getscheduler': {
      const name = SCHED_POLICIES.find(([v]) => BigInt(v) === r)?.[1];
      return name ? `${r} (${name})` : null;
    }
    case 'personality':
      return `${r === 0n ? '0' : `0x${r.toString(16)}`} (${formatPersonality(Number(r & 0xffffffffn))})`;
    case 'membarrier':
      if (view.args.int(0) !== 0) return null;
      return `${r === 0n ? '0' : `0x${r.toString(16)}`} (${formatFlags(Number(r), MEMBARRIER_CMDS.filter(([v]) => v !== 0))})`;
    case 'fcntl':
    case 'fcntl64':
      return formatFcntlResult(view, r);
    default:
      return null;
  }
}

const CAP_NAMES = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID', 'CAP_SETUID',
  'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN', 'CAP_NET_RAW',
  'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE', 'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME', 'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD',
  'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL', 'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG',
  'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
];

/** A capability set as strace prints it: `1<<CAP_CHOWN|1<<CAP_KILL`, or `0`. */
function capSet(v: bigint): string {
  if (v === 0n) return '0';
  const parts: string[] = [];
  for (let b = 0; b < 64; b++) {
    if (!(v & (1n << BigInt(b)))) continue;
    parts.push(b < CAP_NAMES.length ? `1<<${CAP_NAMES[b]}` : `1<<${b}`);
  }
  return parts.join('|');
}
