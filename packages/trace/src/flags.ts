// Symbolic names for flag words and enumerations, as strace's xlat tables print them: flags
// joined with `|` in ascending bit order, unknown bits as a trailing hex number
// (`O_WRONLY|0x80000000`), unknown enumeration values as `0x63 /* SEEK_??? */`.
// Values are Linux's UAPI values; where arm64 (asm-generic) differs from x86-64 both are given.

import type { SyscallAbi } from '@vsys/kernel';

export type FlagTable = readonly (readonly [number, string])[];

/** `A|B|0x…` for the set bits of `value` (0 → `zero` when given, else "0"). */
export function formatFlags(value: number, table: FlagTable, zero?: string): string {
  let rest = value >>> 0;
  if (rest === 0) return zero ?? '0';
  const names: string[] = [];
  for (const [bit, name] of table) {
    if (bit !== 0 && (rest & bit) >>> 0 === bit >>> 0) {
      names.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest !== 0) names.push(`0x${rest.toString(16)}`);
  return names.join('|');
}

/** The name of `value`, or `0x… /* PREFIX_??? *\/` as strace writes an unknown value. */
export function formatEnum(value: number, table: FlagTable, unknownPrefix: string): string {
  for (const [v, name] of table) if (v === value) return name;
  return `${value < 0 ? value : `0x${value.toString(16)}`} /* ${unknownPrefix}_??? */`;
}

// open(2) flags (include/uapi/asm-generic/fcntl.h; arm64 overrides four in
// arch/arm64/include/uapi/asm/fcntl.h).
const OPEN_COMMON: FlagTable = [
  [0o100, 'O_CREAT'], [0o200, 'O_EXCL'], [0o400, 'O_NOCTTY'], [0o1000, 'O_TRUNC'], [0o2000, 'O_APPEND'],
  [0o4000, 'O_NONBLOCK'], [0o4010000, 'O_SYNC'], [0o10000, 'O_DSYNC'], [0o20000, 'O_ASYNC'],
];
const OPEN_X86: FlagTable = [
  ...OPEN_COMMON, [0o40000, 'O_DIRECT'], [0o100000, 'O_LARGEFILE'], [0o200000, 'O_DIRECTORY'], [0o400000, 'O_NOFOLLOW'],
  [0o1000000, 'O_NOATIME'], [0o2000000, 'O_CLOEXEC'], [0o10000000, 'O_PATH'], [0o20200000, 'O_TMPFILE'],
];
const OPEN_ARM64: FlagTable = [
  ...OPEN_COMMON, [0o40000, 'O_DIRECTORY'], [0o100000, 'O_NOFOLLOW'], [0o200000, 'O_DIRECT'], [0o400000, 'O_LARGEFILE'],
  [0o1000000, 'O_NOATIME'], [0o2000000, 'O_CLOEXEC'], [0o10000000, 'O_PATH'], [0o20040000, 'O_TMPFILE'],
];
// O_SYNC and O_TMPFILE are multi-bit; list them before their single-bit parts.
const ordered = (t: FlagTable): FlagTable => [...t].sort((a, b) => popcount(b[0]) - popcount(a[0]) || a[0] - b[0]);
function popcount(v: number): number {
  let n = 0;
  for (let x = v >>> 0; x; x &= x - 1) n++;
  return n;
}

export function openFlagTable(abi: SyscallAbi): FlagTable {
  return abi === 'arm64' ? ordered(OPEN_ARM64) : ordered(OPEN_X86);
}

/** `O_RDONLY|O_CLOEXEC`: the access mode first, then the other flags in ascending order. */
export function formatOpenFlags(value: number, abi: SyscallAbi): string {
  const acc = value & 3;
  const mode = ['O_RDONLY', 'O_WRONLY', 'O_RDWR', '0x3'][acc]!;
  const rest = value & ~3;
  if (rest === 0) return mode;
  // The multi-bit flags are matched first, then printed in bit order like strace.
  const table = openFlagTable(abi);
  let bits = rest >>> 0;
  const found: [number, string][] = [];
  for (const [bit, name] of table) {
    if ((bits & bit) >>> 0 === bit >>> 0) {
      found.push([lowestBit(bit), name]);
      bits = (bits & ~bit) >>> 0;
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  const names = found.map((f) => f[1]);
  if (bits) names.push(`0x${bits.toString(16)}`);
  return [mode, ...names].join('|');
}

function lowestBit(v: number): number {
  return (v & -v) >>> 0;
}

/** O_* flags that carry no access mode (dup3, pipe2): `O_NONBLOCK|O_CLOEXEC`, or 0. */
export function formatFdFlags(value: number, abi: SyscallAbi): string {
  if (value === 0) return '0';
  const full = formatOpenFlags(value & ~3, abi);
  const named = full.split('|').slice(1);
  const acc = value & 3;
  if (acc) named.push(`0x${acc.toString(16)}`);
  return named.join('|');
}

export function openTakesMode(flags: number, abi: SyscallAbi): boolean {
  const tmpfile = abi === 'arm64' ? 0o20000000 : 0o20000000;
  return (flags & 0o100) !== 0 || (flags & tmpfile) !== 0;
}

/** access(2)'s mode bits (unistd.h); 0 is F_OK. */
export const ACCESS_MODES: FlagTable = [[4, 'R_OK'], [2, 'W_OK'], [1, 'X_OK']];

export const PROT: FlagTable = [[1, 'PROT_READ'], [2, 'PROT_WRITE'], [4, 'PROT_EXEC'], [0x8, 'PROT_SEM'], [0x01000000, 'PROT_GROWSDOWN'], [0x02000000, 'PROT_GROWSUP']];

const MAP_FLAGS: FlagTable = [
  [0x10, 'MAP_FIXED'], [0x20, 'MAP_ANONYMOUS'], [0x100, 'MAP_GROWSDOWN'], [0x800, 'MAP_DENYWRITE'],
  [0x1000, 'MAP_EXECUTABLE'], [0x2000, 'MAP_LOCKED'], [0x4000, 'MAP_NORESERVE'], [0x8000, 'MAP_POPULATE'],
  [0x10000, 'MAP_NONBLOCK'], [0x20000, 'MAP_STACK'], [0x40000, 'MAP_HUGETLB'], [0x80000, 'MAP_SYNC'],
  [0x100000, 'MAP_FIXED_NOREPLACE'], [0x4000000, 'MAP_UNINITIALIZED'],
];
const X86_MAP_32BIT: FlagTable = [[0x40, 'MAP_32BIT']];

export function formatMapFlags(value: number, abi: SyscallAbi): string {
  const type = value & 0xf;
  const kind = ['0', 'MAP_SHARED', 'MAP_PRIVATE', 'MAP_SHARED_VALIDATE'][type] ?? `0x${type.toString(16)}`;
  const rest = value & ~0xf;
  if (rest === 0) return kind;
  return `${kind}|${formatFlags(rest, abi === 'arm64' ? MAP_FLAGS : [...MAP_FLAGS, ...X86_MAP_32BIT].sort((a, b) => a[0] - b[0]))}`;
}

export const AT_FLAGS: FlagTable = [
  [0x100, 'AT_SYMLINK_NOFOLLOW'], [0x200, 'AT_REMOVEDIR'], [0x400, 'AT_SYMLINK_FOLLOW'], [0x800, 'AT_NO_AUTOMOUNT'],
  [0x1000, 'AT_EMPTY_PATH'], [0x2000, 'AT_STATX_FORCE_SYNC'], [0x4000, 'AT_STATX_DONT_SYNC'],
];

export const WHENCE: FlagTable = [[0, 'SEEK_SET'], [1, 'SEEK_CUR'], [2, 'SEEK_END'], [3, 'SEEK_DATA'], [4, 'SEEK_HOLE']];

export const CLOCKS: FlagTable = [
  [0, 'CLOCK_REALTIME'], [1, 'CLOCK_MONOTONIC'], [2, 'CLOCK_PROCESS_CPUTIME_ID'], [3, 'CLOCK_THREAD_CPUTIME_ID'],
  [4, 'CLOCK_MONOTONIC_RAW'], [5, 'CLOCK_REALTIME_COARSE'], [6, 'CLOCK_MONOTONIC_COARSE'], [7, 'CLOCK_BOOTTIME'],
  [8, 'CLOCK_REALTIME_ALARM'], [9, 'CLOCK_BOOTTIME_ALARM'], [11, 'CLOCK_TAI'],
];

export const RESOURCES: FlagTable = [
  [0, 'RLIMIT_CPU'], [1, 'RLIMIT_FSIZE'], [2, 'RLIMIT_DATA'], [3, 'RLIMIT_STACK'], [4, 'RLIMIT_CORE'], [5, 'RLIMIT_RSS'],
  [6, 'RLIMIT_NPROC'], [7, 'RLIMIT_NOFILE'], [8, 'RLIMIT_MEMLOCK'], [9, 'RLIMIT_AS'], [10, 'RLIMIT_LOCKS'],
  [11, 'RLIMIT_SIGPENDING'], [12, 'RLIMIT_MSGQUEUE'], [13, 'RLIMIT_NICE'], [14, 'RLIMIT_RTPRIO'], [15, 'RLIMIT_RTTIME'],
];

export const FCNTL_CMDS: FlagTable = [
  [0, 'F_DUPFD'], [1, 'F_GETFD'], [2, 'F_SETFD'], [3, 'F_GETFL'], [4, 'F_SETFL'], [5, 'F_GETLK'], [6, 'F_SETLK'],
  [7, 'F_SETLKW'], [8, 'F_SETOWN'], [9, 'F_GETOWN'], [10, 'F_SETSIG'], [11, 'F_GETSIG'], [15, 'F_SETOWN_EX'],
  [16, 'F_GETOWN_EX'], [17, 'F_GETOWNER_UIDS'], [1024, 'F_SETLEASE'],
  [1025, 'F_GETLEASE'], [1026, 'F_NOTIFY'], [1030, 'F_DUPFD_CLOEXEC'], [1031, 'F_SETPIPE_SZ'], [1032, 'F_GETPIPE_SZ'],
  [1033, 'F_ADD_SEALS'], [1034, 'F_GET_SEALS'],
];

export const IOCTLS: FlagTable = [[0x5401, 'TCGETS'], [0x5402, 'TCSETS'], [0x5413, 'TIOCGWINSZ'], [0x541b, 'FIONREAD'], [0x5421, 'FIONBIO'], [0x5451, 'FIOCLEX'], [0x5450, 'FIONCLEX']];

export const ARCH_PRCTL: FlagTable = [[0x1001, 'ARCH_SET_GS'], [0x1002, 'ARCH_SET_FS'], [0x1003, 'ARCH_GET_FS'], [0x1004, 'ARCH_GET_GS'], [0x3001, 'ARCH_GET_CPUID'], [0x3002, 'ARCH_SET_CPUID']];

export const GRND: FlagTable = [[1, 'GRND_NONBLOCK'], [2, 'GRND_RANDOM'], [4, 'GRND_INSECURE']];

export const CLONE: FlagTable = [
  [0x100, 'CLONE_VM'], [0x200, 'CLONE_FS'], [0x400, 'CLONE_FILES'], [0x800, 'CLONE_SIGHAND'], [0x1000, 'CLONE_PIDFD'],
  [0x2000, 'CLONE_PTRACE'], [0x4000, 'CLONE_VFORK'], [0x8000, 'CLONE_PARENT'], [0x10000, 'CLONE_THREAD'],
  [0x20000, 'CLONE_NEWNS'], [0x40000, 'CLONE_SYSVSEM'], [0x80000, 'CLONE_SETTLS'], [0x100000, 'CLONE_PARENT_SETTID'],
  [0x200000, 'CLONE_CHILD_CLEARTID'], [0x400000, 'CLONE_DETACHED'], [0x800000, 'CLONE_UNTRACED'],
  [0x1000000, 'CLONE_CHILD_SETTID'], [0x2000000, 'CLONE_NEWCGROUP'], [0x4000000, 'CLONE_NEWUTS'], [0x8000000, 'CLONE_NEWIPC'],
  [0x10000000, 'CLONE_NEWUSER'], [0x20000000, 'CLONE_NEWPID'], [0x40000000, 'CLONE_NEWNET'], [0x80000000, 'CLONE_IO'],
];

export const FUTEX_OPS: FlagTable = [
  [0, 'FUTEX_WAIT'], [1, 'FUTEX_WAKE'], [2, 'FUTEX_FD'], [3, 'FUTEX_REQUEUE'], [4, 'FUTEX_CMP_REQUEUE'], [5, 'FUTEX_WAKE_OP'],
  [6, 'FUTEX_LOCK_PI'], [7, 'FUTEX_UNLOCK_PI'], [8, 'FUTEX_TRYLOCK_PI'], [9, 'FUTEX_WAIT_BITSET'], [10, 'FUTEX_WAKE_BITSET'],
];

/** `FUTEX_WAIT_PRIVATE`, `FUTEX_WAKE|FUTEX_CLOCK_REALTIME`: strace's futex op form. */
export function formatFutexOp(op: number): string {
  const cmd = op & 0x7f;
  const priv = (op & 128) !== 0;
  const rt = (op & 256) !== 0;
  const base = formatEnum(cmd, FUTEX_OPS, 'FUTEX');
  let s = priv && !base.includes('???') ? `${base}_PRIVATE` : base;
  if (rt) s += '|FUTEX_CLOCK_REALTIME';
  return s;
}

export const SIG_HOW: FlagTable = [[0, 'SIG_BLOCK'], [1, 'SIG_UNBLOCK'], [2, 'SIG_SETMASK']];

/** In strace's order (its sigact_flags table), which is not bit order: measured with strace 6.1
 *  on a sigaction(2) call with every flag set. */
export const SA_FLAGS: FlagTable = [
  [0x04000000, 'SA_RESTORER'], [0x08000000, 'SA_ONSTACK'], [0x10000000, 'SA_RESTART'], [0x40000000, 'SA_NODEFER'],
  [0x80000000, 'SA_RESETHAND'], [0x4, 'SA_SIGINFO'], [0x1, 'SA_NOCLDSTOP'], [0x2, 'SA_NOCLDWAIT'],
];

/** A 64-bit flag word (sa_flags is an unsigned long): named low bits, then the unknown bits
 *  as one hex number (`…|0xffffffff00000000`). */
export function formatFlags64(value: bigint, table: FlagTable, zero?: string): string {
  const low = Number(value & 0xffffffffn);
  let unknown = value & ~0xffffffffn;
  let rest = low >>> 0;
  const names: string[] = [];
  for (const [bit, name] of table) {
    if (bit !== 0 && (rest & bit) >>> 0 === bit >>> 0) {
      names.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  unknown |= BigInt(rest);
  if (unknown !== 0n) names.push(`0x${unknown.toString(16)}`);
  return names.length ? names.join('|') : (zero ?? '0');
}

export const S_IFMT: FlagTable = [
  [0o140000, 'S_IFSOCK'], [0o120000, 'S_IFLNK'], [0o100000, 'S_IFREG'], [0o60000, 'S_IFBLK'], [0o40000, 'S_IFDIR'],
  [0o20000, 'S_IFCHR'], [0o10000, 'S_IFIFO'],
];

/** `S_IFREG|0644` (st_mode in struct stat). */
export function formatStMode(mode: number): string {
  const type = mode & 0o170000;
  const perm = mode & 0o7777;
  const name = S_IFMT.find(([v]) => v === type)?.[1];
  const octal = `0${perm.toString(8)}`;
  return name ? `${name}|${octal}` : octal;
}

/** Permission modes in octal with a leading 0, as strace prints them (`0644`, `01444`, `0`). */
export function formatMode(mode: number): string {
  return `0${(mode >>> 0).toString(8)}`.replace(/^00+/, '0');
}
