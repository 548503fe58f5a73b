// x86-64 signal frames: what Linux's setup_rt_frame() writes on the user stack before running a
// handler, and what rt_sigreturn(2) reads back (arch/x86/kernel/signal_64.c,
// arch/x86/include/asm/sigframe.h, arch/x86/include/uapi/asm/sigcontext.h, ucontext.h).
//
//   struct rt_sigframe {            offset
//     char *pretcode;                 0    sa_restorer: the handler's `ret` goes there
//     struct ucontext uc;             8    uc_flags 0, uc_link 8, uc_stack 16 (24 bytes),
//                                          uc_mcontext 40 (struct sigcontext, 256 bytes),
//                                          uc_sigmask 296 (8 bytes)           → 304 bytes
//     struct siginfo info;          312    128 bytes                          → 440 bytes
//   };
//   struct sigcontext: r8 r9 r10 r11 r12 r13 r14 r15 rdi rsi rbp rbx rdx rax rcx rsp rip eflags
//   (8 bytes each), cs gs fs ss (2 bytes each), err, trapno, oldmask, cr2, fpstate, reserved[8].
// No FPU/SSE state is saved (fpstate = NULL), which a handler that does not touch the FPU
// never notices; uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS as on current kernels.

import type { SigInfo } from '../../signal/siginfo.js';
import { encodeSigInfo, SIGINFO_SIZE } from '../../signal/siginfo-layout.js';
import type { UserMemory } from '../../syscalls/types.js';
import type { PtRegName, PtRegs } from './pt-regs.js';
import type { RestartRegs } from '../../signal/restart.js';
import { changeAltStack, NO_ALT_STACK, onAltStack, signalStackTop, storedAltStackFlags, type AltStack } from '../../signal/altstack.js';

export const RT_SIGFRAME_UC = 8;
export const UC_MCONTEXT = 40;
export const UC_SIGMASK = 296;
export const RT_SIGFRAME_INFO = 312;
export const RT_SIGFRAME_SIZE = RT_SIGFRAME_INFO + SIGINFO_SIZE;
const SIGCONTEXT_SIZE = 256;
const UC_SIGCONTEXT_SS = 0x2n;
const UC_STRICT_RESTORE_SS = 0x4n;

/** sigcontext's general registers in order, as pt_regs names. */
const SIGCONTEXT_REGS: PtRegName[] = [
  'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'di', 'si', 'bp', 'bx', 'dx', 'ax', 'cx', 'sp', 'ip', 'flags',
];
const SC_CS = 18 * 8; // then gs, fs, ss as u16
const SC_ERR = SC_CS + 8;
const SC_TRAPNO = SC_ERR + 8;
const SC_OLDMASK = SC_TRAPNO + 8;
const SC_CR2 = SC_OLDMASK + 8;

/** RFLAGS bits a handler may change through sigcontext (signal_64.c FIX_EFLAGS):
 *  AC OF DF TF SF ZF AF PF CF RF. */
const FIX_EFLAGS = 0x40000n | 0x800n | 0x400n | 0x100n | 0x80n | 0x40n | 0x10n | 0x4n | 0x1n | 0x10000n;
/** Cleared on entry to a handler (signal.c handle_signal): DF, RF, TF. */
const HANDLER_CLEARS = 0x400n | 0x10000n | 0x100n;

export interface FrameSetup {
  signo: number;
  info: SigInfo;
  handler: bigint;
  restorer: bigint;
  /** The mask to restore at rt_sigreturn (the one in force before the handler). */
  savedMask: bigint;
  /** Exception details for sigcontext (trapno, err, cr2), when a fault raised the signal. */
  trapno?: number;
  errorCode?: bigint;
  cr2?: bigint;
  /** The thread's alternate signal stack (none when absent) and the handler's SA_ONSTACK. */
  altStack?: AltStack;
  onStack?: boolean;
}

/** __on_sig_stack: within (ss_sp, ss_sp + ss_size], SS_AUTODISARM or not. */
function withinAltStack(alt: AltStack, sp: bigint): boolean {
  return alt.size !== 0n && sp > alt.sp && sp - alt.sp <= alt.size;
}

/** Writes the frame below the interrupted stack (past the 128-byte red zone) or, with
 *  SA_ONSTACK, at the top of the alternate stack when the thread is not on it already
 *  (get_sigframe), 16-byte aligned minus 8 as if `call`ed, and points pt_regs at the handler:
 *  rdi = signo, rsi = &info, rdx = &uc, rax = 0. Returns false when the stack cannot take the
 *  frame — also when a frame on or entering the alternate stack would not fit on it (Linux then
 *  forces SIGSEGV). */
export function setupRtFrame(mem: UserMemory, regs: PtRegs, f: FrameSetup): boolean {
  const alt = f.altStack ?? NO_ALT_STACK;
  const userSp = regs.get('sp');
  const nested = onAltStack(alt, userSp);
  const { top, entering } = signalStackTop(alt, userSp - 128n, f.onStack ?? false);
  let frame = top - BigInt(RT_SIGFRAME_SIZE);
  frame = (frame & ~15n) - 8n;
  if (frame <= 0n || frame >= 1n << 47n) return false;
  if ((nested || entering) && !withinAltStack(alt, frame)) return false;
  const bytes = new Uint8Array(RT_SIGFRAME_SIZE);
  const v = new DataView(bytes.buffer);
  v.setBigUint64(0, BigInt.asUintN(64, f.restorer), true);
  const uc = RT_SIGFRAME_UC;
  v.setBigUint64(uc + 0, UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS, true);
  v.setBigUint64(uc + 8, 0n, true); // uc_link
  // uc_stack: the alternate stack as set, with its stored flags (__save_altstack).
  v.setBigUint64(uc + 16, BigInt.asUintN(64, alt.sp), true);
  v.setInt32(uc + 16 + 8, storedAltStackFlags(alt), true);
  v.setBigUint64(uc + 16 + 16, BigInt.asUintN(64, alt.size), true);
  const sc = uc + UC_MCONTEXT;
  SIGCONTEXT_REGS.forEach((name, i) => v.setBigUint64(sc + i * 8, regs.get(name), true));
  v.setUint16(sc + SC_CS, Number(regs.get('cs') & 0xffffn), true);
  v.setUint16(sc + SC_CS + 6, Number(regs.get('ss') & 0xffffn), true);
  v.setBigUint64(sc + SC_ERR, BigInt.asUintN(64, f.errorCode ?? 0n), true);
  v.setBigUint64(sc + SC_TRAPNO, BigInt(f.trapno ?? 0), true);
  v.setBigUint64(sc + SC_OLDMASK, BigInt.asUintN(64, f.savedMask), true);
  v.setBigUint64(sc + SC_CR2, BigInt.asUintN(64, f.cr2 ?? 0n), true);
  v.setBigUint64(uc + UC_SIGMASK, BigInt.asUintN(64, f.savedMask), true);
  bytes.set(encodeSigInfo(f.info, 'x86_64'), RT_SIGFRAME_INFO);
  if (!mem.write(Number(frame), bytes)) return false;

  regs.set('sp', frame);
  regs.set('ip', f.handler);
  regs.set('di', BigInt(f.signo));
  regs.set('si', frame + BigInt(RT_SIGFRAME_INFO));
  regs.set('dx', frame + BigInt(RT_SIGFRAME_UC));
  regs.set('ax', 0n);
  regs.set('flags', regs.get('flags') & ~HANDLER_CLEARS);
  regs.set('orig_ax', -1n);
  return true;
}

/** Where rt_sigreturn finds the mask to restore, relative to the RSP it is called with: the
 *  frame starts 8 bytes below RSP, the mask sits at uc + UC_SIGMASK. */
export const RT_SIGRETURN_MASK_FROM_SP = -8 + RT_SIGFRAME_UC + UC_SIGMASK;

/** rt_sigreturn: the handler returned into the restorer, so the frame starts 8 bytes below
 *  RSP (its `ret` popped pretcode). Restores the registers (CS/SS forced to the user
 *  selectors, only FIX_EFLAGS bits from the frame) and returns the saved signal mask, or null
 *  when the frame cannot be read (Linux: SIGSEGV). */
export function restoreRtFrame(
  mem: UserMemory,
  regs: PtRegs,
  userCs: bigint,
  userSs: bigint,
  altStack: AltStack = NO_ALT_STACK,
): { mask: bigint; altStack: AltStack | null } | null {
  const frame = regs.get('sp') - 8n;
  if (frame <= 0n || frame >= 1n << 47n) return null;
  const uc = mem.read(Number(frame) + RT_SIGFRAME_UC, UC_SIGMASK + 8);
  if (!uc || uc.length < UC_SIGMASK + 8) return null;
  const v = new DataView(uc.buffer, uc.byteOffset, uc.byteLength);
  const sc = UC_MCONTEXT;
  const flags = regs.get('flags');
  SIGCONTEXT_REGS.forEach((name, i) => {
    const value = v.getBigUint64(sc + i * 8, true);
    regs.set(name, name === 'flags' ? (flags & ~FIX_EFLAGS) | (value & FIX_EFLAGS) | 2n : value);
  });
  regs.set('cs', userCs);
  regs.set('ss', userSs);
  regs.set('orig_ax', -1n); // no syscall restart after sigreturn
  void SIGCONTEXT_SIZE;
  // restore_altstack: uc_stack set again as sigaltstack(2) would, against the restored sp;
  // refusals (EPERM on the stack, EINVAL, ENOMEM) are ignored, as Linux squashes them.
  const changed = changeAltStack(altStack, regs.get('sp'), {
    sp: v.getBigUint64(16, true),
    flags: v.getInt32(16 + 8, true),
    size: v.getBigUint64(16 + 16, true),
  });
  return { mask: v.getBigUint64(UC_SIGMASK, true), altStack: 'ok' in changed ? changed.ok : null };
}

/** The x86-64 half of a system call restart (signal/restart.ts): the result in rax, or rip back
 *  over the 2-byte `syscall` / `int $0x80` with rax = orig_rax again (arch/x86/kernel/signal.c
 *  handle_signal: `regs->ax = regs->orig_ax; regs->ip -= 2;`). */
export function x86RestartRegs(regs: PtRegs): RestartRegs {
  return {
    setResult: (value) => regs.set('ax', BigInt.asUintN(64, value)),
    rewind: () => {
      regs.set('ip', regs.get('ip') - 2n);
      regs.set('ax', regs.get('orig_ax'));
    },
    setNumber: (nr) => regs.set('ax', BigInt(nr)), // restart_syscall (arch_do_signal_or_restart)
  };
}
