// ARM64 signal frames: what Linux's setup_rt_frame() writes on the user stack before running a
// handler, and what rt_sigreturn(2) (arm64 number 139) reads back and checks
// (arch/arm64/kernel/signal.c, arch/arm64/include/uapi/asm/sigcontext.h and ucontext.h).
//
//   [frame record]   { fp = x29, lr = x30 } of the interrupted code, 16 bytes, 16-aligned,
//                    just below the stack top (get_sigframe: user->next_frame); x29 points here
//   struct rt_sigframe {                         offset
//     siginfo_t info;                              0  128 bytes (written only with SA_SIGINFO)
//     struct ucontext uc;                        128
//       u64 uc_flags                             128  0
//       ucontext *uc_link                        136  0
//       stack_t uc_stack                         144  { ss_sp, int ss_flags, ss_size } 24 bytes
//       sigset_t uc_sigmask                      168  8 bytes, then padding to glibc's 128-byte
//                                                     sigset_t
//       struct sigcontext uc_mcontext            304  (16-aligned)
//         u64 fault_address                      304
//         u64 regs[31]                           312
//         u64 sp, pc, pstate                     560, 568, 576
//         u8 __reserved[4096]                    592  records: { u32 magic, u32 size, … }
//   };                                                → 4688 bytes, 16-aligned, directly below
//                                                       the frame record; sp = &rt_sigframe
//
// The records in __reserved, as Linux writes them (setup_sigframe_layout, add_all false):
//   fpsimd_context  magic 0x46508001, size 528: u32 fpsr, u32 fpcr, __uint128 vregs[32]
//   esr_context     magic 0x45535201, size 16: u64 esr — only when the thread's last fault left
//                   an ESR (thread.fault_code: data/instruction aborts, alignment, brk; not udf)
//   terminator      magic 0, size 0
// The emulated CPU has no SIMD register file (it implements no FP/SIMD instructions), so
// vregs are zero and only FPSR/FPCR carry state.
//
// rt_sigreturn: sp must be 16-aligned and the frame readable; the mask is restored first
// (set_current_blocked), then x0–x30, sp, pc and pstate, which must describe EL0t AArch64 with
// D, A, I and F clear (valid_native_regs: RES0 bits are dropped, anything else is a bad frame);
// the records must be well formed with exactly one fpsimd_context (parse_user_sigframe; esr
// records are ignored); then uc_stack becomes the alternate stack again (restore_altstack). A
// bad frame is SIGSEGV (force_sig).

import type { SigInfo } from '../../signal/siginfo.js';
import { encodeSigInfo, SIGINFO_SIZE } from '../../signal/siginfo-layout.js';
import type { UserMemory } from '../../syscalls/types.js';
import { altStackFlags, MINSIGSTKSZ, SS_AUTODISARM, SS_DISABLE, SS_ONSTACK, type AltStack } from '../../signal/altstack.js';

export const RT_SIGFRAME_INFO = 0;
export const RT_SIGFRAME_UC = SIGINFO_SIZE; // 128
export const UC_STACK = 16;
export const UC_SIGMASK = 40;
export const UC_MCONTEXT = 176;
export const SC_FAULT_ADDRESS = 0;
export const SC_REGS = 8;
export const SC_SP = 8 + 31 * 8; // 256
export const SC_PC = SC_SP + 8;
export const SC_PSTATE = SC_PC + 8;
export const SC_RESERVED = (SC_PSTATE + 8 + 15) & ~15; // 288: __reserved is __aligned__(16)
export const SC_RESERVED_SIZE = 4096;
export const RT_SIGFRAME_SIZE = RT_SIGFRAME_UC + UC_MCONTEXT + SC_RESERVED + SC_RESERVED_SIZE; // 4688
/** Where rt_sigreturn's frame keeps the mask to restore, relative to the sp it is called with
 *  (the frame starts at sp: the handler returned with `ret` through x30, popping nothing). */
export const RT_SIGRETURN_MASK_FROM_SP = RT_SIGFRAME_UC + UC_SIGMASK;

export const FPSIMD_MAGIC = 0x46508001;
export const FPSIMD_CONTEXT_SIZE = 16 + 32 * 16; // 528
export const ESR_MAGIC = 0x45535201;
export const ESR_CONTEXT_SIZE = 16;


/** PSTATE bits (Arm ARM C5.2.18 SPSR_EL1): M[3:0] the mode (0 = EL0t), M[4] AArch32, DAIF. */
const PSR_MODE_MASK = 0xfn;
const PSR_MODE32 = 0x10n;
const PSR_DAIF = 0x3c0n; // D 0x200, A 0x100, I 0x80, F 0x40
const PSR_NZCV = 0xf0000000n;
/** SPSR bits userspace may not set (arch/arm64/kernel/ptrace.c SPSR_EL1_AARCH64_RES0_BITS:
 *  63:32, 27:26, 23:22, 20:13, 5). */
const SPSR_AARCH64_RES0 = 0xffffffff00000000n | 0x0c000000n | 0x00c00000n | 0x001fe000n | 0x20n;

/** The user registers a frame saves: pt_regs of the ARM64 entry code (Arm64PtRegs). */
export interface Arm64UserRegs {
  x(n: number): bigint;
  setX(n: number, value: bigint): void;
  readonly sp: bigint;
  readonly pc: bigint;
  readonly pstate: bigint;
  setSp(value: bigint): void;
  setPc(value: bigint): void;
  setPstate(value: bigint): void;
}

// The alternate stack's rules are shared with x86-64 and sigaltstack(2): signal/altstack.ts.
export { altStackFlags, type AltStack } from '../../signal/altstack.js';

export interface Arm64FrameSetup {
  signo: number;
  info: SigInfo;
  /** SA_SIGINFO: siginfo is copied into the frame and x1/x2 point at info and uc. */
  siginfo: boolean;
  /** SA_ONSTACK: the frame goes on the alternate stack when there is one and sp is not on it. */
  onStack: boolean;
  handler: bigint;
  /** x30 for the handler: sa_restorer (SA_RESTORER) or the vDSO's __kernel_rt_sigreturn. */
  returnTo: bigint;
  /** The mask to restore at rt_sigreturn (the one in force before the handler). */
  savedMask: bigint;
  altStack: AltStack;
  /** thread.fault_address and thread.fault_code (the ESR) of the thread's last fault. */
  faultAddress: bigint;
  faultEsr: number;
  fpsr: number;
  fpcr: number;
}

export interface Arm64FrameResult {
  /** Where the frame went (the handler's sp). */
  frame: bigint;
  /** SS_AUTODISARM: the alternate stack is now disabled (signal_delivered → sas_ss_reset). */
  disarmAltStack: boolean;
}

/** The frame and the handler's registers, as Linux's setup_rt_frame + setup_return. Returns
 *  null when the stack cannot take the frame (Linux: force_sigsegv). */
export function setupArm64RtFrame(mem: UserMemory, regs: Arm64UserRegs, f: Arm64FrameSetup): Arm64FrameResult | null {
  const sp = regs.sp;
  const ssFlags = altStackFlags(f.altStack, sp);
  const top = f.onStack && ssFlags === 0 ? f.altStack.sp + f.altStack.size : sp;
  const record = (top - 16n) & ~15n;
  const frame = record - BigInt(RT_SIGFRAME_SIZE);
  if (frame <= 0n || top > 1n << 48n) return null;

  const uc = new Uint8Array(RT_SIGFRAME_SIZE - RT_SIGFRAME_UC);
  const v = new DataView(uc.buffer);
  // uc_flags, uc_link: 0. uc_stack: the alternate stack as sigaltstack(2) set it, with its
  // stored flags (__save_altstack writes t->sas_ss_flags: SS_DISABLE or 0, | SS_AUTODISARM).
  v.setBigUint64(UC_STACK, BigInt.asUintN(64, f.altStack.sp), true);
  v.setInt32(UC_STACK + 8, f.altStack.size === 0n ? SS_DISABLE : f.altStack.autodisarm ? SS_AUTODISARM : 0, true);
  v.setBigUint64(UC_STACK + 16, BigInt.asUintN(64, f.altStack.size), true);
  v.setBigUint64(UC_SIGMASK, BigInt.asUintN(64, f.savedMask), true);
  const sc = UC_MCONTEXT;
  v.setBigUint64(sc + SC_FAULT_ADDRESS, BigInt.asUintN(64, f.faultAddress), true);
  for (let i = 0; i < 31; i++) v.setBigUint64(sc + SC_REGS + 8 * i, BigInt.asUintN(64, regs.x(i)), true);
  v.setBigUint64(sc + SC_SP, BigInt.asUintN(64, sp), true);
  v.setBigUint64(sc + SC_PC, BigInt.asUintN(64, regs.pc), true);
  v.setBigUint64(sc + SC_PSTATE, BigInt.asUintN(64, regs.pstate), true);
  let rec = sc + SC_RESERVED;
  v.setUint32(rec, FPSIMD_MAGIC, true);
  v.setUint32(rec + 4, FPSIMD_CONTEXT_SIZE, true);
  v.setUint32(rec + 8, f.fpsr >>> 0, true);
  v.setUint32(rec + 12, f.fpcr >>> 0, true);
  rec += FPSIMD_CONTEXT_SIZE;
  if (f.faultEsr !== 0) {
    v.setUint32(rec, ESR_MAGIC, true);
    v.setUint32(rec + 4, ESR_CONTEXT_SIZE, true);
    v.setBigUint64(rec + 8, BigInt(f.faultEsr >>> 0), true);
    rec += ESR_CONTEXT_SIZE;
  }
  // The terminator { 0, 0 } is already there (the buffer is zero).

  const frameRecord = new Uint8Array(16);
  const fr = new DataView(frameRecord.buffer);
  fr.setBigUint64(0, BigInt.asUintN(64, regs.x(29)), true);
  fr.setBigUint64(8, BigInt.asUintN(64, regs.x(30)), true);

  if (!mem.write(Number(frame) + RT_SIGFRAME_UC, uc)) return null;
  if (!mem.write(Number(record), frameRecord)) return null;
  if (f.siginfo && !mem.write(Number(frame) + RT_SIGFRAME_INFO, encodeSigInfo(f.info, 'arm64'))) return null;

  // setup_return: x0 = signo, sp = the frame, x29 = the frame record, pc = the handler,
  // x30 = where it returns; with SA_SIGINFO x1 = &info, x2 = &uc (otherwise they keep the
  // interrupted values, as on Linux).
  regs.setX(0, BigInt(f.signo));
  if (f.siginfo) {
    regs.setX(1, frame + BigInt(RT_SIGFRAME_INFO));
    regs.setX(2, frame + BigInt(RT_SIGFRAME_UC));
  }
  regs.setSp(frame);
  regs.setX(29, record);
  regs.setPc(f.handler);
  regs.setX(30, f.returnTo);
  return { frame, disarmAltStack: f.altStack.autodisarm && f.altStack.size !== 0n };
}

export interface Arm64FrameRestore {
  /** The mask from uc_sigmask (null when even that could not be read). */
  mask: bigint | null;
  /** Registers, pstate and records were valid: the thread continues where the frame says. */
  ok: boolean;
  fpsr: number;
  fpcr: number;
  /** The alternate stack from uc_stack, when restore_altstack's do_sigaltstack accepts it. */
  altStack: AltStack | null;
}

/** rt_sigreturn: reads the frame at sp back into `regs`. `altStack` is the thread's current
 *  one (restore_altstack leaves it alone when the restored sp is on it). */
export function restoreArm64RtFrame(mem: UserMemory, regs: Arm64UserRegs, altStack: AltStack): Arm64FrameRestore {
  const bad: Arm64FrameRestore = { mask: null, ok: false, fpsr: 0, fpcr: 0, altStack: null };
  const frame = regs.sp;
  if ((frame & 15n) !== 0n || frame <= 0n || frame + BigInt(RT_SIGFRAME_SIZE) > 1n << 48n) return bad;
  const uc = mem.read(Number(frame) + RT_SIGFRAME_UC, RT_SIGFRAME_SIZE - RT_SIGFRAME_UC);
  if (!uc || uc.length < RT_SIGFRAME_SIZE - RT_SIGFRAME_UC) return bad;
  const v = new DataView(uc.buffer, uc.byteOffset, uc.byteLength);
  const result: Arm64FrameRestore = { ...bad, mask: v.getBigUint64(UC_SIGMASK, true) };

  const sc = UC_MCONTEXT;
  for (let i = 0; i < 31; i++) regs.setX(i, v.getBigUint64(sc + SC_REGS + 8 * i, true));
  regs.setSp(v.getBigUint64(sc + SC_SP, true));
  regs.setPc(v.getBigUint64(sc + SC_PC, true));
  // valid_native_regs: RES0 bits dropped; EL0t, AArch64, DAIF clear — or the PSTATE is forced
  // to a valid EL0t (NZCV kept) and the frame is bad.
  let pstate = v.getBigUint64(sc + SC_PSTATE, true) & ~SPSR_AARCH64_RES0;
  const valid = (pstate & PSR_MODE_MASK) === 0n && (pstate & PSR_MODE32) === 0n && (pstate & PSR_DAIF) === 0n;
  if (!valid) pstate &= PSR_NZCV;
  regs.setPstate(pstate);
  if (!valid) return result;

  // parse_user_sigframe: records until the terminator, each at least a header, 16-aligned in
  // size and inside __reserved; one fpsimd_context of the right size; esr ignored.
  let fpsimdAt = -1;
  let at = sc + SC_RESERVED;
  const end = sc + SC_RESERVED + SC_RESERVED_SIZE;
  for (;;) {
    if (at + 8 > end) return result;
    const magic = v.getUint32(at, true);
    const size = v.getUint32(at + 4, true);
    if (magic === 0) {
      if (size !== 0) return result;
      break;
    }
    if (size < 8 || size % 16 !== 0 || at + size > end) return result;
    if (magic === FPSIMD_MAGIC) {
      if (fpsimdAt >= 0 || size !== FPSIMD_CONTEXT_SIZE) return result;
      fpsimdAt = at;
    } else if (magic !== ESR_MAGIC) return result;
    at += size;
  }
  if (fpsimdAt < 0) return result;
  result.fpsr = v.getUint32(fpsimdAt + 8, true);
  result.fpcr = v.getUint32(fpsimdAt + 12, true);
  result.ok = true;

  // restore_altstack → do_sigaltstack(&uc_stack): refused (and ignored) while the restored sp is
  // on the current alternate stack, or for flags/sizes sigaltstack(2) would refuse.
  const ssSp = v.getBigUint64(UC_STACK, true);
  const ssFlags = v.getInt32(UC_STACK + 8, true);
  const ssSize = v.getBigUint64(UC_STACK + 16, true);
  const mode = ssFlags & ~SS_AUTODISARM;
  if (altStackFlags(altStack, regs.sp) !== SS_ONSTACK && (mode === 0 || mode === SS_ONSTACK || mode === SS_DISABLE)) {
    if (mode === SS_DISABLE) result.altStack = { sp: 0n, size: 0n, autodisarm: false };
    else if (ssSize >= MINSIGSTKSZ) result.altStack = { sp: ssSp, size: ssSize, autodisarm: (ssFlags & SS_AUTODISARM) !== 0 };
  }
  return result;
}
