// fcntl's third argument and result as strace decodes them (strace src/fcntl.c): the argument by
// command — FD_CLOEXEC, open flags, a signal, a lease type, dnotify events, seals, a pipe size,
// struct f_owner_ex — and the results that carry names: `= 0x1 (flags FD_CLOEXEC)`,
// `= 0x802 (flags O_RDWR|O_NONBLOCK)`, `= 10 (SIGUSR1)`, `= 0x2 (F_UNLCK)`,
// `= 0x1 (seals F_SEAL_SEAL)`. Compared with strace 6.x on Linux 6.18.

import type { CallView } from './decode.js';
import { formatEnum, formatFlags, formatOpenFlags, type FlagTable } from './flags.js';
import { formatSignal } from './signals.js';

const F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4;
const F_SETOWN = 8, F_SETSIG = 10, F_GETSIG = 11, F_SETOWN_EX = 15, F_GETOWN_EX = 16;
const F_SETLEASE = 1024, F_GETLEASE = 1025, F_NOTIFY = 1026, F_DUPFD_CLOEXEC = 1030;
const F_SETPIPE_SZ = 1031, F_ADD_SEALS = 1033, F_GET_SEALS = 1034;

const FD_FLAGS: FlagTable = [[1, 'FD_CLOEXEC']];
const LEASE_TYPES: FlagTable = [[0, 'F_RDLCK'], [1, 'F_WRLCK'], [2, 'F_UNLCK']];
const OWNER_TYPES: FlagTable = [[0, 'F_OWNER_TID'], [1, 'F_OWNER_PID'], [2, 'F_OWNER_PGRP']];
const DN_EVENTS: FlagTable = [
  [0x1, 'DN_ACCESS'], [0x2, 'DN_MODIFY'], [0x4, 'DN_CREATE'], [0x8, 'DN_DELETE'], [0x10, 'DN_RENAME'], [0x20, 'DN_ATTRIB'],
  [0x80000000, 'DN_MULTISHOT'],
];
/** strace's f_seals table (it has no F_SEAL_EXEC yet: 0x20 prints as a number, measured). */
const SEALS: FlagTable = [[0x1, 'F_SEAL_SEAL'], [0x2, 'F_SEAL_SHRINK'], [0x4, 'F_SEAL_GROW'], [0x8, 'F_SEAL_WRITE'], [0x10, 'F_SEAL_FUTURE_WRITE']];

export function isFcntl(view: CallView): boolean {
  return view.decl.name === 'fcntl' || view.decl.name === 'fcntl64';
}

/** printflags: known names joined, or `0x40 /* F_SEAL_??? *\/` when no bit has a name. */
function flagsOrUnknown(value: number, table: FlagTable, prefix: string): string {
  const v = value >>> 0;
  if (v !== 0 && table.every(([bit]) => (v & bit) === 0)) return `0x${v.toString(16)} /* ${prefix}_??? */`;
  return formatFlags(v, table);
}

function ownerEx(view: CallView, result: bigint | null): string | null {
  const raw = view.args.u64(2);
  if (raw === 0n) return 'NULL';
  const addr = view.args.ptr(2);
  const b = addr < 0 ? null : view.mem.read(addr, 8);
  if (!b) return `0x${raw.toString(16)}`;
  if (view.args.int(1) === F_GETOWN_EX && (result === null || result < 0n)) return `0x${raw.toString(16)}`;
  const d = new DataView(b.buffer, b.byteOffset, 8);
  return `{type=${formatEnum(d.getInt32(0, true), OWNER_TYPES, 'F_OWNER')}, pid=${d.getInt32(4, true)}}`;
}

/** The third argument's text, or null to leave it to the generic decoder. */
export function formatFcntlArg(view: CallView, result: bigint | null): string | null {
  const cmd = view.args.int(1);
  const arg = view.args.int(2);
  switch (cmd) {
    case F_DUPFD: case F_DUPFD_CLOEXEC: case F_SETOWN:
      return String(arg);
    case F_SETFD:
      return formatFlags(arg, FD_FLAGS);
    case F_SETFL:
      return formatOpenFlags(arg, view.abi);
    case F_SETSIG:
      return arg > 0 && arg <= 64 ? formatSignal(arg) : String(arg);
    case F_SETLEASE:
      return formatEnum(arg, LEASE_TYPES, 'F');
    case F_NOTIFY:
      return flagsOrUnknown(arg, DN_EVENTS, 'DN');
    case F_SETPIPE_SZ:
      return String(arg >>> 0);
    case F_ADD_SEALS:
      return flagsOrUnknown(arg, SEALS, 'F_SEAL');
    case F_SETOWN_EX: case F_GETOWN_EX:
      return ownerEx(view, result);
    default:
      return null;
  }
}

/** A successful result's text for the commands whose result strace names, else null. */
export function formatFcntlResult(view: CallView, r: bigint): string | null {
  const v = Number(r & 0xffffffffn);
  const hex = (n: number): string => (n === 0 ? '0' : `0x${n.toString(16)}`);
  switch (view.args.int(1)) {
    case F_GETFD:
      return v === 0 ? null : `${hex(v)} (flags ${formatFlags(v, FD_FLAGS)})`;
    case F_GETFL:
      return `${hex(v)} (flags ${formatOpenFlags(v, view.abi)})`;
    case F_GETSIG:
      return v > 0 && v <= 64 ? `${v} (${formatSignal(v)})` : null;
    case F_GETLEASE:
      return `${hex(v)} (${formatEnum(v, LEASE_TYPES, 'F')})`;
    case F_GET_SEALS:
      return v === 0 ? null : `${hex(v)} (seals ${formatFlags(v, SEALS)})`;
    default:
      return null;
  }
}
