// Decoders for the event-file syscalls (epoll, eventfd, timerfd, signalfd), as strace prints
// them (strace's epoll.c, eventfd.c, timerfd.c, signalfd.c and their xlat tables):
//   epoll_ctl(3, EPOLL_CTL_ADD, 5, {events=EPOLLIN|EPOLLET, data={u32=3, u64=4294967299}}) = 0
//   epoll_wait(3, [{events=EPOLLIN, data={u32=3, u64=3}}], 4, -1) = 1
//   eventfd2(3, EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK) = 5
//   timerfd_settime(7, 0, {it_interval={tv_sec=0, tv_nsec=5000000}, it_value={…}}, NULL) = 0
// Flag words keep strace's table order (not bit order: EFD_CLOEXEC before EFD_NONBLOCK).
// struct epoll_event is 12 bytes (packed) on x86-64 and i386, 16 on arm64.

import type { ArgType } from '@vsys/kernel';
import { formatEnum, formatFlags, type FlagTable } from './flags.js';
import { formatSigset } from './signals.js';
import { quoteBytes } from './quote.js';
import type { CallView, DecodeOptions } from './decode.js';

/** Decoded at exit: what the kernel wrote, and epoll_pwait's mask (strace prints it at exit, as an
 *  address when the call failed). */
export const EVENT_OUTPUT_TYPES: readonly ArgType[] = ['epollevents', 'outitimerspec', 'sizedsigset'];

export const EPOLL_EVENTS: FlagTable = [
  [0x1, 'EPOLLIN'], [0x2, 'EPOLLPRI'], [0x4, 'EPOLLOUT'], [0x8, 'EPOLLERR'], [0x10, 'EPOLLHUP'], [0x20, 'EPOLLNVAL'],
  [0x40, 'EPOLLRDNORM'], [0x80, 'EPOLLRDBAND'], [0x100, 'EPOLLWRNORM'], [0x200, 'EPOLLWRBAND'], [0x400, 'EPOLLMSG'],
  [0x2000, 'EPOLLRDHUP'], [1 << 28, 'EPOLLEXCLUSIVE'], [1 << 29, 'EPOLLWAKEUP'], [1 << 30, 'EPOLLONESHOT'], [1 << 31, 'EPOLLET'],
];
const EPOLL_CTL_OPS: FlagTable = [[1, 'EPOLL_CTL_ADD'], [2, 'EPOLL_CTL_DEL'], [3, 'EPOLL_CTL_MOD']];
const EPOLL_FLAGS: FlagTable = [[0o2000000, 'EPOLL_CLOEXEC']];
const EFD_FLAGS: FlagTable = [[1, 'EFD_SEMAPHORE'], [0o2000000, 'EFD_CLOEXEC'], [0o4000, 'EFD_NONBLOCK']];
/** strace has one table for timerfd_create's and timerfd_settime's flags. */
const TFD_FLAGS: FlagTable = [[1, 'TFD_TIMER_ABSTIME'], [2, 'TFD_TIMER_CANCEL_ON_SET'], [0o2000000, 'TFD_CLOEXEC'], [0o4000, 'TFD_NONBLOCK']];
const SFD_FLAGS: FlagTable = [[0o2000000, 'SFD_CLOEXEC'], [0o4000, 'SFD_NONBLOCK']];
/** strace's memfd_create table (this machine's strace knows no MFD_NOEXEC_SEAL / MFD_EXEC). */
const MFD_FLAGS: FlagTable = [[1, 'MFD_CLOEXEC'], [2, 'MFD_ALLOW_SEALING'], [4, 'MFD_HUGETLB']];

/** strace's default array limit (-s also bounds how many elements an array shows). */
const MAX_ELEMENTS = 32;

const ptr = (v: bigint): string => (v === 0n ? 'NULL' : `0x${v.toString(16)}`);

/** strace's printflags: known bits by name, unknown ones as hex after them; a value with no
 *  known bit at all reads `0x10 /* EFD_??? *\/`. */
function flagWord(value: number, table: FlagTable, prefix: string, sep = '_'): string {
  const v = value >>> 0;
  if (v !== 0 && table.every(([bit]) => (v & bit) >>> 0 !== bit >>> 0)) return `0x${v.toString(16)} /* ${prefix}${sep}??? */`;
  return formatFlags(v, table);
}

function epollEvent(b: Uint8Array, off: number, wide: boolean): string {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const events = v.getUint32(off, true);
  const data = v.getBigUint64(off + (wide ? 8 : 4), true);
  return `{events=${flagWord(events, EPOLL_EVENTS, 'EPOLL', '')}, data={u32=${Number(data & 0xffffffffn)}, u64=${data}}}`;
}

/** struct itimerspec {it_interval, it_value} of `word`-byte fields. */
function itimerspec(b: Uint8Array, word: 4 | 8): string {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const at = (k: number): bigint => (word === 8 ? v.getBigInt64(k * 8, true) : BigInt(v.getInt32(k * 4, true)));
  return `{it_interval={tv_sec=${at(0)}, tv_nsec=${at(1)}}, it_value={tv_sec=${at(2)}, tv_nsec=${at(3)}}}`;
}

function readStruct(view: CallView, i: number, size: number, show: (b: Uint8Array) => string): string {
  const raw = view.args.u64(i);
  if (raw === 0n) return 'NULL';
  const addr = view.args.ptr(i);
  const b = addr < 0 ? null : view.mem.read(addr, size);
  return b ? show(b) : ptr(raw);
}

/** Decodes one argument of an event-file type; undefined for types it does not own. */
export function decodeEventArg(view: CallView, i: number, type: ArgType, lenArg: number | undefined, result: bigint | null, o: DecodeOptions): string | undefined {
  const a = view.args;
  const failed = result !== null && result < 0n && result >= -4095n;
  const wide = view.abi === 'arm64';
  const size = wide ? 16 : 12;
  const word: 4 | 8 = view.abi === 'i386' && !view.decl.name.endsWith('64') ? 4 : 8;
  switch (type) {
    case 'epollflags':
      return flagWord(a.int(i), EPOLL_FLAGS, 'EPOLL');
    case 'epollctlop':
      return formatEnum(a.int(i), EPOLL_CTL_OPS, 'EPOLL_CTL');
    case 'epollevent':
      // strace decodes the event for ADD and MOD only: DEL's (ignored) argument is an address.
      if (view.args.int(1) === 2) return ptr(a.u64(i));
      return readStruct(view, i, size, (b) => epollEvent(b, 0, wide));
    case 'epollevents': {
      if (result === null || failed) return ptr(a.u64(i));
      const n = Number(result);
      if (n === 0) return '[]';
      const shown = Math.min(n, MAX_ELEMENTS);
      return readStruct(view, i, shown * size, (b) => {
        const items: string[] = [];
        for (let k = 0; k < shown; k++) items.push(epollEvent(b, k * size, wide));
        if (n > shown) items.push('...');
        return `[${items.join(', ')}]`;
      });
    }
    case 'efdflags':
      return flagWord(a.int(i), EFD_FLAGS, 'EFD');
    case 'tfdflags':
      return flagWord(a.int(i), TFD_FLAGS, 'TFD');
    case 'tfdsetflags':
      return flagWord(a.int(i), TFD_FLAGS, 'TFD');
    case 'sizedsigset': {
      // A sigset whose size is another argument. The epoll_pwait family prints it at exit, and as
      // an address when the call failed.
      // strace's print_sigset_addr_len: a size of whole words (4 or 8 bytes on i386, 8 on 64-bit
      // ABIs) up to 8 is read; another size shows the address.
      const len = lenArg === undefined ? -1 : Number(a.u64(lenArg) & 0xffffn);
      const word = view.abi === 'i386' ? 4 : 8;
      if (len < word || len > 8 || len % word !== 0) return ptr(a.u64(i));
      if (failed && view.decl.name.startsWith('epoll_pwait')) return ptr(a.u64(i));
      return readStruct(view, i, len, (b) => {
        const v = new DataView(b.buffer, b.byteOffset, len);
        return formatSigset(len === 8 ? v.getBigUint64(0, true) : BigInt(v.getUint32(0, true)));
      });
    }
    case 'cstring': {
      // A NUL-terminated string shown like a buffer: quoted, cut at -s with "..." (memfd_create's name).
      const raw = a.u64(i);
      if (raw === 0n) return 'NULL';
      const addr = a.ptr(i);
      const s = addr < 0 ? null : view.mem.readCString(addr, o.strsize + 1);
      if (s === null) return ptr(raw);
      if (s === 'toolong') {
        const b = view.mem.read(addr, o.strsize);
        return b ? quoteBytes(b, true, o.hex) : ptr(raw);
      }
      return quoteBytes(s, false, o.hex);
    }
    case 'mfdflags':
      return flagWord(a.int(i), MFD_FLAGS, 'MFD');
    case 'sfdflags':
      return flagWord(a.int(i), SFD_FLAGS, 'SFD');
    case 'itimerspec':
      return readStruct(view, i, 4 * word, (b) => itimerspec(b, word));
    case 'outitimerspec':
      if (result === null || failed) return ptr(a.u64(i));
      return readStruct(view, i, 4 * word, (b) => itimerspec(b, word));
    default:
      return undefined;
  }
}
