// Running signal handlers on ARM64: the arch half of Linux's do_signal()/handle_signal() and
// sys_rt_sigreturn() (arch/arm64/kernel/signal.c), on the pt_regs frame of the ARM64 entry
// code. The machine (machine.ts) calls in: after a system call returns to EL0 with a caught
// signal pending (deliver), on an exception that raised one (recordException, then deliver),
// when a thread comes back onto the CPU at EL0 after a time slice or for its first run
// (deliver on cpuUserRegs or its pt_regs: Linux delivers on any return to user mode, a timer
// interrupt's too), and for rt_sigreturn (arm64 number 139), which never reaches the syscall
// table because it is arch code in Linux too. Frames themselves: signal-frame.ts.
//
// Linux behaviours kept here:
// - one frame per deliverable caught signal: when several are pending, each gets a frame on
//   top of the last, so the last one set up runs first (exit_to_user_mode_loop);
// - the handler's mask is the old mask | sa_mask | the signal itself unless SA_NODEFER
//   (signal_delivered); SA_RESETHAND resets the disposition before the frame is built
//   (get_signal, SA_ONESHOT); SS_AUTODISARM disables the alternate stack once it is used;
// - x30 = sa_restorer with SA_RESTORER, else the vDSO's __kernel_rt_sigreturn (VDSO_SYMBOL
//   sigtramp) — found here by reading the [vdso] mapping's dynamic symbols, once per address
//   space; with no vDSO mapped and no SA_RESTORER the handler returns to 0 (a SIGSEGV);
// - a frame that cannot be written: force_sigsegv — fatal when the signal was SIGSEGV, else a
//   SIGSEGV (SI_KERNEL) a handler may catch; a bad rt_sigreturn frame: force_sig(SIGSEGV);
// - thread.fault_address / fault_code (the ESR) persist from the thread's last fault: an abort
//   sets both (set_thread_esr), udf clears both (arm64_notify_die with err 0), and the frame's
//   sigcontext.fault_address and esr_context come from them.

import { readElf } from '@vsys/elf';
import { SYSREG, type Arm64Cpu } from '@vsys/emu';
import type { Kernel } from '../../kernel.js';
import type { MemoryMap } from '../../mm/memory-map.js';
import type { Process, Thread } from '../../process/process.js';
import { SaFlags, SIG_DFL, SIG_IGN } from '../../signal/actions.js';
import { SiCode, type SigInfo } from '../../signal/siginfo.js';
import { Sig, sigBit, UNBLOCKABLE } from '../../signal/signals.js';
import { makeSyscallArgs } from '../../syscalls/context.js';
import { hasInterruptedSyscall, settleInterruptedSyscall, type RestartRegs } from '../../signal/restart.js';
import { restoreArm64RtFrame, RT_SIGRETURN_MASK_FROM_SP, setupArm64RtFrame, type Arm64UserRegs } from './signal-frame.js';

/** rt_sigreturn on arm64 (include/uapi/asm-generic/unistd.h __NR_rt_sigreturn). */
export const NR_RT_SIGRETURN_ARM64 = 139;

/** ESR_EL1 fields (Arm ARM D19.2.37): EC values, IL, and for aborts CM, WnR and the FSC of a
 *  level-0 translation fault (Linux ESR_ELx_FSC_FAULT). */
const EC_IABT_LOW = 0x20;
const EC_PC_ALIGN = 0x22;
const EC_DABT_LOW = 0x24;
const EC_SP_ALIGN = 0x26;
const EC_BRK64 = 0x3c;
const ESR_EC_MASK = 0xfc000000;
const ESR_IL = 1 << 25;
const ESR_CM = 1 << 8;
const ESR_WNR = 1 << 6;
const ESR_FSC_FAULT = 0x04;

/** The most frames set up on one return to EL0 (every signal 1–64 once; a guard, not a rule). */
const MAX_FRAMES_PER_RETURN = 64;

interface ThreadFault {
  address: bigint;
  esr: number;
}

export interface Arm64SignalHost {
  readonly kernel: Kernel;
  readonly cpu: Arm64Cpu;
  /** The running thread's process ended: pick another thread (the machine's scheduleNext). */
  scheduleNext(): void;
}

/** The user registers of a thread stopped at EL0 (a preempted one, back on the CPU), read and
 *  written in the CPU itself: x0–x30, SP_EL0 (the SP at EL0), PC and PSTATE. */
export function cpuUserRegs(cpu: Arm64Cpu): Arm64UserRegs {
  return {
    x: (n) => cpu.getReg(n),
    setX: (n, v) => cpu.setReg(n, v),
    get sp() { return cpu.getSpOf(0); },
    get pc() { return cpu.pc; },
    get pstate() { return BigInt(cpu.pstate()); },
    setSp: (v) => cpu.setSpOf(0, v),
    setPc: (v) => { cpu.pc = v; },
    setPstate: (v) => { cpu.setPstate(Number(v & 0xffffffffn)); },
  };
}

/** The arm64 half of a system call restart (signal/restart.ts): the result in x0, or pc back
 *  over the 4-byte `svc #0` with x0 = orig_x0 again (arch/arm64/kernel/signal.c do_signal:
 *  `regs->regs[0] = regs->orig_x0; regs->pc = restart_addr` where restart_addr = pc - 4). */
function arm64RestartRegs(regs: Arm64UserRegs): RestartRegs {
  return {
    setResult: (value) => regs.setX(0, BigInt.asUintN(64, value)),
    rewind: (call) => {
      regs.setPc(regs.pc - 4n);
      regs.setX(0, call.firstArg);
    },
    setNumber: (nr) => regs.setX(8, BigInt(nr)), // restart_syscall (do_signal: regs[8])
  };
}

export class Arm64SignalDelivery {
  private readonly faults = new WeakMap<Thread, ThreadFault>();
  private readonly sigtramps = new WeakMap<MemoryMap, { start: number; address: bigint }>();

  constructor(private readonly host: Arm64SignalHost) {}

  /** Whether `thread` has anything pending (the cheap test on every return to EL0). */
  static hasPending(thread: Thread): boolean {
    return thread.pendingSignals.length !== 0 || thread.process.pendingSignals.length !== 0 || hasInterruptedSyscall(thread);
  }

  /** A synchronous exception from EL0 (not SVC) with its ESR_EL1 and FAR_EL1: what Linux's
   *  thread_struct keeps of it. Aborts: fault_address = FAR, fault_code = the ESR, sanitised
   *  for kernel addresses to EC, IL, CM, WnR and a level-0 translation fault (set_thread_esr);
   *  PC/SP alignment: 0 and the ESR (arm64_notify_die); brk: left alone (the SIGTRAP path does
   *  not touch them); anything else (udf, an EL1-only register): 0 and 0 (force_signal_inject). */
  recordException(thread: Thread, esr: number, far: bigint): void {
    const ec = esr >>> 26;
    if (ec === EC_IABT_LOW || ec === EC_DABT_LOW) {
      let code = esr >>> 0;
      if (far >= 1n << 63n) {
        code = ec === EC_DABT_LOW ? esr & (ESR_EC_MASK | ESR_IL | ESR_CM | ESR_WNR) : esr & (ESR_EC_MASK | ESR_IL);
        code = (code | ESR_FSC_FAULT) >>> 0;
      }
      this.faults.set(thread, { address: far, esr: code });
    } else if (ec === EC_PC_ALIGN || ec === EC_SP_ALIGN) this.faults.set(thread, { address: 0n, esr: esr >>> 0 });
    else if (ec !== EC_BRK64) this.faults.set(thread, { address: 0n, esr: 0 });
  }

  /** On return to EL0: a frame for each caught, deliverable pending signal. Returns false when
   *  the process died instead (the machine has then scheduled another thread). */
  deliver(thread: Thread, regs: Arm64UserRegs): boolean {
    const kernel = this.host.kernel;
    for (let n = 0; n < MAX_FRAMES_PER_RETURN; n++) {
      const info = kernel.takeSignalForHandler(thread);
      if (!info) {
        settleInterruptedSyscall(thread, null, arm64RestartRegs(regs)); // no handler: restart
        return true;
      }
      const proc = thread.process;
      const action = proc.signalActions.get(info.signo);
      if (action.handler === SIG_DFL || action.handler === SIG_IGN) {
        thread.pendingSignals.unshift(info); // not caught after all: the default action applies
        if (kernel.deliverSignals(thread) === 'exited') return this.died();
        continue;
      }
      // An interrupted system call: -EINTR or rewound to be made again, by the first handler's
      // SA_RESTART, before its frame saves the registers (signal/restart.ts; arm64 do_signal).
      settleInterruptedSyscall(thread, action, arm64RestartRegs(regs));
      if (action.flags & SaFlags.SA_RESETHAND) proc.signalActions.set(info.signo, { ...action, handler: SIG_DFL });
      const savedMask = thread.sigmask;
      const fault = this.faults.get(thread);
      const fpsr = this.host.cpu.readSysreg(SYSREG.fpsr) ?? 0n;
      const fpcr = this.host.cpu.readSysreg(SYSREG.fpcr) ?? 0n;
      const placed = setupArm64RtFrame(kernel.userMemory(proc), regs, {
        signo: info.signo,
        info,
        siginfo: (action.flags & SaFlags.SA_SIGINFO) !== 0n,
        onStack: (action.flags & SaFlags.SA_ONSTACK) !== 0n,
        handler: action.handler,
        returnTo: action.flags & SaFlags.SA_RESTORER ? action.restorer : this.sigtramp(proc),
        savedMask,
        altStack: thread.altStack,
        faultAddress: fault?.address ?? 0n,
        faultEsr: fault?.esr ?? 0,
        fpsr: Number(fpsr & 0xffffffffn),
        fpcr: Number(fpcr & 0xffffffffn),
      });
      if (!placed) {
        if (!this.forceSigsegv(thread, info.signo === Sig.SIGSEGV)) return false;
        continue;
      }
      let mask = savedMask | action.mask;
      if (!(action.flags & SaFlags.SA_NODEFER)) mask |= sigBit(info.signo);
      thread.sigmask = mask & ~UNBLOCKABLE;
      if (placed.disarmAltStack) thread.altStack = { sp: 0n, size: 0n, autodisarm: false };
    }
    return true;
  }

  /** rt_sigreturn(2), reported to the tracer like any call (its argument: where the frame keeps
   *  the mask, strace's `rt_sigreturn({mask=[…]})`; its result: the restored x0). */
  sigreturn(thread: Thread, regs: Arm64UserRegs): void {
    const kernel = this.host.kernel;
    const tracer = kernel.tracer;
    const decl = tracer ? kernel.table.arm64[NR_RT_SIGRETURN_ARM64] : undefined;
    const ctx = { abi: 'arm64' as const, mem: kernel.userMemory(thread.process), process: thread.process, thread, kernel };
    const targs = makeSyscallArgs([regs.sp + BigInt(RT_SIGRETURN_MASK_FROM_SP), 0n, 0n, 0n, 0n, 0n], 'arm64');
    if (tracer && decl) tracer.onSyscallEnter?.(ctx, decl, targs);
    const r = restoreArm64RtFrame(ctx.mem, regs, thread.altStack);
    if (r.mask !== null) thread.sigmask = r.mask & ~UNBLOCKABLE; // set_current_blocked, first
    if (r.ok) {
      this.host.cpu.writeSysreg(SYSREG.fpsr, BigInt(r.fpsr >>> 0));
      this.host.cpu.writeSysreg(SYSREG.fpcr, BigInt(r.fpcr >>> 0));
      if (r.altStack) thread.altStack = r.altStack;
    }
    if (tracer && decl && thread.state !== 'dead') tracer.onSyscallExit?.(ctx, decl, targs, r.ok ? regs.x(0) : 0n);
    if (!r.ok) {
      // badframe: force_sig(SIGSEGV) — catchable, delivered on this return.
      kernel.forceSignal(thread, { signo: Sig.SIGSEGV, code: SiCode.SI_KERNEL, addr: 0n });
    }
    // Signals the old mask held back may be deliverable now.
    if (kernel.deliverSignals(thread) === 'exited') {
      this.died();
      return;
    }
    this.deliver(thread, regs);
  }

  /** Linux force_sigsegv(): the frame could not be written. For SIGSEGV itself the default
   *  action is forced (fatal); otherwise SIGSEGV is raised and may be caught. Returns false
   *  when the process died. */
  private forceSigsegv(thread: Thread, fatal: boolean): boolean {
    const kernel = this.host.kernel;
    const actions = thread.process.signalActions;
    if (fatal) actions.set(Sig.SIGSEGV, { ...actions.get(Sig.SIGSEGV), handler: SIG_DFL });
    const info: SigInfo = { signo: Sig.SIGSEGV, code: SiCode.SI_KERNEL, addr: 0n };
    kernel.forceSignal(thread, info);
    if (kernel.deliverSignals(thread) === 'exited') return this.died();
    return true;
  }

  private died(): false {
    this.host.scheduleNext();
    return false;
  }

  /** The vDSO's __kernel_rt_sigreturn in the process's address space (its [vdso] mapping's
   *  versioned dynamic symbol), or 0 when there is none. Remembered per address space and
   *  mapping address (execve keeps the MemoryMap but may move the vDSO). */
  private sigtramp(proc: Process): bigint {
    const mm = proc.mm;
    const vdso = mm.areas.find((v) => v.name === '[vdso]');
    if (!vdso) return 0n;
    const known = this.sigtramps.get(mm);
    if (known && known.start === vdso.start) return known.address;
    let address = 0n;
    const bytes = this.host.kernel.userMemory(proc).read(vdso.start, vdso.end - vdso.start);
    if (bytes) {
      try {
        const elf = readElf(bytes);
        const sym = elf.symbolTables
          .filter((t) => t.name === '.dynsym')
          .flatMap((t) => t.symbols)
          .find((s) => s.name === '__kernel_rt_sigreturn' && s.shndx !== 0 && (!s.version || s.version.name === 'LINUX_2.6.39'));
        if (sym) address = BigInt(vdso.start) + sym.value;
      } catch {
        address = 0n; // not an ELF image: no trampoline
      }
    }
    this.sigtramps.set(mm, { start: vdso.start, address });
    return address;
  }
}
