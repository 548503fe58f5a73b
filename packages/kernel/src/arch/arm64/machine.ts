// The ARM64 machine: @vsys/emu's A64 CPU and memory, booted with the kernel half (entry code
// and vector table at KERNEL_TEXT through TTBR1_EL1, kernel stacks), wired to the same
// ISA-independent Kernel as the x86-64 machine through `hvc #0`.
//
// Every system call travels the hardware path: EL0 executes `svc #0`; the CPU takes the
// synchronous exception to EL1 through VBAR_EL1 + 0x400 (ESR_EL1.EC = 0x15, ELR_EL1 = the next
// instruction, SPSR_EL1 = the user PSTATE, SP = SP_EL1); entry.s saves pt_regs and executes
// `hvc #0`; onHypercall() below is the only place TypeScript takes over. It reads the number
// (x8) and arguments (x0–x5) from pt_regs, calls the Kernel, writes pt_regs->regs[0], and
// returns into entry.s, which restores the registers and `eret`s to EL0.
//
// Threads: each has a 16 KiB kernel stack (SP_EL1 while it runs); a thread that blocks keeps
// its CPU context (saved right after its hvc, at EL1) and finishes the call when it runs again.
// TPIDR_EL0 is part of that context (Linux saves it in thread_struct.uw.tp_value).

import type { Arm64Context, Arm64Cpu } from '@vsys/emu';
import { Kernel, type FaultInfo, type KernelOptions } from '../../kernel.js';
import type { Process, Thread } from '../../process/process.js';
import type { ExitStatus } from '../../process/exit-status.js';
import { namedSyscallCounts, SyscallCounts } from '../syscall-counts.js';
import type { MachineStats, MachineStop } from '../x86_64/machine.js';
import { KernelMemoryError, KernelVirtualMemory, PAGE, type PageTableEditor, type PhysicalRam } from '../x86_64/machine-memory.js';
import { X86UserAddressSpace as UserAddressSpace } from '../x86_64/user-address-space.js';
import type { Arm64EntryImage } from './entry-image.js';
import { KERNEL_STACK_SIZE, KERNEL_STACK_STRIDE, KERNEL_STACKS_BASE, KERNEL_TEXT, USER_INITIAL_PSTATE } from './layout.js';
import { Arm64PtRegs } from './pt-regs.js';
import { Arm64SignalDelivery, cpuUserRegs, NR_RT_SIGRETURN_ARM64 } from './signal-delivery.js';
import { MachinePanic, runMachine, scheduleNextThread, type ScheduleHooks, type SlicedMachine } from '../schedule-loop.js';

export interface Arm64MachineOptions {
  cpu: Arm64Cpu;
  ram: PhysicalRam;
  tables: PageTableEditor;
  entry: Arm64EntryImage;
  /** A DataView of guest RAM (PhysicalMemory.view): pt_regs are then read in place. */
  ramView?: DataView;
  kernelOptions?: Omit<KernelOptions, 'newAddressSpace' | 'arch'>;
}

/** MachineStats with the ARM64 names of its counters. */
export interface Arm64MachineStats extends MachineStats {
  arch: 'arm64';
  /** EL0 / EL1 instructions are userInstructions / kernelInstructions; TTBR0/TTBR1 writes are cr3Loads. */
  svcCalls: number;
}

interface KernelStack {
  base: bigint;
  top: bigint;
  frames: number[];
  /** The pt_regs frame entry.s builds at the top of the stack: its virtual address as int32
   *  halves (what x1 holds at `hvc #0`) and its physical address in guest RAM. */
  frameLo: number;
  frameHi: number;
  framePhys: number;
}

/** ESR_EL1.EC values the fault path understands (Arm ARM D19.2.37). */
const EC = { UNKNOWN: 0x00, IABT_LOW: 0x20, PC_ALIGN: 0x22, DABT_LOW: 0x24, SP_ALIGN: 0x26, BRK64: 0x3c } as const;

export class Arm64Machine {
  readonly cpu: Arm64Cpu;
  readonly kernel: Kernel;
  readonly entry: Arm64EntryImage;
  /** The kernel-half root (TTBR1_EL1). */
  readonly kernelRoot: number;
  readonly vm: KernelVirtualMemory;
  private readonly ram: PhysicalRam;
  private readonly tables: PageTableEditor;
  private readonly stacks = new Map<Thread, KernelStack>();
  private readonly deadStacks: KernelStack[] = [];
  private readonly freeStackSlots: bigint[] = [];
  private nextStackSlot = 0;
  private current: Thread | null = null;
  private firstProcess: Process | null = null;
  private firstStatus: ExitStatus | null = null;
  private stopReason: MachineStop | null = null;
  private readonly syscallCounts = new SyscallCounts('arm64');
  private svcCalls = 0;
  /** Scratch for the syscall hot path: x0–x5 as (lo, hi) halves, and the result. */
  private readonly argHalves = new Int32Array(12);
  private readonly resultHalves = new Int32Array(2);
  private readonly ramView: DataView | null;
  /** Signal handlers: frames on return to EL0, rt_sigreturn (signal-delivery.ts). */
  private readonly signals: Arm64SignalDelivery;

  constructor(options: Arm64MachineOptions) {
    this.cpu = options.cpu;
    this.entry = options.entry;
    this.ram = options.ram;
    this.tables = options.tables;
    this.ramView = options.ramView ?? null;
    const root = this.tables.createRoot();
    if (root === null) throw new KernelMemoryError('out of guest RAM for the kernel page tables');
    this.kernelRoot = root;
    this.vm = new KernelVirtualMemory(this.ram, this.tables, root);
    this.mapEntryText();
    this.kernel = new Kernel({
      ...options.kernelOptions,
      newAddressSpace: (arch) => {
        if (arch !== 'arm64') throw new KernelMemoryError(`an ARM64 machine cannot run ${arch} processes`);
        const userRoot = this.tables.createRoot();
        if (userRoot === null) throw new KernelMemoryError('out of guest RAM for page tables (raise --max-memory)');
        return new UserAddressSpace(this.ram, this.tables, userRoot);
      },
      arch: {
        onTlsChange: (t) => this.tlsChanged(t),
        userStackPointer: (t) => {
          const stack = this.stacks.get(t);
          return stack ? this.ptRegsOf(t, this.ptRegsAddress(stack)).sp : 0n;
        },
      },
    });
    this.kernel.onExit = (proc, status) => this.processExited(proc, status);
    this.signals = new Arm64SignalDelivery({ kernel: this.kernel, cpu: this.cpu, scheduleNext: () => this.scheduleNext() });
    this.kernel.archExecThread = (thread, entry, sp) => this.execThread(thread, entry, sp);
    this.kernel.archCloneThread = (parent, child, opts) => this.cloneThread(parent, child, opts);
    // CNTVCT_EL0 counts at CNTFRQ_EL0 on the kernel's monotonic clock.
    const freq = this.cpu.cntfrq;
    this.cpu.counterSource = () => (this.kernel.clock.monotonicNs() * freq) / 1_000_000_000n;
    this.programCpu();
  }

  private mapEntryText(): void {
    if (this.entry.base !== KERNEL_TEXT) throw new KernelMemoryError('entry image must be placed at KERNEL_TEXT');
    const pages = Math.max(1, Math.ceil(this.entry.text.length / PAGE));
    this.vm.mapFresh(KERNEL_TEXT, pages, { read: true, write: true, exec: true });
    this.vm.write(KERNEL_TEXT, this.entry.text);
    for (let i = 0; i < pages; i++) {
      this.tables.protect(this.kernelRoot, KERNEL_TEXT + BigInt(i * PAGE), { read: true, write: false, exec: true, user: false });
    }
  }

  /** Boot: TTBR1_EL1 = the kernel half, VBAR_EL1 = the vector table, EL1h. */
  private programCpu(): void {
    const cpu = this.cpu;
    cpu.setTtbr1(BigInt(this.kernelRoot));
    cpu.vbar = this.entry.labels.vectors;
    cpu.setExceptionLevel(1);
    cpu.hypercall = () => this.onHypercall();
  }

  private allocKernelStack(): KernelStack {
    const base = this.freeStackSlots.pop() ?? KERNEL_STACKS_BASE + BigInt(this.nextStackSlot++) * KERNEL_STACK_STRIDE;
    const frames = this.vm.mapFresh(base, KERNEL_STACK_SIZE / PAGE, { read: true, write: true, exec: false });
    const top = base + BigInt(KERNEL_STACK_SIZE);
    const size = this.entry.constants.PT_REGS_SIZE;
    const frame = BigInt.asUintN(64, top - BigInt(size));
    return {
      base, top, frames,
      frameLo: Number(frame & 0xffffffffn) | 0,
      frameHi: Number(frame >> 32n) | 0,
      framePhys: frames[frames.length - 1]! + PAGE - size, // the frame lies in the stack's last page
    };
  }

  private freeKernelStack(stack: KernelStack): void {
    for (let i = 0; i < stack.frames.length; i++) {
      this.tables.unmap(this.kernelRoot, stack.base + BigInt(i * PAGE));
      this.ram.freeFrame(stack.frames[i]!);
    }
    this.freeStackSlots.push(stack.base);
  }

  /** The pt_regs at `address` (x1 of the hvc). The frame entry.s builds sits at the top of the
   *  thread's stack, in its last page, so it is read in place through that frame's physical
   *  address; any other address goes through the kernel page tables. */
  private ptRegsOf(thread: Thread, address: bigint): Arm64PtRegs {
    const stack = this.stacks.get(thread);
    if (this.ramView && stack && address === this.ptRegsAddress(stack)) {
      const offset = stack.frames[stack.frames.length - 1]! + PAGE - this.entry.constants.PT_REGS_SIZE;
      return new Arm64PtRegs(this.vm, address, this.entry.constants, { view: this.ramView, offset });
    }
    return new Arm64PtRegs(this.vm, address, this.entry.constants);
  }

  private ptRegsAddress(stack: KernelStack): bigint {
    return stack.top - BigInt(this.entry.constants.PT_REGS_SIZE);
  }

  /** Loads `image` as a new process and prepares its first `eret` to EL0: a pt_regs frame with
   *  pc = the entry point, sp = the loader's stack, PSTATE = EL0t, every register 0 (Linux
   *  start_thread()). */
  spawn(image: Uint8Array, argv: readonly string[], envp: readonly string[], execfn?: string): { process: Process; thread: Thread } {
    const { process, thread, entry, sp } = this.kernel.spawn(image, argv, envp, {
      arch: 'arm64',
      ...(execfn !== undefined ? { execfn } : {}),
    });
    this.firstProcess ??= process;
    const stack = this.allocKernelStack();
    this.stacks.set(thread, stack);
    Arm64PtRegs.writeInitial(this.vm, this.ptRegsAddress(stack), this.entry.constants, entry, sp, USER_INITIAL_PSTATE);
    return { process, thread };
  }

  /** clone(2) for a thread (Kernel.archCloneThread): the child gets its own kernel stack with a
   *  copy of the parent's pt_regs, so it resumes at EL0 right after the parent's `svc #0` (pc =
   *  ELR_EL1 saved there) with x0 = 0 (clone returns 0 in the child), sp = the new stack when one
   *  is given, and TPIDR_EL0 = the TLS argument with CLONE_SETTLS, else the parent's current one
   *  (Linux arch/arm64/kernel/process.c copy_thread: childregs->regs[0] = 0, childregs->sp =
   *  stack_start, tp_value = tls). enterFresh() loads TPIDR_EL0 from child.tls. */
  cloneThread(parent: Thread, child: Thread, opts: { stack?: bigint; tls?: bigint } = {}): void {
    const parentStack = this.stacks.get(parent);
    if (!parentStack) throw new KernelMemoryError(`thread ${parent.tid} has no kernel stack`);
    const C = this.entry.constants;
    const frame = this.vm.read(this.ptRegsAddress(parentStack), C.PT_REGS_SIZE);
    const regs = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    regs.setBigUint64(C.S_X0, 0n, true);
    if (opts.stack !== undefined && opts.stack !== 0n) regs.setBigUint64(C.S_SP, BigInt.asUintN(64, opts.stack), true);
    const stack = this.allocKernelStack();
    this.stacks.set(child, stack);
    this.vm.write(this.ptRegsAddress(stack), frame);
    child.tls = opts.tls ?? (parent === this.current ? this.cpu.tpidr0 : parent.tls);
    child.cpuContext = null;
  }

  /** The arch half of execve(2) (Linux start_thread()): the calling thread, inside its
   *  execve, gets a fresh pt_regs — pc = entry, sp = sp, PSTATE = EL0t, x0–x30 = 0 — and
   *  TTBR0_EL1 = the new address space's root; TPIDR_EL0 = 0. The `eret` that ends the call
   *  enters the new image. */
  execThread(thread: Thread, entry: bigint, sp: bigint): void {
    const stack = this.stacks.get(thread);
    if (!stack) throw new KernelMemoryError(`thread ${thread.tid} has no kernel stack`);
    Arm64PtRegs.writeInitial(this.vm, this.ptRegsAddress(stack), this.entry.constants, entry, sp, USER_INITIAL_PSTATE);
    thread.tls = 0n;
    if (thread === this.current) {
      this.cpu.setTtbr0(BigInt((thread.process.mm.backend as UserAddressSpace).root));
      this.cpu.tpidr0 = 0n;
    }
  }

  /** Runs until the first process spawned ends (or the limit, a deadlock, a panic), in time
   *  slices as the x86-64 machine does (arch/schedule-loop.ts `runTimeSliced`): preemption only
   *  at EL0, where a timer interrupt would find the thread, never inside the entry code. */
  run(options: { maxInstructions?: number | null } = {}): MachineStop {
    const start = () => {
      if (this.current === null) this.scheduleNext();
    };
    return runMachine(this.kernel, this.sliced, options.maxInstructions ?? null, start) ?? this.stopReason!;
  }

  /** This machine as the time-sliced run loop sees it. */
  private readonly sliced: SlicedMachine = {
    retired: () => this.cpu.counters.retiredUser + this.cpu.counters.retiredKernel,
    atUserLevel: () => this.cpu.el === 0,
    current: () => this.current,
    stopped: () => this.stopReason !== null,
    preempt: () => this.preempt(),
    chargeCpuTime: () => this.chargeCpuTime(),
    runFor: (budget) => {
      const r = this.cpu.run(budget);
      if (r.kind === 'shutdown') this.panic(`recursive exception at EL1 (EC 0x${r.vector.toString(16)}) at ${this.where(this.cpu.elr)}`);
      else if (r.kind === 'halt') this.panic(`wfi at EL1 at ${this.where(this.cpu.pc)}`);
    },
  };

  /** The running thread's quantum is over: it goes to the back of the run queue with its whole
   *  CPU context. The switch clears the exclusive monitor, as the exception entry and return
   *  of a real timer interrupt would (Arm ARM D1.11 / B2.9.5: an ERET clears the local monitor),
   *  so a LDXR/STXR pair cut by a switch fails and retries. */
  private preempt(): void {
    const t = this.current;
    if (!t) return;
    this.chargeCpuTime();
    t.cpuContext = this.cpu.saveContext();
    this.cpu.monitorSet = 0;
    this.scheduleNext();
  }

  stats(): Arm64MachineStats {
    const c = this.cpu.counters;
    return {
      arch: 'arm64',
      userInstructions: c.retiredUser,
      kernelInstructions: c.retiredKernel,
      modeSwitches: c.modeSwitches,
      cr3Loads: c.ttbrLoads,
      tlbFlushes: c.tlbFlushes,
      tlbPageInvalidations: c.tlbPageInvalidations,
      exceptions: c.exceptions,
      hypercalls: c.hypercalls,
      syscalls: namedSyscallCounts([this.syscallCounts]),
      svcCalls: this.svcCalls,
    };
  }

  // ---- the door from the entry code ----

  /** User instructions already charged to threads (chargeCpuTime). */
  private chargedUser = 0;

  /** Adds the EL0 instructions retired since the last charge to the running thread: its CPU
   *  time (times, getrusage, the CPU clocks, ITIMER_VIRTUAL/PROF), as the x86-64 machine does. */
  private chargeCpuTime(): void {
    const retired = this.cpu.counters.retiredUser;
    if (this.current) this.current.userInstructions += retired - this.chargedUser;
    this.chargedUser = retired;
  }

  private onHypercall(): void {
    const cpu = this.cpu;
    const C = this.entry.constants;
    this.chargeCpuTime();
    try {
      const R = cpu.R;
      const request = R[0]! >>> 0; // x0 (low word): the request
      // The hot path, every system call: x1 is the current thread's own pt_regs frame, read and
      // written in place in guest RAM as 32-bit halves — no BigInt, no allocation.
      const thread0 = this.current;
      if (request === C.HC_SYSCALL && thread0 !== null && this.ramView !== null) {
        const stack = this.stacks.get(thread0);
        if (stack !== undefined && R[2] === stack.frameLo && R[3] === stack.frameHi) {
          this.syscallInPlace(thread0, this.ramView, stack.framePhys);
          return;
        }
      }
      if (request === C.HC_KERNEL_FAULT || request === C.HC_BAD_VECTOR) {
        const esr = cpu.getReg(1);
        this.panic(
          `${request === C.HC_BAD_VECTOR ? 'unexpected vector' : 'exception at EL1'} (ESR 0x${esr.toString(16)}, EC 0x${(esr >> 26n).toString(16)}) at ${this.where(cpu.getReg(2))}, FAR 0x${cpu.far.toString(16)}`,
        );
      }
      const thread = this.current;
      if (thread === null) this.panic('hvc with no current thread');
      const regs = this.ptRegsOf(thread, cpu.getReg(1));
      if (request === C.HC_SYSCALL) this.syscall(thread, regs);
      else if (request === C.HC_EXCEPTION) this.exception(thread, regs, Number(cpu.getReg(2) & 0xffffffffn), cpu.getReg(3));
      else this.panic(`unknown hvc request ${request} at ${this.where(cpu.pc)}`);
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

  /** syscall() on the frame at `at` in guest RAM (`v`): the number (syscallno, a C `int` as
   *  invoke_syscall's `scno`), x0–x5 as halves, the result into regs[0]. */
  private syscallInPlace(thread: Thread, v: DataView, at: number): void {
    const C = this.entry.constants;
    this.svcCalls++;
    const n = v.getInt32(at + C.S_SYSCALLNO, true);
    this.syscallCounts.add(n);
    if (n === NR_RT_SIGRETURN_ARM64) {
      this.signals.sigreturn(thread, this.ptRegsOf(thread, this.ptRegsAddress(this.stacks.get(thread)!)));
      return;
    }
    const h = this.argHalves;
    const x0 = at + C.S_X0;
    for (let i = 0; i < 12; i++) h[i] = v.getInt32(x0 + 4 * i, true);
    const r = this.resultHalves;
    const out = this.kernel.handleSyscallHalves(thread, 'arm64', n, h, r);
    if (out === 'return') {
      v.setInt32(x0, r[0]!, true);
      v.setInt32(x0 + 4, r[1]!, true);
      if (Arm64SignalDelivery.hasPending(thread)) this.signals.deliver(thread, this.ptRegsOf(thread, this.ptRegsAddress(this.stacks.get(thread)!)));
    } else if (out === 'blocked') {
      thread.cpuContext = this.cpu.saveContext();
      this.scheduleNext();
    } else this.scheduleNext();
  }

  private syscall(thread: Thread, regs: Arm64PtRegs): void {
    this.svcCalls++;
    const n = regs.syscallNumber();
    this.syscallCounts.add(n);
    if (n === NR_RT_SIGRETURN_ARM64) {
      this.signals.sigreturn(thread, regs);
      return;
    }
    // x0–x5 and the result as 32-bit halves: no BigInt on the way (Kernel.handleSyscallHalves).
    regs.argumentHalves(this.argHalves);
    const r = this.resultHalves;
    const out = this.kernel.handleSyscallHalves(thread, 'arm64', n, this.argHalves, r);
    if (out === 'return') {
      regs.setXHalves(0, r[0]!, r[1]!);
      if (Arm64SignalDelivery.hasPending(thread)) this.signals.deliver(thread, regs);
    } else if (out === 'blocked') {
      thread.cpuContext = this.cpu.saveContext();
      this.scheduleNext();
    } else this.scheduleNext();
  }

  /** A synchronous exception from EL0 other than SVC: the fault → signal path (Linux
   *  arch/arm64/mm/fault.c do_mem_abort, traps.c do_undefinstr / do_sp_pc_abort / brk). */
  private exception(thread: Thread, regs: Arm64PtRegs, esr: number, far: bigint): void {
    const pc = regs.pc;
    if ((regs.pstate & 0xfn) !== 0n) this.panic(`exception from EL1 routed to el0_sync at ${this.where(pc)} (ESR 0x${esr.toString(16)})`);
    const ec = esr >>> 26;
    let fault: FaultInfo;
    switch (ec) {
      case EC.DABT_LOW:
        // ISS WnR (bit 6): the access was a write (D19.2.37, ISS encoding for a data abort).
        fault = { kind: 'page', addr: far, access: esr & (1 << 6) ? 'write' : 'read' };
        break;
      case EC.IABT_LOW:
        fault = { kind: 'page', addr: far, access: 'exec' };
        break;
      case EC.PC_ALIGN:
        fault = { kind: 'align', addr: far };
        break;
      case EC.SP_ALIGN:
        fault = { kind: 'align', addr: regs.sp };
        break;
      case EC.BRK64:
        fault = { kind: 'bp', pc };
        break;
      default:
        fault = { kind: 'undef', pc };
    }
    const out = this.kernel.handleFault(thread, fault);
    if (out.kind === 'retry') return;
    if (out.kind === 'signal') {
      // A handler is installed: its frame is built now, with fault_address and the ESR.
      this.signals.recordException(thread, esr, far);
      this.signals.deliver(thread, regs);
      return;
    }
    this.scheduleNext();
  }

  // ---- scheduling ----

  private scheduleNext(): void {
    scheduleNextThread<Arm64Context>(this.kernel, this.scheduleHooks);
  }

  private readonly scheduleHooks: ScheduleHooks<Arm64Context> = {
    stop: (reason) => this.stop(reason),
    firstStatus: () => this.firstStatus,
    switchTo: (t) => this.switchTo(t),
    completeResumed: (t, value) => {
      const regs = this.ptRegsOf(t, this.ptRegsAddress(this.stacks.get(t)!));
      regs.setX(0, value);
      if (Arm64SignalDelivery.hasPending(t)) this.signals.deliver(t, regs);
    },
  };

  private switchTo(t: Thread): void {
    if (this.current !== t) {
      this.chargeCpuTime();
      const stack = this.stacks.get(t);
      if (!stack) this.panic(`thread ${t.tid} has no kernel stack`);
      const userSpace = t.process.mm.backend as UserAddressSpace;
      const saved = t.cpuContext as Arm64Context | null;
      if (saved) this.cpu.restoreContext(saved);
      else this.enterFresh(t, stack, userSpace.root);
      this.current = t;
    }
    for (const s of this.deadStacks.splice(0)) this.freeKernelStack(s);
    // A caught signal for a thread coming back other than from a system call (after a time
    // slice, or for its first run) runs its handler now, as Linux does on any return to user.
    if (!t.parked && Arm64SignalDelivery.hasPending(t)) this.deliverOnResume(t);
  }

  /** deliverOnResume: at EL0 (a preempted thread) the frame is built from the CPU registers;
   *  a fresh thread is at ret_to_user with its pt_regs. */
  private deliverOnResume(t: Thread): void {
    if (this.cpu.el === 0) {
      this.signals.deliver(t, cpuUserRegs(this.cpu));
      return;
    }
    const stack = this.stacks.get(t);
    if (stack && this.cpu.pc === this.entry.labels.ret_to_user) this.signals.deliver(t, this.ptRegsOf(t, this.ptRegsAddress(stack)));
  }

  /** A thread that never ran: EL1h on its kernel stack at ret_to_user, with its pt_regs. */
  private enterFresh(t: Thread, stack: KernelStack, userRoot: number): void {
    const cpu = this.cpu;
    cpu.setExceptionLevel(1);
    cpu.daif = 0xf;
    cpu.sp = this.ptRegsAddress(stack);
    cpu.setTtbr0(BigInt(userRoot));
    cpu.pc = this.entry.labels.ret_to_user;
    cpu.tpidr0 = t.tls;
  }

  /** The thread pointer changed (clone's CLONE_SETTLS): TPIDR_EL0 of the running thread. */
  private tlsChanged(t: Thread): void {
    if (t !== this.current) return;
    this.cpu.tpidr0 = t.tls;
  }

  private processExited(proc: Process, status: ExitStatus): void {
    if (proc === this.firstProcess) {
      // The first process ended: the run is over, as a shell's wait for it returns (children
      // still running end with the machine), the same rule as the x86-64 machine.
      this.firstStatus = status;
      this.stop({ kind: 'exited', status });
    }
    for (const t of proc.threads) {
      const stack = this.stacks.get(t);
      if (stack) {
        this.stacks.delete(t);
        this.deadStacks.push(stack);
      }
    }
    (proc.mm.backend as UserAddressSpace).destroy?.();
  }

  private stop(reason: MachineStop): void {
    this.stopReason ??= reason;
    this.cpu.requestStop(reason.kind);
  }

  private panic(message: string): never {
    this.stop({ kind: 'panic', message });
    throw new MachinePanic(message);
  }

  where(address: bigint): string {
    const sym = this.entry.symbolAt(address);
    return `0x${address.toString(16)}${sym ? ` <${sym}>` : ''}`;
  }
}

