// Which pending signal is taken next, and whether a new one is queued at all — Linux's rules
// (kernel/signal.c):
// - dequeue_signal looks at the thread's own queue first, then the process's shared one;
// - in a queue, next_signal takes a synchronous signal first (SYNCHRONOUS_MASK: SIGSEGV, SIGBUS,
//   SIGILL, SIGTRAP, SIGFPE, SIGSYS — the ones a faulting instruction raises), then the
//   lowest-numbered one; instances of one real-time signal leave in the order they came;
// - legacy_queue: a standard signal (below SIGRTMIN) that is already pending in the queue is not
//   queued again (signal(7): "standard signals do not queue").

import type { SigInfo } from './siginfo.js';
import { Sig, sigBit, SIGRTMIN, UNBLOCKABLE } from './signals.js';

export const SYNCHRONOUS_MASK =
  sigBit(Sig.SIGSEGV) | sigBit(Sig.SIGBUS) | sigBit(Sig.SIGILL) | sigBit(Sig.SIGTRAP) | sigBit(Sig.SIGFPE) | sigBit(Sig.SIGSYS);

/** The index in `queue` of the signal next_signal would take with `blocked` as the mask, or -1
 *  when every pending one is blocked. */
export function nextSignalIndex(queue: readonly SigInfo[], blocked: bigint): number {
  let best = -1;
  let bestSync = false;
  let bestSigno = 0;
  for (let i = 0; i < queue.length; i++) {
    const signo = queue[i]!.signo;
    const bit = sigBit(signo);
    if (blocked & bit && !(bit & UNBLOCKABLE)) continue;
    const sync = (bit & SYNCHRONOUS_MASK) !== 0n;
    if (best < 0 || (sync && !bestSync) || (sync === bestSync && signo < bestSigno)) {
      best = i;
      bestSync = sync;
      bestSigno = signo;
    }
  }
  return best;
}

/** legacy_queue: whether sending `signo` to a queue holding `queue` adds nothing (a standard
 *  signal already pending there). */
export function alreadyQueued(queue: readonly SigInfo[], signo: number): boolean {
  if (signo >= SIGRTMIN) return false;
  for (const s of queue) if (s.signo === signo) return true;
  return false;
}
