// Why Cpu.run(budget) returned. Shared by every CPU backend.

export type StopReason =
  /** The instruction budget was used up; call run() again to continue. */
  | { kind: 'budget' }
  /** `hlt` at CPL 0 (x86) / `wfi` at EL1: the CPU waits for an interrupt. RIP is past it. */
  | { kind: 'halt' }
  /** A hook (hypercall, port I/O) asked the CPU to stop with cpu.requestStop(value). */
  | { kind: 'requested'; value: unknown }
  /** A fault occurred while the CPU delivered a double fault (x86 "triple fault"): the machine
   *  shuts down, as real hardware resets. `vector` is the last exception seen. */
  | { kind: 'shutdown'; vector: number; errorCode: number };
