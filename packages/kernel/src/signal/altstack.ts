// The alternate signal stack (sigaltstack(2), kernel/signal.c do_sigaltstack, include/linux/
// sched/signal.h on_sig_stack / sas_ss_flags), shared by the syscall and both arches' signal
// frames (x86-64 arch/x86/kernel/signal.c get_sigframe, arm64 arch/arm64/kernel/signal.c
// get_sigframe):
// - a thread is "on" its alternate stack when its user sp is in (ss_sp, ss_sp + ss_size] —
//   never with SS_AUTODISARM, whose stack is disabled once a frame goes on it;
// - while on it, sigaltstack(2) reports SS_ONSTACK and refuses a change with EPERM;
// - a handler with SA_ONSTACK gets its frame at the top of the alternate stack unless the thread
//   is on it already (then the frame goes below the current sp, as nested handlers do);
// - uc_stack in the frame holds the stack as set and its stored flags (__save_altstack), and
//   rt_sigreturn sets it again through the same rules, errors ignored (restore_altstack).

export const SS_ONSTACK = 1;
export const SS_DISABLE = 2;
export const SS_AUTODISARM = 1 << 31;
/** include/uapi/asm-generic/signal.h MINSIGSTKSZ (x86 and arm64 uapi agree on 2048 for the
 *  sigaltstack check; measured: 2048 accepted, 1000 → ENOMEM). */
export const MINSIGSTKSZ = 2048n;

/** A thread's alternate signal stack (Thread.altStack); size 0: none (SS_DISABLE). */
export interface AltStack {
  sp: bigint;
  size: bigint;
  autodisarm: boolean;
}

export const NO_ALT_STACK: AltStack = Object.freeze({ sp: 0n, size: 0n, autodisarm: false });

/** on_sig_stack(sp). */
export function onAltStack(alt: AltStack, sp: bigint): boolean {
  if (alt.autodisarm || alt.size === 0n) return false;
  return sp > alt.sp && sp - alt.sp <= alt.size;
}

/** sas_ss_flags(sp): SS_DISABLE without an alternate stack, SS_ONSTACK when sp is on it (never
 *  with SS_AUTODISARM: on_sig_stack() then says no), else 0. */
export function altStackFlags(alt: AltStack, sp: bigint): number {
  if (alt.size === 0n) return SS_DISABLE;
  return onAltStack(alt, sp) ? SS_ONSTACK : 0;
}

/** The flags stored with the stack (t->sas_ss_flags, what a frame's uc_stack.ss_flags holds):
 *  SS_DISABLE or 0, | SS_AUTODISARM. */
export function storedAltStackFlags(alt: AltStack): number {
  return (alt.size === 0n ? SS_DISABLE : 0) | (alt.autodisarm ? SS_AUTODISARM : 0);
}

/** What sigaltstack(2)'s old_ss reports: the stack, sas_ss_flags(sp) | SS_AUTODISARM if set. */
export function reportedAltStack(alt: AltStack, sp: bigint): { sp: bigint; flags: number; size: bigint } {
  return { sp: alt.sp, flags: altStackFlags(alt, sp) | (alt.autodisarm ? SS_AUTODISARM : 0), size: alt.size };
}

/** do_sigaltstack's change: the new stack, or a positive errno (EPERM while on the current
 *  stack, EINVAL for a bad mode, ENOMEM below MINSIGSTKSZ). */
export function changeAltStack(
  current: AltStack,
  sp: bigint,
  req: { sp: bigint; flags: number; size: bigint },
): { ok: AltStack } | { errno: 'EPERM' | 'EINVAL' | 'ENOMEM' } {
  if (onAltStack(current, sp)) return { errno: 'EPERM' };
  const mode = req.flags & ~SS_AUTODISARM;
  if (mode !== 0 && mode !== SS_ONSTACK && mode !== SS_DISABLE) return { errno: 'EINVAL' };
  if (mode === SS_DISABLE) return { ok: NO_ALT_STACK };
  if (req.size < MINSIGSTKSZ) return { errno: 'ENOMEM' };
  return { ok: { sp: req.sp, size: req.size, autodisarm: (req.flags & SS_AUTODISARM) !== 0 } };
}

/** get_sigframe's choice of stack top for a handler: the alternate stack's top with SA_ONSTACK
 *  when the thread has one and is not on it (`entering`), else `sp`. */
export function signalStackTop(alt: AltStack, sp: bigint, saOnStack: boolean): { top: bigint; entering: boolean } {
  if (saOnStack && altStackFlags(alt, sp) === 0) return { top: alt.sp + alt.size, entering: true };
  return { top: sp, entering: false };
}
