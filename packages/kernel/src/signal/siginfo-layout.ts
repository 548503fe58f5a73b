// siginfo_t as user space sees it (include/uapi/asm-generic/siginfo.h, shared by x86-64 and
// arm64): 128 bytes — si_signo, si_errno, si_code (ints), then the union at offset 16 (8-byte
// aligned) holding, per signal kind: kill/tkill {pid, uid}; SIGCHLD {pid, uid, status, utime,
// stime}; faults {si_addr}. The i386 (compat) form puts the union at offset 12 with 32-bit
// pointers and clock_t (include/linux/compat.h compat_siginfo). Signal-frame builders and
// rt_sigtimedwait/waitid use this.

import { SiCode, type SigInfo } from './siginfo.js';
import { Sig } from './signals.js';

export const SIGINFO_SIZE = 128;

const faultSignals = new Set<number>([Sig.SIGSEGV, Sig.SIGBUS, Sig.SIGILL, Sig.SIGFPE, Sig.SIGTRAP]);

export function encodeSigInfo(info: SigInfo, abi: 'x86_64' | 'arm64' | 'i386'): Uint8Array {
  const b = new Uint8Array(SIGINFO_SIZE);
  const v = new DataView(b.buffer);
  const compat = abi === 'i386';
  v.setInt32(0, info.signo, true);
  v.setInt32(4, info.errno ?? 0, true);
  v.setInt32(8, info.code, true);
  const u = compat ? 12 : 16;
  if (info.raw) {
    // rt_sigqueueinfo: the sender's bytes as written (copy_siginfo_from_user), si_signo the
    // signal actually sent.
    b.set(info.raw.subarray(0, SIGINFO_SIZE));
    v.setInt32(0, info.signo, true);
    return b;
  }
  if (info.code === SiCode.SI_TIMER && info.timerId !== undefined) {
    // _timer: {int si_tid; int si_overrun; sigval_t si_sigval} (the sigval 8-aligned; 4 bytes
    // on i386).
    v.setInt32(u, info.timerId, true);
    v.setInt32(u + 4, info.overrun ?? 0, true);
    if (compat) v.setUint32(u + 8, Number(BigInt.asUintN(32, info.value ?? 0n)), true);
    else v.setBigUint64(u + 8, BigInt.asUintN(64, info.value ?? 0n), true);
    return b;
  }
  // Kernel-generated fault signals (si_code > 0) carry an address; user-sent ones (SI_USER,
  // SI_TKILL, SI_QUEUE ≤ 0) and SI_KERNEL without an address carry the sender.
  if (faultSignals.has(info.signo) && info.addr !== undefined) {
    if (compat) v.setUint32(u, Number(BigInt.asUintN(32, info.addr)), true);
    else v.setBigUint64(u, BigInt.asUintN(64, info.addr), true);
    return b;
  }
  if (info.pid !== undefined) v.setInt32(u, info.pid, true);
  if (info.uid !== undefined) v.setUint32(u + 4, info.uid, true);
  if (info.signo === Sig.SIGCHLD && info.status !== undefined) v.setInt32(u + 8, info.status, true);
  // _rt: {pid, uid, sigval} (SI_QUEUE and other senders with a value).
  else if (info.value !== undefined) {
    if (compat) v.setUint32(u + 8, Number(BigInt.asUintN(32, info.value)), true);
    else v.setBigUint64(u + 8, BigInt.asUintN(64, info.value), true);
  }
  return b;
}
