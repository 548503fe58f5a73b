// One `vrun` run: read the image, assemble the machine (x86-64 CPU + entry code + Kernel with
// its file system), spawn the guest with the host's argv/env, run it, and turn the outcome
// into an exit status — the guest's, or 128 + N after signal N.
//
// Exit statuses of vrun itself (the usual shell conventions, env(1) / bash):
//   127  IMAGE does not exist;  126  IMAGE cannot be run (not ELF, wrong machine, dynamic…)
//   152  --max-instructions reached (128 + SIGXCPU: the CPU-time limit signal, setrlimit(2))
//   137  deadlock: every guest thread sleeps forever (reported, then "killed" as by SIGKILL)
//   70   internal error (EX_SOFTWARE, sysexits.h); 2 bad usage.

import { readFileSync, statSync } from 'node:fs';
import {
  attachKernelFileSystem,
  createArm64Machine,
  createX86Machine,
  Kernel,
  KernelFileSystem,
  type MachineStop,
  type Process,
  VvarTimekeeper,
} from '@vsys/kernel';
import { loadImage, LoaderError } from '@vsys/loader';
import { vdsoImage } from '@vsys/vdso';
import { ElfError } from '@vsys/elf';
import { Tracer } from '@vsys/trace';
import type { VrunOptions } from './options.js';
import { formatStats, statsJson } from './stats/format.js';
import { isEntryWatcher, VdsoCallCounter } from './stats/vdso-calls.js';

export interface HostEnvironment {
  cwd: string;
  env: Record<string, string | undefined>;
  /** vrun's own messages (not the guest's fd 2). */
  stderr: (text: string) => void;
  /** Host fds behind the guest's fds 0, 1, 2 (default: vrun's own 0, 1, 2). */
  stdio?: [number, number, number];
  /** Called once the kernel exists, before the guest starts (vstrace attaches its tracer). */
  onKernel?: (kernel: Kernel) => void;
}

export const EXIT_NOT_FOUND = 127;
export const EXIT_CANNOT_EXECUTE = 126;
export const EXIT_INTERNAL = 70;
export const EXIT_INSTRUCTION_LIMIT = 128 + 24; // SIGXCPU
export const EXIT_DEADLOCK = 128 + 9; // SIGKILL

/** The guest's environment: the host's, as "KEY=VALUE" strings, in the host's order. */
export function environmentOf(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${v}`);
}

function readImage(path: string, host: HostEnvironment): Uint8Array | number {
  try {
    const st = statSync(path);
    if (st.isDirectory()) {
      host.stderr(`vrun: ${path}: Is a directory\n`);
      return EXIT_CANNOT_EXECUTE;
    }
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      host.stderr(`vrun: ${path}: No such file or directory\n`);
      return EXIT_NOT_FOUND;
    }
    host.stderr(`vrun: ${path}: ${code === 'EACCES' ? 'Permission denied' : (err as Error).message}\n`);
    return EXIT_CANNOT_EXECUTE;
  }
}

export { formatStats } from './stats/format.js';

/** The machine as vrun drives it (x86-64 or ARM64). */
type GuestMachine = Pick<ReturnType<typeof createX86Machine>, 'kernel' | 'run' | 'stats'>;

export function runVrun(options: VrunOptions, host: HostEnvironment): number {
  const started = startGuest(options, host);
  if (typeof started === 'number') return started;
  const stop = started.run({ maxInstructions: options.maxInstructions });
  return finishGuest(started, stop, options, host);
}

/** Instructions per slice of runVrunSliced: it starts small and adapts (see adjustSlice). */
const SLICE_MIN = 64;
const SLICE_MAX = 1 << 22;
/** Wall time a slice should take (ms): short enough that a control request waits little. */
const SLICE_TARGET_MS = 10;

/** runVrun for `--listen`: the guest runs in slices of instructions with the host's event loop
 *  turning between them (setImmediate), so a control socket can be served while it runs.
 *  `serve(kernel)` starts the server once the kernel exists and returns its close function.
 *  The plain path (runVrun) never pays for this. */
export async function runVrunSliced(
  options: VrunOptions,
  host: HostEnvironment,
  serve: (kernel: Kernel) => Promise<() => Promise<void>>,
): Promise<number> {
  const started = startGuest(options, host);
  if (typeof started === 'number') return started;
  // The guest is spawned but runs no instruction before the server listens.
  const close = await serve(started.kernel);
  try {
    const limit = options.maxInstructions;
    let executed = 0;
    let slice = SLICE_MIN;
    for (;;) {
      const budget = limit === null ? slice : Math.min(slice, limit - executed);
      const began = performance.now();
      const stop = started.run({ maxInstructions: budget });
      if (stop.kind !== 'instruction-limit') return finishGuest(started, stop, options, host);
      executed += stop.executed;
      if (limit !== null && executed >= limit) return finishGuest(started, { kind: 'instruction-limit', executed }, options, host);
      slice = adjustSlice(slice, performance.now() - began);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    await close();
  }
}

/** A slice that took long shrinks in proportion (a guest's nanosleep blocks the host inside
 *  machine.run — machine.ts sleepNs — so a sleeping guest gets slices of few instructions); a
 *  quick one doubles, so a busy guest soon runs in large slices and loses little to the event
 *  loop. */
function adjustSlice(slice: number, ms: number): number {
  if (ms > SLICE_TARGET_MS) return Math.max(SLICE_MIN, Math.floor((slice * SLICE_TARGET_MS) / ms));
  if (ms < SLICE_TARGET_MS / 4) return Math.min(SLICE_MAX, slice * 2);
  return slice;
}

/** Reads the image, builds the machine and kernel, attaches --strace's tracer and spawns the
 *  guest; a number is vrun's exit status when that fails. */
function startGuest(options: VrunOptions, host: HostEnvironment): GuestMachine | number {
  const image = readImage(options.image, host);
  if (typeof image === 'number') return image;

  // The host's cwd is mounted at the same guest path and the guest starts there (design.md,
  // "Filesystem view of a guest"); "/" itself stays the guest's own tmpfs root.
  const mounts = [
    ...(host.cwd !== '/' ? [{ host: host.cwd, guest: host.cwd, readOnly: false }] : []),
    ...options.mounts.map((m) => ({ host: m.host, guest: m.guest, readOnly: m.readOnly })),
  ];
  let kfs: KernelFileSystem;
  try {
    kfs = new KernelFileSystem({ mounts, cwd: host.cwd, ...(host.stdio ? { stdioFds: host.stdio } : {}), ...(options.maxMemory ? { memTotalBytes: options.maxMemory } : {}) });
  } catch (err) {
    host.stderr(`vrun: ${(err as Error).message}\n`);
    return 2;
  }
  // The backend follows the image's e_machine (offset 18): EM_AARCH64 (183) runs on the ARM64
  // CPU, everything else on x86-64 (whose loader reports a wrong machine as exit 126).
  const isArm64 = image.length >= 20 && (image[18]! | (image[19]! << 8)) === 183;
  const createMachine = isArm64 ? createArm64Machine : createX86Machine;
  let timekeeper: VvarTimekeeper | null = null;
  // --stats: counters on the vDSO's entry points (stats/vdso-calls.ts); none without --stats.
  let vdsoCounter: VdsoCallCounter | null = null;
  const machine = createMachine({
    maxMemory: options.maxMemory,
    kernelOptions: {
      ...(options.schedSeed !== undefined ? { schedSeed: options.schedSeed } : {}),
      // Images get their arch's vDSO (+ vvar, kept by the timekeeper below) and AT_SYSINFO_EHDR.
      loadImage: (kernel, proc, bytes, argv, envp, execfn) => {
        const vdso = vdsoImage(isArm64 ? 'arm64' : 'x86_64');
        const loaded = loadImage(kernel, proc, bytes, argv, envp, execfn, vdso ? { vdso } : {});
        if (loaded.vvarBase !== null) timekeeper?.attach(proc.mm, Number(loaded.vvarBase));
        if (vdso && loaded.vdsoBase !== null) vdsoCounter?.watch(vdso, loaded.vdsoBase);
        return loaded;
      },
      vfs: {
        newFiles: (proc: Process) => {
          kfs.setupProcess(proc);
          return proc.files;
        },
        newFsContext: (proc: Process) => proc.fs,
        // mmap of a file (memfd, tmpfs, host files) goes to the file system too.
        mmapFile: (proc: Process, fd: number) => kfs.mmapFile(proc, fd),
      },
      warn: (line) => host.stderr(line),
    },
  });
  attachKernelFileSystem(machine.kernel, kfs);
  if (options.stats && isEntryWatcher(machine.cpu)) {
    vdsoCounter = new VdsoCallCounter(machine.cpu);
    vdsoCounters.set(machine, vdsoCounter);
  }
  // The vDSO's clock: RDTSC counts the kernel clock's nanoseconds; vvar holds the bases. On
  // ARM64, CNTVCT_EL0 already counts the kernel clock at CNTFRQ_EL0 (the machine ties it), so
  // vvar carries the mult/shift for that frequency.
  if (!isArm64) {
    timekeeper = new VvarTimekeeper(machine.kernel.clock, { vdsoClock: options.vdsoClock ?? 'on' });
    const tk = timekeeper;
    (machine.cpu as { tscSource?: (() => bigint) | null }).tscSource = () => tk.counter();
    // RDTSC's fast path: the same nanoseconds as a number (x86-64's counter runs at 1 GHz),
    // from the clock's amortised counter (KernelClock.counterNs).
    const clock = machine.kernel.clock;
    (machine.cpu as { tscSourceNs?: ((retired: number) => number) | null }).tscSourceNs = (retired) => clock.counterNs(retired);
  } else {
    const counterHz = (machine.cpu as { cntfrq: bigint }).cntfrq;
    timekeeper = new VvarTimekeeper(machine.kernel.clock, { vdsoClock: options.vdsoClock ?? 'on', counterHz });
  }
  host.onKernel?.(machine.kernel);
  // --strace: vstrace's default output (a Tracer with default options) on vrun's stderr.
  if (options.strace) {
    machine.kernel.tracer = new Tracer({ write: host.stderr, notice: host.stderr, clock: machine.kernel.clock });
  }

  try {
    machine.spawn(image, [options.image, ...options.args], environmentOf(host.env), options.image);
  } catch (err) {
    if (err instanceof LoaderError || err instanceof ElfError) {
      host.stderr(`vrun: ${options.image}: ${err.message}\n`);
      return EXIT_CANNOT_EXECUTE;
    }
    throw err;
  }
  return machine;
}

/** The vDSO call counters of the machines run with --stats. */
const vdsoCounters = new WeakMap<GuestMachine, VdsoCallCounter>();

/** The outcome of a run as vrun's exit status (and --stats). */
function finishGuest(machine: GuestMachine, stop: MachineStop, options: VrunOptions, host: HostEnvironment): number {
  if (options.stats) {
    const vdso = vdsoCounters.get(machine)?.counts() ?? null;
    host.stderr(options.statsJson ? statsJson(machine.stats(), vdso) : formatStats(machine.stats(), vdso));
  }
  switch (stop.kind) {
    case 'exited':
      return Kernel.exitCode(stop.status);
    case 'instruction-limit':
      host.stderr(`vrun: instruction limit reached (${stop.executed.toLocaleString('en')} instructions)\n`);
      return EXIT_INSTRUCTION_LIMIT;
    case 'deadlock':
      host.stderr('vrun: deadlock: every guest thread is blocked and nothing can wake it\n');
      return EXIT_DEADLOCK;
    case 'panic':
      host.stderr(`vrun: internal error: kernel panic: ${stop.message}\n`);
      return EXIT_INTERNAL;
  }
}
