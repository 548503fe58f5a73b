// The x86-64 machine: @vsys/emu's CPU and memory, booted with the kernel space (entry code,
// IDT, GDT, TSS, per-CPU area, MSRs), wired to the TypeScript Kernel through `vmcall`.
//
// Every system call really travels the hardware path: the CPU executes `syscall` (or
// `int $0x80`, or faults), runs the entry code in entry.s at CPL 0, which saves pt_regs and
// executes `vmcall`; onHypercall() below is the only place TypeScript takes over. It reads
// pt_regs from guest memory, calls the Kernel, writes pt_regs->ax, and returns into the entry
// code, which restores the registers and goes back to ring 3 with sysretq or iretq.
//
// Threads: each has a 16 KiB kernel stack; a thread that blocks in a syscall keeps its CPU
// context (saved right after its vmcall) and finishes the call when the scheduler runs it
// again — Linux's switch_to happens at the same place, inside the kernel.

import { Kernel, type KernelOptions } from '../../kernel.js';
import type { FaultInfo } from '../../kernel.js';
import type { Process, Thread } from '../../process/process.js';
import type { ExitStatus } from '../../process/exit-status.js';
import { SaFlags, SIG_DFL, SIG_IGN } from '../../signal/actions.js';
import { SiCode } from '../../signal/siginfo.js';
import { Sig, sigBit, UNBLOCKABLE } from '../../signal/signals.js';
import type { SyscallAbi } from '../../syscalls/types.js';
import { namedSyscallCounts, SyscallCounts } from '../syscall-counts.js';
import { REG, type X86CpuPort } from './cpu-port.js';
import { KERNEL_CS, KERNEL_DS, TSS_SELECTOR, USER_CS, USER_DS, USER32_CS } from './descriptors.js';
import type { EntryImage } from './entry-image.js';
import { KernelSpace, type KernelStack } from './kernel-space.js';
import {
  CR0_VALUE, CR4_VALUE, EFER_VALUE, MSR_KERNEL_GS_BASE, MSR_LSTAR, MSR_STAR, MSR_SYSCALL_MASK, TASK_SIZE_MAX,
  USER_INITIAL_RFLAGS,
} from './layout.js';
import { KernelMemoryError, type PageTableEditor, type PhysicalRam } from './machine-memory.js';
import { PtRegs } from './pt-regs.js';
import { restoreRtFrame, RT_SIGRETURN_MASK_FROM_SP, setupRtFrame, x86RestartRegs } from './signal-frame.js';
import { settleInterruptedSyscall } from '../../signal/restart.js';
import { makeSyscallArgs } from '../../syscalls/context.js';
import { X86UserAddressSpace } from './user-address-space.js';
import { handleVsyscallFetch, inVsyscallPage } from './vsyscall.js';
import { MachinePanic, runMachine, scheduleNextThread, type ScheduleHooks, type SlicedMachine } from '../schedule-loop.js';

export interface X86MachineOptions<Ctx> {
  cpu: X86CpuPort<Ctx>;
  ram: PhysicalRam;
  tables: PageTableEditor;
  /** The entry code, placed at KERNEL_TEXT (entryImageFromObject(obj, KERNEL_TEXT)). */
  entry: EntryImage;
  /** Everything the Kernel needs except what the machine provides (address spaces, arch hooks). */
  kernelOptions?: Omit<KernelOptions, 'newAddressSpace' | 'arch'>;
}

export type MachineStop =
  /** The first process ended; `status` says how (exit code or signal). */
  | { kind: 'exited'; status: ExitStatus }
  /** --max-instructions was reached before the guest ended. */
  | { kind: 'instruction-limit'; executed: number }
  /** Every thread sleeps with nothing to wake it (e.g. reading its own empty pipe). */
  | { kind: 'deadlock' }
  /** The machine itself failed: a fault in ring 0, a triple fault, a kernel bug. */
  | { kind: 'panic'; message: string };

export interface MachineStats {
  userInstructions: number;
  kernelInstructions: number;
  modeSwitches: number;
  cr3Loads: number;
  tlbFlushes: number;
  tlbPageInvalidations: number;
  exceptions: number;
  hypercalls: number;
  /** System calls by name (x86_64 and i386 tables), in first-seen order. */
  syscalls: Map<string, number>;
  /** Calls to the vsyscall page the kernel emulated, by name (vsyscall.ts), for --stats. */
  vsyscalls?: Map<string, number>;
}

/** rt_sigreturn on x86-64 (arch/x86/entry/syscalls/syscall_64.tbl). */
const NR_RT_SIGRETURN = 15;
const RF = 1 << 16;
const TF = 1 << 8;
/** The vsyscall page's entry points by offset (arch/x86/entry/vsyscall/vsyscall_64.c). */
const VSYSCALL_NAMES: Record<number, string> = { 0x000: 'gettimeofday', 0x400: 'time', 0x800: 'getcpu' };

export class X86Machine<Ctx = unknown> {
  readonly cpu: X86CpuPort<Ctx>;
  readonly space: KernelSpace;
  readonly kernel: Kernel;
  readonly entry: EntryImage;
  private readonly stacks = new Map<Thread, KernelStack>();
  private readonly deadStacks: KernelStack[] = [];
  private readonly frames = new WeakMap<KernelStack, UserFrame>();
  /** The last thread userFrame() answered for, and its frame: every syscall asks for the
   *  running thread's (cleared whenever a kernel stack is assigned or released). */
  private hotThread: Thread | null = null;
  private hotFrame: UserFrame | null = null;
  /** pt_regs offsets (entry.s) as plain numbers for the syscall hot path. */
  private readonly ptOff: PtOffsets;
  /** Guest RAM as a DataView (null when the RAM has none: the PtRegs path is used). */
  private readonly ramView: DataView | null;
  /** The same RAM as 32-bit words (little-endian, as the guest), for the syscall hot path:
   *  pt_regs is 8-byte aligned, so its fields are whole words (V8 compiles Int32Array element
   *  accesses to plain loads and stores; a DataView access also checks its buffer each time). */
  private readonly ramWords: Int32Array | null;
  /** The vmcall requests of the syscall path (entry.s HC_*), as fields: `entry.constants` is
   *  built key by key from the symbol table, a dictionary-mode object V8 reads with a lookup. */
  private readonly hcSyscall64: number;
  private readonly hcInt80: number;
  /** The syscall counters of each table, as fields (no lookup by ABI name per call). */
  private readonly counts64: SyscallCounts;
  private readonly counts32: SyscallCounts;
  /** Scratch for the syscall hot path: six argument registers as (lo, hi) halves, the result. */
  private readonly argHalves = new Int32Array(12);
  private readonly resultHalves = new Int32Array(2);
  private current: Thread | null = null;
  private firstProcess: Process | null = null;
  private firstStatus: ExitStatus | null = null;
  private stopReason: MachineStop | null = null;
  /** System calls seen, by ABI and number (named only when stats() is asked for). */
  private readonly syscallCounts = { x86_64: new SyscallCounts('x86_64'), i386: new SyscallCounts('i386') };
  /** counters.retiredUser when the current thread's CPU time was last charged. */
  private chargedUser = 0;

  /** vsyscall-page calls emulated, by name (named in stats()). */
  private readonly vsyscallCounts = new Map<string, number>();

  constructor(options: X86MachineOptions<Ctx>) {
    this.cpu = options.cpu;
    this.entry = options.entry;
    this.space = new KernelSpace(options.ram, options.tables, options.entry);
    const { ram, tables } = options;
    this.ptOff = ptOffsets(options.entry.constants);
    this.ramView = ram.view ?? null;
    const view = this.ramView;
    this.ramWords = view !== null && view.byteOffset % 4 === 0 ? new Int32Array(view.buffer, view.byteOffset, view.byteLength >> 2) : null;
    this.hcSyscall64 = options.entry.constants.HC_SYSCALL64;
    this.hcInt80 = options.entry.constants.HC_INT80;
    this.counts64 = this.syscallCounts.x86_64;
    this.counts32 = this.syscallCounts.i386;
    this.kernel = new Kernel({
      ...options.kernelOptions,
      newAddressSpace: (arch) => {
        if (arch !== 'x86_64') throw new KernelMemoryError(`an x86-64 machine cannot run ${arch} processes`);
        const root = this.space.createUserRoot();
        if (root === null) throw new KernelMemoryError('out of guest RAM for page tables (raise --max-memory)');
        return new X86UserAddressSpace(ram, tables, root);
      },
      arch: {
        onTlsChange: (t) => this.tlsChanged(t),
        userStackPointer: (t) => {
          const stack = this.stacks.get(t);
          return stack ? this.ptRegsAt(t, this.ptRegsAddress(stack)).get('sp') : 0n;
        },
      },
    });
    this.kernel.onExit = (proc, status) => this.processExited(proc, status);
    this.kernel.archCloneThread = (parent, child, opts) => this.cloneThread(parent, child, opts);
    this.kernel.archExecThread = (thread, entry, sp) => this.execThread(thread, entry, sp);
    // Deterministic time runs on retired instructions (time/clock.ts).
    this.kernel.clock.instructionCounter = () => this.cpu.counters.retiredUser + this.cpu.counters.retiredKernel;
    this.programCpu();
  }

  /** Boot: control registers, EFER, the syscall MSRs (Linux syscall_init()), GDTR, IDTR, TR. */
  private programCpu(): void {
    const cpu = this.cpu;
    cpu.cr0 = Number(CR0_VALUE) | 0;
    cpu.cr4 = Number(CR4_VALUE);
    cpu.efer = Number(EFER_VALUE);
    // STAR[47:32] = kernel CS (SS = +8); STAR[63:48] = user32 CS (SYSRET64: CS = +16, SS = +8).
    cpu.writeMsr(MSR_STAR, (BigInt(USER32_CS) << 48n) | (BigInt(KERNEL_CS) << 32n));
    cpu.writeMsr(MSR_LSTAR, this.entry.labels.entry_SYSCALL_64);
    cpu.writeMsr(MSR_SYSCALL_MASK, 0x257fd5n);
    cpu.gdtrBase = this.space.gdt.base;
    cpu.gdtrLimit = this.space.gdt.limit;
    cpu.idtrBase = this.space.idt.base;
    cpu.idtrLimit = this.space.idt.limit;
    cpu.trSelector = TSS_SELECTOR;
    cpu.trBase = this.space.tss.base;
    cpu.setPrivilege(0, KERNEL_CS, KERNEL_DS);
    cpu.setCr3(this.space.root);
    cpu.gsBase = this.space.percpu;
    cpu.kernelGsBase = 0n;
    cpu.hypercall = () => this.onHypercall();
  }

  /** Loads `image` as a new process (Kernel.spawn → the loader) and prepares its first return
   *  to user mode: a pt_regs frame on its kernel stack with the loader's entry and stack
   *  pointer, every other register 0 and RFLAGS 0x202, as Linux's start_thread() leaves them. */
  spawn(image: Uint8Array, argv: readonly string[], envp: readonly string[], execfn?: string): { process: Process; thread: Thread } {
    const { process, thread, entry, sp } = this.kernel.spawn(image, argv, envp, {
      arch: 'x86_64',
      ...(execfn !== undefined ? { execfn } : {}),
    });
    this.firstProcess ??= process;
    const stack = this.space.allocKernelStack();
    this.stacks.set(thread, stack);
    this.hotThread = null;
    this.writeInitialFrame(stack, entry, sp);
    return { process, thread };
  }

  /** A user frame as Linux's start_thread() leaves it: RIP = entry, RSP = sp, RFLAGS 0x202,
   *  user CS/SS, every other register 0, orig_ax -1 (no syscall to restart). */
  private writeInitialFrame(stack: KernelStack, entry: bigint, sp: bigint): void {
    PtRegs.write(this.space.vm, this.ptRegsAddress(stack), this.entry.constants, {
      ip: entry,
      sp,
      cs: BigInt(USER_CS),
      ss: BigInt(USER_DS),
      flags: USER_INITIAL_RFLAGS,
      orig_ax: -1n,
    });
  }

  /** The arch half of clone(2) (Linux copy_thread()): `child` — made by the kernel for the
   *  calling thread `parent`, which is inside its syscall — gets a kernel stack holding a copy
   *  of the parent's pt_regs with ax = 0 (clone returns 0 in the child), the new user stack
   *  and thread pointer when given. It first runs from return_to_user like any new thread. */
  cloneThread(parent: Thread, child: Thread, opts: { stack?: bigint; tls?: bigint } = {}): void {
    const parentStack = this.stacks.get(parent);
    if (!parentStack) throw new KernelMemoryError(`thread ${parent.tid} has no kernel stack`);
    const size = this.entry.constants.PT_REGS_SIZE;
    const frame = this.space.vm.read(this.ptRegsAddress(parentStack), size);
    const stack = this.space.allocKernelStack();
    this.stacks.set(child, stack);
    this.hotThread = null;
    this.space.vm.write(this.ptRegsAddress(stack), frame);
    const regs = this.ptRegsAt(child, this.ptRegsAddress(stack));
    regs.set('ax', 0n);
    if (opts.stack !== undefined && opts.stack !== 0n) regs.set('sp', opts.stack);
    child.tls = opts.tls ?? parent.tls;
    child.gsBase = parent.gsBase;
  }

  /** The arch half of execve(2) (Linux start_thread()): the calling thread, inside its
   *  execve, gets a fresh user frame — RIP = entry, RSP = sp, RFLAGS 0x202, user CS/SS, every
   *  other register 0 — so the return to ring 3 (by iretq: RCX no longer equals RIP) lands in
   *  the new image; CR3 on that return is the new address space's root; FS and GS bases are 0. */
  execThread(thread: Thread, entry: bigint, sp: bigint): void {
    const stack = this.stacks.get(thread);
    if (!stack) throw new KernelMemoryError(`thread ${thread.tid} has no kernel stack`);
    this.writeInitialFrame(stack, entry, sp);
    thread.tls = 0n;
    thread.gsBase = 0n;
    if (thread === this.current) {
      this.space.setCurrent(stack.top, (thread.process.mm.backend as X86UserAddressSpace).root);
      this.cpu.fsBase = 0n;
      this.cpu.writeMsr(MSR_KERNEL_GS_BASE, 0n);
    }
  }

  private ptRegsAddress(stack: KernelStack): bigint {
    return stack.top - BigInt(this.entry.constants.PT_REGS_SIZE);
  }

  /** pt_regs at `address`: a frame at the top of the thread's kernel stack (every entry from
   *  ring 3 builds it there) is read straight from the stack's top physical frame. */
  private ptRegsAt(thread: Thread, address: bigint): PtRegs {
    const f = this.userFrame(thread);
    if (f && address === f.address) return new PtRegs(this.space.vm, address, this.entry.constants, f.phys);
    return new PtRegs(this.space.vm, address, this.entry.constants);
  }

  /** Where a thread's user pt_regs frame lives (top of its kernel stack): virtual address, its
   *  32-bit halves, and the physical address — computed once per stack. */
  private userFrame(thread: Thread): UserFrame | null {
    if (thread === this.hotThread) return this.hotFrame;
    const stack = this.stacks.get(thread);
    if (!stack) return null;
    let f = this.frames.get(stack);
    if (!f) {
      const address = this.ptRegsAddress(stack);
      const topFrame = stack.frames[stack.frames.length - 1]!;
      f = {
        address,
        lo: Number(address & 0xffffffffn) | 0,
        hi: Number(address >> 32n) | 0,
        phys: topFrame + Number(address - (stack.top - 4096n)),
      };
      this.frames.set(stack, f);
    }
    this.hotThread = thread;
    this.hotFrame = f;
    return f;
  }

  /** Runs until the first process spawned ends (or the limit, a deadlock, a panic). With more than one
   *  runnable thread, each runs for the scheduler's quantum of instructions and is then
   *  preempted — only in ring 3, as a timer interrupt would find it (never inside the entry
   *  code, whose per-CPU scratch slot is not per thread). */
  run(options: { maxInstructions?: number | null } = {}): MachineStop {
    const start = () => {
      if (this.current === null) this.scheduleNext();
    };
    return runMachine(this.kernel, this.sliced, options.maxInstructions ?? null, start) ?? this.stopReason!;
  }

  /** This machine as the time-sliced run loop sees it. */
  private readonly sliced: SlicedMachine = {
    retired: () => this.cpu.counters.retiredUser + this.cpu.counters.retiredKernel,
    atUserLevel: () => this.cpu.cpl === 3,
    current: () => this.current,
    stopped: () => this.stopReason !== null,
    preempt: () => this.preempt(),
    chargeCpuTime: () => this.chargeCpuTime(),
    runFor: (budget) => {
      const r = this.cpu.run(budget);
      if (r.kind === 'shutdown') {
        this.panic(`triple fault (last exception ${r.vector}, error ${r.errorCode}) at ${this.where(this.cpu.rip)}`);
      } else if (r.kind === 'halt') {
        this.panic(`hlt in ring 0 at ${this.where(this.cpu.rip)}`);
      }
    },
  };

  /** Counters for `vrun --stats`. */
  stats(): MachineStats {
    const c = this.cpu.counters;
    return {
      userInstructions: c.retiredUser,
      kernelInstructions: c.retiredKernel,
      modeSwitches: c.modeSwitches,
      cr3Loads: c.cr3Loads,
      tlbFlushes: c.tlbFlushes,
      tlbPageInvalidations: c.tlbPageInvalidations,
      exceptions: c.exceptions,
      hypercalls: c.hypercalls,
      syscalls: namedSyscallCounts([this.syscallCounts.x86_64, this.syscallCounts.i386]),
      vsyscalls: new Map(this.vsyscallCounts),
    };
  }

  /** The running thread's quantum is over: it goes to the back of the run queue with its
   *  whole register state, and the next one runs. */
  private preempt(): void {
    const t = this.current;
    if (!t) return;
    this.chargeCpuTime(); // its CPU time so far, for the CPU-time timers the scheduler looks at
    t.cpuContext = { abi: null, ctx: this.cpu.saveContext() } satisfies SavedContext<Ctx>;
    this.scheduleNext();
  }

  /** Adds the user instructions retired since the last charge to the running thread (its CPU
   *  time, for getrusage/times/CLOCK_THREAD_CPUTIME_ID). */
  private chargeCpuTime(): void {
    const retired = this.cpu.counters.retiredUser;
    if (this.current) this.current.userInstructions += retired - this.chargedUser;
    this.chargedUser = retired;
  }

  // ---- the door from the entry code ----

  private onHypercall(): void {
    const cpu = this.cpu;
    this.chargeCpuTime();
    try {
      const R = cpu.R;
      const thread = this.current;
      if (thread === null) this.panic('vmcall with no current thread');
      // The usual case, every system call: RDI is the thread's user frame at the top of its
      // kernel stack, read and written in place as 32-bit words.
      const words = this.ramWords;
      if (R !== undefined && words !== null) {
        const request = R[2 * REG.rax]! >>> 0;
        if (request === this.hcSyscall64 || request === this.hcInt80) {
          const f = thread === this.hotThread ? this.hotFrame : this.userFrame(thread);
          if (f !== null && R[2 * REG.rdi] === f.lo && R[2 * REG.rdi + 1] === f.hi && (f.phys & 7) === 0) {
            if (request === this.hcSyscall64) this.syscallFast(thread, f, 'x86_64', words);
            else this.syscallFast(thread, f, 'i386', words);
            return;
          }
        }
      }
      const C = this.entry.constants;
      const request = R ? R[2 * REG.rax]! >>> 0 : Number(cpu.getReg(REG.rax) & 0xffffffffn);
      const f = this.userFrame(thread);
      const regs =
        f && R && R[2 * REG.rdi] === f.lo && R[2 * REG.rdi + 1] === f.hi
          ? this.frameRegs(f)
          : this.ptRegsAt(thread, cpu.getReg(REG.rdi));
      if (request === C.HC_SYSCALL64) this.syscall(thread, regs, 'x86_64');
      else if (request === C.HC_INT80) this.syscall(thread, regs, 'i386');
      else if (request === C.HC_EXCEPTION) this.exception(thread, regs, Number(cpu.getReg(REG.rsi)), cpu.getReg(REG.rdx));
      else this.panic(`unknown vmcall request ${request} at ${this.where(cpu.rip)}`);
    } catch (err) {
      if (err instanceof MachinePanic) {
        cpu.requestStop('panic');
        throw err;
      }
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      this.stopReason = { kind: 'panic', message: `kernel bug while handling a trap: ${message}` };
      cpu.requestStop('panic');
      if (process.env.VSYS_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    }
  }

  /** PtRegs over a user frame (made once per frame). */
  private frameRegs(f: UserFrame): PtRegs {
    return (f.regs ??= new PtRegs(this.space.vm, f.address, this.entry.constants, f.phys));
  }

  /**
   * The hot path, every system call: number and arguments as 32-bit halves straight from the
   * frame in RAM (`w`, guest RAM as words; the frame at f.phys is 8-byte aligned), the result
   * written back the same way, and Linux's do_syscall_64() tail (a pending signal's handler,
   * sysret or iret) — no BigInt, no allocation here (Kernel.handleSyscallHalves).
   */
  private syscallFast(thread: Thread, f: UserFrame, abi: 'x86_64' | 'i386', w: Int32Array): void {
    const o = this.ptOff, b = f.phys >> 2;
    const n = w[b + o.origAxW]!; // C `int nr`: the low 32 bits, signed
    const i386 = abi === 'i386';
    (i386 ? this.counts32 : this.counts64).add(n);
    if (!i386 && n === NR_RT_SIGRETURN) {
      this.tracedRtSigreturn(thread, this.frameRegs(f));
      return;
    }
    const at = i386 ? o.args32W : o.args64W;
    const h = this.argHalves;
    for (let i = 0; i < 6; i++) {
      const a = b + at[i]!;
      h[2 * i] = w[a]!;
      h[2 * i + 1] = w[a + 1]!;
    }
    const r = this.resultHalves;
    const out = this.kernel.handleSyscallHalves(thread, abi, n, h, r);
    if (out === 'return') {
      // i386: errors (-4095…-1 as 32 bits) are sign-extended, other values zero-extended.
      w[b + o.axW] = r[0]!;
      w[b + o.axW + 1] = i386 ? ((r[0]! >>> 0) >= 0xfffff001 ? -1 : 0) : r[1]!;
      if (thread.pendingSignals.length !== 0 || thread.process.pendingSignals.length !== 0) {
        this.finishSyscall(thread, this.frameRegs(f), abi);
        return;
      }
      this.setRax(!i386 && this.canSysretWords(w, b) ? 1 : 0);
    } else if (out === 'blocked') {
      thread.cpuContext = { abi, ctx: this.cpu.saveContext() } satisfies SavedContext<Ctx>;
      this.scheduleNext();
    } else this.scheduleNext();
  }

  private syscall(thread: Thread, regs: PtRegs, abi: SyscallAbi): void {
    const nr = regs.get('orig_ax');
    const args =
      abi === 'x86_64'
        ? [regs.get('di'), regs.get('si'), regs.get('dx'), regs.get('r10'), regs.get('r8'), regs.get('r9')]
        : [regs.get('bx'), regs.get('cx'), regs.get('dx'), regs.get('si'), regs.get('di'), regs.get('bp')].map((v) =>
            BigInt.asUintN(32, v),
          );
    const n = Number(BigInt.asIntN(32, nr));
    if (abi !== 'arm64') this.syscallCounts[abi].add(n);
    if (abi === 'x86_64' && n === NR_RT_SIGRETURN) {
      this.tracedRtSigreturn(thread, regs);
      return;
    }
    const out = this.kernel.handleSyscall(thread, abi, nr, args);
    if (out.kind === 'return') this.completeSyscall(thread, regs, abi, out.value);
    else if (out.kind === 'blocked') {
      thread.cpuContext = { abi, ctx: this.cpu.saveContext() } satisfies SavedContext<Ctx>;
      this.scheduleNext();
    } else this.scheduleNext();
  }

  /** Writes the result into pt_regs->ax, runs a caught signal's handler if one is pending, and
   *  tells the entry code how to return. */
  private completeSyscall(thread: Thread, regs: PtRegs, abi: SyscallAbi, value: bigint): void {
    let ax = value;
    if (abi === 'i386') {
      // A 32-bit result in a long: errors (-4095…-1 as 32 bits) are negative, so sign-extend
      // them; other values (addresses up to 4 GiB) stay zero-extended.
      const v = BigInt.asUintN(32, value);
      ax = v >= 0xfffff001n ? BigInt.asUintN(64, BigInt.asIntN(32, v)) : v;
    }
    regs.set('ax', ax);
    this.finishSyscall(thread, regs, abi);
  }

  /** After pt_regs->ax holds the result: a caught signal's handler, then sysret or iret. */
  private finishSyscall(thread: Thread, regs: PtRegs, abi: SyscallAbi): void {
    if (!this.deliverHandler(thread, regs)) return;
    this.setRax(abi === 'x86_64' && this.canSysret(regs) ? 1 : 0);
  }

  /** The vmcall's answer in RAX (0 or 1). */
  private setRax(v: number): void {
    const R = this.cpu.R;
    if (R) {
      R[2 * REG.rax] = v;
      R[2 * REG.rax + 1] = 0;
    } else this.cpu.setReg(REG.rax, v);
  }

  /** Runs the handler of one pending caught signal on return to user mode: a Linux rt_sigframe
   *  on the user stack (signal-frame.ts), the handler's mask installed. Returns false when the
   *  process died instead (no SA_RESTORER or an unwritable stack: SIGSEGV, as force_sigsegv). */
  private deliverHandler(thread: Thread, regs: PtRegs, trap?: { trapno: number; errorCode: bigint; cr2: bigint }): boolean {
    // Linux's exit_to_user_mode_loop: every deliverable caught signal gets a frame, each on top
    // of the last, so the last one set up runs first (kernel/entry/common.c; the frame of the
    // first keeps the trap details). 64 frames at most: a guard, not a rule.
    for (let n = 0; n < 64; n++) {
      const r = this.deliverOneHandler(thread, regs, n === 0 ? trap : undefined);
      if (r !== 'again') return r === 'none';
    }
    return true;
  }

  private deliverOneHandler(thread: Thread, regs: PtRegs, trap?: { trapno: number; errorCode: bigint; cr2: bigint }): 'none' | 'again' | 'died' {
    const info = this.kernel.takeSignalForHandler(thread);
    if (!info) {
      settleInterruptedSyscall(thread, null, x86RestartRegs(regs)); // no handler: restart
      return 'none';
    }
    const proc = thread.process;
    const action = proc.signalActions.get(info.signo);
    if (action.handler === SIG_DFL || action.handler === SIG_IGN) {
      thread.pendingSignals.unshift(info); // not caught after all: the default action applies
      if (this.kernel.deliverSignals(thread) === 'exited') {
        this.scheduleNext();
        return 'died';
      }
      return 'again';
    }
    // An interrupted system call: -EINTR or rewound to be made again, by this handler's
    // SA_RESTART, before the frame saves the registers (signal/restart.ts).
    settleInterruptedSyscall(thread, action, x86RestartRegs(regs));
    const savedMask = thread.sigmask;
    const ok =
      (action.flags & SaFlags.SA_RESTORER) !== 0n &&
      setupRtFrame(this.kernel.userMemory(proc), regs, {
        signo: info.signo,
        info,
        handler: action.handler,
        restorer: action.restorer,
        savedMask,
        altStack: thread.altStack,
        onStack: (action.flags & SaFlags.SA_ONSTACK) !== 0n,
        ...(trap ?? {}),
      });
    if (!ok) {
      this.forceSigsegv(thread);
      return 'died';
    }
    let mask = savedMask | action.mask;
    if (!(action.flags & SaFlags.SA_NODEFER)) mask |= sigBit(info.signo);
    thread.sigmask = mask & ~UNBLOCKABLE;
    if (action.flags & SaFlags.SA_RESETHAND) proc.signalActions.set(info.signo, { ...action, handler: SIG_DFL });
    // signal_delivered: SS_AUTODISARM disables the alternate stack once a handler is delivered.
    if (thread.altStack.autodisarm) thread.altStack = { sp: 0n, size: 0n, autodisarm: false };
    this.cpu.setReg(REG.rax, 0); // the frame changed RIP and RSP: return with iretq
    return 'again';
  }

  /** Linux force_sigsegv(): the signal frame could not be built, so SIGSEGV with its default
   *  action kills the process. */
  private forceSigsegv(thread: Thread): void {
    const actions = thread.process.signalActions;
    actions.set(Sig.SIGSEGV, { ...actions.get(Sig.SIGSEGV), handler: SIG_DFL });
    this.kernel.forceSignal(thread, { signo: Sig.SIGSEGV, code: SiCode.SI_KERNEL, addr: 0n });
    this.kernel.deliverSignals(thread);
    this.scheduleNext();
  }

  /** rt_sigreturn is served here (signal frames are arch code) and shown to the tracer like
   *  any call: its argument is where the frame keeps the mask to restore (the handler's `ret`
   *  popped pretcode, so the frame starts 8 bytes below rsp; see signal-frame.ts). */
  private tracedRtSigreturn(thread: Thread, regs: PtRegs): void {
    const tracer = this.kernel.tracer;
    const decl = tracer ? this.kernel.table.x86_64[NR_RT_SIGRETURN] : undefined;
    if (!tracer || !decl) {
      this.rtSigreturn(thread, regs);
      return;
    }
    const abi = 'x86_64' as const;
    const ctx = { abi, mem: this.kernel.userMemory(thread.process), process: thread.process, thread, kernel: this.kernel };
    const targs = makeSyscallArgs([regs.get('sp') + BigInt(RT_SIGRETURN_MASK_FROM_SP), 0n, 0n, 0n, 0n, 0n], abi);
    tracer.onSyscallEnter?.(ctx, decl, targs);
    // The call's exit comes before the signals the restored mask lets through (strace:
    // `rt_sigreturn({mask=[]}) = 0`, then `--- SIGHUP … ---`).
    let reported = false;
    this.rtSigreturn(thread, regs, () => {
      reported = true;
      tracer.onSyscallExit?.(ctx, decl, targs, regs.get('ax'));
    });
    if (!reported && thread.state !== 'dead') tracer.onSyscallExit?.(ctx, decl, targs, regs.get('ax'));
  }

  /** rt_sigreturn(2) (x86-64 number 15): restore the registers and mask a handler's frame
   *  saved, then return with iretq (RCX/R11 are the interrupted code's, not sysret's). It is
   *  arch code in Linux too (arch/x86/kernel/signal_64.c), so the machine serves it. */
  private rtSigreturn(thread: Thread, regs: PtRegs, restoredHook?: () => void): void {
    const restored = restoreRtFrame(this.kernel.userMemory(thread.process), regs, BigInt(USER_CS), BigInt(USER_DS), thread.altStack);
    if (!restored) {
      this.forceSigsegv(thread);
      return;
    }
    thread.sigmask = restored.mask & ~UNBLOCKABLE;
    if (restored.altStack) thread.altStack = restored.altStack;
    restoredHook?.();
    // Signals the old mask held back may be deliverable now.
    if (this.kernel.deliverSignals(thread) === 'exited') {
      this.scheduleNext();
      return;
    }
    if (!this.deliverHandler(thread, regs)) return;
    this.cpu.setReg(REG.rax, 0);
  }

  /** Linux's do_syscall_64() tail: SYSRET only when it restores exactly what IRET would —
   *  RCX == RIP, R11 == RFLAGS, the default user CS/SS, RIP below TASK_SIZE_MAX (a
   *  non-canonical RCX would make SYSRET #GP in ring 0 on Intel), and neither RF nor TF set. */
  private canSysret(regs: PtRegs): boolean {
    const d = regs.direct();
    if (d && d.view === this.ramView) return this.canSysretAt(d.view, d.base);
    const ip = regs.get('ip');
    const flags = regs.get('flags');
    if (regs.get('cx') !== ip || regs.get('r11') !== flags) return false;
    if (regs.get('cs') !== BigInt(USER_CS) || regs.get('ss') !== BigInt(USER_DS)) return false;
    if (ip >= TASK_SIZE_MAX) return false;
    return (flags & BigInt(RF | TF)) === 0n;
  }

  /** canSysret on a frame in RAM at `b`: its fields compared as 32-bit halves (no BigInt). */
  /** canSysretAt over guest RAM as words, `b` the frame's word index (syscallFast). */
  private canSysretWords(w: Int32Array, b: number): boolean {
    const o = this.ptOff;
    const ipLo = w[b + o.ipW]!, ipHi = w[b + o.ipW + 1]!;
    const flagsLo = w[b + o.flagsW]!;
    if (w[b + o.cxW] !== ipLo || w[b + o.cxW + 1] !== ipHi) return false;
    if (w[b + o.r11W] !== flagsLo || w[b + o.r11W + 1] !== w[b + o.flagsW + 1]) return false;
    if (w[b + o.csW] !== USER_CS || w[b + o.csW + 1] !== 0) return false;
    if (w[b + o.ssW] !== USER_DS || w[b + o.ssW + 1] !== 0) return false;
    // ip < TASK_SIZE_MAX, as in canSysretAt.
    if (ipHi < 0 || ipHi > 0x7fff || (ipHi === 0x7fff && ipLo >>> 0 >= 0xfffff000)) return false;
    return (flagsLo & (RF | TF)) === 0;
  }

  private canSysretAt(v: DataView, b: number): boolean {
    const o = this.ptOff;
    const ipLo = v.getInt32(b + o.ip, true);
    const ipHi = v.getInt32(b + o.ip + 4, true);
    const flagsLo = v.getInt32(b + o.flags, true);
    if (v.getInt32(b + o.cx, true) !== ipLo || v.getInt32(b + o.cx + 4, true) !== ipHi) return false;
    if (v.getInt32(b + o.r11, true) !== flagsLo || v.getInt32(b + o.r11 + 4, true) !== v.getInt32(b + o.flags + 4, true)) return false;
    if (v.getInt32(b + o.cs, true) !== USER_CS || v.getInt32(b + o.cs + 4, true) !== 0) return false;
    if (v.getInt32(b + o.ss, true) !== USER_DS || v.getInt32(b + o.ss + 4, true) !== 0) return false;
    // ip < TASK_SIZE_MAX (0x7ffffffff000): the high word below 0x7fff, or 0x7fff with the low
    // word below 0xfffff000 (as unsigned). A negative high word is a kernel address.
    if (ipHi < 0 || ipHi > 0x7fff || (ipHi === 0x7fff && ipLo >>> 0 >= 0xfffff000)) return false;
    return (flagsLo & (RF | TF)) === 0;
  }

  private exception(thread: Thread, regs: PtRegs, vector: number, cr2: bigint): void {
    const ip = regs.get('ip');
    const errorCode = regs.get('orig_ax');
    if ((regs.get('cs') & 3n) === 0n && ip === this.entry.labels.native_iret && (vector === 13 || vector === 12)) {
      // iretq refused the user frame (non-canonical RIP, bad SS:RSP): Linux's fixup makes it a
      // user-mode #GP, i.e. SIGSEGV with SI_KERNEL; the frame is unusable for a handler, so the
      // default action applies (force_sigsegv).
      this.forceSigsegv(thread);
      return;
    }
    if ((regs.get('cs') & 3n) === 0n) {
      this.panic(
        `CPU exception ${vector} in ring 0 at ${this.where(ip)} (error code 0x${errorCode.toString(16)}, cr2 0x${cr2.toString(16)})`,
      );
    }
    let fault: FaultInfo;
    switch (vector) {
      case 14: {
        // Page-fault error code (SDM Vol. 3A §4.7): bit 1 W/R, bit 4 I/D (instruction fetch).
        const access = errorCode & 0x10n ? 'exec' : errorCode & 0x2n ? 'write' : 'read';
        if (access === 'exec' && inVsyscallPage(cr2)) {
          // A call into the vsyscall page (vsyscall=xonly): emulated, as emulate_vsyscall.
          const v = handleVsyscallFetch(regs, this.kernel.userMemory(thread.process), this.kernel.clock);
          if (v === 'returned') {
            const name = VSYSCALL_NAMES[Number(cr2 & 0xfffn)] ?? 'vsyscall';
            this.vsyscallCounts.set(name, (this.vsyscallCounts.get(name) ?? 0) + 1);
            return;
          }
          fault = { kind: 'page', addr: v.addr, access: 'read' };
          break;
        }
        fault = { kind: 'page', addr: cr2, access };
        break;
      }
      case 0:
        fault = { kind: 'de', pc: ip };
        break;
      case 1: // #DB, a trap: ip is already the next instruction (SDM Vol. 3 §18.3.1.4).
        fault = { kind: 'step', pc: ip };
        break;
      case 3:
        fault = { kind: 'bp', pc: ip };
        break;
      case 6:
        fault = { kind: 'ud', pc: ip };
        break;
      case 17:
        // #AC (CR0.AM and RFLAGS.AC set by the user, misaligned access): SIGBUS BUS_ADRALN
        // with si_addr NULL (traps.c exc_alignment_check → do_trap).
        fault = { kind: 'align', addr: 0n };
        break;
      default:
        // #GP, and the rarer vectors Linux also answers with SIGSEGV (#OF, #BR, #TS, #NP, #SS
        // map to SIGSEGV/SIGBUS there; the emulator raises none of the latter from ring 3).
        fault = { kind: 'gp' };
    }
    const out = this.kernel.handleFault(thread, fault);
    if (out.kind === 'retry') return;
    if (out.kind === 'signal') {
      // A handler is installed: it runs now, with trapno/err/cr2 in its sigcontext.
      this.deliverHandler(thread, regs, { trapno: vector, errorCode, cr2 });
      return;
    }
    this.scheduleNext();
  }

  // ---- scheduling ----

  /** Picks the next thread to run and loads it onto the CPU (finishing its parked syscall if
   *  it was woken from one). Stops the machine when nothing is left. */
  private scheduleNext(): void {
    scheduleNextThread<SavedContext<Ctx>>(this.kernel, this.scheduleHooks);
  }

  private readonly scheduleHooks: ScheduleHooks<SavedContext<Ctx>> = {
    stop: (reason) => this.stop(reason),
    firstStatus: () => this.firstStatus,
    switchTo: (t) => this.switchTo(t),
    completeResumed: (t, value, saved) => {
      const regs = this.ptRegsAt(t, this.ptRegsAddress(this.stacks.get(t)!));
      this.completeSyscall(t, regs, saved?.abi ?? 'x86_64', value);
    },
  };

  private switchTo(t: Thread): void {
    if (this.current !== t) {
      this.chargeCpuTime();
      const stack = this.stacks.get(t);
      if (!stack) this.panic(`thread ${t.tid} has no kernel stack`);
      const userSpace = t.process.mm.backend as X86UserAddressSpace;
      this.space.setCurrent(stack.top, userSpace.root);
      const saved = t.cpuContext as SavedContext<Ctx> | null;
      if (saved) this.cpu.restoreContext(saved.ctx);
      else this.enterFresh(t, stack);
      this.current = t;
    }
    // Kernel stacks of threads that exited alone (exit(2)) are free once the CPU left them.
    for (const [thread, stack] of this.stacks) {
      if (thread.state === 'dead' && thread !== this.current) {
        this.stacks.delete(thread);
        this.hotThread = null;
        this.deadStacks.push(stack);
      }
    }
    for (const s of this.deadStacks.splice(0)) this.space.freeKernelStack(s);
    // A caught signal for a thread coming back other than from a system call (after its time
    // slice, or for its first run) runs its handler now, as Linux does on any return to user
    // mode (a timer signal for a thread that spins without system calls; the arm64 machine
    // does the same).
    if (!t.parked && (t.pendingSignals.length !== 0 || t.process.pendingSignals.length !== 0)) this.deliverOnResume(t);
  }

  /** Signal delivery on the way back to ring 3 without a system call: as an interrupt entry
   *  would, the user registers go into the thread's pt_regs (orig_ax -1: no call to restart),
   *  the CPU is in ring 0 at return_to_user on the thread's kernel stack, and the handler's
   *  frame is built from that pt_regs; return_to_user's iretq enters the handler (Linux:
   *  irqentry_exit_to_user_mode → exit_to_user_mode_loop → arch_do_signal_or_restart). A fresh
   *  thread is at return_to_user with its pt_regs already. */
  private deliverOnResume(t: Thread): void {
    const cpu = this.cpu;
    const stack = this.stacks.get(t);
    if (!stack) return;
    const address = this.ptRegsAddress(stack);
    if (cpu.cpl !== 3) {
      if (cpu.rip === this.entry.labels.return_to_user) this.deliverHandler(t, this.ptRegsAt(t, address));
      return;
    }
    const r = (n: number) => cpu.getReg(n);
    PtRegs.write(this.space.vm, address, this.entry.constants, {
      r15: r(REG.r15), r14: r(REG.r14), r13: r(REG.r13), r12: r(REG.r12), bp: r(REG.rbp), bx: r(REG.rbx),
      r11: r(REG.r11), r10: r(REG.r10), r9: r(REG.r9), r8: r(REG.r8), ax: r(REG.rax), cx: r(REG.rcx),
      dx: r(REG.rdx), si: r(REG.rsi), di: r(REG.rdi), orig_ax: -1n, ip: cpu.rip, cs: BigInt(USER_CS),
      flags: BigInt(cpu.getRflags()), sp: r(REG.rsp), ss: BigInt(USER_DS),
    });
    const userGs = cpu.gsBase;
    cpu.setPrivilege(0, KERNEL_CS, KERNEL_DS);
    cpu.setCr3(this.space.root);
    cpu.setRflags(0x2);
    cpu.setReg(REG.rsp, address);
    cpu.rip = this.entry.labels.return_to_user;
    cpu.gsBase = this.space.percpu; // return_to_user's swapgs makes the user's GS base current again
    cpu.kernelGsBase = userGs;
    this.deliverHandler(t, this.ptRegsAt(t, address));
  }

  /** A thread that never ran: start at return_to_user with its prepared pt_regs. */
  private enterFresh(t: Thread, stack: KernelStack): void {
    const cpu = this.cpu;
    cpu.setPrivilege(0, KERNEL_CS, KERNEL_DS);
    cpu.setCr3(this.space.root);
    cpu.setRflags(0x2);
    cpu.setReg(REG.rsp, this.ptRegsAddress(stack));
    cpu.rip = this.entry.labels.return_to_user;
    cpu.gsBase = this.space.percpu; // swapgs in return_to_user makes these the user's
    cpu.kernelGsBase = t.gsBase;
    cpu.fsBase = t.tls;
  }

  /** arch_prctl(ARCH_SET_FS / ARCH_SET_GS) for the running thread. While it is in the kernel
   *  its user GS base sits in IA32_KERNEL_GS_BASE (swapped by the entry code). */
  private tlsChanged(t: Thread): void {
    if (t !== this.current) return; // a thread that has not run yet picks them up in enterFresh
    this.cpu.fsBase = t.tls;
    this.cpu.writeMsr(MSR_KERNEL_GS_BASE, t.gsBase);
  }

  /** A process ended. The first one ends the run, as a shell's wait for it returns (other
   *  processes still running are dropped with the machine). */
  private processExited(proc: Process, status: ExitStatus): void {
    if (proc === this.firstProcess) {
      this.firstStatus = status;
      this.stop({ kind: 'exited', status });
    }
    for (const t of proc.threads) {
      const stack = this.stacks.get(t);
      if (stack) {
        this.stacks.delete(t);
        this.hotThread = null;
        this.deadStacks.push(stack);
      }
    }
    // The user half's page tables: the CPU is in the kernel (kernel CR3) here.
    (proc.mm.backend as X86UserAddressSpace).destroy?.();
  }

  private stop(reason: MachineStop): void {
    this.stopReason ??= reason;
    this.cpu.requestStop(reason.kind);
  }

  private panic(message: string): never {
    this.stop({ kind: 'panic', message });
    throw new MachinePanic(message);
  }

  /** "0x… (symbol+off)" for messages. */
  where(address: bigint): string {
    const sym = this.entry.symbolAt(address);
    return `0x${address.toString(16)}${sym ? ` <${sym}>` : ''}`;
  }
}

/** Where a thread's user pt_regs frame lives: its kernel virtual address (and as halves), the
 *  physical address of its first byte, and PtRegs over it once made. */
interface UserFrame {
  address: bigint;
  lo: number;
  hi: number;
  phys: number;
  regs?: PtRegs;
}

/** The pt_regs offsets the syscall hot path reads, from entry.s's constants. */
interface PtOffsets {
  origAx: number; ax: number; ip: number; cx: number; r11: number; flags: number; cs: number; ss: number;
  /** The argument registers of each table, in order (facts §1; entry_INT80_compat for i386). */
  args64: Int32Array;
  /** The same offsets in 32-bit words (syscallFast reads RAM as an Int32Array). */
  origAxW: number; axW: number; ipW: number; cxW: number; r11W: number; flagsW: number; csW: number; ssW: number;
  args64W: Int32Array; args32W: Int32Array;
  args32: Int32Array;
}

function ptOffsets(c: EntryImage['constants']): PtOffsets {
  return {
    origAx: c.PT_ORIG_RAX, ax: c.PT_RAX, ip: c.PT_RIP, cx: c.PT_RCX, r11: c.PT_R11, flags: c.PT_EFLAGS, cs: c.PT_CS, ss: c.PT_SS,
    args64: Int32Array.of(c.PT_RDI, c.PT_RSI, c.PT_RDX, c.PT_R10, c.PT_R8, c.PT_R9),
    args32: Int32Array.of(c.PT_RBX, c.PT_RCX, c.PT_RDX, c.PT_RSI, c.PT_RDI, c.PT_RBP),
    origAxW: c.PT_ORIG_RAX >> 2, axW: c.PT_RAX >> 2, ipW: c.PT_RIP >> 2, cxW: c.PT_RCX >> 2, r11W: c.PT_R11 >> 2,
    flagsW: c.PT_EFLAGS >> 2, csW: c.PT_CS >> 2, ssW: c.PT_SS >> 2,
    args64W: Int32Array.of(c.PT_RDI >> 2, c.PT_RSI >> 2, c.PT_RDX >> 2, c.PT_R10 >> 2, c.PT_R8 >> 2, c.PT_R9 >> 2),
    args32W: Int32Array.of(c.PT_RBX >> 2, c.PT_RCX >> 2, c.PT_RDX >> 2, c.PT_RSI >> 2, c.PT_RDI >> 2, c.PT_RBP >> 2),
  };
}

/** A thread's CPU state while it is off the CPU: parked inside a syscall (`abi` says which
 *  table, for the result's width) or preempted in ring 3 (`abi` null). */
interface SavedContext<Ctx> {
  abi: SyscallAbi | null;
  ctx: Ctx;
}

