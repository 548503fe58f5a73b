// Argument decoders: one per ArgType of the syscall declarations (packages/kernel/src/syscalls/
// types.ts), each printing what strace prints for that kind of argument. Inputs are decoded when
// the call enters; outputs (buffers and structs the kernel fills) when it returns, and only on
// success — after a failure strace shows the pointer instead.

import { formatFcntlArg, isFcntl } from './decode-fcntl.js';
import type { ArgType, SyscallAbi, SyscallArgs, SyscallDecl, UserMemory } from '@vsys/kernel';
import { hexBytes, quoteBytes, type HexMode } from './quote.js';
import { decodeEventArg, EVENT_OUTPUT_TYPES } from './events.js';
import {
  ACCESS_MODES, ARCH_PRCTL, AT_FLAGS, CLOCKS, CLONE, FCNTL_CMDS, GRND, IOCTLS, PROT, RESOURCES, SA_FLAGS, SIG_HOW, WHENCE,
  type FlagTable, formatEnum, formatFdFlags, formatFlags, formatFlags64, formatFutexOp, formatMapFlags, formatMode, formatOpenFlags, formatStMode, openTakesMode,
} from './flags.js';
import { formatSigInfo, formatSigset, formatSignal } from './signals.js';
import { decodeTimerArg, siginfoAt, TIMER_OUTPUT_TYPES } from './decode-timers.js';
import { decodeMiscArg, MISC_OUTPUT_TYPES, MREMAP_FLAGS } from './decode-misc.js';
import { decodeNetArg, decodeNetExit, NET_INOUT_TYPES, NET_OUTPUT_TYPES } from './decode-net.js';

/** Types the kernel writes: shown at exit. */
export const OUTPUT_TYPES: ReadonlySet<ArgType> = new Set<ArgType>([
  ...EVENT_OUTPUT_TYPES,
  'outstring', 'outiovec', 'stat', 'outrlimit', 'outtimespec', 'remtimespec', 'outstack', 'pipefds', 'dirents', 'utsname', 'random_bytes',
  ...TIMER_OUTPUT_TYPES,
  'outsigset', 'outsigaction', 'waitstatus', 'outsiginfo', ...MISC_OUTPUT_TYPES, ...NET_OUTPUT_TYPES,
]);

/** Arguments shown at entry and again at exit with what the kernel wrote there (a socklen_t*
 *  as `[110 => 16]`). */
export function isInOutArg(view: CallView, i: number): boolean {
  return NET_INOUT_TYPES.has(view.decl.args[i]!.type);
}

/** The exit text of an in/out argument whose entry text was `entry`. */
export function decodeInOutExit(view: CallView, i: number, entry: string, result: bigint, o: DecodeOptions): string {
  return decodeNetExit(view, i, view.decl.args[i]!.type, entry, result, o);
}

/** arch_prctl(ARCH_GET_FS/GS, addr): the kernel writes the base to *addr, shown as `[0x…]`. */
function archPrctlGets(view: CallView): boolean {
  const code = view.args.int(0);
  return view.decl.name === 'arch_prctl' && (code === 0x1003 || code === 0x1004);
}

/** Whether argument `i` is written by the kernel (decoded at exit). */
export function isOutputArg(view: CallView, i: number): boolean {
  if (i === 1 && archPrctlGets(view)) return true;
  if (i === 2 && isFcntl(view) && view.args.int(1) === 16) return true; // F_GETOWN_EX fills its struct
  return OUTPUT_TYPES.has(view.decl.args[i]!.type);
}

export interface DecodeOptions {
  /** -s: bytes of a string buffer to show (default 32). */
  strsize: number;
  /** -x / -xx. */
  hex: HexMode;
}

export interface CallView {
  abi: SyscallAbi;
  mem: UserMemory;
  args: SyscallArgs;
  decl: SyscallDecl;
}

const PATH_MAX = 4096;

export function pointer(v: bigint): string {
  return v === 0n ? 'NULL' : `0x${v.toString(16)}`;
}

function hexNumber(v: bigint): string {
  return v === 0n ? '0' : `0x${v.toString(16)}`;
}

function u64At(bytes: Uint8Array, off: number): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(off, true);
}

function i64At(bytes: Uint8Array, off: number): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigInt64(off, true);
}

function u32At(bytes: Uint8Array, off: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(off, true);
}

/** A buffer of `len` bytes at arg `i`, cut to -s, quoted; the address when unreadable. */
function buffer(view: CallView, i: number, len: number, o: DecodeOptions): string {
  const addr = view.args.ptr(i);
  if (view.args.u64(i) === 0n) return 'NULL';
  const shown = Math.min(len, o.strsize);
  const bytes = addr < 0 ? null : view.mem.read(addr, shown);
  if (!bytes) return pointer(view.args.u64(i));
  return quoteBytes(bytes, len > shown, o.hex);
}

function path(view: CallView, i: number, o: DecodeOptions): string {
  const raw = view.args.u64(i);
  if (raw === 0n) return 'NULL';
  const addr = view.args.ptr(i);
  const s = addr < 0 ? null : view.mem.readCString(addr, PATH_MAX);
  if (s === null) return pointer(raw);
  if (s === 'toolong') {
    const bytes = view.mem.read(addr, PATH_MAX);
    return bytes ? quoteBytes(bytes, true, o.hex) : pointer(raw);
  }
  return quoteBytes(s, false, o.hex);
}

function struct(view: CallView, i: number, size: number, show: (b: Uint8Array) => string): string {
  const raw = view.args.u64(i);
  if (raw === 0n) return 'NULL';
  const addr = view.args.ptr(i);
  const b = addr < 0 ? null : view.mem.read(addr, size);
  return b ? show(b) : pointer(raw);
}

function rlimValue(v: bigint): string {
  if (v === 0xffffffffffffffffn) return 'RLIM64_INFINITY';
  if (v !== 0n && v % 1024n === 0n) return `${v / 1024n}*1024`;
  return v.toString();
}

/** struct stat offsets: x86-64 (arch/x86/include/uapi/asm/stat.h) and asm-generic (arm64). */
function formatStat(b: Uint8Array, abi: SyscallAbi): string {
  const generic = abi === 'arm64';
  const mode = u32At(b, generic ? 16 : 24);
  const rdev = u64At(b, generic ? 32 : 40);
  const size = i64At(b, 48);
  const type = mode & 0o170000;
  if (type === 0o20000 || type === 0o60000) {
    const major = Number(((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & ~0xfffn));
    const minor = Number((rdev & 0xffn) | ((rdev >> 12n) & ~0xffn));
    return `{st_mode=${formatStMode(mode)}, st_rdev=makedev(0x${major.toString(16)}, 0x${minor.toString(16)}), ...}`;
  }
  return `{st_mode=${formatStMode(mode)}, st_size=${size}, ...}`;
}

function timespecAt(b: Uint8Array, usec: boolean): string {
  return `{tv_sec=${i64At(b, 0)}, ${usec ? 'tv_usec' : 'tv_nsec'}=${i64At(b, 8)}}`;
}

/** `total` null: every buffer's bytes (an input); a number: the first `total` bytes (an output);
 *  'addresses': the buffer addresses only (an output of a failed call: strace's tprint_iov with
 *  decode_iov off). */
function iovecs(view: CallView, i: number, count: number, total: number | null | 'addresses', o: DecodeOptions): string {
  const raw = view.args.u64(i);
  if (raw === 0n) return 'NULL';
  const addr = view.args.ptr(i);
  if (count < 0 || count > 1024 || addr < 0) return pointer(raw);
  const table = view.mem.read(addr, count * 16);
  if (!table) return pointer(raw);
  const parts: string[] = [];
  let left = total === 'addresses' ? 0 : total ?? Number.MAX_SAFE_INTEGER;
  for (let k = 0; k < count; k++) {
    const base = u64At(table, k * 16);
    const len = Number(u64At(table, k * 16 + 8));
    if (total === 'addresses') {
      parts.push(`{iov_base=${pointer(base)}, iov_len=${len}}`);
      continue;
    }
    const take = Math.max(0, Math.min(len, left));
    left -= take;
    const shown = Math.min(take, o.strsize);
    const data = base < 1n << 53n ? view.mem.read(Number(base), shown) : null;
    const text = data ? quoteBytes(data, take > shown, o.hex) : pointer(base);
    parts.push(`{iov_base=${text}, iov_len=${len}}`);
  }
  return `[${parts.join(', ')}]`;
}

function utsname(b: Uint8Array): string {
  const field = (k: number): string => {
    const f = b.subarray(k * 65, k * 65 + 65);
    const end = f.indexOf(0);
    return quoteBytes(f.subarray(0, end < 0 ? 65 : end), false);
  };
  return `{sysname=${field(0)}, nodename=${field(1)}, ...}`;
}

function countDirents(b: Uint8Array): number {
  let n = 0;
  for (let off = 0; off + 19 <= b.length; n++) {
    const reclen = b[off + 16]! | (b[off + 17]! << 8);
    if (reclen === 0) break;
    off += reclen;
  }
  return n;
}

/** sigaltstack's stack_t as strace's print_stack_t: {ss_sp, int ss_flags, size_t ss_size}
 *  (24 bytes; 12 on i386). */
function altStack(view: CallView, i: number): string {
  const compat = view.abi === 'i386';
  return struct(view, i, compat ? 12 : 24, (b) => {
    const sp = compat ? BigInt(u32At(b, 0)) : u64At(b, 0);
    const flags = u32At(b, compat ? 4 : 8);
    const size = compat ? BigInt(u32At(b, 8)) : u64At(b, 16);
    return `{ss_sp=${pointer(sp)}, ss_flags=${formatFlags(flags, SS_FLAGS)}, ss_size=${size}}`;
  });
}

/** sigaltstack's flags (strace's xlat/sigaltstack_flags). */
const SS_FLAGS: FlagTable = [[1, 'SS_ONSTACK'], [2, 'SS_DISABLE'], [0x80000000, 'SS_AUTODISARM']];

function sigaction(view: CallView, i: number, o: DecodeOptions): string {
  void o;
  return struct(view, i, 32, (b) => {
    const handler = u64At(b, 0);
    const flags64 = u64At(b, 8);
    const flags = Number(flags64 & 0xffffffffn);
    const restorer = u64At(b, 16);
    const mask = u64At(b, 24);
    const h = handler === 0n ? 'SIG_DFL' : handler === 1n ? 'SIG_IGN' : pointer(handler);
    const parts = [`sa_handler=${h}`, `sa_mask=${formatSigset(mask)}`, `sa_flags=${formatFlags64(flags64, SA_FLAGS)}`];
    if (flags & 0x04000000) parts.push(`sa_restorer=${pointer(restorer)}`);
    return `{${parts.join(', ')}}`;
  });
}

// wait4 / waitid options as strace names them (its xlat/wait4_options: WUNTRACED is shown by its
// other name WSTOPPED, same value), and waitid's idtype (xlat/waitid_types).
const WAIT_OPTIONS: FlagTable = [
  [1, 'WNOHANG'], [2, 'WSTOPPED'], [4, 'WEXITED'], [8, 'WCONTINUED'], [0x01000000, 'WNOWAIT'],
  [0x20000000, '__WNOTHREAD'], [0x40000000, '__WALL'], [0x80000000, '__WCLONE'],
];
const ID_TYPES: FlagTable = [[0, 'P_ALL'], [1, 'P_PID'], [2, 'P_PGID'], [3, 'P_PIDFD']];

/** A wait status word as strace's printstatus shows it: `[{WIFEXITED(s) && WEXITSTATUS(s) == N}]`
 *  or `[{WIFSIGNALED(s) && WTERMSIG(s) == SIGx[ && WCOREDUMP(s)]}]`. */
function waitStatus(status: number): string {
  const sig = status & 0x7f;
  if (sig === 0) return `[{WIFEXITED(s) && WEXITSTATUS(s) == ${(status >> 8) & 0xff}}]`;
  if (sig !== 0x7f) return `[{WIFSIGNALED(s) && WTERMSIG(s) == ${formatSignal(sig)}${status & 0x80 ? ' && WCOREDUMP(s)' : ''}}]`;
  return `[{WIFSTOPPED(s) && WSTOPSIG(s) == ${formatSignal((status >> 8) & 0xff)}}]`;
}

/** execve's argv as strace's printargv shows it: the strings quoted (each cut to -s), at most
 *  -s of them before `...`; the address when unreadable. */
function argvArray(view: CallView, i: number, o: DecodeOptions): string {
  const raw = view.args.u64(i);
  if (raw === 0n) return 'NULL';
  const addr = view.args.ptr(i);
  const size = view.abi === 'i386' ? 4 : 8;
  const parts: string[] = [];
  for (let n = 0; addr >= 0; n++) {
    const w = view.mem.read(addr + n * size, size);
    if (!w) return n === 0 ? pointer(raw) : `[${parts.join(', ')}, ${pointer(BigInt(addr + n * size))}]`;
    const p = size === 8 ? u64At(w, 0) : BigInt(u32At(w, 0));
    if (p === 0n) break;
    if (n >= o.strsize) {
      parts.push('...');
      break;
    }
    const s = p < 1n << 53n ? view.mem.readCString(Number(p), o.strsize + 1) : null;
    if (s === null) parts.push(pointer(p));
    else if (s === 'toolong') parts.push(quoteBytes(view.mem.read(Number(p), o.strsize) ?? new Uint8Array(0), true, o.hex));
    else parts.push(quoteBytes(s, false, o.hex));
  }
  return `[${parts.join(', ')}]`;
}

/** execve's envp as strace shows it by default: the address and a "N vars" comment. */
function envpCount(view: CallView, i: number): string {
  const raw = view.args.u64(i);
  if (raw === 0n) return 'NULL';
  const addr = view.args.ptr(i);
  const size = view.abi === 'i386' ? 4 : 8;
  let n = 0;
  for (; addr >= 0 && n < 1 << 20; n++) {
    const w = view.mem.read(addr + n * size, size);
    if (!w) return pointer(raw);
    if ((size === 8 ? u64At(w, 0) : BigInt(u32At(w, 0))) === 0n) break;
  }
  return `${pointer(raw)} /* ${n} var${n === 1 ? '' : 's'} */`;
}

/** strace's print_sigset_addr_len: a sigset whose `sigsetsize` argument is larger than the
 *  kernel's (8 bytes) or not a whole number of words is shown as its address. */
function sigsetSizeOk(view: CallView): boolean {
  const at = view.decl.args.findIndex((x) => x.name === 'sigsetsize');
  if (at < 0) return true;
  const len = view.args.size(at);
  const word = view.abi === 'i386' ? 4 : 8;
  return len <= 8 && len % word === 0;
}

/** The text of argument `i` (type `type`) of a call. `result` is the return value at exit
 *  (null at entry). */
export function decodeArg(view: CallView, i: number, type: ArgType, lenArg: number | undefined, result: bigint | null, o: DecodeOptions): string {
  const a = view.args;
  const failed = result !== null && result < 0n && result >= -4095n;
  if (i === 1 && archPrctlGets(view)) {
    if (result === null || failed) return pointer(a.u64(i));
    return struct(view, i, 8, (b) => `[${pointer(u64At(b, 0))}]`);
  }
  if (i === 2 && isFcntl(view)) {
    const text = formatFcntlArg(view, result);
    if (text !== null) return text;
  }
  switch (type) {
    case 'int':
    case 'fd':
      return String(a.int(i));
    case 'uint':
      return a.u64(i).toString();
    case 'hex':
      return hexNumber(a.u64(i));
    case 'ptr':
      return pointer(a.u64(i));
    case 'dirfd':
      return a.int(i) === -100 ? 'AT_FDCWD' : String(a.int(i));
    case 'path':
      return path(view, i, o);
    case 'string':
      return buffer(view, i, lenArg !== undefined ? a.size(lenArg) : o.strsize, o);
    case 'outstring':
      if (result === null || failed) return pointer(a.u64(i));
      return buffer(view, i, Number(result), o);
    case 'iovec':
      return iovecs(view, i, lenArg !== undefined ? a.int(lenArg) : 0, null, o);
    case 'outiovec':
      if (result === null) return pointer(a.u64(i));
      if (failed) return iovecs(view, i, lenArg !== undefined ? a.int(lenArg) : 0, 'addresses', o);
      return iovecs(view, i, lenArg !== undefined ? a.int(lenArg) : 0, Number(result), o);
    case 'oflags':
      return formatOpenFlags(a.int(i), view.abi);
    case 'fdflags':
      return formatFdFlags(a.int(i), view.abi);
    case 'sighow':
      return formatEnum(a.int(i), SIG_HOW, 'SIG');
    case 'mode':
      return formatMode(a.int(i) & 0o7777777);
    case 'accessmode':
      return formatFlags(a.int(i), ACCESS_MODES, 'F_OK');
    case 'prot':
      return formatFlags(a.int(i), PROT, 'PROT_NONE');
    case 'mapflags':
      return formatMapFlags(a.int(i), view.abi);
    case 'atflags':
      return formatFlags(a.int(i), AT_FLAGS);
    case 'whence':
      return formatEnum(a.int(i) >>> 0, WHENCE, 'SEEK');
    case 'clockid':
      return formatEnum(a.int(i), CLOCKS, 'CLOCK');
    case 'resource':
      return formatEnum(a.int(i) >>> 0, RESOURCES, 'RLIMIT');
    case 'grnd_flags':
      return formatFlags(a.int(i), GRND);
    case 'arch_prctl_code':
      return formatEnum(a.int(i), ARCH_PRCTL, 'ARCH');
    case 'fcntlcmd':
      return formatEnum(a.int(i), FCNTL_CMDS, 'F');
    case 'ioctlcmd':
      return formatEnum(a.int(i) >>> 0, IOCTLS, '_IOC');
    case 'cloneflags': {
      const v = Number(a.u64(i) & 0xffffffffn);
      const sig = v & 0xff;
      const rest = formatFlags(v & ~0xff, CLONE);
      return sig ? (v & ~0xff ? `${rest}|${formatSignal(sig)}` : formatSignal(sig)) : rest;
    }
    case 'futexop':
      return formatFutexOp(a.int(i));
    case 'signal':
      return formatSignal(a.int(i));
    case 'sigset':
      if (!sigsetSizeOk(view)) return pointer(a.u64(i));
      return struct(view, i, 8, (b) => formatSigset(u64At(b, 0)));
    case 'sigaction':
      return sigaction(view, i, o);
    case 'sigmask_at':
      return struct(view, i, 8, (b) => `{mask=${formatSigset(u64At(b, 0))}}`);
    case 'outsigset':
      if (result === null || failed || !sigsetSizeOk(view)) return pointer(a.u64(i));
      return struct(view, i, 8, (b) => formatSigset(u64At(b, 0)));
    case 'outsigaction':
      if (result === null || failed) return pointer(a.u64(i));
      return sigaction(view, i, o);
    case 'timespec':
      return struct(view, i, 16, (b) => timespecAt(b, false));
    case 'timeval':
      return struct(view, i, 16, (b) => timespecAt(b, true));
    case 'outtimespec':
      if (result === null || failed) return pointer(a.u64(i));
      return struct(view, i, 16, (b) => timespecAt(b, false));
    case 'stack':
      return altStack(view, i);
    case 'outstack':
      if (result === null || failed) return pointer(a.u64(i));
      return altStack(view, i);
    case 'remtimespec':
      // strace's nanosleep: the time left only when the call was interrupted (is_erestart:
      // -ERESTARTSYS, -ERESTARTNOINTR, -ERESTARTNOHAND, -ERESTART_RESTARTBLOCK); else the pointer.
      if (result === null || !(result <= -512n && result >= -516n && result !== -515n)) return pointer(a.u64(i));
      return struct(view, i, 16, (b) => timespecAt(b, false));
    case 'rlimit':
      return struct(view, i, 16, (b) => `{rlim_cur=${rlimValue(u64At(b, 0))}, rlim_max=${rlimValue(u64At(b, 8))}}`);
    case 'outrlimit':
      if (result === null || failed) return pointer(a.u64(i));
      return struct(view, i, 16, (b) => `{rlim_cur=${rlimValue(u64At(b, 0))}, rlim_max=${rlimValue(u64At(b, 8))}}`);
    case 'stat':
      if (result === null || failed) return pointer(a.u64(i));
      return struct(view, i, 128, (b) => formatStat(b, view.abi));
    case 'pipefds':
      if (result === null || failed) return pointer(a.u64(i));
      return struct(view, i, 8, (b) => `[${u32At(b, 0) | 0}, ${u32At(b, 4) | 0}]`);
    case 'utsname':
      if (result === null || failed) return pointer(a.u64(i));
      return struct(view, i, 65 * 6, utsname);
    case 'dirents': {
      if (result === null || failed || result === 0n) return pointer(a.u64(i)) + (result === 0n ? ' /* 0 entries */' : '');
      return struct(view, i, Number(result), (b) => `${pointer(a.u64(i))} /* ${countDirents(b)} entries */`);
    }
    case 'random_bytes':
      if (result === null || failed) return pointer(a.u64(i));
      return struct(view, i, Math.min(Number(result), o.strsize), (b) => hexBytes(b, Number(result) > o.strsize));
    case 'sockaddr': case 'sockfamily': case 'socktype': case 'sockproto': case 'sockflags': case 'outsockaddr':
    case 'socklen': case 'msgflags': case 'msghdr': case 'outmsghdr': case 'shuthow': case 'sockoptlevel':
    case 'sockoptname': case 'sockoptval': case 'outsockoptval': case 'recvbuf': case 'socketcallnr': case 'mmsgvec': case 'outmmsgvec':
      return decodeNetArg(view, i, type, lenArg, result, o) ?? pointer(a.u64(i));
    case 'epollflags': case 'epollctlop': case 'epollevent': case 'epollevents': case 'efdflags': case 'tfdflags':
    case 'tfdsetflags': case 'itimerspec': case 'outitimerspec': case 'sfdflags': case 'sizedsigset': case 'mfdflags': case 'cstring':
      return decodeEventArg(view, i, type, lenArg, result, o) ?? pointer(a.u64(i));
    case 'argv':
      return argvArray(view, i, o);
    case 'envp':
      return envpCount(view, i);
    case 'waitstatus':
      // strace shows the status only when a child was reported (result > 0).
      if (result === null || failed || result === 0n) return pointer(a.u64(i));
      return struct(view, i, 4, (b) => waitStatus(u32At(b, 0)));
    case 'waitoptions':
    case 'waitidoptions':
      return formatFlags(a.int(i), WAIT_OPTIONS);
    case 'idtype':
      return formatEnum(a.int(i), ID_TYPES, 'P');
    case 'outsiginfo':
      if (result === null || failed) return pointer(a.u64(i));
      return struct(view, i, 128, (b) => siginfoAt(b, view.abi));
    case 'itimerwhich': case 'itimerval': case 'outitimerval': case 'sigevent': case 'outtimerid': case 'timerflags': case 'siginfo': case 'sigsetval': case 'oldsigset': case 'outoldsigset':
      return decodeTimerArg(view, i, type, result) ?? pointer(a.u64(i));
    case 'mremapflags': case 'msyncflags': case 'mlock2flags': case 'mlockallflags': case 'madvice': case 'mincorevec':
    case 'rwflags': case 'spliceflags': case 'fallocmode': case 'fadvice': case 'loffptr': case 'priowhich': case 'schedpolicy':
    case 'schedparam': case 'outschedparam': case 'outcpuset': case 'cpuset': case 'personality': case 'capheader': case 'capdata':
    case 'outcapdata': case 'xattrvalue': case 'outxattrvalue': case 'xattrlist': case 'xattrflags': case 'utimbuf': case 'timevals':
    case 'membarriercmd': case 'membarrierflags': case 'hostname': case 'lopair':
      return decodeMiscArg(view, i, type, lenArg, result, o);
  }
}

/** clone(2) as strace prints it: `child_stack=…, flags=…[, parent_tid=[N]][, tls=…]
 *  [, child_tidptr=…]`, each optional field only when a flag asks for it (strace's clone.c).
 *  The registers come in the ABI's order: x86-64 flags, stack, parent_tid, child_tid, tls; arm64
 *  and i386 flags, stack, parent_tid, tls, child_tid (CONFIG_CLONE_BACKWARDS). */
export function formatClone(view: CallView, result: bigint | null, o: DecodeOptions): string {
  const a = view.args;
  const flags = Number(a.u64(0) & 0xffffffffn);
  const x86 = view.abi === 'x86_64';
  const childTidAt = x86 ? 3 : 4;
  const tlsAt = x86 ? 4 : 3;
  const parts = [`child_stack=${pointer(a.u64(1))}`, `flags=${decodeArg(view, 0, 'cloneflags', undefined, result, o)}`];
  if (flags & (0x100000 | 0x1000)) {
    const ok = result !== null && result > 0n;
    parts.push(`parent_tid=${ok ? struct(view, 2, 4, (b) => `[${u32At(b, 0) | 0}]`) : pointer(a.u64(2))}`);
  }
  if (flags & 0x80000) parts.push(`tls=${pointer(a.u64(tlsAt))}`);
  if (flags & (0x1000000 | 0x200000)) parts.push(`child_tidptr=${pointer(a.u64(childTidAt))}`);
  return parts.join(', ');
}

/** Which arguments a call shows: open/openat print the mode only when O_CREAT or O_TMPFILE is
 *  set (strace's open decoder), fcntl the third argument only for commands that take one. */
export function visibleArgs(view: CallView): number[] {
  const idx = view.decl.args.map((_, i) => i);
  const name = view.decl.name;
  if (name === 'open' || name === 'openat') {
    const flagsAt = view.decl.args.findIndex((x) => x.type === 'oflags');
    if (flagsAt >= 0 && !openTakesMode(view.args.int(flagsAt), view.abi)) return idx.filter((i) => view.decl.args[i]!.type !== 'mode');
  }
  if (name === 'futex' || name === 'futex_time64') {
    // strace's futex decoder shows what each operation reads: WAIT uaddr, op, val, timeout;
    // WAKE uaddr, op, val; WAIT_BITSET and WAKE_BITSET add val3 (the bitset); others all six.
    const cmd = view.args.int(1) & 0x7f;
    if (cmd === 0) return [0, 1, 2, 3];
    if (cmd === 1) return [0, 1, 2];
    if (cmd === 9) return [0, 1, 2, 3, 5];
    if (cmd === 10) return [0, 1, 2, 5];
  }
  // The high halves of 64-bit values (pos_h, i386 register pairs) are shown inside 'lopair'.
  const hidden = view.decl.args.map((x, k) => (k > 0 && view.decl.args[k - 1]!.type === 'lopair' ? k : -1));
  if (hidden.some((k) => k >= 0)) return idx.filter((k) => !hidden.includes(k));
  if (name === 'membarrier' && !(view.args.int(1) & 1)) return [0, 1]; // cpu_id only with MEMBARRIER_CMD_FLAG_CPU
  if (name === 'mremap') {
    // strace shows new_address only for MREMAP_MAYMOVE|MREMAP_FIXED (mem.c).
    const both = (MREMAP_FLAGS[0]![0] | MREMAP_FLAGS[1]![0]);
    if ((view.args.int(3) & both) !== both) return idx.slice(0, 4);
  }
  // i386 sigsuspend(int, int, old_sigset_t): strace prints the mask alone.
  if (name === 'sigsuspend') return [2];
  if (name === 'fcntl' || name === 'fcntl64') {
    const cmd = view.args.int(1);
    if ([1, 3, 9, 11, 1025, 1032, 1034].includes(cmd)) return idx.slice(0, 2);
  }
  return idx;
}
