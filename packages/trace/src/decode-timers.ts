// Decoders for the timer and signal-wait syscalls, as strace prints them (strace's itimer.c,
// time.c, signal.c / printsiginfo.c and their xlat tables):
//   setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=1, tv_usec=0}}, NULL) = 0
//   timer_create(CLOCK_MONOTONIC, {sigev_value={sival_int=42, sival_ptr=0x2a}, sigev_signo=SIGUSR1, sigev_notify=SIGEV_SIGNAL}, [0]) = 0
//   timer_settime(0, TIMER_ABSTIME, {it_interval=…, it_value=…}, NULL) = 0
//   rt_sigqueueinfo(1234, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=0, si_uid=0, si_int=7, si_ptr=0x7}) = 0
// i386 (compat) structs have 32-bit longs and pointers; the sigevent's value is then 4 bytes.

import type { ArgType, SigInfo, SyscallAbi } from '@vsys/kernel';
import { formatEnum, formatFlags, type FlagTable } from './flags.js';
import type { CallView } from './decode.js';
import { formatSigInfo, formatSigset, formatSignal } from './signals.js';

export const TIMER_OUTPUT_TYPES: readonly ArgType[] = ['outitimerval', 'outtimerid', 'outoldsigset'];

const ITIMER_WHICH: FlagTable = [[0, 'ITIMER_REAL'], [1, 'ITIMER_VIRTUAL'], [2, 'ITIMER_PROF']];
const TIMER_FLAGS: FlagTable = [[1, 'TIMER_ABSTIME']];
const SIGEV_NOTIFY: FlagTable = [[0, 'SIGEV_SIGNAL'], [1, 'SIGEV_NONE'], [2, 'SIGEV_THREAD'], [4, 'SIGEV_THREAD_ID']];

const ptr = (v: bigint): string => (v === 0n ? 'NULL' : `0x${v.toString(16)}`);

function readStruct(view: CallView, i: number, size: number, show: (b: Uint8Array) => string): string {
  const raw = view.args.u64(i);
  if (raw === 0n) return 'NULL';
  const addr = view.args.ptr(i);
  const b = addr < 0 ? null : view.mem.read(addr, size);
  return b ? show(b) : ptr(raw);
}

/** struct itimerval {it_interval, it_value} of timevals with `word`-byte fields. */
function itimerval(b: Uint8Array, word: 4 | 8): string {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const at = (k: number): bigint => (word === 8 ? v.getBigInt64(k * 8, true) : BigInt(v.getInt32(k * 4, true)));
  return `{it_interval={tv_sec=${at(0)}, tv_usec=${at(1)}}, it_value={tv_sec=${at(2)}, tv_usec=${at(3)}}}`;
}

/** struct sigevent as strace's print_sigevent: the value (when not 0), the signal (a number
 *  unless the notification is SIGEV_SIGNAL, SIGEV_THREAD or SIGEV_THREAD_ID), the
 *  notification, and the thread id for SIGEV_THREAD_ID. */
function sigevent(b: Uint8Array, abi: SyscallAbi): string {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const compat = abi === 'i386';
  const value = compat ? BigInt(v.getUint32(0, true)) : v.getBigUint64(0, true);
  const signo = v.getInt32(compat ? 4 : 8, true);
  const notify = v.getInt32(compat ? 8 : 12, true);
  const tid = v.getInt32(compat ? 12 : 16, true);
  const parts: string[] = [];
  if (value !== 0n) parts.push(`sigev_value={sival_int=${Number(BigInt.asIntN(32, value))}, sival_ptr=${ptr(value)}}`);
  // A signal name only where the notification sends one (print_sigevent).
  parts.push(`sigev_signo=${notify === 0 || notify === 2 || notify === 4 ? formatSignal(signo) : String(signo)}`);
  parts.push(`sigev_notify=${formatEnum(notify, SIGEV_NOTIFY, 'SIGEV')}`);
  if (notify === 4) parts.push(`sigev_notify_thread_id=${tid}`);
  return `{${parts.join(', ')}}`;
}

/** A siginfo_t in user memory (rt_sigqueueinfo's, rt_sigtimedwait's): `{}` when si_signo is 0,
 *  else as a `--- SIG… ---` line shows it. */
export function siginfoAt(b: Uint8Array, abi: SyscallAbi): string {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const signo = v.getInt32(0, true);
  if (signo === 0) return '{}';
  const code = v.getInt32(8, true);
  const u = abi === 'i386' ? 12 : 16;
  const value = abi === 'i386' ? BigInt(v.getUint32(u + 8, true)) : v.getBigUint64(u + 8, true);
  const info: SigInfo =
    code === -2
      ? { signo, code, timerId: v.getInt32(u, true), overrun: v.getInt32(u + 4, true), value }
      : { signo, code, pid: v.getInt32(u, true), uid: v.getUint32(u + 4, true), status: v.getInt32(u + 8, true), value };
  if (code > 0 && code < 0x80 && [4, 5, 7, 8, 11].includes(signo)) info.addr = abi === 'i386' ? BigInt(v.getUint32(u, true)) : v.getBigUint64(u, true);
  return formatSigInfo(info);
}

/** Decodes one argument of a timer / signal-wait type; undefined for types it does not own. */
export function decodeTimerArg(view: CallView, i: number, type: ArgType, result: bigint | null): string | undefined {
  const a = view.args;
  const failed = result !== null && result < 0n && result >= -4095n;
  const word = view.abi === 'i386' ? 4 : 8;
  switch (type) {
    case 'itimerwhich':
      return formatEnum(a.int(i), ITIMER_WHICH, 'ITIMER');
    case 'itimerval':
      return readStruct(view, i, 4 * word, (b) => itimerval(b, word));
    case 'outitimerval':
      if (result === null || failed) return ptr(a.u64(i));
      return readStruct(view, i, 4 * word, (b) => itimerval(b, word));
    case 'sigevent':
      return readStruct(view, i, view.abi === 'i386' ? 16 : 20, (b) => sigevent(b, view.abi));
    case 'outtimerid':
      if (result === null || failed) return ptr(a.u64(i));
      return readStruct(view, i, 4, (b) => `[${new DataView(b.buffer, b.byteOffset).getInt32(0, true)}]`);
    case 'timerflags':
      return formatFlags(a.int(i), TIMER_FLAGS);
    case 'siginfo':
      return readStruct(view, i, 128, (b) => siginfoAt(b, view.abi));
    case 'sigsetval':
      return formatSigset(BigInt(a.int(i) >>> 0));
    case 'oldsigset':
      return readStruct(view, i, 4, (b) => formatSigset(BigInt(new DataView(b.buffer, b.byteOffset).getUint32(0, true)), 4));
    case 'outoldsigset':
      if (result === null || failed) return ptr(a.u64(i));
      return readStruct(view, i, 4, (b) => formatSigset(BigInt(new DataView(b.buffer, b.byteOffset).getUint32(0, true)), 4));
  }
  return undefined;
}
